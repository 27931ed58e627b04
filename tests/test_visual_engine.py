"""The visual engine: every kind draws inside the safe area and leaves the caption band alone, steps
appear when their sentence starts, holds are copies, and frames match the scene drawn directly.

Scenes are drawn at `low` quality and shared per module; a contact sheet of every kind (16:9 and
9:16, mid-build and final) is written to test-artifacts/visuals/ for people to look at.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from tests.visual_examples import EXAMPLES, KIND_NAMES, make_test_card, sentences_for
from vidgen.draw.captioned import frame_buffer
from vidgen.draw.frames import VisualFrames
from vidgen.draw.kinds.image import ImageKind
from vidgen.draw.scene import VisualScene
from vidgen.draw.theme import Theme
from vidgen.draw.yuv import rgb_to_planes
from vidgen.render.presets import QUALITIES, frame_size
from vidgen.visual.spec import Visual

DURATION = 8.0
FPS = QUALITIES["low"][1]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "visuals"


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("visual-home")
    make_test_card(folder / "card.png")
    return folder


@pytest.fixture(scope="module")
def scenes(home) -> dict[tuple[str, str], VisualScene]:
    out = {}
    for aspect in ("16:9", "9:16"):
        W, H = frame_size("low", aspect)
        theme = Theme.for_script("Test video", W, H)
        for name, (doc, count) in EXAMPLES.items():
            out[(name, aspect)] = VisualScene(Visual.model_validate(doc), theme, sentences_for(count, DURATION),
                                              DURATION, home=home)
    return out


def changed(a: np.ndarray, b: np.ndarray, threshold: int = 8) -> np.ndarray:
    return np.asarray((np.abs(a.astype(np.int16) - b.astype(np.int16)) > threshold).any(axis=2))


def region(mask: np.ndarray, r) -> np.ndarray:
    x0, y0, x1, y1 = (int(v) for v in r)
    return mask[max(0, y0):y1, max(0, x0):x1]


@pytest.mark.parametrize("aspect", ["16:9", "9:16"])
@pytest.mark.parametrize("kind", KIND_NAMES)
def test_kind_draws_inside_the_safe_area_and_above_the_captions(scenes, kind, aspect):
    scene = scenes[(kind, aspect)]
    th = scene.theme
    assert not scene.failed
    assert scene.visual.elements[0].kind == kind
    bg = scene.background()
    times = [scene.duration] + [(e.t0 + e.t1) / 2 for e in scene.sched.events]
    for t in times:
        diff = changed(scene.draw(t), bg, 2)
        ys, xs = np.nonzero(diff)
        assert ys.size, f"{kind} {aspect}: nothing drawn at t={t:.2f}"
        assert xs.min() >= th.margin_x - 2 and xs.max() <= th.width - th.margin_x + 2, f"{kind}: outside the margins"
        assert ys.min() >= th.margin_top * 0.4 and ys.max() < th.caption_top, f"{kind}: below the caption line"
        # the caption band is exactly the background
        assert not diff[th.caption_top:].any()
    final = changed(scene.final(), bg)
    for drawer in scene.drawers:
        box = region(final, drawer.box)
        assert box.mean() > 0.004, f"{kind} {aspect}: element {drawer.el.id} is (almost) empty"


@pytest.mark.parametrize("layout,aspect,dark", [("title", "16:9", True), ("title", "9:16", False),
                                               ("split", "1:1", True), ("full", "1:1", False)])
def test_layouts_and_themes_stay_in_the_safe_area(home, layout, aspect, dark):
    doc = {"layout": layout, "title": "Understanding matrix multiplication, step by step", "elements": [
        {"id": "P", "kind": "plane", "items": [{"label": "$z$", "x": 2, "y": 1, "detail": "|z| = 2.2"}]},
        {"id": "E", "kind": "equation", "items": [{"label": r"$z = 2 + i$"}, {"label": r"$|z| = \sqrt{5}$"}]},
        {"id": "B", "kind": "bars", "items": [{"label": "a", "value": 2}, {"label": "b", "value": -1}]}],
        "steps": [{"sentence": 0, "action": "show", "target": "E.1"}]}
    theme = Theme.for_script("t", *frame_size("low", aspect), dark=dark)
    scene = VisualScene(Visual.model_validate(doc), theme, sentences_for(1, 3.0), 3.0, home=home)
    diff = changed(scene.final(), scene.background(), 2)
    ys, xs = np.nonzero(diff)
    assert xs.min() >= theme.margin_x - 2 and xs.max() <= theme.width - theme.margin_x + 2
    assert ys.max() < theme.caption_top and not diff[theme.caption_top:].any()
    for d in scene.drawers:
        assert region(diff, d.box).mean() > 0.004
    boxes = [d.box for d in scene.drawers]
    for k, a in enumerate(boxes):  # elements never overlap
        for b in boxes[k + 1:]:
            assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1])


def test_one_theme_keeps_pictures_cards_and_captions_apart():
    for quality in QUALITIES:
        for aspect in ("16:9", "9:16", "1:1"):
            W, H = frame_size(quality, aspect)
            th = Theme.for_script("Title", W, H)
            assert th.margin_top < th.safe_bottom < th.caption_top < H
            assert th.card_margin_top < th.caption_top and 0 < th.card_margin_x < W / 4
    land, port = (Theme.for_script("t", *frame_size("medium", a)) for a in ("16:9", "9:16"))
    # same short side, so portrait text is larger in pixels: a phone shows 9:16 small
    assert port.size("body") > land.size("body") * 1.1
    assert Theme.for_script("t", 1280, 720, dark=False).text != land.text


def _item_box(scene: VisualScene, target: str):
    t = scene.visual.resolve(target)
    assert t.item is not None
    return scene.drawers[t.element].item_rect(t.item)


@pytest.mark.parametrize("name,target,sentence", [("bullets", "B.1", 1), ("flow", "F.m", 1), ("shapes", "S.2", 1),
                                                   ("equation", "E.0", 0), ("compare", "C.1", 1)])
def test_a_step_appears_when_its_sentence_starts(scenes, name, target, sentence):
    scene = scenes[(name, "16:9")]
    start = sentences_for(EXAMPLES[name][1], DURATION)[sentence][0]
    box = _item_box(scene, target)
    earlier, before, after = (scene.draw(t) for t in (start - 0.3, start - 1 / FPS, start + 0.6))
    # nothing of it one frame before its sentence; there a moment after
    assert not region(changed(before, earlier, 2), box).any(), f"{target} moved before its sentence"
    assert region(changed(after, before), box).sum() > 30, f"{target} did not appear after sentence {sentence}"
    t = scene.visual.resolve(target)
    shown = scene.sched.shown
    assert shown(t.element, t.item, start - 1 / FPS) == 0 < shown(t.element, t.item, start + 0.1)


def test_steps_on_one_sentence_are_spread_over_its_first_70_percent(scenes):
    scene = scenes[("bullets", "16:9")]
    start, length = sentences_for(3, DURATION)[1]
    shows = [e for e in scene.sched.events if e.action == "show" and e.item in (1, 2)]
    assert len(shows) == 2
    t1, t2 = sorted(e.t0 for e in shows)
    assert t1 == pytest.approx(start) and start < t2 <= start + 0.7 * length
    # between the two starts the first point is on screen and the second is not yet
    bg = scene.background()
    mid = changed(scene.draw((t1 + t2) / 2 + 0.2), bg)
    late = changed(scene.draw(t2 + 0.6), bg)
    second = _item_box(scene, "B.2")
    assert region(mid, _item_box(scene, "B.1")).sum() > 30
    assert region(late, second).sum() > region(mid, second).sum() + 30


def test_untargeted_elements_are_there_from_the_start(scenes):
    scene = scenes[("matrix", "16:9")]  # A and B have no show step, C has one
    first = changed(scene.draw(0.0), scene.background())
    a, b, c = scene.drawers
    assert region(first, a.box).mean() > 0.004 and region(first, b.box).mean() > 0.004
    assert not region(first, c.box).any()


def test_hide_removes_and_the_last_frame_shows_the_rest(home):
    doc = {"elements": [{"id": "B", "kind": "bullets", "items": [{"label": "stays"}, {"label": "goes away"}]}],
           "steps": [{"sentence": 1, "action": "hide", "target": "B.1"}]}
    theme = Theme.for_script("t", *frame_size("low", "16:9"))
    scene = VisualScene(Visual.model_validate(doc), theme, sentences_for(2, 4.0), 4.0, home=home)
    bg = scene.background()
    box0, box1 = scene.drawers[0].item_rect(0), scene.drawers[0].item_rect(1)
    early, last = changed(scene.draw(0.5), bg), changed(scene.final(), bg)
    assert region(early, box1).sum() > 30 and region(last, box0).sum() > 30
    assert region(last, box1).sum() < region(early, box1).sum() * 0.2


def _planes_diff(a, b) -> int:
    return max(int(np.abs(a.y.astype(np.int16) - b.y).max()), int(np.abs(a.u.astype(np.int16) - b.u).max()),
               int(np.abs(a.v.astype(np.int16) - b.v).max()))


@pytest.mark.parametrize("name", ["plot", "plane", "flow", "image", "equation", "text", "rotation"])
def test_frames_match_the_scene_in_any_order_and_hold_without_drawing(scenes, name):
    scene, other = scenes[(name, "16:9")], scenes[("equation", "16:9")]
    frames = int(DURATION * FPS)
    vf, vo = VisualFrames(scene, FPS, frames), VisualFrames(other, FPS, frames)
    W, H = scene.theme.width, scene.theme.height
    _, out = frame_buffer(W, H)
    _, spare = frame_buffer(W, H)
    order = list(range(frames))
    random.Random(7).shuffle(order)
    for i in order[:24]:
        vo.render(frames - 1 - i, spare)  # interleaved with another scene, as a crossfade does
        vf.render(i, out)
        assert _planes_diff(out, rgb_to_planes(scene.draw(vf.time(i)))) <= 3, f"frame {i}"
    # sequential pass: every frame outside the change intervals is a hold, and holds are never drawn
    vf.drawn = vf.held = 0
    for i in range(frames):
        vf.render(i, out)
    busy = sum(b - a + 1 for a, b, _ in vf.spans)
    assert vf.drawn == busy and vf.held == frames - busy
    if name != "image":  # an image zooms slowly all scene long; the others hold most of the time
        assert vf.held > frames * 0.3
    drawn = vf.drawn
    for i in range(frames):
        if vf._span(i) is None:
            vf.render(i, out)
    assert vf.drawn == drawn


@pytest.mark.parametrize("name", ["plot", "flow", "equation"])
def test_frames_that_share_a_still_key_are_identical_with_captions_too(scenes, name):
    """The encoder is sent one frame of each run of equal keys: the run must really look the same."""
    from vidgen.draw.captioned import Captioned
    from vidgen.draw.captions import Cue

    scene = scenes[(name, "16:9")]
    frames = int(DURATION * FPS)
    theme = Theme.for_script("Test video", scene.theme.width, scene.theme.height)
    picture = VisualFrames(scene, FPS, frames)
    # the caption changes inside one of the picture's holds
    runs = [i for i in range(1, frames) if picture.still(i) is not None and picture.still(i) == picture.still(i - 1)]
    middle = runs[len(runs) // 2]
    cues = [Cue(0.3, middle / FPS, ["A first caption"]), Cue(middle / FPS, DURATION, ["and a second one"])]
    source = Captioned(picture, cues, theme, FPS)
    _, out = frame_buffer(scene.theme.width, scene.theme.height)
    _, before = frame_buffer(scene.theme.width, scene.theme.height)
    repeats = 0
    for i in range(frames):
        source.render(i, out)
        if i and source.still(i) is not None and source.still(i) == source.still(i - 1):
            assert _planes_diff(out, before) == 0, f"frame {i} differs from frame {i - 1} under the same key"
            repeats += 1
        before.y[...], before.u[...], before.v[...] = out.y, out.u, out.v
    assert picture.still(middle) == picture.still(middle - 1) and source.still(middle) != source.still(middle - 1)
    assert repeats > frames * 0.3


def test_a_flat_plot_in_a_crowded_portrait_scene_names_its_curves_in_a_legend(home):
    """Three drawings stacked at 9:16 leave the plot a strip: its names go above the axes, nothing collides."""
    doc = {"layout": "split", "title": "Amplitude and period", "elements": [
        {"id": "P", "kind": "plane", "items": [{"id": "bob", "label": "bob", "x": 0.0, "y": -3.0}],
         "x_range": [-3.0, 3.0], "y_range": [-3.5, 0.5], "caption": "pivot at the origin"},
        {"id": "G", "kind": "plot", "items": [{"label": "sin(x)"}, {"label": "sin(2*x)"}],
         "x_range": [0.0, 12.6], "y_range": [-1.5, 1.5], "caption": "angle over time; shorter string: faster swing"},
        {"id": "K", "kind": "compare", "items": [{"label": "Length of the string", "detail": "left"},
                                                 {"label": "Mass of the bob", "detail": "right"}]}],
        "steps": [{"sentence": 0, "action": "show", "target": "G.0"},
                  {"sentence": 0, "action": "trace", "target": "G.0"},
                  {"sentence": 1, "action": "show", "target": "G.1"}]}

    def rect(label):
        tx, x, base = label
        return (x, base - tx.ascent, x + tx.width, base - tx.ascent + tx.height)

    def hit(a, b):
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    for aspect in ("9:16", "16:9"):
        theme = Theme.for_script("t", *frame_size("high", aspect))
        scene = VisualScene(Visual.model_validate(doc), theme, sentences_for(2, 8.0), 8.0, home=home)
        plot = next(d for d in scene.drawers if d.el.kind == "plot")
        # two crossing curves on a wide, short plot: no clear place on the axes, so a legend in both
        assert plot.legend, aspect
        names = [rect(label) for label in plot.curve_labels if label is not None]
        ticks = [rect(label) for label in plot.tick_labels]
        axes = [rect(label) for label in plot._axis_names()]
        resting = plot._point_label(float(plot.xs[-1]), float(plot.ys[0][-1]), plot.taken)[1]
        area = plot.map.area
        assert len(names) == 2 and all(r[3] <= area[1] and r[1] >= plot.inner[1] for r in names)  # above the axes
        assert names[0][2] <= names[1][0]
        assert len([v for v, _ in plot.yticks if v != plot.ax_y]) >= 2, "a short plot still shows its scale"
        for tick in ticks:
            assert not hit(tick, resting), "a tick label under the traced point's coordinates"
            assert not any(hit(tick, name) for name in names + axes), "a tick label on a name"
        # the plane's point label ("bob", at the end of the string) keeps off the plane's tick numbers
        plane = next(d for d in scene.drawers if d.el.kind == "plane")
        bob = plane._labels_at(8.0)[0]
        assert bob is not None and not any(hit(bob, rect(label)) for label in plane.tick_labels), aspect
    # on 1:1 the three go two over one (not one column of three): the plot keeps axes worth the name, and
    # its y numbers stand left of an axis at the left edge, off the curves
    theme = Theme.for_script("t", *frame_size("high", "1:1"))
    scene = VisualScene(Visual.model_validate(doc), theme, sentences_for(2, 8.0), 8.0, home=home)
    plot = next(d for d in scene.drawers if d.el.kind == "plot")
    area = plot.map.area
    # (0.09: its long caption takes two lines at readable type, where it used to shrink to one line under it)
    assert area[3] - area[1] > theme.short * 0.09, f"the plot's axes are {area[3] - area[1]:.0f} px tall"
    left_of_axes = [label for label in plot.tick_labels if rect(label)[2] <= area[0]]
    assert len(left_of_axes) >= 2 and rect(left_of_axes[0])[0] >= plot.inner[0] - 1
    # a plot with room names its curve on the axes, where the curve is
    theme = Theme.for_script("t", *frame_size("high", "16:9"))
    single = {"elements": [{"id": "G", "kind": "plot", "items": [{"label": "x^2 - 1"}]}]}
    scene = VisualScene(Visual.model_validate(single), theme, sentences_for(1, 4.0), 4.0, home=home)
    plot = scene.drawers[0]
    assert not plot.legend and rect(plot.curve_labels[0])[1] >= plot.map.area[1]


def test_solids_are_drawn_as_solids_in_the_square_a_flat_shape_fills(home):
    from vidgen.draw.kinds.shapes import solid_points

    theme = Theme.for_script("t", *frame_size("medium", "16:9"))

    def drawn(label: str) -> np.ndarray:
        doc = {"elements": [{"id": "S", "kind": "shapes", "items": [{"label": label, "detail": "A name"}]}]}
        scene = VisualScene(Visual.model_validate(doc), theme, sentences_for(1, 3.0), 3.0, home=home)
        return scene.final()

    for solid, flat in (("cube", "square"), ("sphere", "circle"), ("cylinder", "rectangle"), ("cone", "triangle"),
                        ("pyramid", "triangle")):
        edges, fill = solid_points(solid, 2.0)
        reach = max(max(abs(x), abs(y)) for x, y in edges + fill)
        assert abs(reach - 1.0) < 1e-9, solid   # as large as a flat shape, and no larger: its name stays clear
        a, b = drawn(solid), drawn(flat)
        assert changed(a, b).mean() > 0.0005, f"{solid} looks like a {flat}"   # its edges, not only its outline
    assert solid_points("square", 2.0) is None


def test_last_frame_is_the_final_picture(scenes):
    scene = scenes[("equation", "9:16")]
    frames = int(DURATION * FPS)
    vf = VisualFrames(scene, FPS, frames)
    _, out = frame_buffer(scene.theme.width, scene.theme.height)
    vf.render(frames - 1, out)
    assert _planes_diff(out, rgb_to_planes(scene.final())) <= 1


def test_a_missing_image_and_awkward_functions_still_draw(home):
    doc = {"layout": "split", "elements": [
        {"id": "I", "kind": "image", "items": [{"label": "nowhere.png"}]},
        {"id": "P", "kind": "plot", "items": [{"label": "tan(x)"}, {"label": "log(x)"}, {"label": "1/x"}]}]}
    theme = Theme.for_script("t", *frame_size("low", "1:1"))
    scene = VisualScene(Visual.model_validate(doc), theme, sentences_for(1, 3.0), 3.0, home=home)
    assert not scene.failed
    diff = changed(scene.final(), scene.background())
    for d in scene.drawers:
        assert region(diff, d.box).mean() > 0.004
    assert not diff[theme.caption_top:].any()


def test_an_image_element_shows_a_videos_first_frame(tmp_path):
    import imageio_ffmpeg

    writer = imageio_ffmpeg.write_frames(str(tmp_path / "clip.mp4"), (64, 48), fps=10)
    writer.send(None)
    for k in range(4):  # red first, then blue
        frame = np.zeros((48, 64, 3), np.uint8)
        frame[..., 0 if k == 0 else 2] = 220
        writer.send(frame.tobytes())
    writer.close()
    doc = {"elements": [{"id": "I", "kind": "image", "items": [{"label": "clip.mp4"}]}]}
    theme = Theme.for_script("t", *frame_size("low", "9:16"))
    scene = VisualScene(Visual.model_validate(doc), theme, sentences_for(1, 3.0), 3.0, home=tmp_path)
    drawer = scene.drawers[0]
    assert isinstance(drawer, ImageKind)
    x0, y0, x1, y1 = (int(v) for v in drawer.rect)
    centre = scene.final()[(y0 + y1) // 2, (x0 + x1) // 2].astype(int)
    assert centre[0] > 150 and centre[2] < 80, centre
    assert y1 < theme.caption_top


# ---- filling the frame -----------------------------------------------------------------------------

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seed-scripts"


@pytest.fixture(scope="module")
def seed_scenes() -> dict[str, list[tuple[str, VisualScene]]]:
    """Every seed scene's derived picture at 16:9 and 9:16 (low), three seconds a sentence."""
    import json

    from vidgen.author.derive import derive_visual
    from vidgen.script.model import parse_script
    from vidgen.script.sentences import sentence_count

    out: dict[str, list[tuple[str, VisualScene]]] = {"16:9": [], "9:16": []}
    for path in sorted(SEEDS.glob("*.json")):
        script = parse_script(json.loads(path.read_text()))
        scenes = script.ordered_scenes()
        for aspect, found in out.items():
            theme = Theme.for_script(script.title, *frame_size("low", aspect))
            for i, sc in enumerate(scenes):
                n = sentence_count(sc.text)
                scene = VisualScene(derive_visual(sc, i, len(scenes), script.title), theme,
                                    [(k * 3.0, 2.8) for k in range(n)], n * 3.0, index=i, total=len(scenes))
                found.append((f"{path.stem} {sc.seq}", scene))
    return out


