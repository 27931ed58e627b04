"""What the paired blind judgings of the unseen8-10 sets taught (issue 20): a line that leans on a sentence not on
screen ('Galton called this ...', 'Chemists call this barrier ...') is counted as cut; a headline that counts, or
names, one thing over several labels them all wrongly; a note's named columns and its arrows' labels are not items
of one list. Each example is written for this file."""

from __future__ import annotations

from typing import Any

from tests.visual_examples import derived, labels_of
from vidgen.author.anim import halves
from vidgen.author.derive import _miscounts, _names_one
from vidgen.author.draft import Draft
from vidgen.author.pointing import informative_order, leans
from vidgen.author.scenery import beside_parts


def _draft(*elements: tuple[str, list[dict[str, Any]], str | None]) -> Draft:
    d = Draft()
    for k, (kind, items, caption) in enumerate(elements):
        d.add(kind, items, f"E{k}", caption=caption)
    return d


def test_a_line_that_leans_on_a_sentence_not_shown_is_not_shown() -> None:
    v = derived("In the 1920s, a farmer in Kansas counted the crows on his fields every morning for ten years and "
                "noticed that they always arrived about twenty minutes before the first frost of the autumn, even "
                "in years when the frost came early. Locals called this the crow clock. Today the pattern has a "
                "proper name in ecology, and birdwatchers still log it.")
    labels = labels_of(v)
    assert labels and not any(label.startswith("Locals called this") for label in labels), labels
    # right after the sentence it leans on, it is shown: what it points at is on screen
    v = derived("Water is densest at about four degrees, so the coldest water floats at the top in winter. "
                "Scientists call this the density anomaly. Fish survive below the ice.")
    assert "Scientists call this the density anomaly" in labels_of(v)


def test_the_most_informative_sentence_is_one_that_stands_alone() -> None:
    sentences = ["It was carved by Benedictine monks on a small rocky island off the western coast of Ireland, using "
                 "iron chisels and bronze hammers.",
                 "Visitors can read the stone's long inscription in the town museum today."]
    assert informative_order(sentences)[0] == 1
    # beside a few words only ('The effect has limits'), a leaning sentence still says more
    assert informative_order(["The effect has limits.", "It is strongest for things we feel neutral about at "
                                                        "first."])[0] == 1


def test_too_and_the_same_thing_lean_only_where_they_point_back() -> None:
    assert leans("Moss grows on the north side too.")
    assert not leans("Too much salt or too little water ruins the dough.")
    assert not leans("Counting fence posts and counting gaps are not the same thing.")
    assert leans("Every river erodes its banks the same way.")


def test_a_headline_that_counts_other_than_what_is_drawn_is_dropped() -> None:
    six = _draft(("bullets", [{"label": x} for x in ("Bow", "Stern", "Mast", "Keel", "Rudder", "Sail")], None))
    assert _miscounts("A sailing boat has two hulls", six)
    assert not _miscounts("A sailing boat has six main parts", six)
    # a number the picture shows is a value, not a count of its things
    scores = _draft(("bullets", [{"label": "6–2 win"}, {"label": "7–6 win"}, {"label": "6–6 tie-break"}], None))
    assert not _miscounts("Six games win a set", scores)
    # the two sides of a comparison are two things
    sides = _draft(("compare", [{"label": "Wet", "detail": "left"}, {"label": "Cold", "detail": "left"},
                                {"label": "Dry", "detail": "right"}], "Rainforest vs Desert"))
    assert not _miscounts("The two places differ", sides)
    assert not _miscounts("Step two is to rinse", six)   # 'two is' counts nothing


def test_a_short_headline_naming_one_of_the_things_drawn_is_dropped() -> None:
    sides = _draft(("compare", [{"label": "Bare rock", "detail": "left"}, {"label": "Soil left", "detail": "right"}],
                    "Glacial valley vs River valley"))
    assert _names_one("Glacial valley", sides)
    assert not _names_one("Valleys", sides)
    curves = _draft(("plot", [{"label": "10 - x", "detail": "Births"}, {"label": "x/2", "detail": "Deaths"}], None))
    assert _names_one("Births", curves)
    assert not _names_one("Population", curves)


