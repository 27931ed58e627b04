"""What the unseen21 and unseen22 notes taught, tuned on them after (issue 20): readings marked on a thing no
kind draws ('1 cm' on a piston's path) and the bars of a chart the note gives no heights label nothing when listed
alone; a sequence the note numbers ('1 Pass', '2 Set', '3 Spike') is a list of its own, without a reading set
beside it. Each example is written for this file."""

from __future__ import annotations

from tests.visual_examples import derived, labels_of
from vidgen.author.bare import alike
from vidgen.author.scenery import counted, drawn_labels

_JACK = ("A car jack trades distance for force. To lift the car by 2 centimetres, you pump the handle through "
         "a full 60 centimetres. The work you put in still equals the work you get out, minus a little friction.")


def test_readings_marked_on_an_undrawn_thing_give_way_to_the_sentences() -> None:
    anim = ("The handle travels a long downward path marked '60 cm' while the car rises a short distance marked "
            "'2 cm'. Text overlays: 'Force times distance stays the same'.")
    labels = labels_of(derived(_JACK, anim))
    assert "2 cm" not in labels and "60 cm" not in labels, labels
    assert any("distance for force" in label or "work you put in" in label for label in labels), labels


def test_a_reading_in_a_half_beside_what_it_is_for_stays() -> None:
    text = ("There are two quick ways to time an egg. For a soft yolk, boil it for 6 minutes and cool it at once. "
            "For a firm yolk, boil it for 10 minutes. Either way, start the timer when the water boils.")
    anim = ("Split screen. Left: a timer reading '6 min' with the text 'Soft: runny yolk'. Right: a timer "
            "reading '10 min' with 'Firm: set yolk'.")
    labels = labels_of(derived(text, anim))
    assert "Soft: runny yolk" in labels and "Firm: set yolk" in labels, labels


def test_the_bars_of_a_chart_without_heights_label_nothing() -> None:
    anim = "A bar chart grows from the left with bars for 'Brazil', 'Vietnam' and 'Everyone else'."
    assert drawn_labels(anim) == {"Brazil", "Vietnam", "Everyone else"}
    # (given heights, the bars are drawn: they are the chart's own)
    assert drawn_labels("A bar chart with bars for 'Brazil: 38%' and 'Vietnam: 17%'.") == set()
    text = ("Coffee grows in a belt around the equator. Brazil and Vietnam grow more than half of it. Most of it "
            "comes from small farms of a few hectares.")
    labels = labels_of(derived(text, anim))
    assert "Everyone else" not in labels, labels


def test_a_numbered_sequence_is_a_list_of_its_own() -> None:
    assert alike(["20 m × 10 m", "1 Serve", "2 Return", "3 Volley"]) == ["1 Serve", "2 Return", "3 Volley"]
    # (steps all numbered, or numbers that are no sequence, stay as they are)
    assert alike(["1. Wash", "2. Peel", "3. Chop"]) == ["1. Wash", "2. Peel", "3. Chop"]
    assert alike(["4 eggs", "1 cup flour", "2 tbsp sugar", "Pinch of salt"]) == \
        ["4 eggs", "1 cup flour", "2 tbsp sugar", "Pinch of salt"]
    # (a step opening on a word that reads as a unit, '4. A lawyer', is still a step)
    steps = ["1. Stay silent", "2. Ask why", "3. Call a lawyer", "4. A lawyer comes free", "Know your rights"]
    assert alike(steps) == steps[:4]


def test_initials_closed_up_end_no_sentence() -> None:
    from vidgen.script.sentences import split_sentences

    assert split_sentences("In 1864 the raider C.S. Alabama sank off France. It was famous.") == \
        ["In 1864 the raider C.S. Alabama sank off France.", "It was famous."]
    assert split_sentences("A poem by W.H. Auden was read. Then silence.") == \
        ["A poem by W.H. Auden was read.", "Then silence."]
    # (a country's, after 'the', may end a sentence; an opener after it starts one)
    assert split_sentences("It was made in the U.K. Engineers loved it.") == \
        ["It was made in the U.K.", "Engineers loved it."]
    assert split_sentences("He wrote as J.K. The rest is history.") == ["He wrote as J.K.", "The rest is history."]


