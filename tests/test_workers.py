"""Render workers through a real Redis on loopback: the same job API as a local runner, and bad input.

The several-machines behaviour (a killed worker, cancel across a link, a lost broker) is
in test_workers_netns.py; the worker protocol's file handling is tested here in-process.
"""

import asyncio
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys

import aiohttp
import pytest

from tests.brokers import RedisServer, free_port, redis_missing, spawn, vidgen_cmd
from tests.conftest import http, seed, wait_for
from tests.media import frame_at
from vidgen.config import Settings
from vidgen.render.presets import frame_size
from vidgen.service import Vidgen
from vidgen.store.names import SIDECARS

pytestmark = [pytest.mark.slow,  # Redis, workers and servers as processes
              pytest.mark.skipif(bool(redis_missing()), reason=redis_missing() or "")]

SECRET = "worker-secret-4f1c"
PASSWORD = "broker-pw-9d2e"


def short_script(title: str) -> dict:
    script = seed("test-topic")
    script["title"] = title
    return script


class Cluster:
    def __init__(self, tmp):
        self.redis = RedisServer(password=PASSWORD).start()
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.server_home, self.worker_home = tmp / "server", tmp / "worker"
        self.env = {"VIDGEN_BROKER": self.redis.url(db=1), "VIDGEN_WORKER_SECRET": SECRET}
        self.server_log, self.worker_log = tmp / "server.log", tmp / "worker.log"
        self.server = spawn(vidgen_cmd("serve", "--port", str(self.port)), self.server_home, self.env,
                            self.server_log)
        wait_for(lambda: self._health(), 30, 0.1, "the server")
        self.worker = spawn(vidgen_cmd("worker", "--concurrency", "2"), self.worker_home,
                            {**self.env, "VIDGEN_SERVER_URL": self.base}, self.worker_log)
        self.svc = Vidgen(Settings.load(env={"VIDGEN_HOME": str(self.server_home), **self.env}))
        wait_for(lambda: len(self.workers()) == 2, 30, 0.2, "the worker's two processes to register")

    def _health(self) -> bool:
        try:
            return http(self.base + "/health")[0] == 200
        except OSError:
            return False

    def get(self, path):
        status, _, body = http(self.base + path)
        return status, json.loads(body) if body else None

    def workers(self):
        status, body = self.get("/api/workers")
        assert status == 200, body
        return body["workers"]

    def cli(self, *args, env=None):
        full = {k: v for k, v in os.environ.items() if not k.startswith("VIDGEN_")}
        full.update({"VIDGEN_HOME": str(self.server_home), **self.env, **(env or {})})
        return subprocess.run(vidgen_cmd(*args), capture_output=True, text=True, env=full, cwd=self.server_home,
                              timeout=300)

    def close(self):
        for proc in (self.worker, self.server):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    proc.kill()
        self.redis.close()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    c = Cluster(tmp_path_factory.mktemp("cluster"))
    yield c
    c.close()


