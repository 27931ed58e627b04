"""Voices, behind the provider registry (`vidgen.registry`): piper (neural, offline), pyttsx3
(espeak-ng, offline), gemini, mock, and plugins through the `vidgen.voices` entry point group.

A voice turns one sentence into mono float32 samples at SAMPLE_RATE. Synthesis goes
sentence by sentence: that is what makes pyttsx3 reliable, and each sentence's exact
duration is what times the captions. Results are cached on disk by content, so an
edited script only re-speaks the sentences that changed.

What a voice is given is the sentence as it is *said* (`pronounce.reading`: "3.5 km" ->
"three point five kilometres"); the captions keep the sentence as written.

Every sentence's words are timed too (`VoiceCache.say` -> `Speech.words`): a voice that knows
when it says each word (Piper, from its phoneme alignment) has `speak_timed`; for any other the
words are spread over its audio (`align.spread`). The timings are cached beside the samples.

The default provider ("auto") is piper for the languages its configured voice speaks (the
bundled voice: English) when piper is installed, and pyttsx3 otherwise: `default_provider`.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from vidgen.config import Settings
from vidgen.errors import BadInput, disk_full, is_disk_full
from vidgen.registry import Provider, Registry
from vidgen.script.sentences import split_sentences  # noqa: F401  (re-exported: the voice's split)
from vidgen.script.words import Word

SAMPLE_RATE = 44100
DEFAULT_VOICES = {"piper": "vidgen.voice.piper", "pyttsx3": "vidgen.voice.espeak", "gemini": "vidgen.voice.gemini",
                  "mock": "vidgen.voice.mock"}
RATES = (0.5, 2.0)      # speaking rate: 1.0 normal, 2.0 twice as fast
PAUSE_SECONDS = 0.3     # what a sentence with nothing to say ("…", "—") becomes


class Voice(Provider, Protocol):
    """A provider (name, summary, options, check) that speaks sentences."""

    def key(self, voice: str | None, language: str) -> str:
        """What, besides the text, changes the sound (for the cache); BadInput for an unknown voice."""

    def speak(self, sentence: str, voice: str | None, language: str, rate: float = 1.0) -> np.ndarray:
        """Mono float32 samples at SAMPLE_RATE; `rate` > 1 speaks faster (voices that cannot, ignore it)."""

    @classmethod
    def listing(cls, settings: Settings) -> dict[str, Any]:
        """What `vidgen voices` and the studio's picker show of it: {name, label, ready, detail, fix, voices,
        languages, default_voice, rate, offline} (`voice.catalog`; a plugin without one is listed from
        its `check`)."""

    # optional, for a voice that knows when it says each word:
    # speak_timed(sentence, voice, language, rate) -> (samples, [(start, end) sample of each of
    # sentence.split()'s words] or None when it could not tell this time)



VOICES: Registry[Voice] = Registry("voice provider", "vidgen.voices", DEFAULT_VOICES,
                                   {"espeak": "pyttsx3", "espeak-ng": "pyttsx3", "offline": "pyttsx3"})
register = VOICES.register


def names() -> list[str]:
    return [*VOICES.names(), "auto"]


def provider_name(name: str | None) -> str:
    """The registry name for what a user typed (espeak -> pyttsx3; nothing -> auto); BadInput when unknown."""
    name = (name or "").strip().lower()
    if name in ("", "auto", "default"):
        return "auto"
    return VOICES.canonical(name)


def piper_speaks(settings, language: str) -> bool:
    """Whether piper is installed and its configured voice (VIDGEN_PIPER_VOICE or the bundled one)
    speaks `language`. Cheap: reads the voice's small JSON, loads no model."""
    from vidgen.voice import piper

    if not piper.installed():
        return False
    try:
        vf = piper.default_voice(settings)
    except BadInput:  # a broken VIDGEN_PIPER_VOICE: choosing piper would only fail later
        return False
    return vf.family == piper.language_family(language or "en")


def default_provider(settings, language: str = "en", requested: str | None = None) -> str:
    """The voice provider a render uses: `requested` (--tts / config) if given, else TTS_PROVIDER if
    set, else piper where its voice speaks the language (English, when it is installed), else pyttsx3."""
    for choice in (requested, getattr(settings, "tts_provider", None)):
        name = provider_name(choice)
        if name != "auto":
            return name
    return "piper" if piper_speaks(settings, language) else "pyttsx3"


def get_voice(name: str, settings: Settings, language: str | None = None) -> Any:
    name = provider_name(name)
    if name == "auto":
        if language is None:
            return AutoVoice(settings)
        name = default_provider(settings, language)
    return VOICES.create(name, settings)


