"""Middlewares: errors mapped once to each route family's JSON shape, CORS, the API key.

CORS headers are added when a response is prepared (`on_response_prepare`), so streamed
responses — SSE and video — carry them too, not only the ones a handler returns whole.
"""

from __future__ import annotations

import asyncio
import hmac
import logging

from aiohttp import web

from vidgen.errors import RateLimited, Unauthorized, VidgenError
from vidgen.server.helpers import Handler, error_body
from vidgen.server.keys import CONFIG

log = logging.getLogger("vidgen.server")
OPEN_PATHS = {"/", "/health", "/docs", "/openapi.json"}


@web.middleware
async def errors(request: web.Request, handler: Handler) -> web.StreamResponse:
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
async def preflight(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
        headers = cors_headers(request)
        if headers:
            headers.update({"Access-Control-Allow-Methods": "GET, HEAD, POST, DELETE, OPTIONS",
                            "Access-Control-Allow-Headers": "Content-Type, X-API-Key, Authorization, "
                                                            "Last-Event-ID, Range, If-Range",
                            "Access-Control-Max-Age": "600"})
        return web.Response(status=204, headers=headers)
    return await handler(request)


async def add_cors(request: web.Request, response: web.StreamResponse) -> None:
    """on_response_prepare: every response, streamed or not, errors included."""
    for key, value in cors_headers(request).items():
        response.headers.setdefault(key, value)


def presented_key(request: web.Request) -> str:
    key = request.headers.get("X-API-Key", "")
    auth = request.headers.get("Authorization", "")
    if not key and auth.lower().startswith("bearer "):
        key = auth[7:].strip()
    return key or request.query.get("api_key", "")


@web.middleware
async def auth(request: web.Request, handler: Handler) -> web.StreamResponse:
    expected = request.app[CONFIG].api_key
    # the worker protocol proves itself with the worker secret instead (vidgen.server.workers)
    if expected and request.path not in OPEN_PATHS and not request.path.startswith(("/studio", "/api/worker/")):
        given = presented_key(request)
        if not hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8", "replace")):
            raise Unauthorized("missing or wrong API key" if given else "this server needs an API key",
                               "send X-API-Key or Authorization: Bearer (or ?api_key= for EventSource/video)")
    return await handler(request)
