"""flow: numbered boxes joined by arrows. Each item has at most one arrow out (`to`, default the next
item), so a flow is a chain, a merge (several arrows into one box) or a cycle; boxes go in layers
along the reading direction (left to right, top to bottom on 9:16), a full cycle goes round a ring."""

from __future__ import annotations

import math
from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.demand import lines as wrapped
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.paint import Point, Rect, arrow, badge, glow_stroke, rounded, source, union
from vidgen.draw.schedule import ease, ease_out
from vidgen.draw.theme import Theme, mix
from vidgen.visual.kinds import register
from vidgen.visual.spec import Element, Item


def edges(items: list) -> list[tuple[int, int]]:
    ids = {it.id: k for k, it in enumerate(items) if it.id}
    out = []
    for k, it in enumerate(items):
        if it.to is not None and it.to in ids:
            out.append((k, ids[it.to]))
        elif it.to is None and k + 1 < len(items):
            out.append((k, k + 1))
    return out


def _clip_to_box(c: Point, other: Point, half_w: float, half_h: float, pad: float) -> Point:
    """Where the line from box centre c towards `other` leaves the box (plus a little air)."""
    dx, dy = other[0] - c[0], other[1] - c[1]
    if abs(dx) < 1e-9 and abs(dy) < 1e-9:
        return c
    s = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    d = math.hypot(dx, dy)
    return (c[0] + dx * s + dx / d * pad, c[1] + dy * s + dy / d * pad)


RING_GAP = 0.055   # of the short side, between two boxes of a ring: room for the arrow joining them


def _is_cycle(arrows: list[tuple[int, int]], n: int) -> bool:
    """The arrows go round every box once and back to the first."""
    nxt = dict(arrows)
    if len(nxt) != n or n < 3:
        return False
    seen, k = set(), 0
    while k not in seen:
        seen.add(k)
        k = nxt.get(k, -1)
        if k < 0:
            return False
    return len(seen) == n


