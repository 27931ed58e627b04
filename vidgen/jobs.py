"""Background jobs: render without waiting, watch progress, cancel, survive restarts.

- The queue sits behind `JobQueue` (submit, claim, progress, finish, cancel). `StoreQueue`,
  on the shared store, is the embedded default; a broker-backed queue can replace it
  without touching the server or the CLI.
- Renders run in worker processes (spawned, never on the server's event loop), at most
  `VIDGEN_MAX_RENDER_WORKERS` at once across every runner sharing the store; a job is
  claimed atomically, so two runners never take the same one.
- Progress goes to a tiny per-job file, at most a few times a second.
- A job whose process died while `running` becomes `failed` with error `interrupted`
  when a runner next starts (or notices); `pending` jobs simply run.
- `follow()` is the one way to watch a job: the CLI's progress bar and the server's
  event stream both use it.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from typing import Any, Iterator, Protocol

from vidgen.errors import Cancelled, Conflict, NotFound, VidgenError
from vidgen.procs import pid_alive
from vidgen.store import Store, now

FINAL = ("completed", "failed", "cancelled")
PROGRESS_EVERY = 0.25   # seconds between progress writes
CANCEL_GRACE = 1.5      # seconds a worker gets to stop by itself before it is killed


def iso(ts: float | None) -> str | None:
    if not ts:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)) + f".{int(ts * 1000) % 1000:03d}Z"


class JobQueue(Protocol):
    def submit(self, job: dict) -> dict: ...
    def claim(self, worker: str, max_running: int) -> dict | None: ...
    def progress(self, job_id: str, data: dict) -> None: ...
    def finish(self, job_id: str, status: str, **fields: Any) -> dict | None: ...
    def cancel(self, job_id: str) -> dict | None: ...


class StoreQueue:
    """The embedded queue: jobs in the shared TinyDB store."""

    def __init__(self, store: Store):
        self.store = store

    def submit(self, job: dict) -> dict:
        return self.store.insert_job(job)

    def claim(self, worker: str, max_running: int) -> dict | None:
        return self.store.claim_job(worker, max_running)

    def progress(self, job_id: str, data: dict) -> None:
        self.store.write_progress(job_id, data)

    def finish(self, job_id: str, status: str, **fields: Any) -> dict | None:
        """Only a job still pending or running changes; a deleted one is left deleted."""
        try:
            return self.store.transition_job(job_id, ("pending", "running"), status=status, finished_at=now(),
                                             **fields)
        except NotFound:
            return None

    def cancel(self, job_id: str) -> dict | None:
        self.store.cancel_flag(job_id).touch()
        return self.finish(job_id, "cancelled", stage="cancelled", message="cancelled")


def public(job: dict) -> dict:
    """The job as the API shows it (the old system's shape, plus eta and config)."""
    out = {k: job.get(k) for k in ("job_id", "token", "script_version", "status", "progress", "stage", "message",
                                   "result", "error")}
    out["progress"] = round(float(out["progress"] or 0), 1)
    out["eta_seconds"] = job.get("eta")
    out["config"] = job.get("config")
    for key in ("created_at", "updated_at", "started_at", "finished_at"):
        out[key] = iso(job.get(key))
    return out


def video_result(result: dict) -> dict:
    name = result["video"]
    return {"video": name, "filename": name, "duration": result["duration"], "size": result["size"],
            "stream_url": f"/stream/{name}", "download_url": f"/download/{name}",
            "captions_url": f"/download/{result['captions_vtt']}", "thumbnail_url": f"/download/{result['thumbnail']}",
            "storyboard_url": f"/download/{result['storyboard']}", "width": result["width"],
            "height": result["height"], "scenes_cached": result["scenes_cached"]}


class JobService:
    def __init__(self, svc, queue: JobQueue | None = None):
        self.svc = svc
        self.store: Store = svc.store
        self.queue = queue or StoreQueue(self.store)

    def submit(self, token: str, version: int | None, options, *, spawn: bool = False) -> dict:
        """Refuse bad input now (unknown token, bad config), not when the job runs."""
        options.check()
        doc = self.svc.get_script(token, version)
        job = {"job_id": secrets.token_hex(8), "token": token, "script_version": doc["version"],
               "status": "pending", "progress": 0.0, "stage": "queued", "message": "waiting for a worker",
               "result": None, "error": None, "config": options.as_dict(), "created_at": now(),
               "updated_at": now()}
        self.queue.submit(job)
        if spawn:
            spawn_runner(self.svc.settings)
        return public(job)

    def get(self, job_id: str) -> dict:
        return public(self.store.get_job(job_id))

    def list(self, status: str | None = None, limit: int = 50) -> list[dict]:
        jobs = self.store.list_jobs()
        if status:
            jobs = [j for j in jobs if j.get("status") == status]
        return [public(j) for j in jobs[:limit]]

    def cancel(self, job_id: str) -> dict:
        job = self.store.get_job(job_id)
        if job["status"] in FINAL:
            raise Conflict(f"job {job_id} is already {job['status']}; there is nothing to cancel",
                           "delete its record with DELETE /api/job/{id} if you no longer need it")
        self.queue.cancel(job_id)
        pid = job.get("worker_pid")
        if job["status"] == "running" and pid:
            deadline = time.monotonic() + CANCEL_GRACE
            while pid_alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            if pid_alive(pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                remove_partials(self.svc.settings, pid)
        return public(self.store.get_job(job_id))

    def delete(self, job_id: str) -> None:
        job = self.store.get_job(job_id)
        if job["status"] not in FINAL:
            self.cancel(job_id)
        self.store.delete_job(job_id)

    def recover(self) -> list[str]:
        """Jobs left `running` by a process that died become failed: interrupted."""
        failed = []
        for job in self.store.list_jobs():
            if job["status"] == "running" and not pid_alive(job.get("worker_pid")) and \
                    not pid_alive(job.get("runner_pid")):
                if self.queue.finish(job["job_id"], "failed", error="interrupted", stage="interrupted",
                                     message="the process running this job stopped; render it again"):
                    remove_partials(self.svc.settings, job.get("worker_pid"))
                    failed.append(job["job_id"])
        return failed


def remove_partials(settings, pid: int | None) -> None:
    if not pid:
        return
    for p in settings.renders.glob(f".*.partial-{pid}.mp4"):
        p.unlink(missing_ok=True)
    import shutil

    for p in (settings.data / "cache" / "work").glob(f"*-{pid}-*"):
        shutil.rmtree(p, ignore_errors=True)


def follow(store: Store, job_id: str, interval: float = 0.25, timeout: float | None = None) -> Iterator[dict]:
    """Yield the job each time it changes, until it reaches a final state."""
    last = None
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        job = public(store.get_job(job_id))
        key = (job["status"], job["progress"], job["stage"], job["message"])
        if key != last:
            last = key
            yield job
        if job["status"] in FINAL:
            return
        if deadline is not None and time.monotonic() > deadline:
            return
        time.sleep(interval)


# -- the worker process ------------------------------------------------------------------
def run_job(settings, job_id: str) -> None:
    """Entry point of a worker process: render one claimed job and record how it ended."""
    from vidgen.render.presets import RenderOptions
    from vidgen.service import Vidgen

    svc = Vidgen(settings)
    store, queue = svc.store, StoreQueue(svc.store)

    def on_term(_sig, _frame):
        raise Cancelled("the job was cancelled")

    signal.signal(signal.SIGTERM, on_term)
    job = store.get_job(job_id)
    store.transition_job(job_id, ("running",), worker_pid=os.getpid())
    flag = store.cancel_flag(job_id)
    started = time.monotonic()
    state = {"last": 0.0}

    def progress(stage: str, fraction: float, message: str) -> None:
        if flag.exists():
            raise Cancelled("the job was cancelled")
        t = time.monotonic()
        if t - state["last"] < PROGRESS_EVERY and fraction < 1.0:
            return
        state["last"] = t
        pct = round(min(99.0, fraction * 100), 1)  # 100 only once the job is completed
        elapsed = t - started
        eta = round(elapsed * (1 - fraction) / fraction, 1) if fraction > 0.02 else None
        queue.progress(job_id, {"progress": pct, "stage": stage, "message": message, "eta": eta})

    try:
        options = RenderOptions.from_config(job.get("config"))
        result = svc.render(job["token"], job["script_version"], options, progress=progress)
        queue.finish(job_id, "completed", progress=100.0, stage="completed", message="video ready",
                     result=video_result(result), eta=0)
    except Cancelled:
        if flag.exists():
            queue.finish(job_id, "cancelled", stage="cancelled", message="cancelled")
        else:  # terminated from outside: the runner stopped, or died (see _worker_main)
            queue.finish(job_id, "failed", error="interrupted", stage="interrupted",
                         message="vidgen stopped while rendering; render it again")
    except VidgenError as exc:
        queue.finish(job_id, "failed", stage="failed", message=exc.message, error=str(exc))
    except Exception as exc:  # a bug must fail this job with a reason, not the runner
        import traceback

        traceback.print_exc()
        queue.finish(job_id, "failed", stage="failed", message="render failed",
                     error=f"unexpected {type(exc).__name__}: {exc}")
    finally:
        flag.unlink(missing_ok=True)


def _worker_main(settings, job_id: str) -> None:
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
    """Claims pending jobs and runs each in a worker process."""

    def __init__(self, svc, max_workers: int | None = None, poll: float = 0.3):
        import multiprocessing

        self.svc = svc
        self.jobs = JobService(svc)
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
                self.jobs.queue.finish(job_id, "failed", stage="failed", message="the worker stopped",
                                       error=f"the worker process exited with code {proc.exitcode}")
        while len(self.active) < self.max_workers and not self._stop.is_set():
            job = self.jobs.store.claim_job(self.name, self.max_workers, runner_pid=os.getpid())
            if job is None:
                break
            proc = self.ctx.Process(target=_worker_main, args=(self.svc.settings, job["job_id"]), daemon=True)
            proc.start()
            self.active[job["job_id"]] = proc

    def idle(self) -> bool:
        return not self.active and not any(j["status"] == "pending" for j in self.jobs.store.list_jobs())

    def run(self, until_idle: bool = False) -> None:
        self.jobs.recover()
        while not self._stop.is_set():
            self.step()
            if until_idle and self.idle():
                return
            self._stop.wait(self.poll)

    def start(self) -> "Runner":
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
            self.jobs.queue.finish(job_id, "failed", error="interrupted", stage="interrupted",
                                   message="vidgen stopped while rendering; render it again")
            remove_partials(self.svc.settings, proc.pid)
        self.active.clear()


def spawn_runner(settings) -> subprocess.Popen:
    """A detached runner for `vidgen render --detach`: it works until the queue is empty."""
    log = settings.data / "runner.log"
    with open(log, "ab") as out:
        return subprocess.Popen([sys.executable, "-m", "vidgen", "worker", "--until-idle"],
                                stdin=subprocess.DEVNULL, stdout=out, stderr=out, start_new_session=True,
                                env={**os.environ, "VIDGEN_HOME": str(settings.home)}, cwd=str(settings.home))
