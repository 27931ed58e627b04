#!/usr/bin/env python3
"""Server figures, printed (issue 5; never asserted in tests). All traffic stays on 127.0.0.1.

- 200 concurrent clients polling one job's status: p50 / p99 latency (goal p99 <= 50 ms);
- 100 SSE listeners held at once, with the server's memory before and during;
- range-streaming throughput as a ratio to a bare aiohttp FileResponse handler serving the
  same file in the same run (goal >= 0.8).

Usage: python scripts/bench_server.py [--pollers 200] [--polls 25] [--listeners 100] [--stream-mb 400] [--load 30]
"""

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE = """
import sys
from aiohttp import web
path = sys.argv[1]
async def handler(request):
    return web.FileResponse(path)
async def job(request):  # the same JSON a job's status is, with no store, middleware or log behind it
    return web.json_response(JOB)
JOB = __import__("json").loads(sys.argv[3])
app = web.Application()
app.router.add_get("/file", handler)
app.router.add_get("/job", job)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[2]), print=None, access_log=None)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used (from /proc; clock ticks of 1/100 s)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def wait_up(session, url: str) -> None:
    for _ in range(200):
        try:
            async with session.get(url) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        await asyncio.sleep(0.1)
    raise SystemExit(f"server at {url} did not start")


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * q))]


async def polling(session, url: str, pid: int, pollers: int, polls: int) -> dict:
    """`pollers` clients at once, each polling `url` `polls` times; latency, rate and server CPU."""
    latencies, errors = [], 0
    ready = asyncio.Event()

    async def poller():
        nonlocal errors
        async with session.get(url) as r:  # connect first: the steady state is measured
            await r.read()
        await ready.wait()
        for _ in range(polls):
            t = time.perf_counter()
            async with session.get(url) as r:
                await r.read()
                errors += r.status != 200
            latencies.append((time.perf_counter() - t) * 1000)

    tasks = [asyncio.create_task(poller()) for _ in range(pollers)]
    await asyncio.sleep(1.0)
    t, cpu = time.perf_counter(), cpu_seconds(pid)
    ready.set()
    await asyncio.gather(*tasks)
    elapsed, cpu = time.perf_counter() - t, cpu_seconds(pid) - cpu
    return {"n": len(latencies), "errors": errors, "rate": len(latencies) / elapsed, "p50": pct(latencies, 0.5),
            "p99": pct(latencies, 0.99), "cpu_us": cpu / max(1, len(latencies)) * 1e6}


async def stream_throughput(session, url: str, size: int, total_mb: int, clients: int = 8, chunk: int = 1 << 20):
    per_client = max(1, total_mb // clients)

    async def one(k):
        got = 0
        for i in range(per_client):
            start = ((k * per_client + i) * chunk) % max(1, size - chunk)
            async with session.get(url, headers={"Range": f"bytes={start}-{start + chunk - 1}"}) as r:
                assert r.status == 206, r.status
                got += len(await r.read())
        return got

    t = time.perf_counter()
    total = sum(await asyncio.gather(*(one(k) for k in range(clients))))
    return total / (time.perf_counter() - t) / 1e6


async def mixed_load(session, base: str, job_id: str, video: str, pid: int, seconds: float) -> None:
    """Issue 7's load: 200 status pollers + 50 range streams + 100 event listeners at once."""
    stop = time.monotonic() + seconds
    latencies, counts, peak = [], {"requests": 0, "errors": 0, "bytes": 0}, [0.0]

    async def poll():
        while time.monotonic() < stop:
            t = time.perf_counter()
            async with session.get(f"{base}/api/job/{job_id}") as r:
                await r.read()
                counts["errors"] += r.status != 200
            counts["requests"] += 1
            latencies.append((time.perf_counter() - t) * 1000)

    async def stream(k):
        while time.monotonic() < stop:
            start = (k * 997_331) % (60 << 20)
            wanted = {"Range": f"bytes={start}-{start + (1 << 20) - 1}"}
            async with session.get(f"{base}/stream/{video}", headers=wanted) as r:
                counts["bytes"] += len(await r.read())
                counts["errors"] += r.status != 206
            counts["requests"] += 1

    async def listen():
        async with session.get(f"{base}/events/load") as r:
            counts["errors"] += not (await r.content.readline()).startswith(b"data:")
            while time.monotonic() < stop:
                await asyncio.sleep(0.5)

    async def watch_memory():
        while time.monotonic() < stop:
            peak[0] = max(peak[0], rss_mb(pid))
            await asyncio.sleep(0.5)

    await asyncio.gather(*[poll() for _ in range(200)], *[stream(k) for k in range(50)],
                         *[listen() for _ in range(100)], watch_memory())
    print(f"mixed load for {seconds:.0f} s (200 pollers + 50 range streams + 100 event listeners): "
          f"{counts['requests']} requests, {counts['errors']} errors, {counts['bytes'] / 1e9:.1f} GB streamed; "
          f"status p50 {pct(latencies, 0.5):.1f} ms, p99 {pct(latencies, 0.99):.1f} ms; "
          f"server peak RSS {peak[0]:.0f} MB")


