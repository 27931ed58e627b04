#!/usr/bin/env python3
"""Render workers on several machines, figures printed (issue 15; never asserted in tests).

- throughput: 12 short jobs with 1 worker, then with 3, each worker held to half a core
  by a cgroup (v1 `cpu` controller: cfs_quota_us/cfs_period_us) to stand in for separate
  small machines; goal: 3 workers at least 2.5x as fast as 1;
- per-job overhead of the broker path against the local runner: a job's submit-to-completed
  time minus the render's own time (its summary), same short script shape (goal: <= 0.5 s more);
- a killed worker: a worker's whole cgroup is SIGKILLed mid-render; how long until another
  worker starts the job again, and until it is completed.

Everything runs on this machine: Redis on loopback, a real `vidgen serve`, real `vidgen worker`s.
Usage: python scripts/bench_workers.py [--jobs 12] [--overhead-runs 5] [--kills 2] [--quota 0.5]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.brokers import RedisServer, free_port, spawn, vidgen_cmd, wait_for  # noqa: E402
from tests.conftest import http  # noqa: E402

CGROUP = Path("/sys/fs/cgroup/cpu")
SECRET = "bench-secret"


def seed(name: str) -> dict:
    return json.loads((ROOT / "tests" / "fixtures" / "seed-scripts" / f"{name}.json").read_text())


def fresh_script(n: int, seconds: float | None = None) -> dict:
    """A new script per job: no worker's scene cache makes a job free."""
    doc = seed("test-topic")
    doc["title"] = f"Bench job {n} {time.time_ns()}"
    for scene in doc["scenes"]:
        scene["text"] = f"{scene['text']} Take {n}."
        if seconds:
            scene["duration_sec"] = seconds
    return doc


class Group:
    """A cgroup v1 cpu group: a stand-in machine with `cores` CPUs (None: no limit)."""

    def __init__(self, name: str, cores: float | None):
        self.path = CGROUP / name
        self.path.mkdir(exist_ok=True)
        period = 100_000
        (self.path / "cpu.cfs_period_us").write_text(str(period))
        (self.path / "cpu.cfs_quota_us").write_text(str(int(period * cores)) if cores else "-1")

    def procs(self) -> list[int]:
        return [int(p) for p in (self.path / "cgroup.procs").read_text().split()]

    def kill(self) -> None:
        for _ in range(20):
            pids = self.procs()
            if not pids:
                return
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            time.sleep(0.05)

    def remove(self) -> None:
        self.kill()
        for _ in range(50):
            try:
                self.path.rmdir()
                return
            except OSError:
                time.sleep(0.1)


def cgroups_usable() -> str | None:
    if os.geteuid() != 0:
        return "not root"
    if not (CGROUP / "cgroup.procs").exists():
        return f"no cgroup v1 cpu controller at {CGROUP}"
    return None


