"""Graphs and figures an animator's note describes: its axes' names, its labelled curves, a curve that looks as the
note says ('drops steeply then levels off', for a sketch with no invented numbers), and one shape with its parts
labelled ('Hypotenuse' on the slanted side). Pure functions on strings."""

from __future__ import annotations

import re

from vidgen.author.anim import bounded, quoted_in, sentences
from vidgen.visual.figures import part_of

_Q = r"['‘\"“]([^'’\"”]{1,40})['’\"”]"  # a quoted name in a note, up to 40 characters
_CURVE = re.compile(r"(?:curve|line)s?\b[^.;]*?labell?ed\s+" + _Q, re.I)


def axes(anim: str) -> tuple[str, str] | None:
    """A graph's axis names: horizontal axis 'Quantity' and vertical axis 'Price'."""
    text = bounded(anim)
    h = re.search(r"(?:horizontal|x)[- ]axis\s+(?:labell?ed\s+)?" + _Q, text, re.I) or \
        re.search(_Q + r"(?:\s+from\s+[^'.;]{1,20}?)?\s+(?:on|along) the (?:horizontal|x)[- ]axis", text, re.I)
    # ('Year' on the x-axis, 'Years' from 0 to 30 on the horizontal axis)
    v = re.search(r"(?:vertical|y)[- ]axis\s+(?:labell?ed\s+)?" + _Q, text, re.I) or \
        re.search(_Q + r"(?:\s+from\s+[^'.;]{1,20}?)?\s+(?:on|along|up) the (?:vertical|y)[- ]axis", text, re.I)
    if h and v:
        return h[1], v[1]
    # ("a graph with axes labelled 'Time since learning' and 'Memory retained (%)'"): across, then up, as a graph's
    # axes are named
    m = re.search(r"\b(?:graph|plot|chart)\b[^.;]{0,40}?\baxes\s+(?:labell?ed\s+)?" + _Q + r"\s*(?:and|,)\s*" + _Q,
                  text, re.I)
    if m:
        return m[1], m[2]
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
    # (one axis named alone: "'Wind speed (knots)' on the y-axis", its other axis given no quoted name)
    names.update(re.findall(_Q + r"\s+(?:on|along|up) the (?:horizontal|vertical|x|y)[- ]axis", text, re.I))
    return names


def curves(anim: str) -> list[tuple[str, str]]:
    """Labelled curves on a graph, each with its shape in words: [('Demand', 'downward-sloping curve'), ...]."""
    text = bounded(anim)
    out: list[tuple[str, str]] = []
    for s in sentences(text):
        # "Two curves: 'Position' rising ..., 'Velocity' ...", "Two labelled curves: a pink curve 'Sales' and ..."
        # (or said after the axes: 'A line graph with labelled axes, ..., with two curves: ...')
        listed = re.search(r"\b(?:two|three|four)\s+(?:[a-z]+\s+){0,2}curves:", s, re.I)
        if listed and (listed.start() == 0 or re.search(r"\bwith\s+$", s[:listed.start()])):
            # a new curve starts at its name ("... and 'Velocity'", "and a blue curve 'Drownings'"); 'rises, bends,
            # and flattens' goes on describing the one before
            parts = re.split(r"\s+and\s+(?=(?:an?\s+|the\s+)?(?:[\w,-]+\s+){0,3}?(?:curves?\s+|lines?\s+)?"
                             r"(?:labell?ed\s+|called\s+|named\s+)?['‘\"“])|;|,\s+(?=['‘\"“])", s[listed.end():])
            # what 'both' or 'each' do ('..., both peaking in July') is every curve's shape
            shared = " ".join(m[0] for part in parts for m in [re.search(r"\b(?:both|each|all)\b.*", part)] if m)
            for part in parts:
                qs = quoted_in(part)
                if qs and all(o[0] != qs[0] for o in out):
                    out.append((qs[0], part if shared in part else f"{part} {shared}"))
            continue
        mine = False   # (the clause after a curve's 'then' goes on describing it: 'rising to a peak, then dipping')
        for clause in re.split(r";|,\s*(?:and|then)\s+|\band\s+(?:an?|the)\b|\bthen\b", s):
            m = re.search(r"labell?ed\s+['‘\"“]([^'’\"”]{1,40})['’\"”]", clause, re.I)
            # (what a marker, a dashed line or a shaded band is labelled names a level or a moment, not the curve)
            marks = m and re.search(r"\b(?:markers?|dashed|dotted|horizontal|vertical|reference|threshold|arrows?|"
                                    r"points?|dots?|sections?|bands?|regions?|areas?|axis|axes)\b(?:\s+[\w-]+){0,3}?"
                                    r"\s+(?:is\s+)?$", clause[:m.start()], re.I)
            if m and not marks and re.search(r"\b(?:curve|line|graph)\b", clause, re.I) and \
                    all(o[0] != m[1] for o in out):
                out.append((m[1], clause))
                mine = True
            elif mine and not quoted_in(clause) and not re.search(r"\b(?:curve|line|graph|axis)\b", clause, re.I):
                out[-1] = (out[-1][0], f"{out[-1][1]} then {clause}")
            else:
                mine = False
    # (curves each given their own ends, 'climbing from 1.08 to 1.10' and 'falling from 0.926 to 0.909', are data a
    # sketch of shapes on one scale would misplace: drawn as shapes they cross, which those numbers never do)
    ends = r"\bfrom\s+[~≈$£€]?\d[\d,.]*\s*\S*\s+to\s+[~≈$£€]?\d"
    return [] if len(out) >= 2 and all(re.search(ends, shape) for _, shape in out) else out


