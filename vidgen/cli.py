"""The command line: a thin adapter over `vidgen.service.Vidgen`.

Heavy libraries (pydantic, moviepy, aiohttp, google-genai) are imported inside the
commands, so `vidgen --help` stays fast. Errors become one line on stderr and the exit
code of their class (0 ok, 1 failure, 2 bad input, 130 interrupted).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Optional

import typer

app = typer.Typer(help="vidgen: turn a topic into a narrated video, offline.", add_completion=False,
                  no_args_is_help=True, pretty_exceptions_enable=False)
STATE: dict[str, Any] = {"debug": False}

JsonOpt = typer.Option(False, "--json", help="Print one JSON document on stdout, nothing else.")


def service():
    from vidgen.service import Vidgen

    return Vidgen()


def emit(data: Any, as_json: bool, human=None) -> None:
    if as_json or human is None:
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
    else:
        human(data)


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def table(columns: list[str], rows: list[list[Any]], title: str | None = None) -> None:
    from rich.table import Table

    t = Table(*columns, title=title, show_lines=False)
    for row in rows:
        t.add_row(*["" if v is None else str(v) for v in row])
    console().print(t)


def when(ts: float | None) -> str:
    if not ts:
        return ""
    import datetime

    return datetime.datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M")


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors.")) -> None:
    STATE["debug"] = debug


# -- scripts --------------------------------------------------------------------------
@app.command()
def script(topic: str = typer.Argument("", help="What the video is about."),
           variations: int = typer.Option(3, "--variations", "-n", help="How many variations (1-5)."),
           llm: Optional[str] = typer.Option(None, "--llm", help="Script writer: offline (default), gemini, openai."),
           source: Optional[Path] = typer.Option(None, "--from", help="Build the narration from a .txt or .md file."),
           language: str = typer.Option("en", "--language", help="Language code of the narration."),
           as_json: bool = JsonOpt) -> None:
    """Write script variations for a topic and store each under a token."""
    if not topic.strip() and source is not None:
        topic = source.stem.replace("-", " ").replace("_", " ")
    rows = service().write_scripts(topic, variations, llm=llm, source_file=source, language=language)
    emit({"topic": topic, "scripts": rows, "tokens": [r["token"] for r in rows]}, as_json,
         lambda d: table(["token", "title", "scenes", "status"],
                         [[r["token"], r["title"] or r.get("error"), r["scenes"], r["status"]] for r in d["scripts"]]))


@app.command("scripts")
def list_scripts(as_json: bool = JsonOpt) -> None:
    """List stored scripts, newest first."""
    rows = service().list_scripts()
    emit({"scripts": rows, "total": len(rows)}, as_json,
         lambda d: table(["token", "title", "versions", "status", "updated"],
                         [[r["token"], r["title"], r["versions"], r["status"], when(r["updated"])]
                          for r in d["scripts"]]))


def _show_script(doc: dict) -> None:
    c = console()
    s = doc["script"]
    c.print(f"[bold]{s['title']}[/bold]  (version {doc['version']})")
    for scene in s["scenes"]:
        c.print(f"\n[bold cyan]{scene['seq']}[/bold cyan] [dim]{scene.get('layout') or 'title_and_main_content'}[/dim]")
        c.print(scene["text"])
        if scene.get("anim"):
            c.print(f"[dim]visuals: {scene['anim']}[/dim]")


@app.command()
def show(token: str, version: Optional[int] = typer.Option(None, "--version", "-v"), as_json: bool = JsonOpt) -> None:
    """Print a script (the latest version unless --version)."""
    doc = service().get_script(token, version)
    emit({"token": token, **doc}, as_json, _show_script)


def _read_edit(file: Optional[str], current: dict) -> Any:
    from vidgen.errors import BadInput

    if file == "-":
        text = sys.stdin.read()
    elif file:
        p = Path(file)
        if not p.is_file():
            raise BadInput(f"the file {file} does not exist")
        text = p.read_text(encoding="utf-8", errors="replace")
    else:
        import shlex
        import subprocess
        import tempfile

        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            raise BadInput("no editor to open", "set $EDITOR, or pass --file F (or - for stdin)")
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
            json.dump(current, fh, indent=2, ensure_ascii=False)
        try:
            if subprocess.call([*shlex.split(editor), fh.name]) != 0:
                raise BadInput("the editor exited with an error; nothing was changed")
            text = Path(fh.name).read_text(encoding="utf-8")
        finally:
            os.unlink(fh.name)
    try:
        return json.loads(text)
    except ValueError as exc:
        raise BadInput(f"the edit is not valid JSON ({exc})", "fix the JSON and try again; nothing was changed") from None


@app.command()
def edit(token: str, file: Optional[str] = typer.Option(None, "--file", "-f", help="JSON file, or - for stdin."),
         merge: bool = typer.Option(False, "--merge", help="Merge scenes by seq instead of replacing the script."),
         as_json: bool = JsonOpt) -> None:
    """Change a script; every change is stored as a new version."""
    svc = service()
    current = svc.get_script(token)
    data = _read_edit(file, current["script"])
    version, script = svc.edit(token, data, merge=merge)
    changed = version != current["version"]
    emit({"token": token, "version": version, "changed": changed, "script": script}, as_json,
         lambda d: console(stderr=True).print(
             f"{token}: saved as version {version}" if changed else f"{token}: no change (still version {version})"))


@app.command()
def history(token: str, as_json: bool = JsonOpt) -> None:
    """List a script's versions."""
    rows = service().history(token)
    emit({"token": token, "versions": rows}, as_json,
         lambda d: table(["version", "created", "title", "scenes", "note"],
                         [[r["version"], when(r["created"]), r["title"], r["scenes"], r["note"]] for r in rows]))


