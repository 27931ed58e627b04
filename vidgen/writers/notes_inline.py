"""A paragraph's inline tokens (markdown-it) as the words a reader sees: text, formulas, inline HTML.

`2<sup>n − 1</sup>` is a power, not "2n − 1": the narration says `2^(n − 1)` (the voice reads
"2 to the power of n minus 1") and the picture gets the TeX `2^{n-1}`, with the numbers around it
("−(2<sup>n − 1</sup>) to 2<sup>n − 1</sup> − 1" is one formula, a range). `H<sub>2</sub>O` is
H₂O. A `<sup>` holding a link or a bare number after punctuation is a footnote marker and is not
read; `1<sup>st</sup>` is an ordinal. `<br>` is a space; `<del>` text is not read; an `<img>`
is counted as skipped; every other tag is transparent (its text is read, the tag is not).
Entities (`&mdash;`, `&lt;`) arrive decoded from markdown-it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

MARK = "\ue000"  # private use: marks where a formula ended, so it can be found again after splitting
MARK_BASE = 0xE100
MARK_RE = re.compile(f"{MARK}(.)")
_PH_BASE = 0xF0000  # a <sup>/<sub> waiting to be joined into its formula (plane 15, private use)
_PH = "[\U000f0000-\U000f0fff]"
_URL = re.compile(r"\b(?:https?://|www\.)([^\s/)>\]]+)[^\s)>\]]*")
_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][\w-]*)([^>]*?)/?\s*>", re.S)
_CLASS = re.compile(r"""\bclass\s*=\s*["']?([\w -]+)""")
_ORDINALS = {"st", "nd", "rd", "th", "e", "er", "re", "eme", "ème", "o", "a", "º", "ª"}
_NOT_READ = {"del", "s", "strike", "script", "style", "template", "rp", "rt"}

SYMBOLS = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
           "theta": "θ", "lambda": "λ", "mu": "μ", "nu": "ν", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ",
           "phi": "φ", "varphi": "φ", "omega": "ω", "Delta": "Δ", "Sigma": "Σ", "Omega": "Ω", "Gamma": "Γ",
           "Pi": "Π", "Phi": "Φ", "Lambda": "Λ", "cdot": "·", "times": "×", "div": "÷", "pm": "±", "approx": "≈",
           "neq": "≠", "ne": "≠", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "infty": "∞", "to": "→",
           "rightarrow": "→", "Rightarrow": "⇒", "implies": "⇒", "sum": "Σ", "int": "∫", "partial": "∂",
           "nabla": "∇", "sqrt": "√", "circ": "°", "degree": "°", "in": "∈", "propto": "∝", "hbar": "ħ",
           "top": "T", "intercal": "T", "ldots": "…", "dots": "…", "cdots": "⋯"}
_TEX = {"−": "-", "–": "-", "×": r"\times ", "·": r"\cdot ", "≤": r"\leq ", "≥": r"\geq ", "≈": r"\approx ",
        "±": r"\pm ", "≠": r"\neq ", "∞": r"\infty ", "*": r"\ast ",
        **{v: f"\\{k} " for k, v in SYMBOLS.items() if k.isalpha() and len(v) == 1 and "α" <= v.lower() <= "ω"}}
_SUBSCRIPT = str.maketrans("0123456789+-−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎")


def speak_math(tex: str) -> str:
    """`\\frac{1}{2} m v^2` -> `1/2 m v^2`: the formula's own characters, without TeX markup or $ signs.

    Captions show this text and the voice reads it, so it keeps the symbols a reader knows.
    """
    # markup that styles a symbol (bold, blackboard, accents) is not said: \boldsymbol\beta is β
    s = re.sub(r"\\(?:left|right|displaystyle|textstyle|mathrm|mathbf|mathit|mathsf|mathtt|mathcal|mathbb|boldsymbol|"
               r"bm|operatorname|text|vec|hat|widehat|tilde|widetilde|dot|ddot|bar|overline|underline)(?![A-Za-z])",
               "", tex)
    s = re.sub(r"\\[,;:! ]|\\q?quad\b|&", " ", s)
    s = s.replace("\\\\", " ")
    for _ in range(4):  # nested fractions, innermost first
        s = re.sub(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}",
                   lambda m: f"{_group(m[1])}/{_group(m[2])}", s)
        s = re.sub(r"\\sqrt\s*\{([^{}]*)\}", lambda m: f"√{_group(m[1])}", s)
    s = re.sub(r"\\([A-Za-z]+)", lambda m: SYMBOLS.get(m[1], m[1]), s)
    s = re.sub(r"([\^_])\{([^{}]*)\}", lambda m: m[1] + _group(m[2]), s)
    s = s.replace("{", "").replace("}", "").replace("$", "")
    return " ".join(s.split())


