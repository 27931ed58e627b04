"""Which of the notes' sentences a variation says (`vidgen.writers.notes`): every one, the key sentence or
two of each section, the facts (numbers, dates, definitions), or the few most central of the document.

A sentence is central when it shares many of the notes' frequent words; what is chosen is said in the
document's order, never reordered.
"""

from __future__ import annotations

import re
from collections import Counter

from vidgen.writers.notes_md import Block, Notes, Sentence

_STOP = {"a", "an", "the", "and", "or", "but", "if", "of", "in", "on", "at", "to", "for", "from", "by", "with",
         "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those",
         "there", "here", "which", "who", "whom", "what", "when", "where", "why", "how", "i", "you", "he", "she",
         "we", "they", "them", "his", "her", "our", "their", "your", "my", "me", "us", "not", "no", "so", "than",
         "then", "too", "very", "can", "could", "should", "would", "will", "shall", "may", "might", "must", "do",
         "does", "did", "done", "have", "has", "had", "having", "also", "just", "into", "over", "under", "about",
         "after", "before", "more", "most", "some", "such", "only", "own", "same", "other", "any", "each", "few",
         "all", "both", "up", "down", "out", "off", "again", "further", "once"}
_NUMBER_WORDS = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                           r"hundreds?|thousands?|millions?|billions?|percent|half|twice|dozens?)\b", re.I)
_DEFINITION = re.compile(r"^(?:[\w'’-]+\s){1,5}?(?:is|are)\s+(?:a|an|the|called|defined|known)\b|"
                         r"\b(?:means|refers to|is defined as|are defined as|known as|stands for|is short for)\b|"
                         r"\bcalled\s+(?!in\b|on\b|out\b|off\b|for\b|up\b|back\b|to\b|it\b|them\b)", re.I)
_ANAPHORA = re.compile(r"(?:it|this|that|these|those|they|then|by then|later|so|but|and|also|however|here|"
                       r"there|he|she|his|her|its|their)\b", re.I)


class Scorer:
    """Centrality: a sentence that shares many of the notes' frequent words says what they are about."""

    def __init__(self, notes: Notes):
        words = {s.pos: self._words(s.text) for s in notes.sentences}
        self.freq = Counter(w for ws in words.values() for w in ws)
        self.top = max(self.freq.values(), default=1)
        self.words = words
        self.lead = {sec.sentences[0].pos for sec in notes.sections if sec.sentences}
        self.memo: dict[int, float] = {}

    @staticmethod
    def _words(text: str) -> list[str]:
        words = [w for w in re.findall(r"[^\W\d_][\w'-]+", text.lower()) if w not in _STOP]
        # the crudest stemmer is enough here: "germs" and "germ" are one word to count
        return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")) else w
                for w in words]

    def __call__(self, s: Sentence) -> float:
        if s.pos not in self.memo:
            self.memo[s.pos] = self._score(s)
        return self.memo[s.pos]

    def _score(self, s: Sentence) -> float:
        ws = self.words.get(s.pos) or self._words(s.text)
        if not ws:
            return 0.0
        score = sum(self.freq[w] / self.top for w in ws) / len(ws) ** 0.6
        if s.pos in self.lead:
            score *= 1.8  # a section's first sentence usually states its point
        if _ANAPHORA.match(s.text):
            score *= 0.7  # "By then...", "It is..." lean on the sentence before; weak on their own
        if len(s.text.split()) < 5:
            score *= 0.6
        if s.item is not None:
            score *= 0.8  # the sentence introducing a list says more than any one item
        return score


def _is_fact(s: Sentence, blocks: dict[int, Block]) -> bool:
    blk = blocks.get(s.block)
    term = blk is not None and s.item is not None and bool(blk.terms[s.item])
    return bool(s.years or re.search(r"\d", s.text) or _NUMBER_WORDS.search(s.text) or
                _DEFINITION.search(s.text) or term)


def top(sentences: list[Sentence], n: int, score: Scorer) -> list[Sentence]:
    """The n best, back in document order."""
    best = sorted(sentences, key=lambda s: (-score(s), s.pos))[:n]
    return sorted(best, key=lambda s: s.pos)


def _in_order(chosen: list[Sentence], sents: list[Sentence]) -> list[Sentence]:
    """The chosen sentences in the document's order; one that opens with "It" or "This" brings the sentence
    it leans on (the one before it in the notes), or it would point at nothing."""
    keep = {s.pos for s in chosen}
    keep |= {s.pos - 1 for s in chosen if _ANAPHORA.match(s.text)}
    return [s for s in sents if s.pos in keep]


def select(style: int, sections: list[list[Sentence]], score: Scorer, blocks: dict[int, Block],
            per_part: int | None) -> list[list[Sentence]]:
    """The sentences a variation says, per section, in the order they are said."""
    out: list[list[Sentence]] = []
    for sents in sections:
        if not sents:
            out.append([])
        elif style == 1:
            out.append(top(sents, 1, score))
        elif style == 2:
            facts = [s for s in sents if _is_fact(s, blocks)]
            facts = top(facts, 3, score) if len(facts) > 3 else facts
            rest = top([s for s in sents if s not in facts], max(0, 2 - len(facts)), score)
            out.append(_in_order(facts + rest, sents))
        elif style == 3:
            out.append(top(sents, 2, score))
        else:
            out.append(top(sents, per_part, score) if per_part else list(sents))
    return out
