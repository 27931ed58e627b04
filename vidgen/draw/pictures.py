"""Each scene's picture: a frame source for the encoder, and its final state as an image
(for the thumbnail, the storyboard and previews).

Every scene is drawn by the visual engine from its `visual`, or from one derived from its
words (docs/visuals.md); a scene that brings only a user's `media` keeps the designed
slide around that photo or video.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from PIL import Image

from vidgen.draw.theme import Theme
from vidgen.draw.yuv import Planes
from vidgen.errors import VidgenError
from vidgen.script.model import Scene


class FrameSource(Protocol):
    def render(self, i: int, out: Planes) -> None: ...

    def still(self, i: int) -> Hashable | None:
        """What frame i looks like, as a key: frames with equal keys are identical (None: not known)."""

    def close(self) -> None: ...


@dataclass
class SceneTiming:
    """When each sentence is said, in seconds from the scene's start, and how long the scene is."""

    sentences: list[tuple[str, float, float]]   # (text, start, duration)
    frames: int
    fps: int

    @property
    def duration(self) -> float:
        return self.frames / self.fps


class Picture(Protocol):
    def source(self) -> FrameSource:
        """Frames 0..timing.frames-1 of the picture alone (captions are blended on top by the caller)."""

    def final(self) -> Image.Image:
        """The scene's last state, W x H RGB."""


class SlidePicture:
    """The designed slide (title, key lines, the user's photo or video), revealed line by line."""

    def __init__(self, scene: Scene, index: int, total: int, title: str, theme: Theme, timing: SceneTiming,
                 media: Path | None):
        from vidgen.draw.slides import design_scene

        self.theme, self.timing, self.index = theme, timing, index
        self.art = design_scene(scene, index, total, title, theme, [s[0] for s in timing.sentences],
                                [s[1] for s in timing.sentences], media)

    def source(self) -> FrameSource:
        from vidgen.draw.captioned import SceneFrames

        return SceneFrames(self.art, self.timing.frames, self.timing.fps, self.theme, self.index)

    def final(self) -> Image.Image:
        p = self.theme.pan
        return self.art.states[-1].crop((p, p, p + self.theme.width, p + self.theme.height)).convert("RGB")


class VisualPicture:
    """The scene's visual spec drawn by the visual engine, building up with the narration."""

    def __init__(self, visual: Any, index: int, total: int, title: str, theme: Theme, timing: SceneTiming,
                 home: Path):
        from vidgen.draw.scene import VisualScene

        self.timing = timing
        self.scene = VisualScene(visual, theme, [(start, length) for _, start, length in timing.sentences],
                                 timing.duration, home=home, index=index, total=total,
                                 opening=index == 0)  # the video's first frame shows a picture

    def source(self) -> FrameSource:
        from vidgen.draw.frames import VisualFrames

        return _Closing(VisualFrames(self.scene, self.timing.fps, self.timing.frames))

    def final(self) -> Image.Image:
        return Image.fromarray(self.scene.final())

    def at(self, t: float) -> Image.Image:
        return Image.fromarray(self.scene.draw(t))


class _Closing:
    """A frame source with nothing to release."""

    def __init__(self, frames: Any):
        self.frames = frames

    def render(self, i: int, out: Planes) -> None:
        self.frames.render(i, out)

    def still(self, i: int) -> Hashable | None:
        return self.frames.still(i)

    def close(self) -> None:
        pass


def scene_picture(scene: Scene, index: int, total: int, title: str, theme: Theme, timing: SceneTiming,
                  media: Path | None, home: Path) -> Picture:
    """The scene's own visual, else the designed slide around its media, else a visual derived from its words."""
    if scene.visual is None and media is not None:
        return SlidePicture(scene, index, total, title, theme, timing, media)
    from vidgen.author.describe import visual_of

    visual, _ = visual_of(scene, index, total, title)
    try:
        return VisualPicture(visual, index, total, title, theme, timing, home)
    except (MemoryError, VidgenError):
        raise
    except Exception:  # a picture the engine cannot lay out must not fail the render: the plain slide instead
        import logging

        logging.getLogger("vidgen.render").exception("scene %s: its picture could not be laid out; drawn as a "
                                                     "slide", scene.seq)
        return SlidePicture(scene, index, total, title, theme, timing, None)


def tile(final: Image.Image, theme: Theme) -> Image.Image:
    """A storyboard tile: the scene's final state, small."""
    tile_w = 360 if not theme.portrait else 216
    return final.resize((tile_w, int(tile_w * theme.height / theme.width)), Image.Resampling.BILINEAR)


def thumbnail(final: Image.Image) -> Image.Image:
    """The scene fully revealed, up to 640 px."""
    pic = final.copy()
    pic.thumbnail((640, 640))
    return pic


def save_storyboard(tiles: list[Image.Image], theme: Theme, path: Path, columns: int | None = None) -> None:
    """Every scene's final state in one picture."""
    columns = columns or (4 if theme.portrait else 3)
    tile_w, tile_h = tiles[0].size
    rows = (len(tiles) + columns - 1) // columns
    gap = 12
    board = Image.new("RGB", (columns * (tile_w + gap) + gap, rows * (tile_h + gap) + gap), (24, 26, 32))
    for i, t in enumerate(tiles):
        board.paste(t, (gap + (i % columns) * (tile_w + gap), gap + (i // columns) * (tile_h + gap)))
    fmt = {".png": "PNG", ".webp": "WEBP"}.get(path.suffix.lower(), "JPEG")  # what the name says it is
    board.save(path, fmt, **({"quality": 85} if fmt != "PNG" else {}))


__all__: list[Any] = ["Picture", "SceneTiming", "scene_picture", "save_storyboard", "thumbnail", "tile"]
