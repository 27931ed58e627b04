"""Where everything of a scene's picture lands in the frame, from the real layout and the real drawing code:
each element's box and the ink of every text a viewer sees at a moment. The frame is painted onto a cairo
recording surface with glyphs measured instead of rasterised, so this costs a fraction of drawing it."""

from __future__ import annotations

from dataclasses import dataclass

from vidgen.draw import glyphs
from vidgen.draw.paint import Rect
from vidgen.draw.scene import VisualScene


@dataclass(frozen=True)
class TextBox:
    element: int | None     # index of the element it belongs to; None: the picture's title
    label: str
    size: float             # type size in pixels
    ink: Rect
    clip: Rect              # the box it was drawn in: ink outside it is cut off


@dataclass(frozen=True)
class ElementBox:
    index: int
    id: str
    kind: str
    box: Rect               # the room the layout gave it
    content: Rect           # what it really uses
    failed: bool            # could not be drawn (shown as nothing)


@dataclass(frozen=True)
class SceneBoxes:
    width: int
    height: int
    caption_top: int        # where the caption band starts
    elements: list[ElementBox]
    texts: list[TextBox]


def _within(a: Rect, b: Rect, tolerance: float = 1.5) -> bool:
    return a[0] >= b[0] - tolerance and a[1] >= b[1] - tolerance and a[2] <= b[2] + tolerance \
        and a[3] <= b[3] + tolerance


def moments(scene: VisualScene) -> list[float]:
    """When to look: the settled picture, and just before anything is hidden again (what it hid was seen)."""
    final = max(scene.duration, scene.settled)
    hides = sorted({round(e.t0 - 0.05, 2) for e in scene.sched.events if e.action == "hide" and e.t0 > 0.1})
    return hides + [final]


def boxes_at(scene: VisualScene, t: float) -> SceneBoxes:
    """Every element's box and every text painted at time t, in frame pixels."""
    import cairocffi as cairo

    th = scene.theme
    surface = cairo.RecordingSurface(cairo.CONTENT_COLOR, (0, 0, th.width, th.height))
    cr = cairo.Context(surface)
    with glyphs.recording() as painted:
        scene.paint(cr, t)
    failed = set(scene.failed)
    elements = [ElementBox(i, d.el.id, d.el.kind, d.box, d.content, d.el.id in failed)
                for i, d in enumerate(scene.drawers)]
    texts = []
    for p in painted:
        # a drawer clips to its box (or to less), so the clip says whose text it is; the title is unclipped
        owner = next((e.index for e in elements if _within(p.clip, e.box)), None)
        texts.append(TextBox(owner, p.label, p.size, p.ink, p.clip))
    return SceneBoxes(th.width, th.height, th.caption_top, elements, texts)
