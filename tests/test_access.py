"""Users and ownership on every route (issue 21), in process: the matrix of every route the app
serves against six callers, generated from the app's own route table; no existence oracle; lists
that show only the caller's items (an admin's with `owner`); the old frontend's uid; per-user
limits; each user's chat channels; cross-site writes (issue 25, item 4).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.conftest import seed
from vidgen.server.app import ServerConfig, create_app
from vidgen.store.names import video_name
from vidgen.store.users import LOCAL

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d4944415478da63fccf00000302010097fd5ae10000000049454e44ae426082") + b"\0" * 64
SCRIPT = {"title": "Levers", "scenes": [{"seq": 1, "text": "A lever turns a small push into a big one.",
                                         "anim": "A plank on a rock."},
                                        {"seq": 2, "text": "Move the rock and the push changes."}]}
ROLES = ("owner", "other", "admin", "no key", "wrong key", "rotated key")


@dataclass
class World:
    svc: Any
    keys: dict[str, str | None] = field(default_factory=dict)   # role -> key
    ids: dict[str, str] = field(default_factory=dict)           # role -> user id
    names: dict[str, str] = field(default_factory=dict)

    def script(self, role: str = "owner") -> str:
        store = self.svc.store
        token = store.reserve_script("levers", **({"owner": self.ids[role]} if role in self.ids else {}))
        store.add_version(token, SCRIPT, "written")
        return token

    def job(self, token: str) -> str:
        from vidgen.jobs import JobService

        options = self.svc.render_options({"quality": "low", "tts_provider": "mock"})
        return JobService(self.svc).submit(token, None, options)["job_id"]

    def video(self, token: str) -> str:
        renders = self.svc.settings.renders
        renders.mkdir(parents=True, exist_ok=True)
        name = video_name(SCRIPT["title"], token, 1, self.svc.options(quality="low", tts="mock").variant())
        (renders / name).write_bytes(b"\0\0\0\x18ftypmp42" + b"\0" * 200)
        (renders / (name[:-4] + ".vtt")).write_text("WEBVTT\n")
        return name

    def upload(self, role: str = "owner") -> str:
        folder = self.svc.owners.uploads(self.caller(role))
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "dot-0123456789.png").write_bytes(PNG)
        return "dot-0123456789.png"

    def caller(self, role: str):
        from vidgen.store.users import caller_of

        return caller_of(self.svc.owners.users.by_id(self.ids[role]))

    def headers(self, role: str) -> dict[str, str]:
        key = self.keys.get(role)
        return {"X-API-Key": key} if key else {}


@pytest.fixture
def world(svc):
    svc.settings.user_jobs = 0  # the matrix queues many jobs for one owner: limits have their own test
    users = svc.owners.users
    w = World(svc)
    for role, name, admin in (("owner", "alice", False), ("other", "bob", False), ("admin", "root", True),
                              ("rotated", "carol", False)):
        record, key = users.add(name, admin)
        w.keys[role], w.ids[role], w.names[role] = key, record["id"], name
    w.keys["rotated key"] = w.keys.pop("rotated")
    users.rotate("carol")
    w.keys["wrong key"] = "vgk_0123456789ab_" + "A" * 43
    w.keys["no key"] = None
    return w


async def client_for(aiohttp_client, svc, **config):
    return await aiohttp_client(create_app(svc, ServerConfig(**{"run_jobs": False, "submit_wait": 30, **config})))


# -- the rules: every route the app serves has one; a new route without one fails the test ---------------------
# kind: "open" (anyone), "worker" (the worker secret, never a user's key), "session" (sign in / out),
#       "mine" (needs a key; names nothing: acts on or lists the caller's own), "owned" (its path names the
#       owner's item: another user gets 404). `make(world, role)` -> (path, kwargs); `ok`: the owner's status.
@dataclass
class Rule:
    kind: str
    make: Any
    ok: int = 200
    admin: int | None = None   # when an admin's answer is not the owner's


def on_script(path: str, body: Any = None, **kw: Any):
    def make(w: World, role: str):
        token = w.script()
        return path.format(token=token), ({"json": body} if body is not None else kw)
    return make


def on_job(path: str):
    def make(w: World, role: str):
        return path.format(job_id=w.job(w.script())), {}
    return make


def on_video(path: str, sidecar: bool = False):
    def make(w: World, role: str):
        name = w.video(w.script())
        return path.format(filename=name[:-4] + ".vtt" if sidecar else name), {}
    return make


def plain(path: str, **kw: Any):
    return lambda w, role: (path, kw)


def submit(w: World, role: str):
    return "/submit", {"json": {"text": "how levers work", "uid": w.names.get(role, "x"), "chatID": "chat-m"}}


def media_delete(w: World, role: str):
    return f"/api/media/{w.upload()}", {}


RENDER = {"quality": "low", "tts_provider": "mock"}
RULES: dict[tuple[str, str], Rule] = {
    ("GET", "/"): Rule("open", plain("/")),
    ("GET", "/health"): Rule("open", plain("/health")),
    ("GET", "/openapi.json"): Rule("open", plain("/openapi.json")),
    ("GET", "/docs"): Rule("open", plain("/docs")),
    ("GET", "/studio"): Rule("open", plain("/studio")),
    ("GET", "/studio/assets"): Rule("open", plain("/studio/assets/app.js")),
    ("POST", "/api/session"): Rule("session", plain("/api/session")),
    ("GET", "/api/session"): Rule("session", plain("/api/session")),
    ("DELETE", "/api/session"): Rule("open", plain("/api/session")),  # signing out needs nothing
    ("POST", "/api/generate_scripts"): Rule("mine", plain("/api/generate_scripts",
                                                          json={"topic": "levers", "count": 1})),
    ("GET", "/api/script/{token}"): Rule("owned", on_script("/api/script/{token}")),
    ("POST", "/api/script/{token}"): Rule("owned", on_script("/api/script/{token}", {"title": "Better levers"})),
    ("POST", "/api/generate/{token}"): Rule("owned", on_script("/api/generate/{token}", RENDER)),
    ("GET", "/api/job/{job_id}"): Rule("owned", on_job("/api/job/{job_id}")),
    ("GET", "/api/jobs"): Rule("mine", plain("/api/jobs")),
    ("GET", "/api/scripts"): Rule("mine", plain("/api/scripts")),
    ("GET", "/api/music/preview"): Rule("mine", plain("/api/music/preview?mood=calm")),
    ("DELETE", "/api/job/{job_id}"): Rule("owned", on_job("/api/job/{job_id}")),
    ("POST", "/api/validate_config"): Rule("mine", plain("/api/validate_config", json=RENDER)),
    ("POST", "/api/media"): Rule("mine", plain("/api/media?filename=dot.png", data=PNG,
                                               headers={"Content-Type": "image/png"})),
    ("GET", "/api/media"): Rule("mine", plain("/api/media")),
    # an upload is named inside its owner's own folder: an admin deletes only their own, like anyone
    ("DELETE", "/api/media/{upload}"): Rule("owned", media_delete, admin=404),
    ("GET", "/api/voices"): Rule("mine", plain("/api/voices")),
    ("GET", "/api/options"): Rule("mine", plain("/api/options")),
    ("GET", "/api/script/{token}/scenes/{seq}/frame"):
        Rule("owned", on_script("/api/script/{token}/scenes/1/frame?quality=low")),
    ("POST", "/api/estimate"): Rule("mine", plain("/api/estimate", json=SCRIPT)),
    ("GET", "/api/script/{token}/check"): Rule("owned", on_script("/api/script/{token}/check")),
    # an unsaved scene, nothing of anyone's: every signed-in caller may look at their own draft
    ("POST", "/api/preview/frame"): Rule("mine", plain("/api/preview/frame", json={
        "scene": {"seq": 1, "text": "Levers trade force for distance."}, "t": 0.5, "quality": "low"})),
    ("POST", "/api/job/{job_id}/cancel"): Rule("owned", on_job("/api/job/{job_id}/cancel")),
    ("GET", "/api/writers"): Rule("mine", plain("/api/writers")),
    ("GET", "/api/script/{token}/scenes/{seq}/visual"): Rule("owned", on_script("/api/script/{token}/scenes/1/visual")),
    ("GET", "/api/script/{token}/versions"): Rule("owned", on_script("/api/script/{token}/versions")),
    ("GET", "/api/workers"): Rule("mine", plain("/api/workers")),
    ("POST", "/api/worker/hello"): Rule("worker", plain("/api/worker/hello", json={"worker": "w"})),
    ("POST", "/api/worker/jobs/{job_id}/start"): Rule("worker", on_job("/api/worker/jobs/{job_id}/start")),
    ("POST", "/api/worker/jobs/{job_id}/progress"): Rule("worker", on_job("/api/worker/jobs/{job_id}/progress")),
    ("GET", "/api/worker/jobs/{job_id}/media/{seq}"): Rule("worker", on_job("/api/worker/jobs/{job_id}/media/1")),
    ("POST", "/api/worker/jobs/{job_id}/files/{name}"):
        Rule("worker", on_job("/api/worker/jobs/{job_id}/files/x.mp4")),
    ("POST", "/api/worker/jobs/{job_id}/finish"): Rule("worker", on_job("/api/worker/jobs/{job_id}/finish")),
    ("POST", "/submit"): Rule("mine", submit),
    ("POST", "/update_script/{token}"): Rule("owned", on_script("/update_script/{token}", {"script": SCRIPT})),
    ("POST", "/confirm_script/{token}"): Rule("owned", on_script("/confirm_script/{token}", {"config": RENDER})),
    ("GET", "/generation_status/{job_id}"): Rule("owned", on_job("/generation_status/{job_id}")),
    ("GET", "/generation_jobs"): Rule("mine", plain("/generation_jobs")),
    ("DELETE", "/generation_job/{job_id}"): Rule("owned", on_job("/generation_job/{job_id}")),
    # each user's chat ids are their own: another user listens to a chat of their own by that id
    ("GET", "/events/{chatID}"): Rule("mine", plain("/events/chat-m")),
    ("GET", "/videos"): Rule("mine", plain("/videos")),
    ("GET", "/video-info/{filename}"): Rule("owned", on_video("/video-info/{filename}")),
    ("GET", "/stream/{filename}"): Rule("owned", on_video("/stream/{filename}")),
    ("GET", "/download/{filename}"): Rule("owned", on_video("/download/{filename}", sidecar=True)),
}


def expected(rule: Rule, role: str) -> int | tuple[int, ...]:
    if rule.kind == "open":
        return rule.ok
    if rule.kind == "worker":
        return 401  # a user's key is no worker secret, whoever holds it
    if role in ("no key", "wrong key", "rotated key"):
        return 401
    if role == "other" and rule.kind == "owned":
        return 404
    if role == "admin" and rule.admin is not None:
        return rule.admin
    return rule.ok


def served_routes(app) -> set[tuple[str, str]]:
    return {(r.method, r.resource.canonical) for r in app.router.routes() if r.method != "HEAD"}


async def test_every_route_against_every_caller(aiohttp_client, world):
    client = await client_for(aiohttp_client, world.svc)
    served = served_routes(client.app)
    assert served - set(RULES) == set(), "routes with no rule in tests/test_access.py RULES"
    assert set(RULES) - served == set(), "rules for routes that no longer exist"
    failures = []
    for (method, _), rule in sorted(RULES.items()):
        made: dict[str, tuple[str, dict]] = {}
        # the owner comes last and the admin has items of their own: a DELETE that works removes nothing
        # another cell still needs (the items are made once per route: store writes are fsynced)
        for role in ("no key", "wrong key", "rotated key", "other", "owner", "admin"):
            share = rule.kind in ("owned", "worker") and role != "admin"
            if not share or "shared" not in made:
                made["shared" if share else role] = rule.make(world, role)
            path, kw = made["shared" if share else role]
            kw = dict(kw)
            headers = {**kw.pop("headers", {}), **world.headers(role)}
            client.session.cookie_jar.clear()  # each cell is its own caller: no session carried over
            r = await client.request(method, path, headers=headers, **kw)
            if "event-stream" in r.headers.get("Content-Type", ""):
                r.close()
            else:
                await r.read()
            want = expected(rule, role)
            if r.status != want:
                failures.append(f"{method} {path} as {role}: {r.status}, expected {want}")
            elif r.status in (401, 404) and r.headers.get("Content-Type", "").startswith("application/json"):
                body = await r.json()
                assert (set(body) == {"detail"}) if path.startswith("/api/") else body["success"] is False
    assert failures == [], "\n".join(failures)


async def test_another_users_item_is_exactly_a_nonexistent_one(aiohttp_client, world):
    """Same status, headers and body (the id aside) as for an id nothing has: nothing tells them apart."""
    client = await client_for(aiohttp_client, world.svc)
    token = world.script()
    job = world.job(token)
    video = world.video(token)
    ghost_video = video.replace(token, "f" * 10)
    pairs = [(f"/api/script/{token}", "/api/script/ffffffffff", token, "ffffffffff"),
             (f"/update_script/{token}", "/update_script/ffffffffff", token, "ffffffffff"),
             (f"/api/script/{token}/scenes/1/frame", "/api/script/ffffffffff/scenes/1/frame", token, "ffffffffff"),
             (f"/api/script/{token}/scenes/1/visual?as=formula", "/api/script/ffffffffff/scenes/1/visual?as=formula",
              token, "ffffffffff"),
             (f"/api/job/{job}", "/api/job/" + "f" * 16, job, "f" * 16),
             (f"/generation_status/{job}", "/generation_status/" + "f" * 16, job, "f" * 16),
             (f"/stream/{video}", f"/stream/{ghost_video}", video, ghost_video),
             (f"/download/{video}", f"/download/{ghost_video}", video, ghost_video),
             (f"/video-info/{video}", f"/video-info/{ghost_video}", video, ghost_video)]
    for theirs, nothing, real_id, ghost_id in pairs:
        method = "POST" if theirs.startswith("/update_script") else "GET"
        body = {"script": SCRIPT} if method == "POST" else None
        answers = []
        for path in (theirs, nothing):
            r = await client.request(method, path, json=body, headers=world.headers("other"))
            answers.append((r.status, sorted(k for k in r.headers if k not in ("Date",)),
                            (await r.text()).replace(real_id, "ID").replace(ghost_id, "ID")))
        assert answers[0] == answers[1], (theirs, answers)
        assert answers[0][0] == 404


async def test_lists_show_the_callers_items_and_an_admin_sees_all_with_owners(aiohttp_client, world):
    client = await client_for(aiohttp_client, world.svc)
    mine, theirs = world.script("owner"), world.script("other")
    jobs = {world.job(mine): "alice", world.job(theirs): "bob"}
    videos = {world.video(mine): "alice", world.video(theirs): "bob"}
    old_token = world.svc.store.create_script(seed("test-topic"))  # the machine's own (the CLI's)
    for role, name in (("owner", "alice"), ("other", "bob")):
        got = await (await client.get("/api/jobs", headers=world.headers(role))).json()
        assert {j["job_id"] for j in got["jobs"]} == {j for j, who in jobs.items() if who == name}
        assert all("owner" not in j for j in got["jobs"])
        got = await (await client.get("/generation_jobs", headers=world.headers(role))).json()
        assert {j["job_id"] for j in got["jobs"]} == {j for j, who in jobs.items() if who == name}
        got = await (await client.get("/videos", headers=world.headers(role))).json()
        assert {v["filename"] for v in got["videos"]} == {v for v, who in videos.items() if who == name}
        assert got["count"] == 1
    assert {s["token"] for s in world.svc.list_scripts(world.caller("owner"))} == {mine}
    got = await (await client.get("/api/jobs", headers=world.headers("admin"))).json()
    assert {j["job_id"]: j["owner"] for j in got["jobs"]} == jobs
    got = await (await client.get("/videos", headers=world.headers("admin"))).json()
    assert {v["filename"]: v["owner"] for v in got["videos"]} == videos
    everyone = {s["token"]: s["owner"] for s in world.svc.list_scripts(world.caller("admin"))}
    assert everyone == {mine: "alice", theirs: "bob", old_token: LOCAL}
    # a removed user's work stays, shown as theirs, and a new user of the same name does not get it
    world.svc.owners.users.remove("bob")
    world.svc.owners.users.add("bob")
    got = await (await client.get("/videos", headers=world.headers("admin"))).json()
    assert {v["filename"]: v["owner"] for v in got["videos"]} == {**videos, **{v: "bob (removed)" for v, who in
                                                                           videos.items() if who == "bob"}}


async def test_a_title_cannot_claim_another_users_video(aiohttp_client, world):
    """A video belongs to the script its name says, checked against that version's stored title."""
    client = await client_for(aiohttp_client, world.svc)
    victim = world.script("owner")
    victim_video = world.video(victim)
    store = world.svc.store
    # bob titles his script with alice's video's name, hoping his file name parses as alice's
    token = store.reserve_script("x", owner=world.ids["other"])
    store.add_version(token, {**SCRIPT, "title": victim_video[:-4]}, "written")
    renders = world.svc.settings.renders
    his = video_name(victim_video[:-4], token, 1)
    (renders / his).write_bytes(b"\0" * 64)
    assert world.svc.owners.video_owner(his) == world.ids["other"]
    assert world.svc.owners.video_owner(victim_video) == world.ids["owner"]
    assert (await client.get(f"/stream/{victim_video}", headers=world.headers("other"))).status == 404
    assert (await client.get(f"/stream/{his}", headers=world.headers("other"))).status == 200


