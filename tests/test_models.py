import json

import pytest

from tests.conftest import SEEDS
from vidgen.errors import BadInput
from vidgen.script.model import parse_script
from vidgen.service.edits import merge_scenes


def test_six_seed_scripts_present():
    assert len(SEEDS) == 6


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_scripts_round_trip_unchanged(path):
    data = json.loads(path.read_text())
    script = parse_script(data)
    assert script.dump() == data
    assert json.loads(json.dumps(script.dump())) == data


def test_unknown_fields_are_kept():
    data = {"title": "T", "mood": "calm", "scenes": [{"seq": 1, "text": "Hi there.", "camera": {"zoom": 2}}]}
    assert parse_script(data).dump() == data


def base(**over):
    data = {"title": "A title", "scenes": [{"seq": 1, "text": "One."}, {"seq": 2, "text": "Two."}]}
    data.update(over)
    return data


@pytest.mark.parametrize("data,words", [
    (base(title="  "), "title is empty"),
    (base(scenes=[]), "no scenes"),
    (base(scenes=[{"seq": 1, "text": "a"}, {"seq": 1, "text": "b"}]), "seq 1"),
    (base(scenes=[{"seq": 1, "text": "   "}]), "narration is empty"),
    (base(scenes=[{"seq": i, "text": "x"} for i in range(1, 52)]), "limit is 50"),
    (base(scenes=[{"seq": 1, "text": "x" * 5001}]), "limit is 5000"),
    (base(scenes=[{"seq": 1, "text": "x", "layout": "diagonal"}]), "use one of"),
    (base(scenes=[{"seq": 1}]), "scene 1 narration is missing"),
    ([1, 2], "JSON object"),
])
def test_bad_scripts_get_one_line_reasons(data, words):
    with pytest.raises(BadInput) as err:
        parse_script(data)
    assert words in str(err.value)
    assert "\n" not in str(err.value)


def test_merge_by_seq_changes_adds_and_deletes():
    current = base()
    merged = merge_scenes(current, {"scenes": [{"seq": 2, "text": "Deux."}, {"seq": 3, "text": "Three."},
                                               {"seq": 1, "_delete": True}]})
    assert [s["seq"] for s in merged["scenes"]] == [2, 3]
    assert merged["scenes"][0]["text"] == "Deux."
    assert merged["title"] == "A title"
