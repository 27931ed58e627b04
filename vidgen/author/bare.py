"""Labels over nothing (issue 20): names from the animator's note ('Stylus', 'Estimated path') that label a drawing
the picture does not draw. Listed alone they read as the scene's point; the scene's sentences say what they were to
show. A name is bare when nothing is said of it; the voice lists names when it says two side by side."""

from __future__ import annotations

import re

from vidgen.author import anim_tables as tables
from vidgen.author import phrases as ph
from vidgen.author.draft import Ctx, Draft
from vidgen.author.scenery import ONES, counted, drawn_labels, unsaid_name
from vidgen.script.sentences import instruction

# a word that may be a sentence's verb ('is', 'pulls', 'carried'): a line without one ('All from a ginger beer in
# Paisley') is a phrase, not a statement
VERB = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|can|could|will|would|may|might|must|should|does|do|"
                  r"did|[a-z]{2,}(?:s|ed))\b|n't\b")

_TIMES = frozenset({"seconds", "minutes", "hours", "days", "weeks", "months", "years", "times"})


def bare_name(label: str) -> bool:
    """A name and nothing said of it ('Stylus', 'Hot surface', 'Contracted'): no verb, no gloss."""
    label = label.lstrip("✗✓ ")   # (a half's mark is not a word of its label)
    words = [w.strip(",;") for w in label.split()]
    # (a plural after a describing word names things, 'Suspicious claims', 'few stars, bright': it is no verb)
    words = [w for k, w in enumerate(words) if not (k and re.fullmatch(r"[a-z]+[^s]s", w)
                                                    and _DESCRIBING.search(words[k - 1]))]
    # (a value with nothing said of whose it is, '13.8 billion years', '9 km, about 25 minutes', is as bare: its
    # plural is a unit, no verb)
    # (not a step, '1. Glue the pieces', an ordinal, '1st harmonic', a relation, '220 ÷ 70 ≈ 3.14', a table's row, nor
    # a value with a name, '1347 Sicily')
    value = re.fullmatch(r"[~≈<>±+−-]?\s*[$£€]?\d[\d,.]*(?!\d)(?![.)]\s)(?!st\b|nd\b|rd\b|th\b)(?P<rest>.*)", label)
    if value and not re.search(r"[:=→≈÷×<>|/+]|\b[A-Z]", value["rest"]) and \
            len(re.findall(r"[A-Za-z]+", value["rest"])) <= 3:
        return not re.search(r"\b(?:is|are|was|were|has|have|had|can|will|would|may|might|must|does|do|did)\b", label)
    return 1 <= len(label.split()) <= 4 and not re.search(r"[:=→]", label) and \
        not VERB.search(" ".join(words[1:]))


_DESCRIBING = re.compile(r"(?:ous|al|ic|ive|ful|less|able|ible|ent|ant|ary|ory|ern|ish|ed|ing)$|^(?:small|large|big|"
                         r"little|old|new|young|high|low|long|short|fake|free|full|hot|cold|warm|cool|dry|wet|dark|"
                         r"light|red|blue|green|white|black|raw|real|true|false|main|other|early|late|open|"
                         r"closed|few|many|some|more|most|fewer|several|all|two|three|four|five|\d+)$", re.I)


# drawings whose parts a list of names can label (beside a flow or a chart, names label nothing drawn)
FIGURES = frozenset({"plane", "shapes", "figure", "plot", "image"})


def over_nothing(ctx: Ctx, labels: list[str]) -> bool:
    """Bare names from the note that the voice does not list (names two of them side by side, 'corn, beans and
    squash'): the labels of a drawing that is not drawn ('Stylus', 'Cantilever', 'Coils' of a cutaway; 'Contracted'
    | 'Relaxed' over two empty halves). Listed alone, they label nothing, and a viewer reads them as the scene's
    point; a sentence beside them that names a few in passing ('the stylus shakes a small magnet near coils')
    does not make them a list."""
    # (names marked right or wrong say so, when they are half of them or more: '✗ Choctaw okeh' ... '✓ oll korrect';
    # one tick among bare names, '✓ 2' beside 'Left part', '9', '4', does not)
    marked = [label for label in labels if label.startswith(("✗", "✓"))]
    if len(labels) < 2 or len(marked) * 2 >= len(labels) or \
            not all(bare_name(label) for label in labels if label not in marked):
        return False
    # counted, they are the things the voice names
    if _counted(ctx, labels):
        return False
    # (a label that is itself a list the voice says, 'Dog, cat, hen' beside 'like dog, cat and hen', is its words)
    if any(lists(label.split(","), s) for label in labels if "," in label for s in ctx.sentences):
        return False
    if ph.says_recap(ctx.narration):
        return False   # ('We've learned that ...'): a recap's names are its summary, each said already
    return not any(lists(labels, s) for s in ctx.sentences)


