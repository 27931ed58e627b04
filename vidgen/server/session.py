"""Signing in to the studio: a session cookie instead of a key kept by the page.

The sign-in page sends the key once, in a header, to `POST /api/session`; the answer sets
`vidgen_session`, an HttpOnly, SameSite=Strict cookie (Secure under HTTPS) holding the user's
id, an expiry and an HMAC-SHA256 of both keyed by the server's session secret (in the store)
and bound to the user's current key: rotating or removing the key, or changing
VIDGEN_API_KEY, ends every session made with it, in every process. Signing out
(`DELETE /api/session`) clears the cookie and refuses its value until it would have expired.

The cookie lets `<video>`, `<track>` and `EventSource` in, which cannot send a header, and the
studio's own calls; a change made with it must come from a page of this server itself
(`vidgen.server.auth`). No key ever goes in a URL, where logs, history and Referer keep it.
"""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web

from vidgen.errors import Unauthorized
from vidgen.server.helpers import Routes
from vidgen.server.keys import CALLER, CONFIG, SERVICE, SESSIONS
from vidgen.server.state import COOKIE
from vidgen.store.users import Caller

routes = Routes("api")


def describe(caller: Caller | None, needed: bool) -> dict[str, Any]:
    if caller is None:
        return {"signed_in": False, "needed": needed}
    return {"signed_in": True, "needed": needed, "user": caller.name, "admin": caller.admin}


def needed(request: web.Request) -> bool:
    return bool(request.app[CONFIG].api_key) or request.app[SERVICE].owners.users.any()


@routes.post("/api/session", "Sign in: send your key in X-API-Key (or Authorization: Bearer); sets the session "
                             "cookie the studio, its videos and its events use", access="session")
async def start_session(request: web.Request) -> web.Response:
    config = request.app[CONFIG]
    found: Caller | None = request.get(CALLER)
    if not needed(request) and found is not None:
        return web.json_response({**describe(found, False), "message": "this server needs no key"})
    from vidgen.server.auth import presented_key

    key, in_header = presented_key(request)
    if found is None or not key or not in_header:
        raise Unauthorized("that key does not open this server" if key else "send your key to sign in",
                           "paste the key `vidgen users add` printed for you")
    seconds = int(config.session_hours * 3600)
    value, expires = request.app[SESSIONS].issue(found, config.api_key, request.app[SERVICE].owners.users, seconds)
    resp = web.json_response({**describe(found, True), "expires_in": seconds,
                              "expires": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(expires))})
    resp.set_cookie(COOKIE, value, max_age=seconds, path="/", httponly=True, samesite="Strict",
                    secure=request.secure)
    return resp


@routes.get("/api/session", "Who is signed in (401 when nobody is and the server needs a key)", access="session")
async def current_session(request: web.Request) -> web.Response:
    found: Caller | None = request.get(CALLER)
    if found is None:
        raise Unauthorized("nobody is signed in", "sign in with your key")
    return web.json_response(describe(found, needed(request)))


@routes.delete("/api/session", "Sign out: the session cookie is cleared and its value refused from now on",
               access="session")
async def end_session(request: web.Request) -> web.Response:
    request.app[SESSIONS].revoke(request.cookies.get(COOKIE))
    resp = web.json_response({"signed_in": False, "needed": needed(request), "message": "signed out"})
    resp.del_cookie(COOKIE, path="/", secure=request.secure, httponly=True, samesite="Strict")
    return resp
