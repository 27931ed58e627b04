"""What a note shows that is not one of the scene's points (issue 20): words on a prop or in a speech bubble, a
prop's reading the voice never says, the labels a later sentence puts on arrows beside a diagram's parts, the
captions of pictures a note does not describe in them. Each is scenery: listed beside the points it would read as
one of them."""

from __future__ import annotations

import re

from vidgen.author import anim as an
from vidgen.author import phrases as ph

PROP_WORDS = re.compile(r"\b(?:speech|thought)[- ]bubbles?\b|\b(?:sign|signs|poster|banner|placard|stamp|tag|badge|"
                        r"t-shirt|bubble)\s+(?:reading|that (?:says|reads)|saying)\b|\b(?:says|asks|shouts|"
                        r"whispers|calls out)\s*:?\s*['‘\"“]|"
                        # (and what sits in the background: 'A faint scroll labelled 'Elements, Book VII' sits in the
                        # background' is scenery beside the numbers the scene is about)
                        r"\bin the background\b|"
                        # (and what a mock page or a headline on a prop says: 'a mock magazine page with a serif
                        # headline 'The Art of Letters'')
                        r"\b(?:mock|fake|sample|pretend)\s+(?:magazine|newspaper|page|poster|website|web page|screen|"
                        r"menu)\b", re.I)


def prop(quote: str, anim: str, narration: str) -> bool:
    """Words written on a prop or spoken in a bubble ('One latte, please', a 'VOTE' sign) that the voice does not
    say: the scene's set, not its points."""
    if ph.overlap(quote, narration) >= 0.5:
        return False
    for sentence in an.sentences(anim):
        if quote in sentence and (PROP_WORDS.search(sentence) or re.search(
                re.escape(quote) + r"['’\"”]\s+(?:signs?|banners?|posters?|stamps?|placards?|tags?)\b", sentence)):
            return True
    return False


FRAME = re.compile(r"(?:year|day|week|month|frame|hour|minute)\s+\d+", re.I)



def unsaid_reading(quote: str, narration: str) -> bool:
    """A number with at most a unit ('48 km/h', '≈ 1,350', '$4') that the narration does not say, in figures or
    in words ('one gram')."""
    # (or a frame's count, 'Year 50', 'Day 3', that the voice never gives: the animator's frames, not a timescale)
    m = re.fullmatch(r"(?:(?:year|day|week|month|frame|hour|minute)\s+)?[≈~<>]?\s*[$£€]?\s*(\d[\d,]*(?:\.\d+)?)\s*"
                     r"(?:%|percent|(?:" + an.UNIT + r"))?\+?", quote.strip(), re.I)   # ('120 °C+': or more)
    if not m:
        return False
    number = m[1].replace(",", "")
    said = {n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", narration)}
    return number not in said and not (number.isdigit() and re.search(
        rf"\b{spelled(int(number))}\b", narration.replace("-", " "), re.I))


ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "  # noqa: SIM905
         "seventeen eighteen nineteen").split()
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


# a count the words make of things ('three simple pots', 'The three acts'): the number, then a plural within two words
COUNTED = re.compile(r"(?<![\d.,])\b(two|three|four|five|six|seven|eight|nine|ten|[2-9])\s+(?:[a-z-]+\s+){0,2}?"
                     r"(?!(?:is|was|has|does|goes|this|its|his|us|as|yes)\b)([a-z]+s)\b", re.I)


def counted(text: str) -> list[tuple[int, str]]:
    """Each count the text makes of things, with the plural it counts: 'three simple pots' -> (3, 'pots')."""
    return [(ONES.index(m[1].lower()) if m[1].isalpha() else int(m[1]), m[2].lower()) for m in COUNTED.finditer(text)]


