"""Every problem a viewer would see in a script's pictures, at each aspect (`vidgen check`,
`GET /api/script/{token}/check`, the studio's list per scene).

Two kinds of look. The words on screen (cut phrases, labels the scene never says, evidence whose quote
is gone, empty pictures) are the same at every aspect and are reported once, as aspect "all". The
geometry (overlaps, text off the frame or under the captions, text too small, text cut by its box) is
read from the real layout and drawing code at each aspect (`vidgen.draw.boxes`), never guessed.
"""

from __future__ import annotations

import re
from typing import Any

from vidgen.author.complete import whole_ending
from vidgen.author.phrases import plain, quoted, says_recap
from vidgen.script.model import Scene, Script
from vidgen.script.sentences import sentences_or_text

ASPECTS = ("16:9", "9:16", "1:1")
ALL = "all"
MIN_TEXT = 1 / 45           # of the frame's short side: smaller text is not read on a phone
OVERLAP = 0.2               # of the smaller box's area: more is two things on top of each other
SLACK = 1.5                 # pixels of antialiasing a box may stray by

# a label ending on one of these stops before its meaning does ("Put it in the", "It's just")
_DANGLING = """a an the of to and or but nor with for from by at as than that which who whom whose this
these those its it's is are was were be been being has have had will would should could can may might must not
very just put because if when while whereas so such our your their my his her its into onto"""
DANGLING = frozenset(_DANGLING.split())
LEADING = frozenset({"and", "or", "nor", "which", "whose"})
_STOP_WORDS = """a an the of to and or but nor with for from by at as than that which who this these those it its
it's is are was were be been has have had will would should could can may might must not no so such on in into onto
out off up down over under what how why when where there here then you your we our they their he she his her i my
me us them one all any each more most very just also do does did get got"""
_STOP = frozenset(_STOP_WORDS.split())
# what a label of each kind says in words (math, code, expressions and shape names are read otherwise)
WORDED = {"text", "bullets", "flow", "compare", "timeline", "bars"}
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_MATH = re.compile(r"\$(?!\d)[^$]*\$")  # ('$76,123 ... $74,017' is money, not math)


def said_words(*texts: str) -> set[str]:
    """Every word of the texts and its crude stem: what `foreign_words` looks labels up in. A sign is said
    by its name: "2%" says "percent" as a chart's unit does."""
    out = {s for text in texts for w in _words(text) for s in (w, _stem(w))}
    if any("%" in text for text in texts):
        out |= {"percent", "per", "cent"}
    # ('$0.01' is written '0.01 dollars' on screen, as the voice reads it)
    for sign, names in (("$", {"dollar", "dollars"}), ("£", {"pound", "pounds"}), ("€", {"euro", "euros"}),
                        ("¥", {"yen"}), ("¢", {"cent", "cents"})):
        if any(sign in text for text in texts):
            out |= names
    return out


def _stem(word: str) -> str:
    for end in ("ing", "ies", "ed", "es", "s", "e"):
        if word.endswith(end) and len(word) - len(end) >= 3 and not word.endswith("ss"):
            return word[: -len(end)] + ("y" if end == "ies" else "")
    return word


def _words(text: str) -> list[str]:
    return _WORD.findall(_MATH.sub(" ", text.lower().replace("’", "'")))


def _on_screen(scene: Any) -> str:
    lines = scene.on_screen
    return "\n".join(lines) if isinstance(lines, list) else (lines or "")


def source_text(scene: Any, script_title: str, source: str) -> str:
    if source == "text":
        return scene.text
    if source == "anim":
        return scene.anim
    if source == "on_screen":
        return _on_screen(scene)
    extra = scene.model_extra or {}
    return f"{extra.get('title') or ''}\n{script_title}"


_FIELD = {"text": "narration", "anim": "animation note", "on_screen": "on-screen text", "title": "title"}


def quote_in(quote: str, field: str) -> bool:
    """An evidence quote is still in its field (case and spacing aside)."""
    return _squash(quote) in _squash(field)


