"""Designed slides for each layout, drawn with Pillow.

A scene becomes a few *states*: the same slide with one more key line revealed each
time, switched as the narration reaches that line. States are drawn larger than the
frame by `theme.pan` on each side, so motion is a cheap crop.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageOps

from vidgen.draw.fonts import font
from vidgen.draw.theme import Theme
from vidgen.store.media import load_picture

QUOTED = re.compile(r"(?:(?<=[\s(])|^)['\"‘“]([^'\"’”]{2,60}?)['\"’”](?=[\s.,;:)!?]|$)")
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff"}
VIDEO_SUFFIXES = {".mp4", ".mov", ".mkv", ".webm", ".avi", ".m4v"}


@dataclass
class SceneArt:
    states: list[Image.Image]
    reveal_at: list[float]                      # seconds into the scene at which each state starts
    video: Path | None = None                   # a user's video, played inside video_box
    video_box: tuple[int, int, int, int] = (0, 0, 0, 0)
    overlays: list[Image.Image] = field(default_factory=list)  # RGBA text drawn over the video


def wrap(text: str, fnt, width: int, max_lines: int = 99) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if fnt.getlength(trial) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and fnt.getlength(last + "…") > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def short(sentence: str, words: int = 7) -> str:
    parts = sentence.rstrip(".!?").split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def on_screen_text(scene, sentences: list[str], script_title: str, index: int) -> tuple[str, list[str]]:
    """A headline and key lines: from `on_screen`, else quoted text in `anim`, else the narration."""
    lines = scene.on_screen_lines()
    if lines:
        return lines[0], lines[1:5]
    quoted = [q.strip() for q in QUOTED.findall(scene.anim or "") if len(q.split()) <= 9]
    quoted = list(dict.fromkeys(q for q in quoted if q.lower() != script_title.lower()))
    headline = script_title if index == 0 else (quoted.pop(0) if quoted else short(sentences[0], 6))
    bullets = quoted[:4] if len(quoted) >= 2 else [short(s) for s in sentences[1 if index else 0:]][:4]
    return headline, bullets


def _gradient(theme: Theme, w: int, h: int) -> Image.Image:
    top, bottom = Image.new("RGB", (1, 2), theme.card.bg_top), None
    top.putpixel((0, 1), theme.card.bg_bottom)
    bottom = top.resize((w, h), Image.Resampling.BILINEAR)
    return bottom


def _decor(img: Image.Image, theme: Theme, seed: int) -> None:
    """Soft geometric shapes, different for every scene, never competing with the text.

    Drawn and blurred at a quarter of the size: the blur is the costly part, and the shapes
    are soft anyway.
    """
    w, h = img.size[0] // 4, img.size[1] // 4
    layer = Image.new("RGBA", (w, h), (*theme.card.accent, 0))
    d = ImageDraw.Draw(layer)
    r = seed
    for i in range(5):
        r = (r * 1103515245 + 12345) & 0x7FFFFFFF
        cx, cy = int(w * (0.55 + 0.45 * ((r >> 8) % 100) / 100)), int(h * ((r >> 16) % 100) / 100)
        rad = int(min(w, h) * (0.12 + 0.25 * ((r >> 4) % 100) / 100))
        alpha = 26 if i % 2 else 16
        if i % 3 == 0:
            d.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), outline=(*theme.card.accent, alpha * 3),
                      width=max(1, int(theme.unit * 0.15)))
        else:
            d.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=(*theme.card.accent, alpha))
    blurred = layer.filter(ImageFilter.GaussianBlur(max(1.0, theme.unit * 0.1)))
    layer = blurred.resize(img.size, Image.Resampling.BILINEAR)
    img.paste(layer, (0, 0), layer)


def _cover(src: Image.Image, w: int, h: int) -> Image.Image:
    return ImageOps.fit(src.convert("RGB"), (w, h), Image.Resampling.LANCZOS)


def _progress(d: ImageDraw.ImageDraw, theme: Theme, ox: int, oy: int, index: int, total: int) -> None:
    if total < 2:
        return
    seg = max(6, int(theme.unit * 4))
    gap = max(3, int(theme.unit * 0.8))
    y = oy + int(theme.card_margin_top * 0.45)
    x = ox + theme.card_margin_x
    for i in range(total):
        colour = theme.card.accent if i <= index else theme.card.muted
        d.rounded_rectangle((x, y, x + seg, y + max(3, int(theme.unit * 0.6))), radius=2,
                            fill=colour if i <= index else (*colour, 90))
        x += seg + gap


def _text_block(d, theme: Theme, x: int, y: int, width: int, headline: str, bullets: list[str],
                shown: int, *, hero: bool = False, align_center: bool = False) -> int:
    head_font = font(theme.card_size("hero" if hero else "headline"), "bold")
    body_font = font(theme.card_size("body"))
    for line in wrap(headline, head_font, width, 3):
        lx = x + (width - head_font.getlength(line)) / 2 if align_center else x
        d.text((lx, y), line, font=head_font, fill=theme.card.text)
        y += int(head_font.size * 1.18)
    y += int(theme.unit * 2.2)
    d.rounded_rectangle((x if not align_center else x + width / 2 - theme.unit * 5, y,
                         (x if not align_center else x + width / 2 - theme.unit * 5) + theme.unit * 10,
                         y + max(3, theme.unit * 0.7)), radius=3, fill=theme.card.accent)
    y += int(theme.unit * 3.2)
    dot = theme.unit * 0.9
    for bullet in bullets[:shown]:
        lines = wrap(bullet, body_font, int(width - theme.unit * 4), 2)
        for j, line in enumerate(lines):
            if align_center:
                lx = x + (width - body_font.getlength(line)) / 2
            else:
                lx = x + theme.unit * 4
                if j == 0:
                    cy = y + body_font.size * 0.6
                    d.ellipse((x + dot * 0.4, cy - dot, x + dot * 2.4, cy + dot), fill=theme.card.accent)
            d.text((lx, y), line, font=body_font, fill=theme.card.text if j == 0 else theme.card.muted)
            y += int(body_font.size * 1.3)
        y += int(theme.unit * 1.4)
    return y


# words of stage direction, not of the subject: they say how to show, never what
STAGE = set("""
animate animated animates animation appear appears appearing arrow arrows background bottom camera
centre center display displayed displays fading fade fades highlight highlighted highlights
narration narrator overlay screen showing shown slowly smoothly split visual visuals labelled
labeled moving rotating zooming sequence labels
""".split())  # noqa: SIM905 (a word list reads best as text)


def panel_keywords(anim: str, narration: str) -> list[str]:
    """Up to a few words naming the subject: from `anim`, those the narration also says first."""
    words = [w.strip(".,:;()'\"!?") for w in re.split(r"\s+", anim)]
    keys = list({w.lower(): w for w in reversed(words)
                 if len(w) > 5 and w[:1].isalpha() and w.lower() not in STAGE}.values())[::-1]
    spoken = {w.strip(".,:;()'\"!?").lower() for w in narration.split()}
    keys.sort(key=lambda w: (w.lower() not in spoken, -len(w)))
    return keys


def _panel(d, theme: Theme, box: tuple[int, int, int, int], scene, index: int) -> None:
    """The visual side of a split screen when the scene brings no media: number and keywords."""
    x0, y0, x1, y1 = box
    d.rounded_rectangle(box, radius=int(theme.unit * 3), fill=(*theme.card.panel, 18),
                        outline=(*theme.card.accent, 120), width=max(2, int(theme.unit * 0.3)))
    num_font = font(theme.card_size("number"), "bold")
    label = f"{index + 1:02d}"
    d.text(((x0 + x1) / 2, y0 + (y1 - y0) * 0.4), label, font=num_font, fill=theme.card.accent, anchor="mm")
    small = font(theme.card_size("label"), "bold")
    y = y0 + (y1 - y0) * 0.66
    for key in panel_keywords(scene.anim or "", scene.text or "")[:3]:
        d.text(((x0 + x1) / 2, y), key.upper(), font=small, fill=theme.card.muted, anchor="mm")
        y += small.size * 1.6


def design_scene(scene, index: int, total: int, script_title: str, theme: Theme, sentences: list[str],
                 sentence_starts: list[float], media: Path | None) -> SceneArt:
    W, H, p = theme.width, theme.height, theme.pan
    headline, bullets = on_screen_text(scene, sentences, script_title, index)
    layout = scene.effective_layout
    seed = int(hashlib.sha1(f"{scene.seq}{headline}".encode()).hexdigest()[:8], 16)
    is_video = media is not None and media.suffix.lower() in VIDEO_SUFFIXES
    base = _gradient(theme, W + 2 * p, H + 2 * p)
    _decor(base, theme, seed)
    content_bottom = theme.caption_top - int(theme.unit * 2)
    text_x, text_w = p + theme.card_margin_x, W - 2 * theme.card_margin_x
    video_box = (0, 0, 0, 0)
    if layout == "split_screen":
        if theme.portrait:
            panel = (p + theme.card_margin_x, p + int(H * 0.42), p + W - theme.card_margin_x, p + content_bottom)
        else:
            panel = (p + int(W * 0.56), p + theme.card_margin_top, p + W - theme.card_margin_x, p + content_bottom)
            text_w = int(W * 0.47) - theme.card_margin_x
        if media is not None and not is_video:
            pic = _cover(load_picture(media, panel[2] - panel[0], panel[3] - panel[1]), panel[2] - panel[0],
                         panel[3] - panel[1])
            base.paste(pic, panel[:2])
        elif is_video:
            video_box = (panel[0] - p, panel[1] - p, panel[2] - panel[0], panel[3] - panel[1])
    elif media is not None:
        if is_video:
            video_box = (0, 0, W, H)
        else:
            base.paste(_cover(load_picture(media, W + 2 * p, H + 2 * p), W + 2 * p, H + 2 * p), (0, 0))
        # keep text readable over a picture
        shade = Image.new("RGBA", base.size, (*theme.card.bg_top, 150))
        base.paste(shade, (0, 0), shade)

    def draw(img: Image.Image, shown: int, offset: int) -> None:
        d = ImageDraw.Draw(img, "RGBA")
        _progress(d, theme, offset, offset, index, total)
        if layout == "split_screen" and media is None:
            _panel(d, theme, panel, scene, index)
        top = offset + theme.card_margin_top + int(theme.unit * 3)
        if layout == "custom" or not bullets:
            block_h = theme.card_size("hero") * 3 + theme.card_size("body") * 1.6 * max(1, shown)
            top = offset + max(theme.card_margin_top, int((content_bottom - block_h) / 2))
            _text_block(d, theme, text_x - p + offset, top, text_w, headline, bullets, shown,
                        hero=True, align_center=True)
        else:
            _text_block(d, theme, text_x - p + offset, top, text_w, headline, bullets, shown)

    steps = list(range(0 if bullets else 0, len(bullets) + 1))
    n = len(sentence_starts)
    reveal_at = [0.0] + [sentence_starts[min(n - 1, (k * n) // max(1, len(bullets)))] if n else 0.0
                         for k in range(1, len(bullets) + 1)]
    # the first key line comes with the first words
    if bullets:
        steps, reveal_at = steps[1:], reveal_at[1:]
        reveal_at[0] = 0.0
    states: list[Image.Image] = []
    overlays: list[Image.Image] = []
    for shown in steps:
        if is_video:
            overlay = Image.new("RGBA", (W, H), (0, 0, 0, 0))
            draw(overlay, shown, 0)
            overlays.append(overlay)
            if not states:
                states.append(base)
        else:
            img = base.copy()
            draw(img, shown, p)
            states.append(img)
    return SceneArt(states, reveal_at, media if is_video else None, video_box, overlays)
