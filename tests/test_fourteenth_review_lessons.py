"""Lessons from the reviews of unseen26-28 (issue 20): the point of a scene often lives in its longest sentence,
and a short opener beside it is only its teaser."""

from tests.visual_examples import derived, labels_of


def test_a_short_opener_is_shown_with_the_long_sentence_that_says_the_point() -> None:
    text = ("Glass bottles began almost by accident. In 1903, an engineer in Toledo, Ohio, named Michael Owens "
            "built a machine that sucked molten glass into moulds and turned out bottles by the thousand every hour. "
            "Within a decade, hand-blown bottles had nearly vanished from American shops.")
    labels = labels_of(derived(text))
    # (the 30-word sentence is what the scene says: shown whole, not cut)
    assert any(label.startswith("In 1903, an engineer in Toledo") and label.endswith("every hour")
               for label in labels), labels


def test_a_heading_heads_the_sentence_that_says_most() -> None:
    text = ("Step two: cut the blanks. Each blank is sawn from a kiln-dried plank about five centimetres thick, "
            "then planed flat on both faces so the two halves will meet without a gap. "
            "It takes care.")
    visual = derived(text)
    assert visual.get("title") == "Step two: cut the blanks" or "Step two: cut the blanks" in labels_of(visual)
    assert any(label.startswith("Each blank is sawn") for label in labels_of(visual)), visual


def test_two_short_lines_get_the_sentence_that_says_clearly_more() -> None:
    text = ("The first tunnel took nine years. Workers dug from both ends. Engineers aligned the two headings with "
            "a line of survey towers across the mountain, and when the crews finally met in the middle, the two "
            "bores were less than thirty centimetres apart. The railway opened in 1882.")
    labels = labels_of(derived(text))
    assert any(label.startswith("Engineers aligned the two headings") for label in labels), labels


def test_a_long_sentence_does_not_push_out_a_clause_of_itself() -> None:
    # (its clause, 'one that ...', leans on its first half: the sentence is shown whole instead, or not at all)
    text = ("Round one: the siege. Attackers cut the town off from food and water. By old custom, a town that opened "
            "its gates before the final assault was usually spared; one that held out until the walls fell could "
            "expect no mercy.")
    labels = labels_of(derived(text))
    assert not any(label.startswith("One that held out") for label in labels), labels


def test_a_case_name_is_one_sentence() -> None:
    from vidgen.script.sentences import split_sentences

    assert split_sentences("It was settled in Miranda v. Arizona in 1966. Police must now warn suspects.") == [
        "It was settled in Miranda v. Arizona in 1966.", "Police must now warn suspects."]


def test_a_question_and_one_very_long_sentence_show_the_question_not_the_videos_title_cut() -> None:
    from vidgen.author.plaincard import plain_card
    from vidgen.script.model import Scene

    text = ("So how does a moth's cocoon become a spool of thread? Workers drop the cocoons into simmering water to "
            "soften the gum that binds them, then find the loose end of each filament with a brush and reel several "
            "filaments together onto a wheel, twisting them into one strand that is strong enough to weave.")
    scene = Scene(seq=2, text=text, anim="", layout="title_and_main_content")
    title = "From Mulberry Leaf to Silk Scarf: The Long Journey of One Thread Through Six Workshops"
    card = plain_card(scene, title, 1)
    assert card.elements[0].items[0].label == "How does a moth's cocoon become a spool of thread?"


def test_a_rule_that_raises_leaves_a_plain_card_and_is_reported(monkeypatch) -> None:
    from vidgen.author import derive
    from vidgen.script.model import Scene

    def broken(*_args: object, **_kw: object) -> None:
        raise ZeroDivisionError("a broken rule")

    reported: list[str] = []
    monkeypatch.setattr(derive, "_draft", broken)
    monkeypatch.setattr(derive, "rule_failed", lambda: reported.append("failed"))
    scene = Scene(seq=1, text="Bees dance to share where food is.", anim="", layout="title_and_main_content")
    visual = derive.derive_visual(scene, 0, 1, "Bees")
    assert reported == ["failed"] and [e.kind for e in visual.elements] == ["text"]


def test_a_sentence_too_long_for_a_line_is_shown_without_what_it_only_adds() -> None:
    from vidgen.author.saysmost import condensed

    long = ("They only weaken a few columns at exactly the right moments, and then gravity does almost all of the "
            "work, folding thousands of tons of steel and concrete neatly down into the building's own footprint in "
            "roughly ten seconds.")
    assert condensed(long) == ("They only weaken a few columns at exactly the right moments, and then gravity does "
                               "almost all of the work.")
    # (a description set beside a noun goes too; a sentence that fits a line is left as it is)
    assert condensed("Each root hangs in its socket from the periodontal ligament, a cushion of fibres only about "
                     "0.2 millimetres thick, and that thin gap between tooth and bone is where all of the "
                     "orthodontic work really happens in the end.") == (
        "Each root hangs in its socket from the periodontal ligament, and that thin gap between tooth and bone is "
        "where all of the orthodontic work really happens in the end.")
    short = "Gravity does the work, folding the tower down."
    assert condensed(short) == short


