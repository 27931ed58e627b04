"""The broker-backed queue (`VIDGEN_BROKER=redis://...`): RQ on Redis carries the work to workers.

Job records stay in the store of the server that owns it, exactly as in local mode, so
reading a job, following it and the SSE bridge do not change and never touch the
network. Redis carries only what must cross machines: the queue of render jobs (RQ), the
workers' registry and heartbeats (RQ), and cancel requests. Remote workers report
progress, files and the end of a job to the server over HTTP (`vidgen.jobs.intake`).

A job whose worker dies is run again by RQ itself: RQ marks a started job abandoned when
its worker's heartbeat stops, and re-enqueues it while retries are left (docs/decisions.md
has the measurements). The server's monitor (`executor`) triggers that sweep every second
instead of waiting for an idle worker to do it, and mirrors RQ's verdicts into the store.

redis and rq are imported lazily: the local mode never loads them.
"""

from __future__ import annotations

import builtins
import logging
import threading
import time
from contextlib import suppress
from typing import Any

from vidgen.config import Settings
from vidgen.errors import VidgenError
from vidgen.jobs.connection import (  # also named from here, where they were first
    BrokerUnavailable,
    check_url,
    connect,
    redact,
    serializer,
    talking,
    unavailable,
)
from vidgen.jobs.local import CANCEL_GRACE, StoreQueue
from vidgen.jobs.queue import Service
from vidgen.store.db import Store, now

__all__ = ["ABANDONED_AFTER", "CANCEL_KEY", "FUNC", "HEARTBEAT_EVERY", "JOB_TIMEOUT", "LIVE_WITHIN", "MONITOR_EVERY",
           "QUEUE_NAME", "RETRIES", "BrokerQueue", "BrokerUnavailable", "Monitor", "check_url", "connect", "redact",
           "serializer", "talking", "unavailable"]

log = logging.getLogger("vidgen.jobs")

QUEUE_NAME = "vidgen-render"
FUNC = "vidgen.jobs.remote.run_job"     # the only function a vidgen worker runs
CANCEL_KEY = "vidgen:cancel:{}"
HEARTBEAT_EVERY = 2       # seconds between a worker's heartbeats while it renders (RQ's monitoring interval)
ABANDONED_AFTER = 8       # seconds past a missed heartbeat before RQ calls the job abandoned (RQ's default: 60)
LIVE_WITHIN = 15.0        # a worker whose last heartbeat is older is not listed as live
RETRIES = 2               # how many more times a job whose worker died is run
JOB_TIMEOUT = 6 * 3600    # RQ kills a render that runs longer (its default, 180 s, is too short)
MONITOR_EVERY = 1.0


