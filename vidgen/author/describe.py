"""A scene's visual in words, for `vidgen show`: what is drawn and when it appears."""

from __future__ import annotations

from typing import Any

from vidgen.script.sentences import sentences_or_text
from vidgen.visual.kinds import KINDS


def visual_of(scene: Any, index: int, total: int, title: str) -> tuple[Any, bool]:
    """The picture a scene is drawn with: its own visual, else one derived from its words (and whether it was)."""
    if scene.visual is not None:
        return scene.visual, False
    from vidgen.author.derive import derive_visual

    return derive_visual(scene, index, total, title), True


def pictures(script: Any) -> list[dict[str, Any]]:
    """Every scene's picture as data: {seq, derived, visual} and, for a derived one, {chosen, runners_up} (what
    `vidgen show --json` adds): the candidate that drew it with its score and supporting words (and `said`, its
    name as a person reads it after "Drawn as"), and the others."""
    scenes = script.ordered_scenes()
    out = []
    for i, scene in enumerate(scenes):
        if scene.visual is not None:
            out.append({"seq": scene.seq, "derived": False,
                        "visual": scene.visual.model_dump(mode="json", exclude_none=True)})
            continue
        from vidgen.author.why import choice

        out.append({"seq": scene.seq, "derived": True, **choice(scene, i, len(scenes), script.title)})
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


def _candidate(c: Any) -> dict[str, Any]:
    from vidgen.author.why import candidate

    return candidate(c)


def choice_lines(picture: dict[str, Any]) -> list[str]:
    """'chosen: flow from the note (score 3.5: Laptop, Resolver)', 'runners-up: formula 2.0, timeline 1.0'."""
    if not picture.get("derived"):
        return []
    chosen = picture.get("chosen")
    if chosen:
        why = ", ".join(f"“{w}”" for w in chosen["why"][:3])
        lines = [f"chosen: {chosen['name']} (score {chosen['score']:g}" + (f": {why})" if why else ")")]
    else:
        lines = ["chosen: the scene's key points (no picture was clearly supported by its words)"]
    others = picture.get("runners_up") or []
    if others:
        lines.append("runners-up: " + ", ".join(f"{c['name']} {c['score']:g}" for c in others))
    return lines


def why_lines(scene: Any, index: int, total: int, title: str) -> list[str]:
    """What `choice_lines` says for one scene (for contact sheets)."""
    if scene.visual is not None:
        return ["its own picture"]
    from vidgen.author.derive import derive_choice

    choice = derive_choice(scene, index, total, title)
    return choice_lines({"derived": True, "chosen": _candidate(choice.chosen) if choice.chosen else None,
                         "runners_up": [_candidate(c) for c in choice.runners_up]})

_SOURCE = {"text": "narration", "anim": "animation note", "on_screen": "on-screen text", "title": "title"}



def describe_visual(visual: dict[str, Any], narration: str) -> list[str]:
    """Lines such as 'plane P with z1 to (1.88, 0.68), …' and 'sentence 2 (“Multiply them.”): show P.p'."""
    lines = []
    head = f"{visual.get('layout', 'full')} layout"
    if visual.get("title"):
        head += f", titled “{visual['title']}”"
    lines.append(head)
    for element in visual.get("elements", []):
        lines.append(_element(element))
        for ev in element.get("evidence", [])[:3]:
            quote = ev["quote"] if len(ev["quote"]) <= 60 else ev["quote"][:59] + "…"
            lines.append(f"  because the {_SOURCE.get(ev['source'], ev['source'])} says “{quote}”")
        if element.get("edited"):
            lines.append("  edited by hand")
    sentences = sentences_or_text(narration)
    by_sentence: dict[int, list[str]] = {}
    for step in visual.get("steps", []):
        by_sentence.setdefault(int(step.get("sentence", 0)), []).append(f"{step.get('action')} {step.get('target')}")
    for n in sorted(by_sentence):
        said = sentences[n] if n < len(sentences) else ""
        said = said if len(said) <= 48 else said[:47] + "…"
        lines.append(f"sentence {n + 1} (“{said}”): {', '.join(by_sentence[n])}")
    return lines
