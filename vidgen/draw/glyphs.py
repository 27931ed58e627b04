"""Text and math as glyph outlines from matplotlib's bundled DejaVu fonts, rasterised once into masks.

Why outlines and not system fonts: matplotlib ships DejaVu Sans (regular, bold, mono) and draws
mathtext with the same family, so plain labels and `$...$` math look alike, and nothing depends
on which fonts a machine has installed. Why masks: a label is drawn in many frames, so its
outline is filled once into an 8-bit coverage mask (cached per string, size and face) and every
frame paints that mask in any colour and opacity, which costs a small blit, not a path fill.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from vidgen.draw.theme import RGB

FACES = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf", "mono": "DejaVuSansMono.ttf"}
ASCENT, DESCENT = 0.80, 0.24   # layout box of one line, in units of the font size (DejaVu's caps, descenders)
PAD = 2                        # pixels of empty border around a mask, so antialiased edges are not cut


@lru_cache(maxsize=4)
def _font(face: str) -> Any:
    from matplotlib import get_data_path
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=os.path.join(get_data_path(), "fonts", "ttf", FACES[face]))


@lru_cache(maxsize=4)
def _charmap(face: str) -> frozenset[int]:
    from matplotlib import get_data_path
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(os.path.join(get_data_path(), "fonts", "ttf", FACES[face])).get_charmap())


@lru_cache(maxsize=4096)
def undrawable(label: str, face: str = "regular") -> str:
    """The characters of a plain label the video's font has no glyph for (they would show as boxes); math
    ('$...$') is set by mathtext's own fonts and is not looked at."""
    if "$" in label:
        return ""
    have = _charmap(face)
    return "".join(dict.fromkeys(c for c in clean(label) if not c.isspace() and ord(c) not in have))


UNIT = 100.0   # outlines are made once at this size and scaled: layout loops measure for free
MAX_WIDTH = 8192   # pixels: wider than any frame (4k is 3840); cairo refuses surfaces over 32,767


class Text:
    """A string at a size: layout metrics at once, its mask rasterised on first paint.

    Paint `mask` with its top-left at (x + ox, baseline + oy)."""

    def __init__(self, label: str, size: float, face: str):
        k = size / UNIT
        path, (x0, x1, y0, y1) = _outline(label, face)
        while x1 * k > MAX_WIDTH and len(label) > 1:
            # no frame shows text this wide, and its mask would be too large to make: elided to what could show
            label = label[: max(1, int(len(label) * MAX_WIDTH / (x1 * k)) - 1)].rstrip("$") + "…"
            path, (x0, x1, y0, y1) = _outline(label, face)
        self.label, self.size, self.face = label, size, face
        self._path, self._k = path, k
        self._ext = (x0 * k, x1 * k, y0 * k, y1 * k)
        self.ascent = max(y1 * k, ASCENT * size)      # layout extent above the baseline (at least caps)
        self.descent = max(-y0 * k, DESCENT * size)   # and below it
        self.width = (x1 * k + size * 0.06) if label.strip() else size * 0.3   # advance for layout
        self.ox = math.floor(min(x0 * k, 0)) - PAD
        self.oy = math.floor(-y1 * k) - PAD
        self._mask: Any = None
        self._blur: Any = None

    @property
    def height(self) -> float:
        return self.ascent + self.descent

    @property
    def mask(self) -> Any:
        """The coverage mask (cairo A8 surface)."""
        if self._mask is None:
            import cairocffi as cairo

            x0, x1, y0, y1 = self._ext
            w, h = max(1, math.ceil(x1) - self.ox + PAD), max(1, math.ceil(-y0) - self.oy + PAD)
            mask = cairo.ImageSurface(cairo.FORMAT_A8, w, h)
            cr = cairo.Context(mask)
            outline(cr, self._path, self._k, -self._k, -self.ox, -self.oy)
            cr.set_source_rgba(0, 0, 0, 1)
            cr.fill()
            mask.flush()
            self._mask = mask
        return self._mask

    def glow(self, radius: float) -> tuple[Any, int]:
        """A blurred copy of the mask (for a highlight's glow) and the extra border it has."""
        if self._blur is None:
            self._blur = _blurred(self.mask, max(2, int(radius)))
        return self._blur


