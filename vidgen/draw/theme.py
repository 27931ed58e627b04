"""A coherent look: palette, type scale and safe margins, derived from the frame size."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

# (background top, background bottom, accent, text, muted text, panel)
PALETTES = [
    ((16, 24, 48), (30, 52, 96), (255, 183, 77), (245, 247, 250), (170, 184, 210), (255, 255, 255)),
    ((18, 32, 30), (22, 70, 62), (120, 230, 190), (240, 250, 246), (160, 200, 190), (255, 255, 255)),
    ((40, 18, 48), (84, 36, 92), (255, 128, 171), (250, 244, 250), (210, 180, 215), (255, 255, 255)),
    ((250, 246, 238), (236, 226, 210), (214, 84, 52), (34, 34, 40), (100, 96, 104), (0, 0, 0)),
    ((12, 12, 16), (38, 40, 52), (110, 180, 255), (244, 246, 250), (160, 168, 186), (255, 255, 255)),
]


@dataclass(frozen=True)
class Theme:
    width: int
    height: int
    palette: tuple

    @classmethod
    def for_script(cls, title: str, width: int, height: int) -> Theme:
        index = int(hashlib.sha1(title.encode()).hexdigest(), 16) % len(PALETTES)
        return cls(width, height, PALETTES[index])

    @property
    def unit(self) -> float:
        return min(self.width, self.height) / 100

    @property
    def portrait(self) -> bool:
        return self.height > self.width * 1.2

    @property
    def margin_x(self) -> int:
        return int(self.width * (0.08 if self.portrait else 0.07))

    @property
    def margin_top(self) -> int:
        return int(self.height * (0.11 if self.portrait else 0.09))

    @property
    def caption_top(self) -> int:
        """Captions live below this line; slide content stays above it."""
        return int(self.height * (0.70 if self.portrait else 0.79))

    @property
    def pan(self) -> int:
        """Extra pixels on each side of a slide for gentle motion (even)."""
        return int(self.width * 0.025) // 2 * 2 + 2

    def size(self, step: str) -> int:
        scale = {"label": 2.7, "caption": 4.6, "body": 4.4, "headline": 7.2, "hero": 10.5, "number": 22}[step]
        if self.portrait and step in ("headline", "hero"):
            scale *= 0.9
        return max(10, int(self.unit * scale))

    bg_top = property(lambda self: self.palette[0])
    bg_bottom = property(lambda self: self.palette[1])
    accent = property(lambda self: self.palette[2])
    text = property(lambda self: self.palette[3])
    muted = property(lambda self: self.palette[4])
    panel = property(lambda self: self.palette[5])
