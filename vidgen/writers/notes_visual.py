"""The picture of a scene made from notes: the notes' own structure as a visual (docs/visuals.md).

A numbered list becomes boxes joined by arrows (or a numbered list when its items are long), a
bulleted list a list, formulas an equation, fenced code a code block, a table a bar chart /
two columns / a list, dated sentences a timeline. Each item appears on the sentence that first
names it, so the picture builds with the voice. Nothing here invents content: every label is
cut from the notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from vidgen.author.pacing import open_early
from vidgen.writers.notes_blocks import code, table
from vidgen.writers.notes_labels import key_line, number, phrase
from vidgen.writers.notes_labels import label as _label
from vidgen.writers.notes_labels import norm as _norm
from vidgen.writers.notes_labels import safe as _safe
from vidgen.writers.notes_labels import short as _short
from vidgen.writers.notes_md import Block, Sentence, speak_math, years_in

__all__ = ["Picture", "key_line", "number", "phrase", "picture"]

MAX_ELEMENTS, MAX_ITEMS, MAX_STEPS = 4, 8, 16
_DATE_LEAD = re.compile(r"^(?:(?:In|By|Since|From|Around|Circa|About|On|During|Until|Before|After)\s+)?(?:the\s+)?"
                        r"(?:\d{1,2}(?:[-–]\d{1,2})?(?:st|nd|rd|th)?\s+(?=[a-z]))?"   # the day(s) of '20-21 June 1791'
                        r"(?:(?:early|late|mid|spring|summer|autumn|fall|winter|jan|feb|mar|apr|may|jun|jul|aug|sept?|"
                        r"oct|nov|dec)[a-z]*\.?[- ]+)?\d{1,4}s?(?:\s*[-–]\s*\d{2,4})?\s*(?:BCE|BC|AD|CE)?"
                        r"\s*[,:—–-]?\s*", re.I)


@dataclass
class Picture:
    visual: dict[str, Any] | None
    anim: str
    lines: list[str]  # short on-screen lines under the heading (at most 4)
    dropped: list[str] = field(default_factory=list)  # what was left out, for the version's note


class _Builder:
    def __init__(self, spoken: list[Sentence], index: dict[int, int]):
        self.spoken = spoken
        self.index = index
        self.said = sorted(index)
        self.elements: list[tuple[float, dict[str, Any], list[dict[str, Any]]]] = []
        self.dropped: list[str] = []
        self.count = 0

    def bind(self, pos: int) -> int:
        """The narration sentence that goes with document position `pos`: its own when it is said, else the
        one said just before it in the notes (so an unsaid item appears with the sentence leading to it)."""
        if pos in self.index:
            return self.index[pos]
        before = [p for p in self.said if p < pos]
        return self.index[before[-1]] if before else min(self.index.values(), default=0)

    def named(self, label: str, own: int) -> int:
        """The first sentence that names the label (whole words), or its own sentence."""
        key = _norm(label)
        if len(key.strip()) < 4:
            return own
        hits = [self.index[s.pos] for s in self.spoken if key in _norm(s.text)]
        return min([own, *hits])

    def add(self, at: float, kind: str, items: list[dict[str, Any]], shows: list[int] | None,
            caption: str | None = None, whole: int | None = None) -> str:
        self.count += 1
        eid = f"{kind[0].upper()}{self.count}"
        element: dict[str, Any] = {"id": eid, "kind": kind, "items": items[:MAX_ITEMS]}
        if caption:
            caption = _short(caption, 120)
            if caption:
                element["caption"] = caption
        steps = []
        if whole is not None:
            steps.append({"sentence": whole, "action": "show", "target": eid})
        for k, sentence in enumerate((shows or [])[:MAX_ITEMS]):
            steps.append({"sentence": sentence, "action": "show", "target": f"{eid}.{k}"})
        self.elements.append((at, element, steps))
        return eid

    def step(self, step: dict[str, Any]) -> None:
        """One more step for the element added last (a highlight of a line as it is explained)."""
        self.elements[-1][2].append(step)


def _list(b: _Builder, blk: Block, covered: set[int]) -> None:
    firsts = {s.item: s for s in blk.sentences if s.item is not None}
    chosen = [k for k in range(len(blk.texts)) if k in firsts and firsts[k].pos in covered]
    if not chosen or all(_worked(firsts[k], blk.texts[k]) for k in chosen):
        return   # a list of worked formulas is shown as the formulas themselves (`_maths`), not cut into labels
    texts = [blk.texts[k] for k in chosen]
    own = [b.bind(firsts[k].pos) for k in chosen]
    at = firsts[chosen[0]].pos
    dated = [years_in(t) for t in texts]
    if len(chosen) >= 2 and sum(1 for d in dated if d) * 2 >= len(chosen):
        items, shows = [], []
        for t, d, o in zip(texts, dated, own, strict=True):
            if d:
                label = _event(t)
                items.append({"label": _safe(label), "x": d[0]})
                shows.append(b.named(label, o))
        b.add(at, "timeline", items, shows)
        return
    terms = [blk.terms[k] for k in chosen]
    if blk.ordered and 2 <= len(chosen) <= 6:
        labels = [t if t and len(t) <= 32 else phrase(x, 6, 32) for t, x in zip(terms, texts, strict=True)]
        items = [{"id": f"s{n}", "label": _safe(lb)} for n, lb in enumerate(labels)]
        b.add(at, "flow", items, [b.named(lb, o) for lb, o in zip(labels, own, strict=True)])
        return
    items, shows = [], []
    for term, text, o in zip(terms, texts, own, strict=True):
        if term:
            rest = text[len(term):].lstrip(" .:—–-*") if text.startswith(term) else text
            item: dict[str, Any] = {"label": _safe(_short(term, 60) or phrase(term, 8, 60))}
            rest = _short(rest[:1].upper() + rest[1:], 80)
            if rest:  # (a detail that no whole phrase of fits is left out: it is said, not shown)
                item["detail"] = _safe(rest)
            label = term
        else:
            label = _label(text, 8, 60)
            item = {"label": _safe(label)}
        items.append(item)
        shows.append(b.named(label, o))
    b.add(at, "bullets", items, shows)


def _worked(first: Sentence, text: str) -> bool:
    """An item that is a formula with at most a few words around it ('ω = √400 = 20 rad/s', 'Check: ½(0.5)(1.0)² =
    0.25 J ✓'): a label cut from it would be a piece of the formula ('a_max = Aω^2 = 0.050 ×')."""
    if not any(_formula(tex) for tex in first.maths):
        return False
    rest = text
    for tex in first.maths:
        rest = rest.replace(speak_math(tex), " ")
    return len(re.findall(r"[^\W\d_]{2,}", rest)) <= 4


def _maths(b: _Builder, sentences: list[Sentence], shown: list[Block], covered: set[int]) -> None:
    from vidgen.visual.tex import check_math

    found: list[tuple[float, str, int]] = [(s.pos, tex, s.pos) for s in sentences if s.pos in covered
                                           for tex in s.maths]
    found += [(blk.anchor + 0.5, tex, blk.anchor) for blk in shown if blk.kind == "math" for tex in blk.texts]
    items, shows, seen = [], [], set()
    for _, tex, pos in sorted(found, key=lambda f: f[0]):
        tex = re.sub(r"\\[td]frac\b", r"\\frac", tex.strip())   # a text-size fraction is a fraction to draw
        if not tex or tex in seen or not _formula(tex):
            continue
        seen.add(tex)
        try:
            check_math(f"${tex}$")
        except ValueError:
            b.dropped.append(f"the formula ${tex}$ (the math renderer cannot draw it)")
            continue
        items.append({"label": f"${tex}$"})
        shows.append(b.bind(pos))
    if len(items) > MAX_ITEMS:
        b.dropped.append(f"{len(items) - MAX_ITEMS} more formulas (a scene shows at most {MAX_ITEMS})")
    if items:
        b.add(min(f[0] for f in found), "equation", items, shows)


def _formula(tex: str) -> bool:
    """Worth a line of its own: a relation (=, <, ≈ ...) or a real expression, not a lone symbol like $c$."""
    if re.search(r"[=<>]|\\(?:approx|neq?|le|ge|leq|geq|propto|sim|equiv|to|rightarrow)\b", tex):
        return True
    return len(tex) >= 5 and bool(re.search(r"[-+*/^]|\\(?:frac|sqrt|sum|int|prod|lim)", tex))


def _event(text: str) -> str:
    """A timeline label: the sentence without its date ("In 1440, Gutenberg began ..." -> "Gutenberg began ...";
    "His Bible was finished in 1455, and ..." -> "His Bible was finished"), since the mark shows the year."""
    text = _DATE_LEAD.sub("", text) or text
    # a date goes with its preposition ('finished in 1455'); a year inside a noun phrase stays ('The harvest of
    # 1788 failed' is not 'The harvest of failed'), as do the digits of a number ('17,000')
    text = re.sub(r"\s*\b(?:in|by|around|circa|since|until|from)\s+"
                  r"(?<![\d,.])(?:\d{1,4}\s?BCE?\b|\d{3,4}s?\b(?:\s?(?:AD|CE)\b)?)", "", text, count=1)
    label = phrase(text, 8, 48)
    return label[:1].upper() + label[1:]


def _timeline(b: _Builder, sentences: list[Sentence], covered: set[int]) -> None:
    dated = [s for s in sentences if s.pos in covered and s.years and s.item is None]
    if len({s.years[0] for s in dated}) < 2:
        return
    items, shows = [], []
    for s in dated:
        label = _event(s.text)
        items.append({"label": _safe(label), "x": s.years[0]})
        shows.append(b.bind(s.pos))
    b.add(dated[0].pos, "timeline", items, shows)


def _describe(element: dict[str, Any]) -> str:
    labels = [i.get("label", "").strip("$") for i in element["items"]]
    kind = element["kind"]
    if kind == "flow":
        return f"Boxes joined by arrows, {' → '.join(labels)}, each appearing as it is named."
    if kind == "bullets" and element.get("caption"):
        # a table's header row, as written: its cells are the author's names for the columns ('Best for')
        return f"A table under its header '{element['caption']}', row by row: {'; '.join(labels)}."
    if kind == "bullets":
        return f"A list that builds point by point: {'; '.join(labels)}."
    if kind == "equation":
        return f"The formulas written out line by line: {'; '.join(speak_math(x) for x in labels)}."
    if kind == "timeline":
        marks = ", ".join(f"{int(i['x'])}" if i["x"] >= 0 else f"{int(-i['x'])} BC" for i in element["items"])
        return f"A timeline with marks at {marks}, each appearing as its date is said."
    if kind == "code":
        return f"The {element.get('caption') or 'code'} shown as code, line by line."
    if kind == "bars":
        return f"A bar chart of {element.get('caption', 'the values')}: {', '.join(labels)}."
    if kind == "compare":
        return f"Two columns side by side: {element.get('caption', '')}."
    return ""


def picture(heading: str, spoken: list[Sentence], index: dict[int, int], blocks: list[Block],
            covered: set[int]) -> Picture:
    """The visual for one scene: `spoken` in narration order, `index` maps each said sentence's document
    position to its sentence number in the narration, `covered` the document positions the scene stands
    for (a short version says one sentence of a section but shows the section's structure)."""
    b = _Builder(spoken, index)
    sentences = [s for blk in blocks for s in blk.sentences]
    shown = [blk for blk in blocks if blk.kind == "math" and blk.anchor in covered]
    parts = _parts(blocks, covered, b.dropped)
    for blk in blocks:
        if blk.kind == "list":
            _list(b, blk, covered)
    _maths(b, sentences, shown, covered)
    if not any(e["kind"] == "timeline" for _, e, _ in b.elements):
        _timeline(b, sentences, covered)
    for blk, k in parts:
        (code if blk.kind == "code" else table)(b, blk, k)
    made = sorted(b.elements, key=lambda e: e[0])
    for _, element, _ in made[MAX_ELEMENTS:]:
        b.dropped.append(f"a {element['kind']} picture (a scene shows at most {MAX_ELEMENTS})")
    made = made[:MAX_ELEMENTS]
    lines = [line for line in (key_line(s.text) for s in spoken) if line][:4]
    if not made:
        if heading:
            anim = f"Title '{heading}'" + (f" with the key lines: {'; '.join(lines)}." if lines else
                                          ", large, on its own.")
        else:   # nothing of the notes' own to show: the picture is derived from the words said
            anim = f"The key lines: {'; '.join(lines)}." if lines else ""
        return Picture(None, anim, lines, b.dropped)
    labelled = next((e for _, e, _ in made if e["kind"] in ("flow", "bullets", "timeline")), None)
    if labelled:
        lines = [i["label"].replace("＄", "$") for i in labelled["items"][:4]]
    steps = _cap_steps([(e, s) for _, e, s in made])
    open_early([e for _, e, _ in made], steps, [s.text for s in spoken])   # something on screen from the start
    visual: dict[str, Any] = {"layout": "split" if len(made) == 2 else "full",
                              "elements": [e for _, e, _ in made], "steps": steps}
    if heading:
        visual["title"] = _short(heading, 70) or phrase(heading, 10, 70)
    anim = " ".join(filter(None, (_describe(e) for _, e, _ in made)))
    return Picture(_checked(visual, max(index.values(), default=0) + 1, b.dropped), anim, lines, b.dropped)


def _parts(blocks: list[Block], covered: set[int], dropped: list[str]) -> list[tuple[Block, int]]:
    """The part of each listing or table this scene shows: the first whose sentence it covers. A scene
    that covers several (a short version says one sentence of a long section) shows the first; the rest
    are noted, as are parts that no sentence was left to show."""
    out: list[tuple[Block, int]] = []
    for blk in blocks:
        if blk.kind not in ("code", "table"):
            continue
        mine = [k for k, a in enumerate(blk.part_anchors) if a in covered and a >= 0]
        if mine:
            out.append((blk, mine[0]))
        what = f"{blk.caption or 'a listing'}" if blk.kind == "code" else "a table"
        if len(mine) > 1:
            dropped.append(f"{len(mine) - 1} more part(s) of {what} (a scene shows one part at a time)")
        if mine and mine[0] == 0 and -1 in blk.part_anchors:
            dropped.append(f"{blk.part_anchors.count(-1)} part(s) of {what} (no sentence left after it to "
                           f"show them with)")
    return out


def _cap_steps(parts: list[tuple[dict[str, Any], list[dict[str, Any]]]]) -> list[dict[str, Any]]:
    """At most 16 steps: the element with the most item steps shows whole, at its first step, until it fits."""
    parts = [(e, list(s)) for e, s in parts]
    while sum(len(s) for _, s in parts) > MAX_STEPS:
        e, s = max(parts, key=lambda p: len(p[1]))
        s[:] = [{"sentence": min(x["sentence"] for x in s), "action": "show", "target": e["id"]}]
    return sorted((x for _, s in parts for x in s), key=lambda x: x["sentence"])


def _checked(visual: dict[str, Any], sentences: int, dropped: list[str]) -> dict[str, Any] | None:
    """The spec's own validation; a visual that fails it is left out (the renderer derives one) and noted."""
    from pydantic import ValidationError

    from vidgen.visual.spec import Visual

    try:
        Visual.model_validate(visual).check_sentences(sentences)
    except (ValidationError, ValueError) as exc:
        dropped.append(f"a picture that did not validate ({str(exc).splitlines()[0][:120]})")
        return None
    return visual
