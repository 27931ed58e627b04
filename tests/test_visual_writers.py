"""The writers' side of scene visuals: derive (no visual given), repair (a model's visual), the LLM writers'
structured output through the local fakes, and the offline templates' pictures. No rendering here."""

import asyncio
import json
import math
from pathlib import Path

import pytest

from tests.fakes import BROKEN, COMPLEX, GOOD, FakeGemini, FakeOpenAI
from vidgen.author.derive import derive_visual
from vidgen.author.repair import repair_visual
from vidgen.config import Settings
from vidgen.script.model import Scene, parse_script
from vidgen.script.sentences import sentence_count, split_sentences
from vidgen.visual.spec import Visual
from vidgen.writers import Written, get_writer, version_note
from vidgen.writers.llm import EXAMPLE_SCENE, prompt
from vidgen.writers.offline import SCAFFOLD_NOTE, TEMPLATES
from vidgen.writers.schema import script_schema

SEEDS = Path(__file__).parent / "fixtures" / "seed-scripts"


def derived(name: str) -> list[tuple[Scene, Visual]]:
    script = parse_script(json.loads((SEEDS / f"{name}.json").read_text()))
    scenes = script.ordered_scenes()
    return [(s, derive_visual(s, i, len(scenes), script.title)) for i, s in enumerate(scenes)]


def kinds(v: Visual) -> list[str]:
    return [e.kind for e in v.elements]


def element(v: Visual, kind: str):
    return next(e for e in v.elements if e.kind == kind)


def steps(v: Visual, action: str | None = None, target: str | None = None):
    return [s for s in v.steps if (action is None or s.action == action) and (target is None or s.target == target)]


# ---- derive ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(p.stem for p in SEEDS.glob("*.json")))
def test_every_seed_scene_gets_a_valid_visual_bound_to_its_sentences(name):
    data = json.loads((SEEDS / f"{name}.json").read_text())
    for scene, visual in derived(name):
        count = sentence_count(scene.text)
        assert visual.elements, scene.seq
        assert all(s.sentence < count for s in visual.steps), (name, scene.seq)
        assert visual.steps, f"{name} scene {scene.seq}: nothing builds with the voice"
        if scene.layout == "split_screen" and len(visual.elements) > 1:
            assert visual.layout == "split"
        entry = next(s for s in data["scenes"] if s["seq"] == scene.seq)
        entry["visual"] = visual.model_dump(mode="json", exclude_none=True)
    parsed = parse_script(data)  # the whole script with its derived visuals passes the strict save-time checks
    assert all(s.visual is not None for s in parsed.scenes)


def _opens(visual: Visual, sentences: list[str]) -> bool:
    """Something besides the title is on screen from the start, or only a few words come before it."""
    from vidgen.author.pacing import SHORT_OPENING, visible_at_start

    raw = visual.model_dump(mode="json", exclude_none=True)
    if visible_at_start(raw["elements"], raw["steps"]):
        return True
    first = min(s.sentence for s in visual.steps if s.action == "show")
    return sum(len(s) + 1 for s in sentences[:first]) < SHORT_OPENING


@pytest.mark.parametrize("name", sorted(p.stem for p in SEEDS.glob("*.json")))
def test_every_seed_scene_says_what_it_is_about_and_shows_something_from_its_first_sentence(name):
    data = json.loads((SEEDS / f"{name}.json").read_text())
    for scene, v in derived(name):
        assert v.title and len(v.title) <= 70, (name, scene.seq)
        if scene.seq > 1:  # its own subject, not the video's title again
            assert v.title != data["title"], (name, scene.seq, v.title)
        raw = v.model_dump(mode="json", exclude_none=True)
        from vidgen.author.pacing import visible_at_start

        assert visible_at_start(raw["elements"], raw["steps"]), (name, scene.seq, raw["steps"][:2])
        # and no stretch of more than ~15 s of narration (240 characters) goes by with nothing new
        said = split_sentences(scene.text)
        marks = sorted({s.sentence for s in v.steps} | {0}) + [len(said)]
        gaps = [sum(len(s) + 1 for s in said[a + 1:b]) for a, b in zip(marks, marks[1:], strict=False)]
        assert max(gaps) < 250, (name, scene.seq)