def scale(anim: str) -> list[tuple[str, float]]:
    """Things a note places on one scale by their numbers: "a spectrum bar ... Markers: 'Cl₂ (0)', 'H₂O (1.24)'", a
    number line, a gauge, a thermometer. Two or more, each a name and a number of its own."""
    text = bounded(anim)
    if not re.search(r"\b(?:scale|spectrum|number line|gauge|thermometer|ruler|horizontal bar|dial)\b", text, re.I):
        return []
    marks = []
    for q in quoted_in(text):
        m = re.fullmatch(r"\s*([^()\d][^()]{0,40}?)\s*\(\s*([−-]?\d+(?:\.\d+)?)\s*\)\s*", q)
        if m:
            marks.append((m[1].strip(), float(m[2].replace("−", "-"))))
    return marks if len(marks) >= 2 and len({v for _, v in marks}) == len(marks) else []


def ending(words: str) -> float | None:
    """The value a curve's words say it ends at ('ending at $4,322', 'ends at 90'), or None."""
    # (or where it levels out or what it climbs past: 'flattens out near 110 km/h', 'climbs past a dashed line
    # marked '300 km/h'')
    m = re.search(r"\b(?:ending|ends|finishing|finishes|reaching|reaches|(?:flattens?|levels?|tops?)\s+(?:out|off)\s+"
                  r"(?:near|at|around)|climbs?\s+past(?:\s+an?\s+[\w ]{0,30}?(?:marked|labell?ed|at))?)\s+(?:at|on)?\s*"
                  r"['‘\"“]?[$£€]?\s*(\d[\d,]*(?:\.\d+)?)", words, re.I)
    return float(m[1].replace(",", "")) if m else None


def path(words: str) -> list[float]:
    """The values a curve goes through, when the note gives them in turn ('going 50 → 27 → 31'): three or more."""
    m = re.search(r"-?\d+(?:\.\d+)?(?:\s*(?:→|->)\s*-?\d+(?:\.\d+)?){2,}", words)
    if m:
        return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", m[0])][:8]
    # (or in words, 'rises to 50, drops to 27, then rises to 31': each value it goes to, in a row)
    steps = list(_GOES.finditer(words))
    joined = all(re.fullmatch(r"[\s,;]*(?:and\s+|then\s+|and then\s+|before\s+|after that\s+)*[\s,;]*",
                              words[a.end():b.start()], re.I) for a, b in zip(steps, steps[1:], strict=False))
    return [float(g[1]) for g in steps][:8] if len(steps) >= 3 and joined else []


