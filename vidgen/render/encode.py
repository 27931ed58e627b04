"""Encoding: yuv420p frames piped to imageio-ffmpeg's ffmpeg (x264), and the final mux.

Each scene (and each transition) is encoded once into a segment, by an x264 run per scene; the
video is the segments joined without re-encoding, muxed with the audio track.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import subprocess
import threading
from pathlib import Path
from typing import Any

from vidgen.errors import RenderError

# in every segment's cache key: segments made another way (one x264 run over all of them) are made again
ENCODING = "run-per-scene"


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
    """x264 runs that turn the stream of frames into one file per segment (a scene or a transition).

    A run encodes what one scene adds to the video: the crossfade into it and its body (those of
    them not in the cache), split into a file each at a forced keyframe. One run over every segment
    would have to be told every cut when it starts, and a scene's length is only known once it is
    spoken; a run per scene can start as soon as its scene is. A run that has had all its frames
    drains while the next one starts, so x264's threads stay busy across the cuts; at most two runs
    are alive at once. A run's bytes depend on its own frames alone, so the voice ahead of the
    pictures or behind them makes the same files.

    `add` announces the next run (each segment's cache path and frame count) before its frames are
    written; `write` takes frames numbered over the whole stream, from any one thread.
    """

    def __init__(self, width: int, height: int, fps: int, crf: int, workdir: Path):
        self.width, self.height, self.fps, self.crf, self.workdir = width, height, fps, crf, workdir
        self.frame_bytes = width * height * 3 // 2
        self._lock = threading.Lock()
        self._planned: list[list[tuple[Path, int]]] = []   # announced runs: each segment's path and frames
        self._starts: list[int] = []                       # each announced run's first stream index
        self._live: _Run | None = None
        self._draining: list[_Run] = []

    def add(self, segments: list[tuple[Path, int]]) -> None:
        with self._lock:
            start = self._starts[-1] + sum(c for _, c in self._planned[-1]) if self._planned else 0
            self._planned.append(segments)
            self._starts.append(start)

    def write(self, frame: bytes | bytearray, index: int) -> None:
        """Frame `index` of the stream (counted over every segment); it lasts until the next one written."""
        from vidgen.render.mkv import frame_head

        run = self._live
        if run is None or index >= run.start + run.count:
            run = self._next(index)
        run.send(frame_head(index - run.start, self.fps, self.frame_bytes))
        run.send(frame)
        if index == run.start + run.count - 1:  # a segment's last frame is always sent: it can drain now
            self._end_live()

    def _end_live(self) -> None:
        if self._live is not None:
            self._draining.append(self._live.end())
            self._live = None
        while len(self._draining) > 1:  # the one before has had a whole scene's time to finish
            self._draining.pop(0).finish()

    def _next(self, index: int) -> _Run:
        self._end_live()
        with self._lock:
            k = bisect.bisect_right(self._starts, index) - 1
            if k < 0 or index >= self._starts[k] + sum(c for _, c in self._planned[k]):
                raise RenderError(f"frame {index} belongs to no segment that was announced")
            segments, start = self._planned[k], self._starts[k]
        self._live = _Run(self, k, segments, start)
        return self._live

    def close(self) -> None:
        """Finish every run and move each segment to its cache path (renamed: never half-written)."""
        self._end_live()
        while self._draining:
            self._draining.pop(0).finish()

    def abort(self) -> None:
        runs = [*self._draining, *([self._live] if self._live else [])]
        self._live, self._draining = None, []
        for run in runs:
            run.kill()


class _Run:
    """One x264 run, writing hidden files in the work folder until they are complete."""

    def __init__(self, enc: SegmentEncoder, number: int, segments: list[tuple[Path, int]], start: int):
        from vidgen.render import mkv

        self.paths = [p for p, _ in segments]
        counts = [c for _, c in segments]
        self.start, self.count = start, sum(counts)
        self.name = f"seg-{number:05d}"
        cuts = [sum(counts[: i + 1]) for i in range(len(counts) - 1)]
        # no cuts: no split at all (the muxer's default is every 2 s, at x264's own keyframes)
        split = ["-segment_time", str(10**9)]
        if cuts:  # a keyframe at each cut, and the segment muxer splits there
            split = ["-force_key_frames", "expr:" + "+".join(f"eq(n,{c})" for c in cuts),
                     "-segment_frames", ",".join(map(str, cuts))]
        # frames come with timestamps and a hold is sent once: the fps filter repeats it until
        # the next frame, and -frames:v ends the stream exactly (the last frame has no successor)
        cmd = [ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "matroska", *COLOUR, "-i", "-", "-an",
               "-vf", f"fps={enc.fps}:round=near", "-frames:v", str(self.count), "-c:v", "libx264",
               "-preset", "veryfast", "-crf", str(enc.crf), "-pix_fmt", "yuv420p", *split,
               "-f", "segment", "-segment_format", "mpegts", "-reset_timestamps", "1",
               str(enc.workdir / f"{self.name}-%03d.ts")]
        # stderr is a pipe, not a file in the work folder: on a full disk that file could not say so
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        assert self.proc.stdin is not None and self.proc.stderr is not None
        self.stdin, self.stderr = self.proc.stdin, self.proc.stderr
        self.workdir = enc.workdir
        _grow_pipe(self.stdin)
        self.send(mkv.header(enc.width, enc.height, enc.fps))

    def send(self, data: bytes | bytearray) -> None:
        try:
            self.stdin.write(data)
        except BrokenPipeError:
            err = self.stderr.read()   # it has exited: its stderr ends
            self.proc.wait()
            raise _fail("encoding the video", err) from None

    def end(self) -> _Run:
        with contextlib.suppress(BrokenPipeError):
            self.stdin.close()
        return self

    def _made(self) -> list[Path]:
        return sorted(self.workdir.glob(f"{self.name}-*.ts"))

    def finish(self) -> None:
        err = self.stderr.read()   # -loglevel error: a line or two, read once its stdin is closed
        self.stderr.close()
        if self.proc.wait() != 0:
            raise _fail("encoding the video", err)
        made = self._made()
        if len(made) != len(self.paths):
            raise RenderError(f"the encoder made {len(made)} segments instead of {len(self.paths)}")
        for src, dst in zip(made, self.paths, strict=True):
            os.replace(src, dst)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.stderr.close()
        for p in self._made():
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
