"""The aiohttp application factory: state in typed AppKeys, errors mapped once.

Two families of routes share one server: `/api/*` answers errors as {"detail": ...};
every other route as {"success": false, "message": ..., "error": ...}.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
import time
from dataclasses import dataclass, field

from aiohttp import web

from vidgen.errors import BadInput, RateLimited, TooLarge, Unauthorized, VidgenError
from vidgen.server.hub import ChatHub

log = logging.getLogger("vidgen.server")


@dataclass
class ServerConfig:
    api_key: str = ""
    cors_origins: list[str] = field(default_factory=lambda: ["*"])
    max_body: int = 1024 * 1024
    rate_limit: int = 20            # script generations per client per minute
    submit_wait: float = 120.0
    run_jobs: bool = True           # start a job runner inside the server

    @classmethod
    def from_env(cls, settings) -> "ServerConfig":
        origins = os.environ.get("VIDGEN_CORS_ORIGINS", "*")
        return cls(api_key=settings.api_key,
                   cors_origins=[o.strip() for o in origins.split(",") if o.strip()],
                   max_body=int(os.environ.get("VIDGEN_MAX_BODY", 1024 * 1024)),
                   rate_limit=int(os.environ.get("VIDGEN_RATE_LIMIT", 20)),
                   submit_wait=settings.submit_wait)


class RateLimiter:
    """A sliding one-minute window per client."""

    def __init__(self, per_minute: int):
        self.per_minute = per_minute
        self.hits: dict[str, list[float]] = {}

    def check(self, client: str) -> None:
        now = time.monotonic()
        hits = [t for t in self.hits.get(client, []) if now - t < 60]
        if len(hits) >= self.per_minute:
            retry = max(1, int(60 - (now - hits[0])) + 1)
            raise RateLimited(f"too many script requests: {self.per_minute} a minute per client", retry,
                              f"retry in {retry} s")
        hits.append(now)
        self.hits[client] = hits


SERVICE = web.AppKey("service", object)
JOBS = web.AppKey("jobs", object)
HUB = web.AppKey("hub", ChatHub)
CONFIG = web.AppKey("config", ServerConfig)
LIMITER = web.AppKey("limiter", RateLimiter)
TASKS = web.AppKey("tasks", set)

OPEN_PATHS = {"/", "/health", "/docs", "/openapi.json"}


def is_api(request: web.Request) -> bool:
    return request.path.startswith("/api/")


def error_body(request: web.Request, status: int, message: str) -> web.Response:
    if is_api(request):
        body = {"detail": message}
    else:
        body = {"success": False, "message": message, "error": message}
    return web.json_response(body, status=status)


@web.middleware
async def errors(request: web.Request, handler):
    try:
        return await handler(request)
    except VidgenError as exc:
        resp = error_body(request, exc.http_status, str(exc))
        if isinstance(exc, RateLimited):
            resp.headers["Retry-After"] = str(exc.retry_after)
        return resp
    except web.HTTPRequestEntityTooLarge:
        limit = request.app[CONFIG].max_body
        return error_body(request, 413, f"the request body is over the {limit // 1024} KiB limit")
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        messages = {404: f"no route {request.path}", 405: f"{request.method} is not allowed on {request.path}"}
        resp = error_body(request, exc.status, messages.get(exc.status, exc.reason))
        if exc.status == 405 and "Allow" in exc.headers:
            resp.headers["Allow"] = exc.headers["Allow"]
        return resp
    except (asyncio.CancelledError, ConnectionResetError):
        raise
    except Exception:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return error_body(request, 500, "internal error; see the server's log")


def cors_headers(request: web.Request) -> dict[str, str]:
    origins = request.app[CONFIG].cors_origins
    origin = request.headers.get("Origin")
    if not origins or not origin:
        return {}
    if "*" in origins:
        allow = "*"
    elif origin in origins:
        allow = origin
    else:
        return {}
    return {"Access-Control-Allow-Origin": allow, "Vary": "Origin",
            "Access-Control-Expose-Headers": "Content-Range, Accept-Ranges, Content-Length, ETag, Retry-After"}


@web.middleware
async def cors(request: web.Request, handler):
    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
        headers = cors_headers(request)
        if headers:
            headers.update({"Access-Control-Allow-Methods": "GET, HEAD, POST, DELETE, OPTIONS",
                            "Access-Control-Allow-Headers": "Content-Type, X-API-Key, Authorization, "
                                                            "Last-Event-ID, Range, If-Range",
                            "Access-Control-Max-Age": "600"})
        return web.Response(status=204, headers=headers)
    try:
        resp = await handler(request)
    except web.HTTPException as exc:
        exc.headers.update(cors_headers(request))
        raise
    if not resp.prepared:
        resp.headers.update(cors_headers(request))
    return resp


def presented_key(request: web.Request) -> str:
    key = request.headers.get("X-API-Key", "")
    auth = request.headers.get("Authorization", "")
    if not key and auth.lower().startswith("bearer "):
        key = auth[7:].strip()
    return key or request.query.get("api_key", "")


@web.middleware
async def auth(request: web.Request, handler):
    expected = request.app[CONFIG].api_key
    if expected and request.path not in OPEN_PATHS and not request.path.startswith("/studio"):
        given = presented_key(request)
        if not hmac.compare_digest(given.encode(), expected.encode()):
            raise Unauthorized("missing or wrong API key" if given else "this server needs an API key",
                               "send X-API-Key or Authorization: Bearer (or ?api_key= for EventSource/video)")
    return await handler(request)


async def read_json(request: web.Request) -> dict:
    """The body as a JSON object; anything else is a 400, never a 500. No body means {}."""
    if request.content_length and request.content_length > request.app[CONFIG].max_body:
        raise TooLarge(f"the request body is over the {request.app[CONFIG].max_body // 1024} KiB limit")
    raw = await request.read()
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise BadInput("the request body is not valid JSON") from None
    if not isinstance(data, dict):
        raise BadInput("the request body must be a JSON object")
    return data


def client_id(request: web.Request) -> str:
    return request.remote or "unknown"


def spawn(app: web.Application, coro) -> asyncio.Task:
    task = asyncio.get_running_loop().create_task(coro)
    app[TASKS].add(task)
    task.add_done_callback(app[TASKS].discard)
    return task


def create_app(svc=None, config: ServerConfig | None = None) -> web.Application:
    from vidgen.jobs import JobService
    from vidgen.server import api, files, frontend, openapi, studio
    from vidgen.service import Vidgen

    svc = svc or Vidgen()
    config = config or ServerConfig.from_env(svc.settings)
    app = web.Application(middlewares=[errors, cors, auth], client_max_size=config.max_body)
    app[SERVICE] = svc
    jobs = app[JOBS] = JobService(svc)
    app[HUB] = ChatHub()
    app[CONFIG] = config
    app[LIMITER] = RateLimiter(config.rate_limit)
    app[TASKS] = set()

    async def runner_ctx(app: web.Application):
        from contextlib import nullcontext

        executor = jobs.queue.executor(svc) if config.run_jobs else nullcontext()
        await asyncio.to_thread(executor.__enter__)
        yield
        for task in list(app[TASKS]):
            task.cancel()
        await asyncio.gather(*app[TASKS], return_exceptions=True)
        await asyncio.to_thread(executor.__exit__, None, None, None)

    app.cleanup_ctx.append(runner_ctx)
    app.router.add_get("/", frontend.index)
    app.router.add_get("/health", frontend.health)
    api.routes(app)
    frontend.routes(app)
    files.routes(app)
    openapi.routes(app)
    studio.routes(app)
    return app
