"""A timed word of the narration: what the script says, what the voice said for it, and when.

One entry of `<video>.words.json`. `word` is as written (the captions' text, joined by spaces,
is the words in order); `spoken` is what the voice said for it ("1666" -> "sixteen sixty-six").
A reading that spans written words makes one entry of them ("3:30 pm"), and a mark with nothing
to say ("—") belongs to the word before it: an entry is the smallest part a timing can tell
apart. Times are seconds; from the start of the sentence in the voice's results, of the video
once placed (`shifted`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Word:
    word: str
    spoken: str
    start: float
    end: float

    def shifted(self, seconds: float) -> Word:
        return replace(self, start=self.start + seconds, end=self.end + seconds)

    def as_dict(self) -> dict:
        return {"word": self.word, "spoken": self.spoken, "start": round(self.start, 3), "end": round(self.end, 3)}
