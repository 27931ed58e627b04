"""Request helpers every route module shares, and `Routes`: a route table whose entries carry
their own OpenAPI summary, so the route list is written once, beside the handlers.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from vidgen.errors import BadInput, RequestTimeout, TooLarge, UnsupportedMediaType
from vidgen.script.model import check_json
from vidgen.server.keys import CALLER, CONFIG, TASKS

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class Doc:
    """What /openapi.json says of one route."""

    summary: str
    body: type | None = None           # the pydantic model of the request body
    family: str = "frontend"           # api (errors {detail}), frontend ({success, message, error}), meta
    query: tuple[tuple[str, str], ...] = ()   # (name, JSON schema type) of query parameters
    responses: tuple[tuple[str, str], ...] = ()
    # who may call it (vidgen.server.auth): "user" (a key or a session; the items its path names must be the
    # caller's), "open" (anyone: nothing of anyone's in it), "worker" (the worker secret), "session"
    access: str = "user"


class Routes(web.RouteTableDef):
    """`@routes.get(path, summary=..., body=Model)`: aiohttp's route table, each route documented."""

    docs: dict[tuple[str, str], Doc]

    def __init__(self, family: str):
        super().__init__()
        self.family = family
        self.docs = {}

    def _doc(self, method: str, path: str, summary: str, **kw: Any) -> None:
        self.docs[(method, path)] = Doc(summary, family=kw.pop("family", self.family), **kw)

    def get(self, path: str, summary: str = "", **kw: Any) -> Callable[[Handler], Handler]:
        self._doc("get", path, summary, **kw)
        return super().get(path)

    def post(self, path: str, summary: str = "", **kw: Any) -> Callable[[Handler], Handler]:
        self._doc("post", path, summary, **kw)
        return super().post(path)

    def delete(self, path: str, summary: str = "", **kw: Any) -> Callable[[Handler], Handler]:
        self._doc("delete", path, summary, **kw)
        return super().delete(path)


def is_api(request: web.Request) -> bool:
    return request.path.startswith("/api/")


def error_body(request: web.Request, status: int, message: str, advice: str | None = None) -> web.Response:
    """The one error shape of each route family; `advice`: the same in words for a person with no shell (the
    studio shows it instead of a message that names a setting or a command)."""
    body: dict[str, Any] = {"detail": message} if is_api(request) else \
        {"success": False, "message": message, "error": message}
    if advice:
        body["advice"] = advice
    return web.json_response(body, status=status)




def is_json(content_type: str) -> bool:
    return content_type == "application/json" or (content_type.startswith("application/")
                                                   and content_type.endswith("+json"))


async def read_body(request: web.Request) -> bytes:
    """The whole body, within the size limit and the read deadline (a client that stalls is cut off)."""
    config = request.app[CONFIG]
    if request.content_length and request.content_length > config.max_body:
        raise TooLarge(f"the request body is over the {config.max_body // 1024} KiB limit")
    try:
        return await asyncio.wait_for(request.read(), config.read_timeout)
    except TimeoutError:
        # answered at once; aiohttp then closes the connection (the body never finished)
        raise RequestTimeout(f"the request body took too long to arrive (over {config.read_timeout:g} s)",
                             "send the whole body at once") from None


async def read_json(request: web.Request) -> dict:
    """The body as a JSON object; anything else is a 4xx, never a 500. No body means {}.

    Only `application/json` is read: a browser must then ask (a CORS preflight) before another
    site's page can send it, where a text/plain or form body would go out unasked.
    """
    if request.body_exists and not is_json(request.content_type):
        raise UnsupportedMediaType(f"this route takes application/json, not {request.content_type}",
                                   "send the body with Content-Type: application/json")
    raw = await read_body(request)
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except RecursionError:
        raise BadInput("the request body is nested too deeply") from None
    except (ValueError, UnicodeDecodeError):
        raise BadInput("the request body is not valid JSON") from None
    if not isinstance(data, dict):
        raise BadInput("the request body must be a JSON object")
    check_json(data, "the request body")
    return data


def client_id(request: web.Request) -> str:
    """Whom a per-client limit counts: the user when the server has users, else the address."""
    caller = request.get(CALLER)
    if caller is not None and not caller.local:
        return f"user:{caller.id}"
    return request.remote or "unknown"


def spawn(app: web.Application, coro: Coroutine[Any, Any, Any]) -> asyncio.Task:
    """A background task the app cancels and awaits when it shuts down."""
    task = asyncio.get_running_loop().create_task(coro)
    app[TASKS].add(task)
    task.add_done_callback(app[TASKS].discard)
    return task


def int_query(request: web.Request, name: str, default: int, lo: int, hi: int) -> int:
    raw = request.query.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadInput(f"{name} must be a whole number") from None
    if not lo <= value <= hi:
        raise BadInput(f"{name} must be from {lo} to {hi}")
    return value
