"""Caption cues: where the narration's text is cut into what is shown at once, and when.

A sentence is cut into cues, and a cue into lines, where a reader would pause: after a comma or a
colon, before a clause word ("because", "which", "and"), never after "the" or "of" when another cut
fits. The cuts are chosen together (a small dynamic programme over the sentence's words): each cue
must fit its lines at the caption width, and a cue the voice says in under `SHORTEST` seconds costs
so much that it is only made when nothing else fits. One that is left (a whole sentence said in half a
second) is merged into its neighbour.

`line` cues are up to two lines of the caption type; `karaoke` cues are a short phrase: one line at
16:9, two at 1:1, up to three lines of larger type at 9:16 (a phone's frame is narrow), whose words
are highlighted as the voice says them (`Cue.times`).

A cue starts when the voice says its first word (the sentence's timed words, `Spoken.words`; a
sentence without them spreads its words by characters over its duration) and lasts until the next cue,
or a little past its sentence's end when the next one is far: a caption does not blink off between
sentences.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

from vidgen.draw.captions import Cue, word_times
from vidgen.draw.fonts import font
from vidgen.draw.theme import Theme
from vidgen.script.sentences import without_emphasis
from vidgen.script.words import Word

SHORTEST = 0.8      # seconds: a cue shown for less cannot be read
HOLD = 0.6          # seconds a sentence's last cue may stay past its end when no cue follows at once
TRIES = 5000       # ways of cutting one cue into lines worth trying one by one
FADE_CLEAR = 0.3    # a scene's last cue is gone this long before the scene ends (its crossfade is half of 0.5 s)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CLAUSE_WORDS = _words(
    "and but or nor so yet because which who whom whose where when while whereas although though since "
    "until unless if then that after before once than")
PREPOSITIONS = _words(
    "of to in on at by for from with into onto over under about through across between during without "
    "within along around behind beyond towards toward")
# a line or cue ending on one of these leaves its reader hanging
BOUND_WORDS = PREPOSITIONS | _words(
    "a an the as and or but nor so if than that my your his her its our their this these those is are was "
    "were be been has have had do does did not no very can could will would should may might must")


@dataclass(frozen=True)
class Layout:
    """How one style sets its cues in this frame."""

    font_size: int
    width: int          # the widest a line may be, in pixels
    max_lines: int
    max_words: int      # a karaoke phrase stays short even where the width would take more
    per_cue: float      # what one more cue costs against a cut where a reader would not pause


def layout(theme: Theme, style: str) -> Layout:
    size = theme.card_size("caption")
    width = int(theme.width * (0.84 if theme.portrait else 0.78))
    if style == "karaoke":
        if theme.portrait:
            return Layout(int(size * 1.3), width, 3, 10, 1.0)
        if theme.square:
            return Layout(size, int(theme.width * 0.8), 2, 8, 1.0)
        return Layout(size, int(theme.width * 0.7), 1, 9, 1.0)
    return Layout(size, width, 2, 40, 2.0)


@dataclass
class _Token:
    text: str
    start: float            # when the voice starts saying it (seconds, on the caption's timeline)
    end: float              # when the next word starts, or the sentence ends
    mark: float | None      # the .vtt's word timestamp (None: within the word before)
    word: Word | None       # the timed word it begins, if it begins one
    width: float


def _break_cost(tokens: list[_Token], k: int) -> float:
    """What a cut after tokens[k] costs a reader: 0 at a sentence's or a clause's end, most after 'the'."""
    if k >= len(tokens) - 1:
        return 0.0
    text, following = tokens[k].text, tokens[k + 1].text.lower().strip("\"'“(")
    if text[-1:] in ",;:" or text.endswith(("—", "–", ")", "”", '"')) or following in ("—", "–"):
        return 0.0
    if text[-1:] in ".!?":
        return 0.5
    bare = text.lower().strip("\"'“(")
    if bare in BOUND_WORDS:
        return 14.0
    if following in CLAUSE_WORDS:
        return 1.5
    if following in PREPOSITIONS:   # a phrase of its own starts
        return 3.0
    return 4.0


class _Setter:
    """Lines and cues of one sentence's tokens, cheapest first."""

    def __init__(self, tokens: list[_Token], look: Layout, space: float):
        self.tokens, self.look, self.space = tokens, look, space
        self.prefix = [0.0]
        for t in tokens:
            self.prefix.append(self.prefix[-1] + t.width)
        self.cut = [_break_cost(tokens, k) for k in range(len(tokens))]
        self._lines: dict[tuple[int, int, int], tuple[float, list[int]] | None] = {}

    def width(self, i: int, j: int) -> float:
        return self.prefix[j] - self.prefix[i] + self.space * (j - i - 1)

    def lines(self, i: int, j: int, most: int) -> tuple[float, list[int]] | None:
        """The cheapest way to set tokens[i:j] in at most `most` lines: (cost, where each line ends).

        Every way of cutting is tried (a cue has a few lines of a few words): a cut costs what it costs
        a reader, and lines of unlike width cost their difference (no long line over an orphan)."""
        key = (i, j, most)
        if key in self._lines:
            return self._lines[key]
        limit = self.look.width
        best: tuple[float, list[int]] | None = (0.0, [j]) if self.width(i, j) <= limit else None
        for n in range(2, most + 1):
            if best is not None or math.comb(j - i - 1, n - 1) > TRIES:
                break  # fewer lines are better than any cut
            for cuts in combinations(range(i + 1, j), n - 1):
                ends = [*cuts, j]
                widths = [self.width(a, b) for a, b in zip((i, *cuts), ends, strict=True)]
                if max(widths) > limit:
                    continue
                cost = sum(self.cut[k - 1] for k in cuts) + 3 * (max(widths) - min(widths)) / limit
                cost += 3.0 * sum(b - a == 1 for a, b in zip((i, *cuts), ends, strict=True))  # a word alone
                if best is None or cost < best[0]:
                    best = (cost, ends)
        self._lines[key] = best
        return best

    def cues(self, begin: float, end: float) -> list[tuple[int, int, list[int]]]:
        """The sentence cut into cues: (first token, end token, line ends) each."""
        n, look = len(self.tokens), self.look
        best: list[tuple[float, int, list[int]] | None] = [None] * (n + 1)
        best[0] = (0.0, 0, [])
        for j in range(1, n + 1):
            for i in range(j - 1, max(-1, j - 1 - look.max_words), -1):
                if self.width(i, j) > look.width * look.max_lines:
                    break
                set_ = self.lines(i, j, look.max_lines) if best[i] is not None else None
                if set_ is None:
                    continue
                start = begin if i == 0 else self.tokens[i].start
                finish = end if j == n else self.tokens[j].start
                short = max(0.0, SHORTEST - (finish - start)) * 40   # said too fast to read
                cost = best[i][0] + look.per_cue + self.cut[j - 1] * 2 + set_[0] + short  # type: ignore[index]
                if best[j] is None or cost < best[j][0]:  # type: ignore[index]
                    best[j] = (cost, i, set_[1])
            if best[j] is None:  # one word wider than a line: it stands alone, as wide as it is
                best[j] = (best[j - 1][0] + 50.0, j - 1, [j])  # type: ignore[index]
        out = []
        j = n
        while j > 0:
            _, i, ends = best[j]  # type: ignore[misc]
            out.append((i, j, ends))
            j = i
        return out[::-1]