async def test_the_old_frontends_uid_is_the_callers_name_or_recorded_for_the_old_key(aiohttp_client, world):
    client = await client_for(aiohttp_client, world.svc, api_key="old-deployment-key")
    body = {"text": "how levers work", "uid": "someone-else", "chatID": "c1"}
    r = await client.post("/submit", json=body, headers=world.headers("owner"))
    assert r.status == 403 and (await r.json())["success"] is False
    assert world.svc.store.chat_owners("c1") == []  # nothing was made
    r = await client.post("/submit", json={**body, "uid": "alice"}, headers=world.headers("owner"))
    assert r.status == 200
    r = await client.post("/submit", json={**body, "chatID": "c2"}, headers={"X-API-Key": "old-deployment-key"})
    assert r.status == 200
    chats = world.svc.store._read("index.json").table("chats").all()
    assert {(c["chatID"], c.get("owner"), c["uid"]) for c in chats} == {("c1", world.ids["owner"], "alice"),
                                                                         ("c2", None, "someone-else")}


async def read_events(resp, until: str, timeout: float = 20) -> list[dict]:
    seen: list[dict] = []
    buf = b""

    async def pump():
        nonlocal buf
        async for chunk in resp.content.iter_any():
            buf = (buf + chunk).replace(b"\r\n", b"\n")  # a "\r" at a chunk's end meets its "\n" next time
            while b"\n\n" in buf:
                block, buf = buf.split(b"\n\n", 1)
                for line in block.decode().splitlines():
                    if line.startswith("data:"):
                        seen.append(json.loads(line[5:]))
                        if seen[-1]["type"] == until:
                            return
    await asyncio.wait_for(pump(), timeout)
    return seen


