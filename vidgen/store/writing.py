"""Which process is writing which script: a small marker per script being written, so a script
whose writer died (killed, or its machine restarted) is told apart from one still being written."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path
from typing import Any

from vidgen.store.atomic import atomic_write
from vidgen.store.procs import boot_id, pid_alive, process_start

FOREIGN_STALE = 3600.0   # seconds after which a marker from another machine counts as abandoned


def marker(root: Path, token: str) -> Path:
    return root / "writing" / f"{token}.json"


def me() -> dict[str, Any]:
    pid = os.getpid()
    return {"pid": pid, "start": process_start(pid), "boot": boot_id(), "host": socket.gethostname()}


def mark_writing(root: Path, token: str) -> None:
    """Under the write lock, before the pending entry: who is writing `token`."""
    (root / "writing").mkdir(exist_ok=True)
    atomic_write(marker(root, token), json.dumps(me()).encode())


def done_writing(root: Path, token: str) -> None:
    marker(root, token).unlink(missing_ok=True)


def writer_gone(info: dict[str, Any], age: float) -> bool:
    if info.get("host") != socket.gethostname():
        return age > FOREIGN_STALE  # its pid means nothing here
    if info.get("boot") and info.get("boot") != boot_id():
        return True  # the machine restarted since
    pid = info.get("pid")
    if not isinstance(pid, int) or not pid_alive(pid):
        return True
    start = info.get("start")
    return start is not None and process_start(pid) != start  # the pid now belongs to another process
