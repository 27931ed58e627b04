"""Voices, behind the provider registry (`vidgen.registry`): pyttsx3 (espeak-ng), gemini, mock,
and plugins through the `vidgen.voices` entry point group.

A voice turns one sentence into mono float32 samples at SAMPLE_RATE. Synthesis goes
sentence by sentence: that is what makes pyttsx3 reliable, and each sentence's exact
duration is what times the captions. Results are cached on disk by content, so an
edited script only re-speaks the sentences that changed.
"""

from __future__ import annotations

import hashlib
import wave
from pathlib import Path
from typing import Any, ClassVar, Protocol

import numpy as np

from vidgen.config import Option, Settings
from vidgen.errors import BadInput
from vidgen.registry import Readiness, Registry
from vidgen.sentences import split_sentences  # noqa: F401  (re-exported: the voice's split)

SAMPLE_RATE = 44100
DEFAULT_VOICES = {"pyttsx3": "vidgen.voice.espeak", "gemini": "vidgen.voice.gemini", "mock": "vidgen.voice.mock"}


class Voice(Protocol):
    name: ClassVar[str]
    summary: ClassVar[str]
    options: ClassVar[tuple[Option, ...]]

    def __init__(self, settings: Settings) -> None: ...

    @classmethod
    def check(cls, settings: Settings) -> Readiness:
        """Whether this voice can speak here (no synthesis, no network)."""

    def key(self, voice: str | None, language: str) -> str:
        """What, besides the text, changes the sound (for the cache)."""

    def speak(self, sentence: str, voice: str | None, language: str) -> np.ndarray:
        """Mono float32 samples at SAMPLE_RATE."""

    # optional: `check_voice(self, voice: str | None, language: str) -> None` raises BadInput when this
    # provider has no such voice or cannot speak that language (asked when a render is requested)


VOICES: Registry[Voice] = Registry("voice provider", "vidgen.voices", DEFAULT_VOICES,
                                   {"espeak": "pyttsx3", "espeak-ng": "pyttsx3", "offline": "pyttsx3"})
register = VOICES.register


def names() -> list[str]:
    return VOICES.names()


def provider_for(settings: Settings, language: str = "en", requested: str | None = None) -> str:
    """The voice provider a render uses: the one asked for, else the configured default."""
    return VOICES.canonical(requested or settings.tts_provider or "pyttsx3")


def get_voice(name: str, settings: Settings) -> Voice:
    return VOICES.create(name, settings)


def check_voice(settings: Settings, provider: str | None, voice: str | None, language: str) -> None:
    """BadInput now when the provider has no such voice or language, rather than a failed render later.

    Providers that cannot tell without synthesising (no `check_voice`) are trusted.
    """
    name = provider_for(settings, language, provider)
    cls = VOICES.get(name)
    if callable(getattr(cls, "check_voice", None)) and VOICES.readiness(name, settings).ok:
        provider_instance: Any = VOICES.create(name, settings)  # check_voice is optional: not in the protocol
        provider_instance.check_voice(voice or None, language)


def resample(samples: np.ndarray, rate: int) -> np.ndarray:
    if rate == SAMPLE_RATE or samples.size == 0:
        return samples.astype(np.float32, copy=False)
    n = int(round(samples.size * SAMPLE_RATE / rate))
    x = np.linspace(0, samples.size - 1, n, dtype=np.float64)
    return np.interp(x, np.arange(samples.size), samples).astype(np.float32)


def read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as w:
        rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
        raw = w.readframes(w.getnframes())
    if width != 2:
        raise BadInput(f"{path.name}: only 16-bit WAV is supported")
    data = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1)
    return resample(data, rate)


def write_wav(path: Path, samples: np.ndarray) -> None:
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(pcm.tobytes())


class VoiceCache:
    """Sentence audio on disk, keyed by provider, voice, language and text."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def speak(self, voice: Voice, sentence: str, voice_name: str | None, language: str) -> tuple[np.ndarray, Path]:
        """The sentence's samples and the cache file holding them (to reload instead of keeping)."""
        digest = hashlib.sha256(f"{voice.name}\0{voice.key(voice_name, language)}\0{sentence}".encode()).hexdigest()
        path = self.folder / f"{digest[:32]}.npy"
        if path.exists():
            try:
                return np.load(path), path
            except (OSError, ValueError):
                path.unlink(missing_ok=True)
        samples = voice.speak(sentence, voice_name, language).astype(np.float32, copy=False)
        tmp = path.with_suffix(".tmp.npy")
        np.save(tmp, samples)
        tmp.replace(path)
        return samples, path
