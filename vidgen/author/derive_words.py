"""Recipes for scenes about things other than mathematics: shapes, a timeline, a flow of steps, a
comparison, bars of numbers, and the fallback of key words and points (used by `derive`)."""

from __future__ import annotations

import re
from typing import Any

from vidgen.author import anim as an
from vidgen.author import phrases as ph
from vidgen.author.complete import (
    BOUNDARY,
    is_cut,
    leads,
    on_screen_ok,
    shorten,
)
from vidgen.author.draft import Ctx, Draft
from vidgen.visual.spec import MAX_ITEMS

_SHAPES_2D = {"right triangle": "right triangle", "triangle": "triangle",
              "square": "square", "rectangle": "rectangle", "circle": "circle",
              "pentagon": "pentagon", "hexagon": "hexagon", "octagon": "octagon", "polygon": "polygon",
              "angle": "angle"}
_SHAPES_3D = {"cube": "cube", "sphere": "sphere", "cylinder": "cylinder", "cone": "cone",
              "pyramid": "pyramid", "prism": "cube"}


def shapes(ctx: Ctx, draft: Draft) -> bool:
    names = {**_SHAPES_2D, **_SHAPES_3D}
    found: list[tuple[int, int, str]] = []  # (sentence or -1 for anim, order, name)
    pattern = re.compile(r"\b((?:right[- ](?:angled )?)?(?:" + "|".join(names) + r"))s?\b"
                         r"(?!\s*(?:faces?|bases?|sides?|-?shaped))", re.I)
    for source, offset in ((ctx.sentences, 0), ([ctx.anim], 100_000)):
        for i, text in enumerate(source):
            for m in pattern.finditer(text):
                name = m[1].lower()
                if name.startswith("right"):
                    # a right(-angled) triangle is drawn with its right angle; 'a right angle' is a mark of it
                    if not name.endswith("triangle"):
                        continue
                    name = "right triangle"
                if name == "angle" and ctx.has(r"complex|vector|degrees"):
                    continue
                if re.search(r"\b(?:marked|shown|drawn)\s+(?:by|with|as)\s+(?:an?\s+)?(?:small\s+|little\s+|tiny\s+)?$",
                             text[:m.start()], re.I) or re.match(r"\s*(?:marks?|symbol|icon)\b", text[m.end():], re.I):
                    continue   # ('the right angle marked by a small square'): a mark, not a shape of the scene
                if all(f[2] != name for f in found):
                    found.append((i if offset == 0 else -1, offset + i * 1000 + m.start(), name))
    if any(f[2] == "right triangle" for f in found):
        found = [f for f in found if f[2] != "triangle"]   # the same triangle, named once plainly
    if any(f[2] in ("triangle", "right triangle", "square", "rectangle", "polygon", "pentagon", "hexagon", "octagon")
           for f in found):
        found = [f for f in found if f[2] != "angle"]   # an angle of the polygon, not a shape beside it
    if len(found) < 2:
        return False
    found.sort(key=lambda f: (f[0] < 0, f[1]))
    found = found[:MAX_ITEMS]
    fallback = ctx.first(r"\bshapes?\b", r"geometr", default=0)
    sentences = [s if s >= 0 else fallback for s, _, _ in found]
    # no positions: the drawer lays the shapes out in a grid that fills its box
    items = [{"label": names[n], "detail": ph.cap(n)} for _, _, n in found]
    sid = draft.add("shapes", items, "S")
    draft.show_items(sid, sentences)
    facts = []
    for (said, _, name), at in zip(found, sentences, strict=True):
        fact = _property(ctx, said, name, tuple(n for _, _, n in found))
        if fact:
            facts.append(({"label": ph.cap(name), "detail": fact}, at))
    if len(facts) >= 2:
        lid = draft.add("bullets", [f for f, _ in facts], "L")
        draft.show_items(lid, [at for _, at in facts])
    return True