def fill(scene: VisualScene) -> float:
    """The share of the room between the title and the caption band that the finished picture spans (the
    bounding box of every drawn pixel)."""
    th = scene.theme
    diff = changed(scene.final(), scene.background())
    room = diff[int(scene.layout.area[1]):int(th.safe_bottom), th.margin_x:th.width - th.margin_x]
    ys, xs = np.nonzero(room)
    return float((np.ptp(ys) + 1) * (np.ptp(xs) + 1) / room.size) if ys.size else 0.0


@pytest.mark.parametrize("aspect", ["16:9", "9:16"])
def test_seed_pictures_fill_the_room_under_their_title(seed_scenes, aspect):
    # measured: 0.34-0.98 per scene, 0.78-0.81 on average (the small layouts before measured 0.22-0.27 at
    # worst and 0.66 on average on 9:16: one bullet in a corner, matrices stacked small, tiny shapes)
    fills = {name: fill(scene) for name, scene in seed_scenes[aspect]}
    assert min(fills.values()) >= 0.3, sorted(fills.items(), key=lambda f: f[1])[:3]
    assert sum(fills.values()) / len(fills) >= 0.74, fills
    for name, scene in seed_scenes[aspect]:
        assert scene.visual.title, name
        assert not scene.failed, name


@pytest.mark.parametrize("aspect", ["16:9", "9:16"])
def test_a_lone_equation_is_set_large_and_a_derivation_starts_in_the_middle(aspect):
    theme = Theme.for_script("t", *frame_size("low", aspect))
    lone = {"title": "Solve it", "elements": [{"id": "E", "kind": "equation", "items": [{"label": "$X + 5 = 10$"}]}]}
    scene = VisualScene(Visual.model_validate(lone), theme, sentences_for(1, 3.0), 3.0)
    rows = np.flatnonzero(changed(scene.final(), scene.background())[int(scene.layout.area[1]):].any(axis=1))
    # ink from the top of X to the bottom of the digits: a tenth of the short side (it was a twentieth)
    assert np.ptp(rows) >= 0.1 * theme.short, np.ptp(rows)
    steps = [{"sentence": 0, "action": "show", "target": "E.0"}] + [
        {"sentence": k, "action": "show", "target": f"E.{k}"} for k in range(1, 4)]
    doc = {"title": "Solve it", "elements": [{"id": "E", "kind": "equation", "items": [
        {"label": "$3N + 1 = 10$"}, {"label": "$3N = 9$"}, {"label": r"$N = \frac{9}{3}$"}, {"label": "$N = 3$"}]}],
        "steps": steps}
    scene = VisualScene(Visual.model_validate(doc), theme, sentences_for(4, 8.0), 8.0)
    box = scene.drawers[0].box
    rows = np.flatnonzero(changed(scene.draw(1.5), scene.background())[:, int(box[0]):int(box[2])].any(axis=1))
    rows = rows[rows > box[1]]
    # the first line alone sits in the middle of its box, not at its top; the group settles by the end
    assert abs((rows.min() + rows.max()) / 2 - (box[1] + box[3]) / 2) < 0.12 * (box[3] - box[1])
    assert scene.drawers[0].drift(scene.duration) == 0


