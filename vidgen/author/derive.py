"""A picture for a scene that has none, from its narration, `anim` and `on_screen`.

Cheap deterministic rules (docs/visuals.md, "A scene without a visual"): every way of drawing the scene is scored
over several signals (`choose`: what the `anim` note describes, what the narration names), and the
best one that is clearly supported draws it, so a complex-number scene gets vectors on a plane, a
matrix scene the matrices, a note's boxes and arrows a flow. When nothing is clearly supported the
scene gets its key points, never a picture of another subject. Every element records the words that
justify it (`evidence`). Every item is bound to the first sentence that
names it, so the picture builds with the voice; the result goes through `repair_visual`, so it
always validates, and `derive_visual` never raises.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vidgen.author import evidence as ev
from vidgen.author import phrases as ph
from vidgen.author import spoken_math as sm
from vidgen.author import stated
from vidgen.author.bare import names_again
from vidgen.author.choose import ENOUGH, Candidate, candidates
from vidgen.author.complete import fit_chars, on_screen_ok, whole_sentence
from vidgen.author.draft import Ctx, Draft
from vidgen.author.named import with_names
from vidgen.author.pacing import fill_gaps, open_early
from vidgen.author.plaincard import plain_card
from vidgen.author.pointing import leans
from vidgen.author.points import beside_halves, beside_layers, words_or_points
from vidgen.author.repair import repair_visual
from vidgen.author.scenery import counted
from vidgen.errors import BadInput
from vidgen.script.sentences import sentences_or_text
from vidgen.visual.spec import Visual

if TYPE_CHECKING:
    from vidgen.script.model import Scene

LAYOUT = {"title_and_main_content": "full", "split_screen": "split", "custom": "full"}


def _context(scene: Scene, index: int, total: int, script_title: str) -> Ctx:
    # (a line that opens on 'He' or 'She' is shown with the name it stands for: named.py)
    sentences = with_names(sentences_or_text(scene.text), script_title)  # a narration is never blank
    return Ctx(sentences=sentences, anim=scene.anim or "", on_screen=scene.on_screen_lines(),
               title=script_title, index=index, total=total, media=scene.media)


@dataclass
class Choice:
    """A derived picture and why: the candidate that drew it (None: the scene's key points) and the runners-up."""

    visual: Visual
    chosen: Candidate | None = None
    runners_up: list[Candidate] = field(default_factory=list)


def derive_visual(scene: Scene, index: int, total: int, script_title: str) -> Visual:
    """A visual for a scene that has none (its own `visual`, if any, is ignored). Never raises."""
    return derive_choice(scene, index, total, script_title).visual


def rule_failed() -> None:
    """A rule raised while deriving (called in its `except`): the scene gets its plain card. The corpus tests
    replace this with a re-raise, so a broken rule fails there instead of hiding behind the card."""
    logging.getLogger(__name__).debug("a derivation rule failed; the scene gets a plain card", exc_info=True)


class CannotDraw(BadInput):
    """A candidate asked for by name (`prefer`) that is not one of the scene's, or that cannot draw it."""


def derive_choice(scene: Scene, index: int, total: int, script_title: str, prefer: str | None = None) -> Choice:
    """The derived visual with the candidate chosen and the runners-up (best first). Never raises, except that
    `prefer` (a candidate's name) draws that candidate whatever its score, and raises `CannotDraw` if it cannot."""
    try:
        ctx = _context(scene, index, total, script_title)
        draft, chosen, others = _draft(ctx, prefer)
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
            # (the evidence is what the voice says: 'He noticed ...', not the line as shown, 'Galton noticed ...')
            said = sentences_or_text(scene.text)
            visual = _with_evidence(visual, scene, script_title, said, draft) or visual
        drawn = visual is not None and chosen is not None and any(e.kind == chosen.kind for e in visual.elements)
        if prefer is not None and not drawn:
            raise _cannot(prefer)  # repaired away: the picture would not be what was asked for
        if visual is not None:
            return Choice(visual, chosen, others)
    except CannotDraw:
        raise
    except Exception:  # noqa: BLE001 — a derived picture is a convenience; a render must not fail on it
        rule_failed()
        if prefer is not None:
            raise _cannot(prefer) from None
    return Choice(plain_card(scene, script_title, index))


def _with_evidence(visual: Visual, scene: Scene, title: str, sentences: list[str], draft: Draft) -> Visual | None:
    """Every element with the words that justify it; an element nothing supports is dropped (when others remain)."""
    raw = visual.model_dump(mode="json", exclude_none=True)
    drafted = {e["id"]: e for e in draft.elements}
    for element in raw["elements"]:  # code keeps its indentation (repair trims labels)
        before = drafted.get(element["id"])
        if element["kind"] == "code" and before and len(before["items"]) == len(element["items"]):
            for item, old in zip(element["items"], before["items"], strict=True):
                if str(old.get("label", "")).strip() == item.get("label", "").strip():
                    item["label"] = old["label"]
    sources = ev.fields(scene, title)
    kept = []
    for element in raw["elements"]:
        element["evidence"] = ev.for_element(element, sources, ev.said_with(raw, element["id"], sentences))
        if element["evidence"] or element["kind"] == "image":
            kept.append(element)
    if not kept:
        return None
    ids = {e["id"] for e in kept}
    raw["elements"] = kept
    raw["steps"] = [st for st in raw.get("steps", []) if str(st["target"]).split(".")[0] in ids]
    try:
        return Visual.model_validate(raw)
    except ValueError:
        return None


def _draft(ctx: Ctx, prefer: str | None = None) -> tuple[Draft, Candidate | None, list[Candidate]]:
    draft = Draft()
    if ctx.media:
        draft.add("image", [{"label": ctx.media}], "I")
    ranked = candidates(ctx)
    chosen: Candidate | None = None
    if prefer is not None:
        draft, chosen = _preferred(ctx, draft, ranked, prefer)
    for cand in ranked if chosen is None else []:
        if cand.score < ENOUGH or cand.build is None:
            break
        trial = Draft(elements=list(draft.elements))
        if cand.build(ctx, trial) and not stated.labels_nothing(ctx, trial):
            draft, chosen = trial, cand
            break
    if chosen is None and ctx.index == 0 and not ctx.media:
        # an opening scene with nothing drawable in it borrows the subject of the script's title
        titled = Ctx([ph.plain(ctx.title)] * len(ctx.sentences), "", [], ctx.title, 0, ctx.total)
        for cand in candidates(titled):
            if cand.score >= ENOUGH and cand.build is not None and cand.kind in ("plane", "matrix", "plot", "shapes"):
                trial = Draft(elements=list(draft.elements))
                if cand.build(titled, trial):
                    # (the recipe's lines were read from the title: the scene's own words say more than it again)
                    said = {e["id"] for e in trial.elements if e["kind"] == "text"}
                    trial.elements = [e for e in trial.elements if e["id"] not in said]
                    trial.steps = [st for st in trial.steps if str(st["target"]).partition(".")[0] not in said]
                    draft, chosen = trial, cand
                    break
    if chosen is not None and (chosen.kind in ("bars", "timeline") or chosen.name == "table from the note") \
            and len(draft.elements) == 1:
        _result_beside(ctx, draft, ranked)
    if not draft.complete and (len(draft.elements) < 2 or (not draft.steps and len(draft.elements) < 3)):
        words_or_points(ctx, draft)
    elif chosen is not None and chosen.kind == "compare":
        beside_halves(ctx, draft)
    if chosen is not None and chosen.kind == "layers":
        beside_layers(ctx, draft)
    if len(draft.elements) == 1:
        _numbers_said(ctx, draft)   # (a chart alone, its unit its only heading)
    # the author's own lines, and the narration's own sentences shown whole ('... before it reaches you')
    _complete_words(draft, [*ctx.on_screen, *ph.quoted(ctx.anim), *(s.strip().rstrip(".!") for s in ctx.sentences)])
    draft.title = _title(ctx, draft)
    stated.said_once(draft)
    stated.read_out_once(draft)
    stated.state_point(ctx, draft)   # (after the headline: one that says something whole is the point already)
    stated.second_point(ctx, draft)
    stated.myth_beside(ctx, draft)
    names_again(draft)
    drawn = {re.sub(r"[\s$]", "", str(i.get("label", ""))) for e in draft.elements if e["kind"] == "equation"
             for i in e["items"]}
    if draft.title and _drawn_already(draft.title, drawn):
        draft.title = None   # the formula the picture draws, written again over it
    given = ctx.headed or ctx.index == 0  # the author's own headline, or the video's title, is theirs
    if draft.title and not given and not on_screen_ok(draft.title):
        draft.title = None
    if draft.title:   # a sub-line that says the headline again, under one point, reads as that point's alone
        for element in (e for e in draft.elements if e["kind"] == "bullets"):
            for item in element["items"]:
                if ph.overlap(str(item.get("detail") or ""), draft.title) >= 0.8 and item.get("detail"):
                    item.pop("detail")
    others = [c for c in ranked if c is not chosen][:3]
    return draft, chosen, others


# a sentence that states what the chart comes to: 'So the full cost is $90', 'That's a loss of about 17 cents'
_RESULT = re.compile(r"^(?:so|that's|that is|which is|in total|altogether|overall|the (?:total|answer|result) is)\b",
                     re.I)


def _result_beside(ctx: Ctx, draft: Draft, ranked: list[Candidate]) -> None:
    """A chart or a table drawn from the note shows the numbers a scene starts from; what they come to (the
    working the note writes out, or the sentence that says the result) goes beside it, or the scene's point is
    missing from its picture."""
    formula = next((c for c in ranked if c.kind == "equation" and c.score >= ENOUGH and c.build), None)
    if formula is not None and formula.build is not None and formula.build(ctx, draft):
        return
    said = [k for k, s in enumerate(ctx.sentences) if _RESULT.match(s.strip()) and re.search(r"\d", s)]
    # ('That's a loss of about 17 cents per game'): what it comes to, without the word pointing back at the chart
    if not said:
        return
    last = re.sub(r"^(?:that's|that is|which is)\s+", "", ctx.sentences[said[-1]].strip(), flags=re.I)
    line = ph.cap(ph.plain(whole_sentence(last, 14)))
    if line:
        tid = draft.add("text", [{"label": line}], "R")
        draft.show_items(tid, [said[-1]])


def _numbers_said(ctx: Ctx, draft: Draft) -> None:
    """Bars headed by their unit alone ('percent') say how much, not of what: the sentence that says their numbers
    ('... around 80 percent of your weekly time is easy, and only 20 percent is hard') goes beside them."""
    chart = draft.elements[0]
    if chart["kind"] != "bars" or draft.title:
        return
    values = {f"{float(i['value']):g}" for i in chart["items"] if i.get("value") is not None}
    best = max(((sum(1 for v in values if re.search(rf"(?<![\d.,]){re.escape(v)}(?![\d,]|\.\d)", x)), k)
                for k, x in enumerate(ctx.sentences)), default=(0, 0))
    if best[0] >= min(2, len(values)):
        # (a short one: a long sentence set large beside a chart takes the room the bars need)
        line = ph.plain(whole_sentence(ctx.sentences[best[1]], 20))
        if line and not leans(line):
            draft.show_items(draft.add("text", [{"label": line}], "R"), [best[1]])


def _preferred(ctx: Ctx, draft: Draft, ranked: list[Candidate], name: str) -> tuple[Draft, Candidate]:
    """The candidate a person picked by name, drawn whatever its score (they have seen what it supports)."""
    cand = next((c for c in ranked if c.name == name), None)
    if cand is None:
        names = ", ".join(f"“{c.name}”" for c in ranked[:4])
        raise CannotDraw(f"“{name}” is not a way this scene's words can be drawn",
                         f"choose one of {names}" if names else "this scene's words support only its key points")
    trial = Draft(elements=list(draft.elements))
    if cand.build is None or not cand.build(ctx, trial):
        raise _cannot(name)
    return trial, cand


def _cannot(name: str) -> CannotDraw:
    return CannotDraw(f"this scene's words do not give enough to draw “{name}”", "choose another way to draw it")


def _complete_words(draft: Draft, given: list[str]) -> None:
    """No cut piece of a sentence on screen: a key-point line that is one is dropped (its steps with it). A line
    the author gave as it is (an on-screen line, a label quoted in the note) is theirs and kept."""
    theirs = {ph.plain(g).lower() for g in given}
    # (and the cells of a row the note quotes whole: '1 - the' gives '1' and 'the')
    theirs |= {c.strip().lower() for g in given for c in re.split(r"\s+[–—-]\s+|\s*\|\s*", ph.plain(g)) if c.strip()}
    # a line that repeats an equation already drawn says it twice
    drawn = {re.sub(r"[\s$]", "", str(i.get("label", ""))) for e in draft.elements if e["kind"] == "equation"
             for i in e["items"]}
    for element in draft.elements:
        if element["kind"] not in ("text", "bullets"):
            continue
        # (a table's row is its cells, each the author's own: 'AB: AB only' ends where the note's cell does)
        keep = [k for k, item in enumerate(element["items"]) if (on_screen_ok(str(item.get("label", "")))
                or not item.get("label") or ph.plain(str(item["label"])).lower() in theirs
                or all(c.strip().lower() in theirs for c in re.split(r": | · | \| ", ph.plain(str(item["label"])))))
                and not _drawn_already(str(item.get("label", "")), drawn)]
        if len(keep) == len(element["items"]):
            continue
        renumber = {old: new for new, old in enumerate(keep)}
        element["items"] = [element["items"][k] for k in keep]
        steps = []
        for st in draft.steps:
            head, _, tail = str(st["target"]).partition(".")
            if head == element["id"] and tail.isdigit():
                if int(tail) not in renumber:
                    continue
                st = {**st, "target": f"{head}.{renumber[int(tail)]}"}
            steps.append(st)
        draft.steps = steps
    for element in draft.elements:
        if element["kind"] == "bullets" and len(element["items"]) == 1 and not element["items"][0].get("detail"):
            element["kind"] = "text"   # one point left is a line, not a numbered list of one
    gone = {e["id"] for e in draft.elements if not e["items"] and e["kind"] in ("text", "bullets")}
    draft.elements = [e for e in draft.elements if e["id"] not in gone]
    draft.steps = [st for st in draft.steps if str(st["target"]).split(".")[0] not in gone]


def _drawn_already(label: str, drawn: set[str]) -> bool:
    """A line that writes an equation the picture already draws (as written, or as it is set in math)."""
    if not label or "=" not in label:
        return False
    return re.sub(r"[\s$]", "", label) in drawn or re.sub(r"[\s$]", "", sm.to_math(label)) in drawn


def _title(ctx: Ctx, draft: Draft) -> str | None:
    """A scene's headline: its own, the script's title on its opening scene, the recipe's name for its picture,
    what the narration announces or names, a complete short sentence of it; else none (the video's title on
    every scene would say nothing of each)."""
    if ctx.headed:
        return fit_chars(ph.plain(ctx.on_screen[0]), 70)
    if ctx.index == 0 or not ctx.sentences:
        return fit_chars(ph.plain(ctx.title), 70) or None
    if draft.title:
        return fit_chars(draft.title, 70)
    if ctx.sections:
        return None   # two numbered parts in one scene: a headline from one would sit over the other's points
    said = ph.headline(ctx.sentences, last=ctx.total > 1 and ctx.index == ctx.total - 1, fallback=draft.hint or "")
    shown = [str(i.get("label", "")) for e in draft.elements if e["kind"] in ("text", "bullets") for i in e["items"]]
    if said and any(ph.overlap(said, line) >= 0.8 for line in shown):
        return None  # the sentence is already one of the picture's lines: over the others it would label them all
    # a headline names what is under it: one that shares no word with the picture ('Life beside the wall was grim'
    # over a timeline of visits, 'Crotchet' over the meanings of two numbers) labels the wrong thing
    drawn = " ".join(f"{i.get('label', '')} {i.get('detail', '')} {e.get('caption', '')}" for e in draft.elements
                     for i in e["items"])
    # (the scene's opening sentence, or what it announces, heads whatever the scene shows)
    # (nor does a term the scene names, which is what its picture shows an example of: 'Recursion' over code)
    opening = ph.overlap(said, ctx.sentences[0]) >= 0.8 or any(ph.announces(s) for s in ctx.sentences[:2]) \
        or any((ph.defined_term(s) or ("",))[0] == said for s in ctx.sentences[:3])
    if said and said != "Recap" and said != draft.hint and draft.elements and not opening \
            and ph.overlap(said, drawn) < 0.25:
        return None
    if said and _miscounts(said, draft):
        return None
    # a headline naming one of two halves ('Turbojets' over 'Turbojet vs Turbofan', 'The back held two spiral dials'
    # over 'Front vs Back') reads as the name of both
    for e in draft.elements:
        sides = re.split(r"\s+vs\.?\s+", str(e.get("caption") or ""), maxsplit=1) if e["kind"] == "compare" else []
        if len(sides) == 2 and said and (ph.overlap(sides[0], said) >= 0.5) != (ph.overlap(sides[1], said) >= 0.5):
            return None
    # a sentence about one of three or more points ('Fat gives about 9 kcal per gram' over fat, protein and carbs)
    # reads as the heading of them all
    listed = [str(i.get("label", "")) for e in draft.elements if e["kind"] in ("bullets", "compare")
              for i in e["items"]]
    if len(said.split()) >= 4 and len(listed) >= 3 and sum(1 for label in listed if ph.content_words(label) and
                                                           ph.overlap(label, said) >= 0.66) == 1:
        return None
    # a name that is one of the things drawn ('Pericarp' over a kernel's parts and what lime adds, 'Immigration'
    # over its curve and extinction's, 'A bowl of soup' over three shots) reads as the name of them all
    if len(said.split()) <= 4 and ph.content_words(said) and _names_one(said, draft):
        return None
    return fit_chars(stated.marker_point(said, ctx.sentences, draft), 70) or None


def _miscounts(said: str, draft: Draft) -> bool:
    """A headline that counts what is drawn under it ('A theremin has two antennas', 'The three acts have names')
    over a different number of things: it labels the wrong ones, or some that are not of its kind."""
    found = counted(said)
    lists = [e for e in draft.elements if e["kind"] in ("bullets", "flow", "timeline", "bars", "compare", "shapes")
             and len(e["items"]) >= 2]
    if not found or not lists:
        return False
    n = found[0][0]
    if any(re.search(rf"(?<![\d.,]){n}(?![\d.,])", str(i.get("label", ""))) for e in lists for i in e["items"]):
        return False   # ('Six games win a set' over '6–4 win', '7–5 win'): a number the picture shows, not a count
    # (the picture's first drawing is what a headline over it reads as counting: 'The three acts have names' over
    # four boxes is not saved by three lines under them)
    main = lists[0]
    sides = len({i.get("detail") for i in main["items"]}) if main["kind"] == "compare" else 0
    return len(main["items"]) != n and n != sides


def _names_one(said: str, draft: Draft) -> bool:
    """Whether every word of a short headline is in one of two or more things drawn and in no other (a side of a
    comparison counts as a thing, by its name)."""
    things: list[str] = []
    for e in draft.elements:
        if e["kind"] not in ("bullets", "compare", "flow", "plot", "timeline", "bars", "shapes"):
            continue
        things += [f"{i.get('label', '')} {i.get('detail', '') if e['kind'] != 'compare' else ''}" for i in e["items"]]
        if e["kind"] == "compare":
            things += re.split(r"\s+vs\.?\s+", str(e.get("caption") or ""), maxsplit=1)
    if len(things) < 2:
        return False
    return sum(1 for thing in things if ph.overlap(said, thing) >= 0.99) == 1
