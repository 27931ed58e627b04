"""Picture kinds are a registry: each kind is one class, and every list of kinds is read from here.

A kind's class says everything vidgen knows about it: its spec rules (what its items need, which
actions it takes), its flags (a drawing or text, framed or not, ranges, files), its words (what
`vidgen show` and the studio say of it, the writers' prompt line, the studio's form), its repairs
(what a model's answer of this kind is coerced into) and, through `vidgen.draw.kinds.base.Drawer`,
its drawing and the room it wants. The base class here holds the defaults and nothing drawn, so the
spec (this package, the bottom layer) stays light.

Built-in kinds are the modules of `vidgen.draw.kinds`, each registering its class when imported
(`@register`); plugins add kinds through the `vidgen.kinds` entry point, as writers and voices do
(`vidgen.registry`). Kinds are found the first time one is asked for, never at import.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import re
import threading
from collections.abc import Iterator
from typing import Any, ClassVar, TypeVar

from vidgen.registry import Registry

log = logging.getLogger("vidgen")

BUILTIN_PACKAGE = "vidgen.draw.kinds"   # every module of it may register kinds (the drawers live there)
BASIC_ACTIONS = ("show", "highlight", "hide")   # every kind takes these
ITEM_FIELDS = ("x", "y", "value", "to")         # an item's fields besides label and detail
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,23}$")
_WORD = re.compile(r"\{(\w+)(?:\|([^}]*))?\}")


class Kind:
    """One picture kind. Subclasses set `name` and override what differs from these defaults."""

    name: ClassVar[str] = ""
    order: ClassVar[float] = 1000.0        # place in menus, lists and the prompt (plugins: after the built-ins)
    noun: ClassVar[str] = ""               # what a person calls it ("bar chart"); default: the name
    said: ClassVar[str] = ""               # how `vidgen show` starts it ("plot of"); default: the noun
    prompt: ClassVar[str] = ""             # what an item is, for the writers' prompt
    item_words: ClassVar[str] = "{label}"  # one item in words: {field} or {field|default}, see `words`
    hints: ClassVar[dict[str, str]] = {}   # the studio's placeholders for label and detail
    example: ClassVar[dict[str, Any]] = {}  # a small element of this kind (the studio adds it; tests draw it)
    aliases: ClassVar[tuple[str, ...]] = ()  # other names a model may give it (repairs map them)

    fields: ClassVar[tuple[str, ...]] = ()   # item fields it uses besides label and detail (ITEM_FIELDS)
    actions: ClassVar[tuple[str, ...]] = ()  # actions besides show, highlight and hide
    graphic: ClassVar[bool] = False        # a drawing: keeps its height when a column is tight, text gives way
    framed: ClassVar[bool] = False         # draws something (axes, a panel, cards) before any item shows
    ranged: ClassVar[bool] = False         # takes x_range and y_range
    in_a_row: ClassVar[bool] = False       # consecutive elements of this kind share a row (A B AB)
    rows_and_columns: ClassVar[bool] = False  # items are rows of space-separated entries: E.row1, E.col0 targets
    names_files: ClassVar[bool] = False    # its items' labels are local files (checked and served as media)
    label_is_math: ClassVar[bool] = True   # a label is text with $math$ (a plot's is a formula instead)
    needs_label: ClassVar[bool] = True     # a repair drops an item with no label
    show_seconds: ClassVar[float] = 0.6    # how long `show` takes
    staggered: ClassVar[bool] = True       # shown as a whole, its items appear one after another

    # -- spec rules: raise ValueError with what is wrong and the fix; the caller says where ---------
    # What the rules are given is the spec's own: an Element, Item, Step, Target or Visual of
    # `vidgen.visual.spec`, which a kind's override names. They are `Any` here because the spec finds its
    # kinds in this module: importing it back, even for types only, would close an import circle.
    @classmethod
    def check_item(cls, element: Any, item: Any) -> None:
        """One item's own rules (math in label and detail, ids, `to` are checked for every kind)."""
        if not item.label.strip():
            raise ValueError("the label is empty")

    @classmethod
    def check_element(cls, element: Any) -> None:
        """Rules across the element's items (after each item passed `check_item`)."""

    @classmethod
    def check_step(cls, visual: Any, step: Any, target: Any) -> None:
        """An action of `actions` aimed at this kind (the spec already checked that the kind takes it)."""

    # shared rules the built-in kinds use in `check_step`
    @staticmethod
    def item_of(visual: Any, target: Any, need: str) -> Any:
        """The targeted item, or ValueError(`need`) when the step aims at the whole element."""
        if target.item is None:
            raise ValueError(need)
        return visual.elements[target.element].items[target.item]

    @staticmethod
    def check_point(step: Any, what: str) -> None:
        if step.x is None or step.y is None:
            raise ValueError(f"{what} needs x and y: where the item goes")

    # -- words ---------------------------------------------------------------------------------
    @classmethod
    def words(cls, item: dict[str, Any]) -> str:
        """One item as `vidgen show` and the studio say it, from `item_words`: a field with no value and
        no default leaves the label alone; the label falls back to the item's id."""
        label = str(item.get("label") or item.get("id") or "")
        values = {**item, "label": label}
        missing = False

        def fill(m: re.Match[str]) -> str:
            nonlocal missing
            value = values.get(m[1])
            if value in (None, ""):
                if m[2] is None:
                    missing = True
                return m[2] or ""
            return f"{value:g}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)

        said = _WORD.sub(fill, cls.item_words)
        return label if missing else said

    @classmethod
    def form(cls) -> dict[str, Any]:
        """What the studio needs to edit an element of this kind (served in the spec's JSON schema)."""
        return {"name": cls.name, "noun": cls.noun or cls.name, "fields": list(cls.fields), "ranged": cls.ranged,
                "hints": dict(cls.hints), "item_words": cls.item_words, "example": cls.example}

    # -- repairs (a model's answer; see vidgen.author.repair) ------------------------------------
    @classmethod
    def repair_label(cls, fix: Any, item: dict[str, Any], label: str, where: str,
                     given: dict[str, Any]) -> str | None:
        """An item's label before the math checks (a formula, a row of numbers), or None to drop the item
        with a note (`fix.notes`). `item` holds its id and numbers and may be changed; `given` holds what a
        model wrote instead of them (magnitude, angle)."""
        return label

    @classmethod
    def repair_item(cls, fix: Any, item: dict[str, Any], label: str, detail: str | None,
                    where: str) -> tuple[str, str | None] | None:
        """An item's label and detail after the math checks, made what this kind draws, or None to drop it."""
        return label, detail

    @classmethod
    def repair_element(cls, fix: Any, element: dict[str, Any], where: str) -> None:
        """Rules across items (columns, row widths, ranges), fixed in place, each fix noted."""


