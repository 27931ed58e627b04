"""Defects found by hostile testing of the data, jobs and CLI half, each with the test that found it.

Kill points go through `tests/crash_child.py`; full disks and other mounts are real tmpfs and bind
mounts (root only, skipped otherwise). Waits poll for a condition with generous deadlines: the
machine is shared and slow, and no test asserts how long anything took.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import test_reliability
from tests.conftest import http, seed, start_server, wait_for
from tests.fakes import FakeOpenAI
from tests.test_reliability import run_child
from vidgen.errors import BadInput, StoreError
from vidgen.store import recovery

tiny_mount = test_reliability.tiny_mount  # the tmpfs fixture, shared



def one_line(proc) -> str:
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr and "unexpected" not in proc.stderr, proc.stderr
    return lines[0]


def fresh(home):
    """A new service on the same home, as a new vidgen process would open it."""
    from vidgen.config import Settings
    from vidgen.service import Vidgen

    return Vidgen(Settings.load(env={"VIDGEN_HOME": str(home)}))


def two_versions(svc, n=3) -> dict[str, str]:
    """n scripts with two versions each: every store file has a .bak. token -> latest title."""
    titles = {}
    for i in range(n):
        token = svc.store.create_script({"title": f"script {i}", "scenes": [{"seq": 1, "text": f"Hello {i}."}]})
        svc.edit(token, {"title": f"script {i} edited", "scenes": [{"seq": 1, "text": f"Hello again {i}."}]})
        titles[token] = f"script {i} edited"
    return titles


def assert_all_listed(home, titles):
    svc = fresh(home)
    assert recovery.check(svc.store) == []
    rows = {r["token"]: r for r in svc.list_scripts()}
    assert set(titles) <= set(rows), f"scripts lost: {set(titles) - set(rows)}"
    for token, title in titles.items():
        assert rows[token]["versions"] == 2 and svc.get_script(token)["script"]["title"] == title


# -- 1. repair ------------------------------------------------------------------------------
@pytest.mark.slow  # processes killed at every step
def test_repair_killed_at_every_step_never_loses_a_script(svc, home):
    titles = two_versions(svc)
    index = home / ".vidgen" / "index.json"
    index.write_bytes(index.read_bytes()[:25])  # damaged
    pristine = home.parent / "pristine"
    shutil.copytree(home / ".vidgen", pristine)
    for k in range(1, 60):
        shutil.rmtree(home / ".vidgen")
        shutil.copytree(pristine, home / ".vidgen")
        code, _ = run_child(home, "repair", k)
        if code == 0:
            break
        assert code == -signal.SIGKILL
        # whatever step it died at, the store names its problem or is whole; a second repair finishes the job
        recovery.repair(fresh(home).store)
        assert_all_listed(home, titles)
    else:
        raise AssertionError("the repair never completed")
    assert k > 3, "the repair had fewer kill points than expected"
    assert_all_listed(home, titles)


def test_a_lost_index_is_reported_restored_and_never_overwritten(svc, home, cli):
    titles = two_versions(svc)
    (home / ".vidgen" / "index.json").unlink()  # what a kill between 'move aside' and 'restore' left
    proc = cli("scripts")
    assert proc.returncode == 1 and "doctor --repair" in one_line(proc)
    with pytest.raises(StoreError):  # a write must not start a fresh index and bury the old one
        fresh(home).store.create_script({"title": "new", "scenes": [{"seq": 1, "text": "Hi."}]})
    doctor = cli("doctor", "--json")
    assert doctor.returncode == 1
    assert not next(c for c in json.loads(doctor.stdout)["checks"] if c["name"] == "store")["ok"]
    repaired = cli.json("doctor", "--repair")["repaired"]
    assert any("index.json" in line and "restored" in line for line in repaired), repaired
    assert_all_listed(home, titles)


def test_repair_lists_again_the_scripts_an_index_lost(svc, home, cli):
    titles = two_versions(svc)
    data = home / ".vidgen"
    (data / "index.json").write_text("{not json")
    (data / "index.json.bak").unlink()  # no good copy either: only the script files are left
    repaired = cli.json("doctor", "--repair")["repaired"]
    assert sum("listed again" in line for line in repaired) == len(titles), repaired
    assert_all_listed(home, titles)
    assert list(data.glob("index.json.damaged-*")), "the damaged index was not kept aside"


# -- 2. jobs whose processes died, noticed by a running server -------------------------------
@pytest.mark.slow  # a real server and its workers
def test_a_running_server_fails_a_job_whose_runner_and_worker_died(svc, home):
    from vidgen.jobs import JobService

    jobs = JobService(svc)
    long = jobs.submit(svc.store.create_script(seed("basic-geometry-shapes")), None,
                       svc.render_options(quality="medium", tts="mock"))
    env = {**os.environ, "VIDGEN_HOME": str(home), "VIDGEN_MAX_RENDER_WORKERS": "1"}
    runner = subprocess.Popen([sys.executable, "-m", "vidgen", "worker"], cwd=home, env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = None
    try:
        wait_for(lambda: svc.store.get_job(long["job_id"]).get("worker_pid")
                 and svc.store.get_job(long["job_id"])["runner_pid"] == runner.pid, what="the CLI runner's render")
        # a server starts while that render runs: its runner must notice when the render's processes die
        _, _, server = start_server(home, env={"VIDGEN_MAX_RENDER_WORKERS": "1"})
        short = jobs.submit(svc.store.create_script(seed("test-topic")), None, svc.render_options(quality="low",
                                                                                                  tts="mock"))
        os.killpg(runner.pid, signal.SIGKILL)  # the runner and its worker, as a crash or the OOM killer would
        runner.wait()
        failed = wait_for(lambda: jobs.get(long["job_id"])["status"] == "failed" and jobs.get(long["job_id"]),
                          timeout=120, what="the dead job to be failed by the server")
        assert failed["error"] == "interrupted"
        done = wait_for(lambda: jobs.get(short["job_id"])["status"] in ("completed", "failed")
                        and jobs.get(short["job_id"]), timeout=300, what="the next job to run")
        assert done["status"] == "completed", done
    finally:
        if runner.poll() is None:
            os.killpg(runner.pid, signal.SIGKILL)
        if server is not None:
            server.kill()
            server.wait()


def test_a_job_with_a_stale_heartbeat_is_failed_even_when_its_pid_looks_alive(svc):
    from vidgen.jobs import JobService

    svc.store.insert_job({"job_id": "ghost", "token": "0", "status": "running", "created_at": 1,
                          "runner_pid": os.getpid(), "worker_pid": os.getpid()})  # a pid reused by a live process
    beat = svc.store.root / "progress" / "ghost.beat"
    beat.touch()
    old = time.time() - 600
    os.utime(beat, (old, old))
    JobService(svc).recover()  # what a runner does every couple of seconds
    job = JobService(svc).get("ghost")
    assert (job["status"], job["error"]) == ("failed", "interrupted")


# -- 3. a runner that fails keeps going and says so ---------------------------------------
def fill(folder: Path) -> Path:
    """Fill the file system holding `folder` to the last byte."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        for size in (1 << 20, 1 << 12, 1):  # unbuffered: nothing is left to fail at close
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


