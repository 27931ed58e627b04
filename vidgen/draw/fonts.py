"""Fonts: any installed TrueType font, else Pillow's built-in scalable font.

Nothing here assumes a font exists; the built-in fallback always does (Pillow >= 10.1).
"""

from __future__ import annotations

import functools
import glob
import os
from typing import cast

from PIL import ImageFont

# Preferred faces first; the first one found is used for text, its bold sibling for titles.
CANDIDATES = {
    "regular": ["DejaVuSans.ttf", "LiberationSans-Regular.ttf", "NotoSans-Regular.ttf", "Arial.ttf",
                "FreeSans.ttf"],
    "bold": ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "NotoSans-Bold.ttf", "Arial Bold.ttf",
             "FreeSansBold.ttf"],
}
FONT_DIRS = ["/usr/share/fonts", "/usr/local/share/fonts", os.path.expanduser("~/.fonts"),
             "/Library/Fonts", "C:/Windows/Fonts"]


@functools.cache
def find_font(weight: str) -> str | None:
    override = os.environ.get("VIDGEN_FONT_BOLD" if weight == "bold" else "VIDGEN_FONT")
    if override and os.path.isfile(override):
        return override
    for name in CANDIDATES[weight]:
        for folder in FONT_DIRS:
            hits = glob.glob(os.path.join(folder, "**", name), recursive=True)
            if hits:
                return hits[0]
    return None


@functools.lru_cache(maxsize=256)
def font(size: int, weight: str = "regular") -> ImageFont.FreeTypeFont:
    path = find_font(weight) or find_font("regular")
    if path:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass
    # with a size, Pillow's built-in font is a FreeType font too (Pillow >= 10.1)
    return cast(ImageFont.FreeTypeFont, ImageFont.load_default(size=size))


def font_report() -> str:
    regular = find_font("regular")
    return f"using {regular}" if regular else "no TrueType font found; using Pillow's built-in font"