async def test_one_users_events_never_reach_another_on_the_same_chat_id(aiohttp_client, world):
    client = await client_for(aiohttp_client, world.svc)
    alice = await client.get("/events/shared-chat", headers=world.headers("owner"))
    bob = await client.get("/events/shared-chat", headers=world.headers("other"))
    assert [e["type"] for e in await read_events(alice, "connected")] == ["connected"]
    assert [e["type"] for e in await read_events(bob, "connected")] == ["connected"]
    r = await client.post("/submit", json={"text": "how levers work", "uid": "alice", "chatID": "shared-chat"},
                          headers=world.headers("owner"))
    assert r.status == 200
    tokens = set((await r.json())["tokens"])
    got = await read_events(alice, "all_scripts_complete")
    assert {e["readyToken"] for e in got if e["type"] == "script_ready"} == tokens
    # bob's stream of his own "shared-chat": his own script's events arrive, none of alice's
    r = await client.post("/submit", json={"text": "how pulleys work", "uid": "bob", "chatID": "shared-chat"},
                          headers=world.headers("other"))
    his = set((await r.json())["tokens"])
    got = await read_events(bob, "all_scripts_complete")
    assert {e["readyToken"] for e in got if e["type"] == "script_ready"} == his
    assert not tokens & set(json.dumps(got).split('"'))
    # the admin hears alice's chat (she has it; the admin has none of that id)
    admin = await client.get("/events/shared-chat", headers={**world.headers("admin"), "Last-Event-ID": "0"})
    replayed = await read_events(admin, "all_scripts_complete")
    assert {e["readyToken"] for e in replayed if e["type"] == "script_ready"} in (tokens, his)
    for r in (alice, bob, admin):
        r.close()


