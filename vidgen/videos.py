"""Rendered videos: listing, safe lookup by name, archiving old ones."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from vidgen.errors import BadInput, NotFound
from vidgen.naming import ARCHIVE, SIDECAR, SIDECARS, VIDEO, sidecar


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
    if index is None:
        index = archive_index(path.parent.parent / "archives")
    info = {"filename": path.name, "size": st.st_size, "created": st.st_mtime,
            "created_iso": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(st.st_mtime)),
            "duration": _duration(path.stem, index)}
    sides = {kind: sidecar(path, kind).name for kind in SIDECARS if sidecar(path, kind).exists()}
    return {**info, **video_urls(path.name, sides.get("captions_vtt"), sides.get("thumbnail"),
                                 sides.get("storyboard"), sides.get("captions_srt"))}


def list_videos(renders: Path) -> list[dict]:
    if not renders.is_dir():
        return []
    found = [p for p in renders.iterdir() if VIDEO.match(p.name) and p.is_file() and not p.is_symlink()]
    found.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    index = archive_index(renders.parent / "archives")
    return [describe(p, index) for p in found]


def safe_file(renders: Path, filename: str, *, any_sidecar: bool = False) -> Path:
    """A file vidgen rendered, by bare name: no '/', no '..', no link out of renders/."""
    allowed = VIDEO.match(filename or "") or (any_sidecar and SIDECAR.match(filename or ""))
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
        for kind in SIDECARS:
            side = sidecar(path, kind)
            if side.exists():
                shutil.move(str(side), target / side.name)
        os.replace(path, target / path.name)
        moved.append(path.name)
    return moved
