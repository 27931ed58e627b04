"""What the strict reviews of the unseen9-13 sets taught (issue 20): a picture of only names or numbers was judged
to show its subject about one time in ten, so every derived picture states one sentence that stands alone; a line
that points at another sentence ('those two periods', 'her blood', 'something different') is shown after it or
not at all. Each example is written for this file."""

from __future__ import annotations

from tests.visual_examples import derived, labels_of
from vidgen.author.pointing import leans
from vidgen.author.stated import stands


def test_words_that_point_at_another_sentence_lean_on_it() -> None:
    for line in ("Because those two periods match, the same side always faces us",
                 "In 2015, a team of researchers in Geneva discovered something different",
                 "To understand why, we need to look at a single water molecule",
                 "In the lab, her blood is spun and separated into red cells and plasma",
                 "The second part is biomagnification",
                 "Languages like Java and Go instead have a garbage collector",
                 "When the water gets too warm for too long, this partnership breaks down",
                 "One is made of nearly pure silver"):
        assert leans(line), line
    # an ordinal that goes on to say what its thing is says its point (the unseen15 paired review)
    assert not leans("The second reason is a mantle hotspot, a plume of unusually hot rock rising from deep below")
    # a person named before the pronoun, or one the sentence names, says who; 'instead of' compares inside it
    for line in ("Maya was riding her first long club ride",
                 "Euler didn't need to try every path; he proved that none could ever work",
                 "The donor rests while her blood is collected",
                 "Use honey instead of sugar for a softer crumb",
                 "These are the rules of the road"[6:]):
        assert not leans(line), line


def test_a_line_that_says_something_whole_has_a_verb_and_six_words() -> None:
    assert stands("A dimpled ball can travel roughly twice as far as a smooth ball")
    assert not stands("All from a ginger beer in Paisley")        # no verb: a phrase
    assert not stands("Ice floats on water")                        # a point, but short: a label's length
    assert not stands("It protects people who have lived on the land for years")   # leans


def test_a_chart_alone_comes_with_the_sentence_that_says_what_it_shows() -> None:
    text = ("Salt lowers the temperature at which water freezes. Why does that matter? Sea water, with "
            "its dissolved salt, freezes at about minus two degrees instead of zero.")
    anim = "A bar chart of freezing points: 'pure water' at 0 °C, 'sea water' at -2 °C, 'salt limit' at -21 °C."
    v = derived(text, anim)
    assert "bars" in [e["kind"] for e in v["elements"]], v
    stated = [label for label in labels_of(v) if stands(label)]
    assert len(stated) == 1, labels_of(v)
    # (no bar in the chart is named by the first sentence; the one that names 'sea water' says what it shows)
    assert "sea water" in stated[0].lower() or stated[0].startswith("Salt lowers"), stated


def test_a_sentence_that_names_neither_the_picture_nor_the_subject_is_not_added() -> None:
    v = derived("Clouds drift over the hills every afternoon in summer and the farmers watch them closely. "
                "Some days nothing happens at all.",
                "A bar chart of rain: 'Ridge' at 40 mm, 'Valley' at 25 mm, 'Plain' at 10 mm.")
    assert "bars" in [e["kind"] for e in v["elements"]], v
    assert not any("farmers" in label or "nothing happens" in label for label in labels_of(v)), labels_of(v)


def test_a_line_leaning_on_the_sentence_before_it_is_shown_with_it() -> None:
    v = derived("Meet Priya. She's 24, and today she's giving blood for the first time. She is a little nervous.")
    labels = labels_of(v)
    assert labels.index("Meet Priya") == labels.index("She's 24, and today she's giving blood for the first time") - 1


def test_marks_alone_are_no_cut_piece_and_never_stop_a_derivation() -> None:
    from vidgen.author.complete import is_cut, on_screen_ok

    assert not is_cut("[ ]") and on_screen_ok("[ ]")
    v = derived("Phonetic spelling goes between square brackets. The brackets say: this is a sound, not a spelling.",
                "The empty brackets '[ ]' appear, then 'though' and 'through' beside them.")
    assert v["elements"], v


def test_a_date_that_bounds_a_clause_is_not_cut_from_it() -> None:
    v = derived("The contest began in 1933. The famous prize, however, didn't appear until 1975. In 1990 the rules "
                "changed again.")
    labels = labels_of(v)
    # 'didn't appear' beside 1975 would say it never did
    assert not any(label.lower().endswith("didn't appear") for label in labels), labels


