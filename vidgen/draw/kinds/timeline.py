"""timeline: a line with dated marks."""

from __future__ import annotations

import math
import re
from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.kinds.axes import fmt
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.paint import Point, Rect, source
from vidgen.draw.schedule import ease, ease_out
from vidgen.draw.theme import Theme, mix
from vidgen.visual.kinds import register
from vidgen.visual.spec import Element


@register
class TimelineKind(Drawer):
    """A line with dated marks; labels alternate sides so neighbours do not collide."""

    name = "timeline"
    order = 90
    prompt = '"label" at "x" (a year)'
    item_words = "{x}: {label}"
    fields = ("x",)
    graphic = framed = True
    show_seconds = 0.7
    aliases = ("dates", "history")
    example = {"id": "T", "kind": "timeline", "items": [{"label": "Wright Flyer", "x": 1903},
                                                        {"label": "First jet airliner", "x": 1949},
                                                        {"label": "Moon landing", "x": 1969}]}

    @classmethod
    def want(cls, el: Element, th: Theme, width: float, cap: float) -> tuple[float, float]:
        if th.stacked:
            # (two or three marks still need room for a label above and one below the line, at a size a phone shows)
            h = max(max(1, len(el.items)) * th.size("body") * 3.2, th.short * 0.5)
            return h, h * 1.4
        return th.short * 0.35, th.short * 0.6

    def setup(self) -> None:
        th = self.theme
        items = self.el.items
        n = max(1, len(items))
        b = self.inner
        self.vertical = (b[3] - b[1]) > (b[2] - b[0]) * 0.9
        # marks without a number of their own are placed by the dates their labels say ('May 1215', '~3200 BCE')
        said = [when(it.label) for it in items]
        dated = all(it.x is not None for it in items) or None in said
        xs = [(it.x if it.x is not None else float(k)) if dated else float(said[k] or 0) for k, it in enumerate(items)]
        lo, hi = (min(xs), max(xs)) if xs else (0.0, 1.0)
        even = [k / max(1, n - 1) for k in range(n)]
        prop = [(x - lo) / (hi - lo) if hi > lo else e for x, e in zip(xs, even, strict=False)]
        self.pos = even
        self.breaks: list[int] = []   # gaps drawn shorter than the scale of the others: the line is broken there
        size = th.size("label") * 1.2
        # (a mark with no number has no heading: a count 1, 2, 3 over them would read as steps)
        self.numbered = [it.x is not None for it in items]
        self.years = [glyphs.text(fmt(x) if it.x is not None else "0", size * 1.15, "bold")
                      for x, it in zip(xs, items, strict=False)]
        # the mark already says its year: a label that opens with it ('1840: William Howe ...') says it twice
        words = [_without_year(it.label, self.years[k].label) if self.numbered[k] else it.label
                 for k, it in enumerate(items)]
        if self.vertical:
            width = (b[2] - b[0]) * 0.8
            slot = (b[3] - b[1] - size) / n   # each mark's label must fit before the next mark
            fs = th.size("body")
            while True:
                self.labels = [glyphs.fit(w, fs, width, max_lines=2) if w else ([], fs) for w in words]
                ys = min(size * 1.2, fs * 1.15)
                block = ys * 1.2 + max([len(ls) * s * 1.2 for ls, s in self.labels] + [0])
                # (never below the smallest type a viewer reads: a label a size down is one a phone cannot show)
                if block <= slot * 0.95 or fs <= th.min_text:
                    break
                fs = max(fs * 0.9, th.min_text)
            self.years = [glyphs.text(y.label, ys, "bold") for y in self.years]
            self.pos = even   # evenly spaced: the labels need the room more than the dates need the scale
            tail = self.years[-1].height + len(self.labels[-1][0]) * self.labels[-1][1] * 1.2 if items else 0.0
            x = b[0] + (b[2] - b[0]) * 0.1
            self.line = (x, b[1] + size, x, b[3] - tail)
        else:
            mid = (b[1] + b[3]) / 2
            width = min((b[2] - b[0]) / n * 1.7, (b[2] - b[0]) * 0.4)
            # labels alternate above and below the line: each must fit in its half of the box with its year
            room = (b[3] - b[1]) / 2 - th.gap * 0.9 - self.years[0].height - size * 0.15 if items else 0.0
            fs = th.size("body")
            while True:
                self.labels = [glyphs.fit(w, fs, width, max_lines=3) if w else ([], fs) for w in words]
                if max([len(ls) * s * 1.2 for ls, s in self.labels] + [0]) <= room or fs < th.size("small") * 0.6:
                    break
                fs *= 0.9

            def half(k: int) -> float:
                lines, s = self.labels[k]
                return max([glyphs.text(line, s).width for line in lines] +
                           [self.years[k].width if self.numbered[k] else 0.0]) / 2

            # the end marks' labels are centred on them: keep them inside the box
            left, right = (half(0), half(n - 1)) if items else (0.0, 0.0)
            ink = th.short * 0.005   # a glyph's ink strays past its measured width by a pixel or two
            self.line = (b[0] + max(th.gap, left + ink), mid, b[2] - max(th.gap, right + ink), mid)
            # proportional spacing, with room between two marks on one side for their labels: evenly spaced marks
            # over gaps of a month and of ten years would say the years passed alike
            length = max(1.0, self.line[2] - self.line[0])
            least = max([0.06] + [(half(k) + half(k + 2)) * 1.08 / length / 2 for k in range(n - 2)])
            if prop == sorted(prop) and least * (n - 1) < 1:
                self.pos = scaled(prop, least)
                self.breaks = broken(prop, self.pos)
        self.set_content(self.inner)

    def mark(self, k: int) -> Point:
        x0, y0, x1, y1 = self.line
        f = self.pos[k]
        return (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f)

    def item_rect(self, j: int) -> Rect:
        b = self.inner
        mx, my = self.mark(j)
        if self.vertical:
            g = self.theme.gap
            year = self.years[j]
            lines, size = self.labels[j]
            top = my - g * 0.15 - year.ascent - g * 0.2
            return (b[0], min(top, my - g), b[2], my + year.descent + len(lines) * size * 1.2 + g * 0.8)
        half = (b[2] - b[0]) * 0.22
        return (mx - half, b[1], mx + half, b[3])

    def paint(self, cr: Any, t: float) -> None:
        th = self.theme
        pa = self.element_shown(t)
        if pa <= 0:
            return
        x0, y0, x1, y1 = self.line
        f = ease(min(1.0, pa * 1.4))
        cr.set_line_width(th.line(0.55))
        cr.set_line_cap(1)
        source(cr, th.axis, 1.0)
        cr.move_to(x0, y0)
        cr.line_to(x0 + (x1 - x0) * f, y0 + (y1 - y0) * f)
        cr.stroke()
        for k in self.breaks:   # a scale break: two slanted strokes across a gap in the line
            (ax, ay), (bx, _) = self.mark(k), self.mark(k + 1)
            mx, h, d = (ax + bx) / 2, th.short * 0.016, th.short * 0.006
            if mx > x0 + (x1 - x0) * f:
                continue
            source(cr, mix(th.bg_top, th.bg_bottom, ay / th.height), 1.0)
            cr.rectangle(mx - d * 1.6, ay - h * 0.6, d * 3.2, h * 1.2)
            cr.fill()
            source(cr, th.axis, 1.0)
            for side in (-1, 1):
                cr.move_to(mx + side * d * 1.6 - d, ay + h)
                cr.line_to(mx + side * d * 1.6 + d, ay - h)
            cr.stroke()
        for k in range(len(self.el.items)):
            s = self.shown(k, t)
            if s <= 0:
                continue
            mx, my = self.mark(k)
            colour = self.accent(k)
            light = self.light(k, t)
            a = ease(min(1.0, s * 1.8))
            r = th.short * 0.014 * (0.4 + 0.6 * ease_out(min(1.0, s * 2))) * (1 + 0.35 * light.glow)
            cr.arc(mx, my, r * 2.1, 0, 2 * math.pi)
            source(cr, colour, 0.22 * a + 0.25 * light.glow)
            cr.fill()
            cr.arc(mx, my, r, 0, 2 * math.pi)
            source(cr, colour, a)
            cr.fill()
            year = self.years[k]
            lines, size = self.labels[k]
            texts = [glyphs.text(line, size) for line in lines]
            colour_text = mix(th.text, colour, light.colour)
            rise = (1 - ease_out(s)) * th.gap * 0.6
            numbered = self.numbered[k]   # (a mark without a number of its own is headed by nothing)
            if self.vertical:
                x = mx + th.gap * 0.9
                if numbered:
                    glyphs.paint(cr, year, x, my - th.gap * 0.15 + rise, colour, a)
                y = my - th.gap * 0.15 + rise + (year.descent if numbered else -year.ascent * 0.8)
                for tx in texts:
                    glyphs.paint(cr, tx, x, y + tx.ascent, colour_text, a)
                    y += size * 1.2
                continue
            above = k % 2 == 0
            block = (year.height + size * 0.15 if numbered else 0.0) + len(texts) * size * 1.2
            y = (my - th.gap * 0.9 - block) if above else (my + th.gap * 0.9)
            y += rise if above else -rise
            # (a label wider than the room to its box's edge, near an end, is moved inward: its mark stays)
            widest = max([tx.width for tx in texts] + [year.width if numbered else 0.0])
            edge = th.short * 0.005
            cx = min(max(mx, self.box[0] + widest / 2 + edge), self.box[2] - widest / 2 - edge)
            if numbered:
                glyphs.paint(cr, year, cx - year.width / 2, y + year.ascent, colour, a)
                y += year.height + size * 0.15
            for tx in texts:
                glyphs.paint(cr, tx, cx - tx.width / 2, y + tx.ascent, colour_text, a)
                y += size * 1.2
            # a tick from the line towards the label
            cr.set_line_width(1.2)
            source(cr, colour, 0.6 * a)
            cr.move_to(mx, my + (-1 if above else 1) * r * 1.5)
            cr.line_to(mx, my + (-1 if above else 1) * th.gap * 0.7)
            cr.stroke()


