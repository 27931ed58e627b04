"""What one render knows, in one object handed from stage to stage (instead of a dozen parameters)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vidgen.config import Settings
from vidgen.render.presets import RenderOptions
from vidgen.script.model import Scene, Script

ProgressFn = Callable[[str, float, str], None]

# stage -> (start, end) share of the whole progress bar
STAGES = {"voice": (0.0, 0.08), "encode": (0.1, 0.95), "mux": (0.95, 1.0)}


@dataclass
class Timer:
    stages: dict[str, float] = field(default_factory=dict)
    _t: float = field(default_factory=time.perf_counter)

    started: float = field(default_factory=time.perf_counter)

    def lap(self, name: str) -> None:
        """The render's own thread: the time since its last lap (or mark) was stage `name`."""
        now = time.perf_counter()
        self.stages[name] = round(self.stages.get(name, 0.0) + now - self._t, 3)
        self._t = now

    def mark(self) -> None:
        """A stage of the render's own thread starts now (the time before went to another thread's)."""
        self._t = time.perf_counter()

    def add(self, name: str, seconds: float) -> None:
        """A stage timed by another thread (the voice's): stages overlap, so they add up to more than
        the render took (`elapsed`)."""
        self.stages[name] = round(self.stages.get(name, 0.0) + seconds, 3)

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started


@dataclass
class RenderContext:
    settings: Settings
    options: RenderOptions
    token: str
    doc: dict[str, Any]                  # the stored version: {version, script, ...}
    script: Script
    scenes: list[Scene]                  # in seq order
    media: list[Path | None]             # each scene's checked media file
    final: Path                          # where the finished MP4 goes
    cache: Path                          # $VIDGEN_HOME/.vidgen/cache
    work: Path                           # this render's scratch folder
    archive: Path                        # this render's archive folder
    report: ProgressFn
    timer: Timer = field(default_factory=Timer)
    music: Any = None                    # the Track the sound track plays (vidgen.render.music), once chosen

    @property
    def size(self) -> tuple[int, int]:
        return self.options.size

    @property
    def fps(self) -> int:
        return self.options.fps

    def progress(self, stage: str, fraction_of_stage: float, message: str) -> None:
        """Report progress as a share of one stage's span of the whole bar."""
        start, end = STAGES[stage]
        self.report(stage, start + (end - start) * min(1.0, max(0.0, fraction_of_stage)), message)
