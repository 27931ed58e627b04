"""figure: one shape with its parts labelled: a right triangle with its sides named, a circle with its radius
marked. The first item is the shape; each next item is a label and, in `detail`, the part it names."""

from __future__ import annotations

import math
from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.paint import Point, Rect, glow_stroke, partial, path_of, polyline_length, source
from vidgen.draw.schedule import ease
from vidgen.draw.theme import Theme
from vidgen.visual.figures import ALIASES, FIGURES, PARTS, part_of
from vidgen.visual.kinds import register
from vidgen.visual.spec import Element


@register
class FigureKind(Drawer):
    name = "figure"
    order = 75
    noun = "labelled figure"
    prompt = ('the first item is the figure: "right triangle", "triangle", "circle", "rectangle" or "square"; each '
              'next item a label on one of its parts ("detail" = bottom, left, right, top, vertical, slanted, '
              'angle, radius, diameter or centre)')
    item_words = "{label} ({detail|the figure})"
    hints = {"label": "the figure, then a label for one part", "detail": "the part: bottom, slanted, radius, …"}
    graphic = framed = True
    show_seconds = 0.8
    aliases = ("labelled_figure", "labelled_shape")
    example = {"id": "F", "kind": "figure", "items": [{"label": "right triangle"},
                                                      {"label": "Adjacent", "detail": "bottom"},
                                                      {"label": "Opposite", "detail": "vertical"},
                                                      {"label": "Hypotenuse", "detail": "slanted"},
                                                      {"label": "θ", "detail": "angle"}]}

    @classmethod
    def check_element(cls, element: Element) -> None:
        items = element.items
        if not items or items[0].label.strip().lower() not in FIGURES:
            raise ValueError(f"a figure's first item is the figure: one of {', '.join(FIGURES)}")
        figure = items[0].label.strip().lower()
        for it in items[1:]:
            if not part_of(figure, it.detail or ""):
                raise ValueError(f"a label on a {figure} names one of its parts in detail: "
                                 f"{', '.join(PARTS[figure])}, not {it.detail!r}")

    @classmethod
    def repair_item(cls, fix: Any, item: dict[str, Any], label: str, detail: str | None,
                    where: str) -> tuple[str, str | None] | None:
        low = label.strip().lower()
        return (ALIASES.get(low, label), detail)

    @classmethod
    def repair_element(cls, fix: Any, element: dict[str, Any], where: str) -> None:
        items = element.get("items") or []
        if not items:
            return
        figure = ALIASES.get(str(items[0].get("label", "")).strip().lower(), str(items[0].get("label", "")).lower())
        kept = [items[0]]
        for it in items[1:]:
            part = part_of(figure, str(it.get("detail") or ""))
            if part:
                kept.append({**it, "detail": part})
            else:
                fix.notes.append(f"{where}: dropped the label {str(it.get('label'))[:40]!r}: a {figure} has no part "
                                 f"{it.get('detail')!r}")
        element["items"] = kept

    @classmethod
    def want(cls, el: Element, th: Theme, width: float, cap: float) -> tuple[float, float]:
        return min(width * 0.75, th.short * 0.5), width * 1.0

    def setup(self) -> None:
        th = self.theme
        b = self.inner
        items = self.el.items
        self.figure = ALIASES.get(items[0].label.strip().lower(), items[0].label.strip().lower()) if items else ""
        self.size = max(th.min_text, th.size("label") * 1.25)
        names = [glyphs.text(it.label, self.size, "bold") for it in items[1:]]
        # labels on an upright side sit beside the figure and need room across; the others above or below it
        def beside(parts: tuple[str, ...]) -> float:
            return max([n.width for it, n in zip(items[1:], names, strict=False)
                        if part_of(self.figure, it.detail or "") in parts] + [0.0]) + th.gap * 0.6

        left, right = beside(("left",)), beside(("right", "vertical"))
        w, h = b[2] - b[0] - left - right, b[3] - b[1] - 2 * (self.size * 1.6)
        side = max(10.0, min(w, h * (1.25 if "triangle" in self.figure else 1.0)))
        cx, cy = (b[0] + left + b[2] - right) / 2, (b[1] + b[3]) / 2
        if self.figure == "circle":
            r = min(side, h) / 2
            self.centre, self.r = (cx, cy), r
            self.outline = [(cx + r * math.cos(2 * math.pi * k / 72), cy - r * math.sin(2 * math.pi * k / 72))
                            for k in range(73)]
        else:
            hw = side / 2
            hh = min(h / 2, hw * (0.75 if self.figure != "square" else 1.0))
            bl, br, tl, tr = (cx - hw, cy + hh), (cx + hw, cy + hh), (cx - hw, cy - hh), (cx + hw, cy - hh)
            if self.figure == "right triangle":   # the right angle at the bottom right, θ read at the bottom left
                self.outline = [bl, br, tr, bl]
            elif self.figure == "triangle":
                self.outline = [bl, br, (cx, cy - hh), bl]
            else:
                self.outline = [bl, br, tr, tl, bl]
        self.length = polyline_length(self.outline)
        self.names = names
        xs, ys = [p[0] for p in self.outline], [p[1] for p in self.outline]
        self.set_content((max(b[0], min(xs) - left), max(b[1], min(ys) - self.size * 1.6),
                          min(b[2], max(xs) + right), min(b[3], max(ys) + self.size * 1.6)))

    def _side(self, part: str) -> tuple[Point, Point] | None:
        o = self.outline
        if self.figure == "circle":
            return None
        sides = {"right triangle": {"bottom": (o[0], o[1]), "vertical": (o[1], o[2]), "slanted": (o[2], o[0])},
                 "triangle": {"bottom": (o[0], o[1]), "right": (o[1], o[2]), "left": (o[2], o[0])}}
        if self.figure in sides:
            return sides[self.figure].get(part)
        return {"bottom": (o[0], o[1]), "right": (o[1], o[2]), "top": (o[2], o[3]), "left": (o[3], o[0])}.get(part)

    def _spot(self, part: str, name: glyphs.Text) -> Point:
        """Where a part's label goes: outside the middle of its side, inside its corner, beside its line."""
        g = self.theme.gap * 0.45
        if self.figure == "circle":
            (cx, cy), r = self.centre, self.r
            if part == "radius":
                return (cx + r / 2 - name.width / 2, cy - g)
            if part == "diameter":   # upright through the centre, apart from a radius drawn to the right
                return (cx - g - name.width, cy - r / 2 + name.ascent / 2)
            return (cx - name.width / 2, cy + name.ascent + g)   # centre: under the dot
        if part == "angle":
            x, y = self.outline[0]
            return (x + self.size * 1.7, y - g)
        a, c = self._side(part) or (self.outline[0], self.outline[1])
        mx, my = (a[0] + c[0]) / 2, (a[1] + c[1]) / 2
        cx = sum(p[0] for p in self.outline[:-1]) / (len(self.outline) - 1)
        cy = sum(p[1] for p in self.outline[:-1]) / (len(self.outline) - 1)
        dx, dy = c[1] - a[1], a[0] - c[0]   # a normal to the side, turned to point away from the middle
        n = math.hypot(dx, dy) or 1.0
        dx, dy = dx / n, dy / n
        if dx * (mx - cx) + dy * (my - cy) < 0:
            dx, dy = -dx, -dy
        x = mx + dx * (g + name.width / 2) - name.width / 2
        y = my + dy * (g + name.height / 2) + name.ascent / 2
        return (x, y)

    def item_rect(self, j: int) -> Rect:
        return self.content

    def paint(self, cr: Any, t: float) -> None:
        th = self.theme
        shown = self.shown(0, t) if self.el.items else 0.0
        if shown <= 0:
            return
        colour = self.accent(0)
        light = self.light(0, t)
        cr.set_line_join(1)
        cr.set_line_cap(1)
        path_of(cr, partial(self.outline, ease(min(1.0, shown / 0.75)), self.length))
        glow_stroke(cr, colour, light.glow, th.line(0.8))
        cr.set_line_width(th.line(0.8))
        source(cr, colour)
        cr.stroke()
        fill = ease(max(0.0, (shown - 0.6) / 0.4))
        if self.figure == "right triangle" and fill > 0:   # the right angle's square mark
            x, y = self.outline[1]
            m = self.size * 0.7
            cr.move_to(x - m, y)
            cr.line_to(x - m, y - m)
            cr.line_to(x, y - m)
            cr.set_line_width(th.line(0.4))
            source(cr, colour, fill)
            cr.stroke()
        for k, (it, name) in enumerate(zip(self.el.items[1:], self.names, strict=False), start=1):
            s = self.shown(k, t)
            if s <= 0:
                continue
            a = ease(min(1.0, s * 1.6))
            part = part_of(self.figure, it.detail or "")
            accent = self.accent(k)
            self._mark(cr, part, accent, a)
            x, y = self._spot(part, name)
            glyphs.paint(cr, name, x, y, self.lit_colour(th.text, accent, self.light(k, t)), a)

    def _mark(self, cr: Any, part: str, colour: Any, alpha: float) -> None:
        """What a label points at besides a side: a radius or a diameter drawn in, the centre's dot, the angle's arc."""
        th = self.theme
        cr.set_line_width(th.line(0.6))
        source(cr, colour, alpha)
        if self.figure == "circle":
            (cx, cy), r = self.centre, self.r
            if part == "radius":
                cr.move_to(cx, cy)
                cr.line_to(cx + r, cy)
                cr.stroke()
            elif part == "diameter":
                cr.move_to(cx, cy - r)
                cr.line_to(cx, cy + r)
                cr.stroke()
            cr.arc(cx, cy, th.line(1.6), 0, 2 * math.pi)
            cr.fill()
            return
        if part == "angle":
            x, y = self.outline[0]
            nxt, prev = self.outline[1], self.outline[-2]
            a0 = -math.atan2(nxt[1] - y, nxt[0] - x)
            a1 = -math.atan2(prev[1] - y, prev[0] - x)
            cr.new_sub_path()
            cr.arc_negative(x, y, self.size * 1.2, -a0, -a1)
            cr.stroke()
