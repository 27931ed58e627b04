"""Key points: the fallback picture of a scene no drawing fits, and the companion of a lone drawing.

What goes on screen is the author's own lines, the labels the note quotes (not its props, not a reading the voice
never says), the numbered parts of a countdown, else the scene's sentences that stand on their own, whole.
"""

from __future__ import annotations

import re

from vidgen.author import anim as an
from vidgen.author import anim_graphs as ag
from vidgen.author import anim_tables as tables
from vidgen.author import phrases as ph
from vidgen.author.anim_chains import arrow_labels, grouped
from vidgen.author.bare import (
    FIGURES,
    alike,
    crossed,
    labels_a_picture,
    names_a_drawing,
    over_nothing,
    picture_heads,
    without_bare,
)
from vidgen.author.complete import unmarked, whole_clause, whole_sentence
from vidgen.author.derive_words import NUMBERED, numbered_items, numeric_rows, row_line
from vidgen.author.draft import GLYPHLESS, Ctx, Draft
from vidgen.author.pointing import REPORTED, SET_UP, informative_order, leans
from vidgen.author.saysmost import with_the_point
from vidgen.author.scenery import EACH_WITH, FRAME, PANEL, TIME_PANEL, beside_parts, captions, prop, unsaid_reading
from vidgen.author.stated import crowded, with_antecedents
from vidgen.author.teasers import FORWARD
from vidgen.visual.spec import MAX_ITEMS


def _row(quote: str) -> str:
    """A table's row quoted with its cells ('6 | 4 | 720°') reads as the table shows it ('6: 4 · 720°'); a bar inside
    brackets, 'P(B|A)', is a probability's 'given', not a cell's edge."""
    cells = [c.strip() for c in quote.split("|") if c.strip()]
    return row_line(cells) if len(cells) > 1 and not re.search(r"\([^()]*\|[^()]*\)", quote) else quote


_LABELLED = re.compile(r"['‘\"“]([^'’\"”]{1,40})['’\"”],?\s+labell?ed\s+['‘\"“]([^'’\"”]{1,40})['’\"”]")
_STEP = re.compile(r"\s*(?:\d{1,2}[.)]\s|step\s+\d{1,2}\b)", re.I)
_RECAP_LEAD = re.compile(r"^(?:so,?\s+)?(?:to recap|in short|in summary|to sum up|to summarise|to summarize)\s*[:,]\s*",
                         re.I)