def names_a_drawing(ctx: Ctx, labels: list[str], bare: list[str]) -> bool:
    """`over_nothing`, or one name among them (`bare`: those with nothing said beside them) of which the voice says
    no word: 'Estimated path' beside 'Encoder' and 'Gyroscope', 'Susceptible' beside 'Immune'. It names a part of a
    drawing that is not drawn (a curve, an icon's shading), so the list is that drawing's labels. Not when the voice
    counts them ('those five points') or recaps: they are its summary, each said in a scene before."""
    if over_nothing(ctx, labels):
        return True
    # (a count of them: 'The heart has four chambers', 'those five points'; not 'six carbon atoms', a count of what
    # one of them holds)
    known = re.findall(r"\b(?:the|these|those|all|has|have)\s+(two|three|four|five|six|seven|eight|nine|ten)\s+"
                       r"(?:[a-z-]+\s+)?[a-z]+s\b", ctx.narration, re.I)
    return any(unsaid_name(label, ctx.narration) for label in bare) and not ph.says_recap(ctx.narration) and \
        not any(n.lower() == ONES[len(labels)] for n in known if len(labels) < len(ONES)) and not _counted(ctx, labels)


def _counted(ctx: Ctx, labels: list[str]) -> bool:
    """The voice counts them ('The rule splits your money into just three buckets' beside 'Needs', 'Wants',
    'Savings'): three or more ('two' is said of too much), and not a time ('three years')."""
    return any(n == len(labels) >= 3 and noun not in _TIMES for n, noun in counted(ctx.narration))


def picture_heads(labels: list[str]) -> bool:
    """Two heads of pictures and nothing else ('What the film showed' | 'What 32% remembered', 'What we see' | 'What
    we don't see'): with the pictures not drawn, they say nothing."""
    return len(labels) == 2 and all(re.match(r"what\s", label, re.I) for label in labels)


# what stands between two things a sentence lists: 'corn, beans and squash', 'doors and windows', 'A or B'
# (a word said again before each, 'through taxes, through savings, and through imports', still lists them)
_BETWEEN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&|versus|vs\.?)\s+)"
                      r"(?:(?:through|by|in|on|with|from|to|for|into|as)\s+)?(?:the\s+|a\s+|an\s+)?", re.I)


def lists(labels: list[str], sentence: str) -> bool:
    """The sentence names two of the labels side by side, as a list does."""
    spans = []
    for label in labels:
        name = re.sub(r"\s*\(.*", "", label).strip(" .:,")
        m = re.search(rf"(?<![\w-]){re.escape(name)}(?:s|es)?(?![\w-])", sentence, re.I) if name else None
        if m:
            spans.append((m.start(), m.end()))
    spans.sort()
    joins = [_BETWEEN.fullmatch(sentence[a[1]:b[0]]) for a, b in zip(spans, spans[1:], strict=False)]
    # (a word and the next joined by 'and' or 'or', or three in a row by commas: a comma alone joins a word to an
    # aside as often, 'Inside each cylinder, a piston slides')
    return any(j and re.search(r"\b(?:and|or|versus|vs)\b|&", j.group(0)) for j in joins) or \
        any(a and b for a, b in zip(joins, joins[1:], strict=False))


