"""What the strict review of the unseen17 set taught (issue 20): most of its cut lines were whole sentences whose
pronoun stood for a thing only the sentence before named ('heated it with his pipe lighter', 'could not supply one
that was light enough'), or teasers that stop before their point ('It soon turned out to have a very strange
property'). A pronoun now needs a noun in its own sentence that it can stand for; else the sentence is shown only
after the one it leans on, or not at all. Each example is written for this file."""

from __future__ import annotations

import pytest

from tests.visual_examples import derived, labels_of
from vidgen.author.antecedent import unresolved
from vidgen.author.complete import whole_clause
from vidgen.author.pointing import informative_order, leans
from vidgen.author.teasers import FORWARD


@pytest.mark.parametrize("sentence", [
    "Studios could not buy them",                            # an object cannot stand for its own clause's subject
    "One colleague, Anna Berg, tested it with a magnet",     # nor for a subject set apart by commas
    "You can't empty the pond and weigh them",               # 'them' finds only a singular noun
    "The cook then dropped it into hot water",
    "Learning to tune them takes an afternoon",
    "No supplier could find one that was strong enough",
])
def test_a_pronoun_with_nothing_to_stand_for_is_unresolved(sentence: str) -> None:
    assert unresolved(sentence)
    assert leans(sentence) and not leans(sentence, strongly=True)


@pytest.mark.parametrize("sentence", [
    "Enzymes bind to the sugar and split it in two",          # 'the sugar', not the subject of 'split'
    "When a goalkeeper dives early, they give the striker an easy choice",   # one person, whom 'they' stands for
    "Net 40 perch, tag each one, and release them",            # a number makes '40 perch' plural
    "Cooling a sample or squeezing it does not change its mass",   # the doer of a verb-ing is anyone
    "Economists call it the paradox of thrift",               # the one a name is given to
    "It's 7 o'clock, and the shop is still open",             # the time's 'it'
    "It takes about ten minutes to set",                       # an 'it' that stands for nothing
    "At first the captain, Jane Holt, thought it was a small leak",   # the subject of what was thought
    "Once something is yours, giving it away feels like a loss",
])
def test_a_pronoun_its_sentence_names_is_resolved(sentence: str) -> None:
    assert not unresolved(sentence)


def test_a_strong_lean_ranks_after_a_weak_one() -> None:
    # ('It is one of the oldest ...' leans from its first word; 'to tune them' only by a word inside)
    sentences = ["It is one of the oldest tricks in every carpenter's workshop today.",
                 "Learning to tune them properly takes a careful carpenter only one long afternoon."]
    assert informative_order(sentences)[0] == 1


def test_a_teaser_points_forward_but_keeps_its_answer_after_a_colon() -> None:
    assert FORWARD.search("Soon it turned out to have a very odd property")
    assert FORWARD.search("The engineers found a clever solution")
    assert not FORWARD.search("Glass is a solid with a simple structure")
    long = ("Graphite has an unusual property: it conducts electricity along its layers but barely at all across "
            "them, which makes it useful")
    assert whole_clause(long, 20).startswith("Graphite has an unusual property: it conducts")


def test_the_same_thing_named_before_in_its_sentence_leans_on_nothing() -> None:
    assert not leans("Sorting splits a list into halves and sorts each one with the same method as the list")
    assert leans("Bees use the same method to find water")


def test_a_sentence_whose_object_points_back_is_not_shown_alone() -> None:
    text = ("A chemist mixed two powders in a crucible. One assistant, Tom Reed, heated it over a gas flame. "
            "The mixture glowed bright green for almost a minute. Nobody in the lab had seen such a colour before.")
    anim = "A crucible over a flame, glowing green."
    labels = " ".join(labels_of(derived(text, anim)))
    assert "heated it over a gas flame" not in labels or "mixed two powders" in labels, labels


def test_a_half_described_but_not_quoted_is_no_point_unless_the_voice_says_it() -> None:
    # (the animator's 'a heron stretching its neck forward' is how the half looks, not what the scene says)
    text = ("Early aviators copied nature. Watching herons stretch their necks, engineers placed the tailplane far "
            "back. This long lever arm keeps the aircraft steady in gusty air.")
    anim = "Split screen. Left: a heron stretching its neck forward. Right: an aircraft, labelled 'Long tail'."
    assert not any("heron stretching" in label.lower() for label in labels_of(derived(text, anim)))


def test_an_aside_keeps_the_phrase_that_goes_on_with_it() -> None:
    from vidgen.author.complete import without_asides

    s = "Modern pumps use impellers, where most of the water drawn in is flung outward, through a spiral casing."
    assert "impellers through a spiral casing" not in without_asides(s)


def test_a_label_each_thing_carries_is_not_one_more_thing() -> None:
    text = ("A fungus can cause disease in crops such as wheat, rice and bananas. Any organism that does this is "
            "called a pathogen. Farmers watch for the first spots on the leaves.")
    anim = "Three icons labelled 'Wheat', 'Rice' and 'Banana', each with the word 'Pathogen' beneath."
    labels = labels_of(derived(text, anim))
    assert "Wheat" in labels and "Pathogen" not in labels, labels


