"""What the Gemini writer and the Gemini voice share: their options, the client, readiness,
and one mapping of google-genai's errors to vidgen's (google-genai is the successor of
google-generativeai, whose support has ended)."""

from __future__ import annotations

from typing import Any

from vidgen.config import Option, Settings
from vidgen.errors import NotConfigured, ProviderError, VidgenError
from vidgen.registry import Readiness

API_KEY = Option("google_api_key", ("GOOGLE_API_KEY", "GEMINI_API_KEY"), "", "Gemini API key (Google AI Studio)",
                 secret=True)
MODEL = Option("gemini_model", ("VIDGEN_GEMINI_MODEL",), "gemini-2.5-flash", "Gemini model for scripts")
TTS_MODEL = Option("gemini_tts_model", ("VIDGEN_GEMINI_TTS_MODEL",), "gemini-2.5-flash-preview-tts",
                   "Gemini model for speech")
BASE_URL = Option("gemini_base_url", ("VIDGEN_GEMINI_BASE_URL",), "", "another Gemini endpoint (a proxy, a test)")
OPTIONS = (API_KEY, MODEL, TTS_MODEL, BASE_URL)
KEY_FIX = "export GOOGLE_API_KEY=... (from Google AI Studio), or use the offline default"
KEY_ADVICE = "Needs a Google API key (from Google AI Studio) in the settings of the computer this server runs on."
PUBLIC = "https://generativelanguage.googleapis.com"


def readiness(settings: Settings, what: str) -> Readiness:
    if settings.get(API_KEY):
        return Readiness(True, f"configured ({what})")
    return Readiness(False, "not configured: GOOGLE_API_KEY is not set", KEY_FIX, KEY_ADVICE)


def reachable(settings: Settings, ready: Readiness) -> Readiness:
    """A configured Gemini that also answers: its list of models, asked with the key (2 s, kept a minute)."""
    from vidgen.reach import probe

    base = (settings.get(BASE_URL) or PUBLIC).rstrip("/")
    problem, status = probe(f"{base}/v1beta/models", {"x-goog-api-key": settings.get(API_KEY)})
    if problem:
        return Readiness(False, f"not reachable: {problem}", "check this machine's network connection (or "
                         "VIDGEN_GEMINI_BASE_URL)", f"Gemini is not reachable from this server: {problem}. "
                         "Check its network connection, or choose another writer.")
    if status in (400, 401, 403):  # Gemini answers 400 "API key not valid" to a wrong key
        return Readiness(False, f"reachable, but the API key was refused ({status})", KEY_FIX,
                         "Gemini refused the API key this server has: it needs a valid key.")
    return Readiness(True, f"reachable, {ready.detail}")


def client(settings: Settings) -> Any:
    """A google-genai client; VIDGEN_GEMINI_BASE_URL points it elsewhere (tests, proxies)."""
    key = settings.get(API_KEY)
    if not key:
        raise NotConfigured("Gemini needs an API key and GOOGLE_API_KEY is not set", KEY_FIX)
    from google import genai
    from google.genai import types

    options = types.HttpOptions(timeout=int(settings.llm_timeout * 1000))
    if settings.get(BASE_URL):
        options.base_url = settings.get(BASE_URL)
    return genai.Client(api_key=key, http_options=options)


def failure(exc: Exception, what: str) -> VidgenError:
    """Map google-genai's exceptions to vidgen's, with the fix."""
    from google.genai import errors

    if isinstance(exc, errors.APIError):
        if exc.code in (401, 403) or (exc.code == 400 and "API key" in str(exc.message)):
            return NotConfigured(f"Gemini refused the API key ({exc.code})",
                                 "check GOOGLE_API_KEY; create a key in Google AI Studio")
        if exc.code == 404:
            return NotConfigured(f"Gemini does not know the model ({exc.code}: {exc.message})",
                                 "set VIDGEN_GEMINI_MODEL to an available model, e.g. gemini-2.5-flash")
        return ProviderError(f"Gemini failed during {what} ({exc.code}: {exc.message})", "try again in a moment")
    name = type(exc).__name__
    if "Timeout" in name or isinstance(exc, TimeoutError):
        return ProviderError(f"Gemini did not answer in time during {what}",
                             "try again, or raise VIDGEN_LLM_TIMEOUT")
    return ProviderError(f"cannot reach Gemini during {what} ({name}: {exc})",
                         "check the network, or use the offline default")
