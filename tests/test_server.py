"""In-process tests of the HTTP API with aiohttp's test client (real app, real workers)."""

import asyncio
import json
import os

import pytest

from tests.conftest import seed


async def read_events(resp, count, timeout=90):
    """The first `count` SSE events (data lines parsed), with their ids."""
    events = []
    buf = b""
    async def pump():
        nonlocal buf
        async for chunk in resp.content.iter_any():
            buf += chunk
            while b"\r\n\r\n" in buf or b"\n\n" in buf:
                sep = b"\r\n\r\n" if b"\r\n\r\n" in buf else b"\n\n"
                block, buf = buf.split(sep, 1)
                data, eid = None, None
                for line in block.decode().splitlines():
                    if line.startswith("data:"):
                        data = json.loads(line[5:].strip())
                    elif line.startswith("id:"):
                        eid = line[3:].strip()
                if data is not None:
                    events.append((eid, data))
                    if len(events) >= count:
                        return
    await asyncio.wait_for(pump(), timeout)
    return events


async def wait_job(client, job_id, prefix="/api/job/", timeout=120):
    for _ in range(int(timeout / 0.2)):
        r = await client.get(prefix + job_id)
        body = await r.json()
        job = body.get("job_status", body)
        if job["status"] in ("completed", "failed", "cancelled"):
            return job
        await asyncio.sleep(0.2)
    raise AssertionError("job did not finish")


@pytest.mark.slow  # renders in worker processes
async def test_whole_flow_submit_events_update_confirm_stream_download(make_client):
    client = await make_client()
    events = await client.get("/events/chat-1")
    assert events.headers["Content-Type"].startswith("text/event-stream")
    first = await read_events(events, 1)
    assert first[0][1]["type"] == "connected"
    r = await client.post("/submit", json={"text": "how rainbows form", "uid": "u1", "chatID": "chat-1"})
    assert r.status == 200
    body = await r.json()
    assert body["success"] and len(body["tokens"]) == 3 and len(body["scripts"]) == 3
    got = await read_events(events, 4)
    types = [e[1]["type"] for e in got]
    assert types == ["script_ready"] * 3 + ["all_scripts_complete"]
    assert {e[1]["readyToken"] for e in got[:3]} == set(body["tokens"])
    assert all(e[1]["totalScripts"] == 3 and "timestamp" in e[1] for e in got[:3])
    assert sorted(got[3][1]["allTokens"]) == sorted(body["tokens"])
    ids = [int(e[0]) for e in got]
    assert ids == sorted(ids)

    token = body["tokens"][0]
    script = seed("test-topic")
    r = await client.post(f"/update_script/{token}", json={"script": script, "chatID": "chat-1"})
    assert r.status == 200 and (await r.json())["script"] == script
    upd = await read_events(events, 1)
    assert upd[0][1]["type"] == "script_updated" and upd[0][1]["token"] == token

    names = []
    for tts in ("mock", None):
        config = {"quality": "low", **({"tts_provider": tts} if tts else {})}
        r = await client.post(f"/confirm_script/{token}", json={"chatID": "chat-1", "config": config})
        assert r.status == 200, await r.text()
        job_id = (await r.json())["job_id"]
        job = await wait_job(client, job_id, "/generation_status/")
        assert job["status"] == "completed", job
        assert job["progress"] == 100 and job["script_version"] == 2
        names.append(job["result"]["video"])
    seen = await read_events(events, 3, timeout=30)
    assert {e[1]["type"] for e in seen} <= {"job_progress", "job_completed"}
    name = job["result"]["video"]

    r = await client.get("/videos")
    body = await r.json()
    listed = body["videos"]
    assert body["total"] == body["count"] == len(listed)  # one list shape; `count` kept for the old frontend
    # renders with another voice live side by side; the newest is listed first
    assert [v["filename"] for v in listed] == names[::-1] and len(set(names)) == 2
    size = listed[0]["size"]
    r = await client.get(f"/stream/{name}", headers={"Range": "bytes=0-99"})
    assert r.status == 206 and r.headers["Content-Range"] == f"bytes 0-99/{size}"
    assert len(await r.read()) == 100
    whole = await (await client.get(f"/stream/{name}")).read()
    assert len(whole) == size and whole[4:8] == b"ftyp"
    r = await client.get(f"/stream/{name}", headers={"Range": "bytes=1000-1999"})
    assert await r.read() == whole[1000:2000]
    r = await client.get(f"/stream/{name}", headers={"Range": "bytes=-500"})
    assert r.status == 206 and await r.read() == whole[-500:]
    r = await client.get(f"/stream/{name}", headers={"Range": f"bytes={size - 10}-"})
    assert r.status == 206 and await r.read() == whole[-10:]
    r = await client.get(f"/stream/{name}", headers={"Range": f"bytes={size + 10}-"})
    assert r.status == 416
    r = await client.head(f"/stream/{name}")
    assert r.status == 200 and int(r.headers["Content-Length"]) == size and r.headers["Accept-Ranges"] == "bytes"
    etag = r.headers["ETag"]
    r = await client.get(f"/stream/{name}", headers={"Range": "bytes=0-9", "If-Range": etag})
    assert r.status == 206
    r = await client.get(f"/stream/{name}", headers={"Range": "bytes=0-9", "If-Range": '"stale"'})
    assert r.status == 200
    r = await client.get(f"/download/{name}")
    assert r.status == 200 and "attachment" in r.headers["Content-Disposition"]
    assert await r.read() == whole
    r = await client.get(f"/download/{name[:-4]}.vtt")
    assert r.status == 200 and (await r.text()).startswith("WEBVTT")
    r = await client.get(f"/video-info/{name}")
    assert (await r.json())["video"]["stream_url"] == f"/stream/{name}"
    events.close()