def words_or_points(ctx: Ctx, draft: Draft) -> None:
    """The fallback, and the companion of a lone drawing: on-screen lines, quoted labels or key phrases."""
    taken = " ".join(i.get("label", "") + " " + i.get("detail", "") for e in draft.elements for i in e["items"])
    lines: list[tuple[str, str | None, int]] = []
    if ctx.listed:
        # (lines the drawing already shows, 'Wet', 'Lather' beside the flow of them, are not listed again)
        lines = [(ph.plain(line), None, ctx.naming(line)) for line in ctx.listed[:3 if ctx.headed else 6]
                 if not (taken.strip() and ph.overlap(line, taken) >= 0.8)]
        if lines and not draft.elements:
            _related(ctx, draft, lines)   # the author's bare lines too ('Evidence fades', 'Certainty for everyone')
    if not lines and ctx.sections:
        lines = _sectioned(ctx)
    numbered = numbered_items(ctx.anim)
    leaning: list[tuple[str, str | None, int]] = []
    if not lines and len(numbered) >= 2:
        lines = [(ph.key_phrase(n, 5), None, ctx.naming(n, ctx.last)) for n in numbered[:5]]
    if not lines:
        axis = ag.axis_names(ctx.anim)  # an axis' name is not a point of its own when no graph is drawn
        # ('Position: …' is a placeholder for a value the note does not give)
        # (the steps of a numbered sequence stay together, each whole: '1. Plant corn', then '3. Plant squash'
        # with the long step 2 left out would skip a step)
        # (not the steps a drawn flow already numbers: listed again, they say it twice)
        flowing = any(e["kind"] == "flow" for e in draft.elements)
        stepped = [q for q in an.quoted_in(ctx.anim) if _STEP.match(q) and len(q.split()) <= 14
                   and not (flowing and ph.overlap(NUMBERED.sub("", q), taken) >= 0.8)]
        stepped = stepped if len(stepped) >= 2 else []
        quotes = [q for q in an.quoted_in(ctx.anim) if q in stepped or 1 <= len(q.split()) <= 6 and len(q) > 1
                  and "=" not in q and q not in axis and ph.overlap(q, ctx.title) < 0.8 and ph.overlap(q, taken) < 0.5
                  and not re.search(r":\s*(?:…|\.\.\.)$", q)]
        # a prop's reading the voice never says ('48 km/h' on a radar gun) is scenery, not a point
        quotes = [q for q in quotes if not unsaid_reading(q, ctx.narration) and not prop(q, ctx.anim, ctx.narration)]
        # ('Year 1' kept beside an unsaid 'Year 2' would be half the animator's frames)
        frames = [q for q in ph.quoted(ctx.anim) if FRAME.fullmatch(q.strip())]
        if any(unsaid_reading(q, ctx.narration) for q in frames):
            quotes = [q for q in quotes if q not in frames]
        # a diagram's parts listed in one sentence ("Labelled diagram: 'Upper gates', 'Chamber', 'Balance beam'") are
        # its items: what a later sentence labels on an arrow or a line ('arrows labelled 'Water pressure'',
        # 'field lines ..., labelled 'Capacitance'') is a force or a field, not one more part
        parts_beside = beside_parts(ctx.anim)
        quotes = [q for q in quotes if q not in parts_beside]
        # (nor are the labels of a drawn flow's arrows: 'transcription' listed beside DNA → RNA names no box)
        if any(e["kind"] == "flow" for e in draft.elements):
            on_arrows = arrow_labels(ctx.anim)
            quotes = [q for q in quotes if q not in on_arrows]
        # a label each of them carries ("three icons ..., each with the word 'Allergen' beneath") is what they all
        # are, not one more of them
        carried = EACH_WITH.findall(ctx.anim)
        quotes = [q for q in quotes if q not in carried]
        # a chart's title heads it: it is not one of its items
        heading = an.titled(ctx.anim)
        quotes = [q for q in quotes if q != heading]
        # ('00:00' to '24:00' along a graph's axis): times of day that mark a scale, not points
        quotes = [q for q in quotes if not re.fullmatch(r"\d{1,2}:\d{2}", q.strip())]
        # a panel's name alone ('Before', 'After (years later)', 'Up close') names where a picture goes, not a point;
        # so do the captions of a pair of pictures ("A before/after pair: 'just exposed' and 'washed and dry'",
        # "'without back light' shows dark hair ...") and a timer's ends ("a timer from '0' to '10 min'")
        pictured = captions(ctx.anim)   # (as do two heads 'What we see' and 'What we don't see')
        quotes = [] if quotes and all(PANEL.fullmatch(q.strip()) or q in pictured for q in quotes) or picture_heads(
            quotes) else [q for q in quotes if not TIME_PANEL.fullmatch(q.strip())]   # ('After' beside others)
        # ('yes', 'no') the labels of a chart's arrows, not boxes: alone they answer nothing
        quotes = [q for q in quotes if q.strip().lower() not in ("yes", "no", "y", "n", "true", "false")]
        # a label said twice, or one another ends with ('30 g' beside 'Serving size 30 g'), says it twice
        quotes = [q for k, q in enumerate(quotes) if q not in quotes[:k] and not ph.inside(q, quotes)]
        quotes = alike(quotes, ctx.anim)   # (not 'Basket: $200' after 'Food', 'Rent', 'Petrol')
        # nor is a caption among numbered steps ('Château Gaillard, 1204' before '1 Surround' ... '5 Negotiate'), nor
        # a bare year or name among rows ('1986', 'Laura Martin' beside '1911: 4', '1940: ~7', '1980s: 50–100+')
        for shape in (r"\d{1,2}[.)]?\s+[A-Za-z]", r"[^:]{1,30}:\s*\S"):
            like = [bool(re.match(shape, q.strip())) for q in quotes]
            if sum(like) >= 3 and 0 < len(quotes) - sum(like) <= sum(like) * (1 + (":" in shape)) and \
                    all(re.fullmatch(r"[\w\s,.'’-]{1,30}", q) for q, k in zip(quotes, like, strict=True) if not k):
                quotes = [q for q, k in zip(quotes, like, strict=True) if k]
        quotes = without_bare(quotes, ctx.anim, ctx.narration)
        # the boxes of a branching chart ("'No: play on' / 'Yes' → ...") listed in a row would misread its logic
        if re.search(r"['’\"”]\s*/\s*['‘\"“]", ctx.anim) and re.search(r"→|->", ctx.anim):
            quotes = []
        # the row and column names of a table whose cells the note does not give are not points of their own
        if re.search(r"\b(?:table|grid|two-by-two|2\s*[x×]\s*2)\b[^.]*\b(?:rows?|columns?)\b[^.]*\band\b[^.]*['‘\"“]",
                     ctx.anim, re.I) and tables.table(ctx.anim) is None:
            quotes = []
        # a label the note puts on one of them ("short bar 'NFT', labelled 'up to 90% less water'") is its sub-line
        # (not one that closes a list, "'Red', 'Yellow', 'Blue', labelled 'Primary colours'": it names them all)
        on = {m[1]: m[2] for m in _LABELLED.finditer(ctx.anim) if m[1] in quotes and m[2] in quotes and m[1] != m[2]
              and not re.search(r"['’\"”],?\s+(?:and\s+|or\s+)?$", ctx.anim[:m.start()])}
        quotes = [q for q in quotes if q not in on.values()]
        # a recap's bare names ('Fix', 'DR', 'EP'; 'Birthdays', 'Socks') recall the scenes before without saying what
        # they taught, when its own sentence says it ('To recap: dead reckoning starts from a known fix, ...'; beside
        # 'We've learned a lot today' the names are the summary)
        if any(_RECAP_LEAD.match(x) and len(_RECAP_LEAD.sub("", x).split()) >= 6 for x in ctx.sentences) and \
                all(len(q.split()) <= 3 and not re.search(r"\d", q) for q in quotes):
            quotes = []
        groups = grouped(ctx.anim)
        named = {n for n, _ in groups} | {part for _, g in groups for part in g}
        if groups and all(any(q == x or x.startswith(q + " ") for x in named) for q in quotes):
            # ("A box labelled 'Horse' with arrows: 'Pull: 900 N' forward and ..."): each thing, with what the note
            # puts on it as its sub-line, not one list where things and their labels read alike
            lines = [(ph.plain(name), ph.plain(" · ".join(parts)), ctx.naming(name)) for name, parts in groups[:4]]
        elif len(quotes) >= 2 or (quotes and draft.elements and len(quotes[0].split()) >= 3):
            lines = _explained(ctx, [(ph.plain(_row(q)), ph.plain(on[q]) if q in on else None,
                                      ctx.naming(q, ctx.first(re.escape(q), default=0))) for q in quotes[:6]])
            # (beside a drawing, 'Pivot' and 'Equilibrium position' beside a pendulum, they name its parts)
            drawing = any(e["kind"] in FIGURES for e in draft.elements)
            # (alone, a list with a name the voice never says is one too: beside a drawn element, it is its parts)
            labels, undescribed = [lab for lab, _, _ in lines], [lab for lab, d, _ in lines if not d]
            # (a cutaway's parts, with no cutaway drawn, label nothing)
            if not drawing and undescribed and (labels_a_picture(ctx, labels, undescribed) or (
                    names_a_drawing(ctx, labels, undescribed) if not draft.elements else over_nothing(ctx, labels))):
                lines = []   # (the scene's own sentences say what those labels were to show)
            # (one the note crosses out, 'a headline 'The Curse of the Pharaoh!' crossed out', is shown as wrong)
            lines = [(crossed(lab, ctx.anim) + lab, d, k) for lab, d, k in lines]
            # the chart's own title heads its items, when they are all its own (not a portrait card beside it)
            charted, inside = "", False
            for x in an.sentences(ctx.anim):   # the chart's sentences, up to the next shot ('Then a portrait ...')
                inside = bool(heading) and (heading in x or inside and not _NEXT_SHOT.match(x))
                charted += " " + x if inside else ""
            if heading and all(q in charted for q in quotes[:6]):
                draft.title = heading
            else:
                heading = ""
            if not heading and not draft.elements:
                _related(ctx, draft, lines)
    spoken = not lines   # (the lines are the scene's own sentences, not the note's labels)
    if not lines:
        # (a long sentence whole rather than none of it, when the sentences are the picture: the point is often
        # the longest; beside a drawing, short ones: the drawing needs the room)
        roomy = 14 if draft.elements else 20
        for i, s in enumerate(ctx.sentences):
            # (a short denial is no aside: 'It is not insured' is what the scene turns on)
            denial = bool(re.search(r"\b(?:is|are|was|were|does|do|did|has|have|had|can|will|would)\s+not\b|"
                                    r"\b(?:never)\s+\w+|\b\w+n't\s+\w+", s, re.I)) and len(s.split()) >= 4
            if len(ctx.sentences) > 2 and (ph.is_greeting(s) or s.rstrip().endswith("?")
                                           or len(ph.content_words(s)) < 4 and not denial):
                continue  # greetings, rhetorical questions and asides say little on screen
            if REPORTED.search(s):
                continue  # a belief the scene corrects, shown alone, reads as the answer
            if len(ctx.sentences) > 2 and SET_UP.match(unmarked(s)):
                continue  # ('Picture a hungry student with a pizza'): the set-up, not what the scene says of it
            term = ph.defined_term(s)
            if term and not term[1]:
                term = None   # ('This is called chemiluminescence'): the name alone, with nothing said of it, is bare
            # a term it names, or the sentence whole: a piece of it (its subject, a clause without its condition)
            # may say less than it does, or the opposite
            # (and a sentence whole, in that room, rather than a piece of it: 'a large one means they're
            # scattered far and wide' leans on the half it was cut from)
            clause = whole_clause(s, 14)
            whole = whole_sentence(s, roomy) if roomy > 14 and (not clause or leans(clause)) else ""
            longer = whole_clause(s, roomy) if roomy > 14 and not (whole or clause) else ""
            label, detail = term if term else (ph.plain(whole or clause or longer), None)
            if not term and label and leans(label) and not leans(s) and \
                    not unmarked(s).lower().startswith(label.lower()[:12]):
                label = ""   # (a later half that leans on the half before it: not the sentence's point alone)
            if not label or (not term and FORWARD.search(label.rstrip(" ."))):
                continue   # ('Its big idea is simple'): it points at what it does not say
            if ph.overlap(label, taken) < 0.6 and all(ph.overlap(label, seen) < 0.8 for seen, _, _ in lines):
                # (a sentence whose lead-in and quote marks went, "But 'fibre' on a label ...", still opens a line)
                lines.append((label[:1].upper() + label[1:] if re.match(r"[a-z]+\s", label) else label,
                              detail or None, i))
        # a sentence that leans on one before it ('It uses ...', 'Another is ...') says less on screen, where that
        # one is not: when too few others stand on their own, it is shown right after the sentence it leans on, or
        # not at all
        # (one that leans on the line right before it, shown, says its point with it: 'Sam just bought a new bike.
        # It is not insured.')
        alone = [line for k, line in enumerate(lines) if not leans(line[0]) or
                 k and lines[k - 1][2] == line[2] - 1 and not leans(lines[k - 1][0])]
        if len([line for line in alone if not leans(line[0])]) < 2:
            leaning = [line for line in lines if leans(line[0]) and not leans(line[0], strongly=True)]
            alone = []
            for line in lines:
                # (a person only pointed at, 'She cannot draw a map', 'He called them X-rays', is as lost on screen as
                # a thing: 'It now hangs in ...', 'Another is that ...', 'The secret is'; what a person has, 'His dogs
                # drooled', 'Her neighbour offers', names its thing)
                owned = re.match(r"(?:his|her|their)\s+(?!own\b)[a-z]+\s+\w", line[0], re.I)
                # (one that points at what was said, 'That happens when ...', points at the sentence right before it)
                gap = 1 if re.match(r"(?:that|this|these|those)\b", line[0], re.I) else 2
                if not leans(line[0]) or owned or alone and line[2] - alone[-1][2] <= gap:
                    alone.append(line)
        lines = _spread(alone, 0 if crowded(draft) else 4)
    lines = with_the_point(ctx, draft, lines, leaning, spoken)
    lines = with_antecedents(ctx, lines, taken)
    # ('To recap: parallax is ...'): the recap's lead-in is its headline's word, not the line's
    lines = [(ph.cap(_RECAP_LEAD.sub("", label)) if _RECAP_LEAD.match(label) else label, d, k) for label, d, k in lines]
    if not lines:
        return
    if (len(lines) == 1 and not lines[0][1]) or (len(draft.elements) == 0 and len(ctx.sentences) == 1):
        tid = draft.add("text", [{"label": label} for label, _, _ in lines[:2]], "T")
        draft.show_items(tid, [s for _, _, s in lines[:2]])
        return
    items = [{"label": label, **({"detail": d} if d else {})} for label, d, _ in lines]
    # rows of the note's table keep its header row over them
    table = tables.table(ctx.anim) if any("|" in q for q in ph.quoted(ctx.anim)) else None
    apart = numeric_rows(table[1]) if table else False
    header = ph.plain(row_line(table[0], apart, head=True)) if table and table[0] and table[0][0].strip() else None
    rows = {ph.plain(row_line(r, apart)) for r in table[1]} if table else set()
    lid = draft.add("bullets", items, "L", caption=header if header and rows & {i["label"] for i in items} else None)
    draft.show_items(lid, [s for _, _, s in lines])
    if ctx.index == ctx.total - 1 and ctx.total > 1:
        draft.step(ctx.last, "highlight", f"{lid}.{len(items) - 1}")


