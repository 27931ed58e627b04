"""What each candidate draws: the elements a chosen way of drawing a scene adds to its draft (boxes joined by arrows,
bars, a table, a figure, a branching chart, messages, a timeline, two halves, sketched curves, code, a formula), each
shown when the voice names it."""

from __future__ import annotations

import re
from typing import Any

from vidgen.author import anim as an
from vidgen.author import anim_graphs as ag
from vidgen.author import derive_words as dw
from vidgen.author import phrases as ph
from vidgen.author import spoken_math as sm
from vidgen.author.bare import CROSSED, VERB
from vidgen.author.complete import DANGLING, is_cut, unmarked, whole_clause
from vidgen.author.draft import Ctx, Draft
from vidgen.author.pointing import MYTH
from vidgen.author.scenery import captions, unsaid_reading


def unique(xs: list[str]) -> list[str]:
    out: list[str] = []
    for x in xs:
        if all(x.replace(" ", "") != o.replace(" ", "") for o in out):
            out.append(x)
    return out



def show(ctx: Ctx, draft: Draft, eid: str, labels: list[str]) -> None:
    draft.show_items(eid, [ctx.naming(lab, ctx.first(re.escape(lab), default=0)) for lab in labels])


def _step(sid: str, name: str) -> dict[str, Any]:
    """A box of a flow: a name with a long gloss in brackets ('Reactor (about 450 °C, 200 atm)') is the name, with
    the gloss as its muted second line, which keeps every box's name large enough to read."""
    m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", name)
    if m and len(m[2].split()) >= 3 and len(m[1].split()) >= 1:
        return {"id": sid, "label": m[1].strip(), "detail": m[2].strip()}
    return {"id": sid, "label": name}


def flow(ctx: Ctx, draft: Draft, chains: list[list[str]]) -> bool:
    chain = max(chains, key=len)
    cycle = len(chain) > 2 and chain[-1] == chain[0]
    names = unique(chain[:-1] if cycle else chain)
    # (the flow numbers its boxes itself: '1. Sculpt in wax' would read '1 1. Sculpt in wax')
    if all(dw.NUMBERED.match(n) for n in names):
        names = [dw.NUMBERED.sub("", n) for n in names]
    # (seven short steps fit a row: cut at six, 'Shear' ... 'Ply' would end where the note's chain does not)
    names = names[:7 if not cycle and all(len(n) <= 8 for n in names[:7]) else 6]
    items: list[dict[str, Any]] = [_step(f"n{k}", ph.plain(n)) for k, n in enumerate(names)]
    if cycle:
        items[-1]["to"] = "n0"
    show(ctx, draft, draft.add("flow", items, "F"), names)
    return len(items) >= 2


def layers(ctx: Ctx, draft: Draft, names: list[str]) -> bool:
    """A stack the note describes, its top layer first; a name's gloss ('Rudus: coarse rubble and lime', 'Arriccio
    (rough plaster)') said at the band's right, so every name reads at one size."""
    items: list[dict[str, Any]] = []
    for name in names:
        m = re.fullmatch(r"(.+?)\s*(?::\s*(.+)|\(([^()]+)\))", ph.plain(name))
        items.append({"label": m[1].strip(), "detail": (m[2] or m[3]).strip()} if m else {"label": ph.plain(name)})
    show(ctx, draft, draft.add("layers", items, "Y"), names)
    return True


def bars(ctx: Ctx, draft: Draft, bars: list[tuple[str, float, str]]) -> bool:
    unit = "percent" if bars[0][2] == "%" else (bars[0][2] or None)
    # (bars in no unit are measured by what the chart's upright axis names: 'Relative heat loss'; and what the
    # chart counts, "comparing 'Men: 8%' with 'Women: 0.5%' for red-green colour blindness", says whose they are)
    named = ag.axes(ctx.anim) if unit is None else None
    what = next((m[1] for x in an.sentences(ctx.anim) if re.search(r"\bbar (?:chart|graph)|\bbars?\b", x, re.I)
                 for m in [re.search(r"['’\"”)]\s+(?:for|of|among)\s+((?:[a-z][\w-]*\s*){1,6})\.?$", x)] if m), "")
    caption = unit or (ph.plain(named[1]) if named else None)
    caption = f"{what.strip()} ({caption})" if what and caption else what.strip() or caption
    draft.title = an.titled(ctx.anim) or draft.title
    items = [{"label": ph.plain(lab)[:40], "value": v} for lab, v, _ in bars]
    show(ctx, draft, draft.add("bars", items, "B", caption=caption[:120] if caption else None), [b[0] for b in bars])
    draft.complete = True
    return True


