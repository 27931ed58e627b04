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
    for style in range(5):  # every variation chooses sentences; none moves one (key facts included)
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


def test_key_facts_choose_numbers_dates_and_definitions_and_keep_their_order(written):
    script = written["vaccines.md", 2]
    problem = split_sentences(scene_titled(script, "The problem")["text"])
    # the number is chosen, and said after the opening line it follows in the notes
    assert problem == ["Germs such as viruses and bacteria can make us seriously ill.",
                       "The first time the body meets a new germ, its defences are slow: building a strong response "
                       "can take one to two weeks."]
    idea = split_sentences(scene_titled(script, "The idea")["text"])
    # the definition ("called an antigen") opens with "It": the sentence it refers to comes with it
    assert idea == ["A vaccine gives the immune system a safe preview of a germ.",
                    "It contains a weakened or inactivated germ, or just a harmless piece of it called an antigen."]
    matters = split_sentences(scene_titled(script, "Why it matters")["text"])
    assert ["herd immunity" in matters[0], "1980" in matters[1], "million" in matters[2]] == [True] * 3
    assert "in the notes' order" in script["_note"] and "come first" not in script["_note"]


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
          "Title\n=====", "Term — definition of the term",
          # what books and sites carry besides prose: skipped or read as the page shows it, never a failure
          "{{#include ../x.md}}", "```rust\n{{#rustdoc_include a.rs:b}}\n```", "{% include x.html %}",
          "Version {{ site.v }} is out.", "It grows as 2<sup>n − 1</sup> does.", "H<sub>2</sub>O is water.",
          "A claim.[^1]\n\n[^1]: The footnote.", "> [!NOTE]\n> Careful here.", ":::tip\nA tip sentence.\n:::",
          "<details><summary>x</summary>y</details>", "Filename: src/main.rs", "```{note}\nA MyST note.\n```",
          "<span class=\"filename\">Filename: a.rs</span>", "```{toctree}\na\n```", "{{< figure src=x >}}",
          "{% highlight ruby %}\nputs 1\n{% endhighlight %}", "| A | B | C |\n|---|---|---|\n| 1 | 2 | 3 |",
          "Cite<sup>[2](#f)</sup> this.", "<Listing file-name=\"a.rs\">", "&mdash; &lt;T&gt; &nbsp;", "<br>"]


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
        assert not any(re.search(r"\{\{|\{%|\[\^|<[a-z/]", sc["text"]) for sc in script["scenes"])

    check()


# -- what a book's Markdown carries, as a reader of the page sees it -------------------------------
BOOK = "mdbook-numbers.md"  # a programming-book chapter: includes, Filename captions, <sup>, tables, ...
SITE = "site-volumes.md"  # a docs-site page: Liquid tags, a variable, raw HTML, a long table, an alert


def every_string(script: dict) -> list[str]:
    """Everything a viewer can see or hear: narration, on-screen lines, anim, title and every label."""
    out = [script["title"]]
    for scene in script["scenes"]:
        out += [scene["text"], scene.get("anim", ""), *scene.get("on_screen", [])]
        visual = scene.get("visual") or {}
        out += [visual.get("title") or ""] + [e.get("caption") or "" for e in visual.get("elements", [])]
        out += [i.get(k) or "" for e in visual.get("elements", []) for i in e["items"] for k in ("label", "detail")]
    return out


def test_a_superscript_is_a_power_read_and_drawn_as_one():
    from vidgen.visual.tex import check_math
    from vidgen.voice.pronounce import speakable

    script = script_from_notes(None, source(BOOK), 0)
    said = " ".join(sc["text"] for sc in script["scenes"])
    assert "from −(2^(n − 1)) to 2^(n − 1) − 1 inclusive." in said and "2n − 1" not in said
    assert "from 0 to 2^n − 1 instead." in said
    spoken = speakable(next(s for s in sentences_of(script) if s.startswith("A signed type")))
    assert "two to the power of n minus one" in spoken and "2n" not in spoken
    (eq,) = [e for sc in script["scenes"] for e in elements(sc, "equation")]
    assert [i["label"] for i in eq["items"]] == ["$-(2^{n - 1})\\ \\mathrm{to}\\ 2^{n - 1} - 1$",
                                                 "$0\\ \\mathrm{to}\\ 2^{n} - 1$"]
    for item in eq["items"]:
        check_math(item["label"])  # matplotlib's mathtext draws it: a raised exponent, not "2n"


