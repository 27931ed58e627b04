"""How much room an element wants: its height at its usual type size in a box of a given width, and the
most height it can put to use (type grows up to a limit, a plane keeps equal units, a row of shapes is as
tall as its cells). The layout shares a column's height by these, so a list of two points does not get
the same slab as a coordinate plane, and a stacked 9:16 picture is balanced instead of evenly sliced.
Each kind says its own (`Drawer.want`, `Drawer.wide`); this module asks the right one and holds the
measures kinds share."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from vidgen.draw import glyphs
from vidgen.draw.theme import Theme
from vidgen.visual.kinds import kind
from vidgen.visual.spec import Element

if TYPE_CHECKING:
    from vidgen.draw.kinds.base import Drawer


def lines(label: str, size: float, width: float, face: str = "regular") -> int:
    """How many lines a label wraps to in a box this wide."""
    if not label:
        return 0
    return len(glyphs.wrap(label, size, max(size * 2, width), face))


def tall(label: str) -> float:
    """Line height factor of a line of math: fractions and roots stand taller than plain text."""
    return 1.9 if any(k in label for k in (r"\frac", r"\sqrt", r"\sum", r"\int", "^{", "_{")) else 1.35


def drawer(el: Element) -> type[Drawer]:
    return cast("type[Drawer]", kind(el.kind))


def want(el: Element, th: Theme, width: float) -> tuple[float, float]:
    """(height the element needs at its usual size, the most height it can use), in pixels."""
    own = drawer(el)
    cap = 0.0
    if el.caption and own.caption_below:
        lines, size = glyphs.caption_fit(el.caption, own.caption_size(th), th.min_text, max(1.0, width))
        cap = own.caption_size(th) * 1.9 + size * 1.15 * (len(lines) - 1)
    return own.want(el, th, width, cap)


def least(el: Element, th: Theme, width: float) -> float:
    """The least height the element can be drawn in whole, at this width (0: it scales to any box)."""
    return drawer(el).least(el, th, width)


def wide(el: Element, th: Theme) -> float:
    """The width the element needs at its usual type size, when lines do not wrap (math, code): 0 if any
    width will do (text wraps, drawings scale)."""
    return drawer(el).wide(el, th)
