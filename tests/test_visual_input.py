"""A visual a user saves is checked as strictly from the CLI as over HTTP: one line naming the scene
and the field, exit 2 / 400, nothing stored. `vidgen show` says each scene's picture in words."""

import copy
import json

import pytest

from tests.conftest import http, seed

TEXT = "Take z1 with length 2 and z2 with length 3. Multiply them. The product has length 6."
GOOD = {"layout": "split", "title": "Magnitudes multiply",
        "elements": [{"id": "P", "kind": "plane", "x_range": [-1, 4], "y_range": [-1, 6.5],
                      "items": [{"id": "z1", "label": "$z_1$", "x": 1.88, "y": 0.68},
                                {"id": "z2", "label": "$z_2$", "x": 1.93, "y": 2.3},
                                {"id": "p", "label": "$z_1 z_2$", "x": 2.05, "y": 5.64}]},
                     {"id": "E", "kind": "equation", "items": [{"label": "$|z_1 z_2| = |z_1|\\,|z_2| = 6$"}]}],
        "steps": [{"sentence": 0, "action": "show", "target": "P.z1"},
                  {"sentence": 0, "action": "show", "target": "P.z2"},
                  {"sentence": 1, "action": "show", "target": "P.p"},
                  {"sentence": 2, "action": "show", "target": "E"}]}


def broken(change):
    visual = copy.deepcopy(GOOD)
    change(visual)
    return visual


# (a broken visual, what the one-line error must say)
CASES = [
    (broken(lambda v: v["steps"][1].update(target="P.z3")), "scene 3, visual step 2: no item 'z3' in element P"),
    (broken(lambda v: v["steps"][2].update(sentence=7)), "scene 3, visual step 3: sentence 7 is past the narration"),
    (broken(lambda v: v["elements"][0].update(kind="hologram")), "scene 3, visual element 1 kind is 'hologram'"),
    (broken(lambda v: v["steps"][0].update(action="explode")), "scene 3, visual step 1 action is 'explode'"),
    (broken(lambda v: v["elements"][1]["items"][0].update(label="$\\frac{1}{$")), "does not parse"),
    (broken(lambda v: v["elements"].append({"id": "F", "kind": "plot", "items": [{"label": "__import__('os')"}]})),
     "is not a function of x"),
    (broken(lambda v: v["elements"].append({"id": "F", "kind": "plot", "items": [{"label": "x.real"}]})),
     "attribute access is not allowed"),
    (broken(lambda v: v["elements"].append({"id": "F", "kind": "plot", "items": [{"label": "(lambda: 1)()"}]})),
     "not allowed"),
    (broken(lambda v: v["elements"].extend([{"id": f"T{i}", "kind": "text", "items": [{"label": "a"}]}
                                             for i in range(3)])), "elements has 5 entries; the limit is 4"),
    (broken(lambda v: v["steps"].append({"sentence": 0, "action": "rotate", "target": "E.0", "value": 30})),
     "rotate turns one plane item"),
    # every value is bounded: a billion degrees would draw millions of turns
    (broken(lambda v: v["steps"].append({"sentence": 0, "action": "rotate", "target": "P.z1", "value": 1e9})),
     "scene 3, visual step 5: rotate turns by at most 3600 degrees either way (ten turns), not 1e+09"),
    (broken(lambda v: v["elements"].append({"id": "M", "kind": "matrix", "items": [{"label": "1 " * 9}]})),
     "scene 3, visual element 3 (M) item 1: a matrix row has at most 8 entries, not 9"),
    (broken(lambda v: v["steps"][0].update(sentence=10 ** 6)),
     "scene 3, visual step 1 sentence should be less than or equal to 4999"),
    # a field vidgen does not know: the message lists the ones it does, not a document the user lacks
    (broken(lambda v: v["elements"][1]["items"][0].update(colour="red")),
     "scene 3, visual element 2 item 1 colour is not a field vidgen knows here; remove it (an item has: id, label,"),
]


def script_with(visual):
    script = seed("complex-number-multiplication-a-visual-journey")
    script["scenes"][2]["text"] = TEXT
    script["scenes"][2]["visual"] = visual
    return script


@pytest.fixture
def token(svc):
    return svc.store.create_script(svc.validate(script_with(GOOD)).dump())


@pytest.mark.parametrize("visual,says", CASES, ids=range(len(CASES)))
def test_a_broken_visual_is_refused_by_the_cli_naming_scene_and_field(cli, svc, token, visual, says):
    proc = cli("edit", token, "--file", "-", input=json.dumps(script_with(visual)))
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0] and "Traceback" not in proc.stderr, proc.stderr
    assert [v["version"] for v in svc.history(token)] == [1]  # nothing stored


def test_a_broken_visual_is_refused_over_http_the_same_way(svc, token, server):
    base, _, _ = server
    for visual, says in CASES:
        scene = {"seq": 3, "text": TEXT, "visual": visual}
        status, _, body = http(f"{base}/api/script/{token}", "POST", {"scenes": [scene]})
        assert status == 400 and says in json.loads(body)["detail"], (says, body)
        status, _, body = http(f"{base}/update_script/{token}", "POST", {"script": script_with(visual)})
        assert status == 400 and says in json.loads(body)["message"], (says, body)
    assert [v["version"] for v in svc.history(token)] == [1]
    status, _, body = http(f"{base}/api/script/{token}", "POST", {"scenes": [{"seq": 3, "visual": GOOD}]})
    assert status == 200 and json.loads(body)["version"] == 1  # the same visual again changes nothing


def test_show_says_each_scenes_picture_in_words_and_json_includes_it(cli, token):
    text = cli("show", token).stdout
    # math as it reads, not its markup
    assert "plane with z₁ to (1.88, 0.68)" in text and "sentence 2 (“Multiply them.”): show P.p" in text
    assert "picture (derived from the words)" in text  # the other scenes' pictures, as a render draws them
    shown = cli.json("show", token)
    by_seq = {p["seq"]: p for p in shown["pictures"]}
    assert by_seq[3] == {"seq": 3, "derived": False, "visual": GOOD}  # the scene's own, as stored
    assert by_seq[1]["derived"] is True
    assert {e["kind"] for e in by_seq[1]["visual"]["elements"]} & {"plane", "equation"}  # complex numbers drawn
    assert "visual" not in shown["script"]["scenes"][0]  # derived pictures are not written into the script