@lru_cache(maxsize=8192)
def _outline(label: str, face: str) -> tuple[Any, tuple[float, float, float, float]]:
    """A label's glyph outline at UNIT size and its ink extents (x0, x1, y0, y1), y up."""
    from matplotlib.textpath import TextPath

    from vidgen.visual.tex import MAX_NESTING, nesting

    label = clean(label)
    try:
        if nesting(label) > MAX_NESTING:  # the parser would run out of stack: drawn as text
            raise ValueError(label)
        path = TextPath((0, 0), label or " ", size=UNIT, prop=_font(face))
    except MemoryError:
        raise
    except Exception:  # math the parser refuses (the spec checks it; a render must not fail anyway)
        path = TextPath((0, 0), label.replace("$", ""), size=UNIT, prop=_font(face))
    if not len(path.vertices):
        return path, (0.0, 0.0, 0.0, 0.0)
    # the box of the outline's points, not Path.get_extents (which solves every curve's extrema: ~5 ms a
    # label, paid again each frame a traced point's coordinates change). Glyph outlines put points on their
    # extremes, so the two agree; CLOSEPOLY's placeholder vertex is not a point of the outline.
    from matplotlib.path import Path as MplPath

    pts = path.vertices if path.codes is None else path.vertices[path.codes != MplPath.CLOSEPOLY]
    (x0, y0), (x1, y1) = pts.min(axis=0), pts.max(axis=0)
    return path, (float(x0), float(x1), float(y0), float(y1))


def _blurred(mask: Any, radius: int) -> tuple[Any, int]:
    import cairocffi as cairo
    import numpy as np
    from PIL import Image, ImageFilter

    w, h, stride = mask.get_width(), mask.get_height(), mask.get_stride()
    a = np.frombuffer(mask.get_data(), np.uint8).reshape(h, stride)[:, :w]
    border = radius * 2
    big = Image.new("L", (w + 2 * border, h + 2 * border), 0)
    big.paste(Image.fromarray(np.ascontiguousarray(a)), (border, border))
    big = big.filter(ImageFilter.MaxFilter(3)).filter(ImageFilter.GaussianBlur(radius))
    out = cairo.ImageSurface(cairo.FORMAT_A8, big.width, big.height)
    ostride = out.get_stride()
    arr = np.frombuffer(out.get_data(), np.uint8).reshape(big.height, ostride)
    arr[:, :big.width] = np.minimum(255, np.asarray(big, dtype=np.uint16) * 2).astype(np.uint8)
    out.mark_dirty()
    return out, border


def outline(cr: Any, path: Any, sx: float = 1.0, sy: float = -1.0, dx: float = 0.0, dy: float = 0.0) -> None:
    """Append a matplotlib Path to a cairo context (quadratic segments become cubic)."""
    x0 = y0 = 0.0
    for verts, code in path.iter_segments(curves=True, simplify=False):
        if code == 1:
            x0, y0 = verts[0] * sx + dx, verts[1] * sy + dy
            cr.move_to(x0, y0)
        elif code == 2:
            x0, y0 = verts[0] * sx + dx, verts[1] * sy + dy
            cr.line_to(x0, y0)
        elif code == 3:
            qx, qy = verts[0] * sx + dx, verts[1] * sy + dy
            x, y = verts[2] * sx + dx, verts[3] * sy + dy
            cr.curve_to(x0 + 2 / 3 * (qx - x0), y0 + 2 / 3 * (qy - y0), x + 2 / 3 * (qx - x), y + 2 / 3 * (qy - y),
                        x, y)
            x0, y0 = x, y
        elif code == 4:
            x0, y0 = verts[4] * sx + dx, verts[5] * sy + dy
            cr.curve_to(verts[0] * sx + dx, verts[1] * sy + dy, verts[2] * sx + dx, verts[3] * sy + dy, x0, y0)
        elif code == 79:
            cr.close_path()


def clean(label: str) -> str:
    """Mathtext needs balanced $; text without math must not have a lone $ read as math. The full-width dollar
    that keeps money from reading as math in a label ('＄4.50') is drawn as the dollar sign: the font has none."""
    if label.count("$") % 2:
        label = label.replace("$", r"\$")
    return label.replace("＄", r"\$")


