"""The job service: submit, read, follow, cancel and delete render jobs through a JobQueue.

The CLI and the server use only this; which queue runs underneath (the store-backed
default, or a broker) is chosen once, from the settings, in `make_queue`.
"""

from __future__ import annotations

import builtins
import math
import secrets
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from vidgen.errors import Conflict
from vidgen.jobs.local import StoreQueue
from vidgen.jobs.queue import FINAL, JobQueue, Service, iso
from vidgen.store.db import now

if TYPE_CHECKING:
    from vidgen.render.presets import RenderOptions


def public(job: dict[str, Any]) -> dict[str, Any]:
    """The job as the API shows it: the old system's shape (times in epoch seconds under *_at, a
    finished job's result with success, summary, total_scenes and success rates), plus eta,
    config, and the times again in ISO 8601 (created, updated, started, finished)."""
    out = {k: job.get(k) for k in ("job_id", "token", "script_version", "status", "progress", "stage", "message",
                                   "result", "error")}
    out["progress"] = round(float(out["progress"] or 0), 1)
    out["eta_seconds"] = job.get("eta")
    out["config"] = job.get("config")
    out["worker"] = job.get("worker")    # which local runner or remote worker ran it
    for key in ("created", "updated", "started", "finished"):
        seconds = job.get(f"{key}_at")
        out[f"{key}_at"] = round(seconds, 3) if isinstance(seconds, (int, float)) else None
        out[key] = iso(seconds)
    if isinstance(out["result"], dict) and out["status"] == "completed":
        out["result"] = old_result(out["result"], job.get("scenes"))
    return out


def old_result(result: dict[str, Any], scenes: int | None) -> dict[str, Any]:
    """A finished job's result as the replaced API gave it, beside vidgen's own fields. A vidgen
    render succeeds whole or not at all, so every stage's success rate is 1.0 when it is done."""
    total = result.get("total_scenes", scenes)
    words = f"{total} scenes" if total else "the video"
    duration = result.get("duration")
    # a record written before summaries were checked may hold anything there: only a number is shown
    seconds = duration if isinstance(duration, (int, float)) and not isinstance(duration, bool) \
        and math.isfinite(duration) and duration else None
    summary = f"rendered {words} into {result.get('video')}" + (f" ({seconds:.1f} s)" if seconds else "")
    return {"success": True, "summary": summary, "total_scenes": total, "tts_success_rate": 1.0,
            "render_success_rate": 1.0, **result}


def make_queue(svc: Service) -> JobQueue:
    """The queue the settings ask for: the store-backed default, or the broker when VIDGEN_BROKER is set."""
    if svc.settings.broker:
        from vidgen.jobs.broker import BrokerQueue

        return BrokerQueue(svc.store, svc.settings)
    return StoreQueue(svc.store, svc.settings)


class JobService:
    def __init__(self, svc: Service, queue: JobQueue | None = None):
        self.svc = svc
        self.queue: JobQueue = queue or make_queue(svc)

    def submit(self, token: str, version: int | None, options: RenderOptions, *,
               detach: bool = False, by: str | None = None) -> dict[str, Any]:
        """Refuse bad input now (unknown token, options this machine cannot render), not when the job runs.

        `detach`: no server may be running, so make sure something will run the job. The job belongs to
        its script's owner (who sees the video it makes); `by` records the user who asked, when not the
        machine's own (their limit counts it).
        """
        from vidgen.render.presets import CheckedOptions

        if not isinstance(options, CheckedOptions):  # checked by the caller's edge (the service) already, or now
            options = options.check_here(self.svc.settings)
        doc = self.svc.get_script(token, version)
        owner = self.svc.store.script_entry(token).get("owner")
        job = {"job_id": secrets.token_hex(8), "token": token, "script_version": doc["version"],
               "status": "pending", "progress": 0.0, "stage": "queued", "message": "waiting for a worker",
               "result": None, "error": None, "config": options.record(), "created_at": now(),
               "updated_at": now(), "scenes": len(doc["script"]["scenes"]),
               **({"owner": owner} if owner else {}), **({"by": by} if by else {})}
        self.queue.submit(job)
        if detach:
            self.queue.wake(self.svc.settings)
        return public(job)

    def get(self, job_id: str) -> dict[str, Any]:
        return public(self.queue.get(job_id))

    def list(self, status: str | None = None, limit: int = 50, caller: Any = None) -> list[dict[str, Any]]:
        """Jobs, newest first: the caller's (an admin's: everyone's, with `owner`); caller None: all."""
        jobs = self.queue.list()
        if status:
            jobs = [j for j in jobs if j.get("status") == status]
        if caller is None:
            return [public(j) for j in jobs[:limit]]
        shown = self.svc.owners.visible(caller, jobs)[:limit]
        return [{**public(j), **({"owner": j["owner"]} if "owner" in j else {})} for j in shown]

    def cancel(self, job_id: str) -> dict[str, Any]:
        job = self.queue.get(job_id)
        if job["status"] in FINAL:
            raise Conflict(f"job {job_id} is already {job['status']}; there is nothing to cancel",
                           "its record stays in the list of jobs")  # words for the CLI and the studio alike
        self.queue.cancel(job_id)
        return self.get(job_id)

    def delete(self, job_id: str) -> None:
        job = self.queue.get(job_id)
        if job["status"] not in FINAL:
            self.cancel(job_id)
        self.queue.delete(job_id)

    def recover(self) -> builtins.list[str]:
        return self.queue.recover()

    def workers(self) -> builtins.list[dict[str, Any]]:
        """Live remote workers (none in local mode)."""
        return self.queue.workers()

    def follow(self, job_id: str, interval: float = 0.25, timeout: float | None = None) -> Iterator[dict[str, Any]]:
        return follow(self.queue, job_id, interval, timeout)


def change_key(job: dict[str, Any]) -> tuple[Any, ...]:
    """What makes a followed job worth showing again (the CLI's bar and the chat's events alike)."""
    return (job["status"], job["progress"], job["stage"], job["message"])


def follow(queue: JobQueue, job_id: str, interval: float = 0.25,
           timeout: float | None = None) -> Iterator[dict[str, Any]]:
    """Yield the job each time it changes, until it reaches a final state (or `timeout`)."""
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
