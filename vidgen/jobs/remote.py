"""`vidgen worker` with a broker: RQ workers that render jobs for the server that owns the store.

A worker machine has vidgen installed and its own VIDGEN_HOME (its scene cache), no store
and no shared filesystem. Each job: take it from the server (the script version and its
media come with it), render it with the same `render_job` and `Ticker` as a local worker,
report progress, upload the video and its sidecars with their checksums, finish.

Process layout: the `vidgen worker` process supervises `--concurrency` RQ worker
processes; each RQ worker forks a work horse per job (RQ's model: a crash or a kill of
one render takes nothing else down). SIGTERM or Ctrl-C: stop taking jobs, finish the
ones in hand, exit; a second one stops at once (RQ hands those jobs back, see broker.py).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sys
import threading
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vidgen.config import Settings
from vidgen.errors import Cancelled, VidgenError
from vidgen.jobs.broker import (
    ABANDONED_AFTER,
    CANCEL_KEY,
    FUNC,
    HEARTBEAT_EVERY,
    QUEUE_NAME,
)
from vidgen.jobs.client import JobGone, ServerClient, ServerUnreachable, WorkerRefused
from vidgen.jobs.connection import connect, redact, serializer
from vidgen.store.names import SIDECARS

if TYPE_CHECKING:
    from vidgen.render.context import ProgressFn
    from vidgen.render.presets import RenderOptions

HOST = socket.gethostname()
CANCEL_CHECK_EVERY = 0.2    # seconds between looks at the broker's cancel key during a render


def line(message: str) -> None:
    """The worker's own one-line log on stderr (one per job start and end)."""
    sys.stderr.write(f"{time.strftime('%H:%M:%S')} {message}\n")
    sys.stderr.flush()


@dataclass
class Context:
    settings: Settings
    client: ServerClient
    name: str


_CONTEXT: Context | None = None   # set in each RQ worker process; its work horses inherit it


def rq_classes() -> tuple[type, type]:
    """RQ's Worker and Job, with the two things a render farm needs changed."""
    from rq import Worker
    from rq.job import Job

    class RenderJob(Job):
        @property
        def func(self) -> Any:
            # whoever can write to the broker must not be able to run other code on the workers
            if self.func_name != FUNC:
                raise VidgenError(f"refused job {self.id}: {self.func_name!r} is not a vidgen render")
            return Job.func.fget(self)  # type: ignore[attr-defined]

    class RenderWorker(Worker):
        def get_heartbeat_ttl(self, job: Any, working_time: float = 0.0) -> int:
            # RQ adds 60 s of slack; a render farm should hand a dead machine's job on sooner
            return HEARTBEAT_EVERY + ABANDONED_AFTER

    return RenderWorker, RenderJob


# -- one job (runs in RQ's work horse) -------------------------------------------------------
class ProgressSender:
    """Progress goes to the server from a thread: a slow network never slows the render.

    Only the newest report is kept; a 409 from the server (cancelled, deleted, handed on)
    raises the stop flag the ticker reads.
    """

    def __init__(self, client: ServerClient, job_id: str, worker: str, attempt: int):
        self.client, self.job_id, self.worker, self.attempt = client, job_id, worker, attempt
        self.stopped = threading.Event()
        self.reason = ""
        self._latest: dict[str, Any] | None = None
        self._wake = threading.Event()
        self._done = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def send(self, data: dict[str, Any]) -> None:
        self._latest = data
        self._wake.set()

    def _run(self) -> None:
        while not self._done:
            self._wake.wait(1.0)
            self._wake.clear()
            data, self._latest = self._latest, None
            if data is None:
                continue
            try:
                self.client.progress(self.job_id, self.worker, self.attempt, data)
            except JobGone as exc:
                self.reason = exc.message
                self.stopped.set()
            except VidgenError:
                pass  # an unanswered report is only a stale bar; the next one may get through

    def close(self) -> None:
        self._done = True
        self._wake.set()


class FetchedScript:
    """What `render_job` asks of the service, for a script fetched from the server: a worker has no store."""

    def __init__(self, settings: Settings, doc: dict[str, Any]):
        self.settings, self.doc = settings, doc

    def render(self, token: str, version: int | None, options: RenderOptions, *,
               progress: ProgressFn | None = None) -> dict[str, Any]:
        from vidgen.render.pipeline import Renderer

        return Renderer(self.settings).render(token, self.doc, options, progress=progress)