async def test_limits_per_user_answer_429_with_retry_after(aiohttp_client, world, monkeypatch):
    svc = world.svc
    svc.settings.user_jobs = 1
    svc.settings.user_media = 200
    client = await client_for(aiohttp_client, svc, rate_limit=2)
    for _ in range(2):
        r = await client.post("/api/generate_scripts", json={"topic": "t", "count": 1}, headers=world.headers("owner"))
        assert r.status == 200
    r = await client.post("/api/generate_scripts", json={"topic": "t", "count": 1}, headers=world.headers("owner"))
    assert r.status == 429 and int(r.headers["Retry-After"]) >= 1
    # per user, not per address: bob, from the same address, still may
    r = await client.post("/api/generate_scripts", json={"topic": "t", "count": 1}, headers=world.headers("other"))
    assert r.status == 200
    token, other = world.script("owner"), world.script("other")
    assert (await client.post(f"/api/generate/{token}", json=RENDER, headers=world.headers("owner"))).status == 200
    r = await client.post(f"/api/generate/{token}", json=RENDER, headers=world.headers("owner"))
    assert r.status == 429 and int(r.headers["Retry-After"]) >= 1 and "at once" in (await r.json())["detail"]
    # bob's render is not refused for alice's
    assert (await client.post(f"/api/generate/{other}", json=RENDER, headers=world.headers("other"))).status == 200
    up = {"data": PNG, "headers": {"Content-Type": "image/png", **world.headers("owner")}}
    assert (await client.post("/api/media?filename=a.png", **up)).status == 200
    r = await client.post("/api/media?filename=b.png", data=PNG + b"\1", headers=up["headers"])
    assert r.status == 429 and "Retry-After" in r.headers
    assert [u["name"] for u in (await (await client.get("/api/media", headers=world.headers("owner"))).json())
            ["uploads"]] == [u for u in [p.name for p in world.svc.owners.uploads(world.caller("owner")).iterdir()]]
    # deleting an upload makes room again
    listed = await (await client.get("/api/media", headers=world.headers("owner"))).json()
    name = listed["uploads"][0]["name"]
    assert (await client.delete(f"/api/media/{name}", headers=world.headers("owner"))).status == 200
    assert (await client.post("/api/media?filename=b.png", data=PNG + b"\1", headers=up["headers"])).status == 200