def _without_year(label: str, year: str) -> str:
    """A mark's label without the year the mark already shows ('1840: Howe truss' -> 'Howe truss'; '1848' -> '')."""
    text = label.strip()
    # (a range the label opens with, '1886–88 Hertz', stays whole: cut at its year, '88 Hertz' reads as a frequency)
    if year and text.startswith(year) and not text[len(year):len(year) + 1].isalnum() and \
            not re.match(r"\s*[–—-]\s*\d", text[len(year):]):
        return text[len(year):].lstrip(" :–—-,·").strip()
    return text


def scaled(prop: list[float], least: float) -> list[float]:
    """Positions from 0 to 1 in the proportions of `prop`, except that no gap is under `least`: the short gaps are
    widened and the long ones shortened in proportion, so a long gap still reads longer than a short one."""
    raw = [b - a for a, b in zip(prop, prop[1:], strict=False)]
    if not raw or least * len(raw) >= 1:
        return [k / max(1, len(raw)) for k in range(len(raw) + 1)]
    lo, hi = 0.0, 1.0
    for _ in range(40):   # the scale s at which the gaps, none under `least`, add up to the whole line
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if sum(max(least, g * mid) for g in raw) < 1 else (lo, mid)
    gaps = [max(least, g * lo) for g in raw]
    out = [0.0]
    for g in gaps:
        out.append(out[-1] + g)
    return [x / out[-1] for x in out]


