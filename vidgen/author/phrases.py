"""Reading narration for pictures: key phrases, quoted labels, equations written in words.

Small, deterministic text rules used by `vidgen.author.derive`: no model, no dictionary beyond
a short stop-word list. Every label that leaves here is safe for the spec: plain text has no `$`
(a price like "$10" becomes "10 dollars"), math is wrapped in `$...$` only when mathtext parses it.
"""

from __future__ import annotations

import re

from vidgen.author.complete import (
    BEGUN,
    BOUNDARY,
    CONTRAST,
    DANGLING,
    NEGATION,
    in_conditional_clause,
    is_cut,
    leads,
    shorten,
    unmarked,
    whole_sentence,
)
from vidgen.author.pointing import REPORTED, leans
from vidgen.author.teasers import FORWARD
from vidgen.voice.lexicon import MAGNITUDE, NAMES_A_KIND

_STOP_WORDS = """a an the and or but of to in on at by for with from as is are was were be been being it its it's this
that these those there their they them you your we our us he she his her i me my so then than too very can could
will would should may might must do does did not no nor just also into onto about over under up down out off if
when where which who whom what why how all any each every some such only own same other more most much many let's
let here now well really like get got have has had one two three"""
STOP = frozenset(_STOP_WORDS.split())
_LEADIN = re.compile(
    r"^(?:so|now|then|next|first|second|third|finally|lastly|and|but|also|remember|in fact|in short|to recap|well|"
    r"next up|okay|ok|here|today|interestingly|similarly|geometrically|visually|imagine|think of it as|think of|let's|"
    r"let us|we've learned that|we have learned that|and there you have it|of course|in other words|this means|"
    r"that is|at its core|once|after that|for example|for instance|maybe|perhaps|actually|basically|"
    r"essentially)\b(?!\s+(?:time|step|day|year|week|morning|night|half|place|one)\b)[,:!]?\s+", re.I)
# ('Next time you eat', 'First step is': 'next' and 'first' there are the subject's, not a lead-in)
# a quoted span: marks around words, an apostrophe inside a word ("don't"), a plural's in brackets ("(Thiers' law)"),
# a name's elided particle ("'Catherine de' Medici'") and a title in double quotes ('Karinthy, "Chains"') too
_INSIDE = (r"(?:[^'‘’\"“”\n]|(?<=\w)['’](?=\w)|(?<=s)['’](?=\s[\w-]+\))|(?<=\b[dD][ae])['’](?=\s[A-Z])|"
           r"(?<=[\s,(])\"[^'‘’\"“”\n]{1,40}\"(?=['’])|(?<=[\s,(])“[^'‘’\"“”\n]{1,40}”(?=['’])){1,80}?")