async def test_a_user_may_name_only_their_own_uploads(aiohttp_client, world):
    client = await client_for(aiohttp_client, world.svc)
    up = await client.post("/api/media?filename=dot.png", data=PNG,
                           headers={"Content-Type": "image/png", **world.headers("other")})
    theirs = (await up.json())["path"]
    assert theirs.startswith("media/u")
    token = world.script("owner")
    scene = {"seq": 1, "text": "A lever.", "media": theirs}
    ghost = {**scene, "media": theirs.replace("dot-", "nothing-")}
    answers = []
    for s in (scene, ghost):
        r = await client.post(f"/update_script/{token}", json={"script": {"title": "x", "scenes": [s]}},
                              headers=world.headers("owner"))
        answers.append((r.status, (await r.json())["message"].replace(s["media"], "P")))
    assert answers[0] == answers[1] and answers[0][0] == 400 and "not one of your uploads" in answers[0][1]
    r = await client.post("/api/validate_config", json={"music": theirs}, headers=world.headers("owner"))
    assert (await r.json())["valid"] is False
    mine = await client.post("/api/media?filename=dot.png", data=PNG,
                             headers={"Content-Type": "image/png", **world.headers("owner")})
    scene["media"] = (await mine.json())["path"]
    r = await client.post(f"/update_script/{token}", json={"script": {"title": "x", "scenes": [scene]}},
                          headers=world.headers("owner"))
    assert r.status == 200
    # an admin may name anything under VIDGEN_HOME, as the machine's own user may
    r = await client.post(f"/update_script/{token}", json={"script": {"title": "x", "scenes": [{**scene,
                          "media": theirs}]}}, headers=world.headers("admin"))
    assert r.status == 200