def table(ctx: Ctx, draft: Draft, table: tuple[list[str], list[list[str]]]) -> bool:
    header, rows = table
    if len(header) == 3 and not header[0].strip() and all(len(r) == 3 for r in rows) and len(rows) <= 4:
        # (rows named, two columns: 'Sensitivity: low' | 'Sensitivity: high' under 'Dynamic vs Condenser')
        header, rows = header[1:], [[f"{r[0]}: {r[1]}", f"{r[0]}: {r[2]}"] for r in rows]
    if len(header) == 2 and all(len(r) == 2 for r in rows) and (
            all(":" in r[0] and ":" in r[1] for r in rows) or _opposed(header)):
        # two things compared line by line, each cell saying its own line ('Needs: sugar only' | 'Needs: sugar +
        # protein'): two columns, not rows run together into 'Needs: sugar only: Needs: sugar + protein'
        # (the header names the two sides, as a split screen's names do: its caption, not a point of each)
        points = [*((ph.plain(r[0]), "left") for r in rows), *((ph.plain(r[1]), "right") for r in rows)]
        sides = f"{ph.plain(header[0])} vs {ph.plain(header[1])}"[:120]
        show(ctx, draft, draft.add("compare", [{"label": lab, "detail": side} for lab, side in points], "K",
                                   caption=sides), [lab for lab, _ in points])
        draft.layout = "full"
        draft.complete = True
        return True
    # a short first column (a number, a code) says nothing alone: it keeps the second beside it
    # one line a row, every column kept ('Normal: < 120 · and < 80'): a second line per row would shrink the text
    apart = dw.numeric_rows(rows)
    items = [{"label": ph.plain(dw.row_line(r, apart))[:200]} for r in rows]
    # (a grid's header has an empty corner over its row names: its column names alone would be a riddle)
    # (named ones, 'Foil · Épée · Sabre' over rows each named, 'Tip force: 500 g · 750 g · —', say whose each is)
    caption = ph.plain(dw.row_line(header, apart, head=True))[:120] if header and header[0].strip() else \
        ph.plain(" · ".join(header[1:]))[:120] if len(header) > 2 and all(len(h) >= 3 for h in header[1:]) else None
    show(ctx, draft, draft.add("bullets", items, "L", caption=caption), [r[0] for r in rows])
    draft.complete = True
    return True


_NOT = re.compile(r"n't\b|\b(?:not|no|never|without|cannot)\b", re.I)
_PAIRS = ({"myth", "fact"}, {"myths", "facts"}, {"pros", "cons"}, {"do", "don't"}, {"before", "after"}, {"good", "bad"},
          {"true", "false"}, {"right", "wrong"}, {"helps", "hurts"})


def _opposed(header: list[str]) -> bool:
    """Two columns that stand against each other ('Can help' | "Can't fix", 'Myth' | 'Fact'): each holds a list of
    its own, side by side, not the two halves of one row ('Pain: Tumours' would say pain is tumours)."""
    a, b = (h.strip().lower() for h in header)
    return bool(_NOT.search(a)) != bool(_NOT.search(b)) or {a, b} in _PAIRS


def figure(ctx: Ctx, draft: Draft, fig: tuple[str, list[tuple[str, str]]]) -> bool:
    """One shape with its parts labelled, each label shown when the voice names it."""
    shape, parts = fig
    items = [{"label": shape}, *({"label": ph.plain(lab)[:30], "detail": word} for lab, word in parts[:5])]
    show(ctx, draft, draft.add("figure", items, "G"), [shape, *(lab for lab, _ in parts[:5])])
    draft.complete = True
    return True


