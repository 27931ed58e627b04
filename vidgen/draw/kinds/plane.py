"""plane: a coordinate plane with equal units, vectors from the origin, labels placed off the arrows,
angle arcs for rotations, moving and tracing points."""

from __future__ import annotations

import math
import re
from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.kinds.axes import Mapping, crowding, fmt, nice_step, paint_grid, place, ticks
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.paint import Point, Rect, arrow, drawn_angle, source
from vidgen.draw.schedule import Event, ease, ease_out
from vidgen.draw.theme import Theme
from vidgen.visual.kinds import register
from vidgen.visual.spec import Element, Item, Step, Target, Visual

MOTIONS = ("rotate", "move", "transform")


def plane_aspect(el: Element) -> float:
    """Width over height of a plane's data (equal units), from its ranges or its items."""
    xs = [0.0] + [it.x or 0.0 for it in el.items]
    ys = [0.0] + [it.y or 0.0 for it in el.items]
    x0, x1 = el.x_range or (min(xs), max(xs))
    y0, y1 = el.y_range or (min(ys), max(ys))
    w, h = max(1.0, x1 - x0), max(1.0, y1 - y0)
    return min(2.4, max(0.45, (w * 1.2) / (h * 1.2)))


@register
class PlaneKind(Drawer):
    name = "plane"
    order = 60
    said = "plane with"
    prompt = 'a vector from the origin to "x", "y"'
    item_words = "{label|point} to ({x}, {y})"
    fields = ("x", "y", "value")
    actions = ("trace", "rotate", "move", "transform")
    ranged = graphic = framed = True
    needs_label = False
    show_seconds = 0.8
    aliases = ("vector", "vectors", "argand", "complex_plane", "coordinate_plane")
    example = {"id": "P", "kind": "plane", "items": [{"id": "z1", "label": "$z_1$", "x": 2, "y": 1},
                                                     {"id": "z2", "label": "$z_2$", "x": -1, "y": 2}]}

    @classmethod
    def check_item(cls, element: Element, item: Item) -> None:
        if item.x is None or item.y is None:
            raise ValueError("a plane item needs x and y (where its vector points)")

    @classmethod
    def check_step(cls, visual: Visual, step: Step, target: Target) -> None:
        eid = visual.elements[target.element].id
        if step.action == "rotate":
            cls.item_of(visual, target, f"rotate turns one plane item (target {eid}.itemid)")
            if step.value is None:
                raise ValueError("rotate needs value: the angle in degrees")
        elif step.action == "move":
            cls.item_of(visual, target, f"move moves one plane item (target {eid}.itemid)")
            cls.check_point(step, "move")
        elif step.action == "trace":
            cls.item_of(visual, target, f"trace on a plane follows one vector (target {eid}.itemid)")
        elif step.action == "transform" and (target.item is None or step.x is None or step.y is None):
            raise ValueError("transform on a plane moves one item to the point x, y")

    @classmethod
    def repair_label(cls, fix: Any, item: dict[str, Any], label: str, where: str,
                     given: dict[str, Any]) -> str | None:
        r, a = given.get("r"), given.get("a")
        if ("x" not in item or "y" not in item) and r is not None:   # a vector given by length and angle
            angle = math.radians(a or 0.0)
            item["x"], item["y"] = round(r * math.cos(angle), 3), round(r * math.sin(angle), 3)
            fix.minor["vectors given by length and angle"] += 1
        return label

    @classmethod
    def repair_item(cls, fix: Any, item: dict[str, Any], label: str, detail: str | None,
                    where: str) -> tuple[str, str | None] | None:
        if "x" not in item or "y" not in item:
            fix.notes.append(f"{where}: dropped a vector without x and y")
            return None
        return label, detail

    @classmethod
    def repair_element(cls, fix: Any, element: dict[str, Any], where: str) -> None:
        for key, axis in (("x_range", "x"), ("y_range", "y")):
            if key in element:
                values = [i[axis] for i in element["items"]] + [0.0]
                lo, hi = min(element[key][0], *values), max(element[key][1], *values)
                if [lo, hi] != element[key]:
                    fix.notes.append(f"{where}: widened {key} to show every vector")
                    element[key] = [lo, hi]

    @classmethod
    def want(cls, el: Element, th: Theme, width: float, cap: float) -> tuple[float, float]:
        h = width / plane_aspect(el)
        return min(h, th.short * (0.85 if th.stacked else 0.55)), h * 1.08

    @classmethod
    def left_share(cls, el: Element) -> float:
        """As wide as its data is (equal units), within reason."""
        return min(0.6, max(0.36, 0.3 + 0.14 * plane_aspect(el)))

    def setup(self) -> None:
        th = self.theme
        items = self.el.items
        self.motions = [[e for e in self.sched.of(self.index, j) if e.action in MOTIONS] for j in range(len(items))]
        # every point a vector reaches must be in view
        reach: list[tuple[float, float]] = [(0.0, 0.0)]
        for j in range(len(items)):
            reach += [self._pose(j, e.t1 + 1e-6) for e in self.motions[j]] + [self._pose(j, 0.0)]
            for e in self.motions[j]:
                if e.action == "rotate":   # the arc's far side too
                    x, y = self._pose(j, e.t0)
                    r = math.hypot(x, y)
                    a0, a1 = math.atan2(y, x), math.atan2(y, x) + math.radians(e.value or 0)
                    reach += [(r * math.cos(a0 + (a1 - a0) * k / 8), r * math.sin(a0 + (a1 - a0) * k / 8))
                              for k in range(9)]
        xs, ys = [p[0] for p in reach], [p[1] for p in reach]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
        x0, x1 = self.el.x_range or (min(xs) - span * 0.15, max(xs) + span * 0.22)
        y0, y1 = self.el.y_range or (min(ys) - span * 0.15, max(ys) + span * 0.18)
        x0, x1 = min(x0, min(xs) - span * 0.05), max(x1, max(xs) + span * 0.08)
        y0, y1 = min(y0, min(ys) - span * 0.05), max(y1, max(ys) + span * 0.08)
        b = self.inner
        ls = th.size("small")
        room = (b[0] + ls * 0.3, b[1] + ls * 0.4, b[2] - ls * 0.3, b[3] - ls * 0.3)
        scale = min((room[2] - room[0]) / (x1 - x0), (room[3] - room[1]) / (y1 - y0))
        # equal units; the grid then fills the box (a little), the data stays as large as it can be
        w, h = (x1 - x0) * scale, (y1 - y0) * scale
        extra_x = min((room[2] - room[0] - w) / scale, (x1 - x0) * 1.2)   # a wide box gets more grid, not less
        extra_y = min((room[3] - room[1] - h) / scale, (y1 - y0) * 0.5)
        x0, x1, y0, y1 = x0 - extra_x / 2, x1 + extra_x / 2, y0 - extra_y / 2, y1 + extra_y / 2
        w, h = (x1 - x0) * scale, (y1 - y0) * scale
        cx, cy = (room[0] + room[2]) / 2, (room[1] + room[3]) / 2
        self.area: Rect = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
        self.map = Mapping(x0, x1, y0, y1, self.area)
        self.step = nice_step(max(x1 - x0, y1 - y0), 8 if not th.portrait else 6)
        self.step = max(self.step, 1.0) if max(x1 - x0, y1 - y0) > 3 else self.step
        # labels in proportion to the plane: a small plane (a stacked 1:1 split) gets smaller labels
        small = min(w, h)
        # ... but never under what a viewer reads on a phone (th.min_text)
        self.label_size = max(th.size("small") * 0.9, th.min_text, min(th.size("label") * 1.15, small * 0.085))
        self.detail_size = max(th.size("small") * 0.75, th.min_text, min(th.size("small"), small * 0.062))
        # Re/Im for complex numbers (z, i, "complex" as words or math symbols), x/y otherwise
        text = " ".join([it.label for it in items] + [self.ctx.visual.title or ""])
        complex_plane = re.search(r"(?<![A-Za-z\\])(?:z|i|Re|Im)(?![A-Za-z])|complex|argand|imaginary", text, re.I)
        self.axis_names = ("Re", "Im") if complex_plane else ("x", "y")
        self.names = [glyphs.text(it.label, self.label_size) if it.label else None for it in items]
        self.tick_size = max(th.min_text, min(th.size("small") * 0.85, self.detail_size * 0.95))
        self.details = [glyphs.text(it.detail, self.detail_size) if it.detail else None for it in items]
        self.tick_labels = self._tick_labels()   # painted with the grid; label placement keeps off them
        self._placements: dict[float, list[Rect | None]] = {}
        self._arc_spots: dict[tuple[int, float, float, float], tuple[float, float]] = {}
        self.set_content(self.area)

    # -- where things are ---------------------------------------------------------------------
    def _pose(self, j: int, t: float) -> tuple[float, float]:
        it = self.el.items[j]
        x, y = it.x or 0.0, it.y or 0.0
        for e in self.motions[j]:
            if t <= e.t0:
                break
            p = e.progress(t)
            if e.action == "rotate":
                r, a = math.hypot(x, y), math.atan2(y, x) + math.radians(e.value or 0) * p
                x, y = r * math.cos(a), r * math.sin(a)
            else:
                x, y = x + ((e.x or 0) - x) * p, y + ((e.y or 0) - y) * p
        return x, y

    def _key_time(self, t: float) -> tuple[float, float, float]:
        """(settled time before, settled time after, how far between) for label placement."""
        active = [e for es in self.motions for e in es if e.t0 <= t < e.t1]
        if active:
            e = active[-1]
            return e.t0, e.t1 + 1e-6, e.progress(t)
        return t, t, 0.0

    def _labels_at(self, key: float) -> list[Rect | None]:
        """Label boxes for the poses at a settled time, placed clear of every arrow and other labels."""
        key = round(key, 4)
        if key in self._placements:
            return self._placements[key]
        m, th = self.map, self.theme
        tips = [m(*self._pose(j, key)) for j in range(len(self.el.items))]
        o = m(0.0, 0.0)
        segments = [(o, tip) for tip in tips]
        segments += [((self.area[0], o[1]), (self.area[2], o[1])), ((o[0], self.area[1]), (o[0], self.area[3]))]
        size = th.size("small")
        re_t, im_t = glyphs.text(self.axis_names[0], size), glyphs.text(self.axis_names[1], size)
        a = self.area
        # the axis names and the tick numbers are obstacles too
        taken: list[Rect] = [(a[2] - re_t.width - size * 0.4, o[1] - size * 1.4, a[2], o[1]),
                             (o[0], a[1], o[0] + im_t.width + size * 0.8, a[1] + im_t.height + size * 0.3)]
        taken += [(x, base - tx.ascent, x + tx.width, base - tx.ascent + tx.height)
                  for tx, x, base in self.tick_labels]
        out: list[Rect | None] = []
        for j, tip in enumerate(tips):
            name, detail = self.names[j], self.details[j]
            if name is None and detail is None:
                out.append(None)
                continue
            w = max(name.width if name else 0, detail.width if detail else 0)
            h = (name.height if name else 0) + (detail.height + 2 if detail else 0)
            dx, dy = tip[0] - o[0], tip[1] - o[1]
            d = math.hypot(dx, dy) or 1.0
            ux, uy = dx / d, dy / d
            g = th.gap * 0.35
            cands = []
            # beyond the tip first, then turning around it
            for turn in (0, 35, -35, 70, -70, 110, -110, 150, -150, 180):
                ang = math.atan2(uy, ux) + math.radians(turn)
                cx, cy = tip[0] + math.cos(ang) * (g + w * 0.5), tip[1] + math.sin(ang) * (g + h * 0.5)
                cands.append((cx - w / 2 + math.cos(ang) * w * 0.05, cy - h / 2))
            segs = [s for k, s in enumerate(segments) if k != j] + [(o, (o[0] + dx * 0.999, o[1] + dy * 0.999))]
            r = place((w, h), cands, self.inner, [], segs, taken + [(t[0] - 3, t[1] - 3, t[0] + 3, t[1] + 3)
                                                                     for t in tips], 3)
            taken.append(r)
            out.append(r)
        self._placements[key] = out
        return out

    def _tick_labels(self) -> list[tuple[glyphs.Text, float, float]]:
        """The tick numbers, (text, x, baseline): under the x axis and left of the y axis, clear of the ends."""
        m, a, size = self.map, self.area, self.theme.size("small")
        o = m(0.0, 0.0)
        out = []
        for v in ticks(m.x0, m.x1, self.step):
            if abs(v) > 1e-9 and a[0] + size < m(v, 0)[0] < a[2] - size * 2:
                tx = glyphs.text(fmt(v), self.tick_size)
                out.append((tx, m(v, 0)[0] - tx.width / 2, o[1] + size * 1.15))
        for v in ticks(m.y0, m.y1, self.step):
            if abs(v) > 1e-9 and a[1] + size * 2 < m(0, v)[1] < a[3] - size:
                tx = glyphs.text(fmt(v), self.tick_size)
                out.append((tx, o[0] - tx.width - size * 0.3, m(0, v)[1] + size * 0.3))
        return out

    # -- drawing --------------------------------------------------------------------------------
    def _paint_grid(self, cr: Any, shown: float) -> None:
        """Grid, axes, tick numbers and axis names (static once shown)."""
        th, m = self.theme, self.map
        a = self.area
        pa = ease(shown)
        paint_grid(cr, m, a, ticks(m.x0, m.x1, self.step), ticks(m.y0, m.y1, self.step), th.faint, 0.75 * pa)
        o = m(0.0, 0.0)
        grow = ease_out(min(1.0, shown * 1.3))
        lw = th.line(0.4)
        source(cr, th.axis, pa)
        cr.set_line_width(lw)
        cr.move_to(o[0] - (o[0] - a[0]) * grow, o[1])
        cr.line_to(o[0] + (a[2] - o[0]) * grow, o[1])
        cr.move_to(o[0], o[1] + (a[3] - o[1]) * grow)
        cr.line_to(o[0], o[1] - (o[1] - a[1]) * grow)
        cr.stroke()
        size = th.size("small")
        bg = th.background_at(o[1])
        for tx, x, base in self.tick_labels:
            glyphs.halo(cr, tx, x, base, bg, pa)
            glyphs.paint(cr, tx, x, base, th.muted, pa * 0.9)
        re_t, im_t = glyphs.text(self.axis_names[0], size), glyphs.text(self.axis_names[1], size)
        glyphs.paint(cr, re_t, a[2] - re_t.width - size * 0.2, o[1] - size * 0.45, th.axis, pa)
        glyphs.paint(cr, im_t, o[0] + size * 0.4, a[1] + im_t.ascent + size * 0.1, th.axis, pa)

    def paint(self, cr: Any, t: float) -> None:
        if self.element_shown(t) <= 0:
            return
        self.static_or_live(cr, "grid", self.element_shown(t), self._paint_grid)
        self._paint_arcs(cr, t)
        before, after, f = self._key_time(t)
        boxes_a, boxes_b = self._labels_at(before), self._labels_at(after)
        for j in range(len(self.el.items)):
            self._paint_vector(cr, j, t, boxes_a[j], boxes_b[j], f)
        self._paint_traces(cr, t)

    def _paint_vector(self, cr: Any, j: int, t: float, box_a: Rect | None, box_b: Rect | None, f: float) -> None:
        th, m = self.theme, self.map
        p = self.shown(j, t)
        if p <= 0:
            return
        it = self.el.items[j]
        colour = self.accent(j)
        light = self.light(j, t)
        o, tip = m(0.0, 0.0), m(*self._pose(j, t))
        if it.value == 0:  # a point, not a vector
            r = th.short * 0.012 * (1 + 0.4 * light.glow)
            cr.arc(tip[0], tip[1], r * 2.2, 0, 2 * math.pi)
            source(cr, colour, 0.25 * light.glow)
            cr.fill()
            cr.arc(tip[0], tip[1], r * ease_out(p), 0, 2 * math.pi)
            source(cr, colour, 1.0)
            cr.fill()
        else:
            arrow(cr, o, tip, colour, th.line(1.1 + 0.3 * light.colour), 1.0, ease(p), glow=light.glow)
        la = ease(min(1.0, max(0.0, (p - 0.55) / 0.45)))
        if box_a is None or box_b is None or la <= 0:
            return
        # the label keeps its place relative to the tip while the vector moves
        tip_a, tip_b = m(*self._pose(j, self._key_time(t)[0])), m(*self._pose(j, self._key_time(t)[1]))
        off_a = (box_a[0] - tip_a[0], box_a[1] - tip_a[1])
        off_b = (box_b[0] - tip_b[0], box_b[1] - tip_b[1])
        x = tip[0] + off_a[0] + (off_b[0] - off_a[0]) * f
        y = tip[1] + off_a[1] + (off_b[1] - off_a[1]) * f
        name, detail = self.names[j], self.details[j]
        bg = th.background_at(y)
        if name is not None:
            if light.glow:
                glyphs.paint_glow(cr, name, x, y + name.ascent, colour, light.glow * la)
            glyphs.halo(cr, name, x, y + name.ascent, bg, la)
            glyphs.paint(cr, name, x, y + name.ascent, colour, la)
            y += name.height
        if detail is not None:
            glyphs.halo(cr, detail, x, y + 2 + detail.ascent, bg, la)
            glyphs.paint(cr, detail, x, y + 2 + detail.ascent, th.muted, la)

    def _paint_arcs(self, cr: Any, t: float) -> None:
        th, m = self.theme, self.map
        o = m(0.0, 0.0)
        for j, es in enumerate(self.motions):
            turns = [e for e in es if e.action == "rotate" and t >= e.t0]
            for e in turns[-1:]:   # only the latest turn: a swing back and forth would stack arcs and labels
                if self.shown(j, t) <= 0:
                    continue
                x, y = self._pose(j, e.t0)
                a0 = math.atan2(y, x)
                da = drawn_angle(math.radians(e.value or 0) * e.progress(t))
                r = max(th.short * 0.05, min(math.hypot(x, y) * m.sx * 0.32, th.short * 0.12))
                colour = self.accent(j)
                cr.set_line_width(th.line(0.45))
                source(cr, colour, 0.85)
                cr.new_sub_path()
                # screen y is down, so a positive (counter-clockwise) angle is negative on screen
                if da >= 0:
                    cr.arc_negative(o[0], o[1], r, -a0, -(a0 + da))
                else:
                    cr.arc(o[0], o[1], r, -a0, -(a0 + da))
                cr.stroke()
                if abs(da) > 0.15:
                    tx = glyphs.text(f"{'+' if (e.value or 0) > 0 else ''}{fmt(round(e.value or 0))}°",
                                     th.size("small"))
                    lx, ly = self._arc_label(j, e, tx, o, a0, r, t)
                    glyphs.halo(cr, tx, lx, ly, th.background_at(ly))
                    glyphs.paint(cr, tx, lx, ly, colour, ease(min(1.0, e.raw(t) * 3)))

    def _arc_label(self, j: int, e: Event, tx: glyphs.Text, o: Point, a0: float, r: float, t: float
                   ) -> tuple[float, float]:
        """Where a turn's degrees go (x, baseline): beside the middle of its arc, else further along or further
        out, clear of the vectors' names, the tick numbers and the arrows (a '+40°' on a 'z2' read as neither)."""
        whole = drawn_angle(math.radians(e.value or 0))
        _, after, _ = self._key_time(max(t, e.t1))
        key = (j, round(e.t0, 4), round(after, 4), round(r, 1))
        if key in self._arc_spots:
            return self._arc_spots[key]
        w, h = tx.width, tx.height
        cands = []
        for out in (1.0, 1.4, 1.8, 0.7):
            for frac in (0.5, 0.3, 0.7):
                mid = a0 + whole * frac
                cx = o[0] + math.cos(mid) * (r * out + w * 0.7)
                base = o[1] - math.sin(mid) * (r * out + h * 0.8) + tx.ascent / 2
                cands.append((cx - w / 2, base - tx.ascent))
        tips = [self.map(*self._pose(k, after)) for k in range(len(self.el.items))]
        taken = [b for b in self._labels_at(after) if b is not None]
        taken += [(x, base - t_.ascent, x + t_.width, base - t_.ascent + t_.height) for t_, x, base in self.tick_labels]
        segs = [(o, tip) for tip in tips]

        def cost(k: int) -> float:
            # on another label it reads as neither; across an arrow its halo keeps it readable
            r = (cands[k][0], cands[k][1], cands[k][0] + w, cands[k][1] + h)
            return crowding(r, self.inner, [], [], taken, 2) * 20 + crowding(r, self.inner, [], segs, [], 2) + k

        best = min(range(len(cands)), key=cost)
        got = (cands[best][0], cands[best][1] + tx.ascent)
        self._arc_spots[key] = got
        return got

    def _paint_traces(self, cr: Any, t: float) -> None:
        th, m = self.theme, self.map
        for e in [e for e in self.sched.events if e.element == self.index and e.action == "trace"]:
            if t < e.t0 or e.item is None:
                continue
            tip = m(*self._pose(e.item, t))
            o = m(0.0, 0.0)
            p = e.progress(t)
            px, py = o[0] + (tip[0] - o[0]) * p, o[1] + (tip[1] - o[1]) * p
            colour = self.accent(e.item)
            r = th.short * 0.011
            fade = 1.0 if t < e.t1 else 0.0  # the dot has done its job once it arrives
            if fade:
                cr.arc(px, py, r * 2, 0, 2 * math.pi)
                source(cr, colour, 0.3)
                cr.fill()
                cr.arc(px, py, r, 0, 2 * math.pi)
                source(cr, th.text, 1.0)
                cr.fill()

    def dirty(self, e: Event) -> list[Rect]:
        return [self.box]
