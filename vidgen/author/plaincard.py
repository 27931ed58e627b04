"""The plain card: a scene's picture when no rule drew one (or a rule failed), from its own words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vidgen.author import phrases as ph
from vidgen.author.complete import fit_chars, unmarked
from vidgen.author.pointing import informative_sentence
from vidgen.script.sentences import sentences_or_text
from vidgen.visual.spec import Visual

if TYPE_CHECKING:
    from vidgen.script.model import Scene


def plain_card(scene: Scene, script_title: str, index: int = 0) -> Visual:
    """One text line: the scene's most informative sentence, else its question, else its own headline, under the
    video's title (or its own headline) as its head."""
    sentences = sentences_or_text(scene.text)
    # (not an aside: 'We'll mostly use England as our example' says nothing of the subject)
    said = ["" if ph.is_greeting(s) else s for s in sentences]
    # (else, no short sentence saying anything, one of its own long sentences whole, under the video's title as its
    # head: the title again as its body would say the same thing twice)
    best = informative_sentence(said)
    best = best if best is not None else informative_sentence([s if len(s) <= 200 else "" for s in said], 40)
    # (nor that, its question whole, 'So how do you turn a cocoon into thread?': it says what the scene is about)
    asked = [k for k, s in enumerate(sentences) if s.rstrip().endswith("?") and len(s) <= 200 and not ph.is_greeting(s)]
    best = best if best is not None or not asked else asked[-1]
    line = unmarked(sentences[best]).rstrip(".") if best is not None else fit_chars(ph.plain(script_title), 200) or "…"
    source = "text" if best is not None else "title"
    own = [x.strip() for x in scene.on_screen_lines() if x.strip() and len(x) <= 200]
    if best is None and index > 0 and own:
        line, source = own[0], "on_screen"   # (a question or a very long sentence: the scene's own headline)
    # a later scene is headed by its own headline when it has one; the video's title otherwise, as a running head
    # (its body shows the video's title only when the scene has no words of its own short enough to show)
    head = own[0] if index > 0 and own and own[0] != line and len(own[0]) <= 70 else script_title
    title = fit_chars(ph.plain(head), 70)
    return Visual.model_validate({"layout": "full", "title": title or None, "elements": [
        {"id": "T", "kind": "text", "items": [{"label": ph.cap(ph.plain(line))[:200] or "…"}],
         "evidence": [{"source": source, "quote": line}] if line in {"text": scene.text, "title": script_title}.get(
             source, line) else []}]})
