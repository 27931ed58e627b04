"""The figures a `figure` element draws and the parts a label can name on each: one table for the drawing
(`vidgen.draw.kinds.figure`), its checks and repairs, and the reading of an animator's note (`vidgen.author`)."""

from __future__ import annotations

FIGURES = ("right triangle", "triangle", "circle", "rectangle", "square")
ALIASES = {"right-angled triangle": "right triangle", "right angled triangle": "right triangle",
           "right-angle triangle": "right triangle"}
# the parts each figure has, and the words a note uses for them
PARTS = {"right triangle": ("bottom", "vertical", "slanted", "angle"),
         "triangle": ("bottom", "left", "right", "angle"),
         "circle": ("radius", "diameter", "centre"),
         "rectangle": ("bottom", "left", "top", "right"), "square": ("bottom", "left", "top", "right")}
PART_WORDS = {"base": "bottom", "horizontal": "bottom", "width": "bottom", "length": "bottom", "upright": "vertical",
              "height": "vertical", "hypotenuse": "slanted", "sloping": "slanted", "longest": "slanted",
              "diagonal": "slanted", "center": "centre", "corner": "angle"}


def part_of(figure: str, word: str) -> str:
    """The part a word names on a figure ('hypotenuse' on a right triangle is its slanted side), or ''."""
    part = PART_WORDS.get(word.strip().lower(), word.strip().lower())
    if figure == "right triangle" and part in ("right", "left"):
        part = "vertical"   # its upright side, wherever the note puts it
    if figure != "right triangle" and part == "vertical":
        part = "left" if figure != "circle" else ""
    return part if part in PARTS.get(figure, ()) else ""
