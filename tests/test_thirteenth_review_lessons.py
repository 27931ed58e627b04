"""What the unseen23 and unseen25 notes taught, tuned on them after (issue 20): names listed beside readings and a
date are a list of three kinds (the names are the list); a symbol the note sets equal to its name is one line with
it; and a demonstrative before an adverb ('This usually takes ...') is a pronoun, not 'the'. Each example is
written for this file."""

from __future__ import annotations

from tests.visual_examples import derived, labels_of
from vidgen.author.bare import alike, paired
from vidgen.author.complete import unmarked


def test_names_beside_readings_and_a_date_are_the_list() -> None:
    quotes = ["42 m / 138 ft", "May 29, 1953", "Hillary", "Norgay", "Hunt"]
    assert alike(quotes) == ["Hillary", "Norgay", "Hunt"]
    # (chemical symbols are no names, and a value with its name stays among the values)
    assert alike(["Ca", "Mg", "Fe", "12 mg", "8 mg"]) == ["Ca", "Mg", "Fe", "12 mg", "8 mg"]
    rows = ["Tenzing", "Hillary", "Hunt", "Base camp: 5,364 m", "Summit: 8,849 m"]
    assert alike(rows) == rows
    text = ("On May 29, 1953, a British expedition led by Hunt put two climbers on top of Everest for the first "
            "time: Hillary and Norgay. They stayed about fifteen minutes at the top.")
    anim = ("A mountain with a height marker '8,849 m'. Text overlays: 'May 29, 1953', then the names 'Hillary', "
            "'Norgay', 'Hunt'.")
    labels = labels_of(derived(text, anim))
    assert "8,849 m" not in labels and "May 29, 1953" not in labels, labels
    assert {"Hillary", "Norgay", "Hunt"} <= set(labels), labels


def test_a_symbol_set_equal_to_its_name_is_one_line() -> None:
    anim = "Labels appear under the terms: 'v' = 'Speed', 'd' = 'Distance', 't' = 'Time'."
    assert paired(["v", "Speed", "d", "Distance", "t", "Time"], anim) == ["v = Speed", "d = Distance", "t = Time"]
    # (one side not among the quotes: nothing is joined)
    assert paired(["v", "d", "Distance"], anim) == ["v", "d = Distance"]
    text = ("Speed is distance divided by time. A cyclist who rides 30 kilometres in 2 hours averages 15 kilometres "
            "an hour. The same rule works for snails and for spacecraft.")
    formula = "Formula: 'v = d / t'. Labels fade in under the terms: 'P(A|B)' = 'Posterior', 'd' = 'Distance'."
    labels = labels_of(derived(text, formula))
    assert "P(A: B)" not in " ".join(labels), labels   # (the bar in brackets is kept)


def test_this_before_an_adverb_is_a_pronoun() -> None:
    assert unmarked("This usually takes four or five rinses.") == "This usually takes four or five rinses."
    assert unmarked("This leeward side lies in the rain shadow.") == "The leeward side lies in the rain shadow."
    # (an adjective in -ly before its noun is no adverb)
    assert unmarked("This daily wind is called a sea breeze.") == "The daily wind is called a sea breeze."


def test_a_verdict_stamped_in_a_half_marks_what_it_is_stamped_on() -> None:
    text = ("Many people think a goldfish remembers things for only three seconds. That is not true. In tests, "
            "goldfish learned to push a lever for food and still remembered it months later.")
    anim = ("Split screen. Left half, 'Myth': a fishbowl with the words 'Three-second memory' on it, stamped "
            "'FALSE'. Right half, 'Fact': a goldfish pushing a lever, with the caption 'Remembers for months'.")
    visual = derived(text, anim)
    labels = labels_of(visual)
    assert "FALSE" not in labels, labels
    assert "✗ Three-second memory" in labels and "Remembers for months" in labels, labels


def test_a_tables_header_cells_head_its_rows_and_are_none_of_them() -> None:
    anim = ("A table with a header row 'City', 'Rainfall': 'Cairo | 25 mm'; 'London | 690 mm'; 'Mumbai | 2,200 mm'.")
    assert alike(["City", "Cairo | 25 mm", "London | 690 mm", "Mumbai | 2,200 mm"], anim) == \
        ["Cairo | 25 mm", "London | 690 mm", "Mumbai | 2,200 mm"]
    # (no table in the note: nothing is taken for its header)
    assert alike(["City", "Cairo", "London"], "Three pins: 'City', 'Cairo', 'London'.") == ["City", "Cairo", "London"]


