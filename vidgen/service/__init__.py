"""The service layer: every rule the CLI and the server share, written once.

The CLI and the HTTP server are thin adapters over `Vidgen`; neither validates,
stores or renders anything itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import unicodedata
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from vidgen.config import Settings
from vidgen.errors import BadInput, VidgenError
from vidgen.script.model import Script, check_json, parse_script
from vidgen.service.edits import keep_pictures, merge_scenes

MAX_VARIATIONS = 5
MAX_TOPIC = 500
SOURCE_SUFFIXES = (".txt", ".md", ".markdown")
_TEXT_BYTES = bytes(range(32, 256)) + b"\t\n\f\r"  # deleted to count what is left: control bytes


def check_text(text: str, what: str) -> str:
    """Text that can be stored: a lone surrogate (an invalid UTF-8 byte, a bare \\ud800 escape) cannot."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadInput(f"{what} is not valid Unicode text (character {exc.start + 1} is a lone surrogate "
                       f"such as \\ud800, or a byte that is not UTF-8)", "send the text as UTF-8") from None
    return text


def check_topic(topic: Any) -> str:
    if not isinstance(topic, str) or not topic.strip():
        raise BadInput("the topic is empty", 'say what the video is about, e.g. "how rainbows form"')
    check_text(topic, "the topic")
    if any(unicodedata.category(c) == "Cc" and not c.isspace() for c in topic):
        raise BadInput("the topic contains control characters", "send the topic as plain text")
    if len(topic) > MAX_TOPIC:
        raise BadInput(f"the topic has {len(topic)} characters; the limit is {MAX_TOPIC}",
                       "give a shorter topic, or the longer text as notes to build the script from")
    return " ".join(topic.split())


