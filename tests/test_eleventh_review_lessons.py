"""What the unseen19 and unseen20 notes taught, tuned on them after (issue 20): the quotes of a picture no kind
draws (a cutaway's parts, a haze's label, the words on a wire) label nothing when listed alone, so the scene's
sentences are shown; a count or a list the voice makes of them, a gloss it gives each, or a value on a label keeps
them. Each example is written for this file."""

from __future__ import annotations

from tests.visual_examples import derived, labels_of
from vidgen.author.scenery import drawn_labels

_KETTLE = ("An electric kettle hides a simple trick. Current runs through heating coils under the water. When the "
           "water boils, steam reaches a small metal disc behind the handle. The disc snaps into a new shape, which "
           "flips the switch off by itself.")


def test_the_quotes_of_a_cutaway_are_its_labels() -> None:
    anim = ("Cutaway drawing of a kettle: 'Heating element' at the base, 'Bimetal disc' behind the handle. "
            "A curved arrow carries steam past the 'Steam tube'. Then the title 'Kettle' fades in.")
    found = drawn_labels(anim)
    assert {"Heating element", "Bimetal disc", "Steam tube"} <= found, found
    assert "Kettle" not in found   # (after the next shot, not the cutaway's)
    # a thing's own label is one too; a box's is a list's own
    assert drawn_labels("A wisp of fog labelled 'Bad air' drifts by.") == {"Bad air"}
    assert drawn_labels("Three boxes labelled 'Plan', 'Do', 'Check'.") == set()


def test_a_cutaways_labels_alone_give_way_to_the_sentences() -> None:
    # (every one of them said, none listed: the voice tells how they work, the cutaway would show where they are)
    text = ("Let's start with the electric kettle. Inside, heating coils sit under the water, and a small metal disc "
            "sits behind the handle. When the water boils, steam bends the disc, which flips the switch off. The "
            "design dates from the 1920s and has barely changed since.")
    anim = ("Cutaway diagram of a kettle: 'Heating coils' at the base, 'Steam vents' at the top, a 'Metal disc' "
            "behind the handle and a 'Switch' above it.")
    labels = labels_of(derived(text, anim))
    assert "Metal disc" not in labels and "Steam vents" not in labels, labels
    assert any("flips the switch" in label for label in labels), labels


def test_a_count_or_a_list_by_the_voice_keeps_them() -> None:
    anim = "Cutaway drawing of a kettle: 'Element', 'Disc' and 'Switch'."
    counted = _KETTLE + " It all comes down to three parts."
    assert "Switch" in labels_of(derived(counted, anim)), labels_of(derived(counted, anim))
    listed = _KETTLE + " The element, the disc and the switch do it all."
    assert "Switch" in labels_of(derived(listed, anim)), labels_of(derived(listed, anim))


def test_a_label_that_says_something_is_a_point_of_its_own() -> None:
    anim = ("Cutaway drawing of a kettle: 'Element ≈ 2 kW' at the base and 'Boils at 100 °C' near the lid, with a "
            "small 'Handle' on the side.")
    text = _KETTLE + " A typical element draws 2 kW, and the water boils at 100 °C."
    labels = labels_of(derived(text, anim))
    assert any("2 kW" in label for label in labels), labels


def test_two_halves_holding_a_pictures_labels_give_way_to_the_sentences() -> None:
    text = ("Bees carry pollen home in a neat way. On each hind leg, a ring of stiff hairs holds a packed ball of it. "
            "Flowers help them find the food, with lines on the petals that only bees can see. Both sides gain "
            "from the deal.")
    anim = ("Split screen. Left: a close-up photo of a bee's hind leg with a yellow ball, labelled 'Pollen basket'. "
            "Right: a front view of a flower under ultraviolet light, with dark lines labelled 'Nectar guides'.")
    v = derived(text, anim)
    assert all(e["kind"] != "compare" for e in v["elements"]), v
    assert any("hind leg" in label for label in labels_of(v)), labels_of(v)


def test_a_half_the_next_half_turns_against_is_not_shown_alone() -> None:
    from vidgen.author.complete import whole_clause
    sentence = ("Most bread doughs are stiff and dry, easy to knead by hand; hers was wet, sticky and slack, "
                "spreading across the board.")
    line = whole_clause(sentence, 14)
    assert not line or line.startswith("Most") and "hers" in line, line
    plain = "Most bread doughs are stiff and dry; a baker kneads them for ten minutes, then leaves them to rise."
    assert whole_clause(plain, 14).startswith("Most bread doughs are stiff and dry")


