"""Extractive summarising for `--from FILE`: pick a document's own key sentences, offline."""

from __future__ import annotations

import re
from collections import Counter

STOP = set("""a an the and or but if of in on at to for from by with as is are was were be been being it its
this that these those there here which who whom what when where why how i you he she we they them his her
our their your my me us not no so than then too very can could should would will shall may might must do
does did done have has had having also just into over under about after before more most some such only own
same other any each few all both up down out off again further once""".split())

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")


def clean_markdown(text: str) -> str:
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_]{1,3}([^*_]+)[*_]{1,3}", r"\1", text)
    return text


def split_sections(text: str) -> list[tuple[str, str]]:
    """(heading, body) pairs; a document without headings is one section."""
    sections: list[tuple[str, str]] = []
    heading, body = "", []
    for line in clean_markdown(text).splitlines():
        m = re.match(r"^\s{0,3}#{1,6}\s+(.*)", line)
        if m:
            if body or heading:
                sections.append((heading, "\n".join(body)))
            heading, body = m.group(1).strip(), []
        else:
            body.append(line)
    sections.append((heading, "\n".join(body)))
    return sections


def sentences(text: str) -> list[str]:
    out = []
    for _, body in split_sections(text):
        for para in re.split(r"\n\s*\n", body):
            para = " ".join(re.sub(r"^\s*([-*+]|\d+[.)])\s+", "", line) for line in para.splitlines()).strip()
            for sentence in SENTENCE.split(para):
                sentence = sentence.strip()
                if 4 <= len(sentence.split()) <= 60:
                    if sentence[-1] not in ".!?":
                        sentence += "."
                    out.append(sentence)
    return out


def words(sentence: str) -> list[str]:
    return [w for w in re.findall(r"[a-zA-Z][a-zA-Z'-]+", sentence.lower()) if w not in STOP]


def key_sentences(text: str, count: int) -> list[tuple[int, str]]:
    """The `count` most central sentences as (position, sentence), in document order."""
    found = sentences(text)
    freq = Counter(w for s in found for w in words(s))
    if not freq:
        return []
    top = max(freq.values())

    def score(item: tuple[int, str]) -> float:
        pos, sentence = item
        ws = words(sentence)
        if not ws:
            return 0.0
        lead_bonus = 1.2 if pos == 0 else 1.0
        return lead_bonus * sum(freq[w] / top for w in ws) / (len(ws) ** 0.6)

    ranked = sorted(enumerate(found), key=score, reverse=True)[:count]
    return sorted(ranked)