def check_variations(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_VARIATIONS:
        raise BadInput(f"variations must be a whole number from 1 to {MAX_VARIATIONS}, not {n!r}")
    return n


def parse_json(text: str, what: str) -> Any:
    """JSON a person typed or a client sent; BadInput (never a crash) for anything it cannot be."""
    import json

    try:
        data = json.loads(text)
    except RecursionError:
        raise BadInput(f"{what} is nested too deeply to be a script", "send a flat JSON object") from None
    except ValueError as exc:
        raise BadInput(f"{what} is not valid JSON ({exc})", "fix the JSON and try again; nothing was changed") from None
    check_json(data, what)
    return data


def voice_file(voice: str) -> bool:
    """A voice named by a file (a Piper .onnx) rather than by name: over HTTP, files stay under VIDGEN_HOME."""
    return "/" in voice or "\\" in voice or voice.endswith(".onnx")


def check_version(value: Any) -> int:
    """A script version number from a flag, a query string or a JSON body: a whole number from 1."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BadInput(f"version must be a whole number from 1, not {value!r}")
    return value


def existing_file(path: str | Path, fix: str = "give the path of a file") -> Path:
    """A regular file the user named: one that is not there, and a folder or a device, say which they are."""
    p = Path(path)
    if p.is_file():
        return p
    if p.exists():
        kind = "a folder" if p.is_dir() else "a device or other special file"
        raise BadInput(f"{p} is not a file (it is {kind})", fix)
    raise BadInput(f"the file {p} does not exist", fix)


def read_source(path: str | Path) -> str:
    """A .txt or .md document to build the narration from; the text rules are `check_source_text`'s."""
    from vidgen.writers.notes import MAX_SOURCE_BYTES, check_source_text, too_big

    p = existing_file(path, "give the path of a .txt or .md file")
    if p.suffix.lower() not in SOURCE_SUFFIXES:
        raise BadInput(f"{p.name} is not a .txt or .md file", "save your notes as plain text or Markdown")
    size = p.stat().st_size
    if size == 0:
        raise BadInput(f"{p.name} is empty", "write your notes in it: a heading and a few sentences")
    if size > MAX_SOURCE_BYTES:  # refused before reading it into memory
        raise too_big(p.name, size)
    raw = p.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadInput(f"{p.name} is UTF-16 text, not UTF-8", "save it as UTF-8 (your editor's Save As / Encoding)")
    controls = len(raw.translate(None, _TEXT_BYTES))
    if b"\x00" in raw or controls > max(4, len(raw) // 200):
        raise BadInput(f"{p.name} is a binary file, not text", "give a plain-text .txt or .md file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{p.name} is not UTF-8 text (byte {exc.start} is not valid UTF-8)",
                       "save it as UTF-8 (your editor's Save As / Encoding)") from None
    return check_source_text(text, name=p.name)


class Vidgen:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings.load()
        self._store: Any = None  # opened on first use: most commands that never touch it stay fast
        self._owners: Any = None

    @property
    def owners(self):
        """Who owns what (`vidgen.service.owners.Owners`): the server's checks, filters and limits."""
        if self._owners is None:
            from vidgen.service.owners import Owners

            self._owners = Owners(self)
        return self._owners

    @property
    def store(self):
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

    def writer(self, llm: str | None):
        """The writer asked for (or the configured one), refused now if it cannot run here."""
        from vidgen.writers import WRITERS

        name = WRITERS.canonical(llm or self.settings.llm)
        ready = WRITERS.readiness(name, self.settings)
        if not ready.ok:
            from vidgen.errors import NotConfigured

            raise NotConfigured(f"the {name} writer cannot run: {ready.detail}",
                                ready.fix or "set it in the environment or .env, or use --llm offline")
        return WRITERS.create(name, self.settings)

    async def write_variations(self, tokens: list[str], topic: str, *, llm: str | None = None,
                               source: str | None = None, language: str = "en", from_http: bool = False,
                               on_ready: Callable[[int, str, dict | None, str | None], Awaitable[None] | None]
                               | None = None) -> None:
        """Write one variation per reserved token, concurrently; each lands as it is done."""
        writer = self.writer(llm)

        async def one(index: int, token: str) -> None:
            script, error = None, None
            try:
                raw = await writer.write(topic, index, language=language, source=source)
                if isinstance(raw, dict) and not source and "style" not in raw:
                    from vidgen.writers import STYLES

                    raw["style"] = STYLES[index % len(STYLES)][0]  # what `--music mood:auto` goes by
                from vidgen.writers import version_note

                # how the writer made it: notes' own account, or what was repaired in the model's answer
                note = raw.pop("_note", None) if isinstance(raw, dict) else None
                # from HTTP, a written script may not name local files either (a source document or
                # an online model could ask for one)
                script = self.validate(raw, from_http=from_http).dump()
                await asyncio.to_thread(self.store.add_version, token, script,
                                        note or version_note(writer.name, raw))
            except VidgenError as exc:
                error = str(exc)
            except Exception as exc:  # a writer's bug must fail its variation, not the others
                error = f"{type(exc).__name__}: {exc}"
            except BaseException:  # cancelled (server shutdown) or interrupted (Ctrl-C): say so, then stop
                from vidgen.store.recovery import SCRIPT_INTERRUPTED

                with contextlib.suppress(VidgenError):  # if not, the next process finds the writer gone
                    self.store.fail_script(token, SCRIPT_INTERRUPTED)
                raise
            if error:
                await asyncio.to_thread(self.store.fail_script, token, error)
            if on_ready:
                result = on_ready(index, token, script, error)
                if asyncio.iscoroutine(result):
                    await result

        await asyncio.gather(*(one(i, t) for i, t in enumerate(tokens)))

    def reserve(self, topic: str, variations: int, **meta) -> list[str]:
        topic, variations = check_topic(topic), check_variations(variations)
        return [self.store.reserve_script(topic, **meta) for _ in range(variations)]

    def write_scripts(self, topic: str, variations: int = 3, *, llm: str | None = None,
                      source_file: str | Path | None = None, language: str = "en") -> list[dict]:
        """Write `variations` scripts and wait for them; all fail -> the first error is raised."""
        source = read_source(source_file) if source_file else None
        if source is not None:
            from vidgen.writers.notes import title_for

            # a topic given wins; else the notes' first heading; the file's name only when there is neither
            topic = title_for(topic or None, source, Path(source_file).name if source_file else None)
        topic, variations = check_topic(topic), check_variations(variations)
        self.writer(llm)  # refuse a misconfigured writer before reserving anything
        tokens = self.reserve(topic, variations)
        errors: dict[str, str] = {}

        def collect(_i, token, _script, error):
            if error:
                errors[token] = error

        asyncio.run(self.write_variations(tokens, topic, llm=llm, source=source, language=language,
                                          on_ready=collect))
        if len(errors) == len(tokens):
            from vidgen.errors import ProviderError

            first = next(iter(errors.values()))
            raise ProviderError(f"no script could be written: {first}")
        rows = [self.script_summary(t) for t in tokens]
        if source is not None:
            from vidgen.writers.notes import skipped_in

            skipped = skipped_in(source)  # what the notes had that no variation shows or says
            for row in rows:
                row["skipped"] = skipped
        return rows

    def scaffold_note(self, llm: str | None, has_source: bool) -> str | None:
        """What to tell a user once when the offline writer framed a topic it knows nothing about."""
        from vidgen.writers import WRITERS

        if has_source or WRITERS.canonical(llm or self.settings.llm) != "offline":
            return None
        from vidgen.writers.offline import SCAFFOLD_NOTE

        return SCAFFOLD_NOTE

    def make(self, topic: str, pick: int, options: Any, *, llm: str | None = None,
             source_file: str | Path | None = None, language: str = "en", progress: Any = None,
             on_scripts: Callable[[list[dict], dict], None] | None = None) -> tuple[dict, list[dict]]:
        """The main job: write three variations, render the picked one."""
        if isinstance(pick, bool) or not isinstance(pick, int) or not 1 <= pick <= 3:
            raise BadInput(f"--pick must be 1, 2 or 3, not {pick}")
        options.check()
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
        rows = self.store.list_scripts()
        if caller is not None:
            rows = self.owners.visible(caller, rows)
        keys = ("token", "title", "status", "versions", "scenes", "topic", "updated")
        return [{**{k: e.get(k) for k in keys}, **({"owner": e["owner"]} if caller is not None and "owner" in e
                                                     else {})} for e in rows]

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
    def render_options(self, config: dict | None = None, *, from_http: bool = False, **flags):
        """Render settings from a config and flags. `from_http`: the music file follows the rule of
        `vidgen.store.media.user_file` (under VIDGEN_HOME), and is passed on as the path it resolved to."""
        from vidgen.render.presets import RenderOptions

        merged = {**(config or {}), **{k: v for k, v in flags.items() if v is not None}}
        from vidgen.render.music import OFF, is_mood

        music = merged.get("music")
        if from_http and music and not (isinstance(music, str) and (is_mood(music) or music.lower() in OFF)):
            from vidgen.store.media import SOUND, user_file

            if not isinstance(merged["music"], str):
                raise BadInput("music must be the path of an audio file under VIDGEN_HOME")
            merged["music"] = str(user_file(merged["music"], self.settings.home, what="music", kinds=SOUND,
                                            from_http=True))
        voice = merged.get("voice")
        if from_http and isinstance(voice, str) and voice_file(voice):
            from vidgen.store.media import user_file

            # a voice given as a file (a Piper .onnx) is a file like any other: under VIDGEN_HOME only
            merged["voice"] = str(user_file(voice, self.settings.home, what="voice", kinds=(".onnx",),
                                            from_http=True))
        return RenderOptions.from_config(merged).check_sources(self.settings)

    def render(self, token: str, version: int | None, options, *, out: Path | None = None, progress=None) -> dict:
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
        return self.settings, doc, options or self.render_options(quality="medium"), seqs.index(seq), t

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
    from vidgen.script.sentences import split_sentences

    parsed = parse_script(script)
    scenes = []
    for i, scene in enumerate(parsed.ordered_scenes()):
        plan = estimated_plan(i, scene.seq, split_sentences(scene.text) or [scene.text], 100, scene.duration_sec)
        scenes.append({"seq": scene.seq, "seconds": round(plan.frames / 100, 1)})
    return {"scenes": scenes, "total_seconds": round(sum(s["seconds"] for s in scenes), 1)}
