"""Burned-in captions, drawn: a cue's lines on a dark panel in the caption band (`caption_overlay`), and
for karaoke the same panel once more with each word in turn on a box of the theme's accent colour
(`KaraokeOverlays`). Where the text is cut into cues and when each shows: `vidgen.draw.cues`.

A cue keeps the times of its words: `marks` (the `.vtt`'s word timestamps), the timed words themselves
(`words`) and, per written word, when the voice says it (`times`, what karaoke highlights).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from vidgen.draw.fonts import font
from vidgen.draw.theme import Theme
from vidgen.draw.yuv import Overlay, Planes
from vidgen.script.words import Word

PANEL = (8, 10, 16, 178)
INK = (255, 255, 255, 255)


@dataclass
class Cue:
    start: float
    end: float
    lines: list[str]
    # per word of " ".join(lines).split(): when the voice starts saying it (None: within the word before,
    # as the "pm" of "3:30 pm", which is said as one with it)
    marks: list[float | None] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)   # the timed words that start in this cue
    # per word of " ".join(lines).split(): from when to when it is being said (karaoke's highlight)
    times: list[tuple[float, float]] = field(default_factory=list)

    def shifted(self, seconds: float) -> Cue:
        return replace(self, start=round(self.start + seconds, 3), end=round(self.end + seconds, 3),
                       marks=[None if m is None else round(m + seconds, 3) for m in self.marks],
                       words=[w.shifted(seconds) for w in self.words],
                       times=[(a + seconds, b + seconds) for a, b in self.times])

    def said_at(self, t: float) -> int | None:
        """The word being said at `t` (its index in the cue's words), or None between words."""
        for k, (a, b) in enumerate(self.times):
            if a <= t < b:
                return k
        return None


def word_times(words: list[Word]) -> list[tuple[float, Word, bool]]:
    """Each written word's start, the timed word it is part of, and whether it begins that timed word
    (within a timed word of several written ones, each starts at its share by characters)."""
    out: list[tuple[float, Word, bool]] = []
    for w in words:
        parts = w.word.split()
        total = sum(len(p) + 1 for p in parts) or 1
        done = 0
        for k, part in enumerate(parts):
            out.append((w.start + (w.end - w.start) * done / total, w, k == 0))
            done += len(part) + 1
    return out


def _panel(cue: Cue, theme: Theme, size: int) -> tuple[Image.Image, ImageDraw.ImageDraw, Any, int, int, int]:
    """The cue's dark panel, sized to its lines: (image, its drawing, font, line height, top padding, x)."""
    fnt = font(size, "bold")
    pad_x, pad_y = int(theme.unit * 2.2), int(theme.unit * 1.2)
    line_h = int(fnt.size * 1.25)
    text_w = int(max(fnt.getlength(line) for line in cue.lines))
    w = min(theme.width, text_w + 2 * pad_x)
    h = line_h * len(cue.lines) + 2 * pad_y
    img = Image.new("RGBA", (w + w % 2, h + h % 2), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((0, 0, w - 1, h - 1), radius=int(theme.unit * 1.6), fill=PANEL)
    return img, d, fnt, line_h, pad_y, w


def _placed(img: Image.Image, theme: Theme) -> tuple[int, int]:
    """Where a panel goes: centred, in the upper part of the caption band."""
    w, h = img.size
    x = (theme.width - w) // 2
    band = theme.height - theme.caption_top
    y = theme.caption_top + max(0, (band - h) // 2 - int(band * (0.18 if theme.portrait else 0.05)))
    return x, min(y, theme.height - h - 2)


def caption_overlay(cue: Cue, theme: Theme, size: int | None = None) -> Overlay:
    img, d, fnt, line_h, pad_y, w = _panel(cue, theme, size or theme.card_size("caption"))
    for i, line in enumerate(cue.lines):
        d.text((w / 2, pad_y + i * line_h + line_h / 2), line, font=fnt, fill=INK, anchor="mm")
    return Overlay(np.asarray(img), *_placed(img, theme))


class KaraokeOverlays:
    """One cue's panel with each of its words highlighted in turn, drawn once per cue.

    The panel is drawn twice, plain and with every word on its accent box, and only the plain one is made
    an overlay; word k's box of the other becomes a small overlay of its own when first lit. A frame is
    the plain overlay with the pixels under word k's box put back and its lit box blended there: a word
    change converts one word's box, and a frame costs the plain panel's blend and a box's."""

    def __init__(self, cue: Cue, theme: Theme, size: int):
        plain, d, fnt, line_h, pad_y, w = _panel(cue, theme, size)
        lit = plain.copy()
        dl = ImageDraw.Draw(lit)
        accent = tuple(int(c * 255) for c in theme.highlight)
        dark = (16, 18, 26, 255) if sum(accent) > 380 else INK
        pad = max(2, int(fnt.size * 0.09))   # less than half a space: boxes never touch
        self.boxes: list[tuple[int, int, int, int]] = []   # each word's box, in the panel (even edges)
        space = fnt.getlength(" ")
        for i, line in enumerate(cue.lines):
            words = line.split()
            left = w / 2 - fnt.getlength(line) / 2
            mid = pad_y + i * line_h + line_h / 2
            d.text((w / 2, mid), line, font=fnt, fill=INK, anchor="mm")
            for k, word in enumerate(words):
                x0 = left + (fnt.getlength(" ".join(words[:k])) + space if k else 0)
                x1 = x0 + fnt.getlength(word)
                box = (int(x0 - pad), int(mid - line_h * 0.46), int(math.ceil(x1 + pad)), int(mid + line_h * 0.46))
                dl.rounded_rectangle(box, radius=max(2, int(fnt.size * 0.18)), fill=(*accent, 255))
                dl.text((x0, mid), word, font=fnt, fill=dark, anchor="lm")
                self.boxes.append((max(0, box[0]) & ~1, max(0, box[1]) & ~1, min(w - w % 2, (box[2] + 2) & ~1),
                                   min(plain.height, (box[3] + 2) & ~1)))
        x, y = _placed(plain, theme)
        self.plain = Overlay(np.asarray(plain), x, y)
        self.x, self.y = self.plain.x, self.plain.y   # even
        self.lit = np.asarray(lit)
        self._boxes: dict[int, Overlay] = {}

    def blend(self, out: Planes, k: int | None) -> None:
        """The panel onto `out` with word k highlighted (None: none is)."""
        if k is None or not 0 <= k < len(self.boxes):
            self.plain.blend(out)
            return
        x0, y0, x1, y1 = self.boxes[k]
        if k not in self._boxes:
            self._boxes[k] = Overlay(self.lit[y0:y1, x0:x1], self.x + x0, self.y + y0)
        X0, Y0, X1, Y1 = self.x + x0, self.y + y0, self.x + x1, self.y + y1
        under = (out.y[Y0:Y1, X0:X1].copy(), out.u[Y0 // 2:Y1 // 2, X0 // 2:X1 // 2].copy(),
                 out.v[Y0 // 2:Y1 // 2, X0 // 2:X1 // 2].copy())
        self.plain.blend(out)
        out.y[Y0:Y1, X0:X1], out.u[Y0 // 2:Y1 // 2, X0 // 2:X1 // 2], out.v[Y0 // 2:Y1 // 2, X0 // 2:X1 // 2] = under
        self._boxes[k].blend(out)
