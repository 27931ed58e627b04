"""Notes on screen in complete words (issue 20, items 3 and 4): a rule line is decoration, a detail too long for
its line keeps whole sentences, a headline is a phrase that stands alone or nothing, and a list of worked
formulas is shown as formulas, not cut into labels."""

from __future__ import annotations

from typing import Any

from vidgen.author.complete import on_screen_ok
from vidgen.service.viewer import cut_phrase
from vidgen.writers.notes import script_from_notes
from vidgen.writers.notes_labels import headline, short


def _labels(script: dict[str, Any]) -> list[str]:
    out = []
    for scene in script["scenes"]:
        out += scene["on_screen"]
        visual = scene.get("visual") or {}
        out += [visual.get("title") or ""]
        for el in visual.get("elements", []):
            out += [el.get("caption") or ""]
            out += [x for item in el["items"] for x in (item.get("label", ""), item.get("detail") or "")]
    return [x for x in out if x]


def test_a_plain_text_rule_is_decoration_not_part_of_the_heading():
    sheet = ("Revision sheet\n\n" + "=" * 40 + "\nKEY CAUSES\n" + "=" * 40 +
             "\nMoney ran out after the war. Bread cost half a day's wage.\n\n" + "-" * 40 + "\nTIMELINE\n" +
             "-" * 40 + "\nThe Estates-General met in May. The Bastille fell in July.\n")
    script = script_from_notes(None, sheet, 0)
    assert not [x for x in _labels(script) if "===" in x or "---" in x]
    assert [s["on_screen"][0] for s in script["scenes"]][-2:] == ["KEY CAUSES", "TIMELINE"]


def test_a_long_detail_keeps_whole_sentences_never_a_cut_at_a_width():
    notes = ("# Cron\n\n## Gotchas\n\n- **No seconds field.** Standard cron cannot run more often than once a minute. "
             "Some tools (Quartz, some operators) add a sixth field for seconds; check before copying.\n"
             "- **Daylight saving.** A job at half past two may run twice or be skipped on the night the clocks "
             "change in zones that change at two.\n")
    script = script_from_notes(None, notes, 0)
    details = [item.get("detail") for s in script["scenes"] for el in (s.get("visual") or {}).get("elements", [])
               for item in el["items"]]
    assert "Standard cron cannot run more often than once a minute." in details
    for label in _labels(script):
        assert cut_phrase(label) is None, label
        assert not label.startswith((".", ",")), label


def test_short_chooses_whole_sentences_or_a_phrase():
    text = "Healthy roots are firm and white or pale tan. Cut away any that are black, mushy or smell bad."
    assert short(text, 60) == "Healthy roots are firm and white or pale tan."
    assert not short("Close the quick-release or tighten the axle, close the brake, and spin the wheel to check "
                     "it runs true", 70).endswith("…")
    assert short(text, 200) == text


def test_a_headline_stands_alone_or_there_is_none():
    assert headline("Honey bees live in colonies of up to sixty thousand insects.") == "Honey bees live in colonies"
    # a subordinate clause or a phrase that only leads one is not a headline
    assert headline("When I am in an unfamiliar city with a train to catch, I would no more navigate by a plan.") == ""
    assert headline("Over a year in the UK, a well-sited system typically produces around 3,400 kWh.") == ""
    essay = ("# In Praise of Paper Maps\n\nThe first time I got lost was on a hillside in fog.\n\n"
             "When I am in an unfamiliar city with a train to catch, I would no more navigate by a paper street "
             "plan than I would wash my clothes in the river. But I have come to think that something was lost "
             "in the exchange, and that it is worth naming.\n")
    script = script_from_notes(None, essay, 0)
    for scene in script["scenes"]:
        assert all(on_screen_ok(x) for x in scene["on_screen"]), scene["on_screen"]


def test_a_list_of_worked_formulas_is_shown_as_formulas():
    notes = ("# Worked example\n\nA block on a spring is pulled and released.\n\n"
             "1. $\\omega = \\sqrt{200 / 0.50} = \\sqrt{400} = 20$ rad/s\n"
             "2. $a_{max} = A\\omega^2 = 0.050 \\times 400 = 20$ m/s²\n"
             "3. Check: $\\tfrac{1}{2}(0.50)(1.0)^2 = 0.25$ J\n")
    script = script_from_notes(None, notes, 0)
    kinds = [el["kind"] for s in script["scenes"] for el in (s.get("visual") or {}).get("elements", [])]
    assert kinds == ["equation"]
    formulas = [item["label"] for s in script["scenes"] for el in s["visual"]["elements"] for item in el["items"]]
    assert "$\\frac{1}{2}(0.50)(1.0)^2 = 0.25$" in formulas   # a text-size fraction is drawn, not dropped


def test_a_flow_node_is_never_a_subject_cut_from_its_verb_or_a_number_cut_at_its_comma():
    from vidgen.author.derive import derive_visual
    from vidgen.script.model import parse_script

    script = parse_script({"title": "Solar panels", "scenes": [
        {"seq": 1, "text": "Panels need light.", "on_screen": ["Solar panels"]},
        {"seq": 2, "text": "Yes, but less well. On a bright overcast day a system might produce 10 to 25 percent of "
                           "its full output. Over a year, a well-sited 4 kW system typically produces around "
                           "3,400 kWh, which is more than a household uses."}]})
    scenes = script.ordered_scenes()
    visual = derive_visual(scenes[1], 1, 2, script.title)
    labels = [item.label for el in visual.elements for item in el.items]
    assert "a system might" not in labels and "Around 3" not in labels, labels
    for label in labels:
        assert cut_phrase(label) is None, label


def test_a_timeline_label_loses_its_date_not_its_words():
    from vidgen.writers.notes_visual import _event

    assert _event("The harvest of 1788 failed.") == "The harvest of 1788 failed"
    assert _event("20-21 June 1791 Flight to Varennes: the King tries to escape.") == "Flight to Varennes"
    assert _event("His Bible was finished in 1455, and about 180 copies were printed.") == "His Bible was finished"
    # a number is not a year: '17,000' keeps its digits ('Roughly 17' was left of it)
    assert _event("Roughly 17,000 official executions, and many more.") == "Roughly 17,000 official executions"


def test_a_plain_text_sheet_in_capitals_is_titled_by_its_first_line():
    sheet = ("THE FRENCH REVOLUTION -- REVISION SHEET\nHistory, Year 11\n\n" + "=" * 30 + "\nKEY CAUSES\n" +
             "=" * 30 + "\nMoney ran out after the war. Bread cost half a day's wage.\n")
    assert script_from_notes(None, sheet, 0)["title"] == "THE FRENCH REVOLUTION -- REVISION SHEET"
    # a sentence in capitals is said, not made a title
    shouted = "KEEP THE LID ON.\n\nThe pot boils over when the lid is off. Stir it twice.\n"
    assert script_from_notes(None, shouted, 0)["scenes"][0]["text"].startswith("KEEP THE LID ON.")
