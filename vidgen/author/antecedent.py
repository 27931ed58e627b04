"""Whether a pronoun inside a sentence finds what it stands for in that sentence.

'One colleague heated it with his pipe lighter', 'Studios could not buy them', 'You can't drain the lake and
count them': shown alone on screen, the 'it' and the 'them' stand for a thing only the sentence before names
(issue 20: the strict reviewers count such a line as cut). The check is a reader's, not a parser's: a pronoun
needs a noun before it in its sentence that agrees with it in number, and an object pronoun cannot stand for
the subject of its own clause ('Studios could not buy them' is not about studios buying studios). It errs
towards 'found': a sentence it wrongly calls unresolved is only shown beside the sentence before it.
"""

from __future__ import annotations

import re


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_DETERMINERS = _set("""a an the this that these those your my our his her its their each every one some many
no any another both two three four five six seven eight nine ten several most all such""")
_PLURAL_DET = _set("these those both two three four five six seven eight nine ten several many")
# words that begin a clause but name nothing
_NOT_NOUNS = _set("""a an the and or but so yet if when while as because since though although once until
unless after before then than that which who whom whose what where why how it its it's they them their he him his
she her you we i us me our your my this these those there here not no never also just only even still very more
most less much many some any all each every both either neither one to of in on at by for with from into onto
about over under between through during without within is are was were be been being has have had do does did
can could will would may might must should shall""")
# words ending in 's' that are no plural noun
_NOT_PLURAL = _set("""is was has does this its his hers yours ours theirs us as thus plus yes always perhaps
sometimes across less unless afterwards towards besides whereas series species news physics mathematics
economics politics lens gas bus""")
_COLLECTIVE = _set("""people children men women police mice teeth feet geese data media cattle staff crew
public team family government army navy audience committee""")
# words for a person: 'they' may stand for one ('When a pitcher throws a curveball, they snap their wrist')
PERSON_WORDS = _set("""woman man girl boy mother father king queen patient doctor donor child baby person player friend
teacher student scientist artist painter writer chef cook farmer driver sister brother wife husband daughter son
emperor president judge athlete runner skater worker customer owner nurse inventor engineer composer musician singer
pilot captain soldier monk pope duke prince princess announcer commentator reporter referee umpire coach guide host
narrator critic editor spectator visitor witness stranger neighbour rival opponent colleague assistant servant guard""")
_PERSON = PERSON_WORDS | {w + "s" for w in PERSON_WORDS}
_SOMEBODY = _set("someone anyone everyone somebody anybody everybody nobody")
_SOMETHING = _set("something anything everything nothing")
_PREPOSITIONS = _set("""of to in on at by for with from into onto about over under between through during
without within like than as against around behind beside near off out up down upon across along among""")
# an 'it' of the time or the weather ('When it's lunchtime in London', 'If it rains')
DUMMY_IT = (r"\bit(?:'s|’s| is| was| gets| got)?\s+(?:(?:still|already|getting|nearly|almost)\s+)?"
            r"(?:lunchtime|midnight|midday|noon|morning|evening|night|night-time|dark|light|raining|rains|"
            r"snowing|snows|sunny|cloudy|windy|cold|hot|freezing|summer|winter|spring|autumn|late|early|"
            r"\d{1,2}(?::\d{2})?\s*(?:a\.?m|p\.?m|o'clock)\b)")
