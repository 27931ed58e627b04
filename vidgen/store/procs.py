"""Is a process still running? Used to tell a live render's files from a killed one's."""

from __future__ import annotations

import os
import time
from pathlib import Path

STALE_SECONDS = 60   # untouched this long, with its process gone: a leftover, not work in progress


def pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not yet reaped) is not alive
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ", 1)[1][:1] != "Z"
    except OSError:
        return True


def stale(path: Path, pid: int | None) -> bool:
    """A killed process' leftover: its process is gone (or unknown) and the file has not changed for a minute
    (a process on another machine sharing the folder keeps writing its files)."""
    try:
        return not pid_alive(pid) and time.time() - path.stat().st_mtime > STALE_SECONDS
    except OSError:
        return False


def process_start(pid: int | None) -> str | None:
    """When the process started (clock ticks since boot): tells a live pid from a reused one."""
    if not pid:
        return None
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(") ", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def boot_id() -> str | None:
    """This boot of the machine: a pid recorded before a restart means nothing after it."""
    try:
        with open("/proc/sys/kernel/random/boot_id") as fh:
            return fh.read().strip()
    except OSError:
        return None