async def test_two_listeners_and_reconnect_with_last_event_id(make_client):
    client = await make_client()
    a = await client.get("/events/c2")
    b = await client.get("/events/c2")
    await read_events(a, 1), await read_events(b, 1)
    r = await client.post("/api/generate_scripts", json={"topic": "volcanoes"})
    assert r.status == 200
    r = await client.post("/submit", json={"text": "volcanoes", "uid": "u", "chatID": "c2"})
    ea, eb = await read_events(a, 4), await read_events(b, 4)
    assert [e[1]["type"] for e in ea] == [e[1]["type"] for e in eb]
    assert [e[0] for e in ea] == [e[0] for e in eb]
    a.close()
    # a client that saw only the first event reconnects and gets the rest, in order
    c = await client.get("/events/c2", headers={"Last-Event-ID": ea[0][0]})
    replay = await read_events(c, 4)
    assert replay[0][1]["type"] == "connected"
    assert [e[0] for e in replay[1:]] == [e[0] for e in ea[1:]]
    c.close()
    b.close()


@pytest.mark.slow  # renders in worker processes
async def test_api_family_scripts_and_jobs(make_client, svc):
    client = await make_client()
    r = await client.post("/api/generate_scripts", json={"topic": "tides", "quality": "low", "enable_parallel": True,
                                                          "max_tts_workers": 4, "use_batch": False})
    body = await r.json()
    assert r.status == 200 and body["count"] == 3
    token = body["tokens"][0]
    for _ in range(50):
        r = await client.get(f"/api/script/{token}")
        if r.status == 200:
            break
        assert r.status == 202 and (await r.json()) == {"token": token, "status": "pending"}
        await asyncio.sleep(0.1)
    script = await r.json()
    assert script["status"] == "ready" and script["version"] == 1 and script["token"] == token
    r = await client.post(f"/api/script/{token}", json={"scenes": [{"seq": 1, "text": "A new first line."}]})
    updated = await r.json()
    assert r.status == 200 and updated["version"] == 2
    assert updated["script"]["scenes"][0]["text"] == "A new first line."
    assert len(updated["script"]["scenes"]) == len(script["scenes"])
    r = await client.post(f"/api/script/{token}", json={"scenes": [{"seq": 1, "text": ""}]})
    assert r.status == 400 and "narration is empty" in (await r.json())["detail"]
    assert (await (await client.get(f"/api/script/{token}")).json())["version"] == 2
    r = await client.get(f"/api/script/{token}?version=1")
    assert (await r.json())["scenes"] == script["scenes"]
    r = await client.post(f"/api/generate/{token}", json={"quality": "low", "tts_provider": "mock"})
    job = await r.json()
    assert job["status"] == "pending" and job["token"] == token
    done = await wait_job(client, job["job_id"])
    assert done["status"] == "completed" and done["result"]["download_url"].startswith("/download/")
    assert set(done) >= {"job_id", "token", "script_version", "status", "progress", "stage", "message", "result",
                         "error", "created_at", "updated_at"}
    r = await client.get("/api/jobs?limit=1")
    assert (await r.json())["total"] == 1
    r = await client.delete(f"/api/job/{job['job_id']}")
    assert r.status == 200 and "deleted" in (await r.json())["message"]
    assert (await client.get(f"/api/job/{job['job_id']}")).status == 404
    r = await client.post("/api/validate_config", json={"quality": "8k"})
    v = await r.json()
    assert not v["valid"] and "unknown quality" in v["errors"][0] and v["checks"]
    r = await client.post("/api/validate_config", json={"quality": "low", "tts_provider": "mock"})
    assert (await r.json())["valid"]


