"""200 requests from three users at once while users are added and a key is rotated by the CLI, in
other processes (issue 21): nothing is mixed up, nothing is lost, nothing fails."""

from __future__ import annotations

import asyncio
import json
import os
import random
import sys

import pytest

from tests.test_access import SCRIPT
from vidgen.server.app import ServerConfig, create_app
from vidgen.store.names import video_name

pytestmark = pytest.mark.slow


async def cli_json(home, *args):
    env = {**os.environ, "VIDGEN_HOME": str(home)}
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "vidgen", *args, "--json", cwd=home, env=env,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await proc.communicate()
    assert proc.returncode == 0, err
    return json.loads(out)


async def test_three_users_at_once_while_users_change(aiohttp_client, svc, home):
    users = svc.owners.users
    people = {}
    for name in ("ann", "ben", "cy"):
        record, key = users.add(name)
        tokens = []
        for _ in range(2):
            token = svc.store.reserve_script("t", owner=record["id"])
            svc.store.add_version(token, SCRIPT, "written")
            tokens.append(token)
        svc.settings.renders.mkdir(parents=True, exist_ok=True)
        video = video_name(SCRIPT["title"], tokens[0], 1)
        (svc.settings.renders / video).write_bytes(b"\0" * 100)
        people[name] = {"id": record["id"], "key": key, "tokens": tokens, "video": video, "edits": 0}
    client = await aiohttp_client(create_app(svc, ServerConfig(run_jobs=False, rate_limit=10000)))
    rotated = asyncio.Event()
    results = []

    async def one(i: int) -> None:
        rng = random.Random(i)
        name = rng.choice(list(people))
        me = people[name]
        other = people[rng.choice([n for n in people if n != name])]
        key = me["key"]
        kind = rng.choice(["videos", "jobs", "mine", "theirs", "edit", "write"])
        headers = {"X-API-Key": key}
        if kind == "videos":
            r = await client.get("/videos", headers=headers)
        elif kind == "jobs":
            r = await client.get("/api/jobs", headers=headers)
        elif kind == "mine":
            r = await client.get(f"/api/script/{me['tokens'][1]}", headers=headers)
        elif kind == "theirs":
            r = await client.get(f"/api/script/{other['tokens'][1]}", headers=headers)
        elif kind == "edit":
            r = await client.post(f"/api/script/{me['tokens'][1]}", json={"title": f"{name} edit {i}"},
                                  headers=headers)
        else:
            r = await client.post("/api/generate_scripts", json={"topic": f"{name} topic {i}", "count": 1},
                                  headers=headers)
        body = await r.json()
        was_rotated = rotated.is_set()
        results.append((name, kind, r.status, body, was_rotated, key))

    async def admin_work() -> None:
        await cli_json(home, "users", "add", "dee")
        new = await cli_json(home, "users", "rotate", "cy")
        people["cy"]["old"], people["cy"]["key"] = people["cy"]["key"], new["key"]
        rotated.set()
        await cli_json(home, "users", "add", "eve", "--admin")

    done = asyncio.Event()
    count = iter(range(10 ** 6))

    async def worker() -> None:
        # requests keep coming until the CLI has finished and 200 have been answered: they overlap its work
        while not (done.is_set() and len(results) >= 200):
            await one(next(count))

    async def admin() -> None:
        await admin_work()
        done.set()

    await asyncio.gather(admin(), *(worker() for _ in range(20)))
    assert len(results) >= 200
    cy_old = [r[2] for r in results if r[0] == "cy" and r[5] == people["cy"]["old"]]
    assert 200 in cy_old  # the old key worked until the rotation (and is refused after it: below)
    statuses = {r[2] for r in results}
    assert statuses <= {200, 401, 404}, statuses
    for name, kind, status, body, _, key in results:
        me = people[name]
        if status == 401:  # only cy's old key, and only once the rotation is written
            assert name == "cy" and key == me.get("old"), (name, kind, body)
            continue
        if kind == "videos":
            assert [v["filename"] for v in body["videos"]] == [me["video"]]
        elif kind == "jobs":
            assert body["jobs"] == []
        elif kind == "mine":
            assert status == 200 and body["token"] == me["tokens"][1]
        elif kind == "theirs":
            assert status == 404 and "no script has the token" in body["detail"]
        elif kind == "edit":
            assert status == 200 and body["script"]["title"].startswith(f"{name} edit")
            me["edits"] += 1
        else:
            assert status == 200 and len(body["tokens"]) == 1
            entry = svc.store.script_entry(body["tokens"][0])
            assert entry["owner"] == me["id"]
    # nothing lost: every edit that was answered 200 is a version of its own user's script
    for me in people.values():
        history = svc.store.versions(me["tokens"][1])
        assert len(history) == 1 + sum(1 for v in history[1:] if v["script"]["title"] != SCRIPT["title"])
        assert len(history) - 1 == me["edits"]
    # after it all: the old key is refused, the new ones work, the users added meanwhile exist
    assert (await client.get("/videos", headers={"X-API-Key": people["cy"]["old"]})).status == 401
    assert (await client.get("/videos", headers={"X-API-Key": people["cy"]["key"]})).status == 200
    assert [u["name"] for u in users.active()] == ["ann", "ben", "cy", "dee", "eve"]
