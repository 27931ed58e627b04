"""'He noticed ...' on screen names nobody: the person it stands for is named by the voice earlier, or by the
video's title ('Pavlov's Dogs', 'Roger Bannister and the Four-Minute Mile'). A sentence that opens on 'He' or 'She'
('His', 'Her') is shown with the person's name in its place when the scene (or else the title) names exactly one
person, so a line on screen says who (issue 20: the strict reviewers counted such lines as cut). The voice still
says the sentence as written; only what is read on screen names the person."""

from __future__ import annotations

import re

from vidgen.author.antecedent import PERSON_WORDS

# a name (one to three capitalised words, 'Francis Galton', 'McLean') that does something ('measured', 'found',
# 'was'), or that a role word introduces ('the scientist Francis Galton', 'psychologist Walter Mischel')
_NAME = r"((?:(?:Mc|Mac|O')?[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?\s+){0,2}(?:Mc|Mac|O')?[A-Z][a-zà-ÿ]+)"
_DOES = re.compile(_NAME + r"\s+(?:[a-z]+ed|was|had|wrote|said|saw|found|built|made|took|thought|knew|began|won|"
                   r"ran|drew|set|sent|kept|gave|got|became|came|went|left|told|met|led|held|spent|bought|sold|"
                   r"noticed|realised|realized|published|showed|invented|discovered|designed|described)\b")
ROLES = "|".join(sorted(PERSON_WORDS)) + (r"|psychologist|physicist|chemist|biologist|mathematician|philosopher|"
                                            r"economist|historian|journalist|architect|designer|explorer|surgeon|"
                                            r"physician|astronomer|botanist|geologist|statistician|researcher|"
                                            r"merchant|businessman|officer|drifter|teenager|metallurgist|sailor|"
                                            r"poet|novelist|priest|lawyer|clerk|miner|carpenter|gardener|grandad|"
                                            r"grandma|grandfather|grandmother|hunter|collector|trader|builder|"
                                            r"nun|knight|general|admiral")
# (or any word for one who does a thing: 'a fossil hunter', 'a wine merchant', 'a young cellist')
AGENT = ROLES + r"|[a-z]{3,}(?:er|or|ist|ian)"
# ('the scientist Francis Galton', 'a drifter named Clarence Earl Gideon')
_ROLE = re.compile(r"\b(?:" + ROLES + r")\s+(?:(?:named|called)\s+)?" + _NAME)
# ('William Buehler, a metallurgist at ...')
_APPOSED = re.compile(_NAME + r",\s+(?:a|an|the)\s+(?:[a-z-]+\s+){0,2}(?:" + ROLES + r")\b")
# ('The announcer, Norris McWhirter, teased ...'): a name set between commas after a role says who that one is
_INTRODUCED = re.compile(r"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z-]+\s+){0,2}[a-z]+,\s+" + _NAME + r",")
# ('Then there's Ronnie O'Sullivan', 'Meet Ada Lovelace', 'Enter Alastair Pilkington'): a person brought on stage
_ENTERS = re.compile(r"(?:\bthere(?:'s|’s| is| was)|\b[Mm]eet|\b[Ee]nter)\s+" + _NAME + r"\s*[.,;:!]")
# the person a title is about: 'Pavlov's Dogs', 'Loftus and the Car Crash', 'Roger Bannister and the ...'
# (not a title's topic before its colon: 'The Domesday Book: ...', 'Nitinol: The Metal That Remembers')
_TITLED = re.compile(r"^" + _NAME + r"(?:'s\b|’s\b|\s+and\s+the\b)")
_WORDS = """The A An In On At By For With From As It This That These Those Then When While After Before
If So But And Or Yet Now Today Later Soon Within During Over Under One Some Every Each All Most Many No Not There Here
What Who How Why Where Once Just Even Still Also Suddenly Meanwhile Finally First Next Step Number Myth Fact Scene
January February March April May June July August September October November December Monday Tuesday Wednesday
Thursday Friday Saturday Sunday God"""
_NOT_NAMES = frozenset(_WORDS.split())
_OPENS = re.compile(r"(he|she|his|her)\b(?!\s*[-–—])", re.I)
_PLACE = re.compile(r"\b(?:in|at|from|to|near|of|across|into)\s+$", re.I)
# someone the scene brings in unnamed ('a young doctor')
_UNNAMED = re.compile(r"\b(?:a|an|one|the)\s+(?:[a-z]+\s+)?(?:" + "|".join(sorted(PERSON_WORDS)) + r")\b", re.I)


def _people(text: str) -> set[str]:
    """The surnames of the people `text` names doing something or by their role."""
    found: set[str] = set()
    for pattern in (_DOES, _ROLE, _APPOSED, _INTRODUCED, _ENTERS):
        for m in pattern.finditer(text):
            words = [w for w in m[1].split() if w not in _NOT_NAMES]
            # (a place a thing happens in, 'in Dayton worked', is no one; nor one capital word that opens a
            # sentence, 'Police arrested', unless the text names it mid-sentence too)
            opens = re.search(r"(?:^|[.!?:;]\s+)$", text[:m.start(1)]) is not None
            if not words or _PLACE.search(text[:m.start(1)]) or pattern is _DOES and opens and len(words) == 1 and \
                    not re.search(rf"(?<![.!?:;])\s{re.escape(words[0])}\b", text):
                continue
            found.add(words[-1])
    return found


def person(sentences: list[str], k: int, title: str) -> str | None:
    """The one person sentence k's opening 'He'/'She' stands for: named earlier in the scene, else by the title."""
    earlier = " ".join(sentences[:k])
    named = _people(earlier)
    if len(named) == 1:
        return next(iter(named))
    if named:
        return None   # (two people named: the pronoun could be either)
    # (someone the scene brings in unnamed, 'a young doctor', is who the pronoun stands for)
    if _UNNAMED.search(earlier):
        return None
    m = _TITLED.match(title.strip())
    words = [w for w in m[1].split() if w not in _NOT_NAMES] if m else []
    return words[-1] if words else None


def with_names(sentences: list[str], title: str) -> list[str]:
    """The sentences as shown: one opening on 'He' or 'She' ('His', 'Her') names the one person it stands for."""
    out = []
    for k, sentence in enumerate(sentences):
        m = _OPENS.match(sentence.lstrip())
        name = person(sentences, k, title) if m else None
        if m and name and name not in sentence:   # ('His name was Roger Bannister' says who already)
            pad = sentence[:len(sentence) - len(sentence.lstrip())]
            rest = sentence.lstrip()[m.end():]
            word = m[1].lower()
            # (a contraction is said out: "He'd spent weeks" -> 'Johnston had spent weeks', not "Johnston'd"; "He's"
            # may be 'is' or 'has', so it stays as said)
            contracted = re.match(r"['’](d|ll|s)\b\s*(\w*)", rest)
            if contracted and contracted[1] == "s":
                out.append(sentence)
                continue
            if contracted:
                done = re.search(r"(?:ed|en|wn|ght|spent|built|made|had|been|gone|done|left|lost|found|got|kept|"
                                 r"sent|met|said|told|heard|won|begun|run|come|become)$", contracted[2])
                said = {"d": "had" if done else "would", "ll": "will"}[contracted[1]]
                rest = f" {said}" + rest[len(contracted[1]) + 1:]
            # ('His dogs drooled' -> "Pavlov's dogs drooled"; 'Her work' -> "Loftus's work")
            sentence = pad + (f"{name}'s" if word in ("his", "her") else name) + rest
        out.append(sentence)
    return out
