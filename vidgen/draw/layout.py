"""Where things go: the scene title and one box per element, inside the safe area and above the
caption band. `full` is a grid, `split` puts the first element left (top on 9:16 and 1:1) and the
rest beside it, `title` is a title card with the elements under it."""

from __future__ import annotations

from dataclasses import dataclass, field

from vidgen.draw.demand import drawer, least, want, wide
from vidgen.draw.paint import Rect
from vidgen.draw.theme import Theme
from vidgen.visual.kinds import kind
from vidgen.visual.spec import Element, Visual


def _graphic(el: Element) -> bool:
    """A drawing (a graph squeezed flat says nothing) rather than text (which can shrink a little)."""
    return kind(el.kind).graphic


@dataclass
class TitleBox:
    lines: list[str]    # one or two
    size: float
    xs: list[float]     # where each line starts
    baseline: float     # of the first line
    lead: float         # baseline to baseline
    bar: Rect           # the accent underline


@dataclass
class Layout:
    title: TitleBox | None
    boxes: list[Rect]
    area: Rect          # the safe content area
    # other arrangements worth trying when the chosen one sets some text too small to read (a square frame)
    others: list[list[Rect]] = field(default_factory=list)


def _share(lo: float, hi: float, wants: list[tuple[float, float]], gap: float,
           firm: list[bool] | None = None, floors: list[float] | None = None) -> list[tuple[float, float]]:
    """Split [lo, hi] among elements by what they want: each gets its need, then room to grow towards what it
    can use; any space left is shared evenly (each element centres itself in its slot). When the needs do
    not fit, everything shrinks, drawings (`firm`) less than text: a graph squeezed flat says nothing,
    while type can shrink a little and still be read."""
    space = hi - lo - gap * (len(wants) - 1)
    need = sum(w for w, _ in wants) or 1.0
    firm = firm or [False] * len(wants)
    if need >= space:
        f = space / need
        hard = [w * f ** 0.7 if firm_ else 0.0 for (w, _), firm_ in zip(wants, firm, strict=True)]
        soft_need = sum(w for (w, _), firm_ in zip(wants, firm, strict=True) if not firm_)
        rest = space - sum(hard)
        floor = 0.75 * f * soft_need            # text keeps most of its proportional share
        if rest < floor and sum(hard) > 0:
            hard = [h * (space - floor) / sum(hard) for h in hard]
            rest = floor
        k = rest / soft_need if soft_need else 0.0
        sizes = [h if firm_ else w * k for h, (w, _), firm_ in zip(hard, wants, firm, strict=True)]
        if sum(sizes) > space:   # all drawings: they share what there is
            sizes = [sz * space / sum(sizes) for sz in sizes]
        sizes = _floored(sizes, floors or [0.0] * len(sizes))
    else:
        extra = space - need
        room = [max(0.0, m - w) for w, m in wants]
        total_room = sum(room)
        grow = min(1.0, extra / total_room) if total_room > 0 else 0.0
        sizes = [w + r * grow for (w, _), r in zip(wants, room, strict=True)]
        left = (space - sum(sizes)) / len(sizes)
        sizes = [s + left for s in sizes]
    out, at = [], lo
    for size in sizes:
        out.append((at, at + size))
        at += size + gap
    return out


def _floored(sizes: list[float], floors: list[float]) -> list[float]:
    """Sizes raised to their floors (a list's smallest readable height), the room taken from the others in
    proportion to what they have above their own floors, and never more than half of it: squeezed below its floor a
    list loses its last points past its box, while a drawing or a line of type only gets smaller."""
    short = [max(0.0, f - s) for s, f in zip(sizes, floors, strict=True)]
    spare = [0.0 if sh else max(0.0, s - f) for s, f, sh in zip(sizes, floors, short, strict=True)]
    need, pool = sum(short), sum(spare)
    if need <= 0 or pool <= 0:
        return sizes
    take = min(need, pool * 0.5)
    return [s + sh * take / need - sp * take / pool for s, sh, sp in zip(sizes, short, spare, strict=True)]


def _rows(visual: Visual, first: int) -> list[list[int]]:
    """Elements from `first` on, one per row, except that consecutive elements of a kind drawn in a row share
    one (matrices: A B C reads as a product, and three small matrices stacked would each be tiny)."""
    rows: list[list[int]] = []
    for i in range(first, len(visual.elements)):
        el = visual.elements[i]
        if rows and kind(el.kind).in_a_row and all(visual.elements[k].kind == el.kind for k in rows[-1]):
            rows[-1].append(i)
        else:
            rows.append([i])
    return rows