class AutoVoice:
    """The default provider, chosen per language at the time of speaking: a caller that does not
    resolve the provider itself (default_provider) still gets piper for English, espeak for German."""

    name = "auto"

    def __init__(self, settings):
        self.settings = settings
        self._voices: dict[str, Voice] = {}

    def resolve(self, language: str) -> Voice:
        chosen = default_provider(self.settings, language)
        if chosen not in self._voices:
            self._voices[chosen] = get_voice(chosen, self.settings)
        return self._voices[chosen]

    def key(self, voice, language) -> str:
        inner = self.resolve(language)
        return f"{inner.name}\0{inner.key(voice, language)}"

    def speak(self, sentence: str, voice, language, rate: float = 1.0) -> np.ndarray:
        return _speak(self.resolve(language), sentence, voice, language, rate)

    def speak_timed(self, sentence: str, voice, language, rate: float = 1.0) -> tuple[np.ndarray, list | None]:
        return _speak_timed(self.resolve(language), sentence, voice, language, rate)


def _speak(voice: Voice, text: str, voice_name: str | None, language: str, rate: float) -> np.ndarray:
    # a voice registered by others may predate `rate`: it is only passed when it matters
    if rate == 1.0:
        return voice.speak(text, voice_name, language)
    return voice.speak(text, voice_name, language, rate=rate)


def _speak_timed(voice: Voice, text: str, voice_name: str | None, language: str,
                 rate: float) -> tuple[np.ndarray, list | None]:
    timed = getattr(voice, "speak_timed", None)
    if timed is None:
        return _speak(voice, text, voice_name, language, rate), None
    return timed(text, voice_name, language, rate)


def check_rate(rate) -> float:
    try:
        value = float(rate)
    except (TypeError, ValueError):
        raise BadInput(f"rate must be a number such as 1.0, not {rate!r}") from None
    if not RATES[0] <= value <= RATES[1]:
        raise BadInput(f"rate {value:g} is out of range", f"use {RATES[0]} (slow) to {RATES[1]} (fast); 1.0 is normal")
    return value


def _smooth(n: int) -> int:
    """The least number >= n with no prime factor over 5."""
    while True:
        m = n
        for p in (2, 3, 5):
            while m % p == 0:
                m //= p
        if m == 1:
            return n
        n += 1


def resample(samples: np.ndarray, rate: int) -> np.ndarray:
    """To SAMPLE_RATE, band-limited (by FFT): linear interpolation would mirror 22 kHz speech's
    top octave into audible hiss. Edges are padded so the FFT's wrap-around stays silent."""
    if rate == SAMPLE_RATE or samples.size == 0:
        return samples.astype(np.float32, copy=False)
    pad = 64
    # the padded length: a multiple of the input's step (so the output length is exact) whose other factor
    # has only 2, 3 and 5 in it: an FFT of a length with a large prime factor is many times slower
    step = rate // math.gcd(rate, SAMPLE_RATE)
    size = step * _smooth(-(-(samples.size + 2 * pad) // step))
    x = np.concatenate([np.zeros(pad), samples.astype(np.float64), np.zeros(size - samples.size - pad)])
    n_out = size * SAMPLE_RATE // rate
    spectrum = np.fft.rfft(x)
    bins = n_out // 2 + 1
    if bins <= spectrum.size:
        spectrum = spectrum[:bins]
    else:
        spectrum = np.concatenate([spectrum, np.zeros(bins - spectrum.size, dtype=spectrum.dtype)])
    y = np.fft.irfft(spectrum, n_out) * (n_out / x.size)
    trim = int(round(pad * SAMPLE_RATE / rate))
    want = int(round(samples.size * SAMPLE_RATE / rate))
    return y[trim: trim + want].astype(np.float32)


def read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as w:
        rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
        raw = w.readframes(w.getnframes())
    if width != 2:
        raise BadInput(f"{path.name}: only 16-bit WAV is supported")
    data = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1)
    return resample(data, rate)


def write_wav(path: Path, samples: np.ndarray) -> None:
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SAMPLE_RATE)
        w.writeframes(pcm.tobytes())


@dataclass(frozen=True)
class Speech:
    """One sentence spoken: its samples, the cache file that holds them, and its words, each timed in
    seconds from the sentence's start (`exact`: from the voice itself, else spread over the audio)."""

    samples: np.ndarray
    path: Path
    words: list[Word]
    exact: bool

    @property
    def seconds(self) -> float:
        return self.samples.size / SAMPLE_RATE


TIMINGS_VERSION = 1


