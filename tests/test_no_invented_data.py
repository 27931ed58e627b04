"""No invented data (issue 20): a chart shows only numbers the words state, each of the thing it labels, and a
curve described in words is a sketch of that shape without numbers on its axes."""

from __future__ import annotations

import pytest

from vidgen.author.anim_graphs import shape_expr
from vidgen.author.derive import derive_visual
from vidgen.author.derive_words import measured
from vidgen.script.model import Scene


def _scene(text: str, anim: str = "") -> Scene:
    return Scene.model_validate({"seq": 1, "text": text, "anim": anim})


def _bars(text: str, anim: str = "") -> list[tuple[str, float | None]]:
    visual = derive_visual(_scene(text, anim), 0, 3, "Kitchen numbers")
    return [(i.label, i.value) for e in visual.elements if e.kind == "bars" for i in e.items]


@pytest.mark.parametrize(("sentence", "found"), [
    ("The glaze needs 300 grams of sugar, 40 grams of butter and 20 grams of cocoa.",
     [("Sugar", 300.0), ("Butter", 40.0), ("Cocoa", 20.0)]),
    ("Potters mix that as 60 percent clay and 25 percent sand, by weight.", [("Clay", 60.0), ("Sand", 25.0)]),
    ("In the final, the Falcons won about 55 percent of the games.", [("Falcons", 55.0)]),
])
def test_a_bar_is_a_named_thing_and_the_number_stated_of_it(sentence: str, found: list[tuple[str, float]]) -> None:
    assert [(t, v) for t, v, _ in measured(sentence)] == found


@pytest.mark.parametrize("sentence", [
    "Chefs write that as 70 percent.",                    # 'write' is not what 70 percent measures
    "The court is 28 metres long and 15 metres wide.",    # how a number is meant, not a thing measured
    "The scale is said to be 95 percent accurate.",       # an adjective, not a thing
    "A child 1.2 metres tall casts a shadow 0.8 metres long.",
    "The true figure is closer to 4 percent.",            # the number is of nothing named in its clause
])
def test_a_number_next_to_stray_words_is_no_bar(sentence: str) -> None:
    assert measured(sentence) == []


def test_a_scene_of_stray_numbers_gets_no_chart() -> None:
    text = ("The label says the scale is 95 percent accurate. So there is a 95 percent chance it is right? "
            "The true figure is closer to 40 percent, and the court outside is 28 metres long.")
    assert _bars(text) == []


def test_one_thing_measured_twice_is_not_a_chart_of_things() -> None:
    text = "Between a 2 percent charge and a 0.5 percent charge, the charge decides a lot. Most pay 2 percent charge."
    assert _bars(text) == []


def test_stated_amounts_make_a_true_chart() -> None:
    text = ("A small cake uses 200 grams of flour, 150 grams of sugar and 100 grams of butter. "
            "Bake it for forty minutes and let it cool.")
    assert _bars(text) == [("Flour", 200.0), ("Sugar", 150.0), ("Butter", 100.0)]


@pytest.mark.parametrize(("words", "shape"), [
    ("a curve drops steeply then levels off", "1 + 9*exp(-x/2)"),
    ("a curve falls from 80 to 40, 20 and 10 at steps 1, 2 and 3", "1 + 9*exp(-x/2)"),
    ("the curve climbs steeply and flattens near 100%", "10 - 9*exp(-x/2.5)"),
    ("a straight line sloping downward", "10 - x"),
])
def test_a_curve_looks_as_its_words_say(words: str, shape: str) -> None:
    assert shape_expr(words, 0) == shape


def test_a_curve_described_in_words_is_a_sketch_without_numbers() -> None:
    anim = ("A graph with horizontal axis 'Days without watering' and vertical axis 'Soil moisture'. "
            "A curve drops quickly then levels off.")
    visual = derive_visual(_scene("Soil dries fast at first. Then it dries more slowly.", anim), 0, 3, "Gardens")
    plots = [e for e in visual.elements if e.kind == "plot"]
    assert plots and plots[0].sketch
    assert plots[0].items[0].label != "10 - x"   # not a straight line
    assert plots[0].caption == "Soil moisture against Days without watering"
    assert visual.model_dump()["elements"][0].get("sketch") is True


def test_sketch_is_drawn_without_ticks_and_only_on_plots() -> None:
    from vidgen.visual.spec import Visual

    with pytest.raises(ValueError, match="sketch belongs to plot"):
        Visual.model_validate({"elements": [{"id": "B", "kind": "bullets", "sketch": True,
                                             "items": [{"label": "One"}]}]})
    plain = Visual.model_validate({"elements": [{"id": "B", "kind": "bullets", "items": [{"label": "One"}]}]})
    assert "sketch" not in plain.model_dump()["elements"][0]   # stored scripts read back unchanged


def _plots(text: str, anim: str = "") -> list[list[str]]:
    visual = derive_visual(_scene(text, anim), 0, 3, "Curves")
    return [[i.label for i in e.items] for e in visual.elements if e.kind == "plot"]


@pytest.mark.parametrize("text", [
    "A kicked football rises and falls along a parabola. Its height depends on how hard it is kicked.",
    "Every quadratic has a parabola as its graph. Some open upwards and some downwards.",
    "Bacteria can grow exponentially when food is plentiful. The colony doubles again and again.",
    "A guitar string vibrates back and forth, and the air carries a sine wave to your ear.",
])
def test_a_named_family_of_curves_is_no_plot_of_a_default_member(text: str) -> None:
    # 'parabola' names no function: y = x^2 with its numbers would be invented
    assert _plots(text) == []


def test_a_stated_function_is_plotted() -> None:
    assert _plots("Take the curve y = x^2 - 4, a parabola. It crosses the axis twice.") == [["x^2 - 4"]]


@pytest.mark.parametrize("words", [
    "the line dips into the valley at noon and climbs back by evening",   # down and up: not one way
    "the tide line repeats twice a day",
    "a curve that goes in cycles through the seasons",
])
def test_a_line_that_goes_down_and_up_or_repeats_is_no_straight_line(words: str) -> None:
    assert shape_expr(words, 0) == ""


def test_a_note_of_cycles_draws_no_straight_line() -> None:
    anim = ("A graph of one day, with horizontal axis 'Hour' and vertical axis 'Water level'. "
            "The line falls at low tide and rises again at high tide.")
    assert _plots("The sea rises and falls twice a day. Sailors plan around it.", anim) == []


@pytest.mark.parametrize("anim", [
    "A chart with axes 'Minutes' and 'Temperature'. The line climbs, wobbles and falls again and again.",
    "A graph: horizontal axis 'Days' and vertical axis 'Water level'; it goes up and down with the seasons.",
])
def test_without_its_graph_an_axis_name_is_not_a_point(anim: str) -> None:
    text = ("A kettle left on a stove warms and cools in waves. The thermostat switches the flame on and off "
            "to hold the water near a set point.")
    visual = derive_visual(_scene(text, anim), 1, 3, "Kitchen numbers")
    labels = [i.label for e in visual.elements for i in e.items]
    assert not any(e.kind == "plot" for e in visual.elements)
    assert labels and not {"Minutes", "Temperature", "Days", "Water level"} & set(labels), labels
