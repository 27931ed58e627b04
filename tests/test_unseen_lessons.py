"""What the blind judging of the unseen set found (issue 20), each as a general rule with an example of its own:
code and headers are not formulas, a stage direction is not part of a formula, a bar is a label and a value, a
mark is not a shape, a clause that points back is not shown alone, and a sentence keeps its capital."""

from __future__ import annotations

from tests.visual_examples import derived
from vidgen.author import anim as an
from vidgen.author import anim_tables as tb
from vidgen.author.anim_chains import chains
from vidgen.author.choose import _formula_ok
from vidgen.author.complete import whole_clause, whole_sentence
from vidgen.author.derive import derive_visual
from vidgen.author.phrases import defined_term
from vidgen.script.model import Scene


def _kinds(visual: dict) -> list[str]:
    return [e["kind"] for e in visual["elements"]]


def test_code_headers_and_paths_are_not_formulas() -> None:
    assert not _formula_ok("Set-Cookie: token_value=xyz789")
    assert not _formula_ok("POST /login + Cookie: user_name=ann")
    assert _formula_ok("v = u + at")
    assert _formula_ok("log_b(x) = y")   # a subscript written with '_' is maths


def test_a_stage_direction_is_not_part_of_a_formula() -> None:
    found = an.formulas("The formula F = m × a appears, then slides to the left.")
    assert found == ["F = m × a"]


def test_a_bar_is_a_label_and_a_value() -> None:
    # a prime in a formula pairs with a label's quote mark: "': formula g'" is not a bar's name
    note = ("Split screen. Left half labelled 'Uphill': formula g' = 400 × 2. Right half labelled 'Downhill': "
            "formula g' = 400 × 3. A bar chart underneath.")
    assert an.bars(note) == []
    assert [b[0] for b in an.bars("A bar chart comparing 'Oak' at 40% with 'Pine' at 25%.")] == ["Oak", "Pine"]


def test_a_mark_is_not_a_shape_of_the_scene() -> None:
    v = derived("Each corner of the kite meets two sides. The long sides are equal, and so are the short ones.",
                "A kite-shaped quadrilateral drawn as a rhombus, one corner marked by a small circle, and a "
                "triangle beside it for comparison.")
    labels = [i["label"] for e in v["elements"] if e["kind"] == "shapes" for i in e["items"]]
    assert "circle" not in labels


def test_a_clause_that_points_back_is_not_shown_alone() -> None:
    sentence = "Some cooks salt the water early and swear by it; others say it makes no difference at all to the taste."
    assert not whole_clause(sentence, 12).lower().startswith("others")
    assert whole_sentence("And there's an easy way to check it twice.", 14) == "There's an easy way to check it twice"


def test_a_term_keeps_only_the_words_of_its_own_clause() -> None:
    term = defined_term("Engineers copied the bird's wing, literally 'a swept edge'; that kind of borrowing is "
                        "called biomimicry.")
    # its own clause is 'that kind of borrowing', which points back: no words of the clause before stand beside it
    assert term == ("Biomimicry", "")


def test_on_screen_lines_shaped_alike_are_a_list_not_a_headline_and_its_items() -> None:
    listed = Scene(seq=2, text="A good stock needs only a few things. Start with bones and cold water.",
                   on_screen=["2 kg bones", "3 L cold water", "1 onion"], layout="title_and_main_content")
    v = derive_visual(listed, 1, 3, "Stock").model_dump(exclude_none=True)
    labels = [i["label"] for e in v["elements"] for i in e["items"]]
    assert v.get("title") != "2 kg bones" and labels[:3] == ["2 kg bones", "3 L cold water", "1 onion"]
    headed = Scene(seq=2, text="A good stock needs only a few things. Start with bones and cold water.",
                   on_screen=["What you need", "2 kg bones", "3 L cold water"], layout="title_and_main_content")
    v = derive_visual(headed, 1, 3, "Stock").model_dump(exclude_none=True)
    assert v["title"] == "What you need"