def names_again(draft: Draft) -> None:
    """Bare names from the note that another line on screen already says ('Java', 'Sumatra' under "Krakatoa was a
    volcanic island ... between Java and Sumatra"; 'Mortise', 'Tenon' under "Number two: the mortise and tenon") are
    a drawing's labels with the drawing left out: they add nothing, and read as labels over nothing. They go."""
    # (a pair, both said: a list of three or more the sentence beside it lists, 'bread, rent, bus fares and coffee',
    # is the set it names, and a viewer reads it so; never some of them: 'RIGHT', 'FULL OUTER' without 'INNER' and
    # 'LEFT' would be half a list; and a list alone is the picture)
    # (so is a term and its gloss, 'Elements | Two rows of interlocking teeth', under the sentence that says both)
    for el in [e for e in draft.elements if e["kind"] == "bullets" and len(e["items"]) == 1]:
        item = el["items"][0]
        lines = " ".join(str(i.get("label", "")) for o in draft.elements if o is not el and o["kind"] == "text"
                         for i in o["items"])
        if item.get("detail") and lines and all(ph.overlap(str(item.get(f, "")), lines) >= 0.9
                                                for f in ("label", "detail")):
            draft.drop(el)
    for el in [e for e in draft.elements if e["kind"] == "bullets" and len(e["items"]) == 2]:
        if len(draft.elements) < 2 or not all(bare_name(str(i.get("label", ""))) and not i.get("detail")
                                               for i in el["items"]):
            continue
        others = " ".join([draft.title or "", *(f"{i.get('label', '')} {i.get('detail') or ''}" for o in
                                                 draft.elements if o is not el for i in o["items"])])
        if all(ph.overlap(str(i.get("label", "")), others) == 1.0 for i in el["items"]):
            draft.drop(el)


def labels_a_picture(ctx: Ctx, labels: list[str], bare: list[str], readings: bool = True) -> bool:
    """Half of the labels or more are bare (`bare`: nothing said beside them) and label a picture no kind draws
    (`scenery.drawn_labels`: a cutaway's 'Diaphragm', 'Voice coil'; a haze's 'Miasma?'): then the note's quotes are
    that picture's labels, and the rest ('Drum (rotates with wheel)' beside 'Wheel cylinder') label it too. Not when
    the voice lists or counts them: then they are the things it names."""
    # (a label that says something of its part, 'Lightning channel ≈ 30,000 °C', 'Stopped pipe: one octave lower',
    # is a point of its own; nor is a numbered step, '1 Surround', one of a sequence the note numbers on its picture)
    labelled = {ph.plain(q) for q in drawn_labels(ctx.anim)}
    # (a reading is no step: '1 cm' marked on a piston's path is a length; `readings`: unless each sits in a half
    # beside what it is for, a stopwatch's '14 s' over '28 chirps + 40 = 68 °F')
    # (a labelled diagram's parts are its labels, named at some length: 'foot pedal for amperage control')
    diagram = re.search(r"\blabell?ed (?:diagram|cutaway|cross-section|drawing)\b", ctx.anim, re.I)
    drawn = [q for q in bare if q in labelled and (bare_name(q) or diagram and len(q.split()) <= 6)
             and not re.match(_STEP if readings else r"\d{1,2}[.)]?\s", q)]
    # (the voice's count or lists of all the labels, 'three settings: aperture, shutter speed and ISO', name them;
    # a list of some, 'as far away as Hawaii and Japan' beside 'Valdivia, 1960, Mw 9.5', names only those)
    listing = [s for s in ctx.sentences if lists(labels, s)]
    return bool(drawn) and len(drawn) * 2 >= len(labels) and not (
        _counted(ctx, drawn) or _counted(ctx, labels) or ph.says_recap(ctx.narration)
        or listing and all(any(ph.overlap(lab, s) >= 0.5 for s in listing) for lab in labels))


# a step the note numbers ('1 Pass', '2. Set'), not a reading ('1 cm')
_STEP = r"\d{1,2}(?:[.)]\s+|\s+(?=[A-Z]))"   # (a reading's unit is lower case: '6 s period', '1 cm')


_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"


def paired(quotes: list[str], anim: str) -> list[str]:
    """Quotes the note sets equal, "'P(A)' = 'Prior'", as one line, 'P(A) = Prior': listed apart, a symbol and its
    name read as two things of a kind."""
    out = list(quotes)
    for m in re.finditer(r"['‘\"“]([^'‘’\"“”]{1,40})['’\"”]\s*=\s*['‘\"“]([^'‘’\"“”]{1,40})['’\"”]", anim):
        left, right = m[1].strip(), m[2].strip()
        if left in out and right in out and "=" not in left + right:
            out[out.index(left)] = f"{left} = {right}"
            out.remove(right)
    return out


