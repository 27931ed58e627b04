"""The narration's gain staging (issue 24, item 13): each sentence compressed, its peaks held and levelled
before the one gain to -16 LUFS, so the final limiter only catches what is left -- measured on real voices
(Piper and espeak), on the finished WAV and on a real render, with ffmpeg's own meter as the reference."""

import json
import math
import re
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import seed
from vidgen.config import Settings
from vidgen.render import audio
from vidgen.render.encode import ffmpeg_exe
from vidgen.render.loudness import measure
from vidgen.render.timing import place, plan_scene
from vidgen.script.sentences import sentences_or_text
from vidgen.voice import SAMPLE_RATE, VoiceCache, get_voice, piper, provider_name

CORPUS = Path(__file__).parent / "corpus" / "scripts"
HAS_PIPER = piper.installed() and piper.bundled_path() is not None


def espeak_speaks() -> bool:
    try:
        provider_name("pyttsx3")
    except Exception:
        return False
    return True


VOICES = [pytest.param("piper", marks=pytest.mark.skipif(not HAS_PIPER, reason="piper is not installed")),
          pytest.param("pyttsx3", marks=pytest.mark.skipif(not espeak_speaks(), reason="espeak-ng is not installed"))]


def ebur128(path) -> tuple[float, float]:
    """ffmpeg's own R128 meter: (integrated LUFS, true peak dBTP)."""
    proc = subprocess.run([ffmpeg_exe(), "-nostats", "-i", str(path), "-af", "ebur128=peak=true", "-f", "null", "-"],
                          capture_output=True, text=True)
    summary = proc.stderr[proc.stderr.rindex("Summary:"):]
    return (float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary)[1]),
            float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)[1]))


def level(x: np.ndarray) -> float:
    value = audio.sentence_loudness(x)
    assert value is not None
    return value


def narration(count: int) -> list[list[str]]:
    """Scenes of real narration: the opening scenes of the corpus scripts, `count` sentences in all."""
    scenes, n = [], 0
    for p in sorted(CORPUS.glob("*.json")):
        for scene in json.loads(p.read_text())["scenes"][:2]:
            scenes.append(sentences_or_text(scene["text"]))
            n += len(scenes[-1])
        if n >= count:
            return scenes
    return scenes


@pytest.mark.slow  # a real voice speaks two minutes
@pytest.mark.parametrize("provider", VOICES)
def test_the_final_limiter_is_mostly_idle_and_sentences_stay_even(tmp_path, provider):
    settings = Settings.load(env={"VIDGEN_HOME": str(tmp_path)}, cwd=tmp_path)
    voice, cache = get_voice(provider, settings), VoiceCache(tmp_path / "cache")
    scenes = [[cache.speak(voice, text, None, "en")[0] for text in scene] for scene in narration(30)]
    fps = 24
    plans = [plan_scene(i, i + 1, [(str(k), a.size / SAMPLE_RATE) for k, a in enumerate(clips)], fps, None)
             for i, clips in enumerate(scenes)]
    total = place(plans)
    path = tmp_path / "track.wav"
    writer = audio.TrackWriter(path, None, int(round(total / fps * SAMPLE_RATE)))
    for plan, clips in zip(plans, scenes, strict=True):
        writer.add(plan, audio.scene_audio(plan, clips, fps))
    loud = writer.close()
    seconds = total / fps
    assert seconds > 90
    # the final limiter held the peaks down for at most 5 % of the track, and the summary says how long
    assert loud.limited_percent <= 5.0, loud
    assert math.isclose(loud.limited_percent, 100 * loud.limited_seconds / seconds, rel_tol=0.02, abs_tol=0.01)
    ref_lufs, ref_peak = ebur128(path)
    assert abs(loud.lufs + 16) <= 1.0 and abs(ref_lufs + 16) <= 1.0 and ref_peak <= -1.0, (loud, ref_lufs, ref_peak)
    # levelling: the sentences are more even than the voice said them, and no two neighbours jump
    with wave.open(str(path)) as w:
        track = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768
    final = [level(track[int((p.start_frame / fps + s.start) * SAMPLE_RATE):
                         int((p.start_frame / fps + s.start + s.duration) * SAMPLE_RATE)])
             for p in plans for s in p.sentences]
    raw = [level(c) for clips in scenes for c in clips]
    assert np.std(final) < np.std(raw), (np.std(raw), np.std(final))   # the old limiter alone made them less even
    assert np.abs(np.diff(final)).max() <= 3.0, np.round(final, 1)


