#!/usr/bin/env python3
"""Writers'-side visual figures, printed (never asserted in tests).

- derive: milliseconds per scene over every seed script (the first pass pays for importing
  matplotlib's mathtext parser, which checks the math, and fills its cache; printed apart);
- repair: milliseconds per visual for a valid visual and for a broken one;
- offline: milliseconds to write one template script with its pictures;
- what the seeds get: the element kinds derived for each scene.

Usage: python scripts/bench_visuals.py [--rounds 20]
"""

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    from tests.fakes import BROKEN
    from vidgen.author.derive import derive_visual
    from vidgen.author.repair import repair_visual
    from vidgen.script.model import parse_script
    from vidgen.writers.llm import EXAMPLE_SCENE
    from vidgen.writers.offline import OfflineWriter

    scripts = [parse_script(json.loads(p.read_text()))
               for p in sorted((ROOT / "tests" / "fixtures" / "seed-scripts").glob("*.json"))]
    scenes = [(s, i, len(sc.scenes), sc.title) for sc in scripts for i, s in enumerate(sc.ordered_scenes())]

    t = time.perf_counter()
    for args_ in scenes:
        derive_visual(*args_)
    first = (time.perf_counter() - t) * 1000
    times = []
    for _ in range(args.rounds):
        for args_ in scenes:
            t = time.perf_counter()
            derive_visual(*args_)
            times.append((time.perf_counter() - t) * 1000)
    print(f"derive: first pass over the seeds {first:.0f} ms (imports the mathtext parser); "
          f"then median {statistics.median(times):.2f} ms, max {max(times):.2f} ms per scene "
          f"over {len(scenes)} seed scenes x {args.rounds}")

    for name, raw, n in (("valid", EXAMPLE_SCENE["visual"], 3), ("broken", BROKEN["scenes"][0]["visual"], 3)):
        runs = []
        for _ in range(args.rounds * 10):
            t = time.perf_counter()
            repair_visual(raw, n)
            runs.append((time.perf_counter() - t) * 1000)
        print(f"repair ({name}): median {statistics.median(runs):.3f} ms per visual")

    writer = OfflineWriter()
    runs = []
    for k in range(args.rounds):
        t = time.perf_counter()
        asyncio.run(writer.write(f"how rainbows form {k}", k))
        runs.append((time.perf_counter() - t) * 1000)
    print(f"offline template with pictures: median {statistics.median(runs):.2f} ms per script")

    for sc in scripts:
        kinds = [",".join(e.kind for e in derive_visual(s, i, len(sc.scenes), sc.title).elements)
                 for i, s in enumerate(sc.ordered_scenes())]
        print(f"  {sc.title[:48]:48} " + " | ".join(kinds))


if __name__ == "__main__":
    main()
