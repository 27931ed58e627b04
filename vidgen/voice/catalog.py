"""Every voice provider, whether it works here, its voices and languages, and the defaults:
what `vidgen voices --json`, `GET /api/voices`, `vidgen doctor` and the studio's picker show.

Each provider describes itself (`listing`, or just its readiness `check` for a plugin that
has no listing); the checks are real but cheap and kept per process, so a server can call
this on every request. Nothing is synthesised.
"""

from __future__ import annotations

from typing import Any

from vidgen.config import Settings


def entry(name: str, cls: Any, settings: Settings) -> dict:
    from vidgen.voice import VOICES

    listing = getattr(cls, "listing", None)  # in the Voice protocol; a plugin written before it may lack it
    if callable(listing):
        try:
            return {"summary": cls.summary, **listing(settings)}
        except Exception as exc:  # a provider's listing must not break the catalogue; say which failed
            return {"name": name, "summary": cls.summary, "ready": False, "detail": f"its listing failed: {exc}",
                    "fix": "", "voices": [], "languages": [], "default_voice": None}
    ready = VOICES.readiness(name, settings)
    return {"name": name, "label": name, "summary": cls.summary, "ready": ready.ok, "detail": ready.detail,
            "fix": ready.fix, "advice": ready.advice, "voices": [], "languages": [], "default_voice": None}


def catalog(settings: Settings) -> dict:
    """{"default": provider for English, "defaults": {"en", "other"}, "configured": TTS_PROVIDER or "auto",
    "providers": [{name, label, summary, ready, detail, fix, voices, languages, default_voice, ...}]}."""
    from vidgen.voice import VOICES, default_provider, provider_name

    # "other" stands for any language the configured Piper voice does not speak
    return {"default": default_provider(settings, "en"),
            "defaults": {"en": default_provider(settings, "en"), "other": default_provider(settings, "und")},
            "configured": provider_name(settings.tts_provider),
            "providers": [entry(name, cls, settings) for name, cls in VOICES.items()]}