def _property(ctx: Ctx, s: int, name: str, others: tuple[str, ...] = ()) -> str:
    """What the narration says a shape has: 'three straight sides and three corners'."""
    if s < 0:
        return ""
    here = ctx.sentences[s]
    at = re.search(rf"\b{name}", here, re.I)
    texts = [here[at.end():] if at else here]
    # the next sentence speaks of this shape, unless it names another one ('They form ... a rectangle, with ...')
    after = ctx.sentences[s + 1] if s + 1 < len(ctx.sentences) else ""
    if re.match(r"(?:it|they|this|a|an)\b", after, re.I) and not any(
            re.search(rf"\b{o}", after, re.I) for o in others if o != name):
        texts.append(after)
    for text in texts:
        m = re.search(r"\b(?:has|have|having|with)\s+(?:its\s+|a\s+|an\s+)?(.+?)(?=[.;!?]|$|,\s*(?:just|also|and)\b"
                      r"| and (?:tapers|is|has)\b)", text, re.I)
        if m and (re.search(r"[,;]\s*(?:or\s+|and\s+)?(?:an?|the)\s|\b(?:or|and)\s+(?:an?|the)\s", text[:m.start()])
                  or any(re.search(rf"\b{o}", text[:m.start()], re.I) for o in others if o != name)):
            continue   # ('a square, a pentagon, or a shape with 20 sides'): the property is another thing's
        if m and ph.content_words(m[1]) and not re.search(rf"\b{name}", m[1], re.I):
            # shortened by choosing a phrase that ends where its meaning does, never at a width
            return ph.cap(shorten(ph.plain(m[1]).rstrip(","), 8))
    return ""


def timeline(ctx: Ctx, draft: Draft) -> bool:
    events: list[tuple[int, float, str]] = []
    for i, s in enumerate(ctx.sentences):
        for m in re.finditer(r"\b(1[0-9]{3}|20[0-9]{2})\b", s):
            clause = re.split(r"[,;]", s)
            where = next((c for c in clause if m[1] in c), s)
            # the clause without its date (and the date's preposition): 'the Bible was finished around 1455' ->
            # 'The Bible was finished'; shown whole or not at all, never a piece of it ('Was finished around')
            rest = re.sub(rf"\s*\b(?:in|around|by|about|circa|c\.|from|until|since|during)?\s*{m[1]}\b", " ", where)
            rest = ph.plain(ph.strip_leadins(" ".join(rest.split()))).strip(" .!?:;")
            label = ph.cap(rest) if len(rest.split()) <= 8 and on_screen_ok(rest) and not leads(rest) else ""
            # a date that bounds what the clause says ('didn't appear until 1975', 'stood until 1940', 'has grown
            # since 1990'), taken out, leaves a clause that says the opposite or the wrong time: the year alone
            if re.search(rf"\b(?:until|till|before|since)\s+(?:about\s+|around\s+)?{m[1]}\b", where, re.I):
                label = ""
            # a label that is a piece ('Between and'), has no subject ('Was finished') or names another year says
            # nothing of its own
            if len(ph.content_words(label)) < 2 or re.search(r"\b1[0-9]{3}\b|\b20[0-9]{2}\b", label) or \
                    re.match(r"(?:is|are|was|were|has|had|have|did|could|would)\b", label, re.I):
                label = ""
            if all(e[1] != float(m[1]) for e in events):
                events.append((i, float(m[1]), label))
    if len(events) < 2 and not (events and ctx.has(r"\btimeline|history\b")):
        return False
    if sum(1 for e in events if e[2]) < 2:
        return False  # years alone, with nothing said of them, are no timeline
    events = sorted(events, key=lambda e: e[1])[:MAX_ITEMS]
    tid = draft.add("timeline", [{"label": (f"{int(x)}: {label}" if label else str(int(x)))[:80], "x": x}
                                 for _, x, label in events], "T")
    draft.show_items(tid, [s for s, _, _ in events])
    return True


# ('Next time you listen, ...' is advice for later, not the next step)
_SEQUENCE = re.compile(r"^(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|then|next(?!\s+time)|after that|finally|lastly|"
                       r"step\s*\d+|\d+[.)])\b[,:]?\s*", re.I)
