"""The frontend family, kept from the replaced Node middleware: chats, scripts, jobs, events.

Errors are {success: false, message, error}.
"""

from __future__ import annotations

import asyncio
import json
import time

from aiohttp import web

from vidgen.errors import BadInput
from vidgen.server.api import start_job
from vidgen.server.helpers import Routes, client_id, int_query, read_json, spawn
from vidgen.server.keys import CHATS, CONFIG, HUB, JOBS, LIMITER, SERVICE
from vidgen.server.schemas import Confirm, Submit, UpdateScript, parse, render_config

routes = Routes("frontend")
PING_EVERY = 15.0


@routes.post("/submit", "Write three variations for a chat and wait for them", body=Submit)
async def submit(request: web.Request) -> web.Response:
    body = parse(Submit, await read_json(request))
    for name in ("text", "uid", "chatID"):
        if not getattr(body, name).strip():
            raise BadInput(f"{name} is empty", "send text, uid and chatID")
    request.app[LIMITER].check(client_id(request))
    chats = request.app[CHATS]
    tokens, write = await chats.start_scripts(body.text, 3, llm=getattr(body, "llm", None), chat_id=body.chatID,
                                              uid=body.uid, source=body.source)
    task = spawn(request.app, write)
    try:
        await asyncio.wait_for(asyncio.shield(task), request.app[CONFIG].submit_wait)
    except TimeoutError:
        pass
    status, answer = await chats.submit_answer(tokens, task.done(), body.chatID)
    return web.json_response(answer, status=status)


@routes.post("/update_script/{token}", "Replace a script; a new version", body=UpdateScript)
async def update_script(request: web.Request) -> web.Response:
    body = parse(UpdateScript, await read_json(request))
    token = request.match_info["token"]
    version, script = await asyncio.to_thread(request.app[SERVICE].edit, token, body.script)
    request.app[CHATS].script_updated(body.chatID, token, script, version)
    return web.json_response({"success": True, "script": script, "token": token, "version": version})


@routes.post("/confirm_script/{token}", "Queue a render for a chat", body=Confirm)
async def confirm_script(request: web.Request) -> web.Response:
    data = await read_json(request)
    body = parse(Confirm, data)
    token = request.match_info["token"]
    job = await start_job(request, token, render_config(data), body.chatID)
    return web.json_response({"success": True, "job_id": job["job_id"], "token": token, "status": "pending",
                              "script_version": job["script_version"], "message": "render queued"})


@routes.get("/generation_status/{job_id}", "A job, for a chat")
async def generation_status(request: web.Request) -> web.Response:
    # a cached dict lookup (the file is parsed again only when replaced): no thread hop needed
    return web.json_response({"success": True, "job_status": request.app[JOBS].get(request.match_info["job_id"])})


@routes.get("/generation_jobs", "Jobs, newest first", query=(("limit", "integer"),))
async def generation_jobs(request: web.Request) -> web.Response:
    limit = int_query(request, "limit", 50, 1, 1000)
    jobs = await asyncio.to_thread(request.app[JOBS].list, None, 100000)
    return web.json_response({"success": True, "jobs": jobs[:limit], "total": len(jobs)})


@routes.delete("/generation_job/{job_id}", "Cancel and remove a job")
async def delete_generation_job(request: web.Request) -> web.Response:
    job_id = request.match_info["job_id"]
    await asyncio.to_thread(request.app[JOBS].delete, job_id)
    return web.json_response({"success": True, "message": f"job {job_id} deleted"})


@routes.get("/events/{chatID}", "Server-Sent Events of a chat (Last-Event-ID replays)")
async def events(request: web.Request) -> web.StreamResponse:
    from aiohttp_sse import sse_response

    chat_id = request.match_info["chatID"]
    hub = request.app[HUB]
    raw_last = request.headers.get("Last-Event-ID") or request.query.get("lastEventId")
    try:
        last_id = int(raw_last) if raw_last not in (None, "") else None
    except ValueError:
        raise BadInput("Last-Event-ID must be a number this server gave") from None
    queue = hub.subscribe(chat_id, last_id)
    try:
        # aiohttp-sse sends a comment line every ping_interval seconds on its own
        async with sse_response(request, ping_interval=PING_EVERY) as resp:
            now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            await resp.send(json.dumps({"type": "connected", "message": f"connected to chat {chat_id}",
                                        "chatID": chat_id, "timestamp": now}))
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
