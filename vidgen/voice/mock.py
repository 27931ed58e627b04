"""Silence as long as the text would take to say: old clients send tts_provider "mock"."""

from __future__ import annotations

import numpy as np

from vidgen.voice import SAMPLE_RATE, register

WORDS_PER_SECOND = 2.6


def spoken_seconds(text: str) -> float:
    return max(0.6, len(text.split()) / WORDS_PER_SECOND)


@register("mock")
class MockVoice:
    name = "mock"

    def __init__(self, settings=None):
        pass

    def key(self, voice, language) -> str:
        return "silence-v1"

    def speak(self, sentence: str, voice, language, rate: float = 1.0) -> np.ndarray:
        return np.zeros(int(spoken_seconds(sentence) / rate * SAMPLE_RATE), dtype=np.float32)
