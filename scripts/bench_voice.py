#!/usr/bin/env python3
"""Voice and sound-track speed, printed from one run (never asserted in tests).

- Piper: model load time (first load in this process, with the phoneme alignment, and without it
  for comparison), realtime factor on the benchmark sentences of scripts/bench_render.py;
  espeak-ng (pyttsx3) on the same, for comparison;
- word timings: what timing the words from Piper's alignment costs a sentence, and how far the
  estimate other voices get (spread over the audio) lands from the exact times on Piper's audio;
- the sound track: the loudness meter alone, and the whole finishing chain (sentence peak
  taming, meter, gain, music bed, limiter, measuring the mix), in seconds per minute of audio,
  and the loudness the finished track measured.

Usage: python scripts/bench_voice.py [--repeat N]
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from scripts.bench_render import SENTENCES  # noqa: E402
from vidgen.config import Settings  # noqa: E402
from vidgen.voice import SAMPLE_RATE, get_voice  # noqa: E402


def speak_all(voice, repeat: int) -> tuple[float, float, list[np.ndarray]]:
    """(seconds spent, seconds of audio, clips)."""
    clips, started = [], time.perf_counter()
    for _ in range(repeat):
        for sentence in SENTENCES:
            clips.append(voice.speak(sentence, None, "en"))
    spent = time.perf_counter() - started
    return spent, sum(c.size for c in clips) / SAMPLE_RATE, clips


def soundtrack_cost(clips: list[np.ndarray], minutes: float, workdir: Path) -> dict:
    from vidgen.render import audio
    from vidgen.render.loudness import LoudnessMeter
    from vidgen.render.timing import place, plan_scene

    fps = 30
    scenes, seconds, k = [], 0.0, 0
    while seconds < minutes * 60:  # scenes of 4 sentences until the track is long enough
        group = [clips[(k + j) % len(clips)] for j in range(4)]
        scenes.append(group)
        seconds += sum(c.size for c in group) / SAMPLE_RATE + 2.0
        k += 4
    plans = [plan_scene(i, i + 1, [(str(j), c.size / SAMPLE_RATE) for j, c in enumerate(g)], fps, None)
             for i, g in enumerate(scenes)]
    total = place(plans)
    length = total / fps
    t = np.arange(int(SAMPLE_RATE * 7.3)) / SAMPLE_RATE
    music = (0.3 * np.sin(2 * np.pi * 220 * t) * (0.7 + 0.3 * np.sin(2 * np.pi * 0.5 * t))).astype(np.float32)
    speech = [audio.scene_audio(p, g, fps) for p, g in zip(plans, scenes, strict=True)]

    started = time.perf_counter()
    meter = LoudnessMeter(SAMPLE_RATE, peaks=False)
    for s in speech:
        meter.add(s)
    meter.integrated()
    meter_only = time.perf_counter() - started

    started = time.perf_counter()
    meter = LoudnessMeter(SAMPLE_RATE)
    for s in speech:
        meter.add(s)
    meter.true_peak_db()
    with_peak = time.perf_counter() - started

    started = time.perf_counter()
    speech = [audio.scene_audio(p, g, fps) for p, g in zip(plans, scenes, strict=True)]
    writer = audio.TrackWriter(workdir / "track.wav", audio.loopable(music, int(length * SAMPLE_RATE)),
                               int(round(length * SAMPLE_RATE)))
    for plan, s in zip(plans, speech, strict=True):
        writer.add(plan, s)
    loud = writer.close()
    chain = time.perf_counter() - started
    per_min = 60 / length
    return {"minutes": length / 60, "meter": meter_only * per_min, "meter_tp": with_peak * per_min,
            "chain": chain * per_min, "loudness": loud}


def word_timings(voice, piper, vf) -> None:
    """Alignment's cost and the spread estimate's error, on the benchmark sentences."""
    from piper import PiperVoice

    from vidgen.voice.align import spread
    from vidgen.voice.pronounce import speakable

    started = time.perf_counter()
    PiperVoice.load(vf.model, config_path=vf.config)
    plain = time.perf_counter() - started
    started = time.perf_counter()
    PiperVoice.load(vf.model, config_path=vf.config, include_alignments=True)
    aligned = time.perf_counter() - started
    print(f"piper: load without alignment {plain:.2f} s, with it {aligned:.2f} s (+{aligned - plain:.2f} s)")
    texts = [speakable(s) for s in SENTENCES]
    model = piper.load(vf)
    from piper.config import SynthesisConfig

    from vidgen.voice.align import from_phonemes, groups_of

    config = SynthesisConfig(normalize_audio=False)
    started = time.perf_counter()
    said = [list(piper.synthesize(model, text, config)) for text in texts]
    speaking = time.perf_counter() - started
    started = time.perf_counter()
    for text, chunks in zip(texts, said, strict=True):
        alignments = [a for chunk in chunks for a in chunk.phoneme_alignments or []]
        expected = [piper._phonemes_alone(model, w) for w in text.split()]
        from_phonemes(expected, groups_of([a.phoneme for a in alignments], [a.num_samples for a in alignments], 0))
    mapping = time.perf_counter() - started
    errors = []
    for text in texts:
        samples, spans = voice.speak_timed(text, None, "en")
        guess = spread(text.split(), samples, SAMPLE_RATE)
        errors.extend(abs(a[0] - b[0]) / SAMPLE_RATE for a, b in zip(spans, guess, strict=True))
    print(f"words: mapping the alignment to the words takes {1000 * mapping / len(texts):.1f} ms a sentence "
          f"(speaking it {1000 * speaking / len(texts):.0f} ms); spread by letters instead, word starts "
          f"land {1000 * float(np.mean(errors)):.0f} ms off on average, {1000 * max(errors):.0f} ms at worst")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3, help="times the benchmark sentences are spoken")
    args = ap.parse_args()
    settings = Settings.load()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")

    from vidgen.voice import piper

    vf = piper.default_voice(settings)
    started = time.perf_counter()
    piper.load(vf)
    print(f"piper: load {vf.name} ({vf.model.stat().st_size / 1e6:.0f} MB): {time.perf_counter() - started:.2f} s")
    voice = get_voice("piper", settings)
    voice.speak("Warm up.", None, "en")
    spent, audio_s, clips = speak_all(voice, args.repeat)
    print(f"piper: {len(clips)} sentences, {audio_s:.1f} s of speech in {spent:.2f} s "
          f"-> realtime factor {audio_s / spent:.1f}x ({1000 * spent / len(clips):.0f} ms a sentence)")
    peaks = [float(np.abs(c).max()) for c in clips]
    rms = [float(np.sqrt(np.mean(c ** 2))) for c in clips]
    print(f"piper: sentence peak {min(peaks):.2f}-{max(peaks):.2f}, RMS {min(rms):.3f}-{max(rms):.3f} (never clipped)")

    word_timings(voice, piper, vf)

    espeak = get_voice("pyttsx3", settings)
    espeak.speak("Warm up.", None, "en")
    e_spent, e_audio, _ = speak_all(espeak, args.repeat)
    print(f"espeak: {e_audio:.1f} s of speech in {e_spent:.2f} s -> realtime factor {e_audio / e_spent:.1f}x")

    with tempfile.TemporaryDirectory() as tmp:
        cost = soundtrack_cost(clips, 3.0, Path(tmp))
    loud = cost["loudness"]
    print(f"sound track: {cost['minutes']:.1f} min of narration + music bed; per minute of audio: "
          f"meter {cost['meter'] * 1000:.0f} ms, meter with true peak {cost['meter_tp'] * 1000:.0f} ms, "
          f"whole finishing chain {cost['chain'] * 1000:.0f} ms")
    print(f"sound track: narration {loud.speech_lufs:.1f} LUFS as spoken, gain {loud.gain_db:+.1f} dB -> "
          f"mix {loud.lufs:.2f} LUFS, true peak {loud.true_peak_dbtp:.2f} dBTP, "
          f"limiter active {loud.limited_seconds:.1f} s of {cost['minutes'] * 60:.0f} s")


if __name__ == "__main__":
    main()
