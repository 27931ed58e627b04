"""The routes about the server itself: `/`, `/health`, `/openapi.json`, `/docs` and the studio."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from aiohttp import web

from vidgen import __version__
from vidgen.server.helpers import Routes, spawn
from vidgen.server.keys import HEALTH, HUB, ROUTE_DOCS, SERVICE
from vidgen.server.openapi import DOCS, document

routes = Routes("meta")
STATIC = Path(__file__).resolve().parent.parent / "static" / "studio"


@routes.get("/", "Service name, version and endpoints", access="open")
async def index(request: web.Request) -> web.Response:
    if "text/html" in request.headers.get("Accept", ""):
        raise web.HTTPFound("/studio")
    docs = request.app[ROUTE_DOCS]
    # the old API's shape: a name for each endpoint -> "METHOD /path"
    endpoints = {handler_name(request.app, method, path): f"{method.upper()} {path}" for method, path in docs}
    return web.json_response({"name": "vidgen", "version": __version__, "status": "running",
                              "endpoints": endpoints, "docs": "/docs", "openapi": "/openapi.json"})


def handler_name(app: web.Application, method: str, path: str) -> str:
    for route in app.router.routes():
        if route.method.lower() == method and route.resource is not None and route.resource.canonical == path:
            return route.handler.__name__
    return path


@routes.get("/health", "Health and real dependency checks", access="open")
async def health(request: web.Request) -> web.Response:
    from vidgen.jobs.local import runner_checks
    from vidgen.service.checks import run_checks

    cache = request.app[HEALTH]
    checks = cache.fresh()
    if checks is None and cache.value is not None:
        # stale: answered from the last checks while they run again in the background, so /health stays quick
        # when the machine is busy (the checks touch the disk and start ffmpeg)
        checks = cache.value
        if not cache.refreshing:
            cache.refreshing = True

            async def refresh() -> None:
                try:
                    cache.store(await asyncio.to_thread(run_checks, request.app[SERVICE].settings))
                finally:
                    cache.refreshing = False

            spawn(request.app, refresh())
    elif checks is None:
        checks = cache.store(await asyncio.to_thread(run_checks, request.app[SERVICE].settings))
    checks = [*checks, *runner_checks()]  # live, not cached: a runner that stops must show at once
    healthy = all(c["ok"] or not c["required"] for c in checks)
    return web.json_response({
        "success": True, "message": "vidgen is running" if healthy else "vidgen is running with problems",
        "status": "healthy" if healthy else "degraded",
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "version": __version__,
        "checks": {c["name"]: {"ok": c["ok"], "detail": c["detail"], "fix": c["fix"]} for c in checks},
        "event_listeners": request.app[HUB].listener_count()})


@routes.get("/openapi.json", "This document", access="open")
async def openapi_json(request: web.Request) -> web.Response:
    return web.json_response(document(request.app[ROUTE_DOCS]))


@routes.get("/docs", "Every route, from /openapi.json, as a page", access="open")
async def docs(request: web.Request) -> web.Response:
    return web.Response(text=DOCS, content_type="text/html")


@routes.get("/studio", "The studio: a web page from topic to video, built on these routes", access="open")
async def studio(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})
