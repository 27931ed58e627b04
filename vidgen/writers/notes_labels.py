"""Labels cut from the notes' own words: a phrase that ends where its meaning does, a key line, a cell.

A label never says the opposite of its sentence: a cut never falls just before a negation
("Integer overflow does | not panic" is not a label), so a negation stays with what it negates.
"""

from __future__ import annotations

import re

_TAIL = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "by", "with", "from", "as", "is",
         "are", "was", "were", "that", "which", "its", "their", "his", "her", "our", "your", "into", "than", "so",
         "but", "be", "this", "these", "it", "they", "we", "can", "will", "has", "have", "had", "not", "until",
         "while", "when", "if", "because", "after", "before", "then", "over", "under", "about", "through",
         "without", "within", "up", "out", "there", "here", "who", "whom", "what", "where", "why", "how"}
_CLAUSE = (": ", "; ", " — ", " – ", ", ", " (", " because ", " which ", " so that ", " when ", " while ")
_NEGATION = re.compile(r"(?i)^(?:not|never|no|nor|neither|cannot|without|none|nothing|nobody|nowhere|\w+n't|\w+n’t)"
                       r"[,;:.]?$")
_NUMBER = re.compile(r"^[~≈<>]?\s*([-+]?)[$£€]?\s*(\d[\d,]*(?:\.\d+)?)\s*(%|[A-Za-zµ°/]{0,8})$")

def phrase(text: str, max_words: int = 6, max_chars: int = 48) -> str:
    """A label cut from a sentence: its first clause, ended where a phrase ends (before 'and', 'in', 'for'
    ... or at the clause's end), at most `max_words` words: "Shape it into a tight ball", not "Shape it into"."""
    t = text.strip().rstrip(".!?…").strip()
    cuts = [t.find(sep) for sep in _CLAUSE]
    cuts = [c for c in cuts if c > 0 and len(t[:c].split()) >= 2]
    if cuts:
        t = t[:min(cuts)]
    words = t.split()
    best = 0
    for n in range(1, min(len(words), max_words) + 1):
        if len(" ".join(words[:n])) > max_chars:
            break
        last = words[n - 1].lower().strip(",;:")
        ends = n == len(words) or words[n].lower() in _TAIL or words[n - 1][-1] in ",;:"
        if last not in _TAIL and not _NEGATION.match(last) and ends and not _negated_after(words, n):
            best = n
    if best < 2 < len(words):  # no clean phrase end in reach: the first words, without a dangling 'the'
        cut = words[:max_words]
        while len(" ".join(cut)) > max_chars and len(cut) > 1:
            cut.pop()
        while len(cut) > 1 and (cut[-1].lower().strip(",;:") in _TAIL or _NEGATION.match(cut[-1]) or
                                _negated_after(words, len(cut))):
            cut.pop()
        best = len(cut)
    return " ".join(words[:max(best, 1)]).strip(" ,;:—–-")[:max_chars]


def _negated_after(words: list[str], n: int) -> bool:
    """Whether cutting after the n-th word would leave out the negation that follows it: "Integer overflow
    does" | "not panic" would put the opposite of the sentence on screen."""
    return n < len(words) and bool(_NEGATION.match(words[n]))


def key_line(sentence: str) -> str:
    """An on-screen line from a sentence: the sentence itself when short, else its first clause when that
    stands alone, else a phrase of it that ends where its meaning does (`complete_line`); otherwise nothing
    (a cut-off fragment reads worse than no line)."""
    text = sentence.strip().rstrip(".!…")
    if re.match(r"(?i)(it|this|that|these|those|they|then|by then|later|so|but|and)\b", text):
        return ""  # leans on the sentence before it; alone on screen it means nothing
    return complete_line(text, 10, 64)


def headline(sentence: str, words: int = 6, chars: int = 48) -> str:
    """A headline from a sentence: its opening phrase when that ends where a phrase does (before 'in', 'of',
    'and' ..., at a clause's end) and stands alone ('Honey bees live in colonies'), else `complete_line`."""
    from vidgen.author.complete import leads, on_screen_ok

    text = " ".join(sentence.split()).rstrip(".!…")
    head = phrase(text, words, chars)
    after = text[len(head):].split()[:1] if text.startswith(head) else ["?"]
    ends = not after or after[0].lower() in _TAIL or head[-1:] in ",;:" or text[len(head):][:1] in ",;:"
    if head and ends and len(head.split()) >= 2 and on_screen_ok(head) and not leads(head):
        return head
    return complete_line(text, words, chars)


