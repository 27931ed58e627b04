"""Lines that point elsewhere: a sentence that leans on the one before it ('It now hangs in ...', 'The answer is
...'), a belief the scene goes on to correct, and the scene's most informative sentence that does neither. Shown
alone on screen, what such a line points at is missing (issue 20; see docs/decisions.md)."""

from __future__ import annotations

import re

from vidgen.author.antecedent import DUMMY_IT_RE, PERSON_WORDS, unresolved
from vidgen.author.complete import DANGLING, unmarked
from vidgen.author.teasers import FORWARD

# a sentence that leans on the one before it: it opens on a word pointing back ('It's called ...', 'Another is
# ...', 'Either way, ...', 'The answer lies ...'), names a thing only as 'that wall' or 'this map', or adds to
# what was said ('also'). Alone on screen, what it points at is missing.
_LEANS_START = re.compile(
    r"(?:it|its|it's|they|they're|their|them|he|his|she|her|this|that|that's|these|those|another|either way|others?|"
    r"the other|the same|both|also|then|every (?:single )?one\b(?!\s+of\s+(?:the|its|their)\b)|"
    r"the (?:answers?|secret|trick|results?|rules|difference|reason|catch|idea|"
    r"lesson|explanation|upshot|question|trouble|key|problem|point|truth|twist|good news|bad news|puzzle|paradox|"
    r"riddle|mystery|details|finding|discovery)"
    # (the idiom, 'The key is ...', not a thing so named: 'The key light is the main source')
    r"(?!\s+[a-z]+\s+(?:is|are|was|were)\b)|"
    # ('The technique was pioneered by ...': the one the sentence before named; not 'The method of least squares')
    r"the (?:technique|method|process|approach|procedure)(?!\s+(?:of|for|to|that|which|is called)\b)|"
    r"the opposite(?=\s+(?:is|was|can|could|may|might|happens|holds)\b|\s*[,.;:])|"
    r"on the (?:other|one) hand\b|(?:only|even|since|until|by) then\b|there,|"
    r"(?:beyond|besides|despite|after|because of|on top of|apart from|aside from|in addition to) (?:that|this),|"
    # ('The two are so close ...'): a number standing for things named before
    r"the (?:two|three|four|five)(?=\s+(?:are|were|is|was|have|had|can|could|will|would|do|did|differ|share|meet|"
    r"look|seem|so|both|together)\b)|"
    r"(?:a (?:big |large |small )?)?part of (?:the|that|this)|"
    r"(?:one|some|none|all|most|many|each|both|either|"
    r"neither) of (?:them|these|those|us)|one (?:is|was|has|had)\b|yes,|no,|together,? (?:these|they|those)|"
    # ('Not bad for a quarter inch of scruff', 'Not a single one'): an answer or a verdict on what was said
    r"not (?:bad|a single|one|once|at all|quite|really|exactly|necessarily|yet)\b|"
    # ('a large one means ...', 'the newer ones'): a thing named only by the word standing for it
    r"(?:a|an|the)\s+(?:[a-z]+er\s+|[a-z]+est\s+|large\s+|small\s+|big\s+|little\s+|new\s+|old\s+)?ones?\b(?!-)"
    r"(?=\s+(?:is|are|was|were|means?|has|have|had|can|could|will|would|does|do|did|still|[a-z]+s)\b|\s*[,.;:]|$)|"
    # ('Modern ones fix the drift', 'Many grew up in hearing families'): who or what, said only as how many or which
    # (not 'Many are invented for a headline', said of the things the line before names)
    r"[a-z]+ ones\b(?!-)(?=\s+[a-z])|(?:many|most|some|several|few)(?=\s+(?:grew|went|came|made|took|became|began|"
    r"kept|left|found|got|[a-z]+ed)\b)|"
    r"in (?:that|this) (?:state|case|"
    r"way|form)|back to|on the (?:left|right)\b|(?:above|below)\s*,|(?:hours|days|years|minutes|weeks) later|"
    r"(?:a|an|half an?|one|two|three|a few|several|"
    r"some) (?:split )?(?:second|moment|minute|hour|day|week|month|year|decade)s? later)(?=\W|$)", re.I)
