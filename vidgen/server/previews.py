"""Previews drawn in their own bounded pool of processes, each with a time and a memory budget.

Why processes: drawing is C code (cairo, Pillow, mathtext) that a thread cannot stop, and a
picture that draws millions of arcs or decodes a huge image holds its thread and its memory
for minutes. Previews used the threads that also answer /health and the API; six hostile
ones filled them all. Here each preview goes to a warm worker process; the server waits for
it without holding a thread, and kills it when it runs past its time budget, grows past its
memory budget, or when the client goes away. A killed worker is replaced by a fresh one.
At most `size` previews draw at once; the next ones wait their turn for a while, then get a 503.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from vidgen.errors import BadInput, VidgenError

log = logging.getLogger("vidgen.server")
POLL = 0.02            # seconds between looks at a working preview (its answer, clock, memory, client)
PRELOAD = ["vidgen.service", "vidgen.render.storyboard", "vidgen.draw.scene", "vidgen.visual.tex",
           "matplotlib.mathtext", "matplotlib.textpath", "cairocffi", "PIL.Image", "PIL.PngImagePlugin"]
WARM_UP = 120.0        # seconds a new worker may take to import the drawing stack (not counted in a budget)


class PreviewTooHeavy(BadInput):
    """A picture over a preview's budget: the request asked for more work than a preview may do."""

    http_status = 422


class ClientGone(BadInput):
    """The client closed its connection while its preview was drawn: logged as nginx's 499, no traceback."""

    http_status = 499


class PreviewsBusy(VidgenError):
    http_status = 503

    def __init__(self, message: str, retry_after: int):
        super().__init__(message, "try again in a moment")
        self.headers = {"Retry-After": str(retry_after)}


