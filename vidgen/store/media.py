"""Files a script or a render config names (a scene's `media`, an `image` visual, `music`),
and media uploaded over HTTP.

One rule decides which files a request may name (`user_file`): the CLI may use any
local path (the person at the keyboard owns the machine), but a path that arrives over
HTTP must be relative, without `..` or hidden parts, and must resolve (links followed)
to a file under VIDGEN_HOME. A path refused for being outside is refused with the same
words whether or not the file exists, before anything outside is looked at: the server
is not a file-existence oracle. Uploads (`POST /api/media`) land in VIDGEN_HOME/media.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import AsyncIterator
from contextvars import ContextVar
from pathlib import Path, PurePosixPath
from typing import Any

from vidgen.errors import BadInput, NotFound, RateLimited, TooLarge, UnsupportedMediaType, disk_full, is_disk_full

IMAGE = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".tif", ".tiff")
VIDEO = (".mp4", ".mov", ".m4v", ".webm", ".mkv", ".avi")
AUDIO = (".mp3", ".wav", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".flac")
PICTURE = IMAGE + VIDEO          # what a scene's media or an image visual may be
SOUND = AUDIO + VIDEO            # music: ffmpeg takes the sound of a video too
MEDIA_DIR = "media"
# words for every client (the studio shows them too): no route, no variable; docs/api.md names the route
UPLOAD_HINT = "upload the file first, and use the path the upload answers (media/…)"
# Where the files a request names must lie when the caller is a user of a server with users: their own
# uploads (`uploads_dir`). None: anywhere under VIDGEN_HOME (the machine's own user, an admin). Set for
# each request by the server from who is calling, so every check below the HTTP edge (a script's media,
# an image visual, music, a voice file) follows it without being handed the caller.
REQUEST_FILES: ContextVar[Path | None] = ContextVar("vidgen_request_files", default=None)


def uploads_dir(home: Path, owner: str | None) -> Path:
    """A user's uploads: media/<owner id>/; the machine's own user's (owner None): media/ itself."""
    return Path(home) / MEDIA_DIR / owner if owner else Path(home) / MEDIA_DIR


def local_path(value: str, home: Path) -> Path:
    """Where a file a script names is on this machine: `~` expanded, a relative path under VIDGEN_HOME."""
    p = Path(value.strip()).expanduser()
    return p if p.is_absolute() else Path(home) / p


def user_file(value: str, home: Path, *, what: str, kinds: tuple[str, ...], from_http: bool) -> Path:
    """The file `value` names, checked by the rule of its origin; BadInput saying what to do."""
    if not from_http:
        p = local_path(value, home)
        if not p.is_file():
            raise BadInput(f"{what}: the file {value} does not exist",
                           "give the path of an existing file (relative to VIDGEN_HOME)")
        return p
    outside = BadInput(f"{what}: {value!r} is not a file this server has; name an uploaded file by the path "
                       f"its upload answered, e.g. media/yours{kinds[0]}", UPLOAD_HINT)
    pure = PurePosixPath(value)
    if not value or "\\" in value or "\0" in value or pure.is_absolute() or \
            any(part in ("..", "~") or part.startswith((".", "~")) for part in pure.parts):
        raise outside
    root = Path(home).resolve()
    # resolve() follows links whether or not their target exists: the check is the same either way
    real = (root / pure).resolve()
    if not real.is_relative_to(root) or any(part.startswith(".") for part in real.relative_to(root).parts):
        raise outside
    within = REQUEST_FILES.get()
    if within is not None and not real.is_relative_to(within.resolve()):
        # another user's upload is refused with the same words whether or not it exists
        raise BadInput(f"{what}: {value!r} is not one of your uploads", UPLOAD_HINT)
    if real.suffix.lower() not in kinds:
        raise BadInput(f"{what}: {value} is not a kind of file vidgen uses here",
                       f"use one of {', '.join(kinds)}")
    if not real.is_file():
        raise BadInput(f"{what}: the file {value} does not exist on this server", UPLOAD_HINT)
    return real


