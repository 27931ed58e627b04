"""Job commands: list, show or follow, cancel (the workers that run them: `cli.workers`)."""

from __future__ import annotations

import json
import sys
import time

import typer

from vidgen.cli.common import JsonOpt, ProgressBar, console, emit, job_service, piped, say, table

PANEL = "Jobs"


def show_job(j: dict) -> None:
    c = console()
    c.print(f"[bold]{j['job_id']}[/bold] {j['status']} {j['progress']:.0f}% ({j['stage']})")
    if j.get("error"):
        c.print(f"[red]error:[/red] {j['error']}")
    if j.get("result"):
        c.print(f"video: {j['result']['video']}")


def register(app: typer.Typer) -> None:
    @app.command(rich_help_panel=PANEL)
    def jobs(status: str | None = typer.Option(None, "--status",
                                               help="pending, running, completed, failed, cancelled."),
             limit: int = typer.Option(50, "--limit", min=1, max=1000, help="At most this many (1-1000)."),
             as_json: bool = JsonOpt) -> None:
        """List background jobs, newest first."""
        rows = job_service().list(status, limit)
        emit({"jobs": rows, "total": len(rows)}, as_json,
             lambda d: table(["job", "status", "progress", "stage", "token", "created"],
                             [[j["job_id"], j["status"], f"{j['progress']:.0f}%", j["stage"], j["token"],
                               j["created"]] for j in rows],
                             empty="no jobs yet (vidgen render TOKEN --detach queues one)"))

    @app.command(rich_help_panel=PANEL)
    def job(job_id: str, follow: bool = typer.Option(False, "--follow", "-f", help="Show live progress until it ends."),
            as_json: bool = JsonOpt) -> None:
        """Show one job (with --follow, a live progress bar until it ends)."""
        jobs = job_service()
        if not follow:
            emit(jobs.get(job_id), as_json, show_job)
            return
        last = None
        lines = not as_json and piped()  # in a pipe or a log: a line per stage or 10 %, with the time
        said: tuple[str, int] | None = None
        with ProgressBar(not as_json and not lines) as bar:
            for last in jobs.follow(job_id):
                bar(last["stage"] or "", (last["progress"] or 0) / 100, last["message"] or "")
                if as_json:
                    sys.stdout.write(json.dumps(last) + "\n")
                    sys.stdout.flush()
                elif lines:
                    step = (str(last["stage"] or last["status"]), int((last["progress"] or 0) // 10))
                    if step != said:
                        said = step
                        stamp = time.strftime("%Y-%m-%dT%H:%M:%S")
                        sys.stdout.write(f"{stamp}\t{last['status']}\t{last['progress'] or 0:.0f}%\t"
                                         f"{last['stage'] or ''}\t{last['message'] or ''}\n")
                        sys.stdout.flush()
        if not as_json and not lines and last is not None:
            show_job(last)
        if last and last["status"] == "failed":
            raise typer.Exit(1)

    @app.command(rich_help_panel=PANEL)
    def cancel(job_id: str, as_json: bool = JsonOpt) -> None:
        """Cancel a pending or running job."""
        j = job_service().cancel(job_id)
        emit(j, as_json, lambda d: say(f"{job_id}: {d['status']}"))
