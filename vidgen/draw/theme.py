"""The one theme of everything drawn: the frame's geometry (safe area, caption band, motion margin), the
type scale, and the colours, made once per render from the frame size and the script's title.

Sizes scale with the frame's *short* side (a 9:16 frame is as wide as a 16:9 one is tall), and a
picture's text is larger in portrait because a phone shows a 9:16 video at about a third of a
monitor's width. Scene pictures (`vidgen.draw.scene`) use the picture colours below; the designed
card around a user's photo or video (`vidgen.draw.slides`) and the captions use `card`, a palette
picked from the script's title, and the card steps of the type scale. The caption band is defined
here once, so a picture, a card and the captions never disagree about where it starts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import NamedTuple

RGB = tuple[float, float, float]   # 0..1, as cairo takes it


def rgb(hex_colour: str) -> RGB:
    h = hex_colour.lstrip("#")
    return (int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255)


def mix(a: RGB, b: RGB, f: float) -> RGB:
    """a -> b by f in [0, 1]."""
    return (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f)


class Palette(NamedTuple):
    """A designed card's colours, 0..255 as Pillow takes them."""

    bg_top: tuple[int, int, int]
    bg_bottom: tuple[int, int, int]
    accent: tuple[int, int, int]
    text: tuple[int, int, int]
    muted: tuple[int, int, int]
    panel: tuple[int, int, int]


# the designed cards' palettes; a script's title picks one, so its cards look alike and another's differ
PALETTES = [
    Palette((16, 24, 48), (30, 52, 96), (255, 183, 77), (245, 247, 250), (170, 184, 210), (255, 255, 255)),
    Palette((18, 32, 30), (22, 70, 62), (120, 230, 190), (240, 250, 246), (160, 200, 190), (255, 255, 255)),
    Palette((40, 18, 48), (84, 36, 92), (255, 128, 171), (250, 244, 250), (210, 180, 215), (255, 255, 255)),
    Palette((250, 246, 238), (236, 226, 210), (214, 84, 52), (34, 34, 40), (100, 96, 104), (0, 0, 0)),
    Palette((12, 12, 16), (38, 40, 52), (110, 180, 255), (244, 246, 250), (160, 168, 186), (255, 255, 255)),
]

# a picture's colours: one per item (blue, amber, pink, green, violet, orange, teal, red), as the design frames
DARK_ACCENTS = ["#38bdf8", "#fbbf24", "#f472b6", "#4ade80", "#a78bfa", "#fb923c", "#2dd4bf", "#f87171"]
LIGHT_ACCENTS = ["#0284c7", "#d97706", "#db2777", "#16a34a", "#7c3aed", "#ea580c", "#0d9488", "#dc2626"]

# the type scale. Pictures: fractions of the short side, times PORTRAIT_TYPE on 9:16 (in fractional pixels,
# as cairo draws). Cards and captions: hundredths of the short side in whole pixels (Pillow's fonts), at
# least 10, headlines a little smaller on 9:16.
TYPE = {"hero": 0.085, "title": 0.056, "headline": 0.066, "body": 0.046, "math": 0.052, "label": 0.034,
        "small": 0.028, "code": 0.036}
PORTRAIT_TYPE = 1.22
CARD_TYPE = {"label": 2.7, "caption": 4.6, "body": 4.4, "headline": 7.2, "hero": 10.5, "number": 22}


