"""What the studio needs beside the old routes: a scene's frame without rendering, a duration
estimate for unsaved edits, and cancelling a job without deleting its record."""

from __future__ import annotations

import asyncio

from aiohttp import web

from vidgen.errors import BadInput
from vidgen.server.helpers import Routes, client_id, read_json
from vidgen.server.keys import JOBS, PREVIEW_LIMITER, PREVIEWS, SERVICE
from vidgen.server.previews import client_gone
from vidgen.service import check_version

routes = Routes("api")


def _number(request: web.Request, name: str) -> float | None:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return None
    try:
        return float(raw)
    except ValueError:
        raise BadInput(f"{name} must be a number") from None


@routes.get("/api/script/{token}/scenes/{seq}/frame",
            "One frame of one scene at t seconds as PNG, without rendering the video (no t: its final state)",
            query=(("t", "number"), ("version", "integer"), ("aspect", "string"), ("quality", "string")),
            responses=(("200", "image/png"),))
async def scene_frame(request: web.Request) -> web.Response:
    svc = request.app[SERVICE]
    try:
        seq = int(request.match_info["seq"])
    except ValueError:
        raise BadInput("seq must be a whole number") from None
    # a picture only: no voice or music to check on this machine
    options = svc.options({k: request.query[k] for k in ("aspect", "quality") if k in request.query})
    version = request.query.get("version")
    job = await asyncio.to_thread(svc.frame_job, request.match_info["token"], seq, _number(request, "t"),
                                  None if version is None else check_version(version), options)
    # drawn in the preview pool, within its budgets: never on the threads that answer /health and the API
    png = await request.app[PREVIEWS].draw(job, client_gone(request))
    return web.Response(body=png, content_type="image/png", headers={"Cache-Control": "no-cache"})


@routes.post("/api/preview/frame",
             "One frame of an unsaved scene ({scene, t?, title?, aspect?, quality?}) as PNG: checked as a save "
             "is (400 naming the field), never stored", responses=(("200", "image/png"),))
async def preview_frame(request: web.Request) -> web.Response:
    request.app[PREVIEW_LIMITER].check(client_id(request))
    data = await read_json(request)
    svc = request.app[SERVICE]
    # a picture only: no voice or music to check on this machine
    options = svc.options({k: data[k] for k in ("aspect", "quality") if k in data})
    png = await asyncio.to_thread(svc.preview_frame, data, options)
    return web.Response(body=png, content_type="image/png", headers={"Cache-Control": "no-store"})


@routes.get("/api/script/{token}/check",
            "Every problem a viewer would see in the pictures at 16:9, 9:16 and 1:1 (what `vidgen check --json` "
            "prints)", query=(("version", "integer"),))
async def check_script(request: web.Request) -> web.Response:
    version = request.query.get("version")
    report = await asyncio.to_thread(request.app[SERVICE].check, request.match_info["token"],
                                     None if version is None else check_version(version))
    return web.json_response(report)


@routes.post("/api/estimate", "How long each scene and the whole video will run, before any voice exists")
async def estimate(request: web.Request) -> web.Response:
    from vidgen.service import estimate as run

    data = await read_json(request)
    script = data.get("script", data) if isinstance(data.get("script"), dict) else data
    return web.json_response(await asyncio.to_thread(run, script))


@routes.post("/api/job/{job_id}/cancel", "Cancel a pending or running job; its record stays")
async def cancel_job(request: web.Request) -> web.Response:
    job = await asyncio.to_thread(request.app[JOBS].cancel, request.match_info["job_id"])
    return web.json_response(job)