def test_bars_compared_at_values_no_kind_sets_label_nothing() -> None:
    from vidgen.author.scenery import drawn_labels

    anim = ("A bar chart comparing 'Rent' with 'Savings' at ages 25, 35 and 45. The rent bar stays at '$12,000'; "
            "the savings bar climbs to '$4,100', '$19,800' and '$51,300'.")
    assert {"Rent", "Savings"} <= drawn_labels(anim)
    text = ("Put aside a little each month and the pot grows faster than you expect. By 45, the savings can pass "
            "what a year of rent costs. The trick is to start early and leave it alone.")
    labels = labels_of(derived(text, anim))
    assert labels != ["Rent", "Savings"], labels
    assert any("start early" in label or "grows faster" in label for label in labels), labels


def test_ordinals_alone_label_nothing() -> None:
    assert alike(["First", "Second", "Third"]) == []
    assert alike(["1st", "2nd", "3rd", "4th"]) == []
    assert alike(["First place", "Second place"]) == ["First place", "Second place"]


def test_each_part_of_a_countdown_keeps_its_marker() -> None:
    text = ("Number two: learn to fall safely. A fall on ice can happen at any speed, and most beginners fall "
            "backwards onto their wrists, which is how they get hurt. Bend your knees and tuck your chin. And number "
            "one: skate with a friend, at a rink with marshals, until you know the ice.")
    anim = "Countdown. A large '2'. A skater bends low. Then a large '1' with the text 'Never skate alone'."
    labels = labels_of(derived(text, anim))
    assert "Number one: skate with a friend, at a rink with marshals, until you know the ice" in labels, labels
    assert "Number two: learn to fall safely" in labels, labels


def test_words_inside_a_sentence_that_point_at_the_one_before() -> None:
    from vidgen.author.pointing import leans

    for said in ("Beyond that, the outer bands stretch for hundreds of kilometres.",
                 "A match won that way goes into the records as a walkover.",
                 "Keep that in mind when you weigh the flour.",
                 "Lithium cells don't have that problem at all.",
                 "The gap in between, around 500 nanometres, is what we see as green."):
        assert leans(said), said
    for said in ("The protein folds into a precise shape, and that shape decides what it does.",
                 "Economists call that balance the equilibrium price.",
                 "Most people think that speed is what matters."):
        assert not leans(said), said


def test_the_boxes_of_a_branching_chart_are_not_listed_in_a_row() -> None:
    anim = ("A 'Seeds' box; arrows lead to 'Watered' and 'Dry'. Further arrows lead to '90% sprout' and '20% sprout', "
            "and both feed into a final box labelled 'Water matters'.")
    quotes = ["Seeds", "Watered", "Dry", "90% sprout", "20% sprout", "Water matters"]
    assert alike(quotes, anim) == []
    assert alike(quotes[:3], "Three jars: 'Seeds', 'Watered' and 'Dry'.") == quotes[:3]


def test_a_chain_in_each_half_is_drawn_as_the_two_halves() -> None:
    text = ("A kettle turns one unit of electricity into one unit of heat. A heat pump moves heat that is already "
            "outside into the house, so one unit of electricity can deliver three units of heat.")
    anim = ("Split screen. Left half: 'Kettle' — '1 kWh in' → '1 kWh of heat'. Right half: 'Heat pump' — '1 kWh in' "
            "plus '2 kWh from the air' → '3 kWh of heat'.")
    visual = derived(text, anim)
    kinds = [e["kind"] for e in visual["elements"]]
    assert "compare" in kinds and "flow" not in kinds, visual
    assert "3 kWh of heat" in labels_of(visual), visual


def test_curves_listed_after_the_axes_are_drawn_and_a_gentle_fall_keeps_most() -> None:
    from vidgen.author.anim_graphs import curves, shape_expr

    anim = ("A line graph with labelled axes, 'Distance (m)' on the x-axis and 'Speed' on the y-axis, with two "
            "curves: 'Football' declining gently, and 'Balloon' plunging steeply in the first few metres.")
    assert [name for name, _ in curves(anim)] == ["Football", "Balloon"]
    assert shape_expr("declining gently", 0) == "10 - 0.3*x"
    # (curves each given their own ends are data, not shapes: drawn as shapes they would cross)
    data = ("A line graph with labelled axes, 'Time' on the x-axis and 'Price' on the y-axis, with two curves: "
            "'Pounds per dollar' climbing from 0.78 to 0.80, and 'Dollars per pound' falling from 1.28 to 1.25.")
    assert curves(data) == []


def test_a_names_elided_particle_does_not_close_its_quote() -> None:
    from vidgen.author.phrases import quoted

    anim = "A timeline: '1490 – Leonardo da' Vinci's sketch', '1533 – Catherine de' Medici in France', '1581 – Ballet'."
    assert quoted(anim)[1] == "1533 – Catherine de' Medici in France"


