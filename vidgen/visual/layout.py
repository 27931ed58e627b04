"""Where things go: the scene title and one box per element, inside the safe area and above the
caption band. `full` is a grid, `split` puts the first element left (top on 9:16 and 1:1) and the
rest beside it, `title` is a title card with the elements under it."""

from __future__ import annotations

from dataclasses import dataclass

from vidgen.visual.paint import Rect
from vidgen.visual.spec import Visual
from vidgen.visual.theme import VisualTheme

# how much height an element wants relative to others when stacked (pictures more than text lines)
GRAPHIC = {"plot", "plane", "shapes", "image", "flow", "bars", "timeline", "matrix"}


@dataclass
class TitleBox:
    lines: list[str]    # one or two
    size: float
    xs: list[float]     # where each line starts
    baseline: float     # of the first line
    lead: float         # baseline to baseline
    bar: Rect           # the accent underline


@dataclass
class Layout:
    title: TitleBox | None
    boxes: list[Rect]
    area: Rect          # the safe content area


def _weight(visual: Visual, i: int) -> float:
    e = visual.elements[i]
    if e.kind in GRAPHIC:
        return 1.9
    lines = max(1, len(e.items)) + (1 if e.caption else 0)
    return min(1.5, 0.45 + 0.22 * lines)


def _split(lo: float, hi: float, weights: list[float], gap: float) -> list[tuple[float, float]]:
    total = sum(weights) or 1.0
    space = hi - lo - gap * (len(weights) - 1)
    out, at = [], lo
    for w in weights:
        size = space * w / total
        out.append((at, at + size))
        at += size + gap
    return out


def layout(visual: Visual, theme: VisualTheme) -> Layout:
    from vidgen.visual import glyphs

    W = theme.width
    left, right = theme.margin_x, W - theme.margin_x
    top: float = theme.margin_top
    bottom: float = theme.safe_bottom
    title = None
    n = len(visual.elements)
    if visual.title and visual.layout == "title":
        lines, size = glyphs.fit(visual.title, theme.size("hero"), right - left, "bold", max_lines=2)
        texts = [glyphs.text(line, size, "bold") for line in lines]
        lead = size * 1.15
        block = (bottom - top) * (0.42 if n else 1.0)
        baseline = top + block * 0.55 + texts[0].ascent * 0.4 - lead * (len(lines) - 1) / 2
        bar_w = theme.short * 0.1
        bar_y = baseline + lead * (len(lines) - 1) + size * 0.42
        title = TitleBox(lines, size, [W / 2 - t.width / 2 for t in texts], baseline, lead,
                         (W / 2 - bar_w / 2, bar_y, W / 2 + bar_w / 2, bar_y + theme.short * 0.008))
        top = bar_y + theme.gap * 1.6
    elif visual.title:
        size = theme.size("title")
        lines, size = glyphs.fit(visual.title, size, right - left, "bold", max_lines=2, min_scale=0.7)
        t = glyphs.text(lines[0], size, "bold")
        lead = size * 1.15
        baseline = top + t.ascent
        bar_y = baseline + lead * (len(lines) - 1) + size * 0.38
        title = TitleBox(lines, size, [left] * len(lines), baseline, lead,
                         (left, bar_y, left + theme.short * 0.07, bar_y + theme.short * 0.0075))
        top = bar_y + theme.gap * 1.3
    elif visual.layout == "title":
        top += (bottom - top) * 0.12
    area = (left, top, right, bottom)
    gap = theme.gap * 1.4
    boxes: list[Rect] = []
    weights = [_weight(visual, i) for i in range(n)]
    if n == 1:
        boxes = [area]
    elif visual.layout == "split" and theme.stacked:
        # the first element on top, as large as the rest need it to be
        first = _split(top, bottom, [max(weights[0] * 1.25, 1.3), sum(weights[1:])], gap)
        rows = [first[0]] + _split(first[1][0], bottom, weights[1:], gap * 0.7)
        boxes = [(left, y0, right, y1) for y0, y1 in rows]
    elif visual.layout == "split":
        cols = _split(left, right, [1.12, 1.0], gap)
        boxes = [(cols[0][0], top, cols[0][1], bottom)]
        boxes += [(cols[1][0], y0, cols[1][1], y1) for y0, y1 in _split(top, bottom, weights[1:], gap * 0.7)]
    elif theme.stacked:
        boxes = [(left, y0, right, y1) for y0, y1 in _split(top, bottom, weights, gap * 0.7)]
    elif n == 4:
        cols = _split(left, right, [1, 1], gap)
        rows = _split(top, bottom, [1, 1], gap * 0.7)
        boxes = [(cols[c][0], rows[r][0], cols[c][1], rows[r][1]) for r in range(2) for c in range(2)]
    else:
        cols = _split(left, right, [1.0] * n, gap)
        boxes = [(x0, top, x1, bottom) for x0, x1 in cols]
    return Layout(title, boxes, area)