def test_a_curve_that_goes_to_values_in_words_is_drawn_through_them() -> None:
    from vidgen.author.anim_graphs import path

    assert path("a line that starts at 20, climbs to 80, then falls back to 40") == [20.0, 80.0, 40.0]
    # (two values are no path; nor values with time between them, 'peaks at 3 hours')
    assert path("it rises to 90 and falls to 10") == []
    assert path("rises to 5, peaks at 3 hours, drops to 1, then to 2") == []
    text = ("Brewing a lager takes patience. The wort is chilled, then warmed for a rest, then chilled again for "
            "weeks. Each change of temperature lets a different yeast step finish cleanly.")
    anim = ("Graph with x-axis 'Days' and y-axis 'Temperature (°C)'. A curve labelled 'Lager schedule' starts at "
            "10, rises to 18, then drops to 2.")
    visual = derived(text, anim)
    assert any(e["kind"] == "plot" for e in visual["elements"]), visual


def test_a_line_pointing_back_further_down_is_not_said_of_a_countdowns_heading() -> None:
    text = ("Number two: break a leg. Actors once believed that saying 'good luck' out loud before a show would "
            "bring the opposite, so superstitious casts wished each other harm instead to trick the spirits. "
            "Understudies were told to say it loudly. That is one story of the phrase, though nobody is sure of it.")
    anim = ("Split screen: left shows a stage with a red curtain; right shows an actor bowing. Text overlays: "
            "'Say the opposite.' Big '2' in the corner.")
    labels = labels_of(derived(text, anim))
    assert not any(label.startswith("That is one story") for label in labels), labels


def test_a_pronoun_any_verb_acts_on_after_to_or_a_modal_ends_a_sentence() -> None:
    from vidgen.author.complete import is_cut

    assert not is_cut("Too much salt in the dough tends to weaken it")
    assert not is_cut("With a little practice you can hear them")
    # (a pronoun after a word a sentence runs on from is still cut)
    assert is_cut("It is easy to")
    assert is_cut("The plan worked, and it")


def test_a_symbols_gloss_in_a_legend_is_no_formula() -> None:
    from vidgen.author.anim import formulas

    anim = ("The formula 'F = m × a' builds up, each symbol labelled: 'F = force', 'm = mass (kg)', "
            "'a = acceleration'.")
    assert formulas(anim) == ["F = m × a"]
    # (a value given a symbol is one: 'g = 9.8 m/s²')
    assert "g = 9.8 m/s²" in formulas("Labels: 'W = m × g' and 'g = 9.8 m/s²'.")


def test_a_line_quoting_what_the_list_shows_is_not_set_beside_it() -> None:
    text = ("On 20 July 1969, the same crew tried again, this time in the lunar module. He steered past a field of "
            "boulders and set it down with seconds of fuel left. When it was over, Armstrong told Houston: 'The Eagle "
            "has landed.' That spot is still called Tranquility Base.")
    anim = ("Camera moves across grey dust of a plain labelled 'Sea of Tranquility, the Moon'. A spindly lander "
            "labelled 'Eagle' sits on its legs. Quote overlays: 'The Eagle has landed.'")
    labels = labels_of(derived(text, anim))
    assert sum("The Eagle has landed" in label for label in labels) == 1, labels


def test_a_word_of_where_in_a_label_names_no_part_of_a_shape() -> None:
    from vidgen.author.anim_graphs import figure

    anim = ("Close-up of two hands forming a triangle around a far-off tree. The view flips between 'Left hand "
            "raised' and 'Right hand raised'.")
    assert figure(anim) is None
    # ('Left side 3' is on the left side)
    assert figure("A triangle with 'Left side 3', 'Right side 4' and 'base 5'.") == \
        ("triangle", [("Left side 3", "left"), ("Right side 4", "right"), ("base 5", "base")])


def test_rows_of_a_chart_are_listed_without_the_years_and_names_set_beside_them() -> None:
    text = ("From there the figure grew, if you'll forgive the pun. A magazine bumped it up in a 1950 essay, later "
            "writers copied and inflated it, and by the 2000s websites were quoting two hundred. In 1995 the "
            "historian Ann Byrd traced that chain of retellings, and in 2003 the writer Tom Vale made it famous in an "
            "essay titled 'The Great Number Hoax'.")
    anim = ("Continue the timeline from the previous scene, with a bar chart growing above each date: '1930: 4', "
            "'1950: ~12', '2000s: 200+'. Each bar is drawn as a stack of coins. At '1995' and '2003' add two small "
            "portrait icons labelled 'Ann Byrd' and 'Tom Vale' with a magnifying glass.")
    labels = labels_of(derived(text, anim))
    assert "1950: ~12" in labels, labels
    assert not {"1995", "2003", "Ann Byrd", "Tom Vale"} & set(labels), labels


