"""Hardening, round two (issue 25): the defects in the new surfaces, each a 4xx or exit 2, never a
500 or an "unexpected" exit. One test (or a few) per item; none asserts a wall-clock time.
"""

import json
import math
import struct
import wave

import pytest

from tests.conftest import seed

JSON = {"Content-Type": "application/json"}


def equation(label: str) -> dict:
    return {"title": "Math", "scenes": [{"seq": 1, "text": "Look at this. It is deep.",
                                         "visual": {"elements": [{"id": "E", "kind": "equation",
                                                                  "items": [{"label": label}]}]}}]}


DEEP_MATH = ["$" + "{" * 40 + "x" + "}" * 40 + "$", "$" + "x^{" * 30 + "1" + "}" * 30 + "$",
             "$" + "\\frac{1}{" * 16 + "x" + "}" * 16 + "$", "$" + "\\sqrt{" * 24 + "x" + "}" * 24 + "$",
             "$" + "\\left(" * 14 + "x" + "\\right)" * 14 + "$"]


# -- 5. deeply nested math -------------------------------------------------------------------------------
@pytest.mark.parametrize("label", DEEP_MATH)
def test_deeply_nested_math_is_refused_with_a_reason(label):
    from vidgen.visual.tex import MathError, check_math

    with pytest.raises(MathError, match="nested"):
        check_math(label)


def test_math_nested_as_people_write_it_still_passes():
    from vidgen.visual.tex import check_math

    check_math(r"$\frac{1}{1 + \frac{1}{1 + \frac{1}{x^{2}}}}$")
    check_math(r"$e^{i \pi} + 1 = 0$, $\{x \mid x > 0\}$")


async def test_deeply_nested_math_is_400_over_http(make_client, svc):
    client = await make_client(run_jobs=False)
    token = svc.store.create_script(seed("test-topic"))
    for label in DEEP_MATH:
        r = await client.post(f"/update_script/{token}", json={"script": equation(label)})
        body = await r.json()
        assert r.status == 400 and "nested" in body["message"], (label, r.status, body)
    assert svc.get_script(token)["version"] == 1


def test_deeply_nested_math_is_exit_2_on_import(cli, home):
    (home / "deep.json").write_text(json.dumps(equation(DEEP_MATH[1])))
    proc = cli("import", "deep.json")
    assert proc.returncode == 2 and "nested" in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_stored_label_the_parser_cannot_take_still_draws():
    """A script stored before the check (or by hand) must not fail a render: its math is drawn as text."""
    from vidgen.draw import glyphs

    t = glyphs.text(DEEP_MATH[0], 40)
    assert t.width > 0 and t.mask.get_width() > 0


# -- 7. seq and big integers ---------------------------------------------------------------------------------
@pytest.mark.parametrize("seq", [0, 10000, 10 ** 400, -1])
def test_seq_out_of_range_is_refused(svc, seq):
    from vidgen.errors import BadInput

    with pytest.raises(BadInput, match="seq"):
        svc.validate({"title": "T", "scenes": [{"seq": seq, "text": "Hello there."}]})


def test_seq_bounds_are_inclusive(svc):
    svc.validate({"title": "T", "scenes": [{"seq": 1, "text": "Hello there."}, {"seq": 9999, "text": "Bye."}]})


@pytest.mark.parametrize("value", [2 ** 53 + 1, -(2 ** 53) - 1, 10 ** 400])
def test_integers_a_browser_would_round_are_refused(svc, value):
    from vidgen.errors import BadInput

    with pytest.raises(BadInput, match="2\\^53"):
        svc.validate({"title": "T", "scenes": [{"seq": 1, "text": "Hello there.", "extra": {"n": value}}]})


