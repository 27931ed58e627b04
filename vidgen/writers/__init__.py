"""Script writers, behind one registry.

A writer is a module in this package that calls `register`. Built-ins are registered the
same way a new one would be, so adding a writer is adding one module.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from vidgen.config import Settings
from vidgen.errors import BadInput

# The kinds of variation asked for, in order; an LLM writer gets the same hints.
STYLES = (
    ("explainer", "a clear explainer that builds the idea step by step"),
    ("story", "a short story that follows a curious person discovering the idea"),
    ("countdown", "a quick-facts countdown, most surprising fact last"),
    ("myth-buster", "common misconceptions, each one corrected"),
    ("deep-dive", "a deeper look for viewers who know the basics"),
)


class Written(dict):
    """A written script (a plain dict in the script format) that also carries what the writer fixed on the way.

    A dict subclass so every caller of `Writer.write` keeps working unchanged; a caller that wants the
    notes for the version's note reads `.notes` (or calls `version_note`).
    """

    def __init__(self, script: Mapping[str, Any], notes: Iterable[str] = ()):
        super().__init__(script)
        self.notes: list[str] = list(notes)


class Writer(Protocol):
    name: str

    def problem(self) -> str | None:
        """Why this writer cannot run with the current settings, or None."""

    async def write(self, topic: str, style: int, *, language: str, source: str | None) -> dict[str, Any]:
        """One script variation, as a dict in the script format; a `Written` when there are notes."""


def version_note(writer_name: str, script: Mapping[str, Any], limit: int = 600) -> str:
    """The note stored with a newly written version: 'written by gemini; visuals repaired: scene 2: ...'."""
    note = f"written by {writer_name}"
    notes = getattr(script, "notes", None) or []
    if notes:
        fixes = "; ".join(notes)
        if len(fixes) > limit:
            kept = fixes[:limit].rsplit("; ", 1)[0]
            fixes = f"{kept}; and {len(notes) - kept.count('; ') - 1} more"
        note += f"; visuals repaired: {fixes}"
    return note


_REGISTRY: dict[str, Callable[[Settings], Writer]] = {}
_DISCOVERED = False


def register(name: str):
    def deco(factory):
        _REGISTRY[name] = factory
        return factory

    return deco


def _discover() -> None:
    # a flag, not "is the registry empty": importing one writer directly (the Gemini voice
    # imports gemini.py) must not hide the others
    global _DISCOVERED
    if _DISCOVERED:
        return
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    _DISCOVERED = True


def names() -> list[str]:
    _discover()
    return sorted(_REGISTRY)


def get_writer(name: str, settings: Settings) -> Writer:
    _discover()
    if name not in _REGISTRY:
        raise BadInput(f"unknown script writer {name!r}", f"use one of: {', '.join(names())}")
    return _REGISTRY[name](settings)
