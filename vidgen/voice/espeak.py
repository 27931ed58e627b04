"""The default voice: pyttsx3 driving espeak-ng, offline.

pyttsx3's save_to_file writes nothing for long texts and prints "Audio saved" on
stdout, so it is called once per sentence with stdout captured. Its driver loop is not
thread safe: one engine per process, used under a lock.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import threading
from pathlib import Path
from typing import ClassVar

import numpy as np

from vidgen.config import Settings
from vidgen.errors import BadInput, NotConfigured, RenderError
from vidgen.registry import Readiness
from vidgen.voice import read_wav, register

_ENGINE = None
_LOCK = threading.Lock()
RATE_WPM = 165
ESPEAK_FIX = "install it: sudo apt-get install -y espeak-ng (or use --tts gemini, or --tts mock for silence)"


def espeak_found() -> tuple[bool, str]:
    import ctypes.util
    import shutil

    lib = ctypes.util.find_library("espeak-ng") or ctypes.util.find_library("espeak")
    if lib:
        return True, f"libespeak-ng found ({lib})"
    binary = shutil.which("espeak-ng")
    return False, "libespeak-ng not found" + (" (the espeak-ng command exists)" if binary else "")


def _shutdown() -> None:
    # drop the engine while the interpreter is whole: pyttsx3's __del__ fails during teardown
    global _ENGINE
    _ENGINE = None
    import gc

    gc.collect()


def _engine():
    global _ENGINE
    if _ENGINE is None:
        if not espeak_found()[0]:
            raise NotConfigured("espeak-ng is not installed, so the offline voice cannot speak", ESPEAK_FIX)
        import pyttsx3

        try:
            _ENGINE = pyttsx3.init("espeak")
        except Exception as exc:  # pyttsx3 raises whatever its driver raised
            raise NotConfigured(f"the offline voice could not start ({exc})", ESPEAK_FIX) from None
        _ENGINE.setProperty("rate", RATE_WPM)
        import atexit

        atexit.register(_shutdown)
    return _ENGINE


def espeak_voices() -> dict[str, list[str]]:
    """voice id -> its language codes."""
    with _LOCK:
        return {v.id: [str(lang).lower() for lang in (v.languages or [])] for v in _engine().getProperty("voices")}


def choose(voice: str | None, language: str) -> str | None:
    """Map --voice / --language to an espeak voice id."""
    voices = espeak_voices()
    if voice:
        wanted = voice.lower()
        for vid, langs in voices.items():
            if vid.lower() == wanted or vid.lower().endswith("/" + wanted) or wanted in langs:
                return vid
        sample = ", ".join(sorted(v.split("/")[-1] for v in voices)[:12])
        raise BadInput(f"unknown voice {voice!r} for the offline voice", f"try one of: {sample}, …")
    language = (language or "en").lower()
    if language in ("en", "en-us", ""):
        language = "en-us"
    for vid, langs in voices.items():
        if language in langs:
            return vid
    for vid, langs in voices.items():
        if any(lang.split("-")[0] == language.split("-")[0] for lang in langs):
            return vid
    raise BadInput(f"the offline voice has no voice for language {language!r}",
                   "give a language code espeak-ng knows, e.g. en, de, fr, es")


@register("pyttsx3")
class EspeakVoice:
    name: ClassVar[str] = "pyttsx3"
    summary: ClassVar[str] = "espeak-ng through pyttsx3: offline, fast, many languages, robotic"
    options: ClassVar[tuple] = ()

    def __init__(self, settings: Settings | None = None):
        self.default_voice = getattr(settings, "tts_voice_name", "") or None

    @classmethod
    def check(cls, settings: Settings) -> Readiness:
        ok, detail = espeak_found()
        return Readiness(ok, detail, "" if ok else ESPEAK_FIX)

    def key(self, voice, language) -> str:
        return f"{choose(voice or self.default_voice, language)}@{RATE_WPM}"

    def speak(self, sentence: str, voice, language) -> np.ndarray:
        voice_id = choose(voice or self.default_voice, language)
        with _LOCK:
            engine = _engine()
            engine.setProperty("voice", voice_id)
            fd, name = tempfile.mkstemp(suffix=".wav")
            os.close(fd)
            path = Path(name)
            try:
                # the driver now and then returns before writing; a second try has always worked
                for _attempt in range(3):
                    with contextlib.redirect_stdout(io.StringIO()):
                        engine.save_to_file(sentence, str(path))
                        engine.runAndWait()
                    if path.stat().st_size > 44:
                        break
                else:
                    raise RenderError(f"espeak-ng wrote no audio for: {sentence[:60]!r}",
                                      "shorten the sentence, or try --tts mock to check the rest")
                return read_wav(path)
            finally:
                path.unlink(missing_ok=True)
