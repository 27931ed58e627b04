"""Graphs an animator's note describes: its axes' names, its labelled curves, and a curve that looks as the note
says ('drops steeply then levels off'), for a sketch with no invented numbers. Pure functions on strings."""

from __future__ import annotations

import re

from vidgen.author.anim import bounded, quoted_in, sentences

_Q = r"['‘\"“]([^'’\"”]{1,40})['’\"”]"  # a quoted name in a note, up to 40 characters
_CURVE = re.compile(r"(?:curve|line)s?\b[^.;]*?labell?ed\s+" + _Q, re.I)


def axes(anim: str) -> tuple[str, str] | None:
    """A graph's axis names: horizontal axis 'Quantity' and vertical axis 'Price'."""
    text = bounded(anim)
    h = re.search(r"(?:horizontal|x)[- ]axis\s+(?:labell?ed\s+)?" + _Q, text, re.I)
    v = re.search(r"(?:vertical|y)[- ]axis\s+(?:labell?ed\s+)?" + _Q, text, re.I)
    if h and v:
        return h[1], v[1]
    # 'a graph of 'Pressure' against 'Volume'': the first is what goes up the side
    m = re.search(r"\b(?:graph|plot|chart)s?\s+of\s+" + _Q + r"\s+(?:against|versus|vs\.?)\s+" + _Q, text, re.I)
    return (m[2], m[1]) if m else None


def axis_names(anim: str) -> set[str]:
    """Every quoted name the note gives a graph's axis ("axes 'Distance' and 'Height'", "vertical axis 'Sleep
    stage'", "'Pressure' against 'Volume'"): the name of an axis, which without its graph is not content."""
    text = bounded(anim)
    names = set(axes(anim) or ())
    for m in re.finditer(r"\bax(?:is|es)\s+(?:labell?ed\s+|named\s+)?" + _Q + r"(?:\s*(?:,|and|&)\s*" + _Q + ")?",
                         text, re.I):
        names.update(n for n in m.groups() if n)
    return names


def curves(anim: str) -> list[tuple[str, str]]:
    """Labelled curves on a graph, each with its shape in words: [('Demand', 'downward-sloping curve'), ...]."""
    text = bounded(anim)
    out: list[tuple[str, str]] = []
    for s in sentences(text):
        if re.match(r"(?:two|three|four)\s+curves:", s, re.I):  # "Two curves: 'Position' rising ..., 'Velocity' ..."
            for part in re.split(r"\s+and\s+|;|,\s+(?=['‘\"“])", s.split(":", 1)[1]):
                qs = quoted_in(part)
                if qs and all(o[0] != qs[0] for o in out):
                    out.append((qs[0], part))
            continue
        for clause in re.split(r";|,\s*(?:and|then)\s+|\band\s+(?:an?|the)\b|\bthen\b", s):
            m = re.search(r"labell?ed\s+['‘\"“]([^'’\"”]{1,40})['’\"”]", clause, re.I)
            if m and re.search(r"\b(?:curve|line|graph)\b", clause, re.I) and all(o[0] != m[1] for o in out):
                out.append((m[1], clause))
    return out


def shape_expr(words: str, k: int) -> str:
    """A curve that looks as a note describes it, for a sketch of labelled curves: the way it goes (falls or rises)
    and how (levels off, steeply, a peak, an S), read together: 'drops steeply then levels off' is a decay, not a
    straight line down."""
    w = re.sub(r"['‘\"“][^'’\"”]*['’\"”]", " ", words.lower())  # the shape in words, not the curve's name
    falls = re.search(r"\b(?:down\w*|fall\w*|declin\w*|decreas\w*|drops?|dropp\w*|"
                      r"dips?|dipp\w*|sink\w*|plung\w*|decay\w*|shrink\w*|halv\w*)\b", w)
    # numbers that fall by less each time ('from 100 to 50, 25 and 12.5') trace a decay, not a straight line
    said = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", w)]
    said = next((said[:k] for k in range(1, len(said)) if said[k] >= said[k - 1]), said)  # the first falling run
    steps = [a - b for a, b in zip(said, said[1:], strict=False)]
    halving = len(steps) >= 2 and all(d > 0 for d in steps) and all(b < a for a, b in zip(steps, steps[1:],
                                                                                           strict=False))
    levels = halving or re.search(r"\b(?:flatten\w*|levels? off|levell?ing off|plateau\w*|tails? off)\b", w)
    if re.search(r"\b(?:hump|peak\w*|bell)\b", w):
        return "8*exp(-(x-5)^2/4)"
    if re.search(r"\bs-shape\w*|\bs-curve|\bsigmoid", w):
        return "10/(1+exp(-(x-5)))"
    rises = re.search(r"\b(?:up\w*|ris\w*|climb\w*|increas\w*|grow\w*)\b", w)
    # a line that goes down and up, in cycles or repeats, has no one-way shape: a straight line would say it
    # only falls, so no shape fits and nothing is drawn
    if (falls and rises) or re.search(r"\b(?:cycl\w*|repeat\w*|again and again|waves?|wav\w*|oscillat\w*|"
                                      r"periods?|zigzag\w*|up and down)\b", w):
        return ""
    if rises and not falls and re.search(r"\b(?:late|later|slow\w*|delayed)\b", w):
        return "4/(1+exp(-(x-7)))"   # 'a slow, low curve that rises late'
    if rises and not falls and re.search(r"\b(?:quick\w*|fast\w*|early)\b", w):
        return "10/(1+exp(-(x-3)))"  # 'rises quickly and high'
    if falls:
        return "1 + 9*exp(-x/2)" if levels or re.search(r"\b(?:steep\w*|quick\w*|fast\w*|sharp\w*)\b", w) \
            else "10 - x"
    if levels or re.search(r"\blog\w*", w):
        # rising to a stated ceiling ('flattens near 100%') is a saturation; rising ever more slowly is a log
        ceiling = re.search(r"\b(?:near|towards?|approach\w*|at|close to)\s+\d", w)
        return "10 - 9*exp(-x/2.5)" if levels and ceiling else "3*log(x+1)"
    if re.search(r"\b(?:steep\w*|exponential\w*|sharp\w*)\b", w):
        return "x^2/10" if "straight" not in w else "x"
    if rises:
        return "x/2 + 2" if k % 2 else "x"
    return ""  # the words say no shape: any curve drawn would be invented
