"""Script commands: write, list, show, edit, history, storyboard."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import typer

from vidgen.cli.common import JsonOpt, console, emit, say, service, sigterm_as_interrupt, table, when
from vidgen.writers import DEFAULT_WRITERS

PANEL = "Scripts"
LLM_HELP = f"Script writer: {', '.join(DEFAULT_WRITERS)} (default offline), or a plugin's."
FROM_HELP = "Build the narration from a .txt or .md file (its first heading becomes the title)."


def show_script(doc: dict) -> None:
    from vidgen.author.describe import describe_visual

    c = console()
    s = doc["script"]
    c.print(f"[bold]{s['title']}[/bold]  (version {doc['version']})")
    pictures = {p["seq"]: p for p in doc.get("pictures", [])}
    for scene in sorted(s["scenes"], key=lambda x: x["seq"]):
        c.print(f"\n[bold cyan]{scene['seq']}[/bold cyan] [dim]{scene.get('layout') or 'title_and_main_content'}[/dim]")
        c.print(scene["text"])
        if scene.get("anim"):
            c.print(f"[dim]visuals: {scene['anim']}[/dim]")
        picture = pictures.get(scene["seq"])
        if picture:
            label = "picture (derived from the words)" if picture["derived"] else "picture"
            for line in describe_visual(picture["visual"], scene["text"]):
                c.print(f"[green]{label}:[/green] {line}")


def read_text(file: str) -> str:
    """A file's text, or stdin's for `-`."""
    from vidgen.errors import BadInput

    if file == "-":
        return sys.stdin.read()
    p = Path(file)
    if not p.is_file():
        raise BadInput(f"the file {file} does not exist")
    return p.read_text(encoding="utf-8", errors="replace")


def read_edit(file: str | None, current: dict) -> Any:
    """The edited script from a file, stdin or $EDITOR, parsed; BadInput with the fix otherwise."""
    from vidgen.errors import BadInput
    from vidgen.service import parse_json

    if file:
        return parse_json(read_text(file), "the edit")
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
    return parse_json(text, "the edit")


def register(app: typer.Typer) -> None:
    @app.command(rich_help_panel=PANEL)
    def script(topic: str = typer.Argument("", help="What the video is about."),
               variations: int = typer.Option(3, "--variations", "-n", help="How many variations (1-5)."),
               llm: str | None = typer.Option(None, "--llm", help=LLM_HELP),
               source: Path | None = typer.Option(None, "--from", help=FROM_HELP),
               language: str = typer.Option("en", "--language", help="Language code of the narration."),
               as_json: bool = JsonOpt) -> None:
        """Write script variations for a topic and store each under a token."""
        svc = service()
        with sigterm_as_interrupt():
            rows = svc.write_scripts(topic, variations, llm=llm, source_file=source, language=language)
        def human(d: dict) -> None:
            table(["token", "title", "scenes", "status"],
                  [[r["token"], r["title"] or r.get("error"), r["scenes"], r["status"]] for r in d["scripts"]])
            _scaffold_note(svc, llm, source)
            _skipped_note(d["scripts"])

        emit({"topic": rows[0]["topic"] if rows else topic, "scripts": rows, "tokens": [r["token"] for r in rows]},
             as_json, human)

    @app.command("scripts", rich_help_panel=PANEL)
    def list_scripts(as_json: bool = JsonOpt) -> None:
        """List stored scripts, newest first."""
        rows = service().list_scripts()
        emit({"scripts": rows, "total": len(rows)}, as_json,
             lambda d: table(["token", "title", "versions", "status", "updated"],
                             [[r["token"], r["title"], r["versions"], r["status"], when(r["updated"])]
                              for r in d["scripts"]]))

    @app.command(rich_help_panel=PANEL)
    def show(token: str, version: int | None = typer.Option(None, "--version", "-v"),
             as_json: bool = JsonOpt) -> None:
        """Print a script (the latest version unless --version), with each scene's picture in words."""
        from vidgen.author.describe import pictures
        from vidgen.script.model import parse_script

        doc = service().get_script(token, version)
        # each scene's picture: its own visual, or the one a render derives from its words
        emit({"token": token, **doc, "pictures": pictures(parse_script(doc["script"]))}, as_json, show_script)

    @app.command(rich_help_panel=PANEL)
    def edit(token: str,
             file: str | None = typer.Option(None, "--file", "-f", help="JSON file, or - for stdin."),
             merge: bool = typer.Option(False, "--merge", help="Merge scenes by seq instead of replacing the script."),
             as_json: bool = JsonOpt) -> None:
        """Change a script; every change is stored as a new version."""
        svc = service()
        current = svc.get_script(token)
        data = read_edit(file, current["script"])
        version, script = svc.edit(token, data, merge=merge)
        changed = version != current["version"]
        emit({"token": token, "version": version, "changed": changed, "script": script}, as_json,
             lambda d: say(f"{token}: saved as version {version}" if changed
                           else f"{token}: no change (still version {version})"))

    @app.command("import", rich_help_panel=PANEL)
    def import_(file: str = typer.Argument(..., help="A script as JSON (the old system's too), or - for stdin."),
                as_json: bool = JsonOpt) -> None:
        """Store a script written elsewhere under a new token, checked like an edit."""
        from vidgen.service import parse_json

        token, script = service().import_script(parse_json(read_text(file), "the script"))
        emit({"token": token, "version": 1, "script": script}, as_json,
             lambda d: say(f"{token}  {script['title']}  (vidgen render {token})"))

    @app.command(rich_help_panel=PANEL)
    def history(token: str, as_json: bool = JsonOpt) -> None:
        """List a script's versions."""
        rows = service().history(token)
        emit({"token": token, "versions": rows}, as_json,
             lambda d: table(["version", "created", "title", "scenes", "note"],
                             [[r["version"], when(r["created"]), r["title"], r["scenes"], r["note"]] for r in rows]))

    @app.command(rich_help_panel=PANEL)
    def storyboard(token: str, version: int | None = typer.Option(None, "--version", "-v"),
                   aspect: str = typer.Option("16:9", "--aspect", "-a", help="16:9, 9:16 or 1:1."),
                   out: Path | None = typer.Option(None, "--out"), as_json: bool = JsonOpt) -> None:
        """One picture with every scene's final state, to check a script before rendering."""
        svc = service()
        path = svc.storyboard(token, version, svc.render_options(quality="low", aspect=aspect), out)
        emit({"token": token, "path": str(path)}, as_json, lambda d: print(d["path"]))


def _skipped_note(rows: list[dict]) -> None:
    """One line on what the notes held that the video neither shows nor says (includes, raw HTML, ...)."""
    skipped = next((r.get("skipped") for r in rows if r.get("skipped")), None)
    if skipped:
        say(f"[yellow]note:[/yellow] {skipped} in the notes (not shown or said)")


def _scaffold_note(svc: Any, llm: str | None, source: Path | None) -> None:
    """Said once, plainly: an offline script without notes frames a topic but knows no facts."""
    note = svc.scaffold_note(llm, source is not None)
    if note:
        say(f"[yellow]note:[/yellow] {note}")