async def test_keys_and_sessions(aiohttp_client, world):
    client = await client_for(aiohttp_client, world.svc)
    key = world.keys["owner"]
    for headers in ({"X-API-Key": key}, {"Authorization": f"Bearer {key}"}):
        assert (await client.get("/api/jobs", headers=headers)).status == 200
    assert (await client.get(f"/api/jobs?api_key={key}")).status == 200  # old clients, in the URL
    r = await client.get("/api/jobs", headers={"X-API-Key": "not-a-vidgen-key"})
    assert r.status == 401 and "vgk_" in (await r.json())["detail"]
    r = await client.get("/generation_jobs", headers={"X-API-Key": key[:-1] + ("B" if key[-1] != "B" else "C")})
    body = await r.json()
    assert r.status == 401 and body["success"] is False and "\n" not in body["message"]
    # the studio's sign-in: a session for alice, that a rotation ends at once
    r = await client.post("/api/session", headers={"X-API-Key": key})
    assert r.status == 200 and (await r.json())["user"] == "alice"
    assert (await (await client.get("/api/session")).json())["user"] == "alice"
    assert (await client.get("/videos")).status == 200
    world.svc.owners.users.rotate("alice")
    assert (await client.get("/videos")).status == 401
    assert (await client.get("/api/jobs", headers={"X-API-Key": key})).status == 401


