"""`vidgen users`, a store from before users, and what `vidgen serve` refuses (issue 21)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from vidgen.server.app import ServerConfig, create_app

LEGACY = ROOT / "tests" / "fixtures" / "legacy-store"


def one_line_exit_2(proc: subprocess.CompletedProcess, *words: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert "Traceback" not in proc.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


@pytest.mark.slow  # a dozen CLI processes
def test_users_add_list_rotate_remove_and_bad_input(cli, home):
    ann = cli.json("users", "add", "ann", "--admin")
    assert set(ann) == {"name", "key", "admin"} and ann["name"] == "ann" and ann["admin"] is True
    assert ann["key"].startswith("vgk_") and len(ann["key"].split("_", 2)[2]) >= 22  # >= 128 random bits
    proc = cli("users", "add", "bob")
    assert proc.returncode == 0 and proc.stdout.strip().startswith("vgk_")  # the key alone on stdout
    bob_key = proc.stdout.strip()
    stored = (home / ".vidgen" / "users.json").read_text()
    assert ann["key"] not in stored and bob_key not in stored and bob_key[len("vgk_") + 13:] not in stored
    assert "key_hash" in stored and "salt" in stored
    listed = cli.json("users", "list")
    assert [(u["name"], u["admin"]) for u in listed["users"]] == [("ann", True), ("bob", False)]
    assert "key" not in json.dumps(listed).replace("key made", "")
    new = cli.json("users", "rotate", "bob")
    assert new["key"] != bob_key and new["name"] == "bob" and new["admin"] is False

    before = stored_bytes = (home / ".vidgen" / "users.json").read_bytes()
    one_line_exit_2(cli("users", "add", "bob"), "already a user named 'bob'")
    one_line_exit_2(cli("users", "add", "BOB"), "already")
    one_line_exit_2(cli("users", "add", "../etc"), "not a user name")
    one_line_exit_2(cli("users", "add", "a/b"), "not a user name")
    one_line_exit_2(cli("users", "add", "x" * 200), "not a user name")
    one_line_exit_2(cli("users", "add", "local"), "this machine's own user")
    one_line_exit_2(cli("users", "remove", "zed"), "no user named 'zed'")
    one_line_exit_2(cli("users", "rotate", "zed"), "no user named 'zed'")
    assert (home / ".vidgen" / "users.json").read_bytes() == before == stored_bytes  # nothing changed

    gone = cli.json("users", "remove", "bob")
    assert gone == {"name": "bob", "removed": True}
    assert [u["name"] for u in cli.json("users", "list")["users"]] == ["ann"]


async def test_rotation_and_removal_in_another_process_stop_the_old_key_at_once(aiohttp_client, svc, cli):
    """The server caches a verified key, but each request still reads the users file as it is now."""
    key = cli.json("users", "add", "cy")["key"]
    cli.json("users", "add", "dee")  # the last user gone, a loopback server is single-user again
    client = await aiohttp_client(create_app(svc, ServerConfig(run_jobs=False)))
    assert (await client.get("/api/jobs", headers={"X-API-Key": key})).status == 200
    new = cli.json("users", "rotate", "cy")["key"]
    assert (await client.get("/api/jobs", headers={"X-API-Key": key})).status == 401
    assert (await client.get("/api/jobs", headers={"X-API-Key": new})).status == 200
    cli.json("users", "remove", "cy")
    assert (await client.get("/api/jobs", headers={"X-API-Key": new})).status == 401


@pytest.fixture
def legacy_home(home):
    """A copy of a store written by vidgen before users existed (tests/fixtures/legacy-store)."""
    shutil.copytree(LEGACY, home, dirs_exist_ok=True)
    (home / "README.md").unlink()
    return home


async def test_a_store_from_before_users_opens_and_is_the_machine_owners(aiohttp_client, legacy_home, cli):
    index = json.loads((legacy_home / ".vidgen" / "index.json").read_text())
    tokens = {s["token"] for s in index["scripts"].values()}
    job_id = next(iter(json.loads((legacy_home / ".vidgen" / "jobs.json").read_text())["jobs"].values()))["job_id"]
    video = next(p.name for p in (legacy_home / "renders").glob("*.mp4"))
    # the CLI, the machine's own user, sees everything as before
    assert {s["token"] for s in cli.json("scripts")["scripts"]} == tokens
    assert [v["filename"] for v in cli.json("videos")["videos"]] == [video]
    alice = cli.json("users", "add", "alice")["key"]
    root = cli.json("users", "add", "root", "--admin")["key"]
    from vidgen.service import Vidgen

    svc = Vidgen()
    client = await aiohttp_client(create_app(svc, ServerConfig(run_jobs=False)))
    a, r = {"X-API-Key": alice}, {"X-API-Key": root}
    # a user sees none of it
    assert (await (await client.get("/videos", headers=a)).json())["videos"] == []
    assert (await (await client.get("/api/jobs", headers=a)).json())["jobs"] == []
    for token in tokens:
        assert (await client.get(f"/api/script/{token}", headers=a)).status == 404
    assert (await client.get(f"/stream/{video}", headers=a)).status == 404
    # the first admin sees it all, owned by the machine's own user
    videos = (await (await client.get("/videos", headers=r)).json())["videos"]
    assert [(v["filename"], v["owner"]) for v in videos] == [(video, "local")]
    assert videos[0]["duration"]  # read from its archive
    jobs = (await (await client.get("/api/jobs", headers=r)).json())["jobs"]
    assert [(j["job_id"], j.get("owner")) for j in jobs] == [(job_id, "local")]
    for token in tokens:
        assert (await client.get(f"/api/script/{token}", headers=r)).status == 200
    s = await client.get(f"/stream/{video}", headers={**r, "Range": "bytes=0-99"})
    assert s.status == 206 and len(await s.read()) == 100
    assert (await client.get(f"/download/{video[:-4]}.vtt", headers=r)).status == 200
    assert {s["token"]: s.get("owner") for s in svc.list_scripts(_admin(svc))} == dict.fromkeys(tokens, "local")
    # the old upload may be named by the admin only
    upload = "media/" + next(p.name for p in (legacy_home / "media").iterdir())
    token = sorted(tokens)[0]
    script = {"title": "Tides", "scenes": [{"seq": 1, "text": "The moon pulls the sea.", "media": upload}]}
    assert (await client.post(f"/update_script/{token}", json={"script": script}, headers=r)).status == 200
    mine = await client.post("/api/generate_scripts", json={"topic": "waves", "count": 1}, headers=a)
    own = (await mine.json())["tokens"][0]
    await _ready(client, own, a)
    refused = await client.post(f"/update_script/{own}", json={"script": script}, headers=a)
    assert refused.status == 400 and "not one of your uploads" in (await refused.json())["message"]


def _admin(svc):
    from vidgen.store.users import caller_of

    return caller_of(next(u for u in svc.owners.users.active() if u["admin"]))


async def _ready(client, token, headers):
    import asyncio

    for _ in range(400):
        body = await (await client.get(f"/api/script/{token}", headers=headers)).json()
        if body.get("status") == "ready":
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"script {token} not written")


def test_serve_refuses_the_network_with_no_user_or_key(cli):
    from tests.fakes import free_port

    port = str(free_port())
    proc = cli("serve", "--host", "0.0.0.0", "--port", port, timeout=60)
    one_line_exit_2(proc, "--host 0.0.0.0", "vidgen users add")


def openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def self_signed(folder: Path, name: str = "server") -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost, made here with openssl."""
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", f"{name}.key",
            "-out", f"{name}.crt", cwd=folder)
    return folder / f"{name}.crt", folder / f"{name}.key"