def _group(part: str) -> str:
    part = part.strip()
    return part if re.fullmatch(r"[\w.α-ω√]+", part) else f"({part})"


@dataclass
class Flat:
    text: str  # what a reader reads; formulas marked with MARK (or, for a label, written as $...$)
    lead: str = ""  # the bold text it starts with ("**Antigen**: ...")
    wrapped: str = ""  # the class of a <span> around the whole run ("filename", "caption")
    codes: list[str] = field(default_factory=list)  # its inline code spans


def _tex(text: str) -> str:
    out = "".join(_TEX.get(c, c) for c in text)
    return " ".join(out.split())


def _script_text(kind: str, content: str) -> str:
    simple = re.fullmatch(r"[\w.]+", content)
    if kind == "sub" and re.fullmatch(r"[\d+\-−=()]+", content):
        return content.translate(_SUBSCRIPT)
    mark = "^" if kind == "sup" else "_"
    return mark + (content if simple else f"({content})")


_ATOM = (rf"(?:{_PH}|\d+(?:[.,]\d+)*|[^\W\d_]+(?={_PH})|(?<![^\W\d_])[^\W\d_](?![^\W\d_])"
         r"|[-−+×·*/=<>≤≥≈±≠()\[\]])")
_RUN = re.compile(rf"{_ATOM}(?:[ \t\xa0]*{_ATOM})*")
_JOIN = re.compile(r"^\s+(to|through)\s+$|^\s*[–—]\s*$")  # a range: "0 to 2^n − 1" is one formula


def _balanced(run: str) -> str:
    run = run.strip()
    run = re.sub(r"^(?:[aAI]\s+)+", "", run)  # an English "a" or "I" before a formula is not part of it
    run = run.rstrip("-−+×·*/=<>≤≥≈±≠([ ").lstrip("+×·*/=<>≤≥≈±≠)] ")
    while run.count("(") > run.count(")") and run.startswith("("):
        run = run[1:].lstrip()
    while run.count(")") > run.count("(") and run.endswith(")"):
        run = run[:-1].rstrip()
    return run


def _formulas(text: str, scripts: list[tuple[str, str]], maths: list[str], label: bool) -> str:
    """Each <sup>/<sub> joined with the numbers and operators around it into one formula ("A to B" too):
    in narration its readable text and a mark (its TeX goes to `maths`), in a label `$TeX$`."""
    def plain(run: str) -> str:
        return re.sub(_PH, lambda m: _script_text(*scripts[ord(m[0]) - _PH_BASE]), run)

    def tex(run: str) -> str:
        return re.sub(_PH, lambda m: ("^{" if scripts[ord(m[0]) - _PH_BASE][0] == "sup" else "_{") +
                      _tex(scripts[ord(m[0]) - _PH_BASE][1]) + "}", _tex(run))

    runs = [m.span() for m in _RUN.finditer(text)]
    groups: list[list[tuple[int, int]]] = []
    for span in runs:
        if groups and _JOIN.match(text[groups[-1][-1][1]:span[0]]):
            groups[-1].append(span)
        else:
            groups.append([span])
    out, at = [], 0
    for group in groups:
        if not any(re.search(_PH, text[a:b]) for a, b in group):
            continue
        parts = [_balanced(text[a:b]) for a, b in group]
        keep = [k for k, p in enumerate(parts) if p]
        if not keep:
            continue
        start = group[keep[0]][0] + text[group[keep[0]][0]:].find(parts[keep[0]])
        last = group[keep[-1]]
        end = last[0] + text[last[0]:last[1]].rfind(parts[keep[-1]]) + len(parts[keep[-1]])
        joins = [text[group[k - 1][1]:group[k][0]].strip() for k in keep[1:]]
        shown = plain(parts[keep[0]]) + "".join(f" {j} {plain(parts[k])}" for j, k in zip(joins, keep[1:],
                                                                                          strict=True))
        formula = tex(parts[keep[0]]) + "".join(f"\\ \\mathrm{{{'to' if j in '–—' else j}}}\\ {tex(parts[k])}"
                                                for j, k in zip(joins, keep[1:], strict=True))
        if label:
            piece = f"${formula}$"
        else:
            maths.append(formula)
            k = len(maths) - 1
            piece = shown + (MARK + chr(MARK_BASE + k) if k < 0x1700 else "")
        out += [text[at:start], piece]
        at = end
    out.append(text[at:])
    return re.sub(_PH, lambda m: plain(m[0]), "".join(out))