_GOES = re.compile(r"\b(?:starts?|starting|begins?|beginning|rises?|rising|climbs?|climbing|drops?|dropping|falls?|"
                   r"falling|dips?|dipping|sinks?|sinking|jumps?|jumping|peaks?|peaking|returns?|returning|"
                   r"settles?|settling|levels? off)\s+(?:back\s+)?(?:to|at)\s+(?:about\s+|around\s+|~|≈)?"
                   r"(-?\d+(?:\.\d+)?)(?!\s*(?:%|percent)?\s*(?:seconds?|minutes?|hours?|days?|years?|s|min|h)\b)",
                   re.I)


def polyline(ys: list[float]) -> str:
    """A plot expression through (0, ys[0]) ... (10, ys[-1]) at even steps, straight between: a + b·x + Σ c·|x − xᵢ|
    (each |x − xᵢ| bends the line at xᵢ by the change of slope there)."""
    n = len(ys)
    xs = [10 * k / (n - 1) for k in range(n)]
    slopes = [(ys[k + 1] - ys[k]) / (xs[k + 1] - xs[k]) for k in range(n - 1)]
    bends = [((slopes[k] - slopes[k - 1]) / 2, xs[k]) for k in range(1, n - 1)]
    b = (slopes[0] + slopes[-1]) / 2
    a = ys[0] - b * xs[0] - sum(c * abs(xs[0] - x) for c, x in bends)
    return f"{a:.4g} + {b:.4g}*x" + "".join(f" + {c:.4g}*abs(x - {x:.4g})" for c, x in bends)


def crosses(words: str) -> bool:
    """The words take a curve below zero ('crossing the x-axis', 'turns negative')."""
    return bool(re.search(r"\bcross\w*\s+(?:the\s+)?(?:x[- ]axis|zero|axis)|\b(?:below|under) zero\b|"
                          r"\b(?:turns?|goes|going|becomes?) negative\b", words, re.I))


# a line of jumps and decays, dose after dose: no one smooth shape says it
SAWTOOTH = re.compile(r"\bsaw-?tooth|\bstaircase", re.I)


# curves named by their formula in n ('n log n', 'n²', 'O(log n)'): drawn as that formula, so they rank as it says
_NAMED_EXPR = {"1": "1", "logn": "log(x+1)", "n": "x", "nlogn": "x*log(x+1)", "n²": "x^2", "n^2": "x^2",
               "n³": "x^3", "n^3": "x^3", "2ⁿ": "2^x", "2^n": "2^x", "√n": "sqrt(x)", "sqrt(n)": "sqrt(x)"}


def named_expr(name: str) -> str:
    """The formula a curve's name is ('n log n' -> x·log(x+1)), or '' for a name that is no formula."""
    s = re.sub(r"\s+", "", name.lower())
    return _NAMED_EXPR.get(re.sub(r"^o\((.*)\)$", r"\1", s), "")


_LEVEL_THEN_DOWN = "5 - 4/(1+exp(-3*(x-7.5)))"


