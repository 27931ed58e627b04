"""The `/api` family: scripts and jobs, kept from the replaced Python API. Errors are {detail}."""

from __future__ import annotations

import asyncio

from aiohttp import web

from vidgen.errors import BadInput
from vidgen.models import Script
from vidgen.server.helpers import Routes, client_id, int_query, read_json, spawn
from vidgen.server.hub import watch_job
from vidgen.server.keys import CHATS, HUB, JOBS, LIMITER, SERVICE
from vidgen.server.schemas import GenerateScripts, RenderConfig, parse, render_config

routes = Routes("api")


async def start_job(request: web.Request, token: str, config: dict, chat_id: str | None = None) -> dict:
    """Queue a render and bridge its progress into the chat's events."""
    app = request.app
    job = await app[CHATS].start_job(token, config, chat_id)
    spawn(app, watch_job(app[HUB], app[JOBS], chat_id, job["job_id"]))
    return job


@routes.post("/api/generate_scripts", "Start writing script variations; answers with their tokens at once",
             body=GenerateScripts)
async def generate_scripts(request: web.Request) -> web.Response:
    body = parse(GenerateScripts, await read_json(request))
    request.app[LIMITER].check(client_id(request))
    tokens, write = await request.app[CHATS].start_scripts(body.topic, body.count or 3, llm=body.llm,
                                                           language=body.language or "en", source=body.source)
    spawn(request.app, write)
    return web.json_response({"topic": body.topic, "tokens": tokens, "count": len(tokens)})


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
    version, script = await asyncio.to_thread(request.app[SERVICE].edit, token, data, merge=True)
    return web.json_response({"token": token, "script": script, "version": version,
                              "message": f"saved as version {version}"})


@routes.post("/api/generate/{token}", "Queue a render of the script", body=RenderConfig)
async def generate_video(request: web.Request) -> web.Response:
    token = request.match_info["token"]
    config = render_config(await read_json(request))
    job = await start_job(request, token, config)
    return web.json_response({"job_id": job["job_id"], "status": "pending", "token": token,
                              "message": "render queued", "script_version": job["script_version"]})


@routes.get("/api/job/{job_id}", "A job's status, progress, stage, result or error")
async def get_job(request: web.Request) -> web.Response:
    # a cached dict lookup (the file is parsed again only when replaced): no thread hop needed
    return web.json_response(request.app[JOBS].get(request.match_info["job_id"]))


@routes.get("/api/jobs", "Jobs, newest first (?limit=50)", query=(("limit", "integer"), ("status", "string")))
async def list_jobs(request: web.Request) -> web.Response:
    limit = int_query(request, "limit", 50, 1, 1000)
    jobs = await asyncio.to_thread(request.app[JOBS].list, request.query.get("status"), 100000)
    return web.json_response({"jobs": jobs[:limit], "total": len(jobs)})


@routes.delete("/api/job/{job_id}", "Cancel a job if running and remove its record")
async def delete_job(request: web.Request) -> web.Response:
    job_id = request.match_info["job_id"]
    await asyncio.to_thread(request.app[JOBS].delete, job_id)
    return web.json_response({"message": f"job {job_id} deleted"})


@routes.post("/api/validate_config", "Check a render config and the server's dependencies", body=RenderConfig)
async def validate_config(request: web.Request) -> web.Response:
    svc = request.app[SERVICE]
    config = render_config(await read_json(request))
    errors: list[str] = []
    options = None
    try:
        options = svc.render_options(config)
    except BadInput as exc:
        errors.append(str(exc))
    report = await asyncio.to_thread(svc.validate_setup, options)
    errors += report["errors"]
    return web.json_response({"valid": not errors, "errors": errors, "warnings": report["warnings"],
                              "checks": report["checks"], "config": options.as_dict() if options else None})


@routes.get("/api/voices", "Every voice provider, whether it works here, its voices and the default")
async def voices(request: web.Request) -> web.Response:
    return web.json_response(await asyncio.to_thread(request.app[SERVICE].voices))