def test_the_first_element_waits_in_the_middle_until_the_rest_arrives():
    doc = {"layout": "split", "title": "Vectors", "elements": [
        {"id": "P", "kind": "plane", "items": [{"id": "a", "label": "$a$", "x": 2, "y": 1}]},
        {"id": "E", "kind": "equation", "items": [{"label": "$a = 2 + i$"}, {"label": r"$|a| = \sqrt{5}$"}]}],
        "steps": [{"sentence": 0, "action": "show", "target": "P.a"}, {"sentence": 2, "action": "show", "target": "E"}]}
    theme = Theme.for_script("t", *frame_size("low", "16:9"))
    scene = VisualScene(Visual.model_validate(doc), theme, sentences_for(3, 9.0), 9.0)
    bg = scene.background()

    def centre_x(t: float) -> float:
        cols = np.flatnonzero(changed(scene.draw(t), bg)[int(scene.layout.area[1]):].any(axis=0))
        return (cols.min() + cols.max()) / 2

    assert abs(centre_x(2.0) - theme.width / 2) < 0.05 * theme.width   # alone: in the middle
    plane = scene.drawers[0].box
    assert abs(scene.offset(0, 2.0)[0]) > (plane[2] - plane[0]) * 0.3
    # once the equations are there it is back in its place, on the left
    assert scene.offset(0, scene.duration) == (0.0, 0.0)
    cols = np.flatnonzero(changed(scene.final(), bg)[int(scene.layout.area[1]):, :int(plane[2])].any(axis=0))
    assert cols.size and cols.min() < plane[0] + (plane[2] - plane[0]) * 0.2