def test_named_columns_are_two_halves() -> None:
    h = halves("Split screen. Left column 'What you hear': 'Thunder', 'Rain'. Right column 'What made it': "
               "'A metal sheet', 'Rice on a drum'. Below, a caption appears.")
    assert h is not None and h.names == ("What you hear", "What made it")
    assert h.right_labels[-1] == "Rice on a drum" and "caption" not in h.right


def test_what_is_drawn_below_both_halves_is_in_neither() -> None:
    h = halves("Split screen. Left 'Low tide': a wide beach. Right 'High tide': the beach under water. Below, a graph "
               "with the x-axis labelled 'Hours'.")
    assert h is not None and h.names == ("Low tide", "High tide") and "Hours" not in h.right_labels


def test_what_a_note_labels_on_arrows_after_a_diagrams_parts_is_not_a_part() -> None:
    anim = ("Labelled diagram of a bicycle: 'Frame', 'Chain', 'Crank', 'Rear sprocket'. A close-up of the pedal "
            "shows the rider's foot pushing down, with arrows labelled 'Force' and 'Torque'.")
    assert beside_parts(anim) == {"Force", "Torque"}
    v = derived("A bicycle's key parts are the frame, the chain, the crank and the rear sprocket. The crank turns "
                "the front sprocket. The chain carries the force to the rear sprocket, which turns the wheel.", anim)
    assert "Force" not in labels_of(v) and "Chain" in labels_of(v)
    # without a list of parts, arrows' labels are what the note shows
    assert beside_parts("Arrows labelled 'Force' and 'Torque' push the pedal.") == set()


def test_a_recurring_decimal_is_not_a_line_that_breaks_off() -> None:
    from vidgen.service.viewer import cut_phrase

    assert cut_phrase("Why 0.333... is one third") is None
    assert cut_phrase("Pi starts 3.14159…") is None
    assert cut_phrase("And then the ball rolls...") == "breaks off in an ellipsis"


def test_things_a_half_shows_are_read_whole_or_not_at_all() -> None:
    from vidgen.author.builders import things_said

    # 'a circle around a friend while ...': 'circle around' and 'friend while' are no things
    assert things_said("a runner jogging in a circle around a friend while waving",
                       "She jogs in a circle around her friend while waving.") == ""
    assert things_said("a farmer with a cow, a pig and a sheep", "The cow, the pig and the sheep all eat.") == \
        "Cow, pig, sheep"


def test_boxes_said_to_be_joined_by_arrows_are_a_flow() -> None:
    from vidgen.author.anim_chains import arrow_labels, chains

    # in the order named; round to the first again when the note draws a cycle
    assert chains("A cycle diagram with stations joined by curved arrows: 'Seed', 'Sprout', 'Flower', 'Fruit'.") \
        == [["Seed", "Sprout", "Flower", "Fruit", "Seed"]]
    assert chains("Three boxes joined by arrows, left to right: a box labelled 'Ore', a box labelled 'Furnace' and "
                  "a box labelled 'Steel'. Heat labels appear on the arrows: '1,500 °C' between them.") \
        == [["Ore", "Furnace", "Steel"]]
    # the boxes named stage by stage after it
    assert chains("A four-stage diagram joined by arrows. Stage 1 labelled 'Spark': a plug. Stage 2 labelled "
                  "'Flame': fire. Stage 3 labelled 'Smoke': grey.") == [["Spark", "Flame", "Smoke"]]
    # not boxes flowing into one, arrows pointing back, or two boxes (which say no order)
    assert chains("Boxes joined by arrows: 'Flour' and 'Water' flow into a box 'Dough'.") == []
    assert chains("Three circles 'A1', 'A2', 'A3' joined by arrows pointing backwards.") == []
    assert chains("Two boxes 'Sun' and 'Moon' joined by arrows.") == []
    assert arrow_labels("Boxes 'Ore', 'Iron', 'Steel' joined by arrows labelled 'smelt' and 'refine'.") == \
        {"smelt", "refine"}
    v = derived("Ore is smelted into iron, and iron is refined into steel.",
                "Boxes 'Ore', 'Iron', 'Steel' joined by arrows labelled 'smelt' and 'refine'.")
    assert [e["kind"] for e in v["elements"]][0] == "flow" and "smelt" not in labels_of(v)


