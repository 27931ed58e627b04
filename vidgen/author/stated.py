"""The point, stated: a picture of only names, numbers or a drawing's labels ('Plankton', 'Small fish', '≈ 25 ppm')
shows what a scene is about, not what it says of it. Every derived picture carries one sentence of the scene that
stands on its own, unless it already does (issue 20; see docs/decisions.md, 'A sentence in every picture')."""

from __future__ import annotations

import re

from vidgen.author import phrases as ph
from vidgen.author.bare import FIGURES, VERB, labels_a_picture, over_nothing, picture_heads
from vidgen.author.complete import on_screen_ok, unmarked, whole_clause
from vidgen.author.draft import GLYPHLESS, Ctx, Draft
from vidgen.author.pointing import MYTH, REPORTED, SET_UP, answers, informative_order, leans
from vidgen.author.teasers import FORWARD
from vidgen.script.sentences import NUMBERED_PART

# kinds that are the point themselves when drawn: a program's lines, a formula (a statement of its own, and a
# worked one says each step beside it), a chain of arrows ('Ore → Iron → Steel' says what becomes what), the
# person's own picture
_WHOLE = frozenset({"code", "equation", "flow", "image"})
# beside a graph, or more than five things, a sentence leaves too little room at 1:1 or 9:16: each is drawn smaller
# than a viewer can read, so the scene keeps its one element
_FULL = frozenset({"plot", "plane", "matrix"})
_MOST_ITEMS = 6
MAX_LINES = 6   # (a list of six has no room for one more line)
_MOST_CHARS = 100   # (beside up to three short things, a longer sentence still has room: _ROOMY_CHARS)
_ROOMY_CHARS = 130


def stands(line: str) -> bool:
    """A line on screen that says something whole: a sentence of six words or more, with a verb, that leans on
    nothing."""
    return len(line.split()) >= 6 and not leans(line) and not line.rstrip().endswith("?") and \
        not FORWARD.search(unmarked(line).rstrip(" .!")) and \
        bool(VERB.search(" ".join(line.split()[1:])))


def on_screen(draft: Draft) -> list[str]:
    """Every line the picture shows (a half's side is where it goes, not a line)."""
    lines = [draft.title or ""]
    for e in draft.elements:
        for i in e["items"]:
            lines.append(str(i.get("label", "")))
            if e["kind"] not in ("compare", "bars", "timeline"):
                lines.append(str(i.get("detail") or ""))
    return [x for x in lines if x.strip()]


def said_once(draft: Draft) -> None:
    """A formula read from a line another element shows already ('1859 - France sets A = 435', a timeline's entry,
    set again as maths) is not drawn twice."""
    def bare(text: str) -> str:
        return re.sub(r"\\[a-z]+|[^0-9a-z]", "", text.lower())

    for el in list(draft.elements):
        mine = {bare(str(i.get("label", ""))) for i in el["items"]} - {""}
        others = {bare(str(i.get("label", ""))) for o in draft.elements if o is not el for i in o["items"]}
        if el["kind"] == "equation" and mine and mine <= others:
            draft.elements.remove(el)
            draft.steps = [st for st in draft.steps if str(st["target"]).partition(".")[0] != el["id"]]


# a formula read aloud ('one over R total equals one over R one plus one over R two')
_READ_OUT = re.compile(r"\bequals?\b.*\b(?:over|plus|minus|times|squared|cubed|divided by|multiplied by|square root)\b|"
                       r"\b(?:over|plus|minus|times|squared|divided by)\b.*\bequals?\b", re.I)


def crowded(draft: Draft) -> bool:
    """A chain of boxes with a long name ('10:00:00 response received, max-age=600', a sentence of its own): in a
    portrait frame its boxes stack and fill the room, so no line beside it fits at a size a viewer reads."""
    return any(e["kind"] == "flow" and any(len(str(i.get("label", ""))) > 35 for i in e["items"])
               for e in draft.elements)


