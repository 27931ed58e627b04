"""Math in labels: the TeX subset matplotlib's mathtext draws, checked without drawing it.

A label holds math between `$...$` (text around it is plain). Checking a label parses it
once with mathtext (a few milliseconds, cached), so a save is refused with the parser's
reason instead of a render failing later. matplotlib is imported only when a label has math.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

UNSUPPORTED = ("\\begin", "pmatrix", "bmatrix", "\\array", "\\underbrace", "\\overbrace", "\\align",
               "\\text{", "\\tag")


class MathError(ValueError):
    """The label's math cannot be drawn (the message says why)."""


def has_math(label: str) -> bool:
    return label.count("$") >= 2


@lru_cache(maxsize=2048)
def check_math(label: str) -> None:
    if not has_math(label):
        return
    if label.count("$") % 2:
        raise MathError(f"{label!r} has an unpaired $; put math between two $ signs")
    for bad in UNSUPPORTED:
        if bad in label:
            hint = "use a matrix element for matrices" if "matrix" in bad or "array" in bad else \
                "write it with fractions, roots, sub- and superscripts instead"
            raise MathError(f"{label!r} uses {bad.strip('{')}, which the math renderer cannot draw; {hint}")
    try:
        _parser().parse(label, dpi=72)
    except ValueError as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else "it does not parse"
        raise MathError(f"the math in {label!r} does not parse ({reason})") from None


@lru_cache(maxsize=1)
def _parser() -> Any:
    from matplotlib.mathtext import MathTextParser

    return MathTextParser("path")
