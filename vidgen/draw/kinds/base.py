"""What every element kind has: its box, its caption, its schedule, and which pixels each event changes.

A kind is one class (`vidgen.visual.kinds.Kind` for its rules and words, this for its drawing): one
module of this package each, registered with `@register`. It says how much room it wants (`want`,
`wide`), lays itself out once (in `setup`) and then draws any time t as a pure function of t. It
declares, per event, the rectangles that event changes (`dirty`), so the frame loop redraws and
converts only those; everything a kind draws stays inside its box (drawing is clipped to it).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.paint import Rect, pad, union
from vidgen.draw.schedule import Event, Light, Schedule, ease
from vidgen.draw.theme import RGB, Theme, mix
from vidgen.visual.kinds import Kind
from vidgen.visual.spec import Element, Visual


@dataclass
class Context:
    visual: Visual
    theme: Theme
    sched: Schedule
    home: Path | None
    duration: float
    limits: dict[str, float] = field(default_factory=dict)   # largest type size per kind (set by the scene)


class Drawer(Kind):
    """One element. Subclasses implement `setup` (layout) and `paint` (draw at time t)."""

    caption_below = True
    caption_on_top = False   # a list's caption is the header of its rows: above them, where a header is read
    drifting = False     # lines built one by one stay centred as a group (see `settle`)

    # -- the room it wants, before it is laid out (vidgen.draw.layout shares a column by these) -----
    @classmethod
    def least(cls, el: Element, th: Theme, width: float) -> float:
        """The least height it can be drawn in whole: 0 when it scales to any box (a drawing, a line of type)."""
        return 0.0

    @classmethod
    def want(cls, el: Element, th: Theme, width: float, cap: float) -> tuple[float, float]:
        """(height it needs at its usual size in a box this wide, the most height it can use), in pixels;
        `cap` is the height of its caption line, if it has one under it."""
        return width * 0.5, width * 0.8

    @classmethod
    def wide(cls, el: Element, th: Theme) -> float:
        """The width it needs at its usual type size when its lines cannot wrap (math): 0 if any width will
        do (text wraps, drawings scale)."""
        return 0.0

    @classmethod
    def caption_size(cls, th: Theme) -> float:
        """A caption's usual size: small under a drawing; a table's header over its rows is read first, larger."""
        return max(th.size("label"), th.size("body") * 0.8) if cls.caption_on_top else th.size("label")

    @classmethod
    def left_share(cls, el: Element) -> float:
        """The share of a 16:9 split's width it takes as the first element: a drawing a little over half."""
        return 0.54 if cls.graphic else 0.5

    def __init__(self, ctx: Context, index: int, box: Rect):
        self.ctx, self.index, self.box = ctx, index, box
        self.el: Element = ctx.visual.elements[index]
        self.theme: Theme = ctx.theme
        self.sched: Schedule = ctx.sched
        self.caption: glyphs.Text | None = None
        self.captions: list[glyphs.Text] = []
        inner = box
        if self.el.caption and self.caption_below:
            # one line if it fits at a readable size, else wrapped at the smallest readable size (the least
            # height taken from the drawing); never smaller, and never a line cut off
            th = self.theme
            lines, size = glyphs.caption_fit(self.el.caption, self.caption_size(th), th.min_text, box[2] - box[0])
            self.captions = [glyphs.text(line, size) for line in lines]
            self.caption = self.captions[0]
            tall = self.caption.height + size * 1.15 * (len(lines) - 1)
            inner = (box[0], box[1] + tall + self.theme.gap * 0.6, box[2], box[3]) if self.caption_on_top else \
                (box[0], box[1], box[2], box[3] - tall - self.theme.gap * 0.6)
        self.inner = inner
        self.content: Rect = inner   # what the kind really uses; set by setup
        self._layers: dict[str, tuple[Any, int, int]] = {}
        self.setup()

    # -- to implement ------------------------------------------------------------------------
    def setup(self) -> None:
        pass

    def paint(self, cr: Any, t: float) -> None:
        raise NotImplementedError

    def item_rect(self, j: int) -> Rect:
        """Pixels item j may touch while it animates (default: the whole element)."""
        return self.box

    # -- shared ------------------------------------------------------------------------------
    def layer(self, cr: Any, key: str, painter: Callable[[Any], None]) -> None:
        """Paint what `painter` draws through a cached surface of the box: the static parts of a kind
        (a plot's grid and ticks) cost one composite per frame instead of dozens of strokes and labels."""
        if glyphs.is_recording():  # measured, not drawn: its texts must be noted in frame coordinates
            painter(cr)
            return
        got = self._layers.get(key)
        if got is None:
            import cairocffi as cairo

            x0, y0 = int(math.floor(self.box[0])), int(math.floor(self.box[1]))
            w, h = int(math.ceil(self.box[2])) - x0, int(math.ceil(self.box[3])) - y0
            surface = cairo.ImageSurface(cairo.FORMAT_ARGB32, max(1, w), max(1, h))
            c = cairo.Context(surface)
            c.translate(-x0, -y0)
            painter(c)
            surface.flush()
            got = self._layers[key] = (surface, x0, y0)
        cr.set_source_surface(got[0], got[1], got[2])
        cr.paint()

    def static_or_live(self, cr: Any, key: str, shown: float, painter: Callable[[Any, float], None]) -> None:
        """Once the element is fully shown its static parts come from a cached layer."""
        if shown >= 1.0:
            self.layer(cr, key, lambda c: painter(c, 1.0))
        elif shown > 0:
            painter(cr, shown)

    def draw(self, cr: Any, t: float) -> None:
        cr.save()
        cr.rectangle(self.box[0], self.box[1], self.box[2] - self.box[0], self.box[3] - self.box[1])
        cr.clip()
        self.paint(cr, t)
        if self.caption is not None:
            a = self.element_shown(t)
            c = self.caption
            lead = c.size * 1.15
            below = lead * (len(self.captions) - 1)
            base = min(self.box[3] - c.descent - below, self.content[3] + self.theme.gap * 0.6 + c.ascent)
            if self.caption_on_top:
                base = max(self.box[1] + c.ascent, self.content[1] - self.theme.gap * 0.6 - below - c.descent)
            for k, line in enumerate(self.captions):
                glyphs.paint(cr, line, (self.content[0] + self.content[2]) / 2 - line.width / 2, base + k * lead,
                             self.theme.muted, ease(a))
        cr.restore()

    def settle(self, spans: list[tuple[float, float]]) -> None:
        """Lines shown one by one stay centred as a group: the first line of a derivation sits in the middle
        of its box, not alone at the top of an empty one, and the group moves up as lines join it. `spans`
        are the items' (top, bottom) in the final layout, where the group settles once all are shown."""
        self._spans = spans
        later = [j for j in range(len(spans)) if self.sched.show_window(self.index, j) is not None]
        # only a tall group needs it: a short one starts near the middle anyway (and moving costs a redraw)
        tall = bool(spans) and spans[-1][1] - spans[0][0] > (self.inner[3] - self.inner[1]) * 0.5
        self.drifting = len(spans) > 1 and bool(later) and tall
        if self.drifting:
            self._mass = [(b - a, (a + b) / 2) for a, b in spans]
            total = sum(w for w, _ in self._mass) or 1.0
            self._settled_at = sum(w * m for w, m in self._mass) / total
            # not worth moving for: the first lines shown already sit close to the middle
            starts = [w[0] for j in later if (w := self.sched.show_window(self.index, j)) is not None]
            most = max([abs(self.drift(t + 1e-3)) for t in starts] + [abs(self.drift(0.0))])
            self.drifting = most > (self.inner[3] - self.inner[1]) * 0.12

    def presence(self, j: int, t: float) -> float:
        """How much of item j's room is taken at t (0 before it appears, 1 once shown; hiding keeps it)."""
        window = self.sched.show_window(self.index, j)
        if window is None:
            return 1.0
        # the group makes room early in the item's appearance, then holds still while the item settles
        return ease(min(1.0, max(0.0, 3 * (t - window[0]) / max(1e-6, window[1] - window[0]))))

    def drift(self, t: float) -> float:
        """How far from their final places the lines are drawn at t: what is shown is centred where the whole
        group will be (lines may appear in any order); 0 once everything is shown."""
        if not self.drifting:
            return 0.0
        weight = centre = 0.0
        for j, (w, m) in enumerate(self._mass):
            p = self.presence(j, t)
            weight += p * w
            centre += p * w * m
        return self._settled_at - centre / weight if weight > 1e-9 else 0.0

    def drifted(self, r: Rect, j: int) -> Rect:
        """Item j's rectangle `r` (final place) grown to where it is drawn while the group still re-centres."""
        if not self.drifting:
            return r
        window = self.sched.show_window(self.index, j)
        for t in (window or (0.0, 0.0)):
            d = self.drift(t + 1e-3)
            r = union(r, (r[0], r[1] + d, r[2], r[3] + d))
        return r

    def dirty(self, e: Event) -> list[Rect]:
        if self.drifting and e.action in ("show", "hide", "transform"):
            # everything shown moves while the group re-centres: the lines' band, over how far it moves
            d0, d1 = self.drift(e.t0), self.drift(e.t1)
            c, g = self.content, self.theme.short * 0.03 + self.theme.size("headline") * 0.5
            return [(max(self.box[0], c[0] - g), max(self.box[1], c[1] + min(d0, d1, 0.0) - g),
                     min(self.box[2], c[2] + g), min(self.box[3], c[3] + max(d0, d1, 0.0) + g))]
        if e.item is not None and e.part is None and e.action in ("show", "highlight", "hide"):
            r = pad(self.item_rect(e.item), self.theme.short * 0.02)
            return [(max(r[0], self.box[0]), max(r[1], self.box[1]), min(r[2], self.box[2]), min(r[3], self.box[3]))]
        return [self.box]

    def element_shown(self, t: float) -> float:
        return self.sched.shown(self.index, None, t)

    def shown(self, j: int, t: float) -> float:
        """Item j's appearance 0..1 (linear; apply easing), 0 again once hidden."""
        return self.sched.shown(self.index, j, t)

    def light(self, j: int | None, t: float) -> Light:
        return self.sched.light(self.index, j, t)

    def accent(self, j: int) -> RGB:
        return self.theme.accent(j)

    def lit_colour(self, base: RGB, accent: RGB, light: Light) -> RGB:
        return mix(base, accent, light.colour) if light.colour else base

    def centre_block(self, w: float, h: float, area: Rect | None = None) -> tuple[float, float]:
        """Top-left of a w x h block centred in `area` (default the inner box)."""
        a = area or self.inner
        return (a[0] + (a[2] - a[0] - w) / 2, a[1] + max(0.0, (a[3] - a[1] - h) / 2))

    def set_content(self, r: Rect) -> None:
        self.content = r
        if self.caption is not None:
            # the caption sits under what is drawn, not at the bottom of an emptier box
            self.content = union(None, r)
