"""Pictures follow words: what a save does to a scene's picture when the scene's words change, and which
elements a save marks as changed by hand.

- An element nobody has edited by hand is the words' picture: when the words it shows leave the scene
  (its evidence quote is gone from its field, or a label the old words said the new ones no longer say),
  every such element is derived again from the new words. Hand-edited elements stay as they are
  (`vidgen check` flags their stale evidence). A picture whose words are all still said keeps its
  elements, its steps refitted to the new sentences.
- On-screen lines the old narration said and the new one no longer says go with it (they were its
  key lines); lines of a person's own that the narration never said stay.
- A save that changes a picture marks the elements it changed (or added) as `edited`.
"""

from __future__ import annotations

from typing import Any

from vidgen.visual.spec import MAX_ELEMENTS

WORDS = ("text", "anim", "on_screen")


def _lines(value: Any) -> list[str]:
    if isinstance(value, str):
        return [line for line in value.splitlines() if line.strip()]
    return [line for line in value if isinstance(line, str)] if isinstance(value, list) else []


def _left(label: str, before: set[str], after: set[str]) -> bool:
    """The old words said this label and the new ones do not."""
    from vidgen.service.viewer import foreign_words

    return not foreign_words(label, before) and bool(foreign_words(label, after))


def prune_on_screen(old: dict[str, Any], new: dict[str, Any]) -> None:
    if new.get("on_screen") != old.get("on_screen") or new.get("text") == old.get("text") \
            or not isinstance(new.get("text"), str) or not isinstance(old.get("text"), str):
        return
    from vidgen.service.viewer import said_words

    before, after = said_words(old["text"]), said_words(new["text"])
    lines = _lines(new.get("on_screen"))
    kept = [line for line in lines if not _left(line, before, after)]
    if len(kept) == len(lines):
        return
    if not kept:
        new.pop("on_screen", None)
    else:
        new["on_screen"] = kept if isinstance(new["on_screen"], list) else "\n".join(kept)


def stale_elements(old: Any, new: Any, visual: Any, script_title: str) -> list[int]:
    """Indexes of the elements nobody edited whose words left the scene (`old`, `new`: Scene models)."""
    from vidgen.service.viewer import quote_in, said_words, source_text, worded_labels

    before = said_words(old.text, old.anim, "\n".join(old.on_screen_lines()))
    after = said_words(new.text, new.anim, "\n".join(new.on_screen_lines()))
    out = []
    for i, el in enumerate(visual.elements):
        if el.edited:
            continue
        gone = any(not quote_in(ev.quote, source_text(new, script_title, ev.source)) for ev in el.evidence)
        if gone or any(_left(label, before, after) for _, label, _ in worded_labels(_alone(visual, el))):
            out.append(i)
    return out


def _alone(visual: Any, element: Any) -> Any:
    """The element as a picture of its own (no title), to list its worded labels."""
    return visual.model_copy(update={"elements": [element], "title": None, "steps": []})


def dump_visual(visual: Any) -> dict[str, Any]:
    """A visual as stored: no empty evidence or false `edited` on every element."""
    out = visual.model_dump(mode="json", exclude_none=True)
    for el in out.get("elements", []):
        if not el.get("evidence"):
            el.pop("evidence", None)
        if not el.get("edited"):
            el.pop("edited", None)
    return out


def rederive(new: Any, visual: Any, index: int, total: int, script_title: str) -> dict[str, Any]:
    """The picture derived again from the new words, with the hand-edited elements kept where they were."""
    from vidgen.author.derive import derive_visual
    from vidgen.visual.spec import Visual

    fresh = derive_visual(new, index, total, script_title)
    kept = [el for el in visual.elements if el.edited]
    if not kept:
        return dump_visual(fresh)
    taken = {el.id for el in kept}
    renamed: dict[str, str] = {}
    elements = list(kept)
    for el in fresh.elements:
        if len(elements) >= MAX_ELEMENTS:
            break
        new_id = el.id
        n = 2
        while new_id in taken:
            new_id, n = f"{el.id[:20]}{n}", n + 1
        renamed[el.id] = new_id
        taken.add(new_id)
        elements.append(el.model_copy(update={"id": new_id}))
    steps = [st for st in visual.steps if st.target.partition(".")[0] in {el.id for el in kept}]
    for st in fresh.steps:
        head, dot, tail = st.target.partition(".")
        if head in renamed:
            steps.append(st.model_copy(update={"target": renamed[head] + dot + tail}))
    raw = {"layout": visual.layout, "title": fresh.title or visual.title,
           "elements": [e.model_dump(mode="json", exclude_none=True) for e in elements],
           "steps": [s.model_dump(mode="json", exclude_none=True) for s in steps[:16]]}
    try:
        return dump_visual(Visual.model_validate(raw))
    except ValueError:  # the two did not fit together: the hand-edited part is what must survive
        raw["elements"], raw["steps"] = raw["elements"][:len(kept)], [s for s in raw["steps"]
                                                                       if s["target"].partition(".")[0] in taken]
        return dump_visual(Visual.model_validate(raw))


