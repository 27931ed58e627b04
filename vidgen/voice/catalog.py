"""Every voice provider, whether it works here, its voices and languages, and the defaults:
what `vidgen voices --json`, `GET /api/voices`, `vidgen doctor` and the studio's picker show.

The readiness checks are real but cheap: piper is ready when its package imports and its
default voice loads (the model is loaded once and kept for the renders that follow, ~0.6 s);
espeak when libespeak-ng is found and pyttsx3 lists its voices; gemini when a key is set (no
request is made). Nothing is synthesised. Results are kept per process, keyed by what they
depend on, so a server can call this on every request.
"""

from __future__ import annotations

import threading
import time

from vidgen.errors import VidgenError

# Gemini's prebuilt speech voices (the names its API accepts); Kore is vidgen's default
GEMINI_VOICES = ("Kore", "Puck", "Charon", "Fenrir", "Leda", "Orus", "Aoede", "Zephyr", "Callirrhoe", "Autonoe",
                 "Enceladus", "Iapetus", "Umbriel", "Algieba", "Despina", "Erinome", "Algenib", "Rasalgethi",
                 "Laomedeia", "Achernar", "Alnilam", "Schedar", "Gacrux", "Pulcherrima", "Achird", "Zubenelgenubi",
                 "Vindemiatrix", "Sadachbia", "Sadaltager", "Sulafat")

_LOCK = threading.Lock()
_CACHE: dict[tuple, dict] = {}


def _cached(key: tuple, make) -> dict:
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = make()
        return _CACHE[key]


def _piper(settings) -> dict:
    from vidgen.voice import piper

    entry = {"name": "piper", "label": "Piper (neural, offline)", "offline": True, "rate": True,
             "ready": False, "detail": "", "fix": "", "voices": [], "languages": [], "default_voice": None}
    if not piper.installed():
        return {**entry, "detail": "piper-tts is not installed", "fix": piper.PIPER_FIX}
    voices = piper.known_voices(settings)
    entry["voices"] = [{"id": v.name, "language": v.language, "sample_rate": v.sample_rate, "path": str(v.model)}
                       for v in voices]
    entry["languages"] = sorted({v.family for v in voices})
    try:
        default = piper.default_voice(settings)
    except VidgenError as exc:
        return {**entry, "detail": exc.message, "fix": exc.fix or piper.PIPER_FIX}
    entry["default_voice"] = default.name

    def check() -> dict:
        started = time.perf_counter()
        try:
            piper.load(default)
        except VidgenError as exc:
            return {"ready": False, "detail": exc.message, "fix": exc.fix or ""}
        return {"ready": True, "detail": f"{default.name} ({default.language}, {default.sample_rate} Hz) loads "
                                         f"in {time.perf_counter() - started:.1f} s", "fix": ""}

    return {**entry, **_cached(("piper", str(default.model), default.stamp), check)}


def _espeak(settings) -> dict:
    from vidgen.checks import ESPEAK_FIX, espeak_found

    entry = {"name": "pyttsx3", "label": "espeak-ng (offline, many languages)", "offline": True, "rate": True,
             "ready": False, "voices": [], "languages": [], "default_voice": None, "fix": ""}
    ok, detail = espeak_found()
    if not ok:
        return {**entry, "detail": detail, "fix": ESPEAK_FIX}

    def listing() -> dict:
        from vidgen.voice.espeak import espeak_voices

        try:
            voices = espeak_voices()
        except VidgenError as exc:
            return {"ready": False, "detail": exc.message, "fix": exc.fix or ESPEAK_FIX}
        return {"ready": True, "detail": f"{detail}, {len(voices)} voices",
                "voices": [{"id": vid, "languages": langs} for vid, langs in sorted(voices.items())],
                "languages": sorted({lang.split("-")[0] for langs in voices.values() for lang in langs if lang})}

    return {**entry, "default_voice": getattr(settings, "tts_voice_name", "") or None,
            **_cached(("espeak",), listing)}


def _gemini(settings) -> dict:
    ready = bool(getattr(settings, "google_api_key", ""))
    return {"name": "gemini", "label": "Gemini speech (online)", "offline": False, "rate": False, "ready": ready,
            "detail": f"key set, model {settings.gemini_tts_model}" if ready else "GOOGLE_API_KEY is not set",
            "fix": "" if ready else "export GOOGLE_API_KEY=... to use --tts gemini",
            "voices": [{"id": v} for v in GEMINI_VOICES], "languages": ["*"],
            "default_voice": getattr(settings, "tts_voice_name", "") or "Kore"}


def _mock(settings) -> dict:
    return {"name": "mock", "label": "Silence (for tests)", "offline": True, "rate": True, "ready": True,
            "detail": "silence as long as the words would take", "fix": "", "voices": [], "languages": ["*"],
            "default_voice": None}


def catalog(settings) -> dict:
    """{"default": provider for English, "defaults": {"en", "other"}, "configured": TTS_PROVIDER or "auto",
    "providers": [{name, label, ready, detail, fix, voices, languages, default_voice, offline, rate}]}."""
    from vidgen.voice import default_provider, provider_name

    providers = [_piper(settings), _espeak(settings), _gemini(settings), _mock(settings)]
    # "other" stands for any language the configured Piper voice does not speak
    return {"default": default_provider(settings, "en"),
            "defaults": {"en": default_provider(settings, "en"), "other": default_provider(settings, "und")},
            "configured": provider_name(getattr(settings, "tts_provider", "")),
            "providers": providers}
