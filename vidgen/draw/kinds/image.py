"""image: a local picture or a video's first frame, fitted, slowly zooming."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.paint import glow_stroke, rounded, source
from vidgen.draw.schedule import ease, ease_out
from vidgen.store.media import VIDEO, local_path
from vidgen.visual.kinds import register


@register
class ImageKind(Drawer):
    """A local picture (or a video's first frame), fitted into the box, zooming slowly all scene long."""

    name = "image"
    order = 130
    noun = "picture"
    prompt = ""   # a writer cannot know the files here: the prompt leaves it out
    hints = {"label": "a picture under the server’s folder"}
    graphic = names_files = True
    show_seconds = 0.9
    staggered = False
    aliases = ("picture", "photo", "video", "media")
    example = {"id": "I", "kind": "image", "caption": "a picture", "items": [{"label": "picture.png"}]}

    ZOOM = 0.06

    def setup(self) -> None:
        th = self.theme
        label = self.el.items[0].label.strip() if self.el.items else ""
        self.file_name = Path(label).name or "(no file)"
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
            self.missing = glyphs.fit(f"image not found: {self.file_name}", th.size("label"), w * 0.9, max_lines=2)
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