def test_templates_and_notes_scenes_have_titles_and_open_with_a_picture():
    from vidgen.author.derive import derive_visual
    from vidgen.writers.notes import script_from_notes

    scripts = [TEMPLATES[k](topic, 3) for topic in ("how rainbows form", "why the sky is blue")
               for k in range(len(TEMPLATES))]
    scripts += [script_from_notes(None, p.read_text(), k, filename=p.name)
                for p in sorted((Path(__file__).parent / "fixtures" / "notes").iterdir()) for k in (0, 4)]
    for data in scripts:
        script = parse_script(data)
        scenes = script.ordered_scenes()
        for i, scene in enumerate(scenes):
            v = scene.visual or derive_visual(scene, i, len(scenes), script.title)
            assert v.title, (script.title, scene.seq)
            assert _opens(v, split_sentences(scene.text)), (script.title, scene.seq, v.steps[:2])


def test_complex_numbers_become_vectors_on_a_plane_with_their_equations():
    scenes = derived("complex-number-multiplication-a-visual-journey")
    for scene, v in scenes:
        assert "plane" in kinds(v) and "equation" in kinds(v), scene.seq
        if scene.seq > 1:
            assert len(element(v, "plane").items) >= 2
    plane = {i.id: i for i in element(scenes[2][1], "plane").items}  # "magnitude of 2 ... of 3 ... of 6"
    assert [round(math.hypot(plane[k].x, plane[k].y), 1) for k in ("z1", "z2", "p")] == [2.0, 3.0, 6.0]
    plane = {i.id: i for i in element(scenes[3][1], "plane").items}  # "30 degrees ... 60 degrees ... 90 degrees"
    assert [round(math.degrees(math.atan2(plane[k].y, plane[k].x))) for k in ("z1", "z2", "p")] == [30, 60, 90]
    labels = " ".join(i.label for _, v in scenes for i in element(v, "equation").items)
    assert r"|z_1 z_2| = |z_1|\,|z_2|" in labels and r"\arg(z_1 z_2) = \arg z_1 + \arg z_2" in labels
    assert "3 + 4i" in labels  # the anim's own example, z1 = 3 + 4i
    for scene, v in scenes[3:]:  # "rotated by the angle of z2", "then rotate that scaled vector"
        turn = steps(v, "rotate")
        assert turn and "rotat" in split_sentences(scene.text)[turn[0].sentence].lower()
    # the vector appears when the narration first names it, not before
    first_z1 = steps(scenes[2][1], "show", "P.z1")[0].sentence
    assert "z1" in split_sentences(scenes[2][0].text)[first_z1]


def test_the_matrix_script_shows_the_matrices_and_their_product():
    scenes = derived("matrix-multiplication")
    assert all("matrix" in kinds(v) for _, v in scenes)
    scene, v = scenes[3]  # A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]] in the anim
    rows = {e.id: [i.label for i in e.items] for e in v.elements if e.kind == "matrix"}
    assert rows == {"A": ["1 2", "3 4"], "B": ["5 6", "7 8"], "C": ["19 22", "43 50"]}
    top_left = next(i for i, s in enumerate(split_sentences(scene.text)) if "top-left" in s)
    assert {s.target for s in steps(v, "highlight") if s.sentence == top_left} == {"A.row0", "B.col0"}
    assert "c_{11} = 1 \\cdot 5 + 2 \\cdot 7 = 19" in element(v, "equation").items[0].label


def test_algebra_equations_are_rewritten_line_by_line():
    scenes = derived("simple-algebra")
    for scene, v in scenes[1:4]:
        assert "equation" in kinds(v) and steps(v, "transform"), scene.seq
    scene, v = scenes[1]
    first = element(v, "equation")
    assert [i.label for i in first.items] == ["$X + 5 = 10$", "$X + 5 - 5 = 10 - 5$", "$X = 5$"]
    sentences = split_sentences(scene.text)
    for step in steps(v, "transform", f"{first.id}.0"):  # the rewrite happens when the new line is said
        assert "X + 5 - 5 = 10 - 5" in sentences[step.sentence]


