"""Complete words on screen: a headline, label or bullet is a complete short sentence or a phrase that ends where
its meaning does, never a cut piece of a sentence. Shortening chooses a phrase at a boundary (a clause, or the point
where a preposition, conjunction or relative word starts a new constituent) instead of cutting at a width; a phrase
never ends on a function word ("of", "the", "just", "put", "it's", "that"), and a negation in the sentence is kept
or the phrase is not used. Hand rules, no tagger: see docs/decisions.md for why."""

from __future__ import annotations

import re

from vidgen.author.named import AGENT
from vidgen.author.teasers import FORWARD, TEASER

# words a phrase never ends on: articles, prepositions, auxiliaries, pronouns that need what follows
_DANGLING = """a an the of to in on at by for with from as into onto about over under than and or but nor so
if that which who whom whose what when where while because though although is are was were be been being am
do does did have has had can could will would should may might must shall just put it's its their our your my his
her this these those there it they we you he she i not no very also even only such both either neither each every
some any more most less few many much let let's get got make made take gets takes like then than whether
per via toward towards upon without within between among across through during after before until unless since
one's whose next says say said means mean called named including become becomes known
try tries tried want wants tend tends seem seems able unable going""" + " toward such"
DANGLING = frozenset(_DANGLING.split())
# words where a new constituent starts: a phrase may end just before one of them
_BOUNDARY = """in on at by for with from into onto about over under than and or but so because which that who
whom whose where when while although though if unless until after before since as to through during without within
between among across per via"""
BOUNDARY = frozenset(_BOUNDARY.split())
_CLAUSES = "which who whom whose where while although though because unless whereas"
_CLAUSE = frozenset(_CLAUSES.split())
# a clause only begun: its opener, then a phrase put before its subject ('It says that in any right triangle',
# the clause goes on after the comma); a piece of it says nothing alone
BEGUN = re.compile(r"\b(?:that|if|when|because|whether|so|where|while)\s+(?:in|on|at|for|with|by|from|after|"
                    r"before|during|of|once|as)\b", re.I)
# a condition or a concession: the sentence's main clause holds only under it ('If the car is behind door 1,
# switching loses'), so the main clause shown alone states something the sentence does not, often its opposite
CONDITION = re.compile(r"\b(?:if|unless|although|though|whereas|provided(?: that)?|as long as|only when|"
                       r"except when|except if)\b", re.I)
# a clause that answers what came before it ('..., yet most people switch'): alone it drops what it contrasts
CONTRAST = re.compile(r"^(?:but|yet|however|still|instead|otherwise|though)\b", re.I)
NEGATION = re.compile(r"\b(?:not|never|no|none|nothing|cannot|without)\b|n't\b", re.I)
_WORD = re.compile(r"[\w'’]+")
_DEGREE = frozenset({"far", "much", "even", "no", "any", "once", "lot", "little", "bit", "still", "many"})
_HAS = frozenset({"is", "are", "was", "were", "be", "been"})   # ("where there is less"; not "it needs more")


_LEADER = re.compile(r"^(?:according|depending|sooner|later|around|about|more than|less than|over|after|before|"
                     r"during|since|by|in|on|at|for|with|without|working|having|being|once|when|while|if|suppose|"
                     r"imagine|for example|for instance|in fact|of course|like)\b", re.I)


def leads(part: str) -> bool:
    """A phrase that only leads a clause ('According to the story', 'Around 1440', 'Depending on the type')."""
    words = part.split()
    return bool(_LEADER.match(part)) or bool(words) and words[0].lower().endswith("ing")


def last_word(text: str) -> str:
    found = _WORD.findall(text)
    return found[-1].lower().replace("’", "'") if found else ""


