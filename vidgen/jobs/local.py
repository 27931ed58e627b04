"""The local mode: jobs in the shared store (`StoreQueue`), run by `Runner`s on this machine.

A runner claims pending jobs from the queue and renders each in a worker process.
Renders run in spawned processes (never on the server's event loop), at most
`VIDGEN_MAX_RENDER_WORKERS` at once across every runner sharing the store; a job is
claimed atomically, so two runners never take the same one.
"""

from __future__ import annotations

import builtins
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from vidgen.config import Settings
from vidgen.errors import Cancelled, NotFound, VidgenError
from vidgen.jobs.queue import INTERRUPTED, remove_partials
from vidgen.procs import pid_alive
from vidgen.store import Store, now

CANCEL_GRACE = 1.5      # seconds a worker gets to stop by itself before it is killed

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
        return Runner(svc, queue=self)

    def wake(self, settings: Settings) -> None:
        spawn_runner(settings)

    def workers(self) -> builtins.list[dict]:
        return []  # local runners are part of the processes that start them, not workers of their own


STOPPED = {"error": "interrupted", "stage": "interrupted",
           "message": "vidgen stopped while rendering; render it again"}


def run_job(settings: Settings, job_id: str) -> None:
    """Entry point of a worker process: render one claimed job and record how it ended."""
    from vidgen.jobs.execute import Ticker, render_job, video_result
    from vidgen.service import Vidgen

    svc = Vidgen(settings)
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
        queue.finish(job_id, "failed", stage="failed", message=exc.message, error=str(exc))
    except Exception as exc:  # a bug must fail this job with a reason, not the runner
        import traceback

        traceback.print_exc()
        queue.finish(job_id, "failed", stage="failed", message="render failed",
                     error=f"unexpected {type(exc).__name__}: {exc}")
    finally:
        queue.clear_cancel(job_id)


def _worker_main(settings: Settings, job_id: str) -> None:
    if sys.platform.startswith("linux"):
        # if the runner dies (even by SIGKILL) the worker is told, instead of rendering on as an orphan
        import ctypes

        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except OSError:
            pass
    try:
        run_job(settings, job_id)
    except KeyboardInterrupt:
        pass


class Runner:
    """Claims pending jobs through the queue and runs each in a worker process.

    Used as a context manager by the server (`with queue.executor(svc): ...`).
    """

    def __init__(self, svc: Any, max_workers: int | None = None, poll: float = 0.3,
                 queue: StoreQueue | None = None):
        import multiprocessing

        self.svc = svc
        self.queue = queue or StoreQueue(svc.store, svc.settings)
        self.max_workers = max(1, max_workers or svc.settings.max_render_workers)
        self.poll = poll
        self.ctx = multiprocessing.get_context("spawn")
        self.active: dict[str, Any] = {}
        self.name = f"runner-{os.getpid()}-{secrets.token_hex(3)}"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def step(self) -> None:
        for job_id, proc in list(self.active.items()):
            if not proc.is_alive():
                proc.join()
                del self.active[job_id]
                self.queue.finish(job_id, "failed", stage="failed", message="the worker stopped",
                                  error=f"the worker process exited with code {proc.exitcode}")
        while len(self.active) < self.max_workers and not self._stop.is_set():
            job = self.queue.claim(self.name, self.max_workers, runner_pid=os.getpid())
            if job is None:
                break
            proc = self.ctx.Process(target=_worker_main, args=(self.svc.settings, job["job_id"]), daemon=True)
            proc.start()
            self.active[job["job_id"]] = proc

    def idle(self) -> bool:
        return not self.active and not any(j["status"] == "pending" for j in self.queue.list())

    def run(self, until_idle: bool = False) -> None:
        self.queue.recover()
        while not self._stop.is_set():
            self.step()
            if until_idle and self.idle():
                return
            self._stop.wait(self.poll)

    def start(self) -> Runner:
        self._thread = threading.Thread(target=self.run, name=self.name, daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop claiming; running jobs are interrupted (failed: interrupted), pending ones stay queued."""
        self._stop.set()
        if self._thread:
            self._thread.join(timeout)
        for job_id, proc in list(self.active.items()):
            if proc.is_alive():
                proc.terminate()
                proc.join(timeout)
            self.queue.finish(job_id, "failed", **STOPPED)
            remove_partials(self.svc.settings, proc.pid)
        self.active.clear()

    def __enter__(self) -> Runner:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def spawn_runner(settings: Settings) -> subprocess.Popen:
    """A detached runner for `vidgen render --detach`: it works until the queue is empty."""
    log = settings.data / "runner.log"
    with open(log, "ab") as out:
        return subprocess.Popen([sys.executable, "-m", "vidgen", "worker", "--until-idle"],
                                stdin=subprocess.DEVNULL, stdout=out, stderr=out, start_new_session=True,
                                env={**os.environ, "VIDGEN_HOME": str(settings.home)}, cwd=str(settings.home))

