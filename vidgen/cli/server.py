"""Server and set-up commands: serve, doctor, voices."""

from __future__ import annotations

import typer

from vidgen import __version__
from vidgen.cli.common import JsonOpt, console, emit, service, table

PANEL = "Server and set-up"


def check_port(port: int) -> int:
    from vidgen.errors import BadInput

    if not 1 <= port <= 65535:
        raise BadInput(f"--port must be a whole number from 1 to 65535, not {port}", "e.g. --port 8001")
    return port


def check_host(host: str) -> str:
    """An address or a name this machine can listen on, refused now rather than as a crash at bind."""
    import ipaddress
    import socket

    from vidgen.errors import BadInput

    fix = "give an address such as 127.0.0.1 (this machine only), 0.0.0.0 (every interface) or ::1"
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    if not host or all(c.isdigit() or c == "." for c in host):  # 256.1.1.1 is no address and no name
        raise BadInput(f"--host {host!r} is not an IP address", fix)
    try:
        socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        raise BadInput(f"--host {host!r} is not an address or a name this machine can resolve", fix) from None
    return host


def register(app: typer.Typer) -> None:
    @app.command(rich_help_panel=PANEL)
    def serve(host: str = typer.Option("127.0.0.1", "--host"),
              port: int | None = typer.Option(None, "--port", help="Default 8001 (or VIDGEN_PORT / PYTHON_API_PORT)."),
              log_level: str = typer.Option("info", "--log-level"),
              log_json: bool = typer.Option(False, "--log-json", help="One JSON object per log line."),
              cert: str | None = typer.Option(None, "--cert", help="Serve HTTPS: the certificate (PEM)."),
              key: str | None = typer.Option(None, "--key", help="Serve HTTPS: the certificate's private key (PEM).")
              ) -> None:
        """Start the HTTP server (API, events, video streaming, docs, the studio)."""
        from vidgen.server.run import serve as run

        svc = service()
        run(svc, check_host(host), svc.settings.port if port is None else check_port(port), log_level, log_json,
            cert=cert, key=key)

    @app.command(rich_help_panel=PANEL)
    def doctor(repair: bool = typer.Option(False, "--repair",
                                           help="Put back the last good copy of damaged store files."),
               as_json: bool = JsonOpt) -> None:
        """Check configuration and dependencies, and say what to fix."""
        from vidgen.service.checks import run_checks

        svc = service()
        from vidgen.store.media import prune_uploads
        from vidgen.store.recovery import repair as put_back

        repaired = [*put_back(svc.store), *prune_uploads(svc.settings.home)] if repair else []
        checks = run_checks(svc.settings)
        ok = all(c["ok"] or not c["required"] for c in checks)

        def human(_: object) -> None:
            c = console()
            c.print(f"vidgen {__version__}")
            for line in repaired:
                c.print(f"[yellow]repaired[/yellow] {line}")
            for check in checks:
                mark = "[green]ok[/green]  " if check["ok"] else (
                    "[red]FAIL[/red]" if check["required"] else "[yellow]--[/yellow]  ")
                c.print(f"{mark} {check['name']}: {check['detail']}")
                if not check["ok"] and check.get("fix"):
                    c.print(f"      fix: {check['fix']}")

        emit({"ok": ok, "version": __version__, "checks": checks, "repaired": repaired}, as_json, human)
        if not ok:
            raise typer.Exit(1)

    @app.command(rich_help_panel=PANEL)
    def voices(as_json: bool = JsonOpt) -> None:
        """Every voice provider: whether it works here, its voices and languages, and the default."""
        data = service().voices()
        def human(d: dict) -> None:
            table(["provider", "works", "voices", "languages", "detail"],
                  [[p["name"] + (" (default)" if p["name"] == d["default"] else ""), "yes" if p["ready"] else "no",
                    _few([str(v.get("id")) for v in p.get("voices", [])], 4),
                    _few(p.get("languages", []), 6), p["detail"]] for p in d["providers"]])
            if d["defaults"]["other"] != d["default"]:
                console().print(f"default: {d['default']} for English, {d['defaults']['other']} for other languages")

        emit(data, as_json, human)


def _few(names: list[str], n: int) -> str:
    """The first n names, and how many more there are (never a list that silently stops)."""
    more = len(names) - n
    return ", ".join(names[:n]) + (f" and {more} more" if more > 0 else "")