def test_inline_html_and_entities_read_as_the_page_shows_them():
    doc = ("# Chemistry notes\n\nWater is H<sub>2</sub>O&nbsp;&mdash; two hydrogens and one oxygen.<sup>"
           "<a href=\"#fn1\">1</a></sup> A kilometre is 10<sup>3</sup> metres, the 1<sup>st</sup> unit here.\n"
           "Type <kbd>Ctrl</kbd>+<kbd>C</kbd> to stop,<br>then compare a &lt; b with <del>old text</del>"
           "<span class=\"note\">the new rule</span>.<img src=\"beaker.png\" alt=\"a beaker\">\n")
    script = script_from_notes(None, doc, 0)
    assert sentences_of(script) == [
        "Water is H₂O — two hydrogens and one oxygen.",
        "A kilometre is 10^3 metres, the 1st unit here.",
        "Type Ctrl+C to stop, then compare a < b with the new rule."]
    assert "skipped 1 image" in script["_note"]


def test_tables_keep_every_column_and_their_header():
    book = script_from_notes(None, source(BOOK), 0)
    (types,) = [e for sc in book["scenes"] for e in elements(sc, "bullets") if "Signed" in (e.get("caption") or "")]
    assert types["caption"] == "Length · Signed · Unsigned"  # the header row, in its order
    assert [i["label"] for i in types["items"]] == ["8-bit · i8 · u8", "16-bit · i16 · u16", "32-bit · i32 · u32",
                                                    "64-bit · i64 · u64", "128-bit · i128 · u128",
                                                    "arch · isize · usize"]
    (literals,) = [e for sc in book["scenes"] for e in elements(sc, "bullets") if "Literal" in e.get("caption", "")]
    assert literals["items"][3]["label"] == "Binary · 0b1111_0000 · 240"
    # long cells: a point per row, every other cell with its column's name
    site = script_from_notes(None, source(SITE), 0)
    (mounts,) = [e for sc in site["scenes"] for e in elements(sc, "bullets")]
    assert mounts["caption"] == "Mount · Where the data lives · Best for"
    assert [i["label"] for i in mounts["items"]] == ["Volume", "Bind mount", "tmpfs"]
    assert mounts["items"][1]["detail"] == ("Any directory of the host, chosen by path · Source code you edit while "
                                            "the container runs")
    assert mounts["items"][0]["detail"].startswith("Where the data lives: A directory that Docker manages")


def test_a_long_table_is_shown_a_part_at_a_time_each_part_with_its_own_sentence():
    rows = "\n".join(f"| Metal {k} | {k * 7} K | {k * 2} g |" for k in range(1, 12))
    doc = (f"# Metals\n\n## Melting points\n\nThe table lists eleven metals.\n\n| Metal | Melts at | Mass |\n"
           f"|---|---|---|\n{rows}\n\nThe first rows are the light metals. The last rows are the heavy ones.\n")
    script = script_from_notes(None, doc, 0)
    grids = [(sc["seq"], e) for sc in script["scenes"] for e in elements(sc, "bullets")]
    assert [len(e["items"]) for _, e in grids] == [8, 3] and grids[1][0] == grids[0][0] + 1
    assert [i["label"] for _, e in grids for i in e["items"]] == [f"Metal {k} · {k * 7} K · {k * 2} g"
                                                                  for k in range(1, 12)]
    assert [e["caption"] for _, e in grids] == ["Metal · Melts at · Mass (part 1 of 2)",
                                                "Metal · Melts at · Mass (part 2 of 2)"]


