"""Rendered videos: listing, safe lookup by name, archiving old ones."""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import time
from pathlib import Path
from typing import Any

from vidgen.errors import BadInput, NotFound, StoreError
from vidgen.store.names import ARCHIVE, ARCHIVING, SIDECAR, SIDECARS, VIDEO, archiving, sidecar
from vidgen.store.procs import pid_alive

# the captions a video shows in its picture (`captions_style`): a player's own captions track is then a
# second copy of the same text, offered off (docs/decisions.md)
BURNED = ("line", "karaoke", "off")


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


def _from_summary(stem: str, index: dict[str, list[Path]]) -> tuple[float | None, str]:
    """The video's duration and the captions burned into it, from its newest render's summary; without
    one, the style its name says (`-nocaptions`, `-karaoke` end the names of renders in those styles)."""
    burned = "off" if stem.endswith("-nocaptions") else "karaoke" if stem.endswith("-karaoke") else "line"
    for folder in sorted(index.get(stem, ()), reverse=True):
        try:
            summary = json.loads((folder / "summary.json").read_text())
            seconds = summary["duration"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        style = summary.get("captions_style", (summary.get("settings") or {}).get("captions"))
        if isinstance(style, bool):  # renders before the styles: a yes/no
            style = "line" if style else "off"
        burned = style if style in BURNED else burned
        # a summary written before they were checked may hold anything: only a real number is listed
        if isinstance(seconds, (int, float)) and not isinstance(seconds, bool) and math.isfinite(seconds):
            return float(seconds), burned
    return None, burned


def video_urls(name: str, captions_vtt: str | None = None, thumbnail: str | None = None,
               storyboard: str | None = None, srt: str | None = None, words: str | None = None,
               chapters: str | None = None) -> dict[str, str]:
    """The one place the URLs of a video and its sidecars are spelled."""
    urls = {"stream_url": f"/stream/{name}", "download_url": f"/download/{name}"}
    for key, side in (("captions_url", captions_vtt), ("srt_url", srt), ("thumbnail_url", thumbnail),
                      ("storyboard_url", storyboard), ("words_url", words), ("chapters_url", chapters)):
        if side:
            urls[key] = f"/download/{side}"
    return urls


def describe(path: Path, index: dict[str, list[Path]] | None = None) -> dict[str, Any]:
    st = path.stat()
    if index is None:
        index = archive_index(path.parent.parent / "archives")
    modified = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(st.st_mtime))
    # name and modified: what the replaced system's frontend lists (its /stream/{name} and a date)
    duration, burned = _from_summary(path.stem, index)
    info = {"name": path.name, "filename": path.name, "size": st.st_size, "created": st.st_mtime,
            "created_iso": modified, "modified": modified, "duration": duration, "captions_style": burned}
    sides = {kind: sidecar(path, kind).name for kind in SIDECARS if sidecar(path, kind).exists()}
    return {**info, **video_urls(path.name, sides.get("captions_vtt"), sides.get("thumbnail"),
                                 sides.get("storyboard"), sides.get("captions_srt"), sides.get("words"),
                                 sides.get("chapters"))}


def list_videos(renders: Path) -> list[dict[str, Any]]:
    if not renders.is_dir():
        return []
    found = [p for p in renders.iterdir() if VIDEO.match(p.name) and p.is_file() and not p.is_symlink()]
    found.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    index = archive_index(renders.parent / "archives")
    return [describe(p, index) for p in found]


def no_video(filename: str) -> NotFound:
    return NotFound(f"no video named {filename!r}", "list videos with GET /videos")


def safe_file(renders: Path, filename: str, *, any_sidecar: bool = False) -> Path:
    """A file vidgen rendered, by bare name: no '/', no '..', no link out of renders/."""
    allowed = VIDEO.match(filename or "") or (any_sidecar and SIDECAR.match(filename or ""))
    if not allowed or ".." in filename or "/" in filename or "\\" in filename:
        raise no_video(filename)
    path = renders / filename
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise no_video(filename) from None
    if path.is_symlink() or real.parent != renders.resolve() or not real.is_file():
        raise no_video(filename)
    return real