def decisions(ctx: Ctx, draft: Draft, decided: list[tuple[str, str]]) -> bool:
    """A branching chart as its questions, each with where its answers lead (a sub-line)."""
    items = [{"label": ph.plain(q)[:120], **({"detail": ph.plain(d)[:160]} if d else {})} for q, d in decided]
    show(ctx, draft, draft.add("bullets", items, "L"), [q for q, _ in decided])
    draft.complete = True
    return True


def messages(ctx: Ctx, draft: Draft, msgs: list[str]) -> bool:
    """Messages between two parties, in the order they are sent (numbered: the order is the point)."""
    items = [{"label": ph.plain(m)[:120]} for m in msgs[:6]]
    show(ctx, draft, draft.add("bullets", items, "L"), [m.split(": ", 1)[-1] for m in msgs[:6]])
    draft.complete = True
    return True


def timeline(ctx: Ctx, draft: Draft, marks: list[str]) -> bool:
    # a year alone that the voice never says ('1200' and '2000' at the ends of a line, '1827' after the events) marks
    # where the line runs, not an event: as a dot it would be one more event, of nothing
    kept = [m for m in marks if not (re.fullmatch(r"\s*\d{4}\s*", m) and unsaid_reading(m, ctx.narration))]
    marks = kept if len(kept) >= 2 else marks
    years = [re.search(r"\b(1[0-9]{3}|20[0-9]{2})\b", m) for m in marks]
    dated = all(years) and len({y[1] for y in years if y}) == len(years)
    if dated:   # (drawn in order along its line: '1200', '2000', then 'Botticelli (c. 1485)' would read 2000 < 1485)
        marks, years = (list(t) for t in zip(*sorted(zip(marks, years, strict=True),
                                                     key=lambda my: float(my[1][1] if my[1] else 0)), strict=True))
    items = [{"label": ph.plain(m)[:80], **({"x": float(y[1])} if dated and y else {})} for m, y in zip(marks, years,
                                                                                                   strict=True)]
    show(ctx, draft, draft.add("timeline", items, "T"), marks)
    draft.complete = True
    return True


def scale(ctx: Ctx, draft: Draft, marks: list[tuple[str, float]]) -> bool:
    """Things placed on one scale by their numbers ('Cl₂ (0)', 'H₂O (1.24)', 'NaCl (2.23)'): each at its number."""
    ordered = sorted(marks, key=lambda m: m[1])
    show(ctx, draft, draft.add("timeline", [{"label": ph.plain(n)[:60], "x": v} for n, v in ordered], "T"),
         [n for n, _ in ordered])
    draft.complete = True
    return True


_CROSSED = re.compile(CROSSED, re.I)
_TICKED = re.compile(r"\bticked\b|\bwith an? (?:green )?(?:tick|check ?mark)\b|"
                     r"\bmarked (?:as )?(?:right|true|correct)\b", re.I)


def _marked(label: str, desc: str) -> str:
    """'✗ ' for a label the note crosses out ("a crossed-out statement 'P(coin is fair) = 5.7%'", "'O₂' struck
    through"), '✓ ' for one it ticks; nothing when the mark is on something else ('the opposite arrow crossed out')."""
    at = desc.find(label)
    # (a point the half describes, not a label it quotes, carries the half's mark: 'Anna looking right and Ben
    # looking left, with a green check mark'; a list the mark opens carries it on each: 'wrong theories crossed
    # out: 'Choctaw okeh', 'Scottish och aye', ...')
    opened = re.search(r"(?:crossed[- ]out|struck[- ]through|ticked)[^.;'‘\"“]*:\s*(?:['‘\"“][^'’\"”]*['’\"”],?\s*)*"
                       r"['‘\"“]?$", desc[:at], re.I) if at >= 0 else None
    near = desc if at < 0 else desc[opened.start():at] if opened else \
        desc[max(0, at - 30):at] + " " + desc[at + len(label):at + len(label) + 30]
    if re.search(r"\barrows?\b", near, re.I):
        return ""
    return "✗ " if _CROSSED.search(near) else "✓ " if _TICKED.search(near) else ""


