"""compare: two columns of points, with headings from the caption ("A vs B")."""

from __future__ import annotations

import math
import re
from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.demand import lines as line_count
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.kinds.lines import paint_line, rich_lines
from vidgen.draw.paint import Rect, rounded, source
from vidgen.draw.schedule import ease, ease_out
from vidgen.draw.theme import Theme, mix
from vidgen.visual.kinds import register
from vidgen.visual.spec import Element, Item

SIDES = ("left", "right")


@register
class CompareKind(Drawer):
    name = "compare"
    order = 100
    noun = "comparison"
    prompt = '"label" = a point, "detail" = "left" or "right", the element\'s "caption" = "A vs B"'
    item_words = "{label} ({detail|?})"
    hints = {"detail": "left or right"}
    framed = True
    aliases = ("comparison", "versus", "vs")
    example = {"id": "C", "kind": "compare", "caption": "Battery vs Hydrogen",
               "items": [{"label": "Charges in hours", "detail": "left"},
                         {"label": "Refuels in minutes", "detail": "right"}]}

    caption_below = False   # the caption is the two headings ("A vs B")
    cols: list[Rect]
    pad: float
    size: float
    stacked: bool
    places: dict[int, tuple[list[Any], float]]   # item -> its lines and the top of its first one
    bottoms: list[float]

    @classmethod
    def check_item(cls, element: Element, item: Item) -> None:
        if (item.detail or "").strip().lower() not in SIDES:
            raise ValueError("a compare item's detail says its column: left or right")

    @classmethod
    def repair_element(cls, fix: Any, element: dict[str, Any], where: str) -> None:
        items = element["items"]
        half = (len(items) + 1) // 2   # a point without its column: the first half left, the rest right
        for k, i in enumerate(items):
            side = str(i.get("detail", "")).strip().lower()
            if side not in SIDES:
                i["detail"] = "left" if k < half else "right"
                fix.minor["compare items given a column"] += 1
            else:
                i["detail"] = side

    @classmethod
    def want(cls, el: Element, th: Theme, width: float, cap: float) -> tuple[float, float]:
        size = th.size("body")
        sides = [[it for it in el.items if (it.detail or "").strip().lower() == s] for s in SIDES]
        col_w = width if th.portrait else width / 2
        per = [sum(line_count(it.label, size, col_w - size * 2.4) for it in side) for side in sides]
        cards = [p * size * 1.3 + len(s) * size * 0.55 + size * 3.2 for p, s in zip(per, sides, strict=True)]
        h = sum(cards) + th.gap if th.portrait else max(cards)
        return h, h * 1.5

    def setup(self) -> None:
        th = self.theme
        b = self.inner
        # ('Near versus far vs Large versus small': the halves' names are either side of the 'vs', when there is one)
        heads = re.split(r"\s+vs\.?\s+", self.el.caption or "", maxsplit=1, flags=re.I)
        if len(heads) != 2:
            heads = re.split(r"\s+(?:versus|v\.)\s+", self.el.caption or "", maxsplit=1, flags=re.I)
        self.heads = heads if len(heads) == 2 else []
        self.side = [0 if (it.detail or "").strip().lower() == "left" else 1 for it in self.el.items]
        # side by side where there is width; on 9:16 the cards stack so the points stay large, unless a short
        # box would squeeze stacked cards below readable type: then side by side, which needs less height
        prefer = th.portrait or (b[3] - b[1]) > (b[2] - b[0]) * 1.05
        # when neither fits at readable type: smaller type rather than a card cut off by the box's edge
        # (of the two at smaller type, the larger type: a long address fits a stacked card's full width at a size
        # side-by-side halves would shrink it below readable)
        if not (self._fit(prefer) or self._fit(not prefer)):
            tried = [(self._fit(way, floor=0.5), self.size, way) for way in (prefer, not prefer)]
            self._fit(max(tried)[2], floor=0.5)
        # cards only as tall as their content, both the same height
        h = max(self.bottoms[0] - self.cols[0][1], self.bottoms[1] - self.cols[1][1]) + self.pad * 0.5
        if not self.stacked:
            shift = max(0.0, (b[3] - b[1] - h) / 2)
            self.cols = [(c[0], c[1] + shift, c[2], c[1] + shift + h) for c in self.cols]
            self.places = {k: (ls, y + shift) for k, (ls, y) in self.places.items()}
        else:
            # both cards as tall as the taller one needs, the pair centred in the box
            gap = th.gap
            top = b[1] + max(0.0, (b[3] - b[1] - 2 * h - gap) / 2)
            shifts = [top - self.cols[0][1], top + h + gap - self.cols[1][1]]
            self.cols = [(c[0], c[1] + d, c[2], c[1] + d + h) for c, d in zip(self.cols, shifts, strict=True)]
            self.places = {k: (ls, y + shifts[self.side[k]]) for k, (ls, y) in self.places.items()}
        self.set_content((b[0], self.cols[0][1], b[2], self.cols[1][3]))

    def _columns(self, stacked: bool) -> list[Rect]:
        b, gap = self.inner, self.theme.gap
        if stacked:
            h = (b[3] - b[1] - gap) / 2
            return [(b[0], b[1], b[2], b[1] + h), (b[0], b[1] + h + gap, b[2], b[3])]
        w = (b[2] - b[0] - gap * 1.4) / 2
        return [(b[0], b[1], b[0] + w, b[3]), (b[2] - w, b[1], b[2], b[3])]

    def _fit(self, stacked: bool, floor: float = 0.8) -> bool:
        """Lay the points out in this arrangement at the largest type (from a generous start, down to `floor`
        times label size) at which every point fits its card; says whether they fit at all."""
        th = self.theme
        self.stacked, self.cols = stacked, self._columns(stacked)
        size = th.size("body") * (1.6 if len(self.el.items) <= 4 else 1.3)
        while True:
            self.pad = size * 0.7
            self.head_texts = [glyphs.fit(h, size * 1.2, self.cols[0][2] - self.cols[0][0] - 2 * self.pad, "bold",
                                          max_lines=1) for h in self.heads]
            self.places, self.bottoms = {}, [0.0, 0.0]
            ok = True
            for c in (0, 1):
                col = self.cols[c]
                y = col[1] + self.pad + (size * 1.9 if self.heads else 0)
                for k, it in enumerate(self.el.items):
                    if self.side[k] != c:
                        continue
                    room = col[2] - col[0] - 2 * self.pad - size * 0.9
                    lines = rich_lines(it.label, size, room)
                    self.places[k] = (lines, y)
                    y += sum(ln.ascent + ln.descent for ln in lines) + size * 0.55
                    ok = ok and max(ln.width for ln in lines) <= room   # a long word must fit too, whole
                    # (an address or a path may break across lines where it joins, as in any mail client: a word
                    # may not)
                    ok = ok and all(glyphs.text(p, size).width <= room for w in glyphs.split_words(it.label)
                                    if "$" not in w for p in glyphs.joins(w))
                self.bottoms[c] = y
                ok = ok and y <= col[3] - self.pad
            self.size = size
            # (readable type first: never below the frame's least readable size, unless nothing fits at it)
            least = max(th.size("label") * floor, th.min_text if floor >= 0.8 else 0.0)
            if ok or size <= least:
                return ok
            size = max(size * 0.9, least)   # (the last try at the floor itself, not a step below it)

    def item_rect(self, j: int) -> Rect:
        lines, y = self.places[j]
        col = self.cols[self.side[j]]
        return (col[0], y - self.size * 0.4, col[2], y + sum(ln.ascent + ln.descent for ln in lines) + self.size * 0.4)

    def paint(self, cr: Any, t: float) -> None:
        th = self.theme
        pa = ease(self.element_shown(t))
        if pa <= 0:
            return
        for c, col in enumerate(self.cols):
            colour = th.accent(c)
            rounded(cr, col[0], col[1], col[2] - col[0], col[3] - col[1], self.size * 0.5)
            source(cr, th.tint(colour, 0.1), pa)
            cr.fill_preserve()
            cr.set_line_width(1.5)
            source(cr, colour, 0.55 * pa)
            cr.stroke()
            if self.heads:
                head, s = self.head_texts[c]
                tx = glyphs.text(head[0], s, "bold")
                glyphs.paint(cr, tx, col[0] + self.pad, col[1] + self.pad + tx.ascent, colour, pa)
                cr.rectangle(col[0] + self.pad, col[1] + self.pad + tx.height + 4, min(tx.width, th.short * 0.06), 3)
                source(cr, colour, pa)
                cr.fill()
        for k, (lines, y) in self.places.items():
            s = self.shown(k, t)
            if s <= 0:
                continue
            col = self.cols[self.side[k]]
            colour = th.accent(self.side[k])
            light = self.light(k, t)
            a, slide = ease(s), (1 - ease_out(s)) * self.size
            x = col[0] + self.pad + self.size * 0.9
            cy = y + lines[0].ascent * 0.62
            if not self.el.items[k].label.startswith(("✗", "✓")):   # (a marked point's mark is its bullet)
                cr.arc(col[0] + self.pad + self.size * 0.25, cy, self.size * 0.16 * (1 + light.glow * 0.5), 0,
                       2 * math.pi)
                source(cr, colour, a)
                cr.fill()
            text_colour = mix(th.text, colour, light.colour)
            for ln in lines:
                paint_line(cr, ln, x + slide, y + ln.ascent, text_colour, colour, a, light.glow * 0.6, colour)
                y += ln.ascent + ln.descent