_CLOSE = r"(?<!\b[dD][ae])['’\"”](?![\w'’])(?!\s[\w-]+\))"
QUOTED = r"['‘\"“]" + _INSIDE + _CLOSE
_QUOTE = re.compile(r"(?<![\w'’])['‘\"“](" + _INSIDE + ")" + _CLOSE)
_EMPHASIS = re.compile(r"(?<!\w)(\*{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
# ('$8.3M': 8.3 million dollars; '$1 million' is '1 million dollars', not '1 dollar million')
_DOLLARS = re.compile(r"\$(\d+(?:,\d{3})*(?:\.\d+)?)(?:\s?(M|bn|B|k|K)\b|\s(thousand|million|billion|trillion)\b)?")
_CALLED = re.compile(r"(?:^|,\s*|\b(?:is|are)\s+)(?:also\s+)?called\s+(?:the\s+|a\s+|an\s+)?['‘\"“]?"
                     r"([A-Za-z][\w\- ]{1,40}?)['’\"”]?(?=[,.;:!?]|\s+(?:and|which|or)\b|$)", re.I)
# a piece of a formula ('X + h', '= lim h→0'): formulas are drawn whole as equations, never as key phrases
_SCRAP = re.compile(r"^\s*[=+×*/^·−]|(?:^|\s)\w{1,2}\s*[=+×*/^·−]\s*\w{1,2}(?:\s|$)")


def _first_of_list(part: str, rest: list[str]) -> bool:
    """'The notes C' before 'D', 'E', ...: the first item of a list, not a phrase of its own."""
    last = part.split()[-1] if part.split() else ""
    return len(last) <= 2 and bool(rest) and len(rest[0].split()) == 1 and len(rest[0]) <= 2


_TAIL = re.compile(r"^(?:called|which|who|whom|that|and|or|but|just|like|such as|especially|while|nor|so|as)\b",
                   re.I)
# greetings, and asides to the viewer ('Try it yourself before I tell you', 'Pause the video'): nothing to show
_GREETING = re.compile(r"^(?:(?:so|and|well|either way|anyway|now),?\s+)?(?:welcome|hi|hello|hey|thanks|thank you|"
                       r"keep (?:exploring|learning)|see you|stay curious|happy (?!birthday)\w+ing\b|now you know|"
                       r"enjoy (?:the|your)|that's (?:it|all)|until next time|good luck|"
                       r"try it (?:yourself|out|first)|pause (?:the video|here|now|for a (?:moment|second))|"
                       r"take a (?:guess|moment|second)|think about it|stick around|stay tuned|guess what|ready|"
                       # (and what the video says of itself: 'Quick note: this is for learning', 'We'll mostly use
                       # England as our example', 'By the end of this video ...')
                       r"(?:a |one )?quick (?:note|word|disclaimer)|(?:a |one )?(?:note|disclaimer)\s*:|"
                       r"by the end of this (?:video|lesson)|in this (?:video|lesson|episode)|"
                       r"we'?ll (?:mostly |mainly |just )?(?:use|stick|focus|keep)\b[^.]*\b(?:example|here|today)|"
                       r"(?:this|it) is(?:n't| not) (?:legal|medical|financial|professional) advice)\b",
                       re.I)


def dollars(text: str) -> str:
    """Money said as the voice says it: '$4,322' is '4,322 dollars', '$8.3M' '8.3 million dollars'; after 'a', an
    amount names a kind of thing ('a $1 million prize' is 'a 1 million dollar prize')."""
    def said(m: re.Match[str]) -> str:
        size = f" {MAGNITUDE[m[2].lower()]}" if m[2] else f" {m[3]}" if m[3] else ""
        one = m[0] == "$1" or NAMES_A_KIND.search(m.string[:m.start()])
        return f"{m[1]}{size} dollar{'' if one else 's'}"
    return _DOLLARS.sub(said, text)


def plain(text: str) -> str:
    """Text safe to show as a plain label: no math delimiters, single spaces."""
    text = dollars(text).replace("($)", "(dollars)")   # ('Balance ($)': not left as empty brackets)
    # (a math mark touches what it marks, '$x^2$'; a lone '$' or '*' is a symbol the text is about: '$: end of line')
    text = re.sub(r"\$(?=[\w\\{(])|(?<=[\w})])\$", "", text)
    text = _EMPHASIS.sub(r"\2", text)   # **bold**, *italic*: marks, not words
    text = re.sub(r"(?<![\w)])\*+(?=\w)", "", text)   # a stray mark; a name's own star stays (A*, C*)
    # quote marks, not apostrophes (a quotation whole, “Go tell the Spartans ...”, keeps them: it is not said to us)
    whole = re.fullmatch(r"“[^“”]+”", text.strip()) is not None and len(text.split()) >= 4
    text = text if whole else re.sub(r"(?<![\w])['‘\"“]|['’\"”](?![\w])", _quote_mark, text)
    text = _SIGNPOST.sub("", text)   # (', as we will see' points at nothing on screen)
    return " ".join(text.split())


_SIGNPOST = re.compile(r",\s+(?:as we(?:'ll|’ll| will| shall)? (?:see|find out|discover)(?:\s+(?:next|later|soon|"
                       r"shortly|in a moment))?|which (?:brings|leads|takes) us (?:on )?to [^,.;:!?]*)"
                       r"(?=\s*[.!?]?\s*$)", re.I)


def _quote_mark(m: re.Match[str]) -> str:
    """'' for a quote mark; a plural's possessive apostrophe ("the mountains' rain shadow") stays: it closes no quote
    opened before it."""
    at, text = m.start(), m.string
    if m[0] in "'’" and at > 0 and text[at - 1] == "s" and re.match(r"\s+[a-z]", text[at + 1:]):
        opened = len(re.findall(r"(?<![\w])['‘]", text[:at])) - len(re.findall(r"['’](?![\w])", text[:at]))
        if opened <= 0:
            return m[0]
    return ""


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def content_words(text: str) -> set[str]:
    """Lower-case words that carry meaning, crudely singular ('vectors' -> 'vector')."""
    out = set()
    for w in words(text):
        if w in STOP or len(w) < 3:
            continue
        for end in ("ing", "ed", "es", "s"):  # crude stems: 'detecting', 'detects' and 'detect' meet
            if w.endswith(end) and len(w) - len(end) >= 4 and not w.endswith("ss"):
                w = w[: -len(end)]
                break
        out.add(w)
    return out


def cap(text: str) -> str:
    text = text.strip().rstrip(",;:–—-").strip()
    return text[:1].upper() + text[1:] if text else text


def quoted(text: str) -> list[str]:
    """Quoted labels in an `anim` or narration: 'Pivot', "2D Shapes: Flat" (apostrophes inside words kept)."""
    out: list[str] = []
    for m in _QUOTE.finditer(text):
        # (a decimal that recurs keeps its dots: '0.333...' without them says a third is 0.333)
        s = m[1].strip(" ,") if re.search(r"\d\.\d+\s*(?:\.\.\.|…)\s*$", m[1]) else m[1].strip(" .,")
        if s and s not in out:
            out.append(s)
    return out


def is_greeting(sentence: str) -> bool:
    return bool(_GREETING.match(sentence.strip(" '\"‘“")))


def strip_leadins(text: str) -> str:
    s = text.strip()
    for _ in range(4):
        new = _LEADIN.sub("", s)
        if new == s:
            break
        s = new
    return s


def key_phrase(sentence: str, limit: int = 7, whole: int = 0) -> str:
    """A short line that says what a sentence is about: its most meaningful clause, at most `limit` words, or the
    whole sentence when it has at most `whole` words (a bullet may wrap; a headline may not)."""
    s = plain(strip_leadins(sentence)).strip(" .!?…'\"")
    # ('This is called a collision' keeps its subject; 'Then comes acceptance': the thing itself is the phrase; not a
    # verb with its particle: 'come back up several hours after a meal' is what pellets do)
    s = re.sub(r"^(?:comes?(?!\s+(?:back|up|down|out|in|off|apart|together|from|into|to|across|through|around|along|"
               r"true|close)\b)|follows?|there's|here's|here is)\s+(?=\w)", "", s, flags=re.I)
    s = re.sub(r"^(?:it's|it is|this is|that's|there are|there is|you can|we can|we'll|we will|you'll)\s+"
               r"(?!called\b|known\b|named\b)", "", s, flags=re.I)
    if len(s.split()) > limit:  # a described picture: 'A simplified animation of a seismograph' -> 'Seismograph'
        described = re.sub(r"^(?:an?|the)\s+(?:(?:simplified|short|simple|quick|animated)\s+)?"
                           r"(?:animation|illustration|diagram|image|picture|visual representation|drawing)\s+of\s+",
                           "", s, flags=re.I)
        if described != s:  # only the described thing loses its article: a sentence keeps its first words
            s = re.sub(r"^(?:an?|the)\s+", "", described, flags=re.I)
    if len(s.split()) <= limit:
        return cap(s)
    if whole and len(s.split()) <= whole and not is_cut(s):
        return cap(s)  # a short sentence shown whole (wrapped) says its point; a piece of it may not
    negated = bool(NEGATION.search(s))
    # a relative clause may go ('which ...'); a complement may not ('with 50 grams of water'): without it, it stops
    head = re.split(r",?\s+(?:which|where|so that)\s+", s, maxsplit=1)[0]
    opener = head.split(",")[-1].split()[:1] if "," in head else []  # 'One bug, in languages': a dangling opener
    # 'In practice, the line' (that matters): a leading phrase and only the first words of its clause
    led = "," in head and len(re.split(r",(?!\d)", head)[-1].split()) < 3
    # a main clause shown without its condition says what the sentence does not (complete.CONDITION)
    if (2 <= len(head.split()) <= limit and not is_cut(head) and (not negated or NEGATION.search(head))
            and not in_conditional_clause(head, s) and not (opener and opener[0].lower() in BOUNDARY) and not led):
        return cap(head)
    # a comma inside a number (10,000) is not a clause boundary (nor is a dash inside a range: '45–50 °C')
    parts = [p.strip() for p in re.split(r"\s*(?:,(?!\d)|[;:—(]|(?<!\d)–|–(?!\d))\s*|\s+-\s+|\)\s*", s) if p.strip()]
    fitting = [p for k, p in enumerate(parts) if 2 <= len(p.split()) <= limit and not _TAIL.match(p)
               and not is_cut(p) and p.split()[0].lower() not in BOUNDARY and not CONTRAST.match(p)
               and not in_conditional_clause(p, s) and (not negated or NEGATION.search(p))
               and not BEGUN.search(p) and not _SCRAP.search(p) and not _first_of_list(p, parts[k + 1:])
               and not (k and len(parts[k - 1].split()) == 1)   # a list's last items ('Egypt, India and China')
               and not (k == 0 and len(parts) > 1 and _leads(p))   # 'Sooner or later' (, every atom decays)
               and not (k and p[:1].isdigit())]   # a list's middle ('uses 500 g of flour, 350 g of water, ...')
    if fitting:
        best = max(fitting, key=lambda p: (len(content_words(p)), -parts.index(p)))
        return cap(strip_leadins(best))
    # shorten by choosing a phrase that ends where its meaning does, never by cutting at a width
    short = shorten(s, limit)
    if short:
        return cap(short)
    # a clause too long to show: its subject, when that is a whole noun phrase of its own ('The chance that two
    # share a birthday' is just over 50 percent) and the sentence states nothing negated
    for p in parts:
        m = _SUBJECT.match(p)
        if m and 3 <= len(m[1].split()) <= limit and _whole_subject(m[1]) and not is_cut(m[1]) and not negated \
                and _DETERMINED.match(m[1]) and not _SCRAP.search(m[1]):
            return cap(m[1])
    return cap(shorten(s, limit + 3))  # (shorten refuses a piece of a conditional clause)


_LETS = re.compile(r"\blet'?s\s+(?:now\s+)?(?:start with|begin with|dive into|tackle|explore|look at|take a look at|"
                   r"step into|talk about|break down|turn to|move on to|focus on|examine|meet|get to know)\s+"
                   r"(.+?)(?=[.!?;:]|\s+[-–—]\s|$)", re.I)
_SUBJECT = re.compile(r"^(.{3,60}?)\s+(?:is|are|makes?|has|have|helps?|gives?|lets?|allows?|means?|keeps?|"
                      r"takes?|shows?|explains?|describes?)\b", re.I)
_PRAISE = re.compile(r"^(?:fantastic|great|awesome|amazing|good|nice|well done|congratulations|excellent)\b", re.I)
_RECAP = re.compile(r"\b(?:we'?ve (?:learned|learnt|seen|discovered|explored|covered)|to recap|in summary|"
                    r"to sum up|there you have it|recap)\b", re.I)
_GENERIC = re.compile(r"^(?:how it works|it|this|that|them|an example|some examples?|the details?)$", re.I)
_PRONOUN = re.compile(r"^(?:you|we|i|it|it's|that|that's|this|these|those|they|there|here|what|which|who|when|if|"
                      r"before|after|because|so|as|once|while|illustrate|imagine|consider|think)\b", re.I)


# a sentence that sets up what comes next or points at what came before, which a headline over the picture cannot:
# 'Now let's put numbers on it', 'Take sodium and chlorine', 'Rockets are the classic example', 'Covalent bonds work
# differently', 'This idea was once rejected', 'Hangul mixes both ideas'
_LEAD_IN = re.compile(r"^(?:(?:now|so|okay|ok|well|first)[, ]+)?(?:let'?s|take|picture|think of|meet|say|suppose|"
                      r"remember|look at|watch|here's|here is|the (?:first|second|third|next|last|other) thing)\b|"
                      r"\b(?:it|them|this|that|these|those)$|"
                      r"\b(?:this|these|those|both|such)\s+(?!is\b|are\b|was\b)\w+|"
                      r"\b(?:examples?|differently|instead|too|as well|the same|either)$|"
                      # a comparison with what is not on screen ('we use smaller versions', 'other kinds')
                      r"\b(?:smaller|bigger|larger|shorter|longer|other|similar)\s+(?:versions?|ones?|kinds?|forms?)$",
                      re.I)


def says_recap(text: str) -> bool:
    """The words close with a summary ("we've learned", "to recap"): a 'Recap' headline is theirs."""
    return bool(_RECAP.search(text))


# a subject that only points at what the sentence goes on to say: 'The good news is ...', 'The key is ...'
_POINTER = re.compile(r"^(?:the|a|an|one|this|that|another)\s+(?:(?:good|bad|real|main|big|key|crucial|important|"
                      r"common|easiest|simplest|usual|interesting|surprising|simple|classic|best|first|second|final|other|next|whole|short|"
                      r"obvious|hard|tricky|overall)\s+)?(?:news|point|thing|key|trick|catch|answer|result|idea|"
                      r"moment|reason|problem|question|example|part|secret|lesson|rule|step|bit|difference|"
                      r"takeaway|upshot|twist|solution|reaction|story|fix|way|method|approach|option|catch)$", re.I)


# a noun phrase that starts as one: with its determiner ('the chance that ...', not 'body or feet' from a list)
_DETERMINED = re.compile(r"^(?:the|a|an|this|these|those|its|their|our|your|his|her|some|most|many|every|each|"
                         r"all|no|one|two|three|four|five|six|seven|eight|nine|ten)\s", re.I)
_VERBAL = frozenset({"may", "might", "can", "could", "will", "would", "should", "must", "do", "does", "did",
                     "cannot", "can't", "won't"})


def _leads(part: str) -> bool:
    """The phrase before a sentence's first comma that only leads its clause: 'According to the story', 'More
    than 2,500 years ago', 'Depending on the type'. A clause of its own ('Labour won the most seats') does not."""
    return leads(part)


_QUANTIFIED = re.compile(r"^(?:every|each|neither|either|both|none|all|some|most|any)\b|^\w+\s+of\s+the\b", re.I)
_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|can|will|must|do|does|did|may|might|should|would|could)\b|"
                   r"['’](?:s|re|ve|ll|d)\b|\w{3,}ed\b", re.I)


