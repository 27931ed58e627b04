#!/usr/bin/env python3
"""Render speed, printed from one run (issue 3's targets; never asserted in tests).

- a fixed 6-scene, ~60 s script, end to end (offline voice, pictures, captions, encode)
  at 720p30 and at 1080x1920;
- the ratio to re-encoding its own output with the same x264 settings (the floor);
- the ratio to a naive moviepy render of the same script (CompositeVideoClip + per-frame
  vfx.Resize zoom + TextClip captions, default write settings);
- peak RSS for 1 and 10 minutes of video; the re-render time after a one-scene edit.

Usage: python scripts/bench_render.py [--naive-seconds N] [--skip-naive] [--skip-rss]
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
    "When sunlight enters a raindrop, it slows down and bends.",
    "Each colour bends by a slightly different amount, so the colours spread apart.",
    "Inside the drop, the light reflects off the back surface.",
    "On the way out it bends again, and the colours spread even further.",
    "Red leaves the drop at about forty two degrees, violet at about forty.",
]


def script(scenes: int = 6, sentences_per_scene: int = 4) -> dict:
    out = []
    for i in range(scenes):
        text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(sentences_per_scene))
        out.append({"seq": i + 1, "text": text, "anim": f"Diagram of step {i + 1}: 'Refraction' and 'Reflection'",
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

    from vidgen.picture.fonts import find_font
    from vidgen.sentences import split_sentences, spoken_seconds

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
r = svc.render(token, None, svc.render_options(quality="medium", tts="pyttsx3"))
print(json.dumps({{"duration": r["duration"], "self": status("self", "VmHWM"), "children": peak_children[0]}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(svc, token, quality, aspect, label):
    opts = svc.render_options(quality=quality, aspect=aspect, tts="pyttsx3")
    t = time.perf_counter()
    result = svc.render(token, None, opts)
    seconds = time.perf_counter() - t
    floor = reencode_seconds(result["path"], opts.crf)
    print(f"{label}: {result['duration']:.1f} s of video in {seconds:.2f} s = {result['duration'] / seconds:.2f}x "
          f"realtime; re-encode floor {floor:.2f} s -> {seconds / floor:.2f}x the floor; stages {result['stages']}")
    return result, seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--naive-seconds", type=float, default=None, help="render only this much of the naive version")
    ap.add_argument("--skip-naive", action="store_true")
    ap.add_argument("--skip-rss", action="store_true")
    ap.add_argument("--only-rss", action="store_true")
    args = ap.parse_args()
    if not args.only_rss:
        with tempfile.TemporaryDirectory() as home:
            svc = Vidgen(Settings.load(env={"VIDGEN_HOME": home}))
            token = svc.store.create_script(script(6, 2))
            first, first_s = run(svc, token, "medium", "16:9", "720p30 (1280x720), first render")
            run(svc, token, "high", "9:16", "1080x1920 (9:16), first render")
            s = script(6, 2)
            # a typical fix: one line of the third scene reworded
            s["scenes"][2]["text"] = s["scenes"][2]["text"].replace("bends by a slightly different amount", "turns by a slightly different angle")
            assert s != script(6, 2)
            svc.edit(token, s)
            t = time.perf_counter()
            again = svc.render(token, None, svc.render_options(quality="medium", tts="pyttsx3"))
            re_s = time.perf_counter() - t
            print(f"re-render after a one-scene edit (720p30): {re_s:.2f} s, {first_s / re_s:.1f}x faster than the first "
                  f"({again['scenes_cached']}/{again['scenes']} scenes reused)")
            if not args.skip_naive:
                naive_s, naive_len = naive_moviepy(svc, token, 1280, 720, args.naive_seconds)
                ours_per_s = first_s / first["duration"]
                naive_per_s = naive_s / naive_len
                print(f"naive moviepy (CompositeVideoClip + Resize + TextClip, default settings, no audio): "
                      f"{naive_len:.1f} s of video in {naive_s:.1f} s = {naive_len / naive_s:.2f}x realtime; "
                      f"vidgen is {naive_per_s / ours_per_s:.1f}x faster")
    if not args.skip_rss:
        for minutes in (1, 10):
            with tempfile.TemporaryDirectory() as home:
                r = peak_rss(home, minutes)
                print(f"peak RSS, {r['duration'] / 60:.1f} min of 720p video: vidgen process {r['self']:.0f} MB, "
                      f"largest ffmpeg child {r['children']:.0f} MB")


if __name__ == "__main__":
    main()