@pytest.mark.slow  # a real server
def test_a_full_store_disk_degrades_health_and_the_runner_resumes_when_there_is_room(svc, home, tiny_mount):
    from vidgen.jobs import JobService

    tiny_mount(home / ".vidgen", "256m")  # room for the voice cache and the sound track spool, until filled
    token = svc.store.create_script(seed("test-topic"))
    job = JobService(svc).submit(token, None, svc.render_options(quality="low", tts="mock"))
    filler = fill(home / ".vidgen")
    base, _, server = start_server(home)
    try:
        def degraded():
            body = json.loads(http(base + "/health")[2])
            runner = body["checks"].get("job runner", {})
            return body["status"] == "degraded" and not runner.get("ok", True) and runner

        runner = wait_for(degraded, timeout=60, what="/health to report the stuck runner")
        assert "no space left" in runner["detail"].lower() and "retrying" in runner["detail"], runner
        assert server.poll() is None and JobService(svc).get(job["job_id"])["status"] == "pending"
        filler.unlink()
        done = wait_for(lambda: JobService(svc).get(job["job_id"])["status"] in ("completed", "failed")
                        and JobService(svc).get(job["job_id"]), timeout=300, what="the job to run after the disk freed")
        assert done["status"] == "completed", done
        body = json.loads(http(base + "/health")[2])
        assert body["checks"]["job runner"]["ok"], body
    finally:
        server.kill()
        server.wait()


# -- 6. scripts whose writer died ----------------------------------------------------------
# vidgen as started from a terminal's foreground: Ctrl-C at its default. A test run started in the
# background of a non-interactive shell (as CI may be) hands its children SIGINT ignored, and a command
# rightly keeps ignoring it then; the SIGINT case would wait out the slow model.
FOREGROUND = ("import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
              "sys.argv[0] = 'vidgen'; runpy.run_module('vidgen', run_name='__main__')")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM])
