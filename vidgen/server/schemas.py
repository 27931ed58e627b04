"""Request bodies of the HTTP API, as pydantic models: they validate requests and they
are what /openapi.json is built from, so the docs cannot drift from the code."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from vidgen.errors import BadInput
from vidgen.render.presets import RenderOptions
from vidgen.script.model import explain


class Loose(BaseModel):
    # old clients send fields vidgen does not use (enable_parallel, use_batch, ...): accepted
    model_config = ConfigDict(extra="allow")


class RenderConfig(RenderOptions):
    """A render asked for: the options at the top level (the old frontend sends quality there), under
    `config`, or both — `config` wins. `tts_provider`, the old clients' name of `tts`, is taken too
    (`tts` wins). Fields vidgen does not use are ignored. A music file or a voice file must lie under
    VIDGEN_HOME."""

    version: int | None = Field(None, ge=1, description="the script version to render (default: the latest)")
    config: RenderOptions | None = Field(None, description="the same options; these win over the top level")

    @model_validator(mode="before")
    @classmethod
    def _nested(cls, data: Any) -> Any:
        # runs before RenderOptions' own shapes: the merged options are validated once
        if isinstance(data, Mapping) and "config" in data:
            nested = data["config"]
            if nested is not None and not isinstance(nested, Mapping):
                raise BadInput("config must be a JSON object")
            data = {**{k: v for k, v in data.items() if k != "config"}, **(nested or {})}
        return data

    def options(self) -> RenderOptions:
        """The options alone, as validated (a request's other fields are not options)."""
        return RenderOptions.model_construct(**self.record())


class GenerateScripts(Loose):
    """Render options old clients send here too are accepted and ignored: a render is asked for later."""

    topic: str | None = Field(None, description="what the video is about; with source, default its first heading")
    language: str | None = Field(None, description="the language to write in (default en)")
    count: int | None = Field(None, ge=1, le=5, description="how many variations (default 3)")
    llm: str | None = Field(None, description="script writer: offline (default), gemini, openai")
    source: str | None = Field(None, max_length=500_000, description="a document to build the narration from")


class Submit(Loose):
    text: str = Field(description="the topic; may be empty with source (then the notes' first heading)")
    uid: str
    chatID: str
    source: str | None = Field(None, max_length=500_000, description="a document to build the narration from")


class UpdateScript(Loose):
    script: dict[str, Any]
    chatID: str | None = None


class Confirm(RenderConfig):
    chatID: str | None = None


def parse(model: type[BaseModel], data: Any) -> Any:
    if not isinstance(data, dict):
        raise BadInput("the request body must be a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise BadInput(f"invalid request: {explain(exc)}") from None