def read_out_once(draft: Draft) -> None:
    """Beside a drawn formula, a line that reads a formula out in words says again, harder to read, what the
    drawing shows: it goes (the drawing is the formula)."""
    if not any(e["kind"] == "equation" for e in draft.elements):
        return
    for el in [e for e in draft.elements if e["kind"] in ("text", "bullets")]:
        for j in reversed(range(len(el["items"]))):
            if _READ_OUT.search(str(el["items"][j].get("label", ""))) and len(el["items"]) > 1:
                draft.drop_item(el, j)


def _quotes(line: str, shown: str) -> bool:
    """The line ends quoting what is shown ('Warren told the room: Gentlemen, this is no humbug' beside it): it says
    it again, with only who said it."""
    return len(shown.split()) >= 3 and bool(re.search(r"[:\"“'‘]\s*" + re.escape(shown) + r"\W*$", line, re.I))


def state_point(ctx: Ctx, draft: Draft) -> None:
    """When nothing on screen says something whole, the scene's most informative sentence that stands alone goes
    beside it: one that names what the picture shows first, else the one that says most."""
    # (one formula in words, 'Horizon line = eye level', names what the scene explains: the point goes beside it)
    worded = [str(i.get("label", "")) for i in draft.elements[0]["items"]] if draft.elements else []
    worded = [re.sub(r"\\mathrm\{([^{}]*)\}", r"\1", w).replace("\\ ", " ").strip("$ ") for w in worded]
    worded = worded if len(worded) == 1 and re.fullmatch(r"[A-Za-z' ]+=[A-Za-z' ]+", worded[0]) else []
    if ctx.on_screen or len(draft.elements) != 1 or draft.elements[0]["kind"] in _WHOLE | _FULL and not worded \
            or len(draft.elements[0]["items"]) > _MOST_ITEMS or ph.says_recap(ctx.narration):
        return   # (the author's own lines are theirs; beside two elements there is no room; a recap's names are
        # its summary, said already)
    shown = on_screen(draft)
    if any(stands(x) for x in shown):
        return
    names = [x for x in shown if 1 <= len(x.split()) <= 5] + [w.split("=")[0].strip() for w in worded]
    said = ["" if REPORTED.search(s) or SET_UP.match(unmarked(s)) or ph.is_greeting(s) else s for s in ctx.sentences]
    alone = ["" if leans(s) else s for s in said]
    # one that names a thing the picture shows relates the picture to what the scene says of it; else one that names
    # what the video is about; never a side detail that names neither
    # (words of four letters name subjects too: 'Why Some Pine Cones Wait for Fire', 'How Sand Dunes Move')
    topic = {w for w in ph.content_words(ctx.title) if len(w) >= 4}
    naming = [s if s and any(_names(x, s, head=False) for x in names) else "" for s in alone]
    about = ["" if not s or naming[k] else s if topic & ph.content_words(s) else "" for k, s in enumerate(alone)]
    # (then one that names a thing shown by its last word only: 'the pelts it bought' beside 'Lynx pelts')
    by_head = ["" if not s or naming[k] or about[k] else s if any(_names(x, s) for x in names) else ""
               for k, s in enumerate(alone)]
    # and when every such sentence leans on another ('In the lab, her blood is spun into red cells, plasma and
    # platelets'), the one that names what is shown still says more than the bare names alone
    # (a countdown's heading on screen, 'Number three: cumulus', names what the sentences after it point at:
    # 'These are the puffy, cotton-wool clouds of a summer afternoon')
    headed = next((k for k, s in enumerate(ctx.sentences) if NUMBERED_PART.match(s.strip()) and
                   any(ph.overlap(x, s) >= 0.8 for x in shown)), None)
    # (not one that opens on 'That is ...' further down: it points at the sentence before it, not at the heading)
    leaning = [s if s and not alone[k] and (any(_names(x, s, head=False) for x in names) or
                                            headed is not None and k > headed and not (
                                                k - 1 > headed and re.match(r"(?:that|this)\b", s, re.I)))
               else "" for k, s in enumerate(said)]
    # (a timeline or a chart set tall in a portrait frame leaves the shorter room)
    short = draft.elements[0]["kind"] in ("bullets", "compare") and len(draft.elements[0]["items"]) <= 3 and \
        all(len(x) <= 40 for x in shown)
    most = _ROOMY_CHARS if short else _MOST_CHARS
    termed = [f"{i.get('label', '')} {i['detail']}" for e in draft.elements for i in e["items"] if i.get("detail")]
    for k, strict in [*((k, True) for k in informative_order(naming, 32) + informative_order(about, 32) +
                        informative_order(by_head, 32)),
                      *((k, False) for k in informative_order(leaning, 32))]:
        line = ph.plain(whole_clause(ctx.sentences[k], 24))
        # (nor a line in a script the video's fonts may not have: CJK and beyond show as boxes)
        if not (stands(line) if strict else len(line.split()) >= 6) or len(line) > most or \
                not on_screen_ok(line) or GLYPHLESS.search(line) or \
                any(ph.overlap(line, x) >= 0.8 or _quotes(line, x) for x in shown) or \
                any(ph.overlap(re.sub(r"\bcalled\b", "", line), x) >= 0.75 for x in termed):
            continue   # (nor the sentence a term and its gloss were taken from: 'Odometry' over 'a kind of ...')
        tid = draft.add("text", [{"label": ph.cap(line).rstrip(" .")}], "P")
        # (the point over what it is about, read first; beside another line of text, in the order they are said:
        # under a heading such as 'Number three: cumulus')
        first = draft.elements[0]
        said_at = min((st["sentence"] for st in draft.steps if str(st["target"]).partition(".")[0] == first["id"]),
                      default=0)
        if first["kind"] != "text" or k < said_at:
            draft.elements.insert(0, draft.elements.pop())
        draft.step(k, "show", tid)
        return


