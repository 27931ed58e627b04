"""The frontend family, kept from the replaced Node middleware: chats, scripts, jobs, events.

Errors are {success: false, message, error}.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time

from aiohttp import web

from vidgen.errors import BadInput
from vidgen.server.api import start_job
from vidgen.server.auth import caller
from vidgen.server.helpers import Routes, client_id, int_query, read_json, spawn
from vidgen.server.keys import CHATS, CONFIG, HUB, JOBS, LIMITER, SERVICE
from vidgen.server.schemas import Confirm, Submit, UpdateScript, parse

routes = Routes("frontend")
PING_EVERY = 15.0


@routes.post("/submit", "Write three variations for a chat and wait for them", body=Submit)
async def submit(request: web.Request) -> web.Response:
    body = parse(Submit, await read_json(request))
    with_notes = body.source is not None and body.source.strip() != ""
    for name in ("text", "uid", "chatID"):
        if not getattr(body, name).strip() and not (name == "text" and with_notes):
            raise BadInput(f"{name} is empty", "send text, uid and chatID")
    if not body.text.strip():
        from vidgen.writers.notes import title_for

        body.text = title_for(None, body.source or "", None)  # as the CLI and generate_scripts: the first heading
    who = caller(request)
    request.app[SERVICE].owners.check_uid(who, body.uid)
    request.app[LIMITER].check(client_id(request))
    chats = request.app[CHATS]
    tokens, write = await chats.start_scripts(body.text, 3, llm=getattr(body, "llm", None), chat_id=body.chatID,
                                              uid=body.uid, source=body.source, caller=who)
    task = spawn(request.app, write)
    with contextlib.suppress(TimeoutError):  # the rest arrive over /events
        await asyncio.wait_for(asyncio.shield(task), request.app[CONFIG].submit_wait)
    status, answer = await chats.submit_answer(tokens, task.done(), body.chatID)
    if body.source is not None:
        from vidgen.writers.notes import skipped_in

        answer["skipped"] = await asyncio.to_thread(skipped_in, body.source)  # what the notes' markup lost
    return web.json_response(answer, status=status)


@routes.post("/update_script/{token}", "Replace a script; a new version", body=UpdateScript)
async def update_script(request: web.Request) -> web.Response:
    body = parse(UpdateScript, await read_json(request))
    token = request.match_info["token"]
    # chatID may be left out (the old Node route required it; see docs/decisions.md)
    version, script = await asyncio.to_thread(request.app[SERVICE].edit, token, body.script, from_http=True)
    request.app[CHATS].script_updated(body.chatID, token, script, version, caller(request))
    return web.json_response({"success": True, "script": script, "token": token, "version": version})


@routes.post("/confirm_script/{token}", "Queue a render for a chat", body=Confirm)
async def confirm_script(request: web.Request) -> web.Response:
    body = parse(Confirm, await read_json(request))
    token = request.match_info["token"]
    job = await start_job(request, token, body, body.chatID)
    return web.json_response({"success": True, "job_id": job["job_id"], "token": token, "status": "pending",
                              "script_version": job["script_version"], "message": "render queued"})


@routes.get("/generation_status/{job_id}", "A job, for a chat")
async def generation_status(request: web.Request) -> web.Response:
    # a cached dict lookup (the file is parsed again only when replaced): no thread hop needed
    return web.json_response({"success": True, "job_status": request.app[JOBS].get(request.match_info["job_id"])})


@routes.get("/generation_jobs", "Jobs, newest first", query=(("limit", "integer"),))
async def generation_jobs(request: web.Request) -> web.Response:
    limit = int_query(request, "limit", 50, 1, 1000)
    jobs = await asyncio.to_thread(request.app[JOBS].list, None, 100000, caller(request))
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
    # the caller's own chat of that id (an admin's: someone's, if they have none): never another user's
    where = request.app[SERVICE].owners.channel(caller(request), chat_id)
    raw_last = request.headers.get("Last-Event-ID") or request.query.get("lastEventId")
    try:
        last_id = int(raw_last) if raw_last not in (None, "") else None
    except ValueError:
        raise BadInput("Last-Event-ID must be a number this server gave") from None
    # a listener goes when its client does, not at the chat's next event (which may never come):
    # the hub's sweeper ends it once the connection is closed
    queue = hub.subscribe(where, last_id, gone=lambda: client_gone(request))
    closed: asyncio.Future | None = None
    try:
        # aiohttp-sse sends a comment line every ping_interval seconds on its own; when one cannot
        # be written, its ping task ends, and with it `resp.wait()`
        async with sse_response(request, ping_interval=PING_EVERY) as resp:
            closed = asyncio.ensure_future(resp.wait())
            now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            await resp.send(json.dumps({"type": "connected", "message": f"connected to chat {chat_id}",
                                        "chatID": chat_id, "timestamp": now}))
            while resp.is_connected():
                item = await next_event(queue, closed)
                if item is None:  # the client went away, the server is stopping, or the client fell too far behind
                    break
                n, event = item
                await resp.send(json.dumps(event), id=str(n))
        return resp
    finally:
        if closed is not None:
            closed.cancel()
        hub.unsubscribe(where, queue)


def client_gone(request: web.Request) -> bool:
    transport = request.transport
    return transport is None or transport.is_closing()


async def next_event(queue: asyncio.Queue, closed: asyncio.Future) -> tuple | None:
    """The next event, or None once the stream has ended (`closed`: its heartbeat failed)."""
    getter = asyncio.ensure_future(queue.get())
    try:
        await asyncio.wait({getter, closed}, return_when=asyncio.FIRST_COMPLETED)
        return getter.result() if getter.done() else None
    finally:
        getter.cancel()


async def close_streams(app: web.Application) -> None:
    app[HUB].close_all()