def test_rgb_to_planes_matches_the_float_reference():
    rng = np.random.default_rng(3)
    rgb = rng.integers(0, 256, (64, 96, 3), dtype=np.uint8)
    rgb[:8] = 0
    rgb[8:16] = 255
    f = rgb.astype(np.float64)
    kr, kb = 0.2126, 0.0722
    y = kr * f[..., 0] + (1 - kr - kb) * f[..., 1] + kb * f[..., 2]
    avg = (f[0::2, 0::2] + f[1::2, 0::2] + f[0::2, 1::2] + f[1::2, 1::2]) / 4
    y2 = kr * avg[..., 0] + (1 - kr - kb) * avg[..., 1] + kb * avg[..., 2]
    want_y = np.clip(16 + y * 219 / 255, 0, 255).round()
    want_u = np.clip(128 + (avg[..., 2] - y2) / (2 * (1 - kb)) * 224 / 255, 0, 255).round()
    want_v = np.clip(128 + (avg[..., 0] - y2) / (2 * (1 - kr)) * 224 / 255, 0, 255).round()
    got = rgb_to_planes(rgb)
    assert got.y.shape == (64, 96) and got.u.shape == (32, 48)
    assert np.abs(got.y - want_y).max() <= 1
    assert np.abs(got.u - want_u).max() <= 1 and np.abs(got.v - want_v).max() <= 1