def test_a_tables_header_row_is_its_header_not_its_first_row() -> None:
    named = tb.table("A table with a header row 'Planet | Moons' fills in: 'Mars | 2', 'Jupiter | 95', 'Venus | 0'.")
    assert named == (["Planet", "Moons"], [["Mars", "2"], ["Jupiter", "95"], ["Venus", "0"]])
    # a first row of names over rows of values is the header too
    plain = tb.table("A table: 'Metal | Melts at', 'Tin | 232 °C', 'Lead | 327 °C'.")
    assert plain is not None and plain[0] == ["Metal", "Melts at"] and len(plain[1]) == 2


def test_a_loop_of_boxes_closes_and_a_side_input_is_not_a_step() -> None:
    note = ("A 'Pump' box; an arrow leads to 'Filter', which also receives an arrow from 'Dosing tank'. An arrow "
            "leads from 'Filter' to 'Pool', then back to 'Pump', closing the loop.")
    assert chains(note) == [["Pump", "Filter", "Pool", "Pump"]]


def test_a_branching_chart_is_not_drawn_or_listed_as_one_line_of_boxes() -> None:
    note = "Flowchart: 'Is it raining?' → 'No: walk' / 'Yes' → 'Is it windy?' → 'No: umbrella' / 'Yes: stay in'."
    assert chains(note) == []
    v = derived("Rain alone is no reason to stay in. Only rain with strong wind keeps you home.", note)
    labels = [i["label"] for e in v["elements"] for i in e["items"]]
    assert "Yes" not in labels and "flow" not in _kinds(v)


def test_key_points_prefer_sentences_that_stand_on_their_own() -> None:
    v = derived("Copper conducts electricity very well. It is also soft enough to bend by hand. Most house wiring "
                "uses copper for this reason. Aluminium is lighter and cheaper per metre.")
    labels = [i["label"] for e in v["elements"] for i in e["items"]]
    assert labels and not any(label.lower().startswith("it ") for label in labels)


def test_a_sentence_ending_on_the_pronoun_its_verb_acts_on_is_whole() -> None:
    from vidgen.author.complete import is_cut
    from vidgen.service.viewer import cut_phrase

    for whole in ("Most of the heat escapes before it reaches you", "The dog was loyal to her"):
        assert not is_cut(whole) and cut_phrase(whole) is None
    for cut in ("The kettle boiled and then it", "The plan is to put it"):
        assert is_cut(cut)   # a pronoun that starts a clause, or one a verb needs more after


def test_a_named_polygon_is_drawn_with_its_own_number_of_sides() -> None:
    from vidgen.draw.kinds.shapes import outline_points

    for name, sides in (("pentagon", 5), ("hexagon", 6), ("octagon", 8)):
        points, closed = outline_points(name, 100.0)
        corners = {(round(x, 3), round(y, 3)) for x, y in points}
        assert closed and len(corners) == sides, name
    v = derived("A triangle has three sides, a square has four and a hexagon has six. Each shape's corners add "
                "up to a different total.", "A triangle, a square and a hexagon side by side, each labelled.")
    labels = [i["label"] for e in v["elements"] if e["kind"] == "shapes" for i in e["items"]]
    assert "hexagon" in labels


def test_a_property_said_of_another_thing_is_not_a_shapes() -> None:
    v = derived("You know a triangle has three corners. But what about a square, a pentagon, or a shape with 12 "
                "sides? Each one splits into triangles.")
    details = [i.get("detail") for e in v["elements"] if e["kind"] == "bullets" for i in e["items"]]
    assert not any("12" in (d or "") for d in details)


def test_a_headline_never_only_announces_and_a_flow_box_is_the_thing_itself() -> None:
    from vidgen.author.phrases import headline, key_phrase

    for says_nothing in ("Its main idea is simple.", "Chemists have a name for this.", "Then stir the pot.",
                         "Another reason is cost."):
        assert headline([says_nothing]) == "", says_nothing
    assert key_phrase("Then comes the harvest.", 5) == "The harvest"
    assert key_phrase("There's the frame.", 5) == "The frame"


def test_a_tables_row_quoted_beside_a_drawing_reads_as_a_row() -> None:
    v = derived("Every shape here splits into triangles from one corner. Count the triangles and multiply by 180 "
                "degrees.", "A triangle, a square and a hexagon appear in a row. Below them, the rows '3 | 180°', "
                "'4 | 360°', '6 | 720°' fade in.")
    labels = [i["label"] for e in v["elements"] for i in e["items"]]
    assert "4: 360°" in labels and not any("|" in label for label in labels)
