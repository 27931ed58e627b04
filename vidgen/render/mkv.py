"""The smallest Matroska stream ffmpeg reads from a pipe: raw I420 frames with timestamps.

Raw video on a pipe has no timestamps, so every frame of a hold had to be copied and sent;
most of an explainer is holds, and that copying cost more CPU than drawing. With a
timestamp per frame, a frame is sent once and ffmpeg's fps filter repeats it until the next.
Only what the demuxer needs is written: the EBML header, a segment of unknown size, one
track (V_UNCOMPRESSED, colour space "I420") and one cluster per frame.
"""

from __future__ import annotations

TICK_NS = 1_000_000  # timestamps in milliseconds; frames are placed by rounding to the nearest


def _size(n: int) -> bytes:
    """An EBML variable-length size (all ones is reserved for "unknown")."""
    for length in range(1, 9):
        if n < (1 << (7 * length)) - 1:
            return (n | (1 << (7 * length))).to_bytes(length, "big")
    raise ValueError(f"an element of {n} bytes is too large for Matroska")


def _element(ident: bytes, payload: bytes) -> bytes:
    return ident + _size(len(payload)) + payload


def _uint(ident: bytes, value: int) -> bytes:
    return _element(ident, value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def header(width: int, height: int, fps: int) -> bytes:
    ebml = _element(b"\x1a\x45\xdf\xa3",
                    _uint(b"\x42\x86", 1) + _uint(b"\x42\xf7", 1) + _uint(b"\x42\xf2", 4) + _uint(b"\x42\xf3", 8)
                    + _element(b"\x42\x82", b"matroska") + _uint(b"\x42\x87", 4) + _uint(b"\x42\x85", 2))
    segment = b"\x18\x53\x80\x67" + b"\x01" + b"\xff" * 7  # size unknown: the stream ends when the pipe does
    info = _element(b"\x15\x49\xa9\x66", _uint(b"\x2a\xd7\xb1", TICK_NS) + _element(b"\x4d\x80", b"vidgen")
                    + _element(b"\x57\x41", b"vidgen"))
    video = _element(b"\xe0", _uint(b"\xb0", width) + _uint(b"\xba", height) + _element(b"\x2e\xb5\x24", b"I420"))
    track = _element(b"\xae", _uint(b"\xd7", 1) + _uint(b"\x73\xc5", 1) + _uint(b"\x83", 1)
                     + _element(b"\x86", b"V_UNCOMPRESSED") + _uint(b"\x23\xe3\x83", round(1e9 / fps)) + video)
    return ebml + segment + info + _element(b"\x16\x54\xae\x6b", track)


def frame_head(index: int, fps: int, length: int) -> bytes:
    """What precedes a frame's `length` bytes: a cluster at its time holding one key-frame block."""
    stamp = _uint(b"\xe7", round(index * 1e9 / fps / TICK_NS))
    block = b"\xa3" + _size(length + 4) + b"\x81\x00\x00\x80"  # track 1, relative time 0, key frame
    return b"\x1f\x43\xb6\x75" + _size(len(stamp) + len(block) + length) + stamp + block