_OBJECTS = frozenset({"it", "you", "her", "him", "them", "me", "us"})
_TAKES_OBJECT = frozenset({"to", "for", "with", "at", "from", "about", "on", "in", "by", "of", "into", "onto", "over",
                           "under", "through", "against", "without", "like", "around", "behind", "beside", "toward",
                           "towards", "reach", "reaches", "reached", "give", "gives", "gave", "tell", "tells", "told",
                           "help", "helps", "helped", "let", "lets", "see", "sees", "saw", "make", "makes", "made",
                           "keep", "keeps", "kept", "use", "uses", "used", "love", "loves", "need", "needs", "want",
                           "wants", "find", "finds", "found", "protect", "protects", "follow", "follows", "show",
                           "shows", "fight", "fights", "hear", "hears", "meet", "meets", "call", "calls", "take",
                           "takes", "took", "get", "gets", "got", "bring", "brings", "brought", "send", "sends",
                           "sent"})


def ends_on_object(words: list[str]) -> bool:
    """The last word is a pronoun a verb or a preposition acts on ('reaches you', 'sensitive to it', 'worth 90
    dollars to her'), which ends its phrase; the same pronoun after 'and' or a comma starts a clause, cut."""
    if len(words) < 2 or words[-1].lower() not in _OBJECTS:
        return False
    before = words[-2].lower()
    # (or any verb after 'to' or a modal: 'tends to silence it', 'you can spot them')
    return before in _TAKES_OBJECT or (before.endswith("ed") and len(before) > 4) or \
        len(words) >= 3 and words[-3].lower() in _VERB_AFTER and before not in DANGLING and before.isalpha()


_VERB_AFTER = frozenset({"to", "can", "could", "will", "would", "must", "should", "may", "might", "cannot", "never"})


def whole_ending(words: list[str]) -> bool:
    """The last words end a phrase though the last is a word phrases run on from: a pronoun a verb acts on ('reaches
    you', `ends_on_object`) or a while ('once in a while', 'for a while')."""
    return ends_on_object(words) or len(words) >= 2 and words[-1].lower() == "while" and \
        words[-2].lower() in ("a", "the")


def is_cut(text: str) -> bool:
    """True for a piece of a sentence: it ends on a dangling word, an ellipsis, an open bracket or a dash."""
    s = text.strip()
    if not s:
        return False
    if re.search(r"(?:…|\.\.\.)$|[(\[{,;:–—\-+−×*/=^]$", s):
        return True
    if re.search(r"[$=]|\d", s[-3:]) or re.search(r"=.*[+\-−×÷*/^]\s*[A-Za-z]$", s):
        return False   # math and numbers end where they end ('ka = k + a' ends on a symbol, not on the article)
    words = _WORD.findall(s)
    if len(words) <= 1:
        # one word is a name or a term ('do', 'so' in a scale), not a piece of a sentence; marks alone ('[ ]', the
        # brackets of a phonetic spelling) are no words at all
        return False
    if words[-1][:1].isupper():
        return False  # a name ends where it ends: 'Version A', 'Before vs After'
    if last_word(s) in ("more", "less") and words[-2].lower() in _DEGREE | _HAS | {"or"}:   # (or: "one or more")
        return False  # a comparison said whole: 'you'd need far more', 'even less'
    if whole_ending(words):
        return False  # '... before it reaches you', 'once in a while
    return last_word(s) in DANGLING


def _balanced(words: list[str]) -> bool:
    text = " ".join(words)
    return text.count("(") == text.count(")") and text.count("'") % 2 == 0 or "'" in "".join(
        w for w in words if re.search(r"\w'\w", w))