def test_an_aside_a_last_phrase_goes_on_with_goes_with_it() -> None:
    from vidgen.author.complete import without_asides

    said = ("A Roman legion had ten cohorts in each camp, which also let officers count supplies in old units like "
            "the modius, divided into 16 sextarii.")
    assert without_asides(said) == "A Roman legion had ten cohorts in each camp."
    # (an aside between commas with the sentence going on after it still goes alone)
    assert without_asides("Pure water, which is hypotonic, rushes in.") == "Pure water rushes in."


def test_worded_labels_the_voice_never_says_are_no_formula() -> None:
    text = ("Here is how a counting frame works. The bead at the top is worth 10 when pushed to the bar. Each bead "
            "below is worth 1, so to show 12 you push the top bead and two of the lower ones.")
    anim = ("A labelled diagram of one rod with arrows pointing to 'sky bead = 10' and 'ground beads = 1 each'; the "
            "beads slide to show 12.")
    visual = derived(text, anim)
    assert "equation" not in [e["kind"] for e in visual["elements"]], visual
    # (said, a worded formula stays)
    said = ("A sky bead is worth 10 and each ground bead is worth 1. To show 12, push one sky bead and two ground "
            "beads to the bar.")
    assert "equation" in [e["kind"] for e in derived(said, anim)["elements"]]


def test_a_level_that_stays_high_then_plunges_is_drawn_so() -> None:
    from vidgen.author.anim_graphs import _LEVEL_THEN_DOWN, shape_expr

    assert shape_expr("stays above 90% until about 18 minutes, then plunges to around 30% by 35 minutes", 0) == \
        _LEVEL_THEN_DOWN


def test_an_amount_beside_differences_is_no_bar_chart() -> None:
    text = ("The crate weighs 900 kilograms. When the lift is empty, the crate side is 300 kilograms heavier. When "
            "the lift is full, the lift side is 200 kilograms heavier.")
    assert "bars" not in [e["kind"] for e in derived(text)["elements"]]


def test_a_reading_with_a_plus_is_still_a_reading() -> None:
    from vidgen.author.scenery import unsaid_reading

    assert unsaid_reading("120 °C+", "It can get well above 100 °C without boiling.")
    assert not unsaid_reading("100 °C+", "It can get well above 100 °C without boiling.")


def test_seven_short_steps_are_all_drawn() -> None:
    text = ("Paper starts as wood. The logs are chipped, cooked into pulp, washed, pressed flat, dried and finally "
            "rolled onto huge reels, ready to be cut.")
    anim = "Flowchart: 'Chip' → 'Cook' → 'Wash' → 'Press' → 'Dry' → 'Roll' → 'Cut'."
    visual = derived(text, anim)
    flows = [e for e in visual["elements"] if e["kind"] == "flow"]
    assert flows and [i["label"] for i in flows[0]["items"]][-1] == "Cut", visual
    # (long names still stop at six: seven would not fit a row legibly)
    anim = ("Flowchart: 'Chip the logs' → 'Cook into pulp' → 'Wash the pulp' → 'Press it flat' → 'Dry on rollers' → "
            "'Roll onto reels' → 'Cut to size'.")
    flows = [e for e in derived(text, anim)["elements"] if e["kind"] == "flow"]
    assert not flows or len(flows[0]["items"]) <= 6


def test_a_bonus_or_a_laughably_simple_kit_points_ahead() -> None:
    from vidgen.author.teasers import FORWARD

    for said in ("There's a bonus", "Their kit was almost laughably simple", "There is a surprise",
                 "Before you buy, though, it pays to do a little reading", "Sailors have known the trick for ages"):
        assert FORWARD.search(said), said
    assert not FORWARD.search("There's a bonus payment for staff who stay a year")


def test_a_table_of_symbols_keeps_its_columns_apart() -> None:
    from vidgen.author.derive_words import numeric_rows

    assert numeric_rows([["T", "T", "T"], ["T", "F", "F"], ["F", "T", "T"]])
    assert not numeric_rows([["Cairo", "dry"], ["London", "wet"]])
    anim = ("A truth table with header row 'A | B | A and B'. Rows appear: 'T | T | T', 'T | F | F', 'F | T | F', "
            "'F | F | F'.")
    text = "An 'and' is true only when both parts are true. Every other row of the table is false."
    labels = labels_of(derived(text, anim))
    assert "T | F | F" in labels, labels


def test_a_simile_after_an_aside_goes_on_with_it() -> None:
    from vidgen.author.complete import without_asides

    said = "The dough is rolled into sheets, which are folded again and again until they shine, like silk."
    assert "sheets like silk" not in without_asides(said)