# ('The water now carries ...': a thing changed by what the sentence before did)
_LEANS_INSIDE = re.compile(r"^the\s+[a-z]+(?:\s+[a-z]+)?\s+now\s+(?!that\b)[a-z]+|"
                           r"\balso\b|\btoo\b(?=\s*(?:[,.;:!?]|$))|\bin reverse\b|"
                           r"\b(?:of|on|to|with|in|for|by|from|at|about|used|drawing|is|was)\s+(?:this|that|these|those)\s+\w+|"
                           # ('tick that precisely', 'that far apart'): as much as the sentence before said
                           r"\bthat\s+(?:precisely|exactly|much|far|long|fast|often|quickly|slowly|closely|"
                           r"accurately|reliably|regularly|high|low|big|small|hot|cold)\b(?=\s*(?:[,.;:!?]|$|apart\b|"
                           r"away\b))|"
                           r"\bthe opposite(?=\s+(?:is|was|can|could|may|"
                           r"might|happens|holds)\b|\s*[,.;:]|$)|\b(?:call|calls|called|measure|"
                           r"measures|measured|name|names|named)\s+this\b|(?<!are not )(?<!were not )\bthe same "
                           r"(?:way|thing|idea|trap|job|effect|trick|principle|physics|logic|question|puzzle|rule|pattern|process|"
                           r"method)\b(?!\s+as\b)|"
                           # ('Engineers call that state critical', 'To find that distance', 'won that way'): a
                           # thing or a way the sentence before named
                           r"(?<=\S\s)that\s+(?:state|problem|distance|way|bond|spirit|idea|process|step|number|"
                           r"amount|figure|moment|change|question|difference|result|speed|pattern|cycle|stage|point|"
                           r"effect|trick|rule|balance|value|rate|ratio|level|limit|shape)\b(?!\s+(?:is|are|was|were|"
                           r"has|have|had|can|could|will|would|may|might|must)\b)", re.I)


# a scene's set-up ('Imagine a friend hands you a coin'): what the scene says of it comes after
SET_UP = re.compile(r"(?:imagine|picture|suppose)\b", re.I)


# a belief the scene goes on to correct ('Ask people why, and they'll tell you it's because the Earth is closer to
# the Sun', 'You might think it's six beats'): shown alone, the myth reads as the answer
# the myth a countdown of myths names ('Myth number two: antibiotics clear a cold faster'): its rebuttal follows
# ('Myth one: ...', 'Myth number one says lightning never strikes twice')
MYTH = (r"^\s*(?:the\s+)?myth(?:\s+(?:number\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|#?\d{1,2}))?"
        r"(?:\s*:|\s+(?:says|claims|goes|holds|is that|tells us)\b)")
REPORTED = re.compile(r"\b(?:you (?:might|may|could|would) (?:think|expect|guess|assume|imagine)|(?:many|most|some) "
                      r"people (?:think|believe|assume|guess|say|would say|worry|fear)|they'll (?:tell you|say)|"
                      r"people (?:often |usually )?(?:think|believe|assume|worry|fear)|"
                      r"(?:it's |it is )?a (?:common |popular )?(?:myth|"
                      r"misconception)|contrary to popular belief|it's tempting to (?:think|assume)|"
                      r"it (?:seems|looks) (?:like|as if)|the obvious (?:answer|guess)|most of us (?:think|assume|"
                      r"believe|picture|imagine)|we (?:often |usually |tend to )?(?:think|assume) of|"
                      # one side of a debate ('Some historians say the plan was decisive'), alone, reads as the answer
                      r"some (?:historians|scientists|experts|economists|researchers|critics|scholars) "
                      r"(?:say|argue|think|believe|claim|suggest)|"
                      # a concession ('It is true that over thousands of spins ...'): the 'but' after it is the point
                      r"^(?:it(?:'s| is) (?:true|correct) that|admittedly|granted,))\b|" + MYTH, re.I)


