"""The local mode: jobs in the shared store (`StoreQueue`), run by `Runner`s on this machine.

A runner claims pending jobs from the queue and renders each in a worker process.
Renders run in spawned processes (never on the server's event loop), at most
`VIDGEN_MAX_RENDER_WORKERS` at once across every runner sharing the store; a job is
claimed atomically, so two runners never take the same one.

A runner keeps going whatever fails (a full disk, a locked store): it retries with backoff
and says what is wrong through `health()` (the server's `/health`). Every few seconds it
touches a heartbeat for the jobs it runs and looks for jobs nobody runs any more (their
processes gone, or their heartbeat stale), which become failed: interrupted.
"""

from __future__ import annotations

import builtins
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from contextlib import AbstractContextManager, suppress
from pathlib import Path
from typing import Any

from vidgen.config import Settings
from vidgen.errors import Cancelled, NotFound, VidgenError, is_disk_full
from vidgen.jobs.execute import explain_failure, full_folder, says_disk_full
from vidgen.jobs.queue import INTERRUPTED, Service, remove_partials
from vidgen.store.db import Store, now
from vidgen.store.procs import pid_alive

log = logging.getLogger("vidgen.jobs")
CANCEL_GRACE = 1.5      # seconds a worker gets to stop by itself before it is killed
RECOVER_EVERY = 2.0     # seconds between looks for jobs whose processes died
BEAT_EVERY = 5.0        # seconds between heartbeats of the jobs a runner runs
STALE_AFTER = 60.0      # a running job's heartbeat older than this: nobody runs it any more
MAX_BACKOFF = 30.0      # the longest wait between retries of a failing runner
STUCK_AFTER = 120.0     # a runner with no completed round for this long is reported as stuck
GIVE_UP = 20            # failures in a row after which a runner that stops when idle gives up
EXIT_DISK_FULL = 28     # a worker's exit code when a full disk kept it from recording how its job ended


class StoreQueue:
    """The embedded queue: jobs in the shared TinyDB store, run by local Runners on this machine."""

    name = "local"

    def __init__(self, store: Store, settings: Settings):
        self.store = store
        self.settings = settings

    def submit(self, job: dict[str, Any]) -> dict[str, Any]:
        return self.store.insert_job(job)

    def get(self, job_id: str) -> dict[str, Any]:
        return self.store.get_job(job_id)

    def list(self) -> list[dict[str, Any]]:
        return self.store.list_jobs()

    def claim(self, worker: str, max_running: int, **fields: Any) -> dict[str, Any] | None:
        return self.store.claim_job(worker, max_running, **fields)

    def update(self, job_id: str, allowed: tuple[str, ...], **fields: Any) -> dict[str, Any] | None:
        return self.store.transition_job(job_id, allowed, **fields)

    def progress(self, job_id: str, data: dict[str, Any]) -> None:
        with suppress(OSError):  # a tick lost (a full disk) must not fail the render; the final state counts
            self.store.write_progress(job_id, data)

    def finish(self, job_id: str, status: str, **fields: Any) -> dict[str, Any] | None:
        try:
            done = self.store.transition_job(job_id, ("pending", "running"), status=status, finished_at=now(),
                                             **fields)
        except NotFound:
            return None
        self._beat(job_id).unlink(missing_ok=True)
        return done

    def _beat(self, job_id: str) -> Path:
        return self.store.root / "progress" / f"{job_id}.beat"

    def heartbeat(self, job_ids: Iterable[str]) -> None:
        """Whoever runs these jobs is alive (cheap: one tiny file each, its time is what counts)."""
        for job_id in job_ids:
            path = self._beat(job_id)
            with suppress(OSError):  # a full disk: the processes' pids still tell that the job is alive
                path.touch()
                os.utime(path)

    def _abandoned(self, job: dict[str, Any]) -> bool:
        """Nobody runs this `running` job any more: its processes are gone, or its heartbeat stopped."""
        try:
            age = time.time() - self._beat(job["job_id"]).stat().st_mtime
        except OSError:
            age = None
        if age is not None and age > STALE_AFTER:
            return True
        if job.get("runner_host", socket.gethostname()) != socket.gethostname():
            return False  # another machine's pids mean nothing here: only its heartbeat tells
        return not pid_alive(job.get("worker_pid")) and not pid_alive(job.get("runner_pid"))

    def _flag(self, job_id: str) -> Path:
        return self.store.cancel_flag(job_id)

    def cancel_requested(self, job_id: str) -> bool:
        return self._flag(job_id).exists()

    def cancel(self, job_id: str) -> dict[str, Any] | None:
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
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                remove_partials(self.settings, pid)
        return done

    def clear_cancel(self, job_id: str) -> None:
        self._flag(job_id).unlink(missing_ok=True)

    def delete(self, job_id: str) -> None:
        self.store.delete_job(job_id)
        self._beat(job_id).unlink(missing_ok=True)

    def recover(self) -> builtins.list[str]:
        """Runners call this every few seconds: it reads the cached job index, never copies every job."""
        failed = []
        running = [j for j in self.store._index("jobs.json", "jobs", "job_id").values() if j.get("status") == "running"]
        for job in running:
            if self._abandoned(job) and self.finish(job["job_id"], "failed", **INTERRUPTED):
                remove_partials(self.settings, job.get("worker_pid"))
                failed.append(job["job_id"])
        return failed

    def executor(self, svc: Service) -> AbstractContextManager[Any]:
        return Runner(svc, queue=self)

    def wake(self, settings: Settings) -> None:
        spawn_runner(settings)

    def workers(self) -> builtins.list[dict[str, Any]]:
        return []  # local runners are part of the processes that start them, not workers of their own