def shorten(sentence: str, limit: int = 7) -> str:
    """A phrase of at most `limit` words that ends where its meaning does, or '' when none does.

    'Random assignment makes the two groups alike in every way except ...' -> 'Random assignment makes the
    two groups alike'. A phrase that would drop the sentence's negation is refused."""
    words = sentence.strip().strip(".!?").split()
    if len(words) <= limit and not is_cut(" ".join(words)):
        return " ".join(words)
    negated = bool(NEGATION.search(sentence))
    best = ""
    for end in range(min(limit, len(words)), 1, -1):
        head, nxt = words[:end], words[end].lower().strip(",;:") if end < len(words) else ""
        phrase = " ".join(head).rstrip(",;:–—-")
        # a phrase ends at punctuation or where a relative or subordinate clause starts; never before a
        # preposition, 'and' or 'to' ('divides the octave' | into 12 semitones): that cuts the verb's complement
        at_boundary = (not nxt or nxt in _CLAUSE or head[-1].endswith((",", ";", ":")))
        if not at_boundary or is_cut(phrase) or not _balanced(head):
            continue
        lower = [w.lower().strip(",;:") for w in head]
        if head[-1].endswith(",") and (lower[0] in BOUNDARY or BEGUN.search(phrase) or leads(phrase)):
            continue   # a phrase that leads a clause ('In criminal cases,'), without the clause
        if head[-1].endswith(",") and len(lower[-1]) <= 2 and 0 < len(nxt) <= 2:
            continue   # inside a list ('C, D, E, F, G, A,' goes on 'B, C')
        if lower[0] in BOUNDARY and not any(w.endswith(",") for w in head) and \
                any(w.endswith(",") for w in words[end:]):
            continue   # inside the phrase that leads the sentence's clause ('To find the slope' from two points, ...)
        inner = [k for k, w in enumerate(head[:-1]) if w.endswith(",")]
        if inner and len(head) - inner[-1] - 1 < 3:
            continue   # a leading phrase and the clause's first words ('In practice, the line' that matters)
        if ("from" in lower and "to" not in lower and nxt in ("to", "through", "until")) or \
                ("between" in lower and "and" not in lower and nxt == "and"):
            continue   # half a range: 'rated from Category 1' goes on 'to Category 5'

        if negated and not NEGATION.search(phrase):
            continue
        if conditioned(words, end):
            continue   # a piece of a conditional clause may hold only under the condition it leaves out
        best = phrase
        break
    return best


def conditioned(words: list[str], end: int) -> bool:
    """The phrase words[:end] lies in a clause (up to its ';' or ':') that states a condition or concession."""
    stop = next((k for k in range(max(end - 1, 0), len(words)) if words[k].endswith((";", ":"))), len(words) - 1)
    return bool(CONDITION.search(" ".join(words[:stop + 1])))


def in_conditional_clause(part: str, sentence: str) -> bool:
    """`part` of `sentence` lies in or after a clause that states a condition or concession, up to the end of its
    own clause (at ';' or ':'): 'Use it as a test: if ...' is free, 'If negative, no roots: the curve never ...' not."""
    at = sentence.find(part)
    if at < 0:
        return bool(CONDITION.search(sentence))
    stop = re.search(r"[;:]", sentence[at + len(part):])
    return bool(CONDITION.search(sentence[:at + len(part) + (stop.start() if stop else len(sentence))]))


def fit_chars(text: str, chars: int) -> str:
    """`text` in at most `chars` characters, shortened by phrase (never cut mid-word or mid-phrase); '' if none."""
    if len(text) <= chars:
        return text
    words = text.split()
    for limit in range(len(words) - 1, 1, -1):
        phrase = shorten(text, limit)
        if phrase and len(phrase) <= chars:
            return phrase
    return ""


_SUBORDINATE = re.compile(r"^(?:when|if|because|as|while|although|though|since|unless|until|whether|where|which|"
                          r"who|that)\b", re.I)
_HEADLESS = re.compile(r"^(?:is|are|was|were|has|have|had|does|did|can|will)\b(?!.*\?$)", re.I)  # 'Is released as ...'
_PRONOUN_VERB = re.compile(r"^(?:it|they|he|she|we|you|this|that|there)\s+\w+$", re.I)


