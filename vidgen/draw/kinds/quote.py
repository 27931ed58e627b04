"""quote: a large pull-quote. Each item is a quotation (`label`) and who said it (`detail`); a big
opening mark in the accent colour, the words in large type, the attribution under them."""

from __future__ import annotations

import re
from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.demand import lines
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.kinds.lines import Line, paint_line, rich_lines, rising_lines
from vidgen.draw.paint import Rect
from vidgen.draw.schedule import ease, ease_out
from vidgen.draw.theme import Theme
from vidgen.visual.kinds import register
from vidgen.visual.spec import Element

_MARKS = "\"'“”‘’„«»"
_AROUND = re.compile(rf"^\s*[{_MARKS}]+\s*|\s*[{_MARKS}]+\s*$")
_SAID_BY = re.compile(r"^(.*\S)\s+(?:—|–|--|-|~)\s*([^—–~]{2,80})$")
MEASURE = 24   # a quotation's lines are at most this many type sizes wide: a long line is hard to follow


def balanced(label: str, size: float, width: float) -> list[Line]:
    """The label's lines at the narrowest width that needs no more of them: a quotation's lines are of
    about one length, never a long line and a last word alone."""
    lines = rich_lines(label, size, width)
    if len(lines) < 2:
        return lines
    lo, hi = width * 0.5, width
    for _ in range(7):
        mid = (lo + hi) / 2
        if len(rich_lines(label, size, mid)) <= len(lines):
            hi = mid
        else:
            lo = mid
    return rich_lines(label, size, hi)


