"""Chat events: publish once, deliver to every listener, replay what a reconnecting
client missed (by event id), and bridge job progress into the chat's stream."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from typing import Any

log = logging.getLogger("vidgen.server")
HISTORY = 500


class ChatHub:
    def __init__(self):
        self.history: dict[str, deque] = {}
        self.listeners: dict[str, set[asyncio.Queue]] = {}
        self.counter: dict[str, int] = {}

    def publish(self, chat_id: str, type_: str, **data: Any) -> dict:
        n = self.counter.get(chat_id, 0) + 1
        self.counter[chat_id] = n
        event = {"type": type_, "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + "Z", **data}
        self.history.setdefault(chat_id, deque(maxlen=HISTORY)).append((n, event))
        for queue in self.listeners.get(chat_id, ()):
            queue.put_nowait((n, event))
        return event

    def subscribe(self, chat_id: str, last_id: int | None) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        if last_id is not None:
            for n, event in self.history.get(chat_id, ()):
                if n > last_id:
                    queue.put_nowait((n, event))
        self.listeners.setdefault(chat_id, set()).add(queue)
        return queue

    def unsubscribe(self, chat_id: str, queue: asyncio.Queue) -> None:
        self.listeners.get(chat_id, set()).discard(queue)

    def listener_count(self) -> int:
        return sum(len(v) for v in self.listeners.values())


async def watch_job(hub: ChatHub, jobs, chat_id: str | None, job_id: str, interval: float = 0.3) -> None:
    """Publish a job's events to its chat: each change, as `JobService.follow` shows them to the CLI's bar.

    It polls on the event loop (a job read is a cached lookup) rather than in a thread: a thread
    held while a queued job waits would starve the pool that requests and remote workers need.
    """
    from vidgen.jobs.queue import FINAL
    from vidgen.jobs.service import change_key

    last_stage, last_key = None, None
    while True:
        try:
            job = jobs.get(job_id)
        except Exception:  # deleted, or the store is briefly unreadable: stop following
            return
        if change_key(job) == last_key:
            await asyncio.sleep(interval)
            continue
        last_key = change_key(job)
        if job["stage"] != last_stage:
            log.info("job %s %s: %s", job_id, job["status"], job["stage"])
            last_stage = job["stage"]
        if not chat_id:
            pass
        elif job["status"] == "completed":
            r = job["result"] or {}
            hub.publish(chat_id, "job_completed", job_id=job_id, result=r, video=r.get("video"),
                        stream_url=r.get("stream_url"), download_url=r.get("download_url"),
                        video_url=r.get("stream_url"))
        elif job["status"] in ("failed", "cancelled"):
            hub.publish(chat_id, "job_failed", job_id=job_id, status=job["status"], error=job["error"] or job["status"])
        else:
            hub.publish(chat_id, "job_progress", job_id=job_id, progress=job["progress"], stage=job["stage"],
                        message=job["message"], eta_seconds=job["eta_seconds"], status=job["status"])
        if job["status"] in FINAL:
            return
        await asyncio.sleep(interval)