DUMMY_IT_RE = re.compile(DUMMY_IT, re.I)
# an 'it' that stands for nothing ('it is easy to ...', 'it takes ten minutes', 'it turns out', 'it was Fleming
# who ...', 'Psychologists call it the X effect'), or the time's and the weather's
_EMPTY_IT = re.compile(
    r"\bit(?:'s|’s|\s+is|\s+was|\s+will be|\s+would be|\s+can be|\s+may be|\s+has been)\s+(?:not\s+|also\s+|"
    r"often\s+|usually\s+|always\s+|now\s+|still\s+|so\s+|very\s+|quite\s+|too\s+)?(?:[\w-]+\s+)?(?:to|that|"
    r"whether|how|why|when|who)\b|"
    r"\bit\s+(?:takes|took|costs|cost|seems|seemed|appears|appeared|turns out|turned out|follows|followed|"
    r"happens|happened|matters|mattered|helps|helped|pays|paid)\b|"
    r"\b(?:make|makes|made|take|takes|took|find|finds|found)\s+it\s+(?:\w+\s+)?(?:to|that|easier|harder|"
    r"possible|impossible)\b|\bit(?:'s|’s|\s+is|\s+was)\s+(?:time|no (?:wonder|surprise|accident))\b|"
    r"\b(?:as|if) it (?:were|happens|turns out)\b|\bmake it\b|"
    r"\bit (?:feels|felt|looks|looked|sounds|sounded|seems|seemed) (?:as if|as though|like)\b|"
    # (the one a name is given to: 'Psychologists call it the bystander effect')
    r"\b(?:call|calls|called|name|names|named|dub|dubbed|term|termed)\s+(?:it|them)\b|" + DUMMY_IT, re.I)
_CLAUSE = re.compile(r"[,;:()—–]|\s(?:and|but|or|so|because|when|while|until|although|though|if|since|once|after|"
                     r"before|where|whereas)\s", re.I)
_PRONOUN = re.compile(r"\b(?:it|its|they|them|their|theirs)\b", re.I)


def _nouns(text: str) -> list[tuple[int, bool | None]]:
    """The nouns a pronoun could stand for in `text`, each as (word index, plural: True, False, or None when
    either reading fits): a word after a determiner, a name, a plural, or the subject that opens a sentence."""
    words = re.findall(r"[\w'’-]+", text)
    found: list[tuple[int, bool | None]] = []
    for k, word in enumerate(words):
        low = word.lower()
        if low in _NOT_NOUNS or low in _PREPOSITIONS or word.isdigit():
            continue
        prev = words[k - 1].lower() if k else ""
        plural: bool | None
        if low in _COLLECTIVE:
            plural = True
        elif low in _SOMEBODY:
            plural = None
        elif low in _SOMETHING:
            plural = False
        elif prev in ("a", "an", "any", "every", "each", "one") and (low in _PERSON or
                                                                     re.search(r"..(?:er|or|ist|ant|ent)$", low)):
            plural = None   # (one person, whom 'they' may stand for)
        elif len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")) and low not in _NOT_PLURAL:
            plural = prev not in ("a", "an", "one", "each", "every", "this")
        elif prev in _DETERMINERS or prev.isdigit() or (word[0].isupper() and k > 0) or k == 0:
            # ('the water', 'the evidence': a mass noun reads as an 'it'; 'the Athenians' is plural by its 's';
            # '60 trout' by its number)
            plural = True if prev in _PLURAL_DET or prev.isdigit() and prev != "1" else \
                None if prev in ("the", "some", "any", "no", "all") else False
        else:
            continue
        found.append((k, plural))
    return found


VERBISH = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|do|does|did|can|could|will|would|may|might|"
                      r"must|should)\b|\b\w+ed\b", re.I)


def _apposed(text: str) -> set[int]:
    """The word indexes of `text` when it is a subject set apart by commas ('One colleague, David Muzzey,'):
    short parts that say no verb; else none."""
    parts = [p.split() for p in re.split(r",", text) if p.strip()]
    # (each a name or a noun with its determiner: not 'To add an item,' nor 'Once you understand emulsions,')
    if not parts or any(len(p) > 4 or VERBISH.search(" ".join(p)) or re.search(r"[;:]", " ".join(p)) or not (
            p[0].lower() in _DETERMINERS or p[0][0].isupper() and p[0].lower() not in _NOT_NOUNS | _PREPOSITIONS)
                        for p in parts):
        return set()
    return set(range(len(re.findall(r"[\w'’-]+", text))))


