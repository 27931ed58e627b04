"""Why a derived picture was chosen and its runners-up (issue 20, item 1): GET .../scenes/{seq}/visual says
which candidate drew the scene, why in words and which others can draw it, and `?as=NAME` draws it as one
of them, over HTTP to an in-process server on 127.0.0.1. (The studio's buttons: tests/test_studio_runner_up.py.)
"""

from __future__ import annotations

import json

from tests import runner_up_cases as cases


async def test_a_derived_picture_says_why_and_draws_as_a_runner_up(make_client, svc):
    case = cases.find(cases.chosen_with_another_kind)
    other = cases.other_kind(case.choice)
    alice, key = svc.owners.users.add("alice")
    _, bob_key = svc.owners.users.add("bob")
    mine = {"X-API-Key": key}
    token = svc.store.reserve_script(case.name, owner=alice["id"])
    svc.store.add_version(token, case.script, "written")
    client = await make_client()
    url = f"/api/script/{token}/scenes/{case.seq}/visual"
    r = await client.get(url, headers=mine)
    assert r.status == 200
    body = await r.json()
    chosen = case.choice["chosen"]
    assert body["derived"] is True and body["chosen"] == chosen
    assert set(chosen) == {"name", "kind", "score", "why", "said"}
    assert chosen["kind"] in [e["kind"] for e in body["visual"]["elements"]]
    assert body["because"].startswith(f"Drawn as {chosen['said']}, because ")
    assert f"“{chosen['why'][0]}”" in body["because"]
    # the same candidates as `vidgen show --json` gives, each runner-up saying whether it can draw the scene
    from vidgen.author.describe import pictures
    from vidgen.script.model import parse_script

    shown = next(p for p in pictures(parse_script(case.script)) if p["seq"] == case.seq)
    assert [{k: v for k, v in c.items() if k != "draws"} for c in body["runners_up"]] == shown["runners_up"]
    assert next(c for c in body["runners_up"] if c["name"] == other["name"])["draws"] is True

    r = await client.get(url, params={"as": other["name"]}, headers=mine)
    assert r.status == 200
    drawn = await r.json()
    assert drawn["chosen"]["name"] == other["name"] and drawn["because"].startswith(f"Drawn as {other['said']}")
    assert other["kind"] in [e["kind"] for e in drawn["visual"]["elements"]]
    assert drawn["visual"] != body["visual"] and drawn["summary"] != body["summary"]
    assert chosen["name"] in [c["name"] for c in drawn["runners_up"]]  # the way back
    assert [v["version"] for v in svc.store.versions(token)] == [1]  # looking stores nothing

    for name, words in (("no such drawing", "not a way this scene's words can be drawn"), ("", "as names nothing"),
                        ("x" * 300, "not a way")):
        r = await client.get(url, params={"as": name}, headers=mine)
        assert r.status == 400 and r.content_type == "application/json", (name, r.status)
        detail = (await r.json())["detail"]
        assert words in detail and "Traceback" not in detail, detail
    # another user's script is a 404 exactly like one nobody has, with or without ?as=
    answers = []
    for path in (url, f"/api/script/ffffffffff/scenes/{case.seq}/visual"):
        r = await client.get(path, params={"as": other["name"]}, headers={"X-API-Key": bob_key})
        answers.append((r.status, (await r.text()).replace(token, "ID").replace("ffffffffff", "ID")))
    assert answers[0] == answers[1] and answers[0][0] == 404


async def test_a_runner_up_that_cannot_draw_is_listed_not_offered_and_key_points_say_so(make_client, svc):
    client = await make_client()
    case = cases.find(cases.cannot_draw)
    token = svc.store.create_script(case.script, topic=case.name)
    url = f"/api/script/{token}/scenes/{case.seq}/visual"
    body = await (await client.get(url)).json()
    weak = next(c for c in body["runners_up"] if c["draws"] is False)
    r = await client.get(url, params={"as": weak["name"]})
    assert r.status == 400
    assert (await r.json())["detail"].startswith(f"this scene's words do not give enough to draw “{weak['name']}”")
    case = cases.find(cases.key_points_with_a_weak_runner_up)
    token = svc.store.create_script(case.script, topic=case.name)
    body = await (await client.get(f"/api/script/{token}/scenes/{case.seq}/visual")).json()
    assert body["chosen"] is None
    assert body["because"] == "No drawing was clearly supported by the words, so the scene shows its key points."
    # a scene with its own picture has no candidates to name, but can still be drawn from its words
    case = cases.find(cases.chosen_with_another_kind)
    script = json.loads(json.dumps(case.script))
    own = next(s for s in script["scenes"] if s["seq"] == case.seq)
    own["visual"] = {"elements": [{"id": "T", "kind": "text", "items": [{"label": "Our own words"}]}]}
    token = svc.store.create_script(script, topic=case.name)
    url = f"/api/script/{token}/scenes/{case.seq}/visual"
    body = await (await client.get(url)).json()
    assert body["derived"] is False and "chosen" not in body and "runners_up" not in body
    r = await client.get(url, params={"as": case.choice["chosen"]["name"]})
    assert r.status == 200
    assert case.choice["chosen"]["kind"] in [e["kind"] for e in (await r.json())["visual"]["elements"]]


def test_why_in_words_quotes_each_supporting_word_once_from_where_it_is() -> None:
    from vidgen.author.why import because
    from vidgen.script.model import Scene

    scene = Scene.model_validate({"seq": 1, "text": "Savings grow while debt grows faster, year after year.",
                                  "anim": "Split screen: 'Savings' on the left, 'Debt' on the right."})
    halves = {"name": "two halves from the note", "why": ["Savings", "Debt", "savings", "and"]}
    assert because(scene, halves) == ("Drawn as two halves side by side, because the note of what the viewer sees "
                                      "names “Savings”, “Debt”.")
    steps = {"name": "steps in order", "why": ["Savings grow while debt grows faster, year after year"]}
    assert because(scene, steps) == ("Drawn as steps in order, because the narration says “Savings grow while debt "
                                     "grows faster, year after year”.")
    elsewhere = {"name": "formula", "why": ["a = b + c"]}  # words from no field of the scene (a computed picture)
    assert because(scene, elsewhere) == "Drawn as a formula, because its words say “a = b + c”."
    assert because(scene, {"name": "something new", "why": []}) == ("Drawn as something new, the drawing its words "
                                                                     "support best.")
