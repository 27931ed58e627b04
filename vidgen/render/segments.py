"""Stage 3, the segments: hash -> cache -> encode, the way manim separates them.

The video is a chain of segments: each scene's body and each crossfade between two scenes.
A segment's key hashes everything that changes its pixels, so after an edit only the
changed scene (and its two crossfades) is drawn and encoded again; the rest is reused.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vidgen.draw.captioned import FramePump, ease, frame_buffer
from vidgen.draw.pictures import FrameSource
from vidgen.render.context import RenderContext
from vidgen.render.encode import SegmentEncoder
from vidgen.render.timing import ScenePlan

TRANSITION = 0.5        # seconds of crossfade between scenes
LOOK_VERSION = "look-11"  # bump when drawing changes, so cached segments are redone


def digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Segment:
    kind: str            # "body": frames [start, end) of scene `scene`; "cross": scene -> scene + 1
    scene: int
    key: str
    start: int
    end: int
    path: Path

    @property
    def frames(self) -> int:
        return self.end - self.start


def crossfade_halves(plans: list[ScenePlan], fps: int) -> list[int]:
    """Frames each scene lends to its crossfades: half a transition, at most a quarter of the scene."""
    return [min(int(TRANSITION * fps / 2), p.frames // 4) for p in plans]


def plan_segments(plans: list[ScenePlan], keys: list[str], fps: int, folder: Path) -> list[Segment]:
    """The segments in playback order, each with its cache path."""
    half = crossfade_halves(plans, fps)
    n = len(plans)
    out = []
    for i, p in enumerate(plans):
        a = half[i] if i > 0 else 0
        b = p.frames - half[i] if i < n - 1 else p.frames
        key = digest(keys[i], a, b)
        out.append(Segment("body", i, key, a, b, folder / f"{key}.ts"))
        if i < n - 1:
            key = digest(keys[i], keys[i + 1], half[i], half[i + 1])
            out.append(Segment("cross", i, key, 0, half[i] + half[i + 1], folder / f"{key}.ts"))
    return out


def encode_segments(ctx: RenderContext, segments: list[Segment], plans: list[ScenePlan],
                    open_scene: Callable[[int], FrameSource], total_frames: int) -> int:
    """Draw and encode the segments not in the cache; returns how many scene bodies were reused."""
    from vidgen.draw.yuv import mix

    W, H = ctx.size
    n = len(plans)
    half = crossfade_halves(plans, ctx.fps)
    todo = [s for s in segments if not s.path.exists()]
    cached = sum(1 for s in segments if s.kind == "body" and s not in todo)
    for s in segments:
        if s not in todo:
            os.utime(s.path)  # recently used: kept by the cache pruning
    done = sum(s.frames for s in segments if s not in todo)
    ctx.progress("encode", done / total_frames, f"{cached}/{n} scenes reused")
    if not todo:
        return cached
    live: dict[int, FrameSource] = {}

    def frames_of(i: int) -> FrameSource:
        if i not in live:
            live[i] = open_scene(i)
            for old in [k for k in live if k < i - 1]:
                live.pop(old).close()
        return live[i]

    _, other = frame_buffer(W, H)
    _, scratch = frame_buffer(W, H)
    enc = SegmentEncoder([s.path for s in todo], [s.frames for s in todo], W, H, ctx.fps, ctx.options.crf, ctx.work)
    pump = FramePump(enc.write, W, H)
    try:
        sent = 0  # frames of the stream so far: the encoder numbers them across segments
        for seg in todo:
            i = seg.scene
            shown: Hashable | None = None
            for j in range(seg.frames):
                stream_index, sent, done = sent, sent + 1, done + 1
                if done % 6 == 0:
                    ctx.progress("encode", done / total_frames, f"scene {i + 1}/{n}, frame {done}/{total_frames}")
                if seg.kind == "body":
                    # a frame that looks like the one before is not sent: the encoder repeats that one
                    key = frames_of(i).still(seg.start + j)
                    if key is not None and key == shown and j < seg.frames - 1:
                        continue
                    shown = key
                    buf, out = pump.next()
                    frames_of(i).render(seg.start + j, out)
                else:
                    buf, out = pump.next()
                    src, dst = frames_of(i), frames_of(i + 1)
                    src.render(min(plans[i].frames - half[i] + j, plans[i].frames - 1), other)
                    dst.render(max(0, j - half[i]), scratch)
                    mix(other, scratch, ease((j + 0.5) / seg.frames), out)
                pump.push((buf, out), stream_index)
        pump.close()
        enc.close()
    except BaseException:
        enc.abort()
        pump.close_quietly()
        raise
    finally:
        for f in live.values():
            f.close()
    ctx.timer.lap("pictures+encode")
    return cached