def _myth_and_fact(ctx: Ctx, h: an.Halves) -> list[tuple[str, str]]:
    """Halves named 'Myth' and 'Fact' over pictures (a masked figure captioned 'Anonymous', a ledger's header row):
    the myth the voice states and the sentence after it that corrects it, each in its half. The pictures' labels
    say neither, and under 'Fact' a drawing's label reads as the fact."""
    names = [n.strip().lower().rstrip("s") for n in h.names]
    if sorted(names) != ["fact", "myth"] or any(len(q.split()) >= 3 and VERB.search(q)
                                                 for q in h.left_labels + h.right_labels):
        return []
    k = next((k for k, s in enumerate(ctx.sentences[:-1]) if re.match(MYTH, s, re.I)), None)
    if k is None:
        return []
    myth = whole_clause(re.sub(MYTH + r"\s*", "", ctx.sentences[k], count=1, flags=re.I), 14)
    # (the sentence after it, or the one after that when it only denies: 'It doesn't.'; 'Fact: they are
    # pseudonymous' is the fact however short)
    after = [(re.match(r"\s*(?:the\s+)?(?:fact|truth|reality)\s*:", s, re.I) is not None,
              unmarked(re.sub(r"^\s*(?:the\s+)?(?:fact|truth|reality)\s*:\s*", "", s, flags=re.I)))
             for s in ctx.sentences[k + 1:k + 3]]
    fact = next((whole_clause(s, 16) for named, s in after if (named or len(s.split()) >= 4) and whole_clause(s, 16)),
                "")
    if not myth or not fact:
        return []
    said = {"myth": ph.cap(ph.plain(myth)).rstrip(" ."), "fact": ph.cap(ph.plain(fact)).rstrip(" .")}
    return [(said[names[0]], "left"), (said[names[1]], "right")]


def halves(ctx: Ctx, draft: Draft, h: an.Halves) -> bool:
    points: list[tuple[str, str]] = []
    pair = _myth_and_fact(ctx, h)
    if pair:
        show(ctx, draft, draft.add("compare", [{"label": lab, "detail": side} for lab, side in pair], "K",
                                   caption=f"{h.names[0]} vs {h.names[1]}"), [lab for lab, _ in pair])
        draft.layout = "full"
        draft.complete = True
        return True
    props = captions(ctx.anim)
    for side, labels, desc, name in (("left", h.left_labels, h.left, h.names[0]),
                                     ("right", h.right_labels, h.right, h.names[1])):
        # a half with nothing to show but its own name ('Before' over an empty panel) says nothing of the scene
        # (nor does a timer's reading in it: 'a timer from '0' to '10 min'' times the picture, it is not a point)
        labels = [lab for lab in labels if lab != name and lab not in props] or \
            [described(desc, ctx.narration)]
        # (a verdict stamped on what the half shows, "'Save Our Souls' ..., stamped 'FALSE'", is its mark, not a
        # second thing of the half)
        stamps = [lab for lab in labels if _VERDICT.fullmatch(lab.strip())]
        stamp = ("✓ " if re.match(r"(?i)true|correct|confirmed", stamps[0].strip()) else "✗ ") \
            if stamps and len(stamps) < len(labels) else ""
        labels = [lab for lab in labels if lab not in stamps] if stamp else labels
        # a statement the note crosses out ('a crossed-out statement ...') is shown as wrong, one it ticks as right:
        # the two side by side, unmarked, read as two truths
        points += [((_marked(lab, desc) or stamp) + ph.plain(_of_part(lab, desc)), side) for lab in labels[:4]
                   if lab.strip()]
    points = [p for p in points if not ph.inside(p[0], [q for q, side in points if side == p[1]])]
    caption = f"{h.names[0]} vs {h.names[1]}" if h.names[0] and h.names[1] else None
    # a half's name that says something ('Expression: protected', not 'Before') is its point when it shows nothing
    # else: each half is then headed by its name, and no caption says them again
    sides = {s for _, s in points}
    if len(sides) <= 1 and all(len(n.split()) >= 3 or ":" in n or "→" in n for n in h.names):
        points = [(ph.plain(h.names[0]), "left"), *[p for p in points if p[1] == "left"],
                  (ph.plain(h.names[1]), "right"), *[p for p in points if p[1] == "right"]]
        caption = None
    if not any(s == "left" for _, s in points) or not any(s == "right" for _, s in points):
        return False
    show(ctx, draft, draft.add("compare", [{"label": lab, "detail": s} for lab, s in points], "K", caption=caption),
          [lab for lab, _ in points])
    draft.layout = "full"
    draft.complete = True
    return True


