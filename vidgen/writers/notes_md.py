"""Reading a user's notes: Markdown (or plain text) into sections of sentences to say and blocks to show.

markdown-it-py (CommonMark, already installed with rich) does the parsing, so emphasis, links,
nested lists, tables and fences are read the way an editor shows them, not by regexes. Two
small rules of our own add `$...$` and `$$...$$` math, so that `*` or `_` inside a formula are
never taken for emphasis. Indented code blocks are switched off: in plain-text notes an indented
paragraph is a paragraph, and notes mark code with fences.

Only sentences are ever narrated. Code, tables and display math are shown, each bound to the
sentence that introduces it (the one before it in its section).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from vidgen.script.sentences import split_sentences

MAX_SENTENCE = 400  # characters; longer runs (a wall of text without full stops) are cut at clauses
_MARK = "\ue000"  # private-use: marks where a formula ended, so it can be found again after splitting
_MARK_BASE = 0xE100
_MARK_RE = re.compile(f"{_MARK}(.)")
_END = re.compile(r"[.!?…][\"')\]]*$")
_URL = re.compile(r"\b(?:https?://|www\.)([^\s/)>\]]+)[^\s)>\]]*")
_YEAR = re.compile(r"(?<![\d.,$£€])\b(1\d{3}|20\d{2})(s?)\b(?![.,]\d)(?!\s*(?:%|percent|km|kg|mg|ml|cm|mm|m\b|"
                   r"people|persons|cases|deaths|times|units|metres|meters|miles|dollars|euros|kcal|calories))"
                   r"|\b(\d{1,4})\s?(BCE|BC)\b"
                   r"|\b(?:[Ii]n|[Bb]y|[Aa]round|[Cc]irca|[Ss]ince|[Uu]ntil|AD|c\.)\s+(\d{3})\b(?![.,]\d|\s*[%a-z]|\s?BCE?\b)")
_LEAD_TERM = re.compile(r"^([^:—–]{1,48}?)\s*(?::|\s[—–-]\s)\s*(.+)$")


@dataclass
class Sentence:
    text: str  # what the narrator says: no markdown, formulas as readable characters
    pos: int  # order in the document
    block: int  # the paragraph or list it came from
    section: int
    item: int | None = None  # index of its list item, on the first sentence of that item
    maths: tuple[str, ...] = ()  # TeX of the formulas it contains
    years: tuple[float, ...] = ()


@dataclass
class Block:
    id: int
    kind: str  # para, list, code, table, math
    section: int
    ordered: bool = False
    sentences: list[Sentence] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # list: an item's lead term ("**Antigen**: ..."), or ""
    texts: list[str] = field(default_factory=list)  # list: an item's plain text; code/math: the lines
    rows: list[list[str]] = field(default_factory=list)  # table: header row first
    lang: str = ""
    anchor: int = -1  # code, table, math: pos of the sentence it is shown with
    at: int = 0  # pos the next sentence had when this block began (where it sits among the sentences)


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def sentences(self) -> list[Sentence]:
        return [s for b in self.blocks for s in b.sentences]


@dataclass
class Notes:
    title: str | None  # the first heading (or front matter's title)
    sections: list[Section]
    by_paragraph: bool  # no headings besides the title: paragraphs play the role of sections

    @property
    def sentences(self) -> list[Sentence]:
        return [s for sec in self.sections for s in sec.sentences]


# -- math ---------------------------------------------------------------------------------------
_SYMBOLS = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
            "theta": "θ", "lambda": "λ", "mu": "μ", "nu": "ν", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ",
            "phi": "φ", "varphi": "φ", "omega": "ω", "Delta": "Δ", "Sigma": "Σ", "Omega": "Ω", "Gamma": "Γ",
            "Pi": "Π", "Phi": "Φ", "Lambda": "Λ", "cdot": "·", "times": "×", "div": "÷", "pm": "±", "approx": "≈",
            "neq": "≠", "ne": "≠", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "infty": "∞", "to": "→",
            "rightarrow": "→", "Rightarrow": "⇒", "implies": "⇒", "sum": "Σ", "int": "∫", "partial": "∂",
            "nabla": "∇", "sqrt": "√", "circ": "°", "degree": "°", "in": "∈", "propto": "∝", "hbar": "ħ"}


def speak_math(tex: str) -> str:
    """`\\frac{1}{2} m v^2` -> `1/2 m v^2`: the formula's own characters, without TeX markup or $ signs.

    Captions show this text and the voice reads it, so it keeps the symbols a reader knows.
    """
    s = re.sub(r"\\(?:left|right|displaystyle|textstyle|mathrm|mathbf|mathit|operatorname|text|vec|hat|bar)"
               r"(?![A-Za-z])", "", tex)
    s = re.sub(r"\\[,;:! ]|\\q?quad\b|&", " ", s)
    s = s.replace("\\\\", " ")
    for _ in range(4):  # nested fractions, innermost first
        s = re.sub(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}",
                   lambda m: f"{_group(m[1])}/{_group(m[2])}", s)
        s = re.sub(r"\\sqrt\s*\{([^{}]*)\}", lambda m: f"√{_group(m[1])}", s)
    s = re.sub(r"\\([A-Za-z]+)", lambda m: _SYMBOLS.get(m[1], m[1]), s)
    s = re.sub(r"([\^_])\{([^{}]*)\}", lambda m: m[1] + _group(m[2]), s)
    s = s.replace("{", "").replace("}", "").replace("$", "")
    return " ".join(s.split())


def _group(part: str) -> str:
    part = part.strip()
    return part if re.fullmatch(r"[\w.α-ω√]+", part) else f"({part})"


def _math_inline(state: Any, silent: bool) -> bool:
    """`$x^2$` and `$$...$$` inside a line. A `$` followed by a space or a digit after the closing one is
    money, not math ("costs $5 and $10")."""
    src, start = state.src, state.pos
    if src[start] != "$":
        return False
    display = src.startswith("$$", start)
    opener = 2 if display else 1
    if start + opener >= state.posMax or src[start + opener].isspace():
        return False
    end = src.find("$$" if display else "$", start + opener)
    while end != -1 and src[end - 1] == "\\":
        end = src.find("$$" if display else "$", end + 1)
    if end == -1 or end >= state.posMax or src[end - 1].isspace():
        return False
    after = end + opener
    if not display and after < len(src) and src[after].isdigit():
        return False
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = src[start + opener:end]
        token.markup = "$$" if display else "$"
    state.pos = after
    return True


def _math_block(state: Any, start: int, end: int, silent: bool) -> bool:
    """A `$$` line opens display math that runs to the line ending in `$$` (or `$$...$$` on one line)."""
    first = state.src[state.bMarks[start] + state.tShift[start]:state.eMarks[start]]
    if not first.startswith("$$") or state.sCount[start] - state.blkIndent >= 4:
        return False
    body, line = first[2:], start
    closed = body.rstrip().endswith("$$")
    if closed:
        body = body.rstrip()[:-2]
    else:
        lines = [body]
        while line + 1 < end:
            line += 1
            text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]
            if text.rstrip().endswith("$$"):
                lines.append(text.rstrip()[:-2])
                closed = True
                break
            lines.append(text)
        body = "\n".join(lines)
    if not closed:
        return False
    if silent:
        return True
    token = state.push("math_block", "math", 0)
    token.content = body
    token.map = [start, line + 1]
    state.line = line + 1
    return True


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table").disable("code")  # raw HTML is parsed, then skipped
    md.inline.ruler.before("escape", "math_inline", _math_inline)
    md.block.ruler.before("fence", "math_block", _math_block, {"alt": ["paragraph", "blockquote", "list"]})
    return md


# -- inline text --------------------------------------------------------------------------------
def _flatten(children: list[Any], maths: list[str]) -> tuple[str, str]:
    """An inline run as plain text (math marked for later) and its lead term: bold text it starts with."""
    out: list[str] = []
    lead, in_lead, started = "", False, False
    for tok in children:
        t = tok.type
        if t == "text" or t == "code_inline":
            text = tok.content
            out.append(text)
            if in_lead:
                lead += text
            if text.strip():
                started = True
        elif t in ("softbreak", "hardbreak"):
            out.append(" ")
        elif t == "math_inline":
            maths.append(tok.content)
            k = len(maths) - 1
            spoken = speak_math(tok.content)
            out.append(spoken + (_MARK + chr(_MARK_BASE + k) if k < 0x1700 else ""))
            if in_lead:
                lead += spoken
            started = True
        elif t == "strong_open" and not started:
            in_lead = True
        elif t == "strong_close" and in_lead:
            in_lead = False
    text = " ".join("".join(out).split())
    text = _URL.sub(lambda m: m[1].removeprefix("www."), text)
    return text, lead.strip()


def _plain(children: list[Any] | None) -> str:
    """Inline text for a heading or a table cell: shown, never split, so no formula marks."""
    return _MARK_RE.sub("", _flatten(children or [], [])[0])


def lead_term(text: str, strong: str) -> tuple[str, str]:
    """("Antigen", "a piece of the germ") from "Antigen: a piece of the germ"; ("", text) without one."""
    if strong and text.startswith(strong):
        rest = text[len(strong):].lstrip(" :—–-")
        return strong.rstrip(":. "), rest
    m = _LEAD_TERM.match(text)
    if m and len(m[1].split()) <= 6:
        return m[1].strip(), m[2].strip()
    return "", text


def years_in(text: str) -> tuple[float, ...]:
    found: list[float] = []
    for m in _YEAR.finditer(text):
        found.append(float(m[1]) if m[1] else -float(m[3]) if m[3] else float(m[5]))
    return tuple(found)


def _clauses(text: str) -> list[str]:
    """A run-on longer than MAX_SENTENCE, cut at clause breaks (or words) into pieces a voice can say."""
    pieces: list[str] = []
    rest = text
    while len(rest) > MAX_SENTENCE:
        cut = max(rest.rfind(sep, 0, MAX_SENTENCE) for sep in ("; ", ": ", ", ", " – ", " — "))
        if cut < MAX_SENTENCE // 3:
            cut = rest.rfind(" ", 0, MAX_SENTENCE)
        if cut <= 0:
            cut = MAX_SENTENCE
        pieces.append(rest[:cut].rstrip(" ,;:–—"))
        rest = rest[cut:].lstrip(" ,;:–—")
    pieces.append(rest)
    return [p for p in pieces if p]


def finish(sentence: str, starts_with_math: bool = False) -> str:
    """A sentence the caption splitter will cut exactly here: capital first letter (unless it starts with
    a formula, whose letters keep their case), a full stop at the end (a list's ':' intro included)."""
    s = sentence.strip().rstrip(":;,–—- ").strip()
    if not s:
        return s
    if s[0].islower() and not starts_with_math:
        s = s[0].upper() + s[1:]
    if not _END.search(_MARK_RE.sub("", s)):
        s += "."
    return s


class _Builder:
    """Collects sections, blocks and sentences while walking markdown-it's tokens."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.maths: list[str] = []
        self.pos = 0
        self.block_id = 0

    def section(self, heading: str) -> Section:
        self.sections.append(Section(heading))
        return self.sections[-1]

    def current(self) -> Section:
        return self.sections[-1] if self.sections else self.section("")

    def block(self, kind: str, **kw: Any) -> Block:
        sec = self.current()
        self.block_id += 1
        blk = Block(self.block_id, kind, len(self.sections) - 1, at=self.pos, **kw)
        sec.blocks.append(blk)
        return blk

    def add_text(self, blk: Block, text: str, item: int | None = None) -> None:
        first = True
        for piece in split_sentences(text):
            for part in _clauses(piece):
                marks = _MARK_RE.findall(part)
                maths = tuple(self.maths[ord(c) - _MARK_BASE] for c in marks)
                done = finish(part, bool(maths) and part.lstrip().startswith(speak_math(maths[0])))
                plain = _MARK_RE.sub("", done)
                if not re.search(r"[^\W\d_]", plain):
                    continue
                blk.sentences.append(Sentence(plain, self.pos, blk.id, blk.section, item if first else None,
                                              maths, years_in(plain)))
                self.pos += 1
                first = False


def _front_matter(text: str) -> tuple[str, str | None]:
    """YAML front matter (`---` ... `---` at the top) is metadata, not notes; its title: is kept."""
    if not text.startswith("---\n"):
        return text, None
    end = text.find("\n---", 4)
    if end == -1 or text[4:end].count("\n") > 60:
        return text, None
    m = re.search(r"^title:\s*[\"']?(.+?)[\"']?\s*$", text[4:end], re.M)
    return text[end + 4:].lstrip("-\n"), (m[1] if m else None)


@lru_cache(maxsize=4)
def parse_notes(text: str) -> Notes:
    """The notes' title, sections, sentences and shown blocks, in document order. Cached: the checks
    and every variation read the same document."""
    body, meta_title = _front_matter(text)
    tokens = _parser().parse(body)
    headings = [(i, int(t.tag[1])) for i, t in enumerate(tokens) if t.type == "heading_open"]
    b = _Builder()
    title: str | None = meta_title
    title_at = -1
    if headings:
        first, level = headings[0]
        title = _plain(tokens[first + 1].children) or title
        others = [lv for _, lv in headings[1:]]
        if not others or level < min(others):
            title_at = first  # a document title above its sections, not a section itself
    by_paragraph = not [h for h in headings if h[0] != title_at]
    if title_at >= 0:
        b.section(title or "")
    list_depth, item_index = 0, -1
    lst: Block | None = None
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        t = tok.type
        if t == "heading_open":
            if i != title_at:
                b.section(_plain(tokens[i + 1].children).strip(" #"))
            i += 3
            continue
        if t in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
            if list_depth == 1:
                lst, item_index = b.block("list", ordered=t == "ordered_list_open"), -1
        elif t in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            if list_depth == 0:
                lst = None
        elif t == "list_item_open" and list_depth == 1 and lst is not None:
            item_index += 1
            lst.terms.append("")
            lst.texts.append("")
        elif t == "inline" and tokens[i - 1].type == "paragraph_open":
            text, strong = _flatten(tok.children or [], b.maths)
            if lst is not None:
                if list_depth == 1 and not lst.texts[item_index]:
                    lst.terms[item_index], _ = lead_term(_MARK_RE.sub("", text), _MARK_RE.sub("", strong))
                    lst.texts[item_index] = _MARK_RE.sub("", text)
                    b.add_text(lst, text, item_index)
                else:
                    b.add_text(lst, text)  # a nested item or a second paragraph: said with its item
            else:
                if by_paragraph and b.current().sentences:
                    b.section("")
                b.add_text(b.block("para"), text)
        elif t == "fence":
            lines = [ln.rstrip() for ln in tok.content.splitlines()]
            b.block("code", texts=lines, lang=(tok.info or "").split(" ")[0])
        elif t == "math_block":
            b.block("math", texts=[ln.strip() for ln in re.split(r"\\\\|\n", tok.content) if ln.strip()])
        elif t == "table_open":
            rows: list[list[str]] = []
            while tokens[i].type != "table_close":
                if tokens[i].type == "tr_open":
                    rows.append([])
                elif tokens[i].type == "inline" and rows:
                    rows[-1].append(_plain(tokens[i].children))
                i += 1
            b.block("table", rows=rows)
        i += 1
    sections = [s for s in b.sections if s.blocks]
    for k, sec in enumerate(sections):  # numbered again without the empty ones (a title with no intro)
        for blk in sec.blocks:
            blk.section = k
            for sentence in blk.sentences:
                sentence.section = k
    _anchor(sections)
    return Notes(title, sections, by_paragraph)


def _anchor(sections: list[Section]) -> None:
    """Each shown block goes with the sentence just before it in its section, else the one just after,
    else the nearest before it in the document (a section of code alone joins its neighbour's scene)."""
    for sec in sections:
        last = -1
        mine = [s.pos for s in sec.sentences]
        for blk in sec.blocks:
            if blk.sentences:
                last = blk.sentences[-1].pos
            elif last >= 0:
                blk.anchor = last
            else:
                after = [p for p in mine if p >= blk.at]
                blk.anchor = after[0] if after else max(blk.at - 1, 0)