class KindRegistry(Registry[Kind]):
    """The picture kinds: the built-in package's modules, then plugins' entry points, found once."""

    def __init__(self) -> None:
        super().__init__("picture kind", "vidgen.kinds", {})
        self._lock = threading.RLock()
        self._ready = False

    def add(self, cls: type[Kind]) -> type[Kind]:
        if not isinstance(cls, type) or not issubclass(cls, Kind) or not _NAME.match(cls.name or ""):
            raise TypeError(f"{cls!r} is not a picture kind: subclass vidgen.visual.kinds.Kind and give it a "
                            f"name of lowercase letters, digits and _")
        known = self._providers.get(cls.name)
        if known is not None and known is not cls and known.__module__.startswith("vidgen."):
            log.warning("the picture kind %r of %s is ignored: vidgen has a kind of that name", cls.name,
                        cls.__module__)
            return cls
        self._providers[cls.name] = cls
        return cls

    def _discover(self) -> None:
        # under a lock and marked ready only at the end: the server validates in several threads, and a
        # half-filled registry would call a good kind unknown
        if self._ready:
            return
        with self._lock:
            if self._ready or self._discovered:
                return
            self._discovered = True   # a kind module that asks for kinds while being imported sees what is there
            package = importlib.import_module(BUILTIN_PACKAGE)
            for module in pkgutil.iter_modules(package.__path__):
                importlib.import_module(f"{BUILTIN_PACKAGE}.{module.name}")
            from importlib.metadata import entry_points

            for ep in entry_points(group=self.group):
                try:
                    loaded = ep.load()  # importing the module registers its kinds; a class given directly is added
                    if isinstance(loaded, type) and loaded not in self._providers.values():
                        self.add(loaded)
                except Exception as exc:  # a broken plugin must not break vidgen; say which one
                    log.warning("the picture kind plugin %r could not be loaded: %s", ep.name, exc)
            self._ready = True

    def names(self) -> list[str]:
        """Every kind's name, built-ins in their order, then plugins'."""
        return [k.name for k in self.all()]

    def all(self) -> list[type[Kind]]:
        self._discover()
        return sorted(self._providers.values(), key=lambda k: (k.order, k.name))

    def find(self, name: str) -> type[Kind] | None:
        """The kind of that name, or None (no error: the spec words its own)."""
        if name not in self._providers or not self._ready:
            self._discover()
        return self._providers.get(name)

    def items(self) -> Iterator[tuple[str, type[Kind]]]:
        for kind in self.all():
            yield kind.name, kind

    def taking(self, action: str) -> list[str]:
        """The kinds that take an action besides show, highlight and hide."""
        return [k.name for k in self.all() if action in k.actions]

    def with_field(self, field: str) -> list[str]:
        return [k.name for k in self.all() if field in k.fields]


KINDS = KindRegistry()
K = TypeVar("K", bound=type[Kind])


def register(cls: K) -> K:
    """Class decorator: the kind is known to vidgen (built-ins and plugins alike)."""
    KINDS.add(cls)
    return cls


def kind(name: str) -> type[Kind]:
    """The kind of a validated element (KeyError for a name no kind has)."""
    found = KINDS.find(name)
    if found is None:
        raise KeyError(name)
    return found


def either(names: list[str]) -> str:
    """'plane', 'plane or shapes', 'text, equation or plane'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