async def test_huge_seq_and_integers_are_400_over_http(make_client, svc):
    client = await make_client(run_jobs=False)
    token = svc.store.create_script(seed("test-topic"))
    for body in ('{"scenes": [{"seq": 1' + "0" * 400 + ', "text": "New words."}]}',
                 '{"scenes": [{"seq": 1, "text": "New words.", "n": 9007199254740993}]}',
                 '{"title": "x", "n": 1e999}', '{"title": "x", "n": NaN}'):
        r = await client.post(f"/api/script/{token}", data=body, headers=JSON)
        data = await r.json()
        assert r.status == 400 and data["detail"], (body[:60], r.status, data)
    assert svc.get_script(token)["version"] == 1


def test_seq_of_10_to_the_400_is_exit_2_on_import(cli, home):
    (home / "big.json").write_text('{"title": "T", "scenes": [{"seq": 1' + "0" * 400 + ', "text": "Hi there."}]}')
    proc = cli("import", "big.json")
    assert proc.returncode == 2 and "seq" in proc.stderr, proc.stderr


# -- small things -----------------------------------------------------------------------------------------
def test_a_plot_formula_in_scientific_notation_is_a_number():
    import numpy as np

    from vidgen.visual.expr import compile_expr as parse_function

    x = np.array([0.0, 1.0, 2.0])
    assert list(parse_function("1e3")(x)) == [1000.0] * 3
    assert list(parse_function("2.5E-1 x")(x)) == [0.0, 0.25, 0.5]
    assert list(parse_function("2e")(x)) == pytest.approx([2 * math.e] * 3)   # 2 times e, as before


def test_jobs_limit_must_be_positive(cli):
    proc = cli("jobs", "--limit", "-5")
    assert proc.returncode == 2 and "limit" in proc.stderr.lower(), proc.stderr


@pytest.mark.parametrize("args", [("import", "/dev/null"), ("import", "/"), ("script", "--from", "/"),
                                  ("script", "--from", "/dev/null"), ("edit", "{token}", "--file", "/")])
def test_a_path_that_is_not_a_file_says_so(cli, svc, args):
    token = svc.store.create_script(seed("test-topic"))
    proc = cli(*[a.replace("{token}", token) for a in args])
    assert proc.returncode == 2, proc.stderr
    assert "does not exist" not in proc.stderr and "not a file" in proc.stderr, proc.stderr


def test_notes_of_very_short_sentences_are_narrated(svc, home):
    (home / "cats.md").write_text("Cats sleep.\n")
    scripts = svc.write_scripts("", 1, source_file=home / "cats.md")
    assert scripts[0]["status"] == "ready", scripts
    text = " ".join(s["text"] for s in svc.get_script(scripts[0]["token"])["script"]["scenes"])
    assert "Cats sleep" in text


def wav(path, seconds: float, rate: int = 44100) -> None:
    n = int(rate * seconds)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(i / 5))) for i in range(n)))


def test_a_very_short_wav_is_music(svc, home):
    wav(home / "blip.wav", 0.01)
    options = svc.render_options(quality="low", tts="mock", music=str(home / "blip.wav"))
    assert options.music
    from vidgen.render.audio import SAMPLE_RATE, load_music

    music = load_music(home / "blip.wav", 3.0)
    # played once, then silence: a 10 ms clip looped would be a 100 Hz buzz
    assert music.size >= 3 * SAMPLE_RATE and not music[SAMPLE_RATE:].any()


def test_an_empty_wav_is_still_not_music(svc, home):
    from vidgen.errors import BadInput

    wav(home / "empty.wav", 0)
    with pytest.raises(BadInput, match="no sound"):
        svc.render_options(quality="low", tts="mock", music=str(home / "empty.wav"))


