"""Burned-in captions: each sentence split into cues of at most two lines that fit the frame.

A cue starts when the voice says its first word (the sentence's timed words, `Spoken.words`) and
lasts until the next cue; a sentence without timed words gives each cue its share (by characters)
of the sentence's spoken duration. Each cue keeps the times of its words (`marks`, for the `.vtt`'s
word timestamps) and the timed words themselves (`words`, for captions that follow the voice).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from PIL import Image, ImageDraw

from vidgen.draw.fonts import font
from vidgen.draw.slides import wrap
from vidgen.draw.theme import Theme
from vidgen.draw.yuv import Overlay
from vidgen.script.sentences import without_emphasis
from vidgen.script.words import Word


@dataclass
class Cue:
    start: float
    end: float
    lines: list[str]
    # per word of " ".join(lines).split(): when the voice starts saying it (None: within the word before,
    # as the "pm" of "3:30 pm", which is said as one with it)
    marks: list[float | None] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)   # the timed words that start in this cue

    def shifted(self, seconds: float) -> Cue:
        return replace(self, start=round(self.start + seconds, 3), end=round(self.end + seconds, 3),
                       marks=[None if m is None else round(m + seconds, 3) for m in self.marks],
                       words=[w.shifted(seconds) for w in self.words])


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


def make_cues(sentences, offset: float, theme: Theme) -> list[Cue]:
    """`sentences`: objects with .text, .start, .duration (seconds from `offset`) and, when the voice
    timed them, .words."""
    fnt = font(theme.card_size("caption"), "bold")
    width = int(theme.width * (0.84 if theme.portrait else 0.78))
    cues: list[Cue] = []
    for s in sentences:
        lines = wrap(without_emphasis(s.text), fnt, width)
        chunks = [lines[i:i + 2] for i in range(0, len(lines), 2)]
        timed = word_times(getattr(s, "words", None) or [])
        if len(timed) == sum(len(line.split()) for line in lines) and timed:
            cues.extend(_timed_cues(chunks, timed, offset + s.start, offset + s.start + s.duration))
            continue
        total = sum(len(" ".join(c)) for c in chunks) or 1
        t = offset + s.start
        for chunk in chunks:
            share = s.duration * len(" ".join(chunk)) / total
            cues.append(Cue(round(t, 3), round(t + share, 3), chunk))
            t += share
    return cues


def _timed_cues(chunks: list[list[str]], timed: list[tuple[float, Word, bool]], start: float,
                end: float) -> list[Cue]:
    """The sentence's cues, each from its first word's start (the first from the sentence's) to the next."""
    made: list[tuple[float, list[str], list[tuple[float, Word, bool]]]] = []
    at = 0
    for chunk in chunks:
        n = sum(len(line.split()) for line in chunk)
        mine = timed[at:at + n]
        begin = start if not made else min(end, max(made[-1][0], start + mine[0][0]))
        made.append((begin, chunk, mine))
        at += n
    cues = []
    for k, (begin, chunk, mine) in enumerate(made):
        finish = made[k + 1][0] if k + 1 < len(made) else end
        marks = [start + t if first else None for t, _, first in mine]
        words = [w.shifted(start) for _, w, first in mine if first]
        cues.append(Cue(begin, finish, chunk, marks, words))   # rounded once placed on the timeline (shifted)
    return cues


def caption_overlay(cue: Cue, theme: Theme) -> Overlay:
    fnt = font(theme.card_size("caption"), "bold")
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