def _rss(pid: int) -> int:
    """Resident memory of a process, in bytes (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _cpu(pid: int) -> float:
    """CPU seconds a process has used (user + system; 0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _serve(conn: Any) -> None:
    """A worker process: warm the drawing stack once, then draw one preview per message until told to stop."""
    import signal
    import traceback

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's: it stops the workers itself
    with contextlib.suppress(OSError):
        os.nice(10)   # drawing yields the CPU to the server's event loop: /health stays quick under load
    from vidgen.render.storyboard import frame_png
    from vidgen.visual.tex import _parser

    _parser()
    conn.send(("ready",))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", frame_png(*job)))
        except MemoryError:
            conn.send(("memory",))
        except VidgenError as exc:
            conn.send(("error", type(exc).__name__, exc.message, exc.fix, exc.http_status))
        except Exception as exc:  # a drawing bug: this preview fails with its reason, the worker lives on
            traceback.print_exc()
            conn.send(("error", "RenderError", f"the preview could not be drawn ({type(exc).__name__}: {exc})",
                       None, 500))


class _Worker:
    def __init__(self, ctx: Any):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child,), name="vidgen-preview", daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.answered = False   # the last preview ended with an answer (an error included): fit to reuse

    @property
    def pid(self) -> int:
        return self.proc.pid or 0

    def kill(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.proc.kill()
        with contextlib.suppress(OSError):
            self.conn.close()


class PreviewPool:
    """`size` worker processes, started when the first preview is asked for."""

    def __init__(self, size: int = 2, seconds: float = 1.8, memory: int = 320 * 1024 * 1024, stall: float = 20.0,
                 wait: float = 15.0, max_waiting: int = 16):
        self.size, self.seconds, self.memory, self.wait, self.max_waiting = size, seconds, memory, wait, max_waiting
        self.stall = stall   # seconds a preview may go without using any CPU (a stalled worker)
        self.workers: list[_Worker] = []     # every live worker, idle or busy
        self.busy: set[_Worker] = set()
        self.waiting = 0
        self._idle: asyncio.Queue[_Worker] | None = None
        self._ctx: Any = None

    def _spawn(self) -> _Worker:
        if self._ctx is None:
            import multiprocessing

            # never fork the server (it runs an event loop and threads): workers fork from a fork server that
            # imported the drawing stack once, so a worker that replaces a killed one is warm in milliseconds
            self._ctx = multiprocessing.get_context("forkserver")
            self._ctx.set_forkserver_preload(PRELOAD)
        worker = _Worker(self._ctx)
        self.workers.append(worker)
        return worker

    def _queue(self) -> asyncio.Queue[_Worker]:
        if self._idle is None:
            self._idle = asyncio.Queue()
            for _ in range(self.size):
                self._replace()
        return self._idle

    def _replace(self) -> None:
        """A new worker into the idle queue, started on a thread: starting one waits for the fork server
        (seconds the first time, while it imports the drawing stack), which must not stall the event loop."""
        loop = asyncio.get_running_loop()
        idle = self._queue()

        def started(future: asyncio.Future) -> None:
            if future.exception() is None:
                idle.put_nowait(future.result())
            else:
                log.error("a preview worker could not start: %s", future.exception())

        loop.run_in_executor(None, self._spawn).add_done_callback(started)

    async def close(self) -> None:
        for worker in self.workers:
            worker.kill()
        for worker in self.workers:
            await asyncio.to_thread(worker.proc.join, 5)
        self.workers.clear()

    async def draw(self, job: tuple, gone: Callable[[], bool] = lambda: False) -> bytes:
        """The PNG `vidgen.render.storyboard.frame_png(*job)` draws, within the budgets; `gone()`: the client left."""
        idle = self._queue()
        if self.waiting >= self.max_waiting:
            raise PreviewsBusy(f"{self.waiting} previews are waiting to be drawn", 2)
        self.waiting += 1
        try:
            worker = await asyncio.wait_for(idle.get(), self.wait)
        except TimeoutError:
            raise PreviewsBusy(f"every preview worker stayed busy for {self.wait:g} s", 2) from None
        finally:
            self.waiting -= 1
        self.busy.add(worker)
        worker.answered = False
        try:
            return await self._run(worker, job, gone)
        finally:
            self.busy.discard(worker)
            if not worker.answered:  # cut off, dead, or left mid-drawing: never reused
                self._retire(worker)
                self._replace()
            else:
                idle.put_nowait(worker)

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with contextlib.suppress(ValueError):
            self.workers.remove(worker)
        # reaped by a thread: a killed process ends at once, but join() must not run on the event loop
        asyncio.get_running_loop().run_in_executor(None, worker.proc.join, 5)

    async def _answer(self, worker: _Worker, budget: float, gone: Callable[[], bool], memory: bool) -> Any:
        """The worker's next message, or an error when the budget, the memory, the worker or the client goes.

        The time budget counts the worker's CPU seconds, so a preview on a busy machine is not cut for
        waiting its turn; one whose CPU time does not move for `stall` seconds (stalled) is cut too."""
        deadline = time.monotonic() + budget
        cpu = last = _cpu(worker.pid)
        moved = time.monotonic()
        while not worker.conn.poll():
            if gone():
                raise ClientGone("the client went away before its preview was drawn")
            if not worker.proc.is_alive():
                raise PreviewTooHeavy("the preview stopped drawing (its worker died, perhaps out of memory)",
                                      "draw fewer or simpler elements")
            if not memory and time.monotonic() > deadline:
                raise VidgenError("a preview worker did not start", "see the server's log")
            now, used = time.monotonic(), _cpu(worker.pid)
            if used > last:
                last, moved = used, now
            if memory and (used - cpu > budget or now - moved > self.stall):
                raise PreviewTooHeavy(f"this picture takes more than {self.seconds:g} s to draw; its preview was "
                                      f"stopped", "draw fewer or simpler elements, or render the video")
            if memory and _rss(worker.pid) > self.memory:
                raise PreviewTooHeavy(f"this picture needs more than {self.memory // (1024 * 1024)} MiB to draw; "
                                      f"its preview was stopped", "use smaller pictures or fewer elements")
            await asyncio.sleep(POLL)
        try:
            return worker.conn.recv()
        except (EOFError, OSError):  # it died as it answered (killed from outside, out of memory)
            raise PreviewTooHeavy("the preview stopped drawing (its worker died, perhaps out of memory)",
                                  "draw fewer or simpler elements") from None

    async def _run(self, worker: _Worker, job: tuple, gone: Callable[[], bool]) -> bytes:
        if not worker.ready:
            message = await self._answer(worker, WARM_UP, gone, memory=False)
            worker.ready = message == ("ready",)
        worker.conn.send(job)
        message = await self._answer(worker, self.seconds, gone, memory=True)
        worker.answered = message[0] != "memory"
        if message[0] == "ok":
            return bytes(message[1])
        if message[0] == "memory":
            raise PreviewTooHeavy("this picture ran out of memory while it was drawn", "use smaller pictures")
        _, kind, text, fix, status = message
        import vidgen.errors as errors

        cls = getattr(errors, kind, None)
        if isinstance(cls, type) and issubclass(cls, VidgenError) and cls.http_status == status:
            raise cls(text, fix)
        error = VidgenError(text, fix)
        error.http_status = status
        raise error


def client_gone(request: web.Request) -> Callable[[], bool]:
    """Whether the request's connection has closed (aiohttp does not cancel a handler when it does)."""
    def gone() -> bool:
        transport = request.transport
        return transport is None or transport.is_closing()

    return gone
