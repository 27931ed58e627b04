"""The Gemini writer: google-genai's async client, JSON out, one repair retry."""

from __future__ import annotations

from typing import ClassVar

from vidgen import gemini
from vidgen.config import Settings
from vidgen.registry import Readiness
from vidgen.writers import register
from vidgen.writers.llm import prompt, write_with_repair


@register("gemini")
class GeminiWriter:
    name: ClassVar[str] = "gemini"
    summary: ClassVar[str] = "Google Gemini (needs GOOGLE_API_KEY and the network)"
    options = gemini.OPTIONS

    def __init__(self, settings: Settings):
        self.settings = settings

    @classmethod
    def check(cls, settings: Settings) -> Readiness:
        return gemini.readiness(settings, f"model {settings.get(gemini.MODEL)}")

    async def write(self, topic: str, style: int, *, language: str = "en", source: str | None = None) -> dict:
        client = gemini.client(self.settings)
        from google.genai import types

        config = types.GenerateContentConfig(response_mime_type="application/json", temperature=0.9)

        async def ask(text: str) -> str:
            try:
                response = await client.aio.models.generate_content(
                    model=self.settings.get(gemini.MODEL), contents=text, config=config)
            except Exception as exc:  # the library raises several families; map them all once
                raise gemini.failure(exc, "script writing") from None
            return response.text or ""

        return await write_with_repair(ask, prompt(topic, style, language, source), "Gemini")