class Site:
    """A server (with or without the broker), its store, and the workers started for it."""

    def __init__(self, tmp: Path, redis: RedisServer | None):
        self.tmp = tmp
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {"VIDGEN_WORKER_SECRET": SECRET}
        if redis:
            self.env["VIDGEN_BROKER"] = redis.url(db=int(time.time()) % 15 + 1)
        self.home = tmp / "server"
        self.server = spawn(vidgen_cmd("serve", "--port", str(self.port)), self.home, self.env, tmp / "server.log")
        wait_for(self._up, 30, 0.1, "the server")
        self.workers: list[tuple[subprocess.Popen, Group | None]] = []

    def _up(self) -> bool:
        try:
            return http(self.base + "/health")[0] == 200
        except OSError:
            return False

    def add_worker(self, n: int, cores: float | None, limit: bool) -> None:
        group = Group(f"vidgen-bench-{os.getpid()}-{n}", cores) if limit else None
        cmd = vidgen_cmd("worker")
        if group:  # join the group before anything forks, so every process of the worker is in it
            cmd = ["sh", "-c", f'echo $$ > {group.path}/cgroup.procs && exec "$@"', "sh", *cmd]
        env = {**self.env, "VIDGEN_SERVER_URL": self.base}
        proc = spawn(cmd, self.tmp / f"worker{n}", env, self.tmp / f"worker{n}.log")
        self.workers.append((proc, group))

    def live(self) -> int:
        return json.loads(http(self.base + "/api/workers")[2])["total"]

    def submit(self, doc: dict) -> str:
        from vidgen.config import Settings
        from vidgen.service import Vidgen

        svc = Vidgen(Settings.load(env={"VIDGEN_HOME": str(self.home)}))
        token = svc.store.create_script(doc)
        status, _, body = http(self.base + f"/api/generate/{token}", "POST", {"quality": "low", "tts_provider": "mock"})
        assert status == 200, body
        return json.loads(body)["job_id"]

    def job(self, job_id: str) -> dict:
        return json.loads(http(self.base + f"/api/job/{job_id}")[2])

    def wait_all(self, ids: list[str], timeout: float = 900) -> list[dict]:
        done: dict[str, dict] = {}
        deadline = time.monotonic() + timeout
        while len(done) < len(ids):
            # one listing per poll, not one request per job: the bench must not be the server's load
            for j in json.loads(http(self.base + "/api/jobs?limit=1000")[2])["jobs"]:
                if j["job_id"] in ids and j["status"] in ("completed", "failed", "cancelled"):
                    done[j["job_id"]] = j
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out; see {self.tmp}")
            time.sleep(0.05 if len(ids) == 1 else 0.2)
        bad = [j for j in done.values() if j["status"] != "completed"]
        if bad:
            raise SystemExit(f"a job did not complete: {bad[0]}")
        return [done[i] for i in ids]

    def render_seconds(self, job: dict) -> float:
        stem = job["result"]["video"][:-4]
        summary = max((self.home / "archives").glob(f"{stem}-*/summary.json"))
        return float(json.loads(summary.read_text())["seconds"])

    def close(self) -> None:
        for proc, group in self.workers:
            if group:
                group.remove()
            elif proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        self.server.terminate()
        for proc in [p for p, _ in self.workers] + [self.server]:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def throttled(site: Site) -> str:
    """How the workers' quota was used: periods they wanted more CPU than their half core allowed."""
    parts = []
    for _, group in site.workers:
        if group:
            stat = dict(line.split() for line in (group.path / "cpu.stat").read_text().splitlines())
            parts.append(f"{int(stat['nr_throttled'])}/{int(stat['nr_periods'])}")
    return "throttled periods " + (", ".join(parts) if parts else "n/a")


def throughput(redis: RedisServer, workers: int, jobs: int, cores: float | None, limit: bool) -> float:
    site = Site(Path(tempfile.mkdtemp(prefix=f"vidgen-bench-w{workers}-")), redis)
    try:
        for n in range(workers):
            site.add_worker(n, cores, limit)
        wait_for(lambda: site.live() == workers, 60, 0.2, "the workers")
        # a first job per worker fills what every later one reuses (fonts, the voice cache): not counted
        site.wait_all([site.submit(fresh_script(-1 - n)) for n in range(workers)])
        t0 = time.monotonic()
        ids = [site.submit(fresh_script(n)) for n in range(jobs)]
        finished = site.wait_all(ids)
        wall = time.monotonic() - t0
        used = {j["worker"] for j in finished}
        print(f"  {workers} worker(s): {jobs} jobs in {wall:6.1f} s ({wall / jobs:.2f} s a job), "
              f"{len(used)} worker(s) took jobs; {throttled(site)}; load average {os.getloadavg()[0]:.1f}")
        return wall
    finally:
        site.close()


