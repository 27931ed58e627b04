"""The server's side of the worker protocol: hand a remote worker its job, take its progress, files and end.

Each `start` gives the job a new attempt number and records the worker; every later call
names both, so a worker that lost its job (cancelled, deleted, or handed to another worker
after RQ judged it dead) is told so and stops, and can never overwrite the new attempt.

Files arrive as hidden `.<name>.upload-<job>-<attempt>` files, are checked against the
SHA-256 the worker sent, become `.<name>.ready-<job>-<attempt>`, and are renamed into
`renders/` only by `finish`, the video last: a listed video is always complete.
"""

from __future__ import annotations

import hmac
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vidgen.errors import BadInput, Conflict, NotFound, Unauthorized
from vidgen.jobs.queue import FINAL, Service
from vidgen.store.db import now
from vidgen.store.names import SIDECARS

SUFFIXES = (".mp4", *SIDECARS.values())   # the video and its sidecars, video first
MAX_UPLOAD = 8 * 1024 ** 3
PROGRESS_FIELDS: dict[str, Any] = {"progress": (int, float), "stage": str, "message": str,
                                   "eta": (int, float, type(None))}
HEX64 = re.compile(r"^[0-9a-f]{64}$")


def authorize(expected: str, header: str) -> None:
    """The worker secret from `Authorization: Bearer ...`, compared in constant time."""
    fix = "set the same VIDGEN_WORKER_SECRET on the server and on every worker"
    if not expected:
        raise Unauthorized("this server takes no remote workers: VIDGEN_WORKER_SECRET is not set on it", fix)
    given = header[7:].strip() if header.lower().startswith("bearer ") else ""
    if not hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8", "replace")):
        raise Unauthorized("wrong worker secret" if given else "missing worker secret", fix)


def gone(job: dict[str, Any], worker: str) -> Conflict:
    """Why `worker` no longer holds the job, in words that fit what happened to it."""
    if job["status"] in FINAL:
        return Conflict(f"job {job['job_id']} is {job['status']}")
    if job["status"] == "pending":
        return Conflict(f"job {job['job_id']} was queued again (its worker was judged gone); another attempt "
                        f"will run it")
    if job.get("worker") == worker:
        return Conflict(f"job {job['job_id']} was started again on {worker} (attempt {job.get('attempt')}); "
                        f"this attempt has ended")
    return Conflict(f"job {job['job_id']} is now run by {job.get('worker')}, not {worker}")


