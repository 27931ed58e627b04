"""text: a headline or callout in big type, centred; each item a line, key words in the accent colour."""

from __future__ import annotations

from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.demand import lines
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.kinds.lines import Line, check_transform, paint_line, paint_morphs, rich_lines, rising_lines, word_fits
from vidgen.draw.paint import Rect
from vidgen.draw.theme import Theme
from vidgen.visual.kinds import register
from vidgen.visual.spec import Element, Step, Target, Visual


@register
class TextKind(Drawer):
    """Big type, centred; each item a line (wrapped), key words in the accent colour."""

    name = "text"
    order = 10
    prompt = "a line of a headline"
    actions = ("transform",)
    aliases = ("title", "headline", "callout", "label")
    example = {"id": "T", "kind": "text", "items": [{"label": "Multiply the *lengths*, add the *angles*"},
                                                    {"label": "and every rotation is one multiplication"}]}

    @classmethod
    def check_step(cls, visual: Visual, step: Step, target: Target) -> None:
        check_transform(visual, step, target)

    @classmethod
    def want(cls, el: Element, th: Theme, width: float, cap: float) -> tuple[float, float]:
        n = max(1, len(el.items))
        size = th.size("headline") * (1.3 if n == 1 else 1.15)
        count = sum(lines(it.label, size, width * 0.94, "bold") + (0.7 if it.detail else 0) for it in el.items)
        h = count * size * 1.3 + (n - 1) * size * 0.5
        return h + cap, h * 1.7 + cap

    def setup(self) -> None:
        th = self.theme
        width = (self.inner[2] - self.inner[0]) * 0.94
        height = self.inner[3] - self.inner[1]
        size = th.size("headline") * (1.45 if len(self.el.items) <= 1 else 1.2)
        # a number or a mark on its own ("4", "#3", "42%") is the picture: set it like a hero figure
        self.scales = [2.2 if 0 < len(glyphs.clean(it.label).strip()) <= 4 and len(self.el.items) > 0 else 1.0
                       for it in self.el.items]
        while True:
            self.blocks = [rich_lines(it.label, size * k, width, "bold") for it, k in zip(self.el.items, self.scales,
                                                                                           strict=True)]
            self.details = [glyphs.text(it.detail, size * 0.55) if it.detail else None for it in self.el.items]
            self.lead = size * 0.5
            total = self._height(size)
            whole = all(word_fits(it.label, size * k, width, "bold") for it, k in zip(self.el.items, self.scales,
                                                                                       strict=True))
            if (total <= height * 0.9 and whole) or size < th.size("small") * 0.7:
                break
            size *= 0.92
        self.size = size
        total = self._height(size)
        widest = max([ln.width for b in self.blocks for ln in b] + [d.width for d in self.details if d] + [1])
        x0, y = self.centre_block(widest, total)
        self.slots: list[tuple[float, list[float], float | None]] = []   # top, baselines, detail baseline
        spans = []
        for block, detail in zip(self.blocks, self.details, strict=False):
            top = y
            baselines = []
            for ln in block:
                baselines.append(y + ln.ascent)
                y += ln.ascent + ln.descent + size * 0.12
            dbase = None
            if detail is not None:
                dbase = y + detail.ascent
                y += detail.height + size * 0.1
            self.slots.append((top, baselines, dbase))
            spans.append((top, y))
            y += self.lead
        self.cx = (self.inner[0] + self.inner[2]) / 2
        self.set_content((self.cx - widest / 2, self.slots[0][0] if self.slots else self.inner[1],
                          self.cx + widest / 2, y - self.lead))
        # a headline's lines keep their places: they are few and large, so the first already sits near the
        # middle, and moving large type costs a redraw of all of it at each new line

    def morph_x(self, line: Line) -> float:
        return self.cx - line.width / 2

    def _height(self, size: float) -> float:
        h = 0.0
        for block, detail in zip(self.blocks, self.details, strict=False):
            h += sum(ln.ascent + ln.descent + size * 0.12 for ln in block)
            h += detail.height + size * 0.1 if detail else 0.0
        return h + self.lead * max(0, len(self.blocks) - 1)

    def item_rect(self, j: int) -> Rect:
        top, baselines, dbase = self.slots[j]
        bottom = (dbase + self.size) if dbase else baselines[-1] + self.blocks[j][-1].descent + self.size * 0.2
        return self.drifted((self.inner[0], top - self.size * 0.5, self.inner[2], bottom + self.size * 0.2), j)

    def paint(self, cr: Any, t: float) -> None:
        th = self.theme
        dy = self.drift(t)
        for j, (_, alpha, colour, light), rise in rising_lines(self, t, 0.4):
            rise += dy
            _, baselines, dbase = self.slots[j]
            for ln, base in zip(self.blocks[j], baselines, strict=False):
                paint_line(cr, ln, self.cx - ln.width / 2, base + rise, colour, th.accent(0), alpha, light.glow,
                           th.highlight)
            d = self.details[j]
            if d is not None and dbase is not None:
                glyphs.paint(cr, d, self.cx - d.width / 2, dbase + rise, th.muted, alpha)
        paint_morphs(self, cr, t)