STOPPED = {"error": "interrupted", "stage": "interrupted",
           "message": "vidgen stopped while rendering; render it again"}


def run_job(make: type[Service], settings: Settings, job_id: str) -> None:
    """Entry point of a worker process: render one claimed job and record how it ended. `make`: the
    service's class (the runner's own), so this layer never imports the one above it."""
    from vidgen.jobs.execute import Ticker, render_job, video_result

    svc = make(settings)
    queue = StoreQueue(svc.store, settings)

    def on_term(_sig: int, _frame: Any) -> None:
        raise Cancelled("the job was cancelled")

    signal.signal(signal.SIGTERM, on_term)
    job = queue.get(job_id)
    queue.update(job_id, ("running",), worker_pid=os.getpid())
    ticker = Ticker(lambda data: queue.progress(job_id, data), lambda: queue.cancel_requested(job_id))
    try:
        result = render_job(svc, job, ticker)
        queue.finish(job_id, "completed", progress=100.0, stage="completed", message="video ready",
                     result=video_result(result), eta=0)
    except Cancelled:
        if queue.cancel_requested(job_id):
            queue.finish(job_id, "cancelled", stage="cancelled", message="cancelled")
        else:  # terminated from outside: the runner stopped, or died (see _worker_main)
            queue.finish(job_id, "failed", **STOPPED)
    except VidgenError as exc:
        queue.finish(job_id, "failed", stage="failed", message=exc.message, error=explain_failure(str(exc), settings))
    except Exception as exc:  # a bug must fail this job with a reason, not the runner
        import traceback

        if isinstance(exc, OSError) and is_disk_full(exc):   # numpy's short write included: it has no errno
            where = Path(exc.filename).parent if exc.filename else full_folder(settings, float("inf"))
            error = f"the disk is full (no space left in {where})" if where else "the disk is full"
        else:
            traceback.print_exc()
            error = explain_failure(f"unexpected {type(exc).__name__}: {exc}", settings)
        queue.finish(job_id, "failed", stage="failed", message="render failed", error=error)
    finally:
        queue.clear_cancel(job_id)


