"""Rendering one job: what a local worker process and a remote broker worker both run.

Progress is reported at most every PROGRESS_EVERY seconds; a cancel request is checked
at every tick, so a cancelled render stops within a tick or two wherever it runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vidgen.errors import Cancelled
from vidgen.jobs.queue import Renders

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
    """What a finished job records about its video: names, sizes and the URLs to fetch them."""
    from vidgen.store.videos import video_urls

    return {"video": result["video"], "filename": result["video"], "duration": result["duration"],
            "size": result["size"], "width": result["width"], "height": result["height"],
            "scenes_cached": result["scenes_cached"],
            **video_urls(result["video"], result["captions_vtt"], result["thumbnail"], result["storyboard"],
                         words=result.get("words"), chapters=result.get("chapters"))}


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
    folder = full_folder(settings, float("inf") if says_disk_full(error) else FULL_BELOW)
    if folder is None or str(folder) in error:
        return error
    if "the disk is full" in error:
        return error.replace("the disk is full", f"the disk is full (no space left in {folder})", 1)
    return f"{error} (the disk is full: no space left in {folder})"
