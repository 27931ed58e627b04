"""Videos: listing, info, streaming by ranges, download. Only files vidgen rendered.

Range, HEAD, ETag and If-Range are aiohttp's FileResponse's, not hand-written.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from aiohttp import web
from aiohttp.abc import AbstractStreamWriter

from vidgen.server.helpers import Routes
from vidgen.server.keys import SERVICE
from vidgen.videos import describe, list_videos, safe_file

routes = Routes("frontend")


@routes.get("/videos", "Rendered videos")
async def videos(request: web.Request) -> web.Response:
    found = await asyncio.to_thread(list_videos, request.app[SERVICE].settings.renders)
    return web.json_response({"success": True, "videos": found, "count": len(found)})


@routes.get("/video-info/{filename}", "One video's details")
async def video_info(request: web.Request) -> web.Response:
    path = safe_file(request.app[SERVICE].settings.renders, request.match_info["filename"])
    return web.json_response({"success": True, "video": await asyncio.to_thread(describe, path)})


def stale_if_range(request: web.Request, path: Path) -> bool:
    """An If-Range holding an entity tag that is not the file's (aiohttp reads only dates there)."""
    value = request.headers.get("If-Range", "").strip()
    if not value.startswith(('"', 'W/"')):
        return False
    st = path.stat()
    return value.removeprefix("W/").strip('"') != f"{st.st_mtime_ns:x}-{st.st_size:x}"


class WholeFile(web.FileResponse):
    """FileResponse that ignores the request's Range: the client's copy is outdated."""

    async def prepare(self, request: web.BaseRequest) -> AbstractStreamWriter | None:
        headers = request.headers.copy()
        headers.popall("Range", None)
        return await super().prepare(request.clone(headers=headers))


@routes.get("/stream/{filename}", "The video, with Range, HEAD, ETag and If-Range",
            responses=(("206", "Partial content"), ("416", "Range not satisfiable")))
async def stream(request: web.Request) -> web.StreamResponse:
    path = safe_file(request.app[SERVICE].settings.renders, request.match_info["filename"])
    kind = WholeFile if "Range" in request.headers and stale_if_range(request, path) else web.FileResponse
    return kind(path, headers={"Accept-Ranges": "bytes", "Cache-Control": "no-cache"})


@routes.get("/download/{filename}", "The video (or its .vtt, .srt, .jpg) as an attachment")
async def download(request: web.Request) -> web.FileResponse:
    path = safe_file(request.app[SERVICE].settings.renders, request.match_info["filename"], any_sidecar=True)
    return web.FileResponse(path, headers={"Content-Disposition": f'attachment; filename="{path.name}"'})