def test_what_lies_between_the_columns_or_across_the_top_is_in_neither_half() -> None:
    from vidgen.author.anim import halves
    h = halves("Left column titled 'Tea' lists 'Leaves', 'Steeped'. Right column titled 'Coffee' lists 'Beans', "
               "'Brewed'. A wavy line between the columns is labelled 'Never mix them'.")
    assert h is not None and "Never mix them" not in h.right_labels, h
    h = halves("Split screen. Left: a cup captioned 'Green: 80 °C'. Right: a pot captioned 'Black: 100 °C'. "
               "A big 'TEMPERATURE' stamp lands across the top.")
    assert h is not None and h.right_labels == ["Black: 100 °C"], h


def test_what_the_video_says_of_itself_is_not_the_scenes_point() -> None:
    from vidgen.author.phrases import is_greeting
    for aside in ("Quick note: this is for practice, and your own kitchen may differ.",
                  "We'll mostly use the metric system as our example, with a few nods elsewhere.",
                  "By the end of this video you'll be able to read any label.",
                  "This is not medical advice."):
        assert is_greeting(aside), aside
    assert not is_greeting("We'll need two eggs and a pinch of salt.")
    text = ("Sourdough needs only flour, water and salt, plus a living starter that makes it rise. Quick note: this "
            "is for practice, and your own kitchen may differ. Let's begin.")
    labels = labels_of(derived(text, ""))
    assert all("Quick note" not in label for label in labels), labels


def test_one_of_two_halves_alike_is_never_shown_alone() -> None:
    from vidgen.author.complete import whole_clause
    sentence = ("Each switch set one bit of the number on the panel: where the lever was up, the lamp above it "
                "glowed and counted as a one; where it was down, the lamp stayed dark.")
    line = whole_clause(sentence, 14)
    assert not line.lower().startswith("where"), line


def test_a_table_of_named_rows_keeps_every_value_under_its_column() -> None:
    from vidgen.author.anim_tables import table
    slashed = ("Comparison table with two columns, 'Tea' and 'Coffee', and rows: 'Caffeine: low / high', "
               "'Served: in a pot / in a cup', 'Grown: bushes / trees'.")
    assert table(slashed) == (["", "Tea", "Coffee"], [["Caffeine", "low", "high"], ["Served", "in a pot", "in a cup"],
                                                      ["Grown", "bushes", "trees"]])
    bracketed = ("A table: columns 'Kettle', 'Pan', 'Oven'; rows 'Heat' ('Fast', 'Medium', 'Slow'), 'Power' "
                 "('2 kW', '1.5 kW', '3 kW').")
    assert table(bracketed) == (["", "Kettle", "Pan", "Oven"], [["Heat", "Fast", "Medium", "Slow"],
                                                                ["Power", "2 kW", "1.5 kW", "3 kW"]])
    text = "Tea and coffee differ in more than taste. Tea has less caffeine, and coffee beans grow on trees."
    v = derived(text, slashed)
    kinds = [e["kind"] for e in v["elements"]]
    assert "compare" in kinds, v   # (two columns of named rows: the two sides, each row's value on its side)
    caption = next(e.get("caption") for e in v["elements"] if e["kind"] == "compare")
    assert caption == "Tea vs Coffee", caption
    v = derived("Three ways to heat water differ in speed and power.", bracketed)
    element = next(e for e in v["elements"] if e["kind"] == "bullets")
    assert element.get("caption") == "Kettle · Pan · Oven", element
    assert "Power: 2 kW · 1.5 kW · 3 kW" in [i["label"] for i in element["items"]], element


def test_a_question_whose_arrows_each_lead_on_is_a_branch_not_one_line() -> None:
    from vidgen.author.anim_flows import branches
    anim = ("Flowchart: a box 'How much time do you have?' with one arrow to 'Ten minutes' → 'Pasta' and another "
            "to 'An hour' → 'Risotto'. A last box reads 'Eat well'.")
    assert branches(anim) == [("How much time do you have?", "Ten minutes: Pasta · An hour: Risotto")]
    v = derived("If you have ten minutes, cook pasta. With an hour to spare, make risotto.", anim)
    assert all(e["kind"] != "flow" for e in v["elements"]), v   # (not 'Ten minutes → Pasta' with 'An hour' cut off)


