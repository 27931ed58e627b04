"""A stack of layers a note describes ("a cross-section with labelled layers from bottom to top: 'Clay', 'Mud',
'Piles'", "Bottom: 'Canvas'. Then 'Underpainting'. Top: 'Glazes'"): its layers, the top one first, as they lie in
the thing. A list read down the screen in the order the note happens to name them would put the ground on top
(issue 20: a judge counted such a list as misleading)."""

from __future__ import annotations

import re

from vidgen.author.anim import bounded, halves, quoted_in, sentences

# the note says it draws a stack of layers
# (not a stack of anything: 'stacked' guesses, a 'call stack', 'rain bands', 'three stacked tracks' are no layers)
_STACK = re.compile(r"\b(?:layers|layer by layer|(?:rock )?strata|coats of|horizontal bands|bands of colou?r)\b", re.I)
# and in what order it names them
_UP = re.compile(r"\bfrom (?:the )?(?:bottom|base)(?: to (?:the )?top| up(?:wards)?)?\b|\bfrom back to front\b|"
                 r"\bbottom to top\b|\bbuilt up\b", re.I)
_DOWN = re.compile(r"\bfrom (?:the )?top(?: to (?:the )?(?:bottom|base)| down(?:wards)?)\b|\btop to bottom\b", re.I)
# a run of quoted names, one after another ("'Clay', 'Mud' and 'Piles'"), with at most a few words between
# ("..., and finally a row of coloured cubes labelled 'Tesserae'")
# ("..., and finally a row of coloured cubes labelled 'Tesserae'", not "..., and a pore labelled 'Stoma'")
_RUN = re.compile(r"['‘\"“][^'’\"”]{1,50}['’\"”](?:\s*(?:,|;|,?\s*and)\s*(?:(?:finally|then|on top)\s+"
                  r"[^'‘\"“.,;]{0,45}?\b(?:labell?ed|marked|called)\s+)?['‘\"“][^'’\"”]{1,50}['’\"”])+")
# one layer a sentence ("Bottom: 'Canvas and ground'. Then 'Underpainting (lean)'. Top: 'Final glazes (fat)'")
_STEP = re.compile(r"^\s*(?:(?:at the )?(bottom|base|top)\s*[:,]|then|next|above (?:it|that)\s*[:,]?|on top\s*[:,]?)",
                   re.I)
# where the note puts each ("'Hieroglyphs' at the top, 'Demotic' in the middle, 'Greek' at the bottom")
_PLACED = re.compile(r"['‘\"“]([^'’\"”]{1,50})['’\"”]\s+(?:at|in|on|along|across) the (top|middle|centre|center|"
                     r"bottom|base)\b", re.I)


def layers(anim: str) -> list[str]:
    """The layers of the stack the note describes, top first; empty when it describes none (or only two: a top
    and a bottom say no more than two names), or describes them inside one half of a split screen."""
    text = bounded(anim)
    if not _STACK.search(text) or halves(text) is not None:
        return []
    said = sentences(text)
    for k, s in enumerate(said):
        if not _STACK.search(s):
            continue
        if re.search(r"\bpyramid\b", s, re.I) and not (_UP.search(s) or _DOWN.search(s)):
            continue   # (a pyramid's tiers are named from its base as often as from its tip)
        placed = _PLACED.findall(" ".join(said[k:k + 2]))   # ('... three bands. Labels: 'A' at the top, ...')
        if len(placed) >= 3:
            rank = {"top": 0, "middle": 1, "centre": 1, "center": 1, "bottom": 2, "base": 2}
            ordered = sorted(placed, key=lambda p: rank[p[1].lower()])
            return _named([name for name, _ in ordered])
        run = _RUN.search(s)
        names = quoted_in(run.group(0)) if run else []
        if len(names) >= 3:
            up = bool(_UP.search(s)) and not _DOWN.search(s)
            return _named(list(reversed(names)) if up else names)
        # one layer a sentence after it, from the bottom or the top as the first one says
        steps: list[tuple[str, str]] = []
        for x in said[k + 1:k + 8]:
            m = _STEP.match(x)
            if not m or not quoted_in(x):
                break
            steps.append(((m.group(1) or "").lower(), quoted_in(x)[0]))
        if len(steps) >= 3 and steps[0][0] in ("bottom", "base", "top"):
            names = [name for _, name in steps]
            return _named(list(reversed(names)) if steps[0][0] in ("bottom", "base") else names)
    return []


def _named(names: list[str]) -> list[str]:
    # (a layer named twice, 'Glass', 'Gold leaf', 'Glass', is a sandwich: one list of three says it as well)
    return names[:7] if len(names) >= 3 and all(len(n.split()) <= 8 for n in names) else []