BAD = [
    ("post", "/api/generate_scripts", b"{oops", 400),
    ("post", "/api/generate_scripts", b"[]", 400),
    ("post", "/api/generate_scripts", json.dumps({"topic": "  "}).encode(), 400),
    ("post", "/api/generate_scripts", json.dumps({"topic": "\u0000"}).encode(), 400),
    ("post", "/api/generate_scripts", json.dumps({"topic": 5}).encode(), 400),
    ("post", "/api/generate_scripts", json.dumps({"topic": "x", "count": 9}).encode(), 400),
    ("get", "/api/script/zzzz", None, 404),
    ("get", "/api/script/0123456789", None, 404),
    ("post", "/api/script/0123456789", b"{}", 404),
    ("post", "/api/generate/0123456789", json.dumps({"quality": "low"}).encode(), 404),
    ("get", "/api/job/nope", None, 404),
    ("get", "/api/jobs?limit=abc", None, 400),
    ("get", "/api/jobs?limit=0", None, 400),
    ("delete", "/api/job/nope", None, 404),
    ("post", "/api/validate_config", b"nope", 400),
    ("put", "/api/jobs", None, 405),
    ("get", "/api/nothing-here", None, 404),
    ("post", "/submit", b"{}", 400),
    ("post", "/submit", json.dumps({"text": "x", "uid": "u"}).encode(), 400),
    ("post", "/submit", json.dumps({"text": " ", "uid": "u", "chatID": "c"}).encode(), 400),
    ("post", "/submit", b"[1,2]", 400),
    ("post", "/update_script/0123456789", json.dumps({"script": {"title": "t", "scenes": []}}).encode(), 404),
    ("post", "/update_script/0123456789", json.dumps({"script": seed("test-topic")}).encode(), 404),
    ("post", "/confirm_script/0123456789", json.dumps({"chatID": "c", "config": {}}).encode(), 404),
    ("get", "/generation_status/nope", None, 404),
    ("delete", "/generation_job/nope", None, 404),
    ("get", "/generation_jobs?limit=-1", None, 400),
    ("get", "/video-info/nope.mp4", None, 404),
    ("get", "/stream/..%2f..%2fetc%2fpasswd", None, 404),
    ("get", "/stream/%2Fetc%2Fpasswd", None, 404),
    ("get", "/download/..%2Fvidgen.json", None, 404),
    ("get", "/download/.hidden.partial-1.mp4", None, 404),
    ("get", "/events/c?lastEventId=abc", None, 400),
    ("get", "/nothing", None, 404),
]


