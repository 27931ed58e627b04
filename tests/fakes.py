"""Small local fakes that speak the real wire formats of Gemini and OpenAI-compatible servers.

Each runs an aiohttp server on 127.0.0.1 in a thread; a test queues the answers it wants
(`script`, `rainbow`, `complex`, `broken`, `bad-json`, `401`, `slow`, `audio`) and reads back
the requests it received. The scripts are what the models answer with the visual schema: Gemini's
default is a rainbow script (flow, plot, bars, equation), the OpenAI fake's a complex-number one
(plane, equations, a rotation); `broken` has the mistakes the writers must repair, not refuse.
"""

import asyncio
import base64
import json
import socket
import threading

import numpy as np
from aiohttp import web

# What Gemini writes for "how rainbows form" with the visual schema: a flow, a plot, bars, an equation.
GOOD = {
    "title": "Rainbows, From Sunlight to Sky",
    "scenes": [
        {"seq": 1, "text": "Sunlight looks white, but it is a mix of every colour. A rainbow is that mix pulled apart.",
         "anim": "White beam splitting into a fan of colours", "layout": "title_and_main_content",
         "on_screen": ["Rainbows", "White light is every colour"],
         "visual": {"layout": "title", "title": "Rainbows",
                    "elements": [{"id": "T", "kind": "text", "items": [{"label": "White light = every colour"}]}],
                    "steps": [{"sentence": 1, "action": "highlight", "target": "T.0"}]}},
        {"seq": 2, "text": "Light enters a raindrop and bends. It reflects off the back of the drop. "
                           "It bends again as it leaves, towards your eye.",
         "anim": "A raindrop with a ray entering, reflecting and leaving", "layout": "split_screen",
         "on_screen": ["Inside a raindrop"],
         "visual": {"layout": "split", "title": "Inside a raindrop",
                    "elements": [{"id": "F", "kind": "flow", "items": [
                        {"id": "in", "label": "Enters and bends"}, {"id": "back", "label": "Reflects off the back"},
                        {"id": "out", "label": "Bends again, leaves"}]},
                        {"id": "B", "kind": "bars", "caption": "angle to your eye (degrees)", "items": [
                            {"label": "red", "value": 42}, {"label": "violet", "value": 40}]}],
                    "steps": [{"sentence": 0, "action": "show", "target": "F.in"},
                              {"sentence": 1, "action": "show", "target": "F.back"},
                              {"sentence": 2, "action": "show", "target": "F.out"},
                              {"sentence": 2, "action": "show", "target": "B"}]}},
        {"seq": 3, "text": "Each colour is a wave of a different length. Red waves are long; violet waves are short. "
                           "Shorter waves bend more.",
         "anim": "Two waves of different lengths drawn one above the other", "layout": "title_and_main_content",
         "on_screen": ["Colours are wavelengths"],
         "visual": {"layout": "full", "title": "Colours are wavelengths",
                    "elements": [{"id": "G", "kind": "plot", "x_range": [0, 12.6], "y_range": [-1.5, 1.5],
                                  "caption": "red (long) and violet (short)",
                                  "items": [{"id": "red", "label": "sin(x)"},
                                            {"id": "violet", "label": "sin(1.6*x)"}]}],
                    "steps": [{"sentence": 1, "action": "show", "target": "G.red"},
                              {"sentence": 1, "action": "show", "target": "G.violet"},
                              {"sentence": 2, "action": "trace", "target": "G.violet"}]}},
        {"seq": 4, "text": "So the colours leave the drop at slightly different angles. That is why red sits on the "
                           "outside of the bow.",
         "anim": "The bow with its angles marked", "layout": "custom", "on_screen": ["Why red is outside"],
         "visual": {"layout": "full", "title": "Why red is outside",
                    "elements": [{"id": "E", "kind": "equation", "items": [
                        {"label": "$\\theta_{red} \\approx 42^\\circ$"},
                        {"label": "$\\theta_{violet} \\approx 40^\\circ$"}]}],
                    "steps": [{"sentence": 0, "action": "show", "target": "E.0"},
                              {"sentence": 0, "action": "show", "target": "E.1"},
                              {"sentence": 1, "action": "highlight", "target": "E.0"}]}},
    ]}

