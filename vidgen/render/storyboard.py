"""A storyboard in about a second: every scene's first frame, without voice or encoding."""

from __future__ import annotations

from pathlib import Path

from vidgen.models import Script
from vidgen.picture.slides import IMAGE_SUFFIXES, design_scene
from vidgen.picture.theme import Theme
from vidgen.render.pipeline import Renderer, save_storyboard, scene_tile, video_name
from vidgen.voice import split_sentences
from vidgen.voice.mock import spoken_seconds


def storyboard(settings, token: str, doc: dict, options, out: Path | None) -> Path:
    options.check()
    script = Script.model_validate(doc["script"])
    scenes = script.ordered_scenes()
    W, H = options.size
    theme = Theme.for_script(script.title, W, H)
    renderer = Renderer(settings)
    arts = []
    for i, scene in enumerate(scenes):
        sentences = split_sentences(scene.text) or [scene.text]
        starts, t = [], 0.35
        for s in sentences:
            starts.append(t)
            t += spoken_seconds(s) + 0.25
        media = renderer.media_path(scene)
        arts.append(scene_tile(design_scene(scene, i, len(scenes), script.title, theme, sentences, starts,
                                            media if media and media.suffix.lower() in IMAGE_SUFFIXES else None),
                               theme))
    path = out or settings.renders / video_name(script.title, token, doc["version"]).replace(".mp4", ".storyboard.jpg")
    path.parent.mkdir(parents=True, exist_ok=True)
    save_storyboard(arts, theme, path)
    return path