def test_an_amount_with_its_magnitude_in_words_is_said_whole() -> None:
    from vidgen.author.phrases import dollars

    assert dollars("with a $1 million prize on the line") == "with a 1 million dollar prize on the line"
    assert dollars("it sold for $2 billion") == "it sold for 2 billion dollars"
    assert dollars("a $20 bill and $5 in change") == "a 20 dollar bill and 5 dollars in change"


def test_a_names_own_aside_goes_with_the_aside_after_it() -> None:
    from vidgen.author.complete import without_asides

    said = ("Methods like Grandsire and Stedman, named after Fabian Stedman, whose book appeared in 1677, build on "
            "this by adding twists.")
    assert without_asides(said) == "Methods like Grandsire and Stedman build on this by adding twists."


def test_sentences_that_only_announce_what_comes_next() -> None:
    from vidgen.author.teasers import FORWARD

    for said in ("Here's the formula", "What happened next rewrote the history books", "The records are staggering",
                 "Sap only runs under very specific conditions"):
        assert FORWARD.search(said), said
    assert not FORWARD.search("The formula is x squared plus one")


def test_a_formula_written_as_latex_writes_it_is_read() -> None:
    from vidgen.author.anim import formulas
    from vidgen.author.spoken_math import to_math

    found = formulas("The formula appears large: x_{n+1} = x_n - f(x_n)/f'(x_n).")
    assert found == ["x_{n+1} = x_n - f(x_n)/f'(x_n)"]
    assert to_math(found[0]) == r"$x_{n + 1} = x_{n} - \frac{f(x_{n})}{f'(x_{n})}$"


def test_the_no_branch_of_a_question_is_no_step_of_the_line() -> None:
    from vidgen.author.anim_chains import chains

    anim = ("Flowchart: 'Sample taken' → 'Contaminated?' → (no) back to 'Retest later' / (yes) → 'Discard batch' → "
            "'Log the result'.")
    assert chains(anim) == [["Sample taken", "Contaminated?", "Discard batch", "Log the result"]]
    # (a loop's own 'back to' closes it, as before)
    assert chains("Loop: 'Heat' → 'Rise' → 'Cool' → back to 'Heat'.") == [["Heat", "Rise", "Cool", "Heat"]]


def test_circa_ends_no_sentence_of_a_note() -> None:
    from vidgen.author.anim_chains import chains

    anim = "Timeline: '3rd c. BC – First lighthouse' → '1823 – Fresnel lens' → 'Today'. The beam sweeps."
    assert chains(anim) == [["3rd c. BC – First lighthouse", "1823 – Fresnel lens", "Today"]]


def test_a_label_the_note_puts_on_one_of_its_things_is_that_things_sub_line() -> None:
    # (it had been listed as a third bar: 'Sprinkler field', 'Drip line', 'up to 60% less water')
    text = ("The big saving is water. Because the water is piped straight to the roots, drip lines can use up to 60 "
            "percent less water than sprinklers. The catch? Clogged emitters must be cleaned every season.")
    anim = "Bar chart: tall blue bar 'Sprinkler field' vs short bar 'Drip line', labelled 'up to 60% less water'."
    labels = labels_of(derived(text, anim))
    assert "up to 60% less water" not in labels and "Drip line" not in labels, labels


def test_a_sentence_too_long_for_a_line_keeps_its_first_clause_and_who_its_person_is_goes() -> None:
    from vidgen.author.saysmost import condensed

    long = ("In 1901, the Dutch chemist Jacobus van 't Hoff, trained in Utrecht and Bonn, won the first Nobel Prize "
            "in Chemistry for his laws of chemical dynamics and osmotic pressure, and it went to him ahead of many "
            "older rivals.")
    assert condensed(long) == ("In 1901, the Dutch chemist Jacobus van 't Hoff won the first Nobel Prize in Chemistry "
                               "for his laws of chemical dynamics and osmotic pressure.")


def test_the_voice_says_an_amount_that_names_a_kind_of_thing_as_its_label_reads() -> None:
    from vidgen.voice.pronounce import speakable

    assert speakable("with a $1 million prize on the line.") == "with a one million dollar prize on the line."
    assert speakable("He paid $20 each.") == "He paid twenty dollars each."


def test_a_sentence_is_never_condensed_out_of_its_denial() -> None:
    from vidgen.author.saysmost import condensed

    said = ("Integer overflow in release builds wraps the value around to the smallest number the type can hold, and "
            "it does not panic, which surprises many programmers coming from languages that check every addition.")
    assert condensed(said) == said