def fetch_media(ctx: Context, job_id: str, attempt: int, doc: dict[str, Any],
                media: list[dict[str, Any]]) -> dict[str, Any]:
    """The files the scenes name (media, image visuals' pictures), copied from the server, the
    script pointing at the copies.

    Kept by (size, mtime) of the server's file, with that mtime, so the scene cache keeps
    hitting across jobs that use the same picture.
    """
    from vidgen.script.model import Scene

    if not media:
        return doc
    folder = ctx.settings.data / "remote-media"
    folder.mkdir(parents=True, exist_ok=True)
    local: dict[tuple[int, int], Path] = {}
    for item in media:
        name = Path(str(item["name"]))
        dest = folder / f"{item['size']}-{item['mtime_ns']}-{name.stem[:60]}{name.suffix[:8]}"
        if not (dest.exists() and dest.stat().st_size == item["size"]):
            ctx.client.media(job_id, ctx.name, attempt, int(item["seq"]), int(item.get("file", 0)), dest)
            os.utime(dest, ns=(int(item["mtime_ns"]), int(item["mtime_ns"])))
        # relative to VIDGEN_HOME: short enough for an image item's label (at most 200 characters)
        local[(int(item["seq"]), int(item.get("file", 0)))] = dest.relative_to(ctx.settings.home)
    script = dict(doc["script"])
    scenes = []
    for raw in script["scenes"]:
        # the same numbering as the server's: Scene.files() of the same script version
        named = Scene.model_validate(raw).files()
        moved = {value: str(local[(raw["seq"], k)]) for k, (_, value, _) in enumerate(named)
                 if (raw["seq"], k) in local}
        scenes.append(_relocated(raw, moved) if moved else raw)
    script["scenes"] = scenes
    return {**doc, "script": script}


def _relocated(scene: dict[str, Any], moved: dict[str, str]) -> dict[str, Any]:
    """The scene with each file it names that was fetched replaced by the local copy's path."""
    out = dict(scene)
    if isinstance(out.get("media"), str) and out["media"] in moved:
        out["media"] = moved[out["media"]]
    visual = out.get("visual")
    if isinstance(visual, dict):
        elements = []
        for el in visual.get("elements", []):
            if el.get("kind") == "image":
                el = {**el, "items": [{**it, "label": moved.get(str(it.get("label", "")).strip(), it.get("label"))}
                                      for it in el.get("items", [])]}
            elements.append(el)
        out["visual"] = {**visual, "elements": elements}
    return out


def run_job(job_id: str) -> str:
    """What RQ runs for each job, in its work horse: render the job for the server and deliver it.

    Render errors are reported to the server and end the job; only a server that cannot be
    reached raises (RQ then tries the job again, up to its retries).
    """
    from rq import get_current_job

    from vidgen.jobs.execute import Ticker, render_job

    rq_job = get_current_job()
    assert rq_job is not None, "run_job runs inside an RQ work horse"
    ctx = _CONTEXT or context(Settings.load(), rq_job.worker_name or f"{HOST}-{os.getpid()}")
    try:
        start = ctx.client.start(job_id, ctx.name, HOST)
    except JobGone as exc:
        line(f"job {job_id}: not run — {exc.message}")
        return "skipped"
    attempt, job = int(start["attempt"]), start["job"]
    config = job.get("config") or {}
    line(f"job {job_id}: started (script {job['token']} v{job['script_version']}, "
         f"{config.get('quality', '?')} {config.get('aspect', '')}, try {attempt})")
    began = time.monotonic()
    sender = ProgressSender(ctx.client, job_id, ctx.name, attempt)
    redis = rq_job.connection
    looked = [0.0, False]

    def cancelled() -> bool:
        if sender.stopped.is_set():
            return True
        t = time.monotonic()
        if t - looked[0] >= CANCEL_CHECK_EVERY:
            looked[0] = t
            with suppress(Exception):  # a broker hiccup is not a cancel; the server's answer still stops us
                looked[1] = bool(redis.exists(CANCEL_KEY.format(job_id)))
        return bool(looked[1])

    summary: dict[str, Any] = {}
    try:
        doc = fetch_media(ctx, job_id, attempt, start["doc"], start.get("media") or [])
        summary = render_job(FetchedScript(ctx.settings, doc), job, Ticker(sender.send, cancelled))
        sender.close()
        video = Path(summary["path"])
        files = [video.with_name(video.stem + s) for s in SIDECARS.values()] + [video]
        sums = {f.name: ctx.client.upload(job_id, ctx.name, attempt, f)["sha256"] for f in files}
        ctx.client.finish(job_id, ctx.name, attempt, "completed", files=sums,
                          summary={k: v for k, v in summary.items() if k not in ("path", "archive")})
        line(f"job {job_id}: completed in {time.monotonic() - began:.1f} s — {video.name} "
             f"({video.stat().st_size / 1e6:.1f} MB uploaded)")
        return "completed"
    except Cancelled:
        _report(ctx, job_id, attempt, "cancelled")
        line(f"job {job_id}: stopped — {sender.reason or 'cancelled'}")
        return "cancelled"
    except JobGone as exc:
        line(f"job {job_id}: stopped — {exc.message}")
        return "gone"
    except (ServerUnreachable, WorkerRefused) as exc:
        line(f"job {job_id}: cannot deliver — {exc}")
        raise
    except VidgenError as exc:
        _report(ctx, job_id, attempt, "failed", error=str(exc), message=exc.message)
        line(f"job {job_id}: failed — {exc}")
        return "failed"
    except Exception as exc:  # a bug fails this job with a reason, not the worker
        import traceback

        traceback.print_exc()
        _report(ctx, job_id, attempt, "failed", error=f"unexpected {type(exc).__name__}: {exc}",
                message="render failed")
        line(f"job {job_id}: failed — unexpected {type(exc).__name__}: {exc}")
        return "failed"
    finally:
        sender.close()
        _tidy(summary)


