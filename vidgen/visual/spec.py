"""The visual spec (docs/visuals.md): a scene's picture as data, never code.

Flat on purpose (one Element type with a `kind`, one Item type) so an LLM's structured
output fills it reliably. Validation is strict: a user's save with a broken visual is
refused with one line naming the scene and the field; writers repair what a model got
wrong (`vidgen.author.repair`) instead of failing. What each kind's items mean and need is
the kind's own (`vidgen.visual.kinds`); this module holds the rules every kind shares and
the bounds on every value, so no picture asks for unbounded work.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from vidgen.visual.kinds import BASIC_ACTIONS, KINDS, either, kind

ACTIONS = ("show", "highlight", "trace", "rotate", "move", "transform", "hide")
LAYOUTS = ("full", "split", "title")
MAX_ELEMENTS, MAX_ITEMS, MAX_STEPS = 4, 8, 16
MAX_NUMBER = 1e9      # coordinates, values and range ends (a year, a population, a size)
MAX_ANGLE = 3600.0    # a rotation, in degrees either way: ten turns
MAX_SENTENCE = 4999   # a narration has at most 5,000 characters, so never more sentences

Action = Literal["show", "highlight", "trace", "rotate", "move", "transform", "hide"]
ID = r"^[A-Za-z0-9_-]{1,24}$"
_MATRIX_PART = re.compile(r"^(row|col)(\d+)$")
# what an action does, for the message when a kind does not take it ({kinds}: the kinds that do)
_ACTION_RULE = {"trace": "trace follows an item of a {kinds} element",
                "rotate": "rotate turns one {kinds} item (target E.itemid)",
                "move": "move moves one {kinds} item (target E.itemid)",
                "transform": "transform changes an item of a {kinds} element"}


def _finite(value: float | None, what: str) -> float | None:
    if value is not None and (not math.isfinite(value) or abs(value) > MAX_NUMBER):
        raise ValueError(f"{what} must be a finite number up to {MAX_NUMBER:g}, not {value!r}")
    return value


class _Strict(BaseModel):
    # unknown fields inside a visual are a mistake worth reporting (they would be silently ignored)
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Item(_Strict):
    id: str | None = Field(None, pattern=ID, description="short id that steps can target")
    label: str = Field("", max_length=200, description="the text; $...$ is math")
    detail: str | None = Field(None, max_length=120, description="a second line (compare: left or right)")
    x: float | None = None
    y: float | None = None
    value: float | None = None
    to: str | None = Field(None, pattern=ID, description="flow only: the id of the item the arrow goes to")

    @field_validator("x", "y", "value")
    @classmethod
    def _numbers(cls, v: float | None) -> float | None:
        return _finite(v, "a number")


def _kind_enum(schema: dict[str, Any]) -> None:
    schema["enum"] = KINDS.names()   # at schema time: plugins' kinds included


def _kind_forms(schema: dict[str, Any]) -> None:
    # what the studio builds each kind's form from (served in /openapi.json with the rest of the spec)
    schema["x-kinds"] = [k.form() for k in KINDS.all()]


class Evidence(_Strict):
    """The words that justify an element: a verbatim span of one of the scene's fields."""

    source: Literal["text", "anim", "on_screen", "title"]
    quote: str = Field(min_length=1, max_length=300, description="verbatim words from that field of the scene")


