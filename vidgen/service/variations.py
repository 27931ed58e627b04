"""Writing scripts: a writer writes variations of a topic (or of notes), each stored under a token
reserved for it as it is done, a failed one with its reason.

`Variations` is mixed into `vidgen.service.Vidgen`, which gives it the store, the settings and the one
check of a script (`validate`); callers reach these methods on `Vidgen` as before.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vidgen.errors import VidgenError
from vidgen.service.inputs import check_topic, check_variations, read_source

if TYPE_CHECKING:
    from vidgen.config import Settings
    from vidgen.script.model import Script
    from vidgen.store.db import Store


class Variations:
    if TYPE_CHECKING:  # what the service this is mixed into provides
        settings: Settings

        @property
        def store(self) -> Store: ...

        def validate(self, data: Any, *, from_http: bool = False, known: Any = None) -> Script: ...

        def script_summary(self, token: str) -> dict: ...

    def writer(self, llm: str | None):
        """The writer asked for (or the configured one), refused now if it cannot run here."""
        from vidgen.writers import WRITERS

        name = WRITERS.canonical(llm or self.settings.llm)
        ready = WRITERS.readiness(name, self.settings)
        if not ready.ok:
            from vidgen.errors import NotConfigured

            refused = NotConfigured(f"the {name} writer cannot run: {ready.detail}",
                                    ready.fix or "set it in the environment or .env, or use --llm offline")
            # the studio's words: no setting or flag (the CLI prints the message and its fix)
            refused.advice = f"The {name} writer cannot work now. {ready.advice}" if ready.advice else \
                f"The {name} writer is not set up on the computer this server runs on: choose another."
            raise refused
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
                # over HTTP the reason is read by a person in the studio: their words when there are some
                error = exc.advice if from_http and exc.advice else str(exc)
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