def test_includes_and_template_directives_are_skipped_with_a_note_never_drawn_or_said(svc, home):
    for name in (BOOK, SITE):
        for style in range(5):
            script = script_from_notes(None, source(name), style)
            for text in every_string(script):
                assert not re.search(r"\{\{|\}\}|\{%|%\}|#include|rustdoc|\[\^|\[!|:::|<[a-z/]|&[a-z]+;|"
                                     r"Filename|footer\.html|toc\.html", text), (name, style, text)
    book = script_from_notes(None, source(BOOK), 0)
    assert "skipped 3 include directives, 1 template variable, 1 raw HTML block, 1 footnote" in book["_note"]
    assert "Version" not in " ".join(sentences_of(book))  # its version number is the site's: unknown here
    path = home / SITE
    path.write_text(source(SITE))
    rows = svc.write_scripts("", 3, source_file=path)
    assert {r["skipped"] for r in rows} == {"skipped 1 include directive, 1 template variable, 1 raw HTML block, "
                                            "1 footnote"}
    assert rows[0]["title"] == "Keeping Data with Volumes"


def test_filename_captions_label_the_code_and_are_never_said():
    script = script_from_notes(None, source(BOOK), 0)
    codes = [e for sc in script["scenes"] for e in elements(sc, "code")]
    assert codes and all(e["caption"].startswith("src/main.rs") for e in codes)
    assert not any("src/lib.rs" in t for t in every_string(script))  # its code was only an include
    doc = ("# Listings\n\n## Hello\n\nThe program greets you.\n\n<Listing number=\"1-1\" file-name=\"src/hi.rs\" "
           "caption=\"Greeting\">\n\n```rust,ignore\n# fn hidden() {}\nfn main() {\n    println!(\"hi\");\n}\n```\n\n"
           "</Listing>\n\nRun it with cargo.\n")
    (code,) = elements(script_from_notes(None, doc, 0)["scenes"][0], "code")
    assert code["caption"] == "Listing 1-1: src/hi.rs"  # not "rust,ignore"
    assert [i["label"] for i in code["items"]] == ["fn main() {", "    println!(\"hi\");", "}"]  # as the book shows


def test_links_footnotes_and_admonitions_read_as_ordinary_sentences():
    said = sentences_of(script_from_notes(None, source(BOOK), 0))
    assert "See the reference on literals for every form." in said
    assert "So an i8 can store numbers from −128 to 127." in said  # no marker, no footnote text
    assert not any("complement" in s for s in said)
    assert "The isize and usize types depend on the machine your program runs on: 64 bits on a 64-bit machine " \
           "and 32 bits on a 32-bit one." in said  # "> **Note:**" is the box, not the sentence
    at = said.index("Relying on wrapping is considered an error.")  # "> [!WARNING]"
    assert said[at:at + 3] == ["Relying on wrapping is considered an error.",
                               "To wrap on purpose, use the wrapping_* methods.",
                               "The checked_* methods return None when an operation would overflow."]  # ":::tip"
    site = sentences_of(script_from_notes(None, source(SITE), 0))
    assert "Never store a database's files only in the writable layer." in site
    assert "Press Ctrl+C to leave the logs; the container keeps running in the background." in site


def test_a_long_listing_is_shown_a_part_at_a_time_in_type_no_smaller_than_its_caption():
    doc = source(BOOK)
    listing = doc.split("```rust\n")[1].split("```")[0]
    script = script_from_notes(None, doc, 0)
    parts = [(sc, e) for sc in script["scenes"] for e in elements(sc, "code")]
    assert len(parts) == 4 and [sc["seq"] for sc, _ in parts] == list(range(parts[0][0]["seq"],
                                                                            parts[0][0]["seq"] + 4))
    assert all(len(e["items"]) <= 8 for _, e in parts)
    shown = [i["label"] for _, e in parts for i in e["items"]]
    assert shown == [ln for ln in listing.splitlines() if ln.strip()]  # every line, once, in order
    assert [e["caption"] for _, e in parts] == [f"src/main.rs · part {k} of 4" for k in range(1, 5)]
    # the line the voice names is lit as it is said
    scene, code = next((sc, e) for sc, e in parts if "checked_add" in sc["text"])
    lit = [s["target"] for s in scene["visual"]["steps"] if s["action"] == "highlight"]
    assert lit == [f"{code['id']}.{next(k for k, i in enumerate(code['items']) if 'checked_add' in i['label'])}"]
    # the short version shows the first part and says why the rest is not there
    short = script_from_notes(None, doc, 1)
    assert len([e for sc in short["scenes"] for e in elements(sc, "code")]) == 1
    assert "3 more part(s) of src/main.rs" in short["_note"]