def follow_words(current: dict[str, Any], new: Any) -> Any:
    """A changed script whose scenes' words changed under an unchanged picture: each picture follows."""
    if not isinstance(new, dict) or not isinstance(new.get("scenes"), list):
        return new
    from vidgen.script.model import Scene
    from vidgen.visual.spec import Visual

    stored = {s.get("seq"): s for s in current.get("scenes", []) if isinstance(s, dict)}
    title = new.get("title")
    title = title if isinstance(title, str) else ""
    scenes = []
    total = len(new["scenes"])
    for index, scene in enumerate(new["scenes"]):
        old = stored.get(scene.get("seq")) if isinstance(scene, dict) and isinstance(scene.get("seq"), int) else None
        if old is None or all(scene.get(f) == old.get(f) for f in WORDS):
            scenes.append(scene)
            continue
        scene = dict(scene)
        prune_on_screen(old, scene)
        if scene.get("visual") is not None and scene.get("visual") == old.get("visual"):
            try:   # anything that does not parse is left as it is, for the save's check to name
                visual = Visual.model_validate(scene["visual"])
                before = Scene.model_validate({**old, "visual": None})
                after = Scene.model_validate({**scene, "visual": None})
            except ValueError:
                scenes.append(scene)
                continue
            if stale_elements(before, after, visual, title):
                scene["visual"] = rederive(after, visual, index, total, title)
            elif scene.get("text") != old.get("text"):
                refit(scene)
        scenes.append(scene)
    return {**new, "scenes": scenes}


def _content(element: Any) -> Any:
    from vidgen.visual.spec import Element

    try:
        return Element.model_validate(element).model_dump(mode="json", exclude={"evidence", "edited"})
    except ValueError:
        return element


def mark_edited(current: dict[str, Any], new: Any) -> Any:
    """Elements a save changed or added in a picture, marked `edited` (a derived picture made editable
    unchanged is still the words' picture)."""
    if not isinstance(new, dict) or not isinstance(new.get("scenes"), list):
        return new
    from vidgen.author.describe import visual_of
    from vidgen.script.model import Scene

    stored = {s.get("seq"): s for s in current.get("scenes", []) if isinstance(s, dict)}
    old_scenes = [s for s in current.get("scenes", []) if isinstance(s, dict)]
    scenes = []
    for scene in new["scenes"]:
        # a seq that is not a number is the merge's to refuse (400 naming it), not a lookup's to crash on
        old = stored.get(scene["seq"]) if isinstance(scene, dict) and isinstance(scene.get("seq"), int) else None
        visual = scene.get("visual") if isinstance(scene, dict) else None
        if old is None or not isinstance(visual, dict) or visual == old.get("visual") \
                or not isinstance(visual.get("elements"), list):
            scenes.append(scene)
            continue
        base = old.get("visual")
        if base is None:   # made editable from the derived picture: compared with that picture
            try:
                derived, _ = visual_of(Scene.model_validate(old), old_scenes.index(old), len(old_scenes),
                                       str(current.get("title") or ""))
                base = dump_visual(derived)
            except ValueError:
                base = {}
        before = {el.get("id"): _content(el) for el in (base or {}).get("elements", []) if isinstance(el, dict)}
        elements = []
        for el in visual["elements"]:
            if isinstance(el, dict) and not el.get("edited") and before.get(el.get("id")) != _content(el):
                el = {**el, "edited": True}
            elements.append(el)
        scenes.append({**scene, "visual": {**visual, "elements": elements}})
    return {**new, "scenes": scenes}


def refit(scene: dict[str, Any]) -> None:
    """New narration under the same picture: its steps clamped to the new sentences."""
    from vidgen.author.repair import refit_visual

    before = scene["visual"]
    visual = refit_visual(before, scene["text"])
    if visual is None:
        scene.pop("visual")  # nothing of it fits any more; a render derives a new one
        return
    # the repair rebuilds each element: what it knows of the element's history is carried over as it was
    history = {el.get("id"): el for el in before.get("elements", []) if isinstance(el, dict)} \
        if isinstance(before, dict) and isinstance(before.get("elements"), list) else {}
    for el in visual.get("elements", []):
        for key in ("evidence", "edited"):
            el.pop(key, None)
            if history.get(el.get("id"), {}).get(key):
                el[key] = history[el["id"]][key]
    scene["visual"] = visual