@pytest.mark.slow  # a CLI process per bad file
@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_bad_certificate_files_are_one_line_and_exit_2(cli, home, tmp_path):
    cert, key = self_signed(tmp_path)
    other_cert, other_key = self_signed(tmp_path, "other")
    (tmp_path / "junk.pem").write_text("not a certificate\n")
    cases = [(["--cert", str(cert)], "--cert needs --key"),
             (["--key", str(key)], "--key needs --cert"),
             (["--cert", str(tmp_path / "nope.crt"), "--key", str(key)], "no such file"),
             (["--cert", str(cert), "--key", str(tmp_path)], "cannot be read"),
             (["--cert", str(cert), "--key", str(other_key)], "does not match the key"),
             (["--cert", str(tmp_path / "junk.pem"), "--key", str(key)], "not a PEM certificate")]
    for args, words in cases:
        one_line_exit_2(cli("serve", "--port", "1", *args, timeout=60), words)
    assert not (home / ".vidgen" / "session.key").exists()  # nothing started


async def test_forwarded_headers_count_only_from_trusted_proxies(aiohttp_client, svc):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    trusting = await aiohttp_client(create_app(svc, ServerConfig(run_jobs=False, rate_limit=1,
                                                                 trusted_proxies=["127.0.0.1/32"])))
    r = await trusting.get("/health", headers=forwarded)
    assert r.headers["Strict-Transport-Security"].startswith("max-age=")
    # behind the proxy each client has its own limit: the address is the one the proxy saw
    for client_ip in ("203.0.113.7", "203.0.113.8"):
        r = await trusting.post("/api/generate_scripts", json={"topic": "t", "count": 1},
                                headers={"X-Forwarded-For": client_ip})
        assert r.status == 200
    r = await trusting.post("/api/generate_scripts", json={"topic": "t", "count": 1},
                            headers={"X-Forwarded-For": "203.0.113.7"})
    assert r.status == 429
    # from an address not listed, the same headers are ignored: no HSTS over plain HTTP, one client
    plain = await aiohttp_client(create_app(svc, ServerConfig(run_jobs=False, rate_limit=1)))
    r = await plain.get("/health", headers=forwarded)
    assert "Strict-Transport-Security" not in r.headers
    for client_ip, status in (("1.2.3.4", 200), ("5.6.7.8", 429)):
        r = await plain.post("/api/generate_scripts", json={"topic": "t", "count": 1},
                             headers={"X-Forwarded-For": client_ip})
        assert r.status == status
