"""Reading a user's notes: Markdown (or plain text) into sections of sentences to say and blocks to show.

markdown-it-py (CommonMark, already installed with rich) does the parsing, so emphasis, links,
nested lists, tables and fences are read the way an editor shows them, not by regexes. Two
small rules of our own add `$...$` and `$$...$$` math, so that `*` or `_` inside a formula are
never taken for emphasis. Indented code blocks are switched off: in plain-text notes an indented
paragraph is a paragraph, and notes mark code with fences.

Only sentences are ever narrated. Code, tables and display math are shown, each bound to the
sentence that introduces it (the one before it in its section). What a generator would have
replaced or hidden (includes, template tags, footnotes, raw HTML; `notes_markup`) is skipped and
counted; inline HTML is read as the page shows it (`notes_inline`). A "Filename: src/main.rs"
line labels the code under it and is not said; admonition markers (`> Note:`, `> [!TIP]`) go, their
sentences stay. A listing longer than a frame holds is shown in parts, each with a sentence of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from vidgen.script.sentences import split_sentences
from vidgen.writers.notes_inline import MARK_BASE as _MARK_BASE
from vidgen.writers.notes_inline import MARK_RE as _MARK_RE
from vidgen.writers.notes_inline import flatten, plain, speak_math
from vidgen.writers.notes_markup import UNKNOWN, html_block, parser, prepare

__all__ = ["Block", "Notes", "Section", "Sentence", "read_notes", "speak_math", "years_in"]

MAX_SENTENCE = 400  # characters; longer runs (a wall of text without full stops) are cut at clauses
_END = re.compile(r"[.!?…][\"')\]]*$")
_FILENAME = re.compile(r"^(?:File\s?name|File|Datei|Fichier)\s*:\s*(\S{1,120})$", re.I)
_ALERT = re.compile(r"^\[!(\w+)\]\s*")
_LABEL = re.compile(r"^(?:Note|Notes|Warning|Tip|Important|Caution|Hint|Info|Danger|Attention|Remember|Aside)"
                    r"\s*[:.—–-]\s+(?=\S)", re.I)
_HIDDEN_RUST = re.compile(r"^\s*#(?:\s|$)")  # rustdoc's hidden lines: "# fn main() {" is not shown in a book
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
    codes: tuple[str, ...] = ()  # the inline code it names (`checked_add`): which lines of a listing it explains


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
    caption: str = ""  # code: its file name ("Filename: src/main.rs" above it), or its listing's caption
    anchor: int = -1  # code, table, math: pos of the sentence it is shown with
    at: int = 0  # pos the next sentence had when this block began (where it sits among the sentences)
    parts: list[tuple[int, int]] = field(default_factory=list)  # code lines / table body rows shown per frame
    part_anchors: list[int] = field(default_factory=list)  # the sentence each part is shown with (-1: none)


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
    skipped: Counter[str] = field(default_factory=Counter)  # what was left out, by kind (notes_markup.KINDS)

    @property
    def sentences(self) -> list[Sentence]:
        return [s for sec in self.sections for s in sec.sentences]


# -- inline text --------------------------------------------------------------------------------
def lead_term(text: str, strong: str) -> tuple[str, str]:
    """("Antigen", "a piece of the germ") from "Antigen: a piece of the germ"; ("", text) without one."""
    if strong and text.startswith(strong):
        rest = text[len(strong):].lstrip(" :—–-")
        return strong.rstrip(":.,; "), rest
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

    def add_text(self, blk: Block, text: str, item: int | None = None, codes: tuple[str, ...] = ()) -> None:
        first = True
        for piece in split_sentences(text):
            for part in _clauses(piece):
                marks = _MARK_RE.findall(part)
                maths = tuple(self.maths[ord(c) - _MARK_BASE] for c in marks)
                done = finish(part, bool(maths) and _bare(part).startswith(_bare(speak_math(maths[0]))))
                said = _MARK_RE.sub("", done)
                if not re.search(r"[^\W\d_]", said) or UNKNOWN in said:
                    continue  # nothing to say, or it names a template's value that only the site knows
                blk.sentences.append(Sentence(said, self.pos, blk.id, blk.section, item if first else None,
                                              maths, years_in(said), tuple(c for c in codes if c in said)))
                self.pos += 1
                first = False


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", _MARK_RE.sub("", text).replace("−", "-"))


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
def read_notes(text: str) -> Notes:
    """The notes' title, sections, sentences and shown blocks, in document order. Cached: the checks
    and every variation read the same document."""
    body, meta_title = _front_matter(text)
    body, skipped = prepare(body)
    tokens = parser().parse(body)
    headings = [(i, int(t.tag[1])) for i, t in enumerate(tokens) if t.type == "heading_open"]
    b = _Builder()
    title: str | None = meta_title
    title_at = -1
    if headings:
        first, level = headings[0]
        title = plain(tokens[first + 1].children) or title
        others = [lv for _, lv in headings[1:]]
        if not others or level < min(others):
            title_at = first  # a document title above its sections, not a section itself
    by_paragraph = not [h for h in headings if h[0] != title_at]
    if title_at >= 0:
        b.section(title or "")
    list_depth, item_index, quote_depth, quote_start = 0, -1, 0, False
    lst: Block | None = None
    label = ""  # "Filename: src/main.rs" (or a <Listing>'s file-name): the label of the code under it
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        t = tok.type
        if t == "heading_open":
            if i != title_at:
                b.section(plain(tokens[i + 1].children).strip(" #"))
            label = ""
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
        elif t in ("blockquote_open", "blockquote_close"):
            quote_depth += 1 if t == "blockquote_open" else -1
            quote_start = t == "blockquote_open"
        elif t == "inline" and tokens[i - 1].type == "paragraph_open":
            flat = flatten(tok.children or [], b.maths, skipped)
            text = _ALERT.sub("", flat.text)
            if quote_depth and quote_start:
                text = _LABEL.sub("", text)  # "> Note: ..." reads as its sentence
            quote_start = False
            shown = _MARK_RE.sub("", text).replace(UNKNOWN, "").strip()
            named = _FILENAME.match(shown)
            if named or flat.wrapped == "filename":
                label = (named[1] if named else shown).strip()
            elif flat.wrapped == "caption":  # a listing's caption under (or over) it: a label, not said
                code = b.current().blocks[-1] if b.current().blocks else None
                if code is not None and code.kind == "code" and not code.caption:
                    code.caption = shown
                else:
                    label = shown
            elif not shown:
                pass  # only directives, markers or tags: nothing a reader would read
            elif lst is not None:
                if list_depth == 1 and not lst.texts[item_index]:
                    lst.terms[item_index], _ = lead_term(shown, _MARK_RE.sub("", flat.lead))
                    lst.texts[item_index] = shown
                    b.add_text(lst, text, item_index, tuple(flat.codes))
                else:
                    b.add_text(lst, text, codes=tuple(flat.codes))  # a nested item or a second paragraph
            else:
                if by_paragraph and b.current().sentences:
                    b.section("")
                b.add_text(b.block("para"), text, codes=tuple(flat.codes))
        elif t == "html_block":
            label = html_block(tok.content, skipped) or label
        elif t == "fence":
            lang = re.split(r"[\s,{]", (tok.info or "").strip())[0]
            lines = [ln.rstrip() for ln in tok.content.splitlines()]
            if lang == "rust" or (tok.info or "").startswith("rust,"):
                lines = [ln for ln in lines if not _HIDDEN_RUST.match(ln)]
            while lines and not lines[-1].strip():
                lines.pop()
            while lines and not lines[0].strip():
                lines.pop(0)
            if lines:
                b.block("code", texts=lines, lang=lang, caption=label)
            label = ""
        elif t == "math_block":
            b.block("math", texts=[ln.strip() for ln in re.split(r"\\\\|\n", tok.content) if ln.strip()])
        elif t == "table_open":
            rows: list[list[str]] = []
            while tokens[i].type != "table_close":
                if tokens[i].type == "tr_open":
                    rows.append([])
                elif tokens[i].type == "inline" and rows:
                    rows[-1].append(plain(tokens[i].children, label=True))
                i += 1
            b.block("table", rows=rows)
        i += 1
    sections = [s for s in b.sections if s.blocks]
    for k, sec in enumerate(sections):  # numbered again without the empty ones (a title with no intro)
        for blk in sec.blocks:
            blk.section = k
            for sentence in blk.sentences:
                sentence.section = k
    return Notes(title, sections, by_paragraph, skipped)
