"""docs/api.md lists exactly the routes the server serves: a route added without its line in the
docs, or a documented route the server dropped, fails here. The served side is read from the
app `create_app` builds (its router, as requests are matched), not from the docs' own tables.
"""

from __future__ import annotations

import re
from pathlib import Path

from aiohttp import web

from vidgen.server.app import ServerConfig, create_app

API_MD = Path(__file__).resolve().parent.parent / "docs" / "api.md"
# a route table row starts with the route in backquotes: | `GET /api/jobs` | ...
ROW = re.compile(r"^\|\s*`(GET|POST|PUT|PATCH|DELETE) (/[^`\s]*)`\s*\|", re.MULTILINE)


def served(app: web.Application) -> set[tuple[str, str]]:
    """(method, canonical path) of every route; HEAD mirrors GET and the studio's files are not API."""
    routes = set()
    for route in app.router.routes():
        resource = route.resource
        if resource is None or isinstance(resource, web.StaticResource) or route.method == "HEAD":
            continue
        routes.add((route.method, resource.canonical))
    return routes


def documented(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in ROW.finditer(text)]


def app_of(svc) -> web.Application:
    return create_app(svc, ServerConfig(run_jobs=False))


def test_every_served_route_is_documented_and_nothing_else(svc):
    app = app_of(svc)
    live = served(app)
    rows = documented(API_MD.read_text(encoding="utf-8"))
    assert len(live) > 40, live  # the app really was read: it serves some fifty routes
    missing = sorted(live - set(rows))
    extra = sorted(set(rows) - live)
    assert not missing, f"served but not in docs/api.md's route tables: {missing}"
    assert not extra, f"in docs/api.md but not served: {extra}"
    assert len(rows) == len(set(rows)), "a route is listed twice in docs/api.md"


def test_the_check_sees_a_route_added_or_removed(svc):
    """The comparison above is not vacuous: a new route is caught, and so is a stale row."""
    app = app_of(svc)

    async def nothing(request: web.Request) -> web.Response:
        return web.Response()

    app.router.add_get("/api/not-documented/{token}", nothing)
    rows = set(documented(API_MD.read_text(encoding="utf-8")))
    assert ("GET", "/api/not-documented/{token}") in served(app) - rows
    stale = documented("| `DELETE /api/gone` | user | x |\n| `GET /videos` | user | y |\n")
    assert stale == [("DELETE", "/api/gone"), ("GET", "/videos")]
    assert ("DELETE", "/api/gone") not in served(app)


def test_nothing_points_at_the_old_contract():
    """The contract is docs/api.md: the code, README and decisions name it, not ../shared/API.md."""
    root = API_MD.parent.parent
    texts = [root / "README.md", root / "docs" / "decisions.md", *sorted((root / "vidgen").rglob("*.py"))]
    stale = [str(p.relative_to(root)) for p in texts if "shared/API.md" in p.read_text(encoding="utf-8")]
    assert not stale, stale
