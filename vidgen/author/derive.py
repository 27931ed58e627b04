"""A picture for a scene that has none, from its narration, `anim` and `on_screen`.

Cheap deterministic rules (docs/visuals.md, "A scene without a visual"): the first recipe that recognises
the scene's subject draws it, so a complex-number scene gets vectors on a plane, a matrix scene
the matrices, an algebra scene its equations rewritten line by line. Only when nothing drawable is
named does a scene fall back to its key phrases. Every item is bound to the first sentence that
names it, so the picture builds with the voice; the result goes through `repair_visual`, so it
always validates, and `derive_visual` never raises.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vidgen.author import derive_math as dm
from vidgen.author import phrases as ph
from vidgen.author.derive_complex import complex_plane
from vidgen.author.derive_words import bars, compare, flow, shapes, timeline, words_or_points
from vidgen.author.draft import Ctx, Draft, Recipe
from vidgen.author.pacing import fill_gaps, open_early
from vidgen.author.repair import repair_visual
from vidgen.script.sentences import split_sentences
from vidgen.visual.spec import Visual

if TYPE_CHECKING:
    from vidgen.script.model import Scene

LAYOUT = {"title_and_main_content": "full", "split_screen": "split", "custom": "full"}


def _context(scene: Scene, index: int, total: int, script_title: str) -> Ctx:
    sentences = split_sentences(scene.text) or [scene.text.strip() or "…"]
    return Ctx(sentences=sentences, anim=scene.anim or "", on_screen=scene.on_screen_lines(),
               title=script_title, index=index, total=total, media=scene.media)


def derive_visual(scene: Scene, index: int, total: int, script_title: str) -> Visual:
    """A visual for a scene that has none (its own `visual`, if any, is ignored). Never raises."""
    try:
        ctx = _context(scene, index, total, script_title)
        draft = _draft(ctx)
        draft.layout = draft.layout or LAYOUT.get(scene.effective_layout, "full")
        if len(draft.elements) == 1 and draft.layout == "split":
            draft.layout = "full"  # one element has nothing to sit beside
        # steps in the order they are said (stable: what a recipe put first on a sentence stays first)
        steps = sorted(draft.steps, key=lambda st: st["sentence"])[:16]
        open_early(draft.elements, steps)
        fill_gaps(draft.elements, steps, ctx.sentences)
        raw = {"layout": draft.layout, "elements": draft.elements, "steps": steps}
        if draft.title:
            raw["title"] = draft.title
        visual, _ = repair_visual(raw, len(ctx.sentences))
        if visual is not None:
            return visual
    except Exception:  # noqa: BLE001 — a derived picture is a convenience; a render must not fail on it
        pass
    return _plain_card(scene, script_title)


def _plain_card(scene: Scene, script_title: str) -> Visual:
    line = ph.key_phrase(scene.text, 8) or ph.plain(script_title)[:60] or "…"
    return Visual.model_validate({"layout": "full", "title": ph.plain(script_title)[:70] or None, "elements": [
        {"id": "T", "kind": "text", "items": [{"label": ph.plain(line)[:200] or "…"}]}]})


def _draft(ctx: Ctx) -> Draft:
    draft = Draft()
    if ctx.media:
        draft.add("image", [{"label": ctx.media}], "I")
    recipes: list[Recipe] = [complex_plane, dm.matrices, dm.function_plot, dm.algebra, dm.swing, dm.plot, shapes,
                             timeline, flow, compare, bars]
    for recipe in recipes:
        if recipe(ctx, draft):
            break
    else:
        if ctx.index == 0 and not ctx.media:
            # an opening scene with nothing drawable in it borrows the subject of the script's title
            titled = Ctx([ph.plain(ctx.title)] * len(ctx.sentences), "", [], ctx.title, 0, ctx.total)
            for recipe in (complex_plane, dm.matrices, dm.plot, shapes):
                if recipe(titled, draft):
                    break
    if not draft.complete and (len(draft.elements) < 2 or (not draft.steps and len(draft.elements) < 3)):
        words_or_points(ctx, draft)
    draft.title = _title(ctx, draft)
    return draft


def _title(ctx: Ctx, draft: Draft) -> str | None:
    """Every scene says what it is about: its own headline, the script's title on its opening scene, the
    recipe's name for its picture, what the narration announces, else the script's title."""
    if ctx.on_screen:
        return ph.plain(ctx.on_screen[0])[:70]
    if ctx.index == 0 or not ctx.sentences:
        return ph.plain(ctx.title)[:70] or None
    if draft.title:
        return draft.title[:70]
    said = ph.headline(ctx.sentences, last=ctx.total > 1 and ctx.index == ctx.total - 1, fallback=draft.hint or "")
    return (said or ph.plain(ctx.title))[:70] or None
