"""Timing: every scene lasts its narration plus a short pause, never less than duration_sec.

Times come from the real duration of each spoken sentence, so captions stay in sync
without speech-to-text. Everything is counted in whole frames, so the video and audio
of each scene have exactly the same length.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from vidgen.script.sentences import spoken_seconds
from vidgen.script.words import Word

LEAD_IN = 0.35      # silence before the first sentence of a scene
GAP = 0.25          # between sentences
TAIL = 0.55         # after the last sentence, before the next scene


@dataclass
class Spoken:
    text: str
    start: float      # seconds from the start of the scene
    duration: float
    words: list[Word] = field(default_factory=list)   # timed from the sentence's start; none when estimated


@dataclass
class ScenePlan:
    index: int
    seq: int
    sentences: list[Spoken]
    frames: int
    start_frame: int = 0


def plan_scene(index: int, seq: int, sentences: list[tuple[str, float]], fps: int,
               min_seconds: float | None) -> ScenePlan:
    t = LEAD_IN
    spoken = []
    for i, (text, duration) in enumerate(sentences):
        spoken.append(Spoken(text, t, duration))
        t += duration + (GAP if i < len(sentences) - 1 else 0)
    total = max(t + TAIL, min_seconds or 0.0)
    return ScenePlan(index, seq, spoken, frames=max(1, math.ceil(total * fps)))


def estimated_plan(index: int, seq: int, sentences: list[str], fps: int, min_seconds: float | None) -> ScenePlan:
    """A scene timed from its word count: storyboards and previews that must not wait for a voice."""
    return plan_scene(index, seq, [(s, spoken_seconds(s)) for s in sentences], fps, min_seconds)


def place(plans: list[ScenePlan]) -> int:
    """Give each scene its first frame; returns the total frame count."""
    at = 0
    for plan in plans:
        plan.start_frame = at
        at += plan.frames
    return at


def fmt_time(seconds: float, sep: str) -> str:
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def to_srt(cues: list[Any]) -> str:
    return "\n".join(f"{i}\n{fmt_time(c.start, ',')} --> {fmt_time(c.end, ',')}\n" + "\n".join(c.lines) + "\n"
                     for i, c in enumerate(cues, 1))


def to_vtt(cues: list[Any]) -> str:
    body = "\n".join(f"{fmt_time(c.start, '.')} --> {fmt_time(c.end, '.')}\n" + "\n".join(vtt_lines(c)) + "\n"
                     for c in cues)
    return "WEBVTT\n\n" + body


def to_chapters(chapters: list[tuple[float, str]]) -> str:
    """`00:00 Title` lines, as video sites read chapters from a description (h:mm:ss past an hour)."""
    def stamp(t: float) -> str:
        s = int(t)
        return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60:02d}:{s % 60:02d}"
    return "".join(f"{stamp(t)} {title}\n" for t, title in chapters)


def ffmetadata(chapters: list[tuple[float, str]], end: float) -> str:
    """The MP4's chapters in ffmpeg's metadata format: one per scene, milliseconds."""
    def esc(text: str) -> str:
        return "".join("\\" + c if c in "=;#\\\n" else c for c in text)
    out = [";FFMETADATA1"]
    for k, (start, title) in enumerate(chapters):
        stop = chapters[k + 1][0] if k + 1 < len(chapters) else end
        out += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={int(round(start * 1000))}",
                f"END={int(round(stop * 1000))}", f"title={esc(title)}"]
    return "\n".join(out) + "\n"


def vtt_lines(cue: Any) -> list[str]:
    """The cue's lines with a WebVTT timestamp (`<00:00:01.250>`) before each word the voice starts later
    than the cue: players that show them follow the voice word by word. A timestamp must lie inside its
    cue and after the one before it; a word that would break that goes untagged."""
    marks = list(getattr(cue, "marks", None) or [])
    words = [line.split() for line in cue.lines]
    if len(marks) != sum(len(w) for w in words):
        return [_vtt_text(line) for line in cue.lines]
    out, k, last = [], 0, cue.start
    for line in words:
        parts = []
        for word in line:
            mark = marks[k]
            k += 1
            if k > 1 and mark is not None and last < mark < cue.end:  # the first word starts with the cue
                parts.append(f"<{fmt_time(mark, '.')}>{_vtt_text(word)}")
                last = mark
            else:
                parts.append(_vtt_text(word))
        out.append(" ".join(parts))
    return out


def _vtt_text(text: str) -> str:
    # "<" and "&" would open a tag or an entity in a cue's text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
