"""bullets: points revealed one by one, numbered when they are steps."""

from __future__ import annotations

import math
from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.demand import lines
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.kinds.lines import paint_line, rich_lines, word_fits
from vidgen.draw.paint import Rect, badge, source
from vidgen.draw.schedule import ease, ease_out
from vidgen.draw.theme import Theme
from vidgen.script.sentences import NUMBERED_PART, instruction
from vidgen.visual.kinds import register
from vidgen.visual.spec import Element

# a point that names a colour ('yellow', 'green jersey') gets a dot of that colour: the palette's next colour beside
# it (a green dot beside 'yellow') would say the opposite of its words
_COLOURS = {"red": (0.91, 0.30, 0.28), "green": (0.30, 0.76, 0.42), "blue": (0.33, 0.58, 0.96),
            "yellow": (0.98, 0.84, 0.26), "orange": (0.98, 0.60, 0.22), "purple": (0.66, 0.46, 0.92),
            "violet": (0.62, 0.42, 0.92), "pink": (0.96, 0.52, 0.72), "white": (0.94, 0.94, 0.94),
            "grey": (0.62, 0.64, 0.68), "gray": (0.62, 0.64, 0.68), "brown": (0.66, 0.45, 0.28),
            "gold": (0.93, 0.75, 0.30), "silver": (0.78, 0.80, 0.84)}


def named_colour(label: str) -> tuple[float, float, float] | None:
    """The colour a point's first word names, if it names one."""
    first = (label.strip().split() or [""])[0].lower().strip(".,:;!?'\"")
    return _COLOURS.get(first)


