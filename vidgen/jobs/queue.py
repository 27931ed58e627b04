"""Where jobs live and how work reaches whoever runs it: the `JobQueue` seam.

`StoreQueue` (in `local`) keeps jobs in the shared store and is run by local `Runner`s (the default:
one machine, no services). A broker-backed queue (`VIDGEN_BROKER`) implements the same
protocol, so the job service, the server and the CLI never ask which one is in use.
"""

from __future__ import annotations

import builtins
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol

from vidgen.config import Settings

if TYPE_CHECKING:
    from vidgen.render.presets import RenderOptions
    from vidgen.store.db import Store

FINAL = ("completed", "failed", "cancelled")
INTERRUPTED = {"error": "interrupted", "stage": "interrupted",
               "message": "the process running this job stopped; render it again"}


class Renders(Protocol):
    """What running a job needs: the settings and a render (the service, or a worker's fetched script)."""

    settings: Settings

    def render(self, token: str, version: int | None, options: RenderOptions, *,
               progress: Callable[[str, float, str], None] | None = None) -> dict[str, Any]: ...


class Owners(Protocol):
    """Who owns what (`vidgen.service.owners.Owners`): what the job service asks of it."""

    def visible(self, caller: Any, rows: builtins.list[dict[str, Any]]) -> builtins.list[dict[str, Any]]: ...


class Service(Renders, Protocol):
    """What jobs need of vidgen's service layer: `vidgen.service.Vidgen` is one. Jobs are a layer below it,
    so they name what they use here instead of importing it; a worker process makes its own from the
    settings (`type(svc)(settings)`)."""

    def __init__(self, settings: Settings) -> None: ...

    @property
    def store(self) -> Store: ...

    @property
    def owners(self) -> Owners: ...

    def get_script(self, token: str, version: int | None = None) -> dict[str, Any]: ...


class JobQueue(Protocol):
    """Job records, their live progress, and the hand-over of work to whatever runs it."""

    name: str

    def submit(self, job: dict[str, Any]) -> dict[str, Any]:
        """Record a new pending job and make it available to runners."""

    def get(self, job_id: str) -> dict[str, Any]:
        """The job with its latest progress; NotFound when unknown."""

    def list(self) -> list[dict[str, Any]]:
        """Every job, newest first."""

    def claim(self, worker: str, max_running: int, **fields: Any) -> dict[str, Any] | None:
        """Atomically take the oldest pending job (None when there is none or the limit is reached)."""

    def update(self, job_id: str, allowed: tuple[str, ...], **fields: Any) -> dict[str, Any] | None:
        """Change a job only while its status is one of `allowed` (compare-and-set)."""

    def progress(self, job_id: str, data: dict[str, Any]) -> None:
        """Hot progress of a running job (cheap, may be lost in a crash)."""

    def finish(self, job_id: str, status: str, **fields: Any) -> dict[str, Any] | None:
        """End a pending or running job; a job already final (or deleted) is left as it is."""

    def cancel(self, job_id: str) -> dict[str, Any] | None:
        """Mark it cancelled and make whoever runs it stop, within a couple of seconds."""

    def cancel_requested(self, job_id: str) -> bool:
        """Checked by the renderer at every progress tick."""

    def delete(self, job_id: str) -> None:
        """Remove the record (callers cancel first)."""

    def recover(self) -> builtins.list[str]:
        """Jobs left running by a runner or worker that died become failed: interrupted."""

    def executor(self, svc: Service) -> AbstractContextManager[Any]:
        """What a long-lived process (the server) runs while it serves: local runners, or nothing."""

    def wake(self, settings: Settings) -> None:
        """Make sure someone will run a newly submitted job when no server is running (`render --detach`)."""

    def workers(self) -> builtins.list[dict[str, Any]]:
        """Live workers on other machines: name, host, state, current job, jobs done, last heartbeat."""


def remove_partials(settings: Settings, pid: int | None) -> None:
    """A killed render's hidden partial video and work folder."""
    if not pid:
        return
    import shutil

    from vidgen.store.names import partials_of, work_dirs_of

    for p in partials_of(settings.renders, pid):
        p.unlink(missing_ok=True)
    for p in work_dirs_of(settings.data / "cache", pid):
        shutil.rmtree(p, ignore_errors=True)

def iso(ts: float | None) -> str | None:
    if not ts:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)) + f".{int(ts * 1000) % 1000:03d}Z"
