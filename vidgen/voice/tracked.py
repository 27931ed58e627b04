"""Text rewritten for the voice that remembers where each part came from.

The readings in `pronounce` are regular-expression rewrites of a whole sentence ("$4.50" ->
"four dollars fifty"). Done on a `Tracked` text, every character of the result knows the
span of the written sentence it was made from, so each written word can be paired with what
the voice said for it (`units`): the `spoken` field of `<video>.words.json`, and the words
whose timings a caption highlights.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Span = tuple[int, int]
Repl = str | Callable[[re.Match], str]


class Tracked:
    def __init__(self, text: str):
        self.text = text
        self.spans: list[Span] = [(i, i + 1) for i in range(len(text))]

    def sub(self, pattern: re.Pattern, repl: Repl) -> None:
        text, spans = self.text, self.spans
        parts: list[str] = []
        new_spans: list[Span] = []
        last = 0
        for m in pattern.finditer(text):
            new = repl(m) if callable(repl) else m.expand(repl)
            old = m[0]
            if new == old:
                continue
            # what the rewrite leaves as it was at either end keeps its own origin: "in 1666" -> "in sixteen
            # sixty-six" still says "in" for the written "in"
            keep = min(len(old), len(new))
            p = next((i for i in range(keep) if old[i] != new[i]), keep)
            s = next((i for i in range(keep - p) if old[-1 - i] != new[-1 - i]), keep - p)
            a, b = m.start() + p, m.end() - s
            parts.append(text[last:a])
            new_spans.extend(spans[last:a])
            made = new[p: len(new) - s]
            parts.append(made)
            new_spans.extend([_origin(spans, a, b)] * len(made))
            last = b
        if last:
            parts.append(text[last:])
            new_spans.extend(spans[last:])
            self.text, self.spans = "".join(parts), new_spans

    def replace(self, old: str, new: str) -> None:
        if old in self.text:
            self.sub(re.compile(re.escape(old)), new.replace("\\", r"\\"))

    def strip(self) -> None:
        lead = len(self.text) - len(self.text.lstrip())
        end = len(self.text.rstrip())
        self.text, self.spans = self.text[lead:end], self.spans[lead:end]


def _origin(spans: list[Span], a: int, b: int) -> Span:
    """The written span that text[a:b] came from; for an insertion (a == b), both its neighbours'."""
    if a < b:
        return min(x[0] for x in spans[a:b]), max(x[1] for x in spans[a:b])
    before = spans[a - 1] if a > 0 else None
    after = spans[a] if a < len(spans) else None
    if before and after:
        return before[0], after[1]
    edge = before or after
    return edge if edge else (0, 0)


@dataclass(frozen=True)
class Unit:
    """Written words and what the voice says for them: the smallest parts a timing can tell apart.

    Usually one word each ("light" -> "light"); a reading that spans words makes one unit of them
    ("3:30 pm" -> "three thirty P M"). `first`/`count` index the spoken text's words."""

    written: str
    spoken: str
    first: int
    count: int


def units(written: str, said: Tracked) -> list[Unit]:
    """The written sentence's words paired with the spoken words made from them, in order.

    Written words the voice says nothing for ("—") join their neighbour: they have no time of their own.
    """
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", written)]
    if not words:
        return []
    spoken = [(m.start(), m.end(), m[0]) for m in re.finditer(r"\S+", said.text)]
    # [first written word, last written word, first spoken word, last spoken word]
    groups: list[list[int]] = []
    for k, (a, b, word) in enumerate(spoken):
        if groups and not any(ch.isalnum() for ch in word):  # "—" is said as a pause: part of the word before
            groups[-1][3] = k
            continue
        lo = min(said.spans[i][0] for i in range(a, b))
        hi = max(said.spans[i][1] for i in range(a, b))
        wa, wb = _covering(words, lo, hi)
        groups.append([wa, wb, k, k])
        # a reading that reaches back over words already said (rare) makes one group of all it spans
        while len(groups) > 1 and groups[-1][0] <= groups[-2][1]:
            last = groups.pop()
            groups[-1] = [min(groups[-1][0], last[0]), max(groups[-1][1], last[1]), groups[-1][2], last[3]]
    # every written word in exactly one group: the silent ones join the group before (or the first one)
    if not groups:
        return [Unit(written, "", 0, 0)]
    groups[0][0] = 0
    for g, nxt in zip(groups, groups[1:], strict=False):
        g[1] = nxt[0] - 1
    groups[-1][1] = len(words) - 1
    return [Unit(written[words[wa][0]:words[wb][1]], " ".join(w for _, _, w in spoken[ka:kb + 1]), ka, kb - ka + 1)
            for wa, wb, ka, kb in groups]


def _covering(words: list[Span], lo: int, hi: int) -> tuple[int, int]:
    """The first and last written word that the written span [lo, hi) touches."""
    inside = [i for i, (a, b) in enumerate(words) if a < max(hi, lo + 1) and b > lo]
    if inside:
        return inside[0], inside[-1]
    before = [i for i, (a, _) in enumerate(words) if a <= lo]  # a span between words: the word before it
    i = before[-1] if before else 0
    return i, i