def broken(prop: list[float], pos: list[float]) -> list[int]:
    """The gaps to mark with a scale break: when short gaps were widened for their labels to more than twice the
    scale of the long ones, the long gaps are drawn shorter than they are, and a viewer reading the distances would
    take 400 years for twice one year; a break on each of them says the line is not to one scale there."""
    raw = [b - a for a, b in zip(prop, prop[1:], strict=False)]
    drawn = [b - a for a, b in zip(pos, pos[1:], strict=False)]
    ratio = [d / g if g > 0 else float("inf") for d, g in zip(drawn, raw, strict=True)]
    if not ratio or max(ratio) <= 2 * min(ratio):
        return []
    widened = [g for g, r in zip(raw, ratio, strict=True) if r > 1.5 * min(ratio)]
    return [k for k, (g, r) in enumerate(zip(raw, ratio, strict=True))
            if r <= 1.5 * min(ratio) and g >= 2 * max(widened, default=0.0)]


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def when(label: str) -> float | None:
    """The moment a mark's label says, as a year ('~3200 BCE' -> -3200, 'June 1215' -> 1215.4), or None."""
    m = re.search(r"(\d{1,4}(?:,\d{3})?)\s*(BCE|BC|CE|AD)\b|\b(1\d{3}|20\d{2})s?\b", label)
    if not m:
        return None
    year = float((m[1] or m[3]).replace(",", ""))
    if m[2] in ("BCE", "BC"):
        year = -year
    month = re.search(r"\b(" + "|".join(_MONTHS) + r")[a-z]*\.?\s+(?:\d{1,2},?\s+)?" + re.escape(m[0]), label, re.I)
    return year + (_MONTHS.index(month[1].lower()[:3]) / 12 if month else 0.0)
