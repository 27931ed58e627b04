"""shapes (geometry drawn stroke by stroke), bars (growing, with values) and timeline (dated marks)."""

from __future__ import annotations

import math
import re
from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.demand import shape_grid
from vidgen.draw.kinds.axes import fmt
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.paint import Point, Rect, glow_stroke, partial, path_of, polyline_length, rounded, source
from vidgen.draw.schedule import ease, ease_out
from vidgen.draw.visual_theme import mix


def _number(text: str | None, default: float) -> float:
    m = re.search(r"-?\d+(?:\.\d+)?", text or "")
    return float(m[0]) if m else default


def _arc(rx: float, ry: float, cy: float, a0: float, a1: float, n: int = 36) -> list[Point]:
    """Points of an ellipse centred at (0, cy), from angle a0 to a1 (radians)."""
    return [(rx * math.cos(a0 + (a1 - a0) * k / n), cy + ry * math.sin(a0 + (a1 - a0) * k / n)) for k in range(n + 1)]


def solid_points(shape: str, size: float) -> tuple[list[Point], list[Point]] | None:
    """A solid seen from a little above: (its visible edges as one path, drawn in order; its silhouette, filled),
    around (0, 0) in data units (y up), within the square a flat shape of this size fills. An edge may be gone
    over twice, so the pen never lifts. None: not a solid."""
    drawn = _solid(shape, size / 2)
    if drawn is None:
        return None
    edges, fill = drawn
    reach = max(max(abs(x), abs(y)) for x, y in edges + fill)
    k = size / 2 / reach   # the cube's depth would otherwise push it out of its cell, onto its name
    return [(x * k, y * k) for x, y in edges], [(x * k, y * k) for x, y in fill]


def _solid(shape: str, r: float) -> tuple[list[Point], list[Point]] | None:
    if shape == "cube":
        d = r * 0.5   # depth drawn up and to the right; the front face moves down-left to keep the whole centred
        f = [(x - d / 2, y - d / 2) for x, y in ((-r, -r), (r, -r), (r, r), (-r, r))]
        b = [(x + d, y + d) for x, y in f]
        edges = [f[0], f[1], f[2], f[3], f[0], f[3], b[3], b[2], f[2], b[2], b[1], f[1]]
        return edges, [f[0], f[1], b[1], b[2], b[3], f[3]]
    if shape == "sphere":
        outline = _arc(r, r, 0.0, 0.0, 2 * math.pi, 72)
        return outline + _arc(r, r * 0.3, 0.0, 0.0, -math.pi), outline   # the equator's near half
    if shape == "cylinder":
        rx, ry, top, bottom = r * 0.8, r * 0.25, r * 0.8, -r * 0.8
        rim = _arc(rx, ry, top, 0.0, 2 * math.pi, 72)
        near = _arc(rx, ry, bottom, 0.0, -math.pi)
        return rim + near + [(-rx, top)], _arc(rx, ry, top, 0.0, math.pi) + _arc(rx, ry, bottom, math.pi, 2 * math.pi)
    if shape == "cone":
        rx, ry, base = r * 0.85, r * 0.22, -r * 0.7
        apex = (0.0, r)
        near = _arc(rx, ry, base, 0.0, -math.pi)
        return [apex] + near + [apex], [apex] + near
    if shape == "pyramid":
        peak, left, front, right = (0.0, r), (-r, -r * 0.55), (r * 0.3, -r * 0.8), (r, -r * 0.4)
        return [left, front, right, peak, left, peak, front], [left, front, right, peak]
    return None