# (not 'Myth' nor 'Fact': those head a half)
_VERDICT = re.compile(r"(?i)(?:true|false|busted|wrong|correct|incorrect|fake|debunked|confirmed)!?")


def _of_part(label: str, desc: str) -> str:
    """A label that says something of one part of the half ("'Male: XY', with the smaller Y labelled 'no
    colour-vision genes'") is said of that part ('Y: no colour-vision genes'): under the half's name alone it reads
    as said of the whole."""
    if not re.match(r"(?:no|not|without|only|has|have|is|are|carries|lacks)\b", label, re.I):
        return label
    m = re.search(r"\b(?:the|its|a|an)\s+(?:[a-z]+\s+)?([A-Za-z][\w-]{0,11})\s+(?:labell?ed|marked|tagged)\s+['‘\"“]"
                  + re.escape(label), desc)
    if not m or m[1].lower() in _GENERIC_PARTS:
        return label
    return f"{m[1]}: {label}"


_GENERIC_PARTS = frozenset(("box", "arrow", "line", "bar", "side", "half", "circle", "panel", "icon", "card", "sign",
                            "banner", "caption", "tag", "label", "curve", "dot", "one", "other", "part", "area"))


def described(desc: str, narration: str = "") -> str:
    """What a half shows, said briefly: "labelled 'Offside': the attacker is a step beyond the line. A flag ..." ->
    'The attacker is a step beyond the line'."""
    # (the half's name, 'labelled 'Offside':' or just ''Dolly out + zoom in':', is not what it shows)
    name = r"['‘\"“][^'’\"”]*['’\"”]"
    first = re.split(r"(?<=[.!?])\s+", re.sub(rf"^\s*(?:labell?ed\s+{name}\s*:?|{name}\s*:)\s*", "", desc))[0]
    # (the half's own name, 'titled ...', is not what it shows)
    shown = re.sub(r"^\s*(?:titled|headed|named|captioned)\s+['‘\"“][^'’\"”]*['’\"”]\s*[:,]?\s*", "", first, flags=re.I)
    phrase = ph.key_phrase(an.DIRECTION.sub("", shown).strip(" ,"), 8)
    # (a description cut before a quote it holds, 'a soft brush with a '2 min' timer', ends where no one wrote it
    # to: it is no point)
    if is_cut(phrase):
        return things_said(first, narration)
    # what the drawing looks like ('a slow, low curve that rises late') is for the animator, not a line to show
    drawn = re.search(r"\b(?:curves?|lines?|graphs?|charts?|bars?|arrows?|boxe?s?|dots?|icons?|shapes?|circles?|"
                      r"silhouettes?|outlines?)\b", phrase, re.I)
    # and a thing seen with no statement made of it ('A green island with many birds', 'A sugar cube melting into
    # amber syrup') describes the half's picture, unless the narration says the same ('an attacker level with the
    # last defender'): a point is a clause that says something, or what the voice says too
    stated = re.search(r"\b(?:is|are|was|were|has|have|had|can|will|must|does|do|did|cannot)\b|n't\b", phrase,
                       re.I) or ph.overlap(phrase, narration) >= 0.8
    if not phrase or drawn or not stated or re.search(r"['‘\"“]", phrase):
        return things_said(first, narration)
    return phrase


def things_said(desc: str, narration: str) -> str:
    """The things a half shows that the voice names too ('a farmer with a cow, a pig and a sheep' when the narration
    says 'cow, pig and sheep' -> 'Cow, pig, sheep'): at least two, else nothing."""
    things = re.findall(r"\b(?:an?|the|some|two|three)\s+([a-z][\w-]*(?:\s+(?!and\b|or\b|with\b|on\b|in\b)"
                        r"[a-z][\w-]*)?)", desc)
    # ('a circle around a friend while ...'): a thing whose second word is the next clause's is not read as one
    things = [t for t in things if t.split()[-1] not in DANGLING and t.split()[-1] not in ph.STOP]
    said = [t for t in things if re.search(rf"\b{re.escape(t)}s?\b", narration, re.I)]
    return ph.cap(", ".join(said)) if len(said) >= 2 else ""


