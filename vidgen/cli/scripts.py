"""Script commands: write, list, show, edit, history, storyboard."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer

from vidgen.cli.common import (
    JsonOpt,
    VersionOpt,
    console,
    emit,
    plain_math,
    say,
    service,
    sigterm_as_interrupt,
    table,
    when,
)
from vidgen.cli.options import given, with_render_flags
from vidgen.writers import DEFAULT_WRITERS

PANEL = "Scripts"
T = TypeVar("T")
LLM_HELP = f"Script writer: {', '.join(DEFAULT_WRITERS)} (default offline), or a plugin's."
FROM_HELP = "Build the narration from a .txt or .md file (its first heading becomes the title)."


def show_script(doc: dict) -> None:
    from rich.markup import escape

    from vidgen.author.describe import choice_lines, describe_visual

    c = console()
    s = doc["script"]
    c.print(f"[bold]{escape(s['title'])}[/bold]  (version {doc['version']})")
    pictures = {p["seq"]: p for p in doc.get("pictures", [])}
    for scene in sorted(s["scenes"], key=lambda x: x["seq"]):
        c.print(f"\n[bold cyan]{scene['seq']}[/bold cyan] [dim]{scene.get('layout') or 'title_and_main_content'}[/dim]")
        c.print(escape(scene["text"]))
        if scene.get("anim"):
            c.print(f"[dim]visuals: {escape(scene['anim'])}[/dim]")
        picture = pictures.get(scene["seq"])
        if picture:
            label = "picture (derived from the words)" if picture["derived"] else "picture"
            for line in describe_visual(picture["visual"], scene["text"]):
                c.print(f"[green]{label}:[/green] {escape(plain_math(line))}")
            for line in choice_lines(picture):
                c.print(f"[green]{label}:[/green] {escape(plain_math(line))}")
        for problem in doc.get("stale_evidence", []):
            if problem["seq"] == scene["seq"]:
                c.print(f"[yellow]out of date ({problem['where']}):[/yellow] {escape(problem['message'])}",
                        soft_wrap=True)


def read_text(file: str, limit: int | None = None) -> str:
    """A file's text, or stdin's for `-`: at most `limit` bytes (default VIDGEN_MAX_BODY, the server's body
    limit), refused as soon as more arrive, so an endless or huge stdin costs no more than the limit."""
    from vidgen.errors import TooLarge
    from vidgen.service import existing_file

    if limit is None:
        from vidgen.config import Settings

        limit = Settings.load().max_body
    if file == "-":
        stream = sys.stdin.buffer
    else:
        p = existing_file(file)
        if p.stat().st_size > limit:  # refused before reading it
            raise TooLarge(f"{file} is over the {size_words(limit)} limit", "raise VIDGEN_MAX_BODY to read larger")
        stream = open(p, "rb")  # noqa: SIM115 - closed below, for stdin too
    chunks, size = [], 0
    try:
        while chunk := stream.read(1 << 16):
            size += len(chunk)
            if size > limit:
                raise TooLarge(f"{'stdin' if file == '-' else file} is over the {size_words(limit)} limit",
                               "raise VIDGEN_MAX_BODY to read larger")
            chunks.append(chunk)
    finally:
        if file != "-":
            stream.close()
    return b"".join(chunks).decode("utf-8", errors="replace")


def size_words(n: int) -> str:
    return f"{n // (1024 * 1024)} MiB" if n % (1024 * 1024) == 0 else f"{n // 1024} KiB"


def read_edit(file: str | None, current: dict, accept: Callable[[Any], T], limit: int | None = None) -> T:
    """The edited script from a file, stdin or an editor, parsed and handed to `accept` (which saves it);
    BadInput with the fix otherwise. In the editor, a refused edit reopens it instead of being lost."""
    from vidgen.service import parse_json

    if file:
        return accept(parse_json(read_text(file, limit), "the edit"))
    return edit_in_editor(json.dumps(current, indent=2, ensure_ascii=False) + "\n", accept)


# editors that open at a line with `+N`
_AT_LINE = ("vi", "vim", "nvim", "nano", "emacs", "micro", "kak", "joe", "mg", "jed", "editor")


def find_editor() -> list[str]:
    """$VISUAL, else $EDITOR, else the system's `editor`, nano or vi (as git looks for one)."""
    import shlex
    import shutil

    from vidgen.errors import BadInput

    for name in ("VISUAL", "EDITOR"):
        if os.environ.get(name, "").strip():
            return shlex.split(os.environ[name])
    for name in ("editor", "nano", "vi"):
        if shutil.which(name):
            return [name]
    raise BadInput("no editor to open", "set $EDITOR, or pass --file F (or - for stdin)")


