"""Why a derived picture was chosen, in a person's words, and the other ways a scene's words can be drawn.

`vidgen show --json` names each candidate as `choose` does ("flow from the note", score 3.5); the studio
says the same to a person: one sentence of why ("Drawn as a flow, because the note of what the viewer sees
names “Laptop”, “Resolver”") and a button per runner-up that can really draw the scene ("Draw as a
timeline"). A runner-up whose recipe finds too little in the words is listed with `draws: false` rather than
offered: a button that can only fail is worse than none.
"""

from __future__ import annotations

from typing import Any

from vidgen.author.phrases import STOP

# a candidate's name as the object of "Drawn as …" / "Draw as …" (choose.py names what it reads from)
SAID = {
    "complex plane": "numbers on a complex plane", "matrices": "matrices",
    "plot of the function": "a plot of the function",
    "equations solved": "equations solved step by step", "pendulum": "a swinging pendulum", "shapes": "shapes",
    "timeline of years": "a timeline of its years", "steps in order": "steps in order", "comparison": "a comparison",
    "bar chart of numbers": "a bar chart of its numbers", "labelled curves from the note": "labelled curves",
    "flow from the note": "a flow", "bar chart from the note": "a bar chart", "table from the note": "a table",
    "layers from the note": "a stack of layers",
    "timeline from the note": "a timeline", "two halves from the note": "two halves side by side",
    "code from the note": "code", "formula": "a formula",
    "decisions from the note": "its questions and where each answer leads",
    "labelled figure from the note": "the figure with its parts labelled", "messages from the note":
    "its messages in the order they are sent", "scale from the note": "things placed on a scale by their numbers",
}
SOURCES = (("anim", "the note of what the viewer sees"), ("on_screen", "the on-screen text"), ("text", "the narration"))
KEY_POINTS = "No drawing was clearly supported by the words, so the scene shows its key points."


def said(name: str) -> str:
    return SAID.get(name, name)


def candidate(c: Any) -> dict[str, Any]:
    """A candidate as `vidgen show --json` gives it: its name, the kind it draws, its score and supporting words."""
    return {"name": c.name, "kind": c.kind, "score": round(c.score, 2), "why": [str(w) for w in c.why[:4]],
            "said": said(c.name)}


def because(scene: Any, chosen: dict[str, Any] | None) -> str:
    """One sentence: what the picture is drawn as and the words that support it, quoted from where they are."""
    if not chosen:
        return KEY_POINTS
    fields = {"anim": scene.anim or "", "on_screen": "\n".join(scene.on_screen_lines()), "text": scene.text}
    words: list[str] = []
    for w in (str(w).strip() for w in chosen.get("why", [])):  # each once; a lone function word says nothing
        if w and w.lower() not in STOP and w.lower() not in (x.lower() for x in words):
            words.append(w)
    where = next((name for w in words for key, name in SOURCES if w.lower() in fields[key].lower()), None)
    head = f"Drawn as {chosen.get('said') or said(chosen['name'])}"
    if not words:
        return f"{head}, the drawing its words support best."
    quotes = ", ".join(f"“{_short(w)}”" for w in words[:3])
    verb = "name" if all(len(w.split()) <= 4 for w in words[:3]) else "say"
    return f"{head}, because {where} {verb}s {quotes}." if where else f"{head}, because its words {verb} {quotes}."


def _short(text: str, chars: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= chars else text[:chars - 1].rstrip() + "…"


def choice(scene: Any, index: int, total: int, title: str, prefer: str | None = None) -> dict[str, Any]:
    """{visual, chosen, runners_up} of a scene's words; `prefer` draws it as that candidate (`CannotDraw` if not)."""
    from vidgen.author.derive import derive_choice

    made = derive_choice(scene, index, total, title, prefer=prefer)
    return {"visual": made.visual.model_dump(mode="json", exclude_none=True),
            "chosen": candidate(made.chosen) if made.chosen else None,
            "runners_up": [candidate(c) for c in made.runners_up]}


def mark_drawable(scene: Any, index: int, total: int, title: str, runners_up: list[dict[str, Any]]) -> None:
    """Each runner-up with `draws`: whether its recipe really draws these words (it is offered only then)."""
    from vidgen.author.derive import CannotDraw, derive_choice

    for c in runners_up:
        try:
            derive_choice(scene, index, total, title, prefer=c["name"])
            c["draws"] = True
        except CannotDraw:
            c["draws"] = False
