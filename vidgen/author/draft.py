"""The working state of a derived picture: what a recipe reads (`Ctx`) and what it writes (`Draft`).

A leaf of `derive`, so the recipe modules (`derive_math`, `derive_words`) and the orchestration in
`derive` all share it without importing one another in a circle.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from vidgen.author import phrases as ph
from vidgen.script.sentences import NUMBERED_PART, instruction
from vidgen.visual.spec import MAX_ITEMS

# letters the video's fonts lack (CJK and beyond show as boxes: '津波'): never set on screen
GLYPHLESS = re.compile("[\u2e80-\U0010ffff]")

def _shape(line: str) -> frozenset[str]:
    """The marks that make lines of a list look alike: a colon, an equals sign, an arrow, an approximate value, a
    leading number, a percentage."""
    s = line.strip()
    marks = {":": ":" in s, "=": "=" in s, "→": any(a in s for a in "↔→←⇄"), "≈": "≈" in s or "~" in s,
             "#": bool(re.match(r"[≈~#]?\s*\d", s)), "%": "%" in s}
    return frozenset(k for k, v in marks.items() if v)


@dataclass
class Ctx:
    """What a recipe reads: the scene's sentences and descriptions, and where it sits in the script."""

    sentences: list[str]
    anim: str
    on_screen: list[str]
    title: str
    index: int
    total: int
    media: str | None = None

    @property
    def headed(self) -> bool:
        """The first on-screen line is a headline, not the first of a list: it is not shaped like the line after
        it ('1 egg yolk' before '1 tsp mustard', 'Red ↔ Green' before 'Blue ↔ Orange', 'Mean = 5' before ...)."""
        lines = self.on_screen
        if len(lines) <= 1:
            return bool(lines)
        if _shape(lines[0]) and _shape(lines[0]) == _shape(lines[1]):
            return False
        if instruction(lines[0]) and instruction(lines[1]):
            return False   # tips ('Pay on time' before 'Keep old accounts open'): the first is one of them
        # a headline names what the lines under it are; it is not longer than they are. 'Erosion on the outside
        # of the bend' over 'Deposition on the inside' is the first of a list, and heading it would say the
        # rest are kinds of erosion. When unsure, a list: a headline taken for a point misleads nobody.
        first, named = len(lines[0].split()), ph.content_words(lines[0])
        # ('Evidence fades', 'Certainty for everyone', 'Encourages prompt action' under 'There are three main
        # reasons'): as many lines as the voice counts are that many points
        if _counted(" ".join(self.sentences)) == len(lines):
            return False
        # (over two or more lines, clearly shorter: 'Slows water' over 'Stops soil erosion' is one of three)
        gap = 1 if len(lines) > 2 and first > 1 else 0
        shorter = first <= 4 and all(first + gap < len(x.split()) for x in lines[1:])
        # or the lines after it are alike and it is not ('What you need' over '2 kg bones', '3 L cold water')
        alike = len(lines) > 2 and bool(_shape(lines[1])) and _shape(lines[1]) == _shape(lines[2]) != _shape(lines[0])
        return (lines[0].rstrip().endswith((":", "?")) or shorter or alike
                # or it names what a point goes on to say ('Worker bees change jobs' over '... as they grow older')
                or (len(named) >= 2 and any(named <= ph.content_words(x) for x in lines[1:])))

    @property
    def listed(self) -> list[str]:
        """The on-screen lines that are points (all of them when the first is not a headline)."""
        return self.on_screen[1:] if self.headed else self.on_screen

    @property
    def sections(self) -> list[int]:
        """The sentences that open a numbered part of a countdown or a list ('Fact three: ...', 'Number two:
        added sugars', 'Tip 4 -'), when the scene has two or more: a headline naming one would sit over the
        other's points."""
        found = [i for i, s in enumerate(self.sentences)
                 if (m := NUMBERED_PART.match(s.strip())) and re.match(r"\s*[:.,—–-]", s.strip()[m.end():])]
        return found if len(found) >= 2 else []

    @property
    def narration(self) -> str:
        return " ".join(self.sentences)

    @property
    def everything(self) -> str:
        return " ".join([self.narration, self.anim, *self.on_screen])

    def has(self, pattern: str, where: str = "") -> bool:
        return bool(re.search(pattern, where or self.everything, re.I))

    def first(self, *patterns: str, default: int = 0, after: int = 0) -> int:
        """The first sentence (from `after`) matching the first pattern that matches any; else `default`."""
        for pattern in patterns:
            for i, s in enumerate(self.sentences):
                if i >= after and re.search(pattern, s, re.I):
                    return i
        return default

    def naming(self, phrase: str, default: int = 0) -> int:
        """The first sentence that names most of a phrase's words (for labels taken from `anim`)."""
        best, score = default, 0.0
        for i, s in enumerate(self.sentences):
            o = ph.overlap(phrase, s)
            if o > score + 1e-9:
                best, score = i, o
            if o >= 0.99:
                break
        return best if score >= 0.3 else default

    @property
    def last(self) -> int:
        return len(self.sentences) - 1


