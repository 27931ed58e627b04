"""The look of scene visuals: colours, type scale and the safe area, derived from the frame size.

Sizes scale with the frame's *short* side (a 9:16 frame is as wide as a 16:9 one is tall), and
text is larger in portrait because a phone shows a 9:16 video at about a third of a monitor's
width. The caption band's top comes from the captions' own theme so picture and captions agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

RGB = tuple[float, float, float]


def rgb(hex_colour: str) -> RGB:
    h = hex_colour.lstrip("#")
    return (int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255)


def mix(a: RGB, b: RGB, f: float) -> RGB:
    """a -> b by f in [0, 1]."""
    return (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f)


# one colour per item: blue, amber, pink, green, violet, orange, teal, red (as the design frames)
DARK_ACCENTS = ["#38bdf8", "#fbbf24", "#f472b6", "#4ade80", "#a78bfa", "#fb923c", "#2dd4bf", "#f87171"]
LIGHT_ACCENTS = ["#0284c7", "#d97706", "#db2777", "#16a34a", "#7c3aed", "#ea580c", "#0d9488", "#dc2626"]

# type scale as fractions of the short side (landscape); portrait multiplies by PORTRAIT_TYPE
TYPE = {"hero": 0.085, "title": 0.056, "headline": 0.066, "body": 0.046, "math": 0.052, "label": 0.034,
        "small": 0.028, "code": 0.036}
PORTRAIT_TYPE = 1.22


@dataclass(frozen=True)
class VisualTheme:
    width: int
    height: int
    dark: bool
    caption_top: int
    bg_top: RGB
    bg_bottom: RGB
    text: RGB
    muted: RGB
    faint: RGB           # grid lines
    axis: RGB
    panel: RGB           # fill of panels (code block, equation card)
    accents: list[RGB] = field(default_factory=list)

    @classmethod
    def for_script(cls, title: str, width: int, height: int, dark: bool | None = None) -> VisualTheme:
        from vidgen.draw.theme import Theme

        caption_top = Theme.for_script(title, width, height).caption_top
        if dark is None or dark:
            return cls(width, height, True, caption_top, rgb("#0f172a"), rgb("#1e293b"), rgb("#f1f5f9"),
                       rgb("#94a3b8"), rgb("#2a3a52"), rgb("#8fa3bf"), rgb("#0b1222"),
                       [rgb(c) for c in DARK_ACCENTS])
        return cls(width, height, False, caption_top, rgb("#f8fafc"), rgb("#e2e8f0"), rgb("#0f172a"),
                   rgb("#475569"), rgb("#cbd5e1"), rgb("#64748b"), rgb("#ffffff"),
                   [rgb(c) for c in LIGHT_ACCENTS])

    # -- geometry -------------------------------------------------------------------------
    @property
    def short(self) -> int:
        return min(self.width, self.height)

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
    def margin_x(self) -> int:
        return int(self.width * (0.06 if self.portrait else 0.05))

    @property
    def margin_top(self) -> int:
        return int(self.height * (0.06 if self.portrait else 0.065))

    @property
    def safe_bottom(self) -> int:
        """Nothing of the picture goes below this line: the caption band starts under it."""
        return self.caption_top - int(self.short * 0.02)

    @property
    def gap(self) -> float:
        return self.short * 0.035

    def size(self, step: str) -> float:
        return self.short * TYPE[step] * (PORTRAIT_TYPE if self.portrait else 1.0)

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
