"""The command line: a thin adapter over `vidgen.service.Vidgen`.

Each command module is handed the app (`register(app)`) and shares `common` for output.
Heavy libraries are imported inside the commands, so `vidgen --help` stays fast. Errors
become one line on stderr and the exit code of their class (0 ok, 1 failure, 2 bad
input, 130 interrupted); `--debug` adds the traceback.
"""

from __future__ import annotations

import sys
from typing import Any

import typer

from vidgen import __version__
from vidgen.cli import jobs, scripts, server, users, videos, workers


# Help and usage errors are click's plain text: rich's boxed help costs ~90 ms of imports on every
# `vidgen --help` (rich.markdown, rich.traceback, ...). Rich still draws progress bars and tables,
# imported when a command needs them.
class _Grouped(typer.core.TyperGroup):
    """Plain help that still lists the commands in their groups (each command's `rich_help_panel`)."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        groups: dict[str, list[tuple[str, str]]] = {}
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is None or cmd.hidden:
                continue
            panel = getattr(cmd, "rich_help_panel", None) or "Commands"
            groups.setdefault(panel, []).append((name, cmd.get_short_help_str(limit=300)))  # whole, wrapped
        for panel, rows in groups.items():
            with formatter.section(panel):
                formatter.write_dl(rows)


app = typer.Typer(help="vidgen: turn a topic into a narrated video, offline.", no_args_is_help=True,
                  pretty_exceptions_enable=False, rich_markup_mode=None, cls=_Grouped,
                  context_settings={"max_content_width": 110})
STATE = {"debug": False}


def _version(value: bool) -> None:
    if value:
        print(f"vidgen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors."),
          version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    STATE["debug"] = debug


for module in (scripts, videos, jobs, workers, server, users):
    module.register(app)


@app.command(rich_help_panel="Server and set-up")
def completion(shell: str = typer.Argument(..., help="bash, zsh or fish.")) -> None:
    """Print the shell completion script for bash, zsh or fish: vidgen completion bash >> ~/.bashrc"""
    from typer._completion_shared import get_completion_script

    from vidgen.errors import BadInput

    if shell not in ("bash", "zsh", "fish"):
        raise BadInput(f"no completion for the shell {shell!r}", "use bash, zsh or fish")
    print(get_completion_script(prog_name="vidgen", complete_var="_VIDGEN_COMPLETE", shell=shell))


def main() -> None:
    try:
        code = app(standalone_mode=False, prog_name="vidgen")  # the same name however it was started
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except Exception as exc:
        _fail(exc)
    sys.exit(code if isinstance(code, int) else 0)


def _fail(exc: BaseException) -> None:
    """The one mapping of errors to exit codes and one-line messages."""
    from vidgen.errors import VidgenError, disk_full, is_disk_full

    if isinstance(exc, typer.Abort):
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    if isinstance(exc, typer.Exit):
        if exc.exit_code == 130 and isinstance(exc.__cause__, KeyboardInterrupt):  # typer's way of saying Ctrl-C
            sys.stderr.write("interrupted\n")
        sys.exit(exc.exit_code)
    code = getattr(exc, "exit_code", None)
    if hasattr(exc, "show") and isinstance(code, int):  # click's usage errors
        exc.show()
        sys.exit(code)
    if STATE["debug"]:
        import traceback

        traceback.print_exception(exc)
    if isinstance(exc, OSError) and is_disk_full(exc):   # a write not mapped where it happened: the same words
        import os

        exc = disk_full(os.path.dirname(exc.filename) if isinstance(exc.filename, str) else "VIDGEN_HOME")
    if isinstance(exc, VidgenError):
        sys.stderr.write(f"error: {exc}\n")
        sys.exit(exc.exit_code)
    hint = "" if STATE["debug"] else " (run with --debug for the traceback)"
    sys.stderr.write(f"error: unexpected {type(exc).__name__}: {exc}{hint}\n")
    sys.exit(1)