# words inside a sentence that point at what another sentence said ('Because those two periods match', 'her blood is
# spun', 'discovered something different', 'To understand why, ...', 'Pain felt here', 'instead', 'The second part
# is ...'): on screen alone, what they point at is missing
_POINTS_BACK = re.compile(
    r"\b(?:these|those)\s+(?!who\b|of\b|which\b|that\b|days\b|are\b|were\b)[a-z]+|"
    r"(?<=\S\s)this\s+(?!is\b|was\b|means\b|will\b|can\b|video\b|episode\b|lesson\b)[a-z]+|"
    r"\b(?:because|since|when|if|as|and|but|while|until|so|where|once)\s+(?:this|that)\s+(?!is\b|was\b|means\b)"
    r"[a-z]+(?:s|ed|ing|ion|ity|ure|ance|ence|ment)\b|"
    r"\b(?:discovered|found|noticed|saw|see|learned|realised|realized|revealed|showed|spotted)\s+something"
    r"(?:\s+(?:different|else|new|odd|strange|surprising|unexpected|remarkable|curious|interesting))?\s*[.!]?$|"
    r"\b(?:understand|see|explain|know|ask|wonder|find out)\s+why\s*(?:[,.;:!]|$)|"
    r"\b(?:felt|shown|seen|found|starts?|begins?|ends?)\s+here\s*[.!]?$|"
    r"\binstead\b(?!\s+of\b)|\bof the (?:problem|puzzle|mystery|story|answer)\b|"
    # ('to fix the problem', 'exactly that heat', 'at almost the same time', 'Before then'): what they point at is in
    # the sentence before
    r"\b(?:fix|fixed|fixes)\s+(?:the|this|that)\s+(?:problem|issue)\b|"
    r"\bexactly\s+(?:this|that|these|those)\s+[a-z]+|\bat (?:almost|nearly|about|roughly) the same time\b|"
    r"^(?:before|after|by|until) then\b|^on (?:the )?one hand\b|"
    # ('Keep that in mind', 'The dip in between,'): what the sentence before said, or the place it named
    r"\bkeep (?:that|this) in mind\b|\bin between\s*[,.;]", re.I)
# a second, third or last of something, said first: the ones before it are not on screen ('The second part is ...')
_ORDINAL = re.compile(r"(?:the\s+)?(?:second|third|fourth|fifth|final|last|other|next)\s+(?:part|reason|problem|one|"
                      r"thing|factor|clue|half|piece|ingredient|trick|point|mistake|myth|idea|key|breakthrough|step|"
                      r"stage|change|lesson|test|experiment|discovery|invention|advantage|benefit|effect|rule)\b",
                      re.I)
# a person pointed at by 'she' or 'his' when no one is named before it in the sentence ('In the lab, her blood is
# spun'): a name (a capital after the first word) or a word for a person comes first when the sentence says who
_PERSON = re.compile(r"\b(?:she|her|hers|he|him|his)\b", re.I)
_SOMEONE = re.compile(r"\b(?:" + "|".join(sorted(PERSON_WORDS)) + r")s?\b")


_OPENER_WORDS = """a an the in on at by for with from as it this that these those then when while after before if so
but and or yet now today later soon within during over under one some every each all most many no not there here what
who how why where once just even still also suddenly meanwhile finally first next"""
_OPENERS = frozenset(_OPENER_WORDS.split())


def _person_unnamed(s: str) -> bool:
    m = _PERSON.search(s)
    if not m:
        return False
    before = s[:m.start()]
    # (a name: a capital word that is not a sentence's opening word, 'In the lab, her ...', 'Then her ...')
    named = any(w.lower() not in _OPENERS for w in re.findall(r"\b[A-Z][a-z]+", before))
    return not (named or _SOMEONE.search(before))


def _inside(s: str) -> bool:
    """A word inside the sentence that leans on the one before it; not 'the same problem' after 'a problem' in the
    same sentence ('solving a problem by breaking it into a smaller copy of the same problem')."""
    for m in _LEANS_INSIDE.finditer(s):
        same = re.match(r"(?:the same|that) (\w+)", m.group(), re.I)   # ('a precise shape, and that shape ...')
        if same and re.search(rf"\b{same[1]}\b", s[:m.start()], re.I):
            continue
        # (a sentence that names it, 'Pharmacologists call that balance the steady state', says its point: the name)
        if not (m.group().lower().startswith("that ") and re.search(r"\b(?:call|calls|called|named|known as)\b", s)):
            return True
    return False


# an opening 'it' that stands for nothing: 'It is true that ...', 'It is easy to ...', 'It was Fleming who ...'
_OPENING_IT = re.compile(r"^it(?:'s|’s|\s+is|\s+was)\s+(?:not\s+|also\s+)?(?:(?:true|false|clear|likely|unlikely|"
                         r"possible|impossible|easy|hard|difficult|important|surprising|obvious|thought|believed|"
                         r"estimated|said|known)\s+(?:that|to)\b|(?-i:[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+who\b)|"
                         r"^it\s+(?:takes|took)\s+(?=\S+\s+\S)", re.I)


