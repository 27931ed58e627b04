"""What the unseen18 judging taught, tuned on it after (issue 20): a list of the note's names with one the voice
never says ('Estimated path' beside 'Encoder') labels a drawing that is not drawn, so the scene's sentences are
shown; a consequence or a result after 'which' is no aside; a second 'are called' is no gloss of the first; a
term's own sentence is not shown again beside it. Each example is written for this file."""

from __future__ import annotations

from tests.visual_examples import derived, labels_of
from vidgen.author.complete import without_asides
from vidgen.author.phrases import defined_term
from vidgen.author.scenery import unsaid_name


def test_a_name_is_unsaid_only_when_no_word_of_it_is_said() -> None:
    voice = "The drone counts propeller turns with encoders, and its atria of sensors drift over minutes."
    assert unsaid_name("Planned route", voice)
    assert not unsaid_name("Encoder", voice)          # (said in the plural)
    assert not unsaid_name("Left atrium", voice)      # (a Latin plural)
    assert not unsaid_name("Propeller blade", voice)  # (one word said is enough)
    assert not unsaid_name("20 min", voice)           # (a value: a reading, decided elsewhere)


def test_a_list_with_a_name_the_voice_never_says_gives_way_to_the_sentences() -> None:
    text = ("A delivery drone knows where it is by counting propeller turns with encoders and a compass. Together "
            "this is called dead reckoning. Gusts push it sideways, so its guess slowly drifts from the truth.")
    anim = ("Two lines on a map: the drone's 'Planned route' in blue and its 'Real route' in red, drifting apart. "
            "Icons labelled 'Encoder' and 'Compass' sit below.")
    labels = labels_of(derived(text, anim))
    assert "Planned route" not in labels and "Encoder" not in labels, labels
    assert any("drifts" in label for label in labels), labels
    # every name said: they are the things the voice talks of
    said = text.replace("Gusts push it sideways", "Its planned route and real route part as gusts push it")
    assert "Planned route" in labels_of(derived(said, anim)), labels_of(derived(said, anim))


def test_a_count_of_the_names_keeps_them() -> None:
    text = ("A pencil is simpler than it looks. The pencil has three parts. Each does one job well.")
    anim = "A cutaway labelled 'Graphite core', 'Cedar casing' and 'Ferrule'."
    assert "Ferrule" in labels_of(derived(text, anim)), labels_of(derived(text, anim))


def test_a_result_or_a_consequence_after_which_is_no_aside() -> None:
    s = "Downhill running strains the quads most, which is why hikers, who brake every step, feel sore."
    assert "which is why" in without_asides(s), without_asides(s)
    s = "Through B, D is 3 plus 5, which is 8, better than 10."
    assert "which is 8" in without_asides(s), without_asides(s)
    # an aside still goes: 'In pure water, which is hypotonic, cells swell'
    assert without_asides("Cells, which are small, swell in pure water.") == "Cells swell in pure water."


def test_a_second_called_is_no_gloss_of_the_first() -> None:
    term = defined_term("The corners are called vertices, the straight lines where two faces meet are called edges.")
    assert term is None or not term[1].startswith("The straight lines"), term
    assert defined_term("This is called osmosis, the movement of water across a membrane.") == \
        ("Osmosis", "The movement of water across a membrane")


def test_a_terms_own_sentence_is_not_shown_again_beside_it() -> None:
    text = ("To know how far it has flown, the drone counts propeller turns using sensors called encoders, and a "
            "compass tells it which way it is heading at every moment. Together, this is called dead reckoning, a "
            "kind of careful guessing. The trouble is that gusts push it sideways, so small errors build up over "
            "time and it slowly loses track of where it really is.")
    labels = labels_of(derived(text, "A drone over a field."))
    assert sum("reckoning" in label.lower() for label in labels) == 1, labels


