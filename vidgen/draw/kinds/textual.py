"""Kinds made of lines of text: text (headline / callout), bullets, equation, code."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.paint import Rect, badge, rounded, source
from vidgen.draw.schedule import Event, ease, ease_out
from vidgen.draw.visual_theme import RGB, mix

_MARKED = re.compile(r"^(\W*)\*{1,2}(.+?)\*{1,2}(\W*)$")


@dataclass
class Run:
    text: glyphs.Text
    dx: float
    key: bool           # drawn in the accent colour


@dataclass
class Line:
    runs: list[Run] = field(default_factory=list)
    width: float = 0.0
    ascent: float = 0.0
    descent: float = 0.0


def rich_lines(label: str, size: float, max_width: float, face: str = "regular") -> list[Line]:
    """Word-wrapped lines whose key words (`*marked*`, math, numbers) are flagged for the accent."""
    space = size * 0.32
    lines = [Line()]
    for word in glyphs.fitted_words(label, size, max_width, face):   # a word wider than a line: by character
        pieces: list[tuple[str, bool]]
        m = _MARKED.match(word)
        if m:
            pieces = [(p, k) for p, k in ((m[1], False), (m[2], True), (m[3], False)) if p]
        else:
            key = word.startswith("$") or bool(re.search(r"\d", word))
            pieces = [(word, key)]
        texts = [(glyphs.text(p, size, face), k) for p, k in pieces]
        w = sum(t.width for t, _ in texts)
        line = lines[-1]
        if line.runs and line.width + space + w > max_width:
            line = Line()
            lines.append(line)
        x = line.width + (space if line.runs else 0.0)
        for t, k in texts:
            line.runs.append(Run(t, x, k))
            x += t.width
            line.ascent, line.descent = max(line.ascent, t.ascent), max(line.descent, t.descent)
        line.width = x
    return lines


def paint_line(cr: Any, line: Line, x: float, baseline: float, colour: RGB, key: RGB, alpha: float,
               glow: float = 0.0, glow_colour: RGB | None = None) -> None:
    for run in line.runs:
        if glow > 0:
            glyphs.paint_glow(cr, run.text, x + run.dx, baseline, glow_colour or key, glow * 0.8)
    for run in line.runs:
        glyphs.paint(cr, run.text, x + run.dx, baseline, key if run.key else colour, alpha)


class TextKind(Drawer):
    """Big type, centred; each item a line (wrapped), key words in the accent colour."""

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
            if total <= height * 0.9 or size < th.size("small") * 0.7:
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
        for j, block in enumerate(self.blocks):
            look = _line_look(self, j, t)
            if look is None:
                continue
            p, alpha, colour, light = look
            rise = (1 - ease_out(p)) * self.size * 0.4 + dy
            _, baselines, dbase = self.slots[j]
            for ln, base in zip(block, baselines, strict=False):
                paint_line(cr, ln, self.cx - ln.width / 2, base + rise, colour, th.accent(0), alpha, light.glow,
                           th.highlight)
            d = self.details[j]
            if d is not None and dbase is not None:
                glyphs.paint(cr, d, self.cx - d.width / 2, dbase + rise, th.muted, alpha)
        _paint_morphs(self, cr, t)


def _presence(kind: Any, j: int, t: float) -> float:
    """A line that comes out of a transform takes its room as it slides out."""
    for src in range(j):
        for e in kind.sched.of(kind.index, src, "transform"):
            if src + int(e.value or 1) == j and not kind.sched.has_own_show(kind.index, j):
                return ease(min(1.0, 3 * e.raw(t)))
    return Drawer.presence(kind, j, t)


def _line_look(kind: Any, j: int, t: float) -> tuple[float, float, Any, Any] | None:
    """How line j of a text or equation looks at t: (how far it is shown, alpha, colour, its highlight),
    or None before it appears. A line being rewritten dims; a transform's result appears when it lands."""
    p = kind.shown(j, t)
    if p <= 0:
        return None
    th = kind.theme
    into, out = _transforms(kind, j, t)
    light = kind.light(j, t)
    colour = kind.lit_colour(th.text, th.highlight, light)
    if out:
        colour = mix(colour, th.muted, out)
    return p, ease(p) * (into if into is not None else 1.0), colour, light


