"""Data coordinates on screen: nice tick steps, a mapping from data to pixels, plot labels as math,
and label placement that keeps labels off curves, arrows and each other."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from vidgen.draw.paint import Point, Rect, overlap_area, segment_hits, source
from vidgen.draw.theme import RGB


def nice_step(span: float, target: int = 6) -> float:
    """1, 2 or 5 times a power of ten, giving about `target` steps over `span`."""
    raw = span / max(1, target)
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    for m in (1, 2, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def ticks(lo: float, hi: float, step: float) -> list[float]:
    first = math.ceil(lo / step - 1e-9)
    out: list[float] = []
    k = first
    while k * step <= hi + 1e-9 and len(out) < 60:
        out.append(round(k * step, 10))
        k += 1
    return out


def scale_ticks(lo: float, hi: float, axis: float, fits: int) -> list[tuple[float, str]]:
    """An axis's ticks and their numbers: as many as fit, and at least two besides the one where the other
    axis crosses (`axis`), so a short axis still shows its scale."""
    out = [(v, fmt(v)) for v in ticks(lo, hi, nice_step(hi - lo, fits))]
    while len([v for v, _ in out if abs(v - axis) > 1e-9]) < 2 and fits < 8:
        fits += 1
        out = [(v, fmt(v)) for v in ticks(lo, hi, nice_step(hi - lo, fits))]
    return out


def fmt(v: float) -> str:
    if abs(v) < 1e-9:
        return "0"
    if abs(v - round(v)) < 1e-9:
        return f"{int(round(v))}".replace("-", "\u2212")
    return f"{v:g}".replace("-", "\u2212")


def pi_label(v: float, unit: float) -> str:
    """A tick at a multiple of pi/2 as math: pi/2, pi, 3pi/2, -2pi."""
    n = round(v / unit)
    if n == 0:
        return "0"
    if unit == math.pi:
        return "$" + ("-" if n < 0 else "") + (f"{abs(n)}" if abs(n) != 1 else "") + r"\pi$"
    num = abs(n)
    sign = "-" if n < 0 else ""
    if num % 2 == 0:
        k = num // 2
        return "$" + sign + (f"{k}" if k != 1 else "") + r"\pi$"
    return "$" + sign + (f"{num}" if num != 1 else "") + r"\pi/2$"


@dataclass
class Mapping:
    """Data (x right, y up) -> pixels (y down) for the rectangle `area`."""

    x0: float
    x1: float
    y0: float
    y1: float
    area: Rect

    def __call__(self, x: float, y: float) -> Point:
        a = self.area
        return (a[0] + (x - self.x0) / (self.x1 - self.x0) * (a[2] - a[0]),
                a[3] - (y - self.y0) / (self.y1 - self.y0) * (a[3] - a[1]))

    @property
    def sx(self) -> float:
        return (self.area[2] - self.area[0]) / (self.x1 - self.x0)

    @property
    def sy(self) -> float:
        return (self.area[3] - self.area[1]) / (self.y1 - self.y0)


def paint_grid(cr: Any, m: Mapping, area: Rect, xs: Iterable[float], ys: Iterable[float], colour: RGB,
               alpha: float) -> None:
    """The grid of a plane or a plot: a thin line across `area` at each x of `xs` and each y of `ys`."""
    cr.set_line_width(1.0)
    source(cr, colour, alpha)
    for v in xs:
        px = m(v, 0)[0]
        cr.move_to(px, area[1])
        cr.line_to(px, area[3])
    for v in ys:
        py = m(0, v)[1]
        cr.move_to(area[0], py)
        cr.line_to(area[2], py)
    cr.stroke()


_FUNCS = ("sin", "cos", "tan", "exp", "log", "ln")


def plot_math(label: str) -> str:
    """A plot expression written as math for its curve label: `x^2 - 1` -> `$y = x^{2} - 1$`."""
    s = label.strip()
    if s.startswith("$") and s.endswith("$"):
        body = s.strip("$")
    else:
        body = re.sub(r"^\s*(y|f\s*\(\s*x\s*\))\s*=\s*", "", s)
        body = body.replace("**", "^")
        body = re.sub(r"sqrt\s*\(([^()]*)\)", r"\\sqrt{\1}", body)
        body = re.sub(r"\^\s*\(([^()]*)\)", r"^{\1}", body)
        body = re.sub(r"\^\s*(-?[\w.]+)", r"^{\1}", body)
        body = re.sub(r"\b(" + "|".join(_FUNCS) + r")\b", r"\\\1", body)
        body = re.sub(r"\bpi\b", r"\\pi", body)
        body = re.sub(r"\babs\s*\(([^()]*)\)", r"|\1|", body)
        body = body.replace("*", r"\cdot ")
    if not re.match(r"^\s*(y|f\(x\))\s*=", body):
        body = "y = " + body
    return f"${body}$"


def crowding(r: Rect, bounds: Rect, points: list[Point], segments: list[tuple[Point, Point]], taken: list[Rect],
             gap: float = 4.0) -> float:
    """What a label at `r` would cover: 0 when it is clear, in bounds, of points, segments and other labels."""
    x0, y0, x1, y1 = r
    grown = (x0 - gap, y0 - gap, x1 + gap, y1 + gap)
    cost = 0.0
    if x0 < bounds[0] or y0 < bounds[1] or x1 > bounds[2] or y1 > bounds[3]:
        cost += 1e6 + max(bounds[0] - x0, bounds[1] - y0, x1 - bounds[2], y1 - bounds[3], 0) * 100
    cost += sum(1000.0 for px, py in points if grown[0] <= px <= grown[2] and grown[1] <= py <= grown[3])
    cost += sum(2000.0 for p, q in segments if segment_hits(grown, p, q))
    cost += sum(overlap_area(grown, o) * 10 for o in taken)
    return cost


def place(size: tuple[float, float], candidates: Iterable[Point], bounds: Rect, points: list[Point],
          segments: list[tuple[Point, Point]], taken: list[Rect], gap: float = 4.0) -> Rect:
    """The first candidate box (top-left corners) that stays in bounds and clear of points, segments and
    other labels; if none is clear, the one with the least overlap."""
    w, h = size
    best: tuple[float, Rect] | None = None
    for k, (x, y) in enumerate(candidates):
        r = (x, y, x + w, y + h)
        cost = crowding(r, bounds, points, segments, taken, gap) + k * 0.5  # earlier candidates when equally clear
        if cost < 1:
            return r
        if best is None or cost < best[0]:
            best = (cost, r)
    assert best is not None
    # nothing clear: the least bad place, moved inside the bounds (a label cut off by the edge says nothing)
    x0, y0, x1, y1 = best[1]
    dx = max(bounds[0] - x0, 0.0) - max(x1 - bounds[2], 0.0)
    dy = max(bounds[1] - y0, 0.0) - max(y1 - bounds[3], 0.0)
    return (x0 + dx, y0 + dy, x1 + dx, y1 + dy)
