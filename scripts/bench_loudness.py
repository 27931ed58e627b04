#!/usr/bin/env python3
"""The sound track's gain staging, printed from one run (never asserted in tests).

For each benchmark script (the seed scripts, and one long narration made of corpus scripts put end
to end) the sound track is made exactly as a render makes it (the plan through the voice cache, then
`make_soundtrack`; the pictures are not drawn) and this is printed:

- the narration's integrated loudness as the voice made it, the gain applied, the share of time the
  final limiter reduced the level, the true peak and integrated loudness of the finished track;
- where the limiter works: how many sentences have a peak over its ceiling before it, and how far
  those sentences sit above the narration's loudness;
- pumping: each sentence's loudness in the finished track, and how much it changes from one sentence
  to the next (the median and the largest step, in LU) -- levelling should not make it swing.

Usage: python scripts/bench_loudness.py [--voice piper|pyttsx3] [--minutes 12] [--only NAME]
The voice cache lives in $VIDGEN_BENCH_HOME (default /tmp/vidgen-bench-loudness), so a second run
only measures.
"""

import argparse
import json
import math
import os
import shutil
import sys
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from vidgen.config import Settings  # noqa: E402


def scripts(minutes: float) -> list[tuple[str, dict]]:
    """The seed scripts, then corpus scripts end to end until about `minutes` of narration (150 wpm)."""
    seeds = sorted((ROOT.parent.parent / "shared" / "fixtures" / "seed-scripts").glob("*.json")) or \
        sorted((ROOT / "tests" / "fixtures" / "seed-scripts").glob("*.json"))
    out = [(p.stem, json.loads(p.read_text())) for p in seeds]
    scenes, words = [], 0
    for p in sorted((ROOT / "tests" / "corpus" / "scripts").glob("*.json")):
        for s in json.loads(p.read_text())["scenes"]:
            scenes.append({"seq": len(scenes) + 1, "text": s["text"]})
            words += len(s["text"].split())
        if words >= minutes * 150:
            break
    out.append((f"long-{len(scenes)}-scenes", {"title": "A long narration", "scenes": scenes}))
    return out


def read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768


def sentence_levels(track: np.ndarray, plan: list[list[tuple[float, float]]], rate: int) -> list[float]:
    """The loudness of each sentence span of the finished track (LUFS; mean square when under 0.4 s)."""
    from vidgen.render.loudness import LoudnessMeter

    levels = []
    for spans in plan:
        for a, b in spans:
            x = track[int(a * rate): int(b * rate)]
            meter = LoudnessMeter(rate, peaks=False)
            meter.add(x)
            level = meter.integrated()
            if not math.isfinite(level) and x.size:
                level = -0.691 + 10 * math.log10(max(float(np.mean(np.square(x, dtype=np.float64))), 1e-12))
            levels.append(level)
    return levels