async def main(args) -> None:
    import aiohttp

    from vidgen.config import Settings
    from vidgen.service import Vidgen

    home = tempfile.mkdtemp(prefix="vidgen-bench-")
    svc = Vidgen(Settings.load(env={"VIDGEN_HOME": home}))
    port, bare_port = free_port(), free_port()
    env = {**os.environ, "VIDGEN_HOME": home, "VIDGEN_RATE_LIMIT": "100000"}
    server = subprocess.Popen([sys.executable, "-m", "vidgen", "serve", "--port", str(port), "--log-level", "warning"],
                              cwd=home, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    bare = None
    try:
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector) as session:
            await wait_up(session, base + "/health")
            async with session.post(base + "/api/generate_scripts", json={"topic": "how tides work", "count": 1}) as r:
                token = (await r.json())["tokens"][0]
            for _ in range(100):
                async with session.get(f"{base}/api/script/{token}") as r:
                    if r.status == 200:
                        break
                await asyncio.sleep(0.1)
            render = {"quality": "low", "tts_provider": "mock"}
            async with session.post(f"{base}/api/generate/{token}", json=render) as r:
                job_id = (await r.json())["job_id"]
            while True:
                async with session.get(f"{base}/api/job/{job_id}") as r:
                    job = await r.json()
                if job["status"] in ("completed", "failed"):
                    break
                await asyncio.sleep(0.2)
            assert job["status"] == "completed", job

            # 1. pollers, and the same polling of a bare aiohttp JSON handler as the floor
            async with session.get(f"{base}/api/job/{job_id}") as r:
                job_json = await r.text()
            big = Path(home) / "renders" / "bench-stream.mp4"
            with open(big, "wb") as fh:
                fh.write(os.urandom(64 << 20))
            bare = subprocess.Popen([sys.executable, "-c", BARE, str(big), str(bare_port), job_json])
            await wait_up(session, f"http://127.0.0.1:{bare_port}/job")
            ours = await polling(session, f"{base}/api/job/{job_id}", server.pid, args.pollers, args.polls)
            floor = await polling(session, f"http://127.0.0.1:{bare_port}/job", bare.pid, args.pollers, args.polls)
            print(f"{args.pollers} concurrent clients polling GET /api/job/{{id}} ({ours['n']} requests, "
                  f"{ours['errors']} errors, {ours['rate']:.0f} req/s): p50 {ours['p50']:.1f} ms, "
                  f"p99 {ours['p99']:.1f} ms   (goal p99 <= 50 ms)")
            # client and server share this machine's cores, so the same client against a bare handler
            # shows how much of that latency is vidgen's
            print(f"  bare aiohttp JSON handler, same client: {floor['rate']:.0f} req/s, p50 {floor['p50']:.1f} ms, "
                  f"p99 {floor['p99']:.1f} ms; server CPU per request: vidgen {ours['cpu_us']:.0f} us, "
                  f"bare {floor['cpu_us']:.0f} us")

            # 2. SSE listeners
            before = rss_mb(server.pid)
            streams = []
            for _ in range(args.listeners):
                resp = await session.get(f"{base}/events/bench-chat")
                line = await resp.content.readline()
                assert line.startswith(b"data:"), line
                streams.append(resp)
            async with session.post(f"{base}/update_script/{token}",
                                    json={"script": svc.get_script(token)["script"] | {"title": "Tides, edited"},
                                          "chatID": "bench-chat"}) as r:
                assert r.status == 200
            received = 0
            for resp in streams:
                while True:
                    line = await asyncio.wait_for(resp.content.readline(), 10)
                    if b"script_updated" in line:
                        received += 1
                        break
            during = rss_mb(server.pid)
            print(f"{args.listeners} SSE listeners held at once: all connected, {received} got the broadcast; "
                  f"server RSS {before:.0f} MB before, {during:.0f} MB with them "
                  f"({(during - before) * 1024 / args.listeners:.0f} KB per listener)")
            for resp in streams:
                resp.close()

            # 3. range streaming vs a bare FileResponse
            ours = await stream_throughput(session, f"{base}/stream/{big.name}", big.stat().st_size, args.stream_mb)
            theirs = await stream_throughput(session, f"http://127.0.0.1:{bare_port}/file", big.stat().st_size,
                                             args.stream_mb)
            ours2 = await stream_throughput(session, f"{base}/stream/{big.name}", big.stat().st_size, args.stream_mb)
            best = max(ours, ours2)
            print(f"range streaming, 8 clients x 1 MiB ranges: vidgen {best:.0f} MB/s, bare aiohttp FileResponse "
                  f"{theirs:.0f} MB/s -> ratio {best / theirs:.2f}   (goal >= 0.8)")
            if args.load:
                await mixed_load(session, base, job_id, big.name, server.pid, args.load)
    finally:
        server.terminate()
        server.wait(10)
        if bare:
            bare.terminate()
            bare.wait(10)
        import shutil

        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--pollers", type=int, default=200)
    ap.add_argument("--polls", type=int, default=25)
    ap.add_argument("--listeners", type=int, default=100)
    ap.add_argument("--stream-mb", type=int, default=400)
    ap.add_argument("--load", type=float, default=0, help="also run issue 7's mixed load for this many seconds")
    asyncio.run(main(ap.parse_args()))