def _whole_subject(phrase: str) -> bool:
    """A sentence's subject that stands as a headline: a whole noun phrase ('The demand curve'), not one led by
    a phrase before it ('With 70 people, the chance') nor one that only points at the rest ('The good news')."""
    words = [w.lower() for w in re.findall(r"[\w']+", phrase)]
    return ("," not in phrase and not _POINTER.match(phrase.strip()) and bool(words)
            and not _QUANTIFIED.match(phrase.strip())   # 'Neither country', 'Two of the families': says nothing
            and words[0] not in ("and", "but", "or", "so", "then", "yet", "nor")
            and not set(words) & _VERBAL)   # 'Water you drink today may once' (have fallen): a clause, cut


def announces(sentence: str) -> bool:
    """Whether the sentence announces the scene's subject ('Let's tackle multiplication and division')."""
    return bool(_LETS.search(sentence))


def headline(sentences: list[str], *, last: bool = False, fallback: str = "", limit: int = 6) -> str:
    """A short scene title from its narration: what "let's ..." announces ('Let's tackle multiplication and
    division' -> 'Multiplication and division'), 'Recap' for a closing summary, `fallback` (a picture's own
    name for itself), else the subject of the first sentence that says something. Empty when nothing short
    and meaningful is found."""
    for s in sentences[:2]:
        m = _LETS.search(s)
        if m:
            phrase = re.sub(r"^the (?:world|concept|idea|topic|basics) of\s+", "", plain(m[1]).strip(" ,"), flags=re.I)
            if 1 <= len(phrase.split()) <= limit and not _GENERIC.match(phrase) and content_words(phrase):
                return cap(phrase)
    if last and any(_RECAP.search(s) for s in sentences):
        return "Recap"
    if fallback:
        return fallback
    # else a term the scene names ('... is called oscillation'), or a complete short sentence of its own, never a
    # piece of a longer one ('The Pacific Ocean' says nothing of it); else no headline, better than a cut one
    answering = led = False
    for s in sentences[:3]:
        # fragments answering a question ('What makes demand inelastic? Few substitutes, like petrol.
        # Necessities.'): each is one of several answers, and over all of them it would name only itself
        answering = s.rstrip().endswith("?") or (answering and not _VERB.search(s))
        if answering or is_greeting(s) or _PRAISE.match(s.strip()) or len(content_words(s)) < 2:
            continue
        term = defined_term(s)
        if term and 1 <= len(term[0].split()) <= limit:
            return term[0]
        line = plain(whole_sentence(s, limit + 1))
        if led or any(_LEAD_IN.search(plain(x).rstrip(" .!")) for x in (s, unmarked(s))):
            led = True   # the scene opens on a lead-in: a later sentence would head what it does not name
            continue
        # ('Let's try a number' announces; 'Then delete the markers' is a step; 'Its big idea is simple' points ahead)
        if line and not _PRONOUN.match(line) and len(content_words(line)) >= 2 and "n't" not in line \
                and not re.match(r"(?:let'?s|then|next|finally|also|another|after that)\b", line, re.I) \
                and not FORWARD.search(line) and not leans(s) and not REPORTED.search(s):
            return line
    return ""


