"""Gemini speech through google-genai: raw 16-bit PCM at 24 kHz, voice Kore by default."""

from __future__ import annotations

import base64
from typing import Any, ClassVar

import numpy as np

from vidgen import gemini
from vidgen.config import Settings
from vidgen.errors import ProviderError
from vidgen.registry import Readiness
from vidgen.voice import register, resample

GEMINI_RATE = 24000


# Gemini's prebuilt speech voices (the names its API accepts); Kore is vidgen's default
GEMINI_VOICES = ("Kore", "Puck", "Charon", "Fenrir", "Leda", "Orus", "Aoede", "Zephyr", "Callirrhoe", "Autonoe",
                 "Enceladus", "Iapetus", "Umbriel", "Algieba", "Despina", "Erinome", "Algenib", "Rasalgethi",
                 "Laomedeia", "Achernar", "Alnilam", "Schedar", "Gacrux", "Pulcherrima", "Achird", "Zubenelgenubi",
                 "Vindemiatrix", "Sadachbia", "Sadaltager", "Sulafat")


@register("gemini")
class GeminiVoice:
    name: ClassVar[str] = "gemini"
    summary: ClassVar[str] = "Gemini speech (needs GOOGLE_API_KEY and the network), voice Kore by default"
    options = gemini.OPTIONS

    def __init__(self, settings: Settings):
        self.settings = settings
        self._client: Any = None  # made on the first sentence: checking readiness needs no client

    @classmethod
    def check(cls, settings: Settings) -> Readiness:
        return gemini.readiness(settings, f"model {settings.get(gemini.TTS_MODEL)}")

    @classmethod
    def listing(cls, settings: Settings) -> dict:
        ready = cls.check(settings)
        return {"name": "gemini", "label": "Gemini speech (online)", "offline": False, "rate": False,
                "ready": ready.ok, "detail": ready.detail, "fix": ready.fix, "advice": ready.advice,
                "voices": [{"id": v} for v in GEMINI_VOICES], "languages": ["*"],
                "default_voice": settings.tts_voice_name or "Kore"}

    def key(self, voice, language) -> str:
        model = self.settings.get(gemini.TTS_MODEL)
        return f"{model}/{voice or self.settings.tts_voice_name or 'Kore'}/{language}"

    def speak(self, sentence: str, voice, language, rate: float = 1.0) -> np.ndarray:
        # Gemini's prebuilt voices have no rate control; the rate still keys the cache (harmless)
        if self._client is None:
            self._client = gemini.client(self.settings)
        client = self._client
        from google.genai import types

        name = voice or self.settings.tts_voice_name or "Kore"
        config = types.GenerateContentConfig(
            response_modalities=["AUDIO"],
            speech_config=types.SpeechConfig(voice_config=types.VoiceConfig(
                prebuilt_voice_config=types.PrebuiltVoiceConfig(voice_name=name))))
        try:
            response = client.models.generate_content(
                model=self.settings.get(gemini.TTS_MODEL), contents=sentence, config=config)
        except Exception as exc:  # mapped once, with the fix
            raise gemini.failure(exc, "speech") from None
        try:
            data = response.candidates[0].content.parts[0].inline_data.data
        except (AttributeError, IndexError, TypeError):
            raise ProviderError("Gemini answered without audio", "check VIDGEN_GEMINI_TTS_MODEL") from None
        if isinstance(data, str):
            data = base64.b64decode(data)
        pcm = np.frombuffer(data[: len(data) // 2 * 2], dtype="<i2").astype(np.float32) / 32768.0
        return resample(pcm, GEMINI_RATE)
