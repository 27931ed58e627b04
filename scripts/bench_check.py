#!/usr/bin/env python3
"""`vidgen check` figures, printed (never asserted in tests).

For every 5-scene script among the seed fixtures and the corpus: how long the check takes in a warm
process (its three aspects, every scene's layout measured), and once for the first script in a cold
one (imports and glyph outlines included). Target: at most 1 s for a 5-scene script.

Usage: python scripts/bench_check.py [--runs 3]
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from vidgen.script.model import parse_script
    from vidgen.service.viewer import check_script

    files = sorted((ROOT / "tests" / "fixtures" / "seed-scripts").glob("*.json")) + \
        sorted((ROOT / "tests" / "corpus" / "scripts").glob("*.json"))
    scripts = [(p.stem, parse_script(json.loads(p.read_text()))) for p in files]
    five = [(name, s) for name, s in scripts if len(s.scenes) == 5]
    t = time.perf_counter()
    check_script(five[0][1], None)
    print(f"cold (first check in this process): {five[0][0]}: {time.perf_counter() - t:.2f} s")
    times = []
    for name, script in five:
        runs = []
        for _ in range(args.runs):
            t = time.perf_counter()
            problems = check_script(script, None)
            runs.append(time.perf_counter() - t)
        times.append(min(runs))
        print(f"  {name:<48} {min(runs) * 1000:6.0f} ms  {len(problems)} problems")
    print(f"warm, 5-scene scripts ({len(times)}): median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms (target <= 1000 ms)")


if __name__ == "__main__":
    main()
