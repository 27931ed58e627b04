"""Choosing a scene's picture by evidence (issue 20): scores over several signals, the animator's note read as a
description, complete words on screen, and evidence on every derived element."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vidgen.author.complete import is_cut, shorten
from vidgen.author.derive import derive_choice, derive_visual
from vidgen.author.phrases import quoted
from vidgen.script.model import Scene, parse_script

CORPUS = Path(__file__).parent / "corpus"


def _scene(text: str, anim: str = "", **extra: object) -> Scene:
    return Scene.model_validate({"seq": 1, "text": text, "anim": anim, **extra})


def _labels(visual) -> list[str]:  # type: ignore[no-untyped-def]
    out = [visual.title or ""]
    for e in visual.elements:  # words on screen (code, curves' expressions and equations are not sentences)
        out.append(e.caption or "")
        if e.kind not in ("code", "plot", "matrix", "equation"):
            out += [i.label for i in e.items]
        if e.kind not in ("compare", "code"):
            out += [i.detail or "" for i in e.items]
    return [x for x in out if x]


def test_many_meaning_words_never_choose_a_kind_alone() -> None:
    scene = _scene("Testing gets complex when multiple services talk to each other. Each product team owns a table "
                   "of test cases, and the field of possible inputs is huge. Keep the balance between speed and "
                   "coverage, and find the root cause of every failure.")
    choice = derive_choice(scene, 1, 3, "Testing software")
    kinds = {e.kind for e in choice.visual.elements}
    assert not kinds & {"plane", "matrix", "plot", "shapes"}, kinds
    assert choice.chosen is None  # no kind is clearly supported: the scene's key points


def test_a_complex_number_named_as_such_still_draws_the_plane() -> None:
    scene = _scene("A complex number z1 = 3 + 4i has a real part and an imaginary part. Multiply it by z2 = i "
                   "and the vector rotates by 90 degrees.")
    choice = derive_choice(scene, 1, 3, "Complex numbers")
    assert choice.chosen is not None and choice.chosen.kind == "plane"
    assert any(e.kind == "plane" for e in choice.visual.elements)


def test_stage_directions_are_never_content() -> None:
    scene = _scene("Unit tests check one function. Integration tests check how parts work together.",
                   "Split screen. Animated text appears: 'Text definitions'. Left: 'Unit test' box. Right: "
                   "'Integration test' box. Flowchart: Compare. Camera zooms in. Scene transitions to the next.",
                   layout="split_screen")
    visual = derive_visual(scene, 1, 3, "Testing")
    shown = " | ".join(_labels(visual)).lower()
    for direction in ("animated", "text definitions", "flowchart", "camera", "scene transitions", "split screen"):
        assert direction not in shown, shown
    assert "unit test" in shown and "integration test" in shown


def test_boxes_joined_by_arrows_become_a_flow() -> None:
    scene = _scene("The sensor measures the temperature. The controller decides, and the heater acts.",
                   "A 'Sensor' box; an arrow leads to a 'Controller' box. From the controller, an arrow leads to "
                   "a 'Heater' box.")
    choice = derive_choice(scene, 1, 3, "Feedback")
    flow = [e for e in choice.visual.elements if e.kind == "flow"]
    assert flow and [i.label for i in flow[0].items] == ["Sensor", "Controller", "Heater"]
    assert choice.chosen is not None and choice.chosen.name == "flow from the note"


def test_a_bar_chart_a_table_and_a_formula_from_the_note() -> None:
    bars = derive_visual(_scene("Plan A saved 12 percent and plan B saved 30 percent.",
                                "A bar chart comparing 'Plan A' at 12% with 'Plan B' at 30%."), 1, 3, "Plans")
    b = next(e for e in bars.elements if e.kind == "bars")
    assert [(i.label, i.value) for i in b.items] == [("Plan A", 12.0), ("Plan B", 30.0)]
    table = derive_visual(_scene("Water boils at 100 degrees and ethanol at 78.",
                                 "A table with columns 'Liquid' and 'Boiling point'. Rows: 'Water | 100 °C', "
                                 "'Ethanol | 78 °C'."), 1, 3, "Boiling")
    t = next(e for e in table.elements if e.kind == "bullets")
    assert [i.label for i in t.items] == ["Water: 100 °C", "Ethanol: 78 °C"]
    assert t.caption == "Liquid · Boiling point"
    formula = derive_visual(_scene("Ohm's law says V = I × R. So if V = I × R and the current doubles, the voltage "
                                   "doubles too. Remember V = I × R."), 1, 3, "Circuits")
    assert any(e.kind == "equation" for e in formula.elements)


def test_two_labelled_curves_on_labelled_axes_are_a_plot_not_bullets() -> None:
    scene = _scene("The demand curve slopes down. The supply curve slopes up.",
                   "A graph with horizontal axis 'Quantity' and vertical axis 'Price'. A downward-sloping curve "
                   "labelled 'Demand' draws itself, then an upward-sloping curve labelled 'Supply'.")
    visual = derive_visual(scene, 1, 3, "Markets")
    plot = next(e for e in visual.elements if e.kind == "plot")
    assert [i.detail for i in plot.items] == ["Demand", "Supply"]
    assert "Quantity" in (plot.caption or "") and not any(e.kind == "bullets" for e in visual.elements)


@pytest.mark.parametrize(("sentence", "phrase"), [
    # a phrase ends at punctuation or where a relative clause starts, never before a preposition: 'alike' (in every
    # way except ...) and 'does not panic' (in release mode) would drop the sentence's point
    ("Random assignment makes the two groups alike, except for the one thing you changed.",
     "Random assignment makes the two groups alike"),
    ("Integer overflow does not panic, which surprises many people who expect a crash.",
     "Integer overflow does not panic"),
    ("Random assignment makes the two groups alike in every way except the one thing you changed.", ""),
    ("Integer overflow does not panic in release mode but wraps around silently.", ""),
])
def test_shortening_chooses_a_phrase_and_keeps_a_negation(sentence: str, phrase: str) -> None:
    assert shorten(sentence, 7) == phrase
    assert not is_cut(phrase)


def test_a_phrase_that_would_drop_the_negation_is_refused() -> None:
    assert shorten("It is never a good idea to stop the test early just because one version leads.", 4) == ""


def _tune_scenes() -> list[tuple[str, int, Scene, int, str]]:
    split = json.loads((CORPUS / "split.json").read_text())
    out = []
    for rel in split["tune"]["scripts"]:
        script = parse_script(json.loads((CORPUS / rel).read_text()))
        scenes = script.ordered_scenes()
        out += [(rel, i, s, len(scenes), script.title) for i, s in enumerate(scenes)]
    return out


def test_every_tune_corpus_picture_has_complete_words_and_verbatim_evidence() -> None:
    scenes = _tune_scenes()
    assert len(scenes) > 100
    cut, missing = [], []
    for rel, i, scene, total, title in scenes:
        visual = derive_visual(scene, i, total, title)
        theirs = {*scene.on_screen_lines(), *quoted(scene.anim or "")}  # the author's own lines are kept as given
        for label in _labels(visual):
            if "$" not in label and label not in theirs and is_cut(label):
                cut.append(f"{rel} scene {i + 1}: {label!r}")
        fields = {"text": scene.text, "anim": scene.anim or "", "on_screen": "\n".join(scene.on_screen_lines()),
                  "title": title}
        for element in visual.elements:
            if not element.evidence:
                missing.append(f"{rel} scene {i + 1} {element.id}: no evidence")
            for ev in element.evidence:
                if ev.quote not in fields[ev.source]:
                    missing.append(f"{rel} scene {i + 1} {element.id}: {ev.quote!r} not in its {ev.source}")
    assert not cut, "\n".join(cut)
    assert not missing, "\n".join(missing)


def test_runners_up_are_named_and_show_says_why() -> None:
    from vidgen.author.describe import pictures

    script = parse_script({"title": "Prices", "scenes": [{"seq": 1, "text": "In 1990 a stamp cost 25 cents and in "
                           "2024 it cost 73 cents.", "anim": "A bar chart comparing '1990' at 25 with '2024' at 73."}]})
    picture = pictures(script)[0]
    assert picture["chosen"]["name"] == "bar chart from the note"
    assert picture["runners_up"] and all(c["score"] <= picture["chosen"]["score"] for c in picture["runners_up"])
    assert picture["visual"]["elements"][0]["evidence"][0]["source"] == "anim"


def test_a_huge_or_binary_anim_is_bounded_and_never_shown() -> None:
    junk = "".join(chr(c % 32) for c in range(100_000))  # control characters, 100 KB
    huge = "A 'Sensor' box; an arrow leads to a 'Controller' box. " + "x" * 100_000
    for anim in (junk, huge):
        visual = derive_visual(_scene("The sensor measures the temperature and the controller decides.", anim),
                               1, 3, "Feedback")
        assert all(len(label) <= 200 and "\x01" not in label for label in _labels(visual))
        for element in visual.elements:
            assert all(len(ev.quote) <= 300 for ev in element.evidence)


def test_separate_arrow_pairs_are_never_joined_into_one_chain() -> None:
    from vidgen.author.anim_chains import chains

    found = chains("Before: 'Food' → 'Drool'; 'Sound' → 'No response'. After: 'Sound' → 'Drool'.")
    assert ["Food", "Drool", "No response"] not in found and ["Food", "Drool"] in found
    # one box fanning out to two is not a chain through them
    assert chains("A box labelled 'Split'. From it, one arrow leads to 'A' and another to 'B'.") == []


def test_a_runner_up_is_drawn_when_asked_for_by_name_whatever_its_score() -> None:
    from tests import runner_up_cases as cases

    case = cases.find(cases.chosen_with_another_kind)
    args = (case.scene, case.index, case.total, case.title)
    derived = derive_choice(*args)
    other = cases.other_kind(case.choice)
    assert derived.chosen is not None and other is not None
    asked = derive_choice(*args, prefer=other["name"])
    assert asked.chosen is not None and asked.chosen.name == other["name"]
    assert other["kind"] in [e.kind for e in asked.visual.elements]
    assert asked.visual.model_dump() != derived.visual.model_dump()
    assert all(e.evidence for e in asked.visual.elements)  # still justified by the words
    assert derived.chosen.name in [c.name for c in asked.runners_up]  # the derived one is now a runner-up
    # below the score that would choose it on its own: drawn all the same, and the rest of the scene kept
    case = cases.find(cases.key_points_with_a_weak_runner_up)
    args = (case.scene, case.index, case.total, case.title)
    derived = derive_choice(*args)
    low = next(c for c in case.choice["runners_up"] if c["draws"])
    asked = derive_choice(*args, prefer=low["name"])
    assert derived.chosen is None and asked.chosen is not None
    assert low["kind"] in [e.kind for e in asked.visual.elements]
    assert asked.visual.title == derived.visual.title


def test_a_name_that_is_not_a_candidate_or_cannot_draw_is_one_clear_error() -> None:
    from tests import runner_up_cases as cases
    from vidgen.author.derive import CannotDraw

    case = cases.find(cases.chosen_with_another_kind)
    args = (case.scene, case.index, case.total, case.title)
    with pytest.raises(CannotDraw, match="not a way this scene's words can be drawn") as bad:
        derive_choice(*args, prefer="no such drawing")
    assert case.choice["chosen"]["name"] in str(bad.value) and bad.value.http_status == 400
    # a candidate with a score whose recipe then finds too little in the words to draw
    case = cases.find(cases.cannot_draw)
    weak = next(c for c in case.choice["runners_up"] if not c["draws"])
    with pytest.raises(CannotDraw, match=f"do not give enough to draw “{weak['name']}”"):
        derive_choice(case.scene, case.index, case.total, case.title, prefer=weak["name"])
