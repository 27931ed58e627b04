"""Silence as long as the text would take to say: old clients send tts_provider "mock"."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from vidgen.config import Settings
from vidgen.registry import Readiness
from vidgen.sentences import spoken_seconds
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

    def key(self, voice, language) -> str:
        return "silence-v1"

    def speak(self, sentence: str, voice, language) -> np.ndarray:
        return np.zeros(int(spoken_seconds(sentence) * SAMPLE_RATE), dtype=np.float32)
