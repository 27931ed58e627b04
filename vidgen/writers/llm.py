"""What the online writers share: the prompt, reading the model's JSON, one repair retry.

Not a writer itself (it registers nothing); gemini.py and openai.py only differ in how
they send a prompt and get text back.
"""

from __future__ import annotations

import json
import re
from typing import Any, Awaitable, Callable

from vidgen.errors import BadInput, ProviderError
from vidgen.models import LAYOUTS, parse_script
from vidgen.writers import STYLES

FORMAT = f"""Answer with one JSON object and nothing else:
{{"title": "...", "scenes": [{{"seq": 1, "text": "narration, 2-5 spoken sentences",
  "anim": "what the viewer sees", "layout": "one of {', '.join(LAYOUTS)}",
  "on_screen": ["short headline", "up to 3 short bullet lines"]}}]}}
Write 4 to 6 scenes; seq counts from 1."""


def prompt(topic: str, style: int, language: str, source: str | None) -> str:
    kind, description = STYLES[style % len(STYLES)]
    parts = [f"Write the script of a short narrated explainer video about: {topic}.",
             f"This variation is {description} ({kind}).",
             f"Write the narration in the language with code {language!r}." if language != "en" else "",
             f"Base it only on these notes:\n<<<\n{source[:20000]}\n>>>" if source else "",
             FORMAT]
    return "\n".join(p for p in parts if p)


def read_json(text: str) -> Any:
    text = text.strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.S)
    if fenced:
        text = fenced.group(1).strip()
    return json.loads(text)


async def write_with_repair(ask: Callable[[str], Awaitable[str]], first_prompt: str, provider: str) -> dict:
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


def _validated(answer: str) -> dict[str, Any]:
    data = read_json(answer)
    if isinstance(data, dict) and "script" in data and "scenes" not in data:
        data = data["script"]
    return parse_script(data).dump()
