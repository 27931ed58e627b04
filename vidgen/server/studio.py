"""The studio: a page shipped inside the package (plain HTML, CSS and JS modules; no build, no CDN)."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

STATIC = Path(__file__).resolve().parent.parent / "static" / "studio"


async def page(request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})


def routes(app: web.Application) -> None:
    app.router.add_get("/studio", page, name="studio")
    app.router.add_static("/studio/assets", STATIC, append_version=False)