def edit_in_editor(text: str, accept: Callable[[Any], T]) -> T:
    """Open the text in an editor until it is valid JSON. A mistake reopens the editor at its line with the
    message on top (as `git commit` and `kubectl edit` do), so no edit is lost; saving it unchanged, or empty,
    gives up with nothing changed."""
    import subprocess
    import tempfile

    from vidgen.errors import BadInput, NotFound
    from vidgen.service import parse_json

    editor = find_editor()
    error: BadInput | None = None
    line = 1
    with tempfile.TemporaryDirectory(prefix="vidgen-edit-") as tmp:
        path = Path(tmp) / "script.json"
        while True:
            header = "" if error is None else "".join(f"// {part}\n" for part in (
                f"error: {error}", "fix it and save, or save this unchanged (or empty) to give up;",
                "lines starting with // are removed"))
            shown = header + text
            path.write_text(shown, encoding="utf-8")
            at = [f"+{line + header.count(chr(10))}"] if Path(editor[0]).name in _AT_LINE and error else []
            if subprocess.call([*editor, *at, str(path)]) != 0:
                raise BadInput("the editor exited with an error; nothing was changed")
            saved = path.read_text(encoding="utf-8")
            if saved == shown and error is not None:
                raise BadInput(f"{error}; nothing was changed")
            text = "".join(x for x in saved.splitlines(keepends=True) if not x.lstrip().startswith("//"))
            if not text.strip():
                raise BadInput("the edit is empty; nothing was changed")
            try:
                return accept(parse_json(text, "the edit"))
            except NotFound:
                raise
            except BadInput as exc:
                error, line = exc, _error_line(text)


def _error_line(text: str) -> int:
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return exc.lineno
    except ValueError:
        pass
    return 1


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
        listing = service().scripts_page()  # the shape GET /api/scripts serves: one rule for both
        emit({k: v for k, v in listing.items() if k != "next"}, as_json,
             lambda d: table(["token", "title", "versions", "status", "updated"],
                             [[r["token"], r["title"], r["versions"], r["status"], when(r["updated"])]
                              for r in d["scripts"]], empty="no scripts yet (vidgen script \"a topic\" writes some)"))

    @app.command(rich_help_panel=PANEL)
    def show(token: str, version: int | None = VersionOpt,
             as_json: bool = JsonOpt) -> None:
        """Print a script (the latest version unless --version), with each scene's picture in words."""
        from vidgen.author.describe import pictures
        from vidgen.script.model import parse_script
        from vidgen.service.viewer import stale_evidence

        doc = service().get_script(token, version)
        script = parse_script(doc["script"])
        # each scene's picture: its own visual, or the one a render derives from its words; and any element
        # kept by hand whose words have left the scene
        emit({"token": token, **doc, "pictures": pictures(script), "stale_evidence": stale_evidence(script)},
             as_json, show_script)

    @app.command(rich_help_panel=PANEL)
    def edit(token: str,
             file: str | None = typer.Option(None, "--file", "-f", help="JSON file, or - for stdin."),
             merge: bool = typer.Option(False, "--merge", help="Merge scenes by seq instead of replacing the script."),
             as_json: bool = JsonOpt) -> None:
        """Change a script; every change is stored as a new version."""
        svc = service()
        current = svc.get_script(token)
        version, script = read_edit(file, current["script"], lambda data: svc.edit(token, data, merge=merge),
                                    svc.settings.max_body)
        changed = version != current["version"]
        emit({"token": token, "version": version, "changed": changed, "script": script}, as_json,
             lambda d: say(f"{token}: saved as version {version}" if changed
                           else f"{token}: no change (still version {version})"))

    @app.command("import", rich_help_panel=PANEL)
    def import_(file: str = typer.Argument(..., help="A script as JSON (the old system's too), or - for stdin."),
                as_json: bool = JsonOpt) -> None:
        """Store a script written elsewhere under a new token, checked like an edit."""
        from vidgen.service import parse_json

        svc = service()
        token, script = svc.import_script(parse_json(read_text(file, svc.settings.max_body), "the script"))
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
    def check(target: str = typer.Argument(..., help="A script's token, or a script file (JSON; - for stdin)."),
              version: int | None = VersionOpt,
              as_json: bool = JsonOpt) -> None:
        """List every problem a viewer would see in the pictures, at 16:9, 9:16 and 1:1 (exit 1 if any)."""
        from vidgen.service import parse_json
        from vidgen.service.viewer import line

        svc = service()
        if target == "-" or Path(target).suffix.lower() == ".json" or Path(target).is_file():
            report = svc.check(script=parse_json(read_text(target), "the script"))
            report["file"] = target
        else:
            report = svc.check(target, version)

        def human(d: dict) -> None:
            for problem in d["problems"]:
                print(line(problem))
            n = len(d["problems"])
            say(f"{n} problem{'s' if n != 1 else ''}" if n else "no problems at 16:9, 9:16 or 1:1")

        emit(report, as_json, human)
        if report["problems"]:
            raise typer.Exit(1)

    @app.command(rich_help_panel=PANEL, cls=with_render_flags(only=("aspect",)))
    def storyboard(ctx: typer.Context, token: str, version: int | None = VersionOpt,
                   out: Path | None = typer.Option(None, "--out", help="Where to write it (.jpg, .png or .webp)."),
                   as_json: bool = JsonOpt) -> None:
        """One picture with every scene's final state, to check a script before rendering."""
        svc = service()
        # pictures only: no voice or music to check on this machine
        path = svc.storyboard(token, version, svc.options(quality="low", **given(ctx)), out)
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
