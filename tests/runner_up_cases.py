"""Corpus scenes for the runner-up tests, found by what their derivation offers rather than named: the
derivation's rules are still being tuned, and a test should hold for whichever scene has the shape it needs."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).parent / "corpus" / "scripts"


@dataclass
class Case:
    name: str          # the corpus script's file stem
    script: dict       # as stored
    seq: int
    scene: Any
    index: int
    total: int
    title: str
    choice: dict       # vidgen.author.why.choice, each runner-up marked with `draws`


@cache  # the corpus is read once per predicate
def find(want: Callable[[dict], bool]) -> Case:
    from vidgen.author import why
    from vidgen.script.model import parse_script

    for path in sorted(CORPUS.glob("*.json")):
        raw = json.loads(path.read_text())
        script = parse_script(raw)
        scenes = script.ordered_scenes()
        for i, scene in enumerate(scenes):
            if scene.visual is not None or scene.media:
                continue
            made = why.choice(scene, i, len(scenes), script.title)
            why.mark_drawable(scene, i, len(scenes), script.title, made["runners_up"])
            if want(made):
                return Case(path.stem, raw, scene.seq, scene, i, len(scenes), script.title, made)
    raise AssertionError("no corpus scene has the shape this test needs")


def other_kind(made: dict) -> dict | None:
    """A runner-up that draws the scene as another kind than the chosen one (so its picture differs)."""
    chosen = made["chosen"]
    return next((c for c in made["runners_up"] if c["draws"] and chosen and c["kind"] != chosen["kind"]), None)


def chosen_with_another_kind(made: dict) -> bool:
    return other_kind(made) is not None


def cannot_draw(made: dict) -> bool:
    return any(not c["draws"] for c in made["runners_up"])


def key_points_with_a_weak_runner_up(made: dict) -> bool:
    from vidgen.author.choose import ENOUGH

    return made["chosen"] is None and any(c["draws"] and c["score"] < ENOUGH for c in made["runners_up"])
