"""Burned-in captions: each sentence split into cues of at most two lines that fit the frame.

A cue's time is its share (by characters) of its sentence's real spoken duration.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from vidgen.draw.fonts import font
from vidgen.draw.slides import wrap
from vidgen.draw.theme import Theme
from vidgen.draw.yuv import Overlay
from vidgen.script.sentences import without_emphasis


@dataclass
class Cue:
    start: float
    end: float
    lines: list[str]


def make_cues(sentences, offset: float, theme: Theme) -> list[Cue]:
    """`sentences`: objects with .text, .start, .duration (seconds from `offset`)."""
    fnt = font(theme.size("caption"), "bold")
    width = int(theme.width * (0.84 if theme.portrait else 0.78))
    cues: list[Cue] = []
    for s in sentences:
        lines = wrap(without_emphasis(s.text), fnt, width)
        chunks = [lines[i:i + 2] for i in range(0, len(lines), 2)]
        total = sum(len(" ".join(c)) for c in chunks) or 1
        t = offset + s.start
        for chunk in chunks:
            share = s.duration * len(" ".join(chunk)) / total
            cues.append(Cue(round(t, 3), round(t + share, 3), chunk))
            t += share
    return cues


def caption_overlay(cue: Cue, theme: Theme) -> Overlay:
    fnt = font(theme.size("caption"), "bold")
    pad_x, pad_y = int(theme.unit * 2.2), int(theme.unit * 1.2)
    line_h = int(fnt.size * 1.25)
    text_w = int(max(fnt.getlength(line) for line in cue.lines))
    w = min(theme.width, text_w + 2 * pad_x)
    h = line_h * len(cue.lines) + 2 * pad_y
    img = Image.new("RGBA", (w + w % 2, h + h % 2), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((0, 0, w - 1, h - 1), radius=int(theme.unit * 1.6), fill=(8, 10, 16, 178))
    for i, line in enumerate(cue.lines):
        d.text((w / 2, pad_y + i * line_h + line_h / 2), line, font=fnt, fill=(255, 255, 255, 255), anchor="mm")
    x = (theme.width - w) // 2
    band = theme.height - theme.caption_top
    y = theme.caption_top + max(0, (band - h) // 2 - int(band * (0.18 if theme.portrait else 0.05)))
    y = min(y, theme.height - h - 2)
    return Overlay(np.asarray(img), x, y)