def test_a_label_on_a_part_of_a_half_is_said_of_that_part() -> None:
    text = ("A bicycle with gears has a derailleur. A single-speed bike has none, so it cannot change gear. "
            "The rider of a fixed gear pedals at one ratio, uphill and down. Many couriers like the simplicity.")
    anim = ("Split screen. Left: 'Geared bike', with a derailleur. Right: 'Fixed gear', with the bare hub labelled "
            "'no derailleur'.")
    labels = labels_of(derived(text, anim))
    assert "no derailleur" not in labels, labels
    assert any(label.endswith(": no derailleur") for label in labels), labels


def test_what_sits_in_the_centre_belongs_to_neither_half() -> None:
    from vidgen.author.anim import halves

    h = halves("Split screen. Left: 'Too sweet'. Right: 'Just right'. A jar labelled 'Jam (1890)' sits in the "
               "centre.")
    assert h is not None and "Jam (1890)" not in h.right_labels


def test_what_follows_a_name_and_goes_on_with_the_sentence_does_not_describe_it() -> None:
    from vidgen.author.phrases import defined_term

    term = defined_term("A mild burn is cooled with running water, also called hydrotherapy, followed by a clean "
                        "dressing.")
    assert term is None or "followed" not in term[1].lower(), term


@pytest.mark.parametrize("sentence", [
    "For a sailor whose life depended on the stars, it was a frightening loss",   # a phrase set in front
    "In the Greek alphabet it is written as a small circle",
])
def test_a_subject_after_a_phrase_set_in_front_stands_for_nothing_in_it(sentence: str) -> None:
    assert unresolved(sentence)


@pytest.mark.parametrize("sentence", [
    "By the time the river reaches the sea, it has slowed to a crawl",   # 'by the time' opens a clause
    "After three sixes in a row, it feels as if a six is due",           # an 'it' that stands for nothing
])
def test_a_clause_set_in_front_still_names_what_the_pronoun_stands_for(sentence: str) -> None:
    assert not unresolved(sentence)


def test_only_then_and_a_second_breakthrough_lean_on_what_came_first() -> None:
    assert leans("Only then did the roof go on", strongly=True)
    assert leans("The second breakthrough was cheap glass", strongly=True)


def test_a_thing_the_sentence_before_brought_in_comes_with_that_sentence() -> None:
    from vidgen.author.stated import introduced

    sentences = ["The miller built a wooden wheel beside the stream.", "The wheel turned two heavy stones."]
    assert introduced(sentences, 1)
    assert not introduced(["Millers ground grain by hand.", "The wheel changed that."], 1)


def test_a_long_sentence_that_stands_alone_beats_a_short_one_that_leans() -> None:
    text = ("Within a decade, the surveyors found a pattern. Glaciers in the northern valleys retreat every warm "
            "summer, as meltwater runs off their snouts, then creep forward again in winter when fresh snow "
            "piles up on them. It is like watching the mountain breathe.")
    labels = " ".join(labels_of(derived(text, "A valley with a glacier.")))
    assert "Glaciers in the northern valleys retreat" in labels and "watching the mountain" not in labels, labels


def test_he_or_she_on_screen_names_the_one_person_it_stands_for() -> None:
    from vidgen.author.named import with_names

    out = with_names(["In 1902, the chemist Ada Brandt heated a grey powder.", "She noticed a faint smell.",
                      "Her notebook records the date."], "Why Powders Smell")
    assert out[1] == "Brandt noticed a faint smell." and out[2].startswith("Brandt's notebook"), out
    # a person the title is about ('X and the ...', "X's ...")
    assert with_names(["He worked at night."], "Tesla and the Spark Gap")[0] == "Tesla worked at night."
    # not a title's topic before its colon, nor two people, nor someone brought in unnamed
    assert with_names(["He worked at night."], "The Spark Gap: How It Works")[0] == "He worked at night."
    two = ["The engineer Ana Ruiz met the pilot Tom Hale.", "He asked for a faster plane."]
    assert with_names(two, "Flight")[1] == "He asked for a faster plane."
    unnamed = ["A young doctor arrives in the village.", "She opens a small clinic."]
    assert with_names(unnamed, "Reid and the Village Clinic")[1] == "She opens a small clinic."
    # one capital word that opens a sentence is no name unless the text names it mid-sentence too
    police = ["Police arrested a drifter named Joe Marsh.", "He had no money."]
    assert with_names(police, "A Case")[1] == "Marsh had no money."


def test_who_a_named_person_is_can_be_left_out_and_names_them_for_he() -> None:
    from vidgen.author.complete import without_asides
    from vidgen.author.named import with_names

    s = "In 1821, Mary Anning, a fossil hunter from the Dorset coast, was digging below the cliffs."
    assert without_asides(s) == "In 1821, Mary Anning was digging below the cliffs."
    assert with_names([s, "She found a long skull."], "Fossils")[1] == "Anning found a long skull."