def leans(sentence: str, strongly: bool = False) -> bool:
    """Whether the sentence leans on the one before it; `strongly`: from its first words ('It is also ...'), not only
    by a word inside it ('... for this reason')."""
    # ('Then Sam buys insurance': a sequence word joins it to the sentence before; its own subject says who)
    s = re.sub(r"^(?:and|but|so|yet|now|well|still|then)\b,?\s*(?=\S+\s+\S)", "", sentence.strip(), flags=re.I)
    first = " ".join(s.split()[:3])
    # (an ordinal that heads only a name, 'The second part is biomagnification', points at the first; one that goes
    # on to say what it is, 'The second reason is a mantle hotspot, a plume of hot rock ...', says its point)
    # (an 'it' that points at nothing, the time's or the weather's: 'When it's lunchtime in London', 'If it rains')
    s_ = _OPENING_IT.sub("", DUMMY_IT_RE.sub("", s))
    first = first if s_ == s else " ".join(s_.split()[:3])
    ordinal = _ORDINAL.match(s)
    named_only = ordinal is not None and len(s[ordinal.end():].split()) <= 4
    return bool(_LEANS_START.match(s_.strip() or s) or named_only or _person_unnamed(s)
                or (not strongly and (_inside(s) or _POINTS_BACK.search(s) or unresolved(s)))
                or re.search(r"\b(?:it|its|they|them|their|he|him|his|she|her)\b", first, re.I))


def informative_sentence(sentences: list[str], limit: int = 24) -> int | None:
    """The index of the scene's most informative complete sentence (the most words that carry meaning, among those
    of at most `limit` words; a greeting, a question or a sentence of a few words says least). One that leans on
    the sentence before it counts for less: on screen alone, what it points at is not."""
    ranked = informative_order(sentences, limit)
    return ranked[0] if ranked else None


def informative_order(sentences: list[str], limit: int = 24) -> list[int]:
    """The indexes of the sentences that say something, most informative first (as `informative_sentence`; the
    first of two equally informative sentences first)."""
    scored = []
    for k, s in enumerate(sentences):
        text = s.strip()
        words = re.findall(r"[\w'’]+", text)
        if not words or text.endswith("?") or len(words) > limit:
            continue
        count = sum(1 for w in words if len(w) > 3 and w.lower() not in DANGLING)
        # (one that only announces, 'Here are five facts', says nothing; 'a name for X: Y' says Y)
        announces = ":" not in text and FORWARD.search(unmarked(text).rstrip(" .!"))
        meaning = 0.0 if REPORTED.search(text) or announces else float(count)
        if meaning < 2 and leans(text):
            continue   # ('It worked.'): one word of its own, the rest pointing back, says nothing shown alone
        if meaning > 0:
            scored.append((2 if leans(text, strongly=True) else 1 if leans(text) else 0, meaning, k))
    # one that leans comes after every one that stands alone and says something (shown alone, what it points at
    # is missing); beside only a few words ('The effect has limits') it still says more, at half its weight; and
    # one that leans from its first word ('It is one of the oldest ...') after one that leans by a word inside
    ranked = sorted((max((t for t, m, _ in scored if t < bent and m >= 4), default=-1) + 1, -(
        meaning * 0.5 if bent else meaning), k) for bent, meaning, k in scored)
    return [k for _, _, k in ranked]


# the words an answer opens on ('Not at all -', 'No, ...', 'Nope.', 'Absolutely.')
_ANSWER = re.compile(r"\s*(?:no|yes|nope|not|never|absolutely|hardly|rarely|exactly|partly|sometimes|surprisingly|"
                     r"sort of|in a word)\b", re.I)


def answers(sentences: list[str], k: int) -> bool:
    """Whether sentence k answers the question right before it: it opens on an answer ('Not a single one, and a
    good SLP will be honest about that'), or is short ('Early railways mostly did not know')."""
    # (not a proposal, 'What if glass were floated on tin?', nor a question someone asked, "in his words, 'What is
    # the shortest way ...?'": what follows is how it came about, not an answer)
    asked = sentences[k - 1] if 0 < k < len(sentences) else ""
    quoted = r"(?i:\bwhat if\b.*\bwere\b)|(?<!\w)['‘\"“]\s*[A-Z][^'’\"”]*\?"
    return asked.rstrip().endswith("?") and not re.search(quoted, asked) and (
        bool(_ANSWER.match(unmarked(sentences[k]))) or len(sentences[k].split()) <= 8 or leans(sentences[k], True))
