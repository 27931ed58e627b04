"""Stage 1, the plan: every sentence spoken (through the voice cache) and every scene timed.

Only durations and cache paths stay in memory, so a long video costs no more RAM than a
short one; the samples are reloaded from the cache when the sound track is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vidgen.render.context import RenderContext
from vidgen.render.timing import ScenePlan, place, plan_scene
from vidgen.script.sentences import sentences_or_text
from vidgen.script.words import Word


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


def make_plan(ctx: RenderContext) -> Plan:
    from vidgen.voice import SAMPLE_RATE, VoiceCache, get_voice

    options = ctx.options
    # the voice and language are checked here too: a voice file can vanish between submit and render
    provider = options.voice_provider(ctx.settings, tuple(s.voice for s in ctx.scenes))
    voice = get_voice(provider, ctx.settings)
    cache = VoiceCache(ctx.cache / "voice")
    texts = [sentences_or_text(s.text) for s in ctx.scenes]
    total = sum(len(t) for t in texts)
    done = 0
    spoken: list[SpokenScene] = []
    for i, (scene, sentences) in enumerate(zip(ctx.scenes, texts, strict=True)):
        clips, timed, words = [], [], []
        for sentence in sentences:
            speech = cache.say(voice, sentence, scene.voice or options.voice, options.language, rate=options.rate)
            clips.append(speech.path)
            timed.append((sentence, speech.samples.size / SAMPLE_RATE))
            words.append(speech.words)
            done += 1
            ctx.progress("voice", done / total, f"voice {done}/{total}")
        plan = plan_scene(i, scene.seq, timed, ctx.fps, scene.duration_sec)
        for s, w in zip(plan.sentences, words, strict=True):
            s.words = w
        spoken.append(SpokenScene(plan, clips))
    total_frames = place([s.plan for s in spoken])
    ctx.timer.lap("voice")
    return Plan(spoken, total_frames, provider)