def shape_expr(words: str, k: int) -> str:
    """A curve that looks as a note describes it, for a sketch of labelled curves: the way it goes (falls or rises)
    and how (levels off, steeply, a peak, an S), read together: 'drops steeply then levels off' is a decay, not a
    straight line down."""
    w = re.sub(r"['‘\"“][^'’\"”]*['’\"”]", " ", words.lower())  # the shape in words, not the curve's name
    if SAWTOOTH.search(w):
        return ""   # (jumps and decays, dose after dose: no one smooth shape says it, and a bell would say less)
    falls = re.search(r"\b(?:down\w*|fall\w*|declin\w*|decreas\w*|drops?|dropp\w*|"
                      r"dips?|dipp\w*|sink\w*|plung\w*|decay\w*|shrink\w*|halv\w*)\b", w)
    # numbers that fall by less each time ('from 100 to 50, 25 and 12.5') trace a decay, not a straight line
    # (the times it passes, 'at 4 p.m.', are where, not what: 'starts at 100 at 4 p.m., falls to 50 at 9 p.m.')
    said = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", re.sub(
        r"\bat\s+\d+(?::\d+)?\s*(?:a\.?m\.?|p\.?m\.?|o'clock|h\b|hours?|s\b|seconds?|minutes?|years?)", " ", w))]
    said = next((said[:k] for k in range(1, len(said)) if said[k] >= said[k - 1]), said)  # the first falling run
    steps = [a - b for a, b in zip(said, said[1:], strict=False)]
    halving = len(steps) >= 2 and all(d > 0 for d in steps) and all(b < a for a, b in zip(steps, steps[1:],
                                                                                           strict=False))
    # (a half-life, or anything that halves, falls fast and then ever more slowly: never a straight line to nothing)
    levels = halving or re.search(r"\b(?:flatten\w*|levels? off|levell?ing off|plateau\w*|tails? off|half-li\w+|"
                                  r"halv\w*|exponential\w*)\b", w)
    # (or high: 'stays above 90% until about 18 minutes, then plunges to around 30%')
    if re.search(r"\b(?:holds?|stays?|remains?|runs?)\s+(?:steady|flat|level|constant|high|(?:above|over|near|"
                 r"around)\s+[~≈]?\d[\d.,]*\s*%?)[^.;]{0,40}\b"
                 r"(?:then|until|before)\b[^.;]{0,30}\b(?:drop\w*|fall\w*|plung\w*|crash\w*|collaps\w*)\b", w):
        return _LEVEL_THEN_DOWN   # ('holds steady, then drops off a cliff near 30 km')
    if re.search(r"(?<!stays )(?<!stay )(?<!remains )\b(?:almost|nearly|barely|practically|virtually)\s+flat\b", w):
        return "log(x+1)"   # ('an almost flat curve'): it still rises, ever more slowly
    if re.search(r"\b(?:stays?|remains?)\s+(?:almost|nearly|fairly|roughly)\s+flat\b", w) and not falls and \
            not re.search(r"\b(?:ris\w*|climb\w*|increas\w*|grow\w*|shoot\w*|swing\w*)\b", w):
        return "5"   # ('the sea stays almost flat'): level, beside what swings
    if re.search(r"\b(?:flat|constant)\s+(?:line|curve)\b|\bstays? (?:flat|constant|the same)\b", w) \
            and not re.search(r"\b(?:hump|peak\w*|bell)\b", w):
        # ('stays flat near 280 and then climbs sharply after 1850'): flat, and then a climb, not a flat line
        if re.search(r"\b(?:then|before|until|after which)\b[^.;]{0,30}\b(?:climb\w*|ris\w*|shoot\w*|soar\w*|"
                     r"increas\w*|grow\w*)\b", w):
            return "1 + exp(0.8*(x - 7))"
        if re.search(r"\b(?:then|before|until|after which)\b[^.;]{0,30}\b(?:drop\w*|fall\w*|plung\w*|declin\w*)\b", w):
            return _LEVEL_THEN_DOWN   # (a cliff after a plateau: level, then down)
        return "5"   # ('drops to a flat line labelled 'Kinetic''): the line itself is flat
    if re.search(r"\bdips?\b(?!\s+(?:to|below|under)\b)", w) and not re.search(
            r"\b(?:hump|peak\w*|bell|ris\w*|climb\w*|back|recover\w*)\b", w):
        # ('dips before dawn'): a trough, not a line falling all day (one said to go down and back up is drawn as
        # no one-way shape, as before: nothing)
        early = re.search(r"\b(?:early(?!\s+(?:afternoon|evening))|before dawn|dawn|morning|first|soon)\b", w)
        return "8 - 6*exp(-(x-2)^2/2)" if early else "8 - 6*exp(-(x-5)^2/4)"
    if re.search(r"\b(?:hump|peak\w*|bell)\b", w):
        # a peak and then a small fall ('a peak of 25, then dipping to 24') is no bell back down to nothing
        peak = re.search(r"\bpeak\w*", w)
        after = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", w[peak.end():])] if peak else []
        slight = re.search(r"\b(?:slightly|a little|a bit|gently)\b", w) or (
            len(after) >= 2 and 0.75 * max(after) <= after[-1] < max(after))
        if falls and slight:
            return "10 - 10*((x-7)/7)^2"
        # ('a rising straight line climbs to a peak, then drops'): straight up to it, not a bell from nothing
        if re.search(r"\bstraight\b", w):
            return "10 - 1.667*abs(x - 6)"
        # (one that 'peaks early' or 'late' peaks there, not mid-way)
        early = re.search(r"\bpeak\w*\s+(?:\w+\s+)?(?:early|first|soon|quickly|fast)\b", w)
        late = re.search(r"\bpeak\w*\s+(?:\w+\s+)?(?:late|last)\b", w)
        return "8*exp(-(x-2)^2/2)" if early else "8*exp(-(x-8)^2/2)" if late else "8*exp(-(x-5)^2/4)"
    if falls and crosses(w):
        return "8 - 8*x/7"   # ('falling from 10 and crossing the x-axis'): it goes below zero, and is seen to
    if re.search(r"\bs-shape\w*|\bs-curve|\bsigmoid", w):
        # one through the origin or a reference point ('gentle for gains, steeper for losses') goes below zero on
        # one side: a curve all above the axis would say there is nothing to lose
        if re.search(r"\b(?:origin|reference point|zero point|negative|below (?:zero|the axis)|loss\w*)\b", w):
            return "8/(1+exp(-(x-5))) - 4"
        return "10/(1+exp(-(x-5)))"
    # (a straight line 'ending at $2,500' from nothing goes up to it)
    rises = re.search(r"\b(?:up\w*|ris\w*|climb\w*|increas\w*|grow\w*)\b|\bstraight\b.*\b(?:ending|ends|reaching)\b", w)
    if rises and not falls and re.search(r"\b(?:bend\w*|curv\w*|sweep\w*) up\w*|\bup\w*-curv\w*", w):
        return "exp(0.2303*x)"   # ('a curve bending upwards'): faster and faster, from 1 to 10
    # a line that goes down and up, in cycles or repeats, has no one-way shape: a straight line would say it
    # only falls, so no shape fits and nothing is drawn
    if (falls and rises) or re.search(r"\b(?:cycl\w*|repeat\w*|again and again|waves?|wav\w*|oscillat\w*|"
                                      r"periods?|zigzag\w*|up and down|jagged|wobbl\w*|fluctuat\w*|erratic\w*|"
                                      r"noisy)\b", w):
        # (a jagged line that 'starts far from 0.486 and flattens toward' it may come from above or below)
        return ""
    if rises and not falls and re.search(r"\b(?:late|later|slow\w*|delayed)\b", w):
        return "4/(1+exp(-(x-7)))"   # 'a slow, low curve that rises late'
    if rises and not falls and re.search(r"\b(?:quick\w*|fast\w*|early)\b", w):
        return "10/(1+exp(-(x-3)))"  # 'rises quickly and high'
    if falls and re.search(r"\b(?:gentl\w*|slow\w*|slight\w*)\b", w) and not levels:
        return "10 - 0.3*x"   # ('declining gently'): it keeps most of what it had
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