def _squash(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _whole_sentence(label: str, narration: str) -> bool:
    """The label is one of the narration's sentences, whole (its final stop aside)."""
    said = _squash(label).rstrip(".!")
    # as the picture shows it: plain text, money in words ('$90' is '90 dollars')
    return bool(said) and any(_squash(plain(s)).rstrip(".!") == said for s in sentences_or_text(narration))


def cut_phrase(label: str) -> str | None:
    """Why a label is a cut piece of a sentence, or None when it ends where its meaning does."""
    text = _MATH.sub(" x ", label).strip()
    # a count going on ("Guesses: 1, 2, 3…") ends where its meaning does; words that trail off do not
    counting = re.search(r"\w,\s*\w+\s*(\.\.\.|…)$", text) and re.search(r"\d\s*,\s*\d", text)
    # a decimal that recurs ('0.999...', '3.14159…') goes on by its meaning, and a line may go on after it
    text = re.sub(r"(?<=\d\.\d)(\d*)(?:\.\.\.|…)", r"\1", text)
    if (text.endswith(("...", "…")) and not counting) or re.search(r"(\.\.\.|…)\s+\w", text):
        return "breaks off in an ellipsis"
    words = _words(text)
    if not words:
        return None
    if text.count("(") > text.count(")"):
        return "opens a bracket it never closes"
    last = text.split()[-1].strip(".,;:!?\"'”’)") if text.split() else ""
    named = last[:1].isupper() and len(words) > 1   # "Version A", "Plan B": a name, not an article
    # ('for vs while', 'if versus unless'): the last of two things compared is a name, whatever word it is
    named = named or bool(re.search(r"\s(?:vs\.?|versus)\s+\S+$", text, re.I))
    if len(words) > 1 and words[-1] in DANGLING and not named and not text.rstrip().endswith(("?", "!")) \
            and not whole_ending(words) and not _wh_clause(text) and not _SHORT_NO.match(text.strip()):
        return f'ends on "{words[-1]}"'
    if len(words) > 2 and words[0] in LEADING and text[:1].islower():
        return f'starts in the middle of a sentence ("{words[0]} …")'
    return None


# a clause opened by a wh-word and closed by its own verb ('how stiff the spring is', 'what it is', 'where
# they were'): the verb ends it, so a label ending on that verb ends where its meaning does
_WH_END = re.compile(r"\b(?:how|what|where|why|when|who|whatever|wherever|however|whoever)\s+"
                     r"(?:[\w'’-]+\s+){1,5}(?:is|are|was|were|be|been|does|do|did|can|could|will|would|has|have|"
                     r"had|may|might|must|should)[.!]?$", re.I)


# an answer that ends on its negation is whole ('Usually not', 'Probably not', 'Why not', 'Ready or not')
_SHORT_NO = re.compile(r"^(?:[\w'’-]+\s+){0,2}(?:\w+ly|perhaps|maybe|why|or|course|certainly)\s+not[.!]?$", re.I)


def _wh_clause(text: str) -> bool:
    """The label's last clause (after its last ':', ';', ',' or dash) is a whole wh-clause: its opener, a
    subject, and the verb it ends on."""
    clause = re.split(r"[:;,—–]\s", text.strip())[-1]
    return bool(_WH_END.search(clause))


def cut_cells(label: str, authored: str) -> str | None:
    """Why a label is cut, cell by cell for a row or header joined by ' · ' ('Mount · Where the data lives ·
    Best for'): each cell is the author's own words when `authored` (their on-screen text and animation note)
    holds it verbatim, and a column's name ending on 'for' or 'by' is complete as a column's name."""
    if _rowless(label) in _rowless(authored):
        return None   # (a row the note quotes whole with another mark between its cells: '1 - the' shown '1: the')
    cells = [c for c in label.split(" · ") if c.strip()] if " · " in label else [label]
    for cell in cells:
        why = cut_phrase(cell)
        if why and not quote_in(cell, authored):
            return why if len(cells) == 1 else f'has a cell "{cell}" that {why}'
    return None


def _rowless(text: str) -> str:
    """Text with the marks between a row's cells (':', '|', '·', a spaced dash) read as one mark."""
    return re.sub(r"\s*(?:[:|·]|\s[-–—])\s*", " ~ ", _squash(text))


def foreign_words(label: str, said: set[str]) -> list[str]:
    """The meaning words of a label that the scene never says; empty when most of them are said."""
    content = [w for w in _words(label) if w not in _STOP and len(w) > 2]
    missing = [w for w in content if _stem(w) not in said and w not in said]
    return missing if content and len(missing) * 2 > len(content) else []


def worded_labels(visual: Any, derived: bool = False) -> list[tuple[str, str, bool]]:
    """(where, label, made from words) of every worded text of a picture. Made from words: a derived
    picture's, or an element that records its evidence and that no person has edited since; what a person
    wrote by hand is their choice of words, not checked against the narration."""
    out = []
    if visual.title:
        out.append(("title", visual.title, derived))
    for el in visual.elements:
        made = derived or (bool(el.evidence) and not el.edited)
        if el.caption:
            out.append((f"{el.id} caption", el.caption, made))
        if el.kind not in WORDED:
            continue
        for j, item in enumerate(el.items):
            at = f"{el.id}.{item.id or j}"
            if item.label.strip():
                out.append((at, item.label, made))
            if item.detail and el.kind != "compare":
                out.append((f"{at} detail", item.detail, made))
    return out


def _problem(seq: int, aspect: str, what: str, where: str, message: str) -> dict[str, Any]:
    return {"seq": seq, "aspect": aspect, "what": what, "where": where, "message": message}


def word_problems(scene: Scene, visual: Any, script_title: str, derived: bool = False) -> list[dict[str, Any]]:
    """What is wrong with the words of a picture, whatever its size."""
    seq = scene.seq
    out = []
    said = said_words(scene.text, scene.anim, _on_screen(scene))
    titled = said | said_words(script_title)
    if says_recap(scene.text):
        titled |= {"recap"}   # the headline of a closing summary names what the words do
    for where, label, made in worded_labels(visual, derived):
        # a label the author wrote as it is ('9f86d0…', a hash shortened on purpose) is theirs, not cut
        # and a sentence of the narration shown whole ('... before it reaches you') ends where it ends
        # (a label the note quotes, or the author's own line: not words of the note's description, 'shows a soft
        # brush with a ...', which a cut leaves ending where no one wrote it to end)
        authored = "\n".join([*quoted(scene.anim), _on_screen(scene)])
        why = None if quote_in(label, authored) or _whole_sentence(label, scene.text) else cut_cells(label, authored)
        if why:
            out.append(_problem(seq, ALL, "cut phrase", where, f'"{label}" {why}'))
        missing = made and foreign_words(label, titled if where == "title" else said)
        if missing:
            out.append(_problem(seq, ALL, "foreign label", where,
                                f'"{label}" is not in the scene\'s words (no "{missing[0]}" in its narration, '
                                "animation note or on-screen text)"))
    for el in visual.elements:
        for ev in el.evidence:
            if not quote_in(ev.quote, source_text(scene, script_title, ev.source)):
                out.append(_problem(seq, ALL, "stale evidence", el.id,
                                    f"the picture says '{ev.quote}'; the {_FIELD[ev.source]} no longer does"))
    if all(not el.items for el in visual.elements):
        out.append(_problem(seq, ALL, "empty picture", "picture", "the picture has nothing in it"))
    else:
        out += [_problem(seq, ALL, "empty element", el.id, f"element {el.id} ({el.kind}) has nothing in it")
                for el in visual.elements if not el.items]
    return out


def stale_evidence(script: Script) -> list[dict[str, Any]]:
    """Elements whose evidence is gone from the words, scene by scene (what `vidgen show` flags)."""
    from vidgen.author.describe import visual_of

    scenes = script.ordered_scenes()
    out = []
    for i, scene in enumerate(scenes):
        visual, derived = visual_of(scene, i, len(scenes), script.title)
        out += [p for p in word_problems(scene, visual, script.title, derived) if p["what"] == "stale evidence"]
    return out


def _area(r: tuple[float, float, float, float]) -> float:
    return max(0.0, r[2] - r[0]) * max(0.0, r[3] - r[1])


def _meet(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    return _area((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])))