def flatten(children: list[Any], maths: list[str], counts: Counter[str] | None = None, *,
            label: bool = False) -> Flat:
    """An inline run as the words a reader sees. Formulas are marked for later (their TeX in `maths`);
    with `label`, they are written as $TeX$ instead and a lone $ is made harmless (a label on screen)."""
    counts = counts if counts is not None else Counter()
    out: list[str] = []
    scripts: list[tuple[str, str]] = []
    codes: list[str] = []
    lead, in_lead, started = "", False, False
    opened: list[tuple[str, int, bool]] = []  # open <sup>/<sub>: kind, where its text starts, holds a link
    hidden = 0
    tags = [(k, m) for k, tok in enumerate(children) if tok.type == "html_inline"
            for m in [_TAG.match(tok.content.strip())] if m]
    for tok in children:
        t = tok.type
        if t == "html_inline":
            m = _TAG.match(tok.content.strip())
            if not m:
                continue  # a comment, a processing instruction
            closing, name = bool(m[1]), m[2].lower()
            if name == "br":
                out.append(" ")
            elif name == "img":
                counts["image"] += 1
            elif name in _NOT_READ:
                hidden = max(0, hidden + (-1 if closing else 1))
            elif name in ("sup", "sub") and not closing:
                opened.append((name, len(out), False))
            elif name in ("sup", "sub") and opened:
                kind, start, linked = opened.pop()
                content = " ".join("".join(out[start:]).split())
                del out[start:]
                before = "".join(out).rstrip(MARK)
                if not content or kind == "sup" and (
                        linked or re.fullmatch(r"\[\d+\]|[*†‡§]+", content) or
                        content.isdigit() and (not before or not (before[-1].isalnum() or before[-1] == ")"))):
                    continue  # a footnote marker: not read
                if kind == "sup" and content.lower() in _ORDINALS and before[-1:].isdigit():
                    out.append(content)
                    continue
                scripts.append((kind, content))
                out.append(chr(_PH_BASE + len(scripts) - 1))
                started = True
            continue
        if hidden:
            continue
        if t in ("text", "code_inline"):
            text = tok.content
            if t == "code_inline" and text.strip():
                codes.append(text.strip())
            if label:
                text = text.replace("$", "＄")
            out.append(text)
            if in_lead:
                lead += text
            if text.strip():
                started = True
        elif t in ("softbreak", "hardbreak"):
            out.append(" ")
        elif t == "math_inline":
            if label:
                out.append(f"${tok.content.strip()}$")
            else:
                maths.append(tok.content)
                k = len(maths) - 1
                out.append(speak_math(tok.content) + (MARK + chr(MARK_BASE + k) if k < 0x1700 else ""))
            if in_lead:
                lead += speak_math(tok.content)
            started = True
        elif t == "image":
            counts["image"] += 1
        elif t == "link_open" and opened:
            opened[-1] = (opened[-1][0], opened[-1][1], True)
        elif t == "strong_open" and not started:
            in_lead = True
        elif t == "strong_close" and in_lead:
            in_lead = False
    text = " ".join("".join(out).split())
    text = _URL.sub(lambda m: m[1].removeprefix("www."), text)
    if scripts:
        text = _formulas(text, scripts, maths, label)
    wrapped = ""
    if tags and tags[0][0] == _first(children) and tags[-1][0] == _last(children):
        first, last = tags[0][1], tags[-1][1]
        if not first[1] and last[1] and first[2].lower() == last[2].lower() == "span":
            found = _CLASS.search(first[3])
            wrapped = found[1].strip().lower() if found else "span"
    return Flat(text, lead.strip(), wrapped, codes)


def _first(children: list[Any]) -> int:
    return next((k for k, tok in enumerate(children) if tok.type != "text" or tok.content.strip()), -1)


def _last(children: list[Any]) -> int:
    return next((k for k in range(len(children) - 1, -1, -1)
                 if children[k].type != "text" or children[k].content.strip()), -1)


def plain(children: list[Any] | None, *, label: bool = False) -> str:
    """Inline text for a heading or a table cell: shown, never split, so no formula marks."""
    from vidgen.writers.notes_markup import UNKNOWN

    return " ".join(MARK_RE.sub("", flatten(children or [], [], label=label).text).replace(UNKNOWN, "").split())
