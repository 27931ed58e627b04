"""Plot expressions: a function of x, parsed against a whitelist and never evaluated as Python.

`sin(x)`, `x^2 - 1`, `2x + 1`, `y = e^(-x/2) cos(3x)`: numbers, x, pi, e, + - * / ^ **,
parentheses and sin cos tan exp log sqrt abs. The text is parsed into Python's AST only
to read its structure; every node is checked, then turned into a closure over numpy
functions. Nothing else (names, attributes, calls, lambdas, subscripts) gets through.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable
from functools import lru_cache

import numpy as np

MAX_LENGTH = 120
FUNCTIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sin": np.sin, "cos": np.cos, "tan": np.tan, "exp": np.exp, "log": np.log, "ln": np.log,
    "sqrt": np.sqrt, "abs": np.abs,
}
CONSTANTS = {"pi": math.pi, "e": math.e}
ALLOWED = "numbers, x, pi, e, + - * / ^, parentheses and " + " ".join(sorted(set(FUNCTIONS) - {"ln"}))

Fn = Callable[[np.ndarray], np.ndarray]


class ExprError(ValueError):
    """The expression is not a plottable function of x (the message says why)."""


_LHS = re.compile(r"^\s*(?:y|f\s*\(\s*x\s*\))\s*=\s*")
# implicit multiplication a person writes: 2x, 2(x+1), 3sin(x), (x+1)(x-1), x(x+1) is a call: left alone
# (a number's exponent is not a product: 1e3 and 2.5E-1 are numbers, 2e is 2 times e)
_IMPLICIT = [(re.compile(r"(\d)\s*(?![eE][+-]?\d)([a-zA-Z(])"), r"\1*\2"),
             (re.compile(r"(\d[eE][+-]?\d+)\s*([a-zA-Z(])"), r"\1*\2"), (re.compile(r"\)\s*([\w(])"), r")*\1")]


def normalise(text: str) -> str:
    """A person's way of writing a function as Python's operators."""
    s = text.strip()
    if len(s) >= 2 and s[0] == s[-1] == "$":
        s = s[1:-1]
    s = _LHS.sub("", s).replace("\\", "").replace("−", "-").replace("·", "*").replace("×", "*")
    s = s.replace("^", "**")
    for pattern, repl in _IMPLICIT:
        s = pattern.sub(repl, s)
    return s


def _compile(node: ast.AST) -> Fn:
    if isinstance(node, ast.Expression):
        return _compile(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        value = float(node.value)
        return lambda x: np.full_like(x, value)
    if isinstance(node, ast.Name):
        if node.id == "x":
            return lambda x: x
        if node.id in CONSTANTS:
            value = CONSTANTS[node.id]
            return lambda x: np.full_like(x, value)
        raise ExprError(f"unknown name {node.id!r}; a plot uses only x, pi and e")
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _compile(node.operand)
        return (lambda x: -inner(x)) if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        a, b = _compile(node.left), _compile(node.right)
        if isinstance(node.op, ast.Add):
            return lambda x: a(x) + b(x)
        if isinstance(node.op, ast.Sub):
            return lambda x: a(x) - b(x)
        if isinstance(node.op, ast.Mult):
            return lambda x: a(x) * b(x)
        if isinstance(node.op, ast.Div):
            return lambda x: a(x) / b(x)
        if isinstance(node.op, ast.Pow):
            return lambda x: np.power(a(x), b(x))
        raise ExprError(f"the operator {type(node.op).__name__} is not allowed; use + - * / ^")
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise ExprError(f"the function {ast.unparse(node.func)!r} is not allowed; use {ALLOWED}")
        if node.keywords or len(node.args) != 1:
            raise ExprError(f"{node.func.id}() takes exactly one argument")
        fn, arg = FUNCTIONS[node.func.id], _compile(node.args[0])
        return lambda x: fn(arg(x))
    what = {ast.Attribute: "attribute access", ast.Lambda: "a lambda", ast.Subscript: "indexing",
            ast.Compare: "a comparison", ast.BoolOp: "and/or", ast.IfExp: "if/else"}.get(type(node), "")
    raise ExprError(f"{what or type(node).__name__} is not allowed in a plot; use {ALLOWED}")


@lru_cache(maxsize=512)
def compile_expr(text: str) -> Fn:
    """A vectorised f(x) for a plot label; ExprError (a ValueError) saying why it is refused."""
    if not isinstance(text, str) or not text.strip():
        raise ExprError("the function is empty; write an expression in x such as sin(x)")
    if len(text) > MAX_LENGTH:
        raise ExprError(f"the function has {len(text)} characters; the limit is {MAX_LENGTH}")
    if "__" in text or ";" in text:
        raise ExprError(f"{text!r} is not a function of x; use {ALLOWED}")
    try:
        tree = ast.parse(normalise(text), mode="eval")
    except SyntaxError:
        raise ExprError(f"{text!r} is not a function of x that vidgen can read; use {ALLOWED}") from None
    inner = _compile(tree)

    def f(x: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            y = np.asarray(inner(np.asarray(x, dtype=np.float64)), dtype=np.float64)
        return np.broadcast_to(y, np.shape(x)).copy() if y.shape != np.shape(x) else y

    return f


def check_expr(text: str) -> None:
    """Refuse what compile_expr refuses, and a function that has no finite value anywhere on [-10, 10]."""
    f = compile_expr(text)
    ys = f(np.linspace(-10, 10, 201))
    if not np.isfinite(ys).any():
        raise ExprError(f"{text!r} has no finite value for x from -10 to 10")
