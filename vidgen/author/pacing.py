"""Pacing rules for visuals the writers make: something on screen from the first sentence.

A picture whose first step waits for sentence 3 leaves the viewer looking at a title for ten
seconds while the narrator talks. The writers bind items to the sentence that names them; when
that leaves the opening empty, the first thing shown is brought forward to sentence 0. Explicit
visuals (a user's or a model's) keep their own timing: these rules are for derived pictures.
"""

from __future__ import annotations

from typing import Any

from vidgen.visual.kinds import KINDS


def _framed(element: dict[str, Any]) -> bool:
    """The kind draws something (axes, a grid, brackets, a panel, cards) before any of its items appear."""
    own = KINDS.find(element["kind"])
    return own is not None and own.framed


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
        if _framed(e) or not e.get("items"):
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


# a stretch of narration this long (~15 s) with nothing new on screen is a picture that has stopped
LONG_STRETCH = 240


def fill_gaps(elements: list[dict[str, Any]], steps: list[dict[str, Any]], sentences: list[str],
              max_steps: int = 16) -> int:
    """Where the narration runs on for a long stretch with nothing new on screen, an item already shown (a
    headline's, else the latest) is highlighted mid-way (the narrator is still on it), each at most once.
    Changes `steps` in place; returns how many highlights were added."""
    from vidgen.visual.spec import MAX_STEPS

    max_steps = min(max_steps, MAX_STEPS)
    added = 0
    lit = {st["target"] for st in steps if st.get("action") == "highlight"}
    items = {f"{e['id']}.{k}" for e in elements for k in range(len(e.get("items", [])))}
    items |= {f"{e['id']}.{it['id']}" for e in elements for it in e.get("items", []) if it.get("id")}
    while len(steps) < max_steps:
        marks = sorted({st.get("sentence", 0) for st in steps} | {0})
        bounds = marks + [len(sentences)]
        gap = max(((a, b) for a, b in zip(bounds, bounds[1:], strict=False)),
                  key=lambda g: sum(len(s) + 1 for s in sentences[g[0] + 1:g[1]]), default=None)
        if gap is None or gap[1] - gap[0] < 3 or sum(len(s) + 1 for s in sentences[gap[0] + 1:gap[1]]) < LONG_STRETCH:
            break
        shown = [st for st in steps if st.get("action") == "show" and st.get("sentence", 0) <= gap[0]
                 and st["target"] in items and st["target"] not in lit]
        if not shown:
            break
        # a headline or callout first (it is what the narrator keeps coming back to), else the latest item
        headline = {e["id"] for e in elements if e["kind"] == "text"}
        target = next((st["target"] for st in shown if st["target"].split(".")[0] in headline), shown[-1]["target"])
        steps.append({"sentence": (gap[0] + gap[1]) // 2, "action": "highlight", "target": target})
        steps.sort(key=lambda st: st.get("sentence", 0))
        lit.add(target)
        added += 1
    return added