def test_geometry_draws_each_shape_when_it_is_named():
    scenes = derived("basic-geometry-shapes")
    assert all("shapes" in kinds(v) for _, v in scenes)
    scene, v = scenes[1]
    shapes = element(v, "shapes")
    assert [i.label for i in shapes.items] == ["triangle", "square", "rectangle", "circle"]
    sentences = split_sentences(scene.text)
    # the first shape opens the scene (nothing else would be on screen before it is named); the rest wait
    # for the sentence that names them
    assert steps(v, "show", f"{shapes.id}.0")[0].sentence == 0 < sentences.index(
        next(s for s in sentences if "triangle" in s.lower()))
    for k, item in enumerate(shapes.items[1:], 1):
        said = steps(v, "show", f"{shapes.id}.{k}")[0].sentence
        assert item.label in sentences[said].lower()
    assert all(i.x is None and i.y is None for i in shapes.items)  # the drawer grids them to fill its box
    facts = [i.detail for i in element(v, "bullets").items]
    assert facts[0] == "Three straight sides and three corners, or vertices"  # its whole phrase, not 7 words of it
    # solids are drawn as solids, each named
    _, v = scenes[2]
    solids = element(v, "shapes")
    assert [(i.label, i.detail) for i in solids.items] == [("cube", "Cube"), ("sphere", "Sphere"),
                                                           ("cylinder", "Cylinder"), ("cone", "Cone")]


def test_the_pendulum_swings_and_its_swing_is_plotted():
    scenes = derived("simple-pendellum")
    _, v = scenes[1]
    assert {"plane", "plot"} <= set(kinds(v))
    assert len(steps(v, "rotate")) >= 3 and steps(v, "trace")
    assert "sin" in element(v, "plot").items[0].label
    _, v = scenes[2]  # depends on length and gravity, not on mass or amplitude
    columns = {i.detail: [] for i in element(v, "compare").items}
    for i in element(v, "compare").items:
        columns[i.detail].append(i.label.lower())
    assert any("length" in c for c in columns["left"]) and any("mass" in c for c in columns["right"])


def scene(text: str, anim: str = "", layout: str | None = None, **extra) -> Scene:
    return Scene.model_validate({"seq": 1, "text": text, "anim": anim, "layout": layout, **extra})


@pytest.mark.parametrize(("text", "anim", "kind"), [
    ("The printing press arrived in 1440. The steam engine followed in 1712. The internet came in 1983.", "",
     "timeline"),
    ("Here the curve is y = x^2 - 1. It crosses zero twice.", "", "plot"),
    ("Sound is a wave: the curve y = sin(x), repeated forever.", "", "plot"),  # a function stated
    ("First, water heats up. Then it turns into steam. Finally the steam rises.", "", "flow"),
    ("Cats vs dogs is an old debate. Both make good pets.", "", "compare"),
    ("Paris has 2 million people. London has 9 million people. Tokyo has 14 million people.", "", "bars"),
    ("A triangle has three sides. A square has four.", "", "shapes"),
    ("Good habits take time. Small steps add up over months. Consistency beats intensity every day.", "",
     "bullets"),
])
def test_generic_rules_pick_the_kind_the_narration_implies(text, anim, kind):
    v = derive_visual(scene(text, anim), 1, 3, "A script")
    assert kind in kinds(v), kinds(v)
    assert all(s.sentence < sentence_count(text) for s in v.steps)


def test_flow_nodes_appear_as_each_step_is_said():
    v = derive_visual(scene("First, water heats up. Then it turns into steam. Finally the steam rises."), 1, 3, "T")
    flow = element(v, "flow")
    assert [steps(v, "show", f"{flow.id}.{k}")[0].sentence for k in range(len(flow.items))] == [0, 1, 2]


