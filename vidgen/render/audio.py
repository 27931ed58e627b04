"""The sound track: each scene's sentences placed at their times, music looped or trimmed
and ducked under speech, written scene by scene so memory stays flat for long videos.

It should sound finished, the way a podcast or a YouTube explainer does:
- the narration is loudness-normalised to -16 LUFS integrated (EBU R128 / BS.1770 meter in
  `loudness.py`), measured in one pass as the scenes are added; a look-ahead limiter keeps
  the true peak at or under -1.5 dBTP after the gain;
- neural voices are peaky (Piper: true peak 21 dB over its loudness, where broadcast speech
  is ~13), so -16 LUFS would put peaks at +5 dBTP and the final limiter would squash the
  whole narration. Each sentence is therefore made ready on its own first (`level_sentence`:
  a gentle compressor, a limiter holding its peaks to 11 dB over its loudness, and a single
  gain taking it half of the way to -16 LUFS); the meter then sees the speech as it will
  sound, the gain lands on target, and the final limiter works well under 5 % of the time
  (it worked 13 % of a 13-minute narration when sentences were only limited: the limiter
  took their loudness down with their peaks, which then ended right at its ceiling);
- every sentence fades in and out over 5 ms, so nothing clicks where speech meets silence;
- music is measured too and set relative to the speech: 18 LU under it while someone speaks,
  10 LU under in the pauses, looped with a crossfade (no click at the loop point), faded in
  over 1 s and out over the last 1.5 s;
- the final mix is measured as it is written: `TrackWriter.close()` returns the loudness
  the video really has, for the render summary.
"""

from __future__ import annotations

import math
import os
import subprocess
import wave
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from vidgen.errors import BadInput
from vidgen.render.loudness import Limiter, LoudnessMeter
from vidgen.voice import SAMPLE_RATE, fade_edges

if TYPE_CHECKING:
    from vidgen.render.timing import ScenePlan

TARGET_LUFS = -16.0          # integrated loudness of the narration (and so of the video)
CEILING_DBTP = -1.5          # true-peak ceiling of the final mix
LIMITER_MARGIN_DB = 0.5      # the limiter aims under the ceiling: AAC adds ~0.2 dB of overshoot
SENTENCE_COMPRESS_OVER = 8.0  # dB over a sentence's loudness where its compressor starts
SENTENCE_RATIO = 2.5
SENTENCE_PEAK_OVER_LOUDNESS = 11.0  # dB over the compressed sentence's loudness (sample peaks)
LEVELLING = 0.5              # the share of a sentence's distance from the target its own gain takes away
MAX_SENTENCE_GAIN_DB = 10.0  # the levelling of one sentence never moves it further than this
MAX_GAIN_DB = 30.0           # a nearly silent voice is not pumped up into noise
MUSIC_UNDER_SPEECH_LU = 18.0
MUSIC_IN_PAUSES_LU = 10.0
MUSIC_LOOP_CROSSFADE = 0.5   # seconds
FADE_IN, FADE_OUT = 1.0, 1.5  # seconds of music at the start and end of the video


def sentence_loudness(samples: np.ndarray) -> float | None:
    """A sentence's integrated loudness (LUFS); under 0.4 s the plain mean square; None for silence."""
    meter = LoudnessMeter(SAMPLE_RATE, peaks=False)
    meter.add(samples)
    level = meter.integrated()
    if math.isfinite(level):
        return level
    power = float(np.mean(np.square(samples, dtype=np.float64))) if samples.size else 0.0
    return -0.691 + 10 * math.log10(power) if power > 1e-10 else None


def level_sentence(samples: np.ndarray) -> np.ndarray:
    """One sentence made ready for the mix: compressed, its peaks held, and levelled.

    1. a gentle compressor (SENTENCE_RATIO:1 above SENTENCE_COMPRESS_OVER dB over the sentence's
       loudness, 10 ms look-ahead, 60 dB/s release) takes the voice's spikes down. A limiter
       alone had to take 9 dB off Piper's peaks and took 3 LU of the speech with them, so the
       peaks still ended ~14 dB over the loudness: exactly what the final limiter lets through
       at -16 LUFS, so it worked on most sentences;
    2. a limiter holds what is left to SENTENCE_PEAK_OVER_LOUDNESS over the *compressed*
       sentence's loudness (Piper ends ~12.9 dB true peak over it, espeak ~12.8);
    3. one gain moves the sentence LEVELLING of the way toward TARGET_LUFS: a 2:1 compressor
       on whole sentences. A sentence louder than the rest (whose peaks the final limiter
       would catch) comes nearer to them and the order of loud and soft is kept; nothing
       moves within a sentence, so nothing pumps.
    A sentence's sound depends on itself alone, whatever is around it.
    """
    level = sentence_loudness(samples)
    if level is None:
        return samples
    # sample peaks are enough here: the final limiter holds the true peak
    x = Limiter(SAMPLE_RATE, level + SENTENCE_COMPRESS_OVER, lookahead_s=0.01, release_db_per_s=60.0,
                true_peak=False, ratio=SENTENCE_RATIO).process(samples)
    level = sentence_loudness(x) or level
    x = Limiter(SAMPLE_RATE, level + SENTENCE_PEAK_OVER_LOUDNESS, release_db_per_s=100.0, true_peak=False).process(x)
    level = sentence_loudness(x) or level
    gain_db = max(-MAX_SENTENCE_GAIN_DB, min(MAX_SENTENCE_GAIN_DB, LEVELLING * (TARGET_LUFS - level)))
    out: np.ndarray = x * np.float32(10 ** (gain_db / 20))
    return out


