"""script -> voice -> pictures -> segments -> mux: one stored script version becomes an MP4.

Scene work is cached by content (sentence audio, encoded scene and transition
segments), so after an edit only the changed scenes are redone. The MP4 is written
to a hidden partial file, fsynced and renamed last, after its captions, thumbnail and
storyboard: a video that looks finished is finished.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
from PIL import Image

from vidgen.errors import BadInput, StoreError
from vidgen.models import Script
from vidgen.picture.captions import make_cues
from vidgen.picture.slides import IMAGE_SUFFIXES, VIDEO_SUFFIXES, design_scene
from vidgen.picture.theme import Theme
from vidgen.picture.yuv import mix
from vidgen.procs import pid_alive
from vidgen.render import audio as soundtrack
from vidgen.render.encode import AudioEncoder, SegmentEncoder, mux
from vidgen.render.frames import FramePump, SceneFrames, ease, frame_buffer
from vidgen.render.presets import RenderOptions
from vidgen.render.timing import place, plan_scene, to_srt, to_vtt
from vidgen.videos import archive_name
from vidgen.voice import SAMPLE_RATE, VoiceCache, get_voice, provider_for, split_sentences, write_wav

TRANSITION = 0.5        # seconds of crossfade between scenes
CACHE_DAYS = 14
LOOK_VERSION = "look-2"  # bump when drawing changes, so cached segments are redone

# stage -> (start, end) share of the whole progress bar
STAGES = {"voice": (0.0, 0.08), "encode": (0.1, 0.95), "mux": (0.95, 1.0)}

ProgressFn = Callable[[str, float, str], None]


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:40].rstrip("-") or "video"


def video_name(title: str, token: str, version: int) -> str:
    return f"{slug(title)}-{token}-v{version}.mp4"


def check_media(path: Path, seq: int) -> None:
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
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


@dataclass
class Timer:
    stages: dict[str, float] = field(default_factory=dict)
    _t: float = field(default_factory=time.perf_counter)

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.stages[name] = round(self.stages.get(name, 0.0) + now - self._t, 3)
        self._t = now


def _digest(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:32]


def prune_cache(folder: Path, days: int = CACHE_DAYS) -> None:
    """Drop cache entries unused for `days`, and work folders a killed render left behind."""
    cutoff = time.time() - days * 86400
    for p in [*folder.glob("voice/*"), *folder.glob("segments/*")]:
        try:
            if p.stat().st_mtime < cutoff:
                p.unlink()
        except OSError:
            pass
    for p in folder.glob("work/*"):
        try:
            pid = int(p.name.rsplit("-", 2)[-2])
        except (ValueError, IndexError):
            continue
        if not pid_alive(pid) and time.time() - p.stat().st_mtime > 60:
            shutil.rmtree(p, ignore_errors=True)


class Renderer:
    def __init__(self, settings):
        self.settings = settings
        self.cache = settings.data / "cache"

    def media_path(self, scene) -> Path | None:
        """Checked again at render time: a file can vanish between the edit and the render."""
        p = scene.media_file(self.settings.home)
        if p is not None:
            check_media(p, scene.seq)
        return p

    def render(self, token: str, doc: dict, options: RenderOptions, *, out: Path | None = None,
               progress: ProgressFn | None = None) -> dict:
        options.check()
        report = progress or (lambda stage, fraction, message: None)
        script = Script.model_validate(doc["script"])
        scenes = script.ordered_scenes()
        media = [self.media_path(s) for s in scenes]
        W, H = options.size
        fps = options.fps
        renders = self.settings.renders
        name = out.name if out else video_name(script.title, token, doc["version"])
        final = out if out else renders / name
        for folder in (final.parent, self.cache / "voice", self.cache / "segments"):
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create {folder}: {exc.strerror}", "check the folder's permissions")
        if not os.access(final.parent, os.W_OK):
            raise StoreError(f"{final.parent} is not writable", "fix its permissions or set VIDGEN_HOME")
        prune_cache(self.cache)
        timer = Timer()
        archive = self.settings.archives / archive_name(final.stem)
        work = self.cache / "work" / f"{final.stem}-{os.getpid()}-{int(time.time() * 1000)}"
        partial = final.with_name(f".{final.stem}.partial-{os.getpid()}.mp4")
        sidecars: list[Path] = []
        audio_job = None
        try:
            work.mkdir(parents=True)
            # -- voice ------------------------------------------------------------------
            provider = provider_for(self.settings, options.language, options.tts)
            voice = get_voice(provider, self.settings)
            vcache = VoiceCache(self.cache / "voice")
            texts = [split_sentences(s.text) or [s.text] for s in scenes]
            total_sentences = sum(len(t) for t in texts)
            # only durations and cache paths stay in memory, so long videos cost no more RAM
            spoken: list[list[tuple[Path, float]]] = []
            done = 0
            for scene, sentences in zip(scenes, texts):
                clips = []
                for sentence in sentences:
                    samples, path = vcache.speak(voice, sentence, scene.voice or options.voice, options.language)
                    clips.append((path, samples.size / SAMPLE_RATE))
                    done += 1
                    report("voice", STAGES["voice"][1] * done / total_sentences, f"voice {done}/{total_sentences}")
                spoken.append(clips)
            plans = [plan_scene(i, s.seq, [(t, d) for t, (_, d) in zip(texts[i], spoken[i])],
                                fps, s.duration_sec) for i, s in enumerate(scenes)]
            total_frames = place(plans)
            timer.lap("voice")
            theme = Theme.for_script(script.title, W, H)
            cues_by_scene = [make_cues(p.sentences, 0.0, theme) for p in plans]
            # -- the sound track, encoded in the background while the pictures encode -----
            music = soundtrack.load_music(options.music, total_frames / fps) if options.music else None
            track = soundtrack.TrackWriter(work / "audio.wav", music, int(round(total_frames / fps * SAMPLE_RATE)))
            (archive / "audio").mkdir(parents=True, exist_ok=True)
            for plan, clips in zip(plans, spoken):
                speech = soundtrack.scene_audio(plan, [np.load(path) for path, _ in clips], fps)
                write_wav(archive / "audio" / f"scene-{plan.seq:03d}.wav", speech)
                track.add(plan, speech)
            track.close()
            audio_job = AudioEncoder(work / "audio.wav", work / "audio.m4a", speech_only=music is None)
            timer.lap("sound")
            # -- pictures and encoding, segment by segment ------------------------------
            look = [LOOK_VERSION, W, H, fps, options.crf, options.captions, script.title, len(scenes)]
            keys = [_digest(look, i, s.model_dump(mode="json"), [x.duration for x in p.sentences], p.frames,
                            str(m), m.stat().st_mtime if m else None)
                    for i, (s, p, m) in enumerate(zip(scenes, plans, media))]
            half = [min(int(TRANSITION * fps / 2), p.frames // 4) for p in plans]
            segments, cached = self._encode_all(scenes, plans, keys, half, media, theme, cues_by_scene, options,
                                                total_frames, report, script.title, timer, work)
            # -- join, sidecars ---------------------------------------------------------
            report("mux", 0.96, "joining the video")
            mux(segments, audio_job.wait(), partial, work)
            timer.lap("mux")
            cues = [type(c)(round(c.start + p.start_frame / fps, 3), round(c.end + p.start_frame / fps, 3), c.lines)
                    for p, cs in zip(plans, cues_by_scene) for c in cs]
            base = final.with_suffix("")
            sidecars = [base.with_suffix(".srt"), base.with_suffix(".vtt"), base.with_suffix(".jpg"),
                        Path(f"{base}.storyboard.jpg")]
            sidecars[0].write_text(to_srt(cues), encoding="utf-8")
            sidecars[1].write_text(to_vtt(cues), encoding="utf-8")
            tiles = [self._tile(keys[i], lambda i=i: design_scene(
                scenes[i], i, len(scenes), script.title, theme, texts[i], [x.start for x in plans[i].sentences],
                media[i] if media[i] and media[i].suffix.lower() in IMAGE_SUFFIXES else None), theme)
                for i in range(len(scenes))]
            shutil.copyfile(self._tile_path(keys[0], "thumb"), sidecars[2])
            save_storyboard(tiles, theme, sidecars[3])
            os.replace(partial, final)
            timer.lap("finish")
            report("mux", 1.0, "done")
        except BaseException:
            if audio_job is not None:
                audio_job.abort()
            partial.unlink(missing_ok=True)
            for p in sidecars:
                if not final.exists():
                    p.unlink(missing_ok=True)
            shutil.rmtree(archive, ignore_errors=True)
            raise
        finally:
            shutil.rmtree(work, ignore_errors=True)
        duration = total_frames / fps
        result = {"video": final.name, "path": str(final), "duration": round(duration, 3),
                  "size": final.stat().st_size, "width": W, "height": H, "fps": fps,
                  "captions_srt": sidecars[0].name, "captions_vtt": sidecars[1].name,
                  "thumbnail": sidecars[2].name, "storyboard": sidecars[3].name,
                  "archive": str(archive), "token": token, "version": doc["version"],
                  "scenes_cached": cached, "scenes": len(scenes)}
        summary = {**result, "settings": options.as_dict(), "tts": provider, "stages": timer.stages,
                   "seconds": round(sum(timer.stages.values()), 3),
                   "realtime_factor": round(duration / max(1e-6, sum(timer.stages.values())), 2)}
        (archive / "script.json").write_text(json.dumps(doc["script"], indent=2, ensure_ascii=False))
        (archive / "summary.json").write_text(json.dumps(summary, indent=2))
        return summary

    def _tile_path(self, key: str, kind: str) -> Path:
        return self.cache / "segments" / f"{key}.{kind}.jpg"

    def _tile(self, key: str, design, theme: Theme) -> Image.Image:
        """A scene's storyboard tile (and thumbnail), cached beside its segment."""
        tile_path, thumb_path = self._tile_path(key, "tile"), self._tile_path(key, "thumb")
        if tile_path.exists() and thumb_path.exists():
            with Image.open(tile_path) as img:
                return img.convert("RGB")
        art = design()
        tile = scene_tile(art, theme)
        for path, pic in ((tile_path, tile), (thumb_path, scene_thumbnail(art, theme))):
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            pic.save(tmp, "JPEG", quality=86)
            os.replace(tmp, path)
        return tile

    def _encode_all(self, scenes, plans, keys, half, media, theme, cues_by_scene, options, total_frames,
                    report, title, timer, work):
        fps, (W, H) = options.fps, options.size
        n = len(scenes)
        # (kind, scene index, key, first frame, end frame) in playback order
        order = []
        for i, p in enumerate(plans):
            a = half[i] if i > 0 else 0
            b = p.frames - half[i] if i < n - 1 else p.frames
            order.append(("body", i, _digest(keys[i], a, b), a, b))
            if i < n - 1:
                order.append(("cross", i, _digest(keys[i], keys[i + 1], half[i], half[i + 1]), 0, half[i] + half[i + 1]))
        live: dict[int, SceneFrames] = {}

        def frames_of(i: int) -> SceneFrames:
            if i not in live:
                scene, plan = scenes[i], plans[i]
                art = design_scene(scene, i, n, title, theme, [s.text for s in plan.sentences],
                                   [s.start for s in plan.sentences], media[i])
                self._tile(keys[i], lambda: art, theme)
                live[i] = SceneFrames(art, plan.frames, fps, theme, cues_by_scene[i], options.captions, i)
                for old in [k for k in live if k < i - 1]:
                    live.pop(old).close()
            return live[i]

        _, other = frame_buffer(W, H)
        _, scratch = frame_buffer(W, H)
        folder = self.cache / "segments"
        paths = [folder / f"{key}.ts" for _, _, key, _, _ in order]
        todo = [k for k, p in enumerate(paths) if not p.exists()]
        cached = sum(1 for k, item in enumerate(order) if item[0] == "body" and k not in todo)
        for k, p in enumerate(paths):
            if k not in todo:
                os.utime(p)
        done = sum(order[k][4] - order[k][3] for k in range(len(order)) if k not in todo)
        start, span = STAGES["encode"]
        report("encode", start + (span - start) * done / total_frames, f"{cached}/{n} scenes reused")
        if not todo:
            return paths, cached
        enc = SegmentEncoder([paths[k] for k in todo], [order[k][4] - order[k][3] for k in todo], W, H, fps,
                             options.crf, work)
        pump = FramePump(enc.write, W, H)
        try:
            for k in todo:
                kind, i, _, a, b = order[k]
                count = b - a
                for j in range(count):
                    item = pump.next()
                    out = item[1]
                    if kind == "body":
                        frames_of(i).render(a + j, out)
                    else:
                        src, dst = frames_of(i), frames_of(i + 1)
                        src.render(min(plans[i].frames - half[i] + j, plans[i].frames - 1), other)
                        dst.render(max(0, j - half[i]), scratch)
                        mix(other, scratch, ease((j + 0.5) / count), out)
                    pump.push(item)
                    done += 1
                    if done % 6 == 0:
                        report("encode", start + (span - start) * done / total_frames,
                               f"scene {i + 1}/{n}, frame {done}/{total_frames}")
            pump.close()
            enc.close()
        except BaseException:
            enc.abort()
            pump.close_quietly()
            raise
        finally:
            for f in live.values():
                f.close()
        timer.lap("pictures+encode")
        return paths, cached


