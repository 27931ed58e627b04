"""Any OpenAI-compatible chat endpoint (OpenAI, Ollama, LM Studio, vLLM), over aiohttp.

The script is asked for through structured output (`response_format: json_schema`, strict). An
endpoint that does not know it (older Ollama and vLLM answer 400 or 422) is asked again at once in
plain JSON mode (`json_object`), and stays in that mode for the rest of the script; the prompt
describes the same shape in words, and the repairs fix what the model gets wrong.
"""

from __future__ import annotations

from typing import Any, ClassVar

from vidgen.config import Option, Settings
from vidgen.errors import NotConfigured, ProviderError, with_advice
from vidgen.registry import Readiness
from vidgen.writers import register
from vidgen.writers.llm import prompt, write_with_repair
from vidgen.writers.schema import openai_response_format

JSON_MODE = {"type": "json_object"}


class _FormatRefused(Exception):
    """The endpoint answered 400/422 to a request with a json_schema response format."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


BASE_URL = Option("openai_base_url", ("VIDGEN_OPENAI_BASE_URL", "OPENAI_BASE_URL"), "http://127.0.0.1:11434/v1",
                  "an OpenAI-compatible endpoint (OpenAI, Ollama, LM Studio, vLLM)")
MODEL = Option("openai_model", ("VIDGEN_OPENAI_MODEL",), "llama3.1", "the model to ask")
API_KEY = Option("openai_api_key", ("VIDGEN_OPENAI_API_KEY", "OPENAI_API_KEY"), "", "its API key, if it needs one",
                 secret=True)


@register("openai", "ollama")
class OpenAIWriter:
    name: ClassVar[str] = "openai"
    summary: ClassVar[str] = "any OpenAI-compatible endpoint: OpenAI, a local Ollama, LM Studio, vLLM"
    options = (BASE_URL, MODEL, API_KEY)

    def __init__(self, settings: Settings):
        self.settings = settings

    @classmethod
    def check(cls, settings: Settings) -> Readiness:
        from vidgen.reach import probe, where

        url = settings.get(BASE_URL)
        if not url:
            return Readiness(False, "VIDGEN_OPENAI_BASE_URL is not set", "set VIDGEN_OPENAI_BASE_URL",
                             "The address of its model server is not set on the computer this server runs on.")
        key = settings.get(API_KEY)
        problem, status = probe(url.rstrip("/") + "/models", {"Authorization": f"Bearer {key}"} if key else {})
        if problem:
            return Readiness(False, f"not reachable: {problem}",
                             "start the model server (e.g. `ollama serve`) or fix VIDGEN_OPENAI_BASE_URL",
                             f"Not reachable: {problem}. Start the model server there (for example Ollama), "
                             "or choose another writer.")
        if status in (401, 403):
            return Readiness(False, f"reachable, but {where(url)} refused the API key ({status})",
                             "check VIDGEN_OPENAI_API_KEY",
                             f"The model server at {where(url)} refused its key: the key in this server's "
                             "settings needs correcting.")
        return Readiness(True, f"reachable: endpoint {url}, model {settings.get(MODEL)}")

    async def write(self, topic: str, style: int, *, language: str = "en", source: str | None = None) -> dict:
        import aiohttp

        from vidgen.reach import where

        s = self.settings
        url = s.get(BASE_URL).rstrip("/") + "/chat/completions"
        key, model = s.get(API_KEY), s.get(MODEL)
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        timeout = aiohttp.ClientTimeout(total=s.llm_timeout)
        formats: list[dict[str, Any]] = [openai_response_format(), JSON_MODE]

        async with aiohttp.ClientSession(timeout=timeout, headers=headers) as session:
            async def post(body: dict[str, Any]) -> Any:
                try:
                    async with session.post(url, json=body) as resp:
                        if resp.status in (401, 403):
                            raise with_advice(NotConfigured(f"{url} refused the API key ({resp.status})",
                                                            "check VIDGEN_OPENAI_API_KEY"),
                                              f"The model server at {where(url)} refused its key: the key in "
                                              "this server's settings needs correcting.")
                        if resp.status in (400, 422) and body["response_format"]["type"] == "json_schema":
                            raise _FormatRefused((await resp.text())[:200])
                        if resp.status >= 400:
                            detail = (await resp.text())[:200]
                            raise with_advice(ProviderError(f"{url} answered {resp.status}: {detail}",
                                                            "check VIDGEN_OPENAI_MODEL and the server's logs"),
                                              f"The model server answered with an error ({resp.status}). Try "
                                              "again, or choose another writer.")
                        return await resp.json(content_type=None)
                except TimeoutError:
                    raise with_advice(ProviderError(f"{url} did not answer within {s.llm_timeout:g} s",
                                                    "try again, or raise VIDGEN_LLM_TIMEOUT"),
                                      f"The model did not answer within {s.llm_timeout:g} s. Try again.") from None
                except aiohttp.ClientError as exc:
                    raise with_advice(ProviderError(f"cannot reach {url} ({exc})",
                                                    "start the server (e.g. `ollama serve`) or fix "
                                                    "VIDGEN_OPENAI_BASE_URL"),
                                      f"The model server at {where(url)} stopped answering. Start it again, or "
                                      "choose another writer.") from None
                except ValueError:
                    raise ProviderError(f"{url} did not answer with JSON", "check VIDGEN_OPENAI_BASE_URL") from None

            async def ask(text: str) -> str:
                body = {"model": model, "temperature": 0.9, "response_format": formats[0],
                        "messages": [{"role": "system", "content": "You write scripts for explainer videos."},
                                     {"role": "user", "content": text}]}
                try:
                    data = await post(body)
                except _FormatRefused:
                    del formats[0]  # this endpoint has no json_schema: plain JSON mode from now on
                    data = await post({**body, "response_format": formats[0]})
                try:
                    return data["choices"][0]["message"]["content"] or ""
                except (KeyError, IndexError, TypeError):
                    raise ProviderError(f"{url} answered without choices[0].message.content",
                                        "is it an OpenAI-compatible endpoint?") from None

            return await write_with_repair(ask, prompt(topic, style, language, source), "the OpenAI-compatible model")