def test_layouts_media_and_on_screen_are_honoured(tmp_path):
    picture = tmp_path / "p.png"
    picture.write_bytes(b"x")
    v = derive_visual(scene("A quiet lake at dawn. Birds start to sing.", media=str(picture),
                            layout="split_screen"), 2, 4, "Lakes")
    assert v.elements[0].kind == "image" and v.elements[0].items[0].label == str(picture)
    assert v.layout == "split"
    v = derive_visual(scene("Some words here. More words there. And a few more words to end.", layout="custom",
                            on_screen=["Headline", "Point one", "Point two"]), 1, 3, "T")
    assert v.layout == "full" and v.title == "Headline"
    assert [i.label for i in element(v, "bullets").items] == ["Point one", "Point two"]


@pytest.mark.parametrize("text", ["Hi", "🙂🙂🙂", "x = = = 1. $$$ \\frac{ [[1, 2], [3]]. 99999999999999999999 km.",
                                  "Matrix " * 300, "Complex z1 = 1e308 + 1e308i vector."])
def test_derive_never_raises_and_always_validates(text):
    v = derive_visual(scene(text, anim=text), 0, 1, "Weird")
    Visual.model_validate(v.model_dump())
    v.check_sentences(sentence_count(text))


# ---- repair ------------------------------------------------------------------------------------------

def vis(elements, steps=(), **top):
    return {"elements": elements, "steps": list(steps), **top}


FLOW = {"id": "F", "kind": "flow", "items": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]}
PLANE = {"id": "P", "kind": "plane", "items": [{"id": "z1", "label": "$z_1$", "x": 1, "y": 1}]}


@pytest.mark.parametrize(("raw", "sentences", "check", "note"), [
    (vis([FLOW], [{"sentence": 0, "action": "show", "target": "F.z3"}]), 2,
     lambda v: v.steps == [], "dropped step 1 (no item 'z3' in element F)"),
    (vis([FLOW], [{"sentence": 7, "action": "show", "target": "F.b"}]), 4,
     lambda v: v.steps[0].sentence == 3, "clamped sentence 7 to 3"),
    (vis([{"id": "H", "kind": "hologram", "items": [{"label": "x"}, {"label": "y"}]}]), 1,
     lambda v: v.elements[0].kind == "bullets", "unknown kind 'hologram'"),
    (vis([{"id": "G", "kind": "plot", "items": [{"label": "__import__('os').system('x')"}, {"label": "sin(x)"}]}]),
     1, lambda v: [i.label for i in v.elements[0].items] == ["sin(x)"], "dropped the curve"),
    (vis([{"id": "P", "kind": "plane", "items": [{"id": "z", "label": "z", "x": "1.5", "y": "2"}]}]), 1,
     lambda v: (v.elements[0].items[0].x, v.elements[0].items[0].y) == (1.5, 2.0), "numbers given as text"),
    (vis([{"id": "E", "kind": "equation", "items": [{"label": "$\\frac{1}{$"}, {"label": "$x^2$"}]}]), 1,
     lambda v: v.elements[0].items[0].label == "\\frac{1}{", "math did not parse"),
    (vis([{"id": "a b!", "type": "text", "items": ["hello"]}, {"id": "a b!", "kind": "text", "items": ["bye"]}]), 1,
     lambda v: [e.id for e in v.elements] == ["a_b", "a_b2"], "renamed a second"),
    (vis([PLANE], [{"sentence": 0, "action": "rotate", "target": "P.z1"}]), 1,
     lambda v: v.steps[0].action == "highlight", "rotate does not fit here"),
    (vis([FLOW], [{"sentence": 0, "action": "explode", "target": "F"}]), 1, lambda v: v.steps == [],
     "unknown action 'explode'"),
    (vis([dict(FLOW, colour="red")], foo=1), 1, lambda v: v.elements[0].id == "F", "removed unknown field 'colour'"),
    (vis([{"id": "M", "kind": "matrix", "items": [{"label": "[1, 2]"}, {"label": "[3, 4, 5]"},
                                                   {"label": "[6, 7]"}]}]), 1,
     lambda v: [i.label for i in v.elements[0].items] == ["1 2", "6 7"], "rows of another width"),
    (vis([{"id": "K", "kind": "compare", "items": [{"label": "old"}, {"label": "new"}]}]), 1,
     lambda v: [i.detail for i in v.elements[0].items] == ["left", "right"], "compare items given a column"),
    (vis([FLOW] * 1 + [{"id": f"T{n}", "kind": "text", "items": ["t"]} for n in range(5)]), 1,
     lambda v: len(v.elements) == 4, "kept the first 4 of 6 elements"),
    (vis([{"id": "F", "kind": "flow", "items": [{"id": "a", "label": "A", "to": "zz"}]}]), 1,
     lambda v: v.elements[0].items[0].to is None, "removed its arrow to 'zz'"),
    (vis([{"id": "P", "kind": "plane", "x_range": [0, 1], "items": [{"id": "z", "label": "z", "x": 5, "y": 1}]}]),
     1, lambda v: v.elements[0].x_range == (0, 5), "widened x_range"),
    (vis([PLANE], [{"sentence": 0, "action": "show", "target": "z1"}], layout="split_screen", title="T" * 90), 1,
     lambda v: v.steps[0].target == "P.z1" and v.layout == "split" and len(v.title) <= 70, "shortened to 70"),
    # the bounds: a rotation of a billion degrees turns ten times, a row of twelve numbers keeps eight
    (vis([PLANE], [{"sentence": 0, "action": "rotate", "target": "P.z1", "value": 1e9}]), 1,
     lambda v: v.steps[0].action == "rotate" and v.steps[0].value == 3600, "turns at most 3600 degrees"),
    (vis([{"id": "M", "kind": "matrix", "items": [{"label": " ".join(str(k) for k in range(12))}]}]), 1,
     lambda v: v.elements[0].items[0].label == "0 1 2 3 4 5 6 7", "kept the first 8 of 12 entries"),
])
def test_repair_fixes_what_a_model_gets_wrong_and_says_so(raw, sentences, check, note):
    visual, notes = repair_visual(raw, sentences, scene=2)
    assert visual is not None, notes
    Visual.model_validate(visual.model_dump())
    visual.check_sentences(sentences)
    assert check(visual), visual.model_dump(exclude_none=True)
    assert any(note in n for n in notes), notes
    assert all(n.startswith("scene 2: ") for n in notes)


