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
    short = float(QUALITIES[quality][0])
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
    keep_audio: bool = False   # keep each scene's narration in the archive, as FLAC
    rate: float = 1.0          # speaking rate: 0.5 slow .. 2.0 fast (Piper's length scale, espeak's words/minute)

    def check(self) -> RenderOptions:
        """Refuse bad settings up front (when a job is created, not when it runs)."""
        if self.quality not in QUALITIES:
            raise BadInput(f"unknown quality {self.quality!r}", f"use one of: {', '.join(QUALITIES)}")
        if self.aspect not in ASPECTS:
            raise BadInput(f"unknown aspect {self.aspect!r}", f"use one of: {', '.join(ASPECTS)}")
        if self.tts is not None:
            from vidgen.voice import provider_name

            self.tts = provider_name(self.tts)
        if isinstance(self.rate, bool):
            raise BadInput("rate must be a number such as 1.0")
        from vidgen.voice import check_rate

        self.rate = check_rate(self.rate)
        from vidgen.render import music

        if self.music is not None and self.music.strip().lower() in music.OFF:
            self.music = None
        if self.music is not None and music.is_mood(self.music):
            self.music = f"{music.PREFIX}{music.check_mood(self.music)}"
        elif self.music is not None:
            p = Path(self.music).expanduser()
            if not p.is_file():
                raise BadInput(f"the music file {self.music} does not exist", "give the path of an audio file")
        if not isinstance(self.language, str) or not self.language:
            raise BadInput("language must be a language code such as en")
        return self

    def voice_provider(self, settings, scene_voices: tuple[str | None, ...] = ()) -> str:
        """The provider this render speaks with (--tts, else TTS_PROVIDER, else the default for the
        language), with the voice(s) and the language checked now: a missing or broken voice file, or a
        voice in another language, is a BadInput when the job is asked for, not a failed job later."""
        from vidgen.voice import default_provider, get_voice

        provider = default_provider(settings, self.language, self.tts)
        voice = get_voice(provider, settings)
        for name in {self.voice, *(v for v in scene_voices if v)}:
            voice.key(name, self.language)
        return provider

    def check_sources(self, settings: Any) -> RenderOptions:
        """What only this machine can tell, asked when a render or a job is requested (not when it runs):
        the voice provider has the voice and the language, and the music is audio ffmpeg can read."""
        if getattr(self, "_sources_checked", False):
            return self
        self.check()
        self.voice_provider(settings)  # BadInput for a voice or language the provider does not have
        if self.music is not None and not self.music.startswith("mood:"):
            from vidgen.render.audio import load_music

            load_music(Path(self.music).expanduser(), 0.5)  # BadInput when it is no audio ffmpeg reads
        self._sources_checked = True  # not a field: never part of as_dict() or a job's config
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
        rate = config.get("rate")
        if rate is not None and (isinstance(rate, bool) or not isinstance(rate, (int, float, str))):
            raise BadInput(f"config.rate must be a number such as 1.0, not {type(rate).__name__}")
        tts = config.get("tts") or config.get("tts_provider")
        captions = config.get("captions", True)
        opts = cls(quality=str(config.get("quality") or "medium"), aspect=str(config.get("aspect") or "16:9"),
                   tts=str(tts) if tts else None, voice=config.get("voice") or None,
                   language=str(config.get("language") or "en"), music=config.get("music") or None,
                   captions=bool(captions) if not isinstance(captions, str) else captions.lower() != "false",
                   keep_audio=config.get("keep_audio") is True,
                   rate=1.0 if rate is None or rate == "" else rate)  # type: ignore[arg-type]  # check() parses it
        return opts.check()
