"""Chat events: publish once, deliver to every listener, replay what a reconnecting
client missed (by event id), and bridge job progress into the chat's stream."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable, Hashable
from typing import Any

log = logging.getLogger("vidgen.server")
HISTORY = 500
BACKLOG = 1000  # events a listener may fall behind by before it is dropped (it reconnects with Last-Event-ID)
SWEEP_EVERY = 5.0  # seconds between looks for listeners whose client has gone


class ChatHub:
    """Events by channel (the server's: (owner, chatID), so each user's chat ids are their own).

    A listener goes when its client does: `sweep` (run every SWEEP_EVERY s by `sweeper`) ends
    every stream whose `gone()` says its connection closed, even in a chat where nothing happens;
    a stream whose heartbeat cannot be written ends by itself (`frontend.events`)."""

    def __init__(self):
        self.history: dict[Hashable, deque] = {}
        self.listeners: dict[Hashable, set[asyncio.Queue]] = {}
        self.counter: dict[Hashable, int] = {}
        self.gone: dict[asyncio.Queue, tuple[Hashable, Callable[[], bool]]] = {}

    def publish(self, chat_id: Hashable, type_: str, **data: Any) -> dict:
        n = self.counter.get(chat_id, 0) + 1
        self.counter[chat_id] = n
        event = {"type": type_, "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + "Z", **data}
        self.history.setdefault(chat_id, deque(maxlen=HISTORY)).append((n, event))
        for queue in list(self.listeners.get(chat_id, ())):
            try:
                queue.put_nowait((n, event))
            except asyncio.QueueFull:  # a client that stopped reading must not grow the server without end
                self.unsubscribe(chat_id, queue)
                end(queue)
        return event

    def subscribe(self, chat_id: Hashable, last_id: int | None,
                  gone: Callable[[], bool] | None = None) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(BACKLOG + HISTORY)
        if last_id is not None:
            for n, event in self.history.get(chat_id, ()):
                if n > last_id:
                    queue.put_nowait((n, event))
        self.listeners.setdefault(chat_id, set()).add(queue)
        if gone is not None:
            self.gone[queue] = (chat_id, gone)
        return queue

    def unsubscribe(self, chat_id: Hashable, queue: asyncio.Queue) -> None:
        self.gone.pop(queue, None)
        listeners = self.listeners.get(chat_id)
        if listeners is not None:
            listeners.discard(queue)
            if not listeners:
                del self.listeners[chat_id]

    def listener_count(self) -> int:
        return sum(len(v) for v in self.listeners.values())

    def sweep(self) -> int:
        """End the streams whose client has gone; how many there were."""
        ended = 0
        for queue, (chat_id, gone) in list(self.gone.items()):
            if gone():
                self.unsubscribe(chat_id, queue)
                end(queue)
                ended += 1
        return ended

    async def sweeper(self, every: float = SWEEP_EVERY) -> None:
        while True:
            await asyncio.sleep(every)
            self.sweep()

    def close_all(self) -> None:
        """Tell every stream to end (the server is stopping)."""
        for queues in list(self.listeners.values()):
            for queue in list(queues):
                end(queue)


def end(queue: asyncio.Queue) -> None:
    """Make the listener's stream end: its queue emptied, then None (see `frontend.events`)."""
    while not queue.empty():
        queue.get_nowait()
    queue.put_nowait(None)


async def watch_job(hub: ChatHub, jobs, chat_id: Hashable | None, job_id: str, interval: float = 0.3) -> None:
    """Publish a job's events to its chat: each change, as `JobService.follow` shows them to the CLI's bar.

    It polls on the event loop (a job read is a cached lookup) rather than in a thread: a thread
    held while a queued job waits cannot be cancelled (it kept `vidgen serve` from exiting on
    Ctrl-C) and starves the pool that requests and remote workers need.
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
