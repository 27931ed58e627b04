"""When each spoken word is said, in samples of the sentence's audio.

Two ways, by what the voice gives:
- `from_phonemes`: Piper says how many samples each phoneme took (its alignment). Its phonemes
  come in groups between spaces, one group a word — except where espeak runs words together
  ("of the" is one group, ʌvðə) or parts them. Each word is phonemized alone and the words are
  matched to the groups by a small alignment (edit distance, in order), so every word gets the
  samples of its own phonemes: exact where a group is one word, within the group's phonemes
  where one group holds several.
- `spread`: any other voice. The words share the voiced part of the audio by their letter count,
  and a clause's end (a comma, a dash) is put in a real pause of the audio where one is found.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

Span = tuple[int, int]
_MARKS = str.maketrans("", "", "ˈˌː'")
_STRESS = ("ˈ", "ˌ")
_CLAUSE_END = re.compile(r"[,;:!?.…—–)]$")


@dataclass(frozen=True)
class Group:
    """Phonemes said together (a word, or words espeak ran together): each phoneme and its samples."""

    phonemes: list[str]
    samples: list[int]
    start: int       # first sample of the group's first phoneme

    @property
    def text(self) -> str:
        return clean("".join(self.phonemes))

    @property
    def end(self) -> int:
        return self.start + sum(self.samples)


def clean(phonemes: str) -> str:
    """Phonemes to compare: without stress and length marks and combining accents."""
    return "".join(ch for ch in unicodedata.normalize("NFD", phonemes.translate(_MARKS))
                   if not unicodedata.combining(ch))


def _breaks(phoneme: str) -> bool:
    """A space, punctuation, or Piper's marks of a sentence's start and end (^, $, _): not part of a word."""
    return all(unicodedata.category(ch)[0] in "PZS" for ch in phoneme)


def groups_of(phonemes: Sequence[str], samples: Sequence[int], offset: int) -> list[Group]:
    """Runs of phonemes between breaks (spaces, punctuation, the sentence's start and end), `offset` the
    sample where the first phoneme starts."""
    out: list[Group] = []
    at = offset
    run: list[tuple[str, int, int]] = []
    for ph, n in zip(phonemes, samples, strict=True):
        if _breaks(ph):
            if run:
                out.append(Group([p for p, _, _ in run], [k for _, k, _ in run], run[0][2]))
                run = []
        else:
            run.append((ph, int(n), at))
        at += int(n)
    if run:
        out.append(Group([p for p, _, _ in run], [k for _, k, _ in run], run[0][2]))
    return out


@functools.lru_cache(maxsize=20000)
def _distance(a: str, b: str) -> int:
    if not a or not b:
        return len(a) + len(b)
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


# (words, groups) a step of the alignment may take; anything but one to one costs a little more
_STEPS = ((1, 1, 0.0), (2, 1, 0.3), (3, 1, 0.5), (4, 1, 0.7), (1, 2, 0.3), (1, 3, 0.5), (1, 0, 0.5), (0, 1, 1.0))


def from_phonemes(expected: Sequence[str], groups: Sequence[Group]) -> list[Span]:
    """Each word's (start, end) sample. `expected`: each word's phonemes said alone ('' for one with none)."""
    words = [clean(e) for e in expected]
    n, m = len(words), len(groups)
    texts = [g.text for g in groups]
    band = abs(n - m) + 6
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(max(0, i - band), min(m, i + band) + 1):
            here = cost[i][j]
            if here == inf:
                continue
            for a, b, penalty in _STEPS:
                if i + a > n or j + b > m:
                    continue
                if not b and not words[i]:
                    penalty = 0.0  # a word with nothing to say ("—") has no phonemes to find
                step = _distance("".join(words[i:i + a]), "".join(texts[j:j + b])) + penalty
                if here + step < cost[i + a][j + b]:
                    cost[i + a][j + b] = here + step
                    back[i + a][j + b] = (a, b)
    blocks: list[tuple[int, int, int, int]] = []  # (first word, words, first group, groups)
    i, j = n, m
    while i or j:
        move = back[i][j]
        if move is None:  # unreachable outside the band: cannot happen with band >= |n - m|
            raise AssertionError((i, j))
        a, b = move
        i, j = i - a, j - b
        blocks.append((i, a, j, b))
    spans: list[Span | None] = [None] * n
    for wi, a, gj, b in reversed(blocks):
        if a == 1 and b >= 1:
            spans[wi] = (groups[gj].start, groups[gj + b - 1].end)
        elif a > 1:
            spans[wi:wi + a] = _share(groups[gj], [len(w) for w in words[wi:wi + a]])
    return _fill(spans, groups[0].start if groups else 0)


def _share(group: Group, lengths: list[int]) -> list[Span]:
    """Words that espeak ran into one group: each takes, in order, the group's phonemes its own phonemes
    (said alone) would take, counted in letters ("ʌv" of "ʌvðə" for "of")."""
    sizes = [len(clean(p)) for p in group.phonemes]
    scale = sum(sizes) / (sum(lengths) or 1)
    starts, k, done = [group.start], 0, 0
    for target in np.cumsum(lengths)[:-1] * scale:
        # take phonemes up to the target; a stress mark at the boundary belongs to the word it stresses,
        # a length mark to the sound it lengthens
        while k < len(sizes) - 1 and done + sizes[k] <= target + 0.5 and \
                (sizes[k] or done < target - 0.5 or group.phonemes[k] not in _STRESS):
            done += sizes[k]
            k += 1
        starts.append(max(starts[-1], group.start + sum(group.samples[:k])))
    ends = [*starts[1:], group.end]
    return [(a, max(a, b)) for a, b in zip(starts, ends, strict=True)]


def _fill(spans: list[Span | None], at: int) -> list[Span]:
    """Words that had no phonemes (a lone "—") sit, without duration, where the word before them ended."""
    out: list[Span] = []
    for span in spans:
        if span is None:
            span = (at, at)
        start = max(span[0], out[-1][0] if out else span[0])
        out.append((start, max(start, span[1])))
        at = out[-1][1]
    return out


def _voiced(samples: np.ndarray, frame: int) -> np.ndarray:
    """Which frames of `frame` samples have sound in them."""
    n = samples.size // frame
    if n == 0:
        return np.zeros(0, dtype=bool)
    rms = np.sqrt(np.mean(np.square(samples[: n * frame].reshape(n, frame), dtype=np.float64), axis=1))
    loud = float(np.percentile(rms, 95))
    return rms > max(1e-4, 0.06 * loud)


def spread(words: Sequence[str], samples: np.ndarray, rate: int, weight: Callable[[str], float] | None = None,
           min_pause: float = 0.12) -> list[Span]:
    """Each word's (start, end) sample, estimated: the voiced part of the audio shared by letter count,
    a clause's end placed in a real pause where the audio has one near where the share would put it."""
    weight = weight or (lambda w: 1.0 + sum(ch.isalnum() for ch in w))
    if not words:
        return []
    frame = max(1, rate // 100)
    voiced = _voiced(samples, frame)
    weights = np.array([weight(w) for w in words], dtype=np.float64)
    if voiced.any():
        on = np.flatnonzero(voiced)
        lo, hi = int(on[0]) * frame, (int(on[-1]) + 1) * frame
        cuts = _clause_cuts(words, weights, voiced, frame, lo, hi, int(min_pause * rate))
    else:  # silence (the mock voice): the whole clip, evenly
        lo, hi, cuts = 0, samples.size, []
    spans: list[Span] = []
    # each stretch between two pauses (or the ends) shares its own samples among its own words
    edges = [(0, lo, lo), *cuts, (len(words), hi, hi)]
    for (first, _, start), (last, end, _) in zip(edges, edges[1:], strict=False):
        part = weights[first:last]
        if part.size == 0:
            continue
        bounds = start + (end - start) * np.concatenate([[0.0], np.cumsum(part)]) / part.sum()
        spans.extend((int(round(a)), int(round(b))) for a, b in zip(bounds[:-1], bounds[1:], strict=True))
    return _fill(list(spans), lo)


def _clause_cuts(words: Sequence[str], weights: np.ndarray, voiced: np.ndarray, frame: int, lo: int, hi: int,
                 min_pause: int) -> list[tuple[int, int, int]]:
    """(first word after a clause's end, the pause's first and last sample) for each clause end met by a pause."""
    pauses: list[tuple[int, int]] = []  # (start, end) samples of silent stretches inside the voiced part
    k = lo // frame
    while k < hi // frame:
        if not voiced[k]:
            j = k
            while j < hi // frame and not voiced[j]:
                j += 1
            if (j - k) * frame >= min_pause:
                pauses.append((k * frame, j * frame))
            k = j
        else:
            k += 1
    share = np.cumsum(weights) / weights.sum()
    cuts: list[tuple[int, int, int]] = []
    for i, word in enumerate(words[:-1]):
        if not _CLAUSE_END.search(word) or not pauses:
            continue
        guess = lo + (hi - lo) * share[i]
        best = min(pauses, key=lambda p: abs((p[0] + p[1]) / 2 - guess))
        if abs((best[0] + best[1]) / 2 - guess) < 0.25 * (hi - lo) and (not cuts or best[0] > cuts[-1][2]):
            cuts.append((i + 1, best[0], best[1]))
            pauses.remove(best)
    return cuts
