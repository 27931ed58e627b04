"""compare (two columns with headings), matrix (brackets, row/column highlights), image (a local
picture or a video's first frame, fitted, slowly zooming)."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.kinds.textual import paint_line, rich_lines
from vidgen.draw.paint import Rect, glow_stroke, partial, path_of, polyline_length, rounded, source
from vidgen.draw.schedule import Event, ease, ease_out
from vidgen.draw.visual_theme import mix
from vidgen.store.media import VIDEO, local_path


class CompareKind(Drawer):
    caption_below = False   # the caption is the two headings ("A vs B")
    cols: list[Rect]
    pad: float
    size: float
    stacked: bool
    places: dict[int, tuple[list[Any], float]]   # item -> its lines and the top of its first one
    bottoms: list[float]

    def setup(self) -> None:
        th = self.theme
        b = self.inner
        heads = re.split(r"\s+(?:vs\.?|versus|v\.)\s+", self.el.caption or "", maxsplit=1, flags=re.I)
        self.heads = heads if len(heads) == 2 else []
        self.side = [0 if (it.detail or "").strip().lower() == "left" else 1 for it in self.el.items]
        # side by side where there is width; on 9:16 the cards stack so the points stay large, unless a short
        # box would squeeze stacked cards below readable type: then side by side, which needs less height
        prefer = th.portrait or (b[3] - b[1]) > (b[2] - b[0]) * 1.05
        # when neither fits at readable type: smaller type rather than a card cut off by the box's edge
        if not (self._fit(prefer) or self._fit(not prefer) or self._fit(prefer, floor=0.5)):
            self._fit(not prefer, floor=0.5)
        # cards only as tall as their content, both the same height
        h = max(self.bottoms[0] - self.cols[0][1], self.bottoms[1] - self.cols[1][1]) + self.pad * 0.5
        if not self.stacked:
            shift = max(0.0, (b[3] - b[1] - h) / 2)
            self.cols = [(c[0], c[1] + shift, c[2], c[1] + shift + h) for c in self.cols]
            self.places = {k: (ls, y + shift) for k, (ls, y) in self.places.items()}
        else:
            # both cards as tall as the taller one needs, the pair centred in the box
            gap = th.gap
            top = b[1] + max(0.0, (b[3] - b[1] - 2 * h - gap) / 2)
            shifts = [top - self.cols[0][1], top + h + gap - self.cols[1][1]]
            self.cols = [(c[0], c[1] + d, c[2], c[1] + d + h) for c, d in zip(self.cols, shifts, strict=True)]
            self.places = {k: (ls, y + shifts[self.side[k]]) for k, (ls, y) in self.places.items()}
        self.set_content((b[0], self.cols[0][1], b[2], self.cols[1][3]))

    def _columns(self, stacked: bool) -> list[Rect]:
        b, gap = self.inner, self.theme.gap
        if stacked:
            h = (b[3] - b[1] - gap) / 2
            return [(b[0], b[1], b[2], b[1] + h), (b[0], b[1] + h + gap, b[2], b[3])]
        w = (b[2] - b[0] - gap * 1.4) / 2
        return [(b[0], b[1], b[0] + w, b[3]), (b[2] - w, b[1], b[2], b[3])]

    def _fit(self, stacked: bool, floor: float = 0.8) -> bool:
        """Lay the points out in this arrangement at the largest type (from a generous start, down to `floor`
        times label size) at which every point fits its card; says whether they fit at all."""
        th = self.theme
        self.stacked, self.cols = stacked, self._columns(stacked)
        size = th.size("body") * (1.6 if len(self.el.items) <= 4 else 1.3)
        while True:
            self.pad = size * 0.7
            self.head_texts = [glyphs.fit(h, size * 1.2, self.cols[0][2] - self.cols[0][0] - 2 * self.pad, "bold",
                                          max_lines=1) for h in self.heads]
            self.places, self.bottoms = {}, [0.0, 0.0]
            ok = True
            for c in (0, 1):
                col = self.cols[c]
                y = col[1] + self.pad + (size * 1.9 if self.heads else 0)
                for k, it in enumerate(self.el.items):
                    if self.side[k] != c:
                        continue
                    room = col[2] - col[0] - 2 * self.pad - size * 0.9
                    lines = rich_lines(it.label, size, room)
                    self.places[k] = (lines, y)
                    y += sum(ln.ascent + ln.descent for ln in lines) + size * 0.55
                    ok = ok and max(ln.width for ln in lines) <= room   # a long word must fit too
                self.bottoms[c] = y
                ok = ok and y <= col[3] - self.pad
            self.size = size
            if ok or size < th.size("label") * floor:
                return ok
            size *= 0.9

    def item_rect(self, j: int) -> Rect:
        lines, y = self.places[j]
        col = self.cols[self.side[j]]
        return (col[0], y - self.size * 0.4, col[2], y + sum(ln.ascent + ln.descent for ln in lines) + self.size * 0.4)

    def paint(self, cr: Any, t: float) -> None:
        th = self.theme
        pa = ease(self.element_shown(t))
        if pa <= 0:
            return
        for c, col in enumerate(self.cols):
            colour = th.accent(c)
            rounded(cr, col[0], col[1], col[2] - col[0], col[3] - col[1], self.size * 0.5)
            source(cr, th.tint(colour, 0.1), pa)
            cr.fill_preserve()
            cr.set_line_width(1.5)
            source(cr, colour, 0.55 * pa)
            cr.stroke()
            if self.heads:
                head, s = self.head_texts[c]
                tx = glyphs.text(head[0], s, "bold")
                glyphs.paint(cr, tx, col[0] + self.pad, col[1] + self.pad + tx.ascent, colour, pa)
                cr.rectangle(col[0] + self.pad, col[1] + self.pad + tx.height + 4, min(tx.width, th.short * 0.06), 3)
                source(cr, colour, pa)
                cr.fill()
        for k, (lines, y) in self.places.items():
            s = self.shown(k, t)
            if s <= 0:
                continue
            col = self.cols[self.side[k]]
            colour = th.accent(self.side[k])
            light = self.light(k, t)
            a, slide = ease(s), (1 - ease_out(s)) * self.size
            x = col[0] + self.pad + self.size * 0.9
            cy = y + lines[0].ascent * 0.62
            cr.arc(col[0] + self.pad + self.size * 0.25, cy, self.size * 0.16 * (1 + light.glow * 0.5), 0, 2 * math.pi)
            source(cr, colour, a)
            cr.fill()
            text_colour = mix(th.text, colour, light.colour)
            for ln in lines:
                paint_line(cr, ln, x + slide, y + ln.ascent, text_colour, colour, a, light.glow * 0.6, colour)
                y += ln.ascent + ln.descent


class MatrixKind(Drawer):
    def setup(self) -> None:
        th = self.theme
        self.cells = [it.label.split() for it in self.el.items]
        # matrices side by side (A, B, AB) share one size, so equal entries look equal
        size = min([self._fit([it.label.split() for it in e.items]) for e in self.ctx.visual.elements
                    if e.kind == "matrix" and e.items] or [th.size("math")])
        texts, cell_w, row_h, w, h = self._measure(self.cells, size)
        self.size, self.texts, self.cell_w, self.row_h = size, texts, cell_w, row_h
        x0, y0 = self.centre_block(w, h)
        self.frame = (x0, y0, x0 + w, y0 + h)
        self.xs = []
        x = x0 + size * 0.4
        for cw in cell_w:
            self.xs.append(x)
            x += cw
        self.y0 = y0 + size * 0.15
        bw = size * 0.28
        self.brackets = [[(x0 + bw, y0), (x0, y0), (x0, y0 + h), (x0 + bw, y0 + h)],
                         [(x0 + w - bw, y0), (x0 + w, y0), (x0 + w, y0 + h), (x0 + w - bw, y0 + h)]]
        self.bracket_len = polyline_length(self.brackets[0])
        self.set_content(self.frame)

    def _measure(self, cells: list[list[str]], size: float) -> tuple[list[list[Any]], list[float], float, float,
                                                                    float]:
        rows, cols = len(cells), max((len(r) for r in cells), default=0)
        texts = [[glyphs.text(c if "$" in c else f"${c}$" if _mathy(c) else c, size) for c in r] for r in cells]
        col_w = [max((texts[r][c].width for r in range(rows) if c < len(texts[r])), default=size) for c in range(cols)]
        cell_w = [w + size * 0.8 for w in col_w]
        row_h = size * 1.55
        return texts, cell_w, row_h, sum(cell_w) + size * 0.8, rows * row_h + size * 0.3

    def _fit(self, cells: list[list[str]]) -> float:
        b = self.inner
        size = self.theme.size("math") * 2.0
        while size > self.theme.size("small"):
            *_, w, h = self._measure(cells, size)
            if w <= (b[2] - b[0]) * 0.92 and h <= (b[3] - b[1]) * 0.92:
                break
            size *= 0.9
        return size

    def cell(self, r: int, c: int) -> Rect:
        return (self.xs[c], self.y0 + r * self.row_h, self.xs[c] + self.cell_w[c], self.y0 + (r + 1) * self.row_h)

    def item_rect(self, j: int) -> Rect:
        return (self.frame[0] - 4, self.y0 + j * self.row_h - 4, self.frame[2] + 4, self.y0 + (j + 1) * self.row_h + 4)

    def dirty(self, e: Event) -> list[Rect]:
        return [self.box] if e.part is not None or e.item is None else super().dirty(e)

    def paint(self, cr: Any, t: float) -> None:
        th = self.theme
        pa = self.element_shown(t)
        if pa <= 0:
            return
        f = ease(min(1.0, pa * 1.6))
        cr.set_line_width(th.line(0.55))
        cr.set_line_join(0)
        source(cr, th.text)
        for br in self.brackets:
            path_of(cr, partial(br, f, self.bracket_len))
        cr.stroke()
        # highlighted rows and columns: a tinted band behind, an outline, entries in the accent
        colour_of: dict[tuple[int, int], Any] = {}
        rows, cols = len(self.cells), len(self.cell_w)
        for kind, n in [("row", r) for r in range(rows)] + [("col", c) for c in range(cols)]:
            light = self.sched.light(self.index, None, t, (kind, n))
            if not light.colour and not light.glow:
                continue
            colour = th.accent(0) if kind == "row" else th.accent(1)
            if kind == "row":
                first, last = self.cell(n, 0), self.cell(n, cols - 1)
            else:
                first, last = self.cell(0, n), self.cell(rows - 1, n)
            rounded(cr, first[0] + 2, first[1] + 2, last[2] - first[0] - 4, last[3] - first[1] - 4, self.size * 0.3)
            source(cr, colour, 0.16 * light.colour)
            cr.fill_preserve()
            glow_stroke(cr, colour, light.glow, th.line(0.5))
            cr.set_line_width(th.line(0.45))
            source(cr, colour, light.colour)
            cr.stroke()
            cells = [(n, c) for c in range(cols)] if kind == "row" else [(r, n) for r in range(rows)]
            for rc in cells:
                colour_of[rc] = mix(th.text, colour, light.colour)
        for r, row in enumerate(self.texts):
            s = self.shown(r, t)
            if s <= 0:
                continue
            a = ease(min(1.0, max(0.0, (s - 0.25) / 0.75) if self.sched.show_window(self.index, None) else s))
            for c, tx in enumerate(row):
                x0, y0, x1, y1 = self.cell(r, c)
                base = (y0 + y1) / 2 + self.size * 0.36
                glyphs.paint(cr, tx, (x0 + x1) / 2 - tx.width / 2, base, colour_of.get((r, c), th.text), a)


def _mathy(cell: str) -> bool:
    """Single letters and subscripted names read better in math italics: a, b_1, x^2."""
    return bool(re.fullmatch(r"-?[A-Za-z](?:[_^]\{?\w+\}?)?", cell))


class ImageKind(Drawer):
    """A local picture (or a video's first frame), fitted into the box, zooming slowly all scene long."""

    ZOOM = 0.06

    def setup(self) -> None:
        th = self.theme
        label = self.el.items[0].label.strip() if self.el.items else ""
        self.name = Path(label).name or "(no file)"
        self.surface = None
        b = self.inner
        rgb = _load(label, self.ctx.home)
        if rgb is not None:
            h, w = rgb.shape[:2]
            s = min((b[2] - b[0]) / w, (b[3] - b[1]) / h)
            dw, dh = w * s, h * s
            x0, y0 = self.centre_block(dw, dh)
            self.rect = (x0, y0, x0 + dw, y0 + dh)
            self.surface = _surface(rgb, int(math.ceil(dw * (1 + self.ZOOM))), int(math.ceil(dh * (1 + self.ZOOM))))
        else:
            w, h = min(b[2] - b[0], th.short * 0.8), min(b[3] - b[1], th.short * 0.5)
            x0, y0 = self.centre_block(w, h)
            self.rect = (x0, y0, x0 + w, y0 + h)
            self.missing = glyphs.fit(f"image not found: {self.name}", th.size("label"), w * 0.9, max_lines=2)
        self.set_content(self.rect)

    def zoom_window(self) -> tuple[float, float]:
        start = self.sched.show_window(self.index, None)
        return (start[0] if start else 0.0, self.ctx.duration)

    def paint(self, cr: Any, t: float) -> None:
        th = self.theme
        s = self.element_shown(t)
        if s <= 0:
            return
        a = ease(min(1.0, s * 1.3))
        x0, y0, x1, y1 = self.rect
        w, h = x1 - x0, y1 - y0
        light = self.light(None, t)
        radius = th.short * 0.015
        if self.surface is None:
            rounded(cr, x0, y0, w, h, radius)
            source(cr, th.panel, a)
            cr.fill()
            lines, size = self.missing
            y = (y0 + y1) / 2 - len(lines) * size * 0.6
            for line in lines:
                tx = glyphs.text(line, size)
                glyphs.paint(cr, tx, (x0 + x1) / 2 - tx.width / 2, y + tx.ascent, th.muted, a)
                y += size * 1.2
            return
        z0, z1 = self.zoom_window()
        zoom = 1 + self.ZOOM * min(1.0, max(0.0, (t - z0) / max(0.1, z1 - z0)))
        grow = 0.94 + 0.06 * ease_out(min(1.0, s))
        cr.save()
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        rounded(cr, cx - w * grow / 2, cy - h * grow / 2, w * grow, h * grow, radius)
        if light.glow:
            glow_stroke(cr, th.highlight, light.glow, th.line(0.8))
        cr.clip()
        sw, sh = self.surface.get_width(), self.surface.get_height()
        k = w * grow * zoom / sw
        cr.translate(cx, cy)
        cr.scale(k, k)
        cr.set_source_surface(self.surface, -sw / 2, -sh / 2)
        cr.get_source().set_filter(1)  # GOOD: sharp enough for a slow zoom; BEST costs ~25 ms a frame
        if a >= 0.999:
            cr.paint()
        else:
            cr.paint_with_alpha(a)
        cr.restore()
        if light.colour:
            rounded(cr, cx - w * grow / 2, cy - h * grow / 2, w * grow, h * grow, radius)
            cr.set_line_width(th.line(0.6))
            source(cr, th.highlight, light.colour)
            cr.stroke()


def _load(label: str, home: Path | None) -> Any:
    import numpy as np

    if not label:
        return None
    p = local_path(label, home) if home is not None else Path(label).expanduser()
    if not p.is_file():
        return None
    try:
        if p.suffix.lower() in VIDEO:  # a video draws as its first frame
            import imageio_ffmpeg

            reader = imageio_ffmpeg.read_frames(str(p))
            meta = next(reader)
            w, h = meta["size"]
            frame = next(reader)
            reader.close()
            return np.frombuffer(frame, np.uint8).reshape(h, w, 3)
        from vidgen.store.media import load_picture

        with load_picture(p, 2400) as img:   # over the pixel limit: never decoded, drawn as not found
            img.thumbnail((2400, 2400))
            return np.asarray(img.convert("RGB"))
    except Exception:  # a broken file draws as "not found" rather than failing the render
        return None


def _surface(rgb: Any, w: int, h: int) -> Any:
    """The picture scaled once (high quality) to the size it is shown at, as a cairo surface."""
    import cairocffi as cairo
    import numpy as np
    from PIL import Image

    img = Image.fromarray(rgb).resize((max(1, w), max(1, h)), Image.Resampling.LANCZOS).convert("RGBA")
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, img.width, img.height)
    stride = surface.get_stride()
    buf = np.frombuffer(surface.get_data(), np.uint8).reshape(img.height, stride // 4, 4)
    arr = np.asarray(img)
    buf[:, :img.width, 0] = arr[..., 2]
    buf[:, :img.width, 1] = arr[..., 1]
    buf[:, :img.width, 2] = arr[..., 0]
    surface.mark_dirty()
    return surface
