"""bars: a bar chart; bars grow and their values count up."""

from __future__ import annotations

import re
from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.kinds.axes import fmt
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.paint import Rect, glow_stroke, rounded, source
from vidgen.draw.schedule import ease, ease_out
from vidgen.draw.theme import Theme, mix
from vidgen.visual.kinds import register
from vidgen.visual.spec import Element, Item


@register
class BarsKind(Drawer):
    """Vertical bars in landscape, horizontal on tall boxes; bars grow and their values count up."""

    name = "bars"
    order = 80
    noun = "bar chart"
    prompt = '"label" and "value"'
    item_words = "{label} {value}"
    fields = ("value",)
    graphic = framed = True
    needs_label = False
    show_seconds = 0.8
    aliases = ("chart", "bar", "bar_chart", "barchart")
    example = {"id": "B", "kind": "bars", "caption": "MJ per kg",
               "items": [{"label": "Wood", "value": 16}, {"label": "Coal", "value": 24},
                         {"label": "Petrol", "value": 46}]}

    @classmethod
    def check_item(cls, element: Element, item: Item) -> None:
        if item.value is None:
            raise ValueError("a bar needs a value")

    @classmethod
    def repair_item(cls, fix: Any, item: dict[str, Any], label: str, detail: str | None,
                    where: str) -> tuple[str, str | None] | None:
        if "value" not in item:   # the number written in its words
            found = re.search(r"[-+]?\d+(?:\.\d+)?", f"{label} {detail or ''}")
            if not found:
                fix.notes.append(f"{where}: dropped the bar {label[:40]!r}, which has no value")
                return None
            item["value"] = float(found[0])
        return label, detail

    @classmethod
    def want(cls, el: Element, th: Theme, width: float, cap: float) -> tuple[float, float]:
        if th.stacked:
            # (upright bars under their names and over their values: the names and numbers alone take a third
            # of the short side, and the bars need room of their own above them)
            h = max(max(1, len(el.items)) * th.short * 0.13, th.short * 0.45)
            return h + cap, h * 1.5 + cap
        return th.short * 0.4, width * 0.7

    def setup(self) -> None:
        th = self.theme
        items = self.el.items
        n = max(1, len(items))
        b = self.inner
        self.horizontal = (b[3] - b[1]) > (b[2] - b[0]) * 0.9
        values = [it.value or 0.0 for it in items]
        lo, hi = min(values + [0.0]), max(values + [0.0])
        self.lo, self.hi = lo, (hi if hi > lo else lo + 1)
        decimals = max((len(f"{v:g}".split(".")[1]) if "." in f"{v:g}" else 0) for v in values) if values else 0
        self.decimals = min(decimals, 3)
        size = th.size("label")
        self.value_texts = [glyphs.text(self._fmt(v), size * 1.05, "bold") for v in values]
        if self.horizontal:
            slot = (b[3] - b[1]) / n
            lw = (b[2] - b[0]) * 0.32
            self.names = [glyphs.fit(it.label, size, lw, max_lines=2) for it in items]
            vw = max([t.width for t in self.value_texts] + [0])
            # a negative bar's value sits left of its bar: room for it between the names and the track
            neg = max([t.width + th.gap * 0.3 for t, v in zip(self.value_texts, values, strict=True) if v < 0] + [0])
            self.track = (b[0] + lw + th.gap * 0.5 + neg, b[2] - vw - th.gap * 0.6)
            self.name_right = b[0] + lw
            self.slot, self.thick = slot, min(slot * 0.62, th.short * 0.09)
        else:
            slot = (b[2] - b[0]) / n
            self.names = [glyphs.fit(it.label, size, slot * 0.92, max_lines=2) for it in items]
            name_h = max([len(ls) * s * 1.2 for ls, s in self.names] + [0])
            vh = size * 1.6
            # room for value labels above the tallest bar, and below the lowest if some are negative
            self.track = (b[3] - name_h - th.gap * 0.4 - (vh if lo < 0 else 0.0), b[1] + vh)
            self.slot, self.thick = slot, min(slot * 0.6, th.short * 0.14)
        self.set_content(self.inner)

    def _fmt(self, v: float) -> str:
        return fmt(round(v, self.decimals)) if self.decimals else fmt(round(v))

    def _bar(self, k: int, f: float) -> Rect:
        b = self.inner
        v = (self.el.items[k].value or 0.0) * f
        if self.horizontal:
            a, z = self.track
            zero = a + (0 - self.lo) / (self.hi - self.lo) * (z - a)
            end = a + (v - self.lo) / (self.hi - self.lo) * (z - a)
            cy = b[1] + self.slot * (k + 0.5)
            return (min(zero, end), cy - self.thick / 2, max(zero, end), cy + self.thick / 2)
        base, top = self.track
        zero = base - (0 - self.lo) / (self.hi - self.lo) * (base - top)
        end = base - (v - self.lo) / (self.hi - self.lo) * (base - top)
        cx = b[0] + self.slot * (k + 0.5)
        return (cx - self.thick / 2, min(zero, end), cx + self.thick / 2, max(zero, end))

    def item_rect(self, j: int) -> Rect:
        b = self.inner
        if self.horizontal:
            return (b[0], b[1] + self.slot * j, b[2], b[1] + self.slot * (j + 1))
        return (b[0] + self.slot * j, b[1], b[0] + self.slot * (j + 1), b[3])

    def paint(self, cr: Any, t: float) -> None:
        th = self.theme
        pa = ease(self.element_shown(t))
        if pa <= 0:
            return
        # the baseline at zero
        r0 = self._bar(0, 0.0) if self.el.items else self.inner
        cr.set_line_width(th.line(0.35))
        source(cr, th.axis, pa)
        if self.horizontal:
            cr.move_to(r0[0], self.inner[1])
            cr.line_to(r0[0], self.inner[3])
        else:
            cr.move_to(self.inner[0], r0[3])
            cr.line_to(self.inner[2], r0[3])
        cr.stroke()
        for k, it in enumerate(self.el.items):
            s = self.shown(k, t)
            if s <= 0:
                continue
            f = ease_out(min(1.0, s / 0.85))
            a = ease(min(1.0, s * 3))
            colour = self.accent(k)
            light = self.light(k, t)
            x0, y0, x1, y1 = self._bar(k, f)
            if (x1 - x0) > 0.5 and (y1 - y0) > 0.5:
                rounded(cr, x0, y0, x1 - x0, y1 - y0, min(self.thick * 0.12, (x1 - x0) / 2, (y1 - y0) / 2))
                glow_stroke(cr, colour, light.glow, th.line(0.6))
                source(cr, mix(colour, th.text, 0.15 * light.colour), a)
                cr.fill()
            value = glyphs.text(self._fmt((it.value or 0.0) * f), self.value_texts[k].size, "bold")
            lines, size = self.names[k]
            if self.horizontal:
                vx = (x1 + th.gap * 0.3) if (it.value or 0) >= 0 else (x0 - th.gap * 0.3 - value.width)
                glyphs.paint(cr, value, vx, (y0 + y1) / 2 + value.ascent * 0.4, colour, a)
                ty = (y0 + y1) / 2 - len(lines) * size * 1.2 / 2
                for line in lines:
                    tx = glyphs.text(line, size)
                    glyphs.paint(cr, tx, self.name_right - tx.width, ty + tx.ascent, th.text, a)
                    ty += size * 1.2
            else:
                cx = (x0 + x1) / 2
                vy = (y0 - th.gap * 0.3) if (it.value or 0) >= 0 else (y1 + th.gap * 0.3 + value.ascent)
                glyphs.paint(cr, value, cx - value.width / 2, vy, colour, a)
                ty = self.track[0] + th.gap * 0.35 + (size * 1.6 if self.lo < 0 else 0.0)
                for line in lines:
                    tx = glyphs.text(line, size)
                    glyphs.paint(cr, tx, cx - tx.width / 2, ty + tx.ascent, th.text, a)
                    ty += size * 1.2

