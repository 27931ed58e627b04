"""Real checks of the set-up, shared by `vidgen doctor`, `/health` and `/api/validate_config`.

Core checks live here; every writer and voice answers for itself through its registry's
readiness check, so a plugin is checked the same way as a built-in.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from vidgen.config import Settings


def _check(name: str, ok: bool, detail: str, fix: str = "", required: bool = True) -> dict[str, Any]:
    return {"name": name, "ok": ok, "detail": detail, "fix": "" if ok else fix, "required": required}


def writable(folder: Path) -> tuple[bool, str]:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".probe-"):
            pass
        free = shutil.disk_usage(folder).free
        return True, f"{folder} writable, {free / 1e9:.1f} GB free"
    except OSError as exc:
        return False, f"{folder}: {exc.strerror}"


def ffmpeg_found() -> tuple[bool, str]:
    try:
        import imageio_ffmpeg

        exe = imageio_ffmpeg.get_ffmpeg_exe()
        return os.access(exe, os.X_OK), exe
    except Exception as exc:  # imageio-ffmpeg raises RuntimeError and others when it finds none
        return False, str(exc)


def provider_checks(settings: Settings) -> list[dict[str, Any]]:
    """One check per writer and voice; the configured defaults are the required ones."""
    from vidgen.errors import BadInput
    from vidgen.voice import VOICES, default_provider
    from vidgen.writers import WRITERS

    checks = []
    for registry, kind, default in ((WRITERS, "writer", lambda: WRITERS.canonical(settings.llm)),
                                    (VOICES, "voice", lambda: default_provider(settings))):
        try:
            chosen = default()
        except BadInput as exc:
            checks.append(_check(f"default {kind}", False, exc.message, exc.fix or ""))
            chosen = ""
        for name, _cls in registry.items():
            r = registry.readiness(name, settings)
            checks.append(_check(f"{kind} {name}", r.ok, r.detail + ("" if name == chosen else " (optional)"),
                                 r.fix, required=name == chosen))
    return checks


def run_checks(settings: Settings) -> list[dict[str, Any]]:
    checks = [_check("python", sys.version_info >= (3, 11), sys.version.split()[0], "use Python 3.11 or newer")]
    from vidgen.store.db import Store
    from vidgen.store.recovery import check, unlisted

    try:
        store = Store(settings.data)
        problems = check(store)
        ok, detail = writable(settings.data)
        if problems:
            ok, detail = False, str(problems[0])
        elif ok:
            lost = unlisted(store)  # a create killed half-way, or an index restored from an older copy
            if lost:
                detail += (f"; {len(lost)} script file(s) are not in the index "
                           "(`vidgen doctor --repair` lists them again)")
        checks.append(_check("store", ok, detail, "run `vidgen doctor --repair`" if problems
                             else "set VIDGEN_HOME to a folder you can write to"))
    except Exception as exc:  # the store's own errors and OSErrors alike: reported, not raised
        checks.append(_check("store", False, str(exc), "set VIDGEN_HOME to a folder you can write to"))
    ok, detail = writable(settings.renders)
    checks.append(_check("renders", ok, detail, "make renders/ writable or set VIDGEN_HOME"))
    ok, detail = ffmpeg_found()
    checks.append(_check("ffmpeg", ok, detail, "pip install --force-reinstall imageio-ffmpeg"))
    checks.extend(provider_checks(settings))
    if settings.broker or settings.server_url:
        checks.extend(worker_checks(settings))
    from vidgen.draw.fonts import font_report

    checks.append(_check("fonts", True, font_report(), required=False))
    return checks


def worker_checks(settings: Settings) -> list[dict[str, Any]]:
    """Several machines: the broker answers, the secret is set, and (on a worker) the server takes it."""
    import socket

    from vidgen.errors import VidgenError
    from vidgen.jobs.connection import connect, redact

    checks = []
    fix = "check that Redis runs there and that VIDGEN_BROKER names its host, port and database"
    if settings.broker:
        try:
            client = connect(settings.broker, timeout=2.0, socket_timeout=3.0)
            version = client.info("server").get("redis_version", "?")
            workers = client.scard("rq:workers:vidgen-render")
            client.close()
            checks.append(_check("broker", True, f"{redact(settings.broker)} answers (Redis {version}); "
                                                 f"{workers} worker(s) registered"))
        except VidgenError as exc:
            checks.append(_check("broker", False, exc.message, exc.fix or fix))
    ok = bool(settings.worker_secret)
    checks.append(_check("worker secret", ok, "set (not shown)" if ok else "VIDGEN_WORKER_SECRET is not set",
                         "set the same VIDGEN_WORKER_SECRET on the server and every worker (openssl rand -hex 32)"))
    if settings.server_url:
        from vidgen.jobs.client import ServerClient

        try:
            client_ = ServerClient(settings.server_url, settings.worker_secret, timeout=5.0, patience=0,
                                   ca_file=settings.ca_file)
            client_.hello(f"doctor-{socket.gethostname()}", socket.gethostname())
            checks.append(_check("server", True, f"{client_.base} takes this worker"))
        except VidgenError as exc:
            checks.append(_check("server", False, exc.message, exc.fix or "check VIDGEN_SERVER_URL"))
    return checks

def validate_setup(settings: Settings, options: Any) -> dict[str, Any]:
    """Whether this machine can render with these options: errors, warnings and every check."""
    from vidgen.service.checks import run_checks
    from vidgen.voice import default_provider

    checks = run_checks(settings)
    by_name = {c["name"]: c for c in checks}
    errors, warnings = [], []
    tts = default_provider(settings, options.language if options else "en", options.tts if options else None)
    voice = by_name.get(f"voice {tts}")
    if voice and not voice["ok"]:
        errors.append(f"the {tts} voice cannot speak here: {voice['detail']}"
                      + (f" — {voice['fix']}" if voice["fix"] else ""))
    if options and options.quality in ("2k", "4k"):
        warnings.append(f"quality {options.quality} renders slowly on a small machine")
    for name in ("store", "renders", "ffmpeg"):
        if not by_name[name]["ok"]:
            errors.append(f"{name}: {by_name[name]['detail']}")
    return {"errors": errors, "warnings": warnings, "checks": checks}