def test_contact_sheet(scenes):
    """Every kind mid-build and final, 16:9 and 9:16, in one picture per aspect (for eyes, not asserts)."""
    from PIL import Image

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for aspect, columns in (("16:9", 4), ("9:16", 8)):
        tiles = []
        for name in EXAMPLES:
            scene = scenes[(name, aspect)]
            starts = sentences_for(EXAMPLES[name][1], DURATION)
            mid = scene.draw(starts[min(1, len(starts) - 1)][0] + 0.45)
            tiles += [mid, scene.final()]
        h, w = tiles[0].shape[:2]
        rows = (len(tiles) + columns - 1) // columns
        sheet = Image.new("RGB", (columns * (w + 6), rows * (h + 6)), (255, 255, 255))
        for k, tile in enumerate(tiles):
            sheet.paste(Image.fromarray(tile), ((k % columns) * (w + 6), (k // columns) * (h + 6)))
        path = ARTIFACTS / f"contact-{aspect.replace(':', 'x')}.png"
        sheet.save(path)
        assert path.stat().st_size > 50_000


def test_a_crowded_portrait_column_keeps_every_compared_point_and_every_plot_label_in_sight(home):
    """9:16 with a plane, a two-curve traced plot and a comparison (the pendulum seed's third scene): the
    comparison's cards fit their box (side by side when stacked cards would not), and the curves' names and
    the traced point's coordinates do not sit on one another."""
    from vidgen.draw.kinds.compare import CompareKind
    from vidgen.draw.kinds.plot import PlotKind

    doc = {"layout": "full", "title": "Amplitude and period", "elements": [
        {"id": "P", "kind": "plane", "items": [{"id": "bob", "label": "bob", "detail": "string, length L",
                                                "x": 0.0, "y": -3.0}], "x_range": [-3, 3], "y_range": [-3.5, 0.5]},
        {"id": "G", "kind": "plot", "items": [{"label": "sin(x)"}, {"label": "sin(2*x)"}], "x_range": [0, 12.6],
         "y_range": [-1.5, 1.5], "caption": "angle over time"},
        {"id": "C", "kind": "compare", "caption": "Depends on vs Does not depend on", "items": [
            {"label": "Length of the string", "detail": "left"}, {"label": "Acceleration due to gravity",
                                                                  "detail": "left"},
            {"label": "Mass of the bob", "detail": "right"}, {"label": "Amplitude of the swing", "detail": "right"}]}],
        "steps": [{"sentence": 0, "action": "trace", "target": "G.0"}]}
    W, H = frame_size("low", "9:16")
    scene = VisualScene(Visual.model_validate(doc), Theme.for_script("Pendulum", W, H), sentences_for(1, 3.0),
                        3.0, home=home)
    compare = next(d for d in scene.drawers if isinstance(d, CompareKind))
    box = compare.box
    for col in compare.cols:
        assert box[1] - 1 <= col[1] and col[3] <= box[3] + 1, (col, box)
    for k in range(4):
        r = compare.item_rect(k)
        assert r[3] <= box[3] + 1, (k, r, box)
    plot = next(d for d in scene.drawers if isinstance(d, PlotKind))
    labels = [(x, base - t.ascent, x + t.width, base - t.ascent + t.height)
              for t, x, base in (lab for lab in plot.curve_labels if lab is not None)]
    end = plot._point_label(float(plot.xs[-1]), float(plot.ys[0][-1]), plot.taken)[1]
    rects = [*labels, end]
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1]), (a, b)


def test_columns_of_working_side_by_side_start_on_one_line(home):
    """Two equation columns of different lengths (the algebra seed's second scene): their first lines share
    a top, where each centred alone would start at a different height."""
    doc = {"layout": "full", "title": "Basic addition and subtraction", "elements": [
        {"id": "A", "kind": "equation", "items": [{"label": "$X + 5 = 10$"},
                                                  {"label": "$X + 5 - 5 = 10 - 5$", "detail": "subtract 5"},
                                                  {"label": "$X = 5$"}]},
        {"id": "B", "kind": "equation", "items": [{"label": "$Y - 3 = 7$"}, {"label": "$Y = 10$", "detail": "add 3"}]}],
        "steps": [{"sentence": 0, "action": "show", "target": "A.0"},
                  {"sentence": 0, "action": "show", "target": "B.0"}]}
    W, H = frame_size("low", "16:9")
    scene = VisualScene(Visual.model_validate(doc), Theme.for_script("Algebra", W, H), sentences_for(1, 3.0),
                        3.0, home=home)
    a, b = scene.drawers
    assert a.box[1] == b.box[1] and a.box[0] != b.box[0]   # one row, two columns
    assert abs(a.slots[0][0] - b.slots[0][0]) < 1, (a.slots[0], b.slots[0])
    assert not a.drifting and not b.drifting


def test_a_row_of_shapes_leaves_a_list_under_it_room_for_its_sub_lines(home):
    """9:16, four shapes over four points with a sentence each (the geometry seed's '2D shapes'): the shapes
    ask for one row, not a square grid they would not get, so the points keep their sub-lines."""
    from vidgen.draw.kinds.bullets import BulletsKind

    doc = {"layout": "split", "title": "2D shapes", "elements": [
        {"id": "S", "kind": "shapes", "items": [{"label": s, "detail": s.title()}
                                                for s in ("triangle", "square", "rectangle", "circle")]},
        {"id": "L", "kind": "bullets", "items": [
            {"label": "Triangle", "detail": "Three straight sides and three corners"},
            {"label": "Square", "detail": "Four equal straight sides and four vertices"},
            {"label": "Rectangle", "detail": "Four straight sides and four vertices"},
            {"label": "Circle", "detail": "No straight sides and no vertices"}]}]}
    W, H = frame_size("low", "9:16")
    scene = VisualScene(Visual.model_validate(doc), Theme.for_script("Shapes", W, H), sentences_for(1, 3.0),
                        3.0, home=home)
    bullets = next(d for d in scene.drawers if isinstance(d, BulletsKind))
    assert all(bullets.details), bullets.details


def test_a_label_with_no_clear_place_stays_inside_its_bounds():
    """Every candidate spot sticks out of the plot (a traced point at its right edge, a flat plot): the label
    goes to the least bad one moved inside, never cut off by the element's edge."""
    from vidgen.draw.kinds.axes import place

    bounds = (0.0, 0.0, 100.0, 20.0)
    r = place((40.0, 12.0), [(95.0, -5.0), (98.0, 15.0)], bounds, [], [], [])
    assert bounds[0] <= r[0] and r[2] <= bounds[2] and bounds[1] <= r[1] and r[3] <= bounds[3], r
    assert (r[2] - r[0], r[3] - r[1]) == (40.0, 12.0)
    assert place((10.0, 5.0), [(50.0, 5.0)], bounds, [], [], []) == (50.0, 5.0, 60.0, 10.0)  # a clear spot as it is


class _Arcs:
    """A cairo context that refuses an arc of more than `most` radians before cairo draws it (an arc of a
    billion degrees would take cairo minutes and gigabytes), passing everything else on."""

    def __init__(self, cr, most: float):
        self._cr, self._most, self.spans = cr, most, []

    def _arc(self, name: str, *args: float) -> None:
        span = abs(args[4] - args[3])
        assert span <= self._most, f"an arc of {span / (2 * np.pi):.3g} turns"
        self.spans.append(span)
        getattr(self._cr, name)(*args)

    def arc(self, *args: float) -> None:
        self._arc("arc", *args)

    def arc_negative(self, *args: float) -> None:
        self._arc("arc_negative", *args)

    def __getattr__(self, name: str):
        return getattr(self._cr, name)


def test_a_huge_rotation_or_angle_draws_a_few_turns_of_arc(home):
    """The spec bounds a rotation (tested in test_visual_input); a picture stored before that bound, or an
    angle shape whose name says 99999999999999999999°, still draws at most two turns of arc."""
    import cairocffi as cairo

    from vidgen.draw.paint import drawn_angle

    doc = {"layout": "split", "elements": [
        {"id": "P", "kind": "plane", "items": [{"id": "v", "label": "$v$", "x": 2, "y": 1}]},
        {"id": "S", "kind": "shapes", "items": [{"label": "angle", "detail": "99999999999999999999°"}]}],
        "steps": [{"sentence": 0, "action": "rotate", "target": "P.v", "value": 3600}]}
    visual = Visual.model_validate(doc)
    visual.steps[0].value = 1e9   # as a script saved before rotations were bounded
    theme = Theme.for_script("t", *frame_size("low", "16:9"))
    scene = VisualScene(visual, theme, sentences_for(1, 3.0), 3.0, home=home)
    assert not scene.failed
    rotate = scene.sched.events[0]
    for t in (rotate.t0 + (rotate.t1 - rotate.t0) * 0.37, scene.duration):
        surface = cairo.ImageSurface(cairo.FORMAT_RGB24, theme.width, theme.height)
        cr = _Arcs(cairo.Context(surface), 4 * np.pi + 1e-6)
        scene.paint(cr, t)
        assert max(cr.spans) > 2 * np.pi   # the turn and the angle are drawn, as a full turn and the rest
    # an arc within two turns is drawn as it is; beyond, one full turn and what is left over
    assert drawn_angle(1.5 * np.pi) == 1.5 * np.pi and drawn_angle(-3.5 * np.pi) == -3.5 * np.pi
    assert drawn_angle(np.radians(1e9)) == pytest.approx(2 * np.pi + np.radians(1e9 % 360))