def _stack(visual: Visual, theme: Theme, rows: list[list[int]], x0: float, x1: float, y0: float, y1: float,
           gap: float) -> dict[int, Rect]:
    """Rows of elements stacked from y0 to y1, each row's height by what its elements want."""
    wants = []
    for row in rows:
        w = (x1 - x0 - gap * (len(row) - 1)) / len(row)
        got = [want(visual.elements[i], theme, w) for i in row]
        # a row of matrices is the picture the working under it refers to: it keeps more of a tight column
        k = 1.4 if len(row) > 1 else 1.0
        wants.append((max(g[0] for g in got) * k, max(g[1] for g in got) * k))
    out: dict[int, Rect] = {}
    firm = [all(_graphic(visual.elements[i]) for i in row) and len(row) == 1 for row in rows]
    floors = [max(least(visual.elements[i], theme, (x1 - x0 - gap * (len(row) - 1)) / len(row)) for i in row)
              for row in rows]
    for row, (a, b) in zip(rows, _share(y0, y1, wants, gap, firm, floors), strict=True):
        cols = _split(x0, x1, [1.0] * len(row), gap)
        for i, (c0, c1) in zip(row, cols, strict=True):
            out[i] = (c0, a, c1, b)
    return out


def _beside(visual: Visual, theme: Theme, left: float, right: float, top: float, bottom: float,
            gap: float) -> list[Rect]:
    """The first element in a column of its own on the left, the others stacked on the right."""
    cols = _split(left, right, [_left_share(visual), 1 - _left_share(visual)], gap)
    placed = _stack(visual, theme, _rows(visual, 1), cols[1][0], cols[1][1], top, bottom, gap * 0.7)
    return [(cols[0][0], top, cols[0][1], bottom)] + [placed[i] for i in range(1, len(visual.elements))]


def _pair_over(visual: Visual, theme: Theme, left: float, right: float, top: float, bottom: float,
               gap: float) -> list[Rect]:
    """The first two elements side by side, the others stacked under them at full width."""
    els = visual.elements
    cols = _split(left, right, [1.0, 1.0], gap)
    half = cols[0][1] - cols[0][0]
    pair = [want(els[i], theme, half) for i in (0, 1)]
    wants = [(max(p[0] for p in pair), max(p[1] for p in pair))] + [want(e, theme, right - left) for e in els[2:]]
    firm = [all(_graphic(els[i]) for i in (0, 1))] + [_graphic(e) for e in els[2:]]
    rows = _share(top, bottom, wants, gap * 0.7, firm)
    under = [(left, a, right, b) for a, b in rows[1:]]
    return [(cols[c][0], rows[0][0], cols[c][1], rows[0][1]) for c in (0, 1)] + under


def _squeeze(visual: Visual, theme: Theme, boxes: list[Rect]) -> float:
    """How well the most squeezed element fits (<= 1): its height over the height it needs at its box's
    width, or its width over the width its lines of math need, whichever is worse."""
    return min(min(1.0, (b[3] - b[1]) / max(1.0, want(el, theme, b[2] - b[0])[0]),
                   (b[2] - b[0]) / max(1.0, wide(el, theme)))
               for el, b in zip(visual.elements, boxes, strict=True))


def _left_share(visual: Visual) -> float:
    """The share of the width the first element of a 16:9 split takes: its kind's (a plane as wide as its
    data is, a graph or a drawing a little over half, text half)."""
    first = visual.elements[0]
    return drawer(first).left_share(first)


def _split(lo: float, hi: float, weights: list[float], gap: float) -> list[tuple[float, float]]:
    total = sum(weights) or 1.0
    space = hi - lo - gap * (len(weights) - 1)
    out, at = [], lo
    for w in weights:
        size = space * w / total
        out.append((at, at + size))
        at += size + gap
    return out


