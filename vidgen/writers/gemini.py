"""Google Gemini through google-genai (the successor of google-generativeai)."""

from __future__ import annotations

from typing import ClassVar

from vidgen import gemini
from vidgen.config import Settings
from vidgen.registry import Readiness
from vidgen.writers import register
from vidgen.writers.llm import prompt, write_with_repair
from vidgen.writers.schema import script_schema


@register("gemini")
class GeminiWriter:
    name: ClassVar[str] = "gemini"
    summary: ClassVar[str] = "Google Gemini (needs GOOGLE_API_KEY and the network)"
    options = gemini.OPTIONS

    def __init__(self, settings: Settings):
        self.settings = settings

    @classmethod
    def check(cls, settings: Settings) -> Readiness:
        ready = gemini.readiness(settings, f"model {settings.get(gemini.MODEL)}")
        return gemini.reachable(settings, ready) if ready.ok else ready

    async def write(self, topic: str, style: int, *, language: str = "en", source: str | None = None) -> dict:
        client = gemini.client(self.settings)
        from google.genai import errors, types

        # structured output: the script schema with visuals, in the OpenAPI subset Gemini accepts
        config = types.GenerateContentConfig(response_mime_type="application/json", temperature=0.9,
                                             response_schema=script_schema("gemini"))
        plain = types.GenerateContentConfig(response_mime_type="application/json", temperature=0.9)
        use = {"config": config}

        async def ask(text: str) -> str:
            try:
                try:
                    response = await client.aio.models.generate_content(
                        model=self.settings.get(gemini.MODEL), contents=text, config=use["config"])
                except errors.APIError as exc:
                    # a model that refuses the schema (too complex for it, or no schema support) still
                    # writes JSON from the prompt's description; the repairs catch what it gets wrong
                    if exc.code != 400 or "schema" not in str(exc.message).lower() or use["config"] is plain:
                        raise
                    use["config"] = plain
                    response = await client.aio.models.generate_content(
                        model=self.settings.get(gemini.MODEL), contents=text, config=plain)
            except Exception as exc:  # the library raises several families; map them all once
                raise gemini.failure(exc, "script writing") from None
            return response.text or ""

        return await write_with_repair(ask, prompt(topic, style, language, source), "Gemini")
