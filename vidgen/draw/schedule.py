"""When each step happens, and how far along every animation is at time t.

A step starts when its sentence starts; several steps on one sentence are spread over the
first 70 % of it. Every animation ends before the scene's last frame, so the last frame is
the settled picture. Everything here is a pure function of t: frames can be drawn in any order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from vidgen.visual.kinds import kind
from vidgen.visual.spec import Visual

SPREAD = 0.7          # share of a sentence over which its steps are spread
END_GAP = 0.05        # every animation is over this long before the scene ends (> one frame at 24 fps)
STAGGER = 0.14        # seconds between the items of an element shown as a whole

# seconds an action takes; `show` is the kind's own (a curve takes longer to draw than a word to fade)
DURATION = {"show": 0.6, "highlight": 0.9, "trace": 1.8, "rotate": 1.2, "move": 0.9, "transform": 0.9, "hide": 0.45}


def ease(p: float) -> float:
    """Smooth start and stop (cubic in-out); 0 before, 1 after."""
    if p <= 0:
        return 0.0
    if p >= 1:
        return 1.0
    return 4 * p * p * p if p < 0.5 else 1 - (-2 * p + 2) ** 3 / 2


def ease_out(p: float) -> float:
    p = min(1.0, max(0.0, p))
    return 1 - (1 - p) ** 3


@dataclass(frozen=True)
class Event:
    action: str
    t0: float
    t1: float
    element: int
    item: int | None = None
    part: tuple[str, int] | None = None
    value: float | None = None
    x: float | None = None
    y: float | None = None

    def raw(self, t: float) -> float:
        return min(1.0, max(0.0, (t - self.t0) / max(1e-6, self.t1 - self.t0)))

    def progress(self, t: float) -> float:
        return ease(self.raw(t))


@dataclass(frozen=True)
class Light:
    """A highlight's state: `colour` goes 0 -> 1 and stays; `glow` rises and falls."""

    colour: float
    glow: float


NO_LIGHT = Light(0.0, 0.0)


class Schedule:
    def __init__(self, visual: Visual, sentences: list[tuple[float, float]], duration: float,
                 opening: bool = False):
        self.visual, self.duration = visual, max(0.1, duration)
        self.kinds = [kind(e.kind) for e in visual.elements]
        sentences = [(max(0.0, s), max(0.05, d)) for s, d in sentences] or [(0.0, self.duration)]
        self.events: list[Event] = []
        by_sentence: dict[int, list[int]] = {}
        for k, step in enumerate(visual.steps):
            by_sentence.setdefault(min(step.sentence, len(sentences) - 1), []).append(k)
        for s, ks in by_sentence.items():
            start, length = sentences[s]
            for j, k in enumerate(ks):
                step = visual.steps[k]
                try:
                    target = visual.resolve(step.target)
                except ValueError:  # validated upstream; a render never fails on a bad step
                    continue
                own = self.kinds[target.element]
                t0 = start + SPREAD * length * j / len(ks)
                dur = own.show_seconds if step.action == "show" else DURATION[step.action]
                if step.action == "trace":
                    dur = min(2.4, max(DURATION["trace"], 0.8 * length))
                if step.action == "show" and target.item is None and own.staggered:
                    dur += STAGGER * max(0, len(visual.elements[target.element].items) - 1)
                t0 = min(t0, self.duration - END_GAP - 0.15)
                t1 = min(t0 + dur, self.duration - END_GAP)
                t0 = max(0.0, min(t0, t1 - 0.1))
                self.events.append(Event(step.action, t0, t1, target.element, target.item, target.part,
                                         step.value, step.x, step.y))
        self.events.sort(key=lambda e: e.t0)
        if opening:
            self._open(sentences[0][0] + sentences[0][1])
        self._shows: dict[tuple[int, int | None], Event] = {}
        for e in self.events:
            if e.action == "show" and e.part is None:
                self._shows.setdefault((e.element, e.item), e)

    def _open(self, first_sentence_end: float) -> None:
        """The video's opening scene starts with its picture on screen, not an empty frame (players show
        frame 0 as the poster): what the first sentence shows is there from t=0, else the first thing shown."""
        shows = [k for k, e in enumerate(self.events) if e.action == "show"]
        early = [k for k in shows if self.events[k].t0 < first_sentence_end] or shows[:1]
        for k in early:
            e = self.events[k]
            self.events[k] = Event(e.action, -1.0, 0.0, e.element, e.item, e.part, e.value, e.x, e.y)  # done at 0
        self.events.sort(key=lambda e: e.t0)

    # -- queries ----------------------------------------------------------------------------
    def of(self, element: int, item: int | None = None, action: str | None = None) -> list[Event]:
        """Events on exactly this element/item (item None = the element as a whole)."""
        return [e for e in self.events if e.element == element and e.item == item and e.part is None
                and (action is None or e.action == action)]

    def parts(self, element: int) -> list[Event]:
        return [e for e in self.events if e.element == element and e.part is not None]

    def has_own_show(self, element: int, item: int) -> bool:
        return (element, item) in self._shows

    def show_window(self, element: int, item: int | None = None) -> tuple[float, float] | None:
        """When the element (item None) or item appears; None = there from the scene's start."""
        whole = self._shows.get((element, None))
        if item is None:
            return (whole.t0, whole.t1) if whole else None
        own = self._shows.get((element, item))
        length = self.kinds[element].show_seconds
        if whole is not None:
            w0 = whole.t0 + STAGGER * item if self.kinds[element].staggered else whole.t0
            w0 = min(w0, max(whole.t0, whole.t1 - 0.1))
            window = (w0, min(whole.t1, w0 + length))
            if own is None or own.t0 <= window[0]:
                return window
        return (own.t0, own.t1) if own else None

    def shown(self, element: int, item: int | None = None, t: float = 0.0) -> float:
        """0 -> 1 over the show animation (linear; drawers apply their own easing), minus hiding."""
        window = self.show_window(element, item)
        p = 1.0 if window is None else min(1.0, max(0.0, (t - window[0]) / max(1e-6, window[1] - window[0])))
        return p * (1.0 - self.hidden(element, item, t))

    def hidden(self, element: int, item: int | None, t: float) -> float:
        h = 0.0
        for e in self.events:
            if e.action == "hide" and e.element == element and e.part is None and (e.item is None or e.item == item):
                h = max(h, e.progress(t))
        return h

    def light(self, element: int, item: int | None, t: float, part: tuple[str, int] | None = None) -> Light:
        """Highlight state of an item (or a matrix row/column part); an element's highlight lights all."""
        colour = glow = 0.0
        for e in self.events:
            if e.action != "highlight" or e.element != element or t < e.t0:
                continue
            if part is not None:
                hit = e.part == part or (part[0] == "row" and e.part is None and e.item == part[1])
            else:
                hit = e.part is None and (e.item is None or e.item == item)
            if hit:
                p = e.raw(t)
                colour = max(colour, ease(min(1.0, p * 2.5)))
                glow = max(glow, math.sin(math.pi * p) if p < 1 else 0.0)
        return Light(colour, glow) if colour or glow else NO_LIGHT

    def settled(self) -> float:
        """When the last animation is over."""
        return max((e.t1 for e in self.events), default=0.0)