class BrokerQueue:
    """Jobs in the store (as in local mode), the work on RQ; remote workers render them."""

    name = "redis"

    def __init__(self, store: Store, settings: Settings):
        self.store = store
        self.settings = settings
        self.url = check_url(settings.broker)
        self.records = StoreQueue(store, settings)
        self._client: Any = None
        self._lock = threading.Lock()

    # -- the connection ---------------------------------------------------------------
    @property
    def redis(self) -> Any:
        with self._lock:
            if self._client is None:
                self._client = connect(self.url)
            return self._client

    def rq_queue(self) -> Any:
        from rq import Queue

        return Queue(QUEUE_NAME, connection=self.redis, serializer=serializer())

    def rq_job(self, job_id: str) -> Any:
        from rq.exceptions import NoSuchJobError
        from rq.job import Job

        try:
            return Job.fetch(job_id, connection=self.redis, serializer=serializer())
        except NoSuchJobError:
            return None

    def handed_to(self, job_id: str, worker: str) -> bool:
        """RQ runs the job on `worker` now: it requeued it from a worker it judged dead before the monitor said so."""
        with suppress(BrokerUnavailable), talking(self.url):
            rq_job = self.rq_job(job_id)
            return rq_job is not None and _status(rq_job) == "started" and rq_job.worker_name == worker
        return False

    def enqueue(self, job_id: str) -> None:
        from rq import Retry

        # the RQ job has the vidgen job's id, so either side finds the other without a mapping
        self.rq_queue().enqueue_call(FUNC, args=(job_id,), job_id=job_id, timeout=JOB_TIMEOUT,
                                     retry=Retry(max=RETRIES), result_ttl=3600, failure_ttl=7 * 86400,
                                     description=f"render job {job_id}")

    # -- the JobQueue protocol ----------------------------------------------------------
    def submit(self, job: dict[str, Any]) -> dict[str, Any]:
        with talking(self.url):
            self.redis  # noqa: B018 - an unreachable broker refuses the job before anything is recorded
            self.records.submit(job)
            try:
                self.enqueue(job["job_id"])
            except BaseException:
                self.records.delete(job["job_id"])
                raise
        return job

    def get(self, job_id: str) -> dict[str, Any]:
        return self.records.get(job_id)

    def list(self) -> builtins.list[dict[str, Any]]:
        return self.records.list()

    def claim(self, worker: str, max_running: int, **fields: Any) -> dict[str, Any] | None:
        return None  # remote workers take jobs from the broker, never from the store

    def update(self, job_id: str, allowed: tuple[str, ...], **fields: Any) -> dict[str, Any] | None:
        return self.records.update(job_id, allowed, **fields)

    def progress(self, job_id: str, data: dict[str, Any]) -> None:
        self.records.progress(job_id, data)

    def finish(self, job_id: str, status: str, **fields: Any) -> dict[str, Any] | None:
        return self.records.finish(job_id, status, **fields)

    def cancel(self, job_id: str) -> dict[str, Any] | None:
        """The store says cancelled at once; the worker hears it within a progress tick, or is stopped."""
        done = self.records.finish(job_id, "cancelled", stage="cancelled", message="cancelled")
        try:
            with talking(self.url):
                self.redis.set(CANCEL_KEY.format(job_id), "1", ex=24 * 3600)
                self._stop_remote(job_id)
        except BrokerUnavailable as exc:
            # the record is cancelled; the worker learns it from the server at its next progress report
            log.warning("job %s: cancelled in the store, but %s", job_id, exc.message)
        return done

    def _stop_remote(self, job_id: str) -> None:
        from rq.command import send_stop_job_command
        from rq.exceptions import InvalidJobOperation

        rq_job = self.rq_job(job_id)
        if rq_job is None:
            return
        status = rq_job.get_status(refresh=False)
        if status in ("queued", "scheduled", "deferred"):
            rq_job.cancel()
            return
        if status != "started":
            return
        # the renderer checks the cancel key at every progress tick; a worker that does not stop in time
        # (a long encode step, a hung process) has its work horse killed by RQ's own stop command
        deadline = time.monotonic() + CANCEL_GRACE
        while time.monotonic() < deadline:
            time.sleep(0.1)
            if rq_job.get_status(refresh=True) != "started":
                return
        with suppress(InvalidJobOperation):
            send_stop_job_command(self.redis, job_id)

    def cancel_requested(self, job_id: str) -> bool:
        try:
            return bool(self.records.get(job_id)["status"] == "cancelled")
        except VidgenError:
            return True

    def delete(self, job_id: str) -> None:
        self.records.delete(job_id)
        try:
            with talking(self.url):
                rq_job = self.rq_job(job_id)
                if rq_job is not None:
                    rq_job.delete()
                self.redis.delete(CANCEL_KEY.format(job_id))
        except BrokerUnavailable as exc:
            log.warning("job %s: deleted from the store, but %s", job_id, exc.message)

    def recover(self) -> builtins.list[str]:
        # not the store's pid check: remote jobs run on other machines; the monitor follows RQ's verdicts
        return []

    def executor(self, svc: Service) -> Monitor:
        return Monitor(self)

    def wake(self, settings: Settings) -> None:
        pass  # the workers are already listening on the broker

    def workers(self) -> builtins.list[dict[str, Any]]:
        """Live workers (a heartbeat within LIVE_WITHIN seconds), busy ones first."""
        from datetime import UTC, datetime

        from rq import Worker

        from vidgen.jobs.queue import iso

        rows = []
        with talking(self.url):
            found = Worker.all(connection=self.redis, queue=self.rq_queue())
            now = datetime.now(UTC)
            for w in found:
                beat = w.last_heartbeat
                if beat is None:
                    continue
                if beat.tzinfo is None:
                    beat = beat.replace(tzinfo=UTC)
                age = (now - beat).total_seconds()
                if age > LIVE_WITHIN:
                    continue
                born = w.birth_date.replace(tzinfo=UTC) if w.birth_date and not w.birth_date.tzinfo \
                    else w.birth_date
                rows.append({"name": w.name, "host": w.hostname, "address": w.ip_address, "pid": w.pid,
                             "state": str(getattr(w.state, "value", w.state)),
                             "current_job": w.get_current_job_id(), "jobs_done": w.successful_job_count,
                             "jobs_failed": w.failed_job_count, "last_heartbeat": iso(beat.timestamp()),
                             "seconds_since_heartbeat": round(max(0.0, age), 1),
                             "started_at": iso(born.timestamp()) if born else None})
        rows.sort(key=lambda r: (r["current_job"] is None, r["host"] or "", r["name"]))
        return rows

    # -- what the monitor does ----------------------------------------------------------
    def server_run_id(self) -> str:
        return str(self.redis.info("server").get("run_id", ""))

    def reconcile(self) -> builtins.list[str]:
        """After a (re)connection: jobs the broker does not know (Redis restarted empty) are queued again."""
        requeued = []
        for job in self.records.list():
            if job["status"] not in ("pending", "running") or self.rq_job(job["job_id"]) is not None:
                continue
            if job["status"] == "running":
                back = self.store.transition_job(job["job_id"], ("running",), where={"worker": job.get("worker")},
                                                 status="pending", stage="requeued",
                                                 message="the broker lost this job; queued again")
                if back is None:
                    continue
            self.enqueue(job["job_id"])
            requeued.append(job["job_id"])
        return requeued

    def sweep(self) -> None:
        """RQ's abandoned-job check, then its verdicts copied into the store."""
        from rq.registry import StartedJobRegistry

        queue = self.rq_queue()
        StartedJobRegistry(queue=queue).cleanup()
        for job in self.records.list():
            if job["status"] not in ("pending", "running"):
                continue
            rq_job = self.rq_job(job["job_id"])
            if rq_job is None:
                continue
            status = _status(rq_job)
            if status in ("failed", "stopped", "canceled"):
                self._mirror_failure(job, rq_job)
            elif status == "finished" and job["status"] == "running":
                # the RQ job ended without the worker reporting an end (it lost the job, or died between): the
                # record would otherwise stay running at its last progress for ever
                self.store.transition_job(job["job_id"], ("running",), where={"attempt": job.get("attempt")},
                                          status="failed", stage="interrupted", error="interrupted", finished_at=now(),
                                          message=f"the worker running it ({job.get('worker') or 'unknown'}) "
                                                  f"ended without reporting the result")
            elif status == "queued" and job["status"] == "running":
                # RQ took the job back from a dead worker: say so until another worker starts it
                self.store.transition_job(job["job_id"], ("running",), where={"worker": job.get("worker")},
                                          status="pending", stage="requeued",
                                          message=f"worker {job.get('worker')} stopped; waiting for another worker")

    def _mirror_failure(self, job: dict[str, Any], rq_job: Any) -> None:
        reason = ""
        try:
            result = rq_job.latest_result()
            reason = (result.exc_string or "").strip().splitlines()[-1] if result and result.exc_string else ""
        except Exception:  # an old or partial result record: the generic reason is enough
            reason = ""
        if job["status"] == "running":
            worker = job.get("worker") or "its worker"
            message = f"the worker running it ({worker}) stopped, and it was tried {RETRIES + 1} times"
            self.records.finish(job["job_id"], "failed", stage="interrupted", error="interrupted",
                                message=message + (f" ({reason})" if reason else ""))
        else:
            self.records.finish(job["job_id"], "failed", stage="failed", message="no worker could run it",
                                error=f"no worker could run it: {reason or 'the broker gave up on it'}")


