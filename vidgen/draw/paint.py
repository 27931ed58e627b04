"""Small cairo drawing helpers shared by the element kinds: rectangles, arrows, strokes drawn along
their length, glows, numbered badges. Coordinates are pixels, y down."""

from __future__ import annotations

import math
from typing import Any

from vidgen.draw.theme import RGB

Rect = tuple[float, float, float, float]   # x0, y0, x1, y1
Point = tuple[float, float]


def drawn_angle(radians: float, most: float = 2.0) -> float:
    """An angle as an arc shows it: up to `most` full turns as they are, beyond that one turn fewer than
    `most` plus what is left over. An arc drawn over itself looks the same however many times it goes
    round, so a rotation of a billion degrees draws as a circle and its remainder, not as millions of
    turns (cairo's arcs cost in proportion to the angle)."""
    full = 2 * math.pi * most
    if abs(radians) <= full:
        return radians
    return math.copysign(full - 2 * math.pi + math.fmod(abs(radians), 2 * math.pi), radians)


# -- rectangles ---------------------------------------------------------------------------------
def union(a: Rect | None, b: Rect) -> Rect:
    return b if a is None else (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def pad(r: Rect, d: float) -> Rect:
    return (r[0] - d, r[1] - d, r[2] + d, r[3] + d)


def overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def overlap_area(a: Rect, b: Rect) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def inside(a: Rect, b: Rect) -> bool:
    """a lies within b."""
    return a[0] >= b[0] and a[1] >= b[1] and a[2] <= b[2] and a[3] <= b[3]


def segment_hits(r: Rect, p: Point, q: Point, steps: int = 12) -> bool:
    """Does the segment p-q pass through r (sampled; labels only need a rough answer)."""
    for k in range(steps + 1):
        x = p[0] + (q[0] - p[0]) * k / steps
        y = p[1] + (q[1] - p[1]) * k / steps
        if r[0] <= x <= r[2] and r[1] <= y <= r[3]:
            return True
    return False


# -- colour and paths ---------------------------------------------------------------------------
def source(cr: Any, c: RGB, alpha: float = 1.0) -> None:
    cr.set_source_rgba(c[0], c[1], c[2], max(0.0, min(1.0, alpha)))


def rounded(cr: Any, x: float, y: float, w: float, h: float, r: float) -> None:
    r = max(0.0, min(r, w / 2, h / 2))
    cr.new_sub_path()
    cr.arc(x + w - r, y + r, r, -math.pi / 2, 0)
    cr.arc(x + w - r, y + h - r, r, 0, math.pi / 2)
    cr.arc(x + r, y + h - r, r, math.pi / 2, math.pi)
    cr.arc(x + r, y + r, r, math.pi, 1.5 * math.pi)
    cr.close_path()


def glow_stroke(cr: Any, colour: RGB, alpha: float, width: float) -> None:
    """Soft light around the current path (kept): a few wide translucent strokes."""
    if alpha <= 0.01:
        return
    for k, a in ((3.2, 0.10), (2.2, 0.16), (1.5, 0.22)):
        cr.set_line_width(width * k)
        source(cr, colour, alpha * a)
        cr.stroke_preserve()


def polyline_length(points: list[Point]) -> list[float]:
    """Cumulative lengths along a polyline (first 0)."""
    acc, out = 0.0, [0.0]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        acc += math.hypot(x1 - x0, y1 - y0)
        out.append(acc)
    return out


def partial(points: list[Point], fraction: float, lengths: list[float] | None = None) -> list[Point]:
    """The first `fraction` of a polyline, by length."""
    if fraction >= 1 or len(points) < 2:
        return points
    lengths = lengths or polyline_length(points)
    goal = lengths[-1] * max(0.0, fraction)
    out = [points[0]]
    for k in range(1, len(points)):
        if lengths[k] >= goal:
            seg = lengths[k] - lengths[k - 1]
            f = (goal - lengths[k - 1]) / seg if seg > 0 else 0.0
            (x0, y0), (x1, y1) = points[k - 1], points[k]
            out.append((x0 + (x1 - x0) * f, y0 + (y1 - y0) * f))
            return out
        out.append(points[k])
    return out


def path_of(cr: Any, points: list[Point], close: bool = False) -> None:
    cr.move_to(*points[0])
    for p in points[1:]:
        cr.line_to(*p)
    if close:
        cr.close_path()


def arrow(cr: Any, p: Point, q: Point, colour: RGB, width: float, alpha: float = 1.0, progress: float = 1.0,
          head: float | None = None, glow: float = 0.0) -> None:
    """An arrow p -> q drawn along its length; the head grows in as the line arrives."""
    if progress <= 0 or alpha <= 0:
        return
    dx, dy = q[0] - p[0], q[1] - p[1]
    length = math.hypot(dx, dy)
    if length < 1:
        return
    ux, uy = dx / length, dy / length
    head = head or width * 4.2
    head = min(head, length * 0.45)
    tip = (p[0] + dx * progress, p[1] + dy * progress)
    size = head * min(1.0, progress * length / max(1.0, head * 1.5))
    base = (tip[0] - ux * size * 0.9, tip[1] - uy * size * 0.9)
    cr.set_line_cap(1)  # round
    cr.move_to(*p)
    cr.line_to(*base)
    if glow > 0:
        glow_stroke(cr, colour, glow, width)
    cr.set_line_width(width)
    source(cr, colour, alpha)
    cr.stroke()
    if size > 0.5:
        nx, ny = -uy, ux
        cr.move_to(*tip)
        cr.line_to(tip[0] - ux * size + nx * size * 0.5, tip[1] - uy * size + ny * size * 0.5)
        cr.line_to(tip[0] - ux * size * 0.72, tip[1] - uy * size * 0.72)
        cr.line_to(tip[0] - ux * size - nx * size * 0.5, tip[1] - uy * size - ny * size * 0.5)
        cr.close_path()
        source(cr, colour, alpha)
        cr.fill()


def dashed_line(cr: Any, p: Point, q: Point, colour: RGB, width: float, alpha: float, dash: float) -> None:
    cr.set_dash([dash, dash * 0.8])
    cr.set_line_width(width)
    source(cr, colour, alpha)
    cr.move_to(*p)
    cr.line_to(*q)
    cr.stroke()
    cr.set_dash([])


def badge(cr: Any, cx: float, cy: float, r: float, colour: RGB, number: str, ink: RGB, alpha: float = 1.0,
          scale: float = 1.0) -> None:
    """A filled circle with a number (flow and list badges)."""
    from vidgen.draw import glyphs

    if alpha <= 0 or scale < 0.02:
        return
    cr.arc(cx, cy, r * scale, 0, 2 * math.pi)
    source(cr, colour, alpha)
    cr.fill()
    t = glyphs.text(number, r * 1.15, "bold")
    glyphs.paint(cr, t, cx - t.width * scale / 2 + t.size * 0.03 * scale, cy + t.size * 0.36 * scale, ink, alpha,
                 scale)
