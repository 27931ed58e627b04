"""Render workers on other machines: the public list (`GET /api/workers`) and the worker protocol.

The protocol routes (`/api/worker/...`) are for `vidgen worker`: they take the worker secret
(`Authorization: Bearer $VIDGEN_WORKER_SECRET`) instead of the API key. What they do lives in
`vidgen.jobs.intake`; these are adapters.
"""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

from aiohttp import web

from vidgen.errors import BadInput, NotFound, TooLarge
from vidgen.server.auth import caller
from vidgen.server.helpers import Routes, read_json
from vidgen.server.keys import JOBS, SERVICE

routes = Routes("api")
SECRET = (("401", "wrong or missing worker secret"), ("409", "the job is no longer this worker's"))


@routes.get("/api/workers", "Live render workers (with VIDGEN_BROKER): host, current job, jobs done, last heartbeat")
async def list_workers(request: web.Request) -> web.Response:
    jobs = request.app[JOBS]
    rows = await asyncio.to_thread(jobs.workers)
    who, owners = caller(request), request.app[SERVICE].owners
    for row in rows:  # another user's job is not named, even as a worker's current one
        if row.get("current_job"):
            try:
                owners.job(who, row["current_job"])
            except NotFound:
                row["current_job"] = None
    return web.json_response({"workers": rows, "total": len(rows), "queue": jobs.queue.name})


def intake(request: web.Request) -> Any:
    from vidgen.jobs.intake import Intake, authorize

    svc = request.app[SERVICE]
    authorize(svc.settings.worker_secret, request.headers.get("Authorization", ""))
    return Intake(svc)


def header_identity(request: web.Request) -> tuple[str, int]:
    worker = request.headers.get("X-Vidgen-Worker", "")
    try:
        attempt = int(request.headers.get("X-Vidgen-Attempt", ""))
    except ValueError:
        attempt = 0
    if not worker or attempt < 1:
        raise BadInput("send X-Vidgen-Worker and X-Vidgen-Attempt")
    return worker, attempt


@routes.post("/api/worker/hello", "Worker protocol: check the worker secret", responses=SECRET, access="worker")
async def hello(request: web.Request) -> web.Response:
    intake(request)
    body = await read_json(request)
    return web.json_response({"ok": True, "worker": body.get("worker"), "queue": request.app[JOBS].queue.name})


@routes.post("/api/worker/jobs/{job_id}/start", "Worker protocol: take a job; its script version and media list",
             responses=SECRET, access="worker")
async def start(request: web.Request) -> web.Response:
    desk = intake(request)
    body = await read_json(request)
    worker, host = body.get("worker"), body.get("host")
    if not isinstance(worker, str) or not worker or not isinstance(host, str):
        raise BadInput("name the worker and its host")
    answer = await asyncio.to_thread(desk.start, request.match_info["job_id"], worker, host[:200],
                                     getattr(request.app[JOBS].queue, "handed_to", None))
    return web.json_response(answer)


@routes.post("/api/worker/jobs/{job_id}/progress", "Worker protocol: a running job's progress", responses=SECRET,
             access="worker")
async def progress(request: web.Request) -> web.Response:
    desk = intake(request)
    body = await read_json(request)
    return web.json_response(await asyncio.to_thread(desk.progress, request.match_info["job_id"], body))


@routes.get("/api/worker/jobs/{job_id}/media/{seq}",
            "Worker protocol: a file a scene names (?file=K: the K-th, its media or an image visual's picture)",
            responses=SECRET, access="worker")
async def media(request: web.Request) -> web.StreamResponse:
    desk = intake(request)
    worker, attempt = header_identity(request)
    try:
        seq, k = int(request.match_info["seq"]), int(request.query.get("file", "0"))
    except ValueError:
        raise BadInput("the scene number and ?file= must be whole numbers") from None
    path = await asyncio.to_thread(desk.media_file, request.match_info["job_id"], worker, attempt, seq, k)
    return web.FileResponse(path)


@routes.post("/api/worker/jobs/{job_id}/files/{name}",
             "Worker protocol: upload one file of the job with X-Content-SHA256", responses=SECRET, access="worker")
async def upload(request: web.Request) -> web.Response:
    """Stream one file to a hidden name, check its SHA-256, keep it hidden until the job finishes."""
    from vidgen.jobs.intake import HEX64, MAX_UPLOAD, Intake

    desk = intake(request)
    worker, attempt = header_identity(request)
    expected = request.headers.get("X-Content-SHA256", "").lower()
    if not HEX64.match(expected):
        raise BadInput("send the file's SHA-256 as 64 hex digits in X-Content-SHA256")
    job_id, name = request.match_info["job_id"], request.match_info["name"]
    partial, ready = await asyncio.to_thread(desk.upload_paths, job_id, worker, attempt, name)
    digest, size = hashlib.sha256(), 0
    try:
        with open(partial, "wb") as fh:
            async for chunk in request.content.iter_chunked(1 << 16):
                size += len(chunk)
                if size > MAX_UPLOAD:
                    raise TooLarge(f"{name} is over the {MAX_UPLOAD // 1024 ** 3} GiB upload limit")
                digest.update(chunk)
                fh.write(chunk)
        if request.content_length is not None and size != request.content_length:
            raise BadInput(f"{name} arrived with {size} of {request.content_length} bytes", "upload it again")
        if digest.hexdigest() != expected:
            raise BadInput(f"{name} arrived damaged: its SHA-256 does not match", "upload it again")
        await asyncio.to_thread(Intake.accept, partial, ready)
    finally:
        partial.unlink(missing_ok=True)
    return web.json_response({"name": name, "size": size, "sha256": expected})


@routes.post("/api/worker/jobs/{job_id}/finish", "Worker protocol: end the job (completed, failed, cancelled)",
             responses=SECRET, access="worker")
async def finish(request: web.Request) -> web.Response:
    desk = intake(request)
    body = await read_json(request)
    return web.json_response(await asyncio.to_thread(desk.finish, request.match_info["job_id"], body))
