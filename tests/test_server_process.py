"""One real `vidgen serve` process on a free port, driven over TCP."""

import json
import signal
import time

import pytest

from tests.conftest import http as call

pytestmark = pytest.mark.slow  # a real `vidgen serve`


def test_real_server_flow_and_graceful_stop(server, cli):
    base, port, proc = server
    status, _, body = call(base + "/api/generate_scripts", "POST", {"topic": "how tides work"})
    tokens = json.loads(body)["tokens"]
    for _ in range(100):
        status, _, body = call(f"{base}/api/script/{tokens[0]}")
        if status == 200:
            break
        time.sleep(0.1)
    assert json.loads(body)["status"] == "ready"
    # the CLI sees what the server wrote, at the same time
    assert set(tokens) <= {s["token"] for s in cli.json("scripts")["scripts"]}
    status, _, body = call(f"{base}/api/generate/{tokens[0]}", "POST", {"quality": "low", "tts_provider": "mock"})
    job_id = json.loads(body)["job_id"]
    for _ in range(600):
        job = json.loads(call(f"{base}/api/job/{job_id}")[2])
        if job["status"] in ("completed", "failed"):
            break
        time.sleep(0.2)
    assert job["status"] == "completed", job
    name = job["result"]["video"]
    status, headers, body = call(f"{base}/stream/{name}", headers={"Range": "bytes=0-1023"})
    assert status == 206 and len(body) == 1024 and headers["Content-Range"].startswith("bytes 0-1023/")
    # the CLI's job commands see the server's job
    assert cli.json("job", job_id)["status"] == "completed"
    # a second server on the same port: one line, exit 1
    second = cli("serve", "--port", str(port))
    assert second.returncode == 1 and "already in use" in second.stderr
    assert len(second.stderr.strip().splitlines()) == 1
    proc.send_signal(signal.SIGINT)
    assert proc.wait(15) == 0
    logs = [json.loads(line) for line in proc.log_path.read_text().splitlines() if line.startswith("{")]
    assert any("GET /api/job/" in entry["message"] for entry in logs)
    assert any(entry["message"].startswith(f"job {job_id}") for entry in logs)


def test_server_stops_running_jobs_as_documented(server, svc):
    from tests.conftest import seed

    base, port, proc = server
    token = svc.store.create_script(seed("basic-geometry-shapes"))
    status, _, body = call(f"{base}/api/generate/{token}", "POST", {"quality": "medium", "tts_provider": "mock"})
    job_id = json.loads(body)["job_id"]
    for _ in range(300):
        job = json.loads(call(f"{base}/api/job/{job_id}")[2])
        if job["progress"] > 10:
            break
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(20) == 0
    job = svc.store.get_job(job_id)
    assert job["status"] == "failed" and job["error"] == "interrupted"
    assert not list(svc.settings.renders.glob("*.mp4"))
