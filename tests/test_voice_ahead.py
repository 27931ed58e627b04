"""The voice a scene ahead of the pictures: the same video as the whole voice first, byte for byte;
its errors, a cancel and the progress events as the render's own.

The voice here is the silent mock held at the last scene until the first scene's body is encoded
and in the cache: the pictures are provably made while the voice still speaks.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest

from tests.conftest import wait_for
from vidgen.config import Settings
from vidgen.errors import Cancelled, RenderError
from vidgen.render.pipeline import Renderer
from vidgen.render.plan import Speaking
from vidgen.voice.mock import MockVoice

pytestmark = pytest.mark.slow  # full renders, decoded back

SCENES = [
    "Light from the sun looks white. It is a mixture of every colour.",
    "A glass prism spreads the mixture out. Each colour bends by its own amount.",
    "A raindrop is a tiny prism. It sends the colours back towards you.",
    "Red bends the least. Violet bends the most.",
]
HELD_AT = sum(len(s.split(". ")) for s in SCENES[:-1])   # the last scene's first sentence (0-based call)


def script() -> dict:
    return {"title": "How rainbows form", "scenes": [{"seq": i + 1, "text": t} for i, t in enumerate(SCENES)]}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class HeldVoice:
    """Counts the sentences the mock speaks; the last scene waits for `release()` (or 60 s)."""

    def __init__(self, monkeypatch, release):
        self.calls = 0
        self.held = threading.Event()
        self.waited_for: bool | None = None
        original = MockVoice.speak

        def speak(voice, sentence, name, language, rate=1.0):
            self.calls += 1
            if self.calls == HELD_AT + 1:
                self.held.set()
                self.waited_for = release(60.0)
            return original(voice, sentence, name, language, rate)

        monkeypatch.setattr(MockVoice, "speak", speak)


def first_body_cached(home: Path):
    """Waits until some scene segment is in the cache: the pictures got that far."""
    folder = home / ".vidgen" / "cache" / "segments"
    return lambda timeout: bool(wait_for(lambda: any(folder.glob("*.ts")), timeout, 0.02, "a segment encoded"))


def render(home: Path, ahead: bool, progress=None) -> dict:
    from vidgen.service import Vidgen

    settings = Settings.load(env={"VIDGEN_HOME": str(home)})
    svc = Vidgen(settings)
    token = svc.store.create_script(script())
    doc = svc.get_script(token)
    return Renderer(settings, voice_ahead=ahead).render(token, doc, svc.render_options(quality="low", tts="mock"),
                                                        progress=progress)


def test_the_voice_ahead_makes_the_same_video_as_the_whole_voice_first(tmp_path, monkeypatch):
    events: list[tuple[str, float]] = []
    voice = HeldVoice(monkeypatch, first_body_cached(tmp_path / "a"))
    ahead = render(tmp_path / "a", True, lambda stage, fraction, message: events.append((stage, fraction)))
    assert voice.waited_for is True   # a scene was encoded before the voice spoke the last one
    monkeypatch.undo()
    first = render(tmp_path / "b", False)
    segments = [sorted((tmp_path / h / ".vidgen" / "cache" / "segments").glob("*.ts")) for h in "ab"]
    assert [p.name for p in segments[0]] == [p.name for p in segments[1]] and len(segments[0]) == 2 * len(SCENES) - 1
    assert [digest(p) for p in segments[0]] == [digest(p) for p in segments[1]]
    assert digest(Path(ahead["path"])) == digest(Path(first["path"]))
    for side in ("captions_vtt", "words", "chapters"):
        assert (Path(ahead["path"]).parent / ahead[side]).read_text() == \
            (Path(first["path"]).parent / first[side]).read_text()
    # the progress events keep their order: the voice's, then the encoder's, then the mux's; never back
    stages = [s for s, _ in events]
    order = {"voice": 0, "encode": 1, "mux": 2}
    assert stages[0] == "voice" and stages[-1] == "mux" and "encode" in stages
    assert all(order[a] <= order[b] for a, b in zip(stages, stages[1:], strict=False))
    assert all(a <= b for (_, a), (_, b) in zip(events, events[1:], strict=False))
    assert events[[s for s, _ in events].index("encode") - 1] == ("voice", pytest.approx(0.08))  # the voice done
    assert not [t for t in threading.enumerate() if t.name == "voice"]


@pytest.mark.parametrize("ahead", [True, False])
def test_a_voice_that_fails_at_a_later_scene_fails_the_render_the_same_way(tmp_path, monkeypatch, ahead):
    calls = []
    original = MockVoice.speak

    def speak(voice, sentence, name, language, rate=1.0):
        calls.append(sentence)
        if len(calls) > HELD_AT:
            raise RenderError("the voice failed on the last scene", "try another voice")
        return original(voice, sentence, name, language, rate)

    monkeypatch.setattr(MockVoice, "speak", speak)
    with pytest.raises(RenderError) as err:
        render(tmp_path, ahead)
    assert err.value.message == "the voice failed on the last scene" and err.value.fix == "try another voice"
    renders = tmp_path / ".vidgen" / "renders"
    assert not [p for p in renders.rglob("*") if p.is_file()] if renders.exists() else True
    assert not list((tmp_path / ".vidgen" / "cache" / "work").glob("*"))   # no work folder left behind
    assert not [t for t in threading.enumerate() if t.name == "voice"]


def test_a_cancel_while_the_voice_speaks_stops_the_voice_too(tmp_path, monkeypatch):
    made: list[Speaking] = []
    start = Speaking.__init__

    def init(self, *args, **kwargs):
        made.append(self)
        start(self, *args, **kwargs)

    monkeypatch.setattr(Speaking, "__init__", init)
    # the last scene's first sentence goes on until the render has told the voice to stop
    voice = HeldVoice(monkeypatch, lambda timeout: made[0].stopping.wait(timeout))

    def progress(stage, fraction, message):
        if voice.held.is_set():   # the voice is on the last scene: the person cancels
            raise Cancelled("the job was cancelled")

    with pytest.raises(Cancelled):
        render(tmp_path, True, progress)
    assert voice.waited_for is True
    # the sentence it was on is finished, and no other is begun; the thread is gone
    wait_for(lambda: not [t for t in threading.enumerate() if t.name == "voice"], 10, what="the voice to stop")
    assert voice.calls == HELD_AT + 1
    assert not [p for p in (tmp_path / ".vidgen").rglob("*.mp4")]


piper_only = pytest.mark.skipif(not __import__("vidgen.voice.piper", fromlist=["installed"]).installed(),
                                reason="piper-tts is not installed")


@piper_only
def test_with_piper_the_voice_ahead_and_the_voice_first_make_the_same_video(tmp_path):
    """Piper's speech differs a little each time it is made: the second render reuses the first one's
    speech (the inputs are equal), and only its pictures are made again, the voice first."""
    import shutil

    from vidgen.service import Vidgen

    settings = Settings.load(env={"VIDGEN_HOME": str(tmp_path)})
    svc = Vidgen(settings)
    token = svc.store.create_script(script())
    doc = svc.get_script(token)
    options = svc.render_options(quality="low", tts="piper")
    ahead = Renderer(settings, voice_ahead=True).render(token, doc, options)
    kept = tmp_path / "ahead.mp4"
    shutil.copyfile(ahead["path"], kept)
    folder = tmp_path / ".vidgen" / "cache" / "segments"
    made = {p.name: digest(p) for p in folder.glob("*.ts")}
    shutil.rmtree(folder)
    first = Renderer(settings, voice_ahead=False).render(token, doc, options)
    assert first["tts"] == "piper" and first["scenes_cached"] == 0
    assert {p.name: digest(p) for p in folder.glob("*.ts")} == made and len(made) == 2 * len(SCENES) - 1
    assert digest(kept) == digest(Path(first["path"]))


@piper_only
def test_piper_speaks_on_the_threads_it_was_given_without_spinning(tmp_path):
    from vidgen.voice import piper

    vf = piper.default_voice(Settings.load(env={"VIDGEN_HOME": str(tmp_path)}))
    session = piper.load(vf).session
    options = session.get_session_options()
    assert options.intra_op_num_threads == piper.threads() and options.inter_op_num_threads == 1
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    # and the phoneme alignment is still there: the words are timed from it
    assert len(session.get_outputs()) > 1
