"""A change to a stored script: partial updates merged by seq, and what happens to a scene's picture
when its words change (`vidgen.service.follow`). Above the script model and the picture authoring."""

from __future__ import annotations

from typing import Any

from vidgen.errors import BadInput


def keep_pictures(current: dict[str, Any], new: Any) -> Any:
    """A whole script sent back with new words and its stored visual untouched (what an old client does):
    the picture follows the words (`vidgen.service.follow`) instead of the save being refused."""
    from vidgen.service.follow import follow_words

    return follow_words(current, new)


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
            else:
                by_seq[seq] = dict(scene)
                order.append(seq)
        merged["scenes"] = [by_seq[s] for s in order]
    return keep_pictures(current, merged)   # new words under the same picture: it follows them