def outline_points(shape: str, size: float, angle: float = 60.0) -> tuple[list[Point], bool]:
    """A shape's outline around (0, 0) in data units (y up), and whether it is closed."""
    r = size / 2
    solid = solid_points(shape, size)
    if solid is not None:
        return solid[0], False
    if shape == "circle":
        return [(r * math.cos(2 * math.pi * k / 72), r * math.sin(2 * math.pi * k / 72)) for k in range(73)], True
    if shape == "square":
        return [(-r, -r), (r, -r), (r, r), (-r, r), (-r, -r)], True
    if shape == "rectangle":
        return [(-r, -r * 0.6), (r, -r * 0.6), (r, r * 0.6), (-r, r * 0.6), (-r, -r * 0.6)], True
    if shape == "triangle":
        h = size * math.sqrt(3) / 2
        return [(-r, -h / 3), (r, -h / 3), (0, 2 * h / 3), (-r, -h / 3)], True
    if shape == "polygon":
        pts = [(r * math.sin(2 * math.pi * k / 5), r * math.cos(2 * math.pi * k / 5)) for k in range(6)]
        return pts, True
    if shape == "line":
        return [(-r, 0.0), (r, 0.0)], False
    # angle: the vertex at the centre's left, one ray along x, the other turned by `angle`
    a = math.radians(angle)
    v = (-r * 0.5, -r * 0.3)
    return [(v[0] + size * math.cos(a), v[1] + size * math.sin(a)), v, (v[0] + size, v[1])], False