# -- pictures: the pixel count before any decoding ---------------------------------------------------
MAX_PIXELS = 40_000_000   # 40 MP: a 7,700 x 5,200 photo; decoding one costs up to 160 MB


def picture_pixels(path: Path) -> tuple[int, str] | None:
    """How many pixels a picture has, and its size in words (or ""), from its header alone (None: not a picture
    Pillow reads). Pillow's own bomb check refuses to open one over 179 MP: its count is in the message."""
    import re
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                w, h = img.size
                return w * h, f" ({w} x {h} pixels)"
    except Image.DecompressionBombError as exc:
        m = re.search(r"\((\d+) pixels\)", str(exc))
        return (int(m[1]), "") if m else (MAX_PIXELS + 1, "")
    except Exception:  # Pillow raises many kinds for a broken or foreign file
        return None


def check_pixels(path: Path, what: str) -> None:
    """BadInput when an image has more than MAX_PIXELS pixels (a 420 kB PNG can hold 144 MP)."""
    if path.suffix.lower() not in IMAGE:
        return
    found = picture_pixels(path)
    if found is not None and found[0] > MAX_PIXELS:
        raise BadInput(f"{what}: the picture has {found[0] / 1e6:.0f} MP{found[1]}; the limit is "
                       f"{MAX_PIXELS // 1_000_000} MP", "scale it down, e.g. to 4000 pixels wide")


def load_picture(path: Path, width: int, height: int | None = None) -> Any:
    """A picture opened to be drawn about `width` x `height` pixels: refused over MAX_PIXELS before decoding,
    and a JPEG decoded at a reduced scale (draft) no smaller than that. Returns an open PIL image."""
    from PIL import Image

    check_pixels(Path(path), Path(path).name)
    img = Image.open(path)
    img.draft("RGB", (max(1, width), max(1, height or width)))
    return img


# -- uploads -------------------------------------------------------------------------------------
def sniff(head: bytes) -> str | None:
    """The kind of file its first bytes say it is: image, video, audio, or None."""
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM",
                        b"II*\x00", b"MM\x00*")) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "video"
    if head[4:8] == b"ftyp":
        return "audio" if head[8:12] in (b"M4A ", b"M4B ") else "video"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video"  # Matroska / WebM
    if head.startswith((b"ID3", b"OggS", b"fLaC")) or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2") or \
            head[:2] in (b"\xff\xf1", b"\xff\xf9"):
        return "audio"
    return None


KIND_OF = {**dict.fromkeys(IMAGE, "image"), **dict.fromkeys(VIDEO, "video"), **dict.fromkeys(AUDIO, "audio")}


UPLOAD_TMP = re.compile(r"^\.upload-(?:(\d+)-)?[0-9a-f]{12}\.\w+$")


def prune_uploads(home: Path) -> list[str]:
    """Remove what killed uploads left in media/ (hidden `.upload-<pid>-…` files, up to the upload limit each),
    by the rule of render leftovers: the process that wrote it is gone and it has not changed for a minute."""
    from vidgen.store.procs import stale

    removed: list[str] = []
    folder = Path(home) / MEDIA_DIR
    if not folder.is_dir():
        return removed
    for p in folder.iterdir():
        m = UPLOAD_TMP.match(p.name)
        if m and p.is_file() and stale(p, int(m[1]) if m[1] else None):
            p.unlink(missing_ok=True)
            removed.append(f"removed {p}, an upload a stopped server never finished")
    return removed


def upload_name(filename: str) -> tuple[str, str]:
    """A safe stem and the suffix of a client's file name: no folders, no dots in front, ASCII words."""
    name = PurePosixPath(filename.replace("\\", "/")).name
    stem, suffix = os.path.splitext(name)
    suffix = suffix.lower()
    if not name or not suffix:
        raise BadInput("the upload needs a file name with its extension, e.g. ?filename=picture.png",
                       "send it as ?filename=, an X-Filename header, or a multipart file field")
    if suffix not in KIND_OF:
        raise UnsupportedMediaType(f"{name} is not an image, video or audio file vidgen uses",
                              f"use one of {', '.join(sorted(KIND_OF))}")
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-")[:60] or "upload"
    return stem.lower(), suffix


