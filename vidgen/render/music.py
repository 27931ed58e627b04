"""Music by mood: `--music mood:calm` (or `auto`) picks one of the bundled tracks.

The tracks come from the `immich-memories-music` package (PyPI): 28 pieces of about 30 s in
five moods, generated with ACE-Step 1.5 and released under the MIT licence (its LICENSE-MUSIC
file says so and that no third-party recording was sampled). A track is chosen by the script's
title, so a video keeps its music across renders and two videos in a row rarely share one;
the sound track loops it with equal-power crossfades, ducks it under speech and fades it out
(`vidgen.render.audio`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from vidgen.errors import BadInput

MOODS = ("calm", "energetic", "happy", "nostalgic", "tender")
PREFIX = "mood:"
# what `mood:auto` gives each kind of script the writers make (vidgen.writers.STYLES)
AUTO = {"explainer": "calm", "story": "tender", "countdown": "energetic", "myth-buster": "happy",
        "deep-dive": "calm"}
OFF = ("off", "none", "no")
SOURCE = "immich-memories-music (PyPI), https://github.com/sdumont/immich-video-memory-generator"
LICENCE = "MIT (generated with ACE-Step 1.5; no third-party recordings sampled)"


@dataclass(frozen=True)
class Track:
    path: Path
    mood: str | None             # None: the user's own file
    licence: str | None = None
    source: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"file": self.path.name, "mood": self.mood, "licence": self.licence, "source": self.source}


def is_mood(value: str | None) -> bool:
    return bool(value) and str(value).lower().startswith(PREFIX)


def check_mood(value: str) -> str:
    """`mood:NAME` → NAME (or `auto`); BadInput listing the moods otherwise."""
    mood = value[len(PREFIX):].strip().lower()
    choices = ", ".join(f"mood:{m}" for m in (*MOODS, "auto"))
    if not mood:
        raise BadInput("--music mood: needs a mood after the colon", f"use one of: {choices}")
    if mood not in (*MOODS, "auto"):
        raise BadInput(f"unknown mood {mood!r}", f"use one of: {choices}")
    return mood


def tracks_dir() -> Path:
    try:
        import immich_memories_music
    except ImportError:  # pragma: no cover - a dependency; doctor says how to install it
        raise BadInput("the bundled music is not installed", "pip install immich-memories-music, "
                       "or give --music a file of your own") from None
    return Path(immich_memories_music.tracks_dir())


def tracks(mood: str) -> list[Path]:
    return sorted((tracks_dir() / mood).glob("*.opus"))


def choose(value: str, title: str, style: str | None = None) -> Track:
    """The bundled track for `mood:NAME` (or `mood:auto`, by the script's style), chosen by title."""
    mood = check_mood(value)
    if mood == "auto":
        mood = AUTO.get(style or "", "calm")
    found = tracks(mood)
    if not found:
        raise BadInput(f"no bundled tracks for the mood {mood}", "reinstall immich-memories-music")
    pick = int(hashlib.sha256(title.encode("utf-8")).hexdigest(), 16) % len(found)
    return Track(found[pick], mood, LICENCE, SOURCE)
