"""Script writers, behind one registry.

A writer is a module in this package that calls `register`. Built-ins are registered the
same way a new one would be, so adding a writer is adding one module.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any, Callable, Protocol

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


class Writer(Protocol):
    name: str

    def problem(self) -> str | None:
        """Why this writer cannot run with the current settings, or None."""

    async def write(self, topic: str, style: int, *, language: str, source: str | None) -> dict[str, Any]:
        """One script variation, as a dict in the script format."""


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
