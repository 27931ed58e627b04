"""The quote kind: a pull-quote with its attribution. Added as one module (vidgen/draw/kinds/quote.py);
everything else (the spec, the writers' prompt, `vidgen show`, the studio's form, the engine's tests and
contact sheets) found it in the kind registry."""

from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from tests.visual_examples import sentences_for
from vidgen.author.describe import describe_visual
from vidgen.author.repair import repair_visual
from vidgen.draw.scene import VisualScene
from vidgen.draw.theme import Theme
from vidgen.render.presets import frame_size
from vidgen.visual.spec import Element, Visual
from vidgen.writers.llm import format_text

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "visuals"
QUOTE = {"id": "Q", "kind": "quote", "items": [
    {"label": "The first principle is that you must not fool yourself, and you are the easiest person to fool.",
     "detail": "Richard Feynman"}]}
DOC = {"title": "Honest science", "elements": [QUOTE],
       "steps": [{"sentence": 0, "action": "show", "target": "Q.0"},
                 {"sentence": 1, "action": "highlight", "target": "Q.0"}]}


def test_a_quote_is_checked_said_and_offered_like_every_kind():
    Visual.model_validate(DOC)
    with pytest.raises(ValidationError, match="element 1 \\(Q\\) item 1: the label is empty"):
        Visual.model_validate({"elements": [{"id": "Q", "kind": "quote", "items": [{"detail": "Nobody"}]}]})
    lines = describe_visual(DOC, "Feynman said it best. Fool yourself and you fool everyone.")
    assert "Q: quote “The first principle is that you must not fool yourself, and you are the easiest person " \
           "to fool.” — Richard Feynman" in lines
    assert 'quote: "label" = the quotation' in format_text()   # the writers learn of it
    forms = {k["name"]: k for k in Element.model_json_schema()["x-kinds"]}
    assert forms["quote"]["hints"]["detail"] == "who said it"   # the studio's form for it


def test_a_models_quote_is_repaired_into_words_and_who_said_them():
    said = "“Be yourself; everyone else is taken.” — Oscar Wilde"
    raw = {"elements": [{"id": "Q", "kind": "quotation", "items": [said]}]}
    visual, notes = repair_visual(raw, 1)
    assert visual is not None
    item = visual.elements[0].items[0]
    assert visual.elements[0].kind == "quote"
    assert (item.label, item.detail) == ("Be yourself; everyone else is taken.", "Oscar Wilde")
    assert "attributions moved to the detail: 1" in notes


@pytest.mark.parametrize("aspect", ["16:9", "9:16", "1:1"])
def test_a_quote_draws_its_mark_words_and_attribution_in_order(aspect):
    W, H = frame_size("medium", aspect)
    theme = Theme.for_script("Quotes", W, H)
    sentences = sentences_for(2, 6.0)
    scene = VisualScene(Visual.model_validate(DOC), theme, sentences, 6.0)
    assert not scene.failed
    quote = scene.drawers[0]
    top, baselines, byline = quote.slots[0]
    assert byline is not None and byline > baselines[-1]   # the attribution under the last line
    # a frame as narrow as its large type hangs the mark over the words; a wide one sets it beside them
    assert quote.above == (aspect != "16:9")
    final = scene.final()
    mark_x, mark_base = quote.marks[0]
    mark = final[int(mark_base - quote.mark.ascent):int(mark_base), int(mark_x):int(mark_x + quote.mark.width)]
    accent = np.array([round(c * 255) for c in theme.accent(0)])
    assert (np.abs(mark.astype(int) - accent).sum(axis=2) < 60).mean() > 0.1   # the big mark, in the accent
    # mid-way through its appearance the words are coming in and the attribution is not there yet
    show = scene.sched.events[0]
    early = scene.draw(show.t0 + (show.t1 - show.t0) * 0.4)
    band = (slice(int(byline - quote.size * 0.6), int(byline + quote.size * 0.2)), slice(int(quote.x), W))
    assert np.abs(early[band].astype(int) - scene.background()[band].astype(int)).max() < 40
    assert np.abs(final[band].astype(int) - scene.background()[band].astype(int)).max() > 80
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    from PIL import Image

    Image.fromarray(np.hstack([early, final])).save(ARTIFACTS / f"quote-{aspect.replace(':', 'x')}.png")
