"""The `/api` family: scripts and jobs, kept from the replaced Python API. Errors are {detail}."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable
from typing import Any

from aiohttp import web

from vidgen.errors import BadInput, RequestTimeout, TooLarge
from vidgen.script.model import Script
from vidgen.server.auth import caller
from vidgen.server.chats import channel
from vidgen.server.helpers import Routes, client_id, int_query, read_json, spawn
from vidgen.server.hub import watch_job
from vidgen.server.keys import CHATS, CONFIG, HUB, JOBS, LIMITER, SERVICE
from vidgen.server.schemas import GenerateScripts, RenderConfig, parse

routes = Routes("api")


async def start_job(request: web.Request, token: str, body: RenderConfig, chat_id: str | None = None) -> dict:
    """Queue a render (the caller's limit counts it) and bridge its progress into the chat's events."""
    app = request.app
    who = caller(request)
    job = await app[CHATS].start_job(token, body.options(), body.version, chat_id, who)
    spawn(app, watch_job(app[HUB], app[JOBS], channel(who, chat_id) if chat_id else None, job["job_id"]))
    return job


@routes.post("/api/generate_scripts", "Start writing script variations; answers with their tokens at once",
             body=GenerateScripts)
async def generate_scripts(request: web.Request) -> web.Response:
    body = parse(GenerateScripts, await read_json(request))
    request.app[LIMITER].check(client_id(request))
    topic = body.topic or ""
    if body.source is not None and not topic.strip():
        from vidgen.writers.notes import title_for

        topic = title_for(None, body.source, None)  # as the CLI: the notes' first heading
    tokens, write = await request.app[CHATS].start_scripts(topic, body.count or 3, llm=body.llm,
                                                           language=body.language or "en", source=body.source,
                                                           caller=caller(request))
    spawn(request.app, write)
    answer: dict[str, Any] = {"topic": topic, "tokens": tokens, "count": len(tokens)}
    if body.source is not None:
        from vidgen.writers.notes import skipped_in

        # what the notes held that no variation shows or says (parsed already: the answer is cached)
        answer["skipped"] = await asyncio.to_thread(skipped_in, body.source)
    return web.json_response(answer)


@routes.get("/api/script/{token}", "A script: 200 ready, 202 pending, failed with its error, 404 unknown",
            query=(("version", "integer"),))
async def get_script(request: web.Request) -> web.Response:
    status, body = await request.app[CHATS].script_view(request.match_info["token"], request.query.get("version"))
    return web.json_response(body, status=status)


@routes.post("/api/script/{token}", "Update a script (scenes merged by seq); a new version", body=Script)
async def update_script(request: web.Request) -> web.Response:
    token = request.match_info["token"]
    data = await read_json(request)
    if "script" in data and isinstance(data["script"], dict) and "scenes" not in data:
        data = data["script"]
    version, script = await asyncio.to_thread(request.app[SERVICE].edit, token, data, merge=True, from_http=True)
    return web.json_response({"token": token, "script": script, "version": version,
                              "message": f"saved as version {version}"})


@routes.post("/api/generate/{token}", "Queue a render of the script", body=RenderConfig)
async def generate_video(request: web.Request) -> web.Response:
    token = request.match_info["token"]
    job = await start_job(request, token, parse(RenderConfig, await read_json(request)))
    return web.json_response({"job_id": job["job_id"], "status": "pending", "token": token,
                              "message": "render queued", "script_version": job["script_version"]})


@routes.get("/api/job/{job_id}", "A job's status, progress, stage, result or error")
async def get_job(request: web.Request) -> web.Response:
    # a cached dict lookup (the file is parsed again only when replaced): no thread hop needed
    return web.json_response(request.app[JOBS].get(request.match_info["job_id"]))


@routes.get("/api/jobs", "Jobs, newest first (?limit=50)", query=(("limit", "integer"), ("status", "string")))
async def list_jobs(request: web.Request) -> web.Response:
    limit = int_query(request, "limit", 50, 1, 1000)
    jobs = await asyncio.to_thread(request.app[JOBS].list, request.query.get("status"), 100000, caller(request))
    return web.json_response({"jobs": jobs[:limit], "total": len(jobs)})


@routes.get("/api/scripts", "Your scripts, newest first: {scripts, total, next} as `vidgen scripts --json`; "
                          "?before= takes an answer's `next` for the page after it",
            query=(("limit", "integer"), ("before", "string")))
async def list_scripts(request: web.Request) -> web.Response:
    limit = int_query(request, "limit", 50, 1, 1000)
    page = await asyncio.to_thread(request.app[SERVICE].scripts_page, caller(request), limit,
                                   request.query.get("before"))
    return web.json_response(page)


@routes.delete("/api/job/{job_id}", "Cancel a job if running and remove its record")
async def delete_job(request: web.Request) -> web.Response:
    job_id = request.match_info["job_id"]
    await asyncio.to_thread(request.app[JOBS].delete, job_id)
    return web.json_response({"message": f"job {job_id} deleted"})


@routes.post("/api/validate_config", "Check a render config and the server's dependencies", body=RenderConfig)
async def validate_config(request: web.Request) -> web.Response:
    svc = request.app[SERVICE]
    data = await read_json(request)
    errors: list[str] = []
    options = None
    try:
        options = await asyncio.to_thread(svc.render_options, parse(RenderConfig, data).options(), from_http=True)
    except BadInput as exc:
        errors.append(str(exc))
    from vidgen.service.checks import validate_setup

    report = await asyncio.to_thread(validate_setup, svc.settings, options)
    errors += report["errors"]
    # the old API's message: "Configuration is valid", or what is wrong
    message = "Configuration is valid" if not errors else \
        f"Configuration has {len(errors)} problem{'s' if len(errors) > 1 else ''}: {errors[0]}"
    return web.json_response({"valid": not errors, "message": message, "errors": errors,
                              "warnings": report["warnings"], "checks": report["checks"],
                              "config": options.record() if options else None})


@routes.post("/api/media", "Upload a picture, video or music file (raw body with ?filename=, or multipart); "
                          "answers the path under VIDGEN_HOME to put in a scene's media or in music",
             query=(("filename", "string"),), responses=(("415", "Not an image, video or audio file"),))
async def upload_media(request: web.Request) -> web.Response:
    from vidgen.store.media import over_quota

    config = request.app[CONFIG]
    if request.content_length and request.content_length > config.max_upload:
        too_large = TooLarge(f"the upload is over the {config.max_upload // (1024 * 1024)} MiB limit",
                             "send a smaller file, or raise VIDGEN_MAX_UPLOAD")
        too_large.advice = f"That file is over this server's {config.max_upload // (1024 * 1024)} MiB limit " \
                           "for uploads: choose a smaller one."
        raise too_large
    who, owners = caller(request), request.app[SERVICE].owners
    async with owners.lock(who):  # one upload of a user at a time: two at once cannot both fit the quota
        room = await asyncio.to_thread(owners.room, who)
        if room is not None and request.content_length and request.content_length > room:
            raise over_quota(room)
        if request.content_type.startswith("multipart/"):
            filename, chunks = await file_part(request, config.read_timeout)
        else:
            filename = request.query.get("filename") or request.headers.get("X-Filename") or ""
            chunks = body_chunks(request, config.read_timeout)
        result = await request.app[SERVICE].store_media(filename, chunks, config.max_upload,
                                                        folder=owners.uploads(who), room=room)
    return web.json_response(result)


@routes.get("/api/media", "Your uploads, newest first: {uploads: [{name, path, size, kind, modified}], used, limit}")
async def list_media(request: web.Request) -> web.Response:
    from vidgen.store.media import uploads

    svc = request.app[SERVICE]
    folder = svc.owners.uploads(caller(request))
    found = await asyncio.to_thread(uploads, folder)
    home = svc.settings.home
    rows = [{**f, "path": (folder / f["name"]).relative_to(home).as_posix()} for f in found]
    room = await asyncio.to_thread(svc.owners.room, caller(request))
    used = sum(f["size"] for f in rows)
    return web.json_response({"uploads": rows, "total": len(rows), "used": used,
                              "limit": None if room is None else svc.settings.user_media})


@routes.delete("/api/media/{upload}", "Delete one of your uploads (by its name); scripts that name it then say so")
async def delete_media(request: web.Request) -> web.Response:
    from vidgen.store.media import delete_upload

    name = request.match_info["upload"]
    await asyncio.to_thread(delete_upload, request.app[SERVICE].owners.uploads(caller(request)), name)
    return web.json_response({"message": f"{name} deleted"})


async def file_part(request: web.Request, timeout: float) -> tuple[str, AsyncIterator[bytes]]:
    """The first field of a multipart body that carries a file: its name and its bytes."""
    try:
        reader = await request.multipart()
        part = await asyncio.wait_for(reader.next(), timeout)
        while part is not None and not getattr(part, "filename", None):
            part = await asyncio.wait_for(reader.next(), timeout)
    except TimeoutError:
        raise RequestTimeout(f"the upload stalled (nothing for {timeout:g} s)", "send the file again") from None
    except (ValueError, AssertionError, LookupError, RuntimeError):  # aiohttp's words for a malformed form
        raise BadInput("the multipart body is malformed", "send a form with one file field, or the raw file "
                       "with ?filename=") from None
    if part is None:
        raise BadInput("the form has no file field", "send the file as a multipart field with a filename")
    return part.filename or "", part_chunks(part, timeout)  # type: ignore[union-attr]


async def body_chunks(request: web.Request, timeout: float) -> AsyncIterator[bytes]:
    """The raw body, chunk by chunk, each within the read deadline."""
    while True:
        chunk = await read_within(request.content.readany(), timeout)
        if not chunk:
            return
        yield chunk


async def part_chunks(part: Any, timeout: float) -> AsyncIterator[bytes]:
    while True:
        chunk = await read_within(part.read_chunk(), timeout)
        if not chunk:
            return
        yield chunk


async def read_within(read: Awaitable[bytes], timeout: float) -> bytes:
    try:
        return await asyncio.wait_for(read, timeout)
    except TimeoutError:
        raise RequestTimeout(f"the upload stalled (nothing for {timeout:g} s)", "send the file again") from None
    except (ValueError, AssertionError):  # aiohttp's words for a malformed multipart part
        raise BadInput("the upload is malformed", "send the file again") from None


@routes.get("/api/voices", "Every voice provider, whether it works here, its voices and the default")
async def voices(request: web.Request) -> web.Response:
    return web.json_response(await asyncio.to_thread(request.app[SERVICE].voices))


@routes.get("/api/options", "The render options as JSON Schema: each one's type, choices (with their labels), "
                            "default and limits; what the studio builds its menus from")
async def options(request: web.Request) -> web.Response:
    from vidgen.render.presets import options_schema

    return web.json_response(options_schema())