_NEXT_SHOT = re.compile(r"\s*(?:then|next|finally|later|after that|scene transitions|cut to|the camera)\b", re.I)


def _explained(ctx: Ctx, lines: list[tuple[str, str | None, int]]) -> list[tuple[str, str | None, int]]:
    """Two to four bare names from the note ('Inelastic', 'Elastic'; 'Type 1', 'Type 2'), each with what the voice
    says of it: the sentence that names it and no other of them, as a sub-line. A name said nowhere on its own stays
    bare (a sentence about two of them explains neither alone)."""
    if not 2 <= len(lines) <= 4 or any(len(label.split()) > 3 for label, _, _ in lines):
        return lines
    def about(label: str, sentence: str) -> bool:
        # the sentence is about the name: it says it early, not as the last thing of a sentence about something else
        # ('Sprinklers are better but still lose water to wind and evaporation' is not what 'Evaporation' is)
        m = _said(label, sentence)
        if not m:
            return False
        # (or says what it is: '... demand is elastic', 'a number like 93.184.216.34')
        return len(sentence[:m.start()].split()) <= max(6, len(sentence.split()) // 2) or bool(
            re.search(r"\b(?:is|are|was|were|called|means|like|as|can)\s+(?:\w+\s+)?$", sentence[:m.start()], re.I))

    found: list[int | None] = []
    for label, _, _ in lines:
        alone = [k for k, sentence in enumerate(ctx.sentences) if about(label, sentence)
                 and not any(_said(other, sentence) for other, _, _ in lines if other != label)]
        found.append(alone[0] if alone else None)
    out = []
    for (label, detail, at), k in zip(lines, found, strict=True):
        line = ph.plain(whole_clause(ctx.sentences[k], 14)) if k is not None and found.count(k) == 1 else ""
        # a sub-line says more than its name ('Neil Armstrong' under 'Armstrong' does not), and stands alone
        if line and (len(ph.content_words(line) - ph.content_words(label)) < 2 or leans(line, strongly=True)):
            line = ""
        out.append((label, line or detail, k if line and k is not None else at))
    return out