def scene_tile(art, theme: Theme) -> Image.Image:
    """The scene's first frame, storyboard-sized."""
    p = theme.pan
    first = art.states[0].crop((p, p, p + theme.width, p + theme.height))
    tile_w = 360 if not theme.portrait else 216
    return first.resize((tile_w, int(tile_w * theme.height / theme.width)), Image.BILINEAR)


def scene_thumbnail(art, theme: Theme) -> Image.Image:
    """The scene fully revealed, up to 640 px."""
    p = theme.pan
    pic = art.states[-1].crop((p, p, p + theme.width, p + theme.height))
    pic.thumbnail((640, 640))
    return pic


def save_storyboard(tiles: list[Image.Image], theme: Theme, path: Path, columns: int | None = None) -> None:
    """Every scene's first frame in one picture."""
    columns = columns or (4 if theme.portrait else 3)
    tile_w, tile_h = tiles[0].size
    rows = (len(tiles) + columns - 1) // columns
    gap = 12
    board = Image.new("RGB", (columns * (tile_w + gap) + gap, rows * (tile_h + gap) + gap), (24, 26, 32))
    for i, tile in enumerate(tiles):
        board.paste(tile, (gap + (i % columns) * (tile_w + gap), gap + (i // columns) * (tile_h + gap)))
    board.save(path, "JPEG", quality=85)
