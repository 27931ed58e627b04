"""Render settings: the one model of what a render may be asked for (`RenderOptions`), with the
quality presets kept from the old system and the aspects.

Every way options come in — CLI flags, both HTTP route families (old clients' top-level fields
and `config`), a stored job — is validated here, once, into a frozen `RenderOptions`; that object
then travels unchanged to the encoder. Each option is one field: its type, its default, its
description, and how it shows in a video's file name. The CLI's flags (`vidgen.cli.options`),
the HTTP schema and OpenAPI (`vidgen.server.schemas`), the studio's menus (`GET /api/options`),
the job record (`model_dump`) and the file-name variant (`variant`) are all made from the fields.

What only this machine can tell (the voice provider can speak here, the voice and the language
exist, the music is audio) is checked by `check_here`, once, at the edge; its answer is a
`CheckedOptions`, so a job service handed options someone already checked does not ask again.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from vidgen.config import Settings
from vidgen.errors import BadInput, NotConfigured
from vidgen.voice import RATES, VOICES, check_rate, default_provider, get_voice, provider_name


class Preset(NamedTuple):
    short: int      # the frame's short side in pixels
    fps: int
    crf: int        # x264's constant rate factor
    label: str      # what a person picks it by (the studio's menu)


Quality = Literal["low", "medium", "high", "2k", "4k"]
Aspect = Literal["16:9", "9:16", "1:1"]
QUALITIES: dict[Quality, Preset] = {
    "low": Preset(480, 24, 27, "Low (480p)"), "medium": Preset(720, 30, 23, "Medium (720p)"),
    "high": Preset(1080, 30, 22, "High (1080p)"), "2k": Preset(1440, 30, 22, "2K"), "4k": Preset(2160, 30, 22, "4K")}
ASPECTS: dict[Aspect, tuple[int, int, str]] = {"16:9": (16, 9, "16:9 landscape"), "9:16": (9, 16, "9:16 vertical"),
                                               "1:1": (1, 1, "1:1 square")}
Captions = Literal["line", "karaoke", "off"]
CAPTIONS: dict[Captions, str] = {"line": "Line by line", "karaoke": "Word by word (karaoke)", "off": "Off"}
# what old clients (and the options before the styles) send: yes is the default style, no is off
CAPTIONS_WORDS: dict[str, Captions] = {"true": "line", "yes": "line", "on": "line", "1": "line",
                                       "false": "off", "no": "off", "0": "off", "none": "off"}


def frame_size(quality: str, aspect: str) -> tuple[int, int]:
    short = float(QUALITIES[quality].short)  # type: ignore[index]  # callers pass checked names
    a, b, _ = ASPECTS[aspect]  # type: ignore[index]
    if a >= b:
        w, h = short * a / b, short
    else:
        w, h = short, short * b / a
    return int(round(w / 2)) * 2, int(round(h / 2)) * 2


def one_of(values: tuple[str, ...] | list[str]) -> str:
    return ", ".join(values[:-1]) + f" or {values[-1]}" if len(values) > 1 else "".join(values)


def is_text(annotation: Any) -> bool:
    """Whether an option's type is text: `str`, a `Literal` of names, either or None."""
    if get_origin(annotation) in (Union, types.UnionType):
        return any(is_text(a) for a in get_args(annotation) if a is not type(None))
    return annotation is str or get_origin(annotation) is Literal


class InName:
    """How an option set to other than its default shows in the video's file name (`RenderOptions.variant`):
    renders that differ in it then live side by side; the same options again replace the earlier file."""

    def __init__(self, part: Callable[[Any], str]):
        self.part = part


def _stem(value: Any) -> str:
    from vidgen.store.names import slug

    return slug(Path(str(value)).stem, 16)


