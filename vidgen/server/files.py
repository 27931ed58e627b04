"""Videos: listing, info, streaming by ranges, download. Only files vidgen rendered.

Range, HEAD, ETag and If-Range are aiohttp's FileResponse's, not hand-written; which Range
header it gets to see is decided here first (`plan_range`), by RFC 9110: one byte range is
served, a range that starts past the end (or the empty `bytes=-0`) is a 416, and anything
else — several ranges, another unit, a malformed value — is ignored: the whole file, 200.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from aiohttp import web
from aiohttp.abc import AbstractStreamWriter

from vidgen.errors import BadInput
from vidgen.server.auth import caller
from vidgen.server.helpers import Routes
from vidgen.server.keys import SERVICE

routes = Routes("frontend")


@routes.get("/videos", "Rendered videos")
async def videos(request: web.Request) -> web.Response:
    found = await asyncio.to_thread(request.app[SERVICE].videos, caller(request))
    # `total` as every other list has it (CLI and /api); `count` stays for the old frontend
    return web.json_response({"success": True, "videos": found, "total": len(found), "count": len(found)})


@routes.get("/video-info/{filename}", "One video's details")
async def video_info(request: web.Request) -> web.Response:
    info = await asyncio.to_thread(request.app[SERVICE].video_info, request.match_info["filename"])
    return web.json_response({"success": True, "video": info})


def stale_if_range(request: web.Request, path: Path) -> bool:
    """An If-Range holding an entity tag that is not the file's (aiohttp reads only dates there), or
    holding neither a tag nor a date: a validator that does not match, so the whole file (RFC 9110)."""
    value = request.headers.get("If-Range", "").strip()
    if "If-Range" not in request.headers:
        return False
    if not value.startswith(('"', 'W/"')):
        from email.utils import parsedate_to_datetime

        try:
            parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return True
        return False  # a date: aiohttp compares it with the file's
    st = path.stat()
    return value.removeprefix("W/").strip('"') != f"{st.st_mtime_ns:x}-{st.st_size:x}"


class RangeNotSatisfiable(BadInput):
    http_status = 416

    def __init__(self, size: int):
        super().__init__(f"the requested range is not in the file ({size} bytes)",
                         "ask for bytes=START-END with START below the size")
        self.headers = {"Content-Range": f"bytes */{size}", "Accept-Ranges": "bytes"}


# ASCII digits only: \d and int() also take "０" (full-width) and "١" (Arabic-Indic), which no client means
BYTE_RANGE = re.compile(r"[ \t]*([0-9]*)[ \t]*-[ \t]*([0-9]*)[ \t]*")


def plan_range(value: str, size: int) -> str | None:
    """The one Range to serve, normalised (`bytes=S-E`, `bytes=S-`, `bytes=-N`), or None to serve the
    whole file; RangeNotSatisfiable when it cannot be served."""
    unit, eq, spec = value.partition("=")
    if not eq or unit.strip().lower() != "bytes" or "," in spec:
        return None  # another unit, or several ranges: the whole file is a valid answer to either
    m = BYTE_RANGE.fullmatch(spec)
    if m is None or not (m[1] or m[2]):
        return None
    if m[1]:
        start = int(m[1])
        if m[2] and int(m[2]) < start:
            return None  # a range that ends before it starts is invalid: ignored
        if start >= size:
            raise RangeNotSatisfiable(size)
        return f"bytes={start}-{m[2]}"
    if int(m[2]) == 0 or size == 0:  # the last 0 bytes: nothing to send
        raise RangeNotSatisfiable(size)
    return f"bytes=-{m[2]}"


class RangedFile(web.FileResponse):
    """FileResponse that sees only the Range decided by `plan_range` (or none at all)."""

    def __init__(self, path: Path, range_: str | None, **kw):
        super().__init__(path, **kw)
        self.range = range_

    async def prepare(self, request: web.BaseRequest) -> AbstractStreamWriter | None:
        headers = request.headers.copy()
        headers.popall("Range", None)
        if self.range is not None:
            headers["Range"] = self.range
        return await super().prepare(request.clone(headers=headers))


def file_response(request: web.Request, path: Path, headers: dict[str, str]) -> web.FileResponse:
    value = request.headers.get("Range")
    if value is None:
        return web.FileResponse(path, headers=headers)
    # an If-Range that is not this file's: the client's copy is outdated, it gets the whole file
    range_ = None if stale_if_range(request, path) else plan_range(value, path.stat().st_size)
    return RangedFile(path, range_, headers=headers)


@routes.get("/stream/{filename}", "The video, with Range, HEAD, ETag and If-Range",
            responses=(("206", "Partial content"), ("416", "Range not satisfiable")))
async def stream(request: web.Request) -> web.StreamResponse:
    path = request.app[SERVICE].video_file(request.match_info["filename"])
    return file_response(request, path, {"Accept-Ranges": "bytes", "Cache-Control": "no-cache"})


@routes.get("/download/{filename}", "The video (or its .vtt, .srt, .jpg) as an attachment",
            responses=(("206", "Partial content"), ("416", "Range not satisfiable")))
async def download(request: web.Request) -> web.FileResponse:
    path = request.app[SERVICE].video_file(request.match_info["filename"], any_sidecar=True)
    return file_response(request, path, {"Content-Disposition": f'attachment; filename="{path.name}"',
                                         "Accept-Ranges": "bytes"})
