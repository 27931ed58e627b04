#!/usr/bin/env python3
"""Render speed, printed from one run (never asserted in tests).

- a fixed 6-scene, ~2 minute script (24 sentences) with a picture per scene (visuals of 8 kinds), end to end
  (voice, sound track, pictures, captions, encode) at 720p30 and at 1080x1920, with the espeak
  voice and with Piper (first render, then with the speech cached);
- the ratio to re-encoding its own output with the same x264 settings (the floor);
- the re-render time after a one-scene visual edit; the share of picture frames that were holds;
- peak RSS for 1 and 10 minutes of video; ms per drawn frame for each kind (bench_visual.py);
- optionally, a naive moviepy render of the same script (CompositeVideoClip + per-frame
  vfx.Resize zoom + TextClip captions, default write settings).

- what karaoke captions add to a render at 720p30 and at 1080x1920 (speech cached, pictures redone);

Usage: python scripts/bench_render.py [--naive [--naive-seconds N]] [--skip-rss] [--skip-kinds] [--only-karaoke]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vidgen.config import Settings  # noqa: E402
from vidgen.render.encode import ffmpeg_exe  # noqa: E402
from vidgen.service import Vidgen  # noqa: E402

SENTENCES = [
    "Light from the sun looks white, but it is a mixture of every colour.",
    "You can see the mixture for yourself when light passes through a glass prism.",
    "A rainbow is the same effect, made by millions of falling raindrops.",
    "Each drop is a tiny prism that sends the colours back towards you.",
    "When sunlight enters a raindrop, it slows down and bends.",
    "Each colour bends by a slightly different amount, so the colours spread apart.",
    "Violet light bends the most, and red light bends the least.",
    "That small difference is all it takes to split white light into a band of colours.",
    "How much light bends depends on the angle at which it meets the water.",
    "A steeper angle means a bigger change of direction.",
    "Physicists describe the rule with a short equation called Snell's law.",
    "It links the angles on both sides of the surface to how fast light travels in each.",
    "Follow a ray through the drop and the angle it comes out at changes smoothly.",
    "Near one angle the outgoing light bunches up, and the drop looks brightest.",
    "For red light that angle is about forty two degrees, for violet about forty.",
    "This is why every rainbow you see is an arc of the same size.",
    "Inside the drop, the light reflects off the back surface.",
    "On the way out it bends again, and the colours spread even further.",
    "Two bends and one reflection: that is the whole path of a rainbow's light.",
    "Sometimes the light reflects twice, and a fainter second bow appears outside the first.",
    "People have wondered about rainbows for thousands of years.",
    "In 1304 Theodoric of Freiberg traced the path of light through glass spheres filled with water.",
    "In 1637 Descartes worked out the angle of the bow with careful geometry.",
    "And in 1666 Newton showed that white light itself is made of all the colours.",
]


# one picture per scene, six kinds: what a real explainer of this subject would draw
VISUALS = [
    {"title": "Sunlight is every colour", "elements": [{"id": "F", "kind": "flow", "items": [
        {"label": "Sunlight"}, {"label": "Raindrop"}, {"label": "Bent light"}, {"label": "Rainbow"}]}],
     "steps": [{"sentence": 0, "action": "show", "target": "F.0"}, {"sentence": 1, "action": "show", "target": "F.1"},
               {"sentence": 2, "action": "show", "target": "F.2"}, {"sentence": 3, "action": "show", "target": "F.3"}]},
    {"title": "How much each colour bends", "elements": [{"id": "B", "kind": "bars", "items": [
        {"label": "red", "value": 1.331}, {"label": "green", "value": 1.335}, {"label": "violet", "value": 1.343}]}],
     "steps": [{"sentence": 1, "action": "show", "target": "B"},
               {"sentence": 2, "action": "highlight", "target": "B.2"}]},
    {"layout": "split", "title": "Snell's law", "elements": [
        {"id": "P", "kind": "plane", "x_range": [-2, 3], "y_range": [-2, 3], "items": [
            {"id": "i", "label": "incoming", "x": 2, "y": 1.2}, {"id": "r", "label": "bent", "x": 1.4, "y": 2.1}]},
        {"id": "E", "kind": "equation", "items": [{"label": "$n_1 \\sin\\theta_1 = n_2 \\sin\\theta_2$"},
                                                  {"label": "$\\theta_2 < \\theta_1$"}]}],
     "steps": [{"sentence": 0, "action": "show", "target": "P.i"}, {"sentence": 1, "action": "show", "target": "P.r"},
               {"sentence": 2, "action": "show", "target": "E"}, {"sentence": 3, "action": "rotate", "target": "P.r",
                                                                   "value": 12}]},
    {"title": "The angle of the bow", "elements": [{"id": "C", "kind": "plot", "x_range": [0, 6],
                                                    "items": [{"label": "42 - 0.5*(x - 3)^2"}]}],
     "steps": [{"sentence": 0, "action": "show", "target": "C"}, {"sentence": 2, "action": "trace", "target": "C.0"}]},
    {"title": "Inside one drop", "elements": [{"id": "S", "kind": "shapes", "items": [
        {"label": "circle", "x": 0, "y": 0, "value": 2}, {"label": "line", "x": 0, "y": 0, "value": 2}]},
        {"id": "L", "kind": "bullets", "items": [{"label": "Bends on the way in"}, {"label": "Reflects at the back"},
                                                 {"label": "Bends again on the way out"}]}],
     "steps": [{"sentence": 0, "action": "show", "target": "S"}, {"sentence": 1, "action": "show", "target": "L.0"},
               {"sentence": 2, "action": "show", "target": "L.1"}, {"sentence": 3, "action": "show", "target": "L.2"}]},
    {"title": "Who explained it", "elements": [{"id": "T", "kind": "timeline", "items": [
        {"label": "Theodoric of Freiberg", "x": 1304}, {"label": "Descartes", "x": 1637},
        {"label": "Newton", "x": 1666}]}],
     "steps": [{"sentence": 1, "action": "show", "target": "T.0"}, {"sentence": 2, "action": "show", "target": "T.1"},
               {"sentence": 3, "action": "show", "target": "T.2"}]},
]


def script(scenes: int = 6, sentences_per_scene: int = 4) -> dict:
    """A rainbow explainer: `scenes` scenes of `sentences_per_scene` sentences, each with its picture."""
    out = []
    for i in range(scenes):
        text = " ".join(SENTENCES[(i * 4 + k) % len(SENTENCES)] for k in range(sentences_per_scene))
        visual = json.loads(json.dumps(VISUALS[i % len(VISUALS)]))
        visual["steps"] = [s for s in visual["steps"] if s["sentence"] < sentences_per_scene]
        out.append({"seq": i + 1, "text": text, "anim": f"Diagram of step {i + 1}", "visual": visual,
                    "layout": ["title_and_main_content", "split_screen", "custom"][i % 3]})
    return {"title": "How Rainbows Form", "scenes": out}


def reencode_seconds(path: str, crf: int) -> float:
    t = time.perf_counter()
    subprocess.run([ffmpeg_exe(), "-y", "-v", "error", "-i", path, "-c:v", "libx264", "-preset", "veryfast",
                    "-crf", str(crf), "-c:a", "copy", path + ".floor.mp4"], check=True)
    elapsed = time.perf_counter() - t
    os.unlink(path + ".floor.mp4")
    return elapsed


def naive_moviepy(svc, token: str, width: int, height: int, limit: float | None) -> tuple[float, float]:
    """The straightforward moviepy way; returns (seconds, video seconds rendered)."""
    from moviepy import ColorClip, CompositeVideoClip, TextClip, concatenate_videoclips, vfx

    from vidgen.draw.fonts import find_font
    from vidgen.script.sentences import split_sentences, spoken_seconds

    doc = svc.get_script(token)
    font = find_font("bold")
    clips, total = [], 0.0
    for scene in doc["script"]["scenes"]:
        sentences = split_sentences(scene["text"])
        duration = sum(spoken_seconds(s) for s in sentences) + 0.9
        bg = ColorClip((width, height), color=(20, 30, 60)).with_duration(duration)
        bg = bg.with_effects([vfx.Resize(lambda t: 1 + 0.02 * t)])
        title = TextClip(font=font, text=scene["text"][:40], font_size=48, color="white").with_duration(duration)
        captions, t = [], 0.35
        for s in sentences:
            d = spoken_seconds(s)
            captions.append(TextClip(font=font, text=s[:60], font_size=32, color="white", bg_color="black")
                            .with_start(t).with_duration(d).with_position(("center", height * 0.8)))
            t += d
        clips.append(CompositeVideoClip([bg, title.with_position(("center", height * 0.2)), *captions],
                                        size=(width, height)).with_duration(duration))
        total += duration
        if limit and total >= limit:
            break
    video = concatenate_videoclips(clips)
    if limit:
        video = video.with_duration(min(limit, video.duration))
    out = tempfile.mktemp(suffix=".mp4")
    t = time.perf_counter()
    video.write_videofile(out, fps=30, logger=None, audio=False)
    elapsed = time.perf_counter() - t
    os.unlink(out)
    return elapsed, video.duration


def peak_rss(home: str, minutes: float) -> dict:
    """Render `minutes` of video in a fresh process; peak memory of vidgen and of its ffmpeg children, in MB.

    VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
    """
    code = f"""
