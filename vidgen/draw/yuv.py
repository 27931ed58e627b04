"""RGB pictures -> the YUV 4:2:0 planes x264 encodes, converted once per picture.

Frames go to the encoder as yuv420p: half the bytes of RGB and no colour conversion
per frame, which is most of the difference between a slow and a fast render.
BT.709, limited range, as the stream is tagged.
"""

from __future__ import annotations

import numpy as np

_KR, _KB = 0.2126, 0.0722
_KG = 1 - _KR - _KB


class Planes:
    """Y at full size, U and V at half size in both directions."""

    __slots__ = ("y", "u", "v")

    def __init__(self, y: np.ndarray, u: np.ndarray, v: np.ndarray):
        self.y, self.u, self.v = y, u, v

    @property
    def size(self) -> tuple[int, int]:
        return self.y.shape[1], self.y.shape[0]


def _even(arr: np.ndarray) -> np.ndarray:
    h, w = arr.shape[:2]
    return arr[: h - h % 2, : w - w % 2]


# BT.709 limited range as (R, G, B, offset) rows for Pillow's matrix conversion, which runs in C
_SY, _SC = 219 / 255, 224 / 255
_MY = (_SY * _KR, _SY * _KG, _SY * _KB, 16.0)
_MU = (-_SC * _KR / (2 * (1 - _KB)), -_SC * _KG / (2 * (1 - _KB)), _SC / 2, 128.0)
_MV = (_SC / 2, -_SC * _KG / (2 * (1 - _KR)), -_SC * _KB / (2 * (1 - _KR)), 128.0)


def image_to_planes(img) -> Planes:
    """A Pillow RGB image (even size) -> planes: Y per pixel, chroma from the 2x2 average, as 4:2:0 keeps it.

    Pillow's matrix conversion and box reduction are C loops over uint8: ~4x faster than the
    same arithmetic in float32 numpy, which matters because every drawn frame goes through here.
    """
    half = img.reduce(2)
    y = np.asarray(img.convert("L", _MY))
    u = np.asarray(half.convert("L", _MU))
    v = np.asarray(half.convert("L", _MV))
    return Planes(y, u, v)


def rgb_to_planes(rgb: np.ndarray) -> Planes:
    from PIL import Image

    return image_to_planes(Image.fromarray(np.ascontiguousarray(_even(rgb[..., :3]), dtype=np.uint8)))


class Overlay:
    """An RGBA picture ready to blend onto frames: premultiplied planes and 0-256 weights."""

    def __init__(self, rgba: np.ndarray, x: int, y: int):
        rgba = _even(rgba)
        self.x, self.y = x - x % 2, y - y % 2
        planes = rgb_to_planes(rgba[..., :3])
        a = rgba[..., 3].astype(np.uint16) + 1  # 1..256
        a[rgba[..., 3] == 0] = 0
        a2 = ((a[0::2, 0::2] + a[1::2, 0::2] + a[0::2, 1::2] + a[1::2, 1::2]) // 4).astype(np.uint16)
        self.keep_y, self.keep_c = (256 - a), (256 - a2)
        self.add_y = planes.y.astype(np.uint16) * a
        self.add_u = planes.u.astype(np.uint16) * a2
        self.add_v = planes.v.astype(np.uint16) * a2

    def blend(self, out: Planes) -> None:
        h, w = self.keep_y.shape
        ys = out.y[self.y:self.y + h, self.x:self.x + w]
        ys[...] = ((ys * self.keep_y + self.add_y) >> 8).astype(np.uint8)
        cy, cx = self.y // 2, self.x // 2
        for plane, add in ((out.u, self.add_u), (out.v, self.add_v)):
            region = plane[cy:cy + h // 2, cx:cx + w // 2]
            region[...] = ((region * self.keep_c + add) >> 8).astype(np.uint8)


def mix(a: Planes, b: Planes, weight: float, out: Planes) -> None:
    """out = a * (1 - weight) + b * weight, in integer arithmetic."""
    w = int(round(weight * 256))
    for pa, pb, po in ((a.y, b.y, out.y), (a.u, b.u, out.u), (a.v, b.v, out.v)):
        po[...] = ((pa.astype(np.uint16) * (256 - w) + pb.astype(np.uint16) * w) >> 8).astype(np.uint8)
