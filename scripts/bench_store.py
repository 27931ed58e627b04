#!/usr/bin/env python3
"""Store speed with many scripts: an edit (read, validate, write a version) and a listing.

Targets (issue 2): with 5,000 scripts stored, an edit <= 50 ms and listing <= 0.5 s.
Usage: python scripts/bench_store.py [--scripts 5000] [--edits 50]
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from vidgen.config import Settings  # noqa: E402
from vidgen.service import Vidgen  # noqa: E402

SEED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seed-scripts" / "simple-algebra.json"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scripts", type=int, default=5000)
    ap.add_argument("--edits", type=int, default=50)
    args = ap.parse_args()
    script = json.loads(SEED.read_text())
    with tempfile.TemporaryDirectory() as home:
        svc = Vidgen(Settings.load(env={"VIDGEN_HOME": home}))
        t = time.perf_counter()
        tokens = svc.store.bulk_create([{**script, "title": f"{script['title']} #{i}"} for i in range(args.scripts)])
        setup = time.perf_counter() - t
        size = sum(p.stat().st_size for p in (Path(home) / ".vidgen").rglob("*.json"))
        edits = []
        for i in range(args.edits):
            token = tokens[(i * 97) % len(tokens)]
            changed = {**script, "title": f"edited {i}"}
            t = time.perf_counter()
            svc.edit(token, changed)
            edits.append((time.perf_counter() - t) * 1000)
        lists = []
        for _ in range(5):
            t = time.perf_counter()
            rows = svc.list_scripts()
            lists.append(time.perf_counter() - t)
        assert len(rows) == args.scripts
        reads = []
        for i in range(50):
            t = time.perf_counter()
            svc.get_script(tokens[i * 13 % len(tokens)])
            reads.append((time.perf_counter() - t) * 1000)
    print(f"store benchmark: {args.scripts} scripts ({size / 1e6:.1f} MB on disk, bulk-created in {setup:.1f} s)")
    print(f"  edit (validate + new version, fsynced): median {statistics.median(edits):.1f} ms, "
          f"p95 {sorted(edits)[int(len(edits) * 0.95) - 1]:.1f} ms, max {max(edits):.1f} ms   (target <= 50 ms)")
    print(f"  list all scripts: median {statistics.median(lists) * 1000:.0f} ms, max {max(lists) * 1000:.0f} ms"
          f"   (target <= 500 ms)")
    print(f"  read one script: median {statistics.median(reads):.2f} ms")


if __name__ == "__main__":
    main()
