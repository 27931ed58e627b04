"""The `/api` family: scripts and jobs, kept from the replaced Python API."""

from __future__ import annotations

import asyncio

from aiohttp import web

from vidgen.errors import BadInput
from vidgen.server.app import HUB, JOBS, LIMITER, SERVICE, client_id, read_json, spawn
from vidgen.server.schemas import GenerateScripts, RenderConfig, parse


def render_config(model) -> dict:
    """A parsed request model's render settings, as RenderOptions.from_config reads them."""
    return {} if model is None else model.model_dump(exclude_none=True)


def config_of(body: dict) -> dict:
    """Old clients send the settings either flat or under "config"."""
    return body["config"] if isinstance(body.get("config"), dict) else body


async def start_scripts(request: web.Request, topic: str, count: int, llm: str | None, language: str,
                        chat_id: str | None = None, uid: str = "", source: str | None = None
                        ) -> tuple[list[str], asyncio.Task]:
    """Reserve tokens, answer at once, write the variations in the background."""
    app = request.app
    svc = app[SERVICE]
    app[LIMITER].check(client_id(request))
    await asyncio.to_thread(svc.writer, llm)  # a misconfigured writer is refused now, not later
    if source is not None and len(source.split()) < 8:
        raise BadInput("the document has too little text to build a script from", "give it a few sentences")
    tokens = await asyncio.to_thread(svc.reserve, topic, count)
    if chat_id:
        await asyncio.to_thread(svc.store.upsert_chat, chat_id, uid=uid, text=topic, tokens=tokens,
                                ready_tokens=[])
    hub = app[HUB]
    ready: list[tuple[int, str, dict]] = []

    async def on_ready(index, token, script, error):
        if chat_id:
            if script is not None:
                ready.append((index, token, script))
                await asyncio.to_thread(svc.store.upsert_chat, chat_id, add_ready_tokens=[token])
                hub.publish(chat_id, "script_ready", data={**script, "token": token}, readyToken=token,
                            scriptIndex=index, totalScripts=len(tokens))
            else:
                hub.publish(chat_id, "script_failed", token=token, scriptIndex=index, error=error)

    async def write():
        await svc.write_variations(tokens, topic, llm=llm, language=language, source=source, on_ready=on_ready)
        if chat_id:
            ordered = sorted(ready)
            hub.publish(chat_id, "all_scripts_complete", allScripts=[{**s, "token": t} for _, t, s in ordered],
                        allTokens=[t for _, t, _ in ordered])

    return tokens, spawn(app, write())


async def generate_scripts(request: web.Request) -> web.Response:
    body = parse(GenerateScripts, await read_json(request))
    tokens, _ = await start_scripts(request, body.topic, body.count or 3, body.llm, body.language or "en",
                                    source=body.source)
    return web.json_response({"topic": body.topic, "tokens": tokens, "count": len(tokens)})


async def script_view(svc, token: str) -> tuple[int, dict]:
    entry = await asyncio.to_thread(svc.store.script_entry, token)
    if entry["status"] == "pending":
        return 202, {"token": token, "status": "pending"}
    if entry["status"] == "failed":
        return 200, {"token": token, "status": "failed", "error": entry.get("error")}
    doc = await asyncio.to_thread(svc.get_script, token)
    return 200, {**doc["script"], "token": token, "status": "ready", "version": doc["version"]}


async def get_script(request: web.Request) -> web.Response:
    token = request.match_info["token"]
    version = request.query.get("version")
    svc = request.app[SERVICE]
    if version is not None:
        try:
            number = int(version)
        except ValueError:
            raise BadInput("version must be a whole number") from None
        doc = await asyncio.to_thread(svc.get_script, token, number)
        return web.json_response({**doc["script"], "token": token, "status": "ready", "version": doc["version"]})
    status, body = await script_view(svc, token)
    return web.json_response(body, status=status)