def _related(ctx: Ctx, draft: Draft, lines: list[tuple[str, str | None, int]]) -> None:
    """Bare names ('Dilute', 'Concentrated'; 'Clause 39', 'Clause 40') say what the scene is about, not what it says
    of them: the sentence that relates them, shown whole above them."""
    bare = [label for label, detail, _ in lines if not detail and len(label.split()) <= 5]
    # (most of them a name or two: 'Swallow', 'Yawn', 'Chew gum', 'Pinch nose and blow gently' say what to do,
    # not what it does)
    if len(bare) != len(lines) or sum(1 for label in bare if len(label.split()) <= 3) * 2 < len(bare):
        return
    _add_point(ctx, draft, bare, 5)


def beside_halves(ctx: Ctx, draft: Draft) -> None:
    """Two halves holding only their labels ('Sea stars left' | 'Sea stars removed', '$2.50' | '$0.10') show what
    is compared, not what comes of it: the sentence that relates them goes with them, as it does beside bare names."""
    halves = [e for e in draft.elements if e["kind"] == "compare"]
    if len(halves) != 1 or any(e["kind"] == "text" for e in draft.elements):
        return
    labels = [str(i.get("label", "")) for i in halves[0]["items"]]
    if all(len(label.split()) <= 4 for label in labels):
        _add_point(ctx, draft, labels, 6)


