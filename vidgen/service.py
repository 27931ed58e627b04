"""The service layer: every rule the CLI and the server share, written once.

The CLI and the HTTP server are thin adapters over `Vidgen`; neither validates,
stores or renders anything itself.
"""

from __future__ import annotations

import asyncio
import unicodedata
from pathlib import Path
from typing import Any, Awaitable, Callable

from vidgen.config import Settings
from vidgen.errors import BadInput, VidgenError
from vidgen.models import Script, merge_scenes, parse_script

MAX_VARIATIONS = 5
MAX_TOPIC = 500
SOURCE_SUFFIXES = (".txt", ".md", ".markdown")
_TEXT_BYTES = bytes(range(32, 256)) + b"\t\n\f\r"  # deleted to count what is left: control bytes


def check_topic(topic: Any) -> str:
    if not isinstance(topic, str) or not topic.strip():
        raise BadInput("the topic is empty", 'give a topic, e.g. vidgen script "how rainbows form"')
    if any(unicodedata.category(c) == "Cc" and not c.isspace() for c in topic):
        raise BadInput("the topic contains control characters", "send the topic as plain text")
    if len(topic) > MAX_TOPIC:
        raise BadInput(f"the topic has {len(topic)} characters; the limit is {MAX_TOPIC}",
                       "use --from FILE for a longer text")
    return " ".join(topic.split())


def check_variations(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_VARIATIONS:
        raise BadInput(f"variations must be a whole number from 1 to {MAX_VARIATIONS}, not {n!r}")
    return n


def read_source(path: str | Path) -> str:
    """A .txt or .md document to build the narration from; the text rules are `check_source_text`'s."""
    from vidgen.writers.notes import MAX_SOURCE_BYTES, check_source_text, too_big

    p = Path(path)
    if not p.is_file():
        raise BadInput(f"the file {p} does not exist", "give the path of a .txt or .md file")
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
        self._store = None

    @property
    def store(self):
        if self._store is None:
            from vidgen.store import Store

            self._store = Store(self.settings.data)
        return self._store

    # -- scripts ----------------------------------------------------------------------
    def validate(self, data: Any) -> Script:
        script = parse_script(data)
        for scene in script.scenes:
            scene.media_file(self.settings.home)
        return script

    def writer(self, llm: str | None):
        from vidgen.writers import get_writer

        writer = get_writer(llm or self.settings.llm, self.settings)
        problem = writer.problem()
        if problem:
            from vidgen.errors import NotConfigured

            raise NotConfigured(f"the {writer.name} writer cannot run: {problem}",
                                "set it in the environment or .env, or use --llm offline")
        return writer

    async def write_variations(self, tokens: list[str], topic: str, *, llm: str | None = None,
                               source: str | None = None, language: str = "en",
                               on_ready: Callable[[int, str, dict | None, str | None], Awaitable[None] | None]
                               | None = None) -> None:
        """Write one variation per reserved token, concurrently; each lands as it is done."""
        writer = self.writer(llm)

        async def one(index: int, token: str) -> None:
            script, error = None, None
            try:
                raw = await writer.write(topic, index, language=language, source=source)
                script = self.validate(raw).dump()
                await asyncio.to_thread(self.store.add_version, token, script, f"written by {writer.name}")
            except VidgenError as exc:
                error = str(exc)
            except Exception as exc:  # a writer's bug must fail its variation, not the others
                error = f"{type(exc).__name__}: {exc}"
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
        topic, variations = check_topic(topic), check_variations(variations)
        source = read_source(source_file) if source_file else None
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
        return [self.script_summary(t) for t in tokens]

    def script_summary(self, token: str) -> dict:
        entry = self.store.script_entry(token)
        return {k: entry.get(k) for k in ("token", "title", "status", "versions", "scenes", "topic",
                                          "created", "updated", "error")}

    def list_scripts(self) -> list[dict]:
        return [{k: e.get(k) for k in ("token", "title", "status", "versions", "scenes", "topic", "updated")}
                for e in self.store.list_scripts()]

    def get_script(self, token: str, version: int | None = None) -> dict:
        """The stored document: {version, script, note, created}."""
        if version is not None and (not isinstance(version, int) or version < 1):
            raise BadInput(f"version must be a whole number from 1, not {version!r}")
        return self.store.get_version(token, version)

    def edit(self, token: str, data: Any, *, merge: bool = False, note: str = "edited") -> tuple[int, dict]:
        """Validate fully before storing: invalid input leaves the stored script unchanged."""
        if merge and not isinstance(data, dict):
            raise BadInput("an update must be a JSON object")

        def change(current: dict) -> dict:
            return self.validate(merge_scenes(current, data) if merge else data).dump()

        return self.store.update_script(token, change, note)

    def history(self, token: str) -> list[dict]:
        return [{"version": v["version"], "created": v["created"], "note": v.get("note", ""),
                 "title": v["script"].get("title", ""), "scenes": len(v["script"].get("scenes", []))}
                for v in self.store.versions(token)]


    # -- rendering --------------------------------------------------------------------
    def render_options(self, config: dict | None = None, **flags):
        from vidgen.render.presets import RenderOptions

        merged = {**(config or {}), **{k: v for k, v in flags.items() if v is not None}}
        return RenderOptions.from_config(merged)

    def render(self, token: str, version: int | None, options, *, out: Path | None = None, progress=None) -> dict:
        from vidgen.render.pipeline import Renderer

        doc = self.get_script(token, version)
        return Renderer(self.settings).render(token, doc, options, out=out, progress=progress)

    def storyboard(self, token: str, version: int | None, options, out: Path | None = None) -> Path:
        from vidgen.render.storyboard import storyboard

        doc = self.get_script(token, version)
        return storyboard(self.settings, token, doc, options, out)

    def videos(self) -> list[dict]:
        from vidgen.videos import list_videos

        return list_videos(self.settings.renders)

    def archive(self, older_than_days: float) -> list[str]:
        from vidgen.videos import archive_old

        return archive_old(self.settings.renders, self.settings.archives, older_than_days)
