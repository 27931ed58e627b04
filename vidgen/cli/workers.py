"""Worker commands: `vidgen worker` runs render jobs on this machine; `vidgen workers` lists the live ones."""

from __future__ import annotations

import typer

from vidgen.cli.common import JsonOpt, emit, job_service, say, table

PANEL = "Jobs"


def register(app: typer.Typer) -> None:
    @app.command(rich_help_panel=PANEL)
    def worker(concurrency: int | None = typer.Option(None, "--concurrency", "-c",
                                                      help="Jobs at once on this machine (default: "
                                                           "VIDGEN_MAX_RENDER_WORKERS)."),
               until_idle: bool = typer.Option(False, "--until-idle", help="Stop when no job is left.")) -> None:
        """Run render jobs on this machine: from the broker (VIDGEN_BROKER) or from the local queue."""
        from vidgen.config import Settings
        from vidgen.errors import BadInput

        settings = Settings.load()
        slots = concurrency or settings.max_render_workers
        if not 1 <= slots <= 64:
            raise BadInput(f"--concurrency must be from 1 to 64, not {slots}")
        if settings.broker:
            from vidgen.jobs.remote import serve

            serve(settings, slots, burst=until_idle)
            return
        from vidgen.jobs import Runner
        from vidgen.service import Vidgen

        Runner(Vidgen(settings), max_workers=slots).run(until_idle=until_idle)

    @app.command(rich_help_panel=PANEL)
    def workers(as_json: bool = JsonOpt) -> None:
        """List live render workers: host, state, current job, jobs done, last heartbeat."""
        jobs = job_service()
        rows = jobs.workers()
        local = jobs.queue.name == "local"

        def human(_: object) -> None:
            if not rows:
                say("no live workers" + (": VIDGEN_BROKER is not set, so jobs run on this machine's local runner"
                                         if local else "; start one with `vidgen worker` on a machine"))
                return
            table(["worker", "host", "state", "current job", "done", "failed", "last heartbeat"],
                  [[w["name"], w["host"], w["state"], w["current_job"] or "", w["jobs_done"], w["jobs_failed"],
                    f"{w['seconds_since_heartbeat']:.0f} s ago"] for w in rows])

        emit({"workers": rows, "total": len(rows), "queue": jobs.queue.name}, as_json, human)
