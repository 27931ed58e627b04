"""Middlewares: errors mapped once to each route family's JSON shape, the Host check, CORS,
the Origin check of state-changing requests, the API key; and the access log that never
writes a secret.

CORS headers are added when a response is prepared (`on_response_prepare`), so streamed
responses — SSE and video — carry them too, not only the ones a handler returns whole.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
from urllib.parse import unquote, urlsplit

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from vidgen.errors import Forbidden, Misdirected, RateLimited, Unauthorized, VidgenError, disk_full, is_disk_full
from vidgen.server import session
from vidgen.server.helpers import Handler, error_body
from vidgen.server.keys import CONFIG, SERVICE

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
async def hosts(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Answer only to this server's own names: a DNS-rebinding page reaches 127.0.0.1 under the
    attacker's name, and would otherwise count as same-origin with it."""
    host = request.headers.get("Host")
    if host is not None and not request.app[CONFIG].host_allowed(host):
        raise Misdirected(f"this server does not answer to the name {host[:100]!r}",
                          "add the name to VIDGEN_ALLOWED_HOSTS (comma-separated) if it is this server's")
    return await handler(request)


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def origin_allowed(request: web.Request, origin: str) -> bool:
    """Listed in VIDGEN_CORS_ORIGINS, or a page of this server itself: the same host and port (the
    scheme may differ behind a TLS proxy; the Host was already checked by `hosts`)."""
    origins = request.app[CONFIG].cors_origins
    if "*" in origins or origin in origins:
        return True
    try:
        netloc = urlsplit(origin).netloc.lower() if "://" in origin else ""
    except ValueError:  # "http://[::1" and the like
        return False
    return bool(netloc) and netloc == request.host.lower()


@web.middleware
async def origins(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A state-changing request from a page of another origin not in VIDGEN_CORS_ORIGINS is refused,
    whatever its body: CORS alone only stops the page from reading the answer, not the change."""
    origin = request.headers.get("Origin")
    if request.method not in SAFE_METHODS and origin is not None and not origin_allowed(request, origin):
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


def presented_key(request: web.Request) -> str:
    key = request.headers.get("X-API-Key", "")
    auth = request.headers.get("Authorization", "")
    if not key and auth.lower().startswith("bearer "):
        key = auth[7:].strip()
    return key or request.query.get("api_key", "")


@web.middleware
async def auth(request: web.Request, handler: Handler) -> web.StreamResponse:
    config = request.app[CONFIG]
    expected = config.api_key
    # the worker protocol proves itself with the worker secret instead (vidgen.server.workers)
    if expected and request.path not in OPEN_PATHS and not request.path.startswith(("/studio", "/api/worker/")):
        given = presented_key(request)
        if given:
            ok = hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8", "replace"))
        else:  # <video>, <track>, EventSource cannot send a header: the studio's session cookie (reads only)
            ok = request.method in ("GET", "HEAD") and session.valid(expected, request.cookies.get(session.COOKIE))
        if not ok:
            raise Unauthorized("missing or wrong API key" if given else "this server needs an API key",
                               "send X-API-Key or Authorization: Bearer (pages: POST /api/session sets a cookie "
                               "for video and event URLs)")
    return await handler(request)


SECRET_PARAMS = {"api_key", "apikey", "api-key", "key", "token", "access_token", "session"}


def redact(path_qs: str) -> str:
    """The request target with the value of every secret-looking query parameter replaced."""
    path, sep, query = path_qs.partition("?")
    if not sep:
        return path
    parts = []
    for part in query.split("&"):
        name, eq, _ = part.partition("=")
        parts.append(f"{name}=REDACTED" if eq and unquote(name).lower() in SECRET_PARAMS else part)
    return f"{path}?{'&'.join(parts)}"


class AccessLogger(AbstractAccessLogger):
    """aiohttp's usual line (address, request line, status, size, seconds, user agent) with
    secrets taken out of the query: old clients still put ?api_key= on video and event URLs."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        version = f"{request.version.major}.{request.version.minor}"
        self.logger.info('%s "%s %s HTTP/%s" %s %s %.6fs "%s"', request.remote or "-", request.method,
                         redact(request.raw_path), version, response.status, response.body_length, time,
                         request.headers.get("User-Agent", "-"))

    @property
    def enabled(self) -> bool:
        return self.logger.isEnabledFor(logging.INFO)
