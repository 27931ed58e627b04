"""Stage 4, finishing: join the segments with the sound, write the sidecars, put the video in
place last (a video that looks finished is finished), and keep the render's record."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from PIL import Image

from vidgen.draw.pictures import save_storyboard
from vidgen.render.context import RenderContext
from vidgen.render.encode import AudioEncoder, mux
from vidgen.render.segments import Segment
from vidgen.render.timing import ffmetadata, to_chapters, to_srt, to_vtt
from vidgen.script.words import Word
from vidgen.store.names import partial, sidecar


def finish(ctx: RenderContext, segments: list[Segment], audio: AudioEncoder, cues: list[Any],
           tiles: list[Image.Image], thumb: Path, theme: Any, chapters: list[tuple[float, str]],
           duration: float, words: list[Word]) -> list[Path]:
    """Mux into the hidden partial file, write the sidecars, then rename the video into place.

    `<video>.words.json`: every word as written, what the voice said for it, and when (seconds on the
    video's timeline), in order: `[{"word", "spoken", "start", "end"}]`."""
    ctx.progress("mux", 0.2, "joining the video")
    part = partial(ctx.final, os.getpid())
    mux([s.path for s in segments], audio.wait(), part, ctx.work, ffmetadata(chapters, duration))
    ctx.timer.lap("mux")
    sides = [sidecar(ctx.final, kind) for kind in ("captions_srt", "captions_vtt", "thumbnail", "storyboard",
                                                   "chapters", "words")]
    sides[0].write_text(to_srt(cues), encoding="utf-8")
    sides[1].write_text(to_vtt(cues), encoding="utf-8")
    shutil.copyfile(thumb, sides[2])
    save_storyboard(tiles, theme, sides[3])
    sides[4].write_text(to_chapters(chapters), encoding="utf-8")
    sides[5].write_text(json.dumps([w.as_dict() for w in words], ensure_ascii=False, indent=0), encoding="utf-8")
    os.replace(part, ctx.final)
    ctx.timer.lap("finish")
    ctx.progress("mux", 1.0, "done")
    return sides


def record(ctx: RenderContext, result: dict[str, Any], provider: str) -> dict[str, Any]:
    """The archive folder's script.json and summary.json (settings, seconds per stage)."""
    seconds = ctx.timer.elapsed   # wall time: the voice's stages overlap the pictures'
    summary = {**result, "settings": ctx.options.record(), "tts": provider, "stages": ctx.timer.stages,
               "music": ctx.music.as_dict() if ctx.music else None,
               "seconds": round(seconds, 3), "realtime_factor": round(result["duration"] / max(1e-6, seconds), 2)}
    ctx.archive.mkdir(parents=True, exist_ok=True)
    (ctx.archive / "script.json").write_text(json.dumps(ctx.doc["script"], indent=2, ensure_ascii=False))
    (ctx.archive / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary


def clean_failed(ctx: RenderContext, sides: list[Path]) -> None:
    """After a failure or a kill: nothing half-made stays behind."""
    partial(ctx.final, os.getpid()).unlink(missing_ok=True)
    if not ctx.final.exists():
        for p in sides:
            p.unlink(missing_ok=True)
    shutil.rmtree(ctx.archive, ignore_errors=True)
