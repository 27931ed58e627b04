"""Tables an animator's note describes: columns and rows quoted cell by cell, rows quoted whole ('A | B', 'Order
batching – big, infrequent orders', 'Set 1: 28, 27, 2–0'), or a grid of headers and cells (a Punnett square)."""

from __future__ import annotations

import re

from vidgen.author.anim import bounded, quoted_in


def table(anim: str) -> tuple[list[str], list[list[str]]] | None:
    """A table described: columns 'Term' and 'In Pavlov's lab'. Rows: 'A | B', ... (header, rows)."""
    # cells quoted one by one ("'Method' | 'How it works' | 'Example'") are the same row as 'Method | How it works'
    text = bounded(anim)
    # (rows parted by ';', "'c.t' | 'cat', 'cot' | 'ct'; ...": the quotes a comma joins inside a row are one cell)
    rows_at = re.search(r"\brows?\s*:\s*", text, re.I)
    if rows_at and ";" in text[rows_at.end():]:
        tail = ";".join(re.sub(r"['’\"”]\s*,\s*['‘\"“]", ", ", part) if "|" in part else part
                        for part in text[rows_at.end():].split(";"))
        text = text[:rows_at.end()] + tail
    text = re.sub(r"['’\"”]\s*\|\s*['‘\"“]", " | ", text)
    grid = _grid(text)
    if grid:
        return grid
    if not re.search(r"\btable\b", text, re.I):
        return None
    rows = [[c.strip() for c in q.split("|")] for q in quoted_in(text) if "|" in q]
    m = re.search(r"(?:columns?|headers?|header row|headings?)[,:]?\s+(.+?)(?:\.\s|$)", text, re.I)
    header = [h for h in quoted_in(m[1]) if "|" not in h] if m else []
    named, _, listed = m[1].partition(":") if m else ("", "", "")
    if not rows and m:
        # ("two columns, 'Dynamic' and 'Condenser', and rows: 'Sensitivity: low / high', ..." or "columns 'Foil',
        # 'Sabre'; rows 'Scores with' ('Point', 'Point + edge'), ..."): each row named, then a value per column
        cols = quoted_in(re.split(r"\brows?\b", m[1], maxsplit=1)[0])
        named_rows = _named_rows(text[m.start():], len(cols)) if len(cols) >= 2 else []
        if len(named_rows) >= 2:
            return ["", *cols], named_rows
    if not rows and len(quoted_in(named)) == 2 and all(re.search(r"\s[–—-]\s", q) for q in quoted_in(listed)):
        # ("headings 'Cause' and 'What happens': 'Order batching – big, infrequent orders', ..."): two columns, each
        # row quoted whole with a dash between its cells
        header = quoted_in(named)
        rows = [[c.strip() for c in re.split(r"\s+[–—-]\s+", q, maxsplit=1)] for q in quoted_in(listed)]
    # "a header row 'Key | Sharps or flats'", or a first row of names over rows of values: the header, not a row
    # (a word's own apostrophe, 'Men's', is no quote mark)
    cell = r"(?:[^'’\"”]|(?<=\w)['’](?=\w))*"
    first = re.search(r"\bheader(?: row)?\s*(?:of\s+|:\s*)?['‘\"“](" + cell + r"\|" + cell + r")['’\"”]", text, re.I)
    valued = sum(bool(re.search(r"\d", " ".join(r))) for r in rows[1:])
    if rows and not header and (first and [c.strip() for c in first[1].split("|")] == rows[0] or
                                not re.search(r"\d", " ".join(rows[0])) and valued * 2 > len(rows) - 1 > 0):
        header, rows = rows[0], rows[1:]
    if len(rows) == 1 and not header or not rows and len(header) >= 2:
        # ("columns 'Rug type' | 'KPSI': Village wool | 60; Fine Kashan | 200"): rows written out after them, unquoted
        head = rows[0] if rows else header
        written = _written(text, len(head))
        if written:
            header, rows = head, written
    if not rows and len(header) >= 2:
        rows = _rows_of(text, len(header)) or (_dashed(m[1], text[m.end():], header) if m else [])
        if rows and len(rows[0]) < len(header):
            # ("columns 'Rank', 'Word', 'Count'. Rows fill in: '1 - the', '2 - of'"): the rows give the first
            # columns only; a heading over no cells ('Count') is not drawn
            header = header[:len(rows[0])]
    if len(rows) < 2:
        return None
    return header, rows


def _written(text: str, width: int) -> list[list[str]]:
    """Rows written out after a colon that closes the quoted columns, or after 'Rows:', cells parted by '|' and rows
    by ';' ("...'Knots in a 6×9 ft rug': Village wool | 60 | ~467,000; Fine Kashan | 200 | ~1.56 million.", "Rows: I
    | Normal molar fit | 'Underbite'; ..."): two rows at least, each of `width` cells, a cell's own quotes dropped."""
    m = re.search(r"(?:['’\"”]|\brows?)\s*:\s*", text, re.I)
    if m is None:
        return []
    written = re.split(r"\.\s+(?=[A-Z])|\.?\s*$", text[m.end():], maxsplit=1)[0]
    rows = [[c.strip().strip("'‘’\"“”").strip() for c in part.split("|")] for part in written.split(";")]
    return rows if len(rows) >= 2 and all(len(r) == width and all(r) for r in rows) else []


