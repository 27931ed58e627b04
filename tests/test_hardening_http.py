"""The HTTP server against hostile input (issue 13, HTTP half): one test per item.

In-process tests use aiohttp's test server (a real socket on 127.0.0.1); the items about
process lifetime (signals, binding) and sockets run a real `vidgen serve`. Nothing here
asserts a wall-clock time: each waits for a condition with a generous deadline.
"""

import json
import os
import re
import signal
import socket
import struct
import zlib

import pytest

from tests.conftest import http, seed, start_server, wait_for

JSON = {"Content-Type": "application/json"}


def png_bytes(w: int = 8, h: int = 8) -> bytes:
    """A real, tiny PNG (solid colour), written by hand so no imaging library is needed."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xd0\x30\x30" * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))



def hold_worker_slot(svc) -> None:
    """A job that counts as running (its 'worker' is this test process, alive): with one render
    worker allowed, the next job stays queued."""
    svc.store.insert_job({"job_id": "0000holder", "token": "x", "script_version": 1, "status": "running",
                          "progress": 1.0, "stage": "rendering", "message": "", "result": None, "error": None,
                          "config": {}, "created_at": 1.0, "updated_at": 1.0, "worker_pid": os.getpid(),
                          "runner_pid": os.getpid()})


# -- 4. Ctrl-C / SIGTERM while a job is queued -------------------------------------------------
@pytest.mark.slow  # a real server
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_serve_stops_on_a_signal_while_a_job_is_queued(home, svc, sig):
    hold_worker_slot(svc)
    token = svc.store.create_script(seed("test-topic"))
    base, port, proc = start_server(home)
    try:
        status, _, body = http(f"{base}/api/generate/{token}", "POST", {"quality": "low", "tts_provider": "mock"})
        assert status == 200, body
        job_id = json.loads(body)["job_id"]
        # a listener on the job's chat, and the job's follower, are both waiting when the signal comes
        listener = socket.create_connection(("127.0.0.1", port))
        listener.sendall(b"GET /events/c HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        wait_for(lambda: json.loads(http(base + "/health")[2])["event_listeners"] == 1)
        assert json.loads(http(f"{base}/api/job/{job_id}")[2])["status"] == "pending"
        proc.send_signal(sig)
        # the documented limit is 10 s; the deadline here is generous for a loaded machine
        assert proc.wait(90) == 0, proc.log_path.read_text()[-2000:]
        listener.close()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    job = svc.store.get_job(job_id)
    assert job["status"] == "pending", job  # a queued job stays queued for the next start


# -- 5. a serve that cannot bind changes nothing ------------------------------------------------
def test_serve_that_cannot_bind_leaves_queued_jobs_alone(home, svc, cli):
    from vidgen.jobs import JobService

    token = svc.store.create_script(seed("test-topic"))
    job = JobService(svc).submit(token, None, svc.render_options(quality="low", tts="mock"))
    before = svc.store.get_job(job["job_id"])
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        proc = cli("serve", "--port", str(taken.getsockname()[1]))
    finally:
        taken.close()
    assert proc.returncode == 1 and "already in use" in proc.stderr, proc.stderr
    after = svc.store.get_job(job["job_id"])
    assert after == before, after
    assert not (home / "renders").exists() or not any((home / "renders").iterdir())


# -- 7. media and music paths over HTTP -----------------------------------------------------------
@pytest.fixture
def outside(home):
    """A private picture next to VIDGEN_HOME (not under it)."""
    private = home.parent / "private.png"
    private.write_bytes(png_bytes())
    return private


def without_path(message: str, path: str) -> str:
    return message.replace(path, "<path>")


async def test_media_outside_home_is_refused_and_says_nothing_about_it(make_client, svc, home, outside):
    client = await make_client()
    token = svc.store.create_script(seed("test-topic"))
    (home / "media").mkdir()
    (home / "media" / "ok.png").write_bytes(png_bytes())
    os.symlink(outside, home / "media" / "link.png")
    refused = {}
    for path in ("../private.png", str(outside), "/etc/shadow", "/no/such/file.png", "media/../../private.png",
                 "media/link.png", "~/private.png", ".vidgen/index.json"):
        r = await client.post(f"/api/script/{token}", json={"scenes": [{"seq": 1, "media": path}]})
        body = await r.json()
        assert r.status == 400, (path, body)
        refused[path] = without_path(body["detail"], path)
    # the same words whether the file exists or not: no oracle
    assert refused["/etc/shadow"] == refused["/no/such/file.png"] == refused[str(outside)]
    assert refused["../private.png"] == refused["media/../../private.png"]
    # in words the studio may show as they are: what to do, and no route or variable (issue 24, item 3)
    assert "upload the file first" in refused["/etc/shadow"]
    assert "VIDGEN_HOME" not in refused["/etc/shadow"] and "/api/" not in refused["/etc/shadow"]
    # through /update_script and a scene's visual too
    script = seed("test-topic")
    script["scenes"][0]["media"] = "../private.png"
    r = await client.post(f"/update_script/{token}", json={"script": script})
    assert r.status == 400 and (await r.json())["success"] is False
    visual = {"elements": [{"id": "I", "kind": "image", "items": [{"label": "../private.png"}]}]}
    r = await client.post(f"/api/script/{token}", json={"scenes": [{"seq": 1, "visual": visual}]})
    assert r.status == 400, await r.text()
    assert svc.get_script(token)["version"] == 1
    # a file under VIDGEN_HOME is accepted; a missing one there is said to be missing
    r = await client.post(f"/api/script/{token}", json={"scenes": [{"seq": 1, "media": "media/ok.png"}]})
    assert r.status == 200, await r.text()
    r = await client.post(f"/api/script/{token}", json={"scenes": [{"seq": 1, "media": "media/gone.png"}]})
    assert r.status == 400 and "does not exist" in (await r.json())["detail"]
    visual["elements"][0]["items"][0]["label"] = "media/ok.png"
    r = await client.post(f"/api/script/{token}", json={"scenes": [{"seq": 2, "visual": visual}]})
    assert r.status == 200, await r.text()


async def test_music_outside_home_is_refused_without_an_oracle(make_client, svc, home, outside):
    client = await make_client()
    token = svc.store.create_script(seed("test-topic"))
    answers = {}
    for path in ("/etc/passwd", "/no/such/song.mp3", "../private.png"):
        r = await client.post("/api/validate_config", json={"quality": "low", "music": path})
        v = await r.json()
        assert not v["valid"], (path, v)
        answers[path] = without_path(v["errors"][0], path)
        r = await client.post(f"/api/generate/{token}", json={"quality": "low", "music": path})
        assert r.status == 400, (path, await r.text())
        r = await client.post(f"/confirm_script/{token}", json={"chatID": "c", "quality": "low", "music": path})
        assert r.status == 400 and (await r.json())["success"] is False
    assert answers["/etc/passwd"] == answers["/no/such/song.mp3"] == answers["../private.png"]
    assert svc.store.list_jobs() == []


def test_the_cli_keeps_local_paths(svc, home, outside):
    token = svc.store.create_script(seed("test-topic"))
    version, script = svc.edit(token, {"scenes": [{"seq": 1, "media": str(outside)}]}, merge=True)
    assert version == 2 and script["scenes"][0]["media"] == str(outside)


async def test_http_edits_keep_a_local_path_the_cli_stored(make_client, svc, home, outside):
    """A script the CLI gave a local picture can still be edited over HTTP (that path is not new)."""
    token = svc.store.create_script(seed("test-topic"))
    svc.edit(token, {"scenes": [{"seq": 1, "media": str(outside)}]}, merge=True)
    client = await make_client()
    r = await client.post(f"/api/script/{token}", json={"scenes": [{"seq": 2, "text": "A changed line."}]})
    assert r.status == 200, await r.text()
    other = outside.with_name("other.png")
    other.write_bytes(outside.read_bytes())
    r = await client.post(f"/api/script/{token}", json={"scenes": [{"seq": 2, "media": str(other)}]})
    assert r.status == 400  # but no new local path comes in over HTTP
    assert svc.get_script(token)["script"]["scenes"][0]["media"] == str(outside)


async def test_media_upload_stores_under_home_and_checks_what_it_takes(make_client, svc, home):
    client = await make_client(max_upload=64 * 1024)
    png = png_bytes()
    r = await client.post("/api/media?filename=../../My%20Photo.PNG", data=png, headers={"Content-Type": "image/png"})
    body = await r.json()
    assert r.status == 200, body
    path = body["path"]
    assert path.startswith("media/") and path.endswith(".png") and "/" not in path[len("media/"):]
    assert (home / path).read_bytes() == png and body["size"] == len(png)
    # the same file again: the same name, not a second copy
    r = await client.post("/api/media?filename=My%20Photo.png", data=png, headers={"Content-Type": "image/png"})
    assert (await r.json())["path"] == path
    # multipart, as a browser form sends it
    import aiohttp

    form = aiohttp.FormData()
    form.add_field("file", png, filename="form.png", content_type="image/png")
    r = await client.post("/api/media", data=form)
    assert r.status == 200 and (await r.json())["path"].startswith("media/form-")
    token = svc.store.create_script(seed("test-topic"))
    r = await client.post(f"/api/script/{token}", json={"scenes": [{"seq": 1, "media": path}]})
    assert r.status == 200, await r.text()
    bad = [("/api/media?filename=x.png", b"not a picture at all", 400),           # not what its name says
           ("/api/media?filename=run.sh", b"#!/bin/sh\necho hi\n", 415),           # not a media type
           ("/api/media", png, 400),                                                # no name
           ("/api/media?filename=big.png", png + b"\0" * (70 * 1024), 413)]         # over the limit
    for url, data, status in bad:
        r = await client.post(url, data=data, headers={"Content-Type": "application/octet-stream"})
        assert r.status == status, (url, r.status, await r.text())
        body = await r.json()
        # the message, and the same in a person's words where its fix names a setting (issue 24, item 3)
        assert set(body) == ({"detail", "advice"} if status == 413 else {"detail"})
        assert "VIDGEN_" not in body.get("advice", "")

    async def streamed():  # no Content-Length: the limit is counted as the bytes arrive
        yield png
        for _ in range(80):
            yield b"\0" * 1024

    r = await client.post("/api/media?filename=streamed.png", data=streamed())
    assert r.status == 413, await r.text()
    names = sorted(p.name for p in (home / "media").iterdir())
    assert len(names) == 2 and path[len("media/"):] in names, names  # nothing refused was kept, no partials
    assert not (home.parent / "My Photo.PNG").exists()


# -- 8. cross-site writes -----------------------------------------------------------------------------
async def test_cross_site_writes_are_refused(make_client, svc):
    client = await make_client(cors_origins=["http://ok.example"])
    token = svc.store.create_script(seed("test-topic"))
    script = json.dumps({"script": {**seed("test-topic"), "title": "Changed"}})
    evil = {"Origin": "http://evil.example"}
    cases = [
        ("post", f"/update_script/{token}", script, {"Content-Type": "text/plain", **evil}, 403),
        ("post", f"/update_script/{token}", script, {"Content-Type": "text/plain"}, 415),
        ("post", f"/update_script/{token}", "script=x", {"Content-Type": "application/x-www-form-urlencoded"}, 415),
        ("post", f"/update_script/{token}", script, {**JSON, **evil}, 403),
        ("post", f"/api/generate/{token}", '{"quality": "low"}', {"Content-Type": "text/plain", **evil}, 403),
        ("post", f"/api/generate/{token}", '{"quality": "low"}', {"Content-Type": "text/plain"}, 415),
        ("post", f"/api/generate/{token}", "quality=low", {"Content-Type": "multipart/form-data; boundary=x"}, 415),
        ("post", f"/api/generate/{token}", '{"quality": "low"}', {**JSON, "Origin": "null"}, 403),
        ("post", f"/api/generate/{token}", '{"quality": "low"}', {**JSON, "Origin": "http://[::1"}, 403),
        ("delete", "/api/job/nope", None, evil, 403),
    ]
    for method, path, data, headers, status in cases:
        r = await client.request(method, path, data=data, headers=headers)
        body = await r.json()
        assert r.status == status, (method, path, headers, r.status, body)
        assert ("detail" in body) if path.startswith("/api/") else (body["success"] is False)
    assert svc.get_script(token)["version"] == 1 and svc.store.list_jobs() == []
    # the allowed origin, the server's own pages, and clients that send no Origin are let in
    own = f"http://127.0.0.1:{client.port}"
    for headers in ({"Origin": "http://ok.example"}, {"Origin": own}, {}):
        r = await client.post(f"/update_script/{token}", data=script, headers={**JSON, **headers})
        assert r.status == 200, (headers, await r.text())
    # reading stays open to any origin (CORS decides what the browser may read)
    assert (await client.get("/api/jobs", headers=evil)).status == 200


async def test_host_header_is_checked_against_allowed_hosts(make_client):
    client = await make_client(allowed_hosts=["vidgen.example"])
    for host, status in (("attacker.example", 421), ("vidgen.example", 200), ("vidgen.example:8001", 200),
                         (f"127.0.0.1:{client.port}", 200), ("localhost", 200), ("[::1]:8001", 200)):
        r = await client.get("/api/jobs", headers={"Host": host})
        assert r.status == status, (host, await r.text())
    r = await client.get("/health", headers={"Host": "attacker.example"})
    assert r.status == 421 and "VIDGEN_ALLOWED_HOSTS" in (await r.json())["message"]


@pytest.mark.slow  # a real server
def test_dns_rebinding_to_a_local_server_is_refused(home):
    base, port, proc = start_server(home, env={"VIDGEN_ALLOWED_HOSTS": "vidgen.example"})
    try:
        def get(host):
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(f"GET /api/jobs HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := s.recv(65536):
                data += chunk
            s.close()
            return int(data.split(b" ", 2)[1])

        assert get(f"rebound.attacker.example:{port}") == 421
        assert get("vidgen.example") == 200
        assert get(f"localhost:{port}") == 200
    finally:
        proc.terminate()
        proc.wait(60)


def test_allowed_hosts_is_a_setting():
    from vidgen.config import CORE, Settings

    assert any(o.env == ("VIDGEN_ALLOWED_HOSTS",) for o in CORE)
    assert Settings.load(env={"VIDGEN_ALLOWED_HOSTS": "a.example, b.example"}).allowed_hosts == \
        ["a.example", "b.example"]


# -- 10. closed event streams are released ------------------------------------------------------------
def test_abruptly_closed_event_streams_are_released(server):
    base, port, proc = server
    count = 300

    def listeners():
        return json.loads(http(base + "/health")[2])["event_listeners"]

    socks = []
    for i in range(count):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(f"GET /events/chat-{i % 7} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        socks.append(s)
    wait_for(lambda: listeners() == count)
    for s in socks:  # reset, never read: the way a killed browser tab or a dropped network goes
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
    wait_for(lambda: listeners() == 0, timeout=120)
    assert proc.poll() is None


# -- 11. hostile input is a 400, never a 500 ------------------------------------------------------------
def nested(depth: int, where: str) -> str:
    inner = "[" * depth + "]" * depth
    return {"top": inner,
            "field": '{"topic": "x", "text": "x", "uid": "u", "chatID": "c", "quality": "low", "extra": ' + inner + "}",
            "script": '{"script": {"title": "t", "scenes": [{"seq": 1, "text": "Hi.", "x": ' + inner + "}]}}",
            "scene": '{"scenes": [{"seq": 1, "deep": ' + inner + "}]}"}[where]


async def test_deeply_nested_json_is_400_on_every_post_route(make_client, svc):
    client = await make_client()
    token = svc.store.create_script(seed("test-topic"))
    routes = ["/api/generate_scripts", f"/api/script/{token}", f"/api/generate/{token}", "/api/validate_config",
              "/submit", f"/update_script/{token}", f"/confirm_script/{token}"]
    for path in routes:
        for depth in (200, 900, 990, 5000, 60000):
            for where in ("top", "field", "script", "scene"):
                r = await client.post(path, data=nested(depth, where), headers=JSON)
                body = await r.json()
                assert r.status == 400, (path, depth, where, r.status, body)
                assert (body.get("detail") if path.startswith("/api/") else body["message"])
    assert svc.get_script(token)["version"] == 1 and svc.store.list_jobs() == []


@pytest.mark.slow  # a real server
def test_non_ascii_api_key_header_is_401(home):
    base, port, proc = start_server(home, env={"VIDGEN_API_KEY": "s3cret"})
    try:
        for header in (b"X-API-Key: \xff\xfe", b"Authorization: Bearer \xff\xfe", b"X-API-Key: s3cret\xc3\xa9"):
            for path in (b"/api/jobs", b"/videos", b"/events/c", b"/stream/x.mp4"):
                s = socket.create_connection(("127.0.0.1", port))
                s.sendall(b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n" + header
                          + b"\r\nConnection: close\r\n\r\n")
                data = b""
                while chunk := s.recv(65536):
                    data += chunk
                s.close()
                assert data.startswith(b"HTTP/1.1 401"), (header, path, data[:300])
                json.loads(data.split(b"\r\n\r\n", 1)[1])
    finally:
        proc.terminate()
        proc.wait(60)


async def test_lone_surrogates_are_refused_with_a_clear_message(make_client, svc):
    client = await make_client()
    token = svc.store.create_script(seed("test-topic"))
    cases = [(f"/api/script/{token}", '{"title": "A \\ud800 title"}'),
             (f"/api/script/{token}", '{"scenes": [{"seq": 1, "text": "Broken \\udfff text."}]}'),
             (f"/update_script/{token}", '{"script": {"title": "t", "scenes": [{"seq": 1, "text": "x\\ud83d"}]}}'),
             ("/submit", '{"text": "topic \\ud800", "uid": "u", "chatID": "c"}'),
             ("/submit", '{"text": "topic", "uid": "u", "chatID": "c\\ud800"}'),
             ("/api/generate_scripts", '{"topic": "x \\udc00"}'),
             (f"/confirm_script/{token}", '{"chatID": "\\ud800", "quality": "low", "tts_provider": "mock"}')]
    for path, data in cases:
        r = await client.post(path, data=data, headers=JSON)
        body = await r.json()
        assert r.status == 400, (path, data, r.status, body)
        message = body.get("detail") or body["message"]
        assert "surrogate" in message and "Unicode" in message, message
    assert svc.get_script(token)["version"] == 1 and svc.store.list_jobs() == []
    # a real emoji (a valid surrogate pair in JSON) is fine
    r = await client.post(f"/api/script/{token}", data='{"title": "Rainbows \\ud83c\\udf08"}', headers=JSON)
    assert r.status == 200 and (await r.json())["script"]["title"] == "Rainbows \U0001f308"


def test_lone_surrogates_are_refused_by_validation_too(svc):
    from vidgen.errors import BadInput

    token = svc.store.create_script(seed("test-topic"))
    for change in ({"title": "x\ud800"}, {"scenes": [{"seq": 1, "text": "a\udc00b"}]},
                   {"scenes": [{"seq": 1, "on_screen": ["ok", "\ud800"]}]}):
        with pytest.raises(BadInput, match="surrogate"):
            svc.edit(token, change, merge=True)
    assert svc.get_script(token)["version"] == 1


async def test_a_non_integer_seq_in_a_merge_is_400(make_client, svc):
    client = await make_client()
    token = svc.store.create_script(seed("test-topic"))
    for seq in ([1], {}, {"a": 1}, None, 1.5, "one", True):
        r = await client.post(f"/api/script/{token}", json={"scenes": [{"seq": seq, "text": "New words."}]})
        body = await r.json()
        assert r.status == 400, (seq, r.status, body)
        assert "seq" in body["detail"]
    assert svc.get_script(token)["version"] == 1
    r = await client.post(f"/api/script/{token}", json={"scenes": [{"seq": "2", "text": "New words."}]})
    assert r.status == 200 and len((await r.json())["script"]["scenes"]) == len(seed("test-topic")["scenes"])


# -- 16. ranges and stalled bodies --------------------------------------------------------------------------
@pytest.fixture
def fake_video(svc):
    svc.settings.renders.mkdir(parents=True, exist_ok=True)
    name = "clip-0123456789-v1.mp4"
    data = bytes(range(256)) * 40
    (svc.settings.renders / name).write_bytes(data)
    return name, data


async def test_ranges_that_are_odd_or_unsatisfiable(make_client, fake_video):
    client = await make_client()
    name, data = fake_video
    size = len(data)
    for route in ("/stream/", "/download/"):
        r = await client.get(route + name, headers={"Range": "bytes=-0"})
        assert r.status == 416 and r.headers["Content-Range"] == f"bytes */{size}", route
        assert (await r.json())["success"] is False
        for header in ("bytes=0-1,5-9", "bytes=0-1, 4-5, 10-20", "items=0-1", "bytes=abc", "bytes=9-2", "bytes"):
            r = await client.get(route + name, headers={"Range": header})
            assert r.status == 200, (route, header, r.status)
            assert await r.read() == data
        r = await client.get(route + name, headers={"Range": "bytes=10-19"})
        assert r.status == 206 and await r.read() == data[10:20]
        r = await client.get(route + name, headers={"Range": f"bytes=-{size + 50}"})
        assert r.status == 206 and await r.read() == data
        r = await client.get(route + name, headers={"Range": f"bytes={size}-"})
        assert r.status == 416 and r.headers["Content-Range"] == f"bytes */{size}"


def raw_exchange(port: int, payload: bytes, wait: float = 120.0) -> bytes:
    """Send `payload`, then read until the server has answered in full or closes (or `wait` passes). A whole
    answer is enough: after answering, aiohttp lingers up to 10 s reading a body it did not want."""
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(wait)
    s.sendall(payload)
    data = b""
    try:
        while chunk := s.recv(65536):
            data += chunk
            head, sep, body = data.partition(b"\r\n\r\n")
            length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
            if sep and length and len(body) >= int(length[1]):
                break
    except TimeoutError:
        data += b"<still open>"
    except ConnectionResetError:
        pass
    s.close()
    return data


@pytest.mark.slow  # a real server
def test_a_stalled_request_body_times_out(home, svc):
    token = svc.store.create_script(seed("test-topic"))
    base, port, proc = start_server(home, env={"VIDGEN_READ_TIMEOUT": "2"})
    try:
        head = (f"POST /api/script/{token} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                "Content-Length: 1000\r\n\r\n").encode()
        answer = raw_exchange(port, head + b'{"title": "Sl')
        assert answer.startswith(b"HTTP/1.1 408"), answer[:300]
        assert "too long" in json.loads(answer.split(b"\r\n\r\n", 1)[1])["detail"]
        # headers that never finish are cut off too
        answer = raw_exchange(port, b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        assert not answer.endswith(b"<still open>"), answer[:300]
        assert proc.poll() is None and http(base + "/health")[0] == 200
    finally:
        proc.terminate()
        proc.wait(60)
    assert svc.get_script(token)["version"] == 1


async def test_a_voice_file_over_http_must_lie_under_home(make_client, svc, tmp_path):
    """A Piper voice given as a path is a file like media: outside VIDGEN_HOME it is refused, the same way
    whether it exists or not (no oracle), as a render option and as a scene's voice."""
    outside = tmp_path / "elsewhere.onnx"
    outside.write_bytes(b"not a model")
    client = await make_client(run_jobs=False)
    token = svc.store.create_script(seed("test-topic"))
    answers = []
    for path in (str(outside), str(tmp_path / "missing.onnx"), "../../elsewhere.onnx"):
        r = await client.post(f"/api/generate/{token}", json={"quality": "low", "tts_provider": "piper", "voice": path})
        answers.append((r.status, (await r.json())["detail"].replace(path, "PATH")))
        r = await client.post(f"/api/script/{token}", json={"scenes": [{"seq": 1, "voice": path}]}, headers=JSON)
        answers.append((r.status, (await r.json())["detail"].replace(path, "PATH")))
    assert {status for status, _ in answers} == {400}
    assert len({detail for _, detail in answers[0::2]}) == 1  # the same words whether the file is there or not
    assert "upload the file first" in answers[0][1] and "media/yours.onnx" in answers[0][1]
    assert svc.store.list_jobs() == [] and [v["version"] for v in svc.history(token)] == [1]
