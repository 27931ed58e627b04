"""The script format (docs/api.md, "The script"): a title and up to 50 scenes.

Unknown fields are kept and returned unchanged, and fields a script did not have are
not added on the way out, so a stored script reads back exactly as it was written.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from vidgen.errors import BadInput
from vidgen.script.sentences import sentence_count
from vidgen.visual.spec import Visual

LAYOUTS = ("title_and_main_content", "split_screen", "custom")
MAX_SCENES = 50
MAX_NARRATION = 5000
MAX_DEPTH = 64  # nesting of any JSON vidgen takes in; a script needs about 8
MAX_SEQ = 9999  # scene numbers 1..9999: a seq is part of file names and of what people type
MAX_SAFE_INT = 2 ** 53  # a browser's JSON.parse rounds whole numbers beyond this: 2^53 + 1 reads back as 2^53


class Scene(BaseModel):
    model_config = ConfigDict(extra="allow")

    seq: int = Field(ge=1, le=MAX_SEQ)
    text: str
    anim: str = ""
    layout: Literal["title_and_main_content", "split_screen", "custom"] | None = None
    duration_sec: float | None = Field(default=None, ge=0, le=600)
    on_screen: list[str] | str | None = None
    media: str | None = None
    voice: str | None = None
    visual: Visual | None = None

    @field_validator("text")
    @classmethod
    def _narration(cls, text: str) -> str:
        if not text.strip():
            raise ValueError("the narration is empty; write what the narrator says")
        if len(text) > MAX_NARRATION:
            raise ValueError(f"the narration has {len(text)} characters; the limit is {MAX_NARRATION}")
        return text

    @model_validator(mode="after")
    def _visual_fits_narration(self) -> Scene:
        if self.visual is not None:
            self.visual.check_sentences(sentence_count(self.text))
        return self

    @property
    def effective_layout(self) -> str:
        return self.layout or "title_and_main_content"

    def files(self) -> list[tuple[str, str, bool]]:
        """(what, path, is_media) of every file the scene names: its media and its image visuals' pictures."""
        named = [(f"scene {self.seq}: media", self.media, True)] if self.media else []
        if self.visual is not None:
            from vidgen.visual.kinds import kind

            for element in self.visual.elements:
                if kind(element.kind).names_files:
                    named += [(f"scene {self.seq}, visual {element.id}", item.label.strip(), False)
                              for item in element.items if item.label.strip()]
        return named

    def media_file(self, home) -> Path | None:
        """The scene's media as a path (relative ones are under VIDGEN_HOME); missing -> BadInput."""
        if not self.media:
            return None
        from vidgen.store.media import local_path

        p = local_path(self.media, home)
        if not p.is_file():
            raise BadInput(f"scene {self.seq}: the media file {self.media} does not exist",
                           "give the path of an image or video file (relative to VIDGEN_HOME)")
        return p

    def on_screen_lines(self) -> list[str]:
        if self.on_screen is None:
            return []
        lines = self.on_screen.splitlines() if isinstance(self.on_screen, str) else self.on_screen
        return [line.strip() for line in lines if line and line.strip()]


class Script(BaseModel):
    model_config = ConfigDict(extra="allow")

    title: str
    scenes: list[Scene]

    @field_validator("title")
    @classmethod
    def _title(cls, title: str) -> str:
        if not title.strip():
            raise ValueError("the title is empty; give the script a title")
        return title

    @field_validator("scenes")
    @classmethod
    def _scenes(cls, scenes: list[Scene]) -> list[Scene]:
        if not scenes:
            raise ValueError("the script has no scenes; add at least one scene")
        if len(scenes) > MAX_SCENES:
            raise ValueError(f"the script has {len(scenes)} scenes; the limit is {MAX_SCENES}")
        return scenes

    @model_validator(mode="after")
    def _unique_seq(self) -> Script:
        seen: set[int] = set()
        for scene in self.scenes:
            if scene.seq in seen:
                raise ValueError(f"two scenes have seq {scene.seq}; give every scene its own seq")
            seen.add(scene.seq)
        return self

    def ordered_scenes(self) -> list[Scene]:
        return sorted(self.scenes, key=lambda s: s.seq)

    def dump(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_unset=True)


FIELD_NAMES = {"text": "narration", "seq": "seq", "anim": "visuals (anim)", "on_screen": "on-screen text"}


_PARTS = {"elements": "element", "items": "item", "steps": "step"}


def _visual_where(loc: tuple) -> str:
    """('elements', 0, 'items', 2, 'x') -> 'element 1 item 3 x' (counted from 1, as a person counts)."""
    words: list[str] = []
    for k, part in enumerate(loc):
        if isinstance(part, int) and k and str(loc[k - 1]) in _PARTS:
            words[-1] = f"{_PARTS[str(loc[k - 1])]} {part + 1}"
        else:
            words.append(str(part))
    return " ".join(words)