def _transforms(kind: Any, j: int, t: float) -> tuple[float | None, float]:
    """(appearance of line j when it is the result of a transform, how far line j has been rewritten)."""
    into: float | None = None
    out = 0.0
    for src in range(len(kind.el.items)):
        for e in kind.sched.of(kind.index, src, "transform"):
            if src + int(e.value or 1) == j and not kind.sched.has_own_show(kind.index, j):
                into = 1.0 if t >= e.t1 else 0.0   # the travelling copy becomes it (_paint_morphs)
            if src == j:
                out = max(out, e.progress(t))
    return into, out * 0.6


def _paint_morphs(kind: Any, cr: Any, t: float) -> None:
    """A transform: line i+k comes out of line i, sliding from it into its own place as it fades in
    (line i dims meanwhile, see _transforms). No copy of line i travels: two different lines of math
    on top of each other read as a smudge."""
    dy = kind.drift(t)
    for j in range(len(kind.el.items)):
        for e in kind.sched.of(kind.index, j, "transform"):
            if not e.t0 <= t < e.t1:
                continue
            dest = j + int(e.value or 1)
            if dest >= len(kind.el.items):
                continue
            p = e.progress(t)
            colour = mix(kind.theme.text, kind.theme.highlight, 0.4 * (1 - p))
            a_base, b_base = kind.slots[j][1][0], kind.slots[dest][1][0]
            a_base, b_base = a_base + dy, b_base + dy
            start = a_base + (b_base - a_base) * 0.3
            first = kind.blocks[dest][0]
            x0 = kind.morph_x(kind.blocks[j][0])
            for ln, base in zip(kind.blocks[dest], kind.slots[dest][1], strict=False):
                x = x0 + (kind.morph_x(ln) - x0) * p if ln is first else kind.morph_x(ln)
                y = start + (b_base - start) * p + (base + dy - b_base)
                paint_line(cr, ln, x, y, colour, kind.theme.accent(0), ease(min(1.0, p * 1.6)))


class EquationKind(Drawer):
    """Typeset lines of math, left-aligned in a centred column; highlight = accent box around a line."""

    def setup(self) -> None:
        th = self.theme
        width = (self.inner[2] - self.inner[0]) * 0.9
        height = self.inner[3] - self.inner[1]
        n = max(1, len(self.el.items))
        # as large as the box allows: a lone equation is the picture, a long derivation packs tighter
        size = min(th.size("math") * {1: 3.0, 2: 2.5, 3: 2.1}.get(n, 1.75), th.short * 0.15,
                   self.ctx.limits.get("equation", 1e9))
        while True:
            self.blocks = [[_one_line(it.label, size)] for it in self.el.items]
            dsize = min(th.size("label") * 1.15, size * 0.5)
            self.details = [glyphs.text(it.detail, dsize) if it.detail else None for it in self.el.items]
            widest = max([b[0].width for b in self.blocks] + [d.width for d in self.details if d] + [1])
            self.box_pad = size * 0.26
            self.size = size
            fits = widest + 2 * self.box_pad <= width and self._height(size * 0.75) <= height
            if fits or size < th.size("small") * 0.6:
                break
            size *= 0.93
        self.gap = max(size * 0.5, min(size * 1.1, (height - self._height(0)) / max(1, len(self.blocks) - 1)))
        total = self._height(self.gap)
        widest = max([b[0].width for b in self.blocks] + [d.width for d in self.details if d] + [1])
        # a derivation on its own gets numbered steps (as the design frame), if the width allows
        self.badge_r = size * 0.34
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
        return _presence(self, j, t)

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
        for j, block in enumerate(self.blocks):
            look = _line_look(self, j, t)
            if look is None:
                continue
            p, alpha, colour, light = look
            rise = (1 - ease_out(p)) * self.size * 0.35 + dy
            ln = block[0]
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
        _paint_morphs(self, cr, t)


def _one_line(label: str, size: float) -> Line:
    t = glyphs.text(label, size)
    return Line([Run(t, 0.0, False)], t.width, t.ascent, t.descent)