# (not a shape that only describes a thing, 'a square iron core', 'a triangle warning sign': that thing is the picture)
_FIGURE = re.compile(r"\b(right[- ]angled? triangle|right triangle|triangle|circle|rectangle|square)\b"
                     r"(?!\s+(?!(?:with|of|labell?ed|and|or|whose|that|which|in|on|at|is|are|has|having|showing|"
                     r"marked|where|drawn|appears?|sits?|shows?|to|from|the|an?|its|split|divided|cut|inside|"
                     r"around|beside|next|under|over|above|below)\b)(?-i:[a-z]{3,})\b)", re.I)
_PART = (r"slanted|sloping|longest|vertical|upright|bottom|base|horizontal|left|right|top|hypotenuse|radius|"
         r"diameter|centre|center|height|width|length")
_QUOTE = r"['‘\"“]([^'’\"”]{1,24})['’\"”]"
_PART_PATTERNS = (
    re.compile(_QUOTE + r"\s+(?:is\s+)?(?:on|along|beside|next to|by|for|marks?|labels?)\s+the\s+(" + _PART + r")\b",
               re.I),
    re.compile(r"\bthe\s+(?:two\s+)?(" + _PART + r")(?:\s+(?:side|edge|leg)s?)?\s+(?:is|are\s+)?"
               r"(?:labell?ed|marked|named)\s+(?:as\s+)?" + _QUOTE, re.I),
    re.compile(r"\b(" + _PART + r")\s+(?:is\s+)?(?:marked|labell?ed|drawn|shown)\s*"
               r"(?:and\s+labell?ed\s+|as\s+|with\s+)?" + _QUOTE, re.I),
    re.compile(r"\bangle\s+" + _QUOTE + r"\s+(?:is\s+)?(?:marked|shown|drawn)?\s*(?:at|in)\b()", re.I),
)