def test_before_and_after_are_no_points_beside_other_labels() -> None:
    text = ("Step three: for a minor chord, just flip the order: three semitones, then four. From C, three semitones "
            "takes you to E flat, and four more brings you to G again. Notice that only the middle note moved, yet "
            "the mood of the chord changes completely. Play the two one after the other and listen.")
    anim = ("Before/after comparison on the keyboard. 'Before' shows C–E–G lit in gold. 'After' shows C–E♭–G lit in "
            "blue, with an arrow showing E sliding down one key. Brackets read '3 semitones' and '4 semitones', and "
            "the caption says 'Minor = 3 + 4'.")
    labels = labels_of(derived(text, anim))
    assert not {"Before", "After"} & set(labels), labels


def test_a_bare_name_before_things_said_with_values_is_not_one_of_them() -> None:
    assert alike(["Omar", "Chemistry: 64", "Art: 91"]) == ["Chemistry: 64", "Art: 91"]
    # (a stage of two words, 'Home signs', before the stages glossed after it, is one of them)
    stages = ["Home signs", "First cohort: basic system", "Younger cohorts: full grammar"]
    assert alike(stages) == stages


def test_a_symbols_name_is_matched_in_its_own_case() -> None:
    text = ("When builders size a roof gutter, they need one number above all. The formula is simple. Q is the "
            "flow, C is how much rain runs off, and A is the roof's area.")
    anim = ("The formula 'Q = C · i · A' appears with a legend: 'Q: peak flow', 'C: runoff coefficient', "
            "'i: rainfall intensity', 'A: roof area'.")
    visual = derived(text, anim)
    details = [str(i.get("detail", "")) for e in visual["elements"] for i in e["items"]]
    assert not any("one number above all" in d for d in details), visual


def test_a_footnote_under_a_timeline_is_no_mark_on_it() -> None:
    from vidgen.author.anim import timeline

    anim = ("Timeline: 'Year 1 — buys a house', then 'Year 6 — sells it'. Footnote caption: 'Finance Act 1988, "
            "s.12'.")
    assert timeline(anim) == ["Year 1 — buys a house", "Year 6 — sells it"]


def test_a_title_in_double_quotes_inside_a_label_keeps_the_label_whole() -> None:
    from vidgen.author.phrases import quoted

    anim = ("A timeline: '1818 — Shelley, \"Frankenstein\"' with a book icon, then '1931 — the film' with a reel.")
    assert quoted(anim) == ['1818 — Shelley, "Frankenstein"', "1931 — the film"]
    # (double quotes of their own are quotes as before)
    assert quoted('Two boxes, "Left" and "Right".') == ["Left", "Right"]


def test_a_heading_alone_is_shown_with_the_sentence_that_says_its_point() -> None:
    text = ("Round three: deep water. Here the roles swap. A paddle steamer can only cross a river whose current is "
            "slower than about half its own top speed, but a tug can hold its place against almost any flow. Tugs "
            "also only need a short stretch of calm water to turn around, which is why harbours keep several of them "
            "on hand all year.")
    visual = derived(text, "")
    labels = labels_of(visual)
    # (as its headline, or a line of its own)
    assert "Round three: deep water" in [*labels, visual.get("title")], visual
    assert any(label.startswith("A paddle steamer can only cross") for label in labels), labels


def test_this_one_and_a_verb_after_those_are_not_made_things() -> None:
    from vidgen.author.complete import unmarked

    assert unmarked("This one trips people up every year.") == "This one trips people up every year."
    assert unmarked("Those look like two mistakes.") == "Those look like two mistakes."
    # (a thing already in view is still named as a thing: 'The leeward side', 'The tiny bubbles')
    assert unmarked("This leeward side stays dry.") == "The leeward side stays dry."
    assert unmarked("Those tiny bubbles hold old air.") == "The tiny bubbles hold old air."


