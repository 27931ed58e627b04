"""Rendering one job: what a local worker process and a remote broker worker both run.

Progress is reported at most every PROGRESS_EVERY seconds; a cancel request is checked
at every tick, so a cancelled render stops within a tick or two wherever it runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from vidgen.errors import Cancelled

PROGRESS_EVERY = 0.25   # seconds between progress writes

ProgressSink = Callable[[dict], None]


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


def render_job(svc: Any, job: dict, ticker: Ticker) -> dict:
    """Render the job's script version with its config; the render's summary (raises on failure)."""
    from vidgen.render.presets import RenderOptions

    options = RenderOptions.from_config(job.get("config"))
    return svc.render(job["token"], job["script_version"], options, progress=ticker)


def video_result(result: dict) -> dict:
    """What a finished job records about its video: names, sizes and the URLs to fetch them."""
    from vidgen.videos import video_urls

    return {"video": result["video"], "filename": result["video"], "duration": result["duration"],
            "size": result["size"], "width": result["width"], "height": result["height"],
            "scenes_cached": result["scenes_cached"],
            **video_urls(result["video"], result["captions_vtt"], result["thumbnail"], result["storyboard"])}