@lru_cache(maxsize=2048)   # a mask is up to a few hundred kB at 4K: bounded, outlines are cached apart
def text(label: str, size: float, face: str = "regular") -> Text:
    """`label` (plain, or with `$...$` math) at `size` pixels (rounded to half a pixel), cached."""
    return Text(label, round(size * 2) / 2, face)


@dataclass(frozen=True)
class Painted:
    """One text as a viewer sees it: its ink box and the clip it was drawn in, in frame pixels."""

    label: str
    size: float                                  # type size in pixels, after any scaling
    ink: tuple[float, float, float, float]
    clip: tuple[float, float, float, float]
    alpha: float


# set while a frame is measured rather than drawn (`recording`): texts are noted, not rasterised
_RECORD: ContextVar[list[Painted] | None] = ContextVar("vidgen_glyph_record", default=None)


@contextmanager
def recording() -> Iterator[list[Painted]]:
    """Every text `paint` is asked for, measured in device pixels instead of drawn (the check of what a
    viewer sees reads the real layout without rasterising a glyph)."""
    out: list[Painted] = []
    token = _RECORD.set(out)
    try:
        yield out
    finally:
        _RECORD.reset(token)


def is_recording() -> bool:
    return _RECORD.get() is not None


def _device_box(cr: Any, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    pts = [cr.user_to_device(x, y) for x in (x0, x1) for y in (y0, y1)]
    return (min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts), max(p[1] for p in pts))


def _note(out: list[Painted], cr: Any, t: Text, x: float, baseline: float, alpha: float, scale: float) -> None:
    if not t.label.strip():
        return
    ex0, ex1, ey0, ey1 = t._ext
    ink = _device_box(cr, x + ex0 * scale, baseline - ey1 * scale, x + ex1 * scale, baseline - ey0 * scale)
    clip = _device_box(cr, *cr.clip_extents())
    factor = abs(cr.user_to_device_distance(1.0, 0.0)[0]) or 1.0
    out.append(Painted(t.label, t.size * scale * factor, ink, clip, alpha))


def paint(cr: Any, t: Text, x: float, baseline: float, colour: RGB, alpha: float = 1.0, scale: float = 1.0) -> None:
    """Paint a text's mask with its origin at (x, baseline); scale about that origin."""
    if alpha <= 0.003 or scale < 0.02:  # a vanishing scale is a singular matrix to cairo
        return
    record = _RECORD.get()
    if record is not None:
        _note(record, cr, t, x, baseline, alpha, scale)
        return
    cr.set_source_rgba(colour[0], colour[1], colour[2], min(1.0, alpha))
    if scale == 1.0:
        cr.mask_surface(t.mask, x + t.ox, baseline + t.oy)
        return
    cr.save()
    cr.translate(x, baseline)
    cr.scale(scale, scale)
    cr.mask_surface(t.mask, t.ox, t.oy)
    cr.restore()


def paint_glow(cr: Any, t: Text, x: float, baseline: float, colour: RGB, alpha: float) -> None:
    if alpha <= 0.003:
        return
    blur, border = t.glow(t.size * 0.18)
    cr.set_source_rgba(colour[0], colour[1], colour[2], min(1.0, alpha))
    cr.mask_surface(blur, x + t.ox - border, baseline + t.oy - border)


def halo(cr: Any, t: Text, x: float, baseline: float, colour: RGB, alpha: float = 1.0) -> None:
    """A background-coloured halo under a label, so lines and curves behind it do not cut it."""
    blur, border = t.glow(t.size * 0.18)
    cr.set_source_rgba(colour[0], colour[1], colour[2], min(1.0, alpha))
    for _ in range(2):
        cr.mask_surface(blur, x + t.ox - border, baseline + t.oy - border)


def split_words(label: str) -> list[str]:
    """Words of a label; a `$...$` span stays one word even if it has spaces."""
    words: list[str] = []
    current, in_math = "", False
    for ch in label:
        if ch == "$":
            in_math = not in_math
        if ch == " " and not in_math:
            if current:
                words.append(current)
            current = ""
        else:
            current += ch
    if current:
        words.append(current)
    return words


