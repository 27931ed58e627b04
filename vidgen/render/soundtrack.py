"""Stage 2, the sound track: each scene's sentences placed at their times (music under them),
written scene by scene, then AAC-encoded in the background while the pictures encode.

Made in the voice's thread once the last scene is spoken (`plan.Speaking`), which times it."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from vidgen.render import audio
from vidgen.render.context import RenderContext
from vidgen.render.encode import AudioEncoder
from vidgen.render.music import Track, choose, is_mood
from vidgen.render.plan import Plan


def make_soundtrack(ctx: RenderContext, plan: Plan) -> tuple[AudioEncoder, audio.Loudness]:
    from vidgen.voice import SAMPLE_RATE, write_wav

    seconds = plan.total_frames / ctx.fps
    ctx.music = _track(ctx)
    music = audio.load_music(ctx.music.path, seconds) if ctx.music else None
    track = audio.TrackWriter(ctx.work / "audio.wav", music, int(round(seconds * SAMPLE_RATE)))
    kept: list[Path] = []
    for scene in plan.scenes:
        speech = audio.scene_audio(scene.plan, [np.load(path) for path in scene.clips], ctx.fps)
        if ctx.options.keep_audio:
            kept.append(ctx.work / f"scene-{scene.plan.seq:03d}.wav")
            write_wav(kept[-1], speech)
        track.add(scene.plan, speech)
    if kept:  # only when asked: the archive keeps the script, the summary and the timings, not ~4 MB a minute
        audio.archive_flac(kept, ctx.archive / "audio")
    loudness = track.close()  # the mix normalised to the web target, and measured
    encoder = AudioEncoder(ctx.work / "audio.wav", ctx.work / "audio.m4a", speech_only=music is None)
    return encoder, loudness


def _track(ctx: RenderContext) -> Track | None:
    """The music this render plays: a bundled track for `mood:...`, else the user's file, else none."""
    value = ctx.options.music
    if not value:
        return None
    if is_mood(value):
        style = ctx.doc["script"].get("style")
        return choose(value, ctx.script.title, style if isinstance(style, str) else None)
    return Track(Path(value).expanduser(), None)