@pytest.mark.parametrize("raw", [None, "not json", 42, [], {"elements": []},
                                 {"elements": [{"id": "G", "kind": "plot", "items": [{"label": "exec('x')"}]}]}])
def test_repair_gives_up_only_when_nothing_is_usable(raw):
    visual, notes = repair_visual(raw, 3)
    assert visual is None and notes


def test_a_valid_visual_passes_repair_untouched():
    raw = EXAMPLE_SCENE["visual"]
    visual, notes = repair_visual(raw, sentence_count(EXAMPLE_SCENE["text"]))
    assert notes == []
    assert visual.model_dump(mode="json", exclude_none=True) == raw


# ---- the LLM writers' structured output ----------------------------------------------------------------

def _walk(node):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def test_the_schemas_fit_each_providers_subset():
    gemini = script_schema("gemini")
    for node in _walk(gemini):
        assert not {"$ref", "$defs", "prefixItems", "additionalProperties", "anyOf", "pattern"} & set(node)
    openai = script_schema("openai")
    objects = [n for n in _walk(openai) if n.get("type") in ("object", ["object", "null"])]
    assert objects
    for node in objects:
        assert node["additionalProperties"] is False and node["required"] == list(node["properties"])
    item = openai["properties"]["scenes"]["items"]["properties"]["visual"]["properties"]["elements"]["items"]
    assert item["properties"]["items"]["items"]["properties"]["x"]["type"] == ["number", "null"]


def test_the_prompt_explains_visuals_with_an_example_that_validates():
    text = prompt("rainbows", 0, "en", None)
    assert '"visual"' in text and "sentence" in text and "plane" in text and "never code" in text
    parse_script({"title": "t", "scenes": [EXAMPLE_SCENE]})