def test_a_stopped_script_writer_leaves_failed_scripts_that_say_how_to_retry(home, cli, sig):
    with FakeOpenAI() as fake:
        fake.default, fake.delay = "slow", 120
        env = {**os.environ, "VIDGEN_HOME": str(home), "VIDGEN_OPENAI_BASE_URL": fake.url + "/v1"}
        proc = subprocess.Popen([sys.executable, "-c", FOREGROUND, "script", "tides", "--llm", "openai", "-n", "2"],
                                cwd=home, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wait_for(lambda: len(fake.requests) == 2, what="both requests to reach the model")
        proc.send_signal(sig)
        proc.communicate(timeout=60)
    assert proc.returncode == (-9 if sig == signal.SIGKILL else 130)
    rows = cli.json("scripts")["scripts"]  # any vidgen process that opens the store notices a dead writer
    assert len(rows) == 2 and {r["status"] for r in rows} == {"failed"}, rows
    render = cli("render", rows[0]["token"], "--tts", "mock")
    line = one_line(render)
    assert render.returncode == 2 and "could not be written" in line and "vidgen script" in line


@pytest.mark.slow  # a real server
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_server_stopped_while_writing_scripts_leaves_them_failed(home, sig):
    with FakeOpenAI() as fake:
        fake.default, fake.delay = "slow", 120
        env = {"VIDGEN_OPENAI_BASE_URL": fake.url + "/v1"}
        base, _, server = start_server(home, env=env)
        try:
            status, _, body = http(base + "/api/generate_scripts", "POST", {"topic": "tides", "llm": "openai",
                                                                            "count": 2})
            assert status == 200, body
            tokens = json.loads(body)["tokens"]
            wait_for(lambda: len(fake.requests) == 2, what="both requests to reach the model")
            server.send_signal(sig)
            server.wait(60)
        finally:
            if server.poll() is None:
                server.kill()
        base, _, server = start_server(home, env=env, log_name="second.log")
        try:
            for token in tokens:
                status, _, body = http(f"{base}/api/script/{token}")
                answer = json.loads(body)
                assert status == 200 and answer["status"] == "failed", (status, answer)
                # read in the studio as in the CLI: what happened and what to do, no command or route
                assert "interrupted" in answer["error"] and "write it again" in answer["error"]
                assert "/api/" not in answer["error"]
        finally:
            server.kill()
            server.wait()


# -- 12. one clear line, exit 2 --------------------------------------------------------------
def deep_script(levels: int) -> str:
    nested = '{"k": ' * levels + "1" + "}" * levels  # json.dumps itself cannot nest this deep
    return '{"title": "Deep", "scenes": [{"seq": 1, "text": "Hello.", "extra": ' + nested + "}]}"


@pytest.mark.parametrize("text", [deep_script(950), "[" * 100000 + "]" * 100000,
                                  '{"title": "bad \\ud800", "scenes": [{"seq": 1, "text": "Hello."}]}',
                                  '{"title": "ok", "scenes": [{"seq": 1, "text": "Hi \\udfff there."}]}'],
                         ids=["deep-object", "deep-list", "surrogate-title", "surrogate-text"])
def test_hostile_edit_files_are_one_line_and_exit_2(svc, home, cli, text):
    token = svc.store.create_script(seed("test-topic"))
    (home / "edit.json").write_text(text)
    proc = cli("edit", token, "--file", "edit.json")
    assert proc.returncode == 2 and one_line(proc)
    assert svc.get_script(token)["version"] == 1


def test_a_topic_that_is_not_valid_unicode_is_one_line_and_exit_2(cli):
    proc = cli("script", "tides \udced\udca0\udc80")  # the bytes of a lone surrogate, as a shell passes them
    assert proc.returncode == 2 and "not valid Unicode" in one_line(proc)
    assert cli.json("scripts")["scripts"] == []


@pytest.mark.parametrize("args", [["--port", "99999"], ["--port", "-1"], ["--port", "0"], ["--host", "256.1.1.1"]])
def test_serve_with_an_impossible_address_is_one_line_and_exit_2(cli, args):
    proc = cli("serve", *args, timeout=60)
    assert proc.returncode == 2 and one_line(proc)


def test_sizes_are_accepted_with_units_and_bad_numbers_are_exit_2(cli):
    from vidgen.config import Settings

    assert Settings.load(env={"VIDGEN_MAX_BODY": "1M"}).max_body == 1024 * 1024
    assert Settings.load(env={"VIDGEN_MAX_BODY": "512K"}).max_body == 512 * 1024
    for env in ({"VIDGEN_RATE_LIMIT": "abc"}, {"VIDGEN_MAX_BODY": "lots"}, {"VIDGEN_MAX_BODY": "1e6"}):
        proc = cli("scripts", env=env)
        assert proc.returncode == 2 and next(iter(env)) in one_line(proc)


def fake_video(renders: Path, stem: str = "old-0123456789-v1", size: int = 200_000) -> list[Path]:
    renders.mkdir(parents=True, exist_ok=True)
    files = [renders / f"{stem}{ext}" for ext in (".mp4", ".srt", ".vtt", ".jpg", ".storyboard.jpg", ".words.json")]
    for p in files:
        p.write_bytes(os.urandom(size))
        os.utime(p, (time.time() - 40 * 86400,) * 2)
    return files


def test_archive_on_a_read_only_home_is_one_clear_line(home, cli):
    if os.geteuid() != 0:
        pytest.skip("bind-mounting needs root")
    files = fake_video(home / "renders")
    if subprocess.run(["mount", "--bind", str(home), str(home)]).returncode != 0 or \
            subprocess.run(["mount", "-o", "remount,ro,bind", str(home)]).returncode != 0:
        pytest.skip("cannot bind-mount read-only here")
    try:
        proc = cli("archive", "--older-than", "0")
    finally:
        subprocess.run(["umount", "-l", str(home)])
    assert proc.returncode == 1 and "Read-only" in one_line(proc)
    assert all(p.exists() for p in files)


# -- 13. --older-than ------------------------------------------------------------------------
@pytest.mark.parametrize("days", ["nan", "inf", "-1"])
def test_archive_refuses_days_that_are_not_a_count(home, cli, days):
    files = fake_video(home / "renders")
    proc = cli("archive", "--older-than", days)
    assert proc.returncode == 2 and "--older-than" in one_line(proc)
    assert all(p.exists() for p in files)


# -- 14. archiving across file systems -------------------------------------------------------
def test_archive_to_another_file_system_moves_each_video_whole(home, cli, tiny_mount):
    tiny_mount(home / "archives", "4m")
    files = fake_video(home / "renders")
    assert cli.json("archive", "--older-than", "1")["moved"] == [files[0].name]
    assert [p for p in files if p.exists()] == []
    archived = sorted(p.name for p in (home / "archives" / "videos").iterdir())
    assert archived == sorted(p.name for p in files)


def test_archive_to_a_full_file_system_moves_nothing_and_says_where(home, cli, tiny_mount):
    tiny_mount(home / "archives", "512k")  # room for the sidecars, not for all of them and the video
    files = fake_video(home / "renders")
    proc = cli("archive", "--older-than", "1")
    line = one_line(proc)
    assert proc.returncode == 1 and "disk is full" in line and str(home / "archives") in line
    assert all(p.exists() for p in files) and cli.json("videos")["count"] == 1
    assert list((home / "archives" / "videos").iterdir()) == []
    again = cli("archive", "--older-than", "1")  # retrying fails the same clean way
    assert again.returncode == 1 and all(p.exists() for p in files)


@pytest.mark.slow  # processes killed at every step
def test_archive_across_file_systems_killed_at_every_step_keeps_each_video_whole(home, tiny_mount):
    tiny_mount(home / "archives", "8m")
    files = fake_video(home / "renders")
    stored = home / "archives" / "videos"
    for k in range(1, 60):
        code, _ = run_child(home, "archive", k)
        renders_side = [p.exists() for p in files]
        archive_side = [(stored / p.name).exists() for p in files]
        if code == 0:
            break
        assert code == -signal.SIGKILL
        # the video is listed with every sidecar, or it is archived with every sidecar
        assert all(renders_side) or (all(archive_side) and not renders_side[0]), (k, renders_side, archive_side)
    else:
        raise AssertionError("the archive never completed")
    assert not any(p.exists() for p in files) and all(archive_side)
    assert [p.name for p in stored.iterdir() if p.name.startswith(".")] == []


# -- 15. render options checked when a render is asked for ------------------------------------
@pytest.mark.parametrize("config, says", [({"voice": "nosuchvoice"}, "unknown voice"),
                                          ({"language": "zz-ZZ"}, "no voice for language"),
                                          ({"music": "notes.mp3"}, "not an audio file")])
def test_bad_voice_language_or_music_is_refused_at_submit(svc, home, server, config, says):
    from vidgen.jobs import JobService
    from vidgen.voice.espeak import espeak_found

    if not espeak_found()[0]:
        pytest.skip("espeak-ng is not installed")
    (home / "notes.mp3").write_text("not music")  # named like audio, so only its content can tell
    token = svc.store.create_script(seed("test-topic"))
    from vidgen.render.presets import RenderOptions

    with pytest.raises(BadInput, match=says):  # the job service refuses it, however the options were made
        JobService(svc).submit(token, None, RenderOptions.from_config({"quality": "low", "tts": "pyttsx3", **config}))
    with pytest.raises(BadInput, match=says):  # and so does the service the CLI's render and make use
        svc.render_options(**{"quality": "low", "tts": "pyttsx3", **config})
    base, _, _ = server
    status, _, body = http(f"{base}/api/generate/{token}", "POST", {"quality": "low", **config})
    assert status == 400 and says in json.loads(body)["detail"]
    assert svc.store.list_jobs() == []


# -- 16. what a killed render leaves, and a full disk during a job ---------------------------------
@pytest.mark.slow  # renders, killed
def test_a_render_killed_before_its_rename_leaves_nothing_behind_after_the_next_render(svc, home):
    token = svc.store.create_script(seed("test-topic"))
    svc.render(token, None, svc.render_options(quality="low", tts="mock", keep_audio=True))  # warm: same steps
    code, lines = run_child(home, "render", 10_000, token, "keep-audio")  # counts the kill points
    assert code == 0
    total = lines[-1]["points"]
    for path in [*(home / "renders").iterdir(), *(home / "archives").iterdir()]:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    for k in range(total, 0, -1):  # the last steps come after the mux: the partial MP4 exists then
        code, _ = run_child(home, "render", k, token, "keep-audio")
        assert code == -signal.SIGKILL
        if [p for p in (home / "renders").iterdir() if ".partial-" in p.name]:
            break
    else:
        raise AssertionError("no kill point left a partial video")
    in_renders = list((home / "renders").iterdir())
    left = [*in_renders, *(home / "archives").iterdir(), *(home / ".vidgen/cache/work").iterdir()]
    assert [p for p in (home / "archives").iterdir() if not (p / "summary.json").exists()], "no orphan archive"
    old = time.time() - 600  # a while ago: what a live render on another machine never looks like
    for p in left:
        os.utime(p, (old, old))
    other = svc.store.create_script({"title": "Another", "scenes": [{"seq": 1, "text": "Something else."}]})
    svc.render(other, None, svc.render_options(quality="low", tts="mock"))
    assert [p.name for p in (home / "renders").iterdir() if p.name.startswith(".")] == []
    assert [p.name for p in (home / "archives").iterdir() if not (p / "summary.json").exists()] == []
    assert [p.name for p in in_renders if p.exists()] == [], "the killed render's partial or sidecars stayed"
    assert len(svc.videos()) == 1


@pytest.mark.slow  # renders in worker processes
def test_a_job_that_fills_the_disk_says_so_and_where(svc, home, tiny_mount):
    from vidgen.jobs import JobService, Runner

    tiny_mount(home / ".vidgen", "256m")  # room for the voice cache and the sound track spool, until filled
    jobs = JobService(svc)
    job = jobs.submit(svc.store.create_script(seed("basic-geometry-shapes")), None,
                      svc.render_options(quality="medium", tts="mock"))
    runner = Runner(svc, 1, poll=0.1).start()
    filler = None
    try:
        wait_for(lambda: jobs.get(job["job_id"])["progress"] > 12, what="the render to be well under way")
        filler = fill(home / ".vidgen")
        wait_for(lambda: jobs.get(job["job_id"])["status"] == "failed" or getattr(runner, "failures", 0), timeout=300,
                 what="the render to hit the full disk")
        filler.unlink()
        failed = wait_for(lambda: jobs.get(job["job_id"])["status"] == "failed" and jobs.get(job["job_id"]),
                          timeout=120, what="the failure to be recorded once there is room")
    finally:
        runner.stop()
        if filler is not None:
            filler.unlink(missing_ok=True)
    assert "disk is full" in failed["error"] and str(home / ".vidgen") in failed["error"], failed
    assert "exited with code" not in failed["error"]


@pytest.mark.slow  # worker processes
def test_a_worker_that_could_not_record_a_full_disk_is_reported_as_one(svc, home):
    from vidgen.jobs.local import EXIT_DISK_FULL, Runner

    reason = Runner(svc, 1).exit_reason(EXIT_DISK_FULL)
    assert reason.startswith("the disk is full (no space left in ") and str(home) in reason

