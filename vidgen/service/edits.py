"""A change to a stored script: partial updates merged by seq, and what happens to a scene's picture
when its narration changes. Above the script model and the picture authoring, which it joins."""

from __future__ import annotations

from typing import Any

from vidgen.errors import BadInput


def _refit(scene: dict[str, Any]) -> None:
    from vidgen.author.repair import refit_visual

    visual = refit_visual(scene["visual"], scene["text"])
    if visual is None:
        scene.pop("visual")  # nothing of it fits any more; a render derives a new one
    else:
        scene["visual"] = visual


def keep_pictures(current: dict[str, Any], new: Any) -> Any:
    """A whole script sent back with new narration and its stored visual untouched (what an old client
    does): the picture is kept, its steps refitted to the new sentences, instead of refusing the save."""
    if not isinstance(new, dict) or not isinstance(new.get("scenes"), list):
        return new
    stored = {s.get("seq"): s for s in current.get("scenes", []) if isinstance(s, dict)}
    scenes = []
    for scene in new["scenes"]:
        old = stored.get(scene.get("seq")) if isinstance(scene, dict) and isinstance(scene.get("seq"), int) else None
        if old is not None and scene.get("visual") is not None and scene.get("visual") == old.get("visual") \
                and scene.get("text") != old.get("text"):
            scene = dict(scene)
            _refit(scene)
        scenes.append(scene)
    return {**new, "scenes": scenes}


def scene_seq(value: Any) -> int:
    """A scene number from an update: a whole number (digits in a string are read as one)."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadInput(f"a scene's seq must be a whole number from 0, not {repr(value)[:40]}",
                       "give each scene in the update the seq of the scene it changes")
    return value


def merge_scenes(current: dict[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    """A partial update: top-level fields replace, scenes are merged by seq.

    A scene `{"seq": N, "_delete": true}` removes scene N; a new seq is appended.
    """
    merged = {**current, **{k: v for k, v in update.items() if k != "scenes"}}
    if "scenes" in update:
        if not isinstance(update["scenes"], list):
            raise BadInput("scenes must be a list of scene objects")
        by_seq = {s.get("seq"): dict(s) for s in current.get("scenes", [])}
        order = [s.get("seq") for s in current.get("scenes", [])]
        for scene in update["scenes"]:
            if not isinstance(scene, dict) or "seq" not in scene:
                raise BadInput("every scene in an update needs its seq, to know which scene it changes")
            seq = scene_seq(scene["seq"])
            scene = {**scene, "seq": seq}
            if scene.get("_delete"):
                by_seq.pop(seq, None)
                order = [s for s in order if s != seq]
            elif seq in by_seq:
                by_seq[seq].update(scene)
                if "text" in scene and "visual" not in scene and by_seq[seq].get("visual") is not None:
                    _refit(by_seq[seq])  # new narration, same picture: keep it, its steps clamped to the new text
            else:
                by_seq[seq] = dict(scene)
                order.append(seq)
        merged["scenes"] = [by_seq[s] for s in order]
    return merged
