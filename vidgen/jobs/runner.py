"""Local runners: claim pending jobs from the queue and render each in a worker process.

Renders run in spawned processes (never on the server's event loop), at most
`VIDGEN_MAX_RENDER_WORKERS` at once across every runner sharing the store; a job is
claimed atomically, so two runners never take the same one.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import threading
from typing import Any

from vidgen.config import Settings
from vidgen.errors import Cancelled, VidgenError
from vidgen.jobs.queue import INTERRUPTED, StoreQueue, remove_partials

STOPPED = {"error": "interrupted", "stage": "interrupted",
           "message": "vidgen stopped while rendering; render it again"}


def run_job(settings: Settings, job_id: str) -> None:
    """Entry point of a worker process: render one claimed job and record how it ended."""
    from vidgen.jobs.execute import Ticker, render_job
    from vidgen.jobs.service import video_result
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


__all__ = ["INTERRUPTED", "Runner", "run_job", "spawn_runner"]
