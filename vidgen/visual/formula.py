"""A formula written in words and symbols ('A = P(1 + r/n)^(nt)', 'r = annual rate') as mathtext.

Why a parser and not substitutions: a division has to find its operands the way a reader does
(r over n inside the parenthesis, the parenthesis raised to nt), and a word has to stay a word
(upright, its spaces kept) while a single letter stays an italic variable. Precedence, loosest first:
relations (= ≈ → ...), then + − ±, then products (× · ÷, a spaced '/', and terms side by side), then
an unspaced '/' ('r/n': the glued terms either side), then powers and sub/superscripts.

Words: a run of letters is set upright (\\mathrm) when it reads as a word: three or more letters with
a vowel or all capitals ('rate', 'Atoms', 'SYN'), a short English word ('in', 'or'), a hyphenated word
('SYN-ACK', 'X-ray', '100-year': never a minus) or a name ending in '*' ('A*'). Other runs are products of
variables ('mgh', 'nt', 'nRT'). `to_mathtext` raises FormulaError on anything it cannot read (TeX
already written, unbalanced brackets); the caller keeps the text as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


class FormulaError(ValueError):
    """The text is not a formula this reader can set (the caller keeps it as written)."""


MAX_LENGTH = 200
MAX_DEPTH = 10   # brackets in brackets: a formula a person writes needs a few (the reader recurses per level)
FUNCS = {"sin", "cos", "tan", "log", "ln", "exp", "arg", "sinh", "cosh", "tanh", "lim", "max", "min", "det"}
GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "theta", "lambda", "mu", "pi", "rho", "sigma", "tau", "phi",
         "omega", "Delta", "Gamma", "Lambda", "Omega", "Phi", "Pi", "Sigma", "Theta"}
# short English words that join a formula's words ('Atoms in', 'x = 3 or x = 2'): never products of letters
SHORT_WORDS = {"a", "an", "as", "at", "by", "if", "in", "is", "no", "of", "on", "or", "per", "to", "vs"}
NAMES = {"pH", "pOH", "pKa"}   # named quantities written like products
_SUP = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ", "0123456789+-=()ni", strict=True))
_SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ", "0123456789+-=()aeoxhklmnpst", strict=True))
RELATIONS = {"=": "=", "≈": r"\approx", "≠": r"\neq", "<": "<", ">": ">", "≤": r"\leq", "≥": r"\geq",
             "→": r"\rightarrow", "←": r"\leftarrow", "↔": r"\leftrightarrow", "⇌": r"\rightleftharpoons",
             "∝": r"\propto", ":": ":"}
ADDS = {"+": "+", "-": "-", "−": "-", "±": r"\pm", "∓": r"\mp"}
MULS = {"*": r"\cdot", "×": r"\times", "·": r"\cdot", "÷": r"\div"}
_REFUSED = set("{}\\$#&~@;\"")

_TOKEN = re.compile(
    # (a number joined to a word by a hyphen, '100-year flood', '3-day', is one word: never a minus)
    r"(?P<hword>\d+[-‐][A-Za-zÀ-ÖØ-öø-ÿ]{2,}(?:[-‐][A-Za-zÀ-ÖØ-öø-ÿ]+)*)"
    r"|(?P<num>\d+(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?|\.\d+)"
    # (a word keeps its accented letters: 'Velouté', not 'Velout' and a stray 'é')
    r"|(?P<name>[A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’][a-z]+)?(?:[-‐][A-Za-zÀ-ÖØ-öø-ÿ]+)*\d*(?:\*(?![\w(]))?)"
    r"|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ]+)|(?P<sub>[₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ]+)"
    r"|(?P<space>\s+)|(?P<ch>.)")


@dataclass
class Tok:
    kind: str   # num, name, sup, sub, ch
    text: str
    spaced: bool   # whitespace before it


@dataclass
class Piece:
    tex: str
    word: bool = False          # upright text: side by side with another piece, a space is kept
    inner: str | None = None    # a bracketed group's content, for a fraction or exponent that drops the brackets
    func: bool = False
    last_word: bool = False     # ends in a word (a run of terms side by side)

    def __post_init__(self) -> None:
        self.last_word = self.last_word or self.word


def _tokens(text: str) -> list[Tok]:
    out: list[Tok] = []
    spaced = False
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "ch"
        if kind == "space":
            spaced = True
            continue
        t = m.group()
        kind = "name" if kind == "hword" else kind
        if kind == "name" and re.search(r"[-‐]", t) and not t[0].isdigit():
            parts = re.split(r"[-‐]", t.rstrip("*"))
            if all(len(re.sub(r"\d", "", p)) < 2 for p in parts):   # 'a-b', 'x-y': single letters, a minus
                star = "*" if t.endswith("*") else ""
                for k, p in enumerate(parts):
                    if k:
                        out.append(Tok("ch", "-", False))
                    out.append(Tok("name", p + (star if k == len(parts) - 1 else ""), spaced and not k))
                spaced = False
                continue
        if kind == "ch" and t in _REFUSED:
            raise FormulaError(f"{text!r} has {t!r}, which is not part of a formula written in words")
        out.append(Tok(kind, t, spaced))
        spaced = False
    return out


def is_word(name: str) -> bool:
    """A run of letters read as a word (upright) rather than a product of variables (italic)."""
    if name in NAMES or "*" in name or re.search(r"[-‐'’]", name):
        return True
    letters = re.sub(r"\d+$", "", name)
    if letters.lower() in SHORT_WORDS and len(letters) >= 2:
        return True
    if len(letters) < 3 or re.search(r"[a-z][A-Z]", letters):   # 'nt', 'mc', 'nRT': letters multiplied
        return False
    return bool(re.search(r"[aeiouyAEIOUY]", letters)) or letters.isupper()


_UPRIGHT = r"\mathrm{"


def _word(name: str) -> str:
    body = name.replace("’", "'").replace("'", "’").replace("-", "‐").replace(" ", r"\ ")
    return _UPRIGHT + body.replace("*", "{*}") + "}"


class _Reader:
    def __init__(self, toks: list[Tok]):
        self.toks, self.i = toks, 0
        self.inside: list[str] = []   # the brackets open around the reader: '(' '[' or '|'

    def peek(self, k: int = 0) -> Tok | None:
        return self.toks[self.i + k] if self.i + k < len(self.toks) else None

    def at(self, *texts: str) -> bool:
        t = self.peek()
        return t is not None and t.kind == "ch" and t.text in texts

    def take(self) -> Tok:
        t = self.peek()
        if t is None:
            raise FormulaError("the formula ends too early")
        self.i += 1
        return t

    def expect(self, text: str) -> None:
        if not self.at(text):
            raise FormulaError(f"expected {text!r}")
        self.i += 1

    # ---- levels, loosest first ----
    def sequence(self, close: str | None = None) -> str:
        parts = [self.relation()]
        while self.at(","):
            self.take()
            parts.append(self.relation())
        if close is None and self.peek() is not None:
            raise FormulaError(f"unexpected {self.peek().text!r}")  # type: ignore[union-attr]
        return r",\ ".join(parts)

    def relation(self) -> str:
        # a line may start at its relation ('≈ 0.7% of votes'), and a label may lead it ('moving away: ...')
        out = f"{RELATIONS[self.take().text]} " if self.at(*RELATIONS) and not self.at(":") else ""
        out += self.sum()
        while self.at(*RELATIONS) or (self.at("|") and self.inside[-1:] in (["("], ["["])):
            mark = self.take().text
            if mark == ":":   # a label's colon is punctuation, not a ratio
                out += r"\colon\ " + self.sum()
                continue
            op = r"\mid" if mark == "|" else RELATIONS[mark]
            out += f" {op} {self.sum()}"
        return out

    def sum(self) -> str:
        out = ""
        if self.at(*ADDS):
            out = ADDS[self.take().text]
        out += self.product().tex
        while self.at(*ADDS):
            op = ADDS[self.take().text]
            out += f" {op} {self.product().tex}"
        return out

    def product(self) -> Piece:
        acc = self.tight()
        while True:
            t = self.peek()
            if t is None:
                return acc
            if t.kind == "ch" and t.text in MULS:
                self.take()
                nxt = self.tight()
                acc = Piece(f"{acc.tex} {MULS[t.text]} {nxt.tex}")
            elif t.kind == "ch" and t.text == "/":    # spaced: the product so far over the next term
                self.take()
                acc = Piece(_frac(acc, self._over()))
            elif self._starts_atom(t):
                number = self.toks[self.i - 1].kind in ("num", "sup") and t.kind == "name"   # "9.8 N", "10⁸ m/s": units
                nxt = self.tight()
                sep = r"\ " if (acc.last_word or nxt.word) else (r"\," if nxt.func or number else " ")
                if acc.last_word and nxt.word and acc.tex.endswith("}") and nxt.tex.startswith(_UPRIGHT):
                    # words in a row are one upright run: \mathrm{annual\ rate}, as a person would write it
                    acc = Piece(acc.tex[:-1] + sep + nxt.tex[len(_UPRIGHT):], word=acc.word, last_word=True)
                    continue
                acc = Piece(f"{acc.tex}{sep}{nxt.tex}", word=acc.word and nxt.word, last_word=nxt.word)
            else:
                return acc

    def _over(self) -> Piece:
        """What a spaced '/' divides by: the next term, with the words of its phrase ('speed of sound') or the unit
        of its number ('1,062 km/h'): 'aircraft speed / speed of sound' is not (aircraft speed / speed) of sound."""
        bottom = self.tight()
        while (n := self.peek()) is not None and n.spaced and n.kind == "name" and self._starts_atom(n) and (
                bottom.last_word and (is_word(n.text) or n.text.lower() in SHORT_WORDS)
                or self.toks[self.i - 1].kind == "num"):
            unit = self.toks[self.i - 1].kind == "num"
            nxt = self.tight()
            if bottom.last_word and nxt.word and bottom.tex.endswith("}") and nxt.tex.startswith(_UPRIGHT):
                bottom = Piece(bottom.tex[:-1] + r"\ " + nxt.tex[len(_UPRIGHT):], word=bottom.word, last_word=True)
            else:
                sep = r"\," if unit else r"\ "
                bottom = Piece(f"{bottom.tex}{sep}{nxt.tex}", last_word=nxt.word)
        return bottom

    def tight(self) -> Piece:
        acc = self.glued()
        while self.at("/") and not self.peek().spaced and (n := self.peek(1)) is not None and not n.spaced:  # type: ignore[union-attr]
            self.take()
            acc = Piece(_frac(acc, self.glued()))
        return acc

    def glued(self) -> Piece:
        parts = [self.power()]
        while (t := self.peek()) is not None and not t.spaced and self._starts_atom(t):
            parts.append(self.power())
        if len(parts) == 1:
            return parts[0]
        tex = ""
        for k, p in enumerate(parts):
            if k and (p.word or parts[k - 1].word):
                tex += r"\ "
            elif k and p.func:
                tex += r"\,"
            tex += p.tex
        return Piece(tex, word=all(p.word for p in parts), last_word=parts[-1].word)

    def power(self) -> Piece:
        base = self.postfix()
        while self.at("^", "_"):
            mark = self.take().text
            base = Piece(f"{base.tex}{mark}{{{self._script()}}}", word=False)
            base = self._suffixes(base)
        return base

    def _script(self) -> str:
        sign = ADDS[self.take().text] if self.at("+", "-", "−") else ""
        p = self.postfix()
        return sign + (p.inner if p.inner is not None else p.tex)

    def postfix(self) -> Piece:
        return self._suffixes(self.atom())

    def _suffixes(self, p: Piece) -> Piece:
        while (t := self.peek()) is not None and not t.spaced:
            if t.kind == "sup":
                p = Piece(f"{p.tex}^{{{''.join(_SUP[c] for c in self.take().text)}}}")
            elif t.kind == "sub":
                p = Piece(f"{p.tex}_{{{''.join(_SUB[c] for c in self.take().text)}}}")
            elif t.kind == "ch" and t.text in "°!′%":
                c = self.take().text
                p = Piece(p.tex + {"°": r"^\circ", "%": r"\%", "′": "'"}.get(c, c), word=p.word)
            else:
                break
        return p

    def _starts_atom(self, t: Tok) -> bool:
        if t.kind == "ch" and t.text == "|":   # after a term, a bar closes |x| or means 'given' in P(A | B)
            return not self.inside
        return t.kind in ("num", "name") or (t.kind == "ch" and (t.text in "([√" or not re.match(
            r"[\x00-\x7f]", t.text) and t.text not in RELATIONS and t.text not in ADDS and t.text not in MULS
            and t.text != "′"))

    def atom(self) -> Piece:
        t = self.take()
        if t.kind == "num":
            return Piece(t.text.replace(",", "{,}"))
        if t.kind == "name":
            return self._name(t.text)
        if t.kind == "ch" and t.text in "([":
            close = ")" if t.text == "(" else "]"
            self.inside.append(t.text)
            if len(self.inside) > MAX_DEPTH:
                raise FormulaError("the formula nests too deeply")
            inner = self.sequence(close)
            self.inside.pop()
            self.expect(close)
            return Piece(f"{t.text}{inner}{close}", inner=inner)
        if t.kind == "ch" and t.text == "|":
            self.inside.append("|")
            if len(self.inside) > MAX_DEPTH:
                raise FormulaError("the formula nests too deeply")
            inner = self.relation()
            self.inside.pop()
            self.expect("|")
            return Piece(f"|{inner}|")
        if t.kind == "ch" and t.text == "√":
            arg = self.postfix()
            return Piece(rf"\sqrt{{{arg.inner if arg.inner is not None else arg.tex}}}")
        if t.kind == "ch" and self._starts_atom(t):
            return Piece(t.text)   # a symbol of its own: ½, ∫, ∞, θ
        raise FormulaError(f"unexpected {t.text!r}")

    def _name(self, name: str) -> Piece:
        if name == "sqrt" and self.at("("):
            arg = self.atom()
            return Piece(rf"\sqrt{{{arg.inner}}}")
        if name in FUNCS:
            head = self._suffixes(Piece(rf"\{name}")).tex
            while self.at("_", "^"):   # log_b(x), sin^2 x
                head += f"{self.take().text}{{{self._script()}}}"
            t = self.peek()
            if t is not None and t.kind == "ch" and t.text in "([" and not t.spaced:
                return Piece(head + self.atom().tex, func=True)
            if t is not None and self._starts_atom(t) and not (t.kind == "name" and is_word(t.text)):
                return Piece(f"{head} {self.glued().tex}", func=True)
            return Piece(head, func=True)
        if name in GREEK:
            return Piece(rf"\{name}")
        if is_word(name) and (name.lower() not in SHORT_WORDS or self._among_words()):
            return Piece(_word(name), word=True)
        m = re.fullmatch(r"([A-Za-z]+?)(\d+)", name)
        if m:   # z1 -> z_1, the last letter's index
            return Piece(f"{m[1]}_{{{m[2]}}}")
        return Piece(name)


    def _among_words(self) -> bool:
        """A short word ('in', 'or', 'at') is one only set apart among words or numbers ('Atoms in', '3 or x'):
        'at²' and 'v = at' are a times t."""
        before = self.toks[self.i - 2] if self.i >= 2 else None
        after, me = self.peek(), self.toks[self.i - 1]

        def wordish(t: Tok | None) -> bool:
            return t is not None and (t.kind == "num" or t.kind == "name" and is_word(t.text)
                                      and t.text.lower() not in SHORT_WORDS)

        apart = me.spaced or before is None
        if after is not None and not after.spaced:
            return False
        between = before is not None and after is not None and self._starts_atom(before) and self._starts_atom(after)
        return apart and (wordish(before) or wordish(after) or between)


def _frac(top: Piece, bottom: Piece) -> str:
    a = top.inner if top.inner is not None else top.tex
    b = bottom.inner if bottom.inner is not None else bottom.tex
    return rf"\frac{{{a}}}{{{b}}}"


def to_mathtext(text: str) -> str:
    """The formula as mathtext, without the enclosing dollars: 'r/n' -> '\\frac{r}{n}'. FormulaError if unread."""
    s = " ".join(text.split())
    # (as LaTeX writes them, 'x_{n+1}' and "f'(x)": a group in braces is one in brackets, an ASCII prime a prime)
    s = re.sub(r"(?<=\b[A-Za-z])'(?='*\()", "′", re.sub(r"([_^])\{([^{}]{1,12})\}", r"\1(\2)", s))
    if not s or len(s) > MAX_LENGTH:
        raise FormulaError("the formula is empty or too long")
    reader = _Reader(_tokens(s))
    out = reader.sequence()
    return out
