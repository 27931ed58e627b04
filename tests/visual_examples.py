"""One small visual per kind (and a few seed-like scenes): what the tests, the benchmark and the
contact sheet draw. Each is (name, visual JSON, sentence count). A kind without a hand-made scene
here (a new one, a plugin's) is drawn from its own `example`, so every kind in the registry is
drawn and checked without touching this file."""

from __future__ import annotations

from typing import Any

from vidgen.visual.kinds import KINDS, Kind


def _s(sentence: int, action: str, target: str, **more: float) -> dict[str, Any]:
    return {"sentence": sentence, "action": action, "target": target, **more}


EXAMPLES: dict[str, tuple[dict[str, Any], int]] = {
    "text": ({"title": "The key idea", "elements": [{"id": "T", "kind": "text", "items": [
        {"label": "Multiply the *lengths*, add the *angles*"},
        {"label": "and every rotation is one multiplication", "detail": "that is why engineers love them"}]}],
        "steps": [_s(0, "show", "T.0"), _s(1, "show", "T.1"),
                  _s(2, "highlight", "T.0")]}, 3),
    "bullets": ({"title": "Why it works", "elements": [{"id": "B", "kind": "bullets", "items": [
        {"label": "Light slows down in water", "detail": "about 25% slower than in air"},
        {"label": "Each colour bends by a different amount"},
        {"label": "The drop reflects the light back towards you"},
        {"label": "You see a circle of colours at 42°"}]}],
        "steps": [_s(0, "show", "B.0"), _s(1, "show", "B.1"),
                  _s(1, "show", "B.2"), _s(2, "show", "B.3"),
                  _s(2, "highlight", "B.3")]}, 3),
    "flow": ({"title": "How a request flows", "elements": [{"id": "F", "kind": "flow", "items": [
        {"id": "in", "label": "Input", "detail": "user text"},
        {"id": "tok", "label": "Tokenize", "detail": "split to tokens"},
        {"id": "m", "label": "Model", "detail": "predict next"},
        {"id": "out", "label": "Output", "detail": "stream reply"}]}],
        "steps": [_s(0, "show", "F.in"), _s(0, "show", "F.tok"),
                  _s(1, "show", "F.m"), _s(1, "show", "F.out"),
                  _s(2, "highlight", "F.m")]}, 3),
    "equation": ({"title": "Solving a quadratic", "elements": [{"id": "E", "kind": "equation", "items": [
        {"label": "$ax^2 + bx + c = 0$"}, {"label": r"$x^2 + \frac{b}{a}x = -\frac{c}{a}$"},
        {"label": r"$\left(x + \frac{b}{2a}\right)^2 = \frac{b^2 - 4ac}{4a^2}$"},
        {"label": r"$x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}$", "detail": "the quadratic formula"}]}],
        "steps": [_s(0, "show", "E.0"),
                  _s(1, "transform", "E.0", value=1),
                  _s(1, "transform", "E.1", value=1),
                  _s(2, "transform", "E.2", value=1),
                  _s(2, "highlight", "E.3")]}, 3),
    "plot": ({"title": "Plotting a function", "elements": [{"id": "P", "kind": "plot", "x_range": [-4, 4],
              "items": [{"id": "s", "label": "sin(x)"}]}],
              "steps": [_s(0, "show", "P"),
                        _s(1, "show", "P.s"),
                        _s(2, "trace", "P.s")]}, 3),
    "plane": ({"layout": "split", "title": "Magnitudes multiply", "elements": [
        {"id": "P", "kind": "plane", "x_range": [-1, 4], "y_range": [-1, 6.5], "items": [
            {"id": "z1", "label": "$z_1$", "x": 1.88, "y": 0.68, "detail": "|z1| = 2"},
            {"id": "z2", "label": "$z_2$", "x": 1.93, "y": 2.30, "detail": "|z2| = 3"},
            {"id": "p", "label": "$z_1 z_2$", "x": 2.05, "y": 5.64, "detail": "|z1 z2| = 6"}]},
        {"id": "E", "kind": "equation", "items": [{"label": "$|z_1| = 2$"}, {"label": "$|z_2| = 3$"},
                                                 {"label": r"$|z_1 z_2| = |z_1|\,|z_2| = 6$",
                                                  "detail": "lengths multiply"}]}],
        "steps": [_s(0, "show", "P.z1"), _s(0, "show", "P.z2"),
                  _s(0, "show", "E.0"), _s(0, "show", "E.1"),
                  _s(1, "show", "P.p"), _s(2, "show", "E.2"),
                  _s(2, "highlight", "E.2")]}, 3),
    "rotation": ({"title": "Multiplying by i rotates", "elements": [
        {"id": "P", "kind": "plane", "items": [
            {"id": "z1", "label": "$z_1$", "x": 2, "y": 1}, {"id": "z2", "label": "$z_2$", "x": -0.7, "y": -1.1},
            {"id": "w", "label": r"$i\,z_1$", "x": 2, "y": 1}]},
        {"id": "E", "kind": "equation", "items": [{"label": r"$|z_1 z_2| = |z_1|\,|z_2|$"},
                                                 {"label": r"$\arg(z_1 z_2) = \arg z_1 + \arg z_2$"}]}],
        "steps": [_s(0, "show", "P.z1"), _s(0, "show", "P.z2"),
                  _s(1, "show", "P.w"),
                  _s(1, "rotate", "P.w", value=90),
                  _s(2, "show", "E")]}, 3),
    "shapes": ({"title": "Basic shapes", "elements": [{"id": "S", "kind": "shapes", "items": [
        {"label": "circle", "x": 0, "y": 0, "value": 2}, {"label": "square", "x": 2.6, "y": 0, "value": 1.8},
        {"label": "triangle", "x": 5.2, "y": 0, "value": 2.1}, {"label": "angle", "x": 7.6, "y": 0, "value": 1.8,
                                                                 "detail": "45°"}]}],
        "steps": [_s(0, "show", "S.0"), _s(0, "show", "S.1"),
                  _s(1, "show", "S.2"), _s(2, "show", "S.3"),
                  _s(2, "highlight", "S.0")]}, 3),
    "bars": ({"title": "Energy per kilogram", "elements": [{"id": "B", "kind": "bars", "caption": "MJ per kg",
                                                            "items": [
        {"label": "Wood", "value": 16}, {"label": "Coal", "value": 24}, {"label": "Petrol", "value": 46},
        {"label": "Hydrogen", "value": 142}]}],
        "steps": [_s(0, "show", "B"), _s(1, "highlight", "B.3")]},
        2),
    "timeline": ({"title": "A short history of flight", "elements": [{"id": "T", "kind": "timeline", "items": [
        {"label": "Montgolfier balloon", "x": 1783}, {"label": "Wright Flyer", "x": 1903},
        {"label": "First jet airliner", "x": 1949}, {"label": "Moon landing", "x": 1969}]}],
        "steps": [_s(0, "show", "T"), _s(1, "highlight", "T.1"),
                  _s(2, "highlight", "T.3")]}, 3),
    "compare": ({"title": "Two ways to store energy", "elements": [{"id": "C", "kind": "compare",
                 "caption": "Battery vs Hydrogen", "items": [
        {"label": "90% round-trip efficiency", "detail": "left"}, {"label": "Heavy for long range", "detail": "left"},
        {"label": "Charges in hours", "detail": "left"}, {"label": "About 35% round trip", "detail": "right"},
        {"label": "Light, refuels in minutes", "detail": "right"},
        {"label": "Needs new infrastructure", "detail": "right"}]}],
        "steps": [_s(0, "show", "C.0"), _s(0, "show", "C.3"),
                  _s(1, "show", "C.1"), _s(1, "show", "C.4"),
                  _s(2, "show", "C.2"), _s(2, "show", "C.5")]}, 3),
    "matrix": ({"title": "Row times column", "elements": [
        {"id": "A", "kind": "matrix", "caption": "A", "items": [{"label": "1 2"}, {"label": "3 4"}]},
        {"id": "B", "kind": "matrix", "caption": "B", "items": [{"label": "5 6"}, {"label": "7 8"}]},
        {"id": "C", "kind": "matrix", "caption": "AB", "items": [{"label": "19 22"}, {"label": "43 50"}]}],
        "steps": [_s(0, "highlight", "A.row0"),
                  _s(0, "highlight", "B.col0"),
                  _s(1, "show", "C"),
                  _s(2, "highlight", "C.row0")]}, 3),
    "code": ({"title": "A loop in Python", "elements": [{"id": "K", "kind": "code", "items": [
        {"label": "def total(prices):"}, {"label": "    s = 0  # running sum"}, {"label": "    for p in prices:"},
        {"label": "        s += p"}, {"label": "    return s"}]}],
        "steps": [_s(0, "show", "K"), _s(1, "highlight", "K.2"),
                  _s(2, "highlight", "K.4")]}, 3),
    "image": ({"title": "The picture", "elements": [{"id": "I", "kind": "image", "caption": "a test card",
               "items": [{"label": "card.png"}]}],
               "steps": [_s(0, "show", "I")]}, 2),
}