def overhead(redis: RedisServer | None, runs: int) -> list[float]:
    site = Site(Path(tempfile.mkdtemp(prefix="vidgen-bench-ovh-")), redis)
    try:
        if redis:
            site.add_worker(0, None, False)
            wait_for(lambda: site.live() == 1, 60, 0.2, "the worker")
        site.wait_all([site.submit(fresh_script(-1))])   # warm-up
        out = []
        for n in range(runs):
            t0 = time.monotonic()
            job_id = site.submit(fresh_script(n))
            job = site.wait_all([job_id])[0]
            out.append(time.monotonic() - t0 - site.render_seconds(job))
        return out
    finally:
        site.close()


def kill_pickup(redis: RedisServer, kills: int, limit: bool) -> list[tuple[float, float]]:

    site = Site(Path(tempfile.mkdtemp(prefix="vidgen-bench-kill-")), redis)
    out = []
    try:
        for n in range(2):
            site.add_worker(n, None, limit)
        wait_for(lambda: site.live() == 2, 60, 0.2, "the workers")
        site.wait_all([site.submit(fresh_script(-1)), site.submit(fresh_script(-2))])
        for k in range(kills):
            job_id = site.submit(fresh_script(100 + k, seconds=30))
            job = wait_for(lambda job_id=job_id: (j := site.job(job_id))["status"] == "running"
                           and j["progress"] >= 20 and j, 120, 0.02, "the job to be under way")
            index = next(i for i, (p, g) in enumerate(site.workers) if g and job["worker"].endswith(
                tuple(f"-{pid}" for pid in g.procs())))
            proc, group = site.workers[index]
            assert group is not None
            group.kill()
            killed = time.time()
            final = site.wait_all([job_id])[0]
            started = float(final["started_at"])  # epoch seconds, as the old clients read it
            out.append((started - killed, time.time() - killed))
            site.add_worker(10 + k, None, limit)  # the machine comes back
            wait_for(lambda: site.live() >= 2, 60, 0.2, "the replacement worker")
        return out
    finally:
        site.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=12)
    parser.add_argument("--overhead-runs", type=int, default=5)
    parser.add_argument("--kills", type=int, default=2)
    parser.add_argument("--quota", type=float, default=0.5, help="cores per worker in the throughput runs")
    args = parser.parse_args()

    why_not = cgroups_usable()
    limit = why_not is None
    redis = RedisServer().start()
    try:
        print(f"vidgen workers benchmark — {os.cpu_count()} cores here; Redis {redis.url()}; tts mock, quality low")
        print(f"throughput, {args.jobs} short jobs, each worker held to {args.quota:g} core"
              + ("" if limit else f" (NOT limited: {why_not})"))
        one = throughput(redis, 1, args.jobs, args.quota, limit)
        three = throughput(redis, 3, args.jobs, args.quota, limit)
        print(f"  speed-up with 3 workers: {one / three:.2f}x (goal >= 2.5x)")

        print(f"per-job overhead (submit to completed, minus the render itself), median of {args.overhead_runs}")
        local = overhead(None, args.overhead_runs)
        broker = overhead(redis, args.overhead_runs)
        print(f"  local runner: {statistics.median(local):.2f} s  (runs: {', '.join(f'{x:.2f}' for x in local)})")
        print(f"  broker path:  {statistics.median(broker):.2f} s  (runs: {', '.join(f'{x:.2f}' for x in broker)})")
        print(f"  broker path costs {statistics.median(broker) - statistics.median(local):+.2f} s a job more "
              f"than the local runner (goal <= 0.5 s)")

        if limit:
            print(f"a worker killed mid-render (SIGKILL to its whole cgroup), {args.kills} times")
            for again, done in kill_pickup(redis, args.kills, limit):
                print(f"  started again by the other worker {again:.1f} s after the kill; completed after {done:.1f} s")
        else:
            print(f"killed-worker pickup: skipped ({why_not}: a worker's processes are found through its cgroup)")
    finally:
        redis.close()


if __name__ == "__main__":
    main()