@dataclass(frozen=True)
class Theme:
    width: int
    height: int
    dark: bool
    bg_top: RGB
    bg_bottom: RGB
    text: RGB
    muted: RGB
    faint: RGB           # grid lines
    axis: RGB
    panel: RGB           # fill of panels (code block, equation card)
    accents: tuple[RGB, ...] = ()
    card: Palette = PALETTES[0]

    @classmethod
    def for_script(cls, title: str, width: int, height: int, dark: bool | None = None) -> Theme:
        card = PALETTES[int(hashlib.sha1(title.encode()).hexdigest(), 16) % len(PALETTES)]
        if dark is None or dark:
            return cls(width, height, True, rgb("#0f172a"), rgb("#1e293b"), rgb("#f1f5f9"), rgb("#94a3b8"),
                       rgb("#2a3a52"), rgb("#8fa3bf"), rgb("#0b1222"), tuple(rgb(c) for c in DARK_ACCENTS), card)
        return cls(width, height, False, rgb("#f8fafc"), rgb("#e2e8f0"), rgb("#0f172a"), rgb("#475569"),
                   rgb("#cbd5e1"), rgb("#64748b"), rgb("#ffffff"), tuple(rgb(c) for c in LIGHT_ACCENTS), card)

    # -- geometry -------------------------------------------------------------------------
    @property
    def short(self) -> int:
        return min(self.width, self.height)

    @property
    def unit(self) -> float:
        """A hundredth of the short side (the cards' and captions' measure)."""
        return min(self.width, self.height) / 100

    @property
    def portrait(self) -> bool:
        return self.height > self.width * 1.2

    @property
    def square(self) -> bool:
        return not self.portrait and self.width < self.height * 1.2

    @property
    def stacked(self) -> bool:
        """Portrait and square frames stack elements vertically."""
        return self.portrait or self.square

    @property
    def caption_top(self) -> int:
        """Captions live below this line; pictures and cards stay above it."""
        return int(self.height * (0.70 if self.portrait else 0.79))

    @property
    def safe_bottom(self) -> int:
        """Nothing of a picture goes below this line: the caption band starts under it."""
        return self.caption_top - int(self.short * 0.02)

    @property
    def margin_x(self) -> int:
        return int(self.width * (0.06 if self.portrait else 0.05))

    @property
    def margin_top(self) -> int:
        return int(self.height * (0.06 if self.portrait else 0.065))

    @property
    def card_margin_x(self) -> int:
        """A designed card's margins: wider than a picture's, its text is set larger."""
        return int(self.width * (0.08 if self.portrait else 0.07))

    @property
    def card_margin_top(self) -> int:
        return int(self.height * (0.11 if self.portrait else 0.09))

    @property
    def pan(self) -> int:
        """Extra pixels on each side of a card for gentle motion (even)."""
        return int(self.width * 0.025) // 2 * 2 + 2

    @property
    def gap(self) -> float:
        return self.short * 0.035

    def size(self, step: str) -> float:
        """A picture's type size in pixels (TYPE)."""
        return self.short * TYPE[step] * (PORTRAIT_TYPE if self.portrait else 1.0)

    @property
    def readable(self) -> float:
        """The smallest type a viewer reads on a phone: 1/45 of the short side (what `vidgen check` asks)."""
        return self.short / 45

    @property
    def min_text(self) -> float:
        """`readable`, with a hair to spare so a size rounded for display never lands under it."""
        return self.readable * 1.02

    def card_size(self, step: str) -> int:
        """A card's or the captions' type size in whole pixels (CARD_TYPE)."""
        scale = CARD_TYPE[step]
        if self.portrait and step in ("headline", "hero"):
            scale *= 0.9
        return max(10, int(self.unit * scale))

    def line(self, weight: float = 1.0) -> float:
        """A stroke width: 1.0 = the standard line of an arrow or a curve."""
        return max(1.2, self.short * 0.0045 * weight)

    # -- colour ---------------------------------------------------------------------------
    def accent(self, i: int) -> RGB:
        return self.accents[i % len(self.accents)]

    @property
    def highlight(self) -> RGB:
        """The accent of highlighted lines of text (amber, as in the design)."""
        return self.accents[1]

    def background_at(self, y: float) -> RGB:
        return mix(self.bg_top, self.bg_bottom, min(1.0, max(0.0, y / self.height)))

    def tint(self, colour: RGB, amount: float = 0.18) -> RGB:
        """A box fill: the colour mixed into the background."""
        return mix(self.background_at(self.height * 0.5), colour, amount)
