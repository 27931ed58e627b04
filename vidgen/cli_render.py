"""Render, video, job and server commands: thin adapters over the service layer."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from vidgen.cli import JsonOpt, app, console, emit, service, table, when


def _options(svc, quality, aspect, tts, voice, language, music, captions):
    return svc.render_options(quality=quality, aspect=aspect, tts=tts, voice=voice, language=language,
                              music=str(music) if music else None, captions=captions)


class ProgressBar:
    """A rich progress bar on stderr (stdout stays clean for --json)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled and sys.stderr.isatty()
        self.bar = None

    def __enter__(self):
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

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _print_result(result: dict) -> None:
    c = console(stderr=True)
    c.print(f"[green]rendered[/green] {result['duration']:.1f} s of video in {result['seconds']:.1f} s "
            f"({result['realtime_factor']}x realtime); {result['scenes_cached']}/{result['scenes']} scenes reused")
    print(result["path"])


QualityOpt = typer.Option("medium", "--quality", "-q", help="low, medium, high, 2k or 4k.")
AspectOpt = typer.Option("16:9", "--aspect", "-a", help="16:9, 9:16 or 1:1.")
TtsOpt = typer.Option(None, "--tts", help="Voice provider: pyttsx3 (default, offline), gemini, mock.")
VoiceOpt = typer.Option(None, "--voice", help="Voice name (espeak voice, or a Gemini voice such as Kore).")
LangOpt = typer.Option("en", "--language", help="Language code of the narration.")
MusicOpt = typer.Option(None, "--music", help="Background music file, looped or trimmed, ducked under speech.")
CaptionsOpt = typer.Option(True, "--captions/--no-captions", help="Burn captions into the video.")


@app.command()
def render(token: str, version: Optional[int] = typer.Option(None, "--version", "-v"),
           quality: str = QualityOpt, aspect: str = AspectOpt, tts: Optional[str] = TtsOpt,
           voice: Optional[str] = VoiceOpt, language: str = LangOpt, music: Optional[Path] = MusicOpt,
           captions: bool = CaptionsOpt, out: Optional[Path] = typer.Option(None, "--out", help="Where to write the MP4."),
           detach: bool = typer.Option(False, "--detach", help="Queue a background job, print its id, return."),
           as_json: bool = JsonOpt) -> None:
    """Render a script to MP4."""
    svc = service()
    opts = _options(svc, quality, aspect, tts, voice, language, music, captions)
    if detach:
        from vidgen.jobs import JobService

        job = JobService(svc).submit(token, version, opts, detach=True)
        emit(job, as_json, lambda j: print(j["job_id"]))
        return
    with ProgressBar(not as_json) as bar:
        result = svc.render(token, version, opts, out=out, progress=bar)
    emit(result, as_json, _print_result)


@app.command()
def make(topic: str = typer.Argument("", help="What the video is about."),
         pick: int = typer.Option(1, "--pick", help="Which variation to render (1-3)."),
         llm: Optional[str] = typer.Option(None, "--llm"),
         source: Optional[Path] = typer.Option(None, "--from", help="Build the narration from a .txt or .md file."),
         quality: str = QualityOpt, aspect: str = AspectOpt, tts: Optional[str] = TtsOpt,
         voice: Optional[str] = VoiceOpt, language: str = LangOpt, music: Optional[Path] = MusicOpt,
         captions: bool = CaptionsOpt, as_json: bool = JsonOpt) -> None:
    """The main job: write three scripts, render the picked one, print the video's path."""
    from vidgen.errors import BadInput

    svc = service()
    opts = _options(svc, quality, aspect, tts, voice, language, music, captions)
    if not 1 <= pick <= 3:
        raise BadInput(f"--pick must be 1, 2 or 3, not {pick}")
    if not topic.strip() and source is not None:
        topic = source.stem.replace("-", " ").replace("_", " ")
    scripts = svc.write_scripts(topic, 3, llm=llm, source_file=source, language=language)
    chosen = scripts[pick - 1]
    if chosen["status"] != "ready":
        raise BadInput(f"variation {pick} could not be written: {chosen.get('error')}", "pick another with --pick")
    if not as_json:
        console(stderr=True).print(f"script [bold]{chosen['title']}[/bold] ({chosen['token']})")
    with ProgressBar(not as_json) as bar:
        result = svc.render(chosen["token"], None, opts, progress=bar)
    emit({**result, "scripts": scripts}, as_json, _print_result)