def is_fragment(text: str) -> bool:
    """A piece that says nothing alone: a bare subordinate clause ('When light hits them') or a pronoun and a verb
    ('It says'), besides anything `is_cut`."""
    s = text.strip().strip(".!?")
    if re.match(r"[=+×*/^·](?!:\s)", s):   # (not a symbol a table row names: "+: one or more")
        return True   # the middle of a formula ('= lim h→0')
    headless = bool(_HEADLESS.match(text.strip()))
    return is_cut(s) or bool(_PRONOUN_VERB.match(s)) or headless or (bool(_SUBORDINATE.match(s)) and "," not in s)


def on_screen_ok(text: str) -> bool:
    """True for a label, bullet or headline that may be shown: not a cut piece and not a fragment."""
    return bool(text.strip()) and not is_fragment(text)


# a discourse marker set off by a comma: it joins the sentence to the one before, and says nothing on screen
_MARKER = re.compile(r"^(?:so|now|well|okay|ok|and|but|also|remember|in fact|in short|of course|in other words|"
                     r"for example|for instance|first|second|third|finally|next|then|after that|meanwhile|instead|"
                     r"basically|essentially|actually|to recap|in summary|here|today|again|still|either way|"
                     r"in any case|anyway|even so|all the same|sure enough|"
                     # a place in the animator's picture ('On the right, bronze is poured ...'), not in the one drawn
                     r"on the (?:left|right)|on (?:the )?screen|in the (?:middle|centre|center|background))\s*,\s+|"
                     # ('Here's a key point: an action potential is all or nothing'): the point is after the colon
                     r"^(?:(?:here's|here is|this is|now|and|but|so)\s+)?(?:a|the|one|another|my)\s+(?:(?:last|final|"
                     r"first|second|third|key|important|crucial|big|real|main|other)\s+)*(?:point|idea|thing|fact|"
                     r"puzzle|catch|twist|step|question|problem|lesson|trick|secret|result|bottom line|good news|"
                     r"bad news)\s*:\s+|"
                     # ('The key idea is that different hydrocarbons boil ...'): the point is the clause after 'that'
                     r"^the (?:(?:key|main|big|real|simple|short|important|basic)\s+)?(?:idea|point|thing|trouble|"
                     r"problem|explanation|answer|reason|truth|secret|trick|lesson|catch|upshot)\s+is\s+that\s+(?=\S+\s+"
                     r"\S+\s+\S)", re.I)


# verbs after 'This': 'This explains why ...' points at the sentence before; 'This leeward side ...' names a thing
_DEMONSTRATED = frozenset("""is was are were has had have means meant explains explained shows showed makes made gives
gave happens happened works worked can will would could may might does did leads led helps helped matters changes
changed keeps kept lets let goes went comes came""".split())  # noqa: SIM905
_PLURAL_VERBS = frozenset("sound look seem feel need tell show mean matter work help make take give add".split())  # noqa: SIM905
_NOT_A_THING = frozenset("""also who whom whose which that only just alone too still all both same in of on at to for
with by from not never always often then again will would can could may might must should shall time times way year
week month day morning evening night summer winter spring autumn weekend round one""".split())  # noqa: SIM905


def unmarked(sentence: str) -> str:
    """The sentence without the words that join it to the one before: discourse markers ('Either way, ', 'So, '), an
    opening conjunction ('And closing an old card can hurt'), and a demonstrative naming a thing already in view
    ('This leeward side lies ...' is 'The leeward side lies ...' on screen, where the sentence before is not)."""
    s = sentence.strip()
    for _ in range(2):
        s = _MARKER.sub("", s)
    s = re.sub(r"^(?:and|but|so|yet|or)\s+(?=\S+\s+\S+\s+\S)", "", s, flags=re.I)
    # ('Then a local man showed them a path'; not 'Then comes deep sleep', where the verb needs it)
    # (only before the clause's subject: 'Then stir the pot' is a step, which leans on the one before)
    s = re.sub(r"^(?i:then)\s+(?=(?:(?i:an?|the|this|that|these|those|his|her|their|its|it|he|she|they|we|you)|"
               r"[A-Z][a-z]+)\s+\S+\s+\S)", "", s)
    m = re.match(r"(this|these|those)\s+([a-z][\w-]*)\s+\S", s, re.I)
    if m and (m[2].lower() in _NOT_A_THING or re.match(r"[a-z]{3,}ly\s+(?:[a-z]+(?:s|ed)|is|was|can|will|may)\b",
                                                         s[len(m[1]):].strip(), re.I)):
        m = None   # ('This also means', 'Those who waited', 'This usually takes'): a pronoun, not 'this' before a thing
    plural = m is not None and m[1].lower() != "this"   # ('Those sound like ...': its verb has no -s)
    if m and m[2].lower() not in _DEMONSTRATED | (_PLURAL_VERBS if plural else set()) and (
            plural or not m[2].lower().endswith("s")):
        s = "The" + s[len(m[1]):]
    # ('a team can score ...' is a sentence too; 'a + b = c' is not a word)
    return s[:1].upper() + s[1:] if s[:1].islower() and re.match(r"[a-z]+\b(?![′'’(²³])(?!\s*[=+\-−×/^])", s) else s


