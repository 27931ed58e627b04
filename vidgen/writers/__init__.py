"""Script writers, behind the provider registry (`vidgen.registry`).

A writer is a class registered with `WRITERS.register(name)`: built-ins are listed in
DEFAULT_WRITERS and register themselves like a plugin (entry point group
`vidgen.writers`) would, so adding a writer is adding one module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from vidgen.config import Settings
from vidgen.registry import Provider, Registry

# The kinds of variation asked for, in order; an LLM writer gets the same hints.
STYLES = (
    ("explainer", "a clear explainer that builds the idea step by step"),
    ("story", "a short story that follows a curious person discovering the idea"),
    ("countdown", "a quick-facts countdown, most surprising fact last"),
    ("myth-buster", "common misconceptions, each one corrected"),
    ("deep-dive", "a deeper look for viewers who know the basics"),
)

DEFAULT_WRITERS = {"offline": "vidgen.writers.offline", "gemini": "vidgen.writers.gemini",
                   "openai": "vidgen.writers.openai"}


class Written(dict):
    """A written script (a plain dict in the script format) that also carries what the writer fixed on the way.

    A dict subclass so every caller of `Writer.write` keeps working unchanged; a caller that wants the
    notes for the version's note reads `.notes` (or calls `version_note`).
    """

    def __init__(self, script: Mapping[str, Any], notes: Iterable[str] = ()):
        super().__init__(script)
        self.notes: list[str] = list(notes)


class Writer(Provider, Protocol):
    """A provider (name, summary, options, check) that writes scripts."""

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


WRITERS: Registry[Writer] = Registry("script writer", "vidgen.writers", DEFAULT_WRITERS, {"ollama": "openai"})
register = WRITERS.register


def names() -> list[str]:
    return WRITERS.names()


def get_writer(name: str, settings: Settings) -> Writer:
    return WRITERS.create(name, settings)