# What an OpenAI-compatible model writes for "multiplying complex numbers": a plane and equations.
COMPLEX = {
    "title": "Multiplying Complex Numbers",
    "scenes": [
        {"seq": 1, "text": "A complex number is a point on a plane. The number 3 + 4i sits three right and four up.",
         "anim": "The complex plane with one vector", "layout": "title_and_main_content",
         "on_screen": ["Complex numbers are points"],
         "visual": {"layout": "split", "title": "Complex numbers are points",
                    "elements": [{"id": "P", "kind": "plane", "x_range": [-1, 5], "y_range": [-1, 5],
                                  "items": [{"id": "z", "label": "$z$", "x": 3, "y": 4}]},
                                 {"id": "E", "kind": "equation", "items": [{"label": "$z = 3 + 4i$"},
                                                                          {"label": "$|z| = 5$"}]}],
                    "steps": [{"sentence": 1, "action": "show", "target": "P.z"},
                              {"sentence": 1, "action": "show", "target": "E.0"}]}},
        {"seq": 2, "text": "Multiplying by i turns a number a quarter turn. Watch z rotate by ninety degrees.",
         "anim": "The vector turns by 90 degrees", "layout": "split_screen", "on_screen": ["Times i is a turn"],
         "visual": {"layout": "split", "title": "Times i is a quarter turn",
                    "elements": [{"id": "P", "kind": "plane", "x_range": [-5, 5], "y_range": [-1, 5],
                                  "items": [{"id": "z", "label": "$z$", "x": 3, "y": 4},
                                            {"id": "iz", "label": "$iz$", "x": -4, "y": 3}]},
                                 {"id": "E", "kind": "equation", "items": [{"label": "$i(3 + 4i) = 3i + 4i^2$"},
                                                                          {"label": "$= -4 + 3i$"}]}],
                    "steps": [{"sentence": 0, "action": "show", "target": "E.0"},
                              {"sentence": 1, "action": "rotate", "target": "P.z", "value": 90},
                              {"sentence": 1, "action": "transform", "target": "E.0", "value": 1},
                              {"sentence": 1, "action": "show", "target": "P.iz"}]}},
        {"seq": 3, "text": "In general, lengths multiply and angles add. That is the whole rule.",
         "anim": "The two rules side by side", "layout": "custom", "on_screen": ["The rule"],
         "visual": {"layout": "full", "title": "Lengths multiply, angles add",
                    "elements": [{"id": "E", "kind": "equation", "items": [
                        {"label": "$|z_1 z_2| = |z_1|\\,|z_2|$"},
                        {"label": "$\\arg(z_1 z_2) = \\arg z_1 + \\arg z_2$"}]}],
                    "steps": [{"sentence": 0, "action": "show", "target": "E.0"},
                              {"sentence": 0, "action": "show", "target": "E.1"},
                              {"sentence": 1, "action": "highlight", "target": "E"}]}},
    ]}

