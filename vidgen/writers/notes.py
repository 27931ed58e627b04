"""A user's notes as a script (`--from notes.md`, or `source` over HTTP), offline and deterministic.

The notes decide the script's shape: one scene per section, in the notes' order, the section's
heading on screen and its sentences said in their original order. A long section is cut into
consecutive scenes (at most ~5 sentences / 600 characters, at paragraph and list boundaries); a
section too small to stand alone joins its neighbour. Text without headings is read paragraph
by paragraph. Sentences are never moved from one section to another.

The variations differ in length and angle, never by shuffling:

0. full walk-through: every sentence;
1. short version: the key sentence of each section;
2. key facts: within each section, the sentences with numbers, dates and definitions;
3. summary: the two key sentences of each section;
4. highlights: the few most central sentences of the whole document.

Every variation chooses sentences and says them in the document's order; none reorders them.
A listing or table longer than a frame is shown a part at a time, each part with its own sentence,
so a scene ends where the next part begins.

`script_from_notes` returns the script with a `_note` key: how this variation was made, one
line for the version history. The service pops it before validating and storing the script.
"""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path
from typing import Any

from vidgen.errors import BadInput
from vidgen.script.sentences import split_sentences
from vidgen.writers.notes_choose import Scorer, select, top
from vidgen.writers.notes_labels import headline
from vidgen.writers.notes_markup import skipped_line
from vidgen.writers.notes_md import Block, Notes, Sentence
from vidgen.writers.notes_parts import parse_notes
from vidgen.writers.notes_visual import picture

MAX_SOURCE_BYTES = 1_000_000
SCENE_SENTENCES, SCENE_CHARS = 5, 600
TINY_CHARS = 160  # a section under this (and under 2 sentences) is too small for a scene of its own
MAX_SCENES = 50
MAX_TITLE = 100
VARIATIONS = ("full walk-through", "short version", "key facts", "summary", "highlights")

# -- input ----------------------------------------------------------------------------------------
def check_source_text(text: Any, *, name: str = "the document") -> str:
    """Notes fit to build a script from, cleaned (no BOM, \\n line ends); else BadInput with one line.

    The same rule for a file (`read_source`) and a `source` string sent over HTTP: not empty, at most
    1 MB, text rather than binary data, and at least one sentence to say.
    """
    if not isinstance(text, str):
        raise BadInput(f"{name} must be text", "send the notes as a string of plain text or Markdown")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise BadInput(f"{name} is not valid Unicode text", "save it as UTF-8 and send it again") from None
    if size > MAX_SOURCE_BYTES:
        raise too_big(name, size)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise BadInput(f"{name} is empty", "write your notes in it: a heading and a few sentences")
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t\f")
    if "\x00" in text or controls > max(4, len(text) // 200):
        raise BadInput(f"{name} looks like binary data, not text", "give a plain-text .txt or .md file")
    text = _clean(text)
    notes = parse_notes(text)
    if not any(any(c.isalnum() for c in s.text) for s in notes.sentences):  # "Cats sleep." is a sentence
        raise BadInput(f"{name} has no sentences to narrate",
                       "write the notes as sentences or list items; headings, code and tables are only shown")
    return text


def _clean(text: str) -> str:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if unicodedata.category(c) != "Cc" or c in "\n\t")


def skipped_in(source: str) -> str | None:
    """What the notes hold that a video neither shows nor says, in one line ("skipped 12 include
    directives, 3 raw HTML blocks"), or None. The same cleaning as `check_source_text`, so the
    parse it checked is the one counted (and cached)."""
    return skipped_line(parse_notes(_clean(source)).skipped)


def too_big(name: str, size: int) -> BadInput:
    return BadInput(f"{name} is {size:,} bytes; the limit is {MAX_SOURCE_BYTES:,} bytes (1 MB)",
                    "split the notes into smaller files, one video each")


