"""What comes in, checked before anything is stored: topics, variation counts, JSON typed by a person
or sent by a client, script versions, and notes documents (`vidgen.service` re-exports these)."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from vidgen.errors import BadInput
from vidgen.script.model import check_json

MAX_VARIATIONS = 5
MAX_TOPIC = 500
SOURCE_SUFFIXES = (".txt", ".md", ".markdown")
_TEXT_BYTES = bytes(range(32, 256)) + b"\t\n\f\r"  # deleted to count what is left: control bytes


def check_text(text: str, what: str) -> str:
    """Text that can be stored: a lone surrogate (an invalid UTF-8 byte, a bare \\ud800 escape) cannot."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise BadInput(f"{what} is not valid Unicode text (character {exc.start + 1} is a lone surrogate "
                       f"such as \\ud800, or a byte that is not UTF-8)", "send the text as UTF-8") from None
    return text


def check_topic(topic: Any) -> str:
    if not isinstance(topic, str) or not topic.strip():
        raise BadInput("the topic is empty", 'say what the video is about, e.g. "how rainbows form"')
    check_text(topic, "the topic")
    if any(unicodedata.category(c) == "Cc" and not c.isspace() for c in topic):
        raise BadInput("the topic contains control characters", "send the topic as plain text")
    if len(topic) > MAX_TOPIC:
        raise BadInput(f"the topic has {len(topic)} characters; the limit is {MAX_TOPIC}",
                       "give a shorter topic, or the longer text as notes to build the script from")
    return " ".join(topic.split())


def check_variations(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_VARIATIONS:
        raise BadInput(f"variations must be a whole number from 1 to {MAX_VARIATIONS}, not {n!r}")
    return n


def parse_json(text: str, what: str) -> Any:
    """JSON a person typed or a client sent; BadInput (never a crash) for anything it cannot be."""
    import json

    try:
        data = json.loads(text)
    except RecursionError:
        raise BadInput(f"{what} is nested too deeply to be a script", "send a flat JSON object") from None
    except ValueError as exc:
        raise BadInput(f"{what} is not valid JSON ({exc})", "fix the JSON and try again; nothing was changed") from None
    check_json(data, what)
    return data


def voice_file(voice: str) -> bool:
    """A voice named by a file (a Piper .onnx) rather than by name: over HTTP, files stay under VIDGEN_HOME."""
    return "/" in voice or "\\" in voice or voice.endswith(".onnx")


def check_version(value: Any) -> int:
    """A script version number from a flag, a query string or a JSON body: a whole number from 1."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BadInput(f"version must be a whole number from 1, not {value!r}")
    return value


def existing_file(path: str | Path, fix: str = "give the path of a file") -> Path:
    """A regular file the user named: one that is not there, and a folder or a device, say which they are."""
    p = Path(path)
    if p.is_file():
        return p
    if p.exists():
        kind = "a folder" if p.is_dir() else "a device or other special file"
        raise BadInput(f"{p} is not a file (it is {kind})", fix)
    raise BadInput(f"the file {p} does not exist", fix)


def read_source(path: str | Path) -> str:
    """A .txt or .md document to build the narration from; the text rules are `check_source_text`'s."""
    from vidgen.writers.notes import MAX_SOURCE_BYTES, check_source_text, too_big

    p = existing_file(path, "give the path of a .txt or .md file")
    if p.suffix.lower() not in SOURCE_SUFFIXES:
        raise BadInput(f"{p.name} is not a .txt or .md file", "save your notes as plain text or Markdown")
    size = p.stat().st_size
    if size == 0:
        raise BadInput(f"{p.name} is empty", "write your notes in it: a heading and a few sentences")
    if size > MAX_SOURCE_BYTES:  # refused before reading it into memory
        raise too_big(p.name, size)
    raw = p.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadInput(f"{p.name} is UTF-16 text, not UTF-8", "save it as UTF-8 (your editor's Save As / Encoding)")
    controls = len(raw.translate(None, _TEXT_BYTES))
    if b"\x00" in raw or controls > max(4, len(raw) // 200):
        raise BadInput(f"{p.name} is a binary file, not text", "give a plain-text .txt or .md file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{p.name} is not UTF-8 text (byte {exc.start} is not valid UTF-8)",
                       "save it as UTF-8 (your editor's Save As / Encoding)") from None
    return check_source_text(text, name=p.name)