def complete_line(sentence: str, words: int = 8, chars: int = 48) -> str:
    """Complete words of a sentence in at most `words` words and `chars` characters: the sentence whole, a
    clause that stands as a sentence, or a phrase that ends where its meaning does and does not only lead a
    clause ('Over a year in the UK', 'When I am' are not lines); '' when none does."""
    from vidgen.author.complete import in_conditional_clause, leads, on_screen_ok, shorten, whole_clause, whole_sentence

    text = " ".join(sentence.split()).rstrip(".!…")
    # its first clause, up to a comma or dash, when it is a sentence of its own that no condition governs ('A paper
    # map shows you everything at once', and it does not know where you are)
    first = re.split(r"(?:,|;|:| —| –)\s", text, maxsplit=1)[0]
    clause = first if first != text and len(first.split()) >= 3 and not in_conditional_clause(first, text) and \
        not re.match(r"(?i)(when|if|because|as|since|while|although|by|after|before|for|the first|in|so|but|and)\b",
                     first) else ""
    for line in (whole_sentence(text, words), whole_clause(text, words), whole_sentence(clause, words),
                 shorten(text, min(words, 8))):
        line = line.rstrip(" ,;:")
        if line and len(line) <= chars and on_screen_ok(line) and not leads(line):
            return line
    return ""


def short(text: str, limit: int = 80) -> str:
    """`text` in at most `limit` characters, in complete words: whole when it fits, else its leading whole
    sentences, else its first sentence's first clause or a phrase that ends where its meaning does; '' when
    none fits. Never cut at a width: a line that breaks off in '…' says less than no line."""
    from vidgen.author.complete import fit_chars, whole_clause
    from vidgen.script.sentences import split_sentences

    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = split_sentences(text)
    kept = ""
    for sentence in sentences:
        more = f"{kept} {sentence}".strip()
        if len(more) > limit:
            break
        kept = more
    if kept:
        return kept
    first = sentences[0] if sentences else text
    clause = whole_clause(first, max(2, limit // 5))
    if clause and len(clause) <= limit:
        return clause
    return fit_chars(first.rstrip(".!"), limit)


def safe(label: str) -> str:
    """A label that is not math must not look like math to the checker (two $ signs): money keeps its sign
    as the full-width dollar, which reads the same."""
    return label.replace("$", "＄")


def norm(text: str) -> str:
    return " " + " ".join(re.findall(r"[^\W_]+", text.lower())) + " "


def number(cell: str) -> float | None:
    m = _NUMBER.match(cell.strip().replace("＄", "$"))
    if not m:
        return None
    return float(m[1] + m[2].replace(",", ""))


def label(text: str, words: int = 6, chars: int = 48) -> str:
    """A cell or an item as a label: whole when it is short enough, else its first clause."""
    text = " ".join(text.split()).rstrip(".")
    if len(text) <= chars:
        return text
    # its leading whole sentence, or an opening phrase that stands alone; a cut at the first clause else
    return short(text, chars).rstrip(".") or headline(text, words, chars) or phrase(text, words, chars)


YEAR_CELL = re.compile(r"\s*(?:(1\d{3}|20\d{2})s?|\d{1,4}\s?BCE?)\s*")
_KEY_HEADS = {"term", "name", "key", "field", "option", "flag", "command", "type", "literal", "symbol", "word",
              "property", "parameter", "setting", "method", "function", "variable", "operator", "keyword", "step",
              "item", "feature", "attribute", "column", "code", "unit", "abbreviation", "element", "tag"}
_VALUE_HEADS = {"meaning", "description", "definition", "value", "example", "effect", "purpose", "notes", "note",
                "use", "result", "default", "output", "explanation", "means", "does", "what", "returns"}


GRID_CHARS = 44  # a row whose cells, joined, fit this is one line of a grid ("8-bit · i8 · u8")


def table_kind(rows: list[list[str]]) -> str:
    """How a table is drawn: timeline, bars, compare, grid (one line per row, the header row as its caption)
    or list (a point per row, the other cells with their column's name as its detail)."""
    rows = [r for r in rows if any(c.strip() for c in r)]
    if len(rows) < 2:
        return "none"
    head, body = rows[0], rows[1:]
    if len(head) != 2 or any(len(r) < 2 for r in body):
        return _rows_kind(body)
    cols = [[r[c] for r in body] for c in (0, 1)]
    for years, other in ((0, 1), (1, 0)):
        if all(YEAR_CELL.fullmatch(v) for v in cols[years]) and any(number(v) is None for v in cols[other]):
            return "timeline"
    if any(all(number(v) is not None for v in cols[c]) and any(number(v) is None for v in cols[1 - c])
           for c in (0, 1)):
        return "bars"
    heads = [h.lower().split()[0] if h.split() else "" for h in head]
    words = [sum(len(v.split()) for v in col) / len(col) for col in cols]
    if heads[0] in _KEY_HEADS or heads[1] in _VALUE_HEADS or (words[0] < 2 and words[1] >= 3):
        return _rows_kind(body)  # a name and what it means: row by row, not two columns
    return "compare"


def _rows_kind(body: list[list[str]]) -> str:
    return "grid" if all(len(" · ".join(c.strip() for c in r)) <= GRID_CHARS for r in body) else "list"


def rows_per_part(rows: list[list[str]]) -> int:
    """Rows a frame shows: a comparison shows each row twice (once per side), a list each with a sub-line."""
    return 4 if table_kind(rows) in ("compare", "list") else 8
