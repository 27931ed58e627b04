#!/usr/bin/env python3
"""Preview figures, printed (never asserted in tests): `POST /api/preview/frame` over a real socket.

A person types: every request carries the scene's narration one word longer (and so a picture derived
again when the scene has none), at 720p, at a moment in the middle of the scene. Over every scene of the
seed fixtures, p50 and p95 of the round trip. Target: p95 <= 300 ms for a typical scene at 720p.

Usage: python scripts/bench_preview_frame.py [--words 6] [--quality medium] [--aspect 16:9]
"""

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


async def run(args: argparse.Namespace) -> None:
    import os

    from aiohttp.test_utils import TestClient, TestServer

    os.environ["VIDGEN_HOME"] = tempfile.mkdtemp(prefix="vidgen-bench-")
    from vidgen.server.app import ServerConfig, create_app
    from vidgen.service import Vidgen

    svc = Vidgen()
    client = TestClient(TestServer(create_app(svc, ServerConfig(preview_rate_limit=100000))))
    await client.start_server()
    times: list[float] = []
    try:
        for path in sorted((ROOT / "tests" / "fixtures" / "seed-scripts").glob("*.json")):
            script = json.loads(path.read_text())
            for scene in script["scenes"]:
                words = scene["text"].split()
                for n in range(args.words):
                    typed = {**scene, "text": " ".join(words[: max(3, len(words) - args.words + n + 1)])}
                    if n % 2:
                        typed.pop("visual", None)   # half of them derived from the words
                    body = {"scene": typed, "t": 2.0, "title": script["title"], "quality": args.quality,
                            "aspect": args.aspect}
                    t = time.perf_counter()
                    r = await client.post("/api/preview/frame", json=body)
                    await r.read()
                    times.append(time.perf_counter() - t)
                    if r.status != 200:
                        print(path.stem, scene["seq"], r.status, await r.text())
    finally:
        await client.close()
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"{len(times)} previews at {args.quality} {args.aspect}: p50 {statistics.median(times) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms (target p95 <= 300 ms)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=6)
    parser.add_argument("--quality", default="medium")
    parser.add_argument("--aspect", default="16:9")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
