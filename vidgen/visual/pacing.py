"""Pacing rules for visuals the writers make: something on screen from the first sentence.

A picture whose first step waits for sentence 3 leaves the viewer looking at a title for ten
seconds while the narrator talks. The writers bind items to the sentence that names them; when
that leaves the opening empty, the first thing shown is brought forward to sentence 0. Explicit
visuals (a user's or a model's) keep their own timing: these rules are for derived pictures.
"""

from __future__ import annotations

from typing import Any

# kinds that draw something (axes, a grid, brackets, a panel, cards) before any of their items appear
FRAMED = frozenset({"plane", "plot", "bars", "timeline", "compare", "matrix", "code"})


def _targets(element: dict[str, Any], k: int) -> set[str]:
    eid = element["id"]
    item = element.get("items", [])[k]
    out = {f"{eid}.{k}"}
    if item.get("id"):
        out.add(f"{eid}.{item['id']}")
    return out


def visible_at_start(elements: list[dict[str, Any]], steps: list[dict[str, Any]]) -> bool:
    """Whether anything of the picture (besides its title) is there at t = 0 or shown on sentence 0."""
    shown = {st["target"] for st in steps if st.get("action") == "show"}
    if any(st.get("action") == "show" and st.get("sentence", 0) == 0 for st in steps):
        return True
    for e in elements:
        if e["id"] in shown:
            continue
        if e["kind"] in FRAMED or not e.get("items"):
            return True
        if any(not (_targets(e, k) & shown) for k in range(len(e["items"]))):
            return True
    return False


# narration before the first picture that is short enough to leave alone (~4 s of speech: "Now the process
# itself." can introduce the first step without the step being there already)
SHORT_OPENING = 70


def open_early(elements: list[dict[str, Any]], steps: list[dict[str, Any]], sentences: list[str] | None = None) -> bool:
    """Bring the first `show` forward to sentence 0 when nothing would be on screen before it (unless the
    narration before it is only a few words, when `sentences` are given).

    Steps are changed in place (the earliest show, first in order on its sentence); returns whether
    anything moved.
    """
    if not steps or visible_at_start(elements, steps):
        return False
    shows = [st for st in steps if st.get("action") == "show"]
    if not shows:
        return False
    first = min(shows, key=lambda st: st.get("sentence", 0))
    if sentences is not None and sum(len(s) + 1 for s in sentences[:first.get("sentence", 0)]) < SHORT_OPENING:
        return False
    first["sentence"] = 0
    steps.sort(key=lambda st: st.get("sentence", 0))
    return True
