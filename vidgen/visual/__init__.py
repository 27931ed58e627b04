"""Scene visuals: the declarative spec (`spec`), its checks (`expr`, `tex`), and the engine that
draws it. This package reads as: spec -> derive/repair (writers' side) -> layout -> draw -> frames.

The engine: `theme` (colours, type scale, safe area), `layout` (element boxes), `timing` (when steps
happen), `glyphs` (text and math as cached masks), `kinds/` (one drawer per element kind), `scene`
(`VisualScene`: the picture at any time t) and `frames` (`VisualFrames`: encoder frames that hold
still pictures and redraw only what changes).

Importing the package is cheap; drawing modules import cairo and matplotlib lazily.
"""
