"""Request bodies of the HTTP API, as pydantic models: they validate requests and they
are what /openapi.json is built from, so the docs cannot drift from the code."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from vidgen.errors import BadInput
from vidgen.script.model import explain


class Loose(BaseModel):
    # old clients send fields vidgen does not use (enable_parallel, use_batch, ...): accepted
    model_config = ConfigDict(extra="allow")


class RenderConfig(Loose):
    quality: str | None = Field(None, description="low, medium, high, 2k or 4k")
    aspect: str | None = Field(None, description="16:9, 9:16 or 1:1")
    tts_provider: str | None = Field(None, description="pyttsx3 (offline default), gemini or mock")
    voice: str | None = None
    language: str | None = None
    captions: bool | None = None
    music: str | None = Field(None, description="path of a music file under VIDGEN_HOME")
    rate: float | None = Field(None, ge=0.5, le=2.0, description="speaking rate, 1.0 normal")
    version: int | None = Field(None, ge=1, description="the script version to render (default: the latest)")


class GenerateScripts(RenderConfig):
    topic: str | None = Field(None, description="what the video is about; with source, default its first heading")
    count: int | None = Field(None, ge=1, le=5, description="how many variations (default 3)")
    llm: str | None = Field(None, description="script writer: offline (default), gemini, openai")
    source: str | None = Field(None, max_length=500_000, description="a document to build the narration from")


class Submit(Loose):
    text: str
    uid: str
    chatID: str
    source: str | None = Field(None, max_length=500_000, description="a document to build the narration from")


class UpdateScript(Loose):
    script: dict[str, Any]
    chatID: str | None = None


class Confirm(RenderConfig):
    """Render options may come at the top level (the old frontend) or under config (which wins)."""

    chatID: str | None = None
    config: RenderConfig | None = None


def render_config(body: dict[str, Any]) -> dict[str, Any]:
    """Render options from a body: at the top level (the old frontend sends quality there), under
    "config", or both — "config" wins. Checked against RenderConfig; unknown keys are ignored."""
    nested = body.get("config")
    if nested is not None and not isinstance(nested, dict):
        raise BadInput("config must be a JSON object")
    merged = {**{k: v for k, v in body.items() if k in RenderConfig.model_fields}, **(nested or {})}
    parse(RenderConfig, merged)
    return merged


def parse(model: type[BaseModel], data: Any) -> Any:
    if not isinstance(data, dict):
        raise BadInput("the request body must be a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise BadInput(f"invalid request: {explain(exc)}") from None