@pytest.mark.parametrize("aspect", ["16:9", "9:16", "1:1"])
def test_code_is_drawn_no_smaller_than_its_caption_and_long_lines_wrap(tmp_path, aspect):
    from tests.visual_examples import sentences_for
    from vidgen.draw.scene import VisualScene
    from vidgen.draw.theme import Theme
    from vidgen.render.presets import frame_size
    from vidgen.visual.spec import Visual

    # a frame's worth as the notes cut it: 8 lines of a listing's usual width
    lines = [f"    let total_{k} = first.checked_add(second).expect(\"fits\");" for k in range(8)]
    doc = {"title": "A Longer Example", "elements": [{"id": "C", "kind": "code", "caption": "src/main.rs · part 1 of 2",
                                                      "items": [{"label": ln} for ln in lines]}]}
    theme = Theme.for_script("t", *frame_size("low", aspect))
    scene = VisualScene(Visual.model_validate(doc), theme, sentences_for(1, 3.0), 3.0, home=tmp_path)
    (code,) = scene.drawers
    # as large as the caption under it on a 16:9 frame; where lines must wrap (portrait, square), never under
    # the smallest size a viewer reads (1/45 of the frame's short side)
    least = theme.size("label") if aspect == "16:9" else theme.short / 45
    assert code.size >= least * 0.999, (code.size, least)
    x0, y0, x1, y1 = code.panel
    assert code.box[0] - 1 <= x0 and x1 <= code.box[2] + 1 and y1 <= theme.safe_bottom
    assert max(c + e - s for w in code.wrapped for s, e, c in w) * code.adv + 4 * code.adv <= x1 - x0
    joined = ["".join(ln[s:e] for s, e, _ in w) for ln, w in zip(lines, code.wrapped, strict=True)]
    assert ["".join(j.split()) for j in joined] == ["".join(ln.split()) for ln in lines]  # nothing lost
    assert (aspect == "9:16") == any(len(w) > 1 for w in code.wrapped)  # portrait wraps rather than shrinks


def test_a_picture_never_states_the_opposite_of_its_sentence():
    from vidgen.author.derive import derive_visual
    from vidgen.script.model import Scene
    from vidgen.writers.notes_labels import phrase

    for words in (3, 4, 5, 6):
        label = phrase("Integer overflow does not panic in release mode", words)
        assert not label.endswith(("does", "does not")), label  # the negation stays, or the cut comes before
    text = ("When you compile in release mode, Rust does not include checks for integer overflow that cause panics. "
            "Instead, the value wraps around.")
    scene = Scene.model_validate({"seq": 1, "text": text, "on_screen": ["Overflow"]})
    visual = derive_visual(scene, 1, 3, "Numbers")
    flows = [[i.label.lower() for i in e.items] for e in visual.elements if e.kind == "flow"]
    assert not any("panics" in labels for labels in flows), flows
    doc = ("# Kneading\n\n## Steps\n\nThe order matters.\n\n1. Mix the flour and water.\n"
           "2. Do not knead the dough after it rises.\n3. Bake it hot.\n")
    (flow,) = elements(script_from_notes(None, doc, 0)["scenes"][0], "flow")
    assert flow["items"][1]["label"].startswith("Do not knead")