def layout(visual: Visual, theme: Theme) -> Layout:
    from vidgen.draw import glyphs

    W = theme.width
    left, right = theme.margin_x, W - theme.margin_x
    top: float = theme.margin_top
    bottom: float = theme.safe_bottom
    title = None
    n = len(visual.elements)
    if visual.title and visual.layout == "title":
        lines, size = glyphs.fit(visual.title, theme.size("hero"), right - left, "bold", max_lines=2)
        texts = [glyphs.text(line, size, "bold") for line in lines]
        lead = size * 1.15
        block = (bottom - top) * (0.42 if n else 1.0)
        baseline = top + block * 0.55 + texts[0].ascent * 0.4 - lead * (len(lines) - 1) / 2
        bar_w = theme.short * 0.1
        bar_y = baseline + lead * (len(lines) - 1) + size * 0.42
        title = TitleBox(lines, size, [W / 2 - t.width / 2 for t in texts], baseline, lead,
                         (W / 2 - bar_w / 2, bar_y, W / 2 + bar_w / 2, bar_y + theme.short * 0.008))
        top = bar_y + theme.gap * 1.6
    elif visual.title:
        size = theme.size("title")
        lines, size = glyphs.fit(visual.title, size, right - left, "bold", max_lines=2, min_scale=0.7)
        t = glyphs.text(lines[0], size, "bold")
        lead = size * 1.15
        baseline = top + t.ascent
        bar_y = baseline + lead * (len(lines) - 1) + size * 0.38
        title = TitleBox(lines, size, [left] * len(lines), baseline, lead,
                         (left, bar_y, left + theme.short * 0.07, bar_y + theme.short * 0.0075))
        top = bar_y + theme.gap * 1.3
    elif visual.layout == "title":
        top += (bottom - top) * 0.12
    area = (left, top, right, bottom)
    gap = theme.gap * 1.4
    boxes: list[Rect] = []
    others: list[list[Rect]] = []
    rows = _rows(visual, 0)
    if n == 1:
        boxes = [area]
    elif theme.stacked or (len(rows[0]) > 1 or (len(rows) < n and visual.layout != "split")) or \
            (n == 2 and visual.layout != "split" and any(el.kind == "compare" for el in visual.elements)):
        # (two halves are already side by side: beside a third column each would be a sliver, its words broken)
        # one column: each row as tall as its elements want (a row of matrices, then the working under it)
        placed = _stack(visual, theme, rows, left, right, top, bottom, gap * 0.7)
        boxes = [placed[i] for i in range(n)]
        if theme.square and len(rows) == n:
            # a square frame is as wide as it is tall: the first element beside the others, or the first
            # two side by side over the rest, may squeeze less than one column (a plot squashed to a
            # line, a plane taking the height its equations needed); the arrangement whose most squeezed
            # element fits best wins
            best = _squeeze(visual, theme, boxes) * 1.15
            tried = [boxes]
            for other in (_beside(visual, theme, left, right, top, bottom, gap),
                          _pair_over(visual, theme, left, right, top, bottom, gap) if n >= 3 else None):
                fit = _squeeze(visual, theme, other) if other is not None else 0.0
                if other is not None:
                    tried.append(other)
                if other is not None and fit > best:
                    boxes, best = other, fit
            others = [b for b in tried if b is not boxes]
    elif visual.layout == "split":
        boxes = _beside(visual, theme, left, right, top, bottom, gap)
    elif n == 4:
        cols = _split(left, right, [1, 1], gap)
        halves = _share(top, bottom, [max(want(visual.elements[i], theme, cols[0][1] - cols[0][0]) for i in pair)
                                      for pair in ((0, 1), (2, 3))], gap * 0.7)
        boxes = [(cols[c][0], halves[r][0], cols[c][1], halves[r][1]) for r in range(2) for c in range(2)]
    else:
        cols = _split(left, right, [1.0] * n, gap)
        boxes = [(x0, top, x1, bottom) for x0, x1 in cols]
        if _squeeze(visual, theme, boxes) < _NARROW:
            # a line of math too long for its column ('Average price = (10 dollars + 5 dollars + 10 dollars) ÷ 3 ≈
            # 8.33 dollars' in half a 16:9 frame) would be cut off at its edge, or set as small print: the elements
            # go one over another, at full width
            placed = _stack(visual, theme, rows, left, right, top, bottom, gap * 0.7)
            stacked = [placed[i] for i in range(n)]
            if _squeeze(visual, theme, stacked) > _squeeze(visual, theme, boxes):
                boxes = stacked
    return Layout(title, boxes, area, others)


# (how squeezed an element may be before its column is given up: a line of math set at under half its usual size
# beside a list reads as small print, 'Blond roux + White stock = Velouté' in half a 16:9 frame)
_NARROW = 0.45