def test_a_teaser_of_grounds_or_rank_is_not_shown_alone() -> None:
    from vidgen.author.teasers import FORWARD

    for s in ("Climbers call the clove hitch the workhorse of knots, and for good reason",
              "The third rule is perhaps the most important", "Steam power provided the solution"):
        assert FORWARD.search(s), s
    for s in ("The second dose is when things go wrong", "Galileo made the puzzle harder",
              "Today we know why the cure worked", "A bat solves the same problem a different way",
              "Hold the magnet the right way round"):
        assert FORWARD.search(s), s
    for s in ("A couple of caveats", "The takeaway from all three rules", "Darwin's claim was actually modest",
              "Then came Christmas Day, 1914", "The painter remains hard to pin down",
              "Put both on one chart and the picture becomes obvious", "Now compare that with a slower drug",
              "The secret lies in the shape of its wing", "Just remember the model's limits"):
        assert FORWARD.search(s), s
    for s in ("The answer lies in tiny threads inside each cell that slide past one another as it shortens",
              "The third rule is the most important for beginners", "Steam power provided the solution to flooding",
              "Today we know why the cure worked: vitamin C"):
        assert not FORWARD.search(s), s


def test_who_is_said_only_by_how_many_or_which_leans() -> None:
    from vidgen.author.antecedent import unresolved
    from vidgen.author.pointing import leans

    assert leans("Many grew up far from any school.", strongly=True)
    assert leans("Modern ones fix the problem with a laser.", strongly=True)
    assert not leans("Many people grew up far from any school.")
    assert not leans("Many are invented for a headline and forgotten.", strongly=True)
    assert leans("The technique was pioneered in 1901 by an astronomer.", strongly=True)
    assert not leans("The method of least squares fits a line to points.")
    # a subject after a phrase set in front finds nothing in it, a describing comma or two included
    assert unresolved("In the cold, pitch-dark water, they found warm springs.")
    assert unresolved("Given the chance to meet each other, they built a language.")
    # (an example set between commas is no describing comma: the parallel list 'At X, like Y, they ...' keeps it)
    assert not unresolved("At divergent boundaries, like the Mid-Atlantic Ridge, they pull apart.")


def test_a_myth_said_with_says_is_shown_only_over_its_rebuttal() -> None:
    text = ("Myth number one says sharks must keep swimming to breathe. In fact, many do not. Nurse sharks rest on "
            "the sea floor for hours while pumping water over their gills.")
    labels = labels_of(derived(text, "A shark resting on sand."))
    # (its rebuttal, 'In fact, many do not', is too short to show: so the myth is not shown, where it reads as fact)
    assert not any("keep swimming" in label for label in labels), labels
    text = ("Myth number two says that cold weather gives you a cold. In reality, colds are caused by viruses, which "
            "spread more easily when people crowd together indoors. Washing your hands helps far more than a scarf.")
    labels = labels_of(derived(text, "A thermometer and a sneezing cartoon virus."))
    myth = [k for k, label in enumerate(labels) if "cold weather gives you a cold" in label]
    assert myth and "viruses" in labels[myth[0] + 1], labels


def test_next_time_is_advice_not_the_next_step() -> None:
    text = ("Finally, the baker slides the loaf into the oven. Next time you buy bread, tap its base and listen "
            "for a hollow sound.")
    v = derived(text, "A loaf in an oven.")
    assert all(e["kind"] != "flow" for e in v["elements"]), v  # type: ignore[union-attr]


def test_a_pair_of_names_the_line_beside_them_says_goes() -> None:
    text = ("Krakatoa was a volcanic island in the Sunda Strait, between Java and Sumatra. In May 1883 it began to "
            "rumble, and ash rose high.")
    v = derived(text, "A map of the strait with 'Java' and 'Sumatra' labelled and a smoking island between them.")
    assert "Java" not in labels_of(v) and any("Krakatoa" in label for label in labels_of(v)), labels_of(v)
    # a set of three or more that the sentence lists stays: it is what the sentence names
    text = "A basket holds bread, rent, bus fares and coffee. Its price each year is what inflation measures."
    anim = "A basket fills with icons labelled 'Bread', 'Rent', 'Bus fare', 'Coffee'."
    assert "Bread" in labels_of(derived(text, anim)), labels_of(derived(text, anim))


def test_a_year_alone_the_voice_never_says_is_no_event_on_a_timeline() -> None:
    text = ("Fresco painters worked fast on wet plaster. Giotto finished the Arena Chapel in 1305, and Michelangelo "
            "began the Sistine ceiling in 1508.")
    anim = ("A timeline from '1200' to '1600' with marks at 'Arena Chapel, 1305' and 'Sistine ceiling, 1508'.")
    v = derived(text, anim)
    timelines = [e for e in v["elements"] if e["kind"] == "timeline"]  # type: ignore[union-attr]
    labels = [i["label"] for e in timelines for i in e["items"]]
    assert timelines and "1200" not in labels and "1600" not in labels, v