def test_a_stack_of_layers_reads_down_the_screen_as_it_lies() -> None:
    from vidgen.author.anim_layers import layers

    # named from the bottom: drawn with the top first
    assert layers("A cut-away of a road with labelled layers from bottom to top: 'Subgrade', 'Gravel base', "
                  "'Asphalt', with a dashed line marked 'Frost depth'.") == ["Asphalt", "Gravel base", "Subgrade"]
    # named one a sentence
    assert layers("A cake in cross-section as stacked layers. Bottom: 'Sponge'. Then 'Jam'. Then 'Cream'. Top: "
                  "'Icing'. A knife beside it.") == ["Icing", "Cream", "Jam", "Sponge"]
    # placed by words
    assert layers("A cliff drawn in three horizontal bands. Labels: 'Chalk' at the top, 'Clay' in the middle, "
                  "'Sandstone' at the bottom.") == ["Chalk", "Clay", "Sandstone"]
    # named without an order: as read, and what is labelled beside the stack is not a layer
    assert layers("A skin cross-section with labelled layers: 'Epidermis', 'Dermis', 'Hypodermis', and a hair "
                  "follicle labelled 'Follicle'.") == ["Epidermis", "Dermis", "Hypodermis"]
    # no stack: guesses stacked below, a call stack, two layers, a pyramid without its order, a split screen
    assert layers("Guesses stack below: '8, 10, 12', '20, 22, 24', '1, 2, 3'.") == []
    assert layers("Labelled layers: 'Crust', 'Mantle'.") == []
    assert layers("An energy pyramid with stacked layers: 'Plants', 'Grazers', 'Hunters'.") == []
    assert layers("Split screen. Left: layers 'A', 'B', 'C'. Right: a photo.") == []


def test_a_described_stack_is_drawn_as_layers() -> None:
    v = derived("A road is built in layers. At the bottom is the packed subgrade. On it lies a gravel base, and "
                "on top, the asphalt you drive on.",
                "A cut-away of a road with labelled layers from bottom to top: 'Subgrade', 'Gravel base (crushed "
                "stone)', 'Asphalt'.")
    kinds = [e["kind"] for e in v["elements"]]
    assert "layers" in kinds
    stack = v["elements"][kinds.index("layers")]
    assert [i["label"] for i in stack["items"]] == ["Asphalt", "Gravel base", "Subgrade"]
    assert stack["items"][1]["detail"] == "crushed stone"


def test_a_pies_shares_of_one_whole_are_drawn_as_bars_of_their_percentages() -> None:
    from vidgen.author.anim import bars

    assert bars("A pie chart splits into '60% rent', '25% food' and '15% travel'.") == \
        [("Rent", 60.0, "%"), ("Food", 25.0, "%"), ("Travel", 15.0, "%")]
    # slices that are not shares of one whole, or not given as shares, are not read as bars
    assert bars("A pie chart with slices '60% rent', '25% food'.") == []
    assert bars("A pie chart with a large slice 'Farming ~70%' and slices 'Industry' and 'Homes'.") == []
    # and a share written first is a bar only in a pie ('30% guideline' beside bars of money is a note)
    assert [b[0] for b in bars("A bar chart: 'Balance: 1500', 'Limit: 5000', and a line '30% guideline'.")] == \
        ["Balance", "Limit"]


def test_bars_alone_get_the_short_sentence_that_says_their_numbers() -> None:
    v = derived("Most people guess wrong here. English has 26 letters but about 44 distinct sounds. That gap is "
                "why spelling is hard.", "A bar chart comparing 'Letters: 26' with 'Sounds: 44'.")
    assert [e["kind"] for e in v["elements"]] == ["bars", "text"]
    assert "26 letters" in labels_of(v)[-1]


def test_a_sentence_opening_on_whom_it_is_about_is_not_added_beside_a_line_that_says_more() -> None:
    v = derived("More than two thousand years ago, in a village on the banks of a wide river in the south, a potter "
                "shaped a small clay jar with a handle in the form of a curled sleeping cat. We call it the Cat Jar. "
                "It was fired in a pit of burning straw, a method so simple that potters in many places still use "
                "it today. The idea is simple: make your jar in wax, then swap the wax for bronze.")
    labels = labels_of(v)
    assert labels and not any(label.startswith("It was fired") for label in labels), labels


