"""Old clients, unchanged (issue 14): the replaced system's frontend flow, replayed from a page
of another origin in real Chromium against a real `vidgen serve`; and the old shapes it reads.

The page is served by a second tiny HTTP server on another port (another origin), the way
the old frontend ran beside its API. It does what that frontend did: an EventSource on
/events/{chatID}, POST /submit, the three script_ready events, an update, a confirm with
`quality` at the top level, polling /generation_status, listing /videos and playing
/stream/{name} in a <video>.
"""

import hashlib
import json
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import http, seed, start_server
from vidgen.server.app import ServerConfig, create_app
from vidgen.store.users import LOCAL, Caller

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"]

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>old frontend</title></head><body>
<video id="player" muted playsinline></video>
<script>
window.API = new URLSearchParams(location.search).get('api');
window.seen = [];
window.listen = (chatID) => new Promise((resolve, reject) => {
  const es = new EventSource(API + '/events/' + chatID);
  es.onmessage = (e) => { const ev = JSON.parse(e.data); seen.push(ev); if (ev.type === 'connected') resolve(ev); };
  es.onerror = () => { if (es.readyState === EventSource.CLOSED) reject(new Error('event stream closed')); };
  window.source = es;
});
window.send = async (method, path, body) => {
  const init = { method, headers: {} };
  if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
  const r = await fetch(API + path, init);
  return { status: r.status, body: await r.json() };
};
window.play = async (url) => {
  const v = document.getElementById('player');
  v.src = url;
  await v.play();
  await new Promise((r) => setTimeout(r, 1200));
  return { currentTime: v.currentTime, readyState: v.readyState, error: v.error && v.error.code };
};
</script></body></html>"""


class Page(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server API
        body = PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def other_origin():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM:
        pytest.skip("Debian's chromium is not installed (VIDGEN_SETUP_BROWSER=1 bash scripts/setup.sh)")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


def wait_for(page, expression, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = page.evaluate(expression)
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"not reached: {expression}; events: {page.evaluate('seen.map(e => e.type)')}")


def test_the_old_frontend_flow_from_another_origin(home, other_origin, browser):
    # a page served from this machine (the old frontend on localhost:3000) needs no VIDGEN_CORS_ORIGINS
    base, _, proc = start_server(home)
    try:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{other_origin}/?api={base}")
        chat = "old-chat-1"
        connected = page.evaluate(f"listen('{chat}')")
        assert connected["type"] == "connected" and connected["message"] and connected["chatID"] == chat

        submit = page.evaluate(f"send('POST', '/submit', {{text: 'how volcanoes erupt', uid: 'u1', chatID: '{chat}'}})")
        assert submit["status"] == 200 and submit["body"]["success"] is True, submit
        tokens = submit["body"]["tokens"]
        assert len(tokens) == 3 and len(submit["body"]["scripts"]) == 3
        wait_for(page, "seen.some(e => e.type === 'all_scripts_complete')")
        ready = page.evaluate("seen.filter(e => e.type === 'script_ready')")
        assert sorted(e["scriptIndex"] for e in ready) == [1, 2, 3]
        assert all(e["totalScripts"] == 3 and e["readyToken"] in tokens and e["data"]["scenes"] for e in ready)
        complete = page.evaluate("seen.find(e => e.type === 'all_scripts_complete')")
        assert sorted(complete["allTokens"]) == sorted(tokens) and len(complete["allScripts"]) == 3

        token = ready[0]["readyToken"]
        script = {**seed("test-topic"), "scenes": seed("test-topic")["scenes"][:2]}
        updated = page.evaluate("([t, s, c]) => send('POST', '/update_script/' + t, {script: s, chatID: c})",
                                [token, script, chat])
        assert updated["status"] == 200 and updated["body"]["success"] is True
        assert updated["body"]["script"] == script and updated["body"]["token"] == token
        wait_for(page, "seen.some(e => e.type === 'script_updated')")

        confirm = page.evaluate("([t, c]) => send('POST', '/confirm_script/' + t, "
                                "{chatID: c, quality: 'low', tts_provider: 'mock'})", [token, chat])
        assert confirm["status"] == 200 and confirm["body"]["success"] is True, confirm
        job_id = confirm["body"]["job_id"]
        job = wait_for(page, f"""send('GET', '/generation_status/{job_id}').then(r =>
            ['completed', 'failed', 'cancelled'].includes(r.body.job_status.status) ? r.body : null)""", 300)
        assert job["success"] is True
        job = job["job_status"]
        assert job["status"] == "completed" and job["progress"] == 100, job
        assert job["config"]["quality"] == "low"
        # the old API's numbers, and the old result fields
        assert isinstance(job["created_at"], float | int) and isinstance(job["updated_at"], float | int)
        assert abs(job["created_at"] - time.time()) < 3600 and job["updated_at"] >= job["created_at"]
        assert job["created"].endswith("Z")
        result = job["result"]
        assert result["success"] is True and result["total_scenes"] == 2 and result["summary"]
        assert result["tts_success_rate"] == 1.0 and result["render_success_rate"] == 1.0
        wait_for(page, "seen.some(e => e.type === 'job_completed')")

        videos = page.evaluate("send('GET', '/videos')")
        assert videos["status"] == 200 and videos["body"]["success"] is True and videos["body"]["count"] == 1
        video = videos["body"]["videos"][0]
        assert video["name"] == video["filename"] == result["video"]
        assert time.strptime(video["modified"], "%Y-%m-%dT%H:%M:%SZ")
        info = page.evaluate(f"send('GET', '/video-info/{video['name']}')")
        assert info["body"]["video"]["name"] == video["name"] and info["body"]["video"]["modified"]
        played = page.evaluate(f"play(API + '/stream/{video['name']}')")
        assert played["error"] is None and (played["currentTime"] > 0 or played["readyState"] >= 2), played

        # errors keep their family's shape, and the other origin can read them
        for path, status in (("/api/script/zzzz", 404), ("/api/job/nope", 404)):
            r = page.evaluate(f"send('GET', '{path}')")
            assert r["status"] == status and set(r["body"]) == {"detail"}, r
        for method, path, body, status in (("GET", "/generation_status/nope", None, 404),
                                           ("POST", "/update_script/0123456789", {"script": script}, 404),
                                           ("POST", "/submit", {"text": "x"}, 400),
                                           ("DELETE", "/generation_job/nope", None, 404)):
            r = page.evaluate("([m, p, b]) => send(m, p, b === null ? undefined : b)", [method, path, body])
            assert r["status"] == status, (path, r)
            assert r["body"]["success"] is False and r["body"]["message"] and r["body"]["error"], r
        page.evaluate("source.close()")
        assert errors == []
    finally:
        proc.terminate()
        proc.wait(60)


@pytest.mark.slow  # a real server
def test_old_clients_key_in_the_url_works_and_is_never_logged(home):
    from tests.test_studio import small_video

    name = small_video(home / "renders" / "clip-0123456789-v1.mp4").name
    key = "old-client-secret-7q2"
    base, port, proc = start_server(home, "--log-json", env={"VIDGEN_API_KEY": key})
    try:
        assert http(f"{base}/api/jobs?api_key={key}")[0] == 200
        status, headers, _ = http(f"{base}/stream/{name}?x=1&api_key={key}", headers={"Range": "bytes=0-9"})
        assert status == 206
        import socket

        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(f"GET /events/c?api_key={key} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        assert b"200 OK" in s.recv(4096)
        s.close()
        assert http(f"{base}/api/jobs?api_key=wrong")[0] == 401
    finally:
        proc.terminate()
        proc.wait(60)
    log = proc.log_path.read_text()
    assert key not in log
    lines = [json.loads(line)["message"] for line in log.splitlines() if line.startswith("{")]
    assert any("/stream/" in m and "x=1&api_key=REDACTED" in m for m in lines), lines


async def test_session_cookie_lets_pages_in_and_changes_only_from_the_server_own_pages(aiohttp_client, svc):
    from vidgen.server.keys import SESSIONS
    from vidgen.server.state import COOKIE

    client = await aiohttp_client(create_app(svc, ServerConfig(api_key="k3y", run_jobs=False)))
    assert (await client.post("/api/session")).status == 401
    assert (await client.get("/api/session")).status == 401
    r = await client.post("/api/session", headers={"X-API-Key": "k3y"})
    assert r.status == 200 and (await r.json())["needed"] is True and (await r.json())["admin"] is True
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "k3y" not in cookie
    assert "Secure" not in cookie  # plain HTTP here; under HTTPS it is Secure (tests/test_https.py)
    assert (await client.get("/videos")).status == 200  # the client keeps the cookie
    assert (await client.get("/api/jobs")).status == 200
    # a change with the cookie alone must come from a page of this server (its Origin): not from nowhere
    assert (await client.post("/api/validate_config", json={})).status == 403
    own = f"http://{client.host}:{client.port}"
    r = await client.post("/api/validate_config", json={}, headers={"Origin": own})
    assert r.status == 200
    # signing out clears the cookie, and its value is refused from then on
    value = client.session.cookie_jar.filter_cookies(client.make_url("/"))[COOKIE].value
    assert (await client.delete("/api/session", headers={"Origin": own})).status == 200
    assert (await client.get("/videos")).status == 401
    r = await client.get("/videos", headers={"Cookie": f"{COOKIE}={value}"})
    assert r.status == 401
    sessions = client.app[SESSIONS]
    users = svc.owners.users
    good = sessions.issue(Caller(LOCAL, LOCAL, admin=True, legacy=True), "k3y", users, 60)[0]
    forged = sessions.sign(LOCAL, int(time.time()) + 60, hashlib.sha256(b"other").hexdigest())
    expired = sessions.sign(LOCAL, int(time.time()) - 1, hashlib.sha256(b"k3y").hexdigest())
    # one hex digit of the signature changed: always a different digit, whatever the last one was
    tampered = good[:-1] + ("1" if good[-1] == "0" else "0")
    client.session.cookie_jar.clear()
    for cookie_value, status in ((good, 200), (forged, 401), (expired, 401), (tampered, 401), ("garbage", 401),
                                 (f"nobody.{int(time.time()) + 60}.00", 401)):
        r = await client.get("/videos", headers={"Cookie": f"{COOKIE}={cookie_value}"})
        assert r.status == status, cookie_value
    # changing VIDGEN_API_KEY ends every session made with the old one
    other = await aiohttp_client(create_app(svc, ServerConfig(api_key="new-k3y", run_jobs=False)))
    assert (await other.get("/videos", headers={"Cookie": f"{COOKIE}={good}"})).status == 401


async def test_old_shapes_videos_validate_config_and_update_without_chat(aiohttp_client, svc):
    client = await aiohttp_client(create_app(svc, ServerConfig(run_jobs=False)))
    svc.settings.renders.mkdir(parents=True, exist_ok=True)
    (svc.settings.renders / "clip-0123456789-v1.mp4").write_bytes(b"\0" * 100)
    listed = (await (await client.get("/videos")).json())["videos"][0]
    assert listed["name"] == "clip-0123456789-v1.mp4" and time.strptime(listed["modified"], "%Y-%m-%dT%H:%M:%SZ")
    info = (await (await client.get("/video-info/clip-0123456789-v1.mp4")).json())["video"]
    assert info["name"] == listed["name"] and info["modified"] == listed["modified"]
    r = await client.post("/api/validate_config", json={"quality": "low", "tts_provider": "mock"})
    v = await r.json()
    assert v["valid"] and v["message"] == "Configuration is valid"
    v = await (await client.post("/api/validate_config", json={"quality": "8k"})).json()
    assert not v["valid"] and "unknown quality" in v["message"]
    # the old Node route wanted a chatID here; vidgen takes the update without one (docs/decisions.md)
    token = svc.store.create_script(seed("test-topic"))
    r = await client.post(f"/update_script/{token}", json={"script": {**seed("test-topic"), "title": "No chat"}})
    assert r.status == 200 and (await r.json())["success"] is True
    r = await client.post(f"/confirm_script/{token}", json={"quality": "low", "tts_provider": "mock"})
    assert r.status == 200 and (await r.json())["success"] is True