def test_an_opening_it_that_stands_for_nothing_does_not_lean() -> None:
    from vidgen.author.pointing import leans

    for s in ("It is true that most meteors burn up high above the ground.",
              "It was Faraday who built the first motor.", "It is easy to see why steel replaced iron."):
        assert not leans(s, strongly=True), s
    for s in ("It is made of iron.", "It is true that they won.", "It was the heat that did it."):
        assert leans(s), s


def test_a_myth_is_not_shown_over_a_concession() -> None:
    text = ("Myth number one: a watched pot never boils. It is true that waiting makes the minutes feel longer. "
            "But the water heats at the same rate whether you look or not.")
    labels = labels_of(derived(text, "A pot on a stove with a clock."))
    assert not any("watched pot never boils" in label for label in labels), labels


def test_a_jagged_line_has_no_one_way_shape() -> None:
    from vidgen.author.anim_graphs import shape_expr

    assert shape_expr("a jagged line starts far from 0.5 and flattens toward a dashed line", 0) == ""
    assert shape_expr("a line that rises and flattens", 0) != ""


def test_two_heads_of_pictures_not_drawn_give_way_to_the_sentences() -> None:
    text = ("Most tourists photograph the cathedral from the square. Locals know a better view from the river. "
            "From the bridge, the towers line up with the old mill behind them.")
    anim = ("Split screen. Left: a crowded square, labelled 'What tourists see'. Right: the river view, 'What "
            "locals see'.")
    labels = labels_of(derived(text, anim))
    assert "What tourists see" not in labels and any("river" in label for label in labels), labels


def test_a_worked_examples_values_come_first_on_one_line() -> None:
    text = ("Take a rectangle with a equal to 4 and b equal to 6. Its area is a times b, 24. Its perimeter is two "
            "times a plus b, 20.")
    anim = "Formulas appear line by line: 'a = 4', 'b = 6', 'A = a × b = 24', 'P = 2(a + b) = 20'."
    v = derived(text, anim)
    eqs = [i["label"] for e in v["elements"] if e["kind"] == "equation" for i in e["items"]]  # type: ignore[union-attr]
    assert eqs and "a = 4" in eqs[0] and "b = 6" in eqs[0] and len(eqs) == 3, eqs


# After the unseen19 judging: four garbles its reviewers saw, each fixed by a general rule.


def test_a_verb_with_its_particle_is_kept_in_a_gloss() -> None:
    assert defined_term("These dry clumps of leaves, called pellets, come back up after a meal.") == \
        ("Pellets", "Come back up after a meal")


def test_a_contraction_is_said_out_when_the_name_replaces_he() -> None:
    from vidgen.author.named import with_names

    out = with_names(["A geologist named Ada Brandt camped on the ridge.", "She'd spent weeks there.",
                      "She'll go back.", "She's tired."], "Ridge")
    assert out[1:] == ["Brandt had spent weeks there.", "Brandt will go back.", "She's tired."], out


def test_an_aside_goes_only_before_the_names_verb() -> None:
    s = "Then came Ada Brandt, a young geologist from Leeds, already a famous climber."
    assert without_asides(s) == s
    assert without_asides("Ada Brandt, a young geologist from Leeds, was looking for gold.") == \
        "Ada Brandt was looking for gold."


def test_a_middle_initial_and_a_quotation_end_no_sentence() -> None:
    from vidgen.script.sentences import split_sentences

    assert len(split_sentences("Among them was Harry R. Truman, the lodge owner. He stayed.")) == 2
    assert len(split_sentences("We need Plan B. Then we go.")) == 2
    assert len(split_sentences('He shouted: "Run! Run! It is coming!" Then silence.')) == 2
    # (a stray mark opens no quotation: the sentences after it still end)
    assert len(split_sentences('He said "Run. Then he left. It rained.')) == 3


# Tuned on unseen19 after its judging (it is a tuning set now).


