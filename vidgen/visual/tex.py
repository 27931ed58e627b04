"""Math in labels: the TeX subset matplotlib's mathtext draws, checked without drawing it.

A label holds math between `$...$` (text around it is plain). Checking a label parses it
once with mathtext (a few milliseconds, cached), so a save is refused with the parser's
reason instead of a render failing later. matplotlib is imported only when a label has math.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

MAX_NESTING = 12   # groups inside groups ({...}, \\left...\\right); a formula a person writes needs ~5
UNSUPPORTED = ("\\begin", "pmatrix", "bmatrix", "\\array", "\\underbrace", "\\overbrace", "\\align",
               "\\text{", "\\tag")


class MathError(ValueError):
    """The label's math cannot be drawn (the message says why)."""


def has_math(label: str) -> bool:
    return label.count("$") >= 2


def nesting(label: str) -> int:
    """How deeply groups nest: `{` (not the escaped `\\{`) and `\\left` open one, `}` and `\\right` close it.

    mathtext's parser recurses per level and runs out of stack at about 25 (a RecursionError, not
    a parse error), so depth is counted before it is asked."""
    depth = deepest = 0
    i = 0
    while i < len(label):
        if label.startswith(("\\{", "\\}"), i):
            i += 2
            continue
        if label[i] == "{" or label.startswith("\\left", i):
            depth += 1
            deepest = max(deepest, depth)
        elif label[i] == "}" or label.startswith("\\right", i):
            depth = max(0, depth - 1)
        i += 1
    return deepest


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
    depth = nesting(label)
    if depth > MAX_NESTING:
        shown = label if len(label) <= 60 else label[:57] + "…"
        raise MathError(f"the math in {shown!r} is nested {depth} levels deep; the limit is {MAX_NESTING}: "
                        f"write it in simpler steps")
    try:
        _parser().parse(label, dpi=72)
    except ValueError as exc:
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else "it does not parse"
        raise MathError(f"the math in {label!r} does not parse ({reason})") from None
    except MemoryError:
        raise
    except Exception as exc:  # the parser's own failures on input it never expected: refused, never a crash
        raise MathError(f"the math in {label[:80]!r} cannot be drawn ({type(exc).__name__}): "
                        f"write it more simply") from None


@lru_cache(maxsize=1)
def _parser() -> Any:
    from matplotlib.mathtext import MathTextParser

    return MathTextParser("path")