def whole_sentence(sentence: str, limit: int) -> str:
    """The sentence itself as a line, when it has at most `limit` words: a complete sentence says its point where a
    piece of it (its subject, a clause without its condition) may not. Only a marker set off by a comma goes ('So,
    ...'); 'Then comes deep sleep' keeps 'Then'. '' for a longer sentence, a question or a fragment."""
    s = unmarked(sentence)   # ('But fees are ...': the conjunction joins it to the sentence before, not on screen)
    s = s.rstrip(" .!…").strip()
    if not s or s.endswith(("?", ":")) or len(s.split()) > limit or len(s.split()) < 2:
        return ""
    # ('Because before molecules can react, ...' answers the sentence before it, which is not on screen)
    if is_fragment(s) or re.match(r"(?:because|which|whereas|since)\b", s, re.I) or \
            re.search(r"\b(?:below|above|here|following)\s*$", s, re.I):
        return ""   # ('as shown below'): it points at something not on screen
    # ('a² + b² = c²', 'pH of 7' stay as written)
    return s[:1].upper() + s[1:] if re.match(r"[a-z]{2,}(?:['’][a-z]+)?\b(?![′'’(²³])", s) else s


# the first half of a sentence a colon joins that names only the kind of thing the second half says ('you will notice
# something odd', 'a deal'): an indefinite near its end
_ANNOUNCES = re.compile(r"\b(?:(?:a|an|one|another|some|two|three|four|five|several|the same)\s+(?:[\w-]+\s+){0,2}"
                        r"(?:thing|rule|limit|problem|catch|twist|secret|trick|idea|question|answer|reason|option|"
                        r"deal|name|word|term|fact|point|lesson|pattern|step|part|kind|type|feature|ingredient|"
                        r"speed|number|way|joke|story|saying|riddle)s?(?:\s+(?:that|which|who|you|we)\b.*)?|"
                        r"something(?:\s+[\w-]+)?)$", re.I)


