"""The words that justify each derived element: verbatim spans of the scene's fields.

An element's evidence is what `vidgen show`, `vidgen check` and the studio point at ("the picture
says 'Version A' because the note says 'a bar chart comparing 'Version A' ...'"), and what tells
them an element went stale when the words changed. A quote is always an exact substring of its
field, so a checker can find it with `in`. An element the scene's words do not support at all is
dropped by `derive` rather than drawn.
"""

from __future__ import annotations

import re
from typing import Any

from vidgen.author import phrases as ph

MAX_QUOTE, MAX_EVIDENCE = 300, 8


def fields(scene: Any, title: str) -> dict[str, list[str]]:
    """Each source field as a list of texts a quote may come from (on_screen has one per line)."""
    return {"text": [scene.text or ""], "anim": [(scene.anim or "")[:20_000]],
            "on_screen": [line for line in scene.on_screen_lines() if line], "title": [title or ""]}


def _spans(text: str) -> list[str]:
    """The sentences and clauses of a field, verbatim."""
    parts = [p for p in re.split(r"(?<=[.!?;:])\s+|\n+", text) if p.strip()]
    return [p.strip() for p in parts]


def _window(span: str, words: set[str]) -> str:
    """At most MAX_QUOTE characters of a span, around the words it shares with a label (still verbatim)."""
    if len(span) <= MAX_QUOTE:
        return span
    lower = span.lower()
    at = min((lower.find(w) for w in words if lower.find(w) >= 0), default=0)
    start = max(0, at - 60)
    while start > 0 and span[start - 1] != " ":
        start -= 1
    cut = span[start:start + MAX_QUOTE]
    if start + MAX_QUOTE < len(span) and " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.strip()


# TeX that only sets out a formula (\frac{r}{n} is 'r/n', \mathrm{annual\ rate} is 'annual rate'); other commands
# name what they draw (\log, \sin, \pi) and are kept as letters
_SETTING = re.compile(r"\\(?:mathrm|frac|dfrac|sqrt|times|cdot|div|pm|mp|approx|neq|leq|geq|rightarrow|leftarrow|"
                      r"leftrightarrow|rightleftharpoons|propto|circ|colon|mid|left|right|ast)(?![A-Za-z])|\\[,;!: %]")
_SCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉ₐₑₒₓₕₖₗₘₙₚₛₜ−‐⁺⁻⁼₊₋₌", "01234567890123456789aeoxhklmnpst--+-=+-=")
_RESET = set("×·÷±∓≈≠≤≥→←↔⇌∝′’√°⁽⁾₍₎")   # symbols the formula reader sets as TeX commands


def _skeleton(text: str) -> tuple[str, list[int]]:
    """A formula's letters and digits, lower case, with where each stands in the text."""
    out, at = [], []
    for k, ch in enumerate(text):
        c = ch.translate(_SCRIPTS).lower()
        if c.isalnum() or c in "=<>+-" or (ord(c) > 127 and c not in _RESET and not c.isspace()):
            out.append(c)
            at.append(k)
    return "".join(out), at


def _formula_in(label: str, sources: dict[str, list[str]]) -> tuple[str, str] | None:
    """Where a field writes the formula a math label sets ('A = P(1 + r/n)^(nt)' for its \\frac{r}{n}): the
    span of the field from its first to its last letter, verbatim."""
    needle = _skeleton(_SETTING.sub(" ", label.replace("$", "")))[0]
    if len(needle) < 3:
        return None
    for source in ("on_screen", "anim", "text", "title"):
        for text in sources[source]:
            hay, at = _skeleton(text)
            k = hay.find(needle)
            if k >= 0:
                start, end = at[k], at[k + len(needle) - 1] + 1
                while start > 0 and text[start - 1] in "([|√−-±":   # the brackets and signs around it
                    start -= 1
                while end < len(text) and text[end] in ")]|⁺⁻′°%":
                    end += 1
                return source, text[start:end][:MAX_QUOTE]
    return None


def find(label: str, sources: dict[str, list[str]]) -> tuple[str, str] | None:
    """The best verbatim quote for a label: the label itself where a field says it, else the span of a field that
    names most of its meaning (at least half)."""
    plain = ph.plain(label).strip(" .")
    if not plain:
        return None
    bare = re.sub(r"[${}\\_]", "", plain)
    for source in ("on_screen", "anim", "text", "title"):
        for text in sources[source]:
            for needle in (plain, bare, label.strip()):
                at = text.lower().find(needle.lower()) if needle else -1
                if at >= 0 and needle:
                    return source, text[at:at + len(needle)][:MAX_QUOTE]
    if "$" in label:
        hit = _formula_in(label, sources)
        if hit:
            return hit
    words = ph.content_words(plain)
    best: tuple[float, str, str] | None = None
    for source in ("text", "anim", "on_screen", "title"):
        for text in sources[source]:
            for span in _spans(text):
                o = ph.overlap(plain, span)
                if o >= 0.5 and (best is None or o > best[0] + 1e-9):
                    best = (o, source, _window(span, words))
    return (best[1], best[2]) if best and best[2] else None


def for_element(element: dict[str, Any], sources: dict[str, list[str]], said: list[str]) -> list[dict[str, str]]:
    """Evidence for an element: a quote per item label (and its caption), else the sentences it is shown with
    when they share its meaning. Empty when nothing in the scene's words supports it."""
    out: list[dict[str, str]] = []
    labels = [str(i.get("label") or "") for i in element.get("items", [])]
    if element.get("kind") == "plot":
        labels = [str(i.get("detail") or "") for i in element.get("items", [])] or labels
    if element.get("kind") == "shapes":
        labels = [str(i.get("detail") or i.get("label") or "") for i in element.get("items", [])]
    for label in [*labels, str(element.get("caption") or "")]:
        hit = find(label, sources) if label else None
        if hit and all(e["quote"] != hit[1] for e in out):
            out.append({"source": hit[0], "quote": hit[1]})
    if not out:
        # a computed picture (vectors, a curve, matrices): the sentences it is shown with, if they share its words
        text = sources["text"][0]
        for sentence in said:
            s = sentence.strip()
            if s and s in text and all(e["quote"] != s for e in out):
                out.append({"source": "text", "quote": _window(s, set())})
    return out[:MAX_EVIDENCE]


def said_with(visual: dict[str, Any], element_id: str, sentences: list[str]) -> list[str]:
    """The narration sentences whose steps show an element (or its items)."""
    at = sorted({int(s["sentence"]) for s in visual.get("steps", [])
                 if str(s.get("target", "")).split(".")[0] == element_id})
    return [sentences[i] for i in at if i < len(sentences)][:3]
