"""Video commands: make (the main job), render, videos, archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from vidgen.cli.common import (
    JsonOpt,
    ProgressBar,
    VersionOpt,
    emit,
    job_service,
    say,
    service,
    sigterm_as_interrupt,
    table,
    when,
)
from vidgen.cli.options import given, with_render_flags
from vidgen.cli.scripts import FROM_HELP, LLM_HELP, _scaffold_note, _skipped_note

PANEL = "Videos"



def print_result(result: dict) -> None:
    loud = f", {result['loudness_lufs']:.1f} LUFS" if result.get("loudness_lufs") is not None else ""
    limited = (result.get("loudness") or {}).get("limited_percent")
    if loud and limited is not None:  # how much of the time the final limiter held the peaks down
        loud += f", limiter active {limited:.1f} % of the time"
    say(f"[green]rendered[/green] {result['duration']:.1f} s of video in {result['seconds']:.1f} s "
        f"({result['realtime_factor']}x realtime{loud}); {result['scenes_cached']}/{result['scenes']} scenes reused")
    print(result["path"])


def register(app: typer.Typer) -> None:
    @app.command(rich_help_panel=PANEL, cls=with_render_flags())
    def make(ctx: typer.Context, topic: str = typer.Argument("", help="What the video is about."),
             pick: int = typer.Option(1, "--pick", help="Which variation to render (1-3)."),
             llm: str | None = typer.Option(None, "--llm", help=LLM_HELP),
             source: Path | None = typer.Option(None, "--from", help=FROM_HELP), as_json: bool = JsonOpt) -> None:
        """The main job: write three scripts, render the picked one, print the video's path."""
        svc = service()
        opts = svc.render_options(**given(ctx))

        def chosen(scripts: list[dict], picked: dict) -> None:
            if as_json:
                return
            say(f"script [bold]{picked['title']}[/bold] ({picked['token']})")
            for s in scripts:
                if s is not picked and s["status"] == "ready":
                    say(f"[dim]  also written: {s['token']}  {s['title']}  (vidgen render {s['token']})[/dim]")
            _scaffold_note(svc, llm, source)
            _skipped_note(scripts)

        with sigterm_as_interrupt(), ProgressBar(not as_json) as bar:
            result, scripts = svc.make(topic, pick, opts, llm=llm, source_file=source, language=opts.language,
                                       progress=bar, on_scripts=chosen)
        emit({**result, "scripts": scripts}, as_json, print_result)

    @app.command(rich_help_panel=PANEL, cls=with_render_flags())
    def render(ctx: typer.Context, token: str, version: int | None = VersionOpt,
               out: Path | None = typer.Option(None, "--out", help="Where to write the MP4."),
               detach: bool = typer.Option(False, "--detach", help="Queue a background job, print its id, return."),
               as_json: bool = JsonOpt) -> None:
        """Render a script to MP4."""
        svc = service()
        opts = svc.render_options(**given(ctx))
        if detach:
            job = job_service().submit(token, version, opts, detach=True)
            emit(job, as_json, lambda j: print(j["job_id"]))
            return
        with ProgressBar(not as_json) as bar:
            result = svc.render(token, version, opts, out=out, progress=bar)
        emit(result, as_json, print_result)

    @app.command(rich_help_panel=PANEL)
    def videos(as_json: bool = JsonOpt) -> None:
        """List rendered videos."""
        svc = service()
        rows = [{**v, "path": str(svc.settings.renders / v["filename"])} for v in svc.videos()]
        # `count` is the old name of `total`, kept for one release (README)
        emit({"videos": rows, "total": len(rows), "count": len(rows)}, as_json,
             lambda d: table(["file", "duration", "size", "created"],
                             [[v["filename"], f"{v['duration']:.1f} s" if v["duration"] else "",
                               f"{v['size'] / 1e6:.1f} MB", when(v["created"])] for v in rows],
                             empty="no videos yet (vidgen make \"a topic\" renders one)"))

    @app.command(rich_help_panel=PANEL)
    def archive(older_than: float = typer.Option(30, "--older-than", help="Days."),
                prune_audio: bool = typer.Option(False, "--prune-audio",
                                                 help="Also drop kept narration audio from every render's archive."),
                as_json: bool = JsonOpt) -> None:
        """Move renders older than --older-than days (and their captions and pictures) into archives/."""
        svc = service()
        moved = svc.archive(older_than)
        freed = svc.prune_archive_audio() if prune_audio else None
        data: dict[str, Any] = {"moved": moved, "count": len(moved)}
        if freed is not None:
            data["audio_bytes_freed"] = freed

        def show(d: dict) -> None:
            say(f"moved {len(moved)} video(s) into archives/videos/")
            if freed is not None:
                say(f"removed {freed / 1e6:.1f} MB of narration audio from the archives")
        emit(data, as_json, show)


__all__: list[Any] = ["register"]
