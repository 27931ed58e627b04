"""Frame functions: cheap per frame by design.

Everything expensive (drawing, colour conversion, caption pictures) happens once per
slide state or caption cue; a frame is then a crop of a pre-converted picture (the
gentle pan), plus a small caption blend, written straight into the encoder's buffer.
"""

from __future__ import annotations

import math
import queue
import threading
from collections.abc import Hashable
from typing import Any

import numpy as np
from PIL import Image, ImageOps

from vidgen.draw.captions import KaraokeOverlays, caption_overlay
from vidgen.draw.yuv import Overlay, Planes, mix, rgb_to_planes

REVEAL_FADE = 0.3   # seconds a newly revealed key line takes to fade in


def frame_buffer(width: int, height: int) -> tuple[bytearray, Planes]:
    buf = bytearray(width * height * 3 // 2)
    ysize, csize = width * height, width * height // 4
    y = np.frombuffer(buf, np.uint8, ysize).reshape(height, width)
    u = np.frombuffer(buf, np.uint8, csize, ysize).reshape(height // 2, width // 2)
    v = np.frombuffer(buf, np.uint8, csize, ysize + csize).reshape(height // 2, width // 2)
    return buf, Planes(y, u, v)


def crop(p: Planes, x: int, y: int, w: int, h: int) -> Planes:
    return Planes(p.y[y:y + h, x:x + w], p.u[y // 2:(y + h) // 2, x // 2:(x + w) // 2],
                  p.v[y // 2:(y + h) // 2, x // 2:(x + w) // 2])


def copy_into(src: Planes, out: Planes) -> None:
    out.y[...] = src.y
    out.u[...] = src.u
    out.v[...] = src.v


def ease(t: float) -> float:
    return 0.5 - 0.5 * math.cos(math.pi * min(1.0, max(0.0, t)))


class Captioned:
    """A scene's frames with its caption cues blended on top (each cue drawn once).

    `karaoke`: the word being said is highlighted, so a frame's key holds the word too; frames between two
    word changes are one still (sent once), and a word change redraws nothing of the picture under the
    band (its planes are the source's, reused) and only swaps the band's overlay (`KaraokeOverlays`)."""

    def __init__(self, source: Any, cues: list, theme: Any, fps: int, style: str = "line"):
        from vidgen.draw.cues import layout

        self.source, self.cues, self.theme, self.fps, self.style = source, cues, theme, fps, style
        self.size = layout(theme, style).font_size
        self._overlays: dict[int, Overlay | KaraokeOverlays] = {}

    def cue_at(self, t: float) -> int | None:
        for j, cue in enumerate(self.cues):
            if cue.start <= t < cue.end:
                return j
        return None

    def _state(self, i: int) -> tuple[int | None, int | None]:
        """The cue shown in frame i and, for karaoke, its word being said (at the frame's middle: within
        half a frame of the voice)."""
        t = i / self.fps
        j = self.cue_at(t)
        if j is None or self.style != "karaoke":
            return j, None
        return j, self.cues[j].said_at(t + 0.5 / self.fps)

    def cue_overlay(self, t: float) -> Overlay | KaraokeOverlays | None:
        """The cue shown at t, drawn (the last one drawn is kept: cues come in order)."""
        j = self.cue_at(t)
        if j is None:
            return None
        if j not in self._overlays:
            cue = self.cues[j]
            made = KaraokeOverlays(cue, self.theme, self.size) if self.style == "karaoke" else \
                caption_overlay(cue, self.theme, self.size)
            self._overlays = {j: made}
        return self._overlays[j]

    def still(self, i: int) -> Hashable | None:
        below = self.source.still(i)
        return None if below is None else (below, *self._state(i))

    def render(self, i: int, out: Planes) -> None:
        self.source.render(i, out)
        overlay = self.cue_overlay(i / self.fps)
        if isinstance(overlay, KaraokeOverlays):
            overlay.blend(out, self._state(i)[1])
        elif overlay is not None:
            overlay.blend(out)

    def close(self) -> None:
        self.source.close()


class SceneFrames:
    """A designed slide's frames: a gentle pan over pre-converted states, new lines fading in."""

    def __init__(self, art: Any, frames: int, fps: int, theme: Any, motion: int):
        self.art, self.frames, self.fps, self.theme = art, frames, fps, theme
        self._planes: dict[int, Planes] = {}
        self._text: dict[int, Overlay] = {}
        self._video: Any = None  # moviepy's clip, opened on the first frame that needs it
        # drift gently around the centre; a whole margin's travel is too much on a slide
        c, d = theme.pan, int(theme.pan * 0.6)
        paths = [((c - d, c - d // 2), (c + d, c + d // 2)), ((c + d, c + d // 2), (c - d, c)),
                 ((c + d, c - d // 2), (c, c + d // 2)), ((c - d, c + d // 2), (c + d, c - d // 2))]
        self.pan_from, self.pan_to = paths[motion % len(paths)]

    def state_planes(self, k: int) -> Planes:
        if k not in self._planes:
            self._planes[k] = rgb_to_planes(np.asarray(self.art.states[min(k, len(self.art.states) - 1)]))
            self._planes.pop(k - 2, None)  # only the current and previous states stay in memory
        return self._planes[k]

    def state_at(self, t: float) -> int:
        k = 0
        for i, start in enumerate(self.art.reveal_at):
            if t >= start:
                k = i
        return k

    def offset(self, i: int) -> tuple[int, int]:
        f = ease(i / max(1, self.frames - 1))
        x = self.pan_from[0] + (self.pan_to[0] - self.pan_from[0]) * f
        y = self.pan_from[1] + (self.pan_to[1] - self.pan_from[1]) * f
        return int(x) // 2 * 2, int(y) // 2 * 2

    def still(self, i: int) -> Hashable | None:
        t = i / self.fps
        k = self.state_at(t)
        if self.art.video is not None or (k > 0 and t - self.art.reveal_at[k] < REVEAL_FADE):
            return None
        return ("slide", k, self.offset(i))

    def render(self, i: int, out: Planes) -> None:
        t = i / self.fps
        W, H = self.theme.width, self.theme.height
        k = self.state_at(t)
        if self.art.video is not None:
            self._video_frame(t, k, out)
        else:
            x, y = self.offset(i)
            current = crop(self.state_planes(k), x, y, W, H)
            since = t - self.art.reveal_at[k]
            if k > 0 and since < REVEAL_FADE:
                mix(crop(self.state_planes(k - 1), x, y, W, H), current, since / REVEAL_FADE, out)
            else:
                copy_into(current, out)

    def _video_frame(self, t: float, k: int, out: Planes) -> None:
        W, H, p = self.theme.width, self.theme.height, self.theme.pan
        copy_into(crop(self.state_planes(0), p, p, W, H), out)
        bx, by, bw, bh = self.art.video_box
        if self._video is None:
            from moviepy import VideoFileClip

            self._video = VideoFileClip(str(self.art.video), audio=False)
        clip = self._video
        rgb = clip.get_frame(t % max(clip.duration - 1 / max(clip.fps or 25, 1), 0.01))
        pic = ImageOps.fit(Image.fromarray(rgb), (bw - bw % 2, bh - bh % 2), Image.Resampling.BILINEAR)
        planes = rgb_to_planes(np.asarray(pic))
        bx, by = bx - bx % 2, by - by % 2
        copy_into(planes, crop(out, bx, by, planes.size[0], planes.size[1]))
        if k not in self._text:
            self._text = {k: Overlay(np.asarray(self.art.overlays[k]), 0, 0)}
        self._text[k].blend(out)

    def close(self) -> None:
        if self._video is not None:
            self._video.close()
            self._video = None


class FramePump:
    """Hands finished frames to the encoder from a second thread.

    Drawing the next scene takes a moment; with a few frames queued the encoder keeps
    working meanwhile instead of waiting on an empty pipe.
    """

    def __init__(self, write, width: int, height: int, budget: int = 48 << 20):
        self.write = write
        self.free: queue.Queue = queue.Queue()
        self.full: queue.Queue = queue.Queue()
        for _ in range(max(3, min(32, budget // (width * height * 3 // 2)))):
            self.free.put(frame_buffer(width, height))
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="frame-pump", daemon=True)
        self.thread.start()

    def next(self) -> tuple[bytearray, Planes]:
        if self.error:
            raise self.error
        return self.free.get()

    def push(self, item, index: int) -> None:
        """Hand over frame `index` of the stream (a buffer from next())."""
        if self.error:
            raise self.error
        self.full.put((item, index))

    def _run(self) -> None:
        while True:
            got = self.full.get()
            if got is None:
                return
            item, index = got
            try:
                if self.error is None:
                    self.write(item[0], index)
            except BaseException as exc:  # handed to the producer on its next call
                self.error = exc
            finally:
                self.free.put(item)

    def close(self) -> None:
        self.full.put(None)
        self.thread.join()
        if self.error:
            raise self.error

    def close_quietly(self) -> None:
        self.full.put(None)
        self.thread.join(5)
