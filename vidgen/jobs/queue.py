"""Where jobs live and how work reaches whoever runs it: the `JobQueue` seam.

`StoreQueue` keeps jobs in the shared store and is run by local `Runner`s (the default:
one machine, no services). A broker-backed queue (`VIDGEN_BROKER`) implements the same
protocol, so the job service, the server and the CLI never ask which one is in use.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any, Protocol

from vidgen.config import Settings
from vidgen.errors import NotFound
from vidgen.procs import pid_alive
from vidgen.store import Store, now

FINAL = ("completed", "failed", "cancelled")
CANCEL_GRACE = 1.5      # seconds a worker gets to stop by itself before it is killed
INTERRUPTED = {"error": "interrupted", "stage": "interrupted",
               "message": "the process running this job stopped; render it again"}


class JobQueue(Protocol):
    """Job records, their live progress, and the hand-over of work to whatever runs it."""

    name: str

    def submit(self, job: dict) -> dict:
        """Record a new pending job and make it available to runners."""

    def get(self, job_id: str) -> dict:
        """The job with its latest progress; NotFound when unknown."""

    def list(self) -> list[dict]:
        """Every job, newest first."""

    def claim(self, worker: str, max_running: int, **fields: Any) -> dict | None:
        """Atomically take the oldest pending job (None when there is none or the limit is reached)."""

    def update(self, job_id: str, allowed: tuple[str, ...], **fields: Any) -> dict | None:
        """Change a job only while its status is one of `allowed` (compare-and-set)."""

    def progress(self, job_id: str, data: dict) -> None:
        """Hot progress of a running job (cheap, may be lost in a crash)."""

    def finish(self, job_id: str, status: str, **fields: Any) -> dict | None:
        """End a pending or running job; a job already final (or deleted) is left as it is."""

    def cancel(self, job_id: str) -> dict | None:
        """Mark it cancelled and make whoever runs it stop, within a couple of seconds."""

    def cancel_requested(self, job_id: str) -> bool:
        """Checked by the renderer at every progress tick."""

    def delete(self, job_id: str) -> None:
        """Remove the record (callers cancel first)."""

    def recover(self) -> list[str]:
        """Jobs left running by a runner or worker that died become failed: interrupted."""

    def executor(self, svc: Any) -> AbstractContextManager[Any]:
        """What a long-lived process (the server) runs while it serves: local runners, or nothing."""

    def wake(self, settings: Settings) -> None:
        """Make sure someone will run a newly submitted job when no server is running (`render --detach`)."""

    def workers(self) -> list[dict]:
        """Live workers on other machines: name, host, state, current job, jobs done, last heartbeat."""


def remove_partials(settings: Settings, pid: int | None) -> None:
    """A killed render's hidden partial video and work folder."""
    if not pid:
        return
    import shutil

    for p in settings.renders.glob(f".*.partial-{pid}.mp4"):
        p.unlink(missing_ok=True)
    for p in (settings.data / "cache" / "work").glob(f"*-{pid}-*"):
        shutil.rmtree(p, ignore_errors=True)


class StoreQueue:
    """The embedded queue: jobs in the shared TinyDB store, run by local Runners on this machine."""

    name = "local"

    def __init__(self, store: Store, settings: Settings):
        self.store = store
        self.settings = settings

    def submit(self, job: dict) -> dict:
        return self.store.insert_job(job)

    def get(self, job_id: str) -> dict:
        return self.store.get_job(job_id)

    def list(self) -> list[dict]:
        return self.store.list_jobs()

    def claim(self, worker: str, max_running: int, **fields: Any) -> dict | None:
        return self.store.claim_job(worker, max_running, **fields)

    def update(self, job_id: str, allowed: tuple[str, ...], **fields: Any) -> dict | None:
        return self.store.transition_job(job_id, allowed, **fields)

    def progress(self, job_id: str, data: dict) -> None:
        self.store.write_progress(job_id, data)

    def finish(self, job_id: str, status: str, **fields: Any) -> dict | None:
        try:
            return self.store.transition_job(job_id, ("pending", "running"), status=status, finished_at=now(),
                                             **fields)
        except NotFound:
            return None

    def _flag(self, job_id: str) -> Path:
        return self.store.cancel_flag(job_id)

    def cancel_requested(self, job_id: str) -> bool:
        return self._flag(job_id).exists()

    def cancel(self, job_id: str) -> dict | None:
        job = self.store.get_job(job_id)
        self._flag(job_id).touch()
        done = self.finish(job_id, "cancelled", stage="cancelled", message="cancelled")
        pid = job.get("worker_pid")
        if job["status"] == "running" and pid:
            # the worker checks the flag at every progress tick; one that does not stop in time is killed
            deadline = time.monotonic() + CANCEL_GRACE
            while pid_alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            if pid_alive(pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                remove_partials(self.settings, pid)
        return done

    def clear_cancel(self, job_id: str) -> None:
        self._flag(job_id).unlink(missing_ok=True)

    def delete(self, job_id: str) -> None:
        self.store.delete_job(job_id)

    def recover(self) -> list[str]:
        failed = []
        for job in self.store.list_jobs():
            if job["status"] == "running" and not pid_alive(job.get("worker_pid")) and \
                    not pid_alive(job.get("runner_pid")):
                if self.finish(job["job_id"], "failed", **INTERRUPTED):
                    remove_partials(self.settings, job.get("worker_pid"))
                    failed.append(job["job_id"])
        return failed

    def executor(self, svc: Any) -> AbstractContextManager[Any]:
        from vidgen.jobs.runner import Runner

        return Runner(svc, queue=self)

    def wake(self, settings: Settings) -> None:
        from vidgen.jobs.runner import spawn_runner

        spawn_runner(settings)

    def workers(self) -> list[dict]:
        return []  # local runners are part of the processes that start them, not workers of their own


def change_key(job: dict) -> tuple:
    """What makes a followed job worth showing again (the CLI's bar and the chat's events alike)."""
    return (job["status"], job["progress"], job["stage"], job["message"])


def follow(queue: JobQueue, job_id: str, interval: float = 0.25, timeout: float | None = None) -> Iterator[dict]:
    """Yield the job each time it changes, until it reaches a final state (or `timeout`)."""
    from vidgen.jobs.service import public

    last = None
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        job = public(queue.get(job_id))
        key = change_key(job)
        if key != last:
            last = key
            yield job
        if job["status"] in FINAL:
            return
        if deadline is not None and time.monotonic() > deadline:
            return
        time.sleep(interval)


def no_executor() -> AbstractContextManager[None]:
    return nullcontext()