class VoiceCache:
    """Sentence audio on disk, keyed by provider, voice, language, rate and the text as spoken; each
    entry `<key>.npy` (the samples) with, for a voice that timed its words, `<key>.words.json` beside it
    (when each spoken word is said). Words a voice did not time are spread over the samples each time
    (a few milliseconds; an estimate is never kept), as are those of an entry from before word timings."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def speak(self, voice: Voice, sentence: str, voice_name: str | None, language: str,
              rate: float = 1.0) -> tuple[np.ndarray, Path]:
        """The sentence's samples and the cache file holding them (to reload instead of keeping)."""
        speech = self.say(voice, sentence, voice_name, language, rate)
        return speech.samples, speech.path

    def say(self, voice: Voice, sentence: str, voice_name: str | None, language: str,
            rate: float = 1.0) -> Speech:
        """The sentence spoken, from the cache when it was spoken before (nothing is spoken again).

        A sentence with nothing to say ("…", "—") is a short pause, not an error: a writer who
        types one means a beat of silence, and its caption still shows.
        """
        from vidgen.voice.pronounce import has_words, reading

        rate = check_rate(rate)
        read = reading(sentence, language)
        text = read.text
        key = voice.key(voice_name, language)  # checks voice and language before anything is made
        if not has_words(text):
            text, key = "", "pause"
        digest = hashlib.sha256(f"{voice.name}\0{key}\0{rate:g}\0{text}".encode()).hexdigest()
        path = self.folder / f"{digest[:32]}.npy"
        timings = path.with_suffix(".words.json")
        samples, spans, exact = self._cached(path, timings, text)
        if samples is None:
            if text:
                samples, spans = _speak_timed(voice, text, voice_name, language, rate)
                samples = samples.astype(np.float32, copy=False)
                if spans is not None and len(spans) != len(text.split()):
                    spans = None  # a voice that timed other words than it was given: not to be trusted
            else:
                samples, spans = np.zeros(int(PAUSE_SECONDS * SAMPLE_RATE), dtype=np.float32), []
            exact = spans is not None
            if spans is None:
                spans = _spread(text, samples)
            else:  # the timings first, the samples last: an entry whose samples exist is complete
                _write_atomic(timings, json.dumps({"v": TIMINGS_VERSION, "rate": SAMPLE_RATE, "words": [
                    [w, a, b] for w, (a, b) in zip(text.split(), spans, strict=True)]}).encode())
            buffer = io.BytesIO()
            np.save(buffer, samples)   # to memory first: numpy's own short write to a full disk has no errno
            _write_atomic(path, buffer.getvalue())
        elif spans is None:
            spans, exact = _spread(text, samples), False
        words = [Word(u.written, u.spoken, *_seconds(spans, u.first, u.count, samples.size))
                 for u in read.units] if text else [Word(" ".join(u.written for u in read.units), "", 0.0,
                                                         samples.size / SAMPLE_RATE)]
        return Speech(samples, path, words, exact)

    @staticmethod
    def _cached(path: Path, timings: Path, text: str) -> tuple[np.ndarray | None, list | None, bool]:
        """(samples, spans, exact) of a cached entry; (None, None, False) when there is none."""
        if not path.exists():
            return None, None, False
        try:
            samples = np.load(path)
        except (OSError, ValueError):
            path.unlink(missing_ok=True)
            return None, None, False
        try:
            data = json.loads(timings.read_text(encoding="utf-8"))
            words = data["words"]
            if data.get("v") != TIMINGS_VERSION or data.get("rate") != SAMPLE_RATE or \
                    [w[0] for w in words] != text.split():
                raise ValueError("other timings")
            return samples, [(int(w[1]), int(w[2])) for w in words], True
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return samples, None, False  # an entry from before word timings, or a damaged file: spread


def _spread(text: str, samples: np.ndarray) -> list[tuple[int, int]]:
    from vidgen.voice.align import spread

    return spread(text.split(), samples, SAMPLE_RATE)


def _seconds(spans: list[tuple[int, int]], first: int, count: int, size: int) -> tuple[float, float]:
    if not count:
        return size / SAMPLE_RATE, size / SAMPLE_RATE
    return spans[first][0] / SAMPLE_RATE, spans[first + count - 1][1] / SAMPLE_RATE


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if is_disk_full(exc):
            raise disk_full(path.parent) from None
        raise


def fade_edges(samples: np.ndarray, seconds: float = 0.005) -> np.ndarray:
    """A few milliseconds of raised-cosine fade at both ends: a sentence that starts or stops
    mid-wave would click where it meets silence."""
    n = min(int(seconds * SAMPLE_RATE), samples.size // 2)
    if n < 2:
        return samples
    out = samples.astype(np.float32, copy=True)
    ramp = (0.5 - 0.5 * np.cos(np.linspace(0, np.pi, n))).astype(np.float32)
    out[:n] *= ramp
    out[-n:] *= ramp[::-1]
    return out
