"""Encoding: raw yuv420p frames piped to imageio-ffmpeg's ffmpeg (x264), and the final mux.

Each scene (and each transition) is encoded once into a segment; the video is the
segments joined without re-encoding, muxed with the audio track.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from vidgen.errors import RenderError


def ffmpeg_exe() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


COLOUR = ["-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv"]


def _fail(what: str, err: bytes) -> RenderError:
    text = err.decode(errors="replace").strip().splitlines()
    tail = text[-1] if text else "no message"
    if "No space left" in err.decode(errors="replace"):
        return RenderError(f"{what}: the disk is full", "free some disk space and render again")
    return RenderError(f"{what}: ffmpeg failed ({tail})")


class SegmentEncoder:
    def __init__(self, path: Path, width: int, height: int, fps: int, crf: int):
        self.path = path
        cmd = [ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "yuv420p",
               "-s", f"{width}x{height}", "-r", str(fps), "-i", "-", "-an", "-c:v", "libx264",
               "-preset", "veryfast", "-crf", str(crf), "-pix_fmt", "yuv420p", *COLOUR,
               "-f", "mpegts", str(path)]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)

    def write(self, frame: bytearray) -> None:
        try:
            self.proc.stdin.write(frame)
        except BrokenPipeError:
            self.proc.wait()
            raise _fail(f"encoding {self.path.name}", self.proc.stderr.read()) from None

    def close(self) -> None:
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        err = self.proc.stderr.read()
        if self.proc.wait() != 0:
            raise _fail(f"encoding {self.path.name}", err)

    def abort(self) -> None:
        self.proc.kill()
        self.proc.wait()
        self.path.unlink(missing_ok=True)


class AudioEncoder:
    """AAC-encodes the sound track in the background while the pictures are encoded."""

    def __init__(self, wav: Path, out: Path):
        self.out = out
        cmd = [ffmpeg_exe(), "-y", "-loglevel", "error", "-i", str(wav), "-c:a", "aac", "-aac_coder", "fast",
               "-b:a", "128k", "-f", "mp4", str(out)]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def wait(self) -> Path:
        _, err = self.proc.communicate()
        if self.proc.returncode != 0:
            raise _fail("encoding the sound", err)
        return self.out

    def abort(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def mux(segments: list[Path], audio: Path, out: Path, workdir: Path) -> None:
    """Join the segments and the encoded sound (both stream copy) into `out`, fsynced."""
    listing = workdir / "segments.txt"
    listing.write_text("".join(f"file '{p.resolve()}'\n" for p in segments))
    cmd = [ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "concat", "-safe", "0", "-i", str(listing),
           "-i", str(audio), "-map", "0:v:0", "-map", "1:a:0", "-c", "copy",
           "-movflags", "+faststart", "-f", "mp4", str(out)]
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        out.unlink(missing_ok=True)
        raise _fail("joining the video", proc.stderr)
    with open(out, "rb+") as fh:
        os.fsync(fh.fileno())