def _status(rq_job: Any) -> str:
    """RQ's job status as a plain word ("started", "finished", ...), whichever way RQ spells it."""
    return str(rq_job.get_status(refresh=False)).rsplit(".", 1)[-1].lower()


class Monitor:
    """What the server runs while it serves in broker mode: one thread, no renders."""

    def __init__(self, queue: BrokerQueue, every: float = MONITOR_EVERY):
        self.queue = queue
        self.every = every
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run(self) -> None:
        run_id = None
        broken = False
        while True:
            try:
                with talking(self.queue.url):
                    current = self.queue.server_run_id()
                    if current != run_id:  # first contact, or Redis restarted: it may have lost jobs
                        requeued = self.queue.reconcile()
                        if requeued:
                            log.warning("queued %d job(s) again that the broker did not know: %s", len(requeued),
                                        ", ".join(requeued))
                        run_id = current
                    self.queue.sweep()
                if broken:
                    log.info("the broker at %s answers again", redact(self.queue.url))
                    broken = False
            except BrokerUnavailable as exc:
                if not broken:
                    log.warning("%s", exc)
                    broken = True
            except Exception:  # the monitor must outlive a bug in one sweep
                log.exception("broker monitor")
            if self._stop.wait(self.every):
                return

    def __enter__(self) -> Monitor:
        self._thread = threading.Thread(target=self.run, name="vidgen-broker-monitor", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(5)