def test_a_shape_that_only_describes_a_thing_is_no_figure() -> None:
    from vidgen.author.anim_graphs import figure
    assert figure("A cutaway of a square wooden box with 'Lid' on the top side and 'Base' on the bottom side.") is None
    assert figure("A square with 'Top' on the top side and 'Side' on the left side.") is not None


def test_bars_named_then_given_their_heights_in_turn() -> None:
    from vidgen.author.anim import bars
    anim = ("Bar chart with x-axis 'Cable size' (values '1 mm', '2 mm', '4 mm') and y-axis 'Relative resistance', "
            "bars shrinking from 16 to 4 to 1.")
    assert bars(anim) == [("1 mm", 16.0, ""), ("2 mm", 4.0, ""), ("4 mm", 1.0, "")]
    v = derived("A thicker cable resists the current less: double its width and the resistance falls to a quarter.",
                anim)
    chart = next(e for e in v["elements"] if e["kind"] == "bars")
    assert chart.get("caption") == "Relative resistance", chart   # (what the heights measure, from its axis)


def test_a_statement_among_things_to_do_is_not_one_of_them() -> None:
    from vidgen.author.bare import alike
    assert alike(["Cool the burn", "Cover it loosely", "Most burns heal in weeks"]) == ["Cool the burn",
                                                                                        "Cover it loosely"]
    # (a warning is advice of its own; and names alike stay)
    kept = ["Cool the burn", "Cover it loosely", "Never use butter"]
    assert alike(kept) == kept
    assert alike(["Burns", "Scalds", "Blisters"]) == ["Burns", "Scalds", "Blisters"]
    # (of three, a bare reading is a ruler's, not a third name; a name with a number stays)
    assert alike(["Even edge", "Ragged edge", "6 mm"]) == ["Even edge", "Ragged edge"]
    assert alike(["example.com", "Name", "93.184.216.34"]) == ["example.com", "Name", "93.184.216.34"]


def test_a_claim_the_note_crosses_out_is_shown_as_wrong() -> None:
    from vidgen.author.bare import crossed
    anim = "A tabloid headline 'Chewing gum stays in you for seven years!' crossed out with a red line, beside 'Fact'."
    assert crossed("Chewing gum stays in you for seven years!", anim) == "✗ "
    assert crossed("Fact", anim) == ""
    text = ("Swallowed gum does not stay in your stomach for years. It passes through in a day or two, like other "
            "food your body cannot digest.")
    labels = labels_of(derived(text, anim))
    assert not any(label.startswith("Chewing gum stays") for label in labels), labels


def test_the_labels_of_a_graph_that_is_not_drawn_label_nothing() -> None:
    anim = ("A graph with axes labelled 'Hour' and 'Blood sugar', with a dashed line at 'Too high above 10'. One "
            "curve rises once after a meal; a second rises again and again for 'Snacking all day'.")
    assert {"Too high above 10", "Snacking all day"} <= drawn_labels(anim)
    text = ("Grazing is not always healthier than meals. Each snack lifts your blood sugar again. Spread over the day, "
            "the levels stay high for far longer than after three meals.")
    labels = labels_of(derived(text, anim))
    assert "Snacking all day" not in labels, labels


def test_of_many_sentences_one_that_leans_is_kept_only_with_the_one_it_leans_on() -> None:
    text = ("Number four is hardness, which says how easily a mineral surface gets scratched by harder minerals and "
            "tools. Talc is the softest mineral of all, while diamond tops the whole hardness scale at a perfect ten. "
            "Number three is streak, its powder colour. You find it by scraping the mineral firmly across a piece of "
            "unglazed white porcelain tile. Hematite can look silvery black, but its streak is always a rusty "
            "reddish brown colour.")
    labels = labels_of(derived(text, ""))
    if any(label.startswith("You find it") for label in labels):
        assert any(label.startswith("Number three is streak") for label in labels), labels


def test_a_clause_that_announces_the_quote_after_it_is_not_shown_alone() -> None:
    from vidgen.author.complete import whole_clause
    sentence = ('Then the guide grabbed the radio and shouted the famous words: "Run now, all of you, the ice is '
                'breaking right under the camp!"')
    line = whole_clause(sentence, 14)
    assert not line.endswith("famous words"), line