def joins(word: str) -> list[str]:
    """A word's parts where it may break without cutting one: after '@', '/' or '-', before a '.' ('alerts@',
    'acme-', 'bank', '.net')."""
    return re.split(r"(?<=[@/-])(?=[^@/-])|(?<=[^.])(?=\.[^.\s])", word)


def break_word(word: str, size: float, max_width: float, face: str = "regular") -> list[str]:
    """A word wider than `max_width` cut into pieces that fit, by character (math stays whole: it cannot
    be cut; a math span too wide is elided by `Text`)."""
    if "$" in word or text(word, size, face).width <= max_width:
        return [word]
    # an address, a path or a compound breaks where it joins ('alerts@acme-' / 'bank-helpdesk' / '-secure.net'):
    # as many of its parts as fit go on each line, and only a part too wide alone is cut by character
    parts = joins(word)
    if len(parts) > 1:
        packed: list[str] = []
        for part in parts:
            if packed and text(packed[-1] + part, size, face).width <= max_width:
                packed[-1] += part
            else:
                packed.append(part)
        return [bit for chunk in packed for bit in break_word(chunk, size, max_width, face)] \
            if any(text(c, size, face).width > max_width for c in packed) else packed
    pieces, rest = [], word
    while rest:
        lo, hi = 1, len(rest)   # the longest prefix that fits (at least one character)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if text(rest[:mid], size, face).width <= max_width:
                lo = mid
            else:
                hi = mid - 1
        pieces.append(rest[:lo])
        rest = rest[lo:]
    return pieces


def _hyphenated(word: str, size: float, max_width: float, face: str) -> list[str]:
    """A compound wider than a line in its pieces after each hyphen ('syn-', 'Propanethial-', 'S-', 'oxide'), every
    character kept; any other word whole."""
    if "$" in word or "-" not in word.strip("-") or text(word, size, face).width <= max_width:
        return [word]
    return re.split(r"(?<=-)(?=[^-])", word)


# a list's separators: each closes the line it ends and never opens the next ('1071 | 462 |' / '2 | 147')
SEPARATORS = ("|", "·")


def wrap(label: str, size: float, max_width: float, face: str = "regular", break_words: bool = True) -> list[str]:
    """Greedy word wrap by measured width; a word wider than a line is broken by character (unless
    `break_words` is false: then it overflows, for a caller that shrinks the type first)."""
    lines: list[str] = []
    current = ""
    # a compound wider than a line ('syn-Propanethial-S-oxide') breaks after its hyphens, before it is broken by
    # character (`break_words`) or set smaller
    glued: list[tuple[str, str]] = []
    for word in split_words(label):
        if word in SEPARATORS and glued:   # (it stays with the word before it)
            glued[-1] = (f"{glued[-1][0]} {word}", glued[-1][1])
            continue
        pieces = _hyphenated(word, size, max_width, face)
        if break_words:
            pieces = [bit for piece in pieces for bit in break_word(piece, size, max_width, face)]
        glued += [(piece, " " if k == 0 else "") for k, piece in enumerate(pieces)]
    for word, glue in glued:
        trial = f"{current}{glue}{word}" if current else word
        if current and text(trial, size, face).width > max_width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current or not lines:
        lines.append(current)
    return lines


def fit(label: str, size: float, max_width: float, face: str = "regular", min_scale: float = 0.55,
        max_lines: int = 3) -> tuple[list[str], float]:
    """Wrap `label` into at most `max_lines` lines no wider than max_width, shrinking the size if needed."""
    s = size
    while True:
        # a long word first makes the type smaller ("ingredients" whole in a box); only at the smallest
        # size is a word still too wide broken by character
        smallest = s <= size * min_scale
        lines = wrap(label, s, max_width, face, break_words=smallest)
        widest = max(text(line, s, face).width for line in lines)
        if (len(lines) <= max_lines and widest <= max_width) or smallest:
            return lines, s
        s = max(size * min_scale, s * 0.9)


def caption_fit(label: str, size: float, floor: float, max_width: float) -> tuple[list[str], float]:
    """A caption's lines and size: one line if it fits at `floor` or larger, else wrapped at `floor`, the
    smallest readable size (the least height taken from what it captions); never cut short."""
    lines, s = fit(label, size, max_width, max_lines=1)
    if s < floor:
        lines, s = fit(label, floor, max_width, min_scale=1.0)
    return lines, s
