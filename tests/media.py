"""Reading rendered files back with ffmpeg (there is no ffprobe)."""

import re
import subprocess

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
            cues.append((sec(a), sec(b), " ".join(lines[1:])))
    return cues
