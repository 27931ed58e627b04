"""Notes -> script (`--from notes.md`): sections in order, sentences from the notes, visuals from structure.

Built from realistic notes in tests/fixtures/notes/: the vaccines document of the bug report, a
how-to with numbered steps, lecture notes with formulas and a derivation, a history summary
with dates and tables, programming notes with code, and plain text in paragraphs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vidgen.errors import BadInput
from vidgen.script.model import parse_script
from vidgen.script.sentences import split_sentences
from vidgen.writers.notes import MAX_SOURCE_BYTES, check_source_text, script_from_notes, title_for

NOTES = Path(__file__).parent / "fixtures" / "notes"
DOCS = ["vaccines.md", "sourdough-howto.md", "relativity-lecture.md", "printing-history.md", "python-loops.md",
        "bees.txt"]
SECTIONS = {  # each document's sections, in order, as a reader sees them
    "vaccines.md": ["The problem", "The idea", "What happens inside", "Why it matters"],
    "sourdough-howto.md": ["How to bake your first sourdough loaf", "What you need", "Making the dough", "Baking",
                           "Tips"],
    "relativity-lecture.md": ["Where we left off", "The famous equation", "A short derivation",
                              "Check your understanding"],
    "printing-history.md": ["Before the press", "Gutenberg", "How fast it spread", "Milestones"],
    "python-loops.md": ["Why loops", "The for loop", "for or while?"],  # "Summary" is one line: it joins
}


def source(name: str) -> str:
    return (NOTES / name).read_text()


@pytest.fixture(scope="module")
def written() -> dict[tuple[str, int], dict]:
    """Every document in all five variations, written once for the module."""
    return {(name, style): script_from_notes(None, source(name), style, filename=name)
            for name in DOCS for style in range(5)}


def words(text: str) -> list[str]:
    """Text reduced to what survives markdown stripping: no TeX commands, link targets or punctuation."""
    text = re.sub(r"\]\([^)]*\)", " ", text)
    text = re.sub(r"\\[A-Za-z]+", " ", text)
    return re.findall(r"[a-z0-9]+", text.lower())


def place(sentence: str, doc: str, start: int = 0) -> int:
    """Where the sentence's words run in the document's words (-1: not there)."""
    hay = " " + " ".join(words(doc)) + " "
    needle = " " + " ".join(words(sentence)) + " "
    return hay.find(needle, start)


def sentences_of(script: dict) -> list[str]:
    return [s for scene in script["scenes"] for s in split_sentences(scene["text"])]


def test_the_title_is_the_first_heading_unless_the_user_gave_a_topic(written):
    vaccines = source("vaccines.md")
    assert written["vaccines.md", 0]["title"] == "How vaccines work"
    assert title_for(None, vaccines, "notes.md") == "How vaccines work"
    assert title_for("", vaccines, "notes.md") == "How vaccines work"
    assert title_for("  Vaccines   for kids ", vaccines, "notes.md") == "Vaccines for kids"
    assert script_from_notes("Vaccines for kids", vaccines, 0)["title"] == "Vaccines for kids"
    # no heading: the file's name, else the first words of the text
    assert title_for(None, source("bees.txt"), "honey-bees.txt") == "Honey bees"
    assert title_for(None, source("bees.txt"), None) == "Honey bees live in colonies"
    # the variations say which one they are, after the same title
    assert [written["vaccines.md", k]["title"] for k in range(3)] == [
        "How vaccines work", "How vaccines work, in short", "How vaccines work: key facts"]


@pytest.mark.parametrize("name", sorted(SECTIONS))
def test_scenes_follow_the_sections_in_order(written, name):
    for style in range(5):
        headings = [scene["on_screen"][0] for scene in written[name, style]["scenes"]]
        in_order = [h for k, h in enumerate(headings) if k == 0 or h != headings[k - 1]]
        expected = SECTIONS[name] if style != 4 else [h for h in SECTIONS[name] if h in in_order]
        assert in_order == expected, (style, headings)


def test_the_vaccines_document_is_one_scene_per_section_not_round_robin(written):
    script = written["vaccines.md", 0]
    doc = source("vaccines.md")
    sections = re.split(r"^## ", doc, flags=re.M)[1:]
    for scene in script["scenes"]:
        heading = scene["on_screen"][0]
        body = next(s for s in sections if s.startswith(heading))
        for sentence in split_sentences(scene["text"]):
            assert place(sentence, body) >= 0, f"{sentence!r} is not from section {heading!r}"


FULL_SECTIONS = {"vaccines.md": 4, "sourdough-howto.md": 5, "relativity-lecture.md": 4, "printing-history.md": 4,
                 "python-loops.md": 4, "bees.txt": 4}
FULL = {"vaccines.md": 19, "sourdough-howto.md": 18, "relativity-lecture.md": 15, "printing-history.md": 12,
        "python-loops.md": 7, "bees.txt": 11}  # sentences (list items count as one each), counted by hand


@pytest.mark.parametrize("name", DOCS)
def test_every_sentence_is_from_the_notes_in_the_same_order(written, name):
    doc = source(name)
    for style in (0, 1, 3, 4):
        at = 0
        for sentence in sentences_of(written[name, style]):
            found = place(sentence, doc, at)
            assert found >= 0, f"variation {style}: {sentence!r} is not in the notes after position {at}"
            at = found + 1
    assert len(sentences_of(written[name, 0])) == FULL[name]  # the walk-through says them all


@pytest.mark.parametrize("name", DOCS)
def test_key_facts_keep_the_sections_in_order(written, name):
    doc = source(name)
    script = written[name, 2]
    assert all(place(s, doc) >= 0 for s in sentences_of(script))
    first_place = [min(place(s, doc) for s in split_sentences(sc["text"])) for sc in script["scenes"]]
    assert first_place == sorted(first_place)


def test_key_facts_lead_with_numbers_dates_and_definitions(written):
    script = written["vaccines.md", 2]
    problem = split_sentences(scene_titled(script, "The problem")["text"])
    assert problem[0].endswith("can take one to two weeks.")  # the number first, before the opening line
    assert problem[1] == "Germs such as viruses and bacteria can make us seriously ill."
    idea = split_sentences(scene_titled(script, "The idea")["text"])
    # the definition ("called an antigen") opens with "It": the sentence it refers to stays before it
    assert idea == ["A vaccine gives the immune system a safe preview of a germ.",
                    "It contains a weakened or inactivated germ, or just a harmless piece of it called an antigen."]
    matters = split_sentences(scene_titled(script, "Why it matters")["text"])
    assert ["herd immunity" in matters[0], "1980" in matters[1], "million" in matters[2]] == [True] * 3


@pytest.mark.parametrize("name", DOCS)
def test_narration_has_no_markdown_left(written, name):
    for style in range(5):
        for scene in written[name, style]["scenes"]:
            text = scene["text"]
            assert not re.search(r"\*\*|__|\]\(|`|\$|^#|\s#{1,6}\s|^\s*[-*+]\s|^\s*\d+[.)]\s|https?://", text), text
            assert all(s[:1].isupper() or s[:1].isdigit() for s in split_sentences(text)), text


def test_links_and_bold_become_their_words(written):
    text = " ".join(sentences_of(written["vaccines.md", 0]))
    assert "this is called herd immunity." in text
    assert "can take one to two weeks." in text
    assert "Spotting: immune cells find the antigen and recognise it as foreign." in text


def test_what_is_not_prose_is_not_read():
    doc = ("---\ntitle: Tide pools\nauthor: me\n---\n\n<!-- draft: check the dates -->\n\n"
           "Tide pools form where rock holds sea water at low tide. ![a crab](crab.jpg)\n\n"
           "- Crabs hide under rocks.\n  - Some crabs carry shells.\n- Anemones close when the water drops.\n\n"
           "More at https://www.example.org/tides for the curious.\n")
    script = script_from_notes(None, doc, 0)
    said = " ".join(sc["text"] for sc in script["scenes"])
    assert script["title"] == "Tide pools"  # front matter's title, as there is no heading
    assert "draft" not in said and "crab.jpg" not in said and "a crab" not in said and "author" not in said
    assert "Crabs hide under rocks. Some crabs carry shells. Anemones close when the water drops." in said
    assert "More at example.org for the curious." in said


@pytest.mark.parametrize("name", DOCS)
def test_every_variation_validates_and_says_how_it_was_made(written, name):
    notes = set()
    for style in range(5):
        script = dict(written[name, style])
        note = script.pop("_note")
        parse_script(script)
        assert note and note not in notes
        notes.add(note)
        for scene in script["scenes"]:
            said = split_sentences(scene["text"])
            if style == 0:
                assert len(said) <= 5 and (len(scene["text"]) <= 600 or len(said) == 1), scene["text"]
            for step in (scene.get("visual") or {}).get("steps", []):
                assert step["sentence"] < len(said)


@pytest.mark.parametrize("name", DOCS)
def test_three_variations_differ_in_length(written, name):
    full, short, facts = (sentences_of(written[name, k]) for k in range(3))
    assert len(short) == FULL_SECTIONS[name]  # the key sentence of each section
    assert len(short) < len(facts) < len(full) or (len(short) < len(facts) == len(full) and facts != full)
    assert len(" ".join(short)) < len(" ".join(facts)) <= len(" ".join(full))


def scene_titled(script: dict, heading: str, n: int = 0) -> dict:
    return [s for s in script["scenes"] if s["on_screen"][0] == heading][n]


def elements(scene: dict, kind: str) -> list[dict]:
    return [e for e in (scene.get("visual") or {}).get("elements", []) if e["kind"] == kind]


def test_a_numbered_list_becomes_a_flow_that_builds_with_the_voice(written):
    scene = scene_titled(written["vaccines.md", 0], "What happens inside")
    (flow,) = elements(scene, "flow")
    assert [i["label"] for i in flow["items"]] == ["Spotting", "Alarm", "Antibodies", "Memory"]
    said = split_sentences(scene["text"])
    shows = {s["target"]: s["sentence"] for s in scene["visual"]["steps"]}
    for k, item in enumerate(flow["items"]):
        assert said[shows[f"{flow['id']}.{k}"]].startswith(item["label"])  # the box appears as it is named
    assert scene["on_screen"][:2] == ["What happens inside", "Spotting"]


def test_list_items_appear_on_the_sentence_that_names_them(written):
    for name in DOCS:
        for scene in written[name, 0]["scenes"]:
            said = split_sentences(scene["text"])
            for element in elements(scene, "flow") + elements(scene, "bullets"):
                for step in scene["visual"]["steps"]:
                    if step["target"].startswith(element["id"] + "."):
                        label = element["items"][int(step["target"].split(".")[1])]["label"]
                        assert " ".join(words(label)) in " ".join(words(said[step["sentence"]])), (label, said)


def test_how_to_lists_become_bullets_and_steps(written):
    script = written["sourdough-howto.md", 0]
    (need,) = elements(scene_titled(script, "What you need"), "bullets")
    assert [i["label"] for i in need["items"]][0] == "100 g of active sourdough starter"
    # seven steps are too many for one scene: two consecutive scenes, each a flow of its own steps
    first, second = (scene_titled(script, "Making the dough", n) for n in (0, 1))
    assert first["seq"] + 1 == second["seq"]
    steps = [i["label"] for s in (first, second) for e in elements(s, "flow") for i in e["items"]]
    assert steps[0] == "Mix the starter and the water" and steps[-1].startswith("Chill it") and len(steps) == 7


def test_formulas_become_equations_and_readable_narration(written):
    script = written["relativity-lecture.md", 0]
    famous = scene_titled(script, "The famous equation")
    (eq,) = elements(famous, "equation")
    assert [i["label"] for i in eq["items"]] == ["$E = mc^2$"]
    assert "The relation is E = mc^2, where m is the mass and c is the speed of light." in famous["text"]
    derivation = scene_titled(script, "A short derivation")
    (eq,) = elements(derivation, "equation")
    assert len(eq["items"]) == 4 and eq["items"][0]["label"] == r"$E = \gamma m c^2$"
    shown_on = [s["sentence"] for s in derivation["visual"]["steps"]]
    assert shown_on == [0, 1, 2, 3]  # each line with the sentence that introduces it
    assert "\\frac" not in derivation["text"] and "Lorentz factor" in derivation["text"]


def test_math_that_does_not_parse_is_dropped_and_noted():
    doc = ("# Ratios\n\nA ratio compares two amounts, written $\\frac{a}{b$ in the notes.\n"
           "Its value is $r = a / b$ when b is not zero.\n")
    script = script_from_notes(None, doc, 0)
    labels = [i["label"] for sc in script["scenes"] for e in elements(sc, "equation") for i in e["items"]]
    assert labels == ["$r = a / b$"]
    assert "cannot draw" in script["_note"]
    assert "$" not in script["scenes"][0]["text"]


def test_dates_and_tables_become_timelines_and_bars(written):
    script = written["printing-history.md", 0]
    (before,) = elements(scene_titled(script, "Before the press"), "timeline")
    assert [i["x"] for i in before["items"]] == [868, 1040]
    (gutenberg,) = elements(scene_titled(script, "Gutenberg"), "timeline")
    assert [i["x"] for i in gutenberg["items"]] == [1440, 1455]
    (bars,) = elements(scene_titled(script, "How fast it spread"), "bars")
    assert [i["value"] for i in bars["items"]] == [12.6, 79, 138, 200]
    assert bars["caption"] == "Books printed (millions)"
    (milestones,) = elements(scene_titled(script, "Milestones"), "timeline")
    assert [i["x"] for i in milestones["items"]] == [1440, 1476, 1814, 1886]
    assert milestones["items"][1]["label"] == "William Caxton prints in England"


def test_code_is_shown_not_read_and_a_two_column_table_is_a_comparison(written):
    script = written["python-loops.md", 0]
    scene = scene_titled(script, "The for loop")
    (code,) = elements(scene, "code")
    assert [i["label"] for i in code["items"]][1:] == ["for fruit in fruits:", "    print(fruit)"]
    assert "print(" not in scene["text"] and "banana" not in scene["text"]
    said = split_sentences(scene["text"])
    show = next(s for s in scene["visual"]["steps"] if s["target"] == code["id"])
    assert said[show["sentence"]] == "This loop prints each fruit on its own line."
    (compare,) = elements(scene_titled(script, "for or while?"), "compare")
    assert compare["caption"] == "for vs while"
    assert {i["detail"] for i in compare["items"]} == {"left", "right"}
    assert "Summary" in scene_titled(script, "for or while?")["on_screen"]  # the one-line section joined it


def test_plain_text_paragraphs_are_the_sections(written):
    doc = source("bees.txt")
    paragraphs = [" ".join(p.split()) for p in doc.split("\n\n") if p.strip()]
    script = written["bees.txt", 0]
    assert [sc["text"] for sc in script["scenes"]] == paragraphs
    assert script["title"] == "Bees"  # from the file name: the text has no heading
    assert "visual" not in script["scenes"][0]  # prose alone: the renderer derives the picture


def test_a_long_document_stays_within_fifty_scenes():
    doc = "# Field guide\n\n" + "\n\n".join(
        f"## Bird {k}\n\n" + " ".join(f"Bird {k} has feature number {j} that sets it apart from others."
                                      for j in range(9)) for k in range(60))
    script = script_from_notes(None, doc, 0)
    note = script.pop("_note")
    parsed = parse_script(script)
    assert len(parsed.scenes) <= 50
    birds = [int(n) for sc in parsed.scenes for n in re.findall(r"Bird (\d+)", sc.text)]
    assert birds == sorted(birds) and birds[0] == 0 and birds[-1] == 59
    assert "long" in note


# -- bad input ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, says", [
    ("", "is empty"),
    ("  \n\n\t ", "is empty"),
    ("# Title\n\n## Part\n\n```\nx = 1\n```\n", "no sentences"),
    ("abc\x00def ghi jkl", "binary"),
    ("# A\n\n" + "word " * (MAX_SOURCE_BYTES // 5 + 10), "the limit is 1,000,000 bytes"),
    ("Fine text here \ud800 and more.", "not valid Unicode"),
    (42, "must be text"),
])
def test_bad_source_text_is_refused_in_one_line(text, says):
    with pytest.raises(BadInput) as err:
        check_source_text(text)
    assert says in str(err.value) and "\n" not in str(err.value)


def test_source_text_is_cleaned():
    assert check_source_text("\ufeff# T\r\n\r\nA sentence with words.\r\n") == "# T\n\nA sentence with words.\n"


BAD_FILES = {
    "empty.md": b"",
    "picture.md": bytes(range(256)) * 8,
    "headings.md": b"# Title\n\n## One\n\n## Two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "huge.md": b"# Big\n\n" + b"All work and no play. " * (MAX_SOURCE_BYTES // 20),
    "latin1.md": "# Café\n\nLe café est très bon le matin.\n".encode("latin-1"),
}
SAYS = {"empty.md": "is empty", "picture.md": "binary", "headings.md": "no sentences",
        "huge.md": "the limit is 1,000,000 bytes", "latin1.md": "not UTF-8"}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_exit_2_with_one_line_and_store_nothing(cli, svc, home, name):
    path = home / name
    path.write_bytes(BAD_FILES[name])
    proc = cli("script", "--from", str(path))
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and SAYS[name] in lines[0] and name in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr
    assert svc.list_scripts() == []


def test_the_cli_writes_three_scripts_that_follow_the_notes(cli, home):
    path = home / "vaccines.md"
    path.write_text(source("vaccines.md"))
    out = cli.json("script", "--from", str(path))
    assert len(out["tokens"]) == 3 and all(r["status"] == "ready" for r in out["scripts"])
    lengths = []
    for token in out["tokens"]:
        script = cli.json("show", token)["script"]
        headings = [sc["on_screen"][0] for sc in script["scenes"]]
        assert list(dict.fromkeys(headings)) == SECTIONS["vaccines.md"]
        lengths.append(sum(len(sc["text"]) for sc in script["scenes"]))
    assert len(set(lengths)) == 3


# -- any notes: a script that validates, or one clear refusal -------------------------------------
PIECES = ["# Title", "## Section", "### Sub", "Plain sentence here.", "another lower sentence without an end",
          "Money costs $5 and $10 today.", "Math $x^2 + y^2 = z^2$ inline.", "$$\\frac{a}{b}$$",
          "Broken $\\frac{a$ math.",
          "1. first step", "2. second step", "- bullet one", "- **Term**: meaning here", "  - nested point",
          "```\ncode $a $b\n```", "| a | b |\n|---|---|\n| 1 | 2 |", "| Year | Event |\n|---|---|\n| 1066 | Battle |",
          "> quoted wisdom is here.", "<div>html</div>", "---", "In 1492, Columbus sailed west.", "![img](x.png)",
          "[link](http://x.com) text.", "Dr. Smith arrived. He said hi!", "word " * 300, "a" * 700 + ".",
          "Title\n=====", "Term — definition of the term"]


def test_any_mix_of_markdown_gives_a_valid_script_or_one_clear_refusal():
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12), st.integers(0, 4))
    def check(parts, style):
        doc = "\n\n".join(parts)
        try:
            text = check_source_text(doc)
        except BadInput as exc:
            assert "\n" not in str(exc)
            return
        script = script_from_notes(None, text, style)
        assert script.pop("_note")
        parse_script(script)
        assert all("$" not in sc["text"] or "$5" in doc for sc in script["scenes"])

    check()
