"""shapes: geometry drawn stroke by stroke (flat shapes and solids), in a grid or where the items say."""

from __future__ import annotations

import math
import re
from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.kinds.axes import fmt
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.paint import Point, drawn_angle, glow_stroke, partial, path_of, polyline_length, source
from vidgen.draw.schedule import ease
from vidgen.draw.theme import Theme, mix
from vidgen.visual.kinds import register
from vidgen.visual.spec import Element, Item, Step, Target, Visual

SHAPES = ("circle", "square", "rectangle", "triangle", "right triangle", "polygon", "pentagon", "hexagon", "octagon",
          "line", "angle", "cube", "sphere", "cylinder", "cone", "pyramid")
SHAPE_ALIASES = {"rect": "rectangle", "box": "square", "triangles": "triangle", "circles": "circle",
                 "right-angled triangle": "right triangle", "right angled triangle": "right triangle",
                 "segment": "line", "arc": "angle", "oval": "circle", "ellipse": "circle"}
SIDES = {"polygon": 5, "pentagon": 5, "hexagon": 6, "octagon": 8}   # a named polygon has its own number of sides


def shape_grid(n: int, width: float, height: float) -> tuple[int, int]:
    """Columns and rows for n shapes in a box, chosen so each cell is as large (and square) as it can be."""
    best, best_side = (max(1, n), 1), 0.0
    for cols in range(1, max(1, n) + 1):
        rows = math.ceil(n / cols)
        side = min(width / cols, height / rows / 1.25)   # a cell also holds its name under the shape
        if side > best_side + 1e-6:
            best, best_side = (cols, rows), side
    return best


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
    if shape == "right triangle":   # legs along the axes: the right angle at the bottom left, where it is read
        return [(-r, -r * 0.7), (r, -r * 0.7), (-r, r * 0.7), (-r, -r * 0.7)], True
    if shape == "triangle":
        h = size * math.sqrt(3) / 2
        return [(-r, -h / 3), (r, -h / 3), (0, 2 * h / 3), (-r, -h / 3)], True
    if shape in SIDES:
        n = SIDES[shape]
        turn = math.pi / n if n % 2 == 0 else 0.0   # an even polygon stands on a side, not a corner
        pts = [(r * math.sin(2 * math.pi * k / n + turn), r * math.cos(2 * math.pi * k / n + turn))
               for k in range(n + 1)]
        return pts, True
    if shape == "line":
        return [(-r, 0.0), (r, 0.0)], False
    # angle: the vertex at the centre's left, one ray along x, the other turned by `angle`
    a = math.radians(angle)
    v = (-r * 0.5, -r * 0.3)
    return [(v[0] + size * math.cos(a), v[1] + size * math.sin(a)), v, (v[0] + size, v[1])], False


@register
class ShapesKind(Drawer):
    name = "shapes"
    order = 70
    prompt = ('"label" = circle, square, rectangle, triangle, right triangle, pentagon, hexagon, octagon, line, angle, '
              'or a solid: cube, sphere, cylinder, cone, pyramid; "x" and "y" = centre, "value" = size, '
              '"detail" = its name')
    hints = {"label": "circle, square, triangle, …"}
    fields = ("x", "y", "value")
    actions = ("move",)
    graphic = True
    needs_label = False
    show_seconds = 1.0
    aliases = ("shape", "geometry")
    example = {"id": "S", "kind": "shapes", "items": [{"label": "circle"}, {"label": "triangle"},
                                                      {"label": "cube"}]}

    @classmethod
    def check_item(cls, element: Element, item: Item) -> None:
        if item.label.strip().lower() not in SHAPES:
            raise ValueError(f"{item.label!r} is not a shape; use one of {', '.join(SHAPES)}")

    @classmethod
    def check_step(cls, visual: Visual, step: Step, target: Target) -> None:
        eid = visual.elements[target.element].id
        cls.item_of(visual, target, f"move moves one shapes item (target {eid}.itemid)")
        cls.check_point(step, "move")

    @classmethod
    def repair_item(cls, fix: Any, item: dict[str, Any], label: str, detail: str | None,
                    where: str) -> tuple[str, str | None] | None:
        low = label.strip().lower()
        shape = low if low in SHAPES else SHAPE_ALIASES.get(low) or next(
            (s for s in SHAPES if re.search(rf"\b{s}", low)), None) or next(
            (v for k, v in SHAPE_ALIASES.items() if re.search(rf"\b{k}", low)), None)
        if shape is None:
            fix.notes.append(f"{where}: dropped {label[:40]!r}, which is not a shape ({', '.join(SHAPES)})")
            return None
        if shape != low and not detail and low:
            detail = label   # "the big triangle": a triangle, named as written
        return shape, detail

    @classmethod
    def want(cls, el: Element, th: Theme, width: float, cap: float) -> tuple[float, float]:
        n = max(1, len(el.items))
        cols, grid_rows = shape_grid(n, width, width)
        h = grid_rows * width / cols * 0.95
        # what it needs is one row (up to four across, a name under each); a squarer grid is room to grow into
        across = min(n, 4)
        row = math.ceil(n / across) * width / across * 1.15
        return min(row, h, th.short * 0.35 * grid_rows), h

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
            size = max(th.size("label"), min(th.size("label") * 1.35, scale * 0.28))
            if grid:   # a name keeps to its cell (a 'Rectangle' ran into its neighbour's), down to readable type
                size = max(th.min_text, min(size, size * cw * 0.96 / max(1.0, glyphs.text(text, size).width)))
            self.names.append(glyphs.text(text, size))
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
                cr.arc_negative(v[0], v[1], r, 0, -drawn_angle(math.radians(angle) * fill))
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