@app.command()
def doctor(repair: bool = typer.Option(False, "--repair", help="Put back the last good copy of damaged store files."),
           as_json: bool = JsonOpt) -> None:
    """Check configuration and dependencies, and say what to fix."""
    from vidgen.checks import run_checks

    svc = service()
    repaired = svc.store.repair() if repair else []
    checks = run_checks(svc.settings)
    ok = all(c["ok"] or not c["required"] for c in checks)

    def human(_):
        c = console()
        for line in repaired:
            c.print(f"[yellow]repaired[/yellow] {line}")
        for check in checks:
            mark = "[green]ok[/green]  " if check["ok"] else ("[red]FAIL[/red]" if check["required"] else "[yellow]--[/yellow]  ")
            c.print(f"{mark} {check['name']}: {check['detail']}")
            if not check["ok"] and check.get("fix"):
                c.print(f"      fix: {check['fix']}")

    emit({"ok": ok, "checks": checks, "repaired": repaired}, as_json, human)
    if not ok:
        raise typer.Exit(1)


def _register_more() -> None:
    # the render, job and server commands live in their own modules to keep this one small
    from vidgen import cli_render  # noqa: F401


def main() -> None:
    _register_more()
    try:
        code = app(standalone_mode=False)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except Exception as exc:
        _fail(exc)
    sys.exit(code if isinstance(code, int) else 0)


def _fail(exc: BaseException) -> None:
    from vidgen.errors import VidgenError

    if isinstance(exc, typer.Abort):
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    if isinstance(exc, typer.Exit):
        sys.exit(exc.exit_code)
    if hasattr(exc, "show") and isinstance(getattr(exc, "exit_code", None), int):  # click's usage errors
        exc.show()
        sys.exit(exc.exit_code)
    if STATE["debug"]:
        import traceback

        traceback.print_exception(exc)
    if isinstance(exc, VidgenError):
        sys.stderr.write(f"error: {exc}\n")
        sys.exit(exc.exit_code)
    hint = "" if STATE["debug"] else " (run with --debug for the traceback)"
    sys.stderr.write(f"error: unexpected {type(exc).__name__}: {exc}{hint}\n")
    sys.exit(1)