def _worker_main(make: type[Service], settings: Settings, job_id: str) -> None:
    if sys.platform.startswith("linux"):
        # if the runner dies (even by SIGKILL) the worker is told, instead of rendering on as an orphan
        import ctypes

        with suppress(OSError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    try:
        run_job(make, settings, job_id)
    except KeyboardInterrupt:
        pass
    except VidgenError as exc:  # the job's end could not be recorded: the runner records it, told why
        if says_disk_full(str(exc)):
            sys.stderr.write(f"vidgen worker: {exc}\n")
            sys.exit(EXIT_DISK_FULL)
        raise


class Runner:
    """Claims pending jobs through the queue and runs each in a worker process.

    Used as a context manager by the server (`with queue.executor(svc): ...`).
    """

    def __init__(self, svc: Service, max_workers: int | None = None, poll: float = 0.3,
                 queue: StoreQueue | None = None):
        import multiprocessing

        self.svc = svc
        self.queue = queue or StoreQueue(svc.store, svc.settings)
        self.max_workers = max(1, max_workers or svc.settings.max_render_workers)
        self.poll = poll
        self.ctx = multiprocessing.get_context("spawn")
        self.active: dict[str, Any] = {}
        self.exits: dict[str, str] = {}  # job id -> why its worker stopped, kept until it is recorded
        self.name = f"runner-{os.getpid()}-{secrets.token_hex(3)}"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.failures = 0
        self.error: VidgenError | Exception | None = None
        self.failing_since = 0.0
        self.last_ok = time.monotonic()
        self._recovered = self._beaten = float("-inf")

    def step(self) -> None:
        for job_id, proc in list(self.active.items()):
            if proc.is_alive():
                continue
            proc.join()
            # the reason is worked out once, when the worker is seen gone; recording it may need retries
            reason = self.exits.setdefault(job_id, self.exit_reason(proc.exitcode))
            self.queue.finish(job_id, "failed", stage="failed", message="the worker stopped", error=reason)
            del self.active[job_id]
            self.exits.pop(job_id, None)
        while len(self.active) < self.max_workers and not self._stop.is_set():
            job = self.queue.claim(self.name, self.max_workers, runner_pid=os.getpid(),
                                   runner_host=socket.gethostname())
            if job is None:
                break
            self.queue.heartbeat([job["job_id"]])
            proc = self.ctx.Process(target=_worker_main, args=(type(self.svc), self.svc.settings, job["job_id"]),
                                    daemon=True)
            try:
                proc.start()
            except BaseException as exc:  # no worker: the job must not stay `running` under a live runner
                self.queue.finish(job["job_id"], "failed", stage="failed", message="the worker could not start",
                                  error=explain_failure(f"the worker process could not start: {exc}",
                                                        self.svc.settings))
                raise
            self.active[job["job_id"]] = proc

    def exit_reason(self, code: int | None) -> str:
        if code == EXIT_DISK_FULL or (code and full_folder(self.svc.settings) is not None):
            # the worker could not even record why it stopped; by now its cleanup may have freed a little
            return f"the disk is full (no space left in {full_folder(self.svc.settings, float('inf'))})"
        if code is not None and code < 0:
            name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
            return f"the worker process was killed ({name}{', perhaps out of memory' if -code == 9 else ''})"
        return f"the worker process exited with code {code}"

    def tick(self) -> None:
        """One round: look for abandoned jobs now and then, reap and start workers, heartbeat."""
        t = time.monotonic()
        if t - self._recovered >= RECOVER_EVERY:
            self.queue.recover()
            self._recovered = t
        self.step()
        if self.active and t - self._beaten >= BEAT_EVERY:
            self.queue.heartbeat(list(self.active))
            self._beaten = t

    def idle(self) -> bool:
        return not self.active and not any(j["status"] == "pending" for j in self.queue.list())

    def run(self, until_idle: bool = False) -> None:
        while not self._stop.is_set():
            try:
                self.tick()
                if until_idle and self.idle():
                    return
            except Exception as exc:  # a full disk, a locked store, a bug: retry, never stop for good
                self._failed(exc)
                if until_idle and self.failures >= GIVE_UP:
                    log.error("the job runner gives up after %d failures in a row: %s", self.failures, exc)
                    return
                self._stop.wait(min(MAX_BACKOFF, self.poll * 2 ** min(self.failures, 10)))
                continue
            if self.failures:
                log.warning("the job runner works again after %d failure(s)", self.failures)
            self.failures, self.error, self.last_ok = 0, None, time.monotonic()
            self._stop.wait(self.poll)

    def _failed(self, exc: Exception) -> None:
        if not self.failures or str(exc) != str(self.error):  # said once per new problem, not per retry
            if isinstance(exc, VidgenError):
                log.warning("the job runner failed (retrying): %s", exc)
            else:
                log.exception("the job runner failed (retrying)")
        if not self.failures:
            self.failing_since = time.monotonic()
        self.failures += 1
        self.error = exc

    def health(self) -> dict[str, Any]:
        """A check in the shape of `vidgen.service.checks`: is this runner making progress, and if not, why."""
        def check(ok: bool, detail: str, fix: str = "") -> dict[str, Any]:
            return {"name": "job runner", "ok": ok, "detail": detail, "fix": "" if ok else fix, "required": True}

        t = time.monotonic()
        if self._thread is not None and not self._thread.is_alive() and not self._stop.is_set():
            return check(False, f"the job runner stopped ({self.error or 'no reason recorded'}); "
                                "queued jobs are not being run", "restart `vidgen serve`")
        if self.failures:
            fix = getattr(self.error, "fix", None) or "see the server log"
            return check(False, f"the job runner cannot run jobs: {getattr(self.error, 'message', self.error)} "
                                f"(failing for {t - self.failing_since:.0f} s, {self.failures} tries; retrying)", fix)
        if t - self.last_ok > STUCK_AFTER:
            return check(False, f"the job runner has made no progress for {t - self.last_ok:.0f} s",
                         "see the server log; restart `vidgen serve` if it stays so")
        return check(True, f"{len(self.active)} of {self.max_workers} render worker(s) busy")

    def start(self) -> Runner:
        self._thread = threading.Thread(target=self.run, name=self.name, daemon=True)
        self._thread.start()
        LIVE.add(self)
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop claiming; running jobs are interrupted (failed: interrupted), pending ones stay queued."""
        self._stop.set()
        LIVE.discard(self)
        if self._thread:
            self._thread.join(timeout)
        for job_id, proc in list(self.active.items()):
            if proc.is_alive():
                proc.terminate()
                proc.join(timeout)
            try:
                self.queue.finish(job_id, "failed", **STOPPED)
            except VidgenError as exc:  # the next runner's recovery marks it interrupted instead
                log.warning("could not record that job %s was interrupted: %s", job_id, exc)
            remove_partials(self.svc.settings, proc.pid)
        self.active.clear()

    def __enter__(self) -> Runner:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


LIVE: set[Runner] = set()  # the runners this process started: what /health reports on


def runner_checks() -> list[dict[str, Any]]:
    """One check per runner running in this process (none when jobs run elsewhere)."""
    return [runner.health() for runner in list(LIVE)]


def spawn_runner(settings: Settings) -> subprocess.Popen[bytes]:
    """A detached runner for `vidgen render --detach`: it works until the queue is empty."""
    log = settings.data / "runner.log"
    with open(log, "ab") as out:
        return subprocess.Popen([sys.executable, "-m", "vidgen", "worker", "--until-idle"],
                                stdin=subprocess.DEVNULL, stdout=out, stderr=out, start_new_session=True,
                                env={**os.environ, "VIDGEN_HOME": str(settings.home)}, cwd=str(settings.home))