@register
class FlowKind(Drawer):
    name = "flow"
    order = 30
    prompt = 'a box with an "id"; "to" = the id of the box its arrow points to (default: the next box)'
    fields = ("to",)
    graphic = True
    show_seconds = 0.7
    aliases = ("diagram", "process", "flowchart", "steps", "cycle")
    example = {"id": "F", "kind": "flow", "items": [{"id": "in", "label": "Input"}, {"id": "m", "label": "Model"},
                                                    {"id": "out", "label": "Output"}]}

    @classmethod
    def check_item(cls, element: Element, item: Item) -> None:
        if item.to is not None and item.to not in [i.id for i in element.items if i.id]:
            raise ValueError(f"its arrow goes to {item.to!r}, which is not an item of {element.id}")
        super().check_item(element, item)

    @classmethod
    def want(cls, el: Element, th: Theme, width: float, cap: float) -> tuple[float, float]:
        n = max(1, len(el.items))
        if n >= 3 and _is_cycle(edges(el.items), n):
            # a ring is as tall as it is wide, whatever the frame: its boxes sit round it, not down it
            h = min(width * 0.8, th.short * 0.62)
            return h, max(h, min(width, th.short * 0.8))
        if th.stacked and n > 3:   # a long chain runs down a tall box; two or three boxes sit side by side
            h = n * th.short * 0.15 + (n - 1) * th.short * 0.07
            return h, h * 1.4
        return th.short * (0.25 if th.stacked else 0.3), th.short * 0.55

    @classmethod
    def least(cls, el: Element, th: Theme, width: float) -> float:
        # its names at the smallest readable size, in a row of boxes or a column of them, whichever is shorter
        # (squeezed flatter, a row of '192.168.1.10:51000' boxes on a phone sets its names too small to read)
        n = len(el.items)
        if n < 2 or n >= 3 and _is_cycle(edges(el.items), n):
            return 0.0
        size = th.min_text

        def box(w: float) -> float:
            return max(wrapped(it.label, size, w * 0.84, "bold") for it in el.items) * size * 1.2 / 0.84

        gap, badge_room = th.short * 0.06, th.short * 0.06
        return min(box((width - (n - 1) * gap) / n), n * box(width * 0.6) + (n - 1) * gap) + badge_room

    def setup(self) -> None:
        th = self.theme
        items = self.el.items
        n = len(items)
        self.edges = edges(items)
        vertical = th.stacked and (self.inner[3] - self.inner[1]) > (self.inner[2] - self.inner[0]) * 0.8
        cyc = self._full_cycle()
        # the numbered badges stick out of the boxes' top-left corners: keep room for them
        self.badge_r = max(th.short * 0.021, min(th.short * 0.03, (self.inner[2] - self.inner[0]) * 0.025))
        edge = th.line(0.8) + 2   # a box's outline and its glow stay inside the element's box
        self.inner = (self.inner[0] + self.badge_r, self.inner[1] + self.badge_r, self.inner[2] - edge,
                      self.inner[3] - edge)
        bw_, bh_ = self.inner[2] - self.inner[0], self.inner[3] - self.inner[1]
        # every arrangement that keeps the flow's shape is tried, and the one whose names can be set largest
        # wins; the reading direction (a row, a column on a tall frame) unless another is clearly larger: a
        # row of five boxes in half a 16:9 frame set its names at 8 px, the same boxes in a column at 20
        arrangements = self._arrangements(bw_, bh_, vertical, cyc)
        scored = [(self._label_size(*arr[1]), arr) for arr in arrangements]
        (size, rows), best = scored[0]
        for (other, other_rows), arr in scored[1:]:
            # names too small to read take any larger arrangement; readable ones a clearly larger one
            if other > size * (1.12 if size >= th.min_text else 1.0):
                size, rows, best = other, other_rows, arr
        self.centres, (bw, bh) = best
        self.bw, self.bh = bw, bh
        self.radius = min(bw, bh) * 0.14
        self.labels: list[tuple[list[glyphs.Text], list[glyphs.Text]]] = []
        for it in items:
            lines, s = self._fit(it.label, size, bw, rows)
            if s < min(size, th.min_text) and (rows + 1) * th.min_text * 1.25 <= bh * 0.9:
                # a longer name takes a line more rather than type too small to read, while the box has room
                lines, s = self._fit(it.label, size, bw, rows + 1)
            names = [glyphs.text(line, s, "bold") for line in lines]
            self.labels.append((names, self._detail(it.detail, s, bw) if it.detail else []))
        self.arrows: list[tuple[int, int, Point, Point]] = []
        for a, b in self.edges:
            ca, cb = self.centres[a], self.centres[b]
            pad = th.short * 0.012
            self.arrows.append((a, b, _clip_to_box(ca, cb, bw / 2, bh / 2, pad), _clip_to_box(cb, ca, bw / 2, bh / 2,
                                                                                             pad)))
        rects = [self.node_rect(k) for k in range(n)]
        content = None
        for r in rects:
            content = union(content, r)
        self.set_content(content or self.inner)

    def _label_size(self, bw: float, bh: float) -> tuple[float, int]:
        """The one size every box's name is set in (the size the longest name needs: names in mixed sizes
        look accidental) and the most lines a name takes: as large as the lines, and a detail, fit the box's
        height (a flat box of one-line names sets them larger than a fixed share of its height would)."""
        th = self.theme
        size = min(th.size("body") * 1.45, bh * 0.4)
        for _ in range(30):
            rows = 3 if bh > size * 3.6 else 2
            fits = [self._fit(it.label, size, bw, rows) for it in self.el.items]
            s = min([f[1] for f in fits] + [size])
            lines = max([len(f[0]) for f in fits] + [1])
            below = max([sum(d.height for d in self._detail(it.detail, s, bw)) + 4 for it in self.el.items
                         if it.detail] + [0.0])
            if s * lines * 1.2 + below <= bh * 0.84:
                return s, rows
            # straight to the size these lines fit at
            size = min(s * 0.93, max(s * 0.5, (bh * 0.84 - below) / (lines * 1.2)))
        return size, 2

    def _fit(self, label: str, size: float, bw: float, rows: int) -> tuple[list[str], float]:
        """A name wrapped in its box, shrunk if it must be; but a word too long for the box at the smallest
        readable size ('192.168.1.10:51000') is broken there rather than set smaller."""
        lines, s = glyphs.fit(label, size, bw * 0.84, "bold", max_lines=rows)
        least = self.theme.readable   # (what `vidgen check` asks; min_text keeps a hair more for other type)
        if s < least <= size:
            lines, s = glyphs.fit(label, size, bw * 0.84, "bold", max_lines=rows, min_scale=least / size)
        return lines, s

    def _detail(self, detail: str, size: float, bw: float) -> list[glyphs.Text]:
        """A box's muted second line, under its name: readable, and wrapped rather than cut short."""
        th = self.theme
        ds = max(th.min_text, min(size * 0.62, th.size("label")))
        lines, ds = glyphs.fit(detail, ds, bw * 0.86, max_lines=2, min_scale=1.0)
        return [glyphs.text(line, ds) for line in lines]

    def _arrangements(self, w: float, h: float, vertical: bool, cyc: bool
                      ) -> list[tuple[list[Point], tuple[float, float]]]:
        """Ways to place the boxes, the reading direction first: a full cycle round a ring (as wide as the box
        allows without boxes meeting), a long chain in rows that turn, else layers along a row or a column."""
        n = len(self.el.items)
        chain = self.edges == [(k, k + 1) for k in range(n - 1)]
        if cyc and n >= 3:
            rings = [self._ring(w, h, wide, turn) for turn in (0.0, 0.5) for wide in (2.6, 3.2, 2.2, 1.9)]
            # the arrows between the boxes of a ring need room to be seen as arrows
            return [r for r in rings if not self._crowded(*r, pad=self.theme.short * RING_GAP)] or rings[:1]
        out = []
        if chain and n >= 6:
            out.append(self._zigzag(2 if vertical else (n + 1) // 2))
        out += [self._layered(w, h, vertical), self._layered(w, h, not vertical)]
        if chain and n >= 4:
            out += [self._zigzag(c) for c in range(2, (n + 1) // 2 + 1)]
        return [a for a in out if not self._crowded(*a)] or out[:1]

    def _crowded(self, centres: list[Point], size: tuple[float, float], pad: float = 0.0) -> bool:
        """Two boxes (with their badges, and `pad` between them) meet, or a box leaves the element."""
        bw, bh = size
        pad = max(pad, self.badge_r)
        for k, (x, y) in enumerate(centres):
            if x - bw / 2 < self.inner[0] - 1 or x + bw / 2 > self.inner[2] + 1 or \
                    y - bh / 2 < self.inner[1] - 1 or y + bh / 2 > self.inner[3] + 1:
                return True
            for x2, y2 in centres[k + 1:]:
                if abs(x - x2) < bw + pad and abs(y - y2) < bh + pad:
                    return True
        return False

    def _layered(self, bw_: float, bh_: float, vertical: bool) -> tuple[list[Point], tuple[float, float]]:
        """Boxes in layers along the reading direction (the longest path of forward arrows), the boxes of one
        layer side by side across it."""
        th = self.theme
        items = self.el.items
        n = len(items)
        layer = [0] * n
        for _ in range(n):  # longest path over forward edges
            for a, b in self.edges:
                if b > a:
                    layer[b] = max(layer[b], layer[a] + 1)
        layers = max(layer) + 1 if n else 1
        across = max([layer.count(k) for k in range(layers)] + [1])
        main, cross = (bh_, bw_) if vertical else (bw_, bh_)
        gap_ratio = 0.42 if not vertical else 0.5
        size_main = main / (layers + (layers - 1) * gap_ratio)
        # boxes with long labels stand taller, so their words stay large
        wordy = max((len(it.label) for it in items), default=0) > 14
        size_cross = min(cross / (across + (across - 1) * 0.35),
                         size_main * ((0.85 if wordy else 0.62) if not vertical else 3.4))
        if vertical:
            bh, bw = min(size_main, th.short * 0.2), min(size_cross, bw_ * 0.86)
        else:
            bw, bh = min(size_main, th.short * 0.5), min(size_cross, th.short * 0.3)
        step_main = ((bh if vertical else bw) * (1 + gap_ratio))
        span_main = (bh if vertical else bw) * layers + (step_main - (bh if vertical else bw)) * (layers - 1)
        start_main = ((self.inner[1] if vertical else self.inner[0]) + (main - span_main) / 2
                      + (bh if vertical else bw) / 2)
        centres: list[Point] = []
        for k in range(n):
            members = [i for i in range(n) if layer[i] == layer[k]]
            pos = members.index(k)
            cross_step = (bw if vertical else bh) * 1.35
            mid = ((self.inner[0] + self.inner[2]) / 2) if vertical else ((self.inner[1] + self.inner[3]) / 2)
            c_cross = mid + (pos - (len(members) - 1) / 2) * cross_step
            c_main = start_main + layer[k] * step_main
            centres.append((c_cross, c_main) if vertical else (c_main, c_cross))
        return centres, (bw, bh)

    def _full_cycle(self) -> bool:
        return _is_cycle(self.edges, len(self.el.items))

    def _ring(self, w: float, h: float, wide: float = 2.6, turn: float = 0.0
              ) -> tuple[list[Point], tuple[float, float]]:
        """Boxes round an ellipse, `wide` boxes to the width, the first at the top (`turn` 0) or half a step
        round (six boxes then sit two on top, two below, one each side); as tall as they can be without two
        boxes (or a box and the arrows between them) meeting: a wide, low box gets flat boxes, not overlapping
        ones."""
        n = len(self.el.items)
        cx, cy = (self.inner[0] + self.inner[2]) / 2, (self.inner[1] + self.inner[3]) / 2
        bw = min(w / (wide if n <= 4 else wide + 0.6), self.theme.short * 0.42)

        def at(bh: float) -> list[Point]:
            rx, ry = (w - bw) / 2 * 0.92, (h - bh) / 2 * 0.92
            return [(cx + rx * math.sin(2 * math.pi * (k + turn) / n), cy - ry * math.cos(2 * math.pi * (k + turn) / n))
                    for k in range(n)]

        lo, hi = 0.0, min(h / (3.6 if n <= 4 else 4.6), bw * 0.5)
        if not self._crowded(at(hi), (bw, hi), self.theme.short * RING_GAP):
            return at(hi), (bw, hi)
        for _ in range(12):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if not self._crowded(at(mid), (bw, mid), self.theme.short * RING_GAP) else (lo, mid)
        bh = max(lo, self.theme.short * 0.04)
        return at(bh), (bw, bh)

    def _zigzag(self, cols: int) -> tuple[list[Point], tuple[float, float]]:
        """A long chain in rows that turn at the ends (1 2 3 / 6 5 4), so boxes stay readable."""
        n = len(self.el.items)
        rows = (n + cols - 1) // cols
        w, h = self.inner[2] - self.inner[0], self.inner[3] - self.inner[1]
        bw = min(w / (cols + (cols - 1) * 0.42), self.theme.short * 0.5)
        bh = min(h / (rows + (rows - 1) * 0.55), bw * 0.62, self.theme.short * 0.24)
        sx, sy = bw * 1.42, bh * 1.55 if rows > 1 else 0.0
        x0 = self.inner[0] + (w - (bw + sx * (cols - 1))) / 2 + bw / 2
        y0 = self.inner[1] + (h - (bh + sy * (rows - 1))) / 2 + bh / 2
        pts = []
        for k in range(n):
            r, c = divmod(k, cols)
            c = c if r % 2 == 0 else cols - 1 - c
            pts.append((x0 + c * sx, y0 + r * sy))
        return pts, (bw, bh)

    def node_rect(self, k: int) -> Rect:
        cx, cy = self.centres[k]
        r = self.badge_r
        return (cx - self.bw / 2 - r, cy - self.bh / 2 - r, cx + self.bw / 2 + 2, cy + self.bh / 2 + 2)

    def item_rect(self, j: int) -> Rect:
        r = self.node_rect(j)
        for a, b, p, q in self.arrows:
            if j in (a, b):
                r = union(r, (min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1])))
        return r

    def paint(self, cr: Any, t: float) -> None:
        th = self.theme
        for src, dst, p, q in self.arrows:
            sa, sb = self.shown(src, t), self.shown(dst, t)
            prog = ease(min(1.0, min(sa * 1.6, (sb - 0.15) / 0.6))) if sa > 0 and sb > 0 else 0.0
            if prog > 0:
                arrow(cr, p, q, th.axis, th.line(0.75), 1.0, prog, th.short * 0.02)
        for k, (cx, cy) in enumerate(self.centres):
            s = self.shown(k, t)
            if s <= 0:
                continue
            g = ease_out(min(1.0, s / 0.7))
            a = ease(min(1.0, s * 2))
            colour = self.accent(k)
            light = self.light(k, t)
            w, h = self.bw * (0.7 + 0.3 * g), self.bh * (0.7 + 0.3 * g)
            rounded(cr, cx - w / 2, cy - h / 2, w, h, self.radius)
            source(cr, th.tint(colour, 0.2 + 0.14 * light.colour), a)
            cr.fill_preserve()
            glow_stroke(cr, colour, light.glow * a, th.line(0.6))
            cr.set_line_width(th.line(0.5 + 0.3 * light.colour))
            source(cr, colour, a)
            cr.stroke()
            names, detail = self.labels[k]
            total = sum(n.height for n in names) + (sum(d.height for d in detail) + 4 if detail else 0)
            y = cy - total / 2
            ta = ease(min(1.0, max(0.0, (s - 0.35) / 0.5)))
            for nm in names:
                glyphs.paint(cr, nm, cx - nm.width / 2, y + nm.ascent, mix(th.text, colour, light.colour * 0.5), ta)
                y += nm.height
            y += 4
            for d in detail:
                glyphs.paint(cr, d, cx - d.width / 2, y + d.ascent, th.muted, ta)
                y += d.height
            badge(cr, cx - w / 2 + self.badge_r * 0.25, cy - h / 2 + self.badge_r * 0.25, self.badge_r, colour,
                  str(k + 1), th.bg_top, a, ease_out(min(1.0, max(0.0, (s - 0.2) / 0.5))))
