"""How much room an element wants: its height at its usual type size in a box of a given width, and the
most height it can put to use (type grows up to a limit, a plane keeps equal units, a row of shapes is as
tall as its cells). The layout shares a column's height by these, so a list of two points does not get
the same slab as a coordinate plane, and a stacked 9:16 picture is balanced instead of evenly sliced."""

from __future__ import annotations

import math

from vidgen.draw import glyphs
from vidgen.draw.visual_theme import VisualTheme
from vidgen.visual.spec import Element


def _lines(label: str, size: float, width: float, face: str = "regular") -> int:
    if not label:
        return 0
    return len(glyphs.wrap(label, size, max(size * 2, width), face))


def _tall(label: str) -> float:
    """Line height factor of a line of math: fractions and roots stand taller than plain text."""
    return 1.9 if any(k in label for k in (r"\frac", r"\sqrt", r"\sum", r"\int", "^{", "_{")) else 1.35


def shape_grid(n: int, width: float, height: float) -> tuple[int, int]:
    """Columns and rows for n shapes in a box, chosen so each cell is as large (and square) as it can be."""
    best, best_side = (max(1, n), 1), 0.0
    for cols in range(1, max(1, n) + 1):
        rows = math.ceil(n / cols)
        side = min(width / cols, height / rows / 1.25)   # a cell also holds its name under the shape
        if side > best_side + 1e-6:
            best, best_side = (cols, rows), side
    return best


def plane_aspect(el: Element) -> float:
    """Width over height of a plane's data (equal units), from its ranges or its items."""
    xs = [0.0] + [it.x or 0.0 for it in el.items]
    ys = [0.0] + [it.y or 0.0 for it in el.items]
    x0, x1 = el.x_range or (min(xs), max(xs))
    y0, y1 = el.y_range or (min(ys), max(ys))
    w, h = max(1.0, x1 - x0), max(1.0, y1 - y0)
    return min(2.4, max(0.45, (w * 1.2) / (h * 1.2)))


def want(el: Element, th: VisualTheme, width: float) -> tuple[float, float]:
    """(height the element needs at its usual size, the most height it can use), in pixels."""
    n = max(1, len(el.items))
    cap = th.size("label") * 1.9 if el.caption and el.kind != "compare" else 0.0
    k = el.kind
    if k == "text":
        size = th.size("headline") * (1.3 if n == 1 else 1.15)
        lines = sum(_lines(it.label, size, width * 0.94, "bold") + (0.7 if it.detail else 0) for it in el.items)
        h = lines * size * 1.3 + (n - 1) * size * 0.5
        return h + cap, h * 1.7 + cap
    if k == "bullets":
        size = th.size("body") * 1.15
        text_w = width - size * 1.7
        lines = sum(_lines(it.label, size, text_w) + 0.75 * min(2, _lines(it.detail or "", size * 0.68, text_w))
                    for it in el.items)
        h = lines * size * 1.3 + (n - 1) * size * 0.8
        return h + cap, h * 1.7 + cap
    if k == "equation":
        size = th.size("math") * (1.9 if n <= 3 else 1.5)   # the working is the picture: it gets the room
        h = sum(size * _tall(it.label) + (size * 0.75 if it.detail else 0) for it in el.items) + (n - 1) * size * 0.6
        return h + cap, h * 1.7 + cap
    if k == "code":
        size = th.size("code") * 1.3
        h = n * size * 1.55 + size * 1.8
        return h + cap, h * 1.6 + cap
    if k == "matrix":
        size = th.size("math") * 1.6   # the matrices are what the working refers to: readable first
        h = n * size * 1.55 + size * 0.5
        return h + cap, h * 2.0 + cap
    if k == "compare":
        size = th.size("body")
        sides = [[it for it in el.items if (it.detail or "").strip().lower() == s] for s in ("left", "right")]
        col_w = width if th.portrait else width / 2
        per = [sum(_lines(it.label, size, col_w - size * 2.4) for it in side) for side in sides]
        cards = [p * size * 1.3 + len(s) * size * 0.55 + size * 3.2 for p, s in zip(per, sides, strict=True)]
        h = sum(cards) + th.gap if th.portrait else max(cards)
        return h, h * 1.5
    if k == "flow":
        if th.stacked and n > 3:   # a long chain runs down a tall box; two or three boxes sit side by side
            h = n * th.short * 0.15 + (n - 1) * th.short * 0.07
            return h, h * 1.4
        return th.short * (0.25 if th.stacked else 0.3), th.short * 0.55
    if k == "shapes":
        cols, grid_rows = shape_grid(n, width, width)
        h = grid_rows * width / cols * 0.95
        # what it needs is one row (up to four across, a name under each); a squarer grid is room to grow into
        across = min(n, 4)
        row = math.ceil(n / across) * width / across * 1.15
        return min(row, h, th.short * 0.35 * grid_rows), h
    if k == "plane":
        h = width / plane_aspect(el)
        return min(h, th.short * (0.85 if th.stacked else 0.55)), h * 1.08
    if k == "plot":
        return min(width * 0.6, th.short * 0.55), width * 0.85
    if k == "bars":
        if th.stacked:
            h = n * th.short * 0.13
            return h + cap, h * 1.5 + cap
        return th.short * 0.4, width * 0.7
    if k == "timeline":
        if th.stacked:
            h = n * th.size("body") * 3.2
            return h, h * 1.4
        return th.short * 0.35, th.short * 0.6
    return width * 0.5, width * 0.8   # image


def wide(el: Element, th: VisualTheme) -> float:
    """The width the element needs at its usual type size, when lines do not wrap (math, code): 0 if any
    width will do (text wraps, drawings scale)."""
    n = max(1, len(el.items))
    if el.kind == "equation":
        size = th.size("math") * (1.9 if n <= 3 else 1.5)
        return max((glyphs.text(it.label, size).width for it in el.items), default=0.0)
    return 0.0