async def update_script(request: web.Request) -> web.Response:
    token = request.match_info["token"]
    data = await read_json(request)
    if "script" in data and isinstance(data["script"], dict) and "scenes" not in data:
        data = data["script"]
    svc = request.app[SERVICE]
    version, script = await asyncio.to_thread(svc.edit, token, data, merge=True)
    return web.json_response({"token": token, "script": script, "version": version,
                              "message": f"saved as version {version}"})


async def start_job(request: web.Request, token: str, config: dict, chat_id: str | None = None) -> dict:
    from vidgen.server.hub import watch_job

    app = request.app
    svc, jobs = app[SERVICE], app[JOBS]
    options = svc.render_options(config)
    version = config.get("version")
    if version is not None and not isinstance(version, int):
        raise BadInput("version must be a whole number")
    job = await asyncio.to_thread(jobs.submit, token, version, options)
    if chat_id:
        await asyncio.to_thread(svc.store.upsert_chat, chat_id, add_jobs=[job["job_id"]])
    spawn(app, watch_job(app[HUB], jobs, chat_id, job["job_id"]))
    return job


async def generate_video(request: web.Request) -> web.Response:
    token = request.match_info["token"]
    body = await read_json(request)
    config = config_of(body)
    parse(RenderConfig, config)
    job = await start_job(request, token, config)
    return web.json_response({"job_id": job["job_id"], "status": "pending", "token": token,
                              "message": "render queued", "script_version": job["script_version"]})


def job_limit(request: web.Request) -> int:
    try:
        limit = int(request.query.get("limit", "50"))
    except ValueError:
        raise BadInput("limit must be a whole number") from None
    if not 1 <= limit <= 1000:
        raise BadInput("limit must be from 1 to 1000")
    return limit


async def get_job(request: web.Request) -> web.Response:
    # a cached dict lookup (the file is parsed again only when replaced): no thread hop needed
    job = request.app[JOBS].get(request.match_info["job_id"])
    return web.json_response(job)


async def list_jobs(request: web.Request) -> web.Response:
    limit = job_limit(request)
    status = request.query.get("status")
    jobs = await asyncio.to_thread(request.app[JOBS].list, status, 100000)
    return web.json_response({"jobs": jobs[:limit], "total": len(jobs)})


async def delete_job(request: web.Request) -> web.Response:
    job_id = request.match_info["job_id"]
    await asyncio.to_thread(request.app[JOBS].delete, job_id)
    return web.json_response({"message": f"job {job_id} deleted"})


async def validate_config(request: web.Request) -> web.Response:
    from vidgen.checks import run_checks

    data = await read_json(request)
    svc = request.app[SERVICE]
    errors, warnings = [], []
    options = None
    try:
        options = svc.render_options(config_of(data))
    except BadInput as exc:
        errors.append(str(exc))
    checks = await asyncio.to_thread(run_checks, svc.settings)
    by_name = {c["name"]: c for c in checks}
    from vidgen.voice import provider_for

    tts = provider_for(svc.settings, options.language if options else "en", options.tts if options else None)
    voice = by_name.get(f"voice {tts}")
    if voice and not voice["ok"]:
        errors.append(f"the {tts} voice cannot speak here: {voice['detail']}" + (f" — {voice['fix']}" if voice["fix"] else ""))
    if options and options.quality in ("2k", "4k"):
        warnings.append(f"quality {options.quality} renders slowly on a small machine")
    for name in ("store", "renders", "ffmpeg"):
        if not by_name[name]["ok"]:
            errors.append(f"{name}: {by_name[name]['detail']}")
    return web.json_response({"valid": not errors, "errors": errors, "warnings": warnings, "checks": checks,
                              "config": options.as_dict() if options else None})


def routes(app: web.Application) -> None:
    r = app.router
    r.add_post("/api/generate_scripts", generate_scripts)
    r.add_get("/api/script/{token}", get_script)
    r.add_post("/api/script/{token}", update_script)
    r.add_post("/api/generate/{token}", generate_video)
    r.add_get("/api/job/{job_id}", get_job)
    r.add_get("/api/jobs", list_jobs)
    r.add_delete("/api/job/{job_id}", delete_job)
    r.add_post("/api/validate_config", validate_config)