def scene_audio(plan: ScenePlan, spoken: list[np.ndarray], fps: int) -> np.ndarray:
    """One scene's narration: each sentence levelled, edges faded, at its planned start."""
    length = int(round(plan.frames / fps * SAMPLE_RATE))
    track = np.zeros(length, dtype=np.float32)
    for s, samples in zip(plan.sentences, spoken, strict=True):
        at = int(round(s.start * SAMPLE_RATE))
        end = min(length, at + samples.size)
        if end > at:
            track[at:end] += fade_edges(level_sentence(samples[: end - at]))
    return track


def loopable(music: np.ndarray, needed: int) -> np.ndarray:
    """Music that can be indexed modulo its length without a click: when it must loop, its end
    is crossfaded (equal power) into its beginning."""
    if music.size >= needed:
        return music
    xf = min(int(MUSIC_LOOP_CROSSFADE * SAMPLE_RATE), music.size // 4)
    if xf < 2:
        return music
    t = np.linspace(0, np.pi / 2, xf, dtype=np.float32)
    loop = music[: music.size - xf].copy()
    loop[:xf] = music[:xf] * np.sin(t) + music[music.size - xf:] * np.cos(t)
    return loop


SHORTEST_LOOP = 1.0   # seconds: music shorter than this is played once, not looped


def load_music(path: str | Path, seconds: float) -> np.ndarray:
    """Decoded mono music at SAMPLE_RATE, set to TARGET_LUFS (the bed levels are relative to that)."""
    from vidgen.render.encode import ffmpeg_exe

    path = Path(path).expanduser()
    if not path.is_file():  # asked for the render, and again when it runs: a file can vanish in between
        raise BadInput(f"the music file {path} does not exist", "give the path of an audio file")
    cmd = [ffmpeg_exe(), "-v", "error", "-t", f"{seconds + 1:.2f}", "-i", str(path), "-vn", "-ac", "1",
           "-ar", str(SAMPLE_RATE), "-f", "f32le", "-"]
    proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True)
    music = np.frombuffer(proc.stdout, dtype=np.float32)
    if proc.returncode != 0:
        raise BadInput(f"{Path(path).name} is not an audio file ffmpeg can read",
                       "give an mp3, wav, ogg, m4a or flac file")
    if music.size == 0:
        raise BadInput(f"{Path(path).name} has no sound in it", "give a music file that plays for a while")
    meter = LoudnessMeter(SAMPLE_RATE, peaks=False)
    meter.add(music)
    level = meter.integrated()
    gain = 10 ** ((TARGET_LUFS - level) / 20) if math.isfinite(level) else 1.0
    needed = int(round(seconds * SAMPLE_RATE))
    if music.size < SHORTEST_LOOP * SAMPLE_RATE:
        # a jingle or a blip is played once: looped, 10 ms of sound would be a 100 Hz buzz
        return np.pad(music * np.float32(gain), (0, max(0, needed - music.size)))
    return loopable(music * np.float32(gain), needed)