def beside_layers(ctx: Ctx, draft: Draft) -> None:
    """A stack alone names its layers, as bare names do: the sentence that relates them goes beside it."""
    stacks = [e for e in draft.elements if e["kind"] == "layers"]
    if len(stacks) == 1 and not any(e["kind"] in ("text", "bullets") for e in draft.elements):
        _add_point(ctx, draft, [str(i.get("label", "")) for i in stacks[0]["items"]], 7)


def _add_point(ctx: Ctx, draft: Draft, bare: list[str], most: int) -> None:
    """The sentence that names most of the bare names (two at least), else the scene's most informative sentence
    that stands alone and names one of them, else one that names what the video is about, as a line of its own."""
    if not 2 <= len(bare) <= most:
        return
    best, named = None, 1
    for k, sentence in enumerate(ctx.sentences):
        count = sum(1 for label in bare if _said(label, sentence))
        line = ph.plain(whole_clause(sentence, 20))
        # (not one that says them through a pronoun: 'you'll see them everywhere', 'they become three chunks')
        if count > named and line and not leans(line) and not REPORTED.search(sentence) \
                and not re.search(r"\b(?:it|they|them|its|their)\b", line, re.I):
            best, named = (k, line), count
    if best is None and not ph.says_recap(ctx.narration):
        # none relates them: the scene's most informative sentence that stands alone and names one of them says
        # what the scene says of them (bare names alone, 'Heads' / 'Tails', leave its point off screen); else one
        # that names what the video is about ('X-rays are a form of light ...' over 'Radio waves', 'Gamma rays'),
        # never a side detail that names neither; a long one by its first clause that stands alone
        # (a recap's names are its summary, said already)
        alone = ["" if leans(s) or REPORTED.search(s) or SET_UP.match(unmarked(s)) else s for s in ctx.sentences]
        naming = [s if any(_said(label, s, word=False) for label in bare) and len(ph.content_words(s)) >= 4 else ""
                  for s in alone]
        topic = {w for w in ph.content_words(ctx.title) if len(w) >= 5}
        about = [x if topic & ph.content_words(x) and len(ph.content_words(x)) >= 5 else "" for x in alone]
        room = 14 if len(bare) >= 5 else 20   # (beside five names, a shorter line: a square frame holds both)
        for k in informative_order(naming, 32) + informative_order(about, 32):
            # (a long one by its main clause, without the 'which ...' that trails it)
            head = re.split(r",\s+(?:which|where)\b", ctx.sentences[k], maxsplit=1)[0]
            line = ph.plain(whole_clause(ctx.sentences[k], room) or (whole_sentence(head, room)
                                                                    if len(head.split()) >= 6 else ""))
            # (not one whose subject is only pointed at, 'At convergent boundaries, they collide'; nor one that says
            # the names again, 'Like charges repel and opposite charges attract' over the two)
            # (nor one in a script the video's fonts may not have: CJK and beyond show as boxes)
            if line and not re.search(r"\b(?:it|they|them|he|she|this|these|those|both)\b",
                                      " ".join(line.split()[:6]), re.I) and not GLYPHLESS.search(line) \
                    and not (draft.title and ph.overlap(line, draft.title) >= 0.8) \
                    and ph.overlap(line, " ".join(bare)) < 0.8:
                best = (k, line)
                break
    if best is None:
        return
    tid = draft.add("text", [{"label": ph.cap(best[1]).rstrip(" .")}], "T")
    draft.step(best[0], "show", tid)


