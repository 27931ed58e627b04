"""Every name vidgen gives a file, defined once: videos, their sidecars, partial files, work
folders and archive folders. The listing, the renderer, the cleaners and the job runner all
read and write these names through here.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

SIDECARS = {"captions_srt": ".srt", "captions_vtt": ".vtt", "thumbnail": ".jpg", "storyboard": ".storyboard.jpg",
            "chapters": ".chapters.txt", "words": ".words.json"}
# a finished video: a name vidgen gives; hidden partial files never match
VIDEO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.mp4$")
# a file beside one: its name ends with one of SIDECARS' endings (one list: a new sidecar is served,
# listed, archived and cleaned with the others)
SIDECAR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*("
                     + "|".join(re.escape(e) for e in sorted(set(SIDECARS.values()), key=len, reverse=True)) + ")$")
# a render's archive folder: `{video stem}-{YYYYmmdd-HHMMSS}`
ARCHIVE = re.compile(r"^(.+)-\d{8}-\d{6}$")
# the stem of a video vidgen named (`video_name`): what cleaners may touch, never a user's own file
RENDERED = re.compile(r"^[a-z0-9-]+-[0-9a-f]{10}-v\d+(-[a-z0-9_]+)*$")


def slug(text: str, limit: int = 40) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:limit].rstrip("-") or "video"


def video_name(title: str, token: str, version: int, variant: str = "") -> str:
    """`variant`: what differs from the default render (`RenderOptions.variant`), e.g. '-9x16-high'."""
    return f"{slug(title)}-{token}-v{version}{variant}.mp4"


def sidecar(video: Path, kind: str) -> Path:
    """The captions, thumbnail or storyboard beside a video (`kind` is a SIDECARS key)."""
    return video.with_name(video.stem + SIDECARS[kind])


def partial(final: Path, pid: int) -> Path:
    """Where a render writes its MP4 until it is complete: hidden, never listed or served."""
    return final.with_name(f".{final.stem}.partial-{pid}.mp4")


def partials_of(renders: Path, pid: int | None = None) -> list[Path]:
    return sorted(renders.glob(f".*.partial-{pid if pid else '*'}.mp4"))


def partial_pid(path: Path) -> int | None:
    m = re.search(r"\.partial-(\d+)\.mp4$", path.name)
    return int(m[1]) if m else None


def work_dir(cache: Path, stem: str, pid: int) -> Path:
    """A render's scratch folder: named by process, so a dead render's folder can be told apart."""
    return cache / "work" / f"{stem}-{pid}-{int(time.time() * 1000)}"


def work_dir_pid(path: Path) -> int | None:
    try:
        return int(path.name.rsplit("-", 2)[-2])
    except (ValueError, IndexError):
        return None


def work_dirs_of(cache: Path, pid: int) -> list[Path]:
    return sorted((cache / "work").glob(f"*-{pid}-*"))


# a file being moved into archives/videos/ by `vidgen archive` (process `pid`), hidden until complete
ARCHIVING = re.compile(r"^\.(.+)\.archiving-(\d+)\.tmp$")


def archiving(target: Path, name: str, pid: int) -> Path:
    return target / f".{name}.archiving-{pid}.tmp"


def archive_name(stem: str) -> str:
    return f"{stem}-{time.strftime('%Y%m%d-%H%M%S')}"
