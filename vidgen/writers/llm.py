"""What the online writers share: the prompt, reading the model's JSON, one repair retry.

Not a writer itself (it registers nothing); gemini.py and openai.py only differ in how
they send a prompt and get text back. Both ask for the schema of `vidgen.writers.schema`
through structured output, and the prompt explains the same shape in words, for models and
servers that only do plain JSON mode.

A script whose title or narration is unusable is asked for again once; a scene whose visual
is imperfect is repaired (`vidgen.author.repair`) or derived, never a reason to fail, and the
fixes are returned as the `Written` script's notes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

from vidgen.errors import BadInput, ProviderError
from vidgen.script.model import LAYOUTS, parse_script
from vidgen.script.sentences import sentence_count
from vidgen.writers import STYLES, Written

EXAMPLE_SCENE: dict[str, Any] = {
    "seq": 2,
    "text": "Take z1 with length 2 and z2 with length 3. Multiply them. The product has length 6: lengths multiply.",
    "anim": "z1 and z2 as arrows on the complex plane, then their product; the rule appears beside them.",
    "layout": "split_screen",
    "on_screen": ["Lengths multiply"],
    "visual": {
        "layout": "split", "title": "Lengths multiply",
        "elements": [
            {"id": "P", "kind": "plane", "items": [
                {"id": "z1", "label": "$z_1$", "x": 1.88, "y": 0.68},
                {"id": "z2", "label": "$z_2$", "x": 1.93, "y": 2.3},
                {"id": "p", "label": "$z_1 z_2$", "x": 2.05, "y": 5.64}]},
            {"id": "E", "kind": "equation", "items": [{"label": "$|z_1 z_2| = |z_1|\\,|z_2| = 6$"}]}],
        "steps": [{"sentence": 0, "action": "show", "target": "P.z1"},
                  {"sentence": 0, "action": "show", "target": "P.z2"},
                  {"sentence": 1, "action": "show", "target": "P.p"},
                  {"sentence": 2, "action": "show", "target": "E.0"},
                  {"sentence": 2, "action": "highlight", "target": "E.0"}]},
}

def _kinds_text() -> str:
    """What an item is, per kind, from the kind registry (a kind without a prompt line, such as image,
    names files a writer cannot know, so it is left out)."""
    import textwrap

    from vidgen.visual.kinds import KINDS

    said = " | ".join(f"{k.name}: {k.prompt}" for k in KINDS.all() if k.prompt)
    return textwrap.fill(said, 116, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False)


def format_text() -> str:
    """The answer's shape in words, for models and servers that only do plain JSON mode."""
    return f"""Answer with one JSON object and nothing else:
{{"title": "...", "scenes": [{{"seq": 1, "text": "narration, 2-5 spoken sentences",
  "anim": "what the viewer sees", "layout": "one of {', '.join(LAYOUTS)}",
  "on_screen": ["short headline", "up to 3 short lines"], "visual": {{...}}}}]}}
Write 4 to 6 scenes; seq counts from 1.

Every scene has a "visual": the picture that SHOWS what its narration says, as data (never code),
built up in step with the voice.
- "layout": "full", "split" (first element left, the others right) or "title"; "title": a short heading.
- "elements" (1 to 4): {{"id": short and unique, "kind": ..., "items": [up to 8], "caption": optional line}}.
  What an item is, per kind:
{_kinds_text()}
- "steps" (0 to 16): {{"sentence": N, "action": ..., "target": "E", "E.itemid" or "E.N"}}, where N is the
  0-based index of the sentence of "text" that starts the step. Actions: show, highlight, trace (a dot runs
  along a curve or vector), rotate (a plane item turns by "value" degrees), move (to "x", "y"), transform
  (an equation line becomes the line "value" lines ahead; a plane item moves to "x", "y"), hide.
  Show each item at the sentence that first names it; an item no "show" step targets is there from the start.
Draw the subject itself: vectors on a plane for complex numbers, the actual matrices, an equation rewritten
line by line, a flow for a process, a plot for a function, two columns for a comparison. Short labels
(at most 6 words), numbers as numbers.
Example of one scene:
{json.dumps(EXAMPLE_SCENE, ensure_ascii=False)}"""


def prompt(topic: str, style: int, language: str, source: str | None) -> str:
    kind, description = STYLES[style % len(STYLES)]
    parts = [f"Write the script of a short narrated explainer video about: {topic}.",
             f"This variation is {description} ({kind}).",
             f"Write the narration in the language with code {language!r}." if language != "en" else "",
             f"Base it only on these notes:\n<<<\n{source[:20000]}\n>>>" if source else "",
             format_text()]
    return "\n".join(p for p in parts if p)


def read_json(text: str) -> Any:
    text = text.strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.S)
    if fenced:
        text = fenced.group(1).strip()
    return json.loads(text)


async def write_with_repair(ask: Callable[[str], Awaitable[str]], first_prompt: str, provider: str) -> Written:
    """Ask; if the answer is not a valid script, ask once more with the problem; then give up."""
    answer = await ask(first_prompt)
    try:
        return _validated(answer)
    except (ValueError, BadInput) as exc:
        problem = str(exc)
    repair = (f"{first_prompt}\n\nYour previous answer was not usable: {problem}.\n"
              f"Previous answer:\n{answer[:4000]}\n\nAnswer again with valid JSON only.")
    answer = await ask(repair)
    try:
        return _validated(answer)
    except (ValueError, BadInput) as exc:
        raise ProviderError(f"{provider} returned an invalid script twice ({exc})",
                            "try again, pick another model, or use --llm offline") from None


def _validated(answer: str) -> Written:
    data = read_json(answer)
    if isinstance(data, dict) and "script" in data and "scenes" not in data:
        data = data["script"]
    return with_visuals(data)


def with_visuals(data: Any) -> Written:
    """Validate a model's script, repairing each scene's visual (or deriving one) instead of refusing it.

    The visuals are taken out before the script is checked, so only the title and narration can make
    an answer unusable (BadInput); every visual that comes back validates against its narration.
    """
    from vidgen.author.derive import derive_visual
    from vidgen.author.repair import repair_visual

    raw_visuals: list[Any] = []
    if isinstance(data, dict) and isinstance(data.get("scenes"), list):
        scenes = [dict(s) if isinstance(s, dict) else s for s in data["scenes"]]
        raw_visuals = [s.pop("visual", None) if isinstance(s, dict) else None for s in scenes]
        data = {**data, "scenes": scenes}
    script = parse_script(data)
    order = {id(s): i for i, s in enumerate(script.ordered_scenes())}
    notes: list[str] = []
    for scene, raw in zip(script.scenes, raw_visuals or [None] * len(script.scenes), strict=True):
        visual, fixed = (None, []) if raw is None else repair_visual(raw, sentence_count(scene.text), scene=scene.seq)
        notes += fixed
        if visual is None:
            visual = derive_visual(scene, order[id(scene)], len(script.scenes), script.title)
            kinds = ", ".join(e.kind for e in visual.elements)
            notes.append(f"scene {scene.seq}: {'no visual' if raw is None else 'nothing usable'}; derived one "
                         f"({kinds})")
        scene.visual = visual
    return Written(script.dump(), notes)
