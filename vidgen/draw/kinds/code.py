"""code: a monospaced block, lines highlighted as they are explained."""

from __future__ import annotations

import re
from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.paint import Rect, rounded, source
from vidgen.draw.schedule import ease, ease_out
from vidgen.draw.theme import Theme
from vidgen.visual.kinds import register
from vidgen.visual.spec import Element


@register
class CodeKind(Drawer):
    """A monospaced block on a panel with line numbers; lines type in, highlights are accent bars."""

    name = "code"
    order = 120
    prompt = "one line of code"
    hints = {"label": "one line of code"}
    framed = True
    example = {"id": "K", "kind": "code", "items": [{"label": "for p in prices:"}, {"label": "    total += p"}]}

    KEYWORDS = frozenset([
        "def", "return", "if", "elif", "else", "for", "while", "in", "import", "from", "class", "lambda", "True",
        "False", "None", "and", "or", "not", "with", "as", "try", "except", "finally", "yield", "const", "let",
        "var", "function", "fn", "pub", "struct", "print"
    ])
    TOKEN = re.compile(r"(#.*|//.*)|(\"[^\"]*\"?|'[^']*'?)|(\b\d+(?:\.\d+)?\b)|([A-Za-z_]\w*)|(\s+)|(.)")

    @classmethod
    def want(cls, el: Element, th: Theme, width: float, cap: float) -> tuple[float, float]:
        size = th.size("code") * 1.3
        h = max(1, len(el.items)) * size * 1.55 + size * 1.8
        return h + cap, h * 1.6 + cap

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
            lo, hi = min(th.readable * 1.001, size), size   # the least a viewer reads
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
