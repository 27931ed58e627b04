"""Splitting narration into sentences: one rule for the voice, the captions and visual steps.

A visual step names the sentence that starts it by index, so the split must be the same
everywhere; this leaf module is that one place.
"""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"(?<=[.!?…])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9¿¡])")
_ABBREV = {"mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "vs.", "e.g.", "i.e.", "etc.", "fig.", "no.", "approx."}


def split_sentences(text: str) -> list[str]:
    out: list[str] = []
    for piece in _SENTENCE.split(" ".join(text.split())):
        piece = piece.strip()
        if not piece:
            continue
        if out and out[-1].rsplit(" ", 1)[-1].lower() in _ABBREV:
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
