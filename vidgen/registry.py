"""One registry for every kind of provider (script writers, voices), built-ins and plugins alike.

A provider is a class with a `name`, a one-line `summary`, the `options` it reads and a
`check(settings)` that says whether it can run here. Built-ins are listed by module in
`builtins` and register themselves when imported, exactly as a plugin does; plugins are
found through `importlib.metadata` entry points (`vidgen.writers`, `vidgen.voices`), so
adding a provider is one file plus one line in a package's metadata.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from vidgen.config import Option, Settings
from vidgen.errors import BadInput

log = logging.getLogger("vidgen")


@dataclass(frozen=True)
class Readiness:
    """Whether a provider can run here, in one line, and the fix when it cannot."""

    ok: bool
    detail: str
    fix: str = ""
    # the reason and the fix in words for someone with no shell at hand (the studio): no variables, no
    # flags, no commands; "" when there is none (the studio then says in general words where to fix it)
    advice: str = ""


class Provider(Protocol):
    """What every writer and voice has: who it is, what it reads, whether it can run here."""

    name: ClassVar[str]
    summary: ClassVar[str]
    options: ClassVar[tuple[Option, ...]]

    def __init__(self, settings: Settings) -> None: ...

    @classmethod
    def check(cls, settings: Settings) -> Readiness:
        """Whether it can run with these settings (no network call, no synthesis)."""


P = TypeVar("P")
T = TypeVar("T")


class Registry(Generic[P]):
    def __init__(self, kind: str, group: str, builtins: dict[str, str], aliases: dict[str, str] | None = None):
        self.kind = kind                      # "script writer", "voice provider": for messages
        self.group = group                    # the entry point group plugins use
        self.builtins = builtins              # name -> module that registers it
        self.aliases = dict(aliases or {})
        self._providers: dict[str, type[P]] = {}
        self._discovered = False

    def register(self, name: str, *aliases: str) -> Callable[[type[T]], type[T]]:
        # checked for shape when used (`check`, `create`), not here: a provider class is a protocol match
        def deco(cls: type[T]) -> type[T]:
            self._providers[name] = cls  # type: ignore[assignment]
            for alias in aliases:
                self.aliases[alias] = name
            return cls

        return deco

    def _discover(self) -> None:
        # a flag, not "is it empty": importing one provider directly must not hide the others
        if self._discovered:
            return
        self._discovered = True
        for module in self.builtins.values():
            importlib.import_module(module)
        from importlib.metadata import entry_points

        for ep in entry_points(group=self.group):
            if ep.name in self._providers:
                continue
            try:
                loaded = ep.load()  # importing the module registers it; a class given directly is registered here
            except Exception as exc:  # a broken plugin must not break vidgen; say which one
                log.warning("the %s plugin %r could not be loaded: %s", self.kind, ep.name, exc)
                continue
            if ep.name not in self._providers and isinstance(loaded, type):
                self._providers[ep.name] = loaded

    def names(self) -> list[str]:
        self._discover()
        return sorted(self._providers)

    def canonical(self, name: str) -> str:
        name = self.aliases.get(name, name)
        if name not in self._providers:
            if name in self.builtins:
                importlib.import_module(self.builtins[name])  # the common case, without scanning plugins
            if name not in self._providers:
                self._discover()
        if name not in self._providers:
            raise BadInput(f"unknown {self.kind} {name!r}", f"use one of: {', '.join(self.names())}")
        return name

    def get(self, name: str) -> type[P]:
        return self._providers[self.canonical(name)]

    def create(self, name: str, settings: Settings) -> P:
        return self.get(name)(settings)  # type: ignore[call-arg]

    def items(self) -> Iterator[tuple[str, type[P]]]:
        """Built-ins in their listed order (the preferred first), then plugins by name."""
        names = self.names()
        for name in [*(n for n in self.builtins if n in names), *(n for n in names if n not in self.builtins)]:
            yield name, self._providers[name]

    def readiness(self, name: str, settings: Settings) -> Readiness:
        cls: Any = self.get(name)
        try:
            return cls.check(settings)
        except Exception as exc:  # a check must report, never crash doctor or the server
            return Readiness(False, f"its check failed: {type(exc).__name__}: {exc}")