async def test_no_users_no_key_is_the_machines_own_user_on_loopback_only(aiohttp_client, svc):
    local = await client_for(aiohttp_client, svc)
    assert (await local.get("/api/jobs")).status == 200
    session = await (await local.get("/api/session")).json()
    assert session == {"signed_in": True, "needed": False, "user": LOCAL, "admin": True}
    exposed = await client_for(aiohttp_client, svc, open_without_key=False)
    r = await exposed.get("/api/jobs")
    assert r.status == 401 and "vidgen users add" in (await r.json())["detail"]
    assert (await exposed.get("/health")).status == 200


async def test_cross_site_writes_are_refused_whatever_their_body(aiohttp_client, svc):
    """Issue 25, item 4: by default only pages of this machine may call; a foreign page changes nothing."""
    client = await client_for(aiohttp_client, svc)
    token = svc.store.create_script(seed("test-topic"))
    from vidgen.jobs import JobService

    job = JobService(svc).submit(token, None, svc.render_options(RENDER))["job_id"]
    evil = {"Origin": "http://evil.example"}
    for method, path, kw in (("POST", f"/api/generate/{token}", {}),
                             ("POST", f"/confirm_script/{token}", {"data": "", "headers": {
                                 "Content-Type": "application/x-www-form-urlencoded"}}),
                             ("POST", f"/api/job/{job}/cancel", {}),
                             ("POST", "/api/media?filename=a.png", {"data": PNG,
                                                                   "headers": {"Content-Type": "text/plain"}}),
                             ("DELETE", f"/api/job/{job}", {})):
        headers = {**kw.pop("headers", {}), **evil}
        r = await client.request(method, path, headers=headers, **kw)
        assert r.status == 403, (path, r.status)
        assert "Access-Control-Allow-Origin" not in r.headers
    assert JobService(svc).get(job)["status"] == "pending"
    assert len(JobService(svc).list()) == 1 and not (svc.settings.home / "media").exists()
    r = await client.get("/generation_jobs", headers=evil)
    assert "Access-Control-Allow-Origin" not in r.headers
    # the old frontend on localhost:3000 needs no setting
    local = {"Origin": "http://localhost:3000"}
    r = await client.post(f"/api/job/{job}/cancel", headers=local)
    assert r.status == 200 and r.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"


async def test_with_users_a_key_in_a_header_is_taken_only_from_allowed_origins(aiohttp_client, world):
    client = await client_for(aiohttp_client, world.svc, cors_origins=["https://app.example"])
    for origin, status in (("http://evil.example", 403), ("https://app.example", 200), ("http://localhost:3000", 200)):
        r = await client.get("/api/jobs", headers={**world.headers("owner"), "Origin": origin})
        assert r.status == status, origin
