"""Charts an animator's note describes that are not one line of boxes: a branching flowchart (questions and where
their answers lead) and a sequence of messages between two parties. Pure functions on strings."""

from __future__ import annotations

import re

from vidgen.author.anim import bounded, is_direction, quoted_in
from vidgen.author.anim_chains import chains
from vidgen.author.phrases import QUOTED

_DECISION = re.compile(r"(?<!\w)(?P<q>" + QUOTED + r")|\b(?P<yn>yes|no)\b\s*(?:→|->|:|"
                       r"branch(?:es)?\s+(?:\w+\s+){0,5}?to\b|leads?\s+to\b)|(?P<arrow>→|->)"
                       r"|(?P<stop>[.;](?=\s|$))", re.I)


def decisions(anim: str) -> list[tuple[str, str]]:
    """A branching flowchart described ("'Shot taken' → diamond 'Ball hits rim?'. No → 'Clock keeps running'. Yes →
    diamond 'Offense rebounds?'. Yes → '14 seconds'. ..."): its start, then each question with where its answers
    lead ('Yes: 14 seconds · No: Other team: 24 seconds'). A line of boxes would say every answer leads on to the
    next box; a list of the boxes would read as steps in an order. Empty when the note has no answered question."""
    text = bounded(anim)
    start = ""
    questions: list[tuple[str, dict[str, list[str]]]] = []
    path: list[str] | None = None
    arrowed = False
    for m in _DECISION.finditer(text):
        if m["q"]:
            label = m["q"][1:-1].strip()
            answered_here = re.match(r"(yes|no)\b\s*(?:[:—–-]\s*(.+))?$", label, re.I)
            if answered_here:   # a quoted answer ('Yes'), or an answer and where it leads ('No: play on')
                answer = answered_here[1].capitalize()
                owner = next((q for q in reversed(questions) if answer not in q[1]), None)
                path = owner[1].setdefault(answer, []) if owner else None
                if path is not None and answered_here[2]:
                    path.append(answered_here[2].strip())
                arrowed = not answered_here[2]
                continue
            if is_direction(label):
                continue
            asked = label.endswith("?") or bool(re.search(r"\bdiamond\s*$", text[:m.start()], re.I))
            if asked:
                if path is not None and arrowed:
                    path.append(label)   # the answer leads to another question
                questions.append((label, {}))
                path, arrowed = None, False
            elif path is not None and (arrowed or not path):
                path.append(label)
                arrowed = False
            elif not questions and not start:
                start = label
        elif m["yn"]:
            answer = m["yn"].capitalize()
            owner = next((q for q in reversed(questions) if answer not in q[1]), None)
            path = owner[1].setdefault(answer, []) if owner else None
            arrowed = True
        elif m["arrow"]:
            arrowed = True
        elif m["stop"]:
            path, arrowed = None, False
    answered = [(q, {a: p for a, p in b.items() if p}) for q, b in questions]
    answered = [(q, b) for q, b in answered if b]
    if not any(len(b) == 2 for _, b in answered):
        return []   # no question with both answers: a line of yes-steps ('Offer?' → 'Acceptance?') reads right
    out = [(start, "")] if start else []
    for q, branches in answered:
        said = [f"{a}: {' → '.join(branches[a][:3])}" for a in ("Yes", "No") if branches.get(a)]
        out.append((q, " · ".join(said)))
    return out[:6]


def messages(anim: str) -> list[str]:
    """A sequence diagram described: messages between two parties ("columns labelled 'Browser' and 'Server':
    'GET /shop' →; ← '200 OK'"), each as 'Browser → Server: GET /shop', in order."""
    text = bounded(anim)
    m = re.search(r"\b(?:columns?|lanes?|lifelines?|sides?|parties|actors?)\s+(?:labell?ed|named|called)?\s*"
                  r"['‘\"“]([^'’\"”]{1,30})['’\"”]\s+and\s+['‘\"“]([^'’\"”]{1,30})['’\"”]", text, re.I)
    if not m:
        return []
    a, b = m[1], m[2]
    out = []
    for g in re.finditer(r"(←|<-)?\s*['‘\"“]([^'’\"”]{1,80})['’\"”]\s*(→|->)?", text[m.end():]):
        if bool(g[1]) != bool(g[3]):   # one arrow, on one side: a message and its direction
            out.append(f"{b} → {a}: {g[2]}" if g[1] else f"{a} → {b}: {g[2]}")
    return out if len(out) >= 2 else []


_BRANCH = re.compile(r"\barrows?\s+labell?ed\s+['‘\"“]([^'’\"”]{1,30})['’\"”]\s+(?:leads?|points?|goes|runs?)\s+to\s+"
                     r"(?:an?\s+|the\s+)?(?:box\s+|diamond\s+)?(?:labell?ed\s+)?['‘\"“]([^'’\"”]{1,60})['’\"”]", re.I)


def branches(anim: str) -> list[tuple[str, str]]:
    """A question whose arrows carry their own labels ("a box 'Which item first?' with two arrows. Arrow labelled
    'Newest' leads to a box 'Use a stack'; arrow labelled 'Oldest' leads to ..."): the question with where each
    answer leads, as `decisions` gives a yes/no chart."""
    text = bounded(anim)
    asked = next((q for q in quoted_in(text) if q.rstrip().endswith("?")), None)
    found = [(m[1].strip(), m[2].strip()) for m in _BRANCH.finditer(text)]
    if asked and len(found) < 2:
        # ("a box 'Where are you recording?' with one arrow to 'Live stage' → 'Dynamic' and another to 'Quiet
        # studio' → 'Condenser'"): each answer a short chain of its own, the answer and where it leads
        pairs = [c for c in chains(text) if asked not in c]
        found = [(c[0], c[1]) for c in pairs] if len(pairs) >= 2 and all(len(c) == 2 for c in pairs) else found
    if not asked or len(found) < 2:
        return []
    return [(asked, " · ".join(f"{a}: {b}" for a, b in found))]