def test_two_lines_described_are_never_drawn_as_one() -> None:
    anim = ("A line graph with x-axis 'Hours of sun' and y-axis 'Tomato yield (kg)' shows two straight lines, one "
            "shallow for the old variety and one steep for the new, crossing at six hours.")
    text = ("The new variety only pays off in a sunny spot. Below six hours of sun a day, the old one gives more "
            "fruit; above it, the new one wins.")
    v = derived(text, anim)
    assert all(e["kind"] != "plot" for e in v["elements"]), v


def test_two_cards_on_the_left_and_right_are_two_halves() -> None:
    from vidgen.author.anim import halves
    h = halves("Split screen with two price cards. Left card, 'Basic': '$5/month', 'Ads'. Right card, 'Premium': "
               "'$12/month', 'No ads'.")
    assert h is not None and h.names == ("Basic", "Premium") and "No ads" in h.right_labels, h


def test_a_concession_alone_is_not_the_point() -> None:
    from vidgen.author.pointing import REPORTED
    assert REPORTED.search("It is true that most lottery winners spend the money within a few years.")
    assert not REPORTED.search("The truth is that most winners keep working.")


def test_a_journey_from_one_name_to_the_next_is_a_flow() -> None:
    from vidgen.author.anim_chains import chains
    assert chains("Arrows show the same parcel moving from 'Depot' to 'Van' to 'Doorstep'.") == [
        ["Depot", "Van", "Doorstep"]]
    assert chains("A ruler measured from 'Start' to 'End'.") == []   # (two ends, and no journey)


def test_bars_say_what_they_count() -> None:
    anim = "Bar chart comparing 'Adults: 30%' with 'Children: 12%' for seasonal hay fever."
    v = derived("Hay fever is more common in adults than in children: about 30 percent against 12.", anim)
    chart = next(e for e in v["elements"] if e["kind"] == "bars")
    assert chart.get("caption") == "seasonal hay fever (percent)", chart


def test_what_a_sign_read_is_shown_as_a_quotation() -> None:
    text = ("The bridge was finished in 1932 after nine years of work. Hundreds of people crossed it on the first "
            "day. A small bronze plaque fixed to the stone at the north end of the bridge read: remember the workers "
            "who built this road across the water.")
    labels = labels_of(derived(text, ""))
    said = [label for label in labels if "remember the workers" in label.lower()]
    assert said and all("read:" in label or label.startswith("“") and label.endswith("”") for label in said), labels


def test_he_is_the_one_a_role_names_between_commas_not_the_title() -> None:
    from vidgen.author.named import with_names
    said = with_names(["The referee, Pierluigi Collina, held up his hand for silence.",
                       "He waited until the whole stadium was quiet."], "Zinedine Zidane and the 2006 Final")
    assert said[1].startswith("Collina waited"), said
    # (and one brought in by a role alone is not the title's person either)
    said = with_names(["The referee held up his hand for silence.", "He waited until the stadium was quiet."],
                      "Zinedine Zidane and the 2006 Final")
    assert said[1].startswith("He waited"), said


def test_an_axis_named_alone_is_no_point() -> None:
    from vidgen.author.anim_graphs import axis_names
    assert "Rainfall (mm)" in axis_names("A bar chart with months 1 to 12 along the bottom and 'Rainfall (mm)' on "
                                         "the y-axis.")


def test_a_year_range_on_a_timeline_stays_whole() -> None:
    from vidgen.draw.kinds.timeline import _without_year
    assert _without_year("1903–05 Curie", "1903") == "1903–05 Curie"   # (never '05 Curie', read as a number)
    assert _without_year("1903: Nobel Prize", "1903") == "Nobel Prize"


def test_a_curve_that_peaks_first_peaks_early() -> None:
    from vidgen.author.anim_graphs import shape_expr
    assert shape_expr("'Rabbits' peaking first", 0) != shape_expr("'Foxes' peaking later", 1)
    assert shape_expr("'Rabbits' peaking first", 0).startswith("8*exp(-(x-2)")


def test_a_terms_gloss_is_never_its_examples_or_the_rest_of_its_phrase() -> None:
    from vidgen.author.phrases import defined_term
    term = defined_term("Anything else sewn onto the flag, whether stars, moons, or crosses, is called a charge.")
    assert term and term[1].lower().startswith("anything else"), term
    term = defined_term("Each page carries a small mark, called a signature, of the sheet it was folded from.")
    assert term is not None and not term[1].lower().startswith("of "), term


