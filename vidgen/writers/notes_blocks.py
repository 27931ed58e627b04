"""Listings and tables from notes as pictures the engine draws, keeping what a reader sees in them.

A listing is a code element of at most 8 lines (what a frame holds in type no smaller than the
caption's); a longer one is shown a part at a time (`notes_md._split`), its caption naming the
file and the lines ("src/main.rs · lines 9–16 of 21"). A line the narration names (its inline
code, `checked_add`) is highlighted as it is said.

A table keeps every column and its header: two columns of dates or numbers become a timeline or
bars, two columns that compare (for | while) a comparison, anything else a list with one point per
row, the row's first cell as the point and the other cells, each with its column's name, as its
detail; the header row is the caption. More rows than a frame holds are shown a part at a time.
"""

from __future__ import annotations

import re
from typing import Any

from vidgen.writers.notes_labels import YEAR_CELL as _YEAR
from vidgen.writers.notes_labels import label, number, phrase, safe, short, table_kind
from vidgen.writers.notes_md import Block, years_in

# `b` is notes_visual's picture builder, handed in (typed loosely: notes_visual imports this module)
_Builder = Any

MAX_CODE_COLUMNS = 80


def code(b: _Builder, blk: Block, k: int) -> None:
    a, z = blk.parts[k]
    lines = [ln.expandtabs(4) for ln in blk.texts[a:z] if ln.strip()]
    if not lines:
        return
    items = [{"label": safe(ln if len(ln) <= MAX_CODE_COLUMNS else ln[:MAX_CODE_COLUMNS - 1] + "…")}
             for ln in lines]
    name = blk.caption or blk.lang
    caption = name
    if len(blk.parts) > 1:  # each part numbers its lines from 1: the caption counts parts, not lines
        caption = f"{name + ' · ' if name else ''}part {k + 1} of {len(blk.parts)}"
    anchor = blk.part_anchors[k]
    shown_on = b.bind(anchor)
    eid = b.add(anchor + 0.5, "code", items, None, caption or None, shown_on)
    # a line the narration names is highlighted as it is said: the voice and the eye on the same line
    for s in b.spoken:
        said = b.index.get(s.pos, -1)
        names = [c for c in s.codes if len(c) >= 3 and re.search(r"[A-Za-z_]", c)]
        hit = next((j for j, ln in enumerate(lines) for c in names if c in ln), None)
        if hit is not None and said >= shown_on:
            b.step({"sentence": said, "action": "highlight", "target": f"{eid}.{hit}"})


def table(b: _Builder, blk: Block, k: int) -> None:
    rows = [r for r in blk.rows if any(c.strip() for c in r)]
    kind = table_kind(blk.rows)
    if kind == "none":
        return
    head = rows[0]
    a, z = blk.parts[k]
    body = [r for r in blk.rows[1:][a:z] if any(c.strip() for c in r)]
    if not body:
        return
    anchor = blk.part_anchors[k]
    whole, at = b.bind(anchor), anchor + 0.5
    more = f" (part {k + 1} of {len(blk.parts)})" if len(blk.parts) > 1 else ""
    if kind == "timeline":
        year = 0 if all(_YEAR.fullmatch(r[0]) for r in rows[1:]) else 1
        items = [{"label": _cell(label(r[1 - year], 6, 44), 60), "x": years_in(r[year])[0]} for r in body
                 if years_in(r[year])]
        if items:
            b.add(at, "timeline", items, None, (head[1 - year] + more) if more else None, whole)
            return
        kind = "grid"
    if kind == "bars":
        value = 0 if all(number(r[0]) is not None for r in rows[1:]) else 1
        items = [{"label": _cell(r[1 - value], 40), "value": number(r[value])} for r in body]
        b.add(at, "bars", items, None, head[value] + more, whole)
        return
    if kind == "compare":
        items = [{"label": _cell(r[side], 60), "detail": "left" if side == 0 else "right"}
                 for side in (0, 1) for r in body]
        b.add(at, "compare", items, None, f"{head[0]} vs {head[1]}", whole)
        return
    caption = " · ".join(h for h in head if h.strip()) + more
    if kind == "grid":  # the header row as the caption, each row one line under it, cells in its order
        items = [{"label": " · ".join(c.strip() or "—" for c in r)} for r in body]
        b.add(at, "bullets", items, None, caption, whole)
        return
    items = []
    for r in body:
        item: dict[str, Any] = {"label": _cell(r[0], 60)}
        if len(head) == 2:
            detail = r[1] if len(r) > 1 else ""
        else:  # every other column, with its name when there is room (the caption names them in order)
            cells = [(h, c) for h, c in zip(head[1:], r[1:], strict=False) if c.strip()]
            detail = " · ".join(f"{h}: {c}" if h.strip() else c for h, c in cells)
            if len(detail) > 118:
                detail = " · ".join(c for _, c in cells)
        if detail.strip():
            item["detail"] = _short_math(detail, 118)
        items.append(item)
    b.add(at, "bullets", items, None, caption, whole)


def _short_math(text: str, limit: int) -> str:
    """Shortened without cutting inside a $formula$ (an unpaired $ would not draw)."""
    out = short(text, limit)
    if out.count("$") % 2:
        out = short(out.rsplit("$", 1)[0].rstrip(" ·,"), limit)
    return out if out.count("$") % 2 == 0 else ""


def _cell(text: str, limit: int) -> str:
    """A cell as a label: its complete words (`_short_math`), else the phrase it opens with; '—' for none."""
    return _short_math(text, limit) or _short_math(phrase(text, 8, limit), limit) or "—"