def test_an_arrows_own_label_is_no_break_in_its_chain() -> None:
    from vidgen.author.anim_chains import chains

    anim = ("A 'Pump' box; an arrow labelled '3 bar' leads to a 'Filter' box; an arrow labelled '2 bar' leads to "
            "'Heater'; a final arrow leads to 'Pool'.")
    assert chains(anim) == [["Pump", "Filter", "Heater", "Pool"]]


def test_a_bare_year_a_worded_mark_already_dates_is_no_second_mark() -> None:
    from vidgen.author.anim import timeline

    anim = "A timeline: '1543 — De revolutionibus', '1610 — moons of Jupiter'. A quill writes '1543'."
    assert timeline(anim) == ["1543 — De revolutionibus", "1610 — moons of Jupiter"]


def test_curves_named_by_their_formula_rank_as_it_says() -> None:
    import numpy as np

    from vidgen.author.anim_graphs import named_expr, shape_expr
    from vidgen.visual.expr import compile_expr

    assert named_expr("n log n") == "x*log(x+1)" and named_expr("O(n²)") == "x^2" and named_expr("Linear") == ""
    text = ("Merge sort takes time proportional to n log n. A method that compares every pair takes n squared, "
            "which for a million items is a trillion steps.")
    anim = ("A line graph with labelled axes: x-axis 'Items (n)', y-axis 'Steps'. Two curves: 'n log n' rising "
            "gently and 'n²' shooting upward.")
    plot = next(e for e in derived(text, anim)["elements"] if e["kind"] == "plot")
    at = {i["detail"]: float(compile_expr(i["label"])(np.array([8.0]))[0]) for i in plot["items"]}
    assert at["n log n"] < at["n²"] <= 10, at
    # (a curve 'almost flat' still rises; one that 'stays almost flat' is level)
    assert shape_expr("an almost flat curve", 1) != shape_expr("a flat line", 1)
    assert shape_expr("stays almost flat", 1) == "5"


def test_two_opposed_columns_of_a_table_are_two_lists_side_by_side() -> None:
    text = ("Myth number three: exercise fixes everything. It can't. Regular activity clearly lifts mood, sleep and "
            "stamina. It does not cure diabetes, mend torn ligaments or reverse ageing.")
    anim = ("A table with a header row: 'Helps with' | 'Doesn't fix'. Rows: 'Mood' | 'Diabetes'; 'Sleep' | "
            "'Torn ligaments'; 'Stamina' | 'Ageing'.")
    visual = derived(text, anim)
    compare = next(e for e in visual["elements"] if e["kind"] == "compare")
    assert compare["caption"] == "Helps with vs Doesn't fix"
    sides = {i["label"]: i["detail"] for i in compare["items"]}
    assert sides["Mood"] == "left" and sides["Diabetes"] == "right", sides
    assert "Mood: Diabetes" not in labels_of(visual)


def test_bars_named_then_valued_in_turn_are_drawn() -> None:
    from vidgen.author.anim import bars

    anim = ("A bar chart comparing '1990' with '2020' cars per household: '0.9' versus '≈1.9'. A note beside it: "
            "'Peak: 2.1 in 2008'.")
    assert bars(anim) == [("1990", 0.9, ""), ("2020", 1.9, "")]
    # (names and values that do not pair up are no bars)
    assert bars("A bar chart of 'Cars', 'Vans' and 'Bikes': '3' versus '4'.") == []


def test_a_spaced_division_takes_the_whole_phrase_or_the_number_with_its_unit_below() -> None:
    from vidgen.author.spoken_math import to_math

    assert to_math("Efficiency = useful power / power in") == \
        r"$\mathrm{Efficiency} = \frac{\mathrm{useful\ power}}{\mathrm{power\ in}}$"
    assert to_math("Ratio = 300 m/s / 150 m/s") == r"$\mathrm{Ratio} = \frac{300\,\frac{m}{s}}{150\,\frac{m}{s}}$"
    # (letters side by side are still a product after the fraction)
    assert to_math("x = a / b c") == r"$x = \frac{a}{b} c$"


def test_a_digit_inside_a_decimal_counts_nothing() -> None:
    assert counted("If 1 litre comes out as 1.3 litres, and 2.5 cups fill three bowls") == [(3, "bowls")]


