"""script -> plan (voice, timing) -> sound track -> segments (pictures, encode) -> finish: one
stored script version becomes an MP4. The voice runs a scene ahead in a thread of its own and
makes the sound track once it has spoken the last scene (`plan.Speaking`): the pictures of scene k
are drawn and encoded while scene k+1 is spoken. Each scene's segments are encoded by an x264 run
of their own, so the video is the same whichever finishes first.

Scene work is cached by content (sentence audio, encoded scene and crossfade segments, storyboard
tiles), so after an edit only the changed scenes are redone. The MP4 is written to a hidden
partial file, fsynced and renamed last, after its captions, thumbnail and storyboard.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image

from vidgen.config import Settings
from vidgen.draw.captioned import Captioned
from vidgen.draw.captions import Cue
from vidgen.draw.cues import make_cues
from vidgen.draw.pictures import Picture, SceneTiming, scene_picture, thumbnail, tile
from vidgen.draw.slides import IMAGE_SUFFIXES, VIDEO_SUFFIXES
from vidgen.draw.theme import Theme
from vidgen.errors import BadInput, StoreError
from vidgen.render.cache import prune_cache
from vidgen.render.context import ProgressFn, RenderContext
from vidgen.render.encode import ENCODING
from vidgen.render.finish import clean_failed, finish, record
from vidgen.render.plan import Speaking
from vidgen.render.presets import RenderOptions
from vidgen.render.segments import LOOK_VERSION, digest, encode_segments
from vidgen.render.soundtrack import make_soundtrack
from vidgen.render.timing import ScenePlan
from vidgen.script.model import Scene, parse_script
from vidgen.store.names import (
    SIDECARS,
    archive_name,
    sidecar,
    video_name,
    work_dir,
)


def check_media(path: Path, seq: int) -> None:
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        from vidgen.store.media import check_pixels

        check_pixels(path, f"scene {seq}: the media file {path.name}")   # never decoded when too large
        try:
            with Image.open(path) as img:
                img.verify()
            return
        except Exception:  # Pillow raises many kinds for a broken file
            pass
    elif suffix in VIDEO_SUFFIXES:
        try:
            from moviepy import VideoFileClip

            with VideoFileClip(str(path), audio=False) as clip:
                if clip.duration and clip.duration > 0:
                    return
        except Exception:  # moviepy raises OSError, KeyError, ... for files it cannot read
            pass
    raise BadInput(f"scene {seq}: the media file {path.name} is not an image or video vidgen can read",
                   "use a PNG/JPEG/WebP image or an MP4/MOV/WebM video")


def chapter_titles(ctx: RenderContext) -> list[str]:
    """Each scene's chapter name: its picture's title (its own, or the one derived from its words)."""
    from vidgen.author.describe import visual_of
    from vidgen.author.phrases import key_phrase, plain

    titles = []
    for i, scene in enumerate(ctx.scenes):
        title = None
        if ctx.media[i] is None or scene.visual is not None:
            visual, _ = visual_of(scene, i, len(ctx.scenes), ctx.script.title)
            # a picture with no headline is named by its first short line, as a viewer reads it
            lines = [it.label for el in visual.elements if el.kind in ("text", "bullets") for it in el.items]
            title = visual.title or next((line for line in lines[:1] if len(line.split()) <= 10), None)
        title = plain(title or key_phrase(scene.text, 8) or f"Scene {scene.seq}")
        titles.append(" ".join(title.split())[:80])
    return titles


def densest(tiles: list[Image.Image]) -> int:
    """The scene whose finished picture has the most in it (edges of text and drawings): the thumbnail."""
    import numpy as np

    def ink(tile: Image.Image) -> float:
        grey = np.asarray(tile.convert("L"), dtype=np.float32)
        return float(np.mean(np.abs(np.diff(grey, axis=0))) + np.mean(np.abs(np.diff(grey, axis=1))))
    return max(range(len(tiles)), key=lambda i: ink(tiles[i])) if tiles else 0


class Renderer:
    def __init__(self, settings: Settings, *, voice_ahead: bool = True):
        self.settings = settings
        self.cache = settings.data / "cache"
        # the voice speaks the next scenes while the pictures are made; False: the whole voice first (the
        # order of old, kept to check that both make the same video)
        self.voice_ahead = voice_ahead

    def media_path(self, scene: Scene) -> Path | None:
        """Checked again at render time: a file can vanish between the edit and the render."""
        p = scene.media_file(self.settings.home)
        if p is not None:
            check_media(p, scene.seq)
        return p

    def context(self, token: str, doc: dict[str, Any], options: RenderOptions, out: Path | None,
                progress: ProgressFn | None) -> RenderContext:
        script = parse_script(doc["script"])   # (stored under older rules: one line of why, not a traceback)
        scenes = script.ordered_scenes()
        media = [self.media_path(s) for s in scenes]
        final = out or self.settings.renders / video_name(script.title, token, doc["version"], options.variant())
        for folder in (final.parent, self.cache / "voice", self.cache / "segments"):
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create {folder}: {exc.strerror}", "check the folder's permissions") from None
        if not os.access(final.parent, os.W_OK):
            raise StoreError(f"{final.parent} is not writable", "fix its permissions or set VIDGEN_HOME")
        return RenderContext(self.settings, options, token, doc, script, scenes, media, final, self.cache,
                             work_dir(self.cache, final.stem, os.getpid()),
                             self.settings.archives / archive_name(final.stem),
                             progress or (lambda stage, fraction, message: None))

    def render(self, token: str, doc: dict[str, Any], options: RenderOptions, *, out: Path | None = None,
               progress: ProgressFn | None = None) -> dict[str, Any]:
        ctx = self.context(token, doc, options, out, progress)
        prune_cache(self.cache, renders=self.settings.renders, archives=self.settings.archives)
        speaking: Speaking | None = None
        try:
            ctx.work.mkdir(parents=True)
            speaking = Speaking(ctx, lambda plan: make_soundtrack(ctx, plan), lambda made: made[0].abort())
            if not self.voice_ahead:
                speaking.finished()   # the whole voice and the sound track first, as one stage after the other
            W, H = ctx.size
            theme = Theme.for_script(ctx.script.title, W, H)
            pictures = ScenePictures(ctx, theme)
            ctx.timer.mark()
            segments, cached = encode_segments(ctx, len(ctx.scenes), pictures.ready(speaking),
                                               pictures.source, Ticks(ctx, speaking))
            plan, (audio, loudness) = speaking.finished()
            n = len(ctx.scenes)
            ctx.progress("encode", 1.0, f"{n} scenes encoded, {cached} of them reused")
            cues = pictures.cues
            timeline = [c.shifted(p.start_frame / ctx.fps) for p, cs in zip(plan.plans, cues, strict=True) for c in cs]
            tiles = [pictures.tile(i) for i in range(len(ctx.scenes))]
            titles = chapter_titles(ctx)
            chapters = [(p.start_frame / ctx.fps, t) for p, t in zip(plan.plans, titles, strict=True)]
            sides = finish(ctx, segments, audio, timeline, tiles, pictures.thumb_path(densest(tiles)), theme,
                           chapters, plan.total_frames / ctx.fps, plan.words(ctx.fps))
        except BaseException:
            if speaking is not None:
                speaking.abandon()   # the voice stops, and the sound's encoder, if it was started
            clean_failed(ctx, [sidecar(ctx.final, kind) for kind in SIDECARS])
            raise
        finally:
            if speaking is not None:
                speaking.stop()
            shutil.rmtree(ctx.work, ignore_errors=True)
        W, H = ctx.size
        duration = plan.total_frames / ctx.fps
        result = {"video": ctx.final.name, "path": str(ctx.final), "duration": round(duration, 3),
                  "size": ctx.final.stat().st_size, "width": W, "height": H, "fps": ctx.fps,
                  "captions_srt": sides[0].name, "captions_vtt": sides[1].name, "thumbnail": sides[2].name,
                  "storyboard": sides[3].name, "chapters": sides[4].name, "words": sides[5].name,
                  "captions_style": options.captions,
                  "archive": str(ctx.archive), "token": token,
                  "version": doc["version"], "scenes_cached": cached, "scenes": len(ctx.scenes),
                  "loudness_lufs": loudness.lufs, "loudness": loudness.as_dict()}
        return record(ctx, result, plan.provider)


def scene_key(ctx: RenderContext, i: int, plan: ScenePlan) -> str:
    """Everything that changes a scene's pixels, hashed: its cache key."""
    W, H = ctx.size
    o = ctx.options
    look = [LOOK_VERSION, ENCODING, W, H, ctx.fps, o.crf, o.captions, ctx.script.title, len(ctx.scenes)]
    m = ctx.media[i]
    # the words' times place the caption cues
    return digest(look, i, ctx.scenes[i].model_dump(mode="json"), [x.duration for x in plan.sentences], plan.frames,
                  [[(w.start, w.end) for w in x.words] for x in plan.sentences],
                  str(m), m.stat().st_mtime if m else None)


