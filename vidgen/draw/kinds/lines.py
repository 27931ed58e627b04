"""Lines of text and math shared by the kinds made of them (text, equation, bullets, compare, quote):
word-wrapped lines with key words in the accent, and a line's look while it appears, is highlighted
or is rewritten into another (`transform`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.schedule import ease, ease_out
from vidgen.draw.theme import RGB, mix
from vidgen.visual.spec import Step, Target, Visual

_MARKED = re.compile(r"^(\W*)\*{1,2}(.+?)\*{1,2}(\W*)$")


@dataclass
class Run:
    text: glyphs.Text
    dx: float
    key: bool           # drawn in the accent colour


@dataclass
class Line:
    runs: list[Run] = field(default_factory=list)
    width: float = 0.0
    ascent: float = 0.0
    descent: float = 0.0


def rich_lines(label: str, size: float, max_width: float, face: str = "regular") -> list[Line]:
    """Word-wrapped lines whose key words (`*marked*`, math, numbers) are flagged for the accent."""
    space = size * 0.32
    lines = [Line()]
    # a word wider than a line: at its joins, else by character (its pieces keep the whole word's accent: an
    # address broken after 'n0rthbank-' is one key word on two lines)
    words = [(piece, whole) for whole in glyphs.split_words(label)
             for piece in glyphs.break_word(whole, size, max_width, face)]
    for word, whole in words:
        pieces: list[tuple[str, bool]]
        m = _MARKED.match(word)
        if m:
            pieces = [(p, k) for p, k in ((m[1], False), (m[2], True), (m[3], False)) if p]
        else:
            key = whole.startswith("$") or bool(re.search(r"\d", whole))
            pieces = [(word, key)]
        texts = [(glyphs.text(p, size, face), k) for p, k in pieces]
        w = sum(t.width for t, _ in texts)
        line = lines[-1]
        if line.runs and line.width + space + w > max_width:
            moved: list[Run] = []
            if word in glyphs.SEPARATORS and len(line.runs) > 1:
                # a separator closes the line with the word before it: a line that opens on '| 147' reads as a
                # fragment, so that word goes down with it
                last = line.runs[-1].dx
                moved = [r for r in line.runs if r.dx >= last]
                line.runs = [r for r in line.runs if r.dx < last]
                line.width = max((r.dx + r.text.width for r in line.runs), default=0.0)
            line = Line()
            lines.append(line)
            for r in moved:
                line.runs.append(Run(r.text, r.dx - moved[0].dx, r.key))
                line.ascent, line.descent = max(line.ascent, r.text.ascent), max(line.descent, r.text.descent)
            line.width = max((r.dx + r.text.width for r in line.runs), default=0.0)
        x = line.width + (space if line.runs else 0.0)
        for t, k in texts:
            line.runs.append(Run(t, x, k))
            x += t.width
            line.ascent, line.descent = max(line.ascent, t.ascent), max(line.descent, t.descent)
        line.width = x
    return lines


def paint_line(cr: Any, line: Line, x: float, baseline: float, colour: RGB, key: RGB, alpha: float,
               glow: float = 0.0, glow_colour: RGB | None = None) -> None:
    for run in line.runs:
        if glow > 0:
            glyphs.paint_glow(cr, run.text, x + run.dx, baseline, glow_colour or key, glow * 0.8)
    for run in line.runs:
        glyphs.paint(cr, run.text, x + run.dx, baseline, key if run.key else colour, alpha)


def line_presence(kind: Any, j: int, t: float) -> float:
    """A line that comes out of a transform takes its room as it slides out."""
    for src in range(j):
        for e in kind.sched.of(kind.index, src, "transform"):
            if src + int(e.value or 1) == j and not kind.sched.has_own_show(kind.index, j):
                return ease(min(1.0, 3 * e.raw(t)))
    return Drawer.presence(kind, j, t)


def line_look(kind: Any, j: int, t: float) -> tuple[float, float, Any, Any] | None:
    """How line j of a text or equation looks at t: (how far it is shown, alpha, colour, its highlight),
    or None before it appears. A line being rewritten dims; a transform's result appears when it lands."""
    p = kind.shown(j, t)
    if p <= 0:
        return None
    th = kind.theme
    into, out = _transforms(kind, j, t)
    light = kind.light(j, t)
    colour = kind.lit_colour(th.text, th.highlight, light)
    if out:
        colour = mix(colour, th.muted, out)
    return p, ease(p) * (into if into is not None else 1.0), colour, light


