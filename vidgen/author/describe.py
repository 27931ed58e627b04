"""A scene's visual in words, for `vidgen show`: what is drawn and when it appears."""

from __future__ import annotations

from typing import Any

from vidgen.script.sentences import split_sentences
from vidgen.visual.kinds import KINDS


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

def _element(element: dict[str, Any]) -> str:
    """'plane P with z1 to (1.88, 0.68); …': the kind's words for it and each of its items."""
    name = element.get("kind", "?")
    own = KINDS.find(name)
    items = "; ".join((own.words(i) if own else str(i.get("label") or i.get("id") or ""))
                      for i in element.get("items", []))
    what = (own.said or own.noun or own.name) if own else name
    caption = f" — {element['caption']}" if element.get("caption") else ""
    return f"{element.get('id')}: {what} {items}".rstrip() + caption


def describe_visual(visual: dict[str, Any], narration: str) -> list[str]:
    """Lines such as 'plane P with z1 to (1.88, 0.68), …' and 'sentence 2 (“Multiply them.”): show P.p'."""
    lines = []
    head = f"{visual.get('layout', 'full')} layout"
    if visual.get("title"):
        head += f", titled “{visual['title']}”"
    lines.append(head)
    lines += [_element(element) for element in visual.get("elements", [])]
    sentences = split_sentences(narration) or [narration]
    by_sentence: dict[int, list[str]] = {}
    for step in visual.get("steps", []):
        by_sentence.setdefault(int(step.get("sentence", 0)), []).append(f"{step.get('action')} {step.get('target')}")
    for n in sorted(by_sentence):
        said = sentences[n] if n < len(sentences) else ""
        said = said if len(said) <= 48 else said[:47] + "…"
        lines.append(f"sentence {n + 1} (“{said}”): {', '.join(by_sentence[n])}")
    return lines
