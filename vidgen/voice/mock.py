"""Silence as long as the text would take to say: old clients send tts_provider "mock"."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from vidgen.config import Settings
from vidgen.registry import Readiness
from vidgen.script.sentences import spoken_seconds
from vidgen.voice import SAMPLE_RATE, register


@register("mock")
class MockVoice:
    name: ClassVar[str] = "mock"
    summary: ClassVar[str] = "silence as long as the words would take (for tests and old clients)"
    options: ClassVar[tuple] = ()

    def __init__(self, settings: Settings | None = None):
        pass

    @classmethod
    def check(cls, settings: Settings) -> Readiness:
        return Readiness(True, "built in")

    @classmethod
    def listing(cls, settings: Settings) -> dict:
        return {"name": "mock", "label": "Silence (for tests)", "offline": True, "rate": True, "ready": True,
                "detail": "silence as long as the words would take", "fix": "", "voices": [], "languages": ["*"],
                "default_voice": None,
                # a voice for tests and old clients: the studio does not offer silence to people
                "offered": False}

    def key(self, voice, language) -> str:
        return "silence-v1"

    def speak(self, sentence: str, voice, language, rate: float = 1.0) -> np.ndarray:
        return np.zeros(int(spoken_seconds(sentence) / rate * SAMPLE_RATE), dtype=np.float32)