# an aside the sentence holds without needing it: a non-restrictive clause between commas ('In pure water, which is
# hypotonic, water rushes in'), a bracket of words after a word, a pair of dashes. A clause at the end often carries
# the point ('..., where little rain falls', '..., which is why it bursts') and stays; so does a formula's bracket.
# (what follows an aside and opens on 'often', 'mostly' ... belongs to it: 'immigrants, who did the work, often ...')
# (a consequence or a result is no aside: 'DOMS, which is why walking downhill ...', 'D is 3 plus 5, which is 8, ...')
_ASIDES = (re.compile(r",\s+(?:which(?!\s+(?:is\s+(?:why|how)|means|gives|makes|equals|explains)\b)"
                      r"(?!\s+(?:is|are|was|were)\s+(?:\w+\s+)?[\d$£€])|who|whom|whose|where)\b[^,;:()—–]*,\s+(?!(?:or|and|but|nor|so|often|usually|"
                      r"sometimes|always|mostly|especially|even|still|typically|frequently|rarely|never|mainly|like|"
                      # (nor a phrase naming the aside's last word: 'vitamin C, which the body needs to build
                      # collagen, the protein that holds skin together' would call vitamin C the protein)
                      r"largely)\b|(?:the|a|an)\s+(?:[\w-]+\s+){0,3}(?:that|which|who|whose)\b|"
                      # (nor a last phrase that goes on with it: 'turbofans, where most air flows around the core,
                      # through a bypass duct' is no 'turbofans through a bypass duct')
                      r"(?:through|via|along|across|around|past|[a-z]+(?:ed|en)\s+(?:into|in|by|from|with|for|of)\b)"
                      r"[^,;:]*[.!?]?\s*$)", re.I),
           re.compile(r"(?<=[A-Za-z]) \((?=[^()]*[A-Za-z]{2})[^()=+−×/^*<>]*\)"),
           re.compile(r"\s+[—–]\s+[^—–]*\s+[—–]\s+"),
           # (one a last phrase goes on with, with it: '... rod, which let merchants use the jin, divided into ...')
           re.compile(r",\s+which\b[^,;:()—–]*,\s+[a-z]+(?:ed|en)\s+(?:into|in|by|from|with|for|of)\b[^,;:.!?]*"
                      r"(?=[.!?]?\s*$)", re.I))
# who a named person is, 'William Buehler, a metallurgist at the US Naval Ordnance Laboratory, was looking for ...'
# (a name: two capital words, or one after a word of the sentence, not 'Next, the resolver asks ...')
# (only before the name's verb: 'Gertrude Ederle, a butcher's daughter from New York, already an Olympic champion'
# goes on with a second aside, and without the first would read 'Gertrude Ederle already an Olympic champion')
_APPOSED = re.compile(r"(?<=[a-zà-ÿ,] )([A-Z][a-zà-ÿ]+),\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:" + AGENT +
                      r")\b[^,;:()—–]*(?<!\bwho)(?<!\bwhich)(?<!\bthat),\s+(?=(?:is|was|were|are|had|has|have|did|does|"
                      r"could|would|will|can|may|might|must|should|[a-z]+ed|[a-z]+[^s\W]s)\b)")


def without_asides(sentence: str) -> str:
    """The sentence without its asides: still complete, still true, and shorter ('Water moves from a dilute solution,
    where there is a lot of free water, towards ...' -> 'Water moves from a dilute solution towards ...')."""
    def joined(m: re.Match[str]) -> str:
        # after a phrase that leads the clause ('In pure water, which is ..., water rushes'), its comma stays
        before = re.split(r"[,;:]", m.string[:m.start()])[-1].strip()
        return ", " if leads(before) else " "

    # (a name's own aside before another, 'Stedman, named after Fabian Stedman, whose book ...,', goes with it)
    s = re.sub(r",\s+(?:named|known|called|nicknamed)\s[^,;:]*(?=,\s+(?:who|whose|which|where)\b)", "", sentence)
    for k, aside in enumerate(_ASIDES):
        s = aside.sub(joined if k != 1 else "", s)
    s = _APPOSED.sub(r"\1 ", s)
    return re.sub(r"\s+([,.!?;:])", r"\1", re.sub(r"\s{2,}", " ", s)).strip()


# a verb that makes a clause finite: an auxiliary, or a word in -s/-ed after the clause's first word
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|can|will|must|do|does|did|may|might|should|would|"
                     r"could|make|take|give|keep|need|turn)\b|(?<=\s)[a-z]{3,}(?:[^s's]s|ed)\b", re.I)


# a half that turns against the one before it ('hers was thin', 'but ...', 'whereas ...', 'the other ...')
_TURNS = re.compile(r"(?:but|yet|however|whereas|while|instead|by contrast|in contrast|hers|his|theirs|ours|mine|"
                    r"the other|the opposite|not so)\b", re.I)


