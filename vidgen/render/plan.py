"""Stage 1, the plan: every sentence spoken (through the voice cache) and every scene timed.

Only durations and cache paths stay in memory, so a long video costs no more RAM than a
short one; the samples are reloaded from the cache when the sound track is built.

The voice runs in a thread of its own (`Speaking`), a scene ahead of the pictures: scene k+1 is
spoken while scene k is drawn and encoded, and the sound track is mixed once the last scene is
spoken. Everything that reaches the person rendering goes through the render's own thread: the
progress events (so they keep their order, and the cancel check in the progress callback still
stops the render) and the voice's errors (raised there as they were raised in the voice thread).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vidgen.render.context import RenderContext
from vidgen.render.timing import ScenePlan, place, plan_scene
from vidgen.script.sentences import sentences_or_text
from vidgen.script.words import Word

WAIT_TICK = 0.1   # seconds between progress (and cancel) checks while the pictures wait for the voice


@dataclass
class SpokenScene:
    plan: ScenePlan
    clips: list[Path]        # each sentence's samples in the voice cache, in order


@dataclass
class Plan:
    scenes: list[SpokenScene]
    total_frames: int
    provider: str            # the voice provider that spoke

    @property
    def plans(self) -> list[ScenePlan]:
        return [s.plan for s in self.scenes]

    def words(self, fps: int) -> list[Word]:
        """Every word of the narration, timed on the video's timeline (`<video>.words.json`)."""
        return [w.shifted(p.start_frame / fps + s.start) for p in self.plans for s in p.sentences for w in s.words]


class Stopped(Exception):
    """The render stopped (failed or cancelled) while the voice was still speaking."""


class Speaking:
    """The voice stage in its own thread: `scene(i)` waits for scene i, `finished()` for the whole plan and
    what `then` made of it (the sound track). `stop()` ends the thread after the sentence it is speaking;
    what `then` made is handed to `undo` (by the caller of stop, or by the thread if it finishes later)."""

    def __init__(self, ctx: RenderContext, then: Callable[[Plan], Any], undo: Callable[[Any], None]):
        from vidgen.voice import VoiceCache, get_voice

        self.ctx, self.then, self.undo = ctx, then, undo
        options = ctx.options
        # checked here, before anything starts: a voice file can vanish between submit and render
        self.provider = options.voice_provider(ctx.settings, tuple(s.voice for s in ctx.scenes))
        self.voice = get_voice(self.provider, ctx.settings)
        self.cache = VoiceCache(ctx.cache / "voice")
        self.texts = [sentences_or_text(s.text) for s in ctx.scenes]
        self.total = sum(len(t) for t in self.texts)
        self.spoken: list[SpokenScene] = []
        self.said = 0            # sentences spoken so far
        self.reported = -1       # sentences the progress bar has been told of
        self.plan: Plan | None = None
        self.made: Any = None    # what `then` returned
        self.error: BaseException | None = None
        self.done = False
        self.stopping = threading.Event()
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="voice", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            plan = self._speak()
            if self.stopping.is_set():
                raise Stopped()
            started = time.perf_counter()
            made = self.then(plan)
            self.ctx.timer.add("sound", time.perf_counter() - started)
            with self._changed:
                self.made = made
            if self.stopping.is_set():  # the render stopped while this was being made: nobody will use it
                self.undo(made)
        except BaseException as exc:  # handed to the render's thread, which raises it
            with self._changed:
                self.error = exc
        finally:
            with self._changed:
                self.done = True
                self._changed.notify_all()

    def _speak(self) -> Plan:
        from vidgen.voice import SAMPLE_RATE

        ctx, options = self.ctx, self.ctx.options
        started = time.perf_counter()
        for i, (scene, sentences) in enumerate(zip(ctx.scenes, self.texts, strict=True)):
            clips, timed, words = [], [], []
            for sentence in sentences:
                if self.stopping.is_set():
                    raise Stopped()
                speech = self.cache.say(self.voice, sentence, scene.voice or options.voice, options.language,
                                        rate=options.rate)
                clips.append(speech.path)
                timed.append((sentence, speech.samples.size / SAMPLE_RATE))
                words.append(speech.words)
                with self._changed:
                    self.said += 1
                    self._changed.notify_all()
            plan = plan_scene(i, scene.seq, timed, ctx.fps, scene.duration_sec)
            for s, w in zip(plan.sentences, words, strict=True):
                s.words = w
            with self._changed:
                self.spoken.append(SpokenScene(plan, clips))
                self._changed.notify_all()
        spoken = list(self.spoken)
        total_frames = place([s.plan for s in spoken])
        ctx.timer.add("voice", time.perf_counter() - started)
        self.plan = Plan(spoken, total_frames, self.provider)
        return self.plan

    def _wait(self, ready: Callable[[], bool]) -> None:
        """Until `ready()` (or the voice failed), reporting progress meanwhile from this thread."""
        while True:
            with self._changed:
                if self.error is None and not ready():
                    self._changed.wait(WAIT_TICK)
            self.poll()
            with self._changed:
                if ready():
                    return

    def poll(self) -> None:
        """From the render's thread: the voice's error if it failed, else its progress (when it moved)."""
        with self._changed:
            error, said = self.error, self.said
        if error is not None:
            raise error
        if said != self.reported or said < self.total:  # every tick: the progress callback checks for a cancel
            self.reported = said
            self.ctx.progress("voice", said / max(1, self.total), f"voice {said}/{self.total}")

    def scene(self, i: int) -> SpokenScene:
        self._wait(lambda: len(self.spoken) > i)
        return self.spoken[i]

    def finished(self) -> tuple[Plan, Any]:
        self._wait(lambda: self.done)
        assert self.plan is not None   # done without an error: the plan was made
        return self.plan, self.made

    @property
    def speaking(self) -> bool:
        with self._changed:
            return not self.done

    def stop(self, wait: float = 5.0) -> None:
        """End the thread (it finishes the sentence it is on)."""
        self.stopping.set()
        self._thread.join(wait)

    def abandon(self) -> None:
        """The render failed or was cancelled: stop, and undo what `then` made, if it got that far."""
        self.stop()
        with self._changed:
            made = self.made
        if made is not None:
            self.undo(made)

