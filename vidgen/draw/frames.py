"""Frames of a visual scene for the encoder loop, cheap by construction.

Most of an explainer holds still: a frame outside every change interval is a copy of planes
converted once. Inside an interval only its dirty rectangles are drawn and converted, pasted
over the interval's base planes (outside those rectangles nothing changes during the interval).
Everything is a function of the frame index, so crossfades may ask for frames in any order.
"""

from __future__ import annotations

import bisect
import math
from collections import OrderedDict
from typing import Any

import numpy as np
from PIL import Image

from vidgen.draw.scene import VisualScene
from vidgen.draw.yuv import Planes, image_to_planes

BASES_KEPT = 2   # the hold or interval being drawn and the one before (a 4K base is ~45 MB)


def _even(r: tuple[float, float, float, float], w: int, h: int) -> tuple[int, int, int, int]:
    x0, y0 = max(0, int(math.floor(r[0])) & ~1), max(0, int(math.floor(r[1])) & ~1)
    x1, y1 = min(w, (int(math.ceil(r[2])) + 1) & ~1), min(h, (int(math.ceil(r[3])) + 1) & ~1)
    return x0, y0, x1, y1


class _Patch:
    """The current picture of one dirty rectangle: its BGRX pixels and their planes.

    A new frame's rectangle is compared with it and only the bounding box of the pixels that differ
    is converted: a curve being drawn changes a few thousand pixels a frame, not the whole box.
    """

    def __init__(self, box: tuple[int, int, int, int], base_bgrx: np.ndarray, base: Planes):
        x0, y0, x1, y1 = self.box = box
        self.bgrx = base_bgrx[y0:y1, x0:x1].copy()
        self.y = base.y[y0:y1, x0:x1].copy()
        self.u = base.u[y0 // 2:y1 // 2, x0 // 2:x1 // 2].copy()
        self.v = base.v[y0 // 2:y1 // 2, x0 // 2:x1 // 2].copy()

    def update(self, new: np.ndarray) -> int:
        """Bring the patch to `new` (h x w uint32 BGRX); returns the number of pixels converted."""
        diff = new != self.bgrx
        rows = np.flatnonzero(diff.any(axis=1))
        if rows.size == 0:
            return 0
        cols = np.flatnonzero(diff[rows[0]:rows[-1] + 1].any(axis=0))
        h, w = new.shape
        r0, r1 = rows[0] & ~1, min(h, (rows[-1] + 2) & ~1)
        c0, c1 = cols[0] & ~1, min(w, (cols[-1] + 2) & ~1)
        sub = np.ascontiguousarray(new[r0:r1, c0:c1])
        img = Image.frombuffer("RGB", (c1 - c0, r1 - r0), sub, "raw", "BGRX", 0, 1)
        planes = image_to_planes(img)
        self.y[r0:r1, c0:c1] = planes.y
        self.u[r0 // 2:r1 // 2, c0 // 2:c1 // 2] = planes.u
        self.v[r0 // 2:r1 // 2, c0 // 2:c1 // 2] = planes.v
        self.bgrx[r0:r1, c0:c1] = sub
        return (r1 - r0) * (c1 - c0)

    def paste(self, out: Planes) -> None:
        x0, y0, x1, y1 = self.box
        out.y[y0:y1, x0:x1] = self.y
        out.u[y0 // 2:y1 // 2, x0 // 2:x1 // 2] = self.u
        out.v[y0 // 2:y1 // 2, x0 // 2:x1 // 2] = self.v


class VisualFrames:
    def __init__(self, scene: VisualScene, fps: int, frames: int):
        self.scene, self.fps, self.frames = scene, fps, max(1, frames)
        self.width, self.height = scene.theme.width - scene.theme.width % 2, scene.theme.height - scene.theme.height % 2
        self.drawn = 0      # frames with a dirty region drawn (and what changed in it converted)
        self.held = 0       # frames copied from cached planes
        self.full = 0       # whole-frame draws (one per hold and per change interval)
        self.converted = 0  # pixels converted for drawn frames
        self.spans: list[tuple[int, int, list[tuple[int, int, int, int]]]] = []
        last = self.frames - 1
        for t0, t1, rects in scene.changes():
            f0, f1 = max(0, int(math.floor(t0 * fps))), min(last, int(math.ceil(t1 * fps)))
            if f0 > last:
                continue
            boxes = [_even(r, self.width, self.height) for r in rects]
            boxes = [b for b in boxes if b[2] > b[0] and b[3] > b[1]]
            if self.spans and f0 <= self.spans[-1][1]:
                a0, a1, ab = self.spans[-1]
                self.spans[-1] = (a0, max(a1, f1), _merge(ab + boxes))
            else:
                self.spans.append((f0, f1, boxes))
        self._starts = [s[0] for s in self.spans]
        self._bases: OrderedDict[int, tuple[Planes, np.ndarray]] = OrderedDict()
        self._patches: dict[tuple[int, int], _Patch] = {}
        self._surfaces: dict[tuple[int, int], Any] = {}

    def time(self, i: int) -> float:
        t = i / self.fps
        # the last frame is the settled picture even if the voice ends before the last animation
        return max(t, self.scene.settled) if i >= self.frames - 1 else t

    def _span(self, i: int) -> tuple[int, int, list[tuple[int, int, int, int]]] | None:
        k = bisect.bisect_right(self._starts, i) - 1
        if k >= 0 and self.spans[k][0] <= i <= self.spans[k][1]:
            return self.spans[k]
        return None

    def _hold_key(self, i: int) -> int:
        """The first frame of the hold that frame i is in (all of its frames look the same)."""
        k = bisect.bisect_right(self._starts, i) - 1
        return self.spans[k][1] + 1 if k >= 0 else 0

    def _base(self, key: int) -> tuple[Planes, np.ndarray]:
        got = self._bases.get(key)
        if got is None:
            self.full += 1
            surface = self.scene.surface(self.time(key))
            bgrx = _pixels(surface)[:self.height, :self.width].copy()
            img = Image.frombuffer("RGB", (self.width, self.height), bgrx, "raw", "BGRX", 0, 1)
            got = (image_to_planes(img), bgrx)
            self._bases[key] = got
            while len(self._bases) > BASES_KEPT:
                old, _ = self._bases.popitem(last=False)
                for k in [k for k in self._patches if k[0] == old]:
                    del self._patches[k]
        else:
            self._bases.move_to_end(key)
        return got

    def still(self, i: int) -> tuple[str, int] | None:
        """Frames of one hold look the same: they share the hold's key (frames being drawn get None)."""
        i = min(max(0, i), self.frames - 1)
        return None if self._span(i) is not None else ("hold", self._hold_key(i))

    def render(self, i: int, out: Planes) -> None:
        """The picture of frame i (no captions) into `out`."""
        i = min(max(0, i), self.frames - 1)
        span = self._span(i)
        if span is None:
            _copy(self._base(self._hold_key(i))[0], out)
            self.held += 1
            return
        f0, _, boxes = span
        base, base_bgrx = self._base(f0)
        _copy(base, out)
        self.drawn += 1
        if i == f0:
            return
        t = self.time(i)
        for n, box in enumerate(boxes):
            patch = self._patches.get((f0, n))
            if patch is None:
                patch = self._patches[(f0, n)] = _Patch(box, base_bgrx, base)
            x0, y0, x1, y1 = box
            surface = self.scene.surface(t, box, self._surface(x1 - x0, y1 - y0))
            self.converted += patch.update(_pixels(surface)[:y1 - y0, :x1 - x0])
            patch.paste(out)

    def _surface(self, w: int, h: int) -> Any:
        import cairocffi as cairo

        s = self._surfaces.get((w, h))
        if s is None:
            if len(self._surfaces) > 8:
                self._surfaces.clear()
            s = self._surfaces[(w, h)] = cairo.ImageSurface(cairo.FORMAT_RGB24, w, h)
        return s


def _pixels(surface: Any) -> np.ndarray:
    """A cairo RGB24 surface's pixels as an h x (stride / 4) uint32 view (BGRX in memory)."""
    h, stride = surface.get_height(), surface.get_stride()
    return np.frombuffer(surface.get_data(), np.uint32).reshape(h, stride // 4)


def _copy(src: Planes, out: Planes) -> None:
    out.y[...] = src.y
    out.u[...] = src.u
    out.v[...] = src.v


def _merge(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    from vidgen.draw.scene import merge_rects

    rects = merge_rects([(float(a), float(b), float(c), float(d)) for a, b, c, d in boxes])
    return [(int(a), int(b), int(c), int(d)) for a, b, c, d in rects]
