"""Script writers, behind the provider registry (`vidgen.registry`).

A writer is a class registered with `WRITERS.register(name)`: built-ins are listed in
DEFAULT_WRITERS and register themselves like a plugin (entry point group
`vidgen.writers`) would, so adding a writer is adding one module.
"""

from __future__ import annotations

from typing import Any, ClassVar, Protocol

from vidgen.config import Option, Settings
from vidgen.registry import Readiness, Registry

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


class Writer(Protocol):
    name: ClassVar[str]
    summary: ClassVar[str]
    options: ClassVar[tuple[Option, ...]]

    def __init__(self, settings: Settings) -> None: ...

    @classmethod
    def check(cls, settings: Settings) -> Readiness:
        """Whether this writer can run with these settings (no network call)."""

    async def write(self, topic: str, style: int, *, language: str, source: str | None) -> dict[str, Any]:
        """One script variation, as a dict in the script format."""


WRITERS: Registry[Writer] = Registry("script writer", "vidgen.writers", DEFAULT_WRITERS, {"ollama": "openai"})
register = WRITERS.register


def names() -> list[str]:
    return WRITERS.names()


def get_writer(name: str, settings: Settings) -> Writer:
    return WRITERS.create(name, settings)
