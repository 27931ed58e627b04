"""Small local fakes that speak the real wire formats of Gemini and OpenAI-compatible servers.

Each runs an aiohttp server on 127.0.0.1 in a thread; a test queues the answers it wants
(`script`, `bad-json`, `401`, `slow`, `audio`) and reads back the requests it received.
"""

import asyncio
import base64
import json
import socket
import threading

import numpy as np
from aiohttp import web

GOOD = {"title": "Rainbows, From Sunlight to Sky",
        "scenes": [{"seq": i, "text": f"Sentence {i} about light. Another sentence {i}.", "anim": "Sun and rain",
                    "layout": "split_screen"} for i in range(1, 5)]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FakeServer:
    def __init__(self):
        self.port = free_port()
        self.requests: list[dict] = []
        self.answers: list[str] = []
        self.default = "script"
        self.delay = 5.0
        self.in_flight = 0
        self.max_in_flight = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def next_answer(self) -> str:
        return self.answers.pop(0) if self.answers else self.default

    def _run(self):
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_post("/{tail:.*}", self.handle)
        runner = web.AppRunner(app)
        self._loop.run_until_complete(runner.setup())
        self._loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", self.port).start())
        self._runner = runner
        self._ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(runner.cleanup())

    def __enter__(self):
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc):
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append({"path": request.path, "headers": dict(request.headers), "body": body})
        answer = self.next_answer()
        if answer == "401":
            return self.error(401)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if answer == "slow":
                await asyncio.sleep(self.delay)
            return self.reply(answer, body)
        finally:
            self.in_flight -= 1

    def error(self, status):
        raise NotImplementedError

    def reply(self, answer, body):
        raise NotImplementedError


class FakeGemini(FakeServer):
    """POST /v1beta/models/{model}:generateContent, as google-genai sends it."""

    def error(self, status):
        return web.json_response({"error": {"code": status, "message": "API key not valid. Please pass a valid "
                                            "API key.", "status": "UNAUTHENTICATED"}}, status=status)

    def reply(self, answer, body):
        if answer == "audio":
            t = np.arange(int(24000 * 1.5)) / 24000
            pcm = (np.sin(2 * np.pi * 220 * t) * 8000).astype("<i2").tobytes()
            part = {"inlineData": {"mimeType": "audio/L16;codec=pcm;rate=24000",
                                   "data": base64.b64encode(pcm).decode()}}
        else:
            text = json.dumps(GOOD) if answer != "bad-json" else "Sure! Here is your script: {title: oops"
            part = {"text": text}
        return web.json_response({"candidates": [{"content": {"parts": [part], "role": "model"},
                                                  "finishReason": "STOP", "index": 0}],
                                  "usageMetadata": {"promptTokenCount": 10, "candidatesTokenCount": 10,
                                                    "totalTokenCount": 20},
                                  "modelVersion": "gemini-2.5-flash"})


class FakeOpenAI(FakeServer):
    """POST /v1/chat/completions."""

    def error(self, status):
        return web.json_response({"error": {"message": "Incorrect API key provided", "type": "invalid_request_error",
                                            "code": "invalid_api_key"}}, status=status)

    def reply(self, answer, body):
        content = json.dumps(GOOD) if answer != "bad-json" else "not json at all"
        return web.json_response({"id": "chatcmpl-1", "object": "chat.completion", "created": 1,
                                  "model": body.get("model"),
                                  "choices": [{"index": 0, "finish_reason": "stop",
                                               "message": {"role": "assistant", "content": content}}]})