def test_signposts_teasers_and_numbers_standing_for_things() -> None:
    from vidgen.author.phrases import defined_term, plain

    assert plain("Each gear turns the next one, as we will see.") == "Each gear turns the next one."
    assert plain("Cracks let water in, which brings us to the next step") == "Cracks let water in"
    assert FORWARD.search("The whole story begins with a lost letter")
    assert leans("The two are so close that nobody can tell them apart", strongly=True)
    assert not leans("The two plates grind past each other", strongly=True)
    # ('... and she is called a carrier'): the subject alone says nothing of the name
    assert defined_term("She has one faulty copy, and she is called a carrier.") is None


def test_a_value_with_nothing_said_of_whose_it_is_is_a_bare_name() -> None:
    from vidgen.author.bare import bare_name

    for label in ("13.8 billion years", "9 km, about 25 minutes", "2 standard deviations", "50"):
        assert bare_name(label), label
    # (a step, an ordinal, a relation, a table's row, or a value with more said of it, is not)
    for label in ("1. Glue the pieces", "1st harmonic — one loop", "220 ÷ 70 ≈ 3.14", "10.0.0.1 | 80 | 443",
                  "50 dollars trip (more fun)", "Water boils at 100 °C"):
        assert not bare_name(label), label


def test_a_value_listed_beside_names_of_places_labels_nothing() -> None:
    text = ("In 1783, two men rose over Paris in a paper balloon. They drifted for about nine kilometres. "
            "The flight lasted some twenty-five minutes before they landed safely in a field.")
    anim = "A map of Paris with a dotted path from 'Tuileries' to 'Montmartre', labelled '9 km, 25 minutes'."
    labels = labels_of(derived(text, anim))
    assert "Tuileries" not in labels and "9 km, 25 minutes" not in labels, labels


def test_a_name_called_after_a_long_clause_takes_no_piece_of_that_clause_as_what_it_is() -> None:
    from vidgen.author.phrases import defined_term

    term = defined_term("Finally, the tiles are laid in rows like a puzzle, held by thin strips of zinc with a "
                        "U-shaped edge, called channels.")
    assert term is not None and term[0] == "Channels" and term[1] == "", term


# After the unseen18 judging: three faults its reviewers saw, each fixed by a general rule.

def test_check_counts_a_cut_piece_of_the_notes_description_as_cut() -> None:
    from vidgen.script.model import Scene
    from vidgen.service.viewer import word_problems
    from vidgen.visual.spec import Visual

    # ('a soft brush with a '2 min' timer': the words are the note's, but no one wrote them to end there)
    scene = Scene(seq=1, text="A soft brush is kinder to gums. Two minutes twice a day is enough.",
                  anim="On the right 'Gentle' shows a soft brush with a '2 min' timer.",
                  layout="title_and_main_content")
    visual = Visual.model_validate({"elements": [{"id": "T", "kind": "text", "items": [
        {"label": "A soft brush with a"}]}]})
    assert any(p["what"] == "cut phrase" for p in word_problems(scene, visual, "Teeth"))
    # a label the note quotes is the author's own, whole as written
    quoted = Visual.model_validate({"elements": [{"id": "T", "kind": "text", "items": [{"label": "2 min"}]}]})
    assert not any(p["what"] == "cut phrase" for p in word_problems(scene, quoted, "Teeth"))
    # (two things compared end on the second's name, whatever word it is: a notes table's 'for vs while')
    from vidgen.service.viewer import cut_phrase
    assert cut_phrase("for vs while") is None and cut_phrase("Runs once per item while") is not None


def test_a_column_item_cut_short_by_a_quote_is_no_item() -> None:
    from vidgen.author.anim import halves

    h = halves("Split screen: on the left 'Harsh' shows a worn pad and scratched paint; on the right 'Gentle' "
               "shows a soft cloth with a '3 min' timer.")
    assert h is None or all(not label.endswith(" a") for label in [*h.left_labels, *h.right_labels]), h
    # (nor the article a quote leaves behind: '... and a '3 min' timer')
    h = halves("Split screen: on the left 'Harsh' shows a worn pad and scratched paint; on the right 'Gentle' "
               "shows a soft cloth and a '3 min' timer.")
    assert h is not None and h.right_labels == ["A soft cloth"], h


def test_a_number_joined_to_a_word_by_a_hyphen_is_no_minus() -> None:
    from vidgen.visual.formula import to_mathtext

    assert "-" not in to_mathtext("50-year storm = 2% chance each year").split("=")[0]
    assert to_mathtext("a = 5-2") == "a = 5 - 2"


def test_an_apposition_ending_on_who_is_not_cut_out() -> None:
    from vidgen.author.complete import without_asides

    s = "Meet Ada Price, a chemist at the Price Mills company who, despite the name, was no relative of its owners."
    assert "Price despite" not in without_asides(s)