def _named_rows(text: str, width: int) -> list[list[str]]:
    """Rows each quoted as a name and a value per column ('Sensitivity: low / high'), or a quoted name followed by
    its values in brackets ("'Tip force' ('500 g', '750 g')"): only rows of `width` values."""
    rows = []
    for name, values in re.findall(r"['‘\"“]([^'’\"”]{1,40})['’\"”]\s*\(((?:\s*['‘\"“][^'’\"”]{1,30}['’\"”]\s*,?)+)\)",
                                   text):
        cells = re.findall(r"['‘\"“]([^'’\"”]{1,30})['’\"”]", values)   # (every cell, 'Point' too)
        if len(cells) == width:
            rows.append([name.strip(), *cells])
    if rows:
        return rows
    for q in quoted_in(text):
        m = re.fullmatch(r"([^:/]{1,40}):\s*(.+)", q.strip())
        cells = [c.strip() for c in m[2].split(" / ")] if m else []
        if m and len(cells) == width and all(cells):
            rows.append([m[1].strip(), *cells])
    return rows


def _dashed(named: str, rest: str, header: list[str]) -> list[list[str]]:
    """Rows quoted whole with a dash between their cells ('1 - the', '2 - of'), all of one width, no wider than the
    header; or one row of values the columns hold ("columns 'Tens', 'Ones' holding 4, 5"), then rows of as many
    quoted cells."""
    quotes = quoted_in(rest)
    rows = [[c.strip() for c in re.split(r"\s+[–—-]\s+", q)] for q in quotes]
    if len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows) and 2 <= len(rows[0]) <= len(header):
        return rows
    width = len(header)
    held = re.search(r"['’\"”]\s*(?:holding|containing|with values|with the values|showing)\s+([^.;:'‘\"“]+)", named,
                     re.I)
    cells = [c.strip() for c in re.split(r",\s*(?:and\s+)?|\s+and\s+", held[1]) if c.strip()] if held else []
    if len(cells) != width:
        return []
    out = [cells]
    out += [quotes[k:k + width] for k in range(0, len(quotes) - width + 1, width)]
    return out


def _rows_of(text: str, width: int) -> list[list[str]]:
    """A table's rows when the note gives its columns and then each row as quoted cells ("Row 1: 'Instant cold
    pack', 'Ammonium nitrate dissolving', 'Absorbs heat'") or as one quote of a name and its values ('Set 1: 28,
    27, 2–0', 'Tetrahedron 4, 6, 4, 2'): only rows of as many cells as there are columns."""
    rows = [cells for row in re.findall(r"\brow\s+\d+\s*:\s*([^.]*(?:\.\d[^.]*)*)", text, re.I)
            if len(cells := quoted_in(row)) == width]
    if rows:
        return rows
    for q in quoted_in(text):
        m = re.fullmatch(r"([^,:]+?):\s*(.+)", q.strip()) or re.fullmatch(r"([^,\d]+?)\s+(\d.*)", q.strip())
        cells = [m[1].strip(), *(c.strip() for c in m[2].split(","))] if m else []
        if len(cells) == width and all(re.search(r"\d", c) for c in cells[1:]):
            rows.append(cells)
    return rows


def _grid(text: str) -> tuple[list[str], list[list[str]]] | None:
    """A grid described by its headers and then its cells in reading order ("Column headers 'P' and 'p' across the
    top, row headers 'P' and 'p' down the left. The cells fill in: 'PP', 'Pp', 'Pp', 'pp'"): each row with its
    name, every cell kept, repeats too (the second 'Pp' is what makes the 3:1)."""
    if not re.search(r"\b(?:grid|table|square|matrix)\b", text, re.I):
        return None
    parts = {}
    for which in ("column", "row"):
        m = re.search(which + r"s?\s+(?:headers?|headings?|labels?|names?)\s+((?:['‘\"“][^'’\"”]{1,20}['’\"”]"
                      r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)?){2,})",
                      text, re.I)
        if not m:
            return None
        parts[which] = (m.end(), re.findall(r"['‘\"“]([^'’\"”]{1,20})['’\"”]", m[1]))
    after = max(end for end, _ in parts.values())
    cells = re.findall(r"['‘\"“]([^'’\"”]{1,20})['’\"”]", text[after:])
    cols, rows = parts["column"][1], parts["row"][1]
    if len(cells) != len(cols) * len(rows) or len(rows) > 6 or len(cols) > 4:
        return None
    return ["", *cols], [[r, *cells[k * len(cols):(k + 1) * len(cols)]] for k, r in enumerate(rows)]
