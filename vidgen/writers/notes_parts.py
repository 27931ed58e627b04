"""Where a scene shows each block of the notes: code, tables and display math go with the sentence that
introduces them, and a listing or table longer than a frame holds is cut into parts, each shown with a
sentence of its own (notes_md builds the blocks; notes_visual draws them).
"""

from __future__ import annotations

from vidgen.writers.notes_labels import rows_per_part
from vidgen.writers.notes_md import Block, Notes, Section, Sentence, read_notes

PART_LINES = 8  # lines of code (or rows of a table) in one frame: the most a picture element holds
# and at most this many rows once long lines wrap at ROW_COLUMNS: a 16:9 frame then draws the code no smaller
# than its caption, and a square or portrait one (where lines wrap) above the smallest readable size
PART_ROWS, ROW_COLUMNS = 12, 56


def anchor(sections: list[Section]) -> None:
    """Each shown block goes with the sentence just before it in its section, else the one just after,
    else the nearest before it in the document (a section of code alone joins its neighbour's scene).
    A long listing or table is cut into frames' worth (`_split`); each further part goes with a sentence
    after the block, so the picture turns a page while the voice explains it."""
    for sec in sections:
        last = -1
        mine = [s.pos for s in sec.sentences]
        for blk in sec.blocks:
            if blk.sentences:
                last = blk.sentences[-1].pos
            elif last >= 0:
                blk.anchor = last
            else:
                after = [p for p in mine if p >= blk.at]
                blk.anchor = after[0] if after else max(blk.at - 1, 0)
        shown = [blk for blk in sec.blocks if blk.kind in ("code", "table", "math")]
        for n, blk in enumerate(shown):
            if blk.kind == "math":
                continue
            for relaxed in (False, True):
                # relaxed: too few sentences for frames' worth of it, so larger parts (code up to 8 lines
                # however wide, tables 8 rows): smaller type rather than rows never shown
                if blk.kind == "code":
                    blk.parts = _split(blk.texts, PART_LINES * 10 if relaxed else PART_ROWS)
                else:
                    size, count = 8 if relaxed else rows_per_part(blk.rows), len(blk.rows) - 1
                    blk.parts = [(a, min(a + size, count)) for a in range(0, max(count, 1), size)]
                _place(blk, sec, shown[n - 1] if n else None, shown[n + 1] if n + 1 < len(shown) else None)
                if -1 not in blk.part_anchors:
                    break


def _place(blk: Block, sec: Section, prev: Block | None, nxt: Block | None) -> None:
    """The sentence each part is shown with: the first with the sentence before the block, the others with
    the sentences that explain it (after it, up to the next block shown, whose intro is its own); when those
    are too few (a reference page's listing ends its section), it starts earlier, with the sentences before
    it since the last block shown; -1 for a part no sentence is left for."""
    following = [s for s in sec.sentences if s.pos >= blk.at and s.pos != blk.anchor and
                 (nxt is None or s.pos < nxt.at and s.pos != nxt.anchor)]
    blk.part_anchors = [blk.anchor, *_turns(blk, following)]
    if -1 in blk.part_anchors:
        before = [s.pos for s in sec.sentences if s.pos < blk.anchor and (prev is None or s.pos > prev.anchor)]
        said = [*before, blk.anchor, *[p for p in blk.part_anchors[1:] if p >= 0]]
        take = said[-len(blk.parts):]
        blk.part_anchors = take + [-1] * (len(blk.parts) - len(take))


def _split(lines: list[str], budget: int = PART_ROWS) -> list[tuple[int, int]]:
    """A listing cut into parts of at most PART_LINES shown lines (blank lines are not shown): the fewest
    parts, cut where the author left a blank line or a new statement starts, no part of one or two lines."""
    shown = [k for k, ln in enumerate(lines) if ln.strip()]
    n = len(shown)
    if n <= PART_LINES and sum(-(-len(lines[k].expandtabs(4)) // ROW_COLUMNS) for k in shown) <= budget:
        return [(0, len(lines))]

    def indent(k: int) -> int:
        return len(lines[k]) - len(lines[k].lstrip())

    def cut_cost(j: int) -> float:  # cutting before the j-th shown line
        if j == n:
            return 0.0
        k, before = shown[j], shown[j - 1]
        text = lines[k].lstrip()
        if text.startswith(("}", ")", "]", ".", "else", "elif", "except", "finally", "catch")) or \
                lines[before].rstrip().endswith(("{", "(", "[", ":", ",", "\\", "=")):
            return 4.0  # it would part a block's opening line from its body, or a statement from its end
        if k - before > 1 or not indent(k):
            return 0.0  # a blank line above, or a new item at the margin
        return 1.5 if indent(k) <= indent(before) else 3.0

    rows = [0] + [-(-len(lines[k].expandtabs(4)) // ROW_COLUMNS) for k in shown]
    for k in range(1, n + 1):
        rows[k] += rows[k - 1]  # rows[j] - rows[i]: the rows of shown lines i..j-1
    best: list[tuple[float, int]] = [(0.0, -1)] + [(float("inf"), -1)] * n
    for j in range(1, n + 1):
        for i in range(max(0, j - PART_LINES), j):
            if rows[j] - rows[i] > budget and j - i > 1:
                continue
            cost = best[i][0] + 1 + cut_cost(j) + (1.0 if j - i < 3 else 0.0)
            if cost < best[j][0]:
                best[j] = (cost, i)
    cuts, j = [], n
    while j > 0:
        cuts.append(j)
        j = best[j][1]
    bounds = [0, *[shown[c] for c in sorted(cuts)[:-1]], len(lines)]
    return list(zip(bounds, bounds[1:], strict=False))


def _turns(blk: Block, following: list[Sentence]) -> list[int]:
    """The sentence each part after the first is shown with: the next sentence that names code of a later
    part, or, when none does, the next sentence; and never fewer sentences left than parts to show."""
    anchors: list[int] = []
    current = 0
    for n, s in enumerate(following):
        left = len(blk.parts) - 1 - current
        if not left:
            break
        named = [k for k, (a, b) in enumerate(blk.parts) for code in s.codes
                 if blk.kind == "code" and any(code in ln for ln in blk.texts[a:b])]
        if left < len(following) - n and named and max(named) <= current:
            continue  # it explains what is on screen: the page stays
        current += 1
        anchors.append(s.pos)
    return anchors + [-1] * (len(blk.parts) - 1 - len(anchors))


def parse_notes(text: str) -> Notes:
    """The notes as sections of blocks and sentences, each shown block anchored to the sentence it goes with."""
    notes = read_notes(text)
    anchor(notes.sections)
    return notes
