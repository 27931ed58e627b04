"""`vidgen check`: every problem a viewer would see, read from the real layout at 16:9, 9:16 and 1:1."""

import json

import pytest

from vidgen.script.model import parse_script
from vidgen.service.viewer import ASPECTS, check_script, cut_cells, cut_phrase

NARRATION = ("Heat flows from hot things to cold things. Metals carry heat well. "
             "Wood and plastic slow it down, so pans have wooden handles.")


def _script(*visuals: dict) -> dict:
    return {"title": "How heat moves", "scenes": [{"seq": n, "text": NARRATION, "visual": v}
                                                   for n, v in enumerate(visuals, 1)]}


CLEAN = _script({"layout": "full", "title": "How heat moves", "elements": [
    {"id": "B", "kind": "bullets", "items": [{"label": "Heat flows from hot to cold"},
                                             {"label": "Metals carry heat well"},
                                             {"label": "Wood and plastic slow it down"}]}]},
    {"layout": "split", "elements": [
        {"id": "F", "kind": "flow", "items": [{"id": "h", "label": "Hot pan", "to": "c"},
                                              {"id": "c", "label": "Cold handle"}]},
        {"id": "T", "kind": "text", "items": [{"label": "Wooden handles"}]}]})


def _found(problems: list[dict], what: str, seq: int) -> list[dict]:
    return [p for p in problems if p["what"] == what and p["seq"] == seq]


