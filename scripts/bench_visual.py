"""Visual engine speed: per kind, a typical 8 s scene at 720p (16:9, 30 fps) rendered frame by frame.

Times are this process's CPU time (time.process_time), so other work on the machine does not
inflate them much (a busy machine still slows caches: compare runs made at the same time). Prints ms per
drawn frame (dirty region drawn + converted + pasted over the base planes; the one-off whole-frame draws
of each hold are counted in `setup+bases`), the thousands of pixels drawn and converted per drawn frame
(exact, so they show a change in work even when the timings are noisy), the share of frames that were
holds (a copy of cached planes), and the whole scene's frame time against x264's ~4 ms floor.

    .venv/bin/python scripts/bench_visual.py [--quality medium] [--aspect 16:9] [--save DIR] [kind ...]

--save DIR also writes each scene mid-build and final as DIR/<kind>-<aspect>.png, to look at.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from tests.visual_examples import EXAMPLES, make_test_card, sentences_for
    from vidgen.draw.captioned import frame_buffer
    from vidgen.draw.frames import VisualFrames
    from vidgen.draw.scene import VisualScene
    from vidgen.draw.theme import Theme
    from vidgen.draw.yuv import rgb_to_planes
    from vidgen.render.presets import QUALITIES, frame_size
    from vidgen.visual.spec import Visual

    ap = argparse.ArgumentParser()
    ap.add_argument("--quality", default="medium", choices=list(QUALITIES))
    ap.add_argument("--aspect", default="16:9")
    ap.add_argument("--save", type=Path, help="write each scene's mid-build and final frames here")
    ap.add_argument("kinds", nargs="*")
    args = ap.parse_args()
    W, H = frame_size(args.quality, args.aspect)
    fps = QUALITIES[args.quality][1]
    duration = 8.0
    frames = int(duration * fps)
    home = Path(tempfile.mkdtemp())
    make_test_card(home / "card.png")
    theme = Theme.for_script("bench", W, H)
    import numpy as np

    rgb = np.random.default_rng(1).integers(0, 256, (H, W, 3), dtype=np.uint8)
    rgb_to_planes(rgb)
    t = time.process_time()
    for _ in range(10):
        rgb_to_planes(rgb)
    full_convert = (time.process_time() - t) / 10 * 1000
    print(f"{W}x{H} @ {fps} fps, {duration:.0f} s scenes ({frames} frames); "
          f"whole-frame RGB->YUV {full_convert:.1f} ms (CPU)")
    print(f"{'kind':<10} {'setup+bases':>11} {'drawn':>6} {'ms/drawn':>9} {'kpx drawn':>9} {'kpx conv':>8} "
          f"{'held':>6} {'ms/held':>8} {'ms/frame':>9}")
    _, out = frame_buffer(W, H)
    total_ms = total_frames = 0.0
    for name in args.kinds or list(EXAMPLES):
        doc, count = EXAMPLES[name]
        t0 = time.process_time()
        scene = VisualScene(Visual.model_validate(doc), theme, sentences_for(count, duration), duration, home=home)
        vf = VisualFrames(scene, fps, frames)
        # warm the holds' bases first so the drawn/held times are the steady per-frame costs
        for i in [0] + [s[0] for s in vf.spans] + [s[1] + 1 for s in vf.spans if s[1] + 1 < frames]:
            vf.render(i, out)
        setup = (time.process_time() - t0) * 1000
        vf.drawn = vf.held = vf.converted = 0
        drawn_ms = held_ms = 0.0
        painted = 0
        for i in range(frames):
            before = vf.drawn
            span = vf._span(i)
            if span is not None and i != span[0]:
                painted += sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in span[2])
            t1 = time.process_time()
            vf.render(i, out)
            dt = (time.process_time() - t1) * 1000
            if vf.drawn > before:
                drawn_ms += dt
            else:
                held_ms += dt
        per_drawn = drawn_ms / max(1, vf.drawn)
        per_held = held_ms / max(1, vf.held)
        per_frame = (drawn_ms + held_ms + setup) / frames
        total_ms += drawn_ms + held_ms + setup
        total_frames += frames
        if args.save:
            from PIL import Image

            args.save.mkdir(parents=True, exist_ok=True)
            mid = scene.draw(sentences_for(count, duration)[min(1, count - 1)][0] + 0.45)
            pair = np.concatenate([mid, scene.final()], 1 if H > W else 0)
            Image.fromarray(pair).save(args.save / f"{name}-{args.aspect.replace(':', 'x')}.png")
        kpx, conv = painted / max(1, vf.drawn) / 1000, vf.converted / max(1, vf.drawn) / 1000
        print(f"{name:<10} {setup:>9.0f}ms {vf.drawn:>6} {per_drawn:>9.2f} {kpx:>9.0f} {conv:>8.0f} "
              f"{vf.held / frames:>6.0%} {per_held:>8.2f} {per_frame:>9.2f}")
    print(f"all kinds: {total_ms / max(1, total_frames):.2f} ms per frame on average, setup included")


if __name__ == "__main__":
    main()