def gemini_settings(url):
    return Settings.load(env={"GOOGLE_API_KEY": "k", "VIDGEN_GEMINI_BASE_URL": url, "VIDGEN_LLM_TIMEOUT": "5"})


def openai_settings(url):
    return Settings.load(env={"VIDGEN_OPENAI_BASE_URL": url + "/v1", "VIDGEN_LLM_TIMEOUT": "5"})


def test_gemini_asks_with_the_schema_and_keeps_valid_visuals_intact():
    with FakeGemini() as fake:
        script = asyncio.run(get_writer("gemini", gemini_settings(fake.url)).write("rainbows", 0))
    config = fake.requests[0]["body"]["generationConfig"]
    assert config["responseMimeType"] == "application/json"
    assert config["responseSchema"]["properties"]["scenes"]["items"]["required"][-1] == "visual"
    assert isinstance(script, Written) and script.notes == []
    assert [s["visual"] for s in script["scenes"]] == [s["visual"] for s in GOOD["scenes"]]
    assert {"flow", "plot"} <= {e["kind"] for s in script["scenes"] for e in s["visual"]["elements"]}


def test_openai_asks_with_a_strict_json_schema_and_keeps_valid_visuals_intact():
    with FakeOpenAI() as fake:
        script = asyncio.run(get_writer("openai", openai_settings(fake.url)).write("complex numbers", 0))
    fmt = fake.requests[0]["body"]["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    assert fmt["json_schema"]["schema"]["required"] == ["title", "scenes"]
    assert [s["visual"] for s in script["scenes"]] == [s["visual"] for s in COMPLEX["scenes"]]
    assert script.notes == []


def test_an_endpoint_without_json_schema_gets_plain_json_mode():
    with FakeOpenAI() as fake:
        fake.refuse_schema = True
        w = get_writer("openai", openai_settings(fake.url))
        script = asyncio.run(w.write("complex numbers", 0))
    assert [r["body"]["response_format"]["type"] for r in fake.requests] == ["json_schema", "json_object"]
    assert script["title"] == COMPLEX["title"]


def test_a_gemini_model_that_refuses_the_schema_still_writes():
    with FakeGemini() as fake:
        fake.refuse_schema = True
        script = asyncio.run(get_writer("gemini", gemini_settings(fake.url)).write("rainbows", 0))
    assert ["responseSchema" in r["body"]["generationConfig"] for r in fake.requests] == [True, False]
    assert script["title"] == GOOD["title"]


@pytest.mark.parametrize("fake_class", [FakeGemini, FakeOpenAI])
def test_a_broken_answer_is_repaired_not_refused(fake_class):
    with fake_class() as fake:
        fake.default = "broken"
        name = "gemini" if fake_class is FakeGemini else "openai"
        settings = gemini_settings(fake.url) if name == "gemini" else openai_settings(fake.url)
        script = asyncio.run(get_writer(name, settings).write("rainbows", 0))
    assert len(fake.requests) == 1, "a bad visual must not cost a second request"
    parsed = parse_script(script)
    assert all(s.visual is not None for s in parsed.scenes)
    first = parsed.scenes[0].visual
    assert [i.label for i in first.element("G").items] == ["sin(x)"]  # the __import__ curve is gone
    assert [s.target for s in first.steps] == ["F.a", "F.b"] and first.steps[1].sentence == 2
    assert parsed.scenes[1].visual.elements[0].kind == "bullets"
    note = version_note("gemini", script)
    for fix in ("scene 1: dropped step 2 (no item 'z3' in element F)", "clamped sentence 9 to 2",
                "unknown kind 'hologram'", "dropped the curve", "scene 3: nothing usable; derived one"):
        assert fix in note, note
    assert "__import__" not in json.dumps(script)
    assert BROKEN["scenes"][0]["visual"]["steps"][2]["sentence"] == 9  # the fixture itself is left alone


def test_version_note_is_short_and_plain_without_fixes():
    assert version_note("offline", {"title": "t"}) == "written by offline"
    many = Written({"title": "t"}, [f"scene {n}: dropped step {n} (no item 'x{n}' in element F)" for n in range(40)])
    note = version_note("gemini", many)
    assert note.startswith("written by gemini; visuals repaired: scene 0:") and len(note) < 700
    assert note.endswith("more")


# ---- the offline templates -----------------------------------------------------------------------------

def test_offline_templates_draw_their_scenes_and_bind_steps_to_what_is_said():
    w = get_writer("offline", Settings.load(env={}))
    for style in range(len(TEMPLATES)):
        script = asyncio.run(w.write("how rainbows form", style))
        parsed = parse_script(script)
        assert all(s.visual is not None and s.visual.steps for s in parsed.scenes), script["title"]
    explainer = parse_script(asyncio.run(w.write("how rainbows form", 0)))
    assert len({e.kind for s in explainer.scenes for e in s.visual.elements}) >= 4
    ingredients, process, mistake = explainer.scenes[1], explainer.scenes[2], explainer.scenes[3]
    assert ingredients.visual.elements[0].kind == "flow"
    assert [e.kind for e in mistake.visual.elements] == ["compare"]
    sentences = split_sentences(process.text)
    said = {s.target: sentences[s.sentence] for s in process.visual.steps if s.action == "show"}
    assert said["F.s1"].startswith("First") and said["F.s2"].startswith("Then")
    myth = parse_script(asyncio.run(w.write("how rainbows form", 3))).scenes[1].visual
    assert myth.elements[0].kind == "compare" and myth.elements[0].caption == "Myth vs Fact"


def test_a_long_topic_still_gives_valid_template_visuals():
    w = get_writer("offline", Settings.load(env={}))
    topic = "why the sky over the Atlantic looks so different at dawn and dusk in the middle of a long winter " * 2
    for style in range(len(TEMPLATES)):
        parse_script(asyncio.run(w.write(topic, style)))


def test_the_scaffold_note_says_how_to_get_real_content():
    assert SCAFFOLD_NOTE.count(".") >= 1 and "\n" not in SCAFFOLD_NOTE
    for hint in ("--from notes.md", "GOOGLE_API_KEY", "--llm openai", "Ollama"):
        assert hint in SCAFFOLD_NOTE


def test_editing_only_the_narration_keeps_the_picture_and_refits_its_steps():
    from vidgen.service.edits import merge_scenes

    script = {"title": "t", "scenes": [dict(EXAMPLE_SCENE, seq=1)]}
    merged = merge_scenes(script, {"scenes": [{"seq": 1, "text": "One sentence now."}]})
    parsed = parse_script(merged)  # without the refit this is refused: steps at sentences 1 and 2
    visual = parsed.scenes[0].visual
    assert [e.id for e in visual.elements] == ["P", "E"]
    assert {s.sentence for s in visual.steps} == {0}
    untouched = merge_scenes(script, {"scenes": [{"seq": 1, "anim": "new anim"}]})
    assert untouched["scenes"][0]["visual"] == EXAMPLE_SCENE["visual"]


def test_a_whole_script_sent_back_with_new_narration_keeps_its_picture(svc):
    """What an old client does: it returns the script it was given, narration edited, visual untouched."""
    from tests.conftest import seed

    script = seed("complex-number-multiplication-a-visual-journey")
    script["scenes"][2]["visual"] = {"elements": [{"id": "E", "kind": "equation", "items": [
        {"label": "$|z_1| = 2$"}, {"label": "$|z_2| = 3$"}]}],
        "steps": [{"sentence": 3, "action": "show", "target": "E.1"}]}
    token = svc.store.create_script(svc.validate(script).dump())
    sent_back = svc.get_script(token)["script"]
    sent_back["scenes"][2]["text"] = "Lengths multiply. That is the whole rule."  # two sentences now
    version, saved = svc.edit(token, sent_back)
    assert version == 2
    visual = saved["scenes"][2]["visual"]
    assert visual["elements"][0]["kind"] == "equation"  # the picture is kept
    assert all(step["sentence"] < 2 for step in visual["steps"])  # its steps fit the new narration