class BulletsKind(Drawer):
    """Numbered points revealed one by one; a detail is a muted sub-line."""

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
            self.r = size * 0.55
            self.indent = self.r * 2 + size * 0.6
            text_w = width - self.indent
            self.lines = [rich_lines(it.label, size, text_w) for it in self.el.items]
            # sub-lines stay readable on a phone: never under the small type size (nor above most of the point's)
            self.dsize = min(size * 0.85, max(size * 0.68, th.size("small")))
            self.details = [glyphs.fit(it.detail, self.dsize, text_w, max_lines=2)[0] if it.detail and sub else []
                            for it in self.el.items]
            self.lead = size * 0.75
            total = self._height(size)
            # large type only while a point stays on one or two lines: three-line points read worse than smaller
            short_lines = size <= th.size("body") * 1.3 or all(len(b) <= 2 for b in self.lines)
            if (total <= height * 0.85 and self._widest() <= width and short_lines) or size < th.size("small") * 0.6:
                break
            if sub and size < th.size("label") and any(self.details):
                size, sub = start, False   # sub-lines too small to read: the points alone, larger
                continue
            size *= 0.92
        self.size = size
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
            top, _, baselines, dbases = self.slots[j]
            baselines, dbases = [b + dy for b in baselines], [b + dy for b in dbases]
            cy = baselines[0] - block[0].ascent * 0.38
            badge(cr, self.x0 + self.r - slide * 0.3, cy, self.r, accent, str(j + 1), th.bg_top, a,
                  1 + 0.25 * light.glow)
            colour = self.lit_colour(th.text, accent, light)
            x = self.x0 + self.indent - slide
            for ln, base in zip(block, baselines, strict=False):
                paint_line(cr, ln, x, base, colour, accent, a, light.glow * 0.6, accent)
            for d, base in zip(dlines, dbases, strict=False):
                glyphs.paint(cr, glyphs.text(d, self.dsize), x, base, th.muted, a)


