"""A few seconds of a mood's music, for the studio to play before a render asks for it (issue 22,
item 4): the start of the mood's first bundled track, faded out, as Ogg/Opus. Made once per mood and
kept in memory (five moods, some tens of kB each)."""

from __future__ import annotations

import subprocess
import threading

from vidgen.errors import BadInput
from vidgen.render.music import MOODS, tracks

SECONDS = 8.0
FADE = 1.5

_made: dict[str, bytes] = {}
_lock = threading.Lock()


def mood_preview(mood: str) -> bytes:
    """The preview of one mood; BadInput naming the moods for anything else."""
    name = str(mood or "").strip().lower()
    if name not in MOODS:
        raise BadInput(f"unknown mood {str(mood)[:40]!r}", f"use one of: {', '.join(MOODS)}")
    with _lock:
        if name in _made:
            return _made[name]
    found = tracks(name)
    if not found:
        raise BadInput(f"no bundled tracks for the mood {name}", "reinstall immich-memories-music")
    from vidgen.render.encode import ffmpeg_exe

    cmd = [ffmpeg_exe(), "-v", "error", "-nostdin", "-t", f"{SECONDS:g}", "-i", str(found[0]),
           "-af", f"afade=t=out:st={SECONDS - FADE:g}:d={FADE:g}", "-c:a", "libopus", "-b:a", "64k",
           "-f", "ogg", "pipe:1"]
    done = subprocess.run(cmd, capture_output=True, timeout=30, check=False)
    if done.returncode != 0 or not done.stdout:
        raise BadInput(f"the {name} preview could not be made: {done.stderr.decode(errors='replace')[-200:]}")
    with _lock:
        _made[name] = done.stdout
    return done.stdout