def _clause_start(before: str) -> int:
    """Where the clause holding the end of `before` begins, as a character offset."""
    starts = [m.end() for m in _CLAUSE.finditer(before)]
    return starts[-1] if starts else 0


def unresolved(sentence: str) -> bool:
    """Whether a pronoun in the sentence ('it', 'its', 'they', 'them', 'their') stands for nothing the sentence
    names before it; an 'it' that stands for nothing at all ('it takes ten minutes') is no such pronoun."""
    text = _EMPTY_IT.sub(lambda m: "_" * len(m.group()), sentence)
    for m in _PRONOUN.finditer(text):
        before = text[:m.start()]
        low = m.group().lower()
        want_plural = low.startswith("th")
        nouns = _nouns(before)
        # a subject after a phrase set in front ('For a musician whose career depended on hearing, it was ...', 'In
        # the IPA it is theta'): what that phrase names is where or for whom, not what the pronoun stands for
        # (or 'Given the chance to ..., they built'; 'In the cold, pitch-dark water, they found': a comma between
        # the words that describe a thing is no new phrase)
        if low in ("it", "they") and re.match(r"\s*(?:for|in|at|on|with|like|to|from|during|by(?! the time)|given|"
                                              r"without|despite|across|inside|beneath|under|among|within|through)\s",
                                              before, re.I) and \
                (before.count(",") <= 1 or before.count(",") == 2 and not VERBISH.search(before)
                 and not re.search(r",\s*(?:like|such as|including|e\.g\.)\s", before, re.I)) and \
                (before.rstrip().endswith(",") or "," not in before and len(before.split()) <= 7):
            nouns = []
        # an object pronoun ('crack them', 'heated it') stands for no subject of its own clause: leave out the first
        # noun of its clause (or, after 'and', the sentence's first: 'Antibodies stick to the germ and mark it')
        words_before = re.findall(r"[\w'’-]+", before)
        prev = words_before[-1].lower() if words_before else ""
        after = text[m.end():]
        # (not the object of a verb-ing, whose doer is anyone: 'freezing it or putting it under pressure'; nor the
        # subject of what is thought: 'thought it was a small fire')
        if prev and prev not in _NOT_NOUNS and prev not in _PREPOSITIONS and low in ("it", "them") \
                and not re.search(r"[,;:]\s*$", before) and not prev.endswith("ing") \
                and not re.match(r"\s+(?:is|was|were|are|had|has|will|would|could|can|might|may)\b", after):
            start = _clause_start(before)
            first_in_clause = len(re.findall(r"[\w'’-]+", before[:start]))
            own = [n for n in nouns if n[0] >= first_in_clause]
            if own:
                nouns = [n for n in nouns if n != own[0]]
            elif nouns and re.search(r"\s(?:and|but|or)\s*$", before[:start]):
                nouns = nouns[1:]
            else:
                # (its subject set apart by commas, 'One colleague, David Muzzey, heated it': the parts before it
                # that say no verb are that subject)
                verbless = _apposed(before[:start])
                nouns = [n for n in nouns if n[0] not in verbless]
        if low in ("it", "its") and not re.match(r"\s+(?:is|was|were|are|had|has|will|would|could|can|might|may)\b",
                                                 text[m.end():]):
            # (a person, 'King George VI famously struggled with it', is not what an 'it' stands for)
            words = re.findall(r"[\w'’-]+", before)
            person = {k for k, w in enumerate(words) if w.lower() in _PERSON}
            for k, w in enumerate(words):
                if k - 1 in person and w[:1].isupper():
                    person.add(k)
            nouns = [n for n in nouns if n[0] not in person]
        if not any(p is None or p == want_plural for _, p in nouns):
            return True
    # 'one' standing for a thing named before ('No maker could supply one that was light enough')
    return bool(re.search(r"\b(?:supply|find|buy|build|make|get|need|use|choose|pick|want|design|have)\s+one\s+"
                          r"(?:that|which|who|with|light|small|big|cheap|strong)\b", sentence, re.I))