def _clipped(a: tuple[float, float, float, float], c: tuple[float, float, float, float]
             ) -> tuple[float, float, float, float]:
    return (max(a[0], c[0]), max(a[1], c[1]), min(a[2], c[2]), min(a[3], c[3]))


def geometry_problems(seq: int, aspect: str, frames: list[Any], visual: Any = None) -> list[dict[str, Any]]:
    """What is wrong with where things land, from the boxes measured at each moment looked at (and, given the
    picture, a word of its labels broken across two lines)."""
    from vidgen.draw.glyphs import undrawable

    out: dict[tuple[str, str, str], dict[str, Any]] = {}   # one line per problem, however many moments show it

    def add(what: str, where: str, message: str) -> None:
        out.setdefault((what, where, message), _problem(seq, aspect, what, where, message))

    for f in frames:
        short = min(f.width, f.height)
        names = {e.index: e.id for e in f.elements}
        for e in f.elements:
            if e.failed:
                add("not drawn", e.id, f"element {e.id} ({e.kind}) could not be drawn")
        for i, a in enumerate(f.elements):
            for b in f.elements[i + 1:]:
                if _meet(a.content, b.content) > OVERLAP * min(_area(a.content), _area(b.content)):
                    add("overlap", f"{a.id}, {b.id}", f"elements {a.id} and {b.id} are drawn over each other")
        texts = [t for t in f.texts if t.size > 0]
        seen = [_clipped(t.ink, t.clip) for t in texts]   # what of each text is on screen
        for k, t in enumerate(texts):
            where = "title" if t.element is None else names[t.element]
            x0, y0, x1, y1 = t.ink
            missing = undrawable(t.label)
            if missing:
                add("missing glyph", where, f'"{t.label}" has characters the video\'s font cannot draw ({missing}): '
                                            "they show as empty boxes")
            if t.size < short * MIN_TEXT:
                add("text too small", where, f'"{t.label}" is {t.size:.0f} px high; a viewer needs at least '
                                             f"{short * MIN_TEXT:.0f} px at {f.width}x{f.height}")
            c = t.clip
            if _area(seen[k]) <= 0:
                continue   # wholly outside what it is drawn in: nothing of it is seen
            if x0 < -SLACK or y0 < -SLACK or x1 > f.width + SLACK or y1 > f.height + SLACK:
                add("off frame", where, f'"{t.label}" runs out of the frame')
            elif x0 < c[0] - SLACK or y0 < c[1] - SLACK or x1 > c[2] + SLACK or y1 > c[3] + SLACK:
                add("cut off", where, f'"{t.label}" is cut off at the edge of its box')
            elif y1 > f.caption_top + SLACK:
                add("under captions", where, f'"{t.label}" is under the caption band')
        for where, broken in _broken_words(texts, names, visual):
            add("word broken", where, f'"{broken}" is broken across two lines')
        for i, a in enumerate(texts):
            for k in range(i + 1, len(texts)):
                b = texts[k]
                if a.label == b.label and a.ink == b.ink:
                    continue   # the same text drawn twice in one place (a highlight over it)
                if _meet(seen[i], seen[k]) > OVERLAP * min(_area(seen[i]), _area(seen[k])) > 0:
                    where = ", ".join(dict.fromkeys("title" if t.element is None else names[t.element]
                                                    for t in (a, b)))
                    add("overlap", where, f'"{a.label}" and "{b.label}" are drawn over each other')
    return list(out.values())


