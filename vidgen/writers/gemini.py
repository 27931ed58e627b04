"""Google Gemini through google-genai (the successor of google-generativeai)."""

from __future__ import annotations

from vidgen.errors import NotConfigured, ProviderError
from vidgen.writers import register
from vidgen.writers.llm import prompt, write_with_repair
from vidgen.writers.schema import script_schema


def gemini_client(settings):
    """A google-genai client; VIDGEN_GEMINI_BASE_URL points it elsewhere (tests, proxies)."""
    if not settings.google_api_key:
        raise NotConfigured("Gemini needs an API key and GOOGLE_API_KEY is not set",
                            "export GOOGLE_API_KEY=... (from Google AI Studio), or use the offline default")
    from google import genai
    from google.genai import types

    options = types.HttpOptions(timeout=int(settings.llm_timeout * 1000))
    if settings.gemini_base_url:
        options.base_url = settings.gemini_base_url
    return genai.Client(api_key=settings.google_api_key, http_options=options)


def gemini_failure(exc: Exception, what: str) -> Exception:
    """Map google-genai's exceptions to vidgen's, with the fix."""
    from google.genai import errors

    if isinstance(exc, errors.APIError):
        if exc.code in (401, 403) or (exc.code == 400 and "API key" in str(exc.message)):
            return NotConfigured(f"Gemini refused the API key ({exc.code})",
                                 "check GOOGLE_API_KEY; create a key in Google AI Studio")
        if exc.code == 404:
            return NotConfigured(f"Gemini does not know the model ({exc.code}: {exc.message})",
                                 "set VIDGEN_GEMINI_MODEL to an available model, e.g. gemini-2.5-flash")
        return ProviderError(f"Gemini failed during {what} ({exc.code}: {exc.message})",
                             "try again in a moment")
    name = type(exc).__name__
    if "Timeout" in name or isinstance(exc, TimeoutError):
        return ProviderError(f"Gemini did not answer in time during {what}",
                             "try again, or raise VIDGEN_LLM_TIMEOUT")
    return ProviderError(f"cannot reach Gemini during {what} ({name}: {exc})",
                         "check the network, or use the offline default")


@register("gemini")
class GeminiWriter:
    name = "gemini"

    def __init__(self, settings):
        self.settings = settings

    def problem(self) -> str | None:
        return None if self.settings.google_api_key else "GOOGLE_API_KEY is not set"

    async def write(self, topic: str, style: int, *, language: str = "en", source: str | None = None) -> dict:
        client = gemini_client(self.settings)
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
                        model=self.settings.gemini_model, contents=text, config=use["config"])
                except errors.APIError as exc:
                    # a model that refuses the schema (too complex for it, or no schema support) still
                    # writes JSON from the prompt's description; the repairs catch what it gets wrong
                    if exc.code != 400 or "schema" not in str(exc.message).lower() or use["config"] is plain:
                        raise
                    use["config"] = plain
                    response = await client.aio.models.generate_content(
                        model=self.settings.gemini_model, contents=text, config=plain)
            except Exception as exc:  # the library raises several families; map them all once
                raise gemini_failure(exc, "script writing") from None
            return response.text or ""

        return await write_with_repair(ask, prompt(topic, style, language, source), "Gemini")
