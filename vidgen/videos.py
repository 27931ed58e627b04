"""Rendered videos: listing, safe lookup by name, archiving old ones."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

from vidgen.errors import BadInput, NotFound

SIDECARS = (".srt", ".vtt", ".jpg", ".storyboard.jpg")
# a finished video: a name vidgen gives; hidden partial files never match
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.mp4$")


# a render's archive folder: `{video stem}-{YYYYmmdd-HHMMSS}`
ARCHIVE = re.compile(r"^(.+)-\d{8}-\d{6}$")


def archive_name(stem: str) -> str:
    return f"{stem}-{time.strftime('%Y%m%d-%H%M%S')}"


def archive_index(archives: Path) -> dict[str, list[Path]]:
    """Archive folders by video stem, read in one pass: listing N videos must not glob N times."""
    index: dict[str, list[Path]] = {}
    try:
        entries = list(os.scandir(archives))
    except OSError:
        return index
    for entry in entries:
        m = ARCHIVE.match(entry.name)
        if m:
            index.setdefault(m[1], []).append(Path(entry.path))
    return index


def _duration(stem: str, index: dict[str, list[Path]]) -> float | None:
    for folder in sorted(index.get(stem, ()), reverse=True):
        try:
            return json.loads((folder / "summary.json").read_text())["duration"]
        except (OSError, ValueError, KeyError):
            continue
    return None


def video_urls(name: str, captions_vtt: str | None = None, thumbnail: str | None = None,
               storyboard: str | None = None, srt: str | None = None) -> dict[str, str]:
    """The one place the URLs of a video and its sidecars are spelled."""
    urls = {"stream_url": f"/stream/{name}", "download_url": f"/download/{name}"}
    for key, side in (("captions_url", captions_vtt), ("srt_url", srt), ("thumbnail_url", thumbnail),
                      ("storyboard_url", storyboard)):
        if side:
            urls[key] = f"/download/{side}"
    return urls


def describe(path: Path, index: dict[str, list[Path]] | None = None) -> dict:
    st = path.stat()
    base = path.with_suffix("")
    if index is None:
        index = archive_index(path.parent.parent / "archives")
    info = {"filename": path.name, "size": st.st_size, "created": st.st_mtime,
            "created_iso": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(st.st_mtime)),
            "duration": _duration(path.stem, index)}
    sides = {}
    for key, suffix in (("captions_vtt", ".vtt"), ("srt", ".srt"), ("thumbnail", ".jpg"),
                        ("storyboard", ".storyboard.jpg")):
        side = Path(f"{base}{suffix}")
        if side.exists():
            sides[key] = side.name
    return {**info, **video_urls(path.name, **sides)}


def list_videos(renders: Path) -> list[dict]:
    if not renders.is_dir():
        return []
    found = [p for p in renders.iterdir() if NAME.match(p.name) and p.is_file() and not p.is_symlink()]
    found.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    index = archive_index(renders.parent / "archives")
    return [describe(p, index) for p in found]


def safe_file(renders: Path, filename: str, *, any_sidecar: bool = False) -> Path:
    """A file vidgen rendered, by bare name: no '/', no '..', no link out of renders/."""
    allowed = NAME.match(filename or "") or (any_sidecar and re.match(
        r"^[A-Za-z0-9][A-Za-z0-9._-]*(\.srt|\.vtt|\.jpg)$", filename or ""))
    if not allowed or ".." in filename or "/" in filename or "\\" in filename:
        raise NotFound(f"no video named {filename!r}", "list videos with GET /videos")
    path = renders / filename
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise NotFound(f"no video named {filename!r}", "list videos with GET /videos") from None
    if path.is_symlink() or real.parent != renders.resolve() or not real.is_file():
        raise NotFound(f"no video named {filename!r}", "list videos with GET /videos")
    return real


def archive_old(renders: Path, archives: Path, older_than_days: float) -> list[str]:
    if older_than_days < 0:
        raise BadInput("--older-than must be zero or more days")
    cutoff = time.time() - older_than_days * 86400
    moved = []
    for video in list_videos(renders):
        if video["created"] > cutoff:
            continue
        path = renders / video["filename"]
        target = archives / "videos"
        target.mkdir(parents=True, exist_ok=True)
        for suffix in SIDECARS:
            side = Path(f"{path.with_suffix('')}{suffix}")
            if side.exists():
                shutil.move(str(side), target / side.name)
        os.replace(path, target / path.name)
        moved.append(path.name)
    return moved