def spelled(n: int) -> str:
    """A whole number as it is said (up to 999; a larger one as a pattern nothing matches)."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return _TENS[n // 10 - 2] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    if n < 1000:
        return ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " (?:and )?" + spelled(n % 100))
    return "(?!)"


_PARTS = re.compile(r"\b(?:labell?ed (?:parts|layers|diagram|sections|regions)|labels|parts)\b"
                    r"[^.'‘\"“]{0,60}:\s*['‘\"“]", re.I)
_MARKED = re.compile(r"\b(?:arrows?|lines?|field lines|lines of force|dashes|dots|curves?)\b"
                     r"(?:[^.'‘\"“]|(?<=\w)['’](?=\w)){0,80}?"   # (a word's own apostrophe: 'the player's hand')
                     r"\b(?:labell?ed|marked)\s+((?:['‘\"“][^'’\"”]{1,40}['’\"”](?:\s*(?:,|and)\s*)?)+)", re.I)


def beside_parts(anim: str) -> set[str]:
    """The labels a note puts on arrows or lines in a sentence after the one listing a diagram's parts."""
    sentences = an.sentences(an.bounded(anim))
    first = next((k for k, x in enumerate(sentences) if _PARTS.search(x) and len(an.quoted_in(x)) >= 3), None)
    if first is None:
        return set()
    return {q for x in sentences[first + 1:] for m in _MARKED.finditer(x) for q in an.quoted_in(m[1])}


_CAPTION_Q = r"['‘\"“]([^'’\"”]{1,40})['’\"”]"
_PAIR = re.compile(r"\b(?:before/after|before-and-after|side[- ]by[- ]side)(?:\s+(?:pair|pictures|panels|shots|images|"
                   r"photos|frames|versions|portraits?))?\s*:\s*" + _CAPTION_Q + r"\s*(?:,|and|vs\.?|/)\s*" +
                   _CAPTION_Q, re.I)
_TIMER = re.compile(r"\b(?:timer|clock|stopwatch|countdown|counter|progress bar)\b[^.;'‘\"“]{0,25}\bfrom\s+" +
                    _CAPTION_Q + r"\s+(?:up |down )?to\s+" + _CAPTION_Q, re.I)


# a label each of several things carries ("three icons ..., each with the word 'Allergen' beneath"): what they all are
EACH_WITH = re.compile(r"\beach\s+(?:with|labell?ed|marked|showing|bearing|carrying)\s+(?:(?:the|a)\s+(?:word|label|"
                       r"tag|caption)\s+)?['‘\"“]([^'’\"”]{1,40})['’\"”]", re.I)


# a panel's name ('Before', 'After (years later)', 'Up close'): where a picture goes, not a point; 'Before' and 'After'
# are never one beside other points either ('Before', '3 semitones')
PANEL = re.compile(r"(?:before|after|then|now|today|left|right|up close|close up|from afar|from (?:a distance|\d+ "
                   r"(?:metres|meters|feet|m)))(?:\s*\([^()]*\))?", re.I)
TIME_PANEL = re.compile(r"(?:before|after)(?:\s*\([^()]*\))?", re.I)


def captions(anim: str) -> set[str]:
    """Words a note puts under pictures it does not describe in them: a pair's captions, a caption that the next
    words say what its picture shows ("'with back light' shows a glowing rim"), a timer's first and last reading."""
    text = an.bounded(anim)
    found = {q for m in _PAIR.finditer(text) for q in (m[1], m[2])}
    found |= {q for m in _TIMER.finditer(text) for q in (m[1], m[2])}
    found |= set(re.findall(_CAPTION_Q + r"\s+shows?\b", text))
    return found


def unsaid_name(label: str, narration: str) -> bool:
    """A short label of which the voice says no word ('Estimated path', 'ear', 'Susceptible'): the name of a part of
    a drawing (a curve, an icon's shading, a loaf's crust) that only the drawing would explain. A word counts as said
    in any form the voice gives it ('min' in 'minutes', 'encoder' in 'encoders')."""
    words = [w for w in re.findall(r"[a-z]+", label.lower()) if len(w) >= 3 and w not in ph.STOP]
    if not words or len(label.split()) > 4 or re.search(r"\d", label):
        return False   # (a value is a reading: `unsaid_reading` decides it)
    said = re.findall(r"[a-z]+", narration.lower())
    # (and a Latin plural: 'atria' says 'Right atrium')
    return not any(any(s.startswith(w[:min(5, max(4, len(w) - 2))]) or w.startswith(s) and len(s) >= 4 for s in said)
                   for w in words)