_CONVERTS = re.compile(r"([\w\- ]{3,40}?)\s+(?:converts? (?:back )?(?:in)?to|converting (?:back )?(?:in)?to|"
                       r"turns? into|becomes?|leads? to|causes?|produces?)\s+([\w\- ]{3,40}?)"
                       r"(?=[,.;!?]|$| and | which )", re.I)


_NEGATION = re.compile(r"\b(?:not|never|no|cannot|without|neither|nor|nothing|none)\b|n[’']t\b", re.I)


def _negated(sentence: str, m: re.Match[str]) -> bool:
    """Whether the clause of a match ("Rust does not include checks for overflow that cause panics") negates it."""
    start = max(sentence.rfind(c, 0, m.start()) for c in ",;:—(") + 1
    return bool(_NEGATION.search(sentence[start:m.end()]))


def _broken(sentence: str, m: re.Match[str], a: str, b: str) -> bool:
    """A node that would be a cut piece: a subject ending on its modal ('a system might' produce ...) or an
    object cut inside its number ('around 3' of 'around 3,400 kWh')."""
    return is_cut(a) or is_cut(b) or bool(re.match(r"[,.]\d", sentence[m.end():]))


_PARALLEL = (r"\b(?:two|three|four|five|several|a few|main|key|big)\s+(?:reasons?|ways?|factors?|causes?|things?|"
             r"kinds?|types?|rules?|tips?|benefits?|advantages?|problems?|differences?|effects?|ideas?)\b")


def flow(ctx: Ctx, draft: Draft) -> bool:
    # "First ... Then ... Finally ...": a node per step, shown as it is said
    nodes = [(ph.key_phrase(_SEQUENCE.sub("", s), 5), i) for i, s in enumerate(ctx.sentences)
             if _SEQUENCE.match(s) or re.search(r"\bfirst\b.*\bthen\b", s, re.I)]
    # ('7' from 'Then 7.') a step is something done, not a bare number; and 'two reasons. First, ... Second, ...'
    # counts things side by side: an arrow from one to the next would say the first leads to the second
    nodes = [(label, i) for label, i in nodes if re.search(r"[A-Za-z]{2}", label) or not label]
    # a step no short phrase says whole ('melt it completely to 45–50 °C to erase ...') leaves the flow without it:
    # a flow missing its first step says the process starts at its second
    if ctx.has(_PARALLEL, ctx.narration) or any(not label for label, _ in nodes):
        nodes = []
    cycle = disjoint = False
    if len(nodes) < 2:  # "A converts to B", "B converting back to A": a chain, or a cycle
        nodes = []
        for i, s in enumerate(ctx.sentences):
            for m in _CONVERTS.finditer(s):
                if _negated(s, m):
                    continue  # "X does not cause Y": an arrow X -> Y would say the opposite
                a, b = (ph.cap(ph.strip_leadins(x.strip()).removeprefix("the ")) for x in (m[1], m[2]))
                if _broken(s, m, " ".join(a.split()[-3:]), b) or a.split()[-3:][0].lower() in BOUNDARY:
                    continue   # (or a piece of a phrase: 'a tiny wobble at one end' is not 'at one end')
                source = " ".join(a.split()[-3:])
                if nodes and source.lower() != nodes[-1][0].lower():
                    # ('walk becomes walked, jump becomes jumped'): pairs side by side, not one chain; an arrow from
                    # 'walked' to 'jump' would say the one turns into the other
                    disjoint = True
                for name in (source, b):
                    if all(n.lower() != name.lower() for n, _ in nodes):
                        nodes.append((name, i))
                    elif name.lower() == nodes[0][0].lower() and len(nodes) > 1:
                        cycle = True
    if disjoint:
        nodes = []
    if len(nodes) < 2:
        numbered = numbered_items(ctx.anim)
        nodes = [(ph.key_phrase(n, 5), ctx.naming(n)) for n in numbered]
    if len(nodes) < 2:
        return False
    nodes = nodes[:6]
    items: list[dict[str, Any]] = [{"id": f"n{k}", "label": label} for k, (label, _) in enumerate(nodes)]
    if cycle:
        items[-1]["to"] = "n0"
    fid = draft.add("flow", items, "F")
    draft.show_items(fid, [s for _, s in nodes])
    return True