async def test_every_route_answers_bad_input_in_its_family_shape(make_client, svc):
    client = await make_client()
    token = svc.store.create_script(seed("test-topic"))
    # bad input on a script that exists (an unknown token is a 404 before anything else: its owner's check)
    extra = [("get", f"/api/script/{token}?version=x", None, 400),
             ("post", f"/api/script/{token}", b"\xff\xfe", 400),
             ("post", f"/update_script/{token}", json.dumps({"script": "nope"}).encode(), 400),
             ("post", f"/confirm_script/{token}", json.dumps({"config": "x"}).encode(), 400),
             ("post", f"/confirm_script/{token}", json.dumps({"config": {"quality": "8k"}}).encode(), 400),
             ("post", f"/api/generate/{token}", json.dumps({"aspect": "2:1"}).encode(), 400),
             ("post", f"/api/script/{token}", json.dumps({"scenes": [{"seq": 1, "layout": "x"}]}).encode(), 400),
             ("post", f"/update_script/{token}", json.dumps({"script": {**seed("test-topic"), "title": ""}}).encode(),
              400)]
    for method, path, data, status in BAD + extra:
        headers = {"Content-Type": "application/json"} if data is not None else {}
        r = await client.request(method, path, data=data, headers=headers)
        body = await r.json()
        assert r.status == status, (method, path, r.status, body)
        if path.startswith("/api/"):
            assert set(body) == {"detail"} and body["detail"], path
        else:
            assert body["success"] is False and body["message"] and body["error"], path
    assert svc.get_script(token)["version"] == 1
    assert svc.store.list_jobs() == []


async def test_api_key(make_client):
    client = await make_client(api_key="s3cret")
    assert (await client.get("/health")).status == 200
    assert (await client.get("/")).status == 200
    r = await client.get("/api/jobs")
    assert r.status == 401 and "API key" in (await r.json())["detail"]
    r = await client.get("/videos", headers={"X-API-Key": "wrong"})
    assert r.status == 401 and (await r.json())["success"] is False
    assert (await client.get("/api/jobs", headers={"X-API-Key": "s3cret"})).status == 200
    assert (await client.get("/videos", headers={"Authorization": "Bearer s3cret"})).status == 200
    r = await client.get("/events/c?api_key=s3cret")
    assert r.status == 200
    r.close()
    client2 = await make_client(api_key="")
    assert (await client2.get("/api/jobs")).status == 200


async def test_rate_limit_and_body_limit(make_client, svc):
    token = svc.store.create_script(seed("test-topic"))
    client = await make_client(rate_limit=2, max_body=2048)
    for _ in range(2):
        assert (await client.post("/api/generate_scripts", json={"topic": "a"})).status == 200
    r = await client.post("/api/generate_scripts", json={"topic": "a"})
    assert r.status == 429 and int(r.headers["Retry-After"]) >= 1
    assert "too many" in (await r.json())["detail"]
    r = await client.post("/submit", json={"text": "a", "uid": "u", "chatID": "c"})
    assert r.status == 429 and (await r.json())["success"] is False
    big = {"data": b"{" + b" " * 5000 + b"}", "headers": {"Content-Type": "application/json"}}
    r = await client.post(f"/api/script/{token}", **big)
    assert r.status == 413 and "limit" in (await r.json())["detail"]
    r = await client.post(f"/update_script/{token}", **big)
    assert r.status == 413 and (await r.json())["success"] is False


async def test_symlink_out_of_renders_is_not_served(make_client, svc, tmp_path):
    svc.settings.renders.mkdir(parents=True, exist_ok=True)
    secret = tmp_path / "secret.mp4"
    secret.write_bytes(b"secret")
    os.symlink(secret, svc.settings.renders / "link.mp4")
    client = await make_client()
    assert (await client.get("/stream/link.mp4")).status == 404
    assert (await client.get("/download/link.mp4")).status == 404
    assert (await (await client.get("/videos")).json())["videos"] == []


async def test_voices_over_http_are_the_cli_listing_and_show_no_path_of_the_server(make_client, svc):
    import sys

    client = await make_client()
    r = await client.get("/api/voices")
    body = await r.text()
    assert r.status == 200 and sys.prefix not in body and str(svc.settings.home) not in body
    listed = json.loads(body)
    here = svc.voices()
    assert [p["name"] for p in listed["providers"]] == [p["name"] for p in here["providers"]]
    piper = next(p for p in listed["providers"] if p["name"] == "piper")
    assert piper["voices"] and all(v["file"].endswith(".onnx") and "/" not in v["file"] for v in piper["voices"])