def test_a_voice_that_lists_some_of_a_maps_labels_does_not_keep_them_all() -> None:
    text = ("The storm made landfall near Darwin on Christmas Eve, 1974, with winds of over 200 km/h. Its rain "
            "flooded towns as far away as Katherine and Tennant Creek. Better forecasts now give whole regions "
            "days of warning.")
    anim = ("Map of northern Australia. A red spiral lands on the coast labelled 'Darwin, 1974, Cat 4'. Rain bands "
            "spread inland toward 'Katherine' and 'Tennant Creek'.")
    labels = labels_of(derived(text, anim))
    assert "Katherine" not in labels and "Darwin, 1974, Cat 4" not in labels, labels


def test_a_bare_year_beside_one_caption_is_no_list() -> None:
    text = ("In the year 1088, the first university opened its doors in Bologna. Students hired and paid their own "
            "teachers. Its law school drew scholars from all over Europe.")
    anim = "Old stone arches. A date at the bottom marks '1088 CE'. Animated text appears: 'Bologna: Studium'."
    labels = labels_of(derived(text, anim))
    assert "1088 CE" not in labels, labels


def test_an_arrow_inside_a_quote_joins_no_boxes() -> None:
    from vidgen.author.anim_chains import chains
    assert chains("Left half labelled 'Rule one': 'A → B', 'A', '∴ B'. Right half labelled 'Rule two': 'A → B', "
                  "'not B', '∴ not A'.") == []
    assert chains("'Flour' → 'Dough' → 'Bread'.") == [["Flour", "Dough", "Bread"]]


def test_an_imaginary_line_is_no_complex_number() -> None:
    from vidgen.author.derive import _context, _draft
    from vidgen.script.model import parse_script
    text = ("A lighthouse lamp does not simply shine in every direction. Its lens gathers the light into a narrow "
            "beam along an imaginary line to the horizon. As the lens rotates, the beam sweeps past a ship at a fixed "
            "angle every ten seconds.")
    script = parse_script({"title": "Lighthouses", "scenes": [{"seq": 1, "text": text, "anim": ""}]})
    draft, chosen, _ = _draft(_context(script.scenes[0], 0, 1, script.title))   # (no rule raises on it)
    assert all(e["kind"] != "plane" for e in draft.elements), draft.elements
    assert "plane" in kinds_of(derived("The imaginary part of z is 2, and the real part is 3.", ""))


def kinds_of(v: dict) -> list[str]:
    return [e["kind"] for e in v["elements"]]


def test_the_argand_lamp_is_no_argand_diagram() -> None:
    text = ("In 1782 Aimé Argand invented a lamp with a hollow wick and a glass chimney. The Argand lamp burned "
            "brighter and cleaner than any candle, and lighthouses across Europe took it up.")
    assert "plane" not in kinds_of(derived(text, ""))
    assert "plane" in kinds_of(derived("On the Argand diagram, the complex number 3 + 4i sits at the point (3, 4).",
                                       ""))


def test_a_header_row_with_an_apostrophe_is_still_the_header() -> None:
    from vidgen.author.anim_tables import table
    anim = ("Table with header row 'Rule' | 'Men's' | 'Women's'. Rows: 'Players' | '10' | '12'; 'Contact' | "
            "'Allowed' | 'Not allowed'; 'Helmet' | 'Required' | 'Optional'.")
    assert table(anim) == (["Rule", "Men's", "Women's"], [["Players", "10", "12"],
                                                           ["Contact", "Allowed", "Not allowed"],
                                                           ["Helmet", "Required", "Optional"]])


def test_a_table_under_both_halves_is_in_neither() -> None:
    from vidgen.author.anim import halves
    h = halves("Split screen comparison. Left: 'Espresso', a small dark cup. Right: 'Filter', a tall mug. A table "
               "slides up below with header row 'Feature | Espresso | Filter' and rows 'Grind | Fine | Medium'.")
    assert h is not None and h.right_labels == ["Filter"], h


def test_a_worry_the_video_corrects_and_a_promise_to_explain_are_not_its_point() -> None:
    from vidgen.author.pointing import REPORTED
    from vidgen.author.teasers import FORWARD
    assert REPORTED.search("Many people worry that eating late at night makes you gain weight.")
    assert FORWARD.search("To see why, we need to look at how the body stores energy")
    assert not FORWARD.search("To see the comet, look east an hour before dawn")
