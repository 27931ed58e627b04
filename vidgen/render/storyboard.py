"""A storyboard in about a second: every scene's final state, without voice or encoding,
timed from word counts; and one frame of one scene, for previews."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image

from vidgen.config import Settings
from vidgen.draw.pictures import SceneTiming, save_storyboard, scene_picture, tile
from vidgen.draw.theme import Theme
from vidgen.render.pipeline import Renderer
from vidgen.render.presets import RenderOptions
from vidgen.render.timing import estimated_plan
from vidgen.script.model import parse_script
from vidgen.script.sentences import sentences_or_text
from vidgen.store.names import sidecar, video_name


def _pictures(settings: Settings, doc: dict[str, Any], options: RenderOptions,
              only: int | None = None) -> tuple[Theme, list[Any]]:
    # (a script stored under older rules that no longer holds is bad input, said in one line: never a 500)
    script = parse_script(doc["script"])
    scenes = script.ordered_scenes()
    W, H = options.size
    theme = Theme.for_script(script.title, W, H)
    renderer = Renderer(settings)
    out: list[Any] = []
    for i, scene in enumerate(scenes):
        if only is not None and i != only:
            continue
        p = estimated_plan(i, scene.seq, sentences_or_text(scene.text), options.fps, scene.duration_sec)
        timing = SceneTiming([(s.text, s.start, s.duration) for s in p.sentences], p.frames, options.fps)
        # a lone scene previewed before it is saved says where it sits in its script: (index, total)
        index, total = doc.get("place") or (i, len(scenes))
        out.append(scene_picture(scene, index, total, script.title, theme, timing, renderer.media_path(scene),
                                 settings.home))
    return theme, out


def storyboard(settings: Settings, token: str, doc: dict[str, Any], options: RenderOptions, out: Path | None) -> Path:
    theme, pictures = _pictures(settings, doc, options)
    title = doc["script"]["title"]
    path = out or sidecar(settings.renders / video_name(title, token, doc["version"], options.variant()), "storyboard")
    path.parent.mkdir(parents=True, exist_ok=True)
    save_storyboard([tile(p.final(), theme) for p in pictures], theme, path)
    return path


def scene_frame(settings: Settings, doc: dict[str, Any], options: RenderOptions, index: int,
                t: float | None) -> Image.Image:
    """One frame of one scene at `t` seconds (its final state when `t` is None), W x H RGB."""
    _, pictures = _pictures(settings, doc, options, only=index)
    picture = pictures[0]
    frame: Image.Image = picture.final() if t is None or not hasattr(picture, "at") else picture.at(t)
    return frame


def frame_png(settings: Settings, doc: dict[str, Any], options: RenderOptions, index: int, t: float | None) -> bytes:
    """`scene_frame` as PNG: what a preview answers."""
    import io

    out = io.BytesIO()
    scene_frame(settings, doc, options, index, t).save(out, "PNG", optimize=False, compress_level=3)
    return out.getvalue()