def test_a_place_in_the_animators_picture_is_not_shown_with_the_sentence() -> None:
    from vidgen.author.complete import unmarked

    assert unmarked("On the right, molten glass is poured into the mould.") == \
        "Molten glass is poured into the mould."
    assert unmarked("On screen, the numbers climb.") == "The numbers climb."
    assert unmarked("On the right track, we go on.") == "On the right track, we go on."


def test_a_curve_that_stays_flat_and_then_climbs_is_not_drawn_flat() -> None:
    from vidgen.author.anim_graphs import shape_expr

    assert shape_expr("a line that stays flat near 280 and then climbs sharply after 1850", 0) not in ("5", "")
    # (and one that stays flat and then plunges is level, then down: a flat line would hide the plunge)
    assert shape_expr("a line that stays flat for years, then plunges", 0) not in ("5", "")
    assert shape_expr("drops to a flat line", 0) == "5"


def test_a_graph_whose_axes_are_named_together_is_drawn_with_its_curve() -> None:
    from vidgen.author.anim_graphs import axes, curves

    anim = ("A graph with axes labelled 'Hours after baking' and 'Crust crispness'. A curve drops steeply and then "
            "levels off.")
    assert axes(anim) == ("Hours after baking", "Crust crispness")
    v = derived("Fresh bread has a crisp crust. Within hours, moisture from the crumb softens it, fast at first and "
                "then more slowly.", anim)
    plot = next(e for e in v["elements"] if e["kind"] == "plot")
    assert plot["items"][0]["detail"] == "Crust crispness" and "exp" in plot["items"][0]["label"]
    # what a dashed line or a marker is labelled is a level or a moment, not the curve
    found = curves("A graph with horizontal axis 'Speed' and vertical axis 'Drag'. A straight line rises from the "
                   "origin, labelled 'Air drag'. A dashed horizontal line labelled 'Engine limit' crosses it.")
    assert [name for name, _ in found] == ["Air drag"]


def test_pairs_that_each_become_something_are_not_one_chain() -> None:
    v = derived("Most nouns add an s: dog becomes dogs, cup becomes cups. A few do not: child becomes children.")
    assert not any(e["kind"] == "flow" for e in v["elements"]), v["elements"]
    # a real chain still is one: each step's result is the next one's start
    v = derived("Ice becomes water, and water becomes steam when it boils.")
    assert [e["kind"] for e in v["elements"]][0] == "flow"


def test_a_column_with_a_heading_is_one_half() -> None:
    h = halves("Two-column table. Left column heading 'Solids': 'ice', 'iron'. Right column heading 'Liquids': "
               "'water', 'mercury'.")
    assert h is not None and h.names == ("Solids", "Liquids") and h.right_labels[-2:] == ["water", "mercury"]


def test_a_legend_of_colours_is_not_a_formula() -> None:
    from vidgen.author.choose import _formula_ok

    assert not _formula_ok("red = tension, blue = compression")
    assert not _formula_ok("dashed line = forecast")
    assert _formula_ok("F = m × a")


def test_bars_named_then_numbered_in_a_unit_in_the_chart_sentence() -> None:
    from vidgen.author.anim import bars

    assert bars("A bar chart compares towers: 'Eiffel Tower 330 m', 'Big Ben 96 m', 'Burj Khalifa 828 m'.") == \
        [("Eiffel Tower", 330.0, "m"), ("Big Ben", 96.0, "m"), ("Burj Khalifa", 828.0, "m")]
    # a chart it can read only in part is not drawn: the rest would go missing
    assert bars("A bar chart: 'Tea ~40 mg', 'Coffee 95 mg', 'Cola: about 30–35 mg'.") == []
    # labels on things outside the chart's sentence are not its bars
    assert bars("Two runners labelled 'Ann, 55 kg' and 'Bo, 70 kg'. A bar chart: 'Ann: 5 m/s²', 'Bo: 4 m/s²'.") == \
        [("Ann", 5.0, "m/s²"), ("Bo", 4.0, "m/s²")]