def test_a_remote_job_looks_like_a_local_one(cluster):
    from PIL import Image

    # a scene's picture lives on the server's disk: the worker fetches it with the script
    Image.new("RGB", (320, 180), (200, 40, 40)).save(cluster.server_home / "red.png")
    # and a picture drawn by an image visual: fetched the same way
    (cluster.server_home / "media").mkdir(exist_ok=True)
    Image.new("RGB", (320, 180), (30, 60, 220)).save(cluster.server_home / "media" / "blue.png")
    doc = short_script("Remote rendering check")
    doc["scenes"][0]["media"] = "red.png"
    doc["scenes"][1]["visual"] = {"layout": "full", "elements": [
        {"id": "P", "kind": "image", "items": [{"label": "media/blue.png"}]}]}
    token = cluster.svc.store.create_script(doc)
    status, _, body = http(cluster.base + f"/api/generate/{token}", "POST", {"quality": "low", "tts_provider": "mock"})
    assert status == 200, body
    job_id = json.loads(body)["job_id"]
    seen = []

    def done():
        job = cluster.get(f"/api/job/{job_id}")[1]
        seen.append(job)
        return job["status"] in ("completed", "failed", "cancelled")

    wait_for(done, 120, 0.05, "the remote job")
    final = seen[-1]
    assert final["status"] == "completed", final
    progress = [j["progress"] for j in seen]
    assert progress == sorted(progress) and final["progress"] == 100
    assert any(0 < p < 100 for p in progress), "no progress was seen while it ran"
    assert final["worker"].startswith(socket.gethostname())
    assert cluster.get(f"/generation_status/{job_id}")[1]["job_status"]["worker"] == final["worker"]
    # the video on the server is the bytes the worker checksummed, listed once
    status, _, video = http(cluster.base + final["result"]["download_url"])
    assert status == 200 and hashlib.sha256(video).hexdigest() == final["result"]["sha256"]
    listed = [v["filename"] for v in cluster.get("/videos")[1]["videos"]]
    assert listed.count(final["result"]["video"]) == 1
    for key in ("captions_url", "thumbnail_url", "storyboard_url"):
        assert http(cluster.base + final["result"][key])[0] == 200
    assert not [p.name for p in (cluster.server_home / "renders").iterdir() if p.name.startswith(".")]
    # the worker delivered and kept nothing but its cache (the picture it fetched among it)
    assert not list((cluster.worker_home / "renders").glob("*.mp4"))
    fetched = list((cluster.worker_home / ".vidgen" / "remote-media").glob("*red.png"))
    assert len(fetched) == 1 and fetched[0].read_bytes() == (cluster.server_home / "red.png").read_bytes()
    fetched = list((cluster.worker_home / ".vidgen" / "remote-media").glob("*blue.png"))
    assert len(fetched) == 1 and fetched[0].read_bytes() == (cluster.server_home / "media" / "blue.png").read_bytes()
    # the last frame shows the blue picture (a missing one would be drawn as a "not found" card)
    saved = cluster.server_home / "check.mp4"
    saved.write_bytes(video)
    last = frame_at(saved, final["result"]["duration"] - 0.3, *frame_size("low", "16:9")).astype(int)
    blue = (last[..., 2] > 180) & (last[..., 0] < 70) & (last[..., 1] < 100)
    assert blue.mean() > 0.05, f"{blue.mean():.3f} of the last frame is the picture's blue"
    # the same job through the CLI on the server's machine
    follow = cluster.cli("job", job_id, "--follow", "--json")
    assert follow.returncode == 0, follow.stderr
    assert json.loads(follow.stdout.splitlines()[-1])["status"] == "completed"
    jobs = json.loads(cluster.cli("jobs", "--json").stdout)["jobs"]
    assert [j for j in jobs if j["job_id"] == job_id][0]["worker"] == final["worker"]
    # the worker said so in one line per start and end; no secret in any log
    log = cluster.worker_log.read_text()
    assert f"job {job_id}: started" in log and f"job {job_id}: completed" in log
    for text in (log, cluster.server_log.read_text()):
        assert SECRET not in text and PASSWORD not in text


def test_live_workers_are_listed(cluster):
    rows = cluster.workers()
    assert len(rows) == 2   # --concurrency 2: two RQ workers on the one machine
    assert {w["host"] for w in rows} == {socket.gethostname()} and sum(w["jobs_done"] for w in rows) >= 1
    for w in rows:
        assert w["current_job"] is None and w["state"] == "idle" and w["seconds_since_heartbeat"] < 15
    out = cluster.cli("workers", "--json")
    assert out.returncode == 0, out.stderr
    listed = json.loads(out.stdout)
    assert listed["queue"] == "redis" and {r["name"] for r in listed["workers"]} == {w["name"] for w in rows}
    doctor = json.loads(cluster.cli("doctor", "--json").stdout)
    broker = next(c for c in doctor["checks"] if c["name"] == "broker")
    assert broker["ok"] and "***" in broker["detail"] and PASSWORD not in json.dumps(doctor)


async def test_sse_carries_a_remote_jobs_progress(cluster):
    token = cluster.svc.store.create_script(short_script("Events from afar"))
    types = []
    async with aiohttp.ClientSession() as session, session.get(cluster.base + "/events/chat-remote") as events:
        await events.content.readline()
        r = await session.post(cluster.base + f"/confirm_script/{token}",
                               json={"chatID": "chat-remote", "config": {"quality": "low", "tts_provider": "mock"}})
        assert r.status == 200, await r.text()

        async def read():
            async for raw in events.content:
                line = raw.decode().strip()
                if line.startswith("data:"):
                    event = json.loads(line[5:])
                    types.append(event["type"])
                    if event["type"] in ("job_completed", "job_failed"):
                        return event

        last = await asyncio.wait_for(read(), 120)
    assert last["type"] == "job_completed" and last["video"].endswith(".mp4")
    assert "job_progress" in types