class ShapesKind(Drawer):
    def setup(self) -> None:
        th = self.theme
        items = self.el.items
        n = len(items)
        self.specs = []
        self.silhouettes: list[list[Point]] = []   # a solid's filled outline (its edges are drawn as a path)
        b = self.inner
        label_room = th.size("label") * 2.2
        # no positions given: a grid shaped like the box, each shape as large as its cell allows
        grid = all(it.x is None and it.y is None for it in items) and n > 0
        cols, rows = shape_grid(n, b[2] - b[0], b[3] - b[1]) if grid else (1, 1)
        cw, ch = (b[2] - b[0]) / cols, (b[3] - b[1]) / rows
        unit = max(1.0, min(cw * 0.7, (ch - label_room) * 0.82, th.short * 0.32)) if grid else 1.0
        for k, it in enumerate(items):
            shape = it.label.strip().lower()
            size = it.value if it.value and it.value > 0 else 1.0
            if grid:
                r, c = divmod(k, cols)
                left = (n - r * cols) if r == rows - 1 else cols   # the last row is centred
                px = b[0] + cw * (c + 0.5 + (cols - min(cols, left)) / 2)
                py = b[1] + ch * r + (ch - label_room) / 2 + (b[3] - b[1] - ch * rows) / 2
                x, y = (px - b[0]) / unit, -(py - b[1]) / unit
            else:
                x, y = it.x or 0.0, it.y or 0.0
            angle = _number(it.detail, 60.0) if shape == "angle" else 60.0
            pts, closed = outline_points(shape, size, angle)
            moves = [(e.x or 0.0, e.y or 0.0) for e in self.sched.of(self.index, k, "move")]
            self.specs.append((shape, pts, closed, (x, y), moves, angle))
            solid = solid_points(shape, size)
            self.silhouettes.append(solid[1] if solid else [])
        xs, ys = [], []
        for _, pts, _, (x, y), moves, _ in self.specs:
            for cx, cy in [(x, y)] + moves:
                xs += [cx + p[0] for p in pts]
                ys += [cy + p[1] for p in pts]
        if not xs:
            xs, ys = [0.0, 1.0], [0.0, 1.0]
        self.grid = grid
        if grid:
            self.scale, self.origin = unit, (b[0], b[1])
        else:
            span_x, span_y = max(max(xs) - min(xs), 1e-3), max(max(ys) - min(ys), 1e-3)
            scale = min((b[2] - b[0]) * 0.9 / span_x, (b[3] - b[1] - label_room) * 0.92 / span_y)
            scale = min(scale, th.short * 0.45 / max(max(s[1][0][0] for s in self.specs) if n else 1, 0.5))
            cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
            self.scale = scale
            self.origin = ((b[0] + b[2]) / 2 - cx * scale, (b[1] + b[3] - label_room) / 2 + cy * scale)
        scale = self.scale
        self.names = []
        for it, (shape, *_rest) in zip(items, self.specs, strict=False):
            text = it.detail if it.detail and shape != "angle" else shape.capitalize()
            self.names.append(glyphs.text(text, max(th.size("label"), min(th.size("label") * 1.35, scale * 0.28))))
        self.lengths = [polyline_length(self._screen(k, self.specs[k][3])) for k in range(n)]
        ys_px = [self.origin[1] - y * scale for y in ys]
        self.set_content((b[0], min(ys_px), b[2], max(ys_px) + label_room))

    def _centre(self, k: int, t: float) -> tuple[float, float]:
        x, y = self.specs[k][3]
        for e in self.sched.of(self.index, k, "move"):
            p = e.progress(t)
            x, y = x + ((e.x or 0) - x) * p, y + ((e.y or 0) - y) * p
        return x, y

    def _screen(self, k: int, centre: tuple[float, float]) -> list[Point]:
        return self._screen_points(self.specs[k][1], centre)

    def _screen_points(self, pts: list[Point], centre: tuple[float, float]) -> list[Point]:
        ox, oy = self.origin
        return [(ox + (centre[0] + p[0]) * self.scale, oy - (centre[1] + p[1]) * self.scale) for p in pts]

    def paint(self, cr: Any, t: float) -> None:
        th = self.theme
        for k, (shape, _pts, closed, _c, _m, angle) in enumerate(self.specs):
            s = self.shown(k, t)
            if s <= 0:
                continue
            colour = self.accent(k)
            light = self.light(k, t)
            pts = self._screen(k, self._centre(k, t))
            stroke = ease(min(1.0, s / 0.75))
            fill = ease(max(0.0, (s - 0.6) / 0.4))
            solid = self.silhouettes[k]
            if (closed or solid) and fill > 0:
                path_of(cr, self._screen_points(solid, self._centre(k, t)) if solid else pts, True)
                source(cr, th.tint(colour, 0.25 + 0.1 * light.colour), fill)
                cr.fill()
            cr.set_line_join(1)
            cr.set_line_cap(1)
            path_of(cr, partial(pts, stroke, self.lengths[k]))
            glow_stroke(cr, colour, light.glow, th.line(0.8))
            cr.set_line_width(th.line(0.8 + 0.3 * light.colour))
            source(cr, colour)
            cr.stroke()
            if shape == "angle":
                v = pts[1]
                r = self.scale * 0.3 * (self.el.items[k].value or 1.0)
                cr.new_sub_path()
                cr.arc_negative(v[0], v[1], r, 0, -math.radians(angle) * fill)
                cr.set_line_width(th.line(0.5))
                source(cr, colour, fill)
                cr.stroke()
                deg = glyphs.text(f"{fmt(round(angle, 1))}°", th.size("label"))
                mid = math.radians(angle) / 2
                glyphs.paint(cr, deg, v[0] + math.cos(mid) * (r + deg.width * 0.7) - deg.width / 2,
                             v[1] - math.sin(mid) * (r + deg.height * 0.6) + deg.ascent / 2, colour, fill)
            name = self.names[k]
            bottom = max(p[1] for p in pts)
            if self.grid and not self.sched.of(self.index, k, "move"):
                # names in a row share a baseline, whatever the shapes' heights
                bottom = self.origin[1] - self._centre(k, t)[1] * self.scale + self.scale * 0.5
            cxp = (min(p[0] for p in pts) + max(p[0] for p in pts)) / 2
            glyphs.paint(cr, name, cxp - name.width / 2, bottom + th.gap * 0.5 + name.ascent,
                         mix(th.muted, colour, 0.5 + 0.5 * light.colour), fill)


class BarsKind(Drawer):
    """Vertical bars in landscape, horizontal on tall boxes; bars grow and their values count up."""

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
            self.track = (b[0] + lw + th.gap * 0.5, b[2] - vw - th.gap * 0.6)
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
                    glyphs.paint(cr, tx, self.track[0] - th.gap * 0.5 - tx.width, ty + tx.ascent, th.text, a)
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


