"""equation: typeset lines of math, rewritten step by step."""

from __future__ import annotations

from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.demand import tall
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.kinds.lines import (
    Line,
    check_transform,
    line_presence,
    one_line,
    paint_line,
    paint_morphs,
    rising_lines,
)
from vidgen.draw.paint import Rect, badge, rounded, source
from vidgen.draw.schedule import Event
from vidgen.draw.theme import Theme, mix
from vidgen.visual.kinds import register
from vidgen.visual.spec import Element, Step, Target, Visual


def _as_math(label: str) -> list[str]:
    """A line of math written without its dollars, read as a formula first (its words keep their spaces, r/n is
    r over n, SYN-ACK is no subtraction), then as the TeX it may already be."""
    from vidgen.visual.formula import FormulaError, to_mathtext

    try:
        return [f"${to_mathtext(label)}$", f"${label}$"]
    except FormulaError:
        return [f"${label}$"]


@register
class EquationKind(Drawer):
    """Typeset lines of math, left-aligned in a centred column; highlight = accent box around a line."""

    name = "equation"
    order = 40
    noun = "equations"
    prompt = ('one line of math as "$...$" (mathtext: \\frac, \\sqrt, ^, _, Greek letters; no \\begin, '
              'no pmatrix)')
    hints = {"label": "math, e.g. $a^2 + b^2 = c^2$"}
    actions = ("transform",)
    aliases = ("equations", "math", "formula", "formulas", "latex")
    show_seconds = 0.7
    example = {"id": "E", "kind": "equation", "items": [{"label": "$x + 5 = 10$"}, {"label": "$x = 5$",
                                                                                   "detail": "take 5 from both sides"}]}

    @classmethod
    def check_step(cls, visual: Visual, step: Step, target: Target) -> None:
        check_transform(visual, step, target)

    @classmethod
    def repair_label(cls, fix: Any, item: dict[str, Any], label: str, where: str,
                     given: dict[str, Any]) -> str | None:
        if "$" not in label and label:   # a line of math written without its dollars
            from vidgen.visual.tex import check_math

            for tex in _as_math(label):
                try:
                    check_math(tex)
                    return tex
                except ValueError:
                    pass
        return label

    @classmethod
    def want(cls, el: Element, th: Theme, width: float, cap: float) -> tuple[float, float]:
        n = max(1, len(el.items))
        size = th.size("math") * (1.9 if n <= 3 else 1.5)   # the working is the picture: it gets the room
        h = sum(size * tall(it.label) + (size * 0.75 if it.detail else 0) for it in el.items) + (n - 1) * size * 0.6
        return h + cap, h * 1.7 + cap

    @classmethod
    def wide(cls, el: Element, th: Theme) -> float:
        n = max(1, len(el.items))
        size = th.size("math") * (1.9 if n <= 3 else 1.5)
        return max((glyphs.text(it.label, size).width for it in el.items), default=0.0)

    def setup(self) -> None:
        th = self.theme
        width = (self.inner[2] - self.inner[0]) * 0.9
        height = self.inner[3] - self.inner[1]
        n = max(1, len(self.el.items))
        # as large as the box allows: a lone equation is the picture, a long derivation packs tighter
        size = min(th.size("math") * {1: 3.0, 2: 2.5, 3: 2.1}.get(n, 1.75), th.short * 0.15,
                   self.ctx.limits.get("equation", 1e9))
        while True:
            self.blocks = [[one_line(it.label, size)] for it in self.el.items]
            dsize = max(th.min_text, min(th.size("label") * 1.15, size * 0.5))
            self.details = [glyphs.text(it.detail, dsize) if it.detail else None for it in self.el.items]
            widest = max([b[0].width for b in self.blocks] + [d.width for d in self.details if d] + [1])
            self.box_pad = size * 0.26
            self.size = size
            fits = widest + 2 * self.box_pad <= width and self._height(size * 0.75) <= height
            if fits or size <= th.min_text:
                break
            size = max(th.min_text, size * 0.93)
        self.gap = max(size * 0.5, min(size * 1.1, (height - self._height(0)) / max(1, len(self.blocks) - 1)))
        total = self._height(self.gap)
        widest = max([b[0].width for b in self.blocks] + [d.width for d in self.details if d] + [1])
        # a derivation on its own gets numbered steps (as the design frame), if the width allows
        self.badge_r = max(size * 0.34, th.min_text / 1.1)
        step = self.badge_r * 2 + size * 0.6
        self.badges = len(self.ctx.visual.elements) == 1 and len(self.blocks) >= 3 and \
            widest + step + 2 * self.box_pad <= width
        # columns of working side by side start on one line (the scene sets the tallest column's height)
        shared = self.ctx.limits.get("equation_block")
        self.block_h = total
        x0, y = self.centre_block(widest + (step if self.badges else 0), max(total, shared or 0.0))
        self.x0 = x0 + (step if self.badges else 0)
        self.slots: list[tuple[float, list[float], float | None]] = []
        spans = []
        for block, detail in zip(self.blocks, self.details, strict=False):
            ln = block[0]
            top = y
            base = y + self.box_pad + ln.ascent
            y = base + ln.descent + self.box_pad
            dbase = None
            if detail is not None:
                # below the highlight box with room to breathe (the design's sub-label crowded it)
                dbase = y + size * 0.22 + detail.ascent
                y = dbase + detail.descent
            self.slots.append((top, [base], dbase))
            spans.append((top, y))
            y += self.gap
        self.set_content((self.x0 - self.box_pad - (step if self.badges else 0), self.slots[0][0] if self.slots else y,
                          self.x0 + widest + self.box_pad, y - self.gap))
        if shared is None:   # aligned columns hold still: each re-centring on its own would undo the alignment
            self.settle(spans)

    def presence(self, j: int, t: float) -> float:
        return line_presence(self, j, t)

    def _height(self, gap: float) -> float:
        h = 0.0
        for block, detail in zip(self.blocks, self.details, strict=False):
            ln = block[0]
            h += ln.ascent + ln.descent + 2 * self.box_pad
            if detail is not None:
                h += self.size * 0.22 + detail.height
        return h + gap * max(0, len(self.blocks) - 1)

    def morph_x(self, line: Line) -> float:
        return self.x0

    def item_rect(self, j: int) -> Rect:
        top, baselines, dbase = self.slots[j]
        ln = self.blocks[j][0]
        detail = self.details[j]
        bottom = (dbase + detail.descent) if dbase is not None and detail is not None else \
            baselines[0] + ln.descent + self.box_pad
        return self.drifted((self.box[0], top - self.box_pad, self.box[2], bottom + self.box_pad), j)

    def dirty(self, e: Event) -> list[Rect]:
        if e.action == "transform" and e.item is not None and not self.drifting:
            dest = min(len(self.blocks) - 1, e.item + int(e.value or 1))
            a, b = self.item_rect(e.item), self.item_rect(dest)
            return [(self.box[0], min(a[1], b[1]), self.box[2], max(a[3], b[3]))]
        return super().dirty(e)

    def paint(self, cr: Any, t: float) -> None:
        th = self.theme
        dy = self.drift(t)
        for j, (_, alpha, colour, light), rise in rising_lines(self, t, 0.35):
            rise += dy
            ln = self.blocks[j][0]
            base = self.slots[j][1][0] + rise
            if light.colour > 0 and alpha > 0:
                bw = ln.width + 2 * self.box_pad
                rounded(cr, self.x0 - self.box_pad, base - ln.ascent - self.box_pad, bw,
                        ln.ascent + ln.descent + 2 * self.box_pad, self.size * 0.22)
                source(cr, th.highlight, 0.10 * light.colour * alpha)
                cr.fill_preserve()
                if light.glow:
                    from vidgen.draw.paint import glow_stroke

                    glow_stroke(cr, th.highlight, light.glow * alpha, th.line(0.6))
                cr.set_line_width(th.line(0.55))
                source(cr, th.highlight, light.colour * alpha)
                cr.stroke()
            paint_line(cr, ln, self.x0, base, colour, colour, alpha, light.glow * 0.5, th.highlight)
            if self.badges:
                cy = base - ln.ascent + (ln.ascent + ln.descent) / 2
                badge(cr, self.x0 - self.box_pad - self.badge_r * 2.2, cy, self.badge_r, self.accent(j), str(j + 1),
                      th.bg_top, alpha)
            d, dbase = self.details[j], self.slots[j][2]
            if d is not None and dbase is not None:
                glyphs.paint(cr, d, self.x0, dbase + rise, mix(th.muted, th.highlight, light.colour * 0.6), alpha)
        paint_morphs(self, cr, t)