def from_example(kind: type[Kind]) -> tuple[dict[str, Any], int]:
    """A scene of the kind's own example element, its items shown one sentence after another and the
    first highlighted at the end."""
    element = kind.example
    eid, count = element["id"], max(2, len(element.get("items", [])))
    steps = [_s(k, "show", f"{eid}.{k}") for k in range(len(element.get("items", [])))]
    steps.append(_s(count - 1, "highlight", f"{eid}.0"))
    return {"title": (kind.noun or kind.name).capitalize(), "elements": [element], "steps": steps}, count


KIND_NAMES = KINDS.names()
for _kind in KINDS.all():
    if _kind.name not in EXAMPLES:
        EXAMPLES[_kind.name] = from_example(_kind)


def sentences_for(count: int, duration: float = 8.0) -> list[tuple[float, float]]:
    """`count` equal sentences over `duration` seconds, a short lead-in first (as the voice has)."""
    lead = 0.3
    each = (duration - lead - 0.4) / count
    return [(lead + k * each, each) for k in range(count)]


def make_test_card(path: Any, size: tuple[int, int] = (640, 400)) -> None:
    """A colourful picture for the image example (drawn, not shipped)."""
    import numpy as np
    from PIL import Image

    w, h = size
    yy, xx = np.mgrid[0:h, 0:w]
    rgb = np.stack([(xx * 255 // w), (yy * 255 // h), ((xx + yy) * 127 // (w + h) + 64)], -1).astype(np.uint8)
    rgb[h // 3:2 * h // 3, w // 3:2 * w // 3] = (250, 250, 250)
    Image.fromarray(rgb).save(path)


def derived(text: str, anim: str = "", on_screen: list[str] | None = None) -> dict[str, Any]:
    """The picture the derivation makes of a middle scene (2 of 3) with these words, as stored."""
    from vidgen.author.derive import derive_visual
    from vidgen.script.model import Scene

    scene = Scene(seq=2, text=text, anim=anim, on_screen=on_screen, layout="title_and_main_content")
    return derive_visual(scene, 1, 3, "A video").model_dump(exclude_none=True)


def labels_of(visual: dict[str, Any]) -> list[str]:
    """Every item's label of a stored picture, element by element."""
    return [str(i.get("label", "")) for e in visual["elements"] for i in e["items"]]