def _broken_words(texts: list[Any], names: dict[int, str], visual: Any) -> list[tuple[str, str]]:
    """Words of an element's labels that its drawer split by character ('Befo' over 're' in a narrow box): a line
    that ends on the start of a label's word, over a line that starts with the rest of it."""
    if visual is None:
        return []
    out = []
    for index, name in names.items():
        said = " ".join(f"{i.label} {i.detail or ''}" for i in visual.elements[index].items) \
            if index < len(visual.elements) else ""
        whole = set(re.findall(r"[^\W\d_]{2,}", said))
        mine = sorted((t for t in texts if t.element == index), key=lambda t: (round(t.ink[1]), t.ink[0]))
        for a, b in zip(mine, mine[1:], strict=False):
            head = re.search(r"([^\W\d_]+)$", a.label.strip())
            tail = re.match(r"([^\W\d_]+)", b.label.strip())
            if head and tail and len(head[1]) >= 2 and len(tail[1]) >= 2 and tail[1][0].islower() and \
                    b.ink[1] > a.ink[1] and head[1] + tail[1] in whole and head[1] not in whole:
                out.append((name, head[1] + tail[1]))
    return out


def check_script(script: Script, home: Any, quality: str = "medium",
                 aspects: tuple[str, ...] = ASPECTS) -> list[dict[str, Any]]:
    """Every problem of every scene's picture, at each aspect (scenes drawn as a slide around the user's own
    photo or video are the user's design, not checked)."""
    from vidgen.author.describe import visual_of
    from vidgen.draw.boxes import boxes_at, moments
    from vidgen.draw.scene import VisualScene
    from vidgen.draw.theme import Theme
    from vidgen.render.presets import QUALITIES, frame_size
    from vidgen.render.timing import estimated_plan

    scenes = script.ordered_scenes()
    fps = QUALITIES[quality].fps  # type: ignore[index]  # callers pass a quality's name
    problems: list[dict[str, Any]] = []
    pictures = []
    for i, scene in enumerate(scenes):
        if scene.visual is None and scene.media:
            continue
        visual, derived = visual_of(scene, i, len(scenes), script.title)
        plan = estimated_plan(i, scene.seq, sentences_or_text(scene.text), fps, scene.duration_sec)
        pictures.append((i, scene, visual, [(s.start, s.duration) for s in plan.sentences], plan.frames / fps))
        problems += word_problems(scene, visual, script.title, derived)
    for aspect in aspects:
        W, H = frame_size(quality, aspect)
        theme = Theme.for_script(script.title, W, H)
        for i, scene, visual, timing, duration in pictures:
            drawn = VisualScene(visual, theme, timing, duration, home=home, index=i, total=len(scenes))
            problems += geometry_problems(scene.seq, aspect, [boxes_at(drawn, t) for t in moments(drawn)], visual)
    order = {a: k for k, a in enumerate((ALL, *aspects))}
    return sorted(problems, key=lambda p: (p["seq"], order.get(p["aspect"], 9)))


def line(problem: dict[str, Any]) -> str:
    """One problem as one line: scene, aspect, what, where, and what a viewer sees."""
    return (f"scene {problem['seq']}  {problem['aspect']:<5} {problem['what']} ({problem['where']}): "
            f"{problem['message']}")
