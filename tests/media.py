"""Reading rendered files back with ffmpeg (there is no ffprobe), and the checks every render test makes."""

import html
import re
import subprocess
from pathlib import Path

import numpy as np

from vidgen.render.encode import ffmpeg_exe


def probe(path) -> dict:
    err = subprocess.run([ffmpeg_exe(), "-hide_banner", "-i", str(path)], capture_output=True, text=True).stderr
    info = {"video": None, "audio": None, "duration": None}
    m = re.search(r"Duration: (\d+):(\d+):(\d+\.\d+)", err)
    if m:
        info["duration"] = int(m[1]) * 3600 + int(m[2]) * 60 + float(m[3])
    v = re.search(r"Stream .*Video: (\w+).*?, (\d{2,5})x(\d{2,5}).*?, ([\d.]+) fps", err)
    if v:
        info["video"] = {"codec": v[1], "width": int(v[2]), "height": int(v[3]), "fps": float(v[4])}
    a = re.search(r"Stream .*Audio: (\w+).*?, (\d+) Hz", err)
    if a:
        info["audio"] = {"codec": a[1], "rate": int(a[2])}
    return info


def audio_rms(path) -> float:
    raw = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(path), "-vn", "-ac", "1", "-ar", "16000",
                          "-f", "s16le", "-"], capture_output=True).stdout
    samples = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768
    return float(np.sqrt(np.mean(samples ** 2))) if samples.size else 0.0


def frame_at(path, seconds: float, width: int, height: int) -> np.ndarray:
    raw = subprocess.run([ffmpeg_exe(), "-v", "error", "-ss", f"{seconds:.3f}", "-i", str(path), "-frames:v", "1",
                          "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], capture_output=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(height, width, 3)


def parse_vtt(text: str) -> list[tuple[float, float, str]]:
    def sec(stamp):
        h, m, s = stamp.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)

    cues = []
    for block in text.split("\n\n")[1:]:
        lines = block.strip().splitlines()
        if lines and "-->" in lines[0]:
            a, b = lines[0].split(" --> ")
            # as a player shows it: without the word timestamps (<00:00:01.250>) and with entities read
            shown = re.sub(r"<[^>]*>", "", " ".join(lines[1:]))
            cues.append((sec(a), sec(b), html.unescape(shown)))
    return cues


def stored(svc, name="test-topic", **changes):
    from tests.conftest import seed

    script = {**seed(name), **changes}
    return svc.store.create_script(script, topic=name)


def check_video(result, width, height, silent=False):
    path = result["path"]
    info = probe(path)
    assert info["video"] and info["video"]["codec"] == "h264"
    assert (info["video"]["width"], info["video"]["height"]) == (width, height)
    assert info["audio"] and info["audio"]["codec"] == "aac"
    assert abs(info["duration"] - result["duration"]) <= 0.2
    rms = audio_rms(path)
    assert (rms < 1e-3) if silent else (rms > 0.01)
    cues = parse_vtt(Path(path[:-4] + ".vtt").read_text())
    assert cues
    for (a, b, text), nxt in zip(cues, cues[1:] + [None], strict=True):
        assert 0 <= a < b <= result["duration"] + 0.01 and text
        if nxt:
            assert b <= nxt[0] + 1e-6
    return info, cues


def drawn(rgb: np.ndarray) -> float:
    """The share of a picture's pixels that are not background (each row's median: a vertical gradient)."""
    px = rgb.astype(int)
    return float((np.abs(px - np.median(px, axis=1, keepdims=True)).max(axis=2) > 40).mean())