@register
class QuoteKind(Drawer):
    name = "quote"
    order = 15
    prompt = '"label" = the quotation, without quotation marks; "detail" = who said it'
    item_words = "“{label}” — {detail}"
    hints = {"label": "the quotation, without quotation marks", "detail": "who said it"}
    aliases = ("quotation", "citation", "pull_quote", "pullquote", "blockquote")
    example = {"id": "Q", "kind": "quote", "items": [{"label": "Imagination is more important than knowledge.",
                                                      "detail": "Albert Einstein"}]}

    @classmethod
    def repair_label(cls, fix: Any, item: dict[str, Any], label: str, where: str,
                     given: dict[str, Any]) -> str | None:
        return _AROUND.sub("", label)   # the kind draws its own quotation mark

    @classmethod
    def repair_item(cls, fix: Any, item: dict[str, Any], label: str, detail: str | None,
                    where: str) -> tuple[str, str | None] | None:
        said = _SAID_BY.match(label) if not detail else None
        if said and _AROUND.search(said[1]):   # "“…” — Einstein" in one line: the words, then who said them
            label, detail = _AROUND.sub("", said[1]), said[2].strip()
            fix.minor["attributions moved to the detail"] += 1
        return label, detail

    @classmethod
    def want(cls, el: Element, th: Theme, width: float, cap: float) -> tuple[float, float]:
        n = max(1, len(el.items))
        size = th.size("headline") * (1.2 if n == 1 else 0.9)
        above = width - size * 1.6 < size * 14
        text_w = min(width - (0.0 if above else size * 1.6), size * MEASURE)
        count = sum(lines(it.label, size, text_w) + (0.9 if it.detail else 0) for it in el.items)
        h = count * size * 1.3 + n * size * (1.6 if above else 0.6) + (n - 1) * size * 0.8
        return h + cap, h * 1.6 + cap

    def setup(self) -> None:
        th = self.theme
        items = self.el.items
        width, height = self.inner[2] - self.inner[0], self.inner[3] - self.inner[1]
        size = th.size("headline") * (1.4 if len(items) <= 1 else 1.05)
        while True:
            self.mark = glyphs.text("“", size * 2.6, "bold")
            # the words start clear of the mark beside them; in a narrow box the mark hangs above instead
            beside = self.mark.width + size * 0.3
            self.above = width - beside < size * 14
            self.indent = 0.0 if self.above else beside
            self.room = size if self.above else 0.0   # above the first line, for the mark
            text_w = min(width - self.indent, size * MEASURE)
            self.blocks = [balanced(it.label, size, text_w) for it in items]
            self.dashes = [glyphs.text("—", size * 0.6, "bold") if it.detail else None for it in items]
            self.bylines = [glyphs.text(it.detail, max(th.min_text, size * 0.6)) if it.detail else None
                            for it in items]
            self.size, self.lead = size, size * 0.8
            widest = max([ln.width for b in self.blocks for ln in b] + [self._byline_width(j) for j in
                                                                          range(len(items))] + [1.0])
            if (self._height() <= height * 0.9 and widest <= text_w) or size <= th.min_text:
                break
            size = max(th.min_text, size * 0.92)
        x0, y = self.centre_block(self.indent + widest, self._height())
        self.x = x0 + self.indent
        self.slots: list[tuple[float, list[float], float | None]] = []   # top, baselines, byline baseline
        self.marks: list[tuple[float, float]] = []   # where each mark's baseline starts
        for block, byline in zip(self.blocks, self.bylines, strict=True):
            top, baselines = y, []
            y += self.room
            for ln in block:
                baselines.append(y + ln.ascent)
                y += ln.ascent + ln.descent + size * 0.18
            base = None
            if byline is not None:
                base = y + size * 0.35 + byline.ascent
                y = base + byline.descent
            self.slots.append((top, baselines, base))
            # the mark's ink spans about 0.5 to 0.73 of its size above its baseline: from the first line's
            # cap height down to its middle beside it, just over the first line above it
            first = baselines[0] if baselines else top
            self.marks.append((self.x, top + size * 1.9) if self.above else (x0, first + size * 1.2))
            y += self.lead
        self.set_content((x0, self.slots[0][0] if self.slots else self.inner[1], self.x + widest, y - self.lead))

    def _byline_width(self, j: int) -> float:
        dash, byline = self.dashes[j], self.bylines[j]
        return dash.width + self.size * 0.25 + byline.width if dash is not None and byline is not None else 0.0

    def _height(self) -> float:
        h = 0.0
        for block, byline in zip(self.blocks, self.bylines, strict=True):
            h += self.room + sum(ln.ascent + ln.descent + self.size * 0.18 for ln in block)
            h += self.size * 0.35 + byline.height if byline is not None else 0.0
        return h + self.lead * max(0, len(self.blocks) - 1)

    def item_rect(self, j: int) -> Rect:
        top, baselines, base = self.slots[j]
        bottom = base + self.size * 0.4 if base is not None else baselines[-1] + self.size * 0.6
        # the mark stands above the first line, and the words rise into place from below
        return (self.inner[0], top - self.size * 0.9, self.inner[2], bottom + self.size * 0.5)

    def paint(self, cr: Any, t: float) -> None:
        th = self.theme
        for j, (p, alpha, colour, light), rise in rising_lines(self, t, 0.4):
            _, baselines, base = self.slots[j]
            # the mark first, dropping into place; then the words; the attribution last
            mark = ease_out(min(1.0, p * 1.8))
            mx, mbase = self.marks[j]
            glyphs.paint(cr, self.mark, mx, mbase - (1 - mark) * self.size * 0.3, self.accent(j), alpha * mark)
            for ln, b in zip(self.blocks[j], baselines, strict=True):
                paint_line(cr, ln, self.x, b + rise, colour, th.accent(0), alpha, light.glow, th.highlight)
            dash, byline = self.dashes[j], self.bylines[j]
            if base is not None and dash is not None and byline is not None:
                said = ease(min(1.0, max(0.0, (p - 0.5) / 0.5))) * alpha
                glyphs.paint(cr, dash, self.x, base + rise, self.accent(j), said)
                glyphs.paint(cr, byline, self.x + dash.width + self.size * 0.25, base + rise, th.muted, said)
