"""What the studio reads beside the shared routes: a scene's visual as JSON (its own, or the one a
render derives from its words, so a person can start editing from what they already see), a
script's versions with the note of how each was made, and the script writers with the note that
an offline script is only a scaffold.

Read-only on purpose: every change still goes through the script routes, so the studio cannot
save anything another client could not.
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web

from vidgen.errors import BadInput
from vidgen.server.helpers import Routes
from vidgen.server.keys import SERVICE
from vidgen.service import Vidgen, check_version

routes = Routes("api")

OFFLINE = "offline"


def written_by(note: str) -> str | None:
    """The writer named by a first version's note ("written by offline; ..."); None when the script came
    from notes or from an edit (their notes say so in other words)."""
    head = note.split(";", 1)[0].strip()
    if not head.startswith("written by "):
        return None
    return head.removeprefix("written by ").strip() or None


def writers(svc: Vidgen) -> dict[str, Any]:
    from vidgen.writers import WRITERS
    from vidgen.writers.offline import SCAFFOLD_ADVICE

    providers = []
    for name, cls in WRITERS.items():
        ready = WRITERS.readiness(name, svc.settings)
        providers.append({"name": name, "summary": cls.summary, "ready": ready.ok, "detail": ready.detail,
                          "fix": ready.fix, "advice": ready.advice})
    try:
        default = WRITERS.canonical(svc.settings.llm)
    except BadInput:  # VIDGEN_LLM names a writer that is not installed: /submit says so when used
        default = svc.settings.llm
    return {"default": default, "providers": providers, "scaffold_note": SCAFFOLD_ADVICE}


def versions(svc: Vidgen, token: str) -> dict[str, Any]:
    history = svc.history(token)
    first = next((v for v in history if v["version"] == 1), None)
    writer = written_by(first["note"]) if first else None
    return {"token": token, "versions": sorted(history, key=lambda v: -v["version"]), "written_by": writer,
            # the offline writer without notes frames a topic it knows nothing about (SCAFFOLD_NOTE)
            "scaffold": writer == OFFLINE}


def _seq(request: web.Request) -> int:
    try:
        return int(request.match_info["seq"])
    except ValueError:
        raise BadInput("seq must be a whole number") from None


@routes.get("/api/writers", "Script writers, whether each works here, the default, and the note that an offline "
                            "script is a scaffold")
async def list_writers(request: web.Request) -> web.Response:
    return web.json_response(await asyncio.to_thread(writers, request.app[SERVICE]))


@routes.get("/api/script/{token}/scenes/{seq}/visual",
            "A scene's visual as JSON: its own, or the one a render derives from its words (derived: true) with the "
            "candidate that drew it (chosen), why in words (because) and the runners-up (each with draws: whether "
            "it can draw the scene); ?as=NAME draws it as that runner-up instead (400 if it is not one or cannot). "
            "With its sentences and a summary", query=(("version", "integer"), ("as", "string")))
async def get_scene_visual(request: web.Request) -> web.Response:
    version = request.query.get("version")
    drawn_as = request.query.get("as")
    if drawn_as is not None and not drawn_as.strip():
        raise BadInput("as names nothing", "give the name of one of the scene's runners-up, or leave it out")
    body = await asyncio.to_thread(request.app[SERVICE].scene_visual, request.match_info["token"], _seq(request),
                                   None if version is None else check_version(version), drawn_as)
    return web.json_response(body)


@routes.get("/api/script/{token}/versions",
            "A script's versions, newest first, each with the note of how it was made; scaffold: true when the "
            "offline writer wrote it without notes")
async def get_versions(request: web.Request) -> web.Response:
    return web.json_response(await asyncio.to_thread(versions, request.app[SERVICE], request.match_info["token"]))


@routes.get("/api/music/preview", "A few seconds of a music mood (Ogg/Opus), to hear before choosing it "
                                  "(?mood=calm|energetic|happy|nostalgic|tender)", query=(("mood", "string"),))
async def music_preview(request: web.Request) -> web.Response:
    from vidgen.render.preview_music import mood_preview

    sound = await asyncio.to_thread(mood_preview, request.query.get("mood", ""))
    return web.Response(body=sound, content_type="audio/ogg", headers={"Cache-Control": "private, max-age=86400"})