def archive_old(renders: Path, archives: Path, older_than_days: float) -> list[str]:
    """Move videos older than the cutoff, each with its sidecars, into `archives/videos/`."""
    if isinstance(older_than_days, bool) or not isinstance(older_than_days, int | float) or \
            not math.isfinite(older_than_days) or older_than_days < 0:
        raise BadInput(f"--older-than must be a number of days, zero or more, not {older_than_days}",
                       "e.g. --older-than 30")
    cutoff = time.time() - older_than_days * 86400
    old = [renders / v["filename"] for v in list_videos(renders) if v["created"] <= cutoff]
    target = archives / "videos"
    if target.is_dir():
        clean_archiving(renders, target)
    if not old:
        return []
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot archive: cannot create {exc.filename or target}: {exc.strerror}",
                         "fix the folder's permissions or mount, then run `vidgen archive` again") from None
    for folder in (renders, target):
        if not os.access(folder, os.W_OK):  # checked first: a half-done move would leave copies behind
            raise StoreError(f"cannot archive: {folder} is not writable (read-only or no permission)",
                             "fix the folder's permissions or mount, then run `vidgen archive` again")
    moved: list[str] = []
    for path in old:
        files = [path, *(p for p in (sidecar(path, kind) for kind in SIDECARS) if p.exists())]
        try:
            move_together(files, target)
        except OSError as exc:
            raise cannot_archive(exc, path, target, moved) from None
        moved.append(path.name)
    return moved


def cannot_archive(exc: OSError, path: Path, target: Path, moved: list[str]) -> StoreError:
    where = Path(exc.filename).parent if exc.filename else target
    done = f"; {len(moved)} video(s) were archived before it" if moved else ""
    if exc.errno == errno.ENOSPC:
        return StoreError(f"cannot archive {path.name}: the disk is full (no space left in {where}); "
                          f"it stays in renders/ with its captions and pictures{done}",
                          "free some space there, then run `vidgen archive` again")
    return StoreError(f"cannot archive {path.name}: {where}: {exc.strerror}{done}",
                      "fix the folder's permissions or mount, then run `vidgen archive` again")


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _stage(src: Path, tmp: Path) -> None:
    """`tmp` in the archive holds `src`'s bytes: a second link on the same file system, else a durable copy."""
    try:
        os.link(src, tmp)
        return
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.EOPNOTSUPP):
            raise
    st = src.stat()
    with open(src, "rb") as fi, open(tmp, "wb") as fo:
        while chunk := fi.read(1 << 20):
            fo.write(chunk)
        fo.flush()
        os.fsync(fo.fileno())
    os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))  # lets a later run tell the copy is this file


def move_together(files: list[Path], target: Path) -> None:
    """Move a video and its sidecars into `target` together, or not at all.

    Every file is first complete in the archive (linked, or copied and fsynced across file
    systems) and renamed into place; only then are the originals deleted, the video first,
    so it stops being listed at once. A failure before that removes what was staged; a kill
    leaves the video listed (archive again) or sidecars whose copy is archived (cleaned next run).
    """
    staged: list[Path] = []
    placed: list[Path] = []
    try:
        for src in files:
            tmp = archiving(target, src.name, os.getpid())
            staged.append(tmp)
            tmp.unlink(missing_ok=True)
            _stage(src, tmp)
        for src, tmp in zip(files, staged, strict=True):
            os.replace(tmp, target / src.name)
            placed.append(target / src.name)
        _fsync_dir(target)
        for src in files:
            src.unlink()
    except BaseException:
        for p in staged:
            p.unlink(missing_ok=True)
        if files[0].exists():  # the video is still in renders/: the archive keeps no half of it
            for p in placed:
                p.unlink(missing_ok=True)
        raise
    _fsync_dir(files[0].parent)


def clean_archiving(renders: Path, target: Path) -> None:
    """What a killed archive left: staged copies of a dead process, and sidecars whose video is archived."""
    for p in target.iterdir():
        m = ARCHIVING.match(p.name)
        if m and not pid_alive(int(m[2])):
            p.unlink(missing_ok=True)
    for p in renders.iterdir():
        m = SIDECAR.match(p.name)
        if not m or not p.is_file():
            continue
        ext = max((e for e in SIDECARS.values() if p.name.endswith(e)), key=len)  # .storyboard.jpg before .jpg
        stem = p.name[: -len(ext)]
        video, copy = renders / f"{stem}.mp4", target / p.name
        if video.exists() or not (target / f"{stem}.mp4").exists() or not copy.exists():
            continue
        a, b = p.stat(), copy.stat()
        if os.path.samefile(p, copy) or (a.st_size, a.st_mtime_ns) == (b.st_size, b.st_mtime_ns):
            p.unlink(missing_ok=True)


def prune_audio(archives: Path) -> int:
    """Remove the `audio/` folder of every render's archive; the bytes freed."""
    freed = 0
    for folder, _ in _archive_folders(archives):
        audio = folder / "audio"
        if not audio.is_dir():
            continue
        for f in audio.iterdir():
            with contextlib.suppress(OSError):
                size = f.stat().st_size
                f.unlink()
                freed += size
        with contextlib.suppress(OSError):
            audio.rmdir()
    return freed


def _archive_folders(archives: Path) -> list[tuple[Path, str]]:
    return [(p, stem) for stem, paths in archive_index(archives).items() for p in paths if p.is_dir()]