import json, os, sys, threading, time
sys.path.insert(0, {str(ROOT)!r})
from vidgen.config import Settings
from vidgen.service import Vidgen
from scripts.bench_render import script

def status(pid, field):
    try:
        for line in open(f"/proc/{{pid}}/status"):
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0

peak_children = [0.0]
def sample():
    me = str(os.getpid())
    while True:
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                try:
                    ppid = open(f"/proc/{{pid}}/stat").read().rsplit(")", 1)[1].split()[1]
                except (OSError, IndexError):
                    continue
                if ppid == me:
                    peak_children[0] = max(peak_children[0], status(pid, "VmRSS"))
        time.sleep(0.1)
threading.Thread(target=sample, daemon=True).start()
svc = Vidgen(Settings.load(env={{"VIDGEN_HOME": {home!r}}}))
scenes, per = (6, 2) if {minutes} <= 1 else (50, 3)
token = svc.store.create_script(script(scenes, per))
r = svc.render(token, None, svc.render_options(quality="medium"))
print(json.dumps({{"duration": r["duration"], "self": status("self", "VmHWM"), "children": peak_children[0]}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


class Holds:
    """Counts drawn and held frames of every visual scene a render makes (the bench's own instrument)."""

    def __init__(self):
        from vidgen.draw.frames import VisualFrames

        self.made: list = []
        original = VisualFrames.__init__
        made = self.made

        def init(frames, *args, **kwargs):
            original(frames, *args, **kwargs)
            made.append(frames)

        VisualFrames.__init__ = init

    def share(self) -> str:
        drawn = sum(f.drawn for f in self.made)
        frames = sum(f.frames for f in self.made)
        copied = sum(f.held for f in self.made)
        self.made.clear()
        return (f"{1 - drawn / max(1, frames):.0%} of picture frames were holds ({drawn} drawn; "
                f"{copied} held frames copied, the rest repeated by the encoder)")


def run(svc, token, quality, aspect, label, tts=None, holds=None):
    opts = svc.render_options(quality=quality, aspect=aspect, tts=tts)
    t = time.perf_counter()
    result = svc.render(token, None, opts)
    seconds = time.perf_counter() - t
    floor = reencode_seconds(result["path"], opts.crf)
    stages = ", ".join(f"{k} {v:.2f}" for k, v in result["stages"].items())
    print(f"{label}: {result['duration']:.1f} s of video in {seconds:.2f} s = {result['duration'] / seconds:.2f}x "
          f"realtime; re-encode floor {floor:.2f} s -> {seconds / floor:.2f}x the floor; voice {result['tts']}; "
          f"loudness {result['loudness_lufs']:.1f} LUFS")
    print(f"    seconds per stage: {stages}" + (f"; {holds.share()}" if holds else ""))
    return result, seconds


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the encoders): unlike the wall clock, it hardly
    moves when other work shares the machine."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def karaoke_cost(svc, token, home: str, quality: str, aspect: str, label: str, tts: str | None = "pyttsx3") -> None:
    """What karaoke captions add to a render: the same script with the speech cached and no segment cached,
    in the line style and in karaoke, alternately; the best of two runs each, as wall and as CPU time."""
    import shutil

    best: dict[str, list[float]] = {"line": [1e9, 1e9], "karaoke": [1e9, 1e9]}
    svc.render(token, None, svc.render_options(quality=quality, aspect=aspect, tts=tts))  # the speech, cached
    for _ in range(2):
        for style in best:
            shutil.rmtree(Path(home) / ".vidgen" / "cache" / "segments", ignore_errors=True)
            wall, cpu = time.perf_counter(), cpu_seconds()
            svc.render(token, None, svc.render_options(quality=quality, aspect=aspect, tts=tts, captions=style))
            best[style] = [min(best[style][0], time.perf_counter() - wall), min(best[style][1], cpu_seconds() - cpu)]
    (lw, lc), (kw, kc) = best["line"], best["karaoke"]
    print(f"karaoke captions, {label}: {kw:.2f} s wall / {kc:.2f} s CPU against {lw:.2f} s / {lc:.2f} s line by "
          f"line: {(kw / lw - 1) * 100:+.1f} % wall, {(kc / lc - 1) * 100:+.1f} % CPU (speech cached, pictures redone)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--naive-seconds", type=float, default=None, help="render only this much of the naive version")
    ap.add_argument("--naive", action="store_true", help="also time a naive moviepy render")
    ap.add_argument("--skip-rss", action="store_true")
    ap.add_argument("--only-rss", action="store_true")
    ap.add_argument("--skip-kinds", action="store_true", help="skip the per-kind timings of bench_visual.py")
    ap.add_argument("--only-karaoke", action="store_true", help="only what karaoke captions add")
    args = ap.parse_args()
    if args.only_karaoke:
        with tempfile.TemporaryDirectory() as home:
            svc = Vidgen(Settings.load(env={"VIDGEN_HOME": home}))
            token = svc.store.create_script(script(6, 4))
            karaoke_cost(svc, token, home, "medium", "16:9", "720p30")
            karaoke_cost(svc, token, home, "high", "9:16", "1080x1920")
        return
    if not args.only_rss:
        holds = Holds()
        kinds = {e["kind"] for v in script()["scenes"] for e in v["visual"]["elements"]}
        print(f"script: 6 scenes, ~60 s, visuals of {len(kinds)} kinds ({', '.join(sorted(kinds))})")
        with tempfile.TemporaryDirectory() as home:
            svc = Vidgen(Settings.load(env={"VIDGEN_HOME": home}))
            token = svc.store.create_script(script(6, 4))
            first, first_s = run(svc, token, "medium", "16:9", "720p30, espeak voice, first render", "pyttsx3",
                                 holds)
            run(svc, token, "high", "9:16", "1080x1920 (9:16), espeak voice, first render", "pyttsx3", holds)
            s = script(6, 4)
            # a typical fix: one bar of the second scene's chart corrected
            s["scenes"][1]["visual"]["elements"][0]["items"][2]["value"] = 1.344
            svc.edit(token, s)
            t = time.perf_counter()
            again = svc.render(token, None, svc.render_options(quality="medium", tts="pyttsx3"))
            re_s = time.perf_counter() - t
            print(f"re-render after a one-scene visual edit (720p30): {re_s:.2f} s, {first_s / re_s:.1f}x faster "
                  f"than the first ({again['scenes_cached']}/{again['scenes']} scenes reused); "
                  + ", ".join(f"{k} {v:.2f}" for k, v in again["stages"].items()))
            karaoke_cost(svc, token, home, "medium", "16:9", "720p30")
            karaoke_cost(svc, token, home, "high", "9:16", "1080x1920")
            if args.naive:
                naive_s, naive_len = naive_moviepy(svc, token, 1280, 720, args.naive_seconds)
                ours_per_s = first_s / first["duration"]
                naive_per_s = naive_s / naive_len
                print(f"naive moviepy (CompositeVideoClip + Resize + TextClip, default settings, no audio): "
                      f"{naive_len:.1f} s of video in {naive_s:.1f} s = {naive_len / naive_s:.2f}x realtime; "
                      f"vidgen is {naive_per_s / ours_per_s:.1f}x faster")
        with tempfile.TemporaryDirectory() as home:
            svc = Vidgen(Settings.load(env={"VIDGEN_HOME": home}))
            token = svc.store.create_script(script(6, 4))
            piper, _ = run(svc, token, "medium", "16:9", "720p30, Piper voice (the default), first render", None,
                           holds)
            speech = sum(p.stat().st_size for p in (Path(home) / ".vidgen" / "cache" / "voice").glob("*.npy"))
            speech_s = speech / 4 / 44100  # float32 samples at 44.1 kHz
            print(f"    Piper spoke {speech_s:.1f} s of narration in {piper['stages']['voice']:.2f} s: "
                  f"{speech_s / piper['stages']['voice']:.1f}x realtime (model load included)")
            import shutil

            shutil.rmtree(Path(home) / ".vidgen" / "cache" / "segments")  # the pictures again, the speech cached
            run(svc, token, "medium", "16:9", "720p30, Piper voice, speech cached, pictures redone", None, holds)
    if not args.skip_rss:
        for minutes in (1, 10):
            with tempfile.TemporaryDirectory() as home:
                r = peak_rss(home, minutes)
                print(f"peak RSS, {r['duration'] / 60:.1f} min of 720p video (Piper voice): vidgen process "
                      f"{r['self']:.0f} MB, largest ffmpeg child {r['children']:.0f} MB")
    if not args.skip_kinds and not args.only_rss:
        print("per kind (scripts/bench_visual.py, CPU time per drawn frame at 720p):")
        bench = ROOT / "scripts" / "bench_visual.py"
        out = subprocess.run([sys.executable, str(bench)], capture_output=True, text=True)
        print("    " + out.stdout.strip().replace("\n", "\n    "))


if __name__ == "__main__":
    main()
