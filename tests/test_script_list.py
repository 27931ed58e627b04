"""`GET /api/scripts` (issue 24, item 1): the caller's scripts, newest first, in pages, with the very
rows `vidgen scripts --json` prints; another user's never show."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.test_access import SCRIPT, World, client_for, world  # noqa: F401  (the fixture)
from vidgen.service.script_list import page


async def test_a_users_scripts_newest_first_in_pages_and_no_one_elses(aiohttp_client, world):  # noqa: F811
    mine = [world.script("owner") for _ in range(5)]
    theirs = world.script("other")
    world.svc.store.update_script(mine[1], lambda s: {**s, "title": "Levers, again"}, "edited")  # now the newest
    world.video(mine[2])
    client = await client_for(aiohttp_client, world.svc)
    owner = world.headers("owner")

    seen, before, pages = [], None, 0
    while True:
        r = await client.get("/api/scripts", params={"limit": "2", **({"before": before} if before else {})},
                             headers=owner)
        assert r.status == 200
        body = await r.json()
        assert body["total"] == 5 and len(body["scripts"]) <= 2
        seen += body["scripts"]
        pages += 1
        before = body["next"]
        if before is None:
            break
    assert pages == 3
    tokens = [s["token"] for s in seen]
    assert sorted(tokens) == sorted(mine) and theirs not in tokens   # every one once, and only mine
    assert tokens[0] == mine[1]
    assert [s["updated"] for s in seen] == sorted((s["updated"] for s in seen), reverse=True)
    by_token = {s["token"]: s for s in seen}
    assert by_token[mine[1]]["versions"] == 2 and by_token[mine[1]]["title"] == "Levers, again"
    assert by_token[mine[2]]["rendered"] is True and by_token[mine[2]]["rendered_versions"] == [1]
    assert by_token[mine[0]]["rendered"] is False
    assert all("owner" not in s for s in seen)

    r = await client.get("/api/scripts", headers=world.headers("other"))
    assert [s["token"] for s in (await r.json())["scripts"]] == [theirs]
    r = await client.get("/api/scripts", headers=world.headers("admin"))
    body = await r.json()
    assert body["total"] == 6 and {s["owner"] for s in body["scripts"]} == {"alice", "bob"}

    for bad in ({"limit": "0"}, {"limit": "x"}, {"before": "yesterday"}, {"before": "1.5_NOT-A-TOKEN"}):
        r = await client.get("/api/scripts", params=bad, headers=owner)
        assert r.status == 400
        assert set(await r.json()) == {"detail"}


def test_one_page_cursor_keeps_scripts_of_the_same_millisecond():
    rows = [{"token": f"{i:010x}", "updated": 100.0} for i in range(5)] + [{"token": "f" * 10, "updated": 99.0}]
    first = page(rows, 2)
    second = page(rows, 2, first["next"])
    rest = page(rows, 10, second["next"])
    tokens = [r["token"] for p in (first, second, rest) for r in p["scripts"]]
    assert sorted(tokens) == sorted(r["token"] for r in rows) and len(tokens) == 6
    assert rest["next"] is None
    assert [r["token"] for r in page(rows, None, "100")["scripts"]] == ["f" * 10]  # a plain time: strictly older


def test_the_cli_lists_the_same_rows_as_the_route(aiohttp_client, home):
    """`vidgen scripts --json` and GET /api/scripts: the same fields for the same script (one rule)."""
    from vidgen.service import Vidgen

    svc = Vidgen()
    token = svc.import_script(SCRIPT)[0]
    out = subprocess.run([sys.executable, "-m", "vidgen", "scripts", "--json"], capture_output=True, text=True,
                         cwd=home, check=True)
    printed = json.loads(out.stdout)
    served = svc.scripts_page(limit=50)
    assert printed["total"] == served["total"] == 1
    assert printed["scripts"] == served["scripts"]
    assert printed["scripts"][0]["token"] == token and printed["scripts"][0]["rendered"] is False
