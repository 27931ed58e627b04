import json
import os
import signal
import subprocess
import sys

import pytest

from tests.conftest import seed, wait_for
from vidgen.errors import BadInput, Conflict, NotFound
from vidgen.jobs import JobService, Runner
from vidgen.store import recovery
from vidgen.store.procs import pid_alive

pytestmark = pytest.mark.slow  # renders in worker processes


@pytest.fixture
def jobs(svc):
    return JobService(svc)


def token_of(svc, name="test-topic"):
    return svc.store.create_script(seed(name))


def low(svc, **kw):
    return svc.render_options(quality="low", tts="mock", **kw)



def test_job_completes_with_monotonic_progress(svc, jobs):
    job = jobs.submit(token_of(svc, "simple-algebra"), None, low(svc))
    assert job["status"] == "pending" and job["progress"] == 0
    runner = Runner(svc, 1, poll=0.1).start()
    try:
        seen = list(jobs.follow(job["job_id"], interval=0.05, timeout=120))
    finally:
        runner.stop()
    final = seen[-1]
    assert final["status"] == "completed", final
    progress = [j["progress"] for j in seen]
    assert progress == sorted(progress)
    assert all(p < 100 for j, p in zip(seen, progress, strict=True) if j["status"] != "completed")
    assert final["progress"] == 100
    middle = [p for p in progress if 0 < p < 100]
    assert len(middle) >= 4, "progress moved in big jumps"
    assert {j["stage"] for j in seen} >= {"encode"}
    video = svc.settings.renders / final["result"]["video"]
    assert video.exists() and final["result"]["stream_url"] == f"/stream/{video.name}"


def test_two_jobs_with_one_worker_run_in_order(svc, jobs):
    token = token_of(svc)
    a = jobs.submit(token, None, low(svc))
    b = jobs.submit(token, None, low(svc, aspect="1:1"))
    runner = Runner(svc, 1, poll=0.05).start()
    try:
        wait_for(lambda: {jobs.get(j["job_id"])["status"] for j in (a, b)} <= {"completed", "failed"}, timeout=120)
    finally:
        runner.stop()
    ja, jb = jobs.get(a["job_id"]), jobs.get(b["job_id"])
    # from the records, not from sampling: the two runs' times do not overlap, the first ran first
    both_running = ja["started_at"] < jb["finished_at"] and jb["started_at"] < ja["finished_at"]
    assert not both_running
    assert (ja["status"], jb["status"]) == ("completed", "completed")
    assert ja["finished_at"] <= jb["started_at"]


def test_cancel_midway_frees_the_worker_and_leaves_no_partial_video(svc, jobs):
    long = jobs.submit(token_of(svc, "basic-geometry-shapes"), None, svc.render_options(quality="medium", tts="mock"))
    short = jobs.submit(token_of(svc), None, low(svc))
    runner = Runner(svc, 1, poll=0.05).start()
    try:
        wait_for(lambda: jobs.get(long["job_id"])["progress"] > 15)
        pid = svc.store.get_job(long["job_id"])["worker_pid"]
        cancelled = jobs.cancel(long["job_id"])  # how fast: scripts/bench_jobs.py
        assert cancelled["status"] == "cancelled"
        wait_for(lambda: not pid_alive(pid), timeout=10)
        wait_for(lambda: jobs.get(short["job_id"])["status"] == "completed", timeout=90)
    finally:
        runner.stop()
    renders = list(svc.settings.renders.iterdir())
    assert not [p for p in renders if "geometry" in p.name]
    assert not list((svc.settings.data / "cache" / "work").glob("*"))
    assert jobs.get(long["job_id"])["status"] == "cancelled"
    with pytest.raises(Conflict) as err:
        jobs.cancel(long["job_id"])
    assert "already cancelled" in str(err.value)


def test_a_failing_render_fails_only_its_job(svc, jobs, home):
    from PIL import Image

    Image.new("RGB", (64, 64)).save(home / "pic.png")
    script = seed("test-topic")
    script["scenes"][0]["media"] = "pic.png"
    bad = jobs.submit(svc.store.create_script(script), None, low(svc))
    (home / "pic.png").unlink()  # gone by the time the job runs
    good = jobs.submit(token_of(svc), None, low(svc))
    runner = Runner(svc, 1, poll=0.05).start()
    try:
        wait_for(lambda: jobs.get(good["job_id"])["status"] in ("completed", "failed"), timeout=90)
    finally:
        runner.stop()
    failed = jobs.get(bad["job_id"])
    assert failed["status"] == "failed" and "pic.png does not exist" in failed["error"]
    assert "Traceback" not in failed["error"]
    assert jobs.get(good["job_id"])["status"] == "completed"


def test_bad_job_input_is_refused_at_creation(svc, jobs):
    token = token_of(svc)
    for flags in ({"quality": "8k"}, {"aspect": "2:1"}):
        with pytest.raises(BadInput):
            jobs.submit(token, None, svc.render_options(**flags))
    with pytest.raises(NotFound):
        jobs.submit("0123456789", None, low(svc))
    with pytest.raises(NotFound):
        jobs.get("nope")
    with pytest.raises(NotFound):
        jobs.cancel("nope")
    assert svc.store.list_jobs() == []


def test_kill_9_of_the_runner_then_restart(cli, home, svc):
    token = token_of(svc, "basic-geometry-shapes")
    job = JobService(svc).submit(token, None, svc.render_options(quality="medium", tts="mock"))
    env = {**os.environ, "VIDGEN_HOME": str(home)}
    proc = subprocess.Popen([sys.executable, "-m", "vidgen", "worker"], cwd=home, env=env,
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: svc.store.get_job(job["job_id"]).get("progress", 0) > 10)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    worker = svc.store.get_job(job["job_id"]).get("worker_pid")
    wait_for(lambda: not pid_alive(worker), timeout=30, what="the killed worker to be gone")
    # restart: a new runner recovers the store
    failed = JobService(svc).recover()
    assert failed == [job["job_id"]] or JobService(svc).get(job["job_id"])["status"] == "failed"
    j = JobService(svc).get(job["job_id"])
    assert j["status"] == "failed" and j["error"] == "interrupted"
    assert recovery.check(svc.store) == []
    assert svc.get_script(token)["script"] == seed("basic-geometry-shapes")
    assert not [p for p in (home / "renders").glob("*.mp4")]
    assert cli.json("videos")["videos"] == []


def test_cli_detach_job_follow_and_errors(cli, svc):
    token = token_of(svc)
    job_id = cli("render", token, "--quality", "low", "--tts", "mock", "--detach").stdout.strip()
    assert len(job_id) == 16
    proc = cli("job", job_id, "--follow", "--json")
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert events[-1]["status"] == "completed" and events[-1]["progress"] == 100
    assert cli.json("jobs", "--status", "completed")["jobs"][0]["job_id"] == job_id
    proc = cli("cancel", job_id)
    assert proc.returncode == 2 and "already completed" in proc.stderr
    proc = cli("job", "nope")
    assert proc.returncode == 2 and "no job" in proc.stderr
    proc = cli("render", token, "--quality", "8k", "--detach")
    assert proc.returncode == 2 and "unknown quality" in proc.stderr
