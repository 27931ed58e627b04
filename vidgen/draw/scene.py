"""A scene's picture at any time t: background, title, elements (laid out once), and which parts of the
frame change when (`changes`), so the frame loop holds still frames and redraws only what moves.

    theme = Theme.for_script(script.title, W, H)
    scene = VisualScene(visual, theme, [(s.start, s.duration) for s in plan.sentences], plan.frames / fps,
                        home=settings.home, index=i, total=len(scenes))
    frames = VisualFrames(scene, fps, plan.frames)     # frames.render(i, planes) in the encoder loop
    scene.final()                                      # storyboard tile / thumbnail (RGB array)
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np

from vidgen.draw import glyphs
from vidgen.draw.demand import drawer
from vidgen.draw.kinds.base import Context, Drawer
from vidgen.draw.layout import layout
from vidgen.draw.paint import Rect, overlaps, rounded, source, union
from vidgen.draw.schedule import Schedule, ease
from vidgen.draw.theme import Theme
from vidgen.visual.kinds import kind
from vidgen.visual.spec import Visual

SLIDE = 0.5   # seconds the first element takes to move aside when the rest of the picture arrives

log = logging.getLogger(__name__)


class _Nothing(Drawer):
    """Stands in for an element that could not be laid out: a render never fails on a visual."""

    def paint(self, cr: Any, t: float) -> None:
        pass


def merge_rects(rects: list[Rect]) -> list[Rect]:
    """Overlapping rectangles become their union, until none overlap."""
    out: list[Rect] = []
    for r in rects:
        while True:
            hit = next((k for k, o in enumerate(out) if overlaps(o, r)), None)
            if hit is None:
                break
            r = union(out.pop(hit), r)
        out.append(r)
    return out


class VisualScene:
    def __init__(self, visual: Visual, theme: Theme, sentences: list[tuple[float, float]], duration: float, *,
                 home: Path | None = None, index: int = 0, total: int = 1, opening: bool = False):
        self.visual, self.theme, self.duration = visual, theme, max(0.1, duration)
        self.index, self.total = index, total
        self.sched = Schedule(visual, sentences, self.duration, opening=opening)
        self.layout = layout(visual, theme)
        ctx = Context(visual, theme, self.sched, home, self.duration)
        self.failed: list[str] = []
        self.drawers = self._build(ctx)
        if self.layout.others:
            self._legible(ctx)
        # several equation elements share one type size: two columns of working in different sizes look
        # like a mistake, and the smaller one sets the size (it had less room)
        sizes = [d.size for d in self.drawers if d.el.kind == "equation" and hasattr(d, "size")]
        if len(sizes) > 1 and max(sizes) > min(sizes) * 1.02:
            ctx.limits["equation"] = min(sizes)
            self.failed = []
            self.drawers = self._build(ctx)
        # and columns of working side by side (boxes on one row) start on one line, not each centred alone
        rows: dict[tuple[int, int], list[float]] = {}
        for d in self.drawers:
            if d.el.kind == "equation" and hasattr(d, "block_h"):
                rows.setdefault((round(d.box[1]), round(d.box[3])), []).append(d.block_h)
        side_by_side = [h for hs in rows.values() if len(hs) > 1 for h in hs]
        if side_by_side:
            ctx.limits["equation_block"] = max(side_by_side)
            self.failed = []
            self.drawers = self._build(ctx)
        self.settled = self.sched.settled()
        self._bg: Any = None
        self.leader = 0
        self.lead = self._lead()
        self._changes = self._plan()

    # -- the first element alone ------------------------------------------------------------------
    def _first_seen(self, i: int) -> float:
        """When element i first shows anything (0 if something of it is there from the start)."""
        whole = self.sched.show_window(i, None)
        if whole is not None:
            return whole[0]
        el = self.visual.elements[i]
        if kind(el.kind).framed or not el.items:
            return 0.0
        windows = [self.sched.show_window(i, j) for j in range(len(el.items))]
        return min((w[0] for w in windows if w is not None), default=0.0) if all(windows) else 0.0

    def _lead(self) -> tuple[float, float, float, float] | None:
        """(dx, dy, t0, t1): while the first element is alone on screen it sits in the middle of the picture,
        not beside an empty half waiting for the rest; it slides to its place (t0 -> t1) as the others appear."""
        if len(self.drawers) < 2:
            return None
        seen = [self._first_seen(k) for k in range(len(self.drawers))]
        first = min(range(len(seen)), key=lambda k: seen[k])
        others = min(t for k, t in enumerate(seen) if k != first)
        # worth it when the element is alone for a while (a second of it, then a slide, is only restless)
        if others < seen[first] + 2.5 or others >= self.duration - 0.5 or isinstance(self.drawers[first], _Nothing):
            return None
        a, c = self.layout.area, self.drawers[first].content
        dx = (a[0] + a[2]) / 2 - (c[0] + c[2]) / 2
        dy = (a[1] + a[3]) / 2 - (c[1] + c[3]) / 2
        if abs(dx) < self.theme.short * 0.03 and abs(dy) < self.theme.short * 0.03:
            return None
        self.leader = first
        return float(round(dx)), float(round(dy)), others, min(others + SLIDE, self.duration - 0.1)

    def offset(self, i: int, t: float) -> tuple[float, float]:
        """How far element i is drawn from its box at t."""
        if self.lead is None or i != self.leader:
            return 0.0, 0.0
        dx, dy, t0, t1 = self.lead
        f = 1.0 - ease(min(1.0, max(0.0, (t - t0) / (t1 - t0))))
        # whole pixels: a cached layer (a plane's grid) composited at a fractional offset is resampled, slowly
        return float(round(dx * f)), float(round(dy * f))

    def _legible(self, ctx: Context) -> None:
        """The arrangement chosen by room can still set some text too small to read (a ring of boxes in a
        narrow column of a square frame): then the other arrangements are measured too, with the real drawers,
        and the first whose smallest text is readable (else the one whose smallest is largest) is kept."""
        floor = self.theme.min_text
        best = (self._smallest_text(), self.layout.boxes)
        if best[0] >= floor:
            return
        for boxes in self.layout.others:
            self.layout.boxes, self.failed = boxes, []
            self.drawers = self._build(ctx)
            smallest = self._smallest_text()
            if smallest > best[0] * 1.01:
                best = (smallest, boxes)
            if smallest >= floor:
                return
        if self.layout.boxes is not best[1]:
            self.layout.boxes, self.failed = best[1], []
            self.drawers = self._build(ctx)

    def _smallest_text(self) -> float:
        """The smallest type the settled picture shows, measured by painting it without rasterising a glyph."""
        import cairocffi as cairo

        th = self.theme
        if self.failed:
            return 0.0
        cr = cairo.Context(cairo.RecordingSurface(cairo.CONTENT_COLOR, (0, 0, th.width, th.height)))
        t = max(self.duration, self.sched.settled())
        with glyphs.recording() as painted:
            for d in self.drawers:
                cr.save()
                d.paint(cr, t)
                cr.restore()
        return min((p.size for p in painted if p.label.strip()), default=float("inf"))

    def _build(self, ctx: Context) -> list[Drawer]:
        drawers: list[Drawer] = []
        for i, (element, box) in enumerate(zip(self.visual.elements, self.layout.boxes, strict=False)):
            try:
                drawers.append(drawer(element)(ctx, i, box))
            except Exception as exc:  # noqa: BLE001 - drawn as empty, reported, never fatal
                log.warning("visual element %s (%s) could not be drawn: %s", element.id, element.kind, exc)
                self.failed.append(element.id)
                drawers.append(_Nothing(ctx, i, box))
        return drawers

    # -- what changes when --------------------------------------------------------------------
    def _plan(self) -> list[tuple[float, float, list[Rect]]]:
        W, H = self.theme.width, self.theme.height
        raw: list[tuple[float, float, list[Rect]]] = []
        for e in self.sched.events:
            if e.t1 <= 0:
                continue  # over before the scene starts (the opening scene's first picture): nothing moves
            rects = self.drawers[e.element].dirty(e)
            if e.element == self.leader and self.lead is not None and e.t0 < self.lead[3]:
                # drawn where the element is at the time: moved aside before the slide, both during it
                dx, dy = self.lead[0], self.lead[1]
                moved = [(r[0] + dx, r[1] + dy, r[2] + dx, r[3] + dy) for r in rects]
                rects = moved if e.t1 <= self.lead[2] else rects + moved
            raw.append((e.t0, e.t1, rects))
        if self.lead is not None:
            b, (dx, dy) = self.drawers[self.leader].box, self.lead[:2]
            raw.append((self.lead[2], self.lead[3], [union(b, (b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy))]))
        for d in self.drawers:
            zoom = getattr(d, "zoom_window", None)
            if zoom is not None and getattr(d, "surface", None) is not None:
                z0, z1 = zoom()
                raw.append((z0, z1, [d.box]))
        raw.sort(key=lambda c: c[0])
        merged: list[tuple[float, float, list[Rect]]] = []
        for t0, t1, rects in raw:
            clipped = [(max(0.0, r[0]), max(0.0, r[1]), min(float(W), r[2]), min(float(H), r[3])) for r in rects]
            clipped = [r for r in clipped if r[2] > r[0] and r[3] > r[1]]
            if merged and t0 <= merged[-1][1]:
                a0, a1, ar = merged[-1]
                merged[-1] = (a0, max(a1, t1), merge_rects(ar + clipped))
            else:
                merged.append((t0, t1, merge_rects(clipped)))
        return merged

    def changes(self) -> list[tuple[float, float, list[Rect]]]:
        """(start, end, rectangles) in which the picture changes; it holds still elsewhere."""
        return self._changes

    def busy(self) -> list[tuple[float, float]]:
        return [(t0, t1) for t0, t1, _ in self._changes]

    # -- drawing --------------------------------------------------------------------------------
    def paint(self, cr: Any, t: float, region: Rect | None = None) -> None:
        """Everything at time t; with `region`, only what touches it (the caller clips and translates)."""
        th = self.theme
        # the background gradient, rendered once: a blit of it is cheaper than a gradient fill per frame
        if self._bg is None:
            import cairocffi as cairo

            self._bg = cairo.ImageSurface(cairo.FORMAT_RGB24, th.width, th.height)
            c = cairo.Context(self._bg)
            c.set_source(_gradient(th))
            c.paint()
            self._bg.flush()
        cr.set_source_surface(self._bg, 0, 0)
        cr.paint()
        title = self.layout.title
        if title is not None and (region is None or region[1] < title.bar[3] + th.gap):
            for k, (line, x) in enumerate(zip(title.lines, title.xs, strict=True)):
                glyphs.paint(cr, glyphs.text(line, title.size, "bold"), x, title.baseline + k * title.lead, th.text)
            x0, y0, x1, y1 = title.bar
            rounded(cr, x0, y0, x1 - x0, y1 - y0, (y1 - y0) / 2)
            source(cr, th.accent(0))
            cr.fill()
        if self.total > 1 and (region is None or region[1] < th.margin_top):
            self._progress(cr)
        for i, d in enumerate(self.drawers):
            dx, dy = self.offset(i, t)
            if region is None or overlaps((d.box[0] + dx, d.box[1] + dy, d.box[2] + dx, d.box[3] + dy), region):
                if dx or dy:
                    cr.save()
                    cr.translate(dx, dy)
                    d.draw(cr, t)
                    cr.restore()
                else:
                    d.draw(cr, t)

    def _progress(self, cr: Any) -> None:
        """Which scene of how many: small segments in the top-right corner."""
        th = self.theme
        seg, gap, h = th.short * 0.022, th.short * 0.008, max(2.0, th.short * 0.005)
        x = th.width - th.margin_x - self.total * (seg + gap) + gap
        y = th.margin_top * 0.45
        for i in range(self.total):
            rounded(cr, x, y, seg, h, h / 2)
            source(cr, th.accent(0) if i <= self.index else th.muted, 1.0 if i <= self.index else 0.35)
            cr.fill()
            x += seg + gap

    def surface(self, t: float, region: tuple[int, int, int, int] | None = None, into: Any = None) -> Any:
        """A cairo RGB24 surface of the frame at t (or of the integer `region` of it)."""
        import cairocffi as cairo

        x0, y0, x1, y1 = region or (0, 0, self.theme.width, self.theme.height)
        s = into if into is not None else cairo.ImageSurface(cairo.FORMAT_RGB24, x1 - x0, y1 - y0)
        cr = cairo.Context(s)
        cr.translate(-x0, -y0)
        self.paint(cr, t, None if region is None else (float(x0), float(y0), float(x1), float(y1)))
        s.flush()
        return s

    def draw(self, t: float) -> np.ndarray:
        """H x W x 3 uint8 RGB at time t."""
        return to_rgb(self.surface(t))

    def final(self) -> np.ndarray:
        return self.draw(max(self.duration, self.settled))

    def background(self) -> np.ndarray:
        """The empty background (for tests and checks: what the caption band must stay)."""
        import cairocffi as cairo

        s = cairo.ImageSurface(cairo.FORMAT_RGB24, self.theme.width, self.theme.height)
        cr = cairo.Context(s)
        cr.set_source(_gradient(self.theme))
        cr.paint()
        s.flush()
        return to_rgb(s)


def _gradient(th: Theme) -> Any:
    import cairocffi as cairo

    g = cairo.LinearGradient(0, 0, 0, th.height)
    g.add_color_stop_rgb(0, *th.bg_top)
    g.add_color_stop_rgb(1, *th.bg_bottom)
    return g


def to_rgb(surface: Any) -> np.ndarray:
    w, h, stride = surface.get_width(), surface.get_height(), surface.get_stride()
    bgrx = np.frombuffer(surface.get_data(), np.uint8).reshape(h, stride // 4, 4)[:, :w]
    return np.ascontiguousarray(bgrx[..., 2::-1])
