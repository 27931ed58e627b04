"""Middlewares: errors mapped once to each route family's JSON shape, the Host check, CORS,
the Origin check of state-changing requests. Who is calling is `vidgen.server.auth`'s; the log
that never writes a secret is `vidgen.server.logs`'.

CORS headers are added when a response is prepared (`on_response_prepare`), so streamed
responses — SSE and video — carry them too, not only the ones a handler returns whole.
"""

from __future__ import annotations

import asyncio
import logging
import os

from aiohttp import web

from vidgen.errors import Forbidden, Misdirected, RateLimited, VidgenError, disk_full, is_disk_full
from vidgen.server.helpers import Handler, error_body
from vidgen.server.keys import CONFIG, SERVICE

log = logging.getLogger("vidgen.server")


@web.middleware
async def errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except VidgenError as exc:
        resp = error_body(request, exc.http_status, str(exc), exc.advice)
        if isinstance(exc, RateLimited):
            resp.headers["Retry-After"] = str(exc.retry_after)
        resp.headers.update(getattr(exc, "headers", {}))
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
    except (asyncio.CancelledError, ConnectionError):  # the client is gone: nobody to answer
        raise
    except OSError as exc:
        if not is_disk_full(exc):
            log.exception("unexpected error on %s %s", request.method, request.path)
            return error_body(request, 500, "internal error; see the server's log")
        # any write path not mapped at its source still answers as a full disk, in the same words
        where = os.path.dirname(exc.filename) if isinstance(exc.filename, str) else request.app[SERVICE].settings.home
        return error_body(request, 503, str(disk_full(where)))
    except Exception:
        log.exception("unexpected error on %s %s", request.method, request.path)
        return error_body(request, 500, "internal error; see the server's log")


def cors_headers(request: web.Request) -> dict[str, str]:
    """A page of an allowed origin may read the answer (VIDGEN_CORS_ORIGINS, loopback pages by default)."""
    config = request.app[CONFIG]
    origin = request.headers.get("Origin")
    if not origin or not config.origin_allowed(origin, request.host):
        return {}
    allow = "*" if "*" in config.cors_origins else origin
    return {"Access-Control-Allow-Origin": allow, "Vary": "Origin",
            "Access-Control-Expose-Headers": "Content-Range, Accept-Ranges, Content-Length, ETag, Retry-After"}


@web.middleware
async def hosts(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Answer only to this server's own names: a DNS-rebinding page reaches 127.0.0.1 under the
    attacker's name, and would otherwise count as same-origin with it."""
    host = request.headers.get("Host")
    if host is not None and not request.app[CONFIG].host_allowed(host):
        raise Misdirected(f"this server does not answer to the name {host[:100]!r}",
                          "add the name to VIDGEN_ALLOWED_HOSTS (comma-separated) if it is this server's")
    return await handler(request)


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@web.middleware
async def origins(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A state-changing request from a page of another origin not in VIDGEN_CORS_ORIGINS is refused,
    whatever its body: CORS alone only stops the page from reading the answer, not the change."""
    origin = request.headers.get("Origin")
    if request.method not in SAFE_METHODS and origin is not None and \
            not request.app[CONFIG].origin_allowed(origin, request.host):
        raise Forbidden(f"requests that change something are not taken from pages of {origin[:100]!r}",
                        "add that origin to VIDGEN_CORS_ORIGINS if it is yours")
    return await handler(request)


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