def test_one_formula_in_words_is_shown_with_the_sentence_that_explains_it() -> None:
    text = ("Bread dough straight from the mixer is a sticky, shapeless mass of flour, water and yeast. Bakers rest "
            "it for an hour. In that time the yeast makes gas and the dough rises.")
    anim = "Text overlays: 'Dough = a living mass'. A bowl of dough slowly rises."
    visual = derived(text, anim)
    kinds = [e["kind"] for e in visual["elements"]]
    assert "equation" in kinds and "text" in kinds, visual


def test_a_quotation_in_single_marks_ends_no_sentence_inside_it() -> None:
    from vidgen.script.sentences import split_sentences

    said = split_sentences("The captain shouted, 'Stop! The ice is ahead.' Nobody listened. The crew's mood sank.")
    assert len(said) == 3 and said[0].startswith("The captain shouted, 'Stop! The ice is ahead."), said
    # (an apostrophe is no quotation: 'the owners' consent' still ends where its sentence does)
    assert split_sentences("He needed the owners' consent. It never came.") == \
        ["He needed the owners' consent.", "It never came."]


def test_a_chain_of_boxes_with_a_long_name_keeps_the_room_to_itself() -> None:
    text = ("The key setting is the time to live. If a record says TTL 300, a resolver keeps it for five minutes. "
            "So a lookup made at noon is answered from memory until five past twelve. During that window no "
            "server is asked at all.")
    anim = ("A worked example on a timeline: '12:00:00 answer received, TTL set to 300' → '12:03:00 answered from "
            "memory' → '12:05:00 expired'.")
    kinds = [e["kind"] for e in derived(text, anim)["elements"]]
    assert kinds == ["flow"], kinds


def test_halves_named_myth_and_fact_hold_the_myth_and_its_correction() -> None:
    text = ("Myth: bats are blind. Fact: most bats see quite well. Many also use echolocation to hunt insects in "
            "the dark.")
    anim = ("Split screen. Left half labelled 'Myth': a bat wearing dark glasses with the caption 'Blind'. Right "
            "half labelled 'Fact': a bat's eye close-up labelled 'Retina', with sound rings labelled 'Echo'.")
    visual = derived(text, anim)
    compare = next(e for e in visual["elements"] if e["kind"] == "compare")
    sides = {i["detail"]: i["label"] for i in compare["items"]}
    assert sides == {"left": "Bats are blind", "right": "Most bats see quite well"}, compare
    assert compare["caption"] == "Myth vs Fact"
    # (a half headed by a stamp is named by it)
    from vidgen.author.anim import halves

    stamped = halves("Split screen. Left half: a red 'Myth' stamp over a dusty shelf. Right half: a green 'Fact' "
                     "stamp over a clean one.")
    assert stamped is not None and stamped.names == ("Myth", "Fact")


def test_where_a_curve_levels_out_or_what_it_climbs_past_is_where_it_ends() -> None:
    from vidgen.author.anim_graphs import ending

    assert ending("A curve labelled 'Sprint' flattens out near 110 km/h.") == 110.0
    assert ending("A steep curve labelled 'Dive' climbs past a dashed line marked '300 km/h'.") == 300.0
    assert ending("A curve that levels off at 90.") == 90.0
    assert ending("A curve that rises steeply.") is None