def test_an_aside_keeps_the_words_that_follow_it() -> None:
    from vidgen.author.complete import without_asides

    s = ("Most of the workforce were immigrants, who did the most dangerous work for lower pay, often through deep "
         "winter snow.")
    assert "immigrants often" not in without_asides(s)
    assert without_asides("Water moves from a dilute solution, where there is a lot of free water, towards a "
                          "concentrated one.") == "Water moves from a dilute solution towards a concentrated one."


def test_a_point_that_names_a_colour_gets_a_dot_of_that_colour() -> None:
    from vidgen.draw.kinds.bullets import named_colour

    assert named_colour("yellow") and named_colour("Green jersey") and named_colour("polka dot") is None
    assert named_colour("yellow") != named_colour("green")


def test_a_myth_a_countdown_names_is_never_the_line_shown() -> None:
    v = derived("Myth number two: cold weather gives you a cold. Colds are caused by viruses, not by temperature. "
                "People catch more colds in winter because they crowd together indoors.")
    labels = labels_of(v)
    # (shown at all, only right over its rebuttal)
    assert labels and all(labels[k + 1].startswith("Colds are caused by viruses") for k, label in enumerate(labels)
                          if label.startswith("Myth number two")), labels


def test_a_countdown_heading_on_screen_names_what_the_next_sentence_points_at() -> None:
    v = derived("Number three: cumulus. These are the puffy, cotton-wool clouds of a summer afternoon. They form "
                "when warm air rises and cools.")
    labels = labels_of(v)
    # (the sentence under the heading it points back to, not over it)
    assert labels[0] == "Number three: cumulus" and labels[1].startswith(("These are the puffy", "They form")), labels


def test_a_line_already_shown_is_not_set_again_as_a_formula() -> None:
    from vidgen.author.draft import Draft
    from vidgen.author.stated import said_once

    d = Draft()
    d.add("timeline", [{"label": "1859 - France sets A = 435", "x": 1859.0}, {"label": "1939 - London", "x": 1939.0}],
          "T")
    d.add("equation", [{"label": r"$1859 - \mathrm{France\ sets}\ A = 435$"}], "E")
    d.step(0, "show", "E")
    said_once(d)
    assert [e["kind"] for e in d.elements] == ["timeline"] and not d.steps
    d.add("equation", [{"label": "$y = mx + b$"}], "E")
    said_once(d)   # a formula no other element shows stays
    assert [e["kind"] for e in d.elements] == ["timeline", "equation"]


def test_a_table_whose_rows_give_its_first_columns_or_whose_columns_hold_values() -> None:
    from vidgen.author.anim_tables import table

    got = table("A table with columns 'Year', 'City', 'Visitors'. Rows appear: '1900 - Paris', '1904 - St Louis'.")
    assert got == (["Year", "City"], [["1900", "Paris"], ["1904", "St Louis"]])
    got = table("A table with columns 'Hundreds', 'Tens', 'Ones' holding 3, 0, 7. Below them, '99 + 1', '9 + 1', '1'.")
    assert got == (["Hundreds", "Tens", "Ones"], [["3", "0", "7"], ["99 + 1", "9 + 1", "1"]])
    # rows quoted whole keep the words they hold, short ones too ('the', 'of' are the table's own cells)
    v = derived("Count every word in a book and rank them. The most common word comes first.",
                "A table with columns 'Rank', 'Word'. Rows fill in: '1 - the', '2 - of', '3 - and'.")
    assert "1: the" in labels_of(v) or "1 | the" in labels_of(v), labels_of(v)


def test_check_reads_a_row_quoted_whole_with_another_mark_between_its_cells() -> None:
    from vidgen.service.viewer import cut_cells

    assert cut_cells("1: the", "A table. Rows fill in: '1 - the', '2 - of'.") is None
    assert cut_cells("Energy: the", "A table. Rows fill in: '1 - the', '2 - of'.")   # not the note's row