class TimelineKind(Drawer):
    """A line with dated marks; labels alternate sides so neighbours do not collide."""

    def setup(self) -> None:
        th = self.theme
        items = self.el.items
        n = max(1, len(items))
        b = self.inner
        self.vertical = (b[3] - b[1]) > (b[2] - b[0]) * 0.9
        xs = [it.x if it.x is not None else float(k) for k, it in enumerate(items)]
        lo, hi = (min(xs), max(xs)) if xs else (0.0, 1.0)
        even = [k / max(1, n - 1) for k in range(n)]
        prop = [(x - lo) / (hi - lo) if hi > lo else e for x, e in zip(xs, even, strict=False)]
        # proportional spacing unless it would crowd two marks together
        gaps = [b2 - a for a, b2 in zip(sorted(prop), sorted(prop)[1:], strict=False)]
        self.pos = prop if (not gaps or min(gaps) > 0.55 / n) else even
        size = th.size("label") * 1.2
        self.years = [glyphs.text(fmt(x) if it.x is not None else str(k + 1), size * 1.15, "bold")
                      for k, (x, it) in enumerate(zip(xs, items, strict=False))]
        if self.vertical:
            width = (b[2] - b[0]) * 0.8
            slot = (b[3] - b[1] - size) / n   # each mark's label must fit before the next mark
            fs = th.size("body")
            while True:
                self.labels = [glyphs.fit(it.label, fs, width, max_lines=2) for it in items]
                ys = min(size * 1.2, fs * 1.15)
                block = ys * 1.2 + max([len(ls) * s * 1.2 for ls, s in self.labels] + [0])
                if block <= slot * 0.95 or fs < th.size("small") * 0.6:
                    break
                fs *= 0.9
            self.years = [glyphs.text(y.label, ys, "bold") for y in self.years]
            self.pos = even   # evenly spaced: the labels need the room more than the dates need the scale
            tail = self.years[-1].height + len(self.labels[-1][0]) * self.labels[-1][1] * 1.2 if items else 0.0
            x = b[0] + (b[2] - b[0]) * 0.1
            self.line = (x, b[1] + size, x, b[3] - tail)
        else:
            mid = (b[1] + b[3]) / 2
            width = min((b[2] - b[0]) / n * 1.7, (b[2] - b[0]) * 0.4)
            self.labels = [glyphs.fit(it.label, th.size("body"), width, max_lines=3) for it in items]

            def half(k: int) -> float:
                lines, s = self.labels[k]
                return max([glyphs.text(line, s).width for line in lines] + [self.years[k].width]) / 2

            # the end marks' labels are centred on them: keep them inside the box
            left, right = (half(0), half(n - 1)) if items else (0.0, 0.0)
            self.line = (b[0] + max(th.gap, left), mid, b[2] - max(th.gap, right), mid)
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
            if self.vertical:
                x = mx + th.gap * 0.9
                glyphs.paint(cr, year, x, my - th.gap * 0.15 + rise, colour, a)
                y = my - th.gap * 0.15 + year.descent + rise
                for tx in texts:
                    glyphs.paint(cr, tx, x, y + tx.ascent, colour_text, a)
                    y += size * 1.2
                continue
            above = k % 2 == 0
            block = year.height + len(texts) * size * 1.2
            y = (my - th.gap * 0.9 - block) if above else (my + th.gap * 0.9)
            y += rise if above else -rise
            glyphs.paint(cr, year, mx - year.width / 2, y + year.ascent, colour, a)
            y += year.height + size * 0.15
            for tx in texts:
                glyphs.paint(cr, tx, mx - tx.width / 2, y + tx.ascent, colour_text, a)
                y += size * 1.2
            # a tick from the line towards the label
            cr.set_line_width(1.2)
            source(cr, colour, 0.6 * a)
            cr.move_to(mx, my + (-1 if above else 1) * r * 1.5)
            cr.line_to(mx, my + (-1 if above else 1) * th.gap * 0.7)
            cr.stroke()