def speech_envelope(plan: ScenePlan, length: int, ducking: bool = True) -> np.ndarray:
    """The music bed's gain over one scene: low under each sentence, higher in the pauses,
    moved smoothly (a 0.25 s average) so the bed breathes rather than jumps."""
    open_gain = 10 ** (-MUSIC_IN_PAUSES_LU / 20)
    env = np.full(length, open_gain, dtype=np.float32)
    if not ducking:
        return env
    for s in plan.sentences:
        a = int(s.start * SAMPLE_RATE)
        b = int((s.start + s.duration) * SAMPLE_RATE)
        env[max(0, a):min(length, b)] = 10 ** (-MUSIC_UNDER_SPEECH_LU / 20)
    k = int(0.25 * SAMPLE_RATE)
    if length > k:
        # edge-padded so the bed does not dip at the scene's borders
        padded = np.pad(env, (k // 2, k - 1 - k // 2), mode="edge")
        c = np.concatenate([[0.0], np.cumsum(padded, dtype=np.float64)])
        env = ((c[k:] - c[:-k]) / k).astype(np.float32)
    return env


@dataclass
class Loudness:
    """What the sound track measured; `lufs` is the finished track's, for the render summary."""

    lufs: float | None               # integrated loudness of the final mix (None: silence)
    true_peak_dbtp: float | None
    speech_lufs: float | None        # the narration before the final gain (each sentence levelled)
    gain_db: float
    limited_seconds: float           # how long the final limiter was reducing the level
    limited_percent: float = 0.0     # the same as a share of the track (the render summary prints it)

    def as_dict(self) -> dict[str, Any]:
        return {k: (round(v, 2) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


class TrackWriter:
    """Writes the final 16-bit mono WAV.

    add() takes each scene's speech, measures it and spools it (float32, next to the WAV);
    close() knows the narration's loudness, then makes the mix scene by scene — gain, music
    bed, limiter — measures it and writes the WAV. Memory stays one scene.
    """

    def __init__(self, path: Path, music: np.ndarray | None, total_samples: int):
        self.path, self.music, self.total = path, music, total_samples
        self.spool_path = path.with_name(path.name + ".speech.f32")
        self.spool = open(self.spool_path, "wb")  # noqa: SIM115 (written by add(), closed by close())
        self.meter = LoudnessMeter(SAMPLE_RATE, peaks=False)
        self.scenes: list[tuple[ScenePlan, int]] = []
        self.loudness: Loudness | None = None

    def add(self, plan: ScenePlan, speech: np.ndarray) -> None:
        speech = np.asarray(speech, dtype=np.float32)
        self.meter.add(speech)
        self.spool.write(speech.tobytes())
        self.scenes.append((plan, speech.size))

    def close(self) -> Loudness:
        self.spool.close()
        try:
            self.loudness = self._mix()
        finally:
            os.unlink(self.spool_path)
        return self.loudness

    def _mix(self) -> Loudness:
        speech_lufs = self.meter.integrated()
        spoken = math.isfinite(speech_lufs)
        gain_db = min(MAX_GAIN_DB, TARGET_LUFS - speech_lufs) if spoken else 0.0
        gain = np.float32(10 ** (gain_db / 20))
        limiter = Limiter(SAMPLE_RATE, CEILING_DBTP - LIMITER_MARGIN_DB)
        out_meter = LoudnessMeter(SAMPLE_RATE)
        at = 0
        with open(self.spool_path, "rb") as fh, wave.open(str(self.path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(SAMPLE_RATE)
            for plan, size in self.scenes:
                out = np.fromfile(fh, dtype=np.float32, count=size) * gain
                if self.music is not None and size:
                    pos = np.arange(at, at + size)
                    bed = self.music[pos % self.music.size] * speech_envelope(plan, size, ducking=spoken)
                    fades = np.clip(pos / (FADE_IN * SAMPLE_RATE), 0, 1) * \
                        np.clip((self.total - pos) / (FADE_OUT * SAMPLE_RATE), 0, 1)
                    out = out + bed * fades.astype(np.float32)
                out = limiter.process(out)
                out_meter.add(out)
                wav.writeframes((np.clip(out, -1, 1) * 32767).astype("<i2").tobytes())
                at += size
        limited = min(at, limiter.reduced_blocks * limiter.block)
        return Loudness(lufs=_finite(out_meter.integrated()), true_peak_dbtp=_finite(out_meter.true_peak_db()),
                        speech_lufs=_finite(speech_lufs), gain_db=gain_db, limited_seconds=limited / SAMPLE_RATE,
                        limited_percent=100 * limited / at if at else 0.0)


def archive_flac(wavs: list[Path], folder: Path) -> None:
    """Each scene's narration as FLAC (lossless, about half a WAV) in the render's archive."""
    from vidgen.render.encode import ffmpeg_exe

    folder.mkdir(parents=True, exist_ok=True)
    for wav in wavs:
        out = folder / f"{wav.stem}.flac"
        tmp = out.with_name(f".{out.name}.tmp")
        subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-i", str(wav), "-c:a", "flac", "-f", "flac", str(tmp)],
                       stdin=subprocess.DEVNULL, check=True, capture_output=True)
        os.replace(tmp, out)
