"""Choosing a scene's picture by a score over several signals, never by one keyword.

Every way of drawing a scene is a candidate with a score: what the `anim` note describes (boxes
joined by arrows, halves of a split screen, a bar chart, a table, a timeline, labelled curves, a
formula) and what the narration's own signals support (a complex number named as such, matrices
written out, a pendulum, years, numbers with units, sentences that step through a process).
Words with many meanings (complex, multiple, product, power, root, table, plane, ...) add a little
to a candidate that has a real signal and nothing on their own, so a software-testing scene that
says "complex" and "multiple" never draws a complex plane. Below `ENOUGH`, no candidate is
chosen and the scene gets its key points. `derive` tries candidates best first and keeps the rest
as runners-up, which `vidgen show` names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from vidgen.author import anim as an
from vidgen.author import anim_code as ac
from vidgen.author import anim_flows as af
from vidgen.author import anim_graphs as ag
from vidgen.author import anim_layers as al
from vidgen.author import anim_tables as tables
from vidgen.author import builders as bd
from vidgen.author import derive_math as dm
from vidgen.author import derive_words as dw
from vidgen.author import phrases as ph
from vidgen.author import spoken_math as sm
from vidgen.author.anim_chains import chains as _chains
from vidgen.author.derive_complex import ARGAND, IMAGINARY, complex_plane
from vidgen.author.draft import Ctx, Draft

ENOUGH = 2.0   # the least score a candidate needs to draw a scene
_AMBIGUOUS = """complex multiple product power root table plane field scale balance matrix function vector
angle cell current charge wave square rotate rotation multiply magnitude series model network normal mean range
interest return space order degree base"""
AMBIGUOUS = frozenset(_AMBIGUOUS.split())


@dataclass
class Candidate:
    name: str                      # what a person reads: "flow from the note", "complex plane"
    kind: str                      # the element kind it draws
    score: float
    why: list[str] = field(default_factory=list)   # the words that support it
    build: Callable[[Ctx, Draft], bool] | None = None


def _signals(ctx: Ctx, strong: list[tuple[str, float]], weak: tuple[str, ...] = ()) -> tuple[float, list[str]]:
    """Strong signals add their weight (more when the animator's note also says them); many-meaning words
    add 0.25 each, at most 0.5, and only beside a strong one."""
    score, why = 0.0, []
    for pattern, weight in strong:
        m = re.search(pattern, ctx.narration, re.I) or re.search(pattern, " ".join(ctx.on_screen), re.I)
        in_anim = re.search(pattern, ctx.anim, re.I)
        if m or in_anim:
            score += weight * (1.25 if in_anim else 1.0)
            why.append((m or in_anim)[0])  # type: ignore[index]
    if score:
        extra = [w for w in weak if re.search(rf"\b{w}", ctx.everything, re.I)]
        score += min(0.5, 0.25 * len(extra))
    return score, why


def _years(ctx: Ctx) -> tuple[float, list[str]]:
    years = sorted(set(re.findall(r"\b(1[0-9]{3}|20[0-9]{2})\b", ctx.narration)))
    score = 1.0 * min(3, len(years)) if len(years) >= 2 else 0.0
    return score + (1.0 if score and ctx.has(r"\btime ?line|histor|centur") else 0.0), years


def _sequence(ctx: Ctx) -> tuple[float, list[str]]:
    steps = [s for s in ctx.sentences if dw._SEQUENCE.match(s)]
    negated = [s for s in ctx.sentences if dw._CONVERTS.search(s) and _negated(s)]
    converts = [m[0] for s in ctx.sentences if not _negated(s) for m in dw._CONVERTS.finditer(s)]
    score = (1.0 * min(3, len(steps)) if len(steps) >= 2 else 0.0) + 1.0 * min(2, len(converts))
    return (0.0 if negated and not steps else score), [s[:80] for s in steps[:2]] + converts[:2]


def _negated(sentence: str) -> bool:
    return bool(re.search(r"\b(?:not|never|no|cannot|can't|won't|doesn't|don't|isn't|aren't|without)\b|n't\b",
                          sentence, re.I))


def _units(ctx: Ctx) -> tuple[float, list[str]]:
    found = dw.bar_data(ctx)  # numbers stated of named things, not every number with a unit
    return 1.0 * min(3, len(found)), [f"{t}: {v:g} {u}" for t, v, u, _ in found[:3]]


def legacy(ctx: Ctx) -> list[Candidate]:
    """The narration recipes, each with the score of what supports it."""
    out: list[Candidate] = []

    def add(name: str, kind: str, scored: tuple[float, list[str]], build: Callable[[Ctx, Draft], bool]) -> None:
        if scored[0] > 0:
            out.append(Candidate(name, kind, scored[0], scored[1], build))

    add("complex plane", "plane", _signals(ctx, [
        (r"complex numbers?", 2.0), (IMAGINARY, 1.5), (ARGAND, 2.0), (r"\ba\s*\+\s*bi\b", 2.0),
        (r"\bz\s*_?\s*[12]\b", 1.5), (r"\breal (?:part|axis)\b", 1.0)],
        ("complex", "plane", "multipl", "product", "vector", "angle", "rotat", "magnitude")), complex_plane)
    add("matrices", "matrix", _signals(ctx, [
        (dm._BRACKETS.pattern, 2.5), (r"matri(?:x|ces) multiplication|multiply(?:ing)? matri", 2.0),
        (r"\brows?\b.{0,40}\bcolumns?\b|\bcolumns?\b.{0,40}\brows?\b", 1.0), (r"\bm\s*x\s*n\b", 1.0),
        (r"\b\d\s*(?:x|×|by)\s*\d\s+matri", 2.0), (r"dot product", 1.0)],
        ("matri", "product", "row", "column")), dm.matrices)
    funcs = dm._functions(ctx)
    if funcs:
        # a function written out is drawn as its curve, ahead of the same formula shown as text
        out.append(Candidate("plot of the function", "plot", 3.5 + 0.5 * len(funcs), [f for f, _ in funcs],
                             dm.function_plot))
    eqs = [e for e in sm.equations(ctx.narration) if re.search(r"[A-Za-z]", e)]
    if eqs:
        scored = _signals(ctx, [(r"\bsolv|\bisolat|\bunknown|\bboth sides\b", 1.0)], ("balance", "side"))
        # the equation reader does not read superscripts (x² would come out as x): a formula shown as written is safer
        unread = 2.0 if re.search(r"[²³⁴⁵⁶⁷⁸⁹⁰¹]", ctx.narration) else 0.0
        out.append(Candidate("equations solved", "equation", 1.0 * min(3, len(eqs)) + scored[0] - unread,
                             eqs[:3] + scored[1], dm.algebra))
    # the word alone is no pendulum of physics: a metronome's upside-down one, a 'pendulum of public opinion'; its
    # period, string, bob or gravity are what the drawing shows
    swung = _signals(ctx, [(r"\bpendulums?\b", 3.0)], ("swing", "period"))
    physics = re.search(r"\b(?:period|gravity|bob|string|amplitude|oscillat\w*|length of the)\b", ctx.everything, re.I)
    add("pendulum", "plot", swung if physics else (0.0, []), dm.swing)
    shapes = {m.lower() for m in re.findall(r"\b(triangle|circle|rectangle|pentagon|hexagon|polygon|cube|sphere|"
                                            r"cylinder|cone|pyramid|prism)s?\b", ctx.everything, re.I)}
    if shapes and re.search(r"\bsquares?\b(?!\s+(?:root|met|kilomet|mile|feet|foot|inch|centimet))", ctx.everything,
                            re.I):
        shapes.add("square")  # 'square' is a shape only beside another named shape
    # shapes the note alone names ('ions drawn as circles', 'a sphere for the atom') are how the animator would
    # draw something else: the scene is about shapes when its narration names them too
    spoken = {m.lower() for m in re.findall(r"\b(triangle|circle|rectangle|pentagon|hexagon|polygon|cube|sphere|"
                                            r"cylinder|cone|pyramid|prism|square)s?\b", ctx.narration, re.I)}
    if len(shapes) >= 2 and (len(spoken) >= 2 or ctx.has(r"\bshapes?\b|\bgeometr", ctx.narration)):
        scored = _signals(ctx, [(r"\bshapes?\b|\bgeometr", 1.0), (r"\b(?:sides?|vertices|faces|edges)\b", 0.5)],
                          ("square", "angle"))
        out.append(Candidate("shapes", "shapes", 1.0 * len(shapes) - 0.5 + scored[0], sorted(shapes) + scored[1],
                             dw.shapes))
    add("timeline of years", "timeline", _years(ctx), dw.timeline)
    add("steps in order", "flow", _sequence(ctx), dw.flow)
    add("comparison", "compare", _signals(ctx, [
        (r"difference between", 1.5), (r"\b(?:vs\.?|versus)\b", 2.0), (r"\bdepends?\s+(?:mainly\s+|only\s+)?on\b", 1.0),
        (r"\bleft(?: side)?:.*\bright(?: side)?:", 1.5)]), dw.compare)
    add("bar chart of numbers", "bars", _units(ctx), dw.bars)
    return out


# ---- candidates read from the animator's note ----------------------------------------------------

def from_anim(ctx: Ctx) -> list[Candidate]:
    note = an.bounded(ctx.anim)
    if not note:
        return []
    out: list[Candidate] = []
    told = ctx.narration

    def said(labels: list[str]) -> float:  # a note's labels the narration also says are better supported
        return 0.25 * sum(1 for lab in labels if ph.overlap(lab, told) >= 0.5)

    axes, curves, halves = ag.axes(note), ag.curves(note), an.halves(note)
    # one curve described, not named: it is what the vertical axis measures (unless the graph is one half of a split
    # screen: one curve of two named by their numbers, '2%' and '7%', would say less than the halves)
    if axes and not curves and halves is None:
        described = next((s for s in an.sentences(note) if re.search(r"\b(?:curve|line)\b", s, re.I)), "")
        # (a sawtooth, dose after dose, has no one smooth shape: any curve drawn for it would say something else)
        # (nor do two, 'two straight lines, Plan A shallow, Plan B steep': one drawn would say the other is not)
        several = re.search(r"\b(?:two|three|four|several|both|second|another|other)\s+(?:[\w-]+\s+){0,2}(?:curves?|"
                            r"lines?)\b|\b(?:curves|lines)\b", note, re.I)
        curves = [(axes[1], described)] if described and not several and not ag.SAWTOOTH.search(note) else []
    if axes and curves:
        out.append(Candidate("labelled curves from the note", "plot", 3.5 + said([c for c, _ in curves]),
                             [*axes, *(c for c, _ in curves)], lambda c, d: bd.curves(c, d, axes, curves)))
    fig = ag.figure(note)
    if fig:
        out.append(Candidate("labelled figure from the note", "figure", 4.0 + said([lab for lab, _ in fig[1]]),
                             [fig[0], *(lab for lab, _ in fig[1])][:5], lambda c, d: bd.figure(c, d, fig)))
    decided = af.decisions(note) or af.branches(note)
    if decided:
        out.append(Candidate("decisions from the note", "bullets", 3.5, [q for q, _ in decided][:4],
                             lambda c, d: bd.decisions(c, d, decided)))
    chains = _chains(note) if not decided else []
    if chains:
        labels = [n for ch in chains for n in ch]
        # (a chain in each half of a split screen, 'Electric heater: 1 kWh in → 1 kWh out' | 'Heat pump: 1 kWh in
        # plus 2 kWh from outside → 3 kWh out': one half's alone would leave out the other, the scene's point)
        paired = halves is not None and all(re.search(r"→|->", x) for x in (halves.left, halves.right))
        out.append(Candidate("flow from the note", "flow", 3.0 + said(labels) - paired, labels[:6],
                             lambda c, d: bd.flow(c, d, chains)))
    stack = al.layers(note)
    if stack:
        out.append(Candidate("layers from the note", "layers", 4.0 + said(stack), stack[:6],
                             lambda c, d: bd.layers(c, d, stack)))
    bars = an.bars(note)
    if bars:
        out.append(Candidate("bar chart from the note", "bars", 3.5 + said([b[0] for b in bars]),
                             [b[0] for b in bars], lambda c, d: bd.bars(c, d, bars)))
    said_msgs = af.messages(note)
    if said_msgs:
        out.append(Candidate("messages from the note", "bullets", 3.5, said_msgs[:4],
                             lambda c, d: bd.messages(c, d, said_msgs)))
    table = tables.table(note)
    if table:
        out.append(Candidate("table from the note", "bullets", 3.0 + said([r[0] for r in table[1]]),
                             [r[0] for r in table[1]][:4], lambda c, d: bd.table(c, d, table)))
    marks = an.timeline(note)
    if marks:
        out.append(Candidate("timeline from the note", "timeline", 3.5, marks[:4],
                             lambda c, d: bd.timeline(c, d, marks)))
    scaled = ag.scale(note)
    if scaled:
        out.append(Candidate("scale from the note", "timeline", 3.25, [n for n, _ in scaled][:4],
                             lambda c, d: bd.scale(c, d, scaled)))
    if halves and (halves.left_labels or halves.right_labels or halves.names[0]):
        labels = halves.left_labels + halves.right_labels
        out.append(Candidate("two halves from the note", "compare", 2.5 + said(labels) + 0.5 * bool(halves.names[0]),
                             [w for w in [*halves.names, *labels] if w][:6], lambda c, d: bd.halves(c, d, halves)))
    lines = ac.code(note)
    if lines:
        out.append(Candidate("code from the note", "code", 4.0, lines[:2], lambda c, d: bd.code(c, d, lines)))
    # (a note's worded label whose words the voice never says, 'heaven bead = 5' on an undrawn abacus, labels a part
    # of a drawing: set as math, it is a formula the scene does not state)
    # (all of them: 'Big wake = more drag' beside a said 'Small wake = less drag' is half of a pair)
    noted = an.formulas(note)
    formulas = ([] if noted and all(_unsaid(f, told) for f in noted) else noted) + an.formulas(ctx.narration)
    formulas = [f for f in formulas if _formula_ok(f)] if not lines else []
    formulas = an.said_once(_worked(formulas, noted, ctx.narration))   # the note's and the voice's
    if formulas:
        real = [f for f in formulas if not _value(f)]
        values = [f for f in bd.unique(formulas) if _value(f)]
        # the values a worked example starts from ('p = 3', 'q = 11', then 'n = p × q = 33'), when the formulas
        # after them use them, come first, on one line; else formulas first, then values
        used = bool(real and values) and formulas.index(values[0]) < formulas.index(real[0]) and all(
            re.search(rf"\b{re.escape(v.partition('=')[0].strip())}\b", " ".join(real)) for v in values)
        formulas = [", ".join(values), *bd.unique(real)] if used and len(values) <= 3 else bd.unique(real) + values
        said_too = sum(1 for f in set(real) if f.replace(" ", "") in told.replace(" ", ""))
        # equations being solved step by step are the algebra recipe's, which draws each step (when the
        # narration writes them out: a derivation only the note writes is drawn from the note)
        solved = any(re.search(r"[A-Za-z]", e) for e in sm.equations(told))
        said_too -= 2 if solved and re.search(r"\bsolv|\bisolat|\bboth sides\b", told, re.I) else 0
        score = min(3.25, 2.0 + 0.75 * said_too) if real else 1.5
        out.append(Candidate("formula", "equation", score, formulas[:3], lambda c, d: bd.formula(c, d, formulas)))
    return out


def formula_candidate(ctx: Ctx) -> list[Candidate]:
    """A formula the narration states, when there is no note (the note's own formulas are in `from_anim`)."""
    if an.bounded(ctx.anim):
        return []
    formulas = _worked([f for f in an.formulas(ctx.narration) if _formula_ok(f)], [], ctx.narration)
    if not formulas:
        return []
    repeats = sum(ctx.narration.count(f) for f in set(formulas))
    return [Candidate("formula", "equation", 1.5 + 0.5 * repeats, bd.unique(formulas)[:3],
                      lambda c, d: bd.formula(c, d, bd.unique(formulas)))]


def _sum(f: str) -> bool:
    return bool(re.match(r"\s*\d", f.partition("=")[0]))


def _worked(formulas: list[str], noted: list[str], narration: str) -> list[str]:
    """A sum worked out in numbers ('120 ÷ 60 = 2 m/s²') is the worked example of a formula shown with it; alone it is
    one step of some reasoning the picture does not show, unless the note asks for it and the voice says its result
    (not a slide rule's '2 × 3 = 6' as scenery)."""
    if any(re.search(r"[A-Za-z]", f.partition("=")[0]) for f in formulas):
        return formulas
    said = set(re.findall(r"\d+(?:\.\d+)?", narration.replace(",", "")))
    return [f for f in formulas if not _sum(f) or f in noted and
            (re.findall(r"\d+(?:\.\d+)?", f.partition("=")[2].replace(",", ""))[:1] or ["-"])[0] in said]


def _unsaid(f: str, narration: str) -> bool:
    """A name of two words or more, none of which the voice says, is set equal to something ('heaven bead = 5')."""
    left, _, right = f.partition("=")
    words = left.split()
    return len(words) >= 2 and all(re.fullmatch(r"[A-Za-z]{3,}", w) for w in words) and \
        not all(re.search(rf"\b{w[:-1]}", narration, re.I) for w in words) and not re.search(r"[+×÷*/]", right)


def _value(f: str) -> bool:
    """'b = 3', 'x = 3': a value given to a symbol, not a formula."""
    return bool(re.fullmatch(r"\s*\w{1,6}\s*=\s*[-−]?[\d.,]+\s*\w{0,4}\s*", f))


def _formula_ok(f: str) -> bool:
    left, _, right = f.partition("=")
    # code, a header or a path is not a formula ('Set-Cookie: session_id=abc123', 'GET /basket'): set as math it
    # would read as a product, a subscript or a fraction
    if re.search(r"[A-Za-z]{2,}_[A-Za-z]{2,}|\b[A-Za-z]+-[A-Za-z]+:\s|(?:^|\s)/[A-Za-z]", f):
        return False
    # nor is a table's row ('Latin | Alphabet | ka = k + a'): its bars part cells of words, not an absolute value
    if re.search(r"\|\s*[A-Za-z]{3,}(?:\s+[A-Za-z]+)*\s*\|", f) or f.count("|") >= 2 and "  " not in f and \
            re.search(r"[A-Za-z]{3,}\s*\|", f):
        return False
    # nor is a legend ('red = tension, blue = compression'): the colours and strokes of a drawing that is not drawn
    if re.match(r"\s*(?:red|blue|green|yellow|orange|purple|pink|grey|gray|black|white|gold|dashed|dotted|solid|"
                r"thick|thin)(?:\s+(?:line|lines|arrow|arrows|dot|dots|area|band))?\s*=", f, re.I):
        return False
    # nor is a myth or a fact so headed ('Myth: permafrost = ice'): a claim the scene weighs, not an equation
    if re.match(r"\s*(?:myth|fact|truth|claim|reality)\s*:", f, re.I):
        return False
    # and it reads as a formula (code such as 'assert f(100) == 90' does not): it is drawn as math
    return bool(left.strip()) and bool(right.strip()) and len(f) <= 60 and sm.to_math(f).startswith("$")


def candidates(ctx: Ctx) -> list[Candidate]:
    """Every candidate with a score, best first (the note's own description wins a tie)."""
    found = from_anim(ctx) + formula_candidate(ctx) + legacy(ctx)
    return sorted(found, key=lambda c: -c.score)