def _where(loc: tuple) -> str:
    """('scenes', 0, 'text') -> 'scene 1 narration': the words a user sees, not a JSON path."""
    if len(loc) >= 2 and loc[0] == "scenes" and isinstance(loc[1], int):
        if len(loc) > 2 and loc[2] == "visual":
            rest = _visual_where(loc[3:])
            return f"scene {loc[1] + 1}, visual" + (f" {rest}" if rest else "")
        rest = ".".join(str(p) for p in loc[2:])
        return f"scene {loc[1] + 1}" + (f" {FIELD_NAMES.get(rest, rest)}" if rest else "")
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def explain(error: ValidationError) -> str:
    """The first problem of a pydantic error, as one line a user can act on."""
    first = error.errors()[0]
    where = _where(tuple(first.get("loc", ())))
    msg = first.get("msg", "invalid").removeprefix("Value error, ")
    if where.endswith(" narration") and msg.startswith("the narration"):
        where = where.removesuffix(" narration") + ":"
    elif where.endswith(", visual") and msg[:1].isalpha() and msg.split(" ", 1)[0] in ("element", "step"):
        return f"{where} {msg}"  # the visual's own check already names the element or step
    elif msg.startswith("visual step"):
        return f"{where}, {msg}"
    if first.get("type") == "missing":
        msg = "is missing"
    elif first.get("type") == "literal_error":
        expected = ", ".join(LAYOUTS) if where.endswith(" layout") and ", visual" not in where else \
            str((first.get("ctx") or {}).get("expected", "")).replace("'", "")
        msg = f"is {first.get('input')!r}; use one of {expected}"
    elif first.get("type") in ("too_long", "too_short", "string_too_long"):
        ctx = first.get("ctx") or {}
        limit = ctx.get("max_length", ctx.get("min_length"))
        msg = (f"has {ctx.get('actual_length', 'too many')} entries; the "
               f"{'minimum' if first['type'] == 'too_short' else 'limit'} is {limit}")
        if isinstance(first.get("input"), str):
            msg = f"has {len(first['input'])} characters; the limit is {limit}"
    elif first.get("type") == "extra_forbidden":
        msg = f"is not a field vidgen knows here; remove it{_known_fields(tuple(first.get('loc', ())))}"
    msg = msg.replace("Input should be", "should be")
    return f"{where} {msg}" if where else msg


def _known_fields(loc: tuple) -> str:
    """' (an item has: id, label, …)' for an unknown field inside a visual: what it could have meant."""
    from vidgen.visual.spec import Element, Item, Step, Visual

    if len(loc) < 4 or loc[2] != "visual":
        return ""
    parent = tuple(p for p in loc[3:-1] if not isinstance(p, int))
    models: dict[tuple, tuple[type[BaseModel], str]] = {
        (): (Visual, "a visual"), ("elements",): (Element, "an element"), ("elements", "items"): (Item, "an item"),
        ("steps",): (Step, "a step")}
    if parent not in models:
        return ""
    model, what = models[parent]
    return f" ({what} has: {', '.join(model.model_fields)})"


def _json_path(path: tuple) -> str:
    return _where(path) if path else "the top level"


def check_json(data: Any, what: str = "the script") -> None:
    """Refuse what would crash later rather than now: nesting deeper than MAX_DEPTH (validation and
    the store's json.dumps recurse), lone surrogates, which are not characters and cannot be
    written as UTF-8 (a JSON `"\\ud800"` decodes to one), whole numbers beyond ±2^53 (a browser
    reads them back as other numbers) and NaN or infinite numbers (not JSON; Python's parser
    takes them). Walked without recursion."""
    stack: list[tuple[Any, tuple, int]] = [(data, (), 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise BadInput(f"{what} is nested too deeply (more than {MAX_DEPTH} levels, at {_json_path(path[:3])})",
                           "send flat JSON: a script needs only a few levels")
        if isinstance(value, int) and not -MAX_SAFE_INT <= value <= MAX_SAFE_INT:
            raise BadInput(f"{what} has a whole number beyond ±2^53 in {_json_path(path)}, which a browser "
                           f"cannot read back exactly", "send a smaller number, or the digits as text")
        if isinstance(value, float) and not math.isfinite(value):
            raise BadInput(f"{what} has a number that is not finite ({value}) in {_json_path(path)}",
                           "send a real number: NaN and Infinity are not JSON")
        if isinstance(value, str):
            try:
                value.encode("utf-8")  # only a surrogate cannot be encoded; this runs at C speed
            except UnicodeEncodeError as exc:
                bad = value[exc.start]
                raise BadInput(f"{what} has text that is not valid Unicode: a lone surrogate "
                               f"(\\u{ord(bad):04x}) in {_json_path(path)}",
                               "send real characters; an emoji in JSON is a pair of escapes, never one alone") from None
        elif isinstance(value, dict):
            for key, item in value.items():
                stack.append((key, path, depth + 1))
                stack.append((item, (*path, key), depth + 1))
        elif isinstance(value, list):
            stack.extend((item, (*path, i), depth + 1) for i, item in enumerate(value))


def parse_script(data: Any) -> Script:
    """Validate a script given as a dict; bad input raises BadInput with one line."""
    if not isinstance(data, dict):
        raise BadInput("a script must be a JSON object with a title and scenes",
                       'see the script format: {"title": ..., "scenes": [{"seq": 1, "text": ...}]}')
    check_json(data)
    try:
        return Script.model_validate(data)
    except ValidationError as exc:
        raise BadInput(f"invalid script: {explain(exc)}") from None