async def test_ranges_with_non_ascii_digits_or_a_foreign_if_range_get_the_whole_file(make_client, svc):
    svc.settings.renders.mkdir(parents=True, exist_ok=True)
    name = "clip-0123456789-v1.mp4"
    data = bytes(range(256)) * 40
    (svc.settings.renders / name).write_bytes(data)
    client = await make_client(run_jobs=False)
    for headers in ({"Range": "bytes=\uff10-1"}, {"Range": "bytes=0-\uff11"}, {"Range": "bytes=-\u0661"},
                    {"Range": "bytes=0-1", "If-Range": "garbage"},
                    {"Range": "bytes=0-1", "If-Range": "Mon, 32 Foo 2020 99:99:99 GMT"}):
        for route in ("/stream/", "/download/"):
            r = await client.get(route + name, headers=headers)
            assert r.status == 200 and await r.read() == data, (route, headers, r.status)
    r = await client.get("/stream/" + name, headers={"Range": "bytes=0-1"})
    assert r.status == 206 and await r.read() == data[:2]
    last = r.headers["Last-Modified"]
    r = await client.get("/stream/" + name, headers={"Range": "bytes=0-1", "If-Range": last})
    assert r.status == 206, "an If-Range date that matches still gets the range"


# -- 8, 10 and a message: the worker protocol ------------------------------------------------------------
SECRET = "worker-secret-25"
AUTH = {"Authorization": f"Bearer {SECRET}"}


@pytest.fixture
async def desk(aiohttp_client, home):
    from vidgen.config import Settings
    from vidgen.server.app import ServerConfig, create_app
    from vidgen.service import Vidgen

    svc = Vidgen(Settings.load(env={"VIDGEN_HOME": str(home), "VIDGEN_WORKER_SECRET": SECRET}))
    client = await aiohttp_client(create_app(svc, ServerConfig(run_jobs=False)))
    return svc, client


def pending_job(svc, token=None) -> str:
    import os

    from vidgen.store.db import now

    token = token or svc.store.create_script(seed("test-topic"))
    job = {"job_id": os.urandom(8).hex(), "token": token, "script_version": 1, "status": "pending",
           "progress": 0.0, "stage": "queued", "message": "", "result": None, "error": None,
           "config": {"quality": "low", "tts": "mock"}, "created_at": now(), "updated_at": now()}
    svc.store.insert_job(job)
    return job["job_id"]


async def started(client, job_id: str, worker: str = "w1"):
    return await client.post(f"/api/worker/jobs/{job_id}/start", json={"worker": worker, "host": "h"}, headers=AUTH)


async def uploaded(client, job_id: str, stem: str, worker: str = "w1", attempt: int = 1) -> dict:
    import hashlib

    from vidgen.jobs.intake import SUFFIXES

    sums = {}
    for suffix in SUFFIXES:
        data = suffix.encode() * 100
        sums[stem + suffix] = hashlib.sha256(data).hexdigest()
        r = await client.post(f"/api/worker/jobs/{job_id}/files/{stem}{suffix}", data=data, headers={
            **AUTH, "X-Vidgen-Worker": worker, "X-Vidgen-Attempt": str(attempt),
            "X-Content-SHA256": sums[stem + suffix]})
        assert r.status == 200, await r.text()
    return sums


BAD_SUMMARIES = [{"duration": "NaN"}, {"duration": "12"}, {"duration": -1.0}, {"duration": 1e308 * 10},
                 {"width": "wide"}, {"height": -5}, {"scenes_cached": 1.5}, {"width": 1.5},
                 {"duration": [1]}, {"scenes_cached": "3"}]


