"""Scene visuals: the declarative spec (`spec`), its checks (`expr`, `tex`), and the engine that
draws it. This package reads as: spec -> derive/repair (writers' side) -> layout -> draw -> frames.

Importing the package is cheap; drawing modules import cairo and matplotlib lazily.
"""