class Ticks:
    """The encoder's progress: the voice's while it still speaks (its events first, in order), then the
    frames'. Called from the render's thread, so the progress callback's cancel check stops the render."""

    def __init__(self, ctx: RenderContext, speaking: Speaking):
        self.ctx, self.speaking = ctx, speaking
        self.total: int | None = None

    def __call__(self, done: int, scene: int) -> None:
        if self.total is None:
            self.speaking.poll()   # raises the voice's error, if it failed
            if self.speaking.speaking:
                return
            self.total = self.speaking.finished()[0].total_frames
        n = len(self.ctx.scenes)
        self.ctx.progress("encode", done / self.total, f"scene {scene + 1}/{n}, frame {done}/{self.total}")


class ScenePictures:
    """Each scene's picture, made when first needed; its final state cached beside its segment."""

    def __init__(self, ctx: RenderContext, theme: Theme):
        self.ctx, self.theme = ctx, theme
        self.folder = ctx.cache / "segments"
        self.plans: list[ScenePlan] = []     # the scenes spoken so far, their keys and caption cues
        self.keys: list[str] = []
        self.cues: list[list[Cue]] = []

    def ready(self, speaking: Speaking) -> Callable[[int], tuple[ScenePlan, str]]:
        """The encoder's `ready(i)`: scene i's plan and key, once the voice has spoken it."""
        def scene(i: int) -> tuple[ScenePlan, str]:
            if i == len(self.plans):
                plan = speaking.scene(i).plan
                self.plans.append(plan)
                self.keys.append(scene_key(self.ctx, i, plan))
                # karaoke or line: when captions are off, the .srt/.vtt still get line cues
                style = "karaoke" if self.ctx.options.captions == "karaoke" else "line"
                self.cues.append(make_cues(plan.sentences, 0.0, self.theme, style, plan.frames / self.ctx.fps))
            return self.plans[i], self.keys[i]
        return scene

    def source(self, i: int) -> Any:
        return self.frames(i, self.cues[i])

    def picture(self, i: int) -> Picture:
        ctx, p = self.ctx, self.plans[i]
        timing = SceneTiming([(s.text, s.start, s.duration) for s in p.sentences], p.frames, ctx.fps)
        return scene_picture(ctx.scenes[i], i, len(ctx.scenes), ctx.script.title, self.theme, timing,
                             ctx.media[i], ctx.settings.home)

    def frames(self, i: int, cues: list[Cue]) -> Any:
        picture = self.picture(i)
        self._save_tiles(i, picture)
        source = picture.source()
        style = self.ctx.options.captions
        return source if style == "off" else Captioned(source, cues, self.theme, self.ctx.fps, style)

    def tile_path(self, i: int) -> Path:
        return self.folder / f"{self.keys[i]}.tile.jpg"

    def thumb_path(self, i: int) -> Path:
        if not self._cached(i):
            self._save_tiles(i, self.picture(i))
        return self.folder / f"{self.keys[i]}.thumb.jpg"

    def _cached(self, i: int) -> bool:
        return self.tile_path(i).exists() and (self.folder / f"{self.keys[i]}.thumb.jpg").exists()

    def _save_tiles(self, i: int, picture: Picture) -> None:
        if self._cached(i):
            return
        final = picture.final()
        for path, pic in ((self.tile_path(i), tile(final, self.theme)),
                          (self.folder / f"{self.keys[i]}.thumb.jpg", thumbnail(final))):
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            pic.save(tmp, "JPEG", quality=86)
            os.replace(tmp, path)

    def tile(self, i: int) -> Image.Image:
        if not self._cached(i):
            self._save_tiles(i, self.picture(i))
        with Image.open(self.tile_path(i)) as img:
            rgb: Image.Image = img.convert("RGB")
            return rgb