# (a word of where, 'Left', names a part only as 'Left side': in 'Left eye closed' it says which eye)
_INNER = re.compile(r"(?<!\w)['‘\"“](?=\S)([^'’\"”]{0,20}?\b(" + _PART + r")\b(?<!left)(?<!right)(?<!top)(?<!bottom)"
                    r"(?<!vertical)(?<!horizontal)(?<!upright)(?<!slanted)(?<!sloping)(?<!longest)"
                    r"[^'’\"”]{0,20}?)(?<=\S)['’\"”](?!\w)|"
                    r"(?<!\w)['‘\"“](?=\S)((?:left|right|top|bottom|vertical|horizontal|upright|slanted|sloping|"
                    r"longest)(?=\s+(?:side|edge|leg|angle|corner)\b)[^'’\"”]{0,20}?)(?<=\S)['’\"”](?!\w)", re.I)


def figure(anim: str) -> tuple[str, list[tuple[str, str]]] | None:
    """One shape with labels on its parts ("A right-angled triangle ... 'Hypotenuse' on the slanted side, 'Adjacent'
    on the bottom side"; "a circle with its radius marked 'r'"): the shape and (label, part word) pairs, in order."""
    text = bounded(anim)
    shape = _FIGURE.search(text)
    if not shape:
        return None
    # (several shapes, 'a red rectangle labelled 'Hot reservoir' ..., a blue rectangle ..., and a circle between them
    # labelled 'Engine'', are a diagram of things, not one shape with labels on its parts)
    if len(re.findall(r"\b(?:a|an|another)\s+(?:[\w-]+\s+){0,2}(?:triangle|circle|rectangle|square)\b", text,
                      re.I)) >= 3:
        return None
    name = re.sub(r"right[- ]angled? triangle", "right triangle", shape[1].lower())
    parts: list[tuple[int, str, str]] = []
    # a label that names its own part ('r (radius)') says where it goes, whatever the sentence around it says
    for m in _INNER.finditer(text):
        label = m[1] or m[3]
        parts.append((m.start(), label.strip(), (m[2] or label.split()[0]).lower()))
    for k, pattern in enumerate(_PART_PATTERNS):
        for m in pattern.finditer(text):
            label, word = (m[1], m[2]) if k == 0 else (m[2], m[1]) if k in (1, 2) else (m[1], "angle")
            # ('a line ... through the centre is labelled ...'): the part after a preposition is not what is labelled
            if k == 1 and re.search(r"\b(?:through|from|to|at|of|in|on|across|with|by|into|over|around)\s*$",
                                    text[:m.start()], re.I):
                continue
            if all(label.strip() != p[1] for p in parts):
                parts.append((m.start(), label.strip(), word.lower()))
    placed: list[tuple[str, str]] = []
    for _, label, word in sorted(parts):   # each part labelled once, by the first label the note gives it
        if part_of(name, word) and all(part_of(name, w) != part_of(name, word) for _, w in placed):
            placed.append((label, word))
    # one label is not a figure's parts (a truss's base alone); two or more say what the figure is about
    return (name, placed) if len(placed) >= 2 else None
