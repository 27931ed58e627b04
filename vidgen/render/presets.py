"""Render settings: quality presets kept from the old system, aspects, validation."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from vidgen.errors import BadInput

# quality -> (short side in pixels, frames per second, x264 crf)
QUALITIES = {"low": (480, 24, 27), "medium": (720, 30, 23), "high": (1080, 30, 22),
             "2k": (1440, 30, 22), "4k": (2160, 30, 22)}
ASPECTS = {"16:9": (16, 9), "9:16": (9, 16), "1:1": (1, 1)}


def frame_size(quality: str, aspect: str) -> tuple[int, int]:
    short = QUALITIES[quality][0]
    a, b = ASPECTS[aspect]
    if a >= b:
        w, h = short * a / b, short
    else:
        w, h = short, short * b / a
    return int(round(w / 2)) * 2, int(round(h / 2)) * 2


@dataclass
class RenderOptions:
    quality: str = "medium"
    aspect: str = "16:9"
    tts: str | None = None
    voice: str | None = None
    language: str = "en"
    music: str | None = None
    captions: bool = True

    def check(self) -> RenderOptions:
        """Refuse bad settings up front (when a job is created, not when it runs)."""
        if self.quality not in QUALITIES:
            raise BadInput(f"unknown quality {self.quality!r}", f"use one of: {', '.join(QUALITIES)}")
        if self.aspect not in ASPECTS:
            raise BadInput(f"unknown aspect {self.aspect!r}", f"use one of: {', '.join(ASPECTS)}")
        if self.tts is not None:
            from vidgen.voice import VOICES

            self.tts = VOICES.canonical(self.tts)
        if self.music is not None:
            p = Path(self.music).expanduser()
            if not p.is_file():
                raise BadInput(f"the music file {self.music} does not exist", "give the path of an audio file")
        if not isinstance(self.language, str) or not self.language:
            raise BadInput("language must be a language code such as en")
        return self

    @property
    def size(self) -> tuple[int, int]:
        return frame_size(self.quality, self.aspect)

    @property
    def fps(self) -> int:
        return QUALITIES[self.quality][1]

    @property
    def crf(self) -> int:
        return QUALITIES[self.quality][2]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_config(cls, config: dict[str, Any] | None, settings=None) -> RenderOptions:
        """From an HTTP or job config; unknown keys (old clients send many) are ignored."""
        if config is not None and not isinstance(config, dict):
            raise BadInput("config must be a JSON object")
        config = dict(config or {})
        for key in ("quality", "aspect", "tts", "tts_provider", "voice", "language", "music"):
            if config.get(key) is not None and not isinstance(config[key], str):
                raise BadInput(f"config.{key} must be text, not {type(config[key]).__name__}")
        if config.get("captions") is not None and not isinstance(config["captions"], (bool, str)):
            raise BadInput("config.captions must be true or false")
        tts = config.get("tts") or config.get("tts_provider")
        captions = config.get("captions", True)
        opts = cls(quality=str(config.get("quality") or "medium"), aspect=str(config.get("aspect") or "16:9"),
                   tts=str(tts) if tts else None, voice=config.get("voice") or None,
                   language=str(config.get("language") or "en"), music=config.get("music") or None,
                   captions=bool(captions) if not isinstance(captions, str) else captions.lower() != "false")
        return opts.check()
