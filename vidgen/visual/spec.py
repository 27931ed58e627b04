"""The visual spec of ../shared/VISUALS.md: a scene's picture as data, never code.

Flat on purpose (one Element type with a `kind`, one Item type) so an LLM's structured
output fills it reliably. Validation is strict: a user's save with a broken visual is
refused with one line naming the scene and the field; writers repair what a model got
wrong (`vidgen.author.repair`) instead of failing.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

KINDS = ("text", "bullets", "flow", "equation", "plot", "plane", "shapes", "bars", "timeline", "compare",
         "matrix", "code", "image")
ACTIONS = ("show", "highlight", "trace", "rotate", "move", "transform", "hide")
LAYOUTS = ("full", "split", "title")
SHAPES = ("circle", "square", "rectangle", "triangle", "polygon", "line", "angle",
          "cube", "sphere", "cylinder", "cone", "pyramid")
SIDES = ("left", "right")
MAX_ELEMENTS, MAX_ITEMS, MAX_STEPS = 4, 8, 16
MAX_NUMBER = 1e9

Kind = Literal["text", "bullets", "flow", "equation", "plot", "plane", "shapes", "bars", "timeline", "compare",
               "matrix", "code", "image"]
Action = Literal["show", "highlight", "trace", "rotate", "move", "transform", "hide"]
ID = r"^[A-Za-z0-9_-]{1,24}$"
_MATRIX_PART = re.compile(r"^(row|col)(\d+)$")


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


class Evidence(_Strict):
    """The words that justify an element: a verbatim span of one of the scene's fields."""

    source: Literal["text", "anim", "on_screen", "title"]
    quote: str = Field(min_length=1, max_length=300, description="verbatim words from that field of the scene")


class Element(_Strict):
    id: str = Field(pattern=ID, description="short, unique in the scene")
    kind: Kind
    items: list[Item] = Field(default_factory=list, max_length=MAX_ITEMS)
    x_range: tuple[float, float] | None = Field(None, description="plot and plane only")
    y_range: tuple[float, float] | None = Field(None, description="plot and plane only")
    caption: str | None = Field(None, max_length=120, description="a line under the element")
    evidence: list[Evidence] = Field(default_factory=list, max_length=8,
                                     description="the scene's words this element is drawn from")
    edited: bool = Field(False, description="changed by hand: the derivation never overwrites it")

    @model_serializer(mode="wrap")
    def _lean(self, handler: SerializerFunctionWrapHandler) -> dict:
        # a visual without evidence dumps exactly as before the fields existed (stored scripts unchanged)
        out = handler(self)
        if not out.get("evidence"):
            out.pop("evidence", None)
        if not out.get("edited"):
            out.pop("edited", None)
        return out

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
    sentence: int = Field(ge=0, description="0-based index of the narration sentence that starts it")
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
    """Where a step points: an element, one of its items, or a matrix row/column."""

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
        if part and element.kind == "matrix":
            n = int(part[2])
            rows = [row.label.split() for row in element.items]
            size = len(rows) if part[1] == "row" else max((len(r) for r in rows), default=0)
            if n < size:
                return Target(index, None, (part[1], n))
            raise ValueError(f"matrix {head} has no {part[1]} {n} (counted from 0)")
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
    if element.kind not in ("plot", "plane") and (element.x_range or element.y_range):
        raise ValueError(f"{where}: x_range and y_range belong to plot and plane elements, not {element.kind}")
    ids = [i.id for i in element.items if i.id]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{where}: two items have the same id; give each its own")
    for k, item in enumerate(element.items, 1):
        at = f"{where} item {k}"
        for text in (item.label, item.detail or ""):
            try:
                check_math(text)
            except ValueError as exc:
                raise ValueError(f"{at}: {exc}") from None
        if item.to is not None and element.kind != "flow":
            raise ValueError(f"{at}: 'to' is for flow elements only")
        if element.kind == "flow" and item.to is not None and item.to not in ids:
            raise ValueError(f"{at}: its arrow goes to {item.to!r}, which is not an item of {element.id}")
        if element.kind == "plot":
            from vidgen.visual.expr import check_expr

            try:
                check_expr(item.label)
            except ValueError as exc:
                raise ValueError(f"{at}: {exc}") from None
        elif element.kind == "plane" and (item.x is None or item.y is None):
            raise ValueError(f"{at}: a plane item needs x and y (where its vector points)")
        elif element.kind == "shapes" and item.label.strip().lower() not in SHAPES:
            raise ValueError(f"{at}: {item.label!r} is not a shape; use one of {', '.join(SHAPES)}")
        elif element.kind == "bars" and item.value is None:
            raise ValueError(f"{at}: a bar needs a value")
        elif element.kind == "compare" and (item.detail or "").strip().lower() not in SIDES:
            raise ValueError(f"{at}: a compare item's detail says its column: left or right")
        elif element.kind == "matrix" and not item.label.split():
            raise ValueError(f"{at}: a matrix row is its entries separated by spaces, e.g. '1 2 3'")
        elif element.kind != "shapes" and not item.label.strip() and element.kind not in ("plane", "bars"):
            raise ValueError(f"{at}: the label is empty")
    if element.kind == "matrix" and element.items:
        widths = {len(i.label.split()) for i in element.items}
        if len(widths) > 1:
            raise ValueError(f"{where}: every matrix row needs the same number of entries")


def _check_step(visual: Visual, step: Step, target: Target) -> None:
    element = visual.elements[target.element]
    kind, item = element.kind, (element.items[target.item] if target.item is not None else None)
    if step.action == "rotate":
        if kind != "plane" or item is None:
            raise ValueError("rotate turns one plane item (target P.itemid)")
        if step.value is None:
            raise ValueError("rotate needs value: the angle in degrees")
    elif step.action == "move":
        if kind not in ("plane", "shapes") or item is None:
            raise ValueError("move moves one plane or shapes item (target E.itemid)")
        if step.x is None or step.y is None:
            raise ValueError("move needs x and y: where the item goes")
    elif step.action == "trace":
        if kind == "plane" and item is None:
            raise ValueError("trace on a plane follows one vector (target P.itemid)")
        if kind not in ("plot", "plane"):
            raise ValueError("trace follows a plot curve or a plane vector")
    elif step.action == "transform":
        if kind in ("equation", "text"):
            if target.item is None:
                raise ValueError("transform changes one line into another (target E.N)")
            ahead = int(step.value) if step.value is not None else 1
            if step.value is not None and step.value != ahead or ahead < 1:
                raise ValueError("transform's value is how many lines ahead the new line is (1, 2, ...)")
            if target.item + ahead >= len(element.items):
                raise ValueError(f"line {target.item} of {element.id} has no line {ahead} ahead to become")
        elif kind == "plane":
            if item is None or step.x is None or step.y is None:
                raise ValueError("transform on a plane moves one item to the point x, y")
        else:
            raise ValueError("transform changes an equation or text line, or a plane item")


def visual_json_schema() -> dict:
    """The JSON schema of a visual, for LLM structured output and the studio's editor."""
    return Visual.model_json_schema()