def test_a_worker_with_the_wrong_secret_is_refused(cluster, tmp_path):
    env = {**cluster.env, "VIDGEN_WORKER_SECRET": "not-the-secret", "VIDGEN_SERVER_URL": cluster.base}
    full = {k: v for k, v in os.environ.items() if not k.startswith("VIDGEN_")}
    full.update({"VIDGEN_HOME": str(tmp_path), **env})
    proc = subprocess.run(vidgen_cmd("worker"), capture_output=True, text=True, env=full, cwd=tmp_path, timeout=60)
    assert proc.returncode == 2
    assert "refused this worker (401: wrong worker secret)" in proc.stderr
    assert "VIDGEN_WORKER_SECRET" in proc.stderr and "not-the-secret" not in proc.stderr
    assert "Traceback" not in proc.stderr
    status, _, body = http(cluster.base + "/api/worker/hello", "POST", {"worker": "x", "host": "y"},
                           {"Authorization": "Bearer nope"})
    assert status == 401 and json.loads(body)["detail"].startswith("wrong worker secret")


def test_an_unreachable_or_wrong_broker_is_one_line_and_no_local_fallback(cli, svc):
    token = svc.store.create_script(short_script("Nowhere to go"))
    port = free_port()
    cases = ((f"redis://:hunter2@127.0.0.1:{port}/0", [f"redis://:***@127.0.0.1:{port}/0", "check that Redis"]),
             ("http://127.0.0.1:6379", ["not a Redis URL", "redis://host:6379/0"]),
             ("redis://127.0.0.1:6379/x", ["the database 'x' is not a number"]))
    for url, words in cases:
        proc = cli("render", token, "--quality", "low", "--tts", "mock", "--detach", env={"VIDGEN_BROKER": url})
        assert proc.returncode == 2, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
        for word in words:
            assert word in proc.stderr
        assert "hunter2" not in proc.stderr
    assert cli.json("jobs")["jobs"] == []   # nothing was queued, locally or anywhere
    assert not (svc.settings.data / "runner.log").exists()


async def test_the_server_answers_503_when_the_broker_is_unreachable(aiohttp_client, home):
    from vidgen.server.app import ServerConfig, create_app

    settings = Settings.load(env={"VIDGEN_HOME": str(home), "VIDGEN_BROKER": f"redis://127.0.0.1:{free_port()}/0"})
    svc = Vidgen(settings)
    token = svc.store.create_script(short_script("No broker"))
    client = await aiohttp_client(create_app(svc, ServerConfig(run_jobs=False)))
    r = await client.post(f"/api/generate/{token}", json={"quality": "low", "tts_provider": "mock"})
    body = await r.json()
    assert r.status == 503 and "cannot reach the broker at redis://127.0.0.1:" in body["detail"]
    r = await client.get("/api/workers")
    assert r.status == 503
    assert (await (await client.get("/api/jobs")).json())["total"] == 0
    health = await (await client.get("/health")).json()
    assert health["status"] == "degraded" and not health["checks"]["broker"]["ok"]


# -- the worker protocol, in-process ---------------------------------------------------------------
@pytest.fixture
async def desk(aiohttp_client, home):
    from vidgen.server.app import ServerConfig, create_app

    svc = Vidgen(Settings.load(env={"VIDGEN_HOME": str(home), "VIDGEN_WORKER_SECRET": SECRET}))
    client = await aiohttp_client(create_app(svc, ServerConfig(run_jobs=False)))
    return svc, client


def pending_job(svc, token, version=1):
    from vidgen.store.db import now

    job = {"job_id": os.urandom(8).hex(), "token": token, "script_version": version, "status": "pending",
           "progress": 0.0, "stage": "queued", "message": "", "result": None, "error": None,
           "config": {"quality": "low", "tts": "mock"}, "created_at": now(), "updated_at": now()}
    svc.store.insert_job(job)
    return job["job_id"]


AUTH = {"Authorization": f"Bearer {SECRET}"}