def test_hours_and_minutes_are_one_bar_value() -> None:
    from vidgen.author.anim import bars

    found = bars("A bar chart of crossing times: bars 'Old record – 12 h 50 min' and 'New record – 9 h 5 min'.")
    assert [(n, round(v, 2), u) for n, v, u in found] == [("Old record", 12.83, "h"), ("New record", 9.08, "h")]


def test_a_caption_among_numbered_steps_or_rows_is_not_one_of_them() -> None:
    text = ("A siege had a rhythm. First the attackers surrounded the walls, then they dug, battered and climbed, "
            "looked for a weak spot, and finally talked terms.")
    anim = ("A caption reads 'Rochester, 1215'. Then a checklist: '1 Surround', '2 Dig', '3 Batter', '4 Weak spot', "
            "'5 Talk terms'.")
    labels = labels_of(derived(text, anim))
    assert "Rochester, 1215" not in labels and "1 Surround" in labels, labels


def test_a_sawtooth_gets_no_invented_curve() -> None:
    text = ("Each new dose lands before the last has gone. The level jumps, then decays, then jumps again, a little "
            "higher each time.")
    anim = ("Sawtooth graph: x-axis 'Time (hours)', y-axis 'Drug level (mg)'. Each dose is a sharp jump followed by a "
            "curved decay, with peaks rising towards a dashed line.")
    v = derived(text, anim)
    assert all(e["kind"] != "plot" for e in v["elements"]), v  # type: ignore[union-attr]


def test_two_halves_with_one_empty_compare_nothing() -> None:
    from vidgen.author.derive import _context
    from vidgen.author.draft import Draft
    from vidgen.author.stated import labels_nothing
    from vidgen.script.model import Scene

    scene = Scene(seq=1, text="Sharpness depends on the lens and the focus. It does not depend on the pixel count.")
    ctx = _context(scene, 0, 1, "Megapixels")
    lens, focus, pixels = "Lens: decides it", "Focus: too", "Pixels: do not"
    one = Draft()
    one.add("compare", [{"label": lens, "detail": "left"}, {"label": focus, "detail": "left"}], "K")
    both = Draft()
    both.add("compare", [{"label": lens, "detail": "left"}, {"label": pixels, "detail": "right"}], "K")
    assert labels_nothing(ctx, one) and not labels_nothing(ctx, both)


def test_an_address_in_a_half_breaks_across_lines_rather_than_shrinking() -> None:
    from vidgen.script.model import parse_script
    from vidgen.service.viewer import check_script

    text = "Step one: look at the sender's real address, not just the name shown above it."
    visual = {"layout": "full", "elements": [
        {"id": "T", "kind": "text", "items": [{"label": "Look at the sender's real address, not just the name"}]},
        {"id": "K", "kind": "compare", "caption": "What you see vs What it really is",
         "items": [{"label": "From: Acme Bank Support", "detail": "left"},
                   {"label": "alerts@acme-bank-helpdesk-secure.net", "detail": "right"}]}],
        "steps": [{"sentence": 0, "action": "show", "target": "T"}, {"sentence": 0, "action": "show", "target": "K"}]}
    script = parse_script({"title": "Phishing", "scenes": [{"seq": 1, "text": text, "visual": visual}]})
    problems = check_script(script, None, aspects=["1:1"])
    assert not problems, problems   # (neither set too small nor broken inside a word)
    from vidgen.draw.glyphs import break_word

    assert break_word("alerts@acme-bank-helpdesk-secure.net", 20, 150) == ["alerts@acme-", "bank-", "helpdesk-",
                                                                            "secure.net"]


def test_a_sentence_without_its_lead_in_still_opens_a_line() -> None:
    text = ("Fibre is the part of plant food your body cannot digest. But 'fibre' on a label covers two quite "
            "different materials. One dissolves in water and the other does not.")
    labels = labels_of(derived(text, "Two jars: 'Soluble' and 'Insoluble'."))
    assert not any(label[:1].islower() for label in labels), labels



def test_a_word_broken_at_its_joins_keeps_its_accent_on_every_line() -> None:
    from vidgen.draw.kinds.lines import rich_lines

    lines = rich_lines("service@n0rthbank-support-desk.com", 20, 150)
    keys = {run.key for line in lines for run in line.runs}
    assert len(lines) >= 2 and keys == {True}, [(r.text, r.key) for line in lines for r in line.runs]