def _report(ctx: Context, job_id: str, attempt: int, status: str, **fields: Any) -> None:
    with suppress(JobGone):  # already cancelled or deleted on the server: nothing to say
        ctx.client.finish(job_id, ctx.name, attempt, status, **fields)


def _tidy(summary: dict[str, Any]) -> None:
    """The worker keeps its scene cache, not the videos it delivered."""
    if summary.get("path"):
        video = Path(summary["path"])
        for p in video.parent.glob(f"{video.stem}.*"):
            if p.name.startswith(video.stem + ".") and p.suffix in (".mp4", ".srt", ".vtt", ".jpg"):
                p.unlink(missing_ok=True)
    if summary.get("archive"):
        shutil.rmtree(summary["archive"], ignore_errors=True)


# -- the worker processes -----------------------------------------------------------------------
def context(settings: Settings, name: str) -> Context:
    return Context(settings, ServerClient(settings.server_url, settings.worker_secret, ca_file=settings.ca_file), name)


def warm() -> None:
    """Load the render stack once per worker process: each job's work horse is forked from it and starts
    warm, instead of paying the imports (about a second of CPU) for every job."""
    import vidgen.jobs.execute  # noqa: F401
    import vidgen.render.pipeline  # noqa: F401
    from vidgen.voice import VOICES

    list(VOICES.items())


def rq_worker_main(settings: Settings, burst: bool) -> None:
    """One RQ worker process: its own broker connection, its name, and the context its horses inherit."""
    global _CONTEXT
    from rq import Queue

    # its own process group: a Ctrl-C at the terminal reaches the supervisor only, which passes one signal on
    os.setpgrp()
    if sys.platform.startswith("linux"):
        import ctypes

        # the supervisor killed: finish the job in hand and stop, rather than run on unsupervised
        with suppress(OSError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)  # RQ installs its own warm-shutdown handlers in work()
    name = f"{HOST}-{os.getpid()}"
    _CONTEXT = context(settings, name)
    warm()
    Worker, Job = rq_classes()
    conn = connect(settings.broker, socket_timeout=None)
    queue = Queue(QUEUE_NAME, connection=conn, serializer=serializer(), job_class=Job)
    worker = Worker([queue], connection=conn, name=name, serializer=serializer(), job_class=Job,
                    job_monitoring_interval=HEARTBEAT_EVERY, worker_ttl=20, maintenance_interval=5)
    worker.work(burst=burst, logging_level="WARNING", with_scheduler=False)


def check(settings: Settings) -> ServerClient:
    """Everything a worker needs, checked before it takes a job: one line for what is wrong."""
    from vidgen.errors import BadInput

    if not settings.broker:
        raise BadInput("VIDGEN_BROKER is not set", "set it to the Redis URL the server uses")
    client = ServerClient(settings.server_url, settings.worker_secret, ca_file=settings.ca_file)
    connect(settings.broker).close()
    try:
        client.hello(f"{HOST}-{os.getpid()}", HOST)
    except ServerUnreachable as exc:
        line(f"warning: {exc}; jobs wait in the broker until it answers")
    return client


def serve(settings: Settings, concurrency: int = 1, burst: bool = False) -> None:
    """The `vidgen worker` process: `concurrency` RQ workers, restarted if one dies, stopped gracefully."""
    import multiprocessing

    client = check(settings)
    line(f"worker on {HOST}: {concurrency} job(s) at once; broker {redact(settings.broker)}; "
         f"server {client.base}; cache in {settings.home}")
    ctx = multiprocessing.get_context("fork")
    procs: dict[int, Any] = {}
    stops = [0]

    def spawn(slot: int) -> None:
        p = ctx.Process(target=rq_worker_main, args=(settings, burst), name=f"vidgen-worker-{slot}")
        p.start()
        procs[slot] = p

    def on_signal(sig: int, _frame: Any) -> None:
        stops[0] += 1
        line("stopping: finishing the jobs in hand (signal again to stop at once)" if stops[0] == 1
             else "stopping now: the jobs in hand go back to the broker")
        for p in procs.values():
            if p.is_alive() and p.pid:
                os.kill(p.pid, signal.SIGTERM if stops[0] == 1 else signal.SIGINT)

    for slot in range(concurrency):
        spawn(slot)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    restarts: dict[int, float] = {}
    while procs:
        time.sleep(0.3)
        for slot, p in list(procs.items()):
            if p.is_alive():
                continue
            p.join()
            del procs[slot]
            if stops[0] or burst:
                continue
            # a worker process that died (the broker went away for long, a bug): start it again, not in a loop
            line(f"worker process {p.pid} exited with code {p.exitcode}; starting another")
            time.sleep(max(0.0, 2.0 - (time.monotonic() - restarts.get(slot, 0.0))))
            restarts[slot] = time.monotonic()
            spawn(slot)
    line("worker stopped")
