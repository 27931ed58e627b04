"""Stage 2, the sound track: each scene's sentences placed at their times (music under them),
written scene by scene, then AAC-encoded in the background while the pictures encode."""

from __future__ import annotations

import numpy as np

from vidgen.render import audio
from vidgen.render.context import RenderContext
from vidgen.render.encode import AudioEncoder
from vidgen.render.plan import Plan


def make_soundtrack(ctx: RenderContext, plan: Plan) -> AudioEncoder:
    from vidgen.voice import SAMPLE_RATE, write_wav

    seconds = plan.total_frames / ctx.fps
    music = audio.load_music(ctx.options.music, seconds) if ctx.options.music else None
    track = audio.TrackWriter(ctx.work / "audio.wav", music, int(round(seconds * SAMPLE_RATE)))
    (ctx.archive / "audio").mkdir(parents=True, exist_ok=True)
    for scene in plan.scenes:
        speech = audio.scene_audio(scene.plan, [np.load(path) for path in scene.clips], ctx.fps)
        write_wav(ctx.archive / "audio" / f"scene-{scene.plan.seq:03d}.wav", speech)
        track.add(scene.plan, speech)
    track.close()
    encoder = AudioEncoder(ctx.work / "audio.wav", ctx.work / "audio.m4a", speech_only=music is None)
    ctx.timer.lap("sound")
    return encoder