def compare(ctx: Ctx, draft: Draft) -> bool:
    pair: tuple[str, str] | None = None
    points: list[tuple[str, str, int]] = []  # (label, side, sentence)
    for i, s in enumerate(ctx.sentences):
        m = re.search(r"difference between (.+?),? and (.+?)(?:[.!?]|$)", s, re.I)
        if m and not pair:
            pair = (ph.key_phrase(m[1], 4), ph.key_phrase(m[2], 4))
            points += [(ph.key_phrase(m[1], 6), "left", i), (ph.key_phrase(m[2], 6), "right", i)]
        dep = re.search(r"depends?\s+(?:mainly\s+|only\s+)?on\s+(?:two things:\s*)?(.+?)(?:[.!?]|$)", s, re.I)
        nodep = re.search(r"\bnot\*?\s+depend\s+on\s+(.+?)(?:[.!?]|$)", s, re.I)
        for found, side in ((nodep, "right"), (dep if not nodep else None, "left")):
            if found:
                pair = pair or ("Depends on", "Does not depend on")
                for part in re.split(r",\s*(?:and\s+|nor\s+(?:on\s+)?)?|\s+and\s+|\s+nor\s+(?:on\s+)?", found[1]):
                    if ph.content_words(part):
                        points.append((ph.key_phrase(part.removeprefix("the "), 5), side, i))
        vs = re.search(r"\b([\w\-]+(?: [\w\-]+)?)\s+(?:vs\.?|versus)\s+([\w\-]+(?: [\w\-]+)?)", s, re.I)
        # (a case's name, 'Plessy versus Ferguson', 'Brown v. Board', is one name: not two things compared)
        if vs and re.match(r"[A-Z]", s[vs.start(2):]) and re.search(r"[A-Z]\w*\s+(?:vs\.?|versus)\s", s):
            vs = None
        if vs and not pair:
            pair = (ph.cap(vs[1].strip()), ph.cap(vs[2].strip()))
            points += [(pair[0], "left", i), (pair[1], "right", i)]
    if not pair and ctx.has(r"\bleft\b.*\bright\b", ctx.anim):
        left = re.search(r"left(?: side)?:\s*(.+?)(?:\.|$)", ctx.anim, re.I)
        right = re.search(r"right(?: side)?:\s*(.+?)(?:\.|$)", ctx.anim, re.I)
        # what each half shows, when the note states it ('Left: the old bridge is wooden'); a picture described
        # for the animator ('Left: a green island with many birds') is not a point to show
        stated = [m for m in (left, right) if m and re.search(r"\b(?:is|are|was|were|has|have|can|will)\b", m[1])]
        if left and right and len(stated) == 2:
            pair = (ph.key_phrase(left[1], 4), ph.key_phrase(right[1], 4))
            points += [(ph.key_phrase(left[1], 6), "left", ctx.naming(left[1])),
                       (ph.key_phrase(right[1], 6), "right", ctx.naming(right[1]))]
    if not pair or len(points) < 2:
        return False
    points = sorted(points, key=lambda p: p[1] == "right")[:MAX_ITEMS]
    cid = draft.add("compare", [{"label": label, "detail": side} for label, side, _ in points], "K",
                    caption=f"{pair[0]} vs {pair[1]}")
    draft.show_items(cid, [s for _, _, s in points])
    return True


_UNITS = (r"%|percent|km|kg|grams|kilograms|g|m|cm|mm|metres|meters|miles|years|hours|minutes|seconds|people|"
          r"million|billion|tonnes|tons|litres|liters|watts|volts|dollars|euros")


