"""Stage 3, the segments: hash -> cache -> encode, the way manim separates them.

The video is a chain of segments: each scene's body and each crossfade between two scenes.
A segment's key hashes everything that changes its pixels, so after an edit only the
changed scene (and its two crossfades) is drawn and encoded again; the rest is reused.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vidgen.draw.captioned import FramePump, ease, frame_buffer
from vidgen.draw.pictures import FrameSource
from vidgen.render.context import RenderContext
from vidgen.render.encode import SegmentEncoder
from vidgen.render.timing import ScenePlan

TRANSITION = 0.5        # seconds of crossfade between scenes
LOOK_VERSION = "look-14"  # bump when drawing changes, so cached segments are redone


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
    return [_half(p, fps) for p in plans]


def _half(plan: ScenePlan, fps: int) -> int:
    return min(int(TRANSITION * fps / 2), plan.frames // 4)


def scene_segments(i: int, n: int, plans: Sequence[ScenePlan], keys: Sequence[str], fps: int,
                   folder: Path) -> list[Segment]:
    """The segments scene `i` of `n` completes, in playback order: the crossfade into it, then its body.
    Only scenes up to `i` are read: they can be made while later scenes are still being spoken."""
    out = []
    here = _half(plans[i], fps)
    if i > 0:
        before = _half(plans[i - 1], fps)
        key = digest(keys[i - 1], keys[i], before, here)
        out.append(Segment("cross", i - 1, key, 0, before + here, folder / f"{key}.ts"))
    a = here if i > 0 else 0
    b = plans[i].frames - here if i < n - 1 else plans[i].frames
    key = digest(keys[i], a, b)
    out.append(Segment("body", i, key, a, b, folder / f"{key}.ts"))
    return out


def plan_segments(plans: list[ScenePlan], keys: list[str], fps: int, folder: Path) -> list[Segment]:
    """The segments in playback order, each with its cache path."""
    return [s for i in range(len(plans)) for s in scene_segments(i, len(plans), plans, keys, fps, folder)]


def encode_segments(ctx: RenderContext, n: int, ready: Callable[[int], tuple[ScenePlan, str]],
                    open_scene: Callable[[int], FrameSource],
                    tick: Callable[[int, int], None]) -> tuple[list[Segment], int]:
    """Draw and encode the segments not in the cache, scene by scene as each is ready (`ready(i)`: its
    plan and key, waiting for it if need be); returns every segment in playback order and how many scene
    bodies were reused. `tick(frames done, scene)` is called every few frames and at each reused segment."""
    from vidgen.draw.yuv import mix

    W, H = ctx.size
    fps = ctx.fps
    folder = ctx.cache / "segments"
    plans: list[ScenePlan] = []
    keys: list[str] = []
    segments: list[Segment] = []
    live: dict[int, FrameSource] = {}

    def frames_of(i: int) -> FrameSource:
        if i not in live:
            live[i] = open_scene(i)
            for old in [k for k in live if k < i - 1]:
                live.pop(old).close()
        return live[i]

    _, other = frame_buffer(W, H)
    _, scratch = frame_buffer(W, H)
    enc = SegmentEncoder(W, H, fps, ctx.options.crf, ctx.work)
    pump = FramePump(enc.write, W, H)
    cached = done = 0
    sent = 0  # frames of the stream so far: the encoder numbers them across segments
    try:
        for k in range(n):
            plan, key = ready(k)
            plans.append(plan)
            keys.append(key)
            made = scene_segments(k, n, plans, keys, fps, folder)
            segments += made
            todo = [s for s in made if not s.path.exists()]
            for seg in made:
                if seg not in todo:
                    os.utime(seg.path)  # recently used: kept by the cache pruning
                    cached += seg.kind == "body"
                    done += seg.frames
                    tick(done, k)
            if todo:  # one x264 run for what this scene adds
                enc.add([(s.path, s.frames) for s in todo])
            for seg in todo:
                i = seg.scene
                shown: Hashable | None = None
                for j in range(seg.frames):
                    stream_index, sent, done = sent, sent + 1, done + 1
                    if done % 6 == 0:
                        tick(done, k)
                    if seg.kind == "body":
                        # a frame that looks like the one before is not sent: the encoder repeats that one
                        still = frames_of(i).still(seg.start + j)
                        if still is not None and still == shown and j < seg.frames - 1:
                            continue
                        shown = still
                        buf, out = pump.next()
                        frames_of(i).render(seg.start + j, out)
                    else:
                        buf, out = pump.next()
                        src, dst = frames_of(i), frames_of(i + 1)
                        half = _half(plans[i], fps)  # the frames scene i lends
                        src.render(min(plans[i].frames - half + j, plans[i].frames - 1), other)
                        dst.render(max(0, j - half), scratch)
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
    return segments, cached
