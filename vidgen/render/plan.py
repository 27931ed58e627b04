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
        clips, timed = [], []
        for sentence in sentences:
            samples, path = cache.speak(voice, sentence, scene.voice or options.voice, options.language,
                                        rate=options.rate)
            clips.append(path)
            timed.append((sentence, samples.size / SAMPLE_RATE))
            done += 1
            ctx.progress("voice", done / total, f"voice {done}/{total}")
        spoken.append(SpokenScene(plan_scene(i, scene.seq, timed, ctx.fps, scene.duration_sec), clips))
    total_frames = place([s.plan for s in spoken])
    ctx.timer.lap("voice")
    return Plan(spoken, total_frames, provider)