# A bar is a measured thing and the number the words state of it, in one clause, in one of three ways:
# "500 grams of flour" (the amount of a thing), "70 percent water," (the amount, then the thing, ending there),
# "Labour won about 34 percent" (a clause's whole subject, a verb that states a measure, the number). Any other
# number is not a bar: the words next to it are not what it measures ('Bakers write that as 70 percent', 'the
# field is 100 metres long'), and a chart that labels a number with them invents data.
_HEDGE = r"(?:(?:about|around|roughly|nearly|almost|only|just|over|under|some|exactly|up to)\s+)?"
_NUMBER = rf"(\d[\d,]*(?:\.\d+)?)\s*({_UNITS})\b"
_NP = r"((?:[A-Za-z][\w\-']*\s+){0,2}[A-Za-z][\w\-']*)"
_END = r"(?=\s*(?:[,;:.!?)]|$|\s(?:and|or|but|in|at|on|for|to|with|while|which|than)\b))"
_OF = re.compile(rf"{_NUMBER}\s+of\s+(?:the\s+|a\s+|an\s+)?{_NP}{_END}", re.I)
_THEN = re.compile(rf"{_NUMBER}\s+(?!of\b){_NP}{_END}", re.I)
_STATED = re.compile(rf"(?:^|[,;:]\s+|\band\s+)(?:the\s+)?{_NP}\s+(?:is|are|was|were|won|gets|got|costs?|cost|"
                     rf"has|have|had|weighs?|weighed|reached|reaches|takes?|took|holds?|held|makes up|made up|"
                     rf"accounts for|uses?|used|needs?|needed|scored|earns?|earned)\s+{_HEDGE}{_NUMBER}", re.I)
# words that never name a measured thing: pronouns, determiners, adjectives of size and time that say how the
# number is meant ('100 metres long', '20 minutes later', '2 percent a year')
_NOT_THINGS = """it its they them their this that these those there here which who what he she we you i
    one each every per a an the long wide tall high deep thick old away later ago earlier before after apart
    more less fewer faster slower higher lower longer shorter bigger smaller larger accurate correct true right
    sure certain off up down fast slow ahead behind early late"""
_NOT_A_THING = frozenset(_NOT_THINGS.split())


def measured(sentence: str) -> list[tuple[str, float, str]]:
    """(thing, value, unit) for each number the sentence states of a named thing, in the sentence's order."""
    text = ph.plain(sentence)
    found: list[tuple[int, str, float, str]] = []
    for pattern, thing_at in ((_STATED, 1), (_OF, 3), (_THEN, 3)):
        for m in pattern.finditer(text):
            value_at = 2 if thing_at == 1 else 1
            thing = re.sub(r"^(?:and|or|but|plus|then)\s+", "", m[thing_at].strip(), flags=re.I)  # 'And yeast'
            words = thing.lower().split()
            if not words or words[0] in _NOT_A_THING or words[-1] in _NOT_A_THING or words[-1] in ph.STOP \
                    or any(w in ("is", "are", "was", "were", "has", "have", "had") for w in words):
                continue
            after = text[m.end():].split()
            if pattern is _STATED and after and (after[0].lower().strip(",.;") in _NOT_A_THING or
                                                 (after[0] == "of" and m[3].lower() not in ("%", "percent"))):
                continue  # 'is 28 metres long' (a size, not a share); 'needs 300 grams of sugar' (the sugar's)
            if pattern is _STATED and m[3].lower() in ("%", "percent") and after and \
                    re.fullmatch(r"[a-z]{3,}", after[0].strip(",.;")) and after[0].lower().strip(",.;") not in ph.STOP:
                # ('Butter is about 80 percent fat'): the share is the fat's, within the butter
                thing = after[0].strip(",.;")
            elif pattern is _OF and m[2].lower() in ("%", "percent"):
                continue  # '34 percent of the vote': the vote is the whole, not the thing that has the share
            if pattern is not _STATED and re.search(r"(?:ive|ly|ful|ous|able|ible|ent|ant)$", words[-1]):
                continue  # '90 percent accurate', '5 percent likely': how the number is meant, not a thing
            if pattern is _THEN and len(words) > 1:
                continue  # 'N percent X Y': the number is of X, and X Y runs on into a clause
            if any(abs(f[0] - m.start(value_at)) < 1 for f in found):
                continue
            value = float(m[value_at].replace(",", ""))
            found.append((m.start(value_at), ph.cap(thing), value, m[value_at + 1].lower()))
    return [(t, v, u) for _, t, v, u in sorted(found)]