def introduced(sentences: list[str], k: int) -> bool:
    """Whether sentence k opens on a thing the sentence before brought in ('... you cut a square groove across the
    grain.' then 'The groove carries the weight'): alone on screen, 'the groove' is one nobody has seen."""
    m = re.match(r"\s*the\s+([a-z]+)(?:\s+([a-z]+))?\b", sentences[k], re.I) if 0 < k < len(sentences) else None
    if m is None:
        return False
    return any(len(w) >= 4 and re.search(rf"\b(?:a|an)\s+(?:[\w-]+\s+){{0,2}}{w}\b", sentences[k - 1], re.I)
               for w in (m[1], m[2] or "") if w)


def _antecedent(ctx: Ctx, k: int) -> str:
    """The sentence right before sentence k, said briefly, when k leans on it and it stands alone ('The Moon takes
    about twenty-seven days to orbit the Earth' before 'Because those two periods match, ...'); else ''."""
    if answers(ctx.sentences, k):
        # (the question it answers: 'Not a single one' alone answers nothing on screen)
        asked = re.sub(r"^\s*(?:(?:a\s+)?quick\s+|here's\s+a\s+|one\s+)?question:\s*", "",
                       unmarked(ctx.sentences[k - 1]), flags=re.I)
        return ph.cap(asked.strip()) if len(asked.split()) <= 16 and not leans(asked) else ""
    if not 0 < k < len(ctx.sentences) or not (leans(ctx.sentences[k]) or introduced(ctx.sentences, k)) or \
            leans(ctx.sentences[k], strongly=True) and \
            re.match(r"\s*(?:another|others?|the other|either way|yes|no)\b", ctx.sentences[k], re.I):
        return ""   # ('Another is ...'): it leans on a list, not on the sentence before it
    before = ctx.sentences[k - 1]
    if leans(before) or before.rstrip().endswith("?") or REPORTED.search(before) or ph.is_greeting(before):
        return ""
    return ph.plain(whole_clause(before, 16))


