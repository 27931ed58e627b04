"""Why a derived picture was chosen and its runners-up (issue 20, item 1): GET .../scenes/{seq}/visual says
which candidate drew the scene, why in words and which others can draw it, and `?as=NAME` draws it as one
of them, over HTTP to an in-process server on 127.0.0.1. (The studio's buttons: tests/test_studio_runner_up.py.)
"""

from __future__ import annotations

import json
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus" / "scripts"


def corpus(name: str) -> dict:
    return json.loads((CORPUS / f"{name}.json").read_text())


async def test_a_derived_picture_says_why_and_draws_as_a_runner_up(make_client, svc):
    alice, key = svc.owners.users.add("alice")
    _, bob_key = svc.owners.users.add("bob")
    mine = {"X-API-Key": key}
    token = svc.store.reserve_script("monty hall", owner=alice["id"])
    svc.store.add_version(token, corpus("monty-hall-problem"), "written")
    client = await make_client()
    r = await client.get(f"/api/script/{token}/scenes/4/visual", headers=mine)
    assert r.status == 200
    body = await r.json()
    assert body["derived"] is True and body["chosen"]["name"] == "bar chart from the note"
    assert body["chosen"]["kind"] == "bars" and body["chosen"]["why"] == ["Stick", "Switch"]
    assert [e["kind"] for e in body["visual"]["elements"]] == ["bars"]
    assert body["because"] == "Drawn as a bar chart, because the note of what the viewer sees names “Stick”, “Switch”."
    # the same candidates as `vidgen show --json` gives, each runner-up saying whether it can draw the scene
    from vidgen.author.describe import pictures
    from vidgen.script.model import parse_script

    shown = next(p for p in pictures(parse_script(corpus("monty-hall-problem"))) if p["seq"] == 4)
    assert [{k: v for k, v in c.items() if k != "draws"} for c in body["runners_up"]] == shown["runners_up"]
    halves = next(c for c in body["runners_up"] if c["name"] == "two halves from the note")
    assert halves["draws"] is True and halves["kind"] == "compare"

    r = await client.get(f"/api/script/{token}/scenes/4/visual", params={"as": halves["name"]}, headers=mine)
    assert r.status == 200
    drawn = await r.json()
    assert drawn["chosen"]["name"] == halves["name"] and drawn["because"].startswith("Drawn as two halves side by side")
    assert [e["kind"] for e in drawn["visual"]["elements"]] == ["compare"]
    assert "bar chart from the note" in [c["name"] for c in drawn["runners_up"]]  # the way back
    assert any("compare" in line or "Stick" in line for line in drawn["summary"])
    # looking stores nothing
    assert [v["version"] for v in svc.store.versions(token)] == [1]

    for name, words in (("complex plane", "not a way this scene's words can be drawn"),
                        ("timeline of years", "not a way"), ("", "as names nothing"), ("x" * 300, "not a way")):
        r = await client.get(f"/api/script/{token}/scenes/4/visual", params={"as": name}, headers=mine)
        assert r.status == 400 and r.content_type == "application/json", (name, r.status)
        detail = (await r.json())["detail"]
        assert words in detail and "Traceback" not in detail, detail
    # another user's script is a 404 exactly like one nobody has, with or without ?as=
    answers = []
    for path in (f"/api/script/{token}/scenes/4/visual", "/api/script/ffffffffff/scenes/4/visual"):
        r = await client.get(path, params={"as": halves["name"]}, headers={"X-API-Key": bob_key})
        answers.append((r.status, (await r.text()).replace(token, "ID").replace("ffffffffff", "ID")))
    assert answers[0] == answers[1] and answers[0][0] == 404


async def test_a_runner_up_that_cannot_draw_is_listed_not_offered_and_key_points_say_so(make_client, svc):
    token = svc.store.create_script(corpus("fall-of-the-berlin-wall"), topic="berlin")
    client = await make_client()
    body = await (await client.get(f"/api/script/{token}/scenes/1/visual")).json()
    assert body["chosen"] is None
    assert body["because"] == "No drawing was clearly supported by the words, so the scene shows its key points."
    years = next(c for c in body["runners_up"] if c["name"] == "timeline of years")
    assert years["draws"] is False
    r = await client.get(f"/api/script/{token}/scenes/1/visual", params={"as": years["name"]})
    assert r.status == 400
    assert (await r.json())["detail"].startswith("this scene's words do not give enough to draw “timeline of years”")
    # a scene with its own picture has no candidates to name, but can still be drawn from its words
    script = corpus("monty-hall-problem")
    script["scenes"][3]["visual"] = {"elements": [{"id": "T", "kind": "text", "items": [{"label": "Switch"}]}]}
    token = svc.store.create_script(script, topic="monty")
    own = await (await client.get(f"/api/script/{token}/scenes/4/visual")).json()
    assert own["derived"] is False and "chosen" not in own and "runners_up" not in own
    r = await client.get(f"/api/script/{token}/scenes/4/visual", params={"as": "bar chart from the note"})
    assert r.status == 200 and (await r.json())["visual"]["elements"][0]["kind"] == "bars"


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
