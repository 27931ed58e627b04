"""The studio's session cookie: how a page lets `<video>`, `<track>` and `EventSource` in when
the server has an API key, without putting the key in a URL (where access logs, history
and Referer headers keep it).

The page sends the key once, in a header, to `POST /api/session`; the answer sets an
HttpOnly, SameSite=Strict cookie holding an expiry and an HMAC of it keyed by the API key.
It is good only for reading (GET/HEAD) and only until it expires; changing VIDGEN_API_KEY
ends every session at once. Nothing is stored on the server.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from aiohttp import web

from vidgen.server.helpers import Routes
from vidgen.server.keys import CONFIG

COOKIE = "vidgen_session"
routes = Routes("api")


def sign(key: str, expires: int) -> str:
    mac = hmac.new(key.encode("utf-8", "replace"), f"vidgen-session:{expires}".encode(), hashlib.sha256)
    return f"{expires}.{mac.hexdigest()}"


def valid(key: str, value: str | None, now: float | None = None) -> bool:
    if not value or value.count(".") != 1:
        return False
    expires, _, _ = value.partition(".")
    if not expires.isdigit() or int(expires) < (time.time() if now is None else now):
        return False
    return hmac.compare_digest(sign(key, int(expires)).encode(), value.encode("utf-8", "replace"))


@routes.post("/api/session", "Set the session cookie that lets this page's video and event URLs in "
                             "(send the API key in X-API-Key; reads only, expires)")
async def start_session(request: web.Request) -> web.Response:
    config = request.app[CONFIG]
    if not config.api_key:
        return web.json_response({"needed": False, "message": "this server has no API key; no session is needed"})
    seconds = int(config.session_hours * 3600)
    expires = int(time.time()) + seconds
    resp = web.json_response({"needed": True, "expires_in": seconds,
                              "expires": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(expires))})
    resp.set_cookie(COOKIE, sign(config.api_key, expires), max_age=seconds, path="/", httponly=True,
                    samesite="Strict", secure=request.secure)
    return resp
