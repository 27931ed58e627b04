"""Equations written in words and symbols in a narration ('So X + 5 - 5 = 10 - 5, which gives X = 5'), and a plain
equation set as mathtext for the picture."""

from __future__ import annotations

import re

from vidgen.author.phrases import dollars, plain

_TOKEN = re.compile(r"\d+(?:\.\d+)?|[A-Za-z]+\d*|[=+\-*/×÷·^()|°√]|\S")
_OPS = set("+-*/×÷·^()|°√")
_FUNCS = {"sin", "cos", "tan", "log", "ln", "exp", "sqrt", "arg", "pi"}


def _mathy(tokens: list[str], k: int) -> bool:
    t = tokens[k]
    if t in _OPS or re.fullmatch(r"\d+(?:\.\d+)?", t) or t.lower() in _FUNCS:
        return True
    if re.fullmatch(r"[A-Za-z]\d*", t):
        if t in ("a", "A", "I"):  # English words unless written next to an operator
            near = [tokens[j] for j in (k - 1, k + 1) if 0 <= j < len(tokens)]
            return any(n in _OPS or n == "=" for n in near)
        return True
    # 'bi' in a + bi: an imaginary part, only right after + or -
    return bool(re.fullmatch(r"\d*[a-z]i", t)) and k > 0 and tokens[k - 1] in ("+", "-")


def equations(text: str) -> list[str]:
    """Equations written inline: 'So X + 5 - 5 = 10 - 5, which gives X = 5' -> ['X + 5 - 5 = 10 - 5', 'X = 5']."""
    found: list[str] = []
    for chunk in re.split(r"[,:;!?'‘’\"“”\[\]]|\.(?!\d)|\s(?:and|which|so|then|giving|gives|for)\s", text):
        tokens = _TOKEN.findall(chunk)
        k = 0
        while k < len(tokens):
            if tokens[k] != "=":
                k += 1
                continue
            lo = k
            while lo > 0 and _mathy(tokens, lo - 1):
                lo -= 1
            hi = k + 1
            while hi < len(tokens) and (tokens[hi] == "=" or _mathy(tokens, hi)):
                hi += 1
            left, right = tokens[lo:k], [t for t in tokens[k + 1:hi]]
            while right and right[-1] in "+-*/×÷·^(=":
                right.pop()
            if left and right and any(re.search(r"[A-Za-z0-9]", t) for t in left + right):
                eq = _join(tokens[lo:k] + ["="] + right)
                if eq not in found:
                    found.append(eq)
            k = hi
    return found


def _join(tokens: list[str]) -> str:
    out = ""
    for k, t in enumerate(tokens):
        # a coefficient stays on its variable: 2X, 3N (written without a space in the narration)
        coefficient = k and re.fullmatch(r"\d+", tokens[k - 1]) and re.fullmatch(r"[A-Za-z]\d*", t)
        out += t if (not out or coefficient) else f" {t}"
    out = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", out))
    out = re.sub(r"\s*\^\s*", "^", out).replace(" °", "°")
    return re.sub(r"\|\s*([^|]+?)\s*\|", r"|\1|", out).strip()


def to_math(expr: str) -> str:
    """A plain equation as mathtext, read with ordinary precedence: 'A = P(1 + r/n)^(nt)' ->
    '$A = P(1 + \\frac{r}{n})^{nt}$', 'r = annual rate' -> '$r = \\mathrm{annual\\ rate}$'.

    Falls back to plain text when the formula cannot be read or mathtext would not parse the result.
    """
    from vidgen.visual.formula import FormulaError, to_mathtext
    from vidgen.visual.tex import check_math

    # '$4,322' is money, not math: said as dollars (a lone $ would open math)
    text = dollars(expr.strip())
    try:
        label = f"${to_mathtext(text)}$"
        check_math(label)
        return label
    except (FormulaError, ValueError):
        return plain(expr)