# -- notes over HTTP and from the command line ------------------------------------------------------
UNUSUAL = ("# Field Notes on Lichens\n\n{{#include ../common/banner.md}}\n\n"
           "<div class=\"hero\"><p>Welcome to the field notes!</p></div>\n\n"
           "::: {.callout-odd data-x=1}\nA lichen is a partnership between a fungus and an alga. "
           "Each partner gives the other what it cannot make alone.\n:::\n\n"
           "```{mermaid}\ngraph TD; Fungus-->Alga\n```\n\n{{< youtube abc123 >}}\n\n<script>alert(1)</script>\n\n"
           "## Growth\n\nLichens grow slowly, often a millimetre a year. They do not harm the trees they live on.\n")
UNUSUAL_SKIPPED = "skipped 1 include directive, 1 directive, 1 shortcode, 2 raw HTML blocks"


async def test_notes_over_http_need_no_topic_and_say_what_was_skipped(make_client):
    import asyncio

    client = await make_client()

    async def ready(token: str) -> dict:
        for _ in range(300):
            r = await client.get(f"/api/script/{token}")
            if r.status == 200:
                return await r.json()
            await asyncio.sleep(0.1)
        raise AssertionError("the script was not written")

    r = await client.post("/api/generate_scripts", json={"source": source(BOOK), "count": 1})
    body = await r.json()
    assert r.status == 200, body
    assert body["topic"] == "Numbers and Their Limits"  # the first heading, as the CLI titles it
    assert body["skipped"] == "skipped 3 include directives, 1 template variable, 1 raw HTML block, 1 footnote"
    script = await ready(body["tokens"][0])
    assert script["status"] == "ready" and script["title"] == "Numbers and Their Limits"
    # unknown directives and raw HTML: a script and a note of what was left out, never a 500
    r = await client.post("/api/generate_scripts", json={"source": UNUSUAL, "count": 1})
    body = await r.json()
    assert r.status == 200 and body["skipped"] == UNUSUAL_SKIPPED, body
    script = await ready(body["tokens"][0])
    said = " ".join(sc["text"] for sc in script["scenes"])
    assert said == ("A lichen is a partnership between a fungus and an alga. Each partner gives the other what it "
                    "cannot make alone. Lichens grow slowly, often a millimetre a year. They do not harm the trees "
                    "they live on.")
    for bad, says in (({"source": "<div>only markup</div>\n\n{{#include x.md}}\n"}, "no sentences to narrate"),
                      ({"count": 1}, "the topic is empty")):
        r = await client.post("/api/generate_scripts", json=bad)
        detail = (await r.json())["detail"]
        assert r.status == 400 and says in detail and "\n" not in detail, detail


def test_make_from_notes_renders_and_says_what_it_skipped(cli, home):
    path = home / "lichens.md"
    path.write_text(UNUSUAL)
    proc = cli("make", "--from", str(path), "--quality", "low", "--tts", "mock", env={"COLUMNS": "200"})
    assert proc.returncode == 0, proc.stderr
    assert f"note: {UNUSUAL_SKIPPED} in the notes (not shown or said)" in proc.stderr
    assert "Traceback" not in proc.stderr
    video = Path(proc.stdout.strip().splitlines()[-1])
    assert video.suffix == ".mp4" and video.stat().st_size > 10_000
    out = cli.json("script", "--from", str(path), "--variations", "1")
    assert out["scripts"][0]["skipped"] == UNUSUAL_SKIPPED and out["topic"] == "Field Notes on Lichens"


def test_a_listing_that_ends_its_section_starts_with_the_sentences_before_it():
    code = "\n".join(f"step_{k} = run(step_{k - 1})" for k in range(1, 21))
    doc = ("# Pipeline\n\n## Reference implementation\n\nEach step feeds the next. The first step reads the input. "
           f"The last step writes the report.\n\n```python\n{code}\n```\n\n## Next\n\nThat is all for today.\n")
    script = script_from_notes(None, doc, 0)
    parts = [e for sc in script["scenes"] for e in elements(sc, "code")]
    assert [i["label"] for e in parts for i in e["items"]] == code.splitlines()  # no line left out
    assert "Left out" not in script["_note"]