@pytest.mark.parametrize("bad", BAD_SUMMARIES)
async def test_a_bad_finish_summary_is_refused_and_never_stored(desk, bad):
    svc, client = desk
    job_id = pending_job(svc)
    start = await (await started(client, job_id)).json()
    stem = start["video"][:-4]
    sums = await uploaded(client, job_id, stem)
    summary = {"duration": 7.2, "width": 854, "height": 480, "scenes_cached": 0, "video": f"{stem}.mp4", **bad}
    body = json.dumps({"worker": "w1", "attempt": 1, "status": "completed", "summary": summary, "files": sums},
                      allow_nan=True)
    r = await client.post(f"/api/worker/jobs/{job_id}/finish", data=body, headers={**AUTH, **JSON})
    assert r.status == 400, (bad, r.status, await r.text())
    assert svc.store.get_job(job_id)["status"] == "running"
    assert not (svc.settings.renders / f"{stem}.mp4").exists() and not list(svc.settings.archives.glob("*"))
    for path in (f"/api/job/{job_id}", "/api/jobs", "/generation_jobs", f"/generation_status/{job_id}", "/videos"):
        got = await client.get(path)
        assert got.status == 200, (path, await got.text())
    # the same worker can still finish it properly
    summary = {**summary, **{k: v for k, v in {"duration": 7.2, "width": 854, "height": 480, "scenes_cached": 0,
                                               "video": f"{stem}.mp4", "size": 1}.items() if k in bad}}
    r = await client.post(f"/api/worker/jobs/{job_id}/finish", headers=AUTH, json={
        "worker": "w1", "attempt": 1, "status": "completed", "summary": summary, "files": sums})
    assert r.status == 200, await r.text()
    assert (await (await client.get(f"/api/job/{job_id}")).json())["result"]["duration"] == 7.2


def test_a_stored_summary_that_is_not_a_number_never_breaks_a_listing(svc, cli):
    """A job written by an older version with a bad duration: lists and the CLI still answer."""
    from vidgen.jobs import JobService

    job_id = pending_job(svc)
    svc.store.transition_job(job_id, ("pending",), status="completed", result={"video": "v.mp4", "duration": "NaN"})
    assert JobService(svc).get(job_id)["status"] == "completed"
    proc = cli("jobs")
    assert proc.returncode == 0, proc.stderr


async def test_start_never_takes_a_job_from_its_live_worker(desk):
    svc, client = desk
    job_id = pending_job(svc)
    assert (await started(client, job_id, "w1")).status == 200
    taken = await started(client, job_id, "w2")
    assert taken.status == 409 and "w1" in (await taken.json())["detail"]
    job = svc.store.get_job(job_id)
    assert (job["status"], job["worker"], job["attempt"]) == ("running", "w1", 1)
    r = await client.post(f"/api/worker/jobs/{job_id}/progress", json={"worker": "w1", "attempt": 1, "progress": 30},
                          headers=AUTH)
    assert r.status == 200


async def test_a_requeued_job_can_be_started_again_and_its_old_worker_is_told_plainly(desk):
    svc, client = desk
    job_id = pending_job(svc)
    assert (await started(client, job_id, "w1")).status == 200
    # what the broker monitor does when RQ takes a job back from a worker it judged dead
    svc.store.transition_job(job_id, ("running",), status="pending", stage="requeued", message="queued again")
    r = await client.post(f"/api/worker/jobs/{job_id}/progress", json={"worker": "w1", "attempt": 1, "progress": 30},
                          headers=AUTH)
    message = (await r.json())["detail"]
    assert r.status == 409 and "not w1" not in message and "queued again" in message, message
    again = await started(client, job_id, "w1")   # the same worker, restarted, takes it: a new attempt
    assert again.status == 200 and (await again.json())["attempt"] == 2
    r = await client.post(f"/api/worker/jobs/{job_id}/progress", json={"worker": "w1", "attempt": 1, "progress": 30},
                          headers=AUTH)
    message = (await r.json())["detail"]
    assert r.status == 409 and "not w1" not in message and "attempt 2" in message, message


@pytest.fixture
def broker():
    from tests.brokers import RedisServer, redis_missing

    if redis_missing():
        pytest.skip(redis_missing())
    server = RedisServer().start()
    yield server
    server.close()


@pytest.fixture
async def broker_desk(aiohttp_client, home, broker):
    from vidgen.config import Settings
    from vidgen.server.app import ServerConfig, create_app
    from vidgen.service import Vidgen

    svc = Vidgen(Settings.load(env={"VIDGEN_HOME": str(home), "VIDGEN_WORKER_SECRET": SECRET,
                                    "VIDGEN_BROKER": broker.url(db=3)}))
    app = create_app(svc, ServerConfig(run_jobs=False))
    client = await aiohttp_client(app)
    from vidgen.jobs import JobService

    jobs = JobService(svc)
    job = jobs.submit(svc.store.create_script(seed("test-topic")), None, svc.render_options(quality="low", tts="mock"))
    return svc, client, jobs.queue, job["job_id"]


