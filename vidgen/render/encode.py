"""Encoding: yuv420p frames piped to imageio-ffmpeg's ffmpeg (x264), and the final mux.

Each scene (and each transition) is encoded once into a segment; the video is the
segments joined without re-encoding, muxed with the audio track.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path
from typing import Any

from vidgen.errors import RenderError


def ffmpeg_exe() -> str:
    import imageio_ffmpeg

    return str(imageio_ffmpeg.get_ffmpeg_exe())


# Tag the *input* frames: tagging only the output makes ffmpeg insert a colour conversion
# that costs a third more CPU than the encode itself.
COLOUR = ["-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv"]


def _fail(what: str, err: bytes) -> RenderError:
    text = err.decode(errors="replace").strip().splitlines()
    tail = text[-1] if text else "no message"
    if "No space left" in err.decode(errors="replace"):
        return RenderError(f"{what}: the disk is full", "free some disk space and render again")
    return RenderError(f"{what}: ffmpeg failed ({tail})")


def _grow_pipe(pipe: Any) -> None:
    """A frame is ~1.4 MB at 720p; the default 64 KB pipe would wake ffmpeg ~20 times per frame."""
    import fcntl

    for size in (8 << 20, 1 << 20):
        try:
            fcntl.fcntl(pipe.fileno(), 1031, size)  # F_SETPIPE_SZ
            return
        except OSError:
            continue


class SegmentEncoder:
    """One x264 run for every segment that needs encoding, split into one file per segment.

    Keyframes are forced at the cuts and the segment muxer splits there, so each file is a
    scene (or transition) that can be cached and joined later without re-encoding; one
    process keeps x264's threads busy instead of draining and restarting per segment.
    """

    def __init__(self, paths: list[Path], counts: list[int], width: int, height: int, fps: int, crf: int,
                 workdir: Path):
        from vidgen.render import mkv

        self.paths, self.counts, self.fps = paths, counts, fps
        self.pattern = workdir / "seg-%05d.ts"
        self.frame_bytes = width * height * 3 // 2
        cuts = [sum(counts[: i + 1]) for i in range(len(counts) - 1)]
        split = []
        if cuts:
            split = ["-force_key_frames", "expr:" + "+".join(f"eq(n,{c})" for c in cuts),
                     "-segment_frames", ",".join(map(str, cuts))]
        # frames come with timestamps and a hold is sent once: the fps filter repeats it until
        # the next frame, and -frames:v ends the stream exactly (the last frame has no successor)
        cmd = [ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "matroska", *COLOUR, "-i", "-", "-an",
               "-vf", f"fps={fps}:round=near", "-frames:v", str(sum(counts)), "-c:v", "libx264",
               "-preset", "veryfast", "-crf", str(crf), "-pix_fmt", "yuv420p", *split,
               "-f", "segment", "-segment_format", "mpegts", "-reset_timestamps", "1", str(self.pattern)]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        assert self.proc.stdin is not None and self.proc.stderr is not None  # both are pipes
        self.stdin, self.stderr = self.proc.stdin, self.proc.stderr
        _grow_pipe(self.stdin)
        self._send(mkv.header(width, height, fps))

    def write(self, frame: bytearray, index: int) -> None:
        """Frame `index` of the stream (counted over every segment); it lasts until the next one written."""
        from vidgen.render.mkv import frame_head

        self._send(frame_head(index, self.fps, self.frame_bytes))
        self._send(frame)

    def _send(self, data: bytes | bytearray) -> None:
        try:
            self.stdin.write(data)
        except BrokenPipeError:
            self.proc.wait()
            raise _fail("encoding the video", self.stderr.read()) from None

    def close(self) -> None:
        """Finish, then move each segment to its cache path (renamed: never half-written)."""
        with contextlib.suppress(BrokenPipeError):
            self.stdin.close()
        err = self.stderr.read()
        if self.proc.wait() != 0:
            raise _fail("encoding the video", err)
        made = sorted(self.pattern.parent.glob("seg-*.ts"))
        if len(made) != len(self.paths):
            raise RenderError(f"the encoder made {len(made)} segments instead of {len(self.paths)}")
        for src, dst in zip(made, self.paths, strict=True):
            os.replace(src, dst)

    def abort(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for p in self.pattern.parent.glob("seg-*.ts"):
            p.unlink(missing_ok=True)


class AudioEncoder:
    """AAC-encodes the sound track in the background while the pictures are encoded."""

    def __init__(self, wav: Path, out: Path, speech_only: bool):
        self.out = out
        # narration alone comes from 22-24 kHz voices: 24 kHz AAC keeps all of it at half the work
        rate = ["-ar", "24000", "-b:a", "96k"] if speech_only else ["-b:a", "128k"]
        cmd = [ffmpeg_exe(), "-y", "-loglevel", "error", "-i", str(wav), "-c:a", "aac", "-aac_coder", "fast",
               *rate, "-f", "mp4", str(out)]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def wait(self) -> Path:
        _, err = self.proc.communicate()
        if self.proc.returncode != 0:
            raise _fail("encoding the sound", err)
        return self.out

    def abort(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def mux(segments: list[Path], audio: Path, out: Path, workdir: Path, metadata: str | None = None) -> None:
    """Join the segments and the encoded sound (both stream copy) into `out`, fsynced; `metadata`
    (ffmpeg's FFMETADATA text) carries the chapters."""
    listing = workdir / "segments.txt"
    listing.write_text("".join(f"file '{p.resolve()}'\n" for p in segments))
    chapters: list[str] = []
    if metadata:
        (workdir / "chapters.meta").write_text(metadata, encoding="utf-8")
        chapters = ["-f", "ffmetadata", "-i", str(workdir / "chapters.meta"), "-map_chapters", "2"]
    cmd = [ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "concat", "-safe", "0", "-i", str(listing),
           "-i", str(audio), *chapters, "-map", "0:v:0", "-map", "1:a:0", "-c", "copy",
           "-movflags", "+faststart", "-f", "mp4", str(out)]
    proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        out.unlink(missing_ok=True)
        raise _fail("joining the video", proc.stderr)
    with open(out, "rb+") as fh:
        os.fsync(fh.fileno())
