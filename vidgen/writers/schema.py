"""The JSON schema an LLM writer fills: a script whose every scene carries a visual.

Built from the pydantic models (`vidgen.visual.spec.Visual` and the answer shape below), then
rewritten into the subset each provider's structured output accepts, so a kind or field added to
the spec reaches the prompt without editing a hand-written schema:

- Gemini (`response_schema`) takes a subset of OpenAPI 3.0: type, properties, required, items,
  enum, nullable, description, minItems/maxItems, minimum, propertyOrdering. No `$ref`, no tuples
  (`prefixItems`), and `additionalProperties` is refused by the Developer API.
- OpenAI strict `json_schema` wants every object closed (`additionalProperties: false`) and every
  property listed in `required`; an optional field is a union with null. The strictest common
  subset drops length and numeric limits (Ollama and vLLM turn the schema into a grammar too).

Limits that are not expressible here (ids, math, sentence indexes) are enforced after the fact
by `vidgen.author.repair`, which fixes what it can instead of refusing the answer.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, Field

from vidgen.visual.spec import Visual

Dialect = Literal["gemini", "openai"]
_KEEP_GEMINI = ("description", "enum", "minItems", "maxItems", "minimum")
_KEEP_OPENAI = ("description", "enum")
# fields with a default in the model that a model's answer should still always fill
_ALWAYS = {"label", "layout", "steps"}


class _SceneAnswer(BaseModel):
    # field order is the order the model writes them in: the narration before the visual, so the
    # steps can point at sentences already written
    seq: int = Field(description="1, 2, 3, ...")
    text: str = Field(description="the narration: 2 to 5 spoken sentences")
    anim: str = Field(description="what the viewer sees, in words")
    layout: Literal["title_and_main_content", "split_screen", "custom"]
    on_screen: list[str] = Field(max_length=4, description="a short headline, then up to 3 short lines")
    visual: Visual = Field(description="the picture that shows what the narration says, built up sentence "
                                       "by sentence")


class _ScriptAnswer(BaseModel):
    title: str
    scenes: list[_SceneAnswer] = Field(min_length=3, max_length=6)


def _convert(node: dict[str, Any], defs: dict[str, Any], dialect: Dialect) -> tuple[dict[str, Any], bool]:
    """One pydantic JSON-schema node in the dialect; the flag says it was optional (`X | None`)."""
    if "$ref" in node:
        inner = _convert(defs[node["$ref"].rsplit("/", 1)[-1]], defs, dialect)[0]
        if "description" in node:
            inner["description"] = node["description"]
        return inner, False
    if "anyOf" in node:
        branches = [b for b in node["anyOf"] if b.get("type") != "null"]
        inner, _ = _convert({**branches[0], **{k: v for k, v in node.items() if k == "description"}},
                            defs, dialect)
        return inner, len(branches) < len(node["anyOf"])
    keep = _KEEP_GEMINI if dialect == "gemini" else _KEEP_OPENAI
    out: dict[str, Any] = {k: node[k] for k in keep if k in node}
    kind = node.get("type", "string")
    if kind == "object":
        props: dict[str, Any] = {}
        optional: list[str] = []
        for name, sub in node.get("properties", {}).items():
            props[name], is_optional = _convert(sub, defs, dialect)
            if is_optional or (name not in node.get("required", []) and name not in _ALWAYS):
                optional.append(name)
        out["properties"] = props
        if dialect == "gemini":
            out["required"] = [n for n in props if n not in optional]
            out["propertyOrdering"] = list(props)
        else:
            for name in optional:  # strict mode: present, but may be null
                props[name]["type"] = [props[name]["type"], "null"]
                if "enum" in props[name]:
                    props[name]["enum"] = [*props[name]["enum"], None]
            out["required"] = list(props)
            out["additionalProperties"] = False
    elif kind == "array":
        if "prefixItems" in node:  # a fixed pair such as x_range: an array of two numbers
            out["items"], _ = _convert(node["prefixItems"][0], defs, dialect)
        else:
            out["items"], _ = _convert(node.get("items", {"type": "string"}), defs, dialect)
    out["type"] = kind.upper() if dialect == "gemini" else kind
    return out, False


@lru_cache(maxsize=4)
def _schema(dialect: Dialect) -> dict[str, Any]:
    source = _ScriptAnswer.model_json_schema()
    return _convert(source, source.get("$defs", {}), dialect)[0]


def script_schema(dialect: Dialect) -> dict[str, Any]:
    """The schema of a whole script with visuals, for Gemini's `response_schema` or OpenAI's
    `response_format.json_schema.schema` (a fresh copy: google-genai edits what it is given)."""
    return copy.deepcopy(_schema(dialect))


def openai_response_format() -> dict[str, Any]:
    return {"type": "json_schema",
            "json_schema": {"name": "video_script", "strict": True, "schema": script_schema("openai")}}