def test_a_clean_script_has_no_problems_and_exits_0(cli, home):
    (home / "clean.json").write_text(json.dumps(CLEAN))
    proc = cli("check", "clean.json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no problems" in proc.stderr
    report = json.loads(cli("check", "clean.json", "--json").stdout)
    assert report["ok"] and report["problems"] == [] and report["aspects"] == list(ASPECTS)


def test_seeded_problems_are_found_where_they_are(cli, home):
    seeded = _script(
        # a cut headline, a label the words never say, evidence whose quote left the narration
        {"elements": [{"id": "B", "kind": "bullets", "items": [{"label": "Heat flows from hot to just"},
                                                               {"label": "Quantum chromodynamics"}],
                       "evidence": [{"source": "text", "quote": "The right conditions"}]}]},
        # six labels at almost the same point of a plane
        {"elements": [{"id": "P", "kind": "plane", "x_range": [-3, 3], "y_range": [-3, 3],
                       "items": [{"id": f"v{k}", "label": f"heat flow {k}", "x": 2 + k * 0.05, "y": 1 + k * 0.05}
                                 for k in range(6)]}]},
        # a caption too long for one line; a word too long for any frame
        {"layout": "split", "elements": [
            {"id": "L", "kind": "text", "items": [{"label": "Heat",
                                                   "detail": "Thermoconductivityofmetalsandalloysexplained"}]},
            {"id": "T", "kind": "text", "items": [{"label": "Metals carry heat well"}],
             "caption": "Metals carry heat well from hot things to cold things so pans have wooden handles"}]},
        {"elements": [{"id": "E", "kind": "text", "items": []}]})
    (home / "seeded.json").write_text(json.dumps(seeded))
    proc = cli("check", "seeded.json")
    assert proc.returncode == 1
    lines = proc.stdout.strip().splitlines()
    report = json.loads(cli("check", "seeded.json", "--json").stdout)["problems"]
    assert len(lines) == len(report)   # one line each
    cut = _found(report, "cut phrase", 1)
    assert [p["where"] for p in cut] == ["B.0"] and '"just"' in cut[0]["message"]
    assert [p["where"] for p in _found(report, "foreign label", 1)] == ["B.1"]
    stale = _found(report, "stale evidence", 1)
    assert stale and stale[0]["message"] == "the picture says 'The right conditions'; the narration no longer does"
    assert {p["aspect"] for p in _found(report, "overlap", 2)} == set(ASPECTS)
    assert all("heat flow" in p["message"] for p in _found(report, "overlap", 2))
    # the long caption wraps at readable type instead of shrinking below it (it used to be the seeded small text)
    assert not _found(report, "text too small", 3)
    # the word too long for any frame runs out of it, or out of its box, at every aspect
    assert {p["aspect"] for p in report if p["seq"] == 3 and p["where"] == "L"
            and p["what"] in ("off frame", "cut off")} == set(ASPECTS)
    assert _found(report, "empty picture", 4)
    assert not _found(report, "foreign label", 2) and not _found(report, "cut phrase", 3)
    assert any(line.startswith("scene 3  9:16") and "off frame (L)" in line for line in lines)


def test_hand_written_labels_are_not_held_to_the_words():
    """A person's own words in a visual are theirs; a derived or evidence-carrying label is checked."""
    mine = _script({"elements": [{"id": "T", "kind": "text", "items": [{"label": "Thermal conduction"}]}]})
    assert not check_script(parse_script(mine), None)
    derived = _script({"elements": [{"id": "T", "kind": "text", "items": [{"label": "Thermal conduction"}],
                                     "evidence": [{"source": "text", "quote": "Heat flows"}]}]})
    assert [p["what"] for p in check_script(parse_script(derived), None)] == ["foreign label"]
    edited = json.loads(json.dumps(derived))
    edited["scenes"][0]["visual"]["elements"][0]["edited"] = True
    assert not check_script(parse_script(edited), None)


@pytest.mark.parametrize("label,cut", [
    ("It's just", True), ("The weight of the", True), ("Put it in the", True), ("A way to…", True),
    ("Guesses: 1, 2, 3… then more", True), ("(like the", True), ("Version A", False), ("Plan B", False),
    ("Heat moves from hot to cold", False), ("Why does it fall?", False), ("Sign in", False),
    ("Guesses: 1, 2, 3…", False), ("It went on and…", True),
    # a wh-clause ends on its own verb; a relative 'which is' or a bare 'It is' does not
    ("Spring constant (N/m): how stiff the spring is", False), ("what it is", False),
    ("Where they were", False), ("The part which is", True), ("It is", True), ("how stiff the", True),
    ("Usually not", False), ("Ready or not", False), ("It is not", True),
])
def test_cut_phrases(label, cut):
    assert (cut_phrase(label) is not None) is cut


def test_check_of_a_stored_script_over_http_and_bad_input(cli, home):
    from vidgen.service import Vidgen

    token = Vidgen().store.create_script(CLEAN, topic="heat")
    assert cli("check", token).returncode == 0
    proc = cli("check", "0123456789")
    assert proc.returncode == 2 and "no script" in proc.stderr
    (home / "bad.json").write_text('{"title": "x", "scenes": [{"seq": 1, "text": ""}]}')
    proc = cli("check", "bad.json")
    assert proc.returncode == 2 and "narration is empty" in proc.stderr and "Traceback" not in proc.stderr


async def test_check_route(make_client, svc):
    client = await make_client()
    token = svc.store.create_script(CLEAN, topic="heat")
    r = await client.get(f"/api/script/{token}/check")
    assert r.status == 200
    body = await r.json()
    assert body["ok"] is True and body["problems"] == [] and body["version"] == 1
    svc.edit(token, {"scenes": [{"seq": 1, "visual": {"elements": [
        {"id": "B", "kind": "bullets", "items": [{"label": "Heat flows from hot to the"}]}]}}]}, merge=True)
    body = await (await client.get(f"/api/script/{token}/check")).json()
    assert not body["ok"] and body["version"] == 2 and body["problems"][0]["what"] == "cut phrase"
    assert (await client.get("/api/script/0123456789/check")).status == 404
    assert (await client.get(f"/api/script/{token}/check?version=x")).status == 400


def test_small_room_keeps_text_readable():
    """A row of five boxes beside a list in a 16:9 split, a ring of four in a square frame, a chart with a
    negative bar: the engine arranges them so no text is under 1/45 of the short side and nothing overlaps."""
    narration = ("Commons stages come first, then Lords stages. Ping-pong if needed, then Royal Assent. "
                 "It becomes an Act of Parliament. Prices fell in Japan. They rose in Britain.")
    flow = {"id": "F", "kind": "flow", "items": [{"label": w} for w in (
        "Commons stages", "Lords stages", "Ping-pong (if needed)", "Royal Assent", "Act of Parliament")]}
    ring = {"id": "R", "kind": "flow", "items": [
        {"id": "a", "label": "Commons stages", "to": "b"}, {"id": "b", "label": "Lords stages", "to": "c"},
        {"id": "c", "label": "Royal Assent", "to": "d"}, {"id": "d", "label": "Act of Parliament", "to": "a"}]}
    bars = {"id": "B", "kind": "bars", "items": [{"label": "Japan", "value": -0.3}, {"label": "Britain", "value": 2.5}]}
    listed = {"id": "L", "kind": "bullets", "items": [{"label": "Royal Assent"}, {"label": "Prices fell in Japan"}]}
    script = {"title": "Acts", "scenes": [{"seq": n, "text": narration, "visual": {"layout": "split", "elements": els}}
                                          for n, els in enumerate(([flow, listed], [ring, listed], [bars, listed]), 1)]}
    problems = check_script(parse_script(script), None)
    assert not problems, "\n".join(f"{p['seq']} {p['aspect']} {p['what']}: {p['message']}" for p in problems)


def test_text_too_small_is_found_from_the_boxes():
    """The engine keeps its own text readable, so the rule is shown on measured boxes: 10 px type on a
    720-px short side is under 1/45 of it; 17 px is not."""
    from vidgen.draw.boxes import ElementBox, SceneBoxes, TextBox
    from vidgen.service.viewer import geometry_problems

    box = (100.0, 100.0, 600.0, 400.0)
    texts = [TextBox(0, "tiny", 10.0, (120.0, 120.0, 160.0, 130.0), box),
             TextBox(0, "fine", 17.0, (120.0, 200.0, 170.0, 217.0), box)]
    frame = SceneBoxes(1280, 720, 560, [ElementBox(0, "B", "bullets", box, box, False)], texts)
    found = geometry_problems(1, "16:9", [frame])
    assert [(p["what"], p["where"]) for p in found] == [("text too small", "B")]
    assert '"tiny" is 10 px high' in found[0]["message"]


def test_a_header_row_is_checked_cell_by_cell_against_the_authors_words():
    """'Mount · Where the data lives · Best for' is a table's header: 'Best for' is the author's name for a
    column, complete as one when their words hold it; a cell no one wrote that way is still a cut."""
    header = "Mount · Where the data lives · Best for"
    assert cut_cells(header, "") == 'has a cell "Best for" that ends on "for"'
    assert cut_cells(header, "A table under its header: Mount; Where the data lives; Best for") is None
    assert cut_cells("Bind mount · The host's", "The host's disk") is None
    assert cut_cells("Bind mount · Put it in the", "Bind mount") is not None


def test_a_word_broken_across_two_lines_is_found() -> None:
    """A drawer that splits a label's word by character ('Befo' over 're' in a narrow card) is a problem a viewer
    sees; a line that ends on a whole word, or on a short word, is not."""
    from vidgen.draw.boxes import ElementBox, SceneBoxes, TextBox
    from vidgen.service.viewer import geometry_problems
    from vidgen.visual.spec import Visual

    visual = Visual.model_validate({"layout": "full", "elements": [{"id": "K", "kind": "compare", "items": [
        {"label": "Before the rain", "detail": "left"}, {"label": "After it", "detail": "right"}]}]})
    box = (100.0, 100.0, 300.0, 400.0)

    def frame(lines: list[str]) -> SceneBoxes:
        texts = [TextBox(0, line, 30.0, (120.0, 120.0 + 40 * k, 280.0, 150.0 + 40 * k), box)
                 for k, line in enumerate(lines)]
        return SceneBoxes(1280, 720, 560, [ElementBox(0, "K", "compare", box, box, False)], texts)

    found = geometry_problems(1, "1:1", [frame(["Befo", "re the rain"])], visual)
    assert [(p["what"], p["where"]) for p in found] == [("word broken", "K")]
    assert '"Before"' in found[0]["message"]
    assert geometry_problems(1, "1:1", [frame(["Before the", "rain"])], visual) == []