def bar_data(ctx: Ctx) -> list[tuple[str, float, str, int]]:
    """The bars the narration states: distinct things measured in one unit (at least two), else none."""
    found = [(t, v, u, i) for i, s in enumerate(ctx.sentences) for t, v, u in measured(s)]
    units = [f[2] for f in found]
    common = max(set(units), key=units.count) if units else ""
    found = [f for f in found if f[2] == common]
    things = [f[0].lower() for f in found]
    if len(found) < 2 or len(set(things)) != len(things):
        return []  # one thing measured twice ('a 1 percent fee and a 0.1 percent fee') is not a chart of things
    # (an amount beside differences, 'weighs 1,450 kilograms' beside '450 kilograms heavier', is two kinds of number:
    # as bars of one scale, the differences read as amounts)
    more = [bool(_DIFFERENCE.search(ctx.sentences[i])) for *_, i in found]
    return [] if any(more) and not all(more) else found[:MAX_ITEMS]


_DIFFERENCE = re.compile(r"\d[\d,.]*\s*(?:%|[a-z]+\s+)?(?:heavier|lighter|more|less|fewer|longer|shorter|larger|"
                         r"smaller|higher|lower|faster|slower|cheaper|bigger|greater|warmer|colder|hotter)\b", re.I)


def bars(ctx: Ctx, draft: Draft) -> bool:
    found = bar_data(ctx)
    if not found:
        return False
    bid = draft.add("bars", [{"label": label[:40], "value": v} for label, v, _, _ in found], "B", caption=found[0][2])
    draft.show_items(bid, [s for *_, s in found])
    return True


def numeric_rows(rows: list[list[str]]) -> bool:
    """Rows of numbers ('1071 | 462 | 2 | 147', 'Fifth | 1.500 | 1.498 | −2 cents'): every row has two or more cells
    after its first and they are numbers, where a '·' between them would read as a product."""
    # (or a truth table's: 'T | F | F', every cell a symbol of a letter or two)
    return bool(rows) and all(len([c for c in r[1:] if c.strip()]) >= 2 and
                              all(re.match(r"\s*[−+-]?[\d.,]+", c) for c in r[1:] if c.strip()) for r in rows) or \
        bool(rows) and all(len(r) >= 3 and all(1 <= len(c.strip()) <= 2 for c in r) for r in rows)


def row_line(cells: list[str], apart: bool = False, head: bool = False) -> str:
    """A table's row as one line, every column kept: 'Normal: < 120 · and < 80' (its first cell names it); `apart`,
    a table of numbers keeps its columns apart as a table does, '1071 | 462 | 2 | 147'; `head`, its header row
    ('Node · Distance', or 'a | b | quotient' over numbers)."""
    if len(cells) > 1 and (apart or head):
        return (" | " if apart else " · ").join(cells)
    return f"{cells[0]}: {' · '.join(cells[1:])}" if len(cells) > 1 else (cells[0] if cells else "")


# a step's own number before its words ('1. Sculpt in wax'): a flow numbers its boxes itself
NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+(?=\S)")


def numbered_items(anim: str) -> list[str]:
    """A numbered list in the note. Its number opens a line or follows a stop or colon ('Steps: 1. Mix. 2. Bake');
    'bucket 3. The keys link' is a sentence ending on a number, and what follows is the note's description. An
    item that is a stage direction ('A caption reads ...') is not content."""
    found = re.findall(r"(?:^|\n|(?<=[:.;!?])\s)\d[.)]\s+([^\n]+?)(?=\s+\d[.)]\s|\n|$)", anim)
    return [n for n in found if not an.DIRECTION.match(re.sub(r"^(?:an?|the)\s+", "", n, flags=re.I))]