class CodeKind(Drawer):
    """A monospaced block on a panel with line numbers; lines type in, highlights are accent bars."""

    KEYWORDS = frozenset([
        "def", "return", "if", "elif", "else", "for", "while", "in", "import", "from", "class", "lambda", "True",
        "False", "None", "and", "or", "not", "with", "as", "try", "except", "finally", "yield", "const", "let",
        "var", "function", "fn", "pub", "struct", "print"
    ])
    TOKEN = re.compile(r"(#.*|//.*)|(\"[^\"]*\"?|'[^']*'?)|(\b\d+(?:\.\d+)?\b)|([A-Za-z_]\w*)|(\s+)|(.)")

    def setup(self) -> None:
        th = self.theme
        width = (self.inner[2] - self.inner[0])
        height = self.inner[3] - self.inner[1]
        rows = [it.label.replace("\t", "    ").rstrip() for it in self.el.items]
        cols = max([len(r) for r in rows] + [8]) + 4  # + line numbers
        # never smaller than the caption under it: a line too long for the width at that size wraps
        floor = min(th.size("label"), th.size("code") * 1.5)
        size = min(th.size("code") * 1.5, width * 0.94 / (cols * 0.602))
        size = min(max(size, floor), height * 0.92 / (max(1, len(rows)) * 1.4 + 1.6))

        def fits(s: float) -> bool:
            fit = max(8, int((width * 0.94) / (s * 0.602)) - 4)
            self.wrapped = [self._wrap(r, fit) for r in rows]
            return sum(len(w) for w in self.wrapped) * s * 1.4 + s * 1.6 <= height * 0.92

        if not fits(size):  # wrapped lines do not fit the height: the largest size at which they do
            lo, hi = th.size("small") * 0.6, size
            for _ in range(18):
                mid = (lo + hi) / 2
                lo, hi = (mid, hi) if fits(mid) else (lo, mid)
            size = lo
            fits(size)
        total = sum(len(w) for w in self.wrapped)
        self.size = size
        self.adv = size * 0.602
        self.lh = size * 1.4
        self.pad = size * 0.8
        widest = max((col + end - start for w in self.wrapped for start, end, col in w), default=8)
        w = min(width, (max(widest, 8) + 4) * self.adv + 2 * self.pad)
        self.first_row = [sum(len(x) for x in self.wrapped[:j]) for j in range(len(rows))]
        h = total * self.lh + 2 * self.pad
        x0, y0 = self.centre_block(w, h)
        self.panel = (x0, y0, x0 + w, y0 + h)
        self.tokens = [self._tokens(r, parts) for r, parts in zip(rows, self.wrapped, strict=True)]
        self.numbers = [glyphs.text(str(k + 1), size, "mono") for k in range(len(rows))]
        self.set_content(self.panel)

    @staticmethod
    def _wrap(row: str, fit: int) -> list[tuple[int, int, int]]:
        """A line cut into pieces of at most `fit` columns, at a space or after punctuation when one is near:
        (start, end, column) of each piece in the line; the pieces after the first are indented under the
        line's own text, so they read as its continuation."""
        indent = len(row) - len(row.lstrip())
        hang = min(indent + 4, fit // 2)
        pieces, start, col = [], 0, 0
        while len(row) - start + col > fit:
            room = fit - col
            window = row[start:start + room]
            cut = max(window.rfind(" ", 1), *(window.rfind(c) + 1 for c in ",(.;"))
            if cut <= room // 3:
                cut = room
            pieces.append((start, start + cut, col))
            start += cut
            while start < len(row) and row[start] == " ":
                start += 1
            col = hang
        pieces.append((start, len(row), col))
        return pieces

    def _tokens(self, row: str, pieces: list[tuple[int, int, int]]) -> list[list[tuple[glyphs.Text, int, str]]]:
        """Coloured runs of each piece of a line, coloured as the whole line reads (a string cut in two is a
        string on both rows)."""
        roles: list[str] = []
        for m in self.TOKEN.finditer(row):
            s = m.group(0)
            roles += ["comment" if m[1] else "string" if m[2] else "number" if m[3] else
                      "keyword" if m[4] and s in self.KEYWORDS else "space" if m[5] else "plain"] * len(s)
        out = []
        for start, end, col in pieces:
            runs, k = [], start
            while k < end:
                j = k
                while j < end and roles[j] == roles[k]:
                    j += 1
                if roles[k] != "space":
                    runs.append((glyphs.text(row[k:j], self.size, "mono"), col + k - start, roles[k]))
                k = j
            out.append(runs)
        return out

    def item_rect(self, j: int) -> Rect:
        y = self.panel[1] + self.pad + self.first_row[j] * self.lh
        return (self.panel[0], y - self.lh * 0.3, self.panel[2], y + self.lh * (len(self.wrapped[j]) + 0.3))

    def paint(self, cr: Any, t: float) -> None:
        th = self.theme
        pa = ease(self.element_shown(t))
        if pa <= 0:
            return
        x0, y0, x1, y1 = self.panel
        rounded(cr, x0, y0, x1 - x0, y1 - y0, self.size * 0.6)
        source(cr, th.panel, 0.85 * pa)
        cr.fill_preserve()
        cr.set_line_width(1.0)
        source(cr, th.faint, pa)
        cr.stroke()
        colours = {"comment": th.muted, "string": th.accent(3), "number": th.accent(1), "keyword": th.accent(2),
                   "plain": th.text}
        gutter = x0 + self.pad + 3 * self.adv
        for j, pieces in enumerate(self.tokens):
            p = self.shown(j, t)
            if p <= 0:
                continue
            y = y0 + self.pad + self.first_row[j] * self.lh
            tall = self.lh * len(pieces)
            light = self.light(j, t)
            if light.colour:
                rounded(cr, x0 + 3, y, x1 - x0 - 6, tall, self.size * 0.25)
                source(cr, th.highlight, 0.16 * light.colour + 0.12 * light.glow)
                cr.fill()
                cr.rectangle(x0 + 3, y, self.size * 0.22, tall)
                source(cr, th.highlight, light.colour)
                cr.fill()
            num = self.numbers[j]
            glyphs.paint(cr, num, gutter - self.adv - num.width, y + self.lh * 0.68, th.muted, 0.7 * min(1.0, p * 3))
            # typing: the line (and its wrapped pieces, one after another) is revealed left to right
            share = 1.0 / len(pieces)
            for n, toks in enumerate(pieces):
                q = min(1.0, max(0.0, (p - n * share) / share))
                if q <= 0:
                    break
                row_y = y + n * self.lh
                cr.save()
                cr.rectangle(gutter, row_y, (x1 - gutter) * ease_out(q), self.lh)
                cr.clip()
                for tx, col, role in toks:
                    glyphs.paint(cr, tx, gutter + col * self.adv, row_y + self.lh * 0.68, colours[role])
                cr.restore()