async def test_protocol_checks_uploads_and_lists_a_video_only_once_complete(desk):
    svc, client = desk
    token = svc.store.create_script(short_script("Protocol check"))
    job_id = pending_job(svc, token)
    base = f"/api/worker/jobs/{job_id}"
    assert (await client.post(base + "/start", json={"worker": "w1", "host": "h"})).status == 401
    r = await client.post(base + "/start", json={"worker": "w1", "host": "h"}, headers=AUTH)
    start = await r.json()
    assert r.status == 200 and start["attempt"] == 1 and start["doc"]["version"] == 1
    stem = start["video"][:-4]
    # progress: only from the worker and attempt that hold the job
    r = await client.post(base + "/progress", json={"worker": "w1", "attempt": 2, "progress": 50}, headers=AUTH)
    assert r.status == 409
    r = await client.post(base + "/progress", json={"worker": "w1", "attempt": 1, "progress": 42.5,
                                                    "stage": "encode", "message": "scene 1/2"}, headers=AUTH)
    assert r.status == 200
    job = await (await client.get(f"/api/job/{job_id}")).json()
    assert (job["status"], job["progress"], job["stage"], job["worker"]) == ("running", 42.5, "encode", "w1")

    files = {f"{stem}{s}": os.urandom(3_000_000 if s == ".mp4" else 2000)
             for s in (".mp4", *SIDECARS.values())}

    async def upload(name, data, digest=None, worker="w1"):
        return await client.post(f"{base}/files/{name}", data=data, headers={
            **AUTH, "X-Vidgen-Worker": worker, "X-Vidgen-Attempt": "1",
            "X-Content-SHA256": digest or hashlib.sha256(data).hexdigest()})

    renders = svc.settings.renders
    damaged = await upload(f"{stem}.srt", files[f"{stem}.srt"], digest="0" * 64)
    assert damaged.status == 400 and "arrived damaged" in (await damaged.json())["detail"]
    assert not list(renders.iterdir())
    assert (await upload("other.mp4", b"x")).status == 400
    assert (await upload(f"{stem}.srt", b"x", worker="w2")).status == 409
    early = await client.post(base + "/finish", json={"worker": "w1", "attempt": 1, "status": "completed"},
                              headers=AUTH)
    assert early.status == 400 and "not uploaded" in (await early.json())["detail"]
    for name, data in files.items():
        r = await upload(name, data)
        assert r.status == 200 and (await r.json())["sha256"] == hashlib.sha256(data).hexdigest()
    assert (await (await client.get("/videos")).json())["videos"] == []   # uploaded, hidden, not yet listed
    assert all(p.name.startswith(".") for p in renders.iterdir())
    summary = {"duration": 7.2, "width": 854, "height": 480, "scenes_cached": 0, "video": f"{stem}.mp4"}
    r = await client.post(base + "/finish", headers=AUTH, json={
        "worker": "w1", "attempt": 1, "status": "completed", "summary": summary,
        "files": {n: hashlib.sha256(d).hexdigest() for n, d in files.items()}})
    assert r.status == 200, await r.text()
    listed = (await (await client.get("/videos")).json())["videos"]
    assert [v["filename"] for v in listed] == [f"{stem}.mp4"] and listed[0]["duration"] == 7.2
    for name, data in files.items():
        assert (renders / name).read_bytes() == data
    assert not [p for p in renders.iterdir() if p.name.startswith(".")]
    job = await (await client.get(f"/api/job/{job_id}")).json()
    assert job["status"] == "completed" and job["progress"] == 100 and job["result"]["worker"] == "w1"
    assert job["result"]["sha256"] == hashlib.sha256(files[f"{stem}.mp4"]).hexdigest()
    again = await client.post(base + "/start", json={"worker": "w3", "host": "h"}, headers=AUTH)
    assert again.status == 409 and "completed" in (await again.json())["detail"]


