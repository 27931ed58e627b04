"""Pictures follow words: a scene's picture after its words change, and what a save marks as hand-edited."""

import json

NARRATION = "Tomatoes need the right conditions. Warm soil and full sun help them grow."


def _script(visual: dict, **scene) -> dict:
    return {"title": "Growing tomatoes", "scenes": [{"seq": 1, "text": NARRATION, "visual": visual, **scene}]}


BULLETS = {"id": "B", "kind": "bullets", "items": [{"label": "The right conditions"},
                                                   {"label": "Warm soil and full sun"}]}


def _labels(scene: dict) -> list[str]:
    return [item["label"] for el in scene["visual"]["elements"] for item in el["items"]]


def test_new_words_derive_the_picture_again_and_keep_what_a_person_edited(svc):
    own = {"id": "N", "kind": "text", "items": [{"label": "Grown on my balcony"}], "edited": True}
    token = svc.store.create_script(svc.validate(_script({"elements": [BULLETS, own]},
                                                         on_screen=["The right conditions"])).dump())
    new_words = "Tomatoes love heat. Water them every morning and feed them compost."
    version, saved = svc.edit(token, {"scenes": [{"seq": 1, "text": new_words}]}, merge=True)
    scene = saved["scenes"][0]
    labels = _labels(scene)
    assert "The right conditions" not in labels and "Warm soil and full sun" not in labels
    assert "Grown on my balcony" in labels                      # the hand-edited element stays
    assert any("heat" in label.lower() for label in labels)     # the rest says the new words
    assert "on_screen" not in scene                             # the old narration's key line went with it
    assert version == 2


def test_a_change_that_keeps_the_pictures_words_keeps_the_picture(svc):
    token = svc.store.create_script(svc.validate(_script({"elements": [BULLETS]}, on_screen=["My own line"])).dump())
    typo = NARRATION.replace("help them grow", "helps them grow") + " Pick them when red."
    _, saved = svc.edit(token, {"scenes": [{"seq": 1, "text": typo}]}, merge=True)
    assert saved["scenes"][0]["visual"]["elements"] == [BULLETS]
    assert saved["scenes"][0]["on_screen"] == ["My own line"]   # never said by the narration: the person's own


def test_stale_evidence_rederives_an_unedited_element_and_flags_an_edited_one(svc):
    quoted = {**BULLETS, "evidence": [{"source": "text", "quote": "the right conditions"}]}
    token = svc.store.create_script(svc.validate(_script({"elements": [quoted]})).dump())
    _, saved = svc.edit(token, {"scenes": [{"seq": 1, "text": "Tomatoes need warmth. Warm soil and full sun "
                                                              "help them grow."}]}, merge=True)
    assert "The right conditions" not in _labels(saved["scenes"][0])
    kept = {**quoted, "edited": True}
    token = svc.store.create_script(svc.validate(_script({"elements": [kept]})).dump())
    _, saved = svc.edit(token, {"scenes": [{"seq": 1, "text": "Tomatoes need warmth. Warm soil and full sun "
                                                              "help them grow."}]}, merge=True)
    assert saved["scenes"][0]["visual"]["elements"] == [kept]
    problems = svc.check(token)["problems"]
    assert [p["message"] for p in problems if p["what"] == "stale evidence"] == [
        "the picture says 'the right conditions'; the narration no longer does"]


def test_a_whole_script_sent_back_follows_its_words_too(svc):
    token = svc.store.create_script(svc.validate(_script({"elements": [BULLETS]})).dump())
    sent = svc.get_script(token)["script"]
    sent["scenes"][0]["text"] = "Basil grows anywhere. It only needs water."
    _, saved = svc.edit(token, sent)
    assert "The right conditions" not in _labels(saved["scenes"][0])


def test_a_save_marks_the_elements_it_changed_by_hand(svc):
    other = {"id": "T", "kind": "text", "items": [{"label": "Warm soil"}]}
    token = svc.store.create_script(svc.validate(_script({"elements": [BULLETS, other]})).dump())
    changed = json.loads(json.dumps(svc.get_script(token)["script"]))
    changed["scenes"][0]["visual"]["elements"][1]["items"][0]["label"] = "Warm soil, always"
    _, saved = svc.edit(token, changed)
    elements = saved["scenes"][0]["visual"]["elements"]
    assert "edited" not in elements[0] and elements[1]["edited"] is True
    # a derived picture made editable and saved unchanged is still the words' picture
    token = svc.store.create_script(svc.validate({"title": "Growing tomatoes",
                                                  "scenes": [{"seq": 1, "text": NARRATION}]}).dump())
    from vidgen.author.describe import pictures
    from vidgen.script.model import parse_script

    derived = pictures(parse_script(svc.get_script(token)["script"]))[0]["visual"]
    _, saved = svc.edit(token, {"scenes": [{"seq": 1, "visual": derived}]}, merge=True)
    assert not any(el.get("edited") for el in saved["scenes"][0]["visual"]["elements"])


def test_show_flags_an_element_whose_words_are_gone(cli, svc):
    kept = {**BULLETS, "evidence": [{"source": "text", "quote": "The right conditions"}], "edited": True}
    token = svc.store.create_script(svc.validate(_script({"elements": [kept]})).dump())
    svc.edit(token, {"scenes": [{"seq": 1, "text": "Tomatoes need warmth. Warm soil and full sun help them grow."}]},
             merge=True)
    proc = cli("show", token)
    assert proc.returncode == 0
    assert "the picture says 'The right conditions'; the narration no longer does" in proc.stdout
    doc = cli.json("show", token)
    assert [p["where"] for p in doc["stale_evidence"]] == ["B"]
