"""Rendering one job: what a local worker process and a remote broker worker both run.

Progress is reported at most every PROGRESS_EVERY seconds; a cancel request is checked
at every tick, so a cancelled render stops within a tick or two wherever it runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from vidgen.errors import BadInput, Cancelled
from vidgen.jobs.queue import Renders
from vidgen.script.model import explain

PROGRESS_EVERY = 0.25   # seconds between progress writes
FULL_BELOW = 1 << 20    # bytes free under which a folder's disk counts as full

ProgressSink = Callable[[dict[str, Any]], None]


class Ticker:
    """The render's progress callback: throttled, with an eta, and the cancel check."""

    def __init__(self, sink: ProgressSink, cancelled: Callable[[], bool]):
        self.sink, self.cancelled = sink, cancelled
        self.started = time.monotonic()
        self.last = 0.0

    def __call__(self, stage: str, fraction: float, message: str) -> None:
        if self.cancelled():
            raise Cancelled("the job was cancelled")
        t = time.monotonic()
        if t - self.last < PROGRESS_EVERY and fraction < 1.0:
            return
        self.last = t
        pct = round(min(99.0, fraction * 100), 1)  # 100 only once the job is completed
        elapsed = t - self.started
        eta = round(elapsed * (1 - fraction) / fraction, 1) if fraction > 0.02 else None
        self.sink({"progress": pct, "stage": stage, "message": message, "eta": eta})


def render_job(svc: Renders, job: dict[str, Any], ticker: Ticker) -> dict[str, Any]:
    """Render the job's script version with its stored options; the render's summary (raises on failure)."""
    from vidgen.render.presets import RenderOptions

    options = RenderOptions.from_config(job.get("config"))  # loaded back as they were stored: checked at submit
    return svc.render(job["token"], job["script_version"], options, progress=ticker)


def video_result(result: dict[str, Any]) -> dict[str, Any]:
    """What a finished job records about its video: names, sizes and the URLs to fetch them.

    Checked by `VideoReport` whoever made it (this machine's render or a remote worker's summary):
    a record that every job list then shows must be numbers where numbers are read (BadInput if not)."""
    from vidgen.store.videos import video_urls

    r = VideoReport.check(result)
    return {"video": r.video, "filename": r.video, "duration": r.duration, "size": r.size, "width": r.width,
            "height": r.height, "scenes_cached": r.scenes_cached, "captions_style": r.captions_style,
            **video_urls(r.video, r.captions_vtt, r.thumbnail, r.storyboard, words=r.words, chapters=r.chapters)}


_NAME = Field(min_length=1, max_length=255, pattern=r"^[^/\\\x00]+$")   # a file name, not a path


class VideoReport(BaseModel):
    """A finished render as its summary states it. Strict: "12" is not a number, NaN and infinities are
    refused; other keys (stages, settings, loudness) stay in the archive's summary but are not read here."""

    model_config = ConfigDict(strict=True, allow_inf_nan=False, extra="ignore")

    video: str = _NAME
    duration: float = Field(ge=0, le=24 * 3600)
    size: int = Field(ge=0)
    width: int = Field(ge=0, le=16384)
    height: int = Field(ge=0, le=16384)
    scenes_cached: int = Field(ge=0, le=100_000)
    captions_vtt: str = _NAME
    thumbnail: str = _NAME
    storyboard: str = _NAME
    words: str | None = Field(None, min_length=1, max_length=255, pattern=r"^[^/\\\x00]+$")
    chapters: str | None = Field(None, min_length=1, max_length=255, pattern=r"^[^/\\\x00]+$")
    captions_style: Literal["line", "karaoke", "off"] = "line"   # burned into the picture (older renders: line)

    @classmethod
    def check(cls, data: Any) -> VideoReport:
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise BadInput(f"the render's summary is not valid: {explain(exc)}",
                           "send numbers for duration, size, width, height and scenes_cached") from None


def full_folder(settings: Any, below: float = FULL_BELOW) -> Path | None:
    """Of vidgen's folders, the one with the least room, when that is under `below` bytes."""
    import shutil

    free = []
    for folder in (settings.data, settings.data / "cache", settings.renders, settings.archives):
        try:
            free.append((shutil.disk_usage(folder).free, folder))
        except OSError:
            continue
    fullest = min(free, key=lambda f: f[0], default=None)
    return fullest[1] if fullest is not None and fullest[0] < below else None


def says_disk_full(error: str) -> bool:
    return "disk is full" in error or "No space left" in error


def explain_failure(error: str, settings: Any) -> str:
    """A job's error, with where the disk is full when it is: "disk is full" alone does not say what to clear.

    The render's own cleanup may already have freed a little room, so a failure that says the disk
    was full names the fullest of vidgen's folders whatever its room now.
    """
    if "the disk is full (no space left in " in error:   # already says where (vidgen.errors.disk_full)
        return error
    folder = full_folder(settings, float("inf") if says_disk_full(error) else FULL_BELOW)
    if folder is None or str(folder) in error:
        return error
    if "the disk is full" in error:
        return error.replace("the disk is full", f"the disk is full (no space left in {folder})", 1)
    return f"{error} (the disk is full: no space left in {folder})"