async def test_a_worker_gets_each_file_its_scenes_name_and_a_bad_file_number_is_a_clear_4xx(desk):
    from PIL import Image

    svc, client = desk
    home = svc.settings.home
    (home / "media").mkdir(exist_ok=True)
    Image.new("RGB", (8, 8), (200, 40, 40)).save(home / "media" / "red.png")
    Image.new("RGB", (8, 8), (30, 60, 220)).save(home / "media" / "blue.png")
    doc = short_script("Files for a worker")
    doc["scenes"][0]["media"] = "media/red.png"
    doc["scenes"][0]["visual"] = {"elements": [{"id": "P", "kind": "image", "items": [{"label": "media/blue.png"}]},
                                               {"id": "Q", "kind": "image", "items": [{"label": "media/gone.png"}]}]}
    job_id = pending_job(svc, svc.store.create_script(doc))
    base = f"/api/worker/jobs/{job_id}"
    start = await (await client.post(base + "/start", json={"worker": "w1", "host": "h"}, headers=AUTH)).json()
    # the media is file 0, the first picture file 1; the missing picture is not offered (drawn as "not found")
    assert [(m["seq"], m["file"], m["name"]) for m in start["media"]] == [(1, 0, "red.png"), (1, 1, "blue.png")]
    who = {**AUTH, "X-Vidgen-Worker": "w1", "X-Vidgen-Attempt": "1"}
    for k, name in ((0, "red.png"), (1, "blue.png")):
        r = await client.get(f"{base}/media/1?file={k}", headers=who)
        assert r.status == 200 and await r.read() == (home / "media" / name).read_bytes()
    for query, status in (("?file=x", 400), ("?file=2", 404), ("?file=-1", 404)):
        r = await client.get(f"{base}/media/1{query}", headers=who)
        assert r.status == status, query
        assert "file" in (await r.json())["detail"]
    assert (await client.get(f"{base}/media/1?file=1", headers={**who, "X-Vidgen-Attempt": "2"})).status == 409


async def test_a_job_whose_script_version_is_gone_fails_with_the_reason(desk):
    svc, client = desk
    token = svc.store.create_script(short_script("Vanished version"))
    job_id = pending_job(svc, token, version=9)
    r = await client.post(f"/api/worker/jobs/{job_id}/start", json={"worker": "w1", "host": "h"}, headers=AUTH)
    assert r.status == 409
    job = await (await client.get(f"/api/job/{job_id}")).json()
    assert job["status"] == "failed"
    assert f"script {token} version 9" in job["error"] and "has no version 9" in job["error"]


def test_worker_settings_are_checked_before_any_job(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIDGEN_")}
    cases = [({"VIDGEN_BROKER": "redis://127.0.0.1:1/0", "VIDGEN_WORKER_SECRET": "s"}, "VIDGEN_SERVER_URL is not set"),
             ({"VIDGEN_BROKER": "redis://127.0.0.1:1/0", "VIDGEN_SERVER_URL": "http://127.0.0.1:1"},
              "VIDGEN_WORKER_SECRET is not set"),
             ({"VIDGEN_BROKER": "redis://127.0.0.1:1/0", "VIDGEN_SERVER_URL": "http://u:p@127.0.0.1:1",
               "VIDGEN_WORKER_SECRET": "s"}, "must not hold credentials")]
    for extra, words in cases:
        proc = subprocess.run([sys.executable, "-m", "vidgen", "worker"], capture_output=True, text=True,
                              env={**env, "VIDGEN_HOME": str(tmp_path), **extra}, cwd=tmp_path, timeout=60)
        assert proc.returncode == 2 and words in proc.stderr, proc.stderr


def test_sigterm_lets_the_worker_finish_its_job_then_stop(cluster):
    """Last in the module: it stops the cluster's worker."""
    doc = short_script("Finish before stopping")
    for scene in doc["scenes"]:
        scene["duration_sec"] = 25
    token = cluster.svc.store.create_script(doc)
    status, _, body = http(cluster.base + f"/api/generate/{token}", "POST", {"quality": "low", "tts_provider": "mock"})
    job_id = json.loads(body)["job_id"]
    wait_for(lambda: cluster.get(f"/api/job/{job_id}")[1]["progress"] > 5, 90, 0.05, "the job to be rendering")
    cluster.worker.send_signal(signal.SIGTERM)
    assert cluster.worker.wait(120) == 0
    job = cluster.get(f"/api/job/{job_id}")[1]
    assert job["status"] == "completed", job
    log = cluster.worker_log.read_text()
    assert "stopping: finishing the jobs in hand" in log and log.rstrip().endswith("worker stopped")
    assert log.index(f"job {job_id}: completed") < log.index("worker stopped")
