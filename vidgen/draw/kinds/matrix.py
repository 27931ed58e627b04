"""matrix: a bracketed matrix whose rows and columns can be highlighted."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from vidgen.draw import glyphs
from vidgen.draw.kinds.base import Drawer
from vidgen.draw.paint import Rect, glow_stroke, partial, path_of, polyline_length, rounded, source
from vidgen.draw.schedule import Event, ease
from vidgen.draw.theme import Theme, mix
from vidgen.visual.kinds import register
from vidgen.visual.spec import MAX_ITEMS, Element, Item


@register
class MatrixKind(Drawer):
    name = "matrix"
    order = 110
    prompt = 'one row, numbers separated by spaces, e.g. "1 2"'
    item_words = "[{label}]"
    hints = {"label": "numbers separated by spaces"}
    graphic = framed = True
    in_a_row = rows_and_columns = True
    aliases = ("table", "matrices")
    example = {"id": "A", "kind": "matrix", "caption": "A", "items": [{"label": "1 2"}, {"label": "3 4"}]}

    @classmethod
    def check_item(cls, element: Element, item: Item) -> None:
        entries = item.label.split()
        if not entries:
            raise ValueError("a matrix row is its entries separated by spaces, e.g. '1 2 3'")
        if len(entries) > MAX_ITEMS:
            raise ValueError(f"a matrix row has at most {MAX_ITEMS} entries, not {len(entries)}")

    @classmethod
    def check_element(cls, element: Element) -> None:
        if element.items and len({len(i.label.split()) for i in element.items}) > 1:
            raise ValueError("every matrix row needs the same number of entries")

    @classmethod
    def repair_label(cls, fix: Any, item: dict[str, Any], label: str, where: str,
                     given: dict[str, Any]) -> str | None:
        entries = re.sub(r"[\[\](){},;|]", " ", label).split()   # [1, 2] and (1; 2) are rows too
        if not entries:
            fix.notes.append(f"{where}: dropped an empty matrix row")
            return None
        if len(entries) > MAX_ITEMS:
            fix.notes.append(f"{where}: kept the first {MAX_ITEMS} of {len(entries)} entries")
        return " ".join(entries[:MAX_ITEMS])

    @classmethod
    def repair_element(cls, fix: Any, element: dict[str, Any], where: str) -> None:
        items = element["items"]
        width = Counter(len(i["label"].split()) for i in items).most_common(1)[0][0]
        kept = [i for i in items if len(i["label"].split()) == width]
        if len(kept) < len(items):
            fix.notes.append(f"{where}: dropped {len(items) - len(kept)} rows of another width than {width}")
        element["items"] = kept

    @classmethod
    def want(cls, el: Element, th: Theme, width: float, cap: float) -> tuple[float, float]:
        size = th.size("math") * 1.6   # the matrices are what the working refers to: readable first
        h = max(1, len(el.items)) * size * 1.55 + size * 0.5
        return h + cap, h * 2.0 + cap

    def setup(self) -> None:
        th = self.theme
        self.cells = [it.label.split() for it in self.el.items]
        # matrices side by side (A, B, AB) share one size, so equal entries look equal
        size = min([self._fit([it.label.split() for it in e.items]) for e in self.ctx.visual.elements
                    if e.kind == self.name and e.items] or [th.size("math")])
        texts, cell_w, row_h, w, h = self._measure(self.cells, size)
        self.size, self.texts, self.cell_w, self.row_h = size, texts, cell_w, row_h
        x0, y0 = self.centre_block(w, h)
        self.frame = (x0, y0, x0 + w, y0 + h)
        self.xs = []
        x = x0 + size * 0.4
        for cw in cell_w:
            self.xs.append(x)
            x += cw
        self.y0 = y0 + size * 0.15
        bw = size * 0.28
        self.brackets = [[(x0 + bw, y0), (x0, y0), (x0, y0 + h), (x0 + bw, y0 + h)],
                         [(x0 + w - bw, y0), (x0 + w, y0), (x0 + w, y0 + h), (x0 + w - bw, y0 + h)]]
        self.bracket_len = polyline_length(self.brackets[0])
        self.set_content(self.frame)

    def _measure(self, cells: list[list[str]], size: float) -> tuple[list[list[Any]], list[float], float, float,
                                                                    float]:
        rows, cols = len(cells), max((len(r) for r in cells), default=0)
        texts = [[glyphs.text(c if "$" in c else f"${c}$" if _mathy(c) else c, size) for c in r] for r in cells]
        col_w = [max((texts[r][c].width for r in range(rows) if c < len(texts[r])), default=size) for c in range(cols)]
        cell_w = [w + size * 0.8 for w in col_w]
        row_h = size * 1.55
        return texts, cell_w, row_h, sum(cell_w) + size * 0.8, rows * row_h + size * 0.3

    def _fit(self, cells: list[list[str]]) -> float:
        b = self.inner
        size = self.theme.size("math") * 2.0
        while size > self.theme.size("small"):
            *_, w, h = self._measure(cells, size)
            if w <= (b[2] - b[0]) * 0.92 and h <= (b[3] - b[1]) * 0.92:
                break
            size *= 0.9
        return size

    def cell(self, r: int, c: int) -> Rect:
        return (self.xs[c], self.y0 + r * self.row_h, self.xs[c] + self.cell_w[c], self.y0 + (r + 1) * self.row_h)

    def item_rect(self, j: int) -> Rect:
        return (self.frame[0] - 4, self.y0 + j * self.row_h - 4, self.frame[2] + 4, self.y0 + (j + 1) * self.row_h + 4)

    def dirty(self, e: Event) -> list[Rect]:
        return [self.box] if e.part is not None or e.item is None else super().dirty(e)

    def paint(self, cr: Any, t: float) -> None:
        th = self.theme
        pa = self.element_shown(t)
        if pa <= 0:
            return
        f = ease(min(1.0, pa * 1.6))
        cr.set_line_width(th.line(0.55))
        cr.set_line_join(0)
        source(cr, th.text)
        for br in self.brackets:
            path_of(cr, partial(br, f, self.bracket_len))
        cr.stroke()
        # highlighted rows and columns: a tinted band behind, an outline, entries in the accent
        colour_of: dict[tuple[int, int], Any] = {}
        rows, cols = len(self.cells), len(self.cell_w)
        for kind, n in [("row", r) for r in range(rows)] + [("col", c) for c in range(cols)]:
            light = self.sched.light(self.index, None, t, (kind, n))
            if not light.colour and not light.glow:
                continue
            colour = th.accent(0) if kind == "row" else th.accent(1)
            if kind == "row":
                first, last = self.cell(n, 0), self.cell(n, cols - 1)
            else:
                first, last = self.cell(0, n), self.cell(rows - 1, n)
            rounded(cr, first[0] + 2, first[1] + 2, last[2] - first[0] - 4, last[3] - first[1] - 4, self.size * 0.3)
            source(cr, colour, 0.16 * light.colour)
            cr.fill_preserve()
            glow_stroke(cr, colour, light.glow, th.line(0.5))
            cr.set_line_width(th.line(0.45))
            source(cr, colour, light.colour)
            cr.stroke()
            cells = [(n, c) for c in range(cols)] if kind == "row" else [(r, n) for r in range(rows)]
            for rc in cells:
                colour_of[rc] = mix(th.text, colour, light.colour)
        for r, row in enumerate(self.texts):
            s = self.shown(r, t)
            if s <= 0:
                continue
            a = ease(min(1.0, max(0.0, (s - 0.25) / 0.75) if self.sched.show_window(self.index, None) else s))
            for c, tx in enumerate(row):
                x0, y0, x1, y1 = self.cell(r, c)
                base = (y0 + y1) / 2 + self.size * 0.36
                glyphs.paint(cr, tx, (x0 + x1) / 2 - tx.width / 2, base, colour_of.get((r, c), th.text), a)


def _mathy(cell: str) -> bool:
    """Single letters and subscripted names read better in math italics: a, b_1, x^2."""
    return bool(re.fullmatch(r"-?[A-Za-z](?:[_^]\{?\w+\}?)?", cell))