@dataclass
class Draft:
    """A visual being built: elements and steps as plain dicts (validated once, at the end)."""

    elements: list[dict[str, Any]] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)
    title: str | None = None       # a recipe's name for what it draws ("Magnitudes multiply")
    hint: str | None = None        # a weaker one, used when the narration announces nothing better
    complete: bool = False         # the recipe's picture needs no key phrases beside it
    layout: str | None = None

    def add(self, kind: str, items: list[dict[str, Any]], eid: str, caption: str | None = None,
            **extra: Any) -> str:
        ids = {e["id"] for e in self.elements}
        base, n = eid, 2
        while eid in ids:
            eid, n = f"{base}{n}", n + 1
        for item in items:   # (an unknown left as None is no value: 'detail': None reads as no sub-line, as in extras)
            for key in [k for k, v in item.items() if v is None]:
                del item[key]
        el: dict[str, Any] = {"id": eid, "kind": kind, "items": items[:MAX_ITEMS]}
        if caption:
            el["caption"] = caption[:120]
        el.update({k: v for k, v in extra.items() if v is not None})
        self.elements.append(el)
        return eid

    def step(self, sentence: int, action: str, target: str, **extra: Any) -> None:
        self.steps.append({"sentence": sentence, "action": action, "target": target,
                           **{k: v for k, v in extra.items() if v is not None}})

    def drop_item(self, el: dict[str, Any], j: int) -> None:
        """Item j of an element goes, with its steps; the steps of the items after it follow them down."""
        # (the evidence goes with it only when it is one quote per item: else which quote was its own is not known)
        if len(el.get("evidence") or []) == len(el["items"]):
            el["evidence"].pop(j)
        el["items"].pop(j)
        kept = []
        for st in self.steps:
            eid, _, item = str(st["target"]).partition(".")
            if eid == el["id"] and item.isdigit():
                k = int(item)
                if k == j:
                    continue
                if k > j:
                    st = {**st, "target": f"{eid}.{k - 1}"}
            kept.append(st)
        self.steps = kept

    def drop(self, el: dict[str, Any]) -> None:
        """An element goes, with its steps."""
        self.elements.remove(el)
        self.steps = [st for st in self.steps if str(st["target"]).partition(".")[0] != el["id"]]

    def show_items(self, eid: str, sentences: list[int]) -> None:
        """Show each item at its sentence; items all said in the first sentence appear with the element."""
        for k, s in enumerate(sentences):
            self.step(s, "show", f"{eid}.{k}")


Recipe = Callable[[Ctx, Draft], bool]


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}


def _counted(narration: str) -> int:
    """How many things the voice says it is listing ('three main reasons', 'two kinds of'), 0 when it does not."""
    m = re.search(r"\b(two|three|four|five|six|[2-6])\s+(?:[a-z-]+\s+)?(?:reasons|things|ways|kinds|types|rules|steps|"
                  r"parts|benefits|facts|tips|signs|stages|ideas|causes|effects|advantages|problems|questions|"
                  r"ingredients|features|principles|factors|jobs|uses)\b", narration, re.I)
    return _COUNTS[m[1].lower()] if m else 0