def rising_lines(kind: Any, t: float, by: float) -> Iterator[tuple[int, tuple[float, float, Any, Any], float]]:
    """Each line of a text, equation or quote that shows at t: (j, its look (`line_look`), how far below its
    place it is). A line rises into place as it appears, from `by` times the type's size below."""
    for j in range(len(kind.blocks)):
        look = line_look(kind, j, t)
        if look is not None:
            yield j, look, (1 - ease_out(look[0])) * kind.size * by


def _transforms(kind: Any, j: int, t: float) -> tuple[float | None, float]:
    """(appearance of line j when it is the result of a transform, how far line j has been rewritten)."""
    into: float | None = None
    out = 0.0
    for src in range(len(kind.el.items)):
        for e in kind.sched.of(kind.index, src, "transform"):
            if src + int(e.value or 1) == j and not kind.sched.has_own_show(kind.index, j):
                into = 1.0 if t >= e.t1 else 0.0   # the travelling copy becomes it (_paint_morphs)
            if src == j:
                out = max(out, e.progress(t))
    return into, out * 0.6


def paint_morphs(kind: Any, cr: Any, t: float) -> None:
    """A transform: line i+k comes out of line i, sliding from it into its own place as it fades in
    (line i dims meanwhile, see _transforms). No copy of line i travels: two different lines of math
    on top of each other read as a smudge."""
    dy = kind.drift(t)
    for j in range(len(kind.el.items)):
        for e in kind.sched.of(kind.index, j, "transform"):
            if not e.t0 <= t < e.t1:
                continue
            dest = j + int(e.value or 1)
            if dest >= len(kind.el.items):
                continue
            p = e.progress(t)
            colour = mix(kind.theme.text, kind.theme.highlight, 0.4 * (1 - p))
            a_base, b_base = kind.slots[j][1][0], kind.slots[dest][1][0]
            a_base, b_base = a_base + dy, b_base + dy
            start = a_base + (b_base - a_base) * 0.3
            first = kind.blocks[dest][0]
            x0 = kind.morph_x(kind.blocks[j][0])
            for ln, base in zip(kind.blocks[dest], kind.slots[dest][1], strict=False):
                x = x0 + (kind.morph_x(ln) - x0) * p if ln is first else kind.morph_x(ln)
                y = start + (b_base - start) * p + (base + dy - b_base)
                paint_line(cr, ln, x, y, colour, kind.theme.accent(0), ease(min(1.0, p * 1.6)))



def one_line(label: str, size: float) -> Line:
    t = glyphs.text(label, size)
    return Line([Run(t, 0.0, False)], t.width, t.ascent, t.descent)



def check_transform(visual: Visual, step: Step, target: Target) -> None:
    """A transform turns one line into the line `value` lines ahead (1 when not given)."""
    element = visual.elements[target.element]
    if target.item is None:
        raise ValueError("transform changes one line into another (target E.N)")
    ahead = int(step.value) if step.value is not None else 1
    if step.value is not None and step.value != ahead or ahead < 1:
        raise ValueError("transform's value is how many lines ahead the new line is (1, 2, ...)")
    if target.item + ahead >= len(element.items):
        raise ValueError(f"line {target.item} of {element.id} has no line {ahead} ahead to become")


def word_fits(label: str, size: float, max_width: float, face: str = "regular") -> bool:
    """Every word of the label fits a line at this size: a sizing loop shrinks the type until it does,
    and only then lets `rich_lines` break a word by character (a long word whole reads better smaller)."""
    return all("$" in w or glyphs.text(w, size, face).width <= max_width for w in glyphs.split_words(label))