class Intake:
    def __init__(self, svc: Service):
        self.svc = svc
        self.store = svc.store
        self.settings = svc.settings

    # -- taking a job -------------------------------------------------------------------
    def start(self, job_id: str, worker: str, host: str,
              handed_to: Callable[[str, str], bool] | None = None) -> dict[str, Any]:
        """Take a pending (queued or requeued) job. A running one only when the broker has handed it to this
        worker (`handed_to`: RQ judged its runner dead and requeued it before the monitor said so):
        never from a live worker, which would be stopped by a 409 while its new owner never reports."""
        job = self.store.get_job(job_id)
        if job["status"] in FINAL:
            raise gone(job, worker)
        if job["status"] == "running" and not (handed_to is not None and job.get("worker") != worker
                                               and handed_to(job_id, worker)):
            raise Conflict(f"job {job_id} is running on {job.get('worker')} (attempt {job.get('attempt')})",
                           "a worker starts only a queued job")
        try:
            doc = self.svc.get_script(job["token"], job["script_version"])
            media = self._media(doc)
        except BadInput as exc:
            # the script version or one of its media files is gone: the job fails with the reason, once
            reason = exc.message if isinstance(exc, NotFound) else str(exc)
            self.store.transition_job(job_id, ("pending", "running"), status="failed", stage="failed",
                                      finished_at=now(), message="the script cannot be rendered",
                                      error=f"script {job['token']} version {job['script_version']}: {reason}")
            raise Conflict(f"job {job_id} failed: {reason}") from None
        attempt = int(job.get("attempt") or 0) + 1
        fields = {"status": "running", "worker": worker, "worker_host": host, "attempt": attempt,
                  "started_at": now(), "stage": "starting", "message": f"starting on {host}"}
        # pending, or running on a worker RQ judged dead and whose job it handed to this one
        taken = self.store.transition_job(job_id, (job["status"],), where={"worker": job.get("worker")}, **fields)
        if taken is None:
            raise gone(self.store.get_job(job_id), worker)
        self._drop_uploads(job_id, keep=None)
        self.store.write_progress(job_id, {"progress": 0.0, "stage": "starting", "message": fields["message"]})
        return {"attempt": attempt, "job": {k: taken.get(k) for k in ("job_id", "token", "script_version", "config")},
                "doc": doc, "video": self.video_name(doc, job), "media": media}

    def video_name(self, doc: dict[str, Any], job: dict[str, Any]) -> str:
        """The name the worker's renderer gives this job's video (it depends on the render settings)."""
        from vidgen.render.presets import RenderOptions
        from vidgen.store.names import video_name

        options = RenderOptions.from_config(job.get("config"))
        return video_name(doc["script"].get("title", ""), job["token"], doc["version"], options.variant())

    def _scene_files(self, doc: dict[str, Any]) -> list[tuple[int, int, Path]]:
        """(seq, k, path) of every file the scenes name that is on this disk: k counts `Scene.files()`.

        A scene's media must exist (BadInput otherwise, the job fails with why); an image visual's
        missing picture is drawn as "not found", on a worker as here, so it is simply not sent.
        """
        from vidgen.script.model import parse_script
        from vidgen.store.media import local_path

        out = []
        for scene in parse_script(doc["script"]).ordered_scenes():
            for k, (_, value, is_media) in enumerate(scene.files()):
                path = scene.media_file(self.settings.home) if is_media else local_path(value, self.settings.home)
                if path is not None and path.is_file():
                    out.append((scene.seq, k, path))
        return out

    def _media(self, doc: dict[str, Any]) -> list[dict[str, Any]]:
        files = []
        for seq, k, path in self._scene_files(doc):
            st = path.stat()
            files.append({"seq": seq, "file": k, "name": path.name, "size": st.st_size, "mtime_ns": st.st_mtime_ns})
        return files

    def media_file(self, job_id: str, worker: str, attempt: int, seq: int, k: int = 0) -> Path:
        """File k of scene `seq` of the job's script, for the worker that runs it (k = 0: the media)."""
        job = self.owned(job_id, worker, attempt)
        doc = self.svc.get_script(job["token"], job["script_version"])
        for s, n, path in self._scene_files(doc):
            if (s, n) == (seq, k):
                return path
        raise NotFound(f"scene {seq} of job {job_id} has no file {k}")

    def owned(self, job_id: str, worker: str, attempt: int) -> dict[str, Any]:
        """The job, if `worker` still runs this attempt of it; Conflict (the worker stops) otherwise."""
        job = self.store.get_job(job_id)
        if job["status"] != "running" or job.get("worker") != worker or job.get("attempt") != attempt:
            raise gone(job, worker)
        return job

    # -- while it runs --------------------------------------------------------------------
    def progress(self, job_id: str, body: dict[str, Any]) -> dict[str, Any]:
        worker, attempt = who(body)
        self.owned(job_id, worker, attempt)
        data: dict[str, Any] = {}
        for key, kind in PROGRESS_FIELDS.items():
            value = body.get(key)
            if isinstance(value, kind) and not isinstance(value, bool):
                data[key] = value
        data["progress"] = max(0.0, min(99.0, float(data.get("progress", 0.0))))  # 100 only when completed
        data["worker"] = worker
        self.store.write_progress(job_id, data)
        return {"ok": True}

    # -- files ----------------------------------------------------------------------------
    def upload_paths(self, job_id: str, worker: str, attempt: int, name: str) -> tuple[Path, Path]:
        """Where an upload is written and where it waits, checked; only this job's video and sidecars."""
        job = self.owned(job_id, worker, attempt)
        stem = Path(self.video_name(self.svc.get_script(job["token"], job["script_version"]), job)).stem
        if name not in {stem + s for s in SUFFIXES}:
            raise BadInput(f"{name!r} is not a file of job {job_id}",
                           f"upload {stem}.mp4 and its sidecars ({', '.join(SUFFIXES[1:])})")
        renders = self.settings.renders
        renders.mkdir(parents=True, exist_ok=True)
        return (renders / f".{name}.upload-{job_id}-{attempt}", renders / f".{name}.ready-{job_id}-{attempt}")

    @staticmethod
    def accept(partial: Path, ready: Path) -> None:
        """A checked upload, on disk for good, waiting for `finish`."""
        with open(partial, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, ready)

    def _drop_uploads(self, job_id: str, keep: int | None) -> None:
        for p in self.settings.renders.glob(f".*-{job_id}-*"):
            m = re.search(rf"\.(upload|ready)-{re.escape(job_id)}-(\d+)$", p.name)
            if m and (keep is None or int(m[2]) != keep):
                p.unlink(missing_ok=True)

    # -- the end --------------------------------------------------------------------------
    def finish(self, job_id: str, body: dict[str, Any]) -> dict[str, Any]:
        worker, attempt = who(body)
        status = body.get("status")
        if status not in ("completed", "failed", "cancelled"):
            raise BadInput("status must be completed, failed or cancelled")
        job = self.owned(job_id, worker, attempt)
        if status == "completed":
            return self._complete(job, worker, attempt, body)
        self._drop_uploads(job_id, keep=None)
        if status == "cancelled":
            done = self.store.transition_job(job_id, ("running",), where={"attempt": attempt}, status="cancelled",
                                             finished_at=now(), stage="cancelled", message="cancelled")
        else:
            error = str(body.get("error") or "the render failed")[:2000]
            done = self.store.transition_job(job_id, ("running",), where={"attempt": attempt}, status="failed",
                                             finished_at=now(), stage="failed",
                                             message=str(body.get("message") or "render failed")[:500], error=error)
        if done is None:
            raise gone(self.store.get_job(job_id), worker)
        return {"status": done["status"]}

    def _complete(self, job: dict[str, Any], worker: str, attempt: int, body: dict[str, Any]) -> dict[str, Any]:
        from vidgen.jobs.execute import video_result
        from vidgen.store.names import archive_name

        job_id = job["job_id"]
        doc = self.svc.get_script(job["token"], job["script_version"])
        stem = Path(self.video_name(doc, job)).stem
        renders = self.settings.renders
        ready = {s: renders / f".{stem}{s}.ready-{job_id}-{attempt}" for s in SUFFIXES}
        missing = [f"{stem}{s}" for s, p in ready.items() if not p.exists()]
        if missing:
            raise BadInput(f"job {job_id} cannot complete: {', '.join(missing)} not uploaded",
                           "upload every file before finishing")
        summary: dict[str, Any] = body["summary"] if isinstance(body.get("summary"), dict) else {}
        checksums: dict[str, Any] = body["files"] if isinstance(body.get("files"), dict) else {}
        video = renders / f"{stem}.mp4"
        summary = {**{k: v for k, v in summary.items() if k not in ("path", "archive")},
                   "video": video.name, "size": ready[".mp4"].stat().st_size, "worker": worker,
                   "captions_srt": f"{stem}.srt", "captions_vtt": f"{stem}.vtt", "thumbnail": f"{stem}.jpg",
                   "storyboard": f"{stem}.storyboard.jpg", "words": f"{stem}{SIDECARS['words']}",
                   "chapters": f"{stem}{SIDECARS['chapters']}"}
        # checked before anything moves: a bad summary is refused (the worker may finish again), never stored
        result = video_result({"duration": 0.0, "width": 0, "height": 0, "scenes_cached": 0, **summary})
        result["sha256"] = str(checksums.get(video.name, ""))[:64]
        for suffix in (*SUFFIXES[1:], SUFFIXES[0]):   # the video last: once it is listed, all is there
            os.replace(ready[suffix], renders / f"{stem}{suffix}")
        fd = os.open(renders, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        archive = self.settings.archives / archive_name(stem)
        archive.mkdir(parents=True, exist_ok=True)
        (archive / "script.json").write_text(json.dumps(doc["script"], indent=2, ensure_ascii=False))
        (archive / "summary.json").write_text(json.dumps(summary, indent=2))
        result["worker"] = worker
        done = self.store.transition_job(job_id, ("running",), where={"attempt": attempt}, status="completed",
                                         finished_at=now(), progress=100.0, stage="completed", message="video ready",
                                         result=result, eta=0)
        if done is None:
            raise gone(self.store.get_job(job_id), worker)
        return {"status": "completed", "video": video.name}


def who(body: dict[str, Any]) -> tuple[str, int]:
    worker, attempt = body.get("worker"), body.get("attempt")
    if not isinstance(worker, str) or not worker or isinstance(attempt, bool) or not isinstance(attempt, int):
        raise BadInput("the request must name the worker and the attempt")
    return worker, attempt