async def test_a_running_job_goes_only_to_the_worker_the_broker_handed_it_to(broker_desk):
    svc, client, queue, job_id = broker_desk
    assert (await started(client, job_id, "w1")).status == 200
    # RQ judged w1 dead, requeued the job and w2 took it, before the monitor's sweep said so in the store
    rq_job = queue.rq_job(job_id)
    pipe = queue.redis.pipeline()
    rq_job.prepare_for_execution("w2", pipe)
    pipe.execute()
    assert (await started(client, job_id, "w3")).status == 409
    assert (await started(client, job_id, "w1")).status == 409
    took = await started(client, job_id, "w2")
    assert took.status == 200 and (await took.json())["attempt"] == 2


async def test_the_monitor_fails_a_running_job_whose_rq_job_ended(broker_desk):
    from rq.job import JobStatus

    svc, client, queue, job_id = broker_desk
    pipe = queue.redis.pipeline()
    queue.rq_job(job_id).prepare_for_execution("w1", pipe)   # what an RQ worker does as it takes the job
    pipe.execute()
    assert (await started(client, job_id, "w1")).status == 200
    queue.sweep()
    assert svc.store.get_job(job_id)["status"] == "running"
    queue.rq_job(job_id).set_status(JobStatus.FINISHED)   # the worker's RQ job returned without a finish report
    queue.sweep()
    job = svc.store.get_job(job_id)
    assert (job["status"], job["error"]) == ("failed", "interrupted") and "w1" in job["message"], job


# -- 11. upload temporaries of a killed server ---------------------------------------------------------------
def stale_uploads(home):
    import os
    import time

    dead = _dead_pid()
    media = home / "media"
    media.mkdir(exist_ok=True)
    old = time.time() - 600
    files = {"dead": media / f".upload-{dead}-0a1b2c3d4e5f.png", "legacy": media / ".upload-0a1b2c3d4e5f.mp4",
             "live": media / f".upload-{os.getpid()}-111111111111.png",
             "fresh": media / f".upload-{dead}-222222222222.png",
             "kept": media / "photo-0123456789.png"}
    for name, path in files.items():
        path.write_bytes(b"x" * 1000)
        if name != "fresh":
            os.utime(path, (old, old))
    return files


def _dead_pid() -> int:
    import subprocess

    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


async def test_stale_upload_temporaries_are_removed_when_the_server_starts(make_client, home):
    files = stale_uploads(home)
    await make_client(run_jobs=False)
    assert not files["dead"].exists() and not files["legacy"].exists()
    assert files["live"].exists() and files["fresh"].exists() and files["kept"].exists()


def test_doctor_repair_removes_stale_upload_temporaries(home, cli):
    files = stale_uploads(home)
    proc = cli("doctor", "--repair", "--json")
    assert not files["dead"].exists() and not files["legacy"].exists()
    assert files["live"].exists() and files["fresh"].exists() and files["kept"].exists()
    repaired = json.loads(proc.stdout)["repaired"]
    assert any(".upload-" in line for line in repaired), repaired


# -- 9. a full disk: every write path is a 503 with the same words, and leaves no temporary file ---------------
@pytest.fixture
def full_home(tmp_path, monkeypatch):
    """VIDGEN_HOME on a small tmpfs with a script stored, then filled to the last byte."""
    import os
    import subprocess

    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    home = tmp_path / "full"
    home.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(home)]).returncode != 0:
        pytest.skip("cannot mount tmpfs here")
    monkeypatch.setenv("VIDGEN_HOME", str(home))
    monkeypatch.chdir(home)
    from vidgen.service import Vidgen

    svc = Vidgen()
    token = svc.store.create_script(seed("test-topic"))
    (home / "media").mkdir()
    yield svc, token, home
    subprocess.run(["umount", "-l", str(home)])