def test_a_ratio_is_not_a_bar_and_an_s_through_the_origin_goes_below_it() -> None:
    from vidgen.author.anim import bars
    from vidgen.author.anim_graphs import shape_expr
    from vidgen.visual.expr import compile_expr

    assert bars("Three thumbnails labelled '2 : 1', '4 : 1' and '8 : 1', each with a bar pair.") == []
    expr = shape_expr("an S-shaped curve through the origin, steeper for losses", 0)
    assert float(min(compile_expr(expr)([0.0, 5.0, 10.0]))) < 0 < float(max(compile_expr(expr)([0.0, 10.0])))
    v = derived("Losses hurt more than gains please.", "A graph with horizontal axis 'Outcome' and vertical axis "
                "'Feeling'. An S-shaped curve passes through the origin, steeper for losses.")
    plot = next(e for e in v["elements"] if e["kind"] == "plot")
    assert plot["y_range"][0] < 0   # the part below zero is seen


def test_a_thing_named_like_an_idiom_does_not_lean() -> None:
    assert not leans("The key light is the main and brightest source.")
    assert not leans("The secret ingredient is rosin.")
    assert leans("The key is practice.") and leans("The results made a famous curve.")


def test_captions_of_pictures_not_drawn_are_not_points() -> None:
    from vidgen.author.scenery import captions

    assert captions("A before/after pair: 'raw dough' and 'baked loaf'.") == {"raw dough", "baked loaf"}
    assert captions("'without flash' shows a dark room; 'with flash' shows bright faces.") == \
        {"without flash", "with flash"}
    assert captions("A plant grows as a timer runs from '0' to '7 days'.") == {"0", "7 days"}
    v = derived("After baking, the loaf is cooled on a rack. Steam escapes, and the crust firms up as it cools.",
                "A before/after pair: 'raw dough' and 'baked loaf'.")
    assert "raw dough" not in labels_of(v) and labels_of(v)


def test_a_table_of_numbers_keeps_its_columns_apart() -> None:
    from vidgen.author.derive_words import numeric_rows, row_line
    from vidgen.draw.kinds.lines import rich_lines

    rows = [["1071", "462", "2", "147"], ["462", "147", "3", "21"]]
    assert numeric_rows(rows) and not numeric_rows([["Iodine-131", "8 days"]])
    assert row_line(rows[0], numeric_rows(rows)) == "1071 | 462 | 2 | 147"
    assert row_line(["Normal", "< 120", "and < 80"]) == "Normal: < 120 · and < 80"
    # a separator closes the line it ends, never opens the next one
    for width in (120, 160, 200, 260):
        lines = rich_lines("1071 | 462 | 2 | 147 | 3 | 21", 30, width)
        assert all(not line.runs[0].text.label.startswith("|") for line in lines if line.runs), width


def test_a_short_denial_and_a_line_right_after_its_antecedent_are_shown() -> None:
    v = derived("Meet Ravi. Ravi just bought a new phone. It is not insured. Ravi keeps it in a padded case. "
                "Ravi never leaves it on a cafe table.")
    labels = labels_of(v)
    assert "It is not insured" in labels and labels.index("It is not insured") == \
        labels.index("Ravi just bought a new phone") + 1, labels


def test_short_lines_that_only_name_things_get_the_sentence_that_relates_them() -> None:
    v = derived("Swallowing or yawning opens the tube for a moment. Air rushes into the middle ear. The pressure "
                "evens out. The eardrum snaps back.",
                on_screen=["Swallow", "Yawn", "Chew gum", "Pinch nose and blow gently"])
    kinds = [e["kind"] for e in v["elements"]]
    assert "text" in kinds and "Swallowing or yawning opens the tube for a moment" in labels_of(v)


def test_every_single_one_and_in_reverse_lean_and_background_props_are_scenery() -> None:
    assert leans("Every single one follows the same four phases.")
    assert not leans("Every one of the planets orbits the Sun.")
    assert leans("Removing the minimum works in reverse.")
    v = derived("Take 84 and 36. What is their greatest common divisor? Both numbers can be divided by 12, and by "
                "nothing larger, so the answer is 12.",
                "The numbers '84' and '36' float in. A faint book labelled 'Ancient Tables' sits in the background.")
    assert "Ancient Tables" not in labels_of(v)


def test_a_label_is_named_before_its_colon_and_then_does_not_lean() -> None:
    from vidgen.author.points import _name

    assert _name("Deductible: £150") == "Deductible" and _name("Hypotonic (pure water)") == "Hypotonic"
    assert _name("factorial(4)") == "factorial(4)"
    assert not leans("Then Sam buys insurance that covers theft in full.")
    assert leans("Then it melts.")