def with_antecedents(ctx: Ctx, lines: list[tuple[str, str | None, int]],
                      taken: str) -> list[tuple[str, str | None, int]]:
    """A line that is a sentence leaning on the one before it is shown after that one: what it points at ('those two
    periods', 'her blood', 'Because of this') is then on screen too. Lines the scene already shows are not doubled;
    a name or a label the note quotes leans on nothing."""
    lines = _denied(ctx, _with_markers(ctx, lines))
    if not lines or len(lines) >= 4:
        return lines
    shown = {k for _, _, k in lines}
    out: list[tuple[str, str | None, int]] = []
    for label, detail, k in lines:
        said = _is_sentence(ctx, label, k)
        # (as shown: 'The catch is that a cache is small' is shown as 'A cache is small', which leans on nothing;
        # and not when a line it may lean on is shown just before it)
        # (a thing the sentence right before brought in, 'The groove ...', is on screen only with that sentence)
        near = 1 if not leans(label) else 2
        before = _antecedent(ctx, k) if said and not detail and (
            leans(label) or introduced(ctx.sentences, k) or answers(ctx.sentences, k)) and \
            not any(0 < k - j <= near for j in shown) else ""
        if before and (ph.overlap(before, taken) >= 0.6 or any(ph.overlap(before, x) >= 0.6 for x, _, _ in lines)):
            before = ""
        if before and len(out) + len(lines) < 5:
            out.append((ph.cap(before).rstrip(" ."), None, k - 1))
            shown.add(k - 1)
        out.append((label, detail, k))
    return out


def _with_markers(ctx: Ctx, lines: list[tuple[str, str | None, int]]) -> list[tuple[str, str | None, int]]:
    """Lines of two parts of a countdown ('Number two: know how to escape a rip', then 'And number one: surf with a
    friend') each keep their part's marker: cut from the second, 'Surf with a friend' reads as part of tip two."""
    # (only a line that is its sentence, one line a sentence: two quotes said in it, 'Queen's Gambit Accepted',
    # '... Declined', are no parts of it)
    said = [k for _, _, k in lines]
    opens = [re.match(r"\s*(?:and|so|finally|last(?:ly)?)?,?\s*(" + NUMBERED_PART.pattern + r")\s*[:,.—–-]\s*\S",
                      ctx.sentences[k], re.I) if _is_sentence(ctx, label, k) and not re.match(r"\d", label)
             and said.count(k) == 1 and len(label) >= 0.4 * len(ctx.sentences[k]) else None for label, _, k in lines]
    if sum(1 for m in opens if m) < 2:
        return lines
    # (cased as said after its marker: 'Number one: surf with a friend')
    return [(f"{ph.cap(m[1])}: {_cased(label, m.group(0)[-1])}" if m and not label.lower().startswith(m[1].lower())
             else label, detail, k) for (label, detail, k), m in zip(lines, opens, strict=True)]


def _denied(ctx: Ctx, lines: list[tuple[str, str | None, int]]) -> list[tuple[str, str | None, int]]:
    """A claim the next sentence denies outright ('Overproofed dough is ruined.' then 'Not necessarily.') is shown
    marked as wrong: unmarked, it reads as the scene's point."""
    def denied(label: str, k: int) -> bool:
        return _is_sentence(ctx, label, k) and k < len(ctx.sentences) - 1 and re.fullmatch(
            r"\s*(?:not (?:necessarily|so|true|quite|really|at all)|wrong|nope|false|untrue)[.!]?\s*",
            ctx.sentences[k + 1], re.I) is not None
    return [(f"✗ {label}" if denied(label, k) and not label.startswith("✗") else label, d, k) for label, d, k in lines]


def _is_sentence(ctx: Ctx, label: str, k: int) -> bool:
    """The line is sentence k, or most of it: not a quote said inside it."""
    return 0 <= k < len(ctx.sentences) and len(label.split()) >= 4 and ph.overlap(ctx.sentences[k], label) >= 0.6