def curves(ctx: Ctx, draft: Draft, axes: tuple[str, str], curves: list[tuple[str, str]]) -> bool:
    items = [{"label": ag.named_expr(name) or ag.shape_expr(words, k), "detail": ph.plain(name)[:60]}
             for k, (name, words) in enumerate(curves[:4])]
    paths = [ag.path(words) for _, words in curves[:4]]
    if all(paths):
        # curves the note gives as numbers ('going 50 → 27 → 31') go through them, on one scale for all, and say
        # them beside their names (a sketch's axes carry no numbers)
        lo, hi = min(min(p) for p in paths), max(max(p) for p in paths)
        for item, ys in zip(items, paths, strict=True):
            item["label"] = ag.polyline([1 + 8.5 * (y - lo) / ((hi - lo) or 1) for y in ys])
            item["detail"] = f"{item['detail']}: {' → '.join(f'{y:g}' for y in ys)}"[:60]
    if any(not i["label"] for i in items):
        return False  # a curve whose shape the words do not say is not drawn: its shape would be invented
    import numpy as np  # (lazily: the drawing stack is not imported to start the CLI)

    from vidgen.visual.expr import compile_expr

    ends = [ag.ending(words) for _, words in curves[:4]]
    if len(items) > 1 and all(e for e in ends) and not any(paths):
        # curves said to end at different values ('$2,500', '$4,322') end in that order and proportion, the highest
        # near the top: two rising sketches that end together would say they come to the same
        top = max(e for e in ends if e)
        for item, e in zip(items, ends, strict=True):
            at_end = float(compile_expr(item["label"])(np.array([10.0]))[0])
            if e and at_end > 0:
                item["label"] = f"{9.5 * e / top / at_end:.4g}*({item['label']})"
    named = [ag.named_expr(name) for name, _ in curves[:4]]
    if any(named):   # (curves drawn as their formulas, on one scale that fits the tallest: n² beside n log n)
        top = max(float(compile_expr(i["label"])(np.array([10.0]))[0]) for i, n in zip(items, named, strict=True) if n)
        for item, n in zip(items, named, strict=True):
            item["label"] = f"{9.5 / top:.4g}*({n})" if n and top > 9.5 else item["label"]
    shapes = [i["label"] for i in items]
    for k, item in enumerate(items):   # two curves of one shape ('both peaking in July'), drawn apart, not as one
        if shapes[k] in shapes[:k]:
            item["label"] = f"{0.75 ** shapes[:k].count(shapes[k]):.2f}*({shapes[k]})"
    # the note describes shapes, not data: a sketch, with no numbers on its axes (they would be invented)
    # a curve said to go below zero is seen to, and so is one whose shape does (an S through the origin)
    below = any(ag.crosses(words) for _, words in curves[:4])
    lowest = min(float(np.min(compile_expr(i["label"])(np.linspace(0.0, 10.0, 41)))) for i in items)
    floor = min(-4.5 if below else 0.0, round(lowest * 1.1, 2) if lowest < 0 else 0.0)
    gid = draft.add("plot", items, "G", caption=f"{ph.plain(axes[1])} against {ph.plain(axes[0])}",
                    x_range=[0.0, 10.0], y_range=[floor, 10.5], sketch=True)
    show(ctx, draft, gid, [c for c, _ in curves[:4]])
    draft.complete = True
    return True


def code(ctx: Ctx, draft: Draft, lines: list[str]) -> bool:
    cid = draft.add("code", [{"label": line[:200]} for line in lines], "C")
    draft.step(ctx.first(r"\bcode\b|\balgorithm\b|\bfunction\b", default=0), "show", cid)
    draft.complete = True
    return True


def formula(ctx: Ctx, draft: Draft, formulas: list[str]) -> bool:
    items = [{"label": sm.to_math(f)} for f in formulas[:3]]   # words in it stay words, r/n stays r over n
    show(ctx, draft, draft.add("equation", items, "E"), formulas[:3])
    return True