# a picture the note describes that no kind draws: the quotes in its sentence are the names of its parts
_PICTURE = re.compile(r"(?<!flow )(?<!venn )(?<!tree )(?<!sequence )(?<!block )(?<!state )(?<!bar )(?<!pie )\b"
                      r"(?:cutaway|cut-away|cross[- ]sections?|(?:labell?ed\s+)?diagram|illustration|drawing|"
                      r"sketch|map|inset|photo(?:graph)?|close-up|silhouette|cartoon|x-ray|blueprint|graph|plot|(?:front|side|top|"
                      r"bird's-eye|aerial) view)\b", re.I)
_BARS = re.compile(r"\b(?:bar|column|pie)\s+(?:chart|graph)\b[^.]*\b(?:(?:bars?|slices?|columns?|wedges?)\s+(?:for|of|"
                   r"labell?ed)|comparing)\s+['‘\"“]", re.I)
_SHOT = re.compile(r"\s*(?:then|next|finally|later|after that|scene transitions|cut to|final shot|split screen|"
                   r"text|title|caption|on[- ]screen|the (?:equation|formula)|an? (?:bar |pie )?(?:chart|graph|table|"
                   r"timeline))\b", re.I)
# a thing's own label ('a wire labelled 'Tiny voltage out'', 'a ticker reads '15:20'', 'the label '100 Hz hum''):
# of a thing a list does not show, unless the thing is one of a list's own (a box, a card, a column, a step)
_RUN = r"((?:['‘\"“][^'’\"”]{1,60}['’\"”](?:\s*(?:,|and|or)\s*)*)+)"
_LABELLED = re.compile(r"\b([a-z-]+)\s+(?:labell?ed|tagged|marked|reads?|reading)\s*:?\s*" + _RUN + "|"
                       r"\b(?:the|a|small|its)\s+(labels?|captions?|tags?)\s*:?\s*" + _RUN, re.I)
_LISTED = frozenset((  # noqa: SIM905
    "box boxes card cards column columns row rows step steps bar bars panel panels half halves side sides tile tiles "
    "node nodes stage stages list lists heading header title slide slides table grid grids cell cells item items "
    "block blocks icon icons button buttons tab tabs bucket buckets jar jars is are and or one each them it").split())


def drawn_labels(anim: str) -> set[str]:
    """The labels a note puts on a picture no kind draws: every quote in a sentence describing a cutaway, a
    cross-section, a map or an illustration ('Diaphragm', 'Voice coil' of a microphone's cutaway), and a label a
    note puts on a thing ('a wire labelled 'Tiny voltage out'', 'a haze labelled 'Miasma?''). Listed without the
    picture, they label nothing."""
    found: set[str] = set()
    inside = False
    for sentence in an.sentences(an.bounded(anim)):
        # (the sentences after a picture's go on describing it, 'A curved arrow shows the drum ... pulling the
        # 'Leading shoe' tighter', up to the next shot)
        inside = bool(_PICTURE.search(sentence)) or inside and not _SHOT.match(sentence)
        if inside:
            found |= set(an.quoted_in(sentence))
            continue
        # (a chart's bars the note gives no values, 'bars for 'China', 'India' and 'Rest of world'': no kind draws
        # bars without their heights, and listed alone, their names label nothing)
        # (or values no kind can set as bars: "comparing 'Your contributions' with 'Growth' at years 10, 20 and 30")
        if _BARS.search(sentence) and (not re.search(r"\d", sentence) or not an.bars(sentence)):
            found |= set(an.quoted_in(sentence))
            continue
        for m in _LABELLED.finditer(sentence):
            if (m[1] or m[3]).lower() not in _LISTED:
                found |= set(an.quoted_in(m[2] or m[4]))
    return found