def title_for(topic: str | None, source: str, filename: str | None) -> str:
    """The script's title. The rule, first that applies:

    1. a topic the user gave (on the command line or in the request) — as typed;
    2. the notes' first heading (or the `title:` of YAML front matter when there is no heading);
    3. the file's name: `my-notes.md` -> "My notes";
    4. the first words of the first sentence.

    A caller with no topic passes None (or ""): the CLI must not turn the file name into a topic
    itself, or the heading never gets its turn.
    """
    if topic and topic.strip():
        return _cut(" ".join(topic.split()), MAX_TITLE)
    try:
        notes = parse_notes(source.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    except Exception:  # a title never fails a script; the checks say what is wrong with the notes
        notes = None
    if notes and notes.title and notes.title.strip():
        return _cut(notes.title.strip(), MAX_TITLE)
    if filename:
        stem = " ".join(re.sub(r"[-_.]+", " ", Path(filename).stem).split())
        if stem:
            return stem[:1].upper() + stem[1:]
    if notes and notes.sentences:
        return headline(notes.sentences[0].text, 8, 60) or "Notes"
    return "Notes"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:—–-")


# -- scenes ---------------------------------------------------------------------------------------
def _chars(sents: list[Sentence]) -> int:
    return sum(len(s.text) + 1 for s in sents)


def _fits(sents: list[Sentence]) -> bool:
    return len(sents) <= SCENE_SENTENCES and _chars(sents) <= SCENE_CHARS


def _parts(notes: Notes) -> list[list[int]]:
    """Sections grouped into scenes' worth: a tiny section joins its neighbour when both fit one scene."""
    def tiny(k: int) -> bool:  # one short sentence and nothing to show: not worth a scene of its own
        sec = notes.sections[k]
        return (len(sec.sentences) < 2 and _chars(sec.sentences) < TINY_CHARS
                and not any(b.kind != "para" for b in sec.blocks))

    parts: list[list[int]] = []
    for i, sec in enumerate(notes.sections):
        mine = sec.sentences
        if parts:
            prev = [s for k in parts[-1] for s in notes.sections[k].sentences]
            if (not mine or tiny(i) or all(tiny(k) for k in parts[-1])) and _fits(prev + mine):
                parts[-1].append(i)
                continue
        parts.append([i])
    return parts


def _grouped(parts: list[list[int]]) -> list[list[int]]:
    """Very many sections: neighbours share scenes, in order, so that the script keeps to 50 scenes."""
    if len(parts) <= MAX_SCENES - 2:
        return parts
    size = math.ceil(len(parts) / (MAX_SCENES - 2))
    return [[k for p in parts[j:j + size] for k in p] for j in range(0, len(parts), size)]


def _runs(sents: list[Sentence], breaks: set[int]) -> list[list[Sentence]]:
    """Consecutive sentences of one paragraph or list; a sentence just before a list goes with the list
    (it usually introduces it). A sentence that turns a listing's page starts a run of its own."""
    runs: list[list[Sentence]] = []
    for s in sents:
        if runs and runs[-1][-1].block == s.block and s.pos not in breaks:
            runs[-1].append(s)
        else:
            runs.append([s])
    for k in range(len(runs) - 1, 0, -1):
        if runs[k][0].item is not None and runs[k - 1][-1].item is None and len(runs[k - 1]) > 1:
            runs[k].insert(0, runs[k - 1].pop())
    return runs


def _balanced(run: list[Sentence]) -> list[list[Sentence]]:
    pieces = max(math.ceil(len(run) / SCENE_SENTENCES), math.ceil(_chars(run) / SCENE_CHARS), 1)
    while True:
        size = math.ceil(len(run) / pieces)
        out = [run[j:j + size] for j in range(0, len(run), size)]
        if all(len(p) == 1 or _fits(p) for p in out) or size == 1:
            return out
        pieces += 1


def _chunks(sents: list[Sentence], breaks: set[int] = frozenset()) -> list[list[Sentence]]:  # type: ignore[assignment]
    """Consecutive scenes of at most ~5 sentences / 600 characters, cut between paragraphs and lists, and
    before each sentence in `breaks` (the next part of a listing or table is shown with it)."""
    chunks: list[list[Sentence]] = []
    current: list[Sentence] = []
    for run in _runs(sents, breaks):
        for piece in _balanced(run):
            if current and (not _fits(current + piece) or piece[0].pos in breaks):
                chunks.append(current)
                current = []
            current = current + piece
    if current:
        chunks.append(current)
    return chunks


def _index(texts: list[str]) -> list[int]:
    """Each sentence's number in the narration, split exactly as the captions split it."""
    return [len(split_sentences(" ".join(texts[:j + 1]))) - 1 for j in range(len(texts))]


def script_from_notes(topic: str | None, source: str, style: int, *, filename: str | None = None
                      ) -> dict[str, Any]:
    """One variation of a script from notes; `_note` in the result says how it was made."""
    text = check_source_text(source)
    notes = parse_notes(text)
    style = style % len(VARIATIONS)
    score = Scorer(notes)
    blocks = {b.id: b for sec in notes.sections for b in sec.blocks}
    every = list(blocks.values())
    breaks = {p for b in every for p in b.part_anchors[1:] if p >= 0}
    merged = _parts(notes)
    parts = _grouped(merged)
    per_sections = [[s for k in p for s in notes.sections[k].sentences] for p in parts]
    trimmed: int | None = None
    if style == 4:
        n = max(3, min(8, len(parts)))
        keep = {s.pos for s in top(notes.sentences, n, score)}
        chosen = [[s for s in sents if s.pos in keep] for sents in per_sections]
        scenes_of = [_chunks(c, breaks) for c in chosen]
    else:
        per_part: int | None = None
        while True:
            chosen = [[s for k in p for s in select(style, [notes.sections[k].sentences], score, blocks,
                                                                per_part)[0]] for p in parts]
            scenes_of = [_chunks(c, breaks) for c in chosen]
            if sum(len(c) for c in scenes_of) <= MAX_SCENES or per_part == 1:
                break
            per_part = SCENE_SENTENCES if per_part is None else per_part - 1
            trimmed = per_part
    scenes: list[dict[str, Any]] = []
    kinds: list[str] = []
    dropped: list[str] = []
    for sents, chunks in zip(per_sections, scenes_of, strict=True):
        part_positions = [s.pos for s in sents]
        bounds = [min(s.pos for s in c) for c in chunks]
        for j, chunk in enumerate(chunks):
            if len(scenes) >= MAX_SCENES:
                dropped.append("the end of the notes (a script has at most 50 scenes)")
                break
            lo = part_positions[0] if j == 0 else bounds[j]
            hi = bounds[j + 1] if j + 1 < len(chunks) else part_positions[-1] + 1
            covered = set(range(lo, hi)) | {s.pos for s in chunk}
            lead = sents[0].section if j == 0 else min(chunk, key=lambda s: s.pos).section
            scenes.append(_scene(len(scenes) + 1, notes, chunk, lead, covered, every, kinds, dropped))
    title = title_for(topic, text, filename)
    suffix = ("", ", in short", ": key facts", ": summary", ": highlights")[style]
    said = sum(len(s["text"]) for s in scenes)
    return {"title": _cut(title, MAX_TITLE) + suffix, "scenes": scenes,
            "_note": _note(style, notes, merged, len(parts), scenes, said, kinds, dropped, trimmed)}


def _scene(seq: int, notes: Notes, chunk: list[Sentence], lead: int, covered: set[int], blocks: list[Block],
           kinds: list[str], dropped: list[str]) -> dict[str, Any]:
    """One scene; `lead` is the section whose heading it shows (the first of those it stands for)."""
    texts = [s.text for s in chunk]
    index = dict(zip((s.pos for s in chunk), _index(texts), strict=True))
    first = min(chunk, key=lambda s: s.pos)
    # a section without a heading (an essay's paragraph) is headed by complete words of its first sentence,
    # or by nothing: 'When I am' would be a headline cut from a sentence
    heading = notes.sections[lead].heading or headline(first.text if first.section == lead else
                                                       notes.sections[lead].sentences[0].text, 6, 48)
    others = [notes.sections[k].heading for k in sorted({s.section for s in chunk} - {lead})
              if notes.sections[k].heading]
    pic = picture(heading, chunk, index, blocks, covered)
    dropped.extend(f"scene {seq}: {d}" for d in pic.dropped)
    scene: dict[str, Any] = {"seq": seq, "text": " ".join(texts), "anim": pic.anim,
                             "layout": "title_and_main_content",
                             # slides show a headline + 4
                             "on_screen": [x for x in (heading, *others, *pic.lines) if x][:5]}
    if pic.visual:
        scene["visual"] = pic.visual
        kinds.extend(f"{e['kind']} ({heading})" for e in pic.visual["elements"])
        if pic.visual["layout"] == "split":
            scene["layout"] = "split_screen"
    return scene


def _note(style: int, notes: Notes, merged: list[list[int]], n_parts: int, scenes: list[dict[str, Any]],
          said: int, kinds: list[str], dropped: list[str], trimmed: int | None) -> str:
    unit = "paragraphs" if notes.by_paragraph else "sections"
    n_sec = len(notes.sections)
    total = len(notes.sentences)
    used = sum(len(split_sentences(s["text"])) for s in scenes)
    every = ("every sentence said in its original order" if not trimmed else
             f"the notes are long, so each {unit[:-1]} keeps its {trimmed} most central sentences, in their order")
    how = {
        0: f"Full walk-through of the notes: {n_sec} {unit} in their order became {len(scenes)} scenes, {every}",
        1: f"Short version: the key sentence of each of the {n_sec} {unit} (the one sharing most words with "
           f"the rest of the notes; a section's first sentence is favoured), in document order",
        2: f"Key facts: within each of the {n_sec} {unit}, the sentences with numbers, dates and definitions "
           f"(at most 3), or its key sentences up to two, said in the notes' order (a fact opening with 'it' or "
           f"'this' keeps the sentence before it)",
        3: f"Summary: the two key sentences of each of the {n_sec} {unit}, in document order",
        4: "Highlights: the notes' most central sentences overall, each in its section's scene, in document order",
    }[style]
    parts_text = [f"{how} ({used} of {total} sentences, {said} characters)."]
    small = sum(len(p) - 1 for p in merged)
    if small:
        parts_text.append(f"{small} small {unit if small > 1 else unit[:-1]} shared a scene with a neighbour.")
    if n_parts < len(merged):
        parts_text.append(f"The notes have more {unit} than a script has scenes (50), so neighbouring {unit} "
                          f"share scenes, in order.")
    if trimmed and style:
        parts_text.append(f"The notes are long: each section keeps its {trimmed} most central sentences, "
                          f"in their order.")
    if kinds:
        parts_text.append(f"Pictures from the notes' structure: {', '.join(kinds[:8])}"
                          f"{' and more' if len(kinds) > 8 else ''}.")
    if dropped:
        parts_text.append(f"Left out: {'; '.join(dropped[:4])}{' …' if len(dropped) > 4 else ''}.")
    skipped = skipped_line(notes.skipped)
    if skipped:
        parts_text.append(f"From the notes' markup, {skipped} (not shown or said).")
    return " ".join(parts_text)