def _tokens(s, offset: float, fnt) -> list[_Token]:
    written = without_emphasis(s.text).split()
    start, end = offset + s.start, offset + s.start + s.duration
    timed = word_times(getattr(s, "words", None) or [])
    if timed and len(timed) == len(written):
        times = [(start + t, w.shifted(start) if first else None, first) for t, w, first in timed]
    else:  # no timings: each word its share by characters
        total = sum(len(w) + 1 for w in written) or 1
        times, done = [], 0
        for w in written:
            times.append((start + s.duration * done / total, None, True))
            done += len(w) + 1
    tokens = []
    for k, (text, (t, word, first)) in enumerate(zip(written, times, strict=True)):
        # lit until the next word starts (through a comma's pause); the last until the voice stops
        last = word.end if word is not None else end
        stop = times[k + 1][0] if k + 1 < len(times) else min(end, max(last, t))
        tokens.append(_Token(text, t, max(t, stop), t if first else None, word, fnt.getlength(text)))
    return tokens


def make_cues(sentences, offset: float, theme: Theme, style: str = "line", until: float | None = None) -> list[Cue]:
    """`sentences`: objects with .text, .start, .duration (seconds from `offset`) and, when the voice
    timed them, .words. `until`: when the scene ends (a last cue may stay up to it)."""
    look = layout(theme, style)
    fnt = font(look.font_size, "bold")
    space = fnt.getlength(" ")
    cues: list[Cue] = []
    for s in sentences:
        tokens = _tokens(s, offset, fnt)
        if not tokens:
            continue
        begin, end = offset + s.start, offset + s.start + s.duration
        made: list[Cue] = []
        for i, j, ends in _Setter(tokens, look, space).cues(begin, end):
            mine = tokens[i:j]
            lines, at = [], i
            for e in ends:
                lines.append(" ".join(t.text for t in tokens[at:e]))
                at = e
            start = begin if i == 0 else max(made[-1].start if made else begin, mine[0].start)
            made.append(Cue(start, end, lines, [t.mark for t in mine], [t.word for t in mine if t.word],
                            [(t.start, t.end) for t in mine]))
        for a, b in zip(made, made[1:], strict=False):
            a.end = b.start
        cues.extend(made)
    cues = _merge_short(cues, look, fnt)
    for k, c in enumerate(cues):   # past its sentence's end: until the next cue when it is near
        if k + 1 < len(cues):
            stop = cues[k + 1].start
            c.end = max(c.end, stop if stop - c.end <= 2 * HOLD else c.end + HOLD)
        else:  # the scene's last: gone before the crossfade to the next scene starts
            c.end = max(c.end, min(c.end + HOLD, until - FADE_CLEAR if until is not None else c.end + HOLD))
    return cues