def test_money_with_a_magnitude_reads_whole() -> None:
    from vidgen.author.phrases import plain

    assert plain("sold for $8.3M in 2021") == "sold for 8.3 million dollars in 2021"
    assert plain("costs $1") == "costs 1 dollar"


def test_how_far_ahead_is_no_thing_to_chart() -> None:
    text = ("A pendulum clock runs up to about 12 seconds fast in summer and about 9 seconds slow in winter. In "
            "July, the clock is roughly 12.5 seconds ahead of true time, so we subtract that.")
    assert "bars" not in [e["kind"] for e in derived(text)["elements"]]


def test_a_mark_of_no_letter_among_named_things_is_none_of_them() -> None:
    assert alike(["Dover", "Calais", "· · ·"]) == ["Dover", "Calais"]
    # (marks alone stay: a list of Morse letters is a list)
    assert alike(["— · —", "— — —", "— · · ·"]) == ["— · —", "— — —", "— · · ·"]


def test_a_split_screen_of_two_quotes_is_two_halves_and_a_myth_is_no_formula() -> None:
    from vidgen.author.anim import halves

    anim = "Split screen: left 'Myth: a tomato is a vegetable', right 'Fact: botanically a berry'."
    h = halves(anim)
    assert h is not None and h.left_labels == ["Myth: a tomato is a vegetable"], h
    text = ("Myth one: a tomato is a vegetable. In fact, botanists call it a berry, because it grows from the "
            "flower and holds the seeds. Cooks still treat it as a vegetable, and that is fine in the kitchen.")
    visual = derived(text, "Split screen: left 'Myth: tomato = vegetable', right 'Fact: tomato = berry'.")
    assert "equation" not in [e["kind"] for e in visual["elements"]], visual


def test_a_labelled_diagrams_longer_part_names_label_it_too() -> None:
    text = ("A kettle boils water with a coil of wire under its floor. The switch cuts the power when steam reaches a "
            "small bimetal disc. Most kettles boil a litre in about three minutes.")
    anim = ("A labelled diagram of a kettle with arrows pointing to 'heating element under the floor', 'steam tube "
            "to the switch' and 'bimetal disc that snaps'.")
    labels = labels_of(derived(text, anim))
    assert "heating element under the floor" not in labels, labels


def test_there_with_a_comma_points_at_a_place_named_before() -> None:
    from vidgen.author.pointing import leans

    assert leans("There, warm air from the sea meets cold air from the hills.")
    assert not leans("There are three kinds of cloud.")


def test_a_term_under_the_sentence_that_says_it_is_said_once() -> None:
    from vidgen.author.bare import names_again
    from vidgen.author.draft import Draft

    draft = Draft()
    draft.add("text", [{"label": "Its moving parts are two rows of plates, called links, and a pin through each"}], "T")
    draft.add("bullets", [{"label": "Links", "detail": "Two rows of plates"}], "L")
    names_again(draft)
    assert [e["kind"] for e in draft.elements] == ["text"]
    # (a gloss the line does not say stays)
    draft = Draft()
    draft.add("text", [{"label": "Its moving parts are two rows of plates, called links"}], "T")
    draft.add("bullets", [{"label": "Links", "detail": "Steel plates riveted in pairs"}], "L")
    names_again(draft)
    assert [e["kind"] for e in draft.elements] == ["text", "bullets"]


def test_an_initial_after_a_word_for_a_maker_opens_a_name() -> None:
    from vidgen.script.sentences import split_sentences

    said = "In 1880, the clockmaker J. Harrison and Sons built it. It still runs."
    assert split_sentences(said) == ["In 1880, the clockmaker J. Harrison and Sons built it.", "It still runs."]
    assert split_sentences("He took vitamin C. Doctors say so.") == ["He took vitamin C.", "Doctors say so."]


def test_what_sits_between_two_halves_is_in_neither() -> None:
    from vidgen.author.anim import halves

    h = halves("Split screen: left 'Morning 8:00', right 'Evening 20:00', with a clock between them reading '12:00'.")
    assert h is not None and h.right_labels == ["Evening 20:00"], h


def test_a_claim_denied_outright_or_crossed_out_before_is_marked_wrong() -> None:
    from vidgen.author.bare import crossed

    assert crossed("Cold makes you ill", "A card: crossed-out 'Cold makes you ill' flips to 'Viruses do'.") == "✗ "
    assert crossed("Viruses do", "A card: crossed-out 'Cold makes you ill' flips to 'Viruses do'.") == ""
    text = ("And finally: stale bread is useless for cooking. Not necessarily. Dry slices soak up custard far better "
            "than fresh ones, which is why bread pudding starts with old bread.")
    labels = labels_of(derived(text))
    assert not any(x.startswith("Finally: stale bread") for x in labels), labels
