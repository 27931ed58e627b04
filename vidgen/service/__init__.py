"""The service layer: every rule the CLI and the server share, written once.

The CLI and the HTTP server are thin adapters over `Vidgen`; neither validates,
stores or renders anything itself.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vidgen.config import Settings
from vidgen.errors import BadInput, VidgenError
from vidgen.script.model import Script, parse_script
from vidgen.service.edits import keep_pictures, merge_scenes
from vidgen.service.inputs import (
    MAX_TOPIC,
    MAX_VARIATIONS,
    check_text,
    check_topic,
    check_variations,
    check_version,
    existing_file,
    parse_json,
    read_source,
    voice_file,
)
from vidgen.service.variations import Variations

if TYPE_CHECKING:
    from vidgen.render.context import ProgressFn
    from vidgen.render.presets import CheckedOptions, RenderOptions
    from vidgen.service.owners import Owners
    from vidgen.store.db import Store

# what comes in is checked by these, wherever it comes from (they live in `inputs`)
__all__ = ["MAX_TOPIC", "MAX_VARIATIONS", "Vidgen", "check_text", "check_topic", "check_variations", "check_version",
           "estimate", "existing_file", "parse_json", "read_source", "voice_file"]


class Vidgen(Variations):  # writing scripts (writer, write_variations, write_scripts…): `variations`
    def __init__(self, settings: Settings | None = None):
        self.settings: Settings = settings or Settings.load()
        self._store: Store | None = None  # opened on first use: most commands that never touch it stay fast
        self._owners: Owners | None = None

    @property
    def owners(self) -> Owners:
        """Who owns what (`vidgen.service.owners.Owners`): the server's checks, filters and limits."""
        if self._owners is None:
            from vidgen.service.owners import Owners

            self._owners = Owners(self)
        return self._owners

    @property
    def store(self) -> Store:
        if self._store is None:
            from vidgen.store.db import Store
            from vidgen.store.recovery import recover_writers

            store = Store(self.settings.data)
            # scripts whose writer died: failed with the reason, not pending forever (cheap when none);
            # a read-only or full store must still be readable: the next process tries again
            with contextlib.suppress(VidgenError):
                recover_writers(store)
            self._store = store
        return self._store

    # -- scripts ----------------------------------------------------------------------
    def validate(self, data: Any, *, from_http: bool = False, known: Any = None) -> Script:
        """The one check of a script, for every way one comes in.

        `from_http`: files it names must lie under VIDGEN_HOME (`vidgen.store.media.user_file`); a path the
        stored version `known` already had is not new, so it is kept as it was stored (by the CLI).
        """
        from vidgen.store.media import PICTURE, check_pixels, local_path, user_file

        script = parse_script(data)
        stored = parse_script(known).scenes if from_http and known else []
        before = {path for scene in stored for _, path, _ in scene.files()}
        before_voices = {scene.voice for scene in stored}
        for scene in script.scenes:
            for what, path, is_media in scene.files():
                untrusted = from_http and path not in before
                # locally, an image visual's missing file is drawn as "not found"; a missing media is an error
                if untrusted or is_media:
                    user_file(path, self.settings.home, what=what, kinds=PICTURE, from_http=untrusted)
                found = local_path(path, self.settings.home)
                if found.is_file():   # a picture too large to decode is refused now, not at its first preview
                    check_pixels(found, what)
            if from_http and scene.voice and voice_file(scene.voice) and scene.voice not in before_voices:
                user_file(scene.voice, self.settings.home, what=f"scene {scene.seq}: voice", kinds=(".onnx",),
                          from_http=True)
        return script

    def make(self, topic: str, pick: int, options: Any, *, llm: str | None = None,
             source_file: str | Path | None = None, language: str = "en", progress: Any = None,
             on_scripts: Callable[[list[dict], dict], None] | None = None) -> tuple[dict, list[dict]]:
        """The main job: write three variations, render the picked one."""
        if isinstance(pick, bool) or not isinstance(pick, int) or not 1 <= pick <= 3:
            raise BadInput(f"--pick must be 1, 2 or 3, not {pick}")
        scripts = self.write_scripts(topic, 3, llm=llm, source_file=source_file, language=language)
        chosen = scripts[pick - 1]
        if chosen["status"] != "ready":
            raise BadInput(f"variation {pick} could not be written: {chosen.get('error')}",
                           "pick another with --pick")
        if on_scripts:
            on_scripts(scripts, chosen)
        return self.render(chosen["token"], None, options, progress=progress), scripts

    def voices(self) -> dict:
        """Every voice provider, whether it works here, its voices and languages, and the default."""
        from vidgen.voice.catalog import catalog

        return catalog(self.settings)

    def script_summary(self, token: str) -> dict:
        entry = self.store.script_entry(token)
        return {k: entry.get(k) for k in ("token", "title", "status", "versions", "scenes", "topic",
                                          "created", "updated", "error")}

    def list_scripts(self, caller: Any = None) -> list[dict]:
        """Stored scripts, newest first: the caller's (an admin's: everyone's, with `owner`); None: all."""
        return self.scripts_page(caller)["scripts"]

    def scripts_page(self, caller: Any = None, limit: int | None = None, before: str | None = None) -> dict:
        """{scripts, total, next}: what `vidgen scripts --json` prints and `GET /api/scripts` serves
        (`vidgen.service.script_list`)."""
        from vidgen.service.script_list import page, rendered_versions, row

        rows = self.store.list_scripts()
        rows = self.owners.visible(caller, rows) if caller is not None else \
            [{k: v for k, v in e.items() if k != "owner"} for e in rows]
        rendered = rendered_versions(self.settings.renders)
        return page([row(e, rendered) for e in rows], limit, before)

    def get_script(self, token: str, version: int | None = None) -> dict:
        """The stored document: {version, script, note, created}."""
        return self.store.get_version(token, None if version is None else check_version(version))

    def edit(self, token: str, data: Any, *, merge: bool = False, note: str = "edited",
             from_http: bool = False) -> tuple[int, dict]:
        """Validate fully before storing: invalid input leaves the stored script unchanged."""
        if merge and not isinstance(data, dict):
            raise BadInput("an update must be a JSON object")

        def change(current: dict) -> dict:
            from vidgen.service.follow import mark_edited

            changed = mark_edited(current, data)   # the elements this save changes by hand are kept later
            update = merge_scenes(current, changed) if merge else keep_pictures(current, changed)
            return self.validate(update, from_http=from_http, known=current).dump()

        return self.store.update_script(token, change, note)

    def import_script(self, data: Any) -> tuple[str, dict]:
        """A whole script from elsewhere (a file of the replaced system, another vidgen), stored as version 1
        of a new token after the same check as an edit."""
        script = self.validate(data).dump()
        return self.store.create_script(script, topic=script.get("title", ""), note="imported"), script

    def history(self, token: str) -> list[dict]:
        return [{"version": v["version"], "created": v["created"], "note": v.get("note", ""),
                 "title": v["script"].get("title", ""), "scenes": len(v["script"].get("scenes", []))}
                for v in self.store.versions(token)]


    # -- rendering --------------------------------------------------------------------
    def options(self, config: Mapping[str, Any] | RenderOptions | None = None, **flags: Any) -> RenderOptions:
        """Render options from a config (a mapping, or options a request model already validated) and flags
        (None: not given), validated once; what this machine can do is not asked (a preview's frame)."""
        from vidgen.render.presets import RenderOptions

        given = {k: v for k, v in flags.items() if v is not None}
        if isinstance(config, RenderOptions):
            if not given:
                return config
            config = config.record()
        return RenderOptions.from_config({**(config or {}), **given})

    def render_options(self, config: Mapping[str, Any] | RenderOptions | None = None, *, from_http: bool = False,
                       **flags: Any) -> CheckedOptions:
        """Options for a render or a job, checked against this machine once (`RenderOptions.check_here`).

        `from_http`: the music and a voice given as a file follow the rule of `vidgen.store.media.user_file`
        (under VIDGEN_HOME), and are passed on as the paths they resolved to."""
        options = self.options(config, **flags)
        if from_http:
            from vidgen.render.music import is_mood
            from vidgen.store.media import SOUND, user_file

            files: dict[str, Any] = {}
            if options.music and not is_mood(options.music):  # a mood is a bundled track, not a file
                files["music"] = str(user_file(options.music, self.settings.home, what="music", kinds=SOUND,
                                               from_http=True))
            if options.voice and voice_file(options.voice):
                # a voice given as a file (a Piper .onnx) is a file like any other: under VIDGEN_HOME only
                files["voice"] = str(user_file(options.voice, self.settings.home, what="voice", kinds=(".onnx",),
                                               from_http=True))
            options = options.model_copy(update=files)
        return options.check_here(self.settings)

    def render(self, token: str, version: int | None, options: RenderOptions, *, out: Path | None = None,
               progress: ProgressFn | None = None) -> dict[str, Any]:
        from vidgen.render.pipeline import Renderer

        doc = self.get_script(token, version)
        return Renderer(self.settings).render(token, doc, options, out=out, progress=progress)

    def storyboard(self, token: str, version: int | None, options, out: Path | None = None) -> Path:
        from vidgen.render.storyboard import storyboard

        doc = self.get_script(token, version)
        return storyboard(self.settings, token, doc, options, out)

    def scene_frame(self, token: str, seq: int, t: float | None, version: int | None = None,
                    options: Any = None) -> bytes:
        """One frame of one scene as PNG, without rendering the video (`t` None: its final state)."""
        from vidgen.render.storyboard import frame_png

        return frame_png(*self.frame_job(token, seq, t, version, options))

    def frame_job(self, token: str, seq: int, t: float | None, version: int | None = None,
                  options: Any = None) -> tuple:
        """What `storyboard.frame_png` needs to draw a frame, checked: the server sends it to a preview worker."""
        from vidgen.errors import NotFound

        doc = self.get_script(token, version)
        seqs = [s["seq"] for s in sorted(doc["script"]["scenes"], key=lambda s: s["seq"])]
        if seq not in seqs:
            raise NotFound(f"script {token} has no scene {seq}", f"its scenes are {', '.join(map(str, seqs))}")
        if t is not None and (not isinstance(t, (int, float)) or not 0 <= t <= 3600):
            raise BadInput("t must be a number of seconds from 0")
        return self.settings, doc, options or self.options(), seqs.index(seq), t

    def preview_frame(self, body: Any, options: Any) -> bytes:
        """A frame of an unsaved scene (`{scene, t?, title?}`) as PNG: checked as a save is, never stored."""
        from vidgen.service.previews import preview_frame

        return preview_frame(self, body, options)

    def check(self, token: str | None = None, version: int | None = None, *, script: Any = None,
              quality: str = "medium") -> dict:
        """Every problem a viewer would see in the pictures of a stored script (or of `script`, a document
        not stored: checked as an edit is first), at 16:9, 9:16 and 1:1."""
        from vidgen.service.viewer import ASPECTS, check_script

        if script is None:
            doc = self.get_script(token or "", version)
            parsed, version = parse_script(doc["script"]), doc["version"]
        else:
            parsed = self.validate(script)
        problems = check_script(parsed, self.settings.home, quality)
        return {"token": token, "version": version, "aspects": list(ASPECTS), "ok": not problems,
                "problems": problems}

    def videos(self, caller: Any = None) -> list[dict]:
        """Rendered videos, newest first: the caller's (an admin's: everyone's, with `owner`); None: all."""
        from vidgen.store.videos import list_videos

        found = list_videos(self.settings.renders)
        return found if caller is None else self.owners.videos(caller, found)

    def video_file(self, name: str, *, any_sidecar: bool = False) -> Path:
        """A file vidgen rendered, by its bare name (NotFound for anything else: no path leaves renders/)."""
        from vidgen.store.videos import safe_file

        return safe_file(self.settings.renders, name, any_sidecar=any_sidecar)

    def video_info(self, name: str) -> dict:
        from vidgen.store.videos import describe

        return describe(self.video_file(name))

    async def store_media(self, filename: str, chunks: AsyncIterator[bytes], limit: int, *,
                          folder: Path | None = None, room: int | None = None) -> dict:
        """An upload (a picture, video or music file) stored under VIDGEN_HOME/media (`folder`: a user's
        folder there; `room`: the bytes their quota has left): {path, size, kind}."""
        from vidgen.store.media import store_upload

        return await store_upload(self.settings.home, filename, chunks, limit, folder=folder, room=room)

    def scene_visual(self, token: str, seq: int, version: int | None = None,
                     drawn_as: str | None = None) -> dict[str, Any]:
        """A stored scene's picture as data: its own visual, else the one a render derives from its words,
        with its sentences and a summary in words (what the studio starts editing from). A derived one comes
        with the candidate that drew it, why in words, and the runners-up (each with whether it can draw the
        scene); `drawn_as` (a candidate's name) gives the picture those words make drawn as that one instead."""
        from vidgen.author import why
        from vidgen.author.describe import describe_visual
        from vidgen.errors import NotFound
        from vidgen.script.sentences import sentences_or_text

        doc = self.get_script(token, version)
        script = parse_script(doc["script"])  # stored scripts were validated when saved
        scenes = script.ordered_scenes()
        index = next((i for i, s in enumerate(scenes) if s.seq == seq), None)
        if index is None:
            raise NotFound(f"script {token} has no scene {seq}",
                           f"its scenes are {', '.join(str(s.seq) for s in scenes)}")
        scene = scenes[index]
        derived = scene.visual is None or drawn_as is not None
        out: dict[str, Any] = {"token": token, "version": doc["version"], "seq": seq, "derived": derived,
                               # a render shows a scene's own media when it has no visual: a derived one is not drawn
                               "shows_media": scene.visual is None and bool(scene.media)}
        if derived:  # as `vidgen show --json` gives it
            made = why.choice(scene, index, len(scenes), script.title, prefer=drawn_as)
            why.mark_drawable(scene, index, len(scenes), script.title, made["runners_up"])
            out.update(made, because=why.because(scene, made["chosen"]))
        else:  # its own as it was stored
            out["visual"] = next(s for s in doc["script"]["scenes"] if s.get("seq") == seq)["visual"]
        out["sentences"] = sentences_or_text(scene.text)
        return {**out, "summary": describe_visual(out["visual"], scene.text)}

    def archive(self, older_than_days: float) -> list[str]:
        from vidgen.store.videos import archive_old

        return archive_old(self.settings.renders, self.settings.archives, older_than_days)

    def prune_archive_audio(self) -> int:
        """Slim every render's archive: its narration audio goes, its script, summary and timings stay."""
        from vidgen.store.videos import prune_audio

        return prune_audio(self.settings.archives)


def estimate(script: Any) -> dict:
    """How long each scene and the whole video will run, from word counts (before any voice exists)."""
    from vidgen.render.timing import estimated_plan
    from vidgen.script.sentences import sentences_or_text

    parsed = parse_script(script)
    scenes = []
    for i, scene in enumerate(parsed.ordered_scenes()):
        plan = estimated_plan(i, scene.seq, sentences_or_text(scene.text), 100, scene.duration_sec)
        scenes.append({"seq": scene.seq, "seconds": round(plan.frames / 100, 1)})
    return {"scenes": scenes, "total_seconds": round(sum(s["seconds"] for s in scenes), 1)}