class Element(_Strict):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, json_schema_extra=_kind_forms)

    id: str = Field(pattern=ID, description="short, unique in the scene")
    kind: str = Field(json_schema_extra=_kind_enum, description="what is drawn (docs/visuals.md)")
    items: list[Item] = Field(default_factory=list, max_length=MAX_ITEMS)
    x_range: tuple[float, float] | None = Field(None, description="plot and plane only")
    y_range: tuple[float, float] | None = Field(None, description="plot and plane only")
    caption: str | None = Field(None, max_length=120, description="a line under the element")
    sketch: bool = Field(False, description="plot only: a shape the words describe, not data; its axes carry no "
                                            "numbers (the caption names them)")
    evidence: list[Evidence] = Field(default_factory=list, max_length=8,
                                     description="the scene's words this element is drawn from")
    edited: bool = Field(False, description="changed by hand: the derivation never overwrites it")

    @model_serializer(mode="wrap")
    def _lean(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # a visual without evidence dumps exactly as before the fields existed (stored scripts unchanged)
        out: dict[str, Any] = handler(self)
        if not out.get("evidence"):
            out.pop("evidence", None)
        if not out.get("edited"):
            out.pop("edited", None)
        if not out.get("sketch"):
            out.pop("sketch", None)
        return out

    @field_validator("kind")
    @classmethod
    def _kind(cls, v: str) -> str:
        if KINDS.find(v) is None:
            # worded as pydantic words a Literal's error, so every unknown value reads alike
            expected = either([repr(n) for n in KINDS.names()])
            raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": expected})
        return v

    @field_validator("x_range", "y_range")
    @classmethod
    def _range(cls, v: tuple[float, float] | None) -> tuple[float, float] | None:
        if v is not None:
            _finite(v[0], "a range's start")
            _finite(v[1], "a range's end")
            if not v[0] < v[1]:
                raise ValueError(f"a range goes from a smaller to a larger number, not {list(v)}")
        return v


class Step(_Strict):
    sentence: int = Field(ge=0, le=MAX_SENTENCE, description="0-based index of the narration sentence that starts it")
    action: Action
    target: str = Field(min_length=1, max_length=60, description="E, E.itemid or E.N (0-based)")
    value: float | None = None
    x: float | None = None
    y: float | None = None

    @field_validator("value", "x", "y")
    @classmethod
    def _numbers(cls, v: float | None) -> float | None:
        return _finite(v, "a number")


@dataclass(frozen=True)
class Target:
    """Where a step points: an element, one of its items, or a row/column (a matrix's)."""

    element: int
    item: int | None = None
    part: tuple[str, int] | None = None  # ("row", 1) / ("col", 0) of a matrix


class Visual(_Strict):
    layout: Literal["full", "split", "title"] = "full"
    title: str | None = Field(None, max_length=70)
    elements: list[Element] = Field(min_length=1, max_length=MAX_ELEMENTS)
    steps: list[Step] = Field(default_factory=list, max_length=MAX_STEPS)

    def element(self, element_id: str) -> Element | None:
        return next((e for e in self.elements if e.id == element_id), None)

    def resolve(self, target: str) -> Target:
        """`E`, `E.itemid`, `E.N` or a matrix's `E.row1` / `E.col0`; ValueError naming what is missing."""
        head, _, tail = target.partition(".")
        index = next((i for i, e in enumerate(self.elements) if e.id == head), None)
        if index is None:
            ids = ", ".join(e.id for e in self.elements)
            raise ValueError(f"no element {head!r} (the elements are {ids})")
        if not tail:
            return Target(index)
        element = self.elements[index]
        for j, item in enumerate(element.items):
            if item.id == tail:
                return Target(index, j)
        if tail.isdigit():
            if int(tail) < len(element.items):
                return Target(index, int(tail))
            raise ValueError(f"element {head} has {len(element.items)} items, so there is no item {tail} "
                             f"(counted from 0)")
        part = _MATRIX_PART.match(tail)
        if part and kind(element.kind).rows_and_columns:
            n = int(part[2])
            rows = [row.label.split() for row in element.items]
            size = len(rows) if part[1] == "row" else max((len(r) for r in rows), default=0)
            if n < size:
                return Target(index, None, (part[1], n))
            raise ValueError(f"{element.kind} {head} has no {part[1]} {n} (counted from 0)")
        raise ValueError(f"no item {tail!r} in element {head}")

    @model_validator(mode="after")
    def _consistent(self) -> Visual:
        seen: set[str] = set()
        for n, element in enumerate(self.elements, 1):
            if element.id in seen:
                raise ValueError(f"element {n}: two elements have the id {element.id!r}; give each its own")
            seen.add(element.id)
            _check_element(element, n)
        for n, step in enumerate(self.steps, 1):
            try:
                target = self.resolve(step.target)
                _check_step(self, step, target)
            except ValueError as exc:
                raise ValueError(f"step {n}: {exc}") from None
        return self

    def check_sentences(self, count: int) -> None:
        """Every step's sentence exists in a narration of `count` sentences."""
        for n, step in enumerate(self.steps, 1):
            if step.sentence >= count:
                said = "1 sentence" if count == 1 else f"{count} sentences"
                raise ValueError(f"visual step {n}: sentence {step.sentence} is past the narration, which has "
                                 f"{said} (counted from 0)")


def _check_element(element: Element, n: int) -> None:
    from vidgen.visual.tex import check_math

    where = f"element {n} ({element.id})"
    own = kind(element.kind)
    if not own.ranged and (element.x_range or element.y_range):
        ranged = [k.name for k in KINDS.all() if k.ranged]
        raise ValueError(f"{where}: x_range and y_range belong to {either(ranged).replace(' or ', ' and ')} "
                         f"elements, not {element.kind}")
    if element.sketch and element.kind != "plot":
        raise ValueError(f"{where}: sketch belongs to plot elements, not {element.kind}; remove it")
    ids = [i.id for i in element.items if i.id]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{where}: two items have the same id; give each its own")
    for k, item in enumerate(element.items, 1):
        at = f"{where} item {k}"
        try:
            for text in (item.label, item.detail or ""):
                check_math(text)
            if item.to is not None and "to" not in own.fields:
                raise ValueError(f"'to' is for {either(KINDS.with_field('to'))} elements only")
            own.check_item(element, item)
        except ValueError as exc:
            raise ValueError(f"{at}: {exc}") from None
    try:
        own.check_element(element)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None


def _check_step(visual: Visual, step: Step, target: Target) -> None:
    if step.action in BASIC_ACTIONS:
        return
    own = kind(visual.elements[target.element].kind)
    if step.action not in own.actions:
        raise ValueError(_ACTION_RULE[step.action].format(kinds=either(KINDS.taking(step.action))))
    if step.action == "rotate" and step.value is not None and abs(step.value) > MAX_ANGLE:
        raise ValueError(f"rotate turns by at most {MAX_ANGLE:g} degrees either way (ten turns), "
                         f"not {step.value:g}")
    own.check_step(visual, step, target)