def _merge_short(cues: list[Cue], look: Layout, fnt) -> list[Cue]:
    """A cue said in under SHORTEST seconds joins the shorter of its neighbours, its lines set again."""
    cues = list(cues)
    while len(cues) > 1:
        short = [k for k, c in enumerate(cues) if c.end - c.start < SHORTEST]
        if not short:
            break
        k = short[0]
        options = []
        for j in (k - 1, k + 1):   # the neighbour whose lines take it best (the one before on a tie)
            if 0 <= j < len(cues):
                a, b = (cues[j], cues[k]) if j < k else (cues[k], cues[j])
                lines, cost = _set_words(" ".join(a.lines + b.lines).split(), look, fnt)
                options.append((len(lines), cost, j, a, b, lines))
        _, _, j, a, b, lines = min(options, key=lambda o: o[:3])
        merged = Cue(a.start, b.end, lines, a.marks + b.marks, a.words + b.words, a.times + b.times)
        cues[min(j, k):max(j, k) + 1] = [merged]
    return cues


def _set_words(words: list[str], look: Layout, fnt) -> tuple[list[str], float]:
    """Lines for a merged cue and their cost: cut where a reader pauses, one line more than the style's if
    it must."""
    space = fnt.getlength(" ")
    tokens = [_Token(w, 0.0, 0.0, None, None, fnt.getlength(w)) for w in words]
    setter = _Setter(tokens, look, space)
    for most in (look.max_lines, look.max_lines + 1):
        got = setter.lines(0, len(words), most)
        if got is not None:
            out, at = [], 0
            for e in got[1]:
                out.append(" ".join(words[at:e]))
                at = e
            return out, got[0]
    lines: list[str] = []   # more than that: filled line by line (the cue is long whatever its cuts)
    for w in words:
        if lines and fnt.getlength(f"{lines[-1]} {w}") <= look.width:
            lines[-1] = f"{lines[-1]} {w}"
        else:
            lines.append(w)
    return lines, 99.0
