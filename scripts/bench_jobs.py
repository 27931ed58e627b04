#!/usr/bin/env python3
"""Job figures, printed (issue 4; never asserted in tests).

- cancel latency: from `cancel` to the worker process gone and its partial files removed
  (goal: within 2 s), over several runs, each cancelled at a different point of the render;
- job overhead: a job's submit-to-completed time against the same render run in-process;
- first progress: how soon after submit a job reports progress;
- progress writes: how often the store's progress file is rewritten (it is throttled).

Usage: python scripts/bench_jobs.py [--runs 5] [--quality medium]
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def seed(name: str) -> dict:
    import json

    return json.loads((ROOT / "tests" / "fixtures" / "seed-scripts" / f"{name}.json").read_text())


def fresh(svc, run: int) -> str:
    """A new script per run: the render cache would otherwise make every run after the first free."""
    doc = seed("basic-geometry-shapes")
    for scene in doc["scenes"]:
        scene["text"] = f"{scene['text']} Run {run}."
    return svc.store.create_script(doc)


def wait(cond, timeout: float = 300, step: float = 0.005):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = cond()
        if value:
            return value
        time.sleep(step)
    raise SystemExit("timed out waiting for the job")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quality", default="medium")
    args = parser.parse_args()

    from vidgen.config import Settings
    from vidgen.jobs import JobService, Runner
    from vidgen.service import Vidgen
    from vidgen.store.procs import pid_alive

    home = tempfile.mkdtemp(prefix="vidgen-bench-jobs-")
    svc = Vidgen(Settings.load(env={"VIDGEN_HOME": home}))
    jobs = JobService(svc)
    options = svc.render_options(quality=args.quality, tts="mock")

    # the same render in-process, as the baseline for a job's overhead
    t = time.perf_counter()
    direct = svc.render(fresh(svc, 0), None, options, out=Path(home) / "direct.mp4")
    direct_s = time.perf_counter() - t
    print(f"script: basic-geometry-shapes, {direct['duration']:.1f} s of video at {args.quality}, mock voice")

    runner = Runner(svc, 1, poll=0.05).start()
    try:
        t = time.perf_counter()
        job = jobs.submit(fresh(svc, 1), None, options)
        first = None
        versions, last = 0, None
        progress_file = svc.store.root / "progress" / f"{job['job_id']}.json"
        while True:
            current = jobs.get(job["job_id"])
            if first is None and current["progress"] > 0:
                first = time.perf_counter() - t
            if progress_file.exists():
                stamp = progress_file.stat().st_mtime_ns
                versions += stamp != last
                last = stamp
            if current["status"] in ("completed", "failed", "cancelled"):
                break
            time.sleep(0.005)
        job_s = time.perf_counter() - t
        assert current["status"] == "completed", current
        print(f"job: submit to completed {job_s:.2f} s vs in-process render {direct_s:.2f} s "
              f"(overhead {job_s - direct_s:+.2f} s); first progress after {first:.2f} s")
        print(f"progress file rewritten about {versions} times in {job_s:.1f} s ({versions / job_s:.1f}/s)")

        latencies, fractions = [], []
        for k in range(args.runs):
            job = jobs.submit(fresh(svc, 2 + k), None, options)
            target = 5 + k * 80 / max(1, args.runs)
            wait(lambda job=job, target=target: jobs.get(job["job_id"])["progress"] >= target)
            pid = svc.store.get_job(job["job_id"])["worker_pid"]
            t = time.perf_counter()
            cancelled = jobs.cancel(job["job_id"])
            wait(lambda pid=pid: not pid_alive(pid) and not list(svc.settings.renders.glob(f".*partial-{pid}*")))
            latencies.append(time.perf_counter() - t)
            fractions.append(target)
            assert cancelled["status"] == "cancelled", cancelled
        print(f"cancel ({args.runs} runs, at {', '.join(f'{f:.0f}%' for f in fractions)}): "
              f"median {statistics.median(latencies) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms "
              "(goal <= 2000 ms)")
    finally:
        runner.stop()


if __name__ == "__main__":
    main()
