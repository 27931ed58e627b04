"""A frame of a scene that is not saved: what the studio's moment slider shows while a person types.

The scene is checked exactly as a save checks it (over HTTP: files under VIDGEN_HOME only), then drawn
and forgotten: nothing is stored, so looking never makes a version.
"""

from __future__ import annotations

from typing import Any

from vidgen.errors import BadInput

PREVIEW_QUALITIES = ("low", "medium", "high")   # a preview is a look, not a master: 1080p at most
MAX_T = 3600.0
MAX_SCENES = 500


def png(picture: Any) -> bytes:
    import io

    out = io.BytesIO()
    picture.save(out, "PNG", optimize=False, compress_level=1)   # speed over size: it is shown once
    return out.getvalue()


def preview_script(body: Any) -> tuple[dict[str, Any], float | None]:
    """The one-scene script to draw and the moment, from `{scene, t?, title?}`; BadInput naming the field."""
    if not isinstance(body, dict) or not isinstance(body.get("scene"), dict):
        raise BadInput("the body needs the scene to preview", 'send {"scene": {"text": ...}, "t": seconds}')
    t = body.get("t")
    if t is not None and (isinstance(t, bool) or not isinstance(t, (int, float)) or not 0 <= t <= MAX_T):
        raise BadInput(f"t must be a number of seconds from 0 to {MAX_T:g}, not {str(t)[:40]!r}",
                       "leave it out for the scene's final state")
    title = body.get("title")
    if title is not None and (not isinstance(title, str) or len(title) > 200):
        raise BadInput("title must be the script's title, at most 200 characters")
    scene = {"seq": 1, **body["scene"]}   # a scene being typed may not have its number yet
    return {"title": title or "Preview", "scenes": [scene]}, None if t is None else float(t)


def place_of(body: dict[str, Any]) -> tuple[int, int] | None:
    """Where the scene sits in its script (index from 0, total), for the progress marks it is drawn with."""
    index, total = body.get("index"), body.get("total")
    if index is None and total is None:
        return None
    ok = all(isinstance(v, int) and not isinstance(v, bool) for v in (index, total))
    if not ok or not 0 <= index < total <= MAX_SCENES:  # type: ignore[operator]
        raise BadInput(f"index and total say where the scene is in its script: 0 <= index < total <= {MAX_SCENES}",
                       "leave both out for a scene on its own")
    return index, total  # type: ignore[return-value]


def preview_job(svc: Any, body: Any, options: Any) -> tuple[Any, dict[str, Any], Any, int, float | None]:
    """What `render.storyboard.scene_frame` needs to draw the unsaved scene, checked: (settings, doc,
    options, index, t), the shape of a stored scene's frame job, so both can be drawn the same way."""
    if options.quality not in PREVIEW_QUALITIES:
        raise BadInput(f"a preview is drawn at {', '.join(PREVIEW_QUALITIES)} quality, not {options.quality}",
                       "render the video for a 2k or 4k picture")
    data, t = preview_script(body)
    place = place_of(body)
    script = svc.validate(data, from_http=True)   # the same check as a save; nothing is stored
    doc: dict[str, Any] = {"script": script.dump(), "version": 0}
    if place is not None:
        doc["place"] = place
    return svc.settings, doc, options, 0, t


def preview_frame(svc: Any, body: Any, options: Any) -> bytes:
    from vidgen.render.storyboard import scene_frame

    return png(scene_frame(*preview_job(svc, body, options)))