# A model having a bad day: every kind of mistake the repairs must absorb, and none that should fail the script.
BROKEN = {
    "title": "Rainbows, Broken Visuals",
    "scenes": [
        {"seq": 1, "text": "Light enters a drop. It bends. It reflects.", "anim": "A drop", "layout": "split_screen",
         "visual": {"layout": "split", "elements": [
             {"id": "F", "kind": "flow", "items": [{"id": "a", "label": "Enters"}, {"id": "b", "label": "Bends"}]},
             {"id": "G", "kind": "plot", "items": [{"label": "__import__('os').system('rm -rf /')"},
                                                  {"label": "sin(x)"}]}],
             "steps": [{"sentence": 0, "action": "show", "target": "F.a"},
                       {"sentence": 1, "action": "show", "target": "F.z3"},
                       {"sentence": 9, "action": "show", "target": "F.b"}]}},
        {"seq": 2, "text": "Colours spread out. Red is on the outside.", "anim": "A bow", "layout": "custom",
         "visual": {"elements": [{"id": "H", "kind": "hologram", "items": [{"label": "Red outside"},
                                                                          {"label": "Violet inside"}]}],
                    "steps": [{"sentence": "1", "action": "show", "target": "H.1"}]}},
        {"seq": 3, "text": "That is the whole story.", "anim": "Title again", "layout": "custom",
         "visual": {"elements": [{"id": "X", "kind": "plot", "items": [{"label": "exec('bad')"}]}]}},
    ]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def script(answer: str, default: dict = GOOD) -> dict:
    """The script a queued answer names: 'script' (the fake's usual one), 'rainbow', 'complex' or 'broken'."""
    return {"rainbow": GOOD, "complex": COMPLEX, "broken": BROKEN}.get(answer, default)


class FakeServer:
    def __init__(self):
        self.port = free_port()
        self.requests: list[dict] = []
        self.answers: list[str] = []
        self.default = "script"
        self.refuse_schema = False  # answer 400 to a request for structured output, as older servers/models do
        self.refuse_key = False     # answer 401 to the list of models (a readiness check with a wrong key)
        self.listed: list[dict] = []  # the requests for the list of models (readiness checks), apart
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
        app.router.add_get("/{tail:.*}", self.get)
        runner = web.AppRunner(app, shutdown_timeout=0.2)  # a slow answer in flight must not hold the exit
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
        if self.refuse_schema and self.asks_schema(body):
            return self.schema_refused()
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

    async def get(self, request: web.Request) -> web.Response:
        """The list of models (what a readiness check asks); a wrong key is refused as the real service does."""
        self.listed.append({"path": request.path, "headers": dict(request.headers)})
        if self.refuse_key:
            return self.error(401)
        return self.models(request.path)

    def models(self, path: str) -> web.Response:
        raise NotImplementedError

    def error(self, status):
        raise NotImplementedError

    def reply(self, answer, body):
        raise NotImplementedError

    def asks_schema(self, body) -> bool:
        raise NotImplementedError

    def schema_refused(self):
        raise NotImplementedError


class FakeGemini(FakeServer):
    """POST /v1beta/models/{model}:generateContent, as google-genai sends it; GET /v1beta/models."""

    def models(self, path):
        if path.rstrip("/") != "/v1beta/models":
            return web.json_response({"error": {"code": 404, "message": "Not found", "status": "NOT_FOUND"}},
                                     status=404)
        return web.json_response({"models": [{"name": "models/gemini-2.5-flash", "displayName": "Gemini 2.5 Flash",
                                              "supportedGenerationMethods": ["generateContent"]}]})

    def asks_schema(self, body) -> bool:
        return "responseSchema" in body.get("generationConfig", {})

    def schema_refused(self):
        return web.json_response({"error": {"code": 400, "message": "The specified schema produces a constraint that "
                                            "has too many states for serving.", "status": "INVALID_ARGUMENT"}},
                                 status=400)

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
            text = "Sure! Here is your script: {title: oops" if answer == "bad-json" else json.dumps(script(answer))
            part = {"text": text}
        return web.json_response({"candidates": [{"content": {"parts": [part], "role": "model"},
                                                  "finishReason": "STOP", "index": 0}],
                                  "usageMetadata": {"promptTokenCount": 10, "candidatesTokenCount": 10,
                                                    "totalTokenCount": 20},
                                  "modelVersion": "gemini-2.5-flash"})


class FakeOpenAI(FakeServer):
    """POST /v1/chat/completions; GET /v1/models."""

    def models(self, path):
        if path.rstrip("/") != "/v1/models":
            return web.json_response({"error": {"message": f"Invalid URL (GET {path})",
                                                "type": "invalid_request_error"}}, status=404)
        return web.json_response({"object": "list", "data": [{"id": "llama3.1", "object": "model", "created": 1,
                                                              "owned_by": "library"}]})

    def asks_schema(self, body) -> bool:
        return (body.get("response_format") or {}).get("type") == "json_schema"

    def schema_refused(self):
        return web.json_response({"error": {"message": "response_format.type must be one of json_object, text",
                                            "type": "invalid_request_error"}}, status=400)

    def error(self, status):
        return web.json_response({"error": {"message": "Incorrect API key provided", "type": "invalid_request_error",
                                            "code": "invalid_api_key"}}, status=status)

    def reply(self, answer, body):
        content = "not json at all" if answer == "bad-json" else json.dumps(script(answer, COMPLEX))
        return web.json_response({"id": "chatcmpl-1", "object": "chat.completion", "created": 1,
                                  "model": body.get("model"),
                                  "choices": [{"index": 0, "finish_reason": "stop",
                                               "message": {"role": "assistant", "content": content}}]})
