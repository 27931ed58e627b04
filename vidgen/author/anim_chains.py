"""Boxes a note joins with arrows (issue 20): drawn as arrows ("'A' → 'B' → 'C'", "a 'Sensor' box; an arrow leads
to 'Controller'") or said in words ("Three boxes joined by arrows: ...", "a life-cycle diagram of four stations", "Four
panels ... An arrow between each panel"), and what the note writes on the arrows."""

from __future__ import annotations

import re

from vidgen.author.anim import NOT_CIRCA, bounded, quoted_in, sentences

_ARROW = re.compile(r"\s*(?:→|->|⟶|=>)\s*")


def chains(anim: str) -> list[list[str]]:
    """Boxes joined by arrows: "'A' → 'B' → 'C'", "a 'Sensor' box; an arrow leads to 'Controller'"."""
    text = bounded(anim)
    out: list[list[str]] = []
    # 'A' → 'B' → 'C'; a ';' or a new sentence starts another chain ("'Food' → 'Drool'; 'Sound' → 'No response'")
    starts: list[tuple[int, str]] = []   # (sentence, first box) of each chain
    pieces = ((n, c) for n, sentence in enumerate(sentences(text))
              for c in re.split(r";|(?<=\.)" + NOT_CIRCA + r"\s", sentence))
    for at, s in pieces:
        # (an arrow inside a quote, 'P → Q', is the label's own: it joins no boxes)
        if _ARROW.search(re.sub(r"(?<!\w)['‘\"“][^'’\"”]{1,60}['’\"”](?!\w)", "''", s)):
            if re.search(r"['’\"”]\s*/\s*['‘\"“]", s):
                continue   # "'No: play on' / 'Yes' → ...": a branching chart, which one line of boxes would misread
            parts = _ARROW.split(s)
            names: list[str] = []
            for k, part in enumerate(parts):
                qs = quoted_in(part)
                # a box is the name right at the arrow: in "'Dark' going 50 → 27 → 31, and 'Milk' ..." the arrows
                # join numbers, not the two names around them
                # (a few words of description may stand between: "→ a long bar labelled '+70 years' →")
                at_arrow = re.search(r"['’\"”][^\d'‘’\"“”]{0,30}$", part) if k == 0 else \
                    re.match(r"[^\d'‘’\"“”]{0,40}['‘\"“]", part)
                # (the 'no' branch of a question, "→ (no) back to 'Keep monitoring' / (yes) → ...", is no step of
                # the line: drawn in it, it would read as one every case passes through; a loop's 'back to' is)
                branch = k > 0 and re.match(r"\s*\((?:no|n|false)\)", part, re.I)
                if qs and at_arrow and not branch:
                    names.append(qs[-1] if k == 0 else qs[0])
                if 0 < k < len(parts) - 1 and len(qs) >= 2:
                    # "top '4' → 'beats per bar', bottom '4' → 'quarter note ...'": one arrow ends, another starts
                    if len(names) >= 2:
                        out.append(names)
                        starts.append((at, names[0]))
                    names = [qs[-1]]
            if len(names) >= 2:
                out.append(names)
                starts.append((at, names[0]))
    # ("... → 'no' → 'Ignore it'"): an answer on an arrow taken for a box makes one line of a branching chart,
    # which says every answer leads on to the next box; and one box pointing at two ('4' → 'beats per bar', '4' →
    # 'quarter note') fans out: a line from one to the next would join what the note keeps apart
    if len(set(starts)) < len(starts):
        return []   # (two chains from one box in one sentence; 'Sound' → 'No response', then 'Sound' → 'Drool' after
        # the training, are two moments)
    out = [c for c in out if not any(n.strip().lower() in ("yes", "no") for n in c)]
    if out:
        return out
    # ("Arrows show the same box moving from 'Ship' to 'Train' to 'Truck'"): a journey through three or more
    trip = _TRIP.search(text)
    if trip and re.search(r"\b(?:arrows?|mov\w*|travel\w*|flow\w*|pass\w*|goes|going)\b",
                          text[max(0, trip.start() - 60):trip.start()], re.I) and len(quoted_in(trip[2])) >= 2:
        return [[trip[1], *quoted_in(trip[2])]]
    described = _joined(text)
    if described:
        return [described]
    # "a 'Laptop' box; an arrow leads to a 'Resolver' box. From the resolver, an arrow leads to 'Root server'"
    chain: list[str] = []
    if not re.search(r"\b(?:box|node|block)(?:es|s)?\b", text, re.I):
        return []  # arrows that swing or point at things are motion, not a flow of boxes
    for s in sentences(text):
        for clause in re.split(r";|,\s*(?:and\s+)?(?=(?:then\s+)?(?:an?|one|another)\s+arrow)", s):
            qs = quoted_in(clause)
            if not qs:
                continue
            # (past what the arrow is labelled: "an arrow labelled '15 rpm' leads to a 'Gearbox' box")
            lead = re.search(r"\barrows?\b(?:\s+(?:labell?ed|marked)\s+['‘\"“][^'’\"”]{1,40}['’\"”])?[^'‘\"“]*?"
                             r"\b(?:leads?|points?|goes|runs?|to|towards?|into)\b", clause, re.I)
            box = re.search(r"\b(?:box|node|block|step|stage)\w*\b", clause, re.I)
            if lead:
                if not chain:
                    before = quoted_in(clause[: lead.start()])
                    chain += before[-1:]
                # ("..., which also receives an arrow from 'Setpoint'"): a box feeding in from the side is not a step
                # (nor are the many it fans out into: "'Index fund', which fans out into ... 'Company 1' to ...")
                led = re.split(r",?\s*(?:which\s+(?:also\s+)?)?(?:receives?|takes? in|(?:fans?|branch(?:es)?|splits?|"
                               r"spreads?)\s+(?:out|into))\b", clause[lead.end():], maxsplit=1)[0]
                targets = quoted_in(led)
                # one box fanning out to several ('Arrows lead down to three boxes: ...'): a chain would say A leads
                # to B, which is false
                if len(targets) > 1 and re.search(r"\banother\b|\beach\b|\bboth\b|\barrows\b|\b(?:two|three|four|"
                                                  r"five|several) (?:boxes|nodes|blocks|parts)\b", clause, re.I):
                    return []
                for q in targets[:5]:
                    if q not in chain:
                        chain.append(q)
                    elif q == chain[0] and len(chain) > 2 and re.search(r"\bback\b|\bloop\b|\bcycle\b", clause, re.I):
                        chain.append(q)   # 'then back to 'Sensor', closing the loop': a cycle
            elif box and not chain:
                chain.append(qs[0])
    return [chain] if len(chain) >= 2 else []