class RenderOptions(BaseModel):
    """How a script becomes a video. The fields' order is the order of their parts in a file name."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    aspect: Annotated[Aspect, InName(lambda v: v.replace(":", "x"))] = Field(
        "16:9", description="the picture's shape",
        json_schema_extra={"x-labels": {k: v[2] for k, v in ASPECTS.items()}})
    quality: Annotated[Quality, InName(str)] = Field(
        "medium", description="the picture's size and frame rate",
        json_schema_extra={"x-labels": {k: v.label for k, v in QUALITIES.items()}})
    tts: Annotated[str | None, InName(_stem)] = Field(
        None, description="the voice provider: piper, pyttsx3 (espeak-ng), gemini, mock or a plugin's (see "
                          "vidgen voices); by default the best one here for the language")
    voice: Annotated[str | None, InName(_stem)] = Field(None, description="a voice name, or a Piper .onnx voice file")
    language: str = Field("en", description="the narration's language code")
    music: str | None = Field(None, description="background music: mood:calm|energetic|happy|nostalgic|tender|auto "
                              "(bundled tracks), an audio file, or off; looped and ducked under speech")
    rate: Annotated[float, InName(lambda v: f"r{v:g}".replace(".", "_"))] = Field(
        1.0, ge=RATES[0], le=RATES[1], description="the speaking rate: 1.0 normal, 0.8 slower, 1.2 faster")
    captions: Annotated[Captions, InName(lambda v: "nocaptions" if v == "off" else v)] = Field(
        "line", description="captions burned into the picture (karaoke: a short phrase, the word being said "
                            "highlighted)",
        json_schema_extra={"x-labels": {str(k): v for k, v in CAPTIONS.items()}})
    keep_audio: bool = Field(False, description="keep each scene's narration (FLAC) in the render's archive")

    # -- every shape options come in --------------------------------------------------------
    @model_validator(mode="before")
    @classmethod
    def _old_shapes(cls, data: Any) -> Any:
        """Old clients' shapes: null or "" means the default, `tts_provider` is `tts` (which wins), and
        keys vidgen does not use are ignored. Text fields must be text, with the message saying which."""
        if data is None:
            return {}
        if isinstance(data, BaseModel):
            return data
        if not isinstance(data, Mapping):
            raise BadInput("config must be a JSON object")
        data = {k: v for k, v in data.items() if v is not None and v != ""}
        texts = (n for n, f in RenderOptions.model_fields.items() if is_text(f.annotation) and n != "captions")
        for key in (*texts, "tts_provider"):  # captions: old clients send a yes/no
            if key in data and not isinstance(data[key], str):
                raise BadInput(f"config.{key} must be text, not {type(data[key]).__name__}")
        if "tts" not in data and "tts_provider" in data:
            data["tts"] = data.pop("tts_provider")
        return data

    @field_validator("quality", "aspect", mode="before")
    @classmethod
    def _choice(cls, value: str, info: ValidationInfo) -> str:
        choices = QUALITIES if info.field_name == "quality" else ASPECTS
        if value not in choices:
            raise BadInput(f"unknown {info.field_name} {value!r}", f"use one of: {', '.join(choices)}")
        return value

    @field_validator("tts", mode="before")
    @classmethod
    def _provider(cls, value: str) -> str:
        return provider_name(value)  # espeak -> pyttsx3; BadInput for a provider that is not installed

    @field_validator("rate", mode="before")
    @classmethod
    def _rate(cls, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise BadInput(f"config.rate must be a number such as 1.0, not {type(value).__name__}")
        return check_rate(value)  # a number in RATES; text such as "0.8" from old clients too

    @field_validator("music", mode="before")
    @classmethod
    def _music(cls, value: Any) -> Any:
        """`off`/`none` is no music; `mood:NAME` is a bundled track (BadInput listing the moods); else a file,
        which `check_here` reads."""
        from vidgen.render import music

        if isinstance(value, str) and value.strip().lower() in music.OFF:
            return None
        if isinstance(value, str) and music.is_mood(value):
            return f"{music.PREFIX}{music.check_mood(value)}"
        return value

    @field_validator("keep_audio", mode="before")
    @classmethod
    def _keep_audio(cls, value: Any) -> bool:
        return value is True  # as before the model: only true keeps the narration

    @field_validator("captions", mode="before")
    @classmethod
    def _captions(cls, value: Any) -> str:
        """A style by name; a yes/no (a boolean or its words, as old clients and stored jobs send) is the
        default style or off."""
        if isinstance(value, bool):
            return "line" if value else "off"
        word = value.strip().lower() if isinstance(value, str) else None
        if word in CAPTIONS:
            return word
        if word in CAPTIONS_WORDS:
            return CAPTIONS_WORDS[word]
        shown = repr(value) if isinstance(value, str) else type(value).__name__
        raise BadInput(f"unknown captions style {shown}", f"use one of: {', '.join(CAPTIONS)}")

    @classmethod
    def from_config(cls, config: Any) -> RenderOptions:
        """From flags, an HTTP config or a stored job; BadInput (never a crash) for what cannot be one."""
        try:
            return cls.model_validate(config)
        except ValidationError as exc:  # what the validators above leave to pydantic (none today)
            from vidgen.script.model import explain

            raise BadInput(f"invalid render options: {explain(exc)}") from None

    # -- what is made from the fields -------------------------------------------------------
    def record(self) -> dict[str, Any]:
        """The options alone (not a request's other fields): what a job stores and loads back."""
        return self.model_dump(include=set(RenderOptions.model_fields))

    def variant(self) -> str:
        """What differs from the default render, for the file name: '', or e.g. '-9x16-high-piper'."""
        parts = []
        for name, field in RenderOptions.model_fields.items():
            value = getattr(self, name)
            in_name = next((m for m in field.metadata if isinstance(m, InName)), None)
            if in_name is not None and value != field.default:
                parts.append(in_name.part(value))
        return "".join(f"-{p}" for p in parts)

    @property
    def size(self) -> tuple[int, int]:
        return frame_size(self.quality, self.aspect)

    @property
    def fps(self) -> int:
        return QUALITIES[self.quality].fps

    @property
    def crf(self) -> int:
        return QUALITIES[self.quality].crf

    # -- what only this machine can tell -------------------------------------------------------
    def voice_provider(self, settings: Settings, scene_voices: tuple[str | None, ...] = ()) -> str:
        """The provider this render speaks with (--tts, else TTS_PROVIDER, else the default for the
        language), with the voice(s) and the language checked: BadInput for a voice file that is missing
        or broken, or a voice in another language."""
        provider = default_provider(settings, self.language, self.tts)
        voice = get_voice(provider, settings)
        for name in {self.voice, *(v for v in scene_voices if v)}:
            voice.key(name, self.language)
        return provider

    def check_here(self, settings: Settings) -> CheckedOptions:
        """Whether this machine can render with these options, asked when a render or a job is requested
        (not when it runs): the provider can speak here (Gemini has its key, espeak-ng is installed), it
        has the voice and the language, and the music is audio ffmpeg can read."""
        provider = default_provider(settings, self.language, self.tts)
        ready = VOICES.readiness(provider, settings)
        if not ready.ok:
            raise NotConfigured(f"the {provider} voice cannot speak here: {ready.detail}", ready.fix or None)
        self.voice_provider(settings)
        from vidgen.render.music import is_mood

        if self.music is not None and not is_mood(self.music):
            from vidgen.render.audio import load_music

            load_music(Path(self.music).expanduser(), 0.5)  # BadInput when it is missing or no audio ffmpeg reads
        return CheckedOptions.model_construct(**self.record())


class CheckedOptions(RenderOptions):
    """Options this machine was asked about (`RenderOptions.check_here`): made only there."""


def options_schema() -> dict[str, Any]:
    """The options as JSON Schema (types, choices with their labels, defaults, limits): the studio's menus."""
    return RenderOptions.model_json_schema()