@app.command()
def storyboard(token: str, version: Optional[int] = typer.Option(None, "--version", "-v"),
               aspect: str = AspectOpt, out: Optional[Path] = typer.Option(None, "--out"),
               as_json: bool = JsonOpt) -> None:
    """One picture with every scene's first frame, to check a script before rendering."""
    svc = service()
    path = svc.storyboard(token, version, svc.render_options(quality="low", aspect=aspect), out)
    emit({"token": token, "path": str(path)}, as_json, lambda d: print(d["path"]))


@app.command()
def videos(as_json: bool = JsonOpt) -> None:
    """List rendered videos."""
    rows = service().videos()
    emit({"videos": rows, "count": len(rows)}, as_json,
         lambda d: table(["file", "duration", "size", "created"],
                         [[v["filename"], f"{v['duration']:.1f} s" if v["duration"] else "",
                           f"{v['size'] / 1e6:.1f} MB", when(v["created"])] for v in rows]))


@app.command()
def archive(older_than: float = typer.Option(30, "--older-than", help="Days."), as_json: bool = JsonOpt) -> None:
    """Move renders older than --older-than days (and their captions and pictures) into archives/."""
    moved = service().archive(older_than)
    emit({"moved": moved, "count": len(moved)}, as_json,
         lambda d: console(stderr=True).print(f"moved {len(moved)} video(s) into archives/videos/"))


# -- jobs -------------------------------------------------------------------------------
def _jobs():
    from vidgen.jobs import JobService

    return JobService(service())


@app.command()
def jobs(status: Optional[str] = typer.Option(None, "--status", help="pending, running, completed, failed, cancelled."),
         limit: int = typer.Option(50, "--limit"), as_json: bool = JsonOpt) -> None:
    """List background jobs, newest first."""
    rows = _jobs().list(status, limit)
    emit({"jobs": rows, "total": len(rows)}, as_json,
         lambda d: table(["job", "status", "progress", "stage", "token", "created"],
                         [[j["job_id"], j["status"], f"{j['progress']:.0f}%", j["stage"], j["token"],
                           j["created_at"]] for j in rows]))


@app.command()
def job(job_id: str, follow: bool = typer.Option(False, "--follow", "-f", help="Show live progress until it ends."),
        as_json: bool = JsonOpt) -> None:
    """Show one job (with --follow, a live progress bar until it ends)."""
    svc = _jobs()
    if not follow:
        emit(svc.get(job_id), as_json, lambda j: _show_job(j))
        return
    last = None
    with ProgressBar(not as_json) as bar:
        for last in svc.follow(job_id):
            bar(last["stage"] or "", (last["progress"] or 0) / 100, last["message"] or "")
            if as_json:
                sys.stdout.write(__import__("json").dumps(last) + "\n")
                sys.stdout.flush()
    if not as_json:
        _show_job(last)
    if last and last["status"] == "failed":
        raise typer.Exit(1)


def _show_job(j: dict) -> None:
    c = console()
    c.print(f"[bold]{j['job_id']}[/bold] {j['status']} {j['progress']:.0f}% ({j['stage']})")
    if j.get("error"):
        c.print(f"[red]error:[/red] {j['error']}")
    if j.get("result"):
        c.print(f"video: {j['result']['video']}")


@app.command()
def cancel(job_id: str, as_json: bool = JsonOpt) -> None:
    """Cancel a pending or running job."""
    j = _jobs().cancel(job_id)
    emit(j, as_json, lambda d: console(stderr=True).print(f"{job_id}: {d['status']}"))


@app.command(hidden=True)
def worker(until_idle: bool = typer.Option(False, "--until-idle")) -> None:
    """Run queued jobs (what `render --detach` starts in the background)."""
    from vidgen.jobs import Runner

    Runner(service()).run(until_idle=until_idle)


@app.command()
def serve(host: str = typer.Option("127.0.0.1", "--host"),
          port: Optional[int] = typer.Option(None, "--port", help="Default 8001 (or VIDGEN_PORT / PYTHON_API_PORT)."),
          log_level: str = typer.Option("info", "--log-level"),
          log_json: bool = typer.Option(False, "--log-json", help="One JSON object per log line.")) -> None:
    """Start the HTTP server (API, events, video streaming, docs)."""
    from vidgen.server.run import serve as run

    svc = service()
    run(svc, host, port or svc.settings.port, log_level, log_json)
