"""The sound track: each scene's sentences placed at their times, music looped or trimmed
and ducked under speech, written scene by scene so memory stays flat for long videos."""

from __future__ import annotations

import subprocess
import wave
from pathlib import Path

import numpy as np

from vidgen.errors import BadInput
from vidgen.voice import SAMPLE_RATE

MUSIC_GAIN, DUCKED_GAIN = 0.22, 0.07


def scene_audio(plan, spoken: list[np.ndarray], fps: int) -> np.ndarray:
    length = int(round(plan.frames / fps * SAMPLE_RATE))
    track = np.zeros(length, dtype=np.float32)
    for s, samples in zip(plan.sentences, spoken):
        at = int(round(s.start * SAMPLE_RATE))
        end = min(length, at + samples.size)
        track[at:end] += samples[: end - at]
    return track


def load_music(path: str | Path, seconds: float) -> np.ndarray:
    from vidgen.render.encode import ffmpeg_exe

    cmd = [ffmpeg_exe(), "-v", "error", "-t", f"{seconds + 1:.2f}", "-i", str(path), "-vn", "-ac", "1",
           "-ar", str(SAMPLE_RATE), "-f", "f32le", "-"]
    proc = subprocess.run(cmd, capture_output=True)
    music = np.frombuffer(proc.stdout, dtype=np.float32)
    if proc.returncode != 0 or music.size < SAMPLE_RATE // 10:
        raise BadInput(f"{Path(path).name} is not an audio file ffmpeg can read",
                       "give an mp3, wav, ogg, m4a or flac file")
    peak = float(np.abs(music).max()) or 1.0
    return music / peak


def speech_envelope(plan, length: int) -> np.ndarray:
    env = np.full(length, MUSIC_GAIN, dtype=np.float32)
    for s in plan.sentences:
        a = int(s.start * SAMPLE_RATE)
        b = int((s.start + s.duration) * SAMPLE_RATE)
        env[max(0, a):min(length, b)] = DUCKED_GAIN
    k = int(0.25 * SAMPLE_RATE)
    if length > k:
        env = np.convolve(env, np.ones(k, dtype=np.float32) / k, mode="same").astype(np.float32)
    return env


class TrackWriter:
    """Writes the final 16-bit mono WAV one scene at a time, mixing music if any."""

    def __init__(self, path: Path, music: np.ndarray | None, total_samples: int):
        self.wav = wave.open(str(path), "wb")
        self.wav.setnchannels(1)
        self.wav.setsampwidth(2)
        self.wav.setframerate(SAMPLE_RATE)
        self.music, self.total, self.at = music, total_samples, 0
        self.peak = 0.0

    def add(self, plan, speech: np.ndarray) -> None:
        out = speech
        if self.music is not None:
            idx = (np.arange(self.at, self.at + speech.size) % self.music.size)
            bed = self.music[idx] * speech_envelope(plan, speech.size)
            fade_in = np.clip(np.arange(self.at, self.at + speech.size) / SAMPLE_RATE, 0, 1)
            fade_out = np.clip((self.total - np.arange(self.at, self.at + speech.size)) / (1.5 * SAMPLE_RATE), 0, 1)
            out = speech + bed * fade_in * fade_out
        self.peak = max(self.peak, float(np.abs(out).max()) if out.size else 0.0)
        self.wav.writeframes((np.clip(out, -1, 1) * 32767).astype("<i2").tobytes())
        self.at += speech.size

    def close(self) -> None:
        self.wav.close()