def checked_kind(head: bytes, filename: str, suffix: str) -> str:
    kind = sniff(head)
    if kind != KIND_OF[suffix]:
        named = KIND_OF[suffix]
        raise BadInput(f"{filename!r} is named like {'an' if named[0] in 'aeiou' else 'a'} {named} file but its "
                       f"contents are {'not a known image, video or audio format' if kind is None else 'a ' + kind}",
                       "send the file itself, with its real extension")
    return kind


async def store_upload(home: Path, filename: str, chunks: AsyncIterator[bytes], limit: int, *,
                       folder: Path | None = None, room: int | None = None) -> dict[str, Any]:
    """Write an upload to `folder` (default VIDGEN_HOME/media) under `<name>-<hash>.<ext>`; refuse what its
    bytes are not. `room`: the bytes left of the uploader's quota (429 when the file would not fit).

    The file is written to a hidden temporary name and renamed into place only once it is complete
    and checked, so a refused or broken upload leaves nothing behind.
    """
    stem, suffix = upload_name(filename)
    folder = folder or Path(home) / MEDIA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".upload-{os.getpid()}-{secrets.token_hex(6)}{suffix}"   # the pid: see prune_uploads
    digest, size, head, kind = hashlib.sha256(), 0, b"", None
    try:
        with open(tmp, "wb") as out:
            async for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    cap = f"{limit // (1024 * 1024) or limit // 1024} {'MiB' if limit >= 1024 * 1024 else 'KiB'}"
                    too_large = TooLarge(f"the upload is over the {cap} limit",
                                         "send a smaller file, or raise VIDGEN_MAX_UPLOAD")
                    too_large.advice = f"That file is over this server's {cap} limit for uploads: choose a " \
                                       "smaller one."
                    raise too_large
                if room is not None and size > room:
                    raise over_quota(room)
                if len(head) < 64:
                    head += chunk[:64 - len(head)]
                    if len(head) == 64:  # refuse a wrong file at its first bytes, not after all of it
                        kind = checked_kind(head, filename, suffix)
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise BadInput("the upload is empty", "send the file's bytes as the body")
        kind = kind or checked_kind(head, filename, suffix)
        if kind == "image":
            check_pixels(tmp, filename)   # refused now, never decoded later
        final = folder / f"{stem}-{digest.hexdigest()[:10]}{suffix}"
        os.replace(tmp, final)
    except OSError as exc:
        if is_disk_full(exc):
            raise disk_full(folder) from None
        raise
    finally:
        tmp.unlink(missing_ok=True)
    return {"path": final.relative_to(home).as_posix(), "size": size, "kind": kind}


def over_quota(room: int) -> RateLimited:
    return RateLimited(f"this upload does not fit in your space for media ({room // (1024 * 1024)} MiB left)",
                       3600, "delete uploads you no longer use, or ask an admin for more room")


def uploads(folder: Path) -> list[dict[str, Any]]:
    """The finished uploads in a folder (not its subfolders, not hidden temporaries), newest first."""
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if entry.name.startswith(".") or not entry.is_file(follow_symlinks=False):
            continue
        st = entry.stat(follow_symlinks=False)
        found.append({"name": entry.name, "size": st.st_size, "modified": st.st_mtime,
                      "kind": KIND_OF.get(os.path.splitext(entry.name)[1].lower())})
    return sorted(found, key=lambda f: -f["modified"])


def used_bytes(folder: Path) -> int:
    return sum(f["size"] for f in uploads(folder))


def delete_upload(folder: Path, name: str) -> None:
    """Remove one upload by its bare name; anything else (a path, a hidden file, another's) is not found."""
    if not name or name.startswith(".") or "/" in name or "\\" in name or "\0" in name \
            or not (folder / name).is_file() or (folder / name).is_symlink():
        raise no_upload(name)
    (folder / name).unlink()


def no_upload(name: str) -> NotFound:
    return NotFound(f"no upload named {name!r}", "it may have been deleted already")