def measure(name: str, script: dict, settings: Settings, voice: str | None, music: str | None) -> dict:
    from vidgen.render import audio
    from vidgen.render.pipeline import Renderer
    from vidgen.render.plan import make_plan
    from vidgen.render.soundtrack import make_soundtrack
    from vidgen.service import Vidgen
    from vidgen.voice import SAMPLE_RATE

    svc = Vidgen(settings)
    token = svc.store.create_script(script, topic=name)
    doc = svc.get_script(token, None)
    options = svc.render_options(quality="low", tts=voice, music=music)
    renderer = Renderer(settings)
    ctx = renderer.context(token, doc, options, None, None)
    ctx.work.mkdir(parents=True)
    plan = make_plan(ctx)
    encoder, loud = make_soundtrack(ctx, plan)
    encoder.abort()
    track = read_wav(ctx.work / "audio.wav")
    shutil.rmtree(ctx.work, ignore_errors=True)
    seconds = track.size / SAMPLE_RATE
    # each sentence's span on the video's timeline
    spans = [[(p.start_frame / ctx.fps + s.start, p.start_frame / ctx.fps + s.start + s.duration)
              for s in p.sentences] for p in plan.plans]
    levels = [v for v in sentence_levels(track, spans, SAMPLE_RATE) if math.isfinite(v)]
    steps = np.abs(np.diff(levels)) if len(levels) > 1 else np.zeros(1)
    # before the limiter: the speech at the gain the track got, sentence by sentence
    ceiling = audio.CEILING_DBTP - audio.LIMITER_MARGIN_DB
    over, over_by = 0, []
    from vidgen.render.loudness import LoudnessMeter, db, true_peak_envelope

    n = 0
    voice = LoudnessMeter(SAMPLE_RATE, peaks=False)   # the narration as the voice made it
    for p, scene in zip(plan.plans, plan.scenes, strict=True):
        clips = [np.load(c) for c in scene.clips]
        for c in clips:
            voice.add(np.concatenate([c, np.zeros(SAMPLE_RATE // 2, np.float32)]))
        speech = audio.scene_audio(p, clips, ctx.fps) * np.float32(10 ** (loud.gain_db / 20))
        for s in p.sentences:
            x = speech[int(s.start * SAMPLE_RATE): int((s.start + s.duration) * SAMPLE_RATE)]
            if x.size < SAMPLE_RATE // 2:
                continue
            n += 1
            if db(float(true_peak_envelope(x).max())) > ceiling:
                over += 1
                m = LoudnessMeter(SAMPLE_RATE, peaks=False)
                m.add(x)
                over_by.append(m.integrated() - audio.TARGET_LUFS)
    return {"name": name, "seconds": seconds, "loud": loud, "voice": voice.integrated(), "levels": levels,
            "steps": steps, "over": over, "sentences": n, "over_by": over_by}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--voice", "--tts", default=None, help="piper or pyttsx3 (default: the render's default)")
    ap.add_argument("--minutes", type=float, default=12.0, help="length of the long narration")
    ap.add_argument("--music", default=None, help="a music bed under the speech, e.g. mood:calm")
    ap.add_argument("--only", default=None, help="measure only the scripts whose name contains this")
    args = ap.parse_args()
    home = Path(os.environ.get("VIDGEN_BENCH_HOME", "/tmp/vidgen-bench-loudness"))
    home.mkdir(parents=True, exist_ok=True)
    print("voice: the narration as spoken; speech: before the final gain; limiter: share of the time the final\n"
          "limiter reduced the level; peak: true peak (dBTP); final: integrated (LUFS); over: sentences with a peak\n"
          "over the limiter's ceiling before it (how far over the target they sit); step: the loudness change from\n"
          "one sentence to the next in the finished track (median, 95th percentile, largest)")
    print(f"{'script':44} {'s':>6} {'voice':>6} {'speech':>7} {'gain':>6} {'limiter':>8} {'peak':>6} {'final':>7} "
          f"{'over':>7} {'step med/p95/max LU':>20}")
    for name, script in scripts(args.minutes):
        if args.only and args.only not in name:
            continue
        r = measure(name, script, Settings.load(home=home), args.voice, args.music)
        loud = r["loud"]
        share = 100 * loud.limited_seconds / r["seconds"]
        steps = r["steps"]
        above = f" (+{np.median(r['over_by']):.1f} LU)" if r["over_by"] else ""
        print(f"{name[:44]:44} {r['seconds']:6.0f} {r['voice']:6.1f} {loud.speech_lufs:7.1f} {loud.gain_db:+6.1f} "
              f"{share:7.1f}% "
              f"{loud.true_peak_dbtp:6.1f} {loud.lufs:7.2f} {r['over']:3}/{r['sentences']:<3}"
              f"{np.median(steps):7.1f}/{np.percentile(steps, 95):4.1f}/{steps.max():4.1f}{above}", flush=True)


if __name__ == "__main__":
    main()
