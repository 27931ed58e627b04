"""The render cache's upkeep, beside the cache: entries unused for two weeks, and what a killed render
left behind (its work folder, hidden partial MP4, orphaned sidecars, archive folder without a summary).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from vidgen.store.names import ARCHIVE, RENDERED, SIDECAR, SIDECARS, partial_pid, partials_of, work_dir_pid
from vidgen.store.procs import stale

CACHE_DAYS = 14


def prune_cache(folder: Path, days: int = CACHE_DAYS, renders: Path | None = None,
                archives: Path | None = None) -> None:
    """Drop cache entries unused for `days`, and what a killed render left behind: its work folder,
    its hidden partial MP4 and sidecars in `renders`, its archive folder without a summary.

    Only what belongs to no live render goes: the process is gone and the files have not been
    touched for a minute (a render on another machine sharing the folders keeps writing them).
    """
    cutoff = time.time() - days * 86400
    for p in [*folder.glob("voice/*"), *folder.glob("segments/*")]:
        try:
            if p.stat().st_mtime < cutoff:
                p.unlink()
        except OSError:
            pass
    live: set[str] = set()  # video stems with a render in progress
    for p in folder.glob("work/*"):
        pid = work_dir_pid(p)
        if pid is not None and _stale(p, pid):
            shutil.rmtree(p, ignore_errors=True)
        else:
            live.add(p.name.rsplit("-", 2)[0])
    if renders is not None and renders.is_dir():
        _prune_renders(renders, live)
    if archives is not None and archives.is_dir():
        _prune_archives(archives, renders, live)


_stale = stale   # the one rule for leftovers, uploads' included (vidgen.store.procs)


def _prune_renders(renders: Path, live: set[str]) -> None:
    """Partial MP4s of dead renders, and sidecars left without their video by a kill before the rename."""
    for p in partials_of(renders):
        if _stale(p, partial_pid(p)):
            p.unlink(missing_ok=True)
    for p in renders.iterdir():
        if not SIDECAR.match(p.name) or not p.is_file():
            continue
        ext = max((e for e in SIDECARS.values() if p.name.endswith(e)), key=len)
        stem = p.name[: -len(ext)]
        if RENDERED.match(stem) and stem not in live and not (renders / f"{stem}.mp4").exists() and _stale(p, None):
            p.unlink(missing_ok=True)


def _prune_archives(archives: Path, renders: Path | None, live: set[str]) -> None:
    """Archive folders of renders that never finished: no summary.json, no live render, not the
    folder of the video now in renders/ (its summary is written just after the rename)."""
    for p in archives.iterdir():
        m = ARCHIVE.match(p.name)
        if not m or not RENDERED.match(m[1]) or not p.is_dir() or m[1] in live or (p / "summary.json").exists() \
                or not _stale(p, None):
            continue
        try:
            started = time.mktime(time.strptime(p.name[len(m[1]) + 1:], "%Y%m%d-%H%M%S"))
            video = renders / f"{m[1]}.mp4" if renders is not None else None
            if video is not None and video.exists() and video.stat().st_mtime >= started:
                continue
        except (OSError, ValueError, OverflowError):
            continue
        shutil.rmtree(p, ignore_errors=True)
