"""A code block or a terminal session an animator's note shows ("Code block appears:", "The file app.py appears in
an editor:", "A terminal window shows '$ git merge ...'"): its lines, as written."""

from __future__ import annotations

import re

from vidgen.author.anim import bounded, quoted_in, sentences
from vidgen.visual.spec import MAX_ITEMS


def code(anim: str) -> list[str]:
    """A code block the note shows ("Code block appears: def f(x): ..."): its lines, at most 8 (one frame's worth)."""
    text = bounded(anim)
    # ('Code block appears:', 'The file app.py appears in an editor:', 'The terminal shows:'), then its lines
    m = re.search(r"\b(?:code|editor|terminal|console|shell)\b[^:\n]{0,80}:\s*\n", text, re.I)
    if not m:
        return _typed(text)
    lines: list[str] = []
    rest = text[m.end():].split("\n")
    for k, line in enumerate(rest):
        if not line.strip():
            # a blank line between a class's methods is in the block; one before prose or the end closes it
            after = next((x for x in rest[k + 1:] if x.strip()), "")
            if lines and not (after[:1].isspace() and lines[-1].strip()):
                break
            if lines:
                lines.append("")
            continue
        if re.match(r"\s*(?:```|~~~)", line):
            continue   # a Markdown fence ('```python') marks the block; it is not one of its lines
        # prose after the block ends it: a sentence of words, not a line of code or a file's marker ('=======')
        # (a sentence of six words or more that ends on a stop: 'The trailing '4' pulses in red. ...')
        if re.match(r"[A-Z][a-z]+(?: [a-z'’]+){3,}[^=(){};]*\.$", line.strip()) or \
                re.match(r"[A-Z][a-z]+ (?:\S+ ){5,}", line.strip()) and line.rstrip().endswith(".") and \
                not re.search(r"[=(){};]|>>>|\$ ", line):
            break
        lines.append(line.rstrip())
    if len(lines) > MAX_ITEMS:
        lines = [line for line in lines if line.strip()]   # (over a frame's worth, its blank lines go first)
    lines = lines[:MAX_ITEMS]   # a frame's worth: the spec's item limit
    while lines and not lines[-1].strip():
        lines.pop()
    return lines if len(lines) >= 2 else []


def _typed(text: str) -> list[str]:
    """Lines a terminal shows, quoted in the sentence that names it ("A terminal window shows '$ git merge
    feature-login' followed by the line 'CONFLICT ...'"), from the first command: its session, as code."""
    for sentence in sentences(text):
        if re.search(r"\b(?:terminal|console|shell|command line|command prompt)\b", sentence, re.I):
            quotes = quoted_in(sentence)
            first = next((k for k, q in enumerate(quotes) if re.match(r"[$>#]\s", q)), None)
            if first is not None and len(quotes) - first >= 2:
                return quotes[first:first + 8]
    return []