def fill(folder):
    import os

    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        for size in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)


def temporaries(home) -> list[str]:
    return sorted(str(p) for p in home.rglob("*") if ".tmp" in p.name or p.name.startswith(".upload-"))


async def test_every_write_path_on_a_full_disk_is_the_same_503(full_home, aiohttp_client):
    from vidgen.server.app import ServerConfig, create_app

    svc, token, home = full_home
    client = await aiohttp_client(create_app(svc, ServerConfig(submit_wait=5, run_jobs=False)))
    fill(home)
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 300_000
    for method, path, kw in [("POST", "/api/generate_scripts", {"json": {"topic": "cats"}}),
                             ("POST", "/submit", {"json": {"text": "cats", "uid": "u", "chatID": "c"}}),
                             ("POST", "/api/media?filename=a.png", {"data": png}),
                             ("POST", f"/api/script/{token}", {"json": {"title": "A new title"}}),
                             ("POST", f"/update_script/{token}", {"json": {"script": {**seed("test-topic"),
                                                                                      "title": "Another"}}}),
                             ("POST", f"/api/generate/{token}", {"json": {"tts_provider": "mock"}})]:
        r = await client.request(method, path, **kw)
        body = await r.json()
        message = body.get("detail") or body.get("message")
        assert r.status == 503 and message.startswith("the disk is full (no space left in "), (path, r.status, body)
    assert temporaries(home) == []


def test_the_voice_cache_on_a_full_disk_says_so_and_leaves_nothing(full_home):
    from vidgen.errors import StoreError
    from vidgen.voice import VOICES, VoiceCache

    svc, token, home = full_home
    cache = VoiceCache(home / "voices-cache")
    fill(home)
    voice = VOICES.create("mock", svc.settings)
    with pytest.raises(StoreError, match="^the disk is full"):
        cache.speak(voice, "A sentence long enough to need some room on the disk.", None, "en")
    assert temporaries(home) == []


def test_the_cli_on_a_full_disk_says_so_in_one_line(full_home):
    from tests.conftest import CLI

    svc, token, home = full_home
    (home / "script.json").write_text(json.dumps({**seed("test-topic"), "title": "Edited"}))
    (home / "topic.md").write_text("# Cats\n\nCats sleep a lot. They purr when they are happy.\n")
    fill(home)
    proc = CLI(home)("edit", token, "--file", "script.json")
    assert proc.returncode == 1 and proc.stderr.startswith("error: the disk is full (no space left in "), proc.stderr
    proc = CLI(home)("script", "--from", "topic.md")
    assert proc.returncode == 1 and proc.stderr.startswith("error: the disk is full (no space left in "), proc.stderr
    assert "unexpected" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_a_job_whose_voice_cache_fills_the_disk_ends_saying_so(svc, home, tmp_path):
    """numpy's short write has no errno: the job ended "interrupted" and left a .tmp.npy in the cache."""
    import os
    import subprocess

    from vidgen.jobs import JobService
    from vidgen.jobs.local import run_job

    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    voice = home / ".vidgen" / "cache" / "voice"
    voice.mkdir(parents=True)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(voice)]).returncode != 0:
        pytest.skip("cannot mount tmpfs here")
    try:
        job = JobService(svc).submit(svc.store.create_script(seed("test-topic")), None,
                                     svc.render_options(quality="low", tts="mock"))
        fill(voice)
        svc.store.transition_job(job["job_id"], ("pending",), status="running", worker_pid=os.getpid())
        run_job(type(svc), svc.settings, job["job_id"])
        done = svc.store.get_job(job["job_id"])
        assert done["status"] == "failed" and done["error"].startswith("the disk is full (no space left in "), done
        assert str(voice) in done["error"] and temporaries(home) == []
    finally:
        subprocess.run(["umount", "-l", str(voice)])