def _cased(label: str, said: str) -> str:
    return label[:1].lower() + label[1:] if said.islower() and re.match(r"[A-Z][a-z]", label) else label


def marker_point(said: str, sentences: list[str], draft: Draft) -> str:
    """A countdown's marker alone ('Number four.') heads nothing: with its next sentence, when that is short and
    stands alone, it says what the part is ('Number four: Rivers have a family tree'); else the marker as it is."""
    k = next((k for k, s in enumerate(sentences) if ph.overlap(said, s) >= 0.99), None)
    if not NUMBERED_PART.fullmatch(said.strip(" .!:")) or k is None or k + 1 >= len(sentences):
        return said
    nxt = sentences[k + 1].strip().rstrip(".!")
    if len(nxt.split()) > 8 or leans(nxt) or nxt.endswith("?") or not on_screen_ok(nxt) or \
            any(ph.overlap(nxt, x) >= 0.8 for x in on_screen(draft)):
        return said   # (nor when the picture shows it already)
    drawn = " ".join(on_screen(draft)[1 if draft.title else 0:])
    if drawn and ph.overlap(nxt, drawn) < 0.25:
        return said   # (nor over a picture it says nothing of: it would head the wrong thing)
    return f"{said.strip(' .!:')}: {ph.cap(ph.plain(nxt))}"


def myth_beside(ctx: Ctx, draft: Draft) -> None:
    """A myth a countdown names ('Myth one: everyone needs eight glasses a day') is never shown alone, where it reads
    as the answer; right over its rebuttal, the sentence after it, it is what the rebuttal answers, and the rebuttal
    ('There is no solid basis for that number') says what it corrects. Two paired reviewers wanted it kept so."""
    for el in draft.elements:
        if el["kind"] not in ("text", "bullets") or len(el["items"]) >= MAX_LINES:
            continue
        for j, item in enumerate(el["items"]):
            label = str(item.get("label", ""))
            # (not over a concession, 'It is true that ... settles near 48.6 percent': that reads as the myth's proof)
            k = next((k for k, s in enumerate(ctx.sentences) if k > 0 and ph.overlap(s, label) >= 0.8
                      and re.match(MYTH, ctx.sentences[k - 1], re.I)
                      and not re.match(r"(?:it(?:'s|’s| is) true|true,|yes,|granted,|admittedly)", s.strip(), re.I)),
                     None)
            if k is None:
                continue
            myth = ph.plain(whole_clause(ctx.sentences[k - 1], 16))
            # (nor beside the note's own 'Myth: rain from a clear sky': the same myth twice reads as two)
            if not myth or any(ph.overlap(myth, x) >= 0.8 or re.match(r"myth\b", x, re.I) for x in on_screen(draft)):
                continue
            el["items"].insert(j, {"label": ph.cap(myth).rstrip(" .")})
            # (the items after it move down one place; the myth is shown as it is said)
            for st in draft.steps:
                head, _, tail = str(st["target"]).partition(".")
                if head == el["id"] and tail.isdigit() and int(tail) >= j:
                    st["target"] = f"{head}.{int(tail) + 1}"
            draft.step(k - 1, "show", f"{el['id']}.{j}")
            return