def peaky(seconds: float, loudness_db: float, seed_: int) -> np.ndarray:
    """A voice-like signal: a 200 Hz buzz with its harmonics, syllables 4 a second, sharp onsets
    (peaks ~20 dB over the loudness, as Piper's are), set near `loudness_db`."""
    rng = np.random.default_rng(seed_)
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    buzz = sum(np.sin(2 * np.pi * 200 * k * t + rng.uniform(0, 6)) / k for k in range(1, 12))
    syllables = np.clip(np.sin(2 * np.pi * 4 * t), 0, None) ** 2
    x = buzz * syllables * 0.05
    for at in rng.integers(0, t.size - 400, size=int(seconds * 4)):
        # plosives: bursts of noise, as band-limited as a voice's (a 6 kHz low pass)
        x[at: at + 100] += np.convolve(rng.normal(0, 0.2, 100), np.hanning(9) / 4.5, "same") * np.hanning(100)
    x *= 10 ** ((loudness_db - level(x.astype(np.float32))) / 20)
    return x.astype(np.float32)


def test_a_sentence_is_compressed_its_peaks_held_and_levelled():
    for loud_db, k in ((-30.0, 1), (-20.0, 2), (-10.0, 3)):
        x = peaky(3.0, loud_db, k)
        before_lufs, before_peak = measure(x, SAMPLE_RATE)
        assert before_peak - before_lufs > 17   # as peaky as a neural voice
        y = audio.level_sentence(x)
        lufs, peak = measure(y, SAMPLE_RATE)
        # true peak at most 14 dB over the loudness, what -16 LUFS under the final -2 dBTP limiter lets
        # through (from over 17 before; Piper's sentences end ~12.9 dB)
        assert peak - lufs <= 14.0, (loud_db, peak - lufs)
        assert np.array_equal(y, audio.level_sentence(x))   # a sentence's sound depends on itself alone
    # two sentences 12 LU apart end about half as far apart (the order of loud and soft kept)
    quiet, loud = (measure(audio.level_sentence(peaky(3.0, v, 4)), SAMPLE_RATE)[0] for v in (-28.0, -16.0))
    assert 4.5 < loud - quiet < 7.5, (quiet, loud)
    silent = np.zeros(SAMPLE_RATE, np.float32)
    assert not audio.level_sentence(silent).any()
    short = audio.level_sentence(peaky(0.3, -25.0, 5))   # under one 400 ms block: measured by its mean square
    assert np.isfinite(short).all() and 20 * math.log10(np.abs(short).max()) - level(short) <= 13.0


@pytest.mark.slow  # a real render with espeak, through the command line
def test_a_render_says_how_long_the_limiter_worked(cli, svc):
    if not espeak_speaks():
        pytest.skip("espeak-ng is not installed")
    token = svc.store.create_script(seed("matrix-multiplication"), topic="matrix")
    proc = cli("render", token, "--quality", "low", "--tts", "espeak", env={"COLUMNS": "80"})
    assert proc.returncode == 0, proc.stderr
    said = re.search(r"(-?[\d.]+) LUFS, limiter active ([\d.]+) % of the time", proc.stderr)
    assert said, proc.stderr
    video = proc.stdout.strip().splitlines()[-1]
    summary = json.loads(next((cli.home / "archives").glob("*/summary.json")).read_text())
    assert summary["loudness"]["limited_percent"] <= 5.0 and float(said[2]) == round(
        summary["loudness"]["limited_percent"], 1)
    assert abs(float(said[1]) + 16) <= 1.0
    lufs, peak = ebur128(video)   # what the viewer hears: the encoded video
    assert abs(lufs + 16) <= 1.0 and peak <= -1.0