def test_a_halfs_quoted_name_is_not_read_as_what_it_shows() -> None:
    from vidgen.author.builders import described

    # (its camera words were taken out of it, leaving 'Truck left + : the subject ...')
    assert described("'Truck left + zoom in': the subject stays the same size while the wall grows.",
                     "The subject stays the same size.") == "The subject stays the same size"


def test_a_stack_alone_gets_the_sentence_that_relates_its_layers() -> None:
    v = derived("The skin has three layers. Under stress, the outer skin tightens and the dark pigment cells spread "
                "their colour upward. When the animal is calm, the pigment cells stay small and the skin looks pale.",
                "A cross-section with labelled layers from top to bottom: 'Outer skin', 'Pigment cells', "
                "'Fat layer'.")
    kinds = [e["kind"] for e in v["elements"]]
    assert "layers" in kinds and "text" in kinds, kinds


def test_a_timeline_from_the_note_is_in_the_order_of_its_dates() -> None:
    v = derived("Printing spread fast. Gutenberg printed his Bible around 1455, and Aldus Manutius began pocket books "
                "in 1501.", "A timeline from '1400' to '1600'. Markers: 'Gutenberg Bible (c. 1455)' and "
                "'Aldine pocket books (1501)'.")
    line = next(e for e in v["elements"] if e["kind"] == "timeline")
    xs = [i["x"] for i in line["items"]]
    assert xs == sorted(xs), xs


def test_a_timelines_wide_label_near_an_end_stays_in_its_box() -> None:
    # (a wide label on the mark before the last, centred on it, ran past the frame's edge)
    from vidgen.script.model import parse_script
    from vidgen.service.viewer import check_script

    script = parse_script({"title": "Paint", "scenes": [{"seq": 1, "text": "Tempera ruled for centuries. Oil took "
                           "over. Some painters still use tempera today.", "anim": "", "visual": {
                               "elements": [{"id": "T", "kind": "timeline", "items": [
                                   {"label": "1200", "x": 1200}, {"label": "Botticelli, The Birth of Venus", "x": 1485},
                                   {"label": "Wyeth, Christina's World (1948)", "x": 1948},
                                   {"label": "2000", "x": 2000}]}],
                               "steps": [{"sentence": 0, "action": "show", "target": "T.0"},
                                         {"sentence": 1, "action": "show", "target": "T.1"},
                                         {"sentence": 2, "action": "show", "target": "T.2"},
                                         {"sentence": 2, "action": "show", "target": "T.3"}]}}]})
    assert not [p for p in check_script(script, None) if p["what"] == "cut off"]


def test_panels_with_an_arrow_between_each_are_a_flow_and_a_shared_caption_is_in_no_half() -> None:
    from vidgen.author.anim_chains import chains

    assert chains("Three panels labelled 'Knead', 'Prove', 'Bake'. An arrow between each panel.") == \
        [["Knead", "Prove", "Bake"]]
    h = halves("Split screen. Left: 'Small pot' with few roots. Right: 'Big pot' with long roots. A small caption: "
               "'Roots fill the space they get'.")
    assert h is not None and "Roots fill the space they get" not in h.right_labels


def test_a_chart_labelled_before_its_items_is_headed_by_that_name() -> None:
    from vidgen.author.anim import titled

    assert titled("Pie chart labelled 'Mars atmosphere': 'Carbon dioxide 95%', 'Nitrogen 3%'.") == "Mars atmosphere"
    assert titled("A bar chart with bars labelled 'A' and 'B'.") == ""


def test_an_opening_scene_with_only_long_sentences_shows_one_not_its_title_twice() -> None:
    from vidgen.author.derive import derive_visual
    from vidgen.script.model import Scene

    scene = Scene(seq=1, text="In the middle of the last century, a brand new insecticide was sprayed very widely "
                  "on farms, forests and marshes to kill mosquitoes and crop pests. It worked. But within a couple of "
                  "decades, some birds at the top of the food chain, like eagles, ospreys and falcons, were "
                  "disappearing from large parts of the continent.")
    v = derive_visual(scene, 0, 3, "How Poisons Climb the Food Chain").model_dump(exclude_none=True)
    labels = [i["label"] for e in v["elements"] for i in e["items"]]
    assert labels and "It worked" not in labels and "How Poisons Climb the Food Chain" not in labels, labels