_TRIP = re.compile(r"\bfrom\s+(?:the\s+|an?\s+)?['‘\"“]([^'’\"”]{1,40})['’\"”]((?:\s*,?\s*(?:then\s+|and\s+)?(?:on\s+)?"
                   r"to\s+(?:the\s+|an?\s+)?['‘\"“][^'’\"”]{1,40}['’\"”])+)", re.I)
# boxes said to be joined by arrows, or a cycle drawn round ("Three boxes joined by arrows from left to right: ...
# 'CPU', ... 'Cache', ... 'Main memory'"; "A circular life-cycle diagram ... joined by curved arrows: 'Egg', ...")
_JOINED = re.compile(r"\b(?:joined|linked|connected) by (?:curved |short |small )?arrows?\b|"
                     r"\b(?:cycle|loop|circular|life-cycle)\s+diagram\b", re.I)
# ("Four panels labelled 'A', 'B', 'C', 'D'. An arrow between each panel."): the arrows said in the next sentence
_BETWEEN = re.compile(r"^\s*(?:an? |with )?arrows? (?:between|links?|joins?|connects?|leads? from each)\b[^.]{0,30}"
                      r"\b(?:each|every|them|the (?:panels|steps|stages|boxes))\b", re.I)
_CYCLE = re.compile(r"\b(?:cycle|loop|circular|life-cycle|round in a circle|back to the (?:start|first))\b", re.I)
_ON_ARROWS = re.compile(r"\barrows?\b(?:(?!\b(?:boxe?s?|nodes?|stations?|stages?|circles?)\b)[^'‘\"“.:;]){0,30}"
                        r"\b(?:labell?ed|marked)\b\s*((?:['‘\"“][^'’\"”]{1,40}['’\"”]"
                        r"(?:\s*(?:,|and)\s*)?)+)", re.I)
