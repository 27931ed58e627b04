"""What every command shares: the service, JSON or human output, tables, the progress bar.

stdout carries the data (one JSON document with --json); messages and progress go to stderr.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer

JsonOpt = typer.Option(False, "--json", help="Print one JSON document on stdout, nothing else.")
# no short form: `-v` reads as "verbose" or "--version" to most people, not as a script version
VersionOpt = typer.Option(None, "--version", help="Script version (default: the latest).")


def service() -> Any:
    from vidgen.service import Vidgen

    return Vidgen()


def job_service() -> Any:
    from vidgen.jobs import JobService

    return JobService(service())


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM stops the command as Ctrl-C does, so what it was writing is marked interrupted, not left pending."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_term(_signum: int, frame: Any) -> None:
        handler = signal.getsignal(signal.SIGINT)  # asyncio's while a loop runs: it cancels the tasks cleanly
        if callable(handler) and handler is not signal.default_int_handler:
            handler(signal.SIGINT, frame)
        else:
            raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def emit(data: Any, as_json: bool, human: Callable[[Any], None] | None = None) -> None:
    if as_json or human is None:
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
    else:
        human(data)


def console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def say(message: str) -> None:
    """One line for the person at the terminal (stderr, so stdout stays clean); never wrapped by us, so a
    command in it can be copied whole."""
    console(stderr=True).print(message, soft_wrap=True)


def piped() -> bool:
    """stdout goes to a pipe or a file, not a person: print lines a program can split, nothing cut."""
    return not sys.stdout.isatty()


def _cell(v: Any) -> str:
    return "" if v is None else " ".join(str(v).split())


def table(columns: list[str], rows: list[list[Any]], title: str | None = None, empty: str | None = None) -> None:
    """A table at a terminal (long values fold onto more lines, never cut), tab-separated lines in a pipe
    (no header: the first column is the whole id). `empty`: what to say when there are no rows."""
    if not rows and empty:
        say(empty)
        return
    if piped():
        sys.stdout.write("".join("\t".join(_cell(v) for v in row) + "\n" for row in rows))
        return
    from rich.markup import escape
    from rich.table import Table

    t = Table(title=title, show_lines=False)
    for k, name in enumerate(columns):
        # the first column is an id to copy: kept on one line; the others fold rather than end in '…'
        t.add_column(name, overflow="fold", no_wrap=k == 0)
    for row in rows:
        t.add_row(*[escape(_cell(v)) for v in row])
    console().print(t)


def plain_math(text: str) -> str:
    """Labels as a person reads them in a terminal: `$\\checkmark$` as ✓, `$x^2$` as x², no dollar signs."""
    import re

    if "$" not in text:
        return text
    symbols = {r"\checkmark": "✓", r"\times": "×", r"\cdot": "·", r"\pi": "π", r"\theta": "θ", r"\alpha": "α",
               r"\beta": "β", r"\lambda": "λ", r"\mu": "μ", r"\sigma": "σ", r"\Delta": "Δ", r"\infty": "∞",
               r"\le": "≤", r"\ge": "≥", r"\neq": "≠", r"\approx": "≈", r"\to": "→", r"\rightarrow": "→",
               r"\sqrt": "√", r"\pm": "±", r"\div": "÷", r"\circ": "°", r"\degree": "°"}
    sup = str.maketrans("0123456789+-n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ⁿ")
    sub = str.maketrans("0123456789+-", "₀₁₂₃₄₅₆₇₈₉₊₋")

    def one(m: re.Match[str]) -> str:
        body = m[1]
        for k in sorted(symbols, key=len, reverse=True):
            body = re.sub(re.escape(k) + r"(?![A-Za-z])", symbols[k], body)
        body = re.sub(r"\^\{?([0-9+\-n]+)\}?", lambda s: s[1].translate(sup), body)
        body = re.sub(r"_\{?([0-9+\-]+)\}?", lambda s: s[1].translate(sub), body)
        body = re.sub(r"\\(?:frac)\{([^{}]*)\}\{([^{}]*)\}", r"(\1)/(\2)", body)
        body = re.sub(r"\\(?:mathrm|text|mathbf|mathit)\{([^{}]*)\}", r"\1", body)
        return body.replace("{", "").replace("}", "").replace("\\", "")
    return re.sub(r"\$([^$]+)\$", one, text)


def when(ts: float | None) -> str:
    if not ts:
        return ""
    import datetime

    return datetime.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M")


class ProgressBar:
    """A rich progress bar on stderr (stdout stays clean for --json); off when stderr is not a terminal."""

    def __init__(self, enabled: bool):
        self.enabled = enabled and sys.stderr.isatty()
        self.bar: Any = None

    def __enter__(self) -> ProgressBar:
        if self.enabled:
            from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("[bold]{task.fields[stage]:<7}"), BarColumn(),
                                TextColumn("{task.percentage:>3.0f}%"), TimeRemainingColumn(),
                                TextColumn("[dim]{task.description}"), console=console(stderr=True),
                                transient=True)
            self.bar.__enter__()
            self.task = self.bar.add_task("", total=100, stage="start")
        return self

    def __call__(self, stage: str, fraction: float, message: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=fraction * 100, stage=stage, description=message)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)
