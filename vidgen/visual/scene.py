"""A scene's picture at any time t: background, title, elements (laid out once), and which parts of the
frame change when (`changes`), so the frame loop holds still frames and redraws only what moves.

    theme = VisualTheme.for_script(script.title, W, H)
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

from vidgen.visual import glyphs
from vidgen.visual.kinds.base import Context, Drawer
from vidgen.visual.layout import layout
from vidgen.visual.paint import Rect, overlaps, rounded, source, union
from vidgen.visual.spec import Visual
from vidgen.visual.theme import VisualTheme
from vidgen.visual.timing import Schedule

log = logging.getLogger(__name__)


def _kinds() -> dict[str, type[Drawer]]:
    from vidgen.visual.kinds.blocks import CompareKind, ImageKind, MatrixKind
    from vidgen.visual.kinds.charts import BarsKind, ShapesKind, TimelineKind
    from vidgen.visual.kinds.flow import FlowKind
    from vidgen.visual.kinds.plane import PlaneKind
    from vidgen.visual.kinds.plot import PlotKind
    from vidgen.visual.kinds.textual import BulletsKind, CodeKind, EquationKind, TextKind

    return {"text": TextKind, "bullets": BulletsKind, "flow": FlowKind, "equation": EquationKind, "plot": PlotKind,
            "plane": PlaneKind, "shapes": ShapesKind, "bars": BarsKind, "timeline": TimelineKind,
            "compare": CompareKind, "matrix": MatrixKind, "code": CodeKind, "image": ImageKind}


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
    def __init__(self, visual: Visual, theme: VisualTheme, sentences: list[tuple[float, float]], duration: float, *,
                 home: Path | None = None, index: int = 0, total: int = 1):
        self.visual, self.theme, self.duration = visual, theme, max(0.1, duration)
        self.index, self.total = index, total
        self.sched = Schedule(visual, sentences, self.duration)
        self.layout = layout(visual, theme)
        ctx = Context(visual, theme, self.sched, home, self.duration)
        kinds = _kinds()
        self.drawers: list[Drawer] = []
        self.failed: list[str] = []
        for i, (element, box) in enumerate(zip(visual.elements, self.layout.boxes, strict=False)):
            try:
                self.drawers.append(kinds[element.kind](ctx, i, box))
            except Exception as exc:  # noqa: BLE001 - drawn as empty, reported, never fatal
                log.warning("visual element %s (%s) could not be drawn: %s", element.id, element.kind, exc)
                self.failed.append(element.id)
                self.drawers.append(_Nothing(ctx, i, box))
        self.settled = self.sched.settled()
        self._changes = self._plan()

    # -- what changes when --------------------------------------------------------------------
    def _plan(self) -> list[tuple[float, float, list[Rect]]]:
        W, H = self.theme.width, self.theme.height
        raw: list[tuple[float, float, list[Rect]]] = []
        for e in self.sched.events:
            raw.append((e.t0, e.t1, self.drawers[e.element].dirty(e)))
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
        grad = _gradient(th)
        cr.set_source(grad)
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
        for d in self.drawers:
            if region is None or overlaps(d.box, region):
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


def _gradient(th: VisualTheme) -> Any:
    import cairocffi as cairo

    g = cairo.LinearGradient(0, 0, 0, th.height)
    g.add_color_stop_rgb(0, *th.bg_top)
    g.add_color_stop_rgb(1, *th.bg_bottom)
    return g


def to_rgb(surface: Any) -> np.ndarray:
    w, h, stride = surface.get_width(), surface.get_height(), surface.get_stride()
    bgrx = np.frombuffer(surface.get_data(), np.uint8).reshape(h, stride // 4, 4)[:, :w]
    return np.ascontiguousarray(bgrx[..., 2::-1])


def to_image(surface: Any) -> Any:
    """A cairo RGB24 surface as a Pillow RGB image without a numpy round trip."""
    from PIL import Image

    w, h = surface.get_width(), surface.get_height()
    return Image.frombuffer("RGB", (w, h), bytes(surface.get_data()), "raw", "BGRX", surface.get_stride(), 1)
