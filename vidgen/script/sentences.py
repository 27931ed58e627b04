"""Splitting narration into sentences: one rule for the voice, the captions and visual steps.

A visual step names the sentence that starts it by index, so the split must be the same
everywhere; this leaf module is that one place.
"""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"(?<=[.!?…])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9¿¡])")
# abbreviations that never end a sentence: a title before a name, "e.g." before an example
_JOINS = {"mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "mt.", "vs.", "e.g.", "i.e.", "cf."}
# ... and those that do not end one before a number ("No. 5", "approx. 3 km"); "etc." may end one
_JOINS_NUMBER = {"no.", "nos.", "fig.", "approx.", "ca.", "p.", "pp.", "vol.", "ch."}


def split_sentences(text: str) -> list[str]:
    out: list[str] = []
    for piece in _SENTENCE.split(" ".join(text.split())):
        piece = piece.strip()
        if not piece:
            continue
        last = out[-1].rsplit(" ", 1)[-1].lower() if out else ""
        if last in _JOINS or (last in _JOINS_NUMBER and piece[0].isdigit()):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def sentences_or_text(text: str) -> list[str]:
    """The sentences, else the whole text as one (a narration with no sentence break is one sentence)."""
    return split_sentences(text) or [text]


def sentence_count(text: str) -> int:
    """How many sentences a narration has (at least 1: a text without a full stop is one)."""
    return max(1, len(split_sentences(text)))


# *word* or **words**: emphasis a writer (or a model) typed in Markdown. The voice does not say the stars
# and the captions do not show them; a lone star ("2 * 3", "x*y") is not emphasis.
EMPHASIS = re.compile(r"(?<![\w*])\*{1,2}([^*\s](?:[^*]*?[^*\s])?)\*{1,2}(?![\w*])")


def without_emphasis(text: str) -> str:
    return EMPHASIS.sub(r"\1", text)


WORDS_PER_SECOND = 2.6   # a narrator's pace, for timing a scene before its voice exists


def spoken_seconds(text: str) -> float:
    return max(0.6, len(text.split()) / WORDS_PER_SECOND)

# the marker that opens a numbered part of a countdown or a list ('Fact three', 'Number 10', 'Tip 4', '#2'): the
# author layer reads a scene's parts by it, and a list whose points all carry one is not numbered again
NUMBERED_PART = re.compile(
    r"(?:(?:the\s+)?(?:fact|number|tip|step|rule|reason|myth|check|sign|lesson|mistake|habit|stage|phase|part)\s+"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|#?\d{1,2})|#\d{1,2})\b", re.I)