@register
class BulletsKind(Drawer):
    """Points revealed one by one, dotted, or numbered when they are steps in an order; a detail is a muted
    sub-line."""

    name = "bullets"
    order = 20
    noun = "list"
    caption_on_top = True   # (a table's header row, over its rows)
    prompt = 'a point ("detail" = sub-line)'
    aliases = ("list", "bullet", "points")
    example = {"id": "B", "kind": "bullets", "items": [{"label": "Light slows down in water"},
                                                       {"label": "Each colour bends by a different amount"}]}

    @classmethod
    def want(cls, el: Element, th: Theme, width: float, cap: float) -> tuple[float, float]:
        n = max(1, len(el.items))
        size = th.size("body") * 1.15
        text_w = width - size * 1.7
        count = sum(lines(it.label, size, text_w) + 0.75 * min(2, lines(it.detail or "", size * 0.68, text_w))
                    for it in el.items)
        h = count * size * 1.3 + (n - 1) * size * 0.8
        return h + cap, h * 1.7 + cap

    @classmethod
    def least(cls, el: Element, th: Theme, width: float) -> float:
        # a list cannot scale below its smallest readable type: its points, closed up, at that size
        size = th.min_text
        count = sum(lines(it.label, size, width - size * 1.7) for it in el.items)
        return count * size * 1.25 + (len(el.items) - 1) * size * 0.25

    def setup(self) -> None:
        th = self.theme
        width = self.inner[2] - self.inner[0]
        height = self.inner[3] - self.inner[1]
        n = max(1, len(self.el.items))
        # few points are set large; a long list packs tighter
        start = min(th.size("body") * {1: 2.1, 2: 1.9, 3: 1.75, 4: 1.5}.get(n, 1.3),
                    self.ctx.limits.get("bullets", 1e9))
        size, sub = start, True
        while True:
            self.r = max(size * 0.55, th.min_text / 1.1)   # its number is read too
            self.indent = self.r * 2 + size * 0.6
            text_w = width - self.indent
            self.lines = [rich_lines(it.label, size, text_w) for it in self.el.items]
            # sub-lines stay readable on a phone: never under the small type size (nor above most of the point's)
            self.dsize = max(th.min_text, min(size * 0.85, max(size * 0.68, th.size("small"))))
            # wrapped at the size they are drawn in (a line fitted at a smaller size ran out of the frame)
            self.details = [glyphs.fit(it.detail, self.dsize, text_w, min_scale=1.0)[0] if it.detail and sub else []
                            for it in self.el.items]
            self.lead = size * 0.75
            total = self._height(size)
            # large type only while a point stays on one or two lines: three-line points read worse than smaller
            short_lines = size <= th.size("body") * 1.3 or all(len(b) <= 2 for b in self.lines)
            whole = all(word_fits(it.label, size, text_w) for it in self.el.items)
            if (total <= height * 0.85 and self._widest() <= width and short_lines and whole) \
                    or size <= th.min_text:
                break
            if sub and size < th.size("label") and any(self.details):
                size, sub = start, False   # sub-lines too small to read: the points alone, larger
                continue
            size = max(th.min_text, size * 0.92)
        self.size = size
        over = self._height(size) - height
        if over > 0 and n > 1:
            # at the smallest readable size and still too tall: the points close up rather than the last one
            # running past its box ('ough' under 'though', 'through', 'tough' beside a long sentence)
            self.lead = max(size * 0.2, self.lead - over / (n - 1))
        # 1, 2, 3 badges claim an order: only steps get them ('Boil the water', 'Pour it over the bag'). Facts, names
        # and reasons ('Dendrites', 'Axon'; 'Forces come in pairs') are a set, and numbered they read as steps; points
        # that carry their own numbers ('Number 10', 'Fact three:') would be counted the other way
        self.own_numbers = not steps([it.label for it in self.el.items])
        self.lead = min(size * 1.2, max(self.lead, (height - self._height(size) + self.lead * (n - 1)) / max(1, n - 1)
                                        * 0.5))
        total = self._height(size)
        widest = max([self.indent + ln.width for b in self.lines for ln in b] +
                     [self.indent + glyphs.text(d, self.dsize).width for ds in self.details for d in ds] + [1])
        x0, y = self.centre_block(widest, total)
        self.x0 = x0
        self.slots: list[tuple[float, float, list[float], list[float]]] = []
        for block, dlines in zip(self.lines, self.details, strict=False):
            top = y
            baselines = []
            for ln in block:
                baselines.append(y + ln.ascent)
                y += ln.ascent + ln.descent + size * 0.1
            dbases = []
            for _d in dlines:
                dbases.append(y + self.dsize * 0.85)
                y += self.dsize * 1.2
            self.slots.append((top, y, baselines, dbases))
            y += self.lead
        self.set_content((x0, self.slots[0][0] if self.slots else y, x0 + widest, y - self.lead))
        # a list keeps its places (points are read top to bottom, and a list that moves as it grows costs a
        # redraw of every point at each new one)

    def _widest(self) -> float:
        return max([self.indent + ln.width for b in self.lines for ln in b] + [0])

    def _height(self, size: float) -> float:
        h = 0.0
        for block, dlines in zip(self.lines, self.details, strict=False):
            h += sum(ln.ascent + ln.descent + size * 0.1 for ln in block) + len(dlines) * self.dsize * 1.2
        return h + self.lead * max(0, len(self.lines) - 1)

    def item_rect(self, j: int) -> Rect:
        top, bottom, _, _ = self.slots[j]
        return self.drifted((self.inner[0], top - self.size * 0.3, self.inner[2], bottom + self.size * 0.3), j)

    def paint(self, cr: Any, t: float) -> None:
        th = self.theme
        dy = self.drift(t)
        for j, (block, dlines) in enumerate(zip(self.lines, self.details, strict=False)):
            p = self.shown(j, t)
            if p <= 0:
                continue
            a, slide = ease(p), (1 - ease_out(p)) * self.size * 1.2
            light = self.light(j, t)
            accent = self.accent(j)
            named = [named_colour(it.label) for it in self.el.items]
            if any(named):   # (a list that names colours: each dot its own colour, the others plain)
                accent = named[j] or th.muted
            top, _, baselines, dbases = self.slots[j]
            baselines, dbases = [b + dy for b in baselines], [b + dy for b in dbases]
            cy = baselines[0] - block[0].ascent * 0.38
            if self.own_numbers:
                cr.arc(self.x0 + self.r - slide * 0.3, cy, self.r * 0.42 * (1 + 0.25 * light.glow), 0, 2 * math.pi)
                source(cr, accent, a)
                cr.fill()
            else:
                badge(cr, self.x0 + self.r - slide * 0.3, cy, self.r, accent, str(j + 1), th.bg_top, a,
                      1 + 0.25 * light.glow)
            colour = self.lit_colour(th.text, accent, light)
            x = self.x0 + self.indent - slide
            for ln, base in zip(block, baselines, strict=False):
                paint_line(cr, ln, x, base, colour, accent, a, light.glow * 0.6, accent)
            for d, base in zip(dlines, dbases, strict=False):
                glyphs.paint(cr, glyphs.text(d, self.dsize), x, base, th.muted, a)


def steps(labels: list[str]) -> bool:
    """Whether a list's points are steps in an order: each opens on an instruction's verb.
    Points that carry their own numbers ('Step 2: ...') are counted already."""
    if len(labels) < 2 or any(NUMBERED_PART.match(label) for label in labels):
        return False
    return all(instruction(label) for label in labels)   # (tips with one fact among them are a set)