def whole_clause(sentence: str, limit: int) -> str:
    """The sentence whole when it is short enough, else its first clause that stands as a sentence of its own: the
    sentences a ';' or ':' joins are complete ('Think of an equation as a balanced scale: whatever you do ...').
    A clause under a condition, or one that answers what it follows ('yet ...'), does not stand alone."""
    whole = whole_sentence(sentence, limit) or whole_sentence(without_asides(sentence), limit)
    first, *second = re.split(r"[;:]\s+", unmarked(sentence), maxsplit=1)
    # (a list after it is drawn as one; a first half that only announces, 'Rosin has an unusual property: it grips
    # ...', says its point with the second)
    if not whole and second and re.search(r"\w[;:]\s+\S", sentence) and (second[0].count(",") <= 1 or
                                                                     _TURNS.match(second[0])) and \
            (not FORWARD.search(first.rstrip(" .")) or re.search(TEASER, first.rstrip(" ."), re.I)):
        # two halves a colon or semicolon joins are one thought ('... a built-in limit: it only works edge-on',
        # 'not held by one bolt; it is held by every pin'): the first alone stops before its point, so the sentence
        # is shown whole a little longer than a plain one
        whole = whole_sentence(sentence, limit + 6) or whole_sentence(without_asides(sentence), limit + 6)
    if whole:
        return whole
    parts = re.split(r";\s+|:\s+", sentence.strip())
    # (halves alike, 'where there was a hole, ...; where there wasn't, ...': each is half a rule, never one alone)
    heads = [re.match(r"\s*(\w+)", p) for p in parts[1:]]
    paired = {h[1].lower() for h in heads if h and sum(1 for g in heads if g and g[1].lower() == h[1].lower()) > 1}
    for k, part in enumerate(parts):
        if k and (m := re.match(r"\s*(\w+)", part)) and m[1].lower() in paired:
            continue
        if CONTRAST.match(part) or in_conditional_clause(part, sentence) or NEGATION.search(sentence) \
                and not NEGATION.search(part) or FORWARD.search(part.rstrip(" .")):
            continue
        if k < len(parts) - 1 and _TURNS.match(parts[k + 1]):
            continue   # ('... thick and clear, like syrup; hers was thin'): alone, it says what the next half denies
        if re.match(r":\s*[\"“‘']", sentence.strip()[sentence.strip().find(part) + len(part):]):
            continue   # ('... shouted the words that would make him famous: "..."'): it announces the quote after it
        if k < len(parts) - 1 and _ANNOUNCES.search(part.rstrip(" .")):
            continue   # ('The method has a built-in limit: ...'): it names what the next half says
        rest = sentence.strip()[sentence.strip().find(part) + len(part):]
        if re.match(r":\s+[^.;]*,[^.;]*\band\b", rest) and re.match(
                r"(?:a few|several|some|two|three|four|five|many|these|the following|there are)\b", unmarked(part),
                re.I):
            # ('A few habits make conflicts rarer: merge often, ..., and talk'): it announces its list, and the list
            # is no clause of its own ('Books, songs, photos and even code')
            return ""
        if part is not sentence and re.match(r"(?:it|they|this|that|these|those|he|she|others|the others|the other|"
                                             r"the rest|hers|his|theirs|ours|mine)\b", part, re.I) and \
                not sentence.strip().startswith(part):
            continue   # ('... the home changed: it was no longer a place of work'): 'it' is in the clause before
        line = whole_sentence(part, limit)
        if line and len(line.split()) >= 4 and _FINITE.search(line):  # a list after a colon is not a clause
            # (what a sign read or a person said, after its colon, is their words: 'An inscription read: go tell
            # the Spartans ...' is shown as a quotation, never as an order to the viewer)
            said = k and re.search(r"\b(?:read|reads|said|says|wrote|writes|declared|asked|replied|shouted|"
                                   r"whispered|announced)$", parts[k - 1].rstrip(), re.I)
            return f"“{line[:1].upper()}{line[1:]}”" if said and not re.match(r"[\"“‘']", line) else line
    return ""