def test_a_scene_shown_as_one_sentence_shows_its_turn_too() -> None:
    from vidgen.author.draft import Ctx, Draft
    from vidgen.author.stated import second_point
    from vidgen.author.teasers import FORWARD

    sentences = ["A weather presenter stands in front of a moving map.", "Look closer.",
                 "In the studio, there is no map at all, only a plain green wall.", "The rest is software."]
    ctx = Ctx(sentences, "", [], "How Green Screen Works", 1, 3)
    d = Draft()
    d.show_items(d.add("text", [{"label": "A weather presenter stands in front of a moving map"}], "T"), [0])
    second_point(ctx, d)
    assert [i["label"] for i in d.elements[0]["items"]] == [
        "A weather presenter stands in front of a moving map",
        "In the studio, there is no map at all, only a plain green wall"]
    assert [(st["sentence"], st["target"]) for st in d.steps] == [(0, "T.0"), (2, "T.1")]
    assert FORWARD.search("The real story is more surprising")
    assert FORWARD.search("There is one more fact worth knowing")


def test_a_countdown_marker_alone_heads_with_its_next_sentence() -> None:
    from vidgen.author.draft import Draft
    from vidgen.author.stated import marker_point

    sentences = ["Number four.", "Rivers have a family tree.", "Small rivers that feed a bigger one are tributaries."]
    d = Draft()
    d.add("bullets", [{"label": "Source of a river"}, {"label": "Tributary"}, {"label": "Mouth"}], "L")
    assert marker_point("Number four", sentences, d) == "Number four: Rivers have a family tree"
    d.elements[0]["items"] = [{"label": "Try 5"}, {"label": "Conversion 2"}]
    assert marker_point("Number four", sentences, d) == "Number four"   # (it says nothing of the picture)
    assert marker_point("Rivers matter", sentences, d) == "Rivers matter"


def test_a_list_named_only_by_its_things_last_word_gets_that_sentence() -> None:
    from vidgen.author.stated import _names

    assert _names("Lynx pelts", "The company kept records of the pelts it bought for a century.")
    assert not _names("Lynx pelts", "The company kept records of the pelts it bought.", head=False)
    assert not _names("Red dot", "It was hot.")   # (a short last word names nothing alone)


def test_the_word_pendulum_alone_does_not_draw_a_physics_pendulum() -> None:
    v = derived("A metronome is an upside-down pendulum, with a fixed weight below the pivot and a movable one above "
                "it. Slide the top weight up and the arm swings more slowly.",
                "Split screen. Left: weight high on the arm, '60 BPM'. Right: weight low, '160 BPM'.")
    assert not any(e["kind"] in ("plot", "plane") for e in v["elements"]), v["elements"]
    v = derived("A pendulum's period depends only on the length of its string and on gravity, not on the bob's mass.")
    assert any(e["kind"] in ("plot", "plane") for e in v["elements"]), v["elements"]


def test_a_cases_name_is_not_two_things_compared() -> None:
    v = derived("In 1896, the Supreme Court decided Plessy versus Ferguson. The ruling allowed separate facilities.")
    assert not any(e["kind"] == "compare" for e in v["elements"]), v["elements"]
    v = derived("Think of it as speed versus accuracy: you rarely get both. Pick the one that matters most.")
    assert any(e["kind"] == "compare" for e in v["elements"]), v["elements"]


def test_a_myth_is_shown_only_right_over_its_rebuttal() -> None:
    from vidgen.author.draft import Ctx, Draft
    from vidgen.author.stated import myth_beside

    sentences = ["Myth number two: antibiotics will clear a cold up faster.",
                 "Antibiotics kill bacteria, but they do nothing against viruses.", "Colds are caused by viruses."]
    ctx = Ctx(sentences, "", [], "Cold Myths", 2, 5)
    d = Draft()
    d.show_items(d.add("text", [{"label": "Antibiotics kill bacteria, but they do nothing against viruses"}], "T"),
                 [1])
    myth_beside(ctx, d)
    assert [i["label"] for i in d.elements[0]["items"]] == [
        "Myth number two: antibiotics will clear a cold up faster",
        "Antibiotics kill bacteria, but they do nothing against viruses"]
    assert sorted((st["sentence"], st["target"]) for st in d.steps) == [(0, "T.0"), (1, "T.1")]
    # its rebuttal not on screen: the myth stays off it
    d = Draft()
    d.show_items(d.add("text", [{"label": "Colds are caused by viruses"}], "T"), [2])
    myth_beside(ctx, d)
    assert [i["label"] for i in d.elements[0]["items"]] == ["Colds are caused by viruses"]
