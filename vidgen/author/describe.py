"""A scene's visual in words, for `vidgen show`: what is drawn and when it appears."""

from __future__ import annotations

from typing import Any

from vidgen.script.sentences import sentences_or_text


def visual_of(scene: Any, index: int, total: int, title: str) -> tuple[Any, bool]:
    """The picture a scene is drawn with: its own visual, else one derived from its words (and whether it was)."""
    if scene.visual is not None:
        return scene.visual, False
    from vidgen.author.derive import derive_visual

    return derive_visual(scene, index, total, title), True


def pictures(script: Any) -> list[dict[str, Any]]:
    """Every scene's picture as data: {seq, derived, visual} (what `vidgen show --json` adds)."""
    scenes = script.ordered_scenes()
    out = []
    for i, scene in enumerate(scenes):
        visual, derived = visual_of(scene, i, len(scenes), script.title)
        out.append({"seq": scene.seq, "derived": derived,
                    "visual": visual.model_dump(mode="json", exclude_none=True)})
    return out

_WHAT = {"text": "text", "bullets": "list", "flow": "flow", "equation": "equations", "plot": "plot of",
         "plane": "plane with", "shapes": "shapes", "bars": "bar chart", "timeline": "timeline",
         "compare": "comparison", "matrix": "matrix", "code": "code", "image": "picture"}


def _item(kind: str, item: dict[str, Any]) -> str:
    label = str(item.get("label") or item.get("id") or "")
    if kind == "plane":
        return f"{label or 'point'} to ({item.get('x'):g}, {item.get('y'):g})"
    if kind == "bars" and item.get("value") is not None:
        return f"{label} {item['value']:g}"
    if kind == "timeline" and item.get("x") is not None:
        return f"{item['x']:g}: {label}"
    if kind == "compare":
        return f"{label} ({item.get('detail') or '?'})"
    if kind == "matrix":
        return f"[{label}]"
    return label


def describe_visual(visual: dict[str, Any], narration: str) -> list[str]:
    """Lines such as 'plane P with z1 to (1.88, 0.68), …' and 'sentence 2 (“Multiply them.”): show P.p'."""
    lines = []
    head = f"{visual.get('layout', 'full')} layout"
    if visual.get("title"):
        head += f", titled “{visual['title']}”"
    lines.append(head)
    for element in visual.get("elements", []):
        kind = element.get("kind", "?")
        items = "; ".join(_item(kind, i) for i in element.get("items", []))
        caption = f" — {element['caption']}" if element.get("caption") else ""
        lines.append(f"{element.get('id')}: {_WHAT.get(kind, kind)} {items}".rstrip() + caption)
    sentences = sentences_or_text(narration)
    by_sentence: dict[int, list[str]] = {}
    for step in visual.get("steps", []):
        by_sentence.setdefault(int(step.get("sentence", 0)), []).append(f"{step.get('action')} {step.get('target')}")
    for n in sorted(by_sentence):
        said = sentences[n] if n < len(sentences) else ""
        said = said if len(said) <= 48 else said[:47] + "…"
        lines.append(f"sentence {n + 1} (“{said}”): {', '.join(by_sentence[n])}")
    return lines