_HAS_NOUN = frozenset("is are was were have has had make makes made use uses used".split())  # noqa: SIM905


def defined_term(sentence: str) -> tuple[str, str] | None:
    """'This back-and-forth motion is called oscillation' -> ('Oscillation', 'This back-and-forth motion')."""
    m = _CALLED.search(sentence)
    if not m:
        return None
    term, end = m[1].strip(), m.end()
    # 'called checks and balances.': a pair that ends the sentence is one name, not a name and a new clause
    pair = re.match(r"\s+(and|or)\s+([A-Za-z][\w\-]*)['’\"”]?(?=[.;:!?]|$)", sentence[end:])
    if pair and len(term.split()) <= 3:
        term, end = f"{term} {pair[1]} {pair[2]}", end + pair.end()
    # 'called Last In, First Out, or LIFO': a name in capitals goes on past its comma, up to its short form
    more = re.match(r",\s*((?:[A-Z][\w\-]*\s*){1,4}),\s*or\s+[A-Z]{2,}\b", sentence[end:])
    if more and term[:1].isupper():
        term, end = f"{term}, {more[1].strip()}", end + more.end()
    after = sentence[end:].strip(" '’\"”")
    # (not a phrase of where the name comes from: 'called chiaroscuro, from the Italian words ...'; nor one that goes
    # on with the sentence, 'also called epinephrine, followed by ...', or the phrase it sits in, '..., of the block')
    if after.startswith(",") and not re.match(r",\s*(?:and|or|which|but|\w+ed\s+by|of|for|to|in|on|with|from|at)\b",
                                              after) and \
            (after.strip(" ,").split() or [""])[0].lower() not in BOUNDARY and \
            not re.search(r"\b(?:is|are|was|were)\b", re.split(r"[,;.]", after.strip(" ,"))[0]):
        # (not a clause of its own: 'The corners are called vertices, the straight lines ... are called edges')
        return cap(term), key_phrase(after.strip(" ,"), 6)  # 'letters, called variables, stand in for ...'
    before = re.split(r"[;:]\s+|,\s+(?:and|but|so)\s+", sentence[: m.start()])[-1].strip(" ,")  # its own clause
    before = re.sub(  # (less its examples: 'Everything else on the shield, whether lions or stars, is called a charge')
        r",\s+(?:whether|such as|like|including|for example|e\.g\.)\s[^;:]*$", "", before)
    if re.match(r",\s*(?:also\s+)?called", m[0], re.I):
        # ('many older houses have tall windcatchers, called badgirs'): the name is of the words just before it
        # (after a verb only: 'from one point, called the radiant' keeps its clause)
        words = before.split()
        k = len(words)
        while k > 0 and words[k - 1].lower() not in DANGLING and not re.search(r"[,;:]$", words[k - 1]) \
                and len(words) - k < 3:
            k -= 1
        if k > 0 and len(words) - k >= 2 and words[k - 1].lower() in _HAS_NOUN:
            before = " ".join(words[k:])
        elif len(words) > 6:
            # ('the pieces are assembled like a jigsaw, joined by strips of lead ..., called cames'): not the cames
            return cap(term), ""
    if re.match(r"(?:the\s+(?:same\s+)?\w+|what|whatever|in \w+, the same)\b(?:\s+\w+)?$", before, re.I) or \
            re.match(r"(?:what|whatever)\b", before, re.I) or re.search(r"\bthe same\b", before, re.I):
        return cap(term), ""   # ('The technique is called fresco', 'What Tom gave her'): it points back
    if re.match(r"(?:this|that|these|those|it|they)\b", before, re.I) or \
            re.search(r"\b(?:this|these|those)\s+(?!is\b|was\b)\w+|\b(?:behind|of|on|to|with|in|for|by|from|at|"
                      r"about|after|before)\s+that\s+\w+", before, re.I):
        return cap(term), ""   # ('That pattern is called a truss'): 'that pattern' points at words not on screen
    if re.fullmatch(r"(?:he|she|we|you|i)", before, re.I):
        return None   # ('... and she is called a carrier'): the sentence says who, its subject alone does not
    detail = key_phrase(before, 6) if before else ""
    return cap(term), "" if is_cut(detail) or re.search(r"\b(?:this|that|these|those|it)$", detail, re.I) else detail


def overlap(a: str, b: str) -> float:
    """How much of a's meaning b mentions (0-1)."""
    wa = content_words(a)
    return len(wa & content_words(b)) / len(wa) if wa else 0.0


def inside(label: str, labels: list[str]) -> bool:
    """A label another one ends with ('n − 1' beside 'Sample: divide by n − 1', '30 g' beside 'Serving size 30 g'):
    shown again, it says the same thing twice."""
    return any(label != other and other.endswith((" " + label, ": " + label)) for other in labels)