_STAGE = re.compile(r"^\s*(?:stage|step|panel|box)\s*\d+\s*(?:,\s*)?(?:labell?ed|titled|named|:)\s*['‘\"“]", re.I)


def arrow_labels(anim: str) -> set[str]:
    """What a note writes on arrows ("joined by arrows labelled 'transcription' and 'translation'", "Speed labels
    appear on the arrows: 'a few nanoseconds' between ...")."""
    text = bounded(anim)
    found = {q for m in _ON_ARROWS.finditer(text) for q in quoted_in(m[1])}
    for s in sentences(text):
        m = re.search(r"\bon (?:the|each|its) arrows?\s*:", s, re.I)
        if m:
            found |= set(quoted_in(s[m.end():]))
    return found


def _joined(text: str) -> list[str]:
    """The boxes of a chart described in words rather than drawn with arrows: in the order named, round to the
    first again when the note draws a cycle. None when boxes flow into one ('A' and 'B' flow into 'C'), when the
    arrows point back ('pointing backwards'), or when fewer than three boxes (two, or one, say no order)."""
    said = sentences(text)
    for k, s in enumerate(said):
        joined = _JOINED.search(s) or (k + 1 < len(said) and _BETWEEN.match(said[k + 1]) and
                                       re.search(r"\b(?:panels|steps|stages|boxes)\b", s, re.I))
        if not joined or re.search(r"\binto\b|\bbackwards?\b|\bboth\b", s, re.I):
            continue
        on_arrows = {q for m in _ON_ARROWS.finditer(s) for q in quoted_in(m[1])}
        boxes = [q for q in quoted_in(s) if q not in on_arrows]
        if len(boxes) < 2:   # ('A three-stage diagram joined by arrows. Stage 1 labelled 'Fringing reef': ...')
            boxes = [quoted_in(x)[0] for x in said[k + 1:k + 7] if _STAGE.match(x) and quoted_in(x)]
        if len(boxes) < 3 or len(set(boxes)) < len(boxes) or any(len(b.split()) > 6 for b in boxes):
            continue
        return boxes[:6] + boxes[:1] if _CYCLE.search(s) else boxes[:6]
    return []


_WAY = r"(?:\s+(forward|backward|backwards|up|down|upward|downward|left|right|inward|outward))?"


def grouped(anim: str) -> list[tuple[str, list[str]]]:
    """Things the note labels, each with the labels it puts on them ("A box labelled 'Horse' with arrows: 'Ground on
    hooves: 900 N' forward and 'Cart on horse: 600 N' backward"), when two or more things are so described."""
    groups: list[tuple[str, list[str]]] = []
    for sentence in sentences(bounded(anim)):
        m = re.search(r"labell?ed\s+['‘\"“]([^'’\"”]{1,40})['’\"”]\s+with\s+[^'‘\"“:]{0,40}:\s*(.+)", sentence, re.I)
        if not m:
            continue
        parts = [f"{q}{' ' + way if way else ''}" for q, way in
                 re.findall(r"['‘\"“]([^'’\"”]{1,40})['’\"”]" + _WAY, m[2], re.I)]
        if parts:
            groups.append((m[1], parts))
    return groups if len(groups) >= 2 else []
