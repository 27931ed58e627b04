"""The frontend family, kept from the replaced Node middleware: chats, scripts, jobs, events."""

from __future__ import annotations

import asyncio
import time

from aiohttp import web

from vidgen import __version__
from vidgen.errors import BadInput
from vidgen.server.api import render_config, script_view, start_job, start_scripts
from vidgen.server.app import CONFIG, HUB, JOBS, SERVICE, read_json
from vidgen.server.schemas import Confirm, Submit, UpdateScript, parse

PING_EVERY = 15.0


async def index(request: web.Request) -> web.Response:
    if "text/html" in request.headers.get("Accept", "") and "studio" in request.app.router.named_resources():
        raise web.HTTPFound("/studio")
    return web.json_response({
        "name": "vidgen", "version": __version__, "status": "running",
        "endpoints": sorted({r.resource.canonical for r in request.app.router.routes()
                             if r.resource is not None and r.method != "HEAD"}),
        "docs": "/docs", "openapi": "/openapi.json"})


_CHECKS: dict = {"at": 0.0, "value": None}


async def health(request: web.Request) -> web.Response:
    from vidgen.checks import run_checks

    if time.monotonic() - _CHECKS["at"] > 10 or _CHECKS["value"] is None:
        _CHECKS["value"] = await asyncio.to_thread(run_checks, request.app[SERVICE].settings)
        _CHECKS["at"] = time.monotonic()
    checks = _CHECKS["value"]
    healthy = all(c["ok"] or not c["required"] for c in checks)
    return web.json_response({
        "success": True, "message": "vidgen is running" if healthy else "vidgen is running with problems",
        "status": "healthy" if healthy else "degraded",
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "version": __version__,
        "checks": {c["name"]: {"ok": c["ok"], "detail": c["detail"], "fix": c["fix"]} for c in checks},
        "event_listeners": request.app[HUB].listener_count()})


async def submit(request: web.Request) -> web.Response:
    body = parse(Submit, await read_json(request))
    for name in ("text", "uid", "chatID"):
        if not getattr(body, name).strip():
            raise BadInput(f"{name} is empty", "send text, uid and chatID")
    tokens, task = await start_scripts(request, body.text, 3, getattr(body, "llm", None), "en",
                                       chat_id=body.chatID, uid=body.uid, source=body.source)
    try:
        await asyncio.wait_for(asyncio.shield(task), request.app[CONFIG].submit_wait)
    except asyncio.TimeoutError:
        pass
    svc = request.app[SERVICE]
    scripts, ready = [], []
    for token in tokens:
        status, view = await script_view(svc, token)
        if view.get("status") == "ready":
            scripts.append(view)
            ready.append(token)
    complete = len(ready) == len(tokens)
    failed = [t for t in tokens if t not in ready and task.done()]
    message = ("all scripts ready" if complete else
               f"{len(ready)} of {len(tokens)} scripts ready" + ("; the rest failed" if failed else
                                                                 "; the rest arrive over /events"))
    return web.json_response({"success": bool(ready) or not task.done(), "message": message, "scripts": scripts,
                              "tokens": tokens, "ready_tokens": ready, "chatID": body.chatID},
                             status=200 if complete else 202)


async def update_script(request: web.Request) -> web.Response:
    body = parse(UpdateScript, await read_json(request))
    token = request.match_info["token"]
    svc = request.app[SERVICE]
    version, script = await asyncio.to_thread(svc.edit, token, body.script)
    if body.chatID:
        request.app[HUB].publish(body.chatID, "script_updated", token=token, script=script, version=version)
    return web.json_response({"success": True, "script": script, "token": token, "version": version})


async def confirm_script(request: web.Request) -> web.Response:
    body = parse(Confirm, await read_json(request))
    token = request.match_info["token"]
    job = await start_job(request, token, render_config(body.config), body.chatID)
    return web.json_response({"success": True, "job_id": job["job_id"], "token": token, "status": "pending",
                              "script_version": job["script_version"], "message": "render queued"})


async def generation_status(request: web.Request) -> web.Response:
    # a cached dict lookup (the file is parsed again only when replaced): no thread hop needed
    job = request.app[JOBS].get(request.match_info["job_id"])
    return web.json_response({"success": True, "job_status": job})


async def generation_jobs(request: web.Request) -> web.Response:
    from vidgen.server.api import job_limit

    limit = job_limit(request)
    jobs = await asyncio.to_thread(request.app[JOBS].list, None, 100000)
    return web.json_response({"success": True, "jobs": jobs[:limit], "total": len(jobs)})


async def delete_generation_job(request: web.Request) -> web.Response:
    job_id = request.match_info["job_id"]
    await asyncio.to_thread(request.app[JOBS].delete, job_id)
    return web.json_response({"success": True, "message": f"job {job_id} deleted"})


async def events(request: web.Request) -> web.StreamResponse:
    from aiohttp_sse import sse_response

    import json

    chat_id = request.match_info["chat_id"]
    hub = request.app[HUB]
    raw_last = request.headers.get("Last-Event-ID") or request.query.get("lastEventId")
    try:
        last_id = int(raw_last) if raw_last not in (None, "") else None
    except ValueError:
        raise BadInput("Last-Event-ID must be a number this server gave") from None
    queue = hub.subscribe(chat_id, last_id)
    try:
        async with sse_response(request) as resp:
            resp.ping_interval = PING_EVERY
            await resp.send(json.dumps({"type": "connected", "chatID": chat_id,
                                        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}))
            while resp.is_connected():
                item = await queue.get()
                if item is None:  # the server is shutting down
                    break
                n, event = item
                await resp.send(json.dumps(event), id=str(n))
        return resp
    finally:
        hub.unsubscribe(chat_id, queue)


async def close_streams(app: web.Application) -> None:
    hub = app[HUB]
    for queues in hub.listeners.values():
        for queue in queues:
            queue.put_nowait(None)


def routes(app: web.Application) -> None:
    r = app.router
    r.add_post("/submit", submit)
    r.add_post("/update_script/{token}", update_script)
    r.add_post("/confirm_script/{token}", confirm_script)
    r.add_get("/generation_status/{job_id}", generation_status)
    r.add_get("/generation_jobs", generation_jobs)
    r.add_delete("/generation_job/{job_id}", delete_generation_job)
    r.add_get("/events/{chat_id}", events)
    app.on_shutdown.append(close_streams)
