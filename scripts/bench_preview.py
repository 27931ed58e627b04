#!/usr/bin/env python3
"""Preview budgets, printed (issue 25; never asserted in tests). All traffic stays on 127.0.0.1.

A real `vidgen serve` holds a hostile script: a plane whose vector turns 10^9 degrees (millions of
turns to draw, as the hostile re-test sent) and, if the picture checks refuse that by now, a scene of
long words at 4k. It prints:

- how long one pathological preview takes to be cut (goal: <= 2 s);
- /health's worst latency while 6 hostile previews run at once (goal: <= 100 ms);
- the peak memory of the server and its preview workers together, shared pages counted once (goal: <= 1 GB).

Usage: python scripts/bench_preview.py [--previews 6]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOSTILE = {"title": "Hostile", "scenes": [{"seq": 1, "text": "It turns. And turns again.", "visual": {
    "elements": [{"id": "P", "kind": "plane", "x_range": [-3, 3], "y_range": [-3, 3],
                  "items": [{"id": "v", "label": "$v$", "x": 2, "y": 1}]}],
    "steps": [{"sentence": 0, "action": "rotate", "target": "P.v", "value": 1_000_000_000}]}}]}


def get(url: str, timeout: float = 120) -> tuple[int, float]:
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    return status, time.perf_counter() - t


def memory(pid: int) -> int:
    """A process' proportional set size (its share of pages it shares with others: forked preview
    workers share the fork server's imports), or its RSS where the kernel does not say."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def tree_rss(pid: int) -> int:
    """Resident bytes (PSS) of a process and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += memory(p)
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--previews", type=int, default=6)
    args = ap.parse_args()
    from tests.fakes import free_port
    from vidgen.config import Settings
    from vidgen.service import Vidgen

    home = Path(tempfile.mkdtemp(prefix="vidgen-bench-preview-"))
    svc = Vidgen(Settings.load(env={"VIDGEN_HOME": str(home)}))
    token = svc.store.create_script(HOSTILE)   # stored as a script of an older version could be: unchecked
    port = free_port()
    env = {**os.environ, "VIDGEN_HOME": str(home), "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-m", "vidgen", "serve", "--port", str(port)], env=env, cwd=home,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if get(base + "/health", 2)[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        url = f"{base}/api/script/{token}/scenes/1/frame?t=2&quality=4k"
        get(f"{base}/api/script/{token}/scenes/1/frame?quality=low&t=0")   # the workers warm up
        status, seconds = get(url)
        print(f"one pathological preview: HTTP {status} after {seconds:.2f} s (goal <= 2 s)")
        peak, stop = [tree_rss(server.pid)], threading.Event()

        def sample() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], tree_rss(server.pid))
                time.sleep(0.02)

        sampler = threading.Thread(target=sample)
        sampler.start()
        results: list[tuple[int, float]] = []
        hostile = [threading.Thread(target=lambda: results.append(get(url))) for _ in range(args.previews)]
        for t in hostile:
            t.start()
        health, began = [], time.perf_counter()
        while any(t.is_alive() for t in hostile):
            health.append(get(base + "/health")[1])
            if health[-1] > 0.1 and os.environ.get("BENCH_DEBUG"):
                print(f"  slow /health at {time.perf_counter() - began:.2f} s: {health[-1] * 1000:.0f} ms")
            time.sleep(0.05)
        for t in hostile:
            t.join()
        stop.set()
        sampler.join()
        codes = sorted({s for s, _ in results})
        print(f"{args.previews} hostile previews at once: HTTP {codes}, the last answered after "
              f"{max(s for _, s in results):.2f} s")
        print(f"/health while they ran: {len(health)} answers, worst {max(health) * 1000:.0f} ms "
              f"(goal <= 100 ms), median {sorted(health)[len(health) // 2] * 1000:.0f} ms")
        print(f"peak memory (PSS) of the server and its preview workers: {peak[0] / 2**20:.0f} MiB (goal <= 1024 MiB)")
        print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (figures hold on a "
              f"quiet machine: the time budget counts the preview's CPU seconds)")
        print(json.dumps({"cut_seconds": round(seconds, 2), "health_worst_ms": round(max(health) * 1000),
                          "peak_mib": round(peak[0] / 2**20)}))
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()
