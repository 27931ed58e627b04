"""Scene visuals, the bottom layer of pictures: the declarative spec (`spec`), the kind registry
(`kinds`: which kinds there are and each one's rules) and the checks of math and plot formulas
(`tex`, `expr`). Authoring (`vidgen.author`) and drawing (`vidgen.draw`) sit above it; it imports
neither (the registry finds the kinds' modules by name when a kind is first asked for).

Importing the package is cheap, and finding the kinds loads no cairo, matplotlib or numpy (only math
and plot formulas, when a label has them, load what checks them).
"""