def alike(quotes: list[str], anim: str = "") -> list[str]:
    """The quotes less one shaped unlike the rest, which is not one of them: a value after names ('Basket: $200'
    after 'Food', 'Rent', 'Petrol'; '≈ 10%' after 'Heat', 'Movement', 'Waste', what is left over, not a fourth
    loss), or a statement or a title among things to do ('Most people struck survive' after 'Call emergency
    services', 'Start CPR'; 'Step 2: Final shape' beside 'Pull towards you', 'Roll it over'). Pairs the note
    (`anim`) sets equal are one line (`paired`)."""
    quotes = paired(quotes, anim)
    # (the boxes of a chart whose arrows branch, "arrows lead to 'Drug group' and 'Placebo group'", listed in a row
    # lose which leads to which)
    if len(quotes) >= 4 and re.search(r"\barrows?\b[^.;]*\b(?:to|into)\s+['‘\"“][^'’\"”]+['’\"”],?\s+and\s+['‘\"“]",
                                      anim, re.I):
        return []
    # (a mark of no letter or number, a Morse '· · ·', among named things reads as an ellipsis, not as one of them)
    if len(quotes) >= 3 and sum(1 for q in quotes if not re.search(r"\w", q)) == 1:
        quotes = [q for q in quotes if re.search(r"\w", q)]
    # (ordinals alone, 'First' ... 'Fifth' under five drawings of feet, number what they label, which is not drawn)
    if len(quotes) >= 2 and all(re.fullmatch(_ORDINAL, q.strip(), re.I) for q in quotes):
        return []
    # (a table's header cells, 'Location', 'Repeats', head its rows, as their caption: listed, one reads as a row)
    table = tables.table(anim) if "|" in anim else None
    if table and table[0] and len(quotes) > len(table[0]):
        quotes = [q for q in quotes if q not in table[0]]
    # (a worked example's later lines, '× 200 MeV each', '≈ 8.2 × 10¹³ J', go on from the line before them: without
    # it, first in a list, they start in the middle of a sum)
    while len(quotes) >= 2 and re.match(r"[×÷+=≈*/·]\s", quotes[0]):
        quotes = quotes[1:]
    # (a sequence the note numbers, '1 Pass', '2 Set', '3 Spike', is a list of its own: a court's '18 m × 9 m' beside
    # it is no step of it)
    steps, want = [], 1
    for q in quotes:
        step = re.match(_STEP, q)
        steps.append(bool(step) and int(q[:len(q) - len(q.lstrip("0123456789"))]) == want)
        want += steps[-1]
    if sum(steps) >= 3 and not all(steps):
        return [q for q, o in zip(quotes, steps, strict=True) if o]
    # (a bare name before things said with their values, 'Priya' before 'Maths: 78', 'History: 85', or a map's
    # 'Grafted' before 'Chile: isolated', is whose or where they are, not one of them)
    glossed = [bool(re.match(r"[^:]{1,40}:\s*\S", q)) for q in quotes]
    if len(quotes) >= 3 and glossed.count(False) == 1 and not glossed[0] and \
            re.fullmatch(r"[A-Za-z][\w'’-]*", quotes[0]):
        return quotes[1:]
    # (names said with readings and a date, 'Armstrong', 'Aldrin', 'Collins' beside '111 m / 363 ft' and 'July 16,
    # 1969', are a list of three kinds: the names are the list, the rest a drawing's marks and a caption)
    named = [bool(re.fullmatch(r"[A-Z][a-z'’-]{2,}", q.strip())) for q in quotes]
    if sum(named) >= 3 and all(re.search(r"\d", q) and ":" not in q for q, k in zip(quotes, named, strict=True)
                               if not k) and 0 < len(quotes) - sum(named) <= 2:
        return [q for q, k in zip(quotes, named, strict=True) if k]
    odd = [bool(re.search(r"\d", q)) for q in quotes]
    # (of three, a bare reading: '6 mm' after 'One shade', 'Multiple colours' is a ruler's, not a third colour)
    reading = sum(odd) == 1 and re.fullmatch(r"[~≈<>]?\s*[\d,]+(?:\.\d+)?\s*[a-zA-Z%°]{1,3}", quotes[odd.index(True)])
    if len(quotes) >= (3 if reading else 4) and sum(odd) == 1 and \
            not any(re.search(r"[:\d]", q) for q, o in zip(quotes, odd, strict=True) if not o):
        return [q for q, o in zip(quotes, odd, strict=True) if not o]
    told = [instruction(q) for q in quotes]
    # (a warning among them, 'Can't untie under load', is advice of its own)
    if len(quotes) >= 3 and told.count(False) == 1 and not re.match(
            r"\d{1,2}[.)]?\s|.*(?:n't|\bnot\b|\bnever\b)", quotes[told.index(False)], re.I):
        return [q for q, t in zip(quotes, told, strict=True) if t]
    return quotes