def second_point(ctx: Ctx, draft: Draft) -> None:
    """A picture of one sentence alone shows the scene's set-up or its turn, rarely both ('A weather presenter stands
    in front of a moving map' without 'In the studio there is only a green wall'): a scene of three sentences or more
    shows a second one that stands alone, the most informative after it (else before it), in the order they are
    said."""
    if ctx.on_screen or len(draft.elements) != 1 or draft.elements[0]["kind"] != "text" or \
            len(draft.elements[0]["items"]) != 1 or len(ctx.sentences) < 3 or ph.says_recap(ctx.narration):
        return
    el = draft.elements[0]
    shown = str(el["items"][0].get("label", ""))
    at = next((st["sentence"] for st in draft.steps if str(st["target"]).partition(".")[0] == el["id"]), None)
    if at is None:
        return
    # (nor the sign-off's advice, 'Next time you drink a glass of water, remember ...')
    alone = ["" if k == at or leans(s) or REPORTED.search(s) or SET_UP.match(unmarked(s)) or ph.is_greeting(s)
             or re.match(r"(?:so\s+)?(?:next time|remember)\b", s.strip(), re.I) else s
             for k, s in enumerate(ctx.sentences)]
    ranked = informative_order(alone, 24)
    for k in [k for k in ranked if k > at] + [k for k in ranked if k < at]:
        line = ph.plain(whole_clause(ctx.sentences[k], 20))
        if not stands(line) or len(line) > _MOST_CHARS or not on_screen_ok(line) or \
                GLYPHLESS.search(line) or ph.overlap(line, shown) >= 0.6 or \
                draft.title and ph.overlap(line, draft.title) >= 0.6:
            continue
        item = {"label": ph.cap(line).rstrip(" .")}
        el["items"] = [el["items"][0], item] if k > at else [item, el["items"][0]]
        # (each line shown as it is said: the steps name items by place)
        draft.steps = [st for st in draft.steps if str(st["target"]).partition(".")[0] != el["id"]]
        draft.step(min(at, k), "show", f"{el['id']}.0")
        draft.step(max(at, k), "show", f"{el['id']}.1")
        return


def _names(label: str, sentence: str, head: bool = True) -> bool:
    name = re.sub(r"\s*\(.*", "", label).strip(" .:")
    # (said in the plural too: 'antibiotics' names the 'antibiotic' shown)
    if name and re.search(rf"(?<![\w-]){re.escape(name)}(?:s|es)?(?![\w-])", sentence, re.I):
        return True
    # or by the thing it names, its last word: 'the pelts it bought' names 'Lynx pelts' and 'Hare pelts'
    # (`head`: not for a sentence that leans, which is shown only when it names what is shown outright)
    words = name.split()
    last = words[-1] if head and len(words) >= 2 else ""
    return len(last) >= 5 and last.isalpha() and last.lower() not in ph.STOP and \
        bool(re.search(rf"(?<![\w-]){re.escape(last)}(?![\w-])", sentence, re.I))


def labels_nothing(ctx: Ctx, draft: Draft) -> bool:
    """A list or two halves holding only bare names the voice never lists ('Contracted' | 'Relaxed' over two empty
    boxes): the labels of a drawing that is not drawn. The scene's sentences say more."""
    # (a list whose every name the voice explains, 'Cube' under 'Six flat, square faces', labels something; and
    # beside a drawing, 'Pivot' beside a pendulum, the names are its parts)
    if any(e["kind"] in FIGURES for e in draft.elements):
        return False
    # (two halves with one empty, 'Depends on: Lens, Focus ...' beside 'Does not' and nothing under it, compare
    # nothing; a compare item's detail is its side; nor do two halves holding only the heads of two pictures)
    if any(e["kind"] == "compare" and (len({str(i.get("detail")) for i in e["items"]}) == 1 or
                                       picture_heads([str(i.get("label", "")) for i in e["items"]]))
           for e in draft.elements):
        return True
    if any((e["kind"] == "compare" or e["kind"] == "bullets" and not all(i.get("detail") for i in e["items"]))
           and over_nothing(ctx, [str(i.get("label", "")) for i in e["items"]]) for e in draft.elements):
        return True
    # (or the labels of a picture no kind draws, half of them bare: 'Ear opening: higher' beside a face's drawing;
    # two halves with their own names, 'Inventor gives' | 'Public gives', compare what they hold)
    return any(labels_a_picture(ctx, [str(i.get("label", "")) for i in e["items"]],
                                [str(i.get("label", "")) for i in e["items"] if e["kind"] == "compare" or
                                 not i.get("detail")], readings=e["kind"] == "bullets") for e in draft.elements
               if e["kind"] == "bullets" or e["kind"] == "compare" and not e.get("caption"))
