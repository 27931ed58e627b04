"""Real checks of configuration and dependencies, shared by `vidgen doctor` and the server."""

from __future__ import annotations

import ctypes.util
import os
import shutil
import sys
import tempfile
from pathlib import Path

from vidgen.config import Settings


def _check(name: str, ok: bool, detail: str, fix: str = "", required: bool = True) -> dict:
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


def espeak_found() -> tuple[bool, str]:
    lib = ctypes.util.find_library("espeak-ng") or ctypes.util.find_library("espeak")
    binary = shutil.which("espeak-ng")
    if lib:
        return True, f"libespeak-ng found ({lib})"
    return False, "libespeak-ng not found" + (" (the espeak-ng command exists)" if binary else "")


ESPEAK_FIX = "install it: sudo apt-get install -y espeak-ng (or use --tts gemini, or --tts mock for silence)"


def ffmpeg_found() -> tuple[bool, str]:
    try:
        import imageio_ffmpeg

        exe = imageio_ffmpeg.get_ffmpeg_exe()
        return os.access(exe, os.X_OK), exe
    except Exception as exc:  # imageio-ffmpeg raises RuntimeError and others when it finds none
        return False, str(exc)


def run_checks(settings: Settings) -> list[dict]:
    checks = [_check("python", sys.version_info >= (3, 11), sys.version.split()[0], "use Python 3.11 or newer")]
    from vidgen.store import Store

    try:
        store = Store(settings.data)
        problems = store.check()
        ok, detail = writable(settings.data)
        if problems:
            ok, detail = False, str(problems[0])
        checks.append(_check("store", ok, detail, "run `vidgen doctor --repair`" if problems
                             else "set VIDGEN_HOME to a folder you can write to"))
    except Exception as exc:
        checks.append(_check("store", False, str(exc), "set VIDGEN_HOME to a folder you can write to"))
    ok, detail = writable(settings.renders)
    checks.append(_check("renders", ok, detail, "make renders/ writable or set VIDGEN_HOME"))
    ok, detail = ffmpeg_found()
    checks.append(_check("ffmpeg", ok, detail, "pip install --force-reinstall imageio-ffmpeg"))
    ok, detail = espeak_found()
    checks.append(_check("espeak-ng", ok, detail, ESPEAK_FIX, required=settings.tts_provider == "pyttsx3"))
    checks.append(_check("gemini", bool(settings.google_api_key),
                         f"configured (model {settings.gemini_model})" if settings.google_api_key
                         else "not configured: GOOGLE_API_KEY is not set (optional)",
                         "export GOOGLE_API_KEY=... to use --llm gemini or --tts gemini",
                         required=settings.llm == "gemini" or settings.tts_provider == "gemini"))
    checks.append(_check("openai", bool(settings.openai_base_url),
                         f"endpoint {settings.openai_base_url}, model {settings.openai_model} (optional; not contacted)",
                         "set VIDGEN_OPENAI_BASE_URL", required=settings.llm == "openai"))
    from vidgen.picture.fonts import font_report

    checks.append(_check("fonts", True, font_report(), required=False))
    return checks