async def test_cors_and_openapi_and_docs(make_client):
    client = await make_client()
    # by default pages served from this machine may read (the old frontend on localhost:3000), others not
    for origin in ("http://localhost:3000", "http://127.0.0.1:5173", "http://[::1]:8080"):
        r = await client.options("/api/jobs", headers={"Origin": origin, "Access-Control-Request-Method": "GET"})
        assert r.status == 204 and r.headers["Access-Control-Allow-Origin"] == origin
        r = await client.get("/api/jobs", headers={"Origin": origin})
        assert r.headers["Access-Control-Allow-Origin"] == origin
    for origin in ("http://app.example", "http://localhost.evil.example:3000", "null"):
        r = await client.get("/api/jobs", headers={"Origin": origin})
        assert r.status == 200 and "Access-Control-Allow-Origin" not in r.headers
    anyone = await make_client(cors_origins=["*"])
    r = await anyone.get("/api/jobs", headers={"Origin": "http://app.example"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    doc = await (await client.get("/openapi.json")).json()
    assert doc["openapi"].startswith("3.1")
    routes = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops}
    served = {(r.method, r.resource.canonical.replace("{chat_id}", "{chatID}")) for r in client.app.router.routes()
              if r.method not in ("HEAD",) and r.resource.canonical not in ("/openapi.json", "/docs", "/studio/assets")}
    assert served <= routes
    assert "Script" in doc["components"]["schemas"]
    page = await (await client.get("/docs")).text()
    assert "/openapi.json" in page and "cdn" not in page.lower()
    restricted = await make_client(cors_origins=["http://ok.example"])
    r = await restricted.get("/api/jobs", headers={"Origin": "http://evil.example"})
    assert "Access-Control-Allow-Origin" not in r.headers


async def test_scene_frame_estimate_and_cancel_for_the_studio(make_client, svc):
    from io import BytesIO

    from PIL import Image

    client = await make_client(run_jobs=False)
    token = svc.store.create_script(seed("simple-algebra"))
    r = await client.get(f"/api/script/{token}/scenes/2/frame?t=1.5&aspect=9:16&quality=low")
    assert r.status == 200 and r.headers["Content-Type"] == "image/png"
    with Image.open(BytesIO(await r.read())) as img:
        assert img.size == (480, 854)
        assert len(set(img.convert("L").getdata())) > 10  # a drawn picture, not a blank
    final = await client.get(f"/api/script/{token}/scenes/2/frame")
    assert final.status == 200
    for url, status in ((f"/api/script/{token}/scenes/99/frame", 404), (f"/api/script/{token}/scenes/x/frame", 400),
                        (f"/api/script/{token}/scenes/2/frame?t=soon", 400),
                        (f"/api/script/{token}/scenes/2/frame?aspect=2:1", 400),
                        (f"/api/script/{token}/scenes/2/frame?version=0", 400)):
        r = await client.get(url)
        assert r.status == status and "detail" in await r.json(), url
    r = await client.post("/api/estimate", json={"script": seed("simple-algebra")})
    body = await r.json()
    assert r.status == 200 and len(body["scenes"]) == 5 and body["total_seconds"] > 20
    longer = seed("simple-algebra")
    longer["scenes"][0]["text"] += " " + "More words to say here. " * 10
    assert (await (await client.post("/api/estimate", json={"script": longer})).json())["total_seconds"] > \
        body["total_seconds"]
    assert (await client.post("/api/estimate", json={"script": {"title": ""}})).status == 400
    job = (await (await client.post(f"/api/generate/{token}", json={"quality": "low"})).json())["job_id"]
    r = await client.post(f"/api/job/{job}/cancel")
    assert r.status == 200 and (await r.json())["status"] == "cancelled"
    kept = await client.get(f"/api/job/{job}")
    assert kept.status == 200 and (await kept.json())["status"] == "cancelled"  # the record stays
    assert (await client.post(f"/api/job/{job}/cancel")).status == 409