def _said(label: str, sentence: str, word: bool = True) -> re.Match[str] | None:
    """Where the sentence says the label's name: as a whole word ('Elastic' is not said in 'inelastic'), or, not
    `word`, as a word's start too ('Pinnacle' in 'pinnacles')."""
    name = _name(label)   # (a symbol's case is its own: 'A' is not the article in 'size a drain')
    return re.search(rf"(?<![\w-]){re.escape(name)}" + (r"(?![\w-])" if word else ""), sentence,
                     re.I if len(name) > 2 else 0)


def _name(label: str) -> str:
    """A label's name is what stands before its gloss ('Hypotonic (pure water)' is named 'Hypotonic') or its value
    ('Deductible: £150' is named 'Deductible')."""
    name = re.sub(r"\s+\(.*", "", label).strip() or label   # (not a call's brackets: 'factorial(4)')
    return re.sub(r"(?<=[A-Za-z])\s*:\s+.*", "", name).strip() or name


def _sectioned(ctx: Ctx) -> list[tuple[str, str | None, int]]:
    """One point per numbered part of the scene ('Fact two: runs'), with the sentence after it when it names only
    its subject: the parts stay apart, each under its own name."""
    lines: list[tuple[str, str | None, int]] = []
    for i in ctx.sections:
        label = ph.plain(whole_clause(ctx.sentences[i], 14))
        if not label:
            continue
        nxt = i + 1
        detail = None
        if len(ph.words(label)) <= 5 and nxt < len(ctx.sentences) and nxt not in ctx.sections:
            detail = ph.plain(whole_clause(ctx.sentences[nxt], 14)) or None
        lines.append((label, detail, i))
    return lines[:MAX_ITEMS]


def _spread(lines: list[tuple[str, str | None, int]], n: int) -> list[tuple[str, str | None, int]]:
    """Keep n lines spread over the scene, preferring defined terms and meaningful phrases."""
    if len(lines) <= n:
        return lines
    ranked = sorted(lines, key=lambda x: (x[1] is not None, len(ph.content_words(x[0]))), reverse=True)
    # (one that leans on the sentence before it, 'You find it by scraping ...', goes only with that one)
    kept: list[tuple[str, str | None, int]] = []
    for _ in range(2):
        kept += [x for x in ranked if x not in kept and (not leans(x[0], strongly=True) or
                                                         any(y[2] == x[2] - 1 for y in kept))][:n - len(kept)]
    return sorted(kept or ranked[:n], key=lambda x: x[2])
