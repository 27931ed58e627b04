"""plot: axes with ticks, curves drawn left to right, a traced point with its coordinates."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from vidgen.draw import glyphs
from vidgen.draw.kinds.axes import (
    Mapping,
    crowding,
    fmt,
    nice_step,
    paint_grid,
    pi_label,
    place,
    plot_math,
    scale_ticks,
    ticks,
)
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.paint import (
    Point,
    Rect,
    arrow,
    dashed_line,
    glow_stroke,
    overlap_area,
    partial,
    path_of,
    polyline_length,
    source,
)
from vidgen.draw.schedule import ease, ease_out
from vidgen.draw.theme import Theme
from vidgen.visual.kinds import register
from vidgen.visual.spec import Element, Item

if TYPE_CHECKING:
    import numpy as np

SAMPLES = 240


@register
class PlotKind(Drawer):
    name = "plot"
    order = 50
    said = "plot of"
    prompt = ('"label" = a function of x with numbers, x, pi, e, + - * / ^ and sin cos tan exp log sqrt abs, '
              'e.g. "sin(x)"; the element\'s "x_range" and "y_range" = [min, max]')
    hints = {"label": "a function of x, e.g. sin(x)"}
    actions = ("trace",)
    ranged = graphic = framed = True
    label_is_math = False
    show_seconds = 1.4
    staggered = False
    aliases = ("graph", "function", "curve")
    example = {"id": "P", "kind": "plot", "x_range": [-4, 4], "items": [{"id": "s", "label": "sin(x)"}]}

    # numpy only once something is drawn: checking a script (which finds every kind) stays light
    @classmethod
    def check_item(cls, element: Element, item: Item) -> None:
        from vidgen.visual.expr import check_expr

        check_expr(item.label)

    @classmethod
    def repair_label(cls, fix: Any, item: dict[str, Any], label: str, where: str,
                     given: dict[str, Any]) -> str | None:
        from vidgen.visual.expr import check_expr

        try:
            check_expr(label)
            return label
        except ValueError as exc:
            reason = str(exc).split(";")[0]
            reason = "not a function of x it can plot" if label[:20] in reason else reason
            fix.notes.append(f"{where}: dropped the curve {label[:40]!r} ({reason})")
            return None

    @classmethod
    def want(cls, el: Element, th: Theme, width: float, cap: float) -> tuple[float, float]:
        return min(width * 0.6, th.short * 0.55), width * 0.85

    def setup(self) -> None:
        import numpy as np

        from vidgen.visual.expr import compile_expr

        th = self.theme
        items = self.el.items
        fns: list[Callable[[np.ndarray], np.ndarray] | None] = []
        for it in items:
            try:
                fns.append(compile_expr(it.label))
            except ValueError:
                fns.append(None)
        trig = any(f in it.label for it in items for f in ("sin", "cos", "tan"))
        x0, x1 = self.el.x_range or ((-2 * math.pi, 2 * math.pi) if trig else (-5.0, 5.0))
        xs = np.linspace(x0, x1, SAMPLES)
        ys = [f(xs) if f is not None else np.full_like(xs, np.nan) for f in fns]
        if self.el.y_range:
            y0, y1 = self.el.y_range
        else:
            finite = np.concatenate([y[np.isfinite(y)] for y in ys] + [np.array([0.0])])
            lo, hi = np.percentile(finite, [2, 98]) if finite.size > 4 else (-1.0, 1.0)
            lo, hi = min(lo, 0.0) if lo > -0.25 * (hi - lo) else lo, max(hi, 0.0) if hi < 0.25 * (hi - lo) else hi
            if hi - lo < 1e-6:
                lo, hi = lo - 1, hi + 1
            span = hi - lo
            y0, y1 = lo - span * 0.12, hi + span * 0.12
        self.xs, self.ys = xs, ys
        label_size = th.size("small")
        self.tick_size = label_size
        b = self.inner
        # room around the axes for tick labels and the axes' names (a y axis at the left edge gets more in _build)
        area = (b[0] + label_size * 0.6, b[1] + label_size * 1.2, b[2] - label_size * 1.4, b[3] - label_size * 1.6)
        # in proportion to a small plot, so a name finds a place off the curves
        # a curve's own name (a note's 'Demand'), else its expression
        self.names = [glyphs.text(it.detail or plot_math(it.label), max(th.size("small"), min(
            th.size("math") * 0.8, (area[3] - area[1]) * 0.13))) for it in items]
        self.legend = False
        if not self._build(x0, x1, y0, y1, area, trig):
            # no clear place on the axes for a curve's name (a flat plot in a crowded 9:16 scene, or many
            # crossing curves): the names go in a row above the axes, a legend, if the row fits
            row = sum(t.width for t in self.names) + th.gap * (len(self.names) - 1)
            if row <= area[2] - area[0]:
                self.legend = True
                tall = max(t.height for t in self.names)
                self._build(x0, x1, y0, y1, (area[0], area[1] + tall * 1.2, area[2], area[3]), trig)
        self.set_content(self.inner)

    def _build(self, x0: float, x1: float, y0: float, y1: float, area: Rect, trig: bool) -> bool:
        """The axes in `area`, the curves on them and every label placed; False if a curve's name found
        no clear place (never with the legend)."""
        import numpy as np

        xs, ys = self.xs, self.ys
        self.ax_y = 0.0 if y0 <= 0 <= y1 else y0     # where the x axis runs
        self.ax_x = 0.0 if x0 <= 0 <= x1 else x0     # where the y axis runs
        # a sketch (a shape the words describe, with no numbers stated) shows no numbers: they would be invented
        self.yticks = [] if self.el.sketch else scale_ticks(y0, y1, self.ax_y, self._fits(area[3] - area[1], 2.4))
        if self.ax_x == x0:
            # the y axis at the left edge: its numbers go left of it, so the axes start after the widest
            widest = max((glyphs.text(label, self.tick_size).width for _, label in self.yticks), default=0.0)
            area = (max(area[0], self.inner[0] + widest + self.tick_size * 0.6), area[1], area[2], area[3])
        self.map = m = Mapping(x0, x1, y0, y1, area)
        self.curves: list[list[list[Point]]] = []    # per item: segments broken at gaps and asymptotes
        self.lengths: list[list[list[float]]] = []
        all_points: list[Point] = []
        for y in ys:
            segs: list[list[Point]] = [[]]
            prev = None
            for xv, yv in zip(xs, y, strict=False):
                ok = np.isfinite(yv) and y0 - (y1 - y0) * 2 < yv < y1 + (y1 - y0) * 2
                if ok and prev is not None and abs(yv - prev) > (y1 - y0) * 1.5:
                    segs.append([])
                if ok:
                    segs[-1].append(m(float(xv), float(yv)))
                elif segs[-1]:
                    segs.append([])
                prev = yv if ok else None
            segs = [s for s in segs if len(s) > 1]
            self.curves.append(segs)
            self.lengths.append([polyline_length(s) for s in segs])
            all_points += [p for s in segs for p in s if area[1] <= p[1] <= area[3]]
        self.curve_points = all_points
        # ticks: multiples of pi/2 for trig functions over a range that fits them
        span = x1 - x0
        self.xticks: list[tuple[float, str]] = []
        if trig and span >= math.pi:
            unit = math.pi if span > 4 * math.pi + 0.1 or span / (math.pi / 2) > self._fits(area[2] - area[0], 5.5) \
                else math.pi / 2
            self.xticks = [(v, pi_label(v, unit)) for v in ticks(x0, x1, unit)]
        else:
            self.xticks = [(v, fmt(v)) for v in ticks(x0, x1, nice_step(span, self._fits(area[2] - area[0], 3.6)))]
        if self.el.sketch:
            self.xticks = []
        return self._place_labels()

    def _fits(self, pixels: float, per_label: float) -> int:
        """How many ticks fit along `pixels` with `per_label` label heights each (at most 8)."""
        return max(2, min(8, int(pixels / (self.tick_size * per_label))))

    def _axis_names(self) -> list[tuple[glyphs.Text, float, float]]:
        """The axes' names, "x" past the end of the x axis and "y" at the top of the y axis: (text, x, baseline)."""
        if self.el.sketch:
            return []  # its caption names the axes ('Memory against Time'); "x" and "y" would say nothing
        a, t = self.map.area, self.tick_size
        ax_py, ax_px = self.map(0, self.ax_y)[1], self.map(self.ax_x, 0)[0]
        xl, yl = glyphs.text("x", t * 1.15), glyphs.text("y", t * 1.15)
        return [(xl, a[2] + t * 0.2, ax_py + t * 1.5), (yl, ax_px + t * 0.6, a[1] - t * 0.2)]

    def _place_labels(self) -> bool:
        """Tick labels, the traced points' resting labels and the curves' names; False if a name is not clear."""
        import numpy as np

        m, th = self.map, self.theme
        # tick labels keep clear of the axes' names (counted five times: a tick over a curve has a halo and
        # reads, a tick on a name does not); a last tick at the end of the axis sat on the "x"
        fixed: list[Rect] = [(x, base - tx.ascent, x + tx.width, base - tx.ascent + tx.height)
                             for tx, x, base in self._axis_names()]
        taken: list[Rect] = []
        self.tick_labels: list[tuple[glyphs.Text, float, float]] = []
        ax_py = m(0, self.ax_y)[1]
        ax_px = m(self.ax_x, 0)[0]
        for v, label in self.xticks:
            if abs(v - self.ax_x) < 1e-9 and self.ax_x == 0:
                continue
            t = glyphs.text(label, self.tick_size)
            px = m(v, 0)[0]
            below, above = ax_py + self.tick_size * 0.45, ax_py - self.tick_size * 0.45 - t.height
            g = self.tick_size * 0.25
            # centred under the tick, else above it, else beside the tick where the curve is not
            cands = [(px - t.width / 2, below), (px - t.width / 2, above), (px + g, below), (px - t.width - g, below),
                     (px + g, above), (px - t.width - g, above)]
            r = place((t.width, t.height), cands, self.box, self.curve_points, [], fixed * 5 + taken, 2)
            taken.append(r)
            self.tick_labels.append((t, r[0], r[1] + t.ascent))
        for v, label in self.yticks:
            if abs(v - self.ax_y) < 1e-9:
                continue
            t = glyphs.text(label, self.tick_size)
            py = m(0, v)[1]
            left, right = ax_px - self.tick_size * 0.45 - t.width, ax_px + self.tick_size * 0.45
            g = self.tick_size * 0.2
            cands = [(left, py - t.height / 2), (right, py - t.height / 2), (left, py - t.height - g), (left, py + g),
                     (right, py - t.height - g), (right, py + g)]
            r = place((t.width, t.height), cands, self.box, self.curve_points, [], fixed * 5 + taken, 2)
            taken.append(r)
            self.tick_labels.append((t, r[0], r[1] + t.ascent))
        # each curve's label (as math) where no curve runs
        a = m.area
        self.curve_labels: list[tuple[glyphs.Text, float, float] | None] = []
        traced = {e.item or 0 for e in self.sched.events if e.element == self.index and e.action == "trace"}
        # where each trace's point comes to rest (and is seen longest): curve labels keep clear of its label,
        # and a tick label it could not avoid gives way (the coordinates say more than the tick)
        reserved: list[Rect] = []
        for j in sorted(j for j in traced if j < len(self.ys)):
            finite = np.nonzero(np.isfinite(self.ys[j]))[0]
            if finite.size:
                xv, yv = float(self.xs[finite[-1]]), float(self.ys[j][finite[-1]])
                if m.y0 <= yv <= m.y1:
                    reserved.append(self._point_label(xv, yv, fixed + taken)[1])
        kept = [k for k, r in enumerate(taken) if not any(overlap_area(r, o) > 0 for o in reserved)]
        taken = fixed + [taken[k] for k in kept]
        self.tick_labels = [self.tick_labels[k] for k in kept]
        if self.legend:
            x = a[0]
            for t in self.names:
                self.curve_labels.append((t, x, self.inner[1] + t.ascent))
                x += t.width + th.gap
            self.taken = taken
            return True
        clear = True
        for j, (t, segs) in enumerate(zip(self.names, self.curves, strict=False)):
            w, h = t.width, t.height
            gx, gy = th.gap * 0.5, th.gap * 0.4
            cands = [(a[2] - w - gx, a[1] + gy), (a[0] + gx * 2, a[1] + gy), (a[2] - w - gx, a[3] - h - gy),
                     (a[0] + gx * 2, a[3] - h - gy), ((a[0] + a[2] - w) / 2, a[1] + gy)]
            if segs and j not in traced:  # at its end (a traced curve's end is where its point's label goes)
                ex, ey = segs[-1][-1]   # (above, beside or below it: a name in a far corner reads as another's)
                cands[:0] = [(ex - w, ey - h - gy * 2), (ex - w - gx * 6, ey - h / 2), (ex - w, ey + gy * 2)]
            # crossing a curve costs less than hiding the resting point's coordinates or another curve's
            # name (each counted five times)
            others = taken + reserved * 5
            r = place((w, h), cands, a, self.curve_points, [], others, th.gap * 0.3)
            clear = clear and crowding(r, a, self.curve_points, [], others, th.gap * 0.3) < 1
            taken.append(r)
            reserved.append(r)
            self.curve_labels.append((t, r[0], r[1] + t.ascent))
        self.taken = taken
        return clear

    def _paint_under(self, cr: Any, shown: float) -> None:
        """Grid, axes and ticks (static once shown)."""
        th, m = self.theme, self.map
        a = m.area
        pa = ease(shown)
        paint_grid(cr, m, a, (v for v, _ in self.xticks), (v for v, _ in self.yticks), th.faint, 0.7 * pa)
        lw = th.line(0.45)
        ax_py, ax_px = m(0, self.ax_y)[1], m(self.ax_x, 0)[0]
        grow = ease_out(min(1.0, shown * 1.3))
        arrow(cr, (a[0] - lw * 4, ax_py), (a[2] + self.tick_size * 0.9, ax_py), th.axis, lw, pa, grow, lw * 6)
        arrow(cr, (ax_px, a[3] + lw * 4), (ax_px, a[1] - self.tick_size * 0.8), th.axis, lw, pa, grow, lw * 6)
        tick = self.tick_size * 0.3
        source(cr, th.axis, pa)
        for v, _ in self.xticks:
            px = m(v, 0)[0]
            cr.move_to(px, ax_py - tick)
            cr.line_to(px, ax_py + tick)
        for v, _ in self.yticks:
            py = m(0, v)[1]
            cr.move_to(ax_px - tick, py)
            cr.line_to(ax_px + tick, py)
        cr.stroke()
        for tx, x, base in self._axis_names():
            glyphs.paint(cr, tx, x, base, th.axis, pa)

    def _paint_over(self, cr: Any, shown: float) -> None:
        """Tick labels with halos, above the curves (static once shown)."""
        th = self.theme
        pa = ease(shown)
        for tx, x, base in self.tick_labels:
            glyphs.halo(cr, tx, x, base, th.background_at(base), pa)
            glyphs.paint(cr, tx, x, base, th.muted, pa)

    def paint(self, cr: Any, t: float) -> None:
        th, m = self.theme, self.map
        a = m.area
        pa = ease(self.element_shown(t))
        if pa <= 0:
            return
        self.static_or_live(cr, "under", self.element_shown(t), self._paint_under)
        # curves
        for j, segs in enumerate(self.curves):
            p = self.shown(j, t)
            if p <= 0 or not segs:
                continue
            colour = self.accent(j + 1)
            light = self.light(j, t)
            width = th.line(1.05 + 0.35 * light.colour)
            total = sum(ls[-1] for ls in self.lengths[j]) or 1.0
            left = ease(p) * total
            cr.save()
            cr.rectangle(a[0], a[1] - th.gap, a[2] - a[0], a[3] - a[1] + 2 * th.gap)
            cr.clip()
            cr.set_line_join(1)
            cr.set_line_cap(1)
            for seg, ls in zip(segs, self.lengths[j], strict=False):
                if left <= 0:
                    break
                pts = partial(seg, left / ls[-1], ls) if left < ls[-1] else seg
                left -= ls[-1]
                path_of(cr, pts)
                glow_stroke(cr, colour, light.glow, width)
                cr.set_line_width(width)
                source(cr, colour, min(1.0, p * 4))
                cr.stroke()
            cr.restore()
        # labels on top, each with a halo so grid and curves never cut them
        self.static_or_live(cr, "over", self.element_shown(t), self._paint_over)
        for j, lab in enumerate(self.curve_labels):
            p = self.shown(j, t)
            if lab is None or p <= 0:
                continue
            tx, x, base = lab
            la = ease(min(1.0, max(0.0, (p - 0.6) / 0.4)))
            light = self.light(j, t)
            if light.glow:
                glyphs.paint_glow(cr, tx, x, base, self.accent(j + 1), light.glow * la)
            glyphs.paint(cr, tx, x, base, self.accent(j + 1), la)
        self._paint_traces(cr, t)

    def _point_label(self, xv: float, yv: float, taken: list[Rect]) -> tuple[glyphs.Text, Rect]:
        """A traced point's coordinates and where they go: beside the point, clear of curves and labels."""
        px, py = self.map(xv, yv)
        label = glyphs.text(f"({fmt(round(xv, 2))}, {fmt(round(yv, 2))})", self.tick_size * 1.1)
        g = self.theme.gap * 0.35
        cands = [(px + g, py - label.height - g), (px - label.width - g, py - label.height - g),
                 (px + g, py + g), (px - label.width - g, py + g)]
        return label, place((label.width, label.height), cands, self.map.area, self.curve_points, [], taken, 2)

    def _paint_traces(self, cr: Any, t: float) -> None:
        import numpy as np

        th, m = self.theme, self.map
        for e in [e for e in self.sched.events if e.element == self.index and e.action == "trace"]:
            if t < e.t0:
                continue
            j = e.item or 0
            if j >= len(self.ys):
                continue
            p = e.progress(t)
            k = min(SAMPLES - 1, int(round(p * (SAMPLES - 1))))
            ys = self.ys[j]
            # the nearest finite sample, so a trace through a gap still shows a point
            while k > 0 and not np.isfinite(ys[k]):
                k -= 1
            xv, yv = float(self.xs[k]), float(ys[k])
            if not (np.isfinite(yv) and m.y0 <= yv <= m.y1):
                continue
            px, py = m(xv, yv)
            colour = self.accent(j + 2)
            ax_py, ax_px = m(0, self.ax_y)[1], m(self.ax_x, 0)[0]
            appear = ease(min(1.0, e.raw(t) * 6))
            dashed_line(cr, (px, py), (px, ax_py), colour, 1.3, 0.75 * appear, th.short * 0.008)
            dashed_line(cr, (px, py), (ax_px, py), colour, 1.3, 0.75 * appear, th.short * 0.008)
            r = th.short * 0.011
            cr.arc(px, py, r * 1.9, 0, 2 * math.pi)
            source(cr, colour, 0.25 * appear)
            cr.fill()
            cr.arc(px, py, r, 0, 2 * math.pi)
            source(cr, colour, appear)
            cr.fill()
            label, rr = self._point_label(xv, yv, self.taken)
            glyphs.halo(cr, label, rr[0], rr[1] + label.ascent, th.background_at(py), appear)
            glyphs.paint(cr, label, rr[0], rr[1] + label.ascent, colour, appear)
