"""Who is calling, and whether they may touch what the route names: one middleware.

Each route says who may call it (`Doc.access`, beside its handler): "open" routes hold nothing
of anyone's; "worker" routes check the worker secret themselves; every other route needs a
caller, and each item its path names is checked against that caller before the handler runs
(`GUARDED`: a token, a job id, a video's file name), so a handler never sees another user's
item and a route cannot forget the check. A path parameter the guard does not know makes the
app refuse to start (`check_routes`): a new route fails closed, never open.

A caller is, in order:
- with no users and no VIDGEN_API_KEY: the machine's own user, if the server listens on
  loopback only (a server on another address refuses everything until a user exists);
- a key (`X-API-Key`, `Authorization: Bearer`, or `?api_key=` for old clients): the one
  VIDGEN_API_KEY of an old deployment (an admin acting as the machine's own user), or a
  user's key. A page of another origin may send one only if that origin is allowed;
- the studio's session cookie (`vidgen.server.session`); a change made with it must come from
  a page of this server itself (its Origin), on top of the cookie's SameSite=Strict.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
from collections.abc import Iterator
from contextlib import contextmanager

from aiohttp import web

from vidgen.errors import Forbidden, Unauthorized
from vidgen.server.helpers import Handler
from vidgen.server.keys import CALLER, CONFIG, ROUTE_DOCS, SERVICE, SESSIONS, SLOW_CHECKS
from vidgen.store.media import REQUEST_FILES
from vidgen.store.users import LOCAL, LOCAL_OWNER, Caller, caller_of, parse_key

OPEN, WORKER, USER, SESSION = "open", "worker", "user", "session"
GUARDED = {"token": "script", "job_id": "job", "filename": "video"}
# path parameters that need no owner check: a scene number inside a checked token; a chat id, which
# names a chat among the caller's own (`Owners.channel`); an upload, looked up in the caller's own folder
UNGUARDED = {"seq", "chatID", "upload"}
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
KEY_FIX = "send your key in X-API-Key or Authorization: Bearer, or sign in to the studio"


def caller(request: web.Request) -> Caller:
    """The caller `identify` found (every route with access "user" has one)."""
    found = request.get(CALLER)
    if found is None:
        raise Unauthorized("this server needs an API key", KEY_FIX)
    return found


def access_of(request: web.Request) -> str | None:
    """The matched route's access rule; None for no route (404/405 answer by themselves)."""
    route = request.match_info.route
    resource = route.resource
    if resource is None:
        return None
    if isinstance(resource, web.StaticResource):
        return OPEN  # the studio's own files: code and styles, nobody's data
    method = "get" if route.method == "HEAD" else route.method.lower()
    doc = request.app[ROUTE_DOCS].get((method, resource.canonical))
    return doc.access if doc is not None else USER  # a route without a doc fails closed


def check_routes(app: web.Application) -> None:
    """Every route's path parameters are ones the guard knows: otherwise the app does not start."""
    for route in app.router.routes():
        resource = route.resource
        if resource is None or isinstance(resource, web.StaticResource) or route.method == "HEAD":
            continue
        doc = app[ROUTE_DOCS].get((route.method.lower(), resource.canonical))
        if doc is None or doc.access in (OPEN, WORKER):
            continue
        names = {part.strip("{}").partition(":")[0] for part in resource.canonical.split("/") if part.startswith("{")}
        unknown = names - set(GUARDED) - UNGUARDED
        if unknown:
            raise RuntimeError(f"{route.method} {resource.canonical}: no ownership rule for {sorted(unknown)} "
                               f"(vidgen.server.auth.GUARDED)")


def presented_key(request: web.Request) -> tuple[str, bool]:
    """The key a request carries and whether it came in a header (else in the URL, old clients)."""
    key = request.headers.get("X-API-Key", "")
    auth = request.headers.get("Authorization", "")
    if not key and auth.lower().startswith("bearer "):
        key = auth[7:].strip()
    if key:
        return key, True
    return request.query.get("api_key", ""), False


async def who(request: web.Request) -> Caller:
    """The caller of a request that needs one; Unauthorized (401) or Forbidden (403) when there is none."""
    config = request.app[CONFIG]
    svc = request.app[SERVICE]
    users = svc.owners.users
    if not config.api_key and not users.any():
        if config.open_without_key:
            return LOCAL_OWNER
        raise Unauthorized("this server has no users yet, and it listens beyond this machine",
                           "add one on the server with `vidgen users add NAME --admin`, then send its key")
    key, in_header = presented_key(request)
    if key:
        origin = request.headers.get("Origin")
        if origin is not None and not config.origin_allowed(origin, request.host):
            raise Forbidden(f"keys are not taken from pages of {origin[:100]!r}",
                            "add that origin to VIDGEN_CORS_ORIGINS if it is yours")
        if config.api_key and hmac.compare_digest(key.encode("utf-8", "replace"),
                                                  config.api_key.encode("utf-8", "replace")):
            return Caller(LOCAL, LOCAL, admin=True, legacy=True)
        if parse_key(key) is None:
            raise Unauthorized("wrong API key" if config.api_key else
                               "that is not a vidgen key (they look like vgk_…)", KEY_FIX)
        async with request.app[SLOW_CHECKS]:  # scrypt is slow on purpose: a few at a time, off the loop
            user = await asyncio.to_thread(users.verify, key)
        if user is None:
            raise Unauthorized("wrong API key (or one that was rotated or removed)", KEY_FIX)
        return caller_of(user)
    found = request.app[SESSIONS].caller(request.cookies.get(request.app[SESSIONS].cookie), config.api_key, users)
    if found is not None:
        if request.method not in SAFE_METHODS and not config.own_origin(request.headers.get("Origin"),
                                                                           request.host):
            raise Forbidden("a signed-in page may change things only from this server's own pages",
                            "send the key in a header instead")
        return found
    raise Unauthorized("this server needs an API key", KEY_FIX)


def guard(request: web.Request, found: Caller) -> None:
    """Each item the path names is the caller's (or the caller is an admin), else "not found"."""
    owners = request.app[SERVICE].owners
    for name, value in request.match_info.items():
        kind = GUARDED.get(name)
        if kind == "script":
            owners.script(found, value)
        elif kind == "job":
            owners.job(found, value)
        elif kind == "video":
            owners.video(found, value)


@contextmanager
def files_of(request: web.Request, found: Caller) -> Iterator[None]:
    """The files this request may name (a user's own uploads), for every check below the HTTP edge."""
    token = REQUEST_FILES.set(request.app[SERVICE].owners.request_files(found))
    try:
        yield
    finally:
        REQUEST_FILES.reset(token)


@web.middleware
async def identify(request: web.Request, handler: Handler) -> web.StreamResponse:
    access = access_of(request)
    if access in (None, OPEN, WORKER):
        return await handler(request)
    if access == SESSION:  # the session routes decide for themselves what a missing caller means
        with contextlib.suppress(Unauthorized, Forbidden):
            request[CALLER] = await who(request)
        return await handler(request)
    found = await who(request)
    request[CALLER] = found
    guard(request, found)
    with files_of(request, found):
        return await handler(request)