# how a note crosses something out ('crossed out', 'struck through', 'with a red cross'): the halves' marks and a
# list's read it alike
CROSSED = (r"\bcross(?:ed)?[- ]out\b|\bstruck[- ]through\b|\bstrike-?through\b|\bslashed\b|"
           r"\bwith an? (?:big |bold |thick )?(?:red )?(?:cross|x|line (?:through|over))\b|"
           r"\bmarked (?:as )?(?:wrong|false)\b")


def crossed(quote: str, anim: str) -> str:
    """'✗ ' for a quote the note crosses out right after it ("a headline 'The Curse of the Pharaoh!' crossed out
    with a red line"): shown unmarked in a list, it would read as true. A mark further off may be on anything."""
    after = re.escape(quote) + r"['’\"”]\s+(?:is\s+|gets\s+|then\s+)?(?:" + CROSSED + ")"
    # (or right before it: "crossed-out 'Pressure melting does it all'")
    before = r"\b(?:crossed[- ]out|struck[- ]through|strikethrough)\s+['‘\"“]" + re.escape(quote) + r"['’\"”]"
    return "✗ " if re.search(after, anim, re.I) or re.search(before, anim, re.I) else ""


_BARE = re.compile(r"[\d\s.,/%:+×≈~−\-–$£€?!()°]+(?:\s*(?:mm|cm|m|km|g|kg|s|ms|Hz|N|kN|CE|BCE|BC|AD|C|F)|"
                   r"(?<=\d)(?:st|nd|rd|th))?")


def without_bare(quotes: list[str], anim: str, narration: str) -> list[str]:
    """The note's quotes without the bare numbers and labels that say nothing listed: whose a number is, or what a
    drawing's part is, the list cannot say."""
    # a count an animator runs that the voice never says ('a counter counts '1, 2, 3'') is the prop's
    said = re.sub(r"\D+", " ", narration)
    quotes = [q for q in quotes if not (re.fullmatch(r"\d+(?:,\s+\d+){2,}\s*(?:…|\.\.\.)?", q.strip())
                                        and re.sub(r"\D+", " ", q).strip() not in said)]
    # bare numbers ('1/3', '2/3', '≈ 10%') listed alone do not say whose they are; nor does one listed last after
    # named things ('factorial(1)', 'factorial(0)', then '24' reads as one more of them)
    bare = [bool(_BARE.fullmatch(q.strip())) for q in quotes]
    # (a number with no unit, '234684' beside 'Distance: 13,560 km', is a tag's or a period's, not a reading)
    plain = len(quotes) == 3 and sum(bare) == 1 and re.fullmatch(r"\d+(?:st|nd|rd|th)?", quotes[-1].strip())
    # (nor readings listed among names that carry no number, '5 NM', '±1,000 ft' beside 'Horizontal', 'Vertical':
    # which is whose, the list cannot say)
    reading = [bool(re.fullmatch(r"[±~≈]?\s*\d[\d.,]*\s*[A-Za-z]{1,3}", q.strip())) for q in quotes]
    worded = [q for q, r in zip(quotes, reading, strict=True) if not r]
    scrambled = any(reading) and len(worded) >= 2 and not any(re.search(r"\d", q) for q in worded)
    if quotes and all(bare) or len(quotes) >= 4 and bare[-1] and sum(bare) == 1 or len(quotes) == 2 and any(bare) \
            or plain or scrambled:
        quotes = [q for q, b, r in zip(quotes, bare, reading, strict=True) if not (b if not scrambled else r)]
    # (and one lower-case word the voice never says among names, 'protected' on a drawn cylinder beside
    # 'Horizontal', 'Vertical', is what a drawing's part is called, not a point)
    lone = [q for q in quotes if re.fullmatch(r"[a-z][a-z-]*", q.strip())]
    on_a_thing = lone and re.search(rf"['‘\"“]{re.escape(lone[0])}['’\"”]\s+(?!(?:and|or|with|is|are|was|in|on|at|"
                                    rf"to|of|from)\b)[a-z]+(?<!ing)\b", anim)   # ("a 'protected' cylinder")
    if sum(1 for q in quotes if q[:1].isupper()) >= 2 and len(lone) == 1 and on_a_thing and \
            not re.search(rf"\b{re.escape(lone[0].strip())}\b", narration, re.I):
        quotes = [q for q in quotes if q not in lone]
    return quotes