def test_a_curves_name_sits_by_its_own_end(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.visual_examples import sentences_for
    from vidgen.draw.scene import VisualScene
    from vidgen.draw.theme import Theme
    from vidgen.render.presets import frame_size
    from vidgen.visual.spec import Visual

    doc = {"elements": [{"id": "P", "kind": "plot", "sketch": True, "caption": "Speed against Time",
                         "items": [{"label": "0.95*(x^2/10)", "detail": "Dive"},
                                   {"label": "0.35*(10 - 9*exp(-x/2.5))", "detail": "Sprint"}]}]}
    theme = Theme.for_script("t", *frame_size("high", "16:9"))
    scene = VisualScene(Visual.model_validate(doc), theme, sentences_for(1, 4.0), 4.0, home=tmp_path)
    plot = scene.drawers[0]
    assert not plot.legend
    ends = [segs[-1][-1] for segs in plot.curves]
    for k, label in enumerate(plot.curve_labels):
        assert label is not None
        tx, x, base = label
        centre = (x + tx.width / 2, base - tx.ascent + tx.height / 2)
        near = [((centre[0] - ex) ** 2 + (centre[1] - ey) ** 2) ** 0.5 for ex, ey in ends]
        assert near[k] < near[1 - k], (k, near)


def test_what_a_note_sets_below_each_half_is_in_neither() -> None:
    from vidgen.author.anim import halves

    h = halves("Split screen. Left half labelled 'Oak': a broad tree. Right half labelled 'Pine': a tall narrow "
               "tree. Below each, a graph of height against age with a plateau labelled 'Maturity'.")
    assert h is not None and "Maturity" not in h.left_labels + h.right_labels, h


def test_a_curve_that_holds_steady_then_drops_is_level_then_down() -> None:
    import numpy as np

    from vidgen.author.anim_graphs import shape_expr
    from vidgen.visual.expr import compile_expr

    expr = shape_expr("'Tired engine' holds steady, then drops off sharply near the end", 1)
    ys = compile_expr(expr)(np.array([0.0, 3.0, 6.0, 10.0]))
    assert abs(ys[0] - ys[1]) < 0.1 and abs(ys[1] - ys[2]) < 0.5 and ys[3] < ys[2] - 2, ys


def test_a_reading_with_a_word_after_its_unit_is_no_numbered_step() -> None:
    text = ("Number two: check the tide. The height of the water matters, but so does how often the waves come. A "
            "longer gap between waves usually means stronger waves that arrive in sets.")
    anim = ("A line graph with labelled axes: 'Time (seconds)' across, 'Water height (m)' up. Two curves: a "
            "short, choppy blue curve labelled '5 s period' and a long, smooth green curve labelled '15 s period'.")
    labels = labels_of(derived(text, anim))
    assert "5 s period" not in labels and "Water height (m)" not in labels, labels
    # ('1 Pass' and '4. A lawyer' are steps still)
    assert alike(["18 m × 9 m", "1 Pass", "2 Set", "3 Spike"]) == ["1 Pass", "2 Set", "3 Spike"]


def test_a_marks_gloss_in_a_legend_is_no_formula_either() -> None:
    from vidgen.author.anim import formulas

    assert formulas("Labelled brackets point to each part: '^ = start', '$ = end', 'a = b + c'.") == ["a = b + c"]


def test_what_each_half_has_alike_is_in_neither_half() -> None:
    from vidgen.author.anim import halves

    h = halves("Split screen. Left half: 'Team Red' waits in a locker room. Right half: 'Team Blue' waits in another. "
               "Each has two cards in front of them: 'Attack' and 'Defend'.")
    assert h is not None and "Attack" not in h.right_labels + h.left_labels, h


def test_quotes_a_comma_joins_inside_a_row_are_one_cell() -> None:
    from vidgen.author.anim_tables import table

    anim = ("A table with a header row: 'Word' | 'Rhymes' | 'Does not rhyme'. Rows: 'cat' | 'hat', 'mat' | 'cot'; "
            "'light' | 'night', 'kite' | 'lit'.")
    assert table(anim) == (["Word", "Rhymes", "Does not rhyme"],
                           [["cat", "hat, mat", "cot"], ["light", "night, kite", "lit"]])


def test_a_formula_in_letters_the_fonts_lack_is_not_drawn() -> None:
    from vidgen.author.anim import formulas

    assert formulas("Text overlays: '台風 = big wind' and 'v = d / t'.") == ["v = d / t"]


def test_a_worked_examples_later_lines_do_not_open_a_list() -> None:
    assert alike(["× 9.8 m/s²", "≈ 49 N", "≈ 5 kg on a scale"]) == ["≈ 5 kg on a scale"]
    # (one line beside a drawn formula is its result)
    assert alike(["≈ 0.63 m³/s"]) == ["≈ 0.63 m³/s"]


def test_a_difference_is_no_mark_on_a_timeline_and_a_dip_comes_back_up() -> None:
    import numpy as np

    from vidgen.author.anim import timeline
    from vidgen.author.anim_graphs import shape_expr
    from vidgen.visual.expr import compile_expr

    anim = "A timeline: '1752 – Britain switches', '1918 – Russia switches'. A clock beside it reads '+13 days'."
    assert timeline(anim) == ["1752 – Britain switches", "1918 – Russia switches"]
    ys = compile_expr(shape_expr("'Alertness' dips in the early afternoon", 1))(np.array([0.0, 5.0, 10.0]))
    assert ys[1] < ys[0] and ys[1] < ys[2], ys
