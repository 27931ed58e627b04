"""Derive rules for scenes about mathematics: complex numbers, matrices, equations, curves, swings.

Each recipe takes the numbers the narration gives ("a magnitude of 2", "an angle of 30 degrees",
"A = [[1, 2], [3, 4]]", "X + 5 = 10") and draws them; where the narration names a thing without
numbers it picks plausible ones (documented per recipe) so the viewer still sees the idea.
"""

from __future__ import annotations

import math
import re
from typing import Any

from vidgen.author import phrases as ph
from vidgen.author.derive_words import compare, words_or_points
from vidgen.author.draft import Ctx, Draft

# ---- complex numbers on the Argand plane ----------------------------------------------------------

_VAR = re.compile(r"\bz\s*_?\s*1\s*(?:\*|·|×|\\cdot)?\s*z\s*_?\s*2\b|\bproduct\b|\bz\s*_?\s*([12])\b|\bz\b", re.I)
_MAG = re.compile(r"(?:magnitude|length|modulus|size)\s+(?:of\s+)?(\d+(?:\.\d+)?)|\|\s*z\s*_?\s*[12]?\s*\|\s*=\s*"
                  r"(\d+(?:\.\d+)?)", re.I)
_ANG = re.compile(r"(?:angle|argument)\s+(?:of\s+)?(\d+(?:\.\d+)?)\s*(?:degrees|°)", re.I)
_CART = re.compile(r"\b(z\s*_?\s*\d?)\s*=\s*(-?\d+(?:\.\d+)?)\s*([+-])\s*(\d+(?:\.\d+)?)\s*i\b", re.I)


def _facts(ctx: Ctx) -> dict[str, dict[str, float]]:
    """Magnitudes and angles the text gives, each credited to the last variable named before it."""
    facts: dict[str, dict[str, float]] = {"z1": {}, "z2": {}, "p": {}}
    for text in (*ctx.sentences, ctx.anim):
        marks = sorted([(m.start(), _var_name(m)) for m in _VAR.finditer(text)] +
                       [(m.start(), ("r", float(m[1] or m[2]))) for m in _MAG.finditer(text)] +
                       [(m.start(), ("a", float(m[1]))) for m in _ANG.finditer(text)], key=lambda x: x[0])
        current = None
        for _, mark in marks:
            if isinstance(mark, str):
                current = mark
            elif current is not None:
                facts[current].setdefault(mark[0], mark[1])
        for m in _CART.finditer(text):
            name = "z2" if m[1].replace(" ", "").endswith("2") else "z1"
            x, y = float(m[2]), float(m[4]) * (1 if m[3] == "+" else -1)
            facts[name].update({"x": x, "y": y, "r": math.hypot(x, y), "a": math.degrees(math.atan2(y, x))})
    return facts


def _var_name(m: re.Match[str]) -> str:
    text = m[0].lower()
    if "product" in text or text.count("z") == 2:
        return "p"
    return "z2" if m[1] == "2" else "z1"


def _polar(r: float, a: float) -> tuple[float, float]:
    return round(r * math.cos(math.radians(a)), 2), round(r * math.sin(math.radians(a)), 2)


def _range(values: list[float]) -> list[float]:
    lo, hi = min(0.0, *values), max(0.0, *values)
    return [math.floor(lo) - 1.0, math.ceil(hi) + 1.0]


def complex_plane(ctx: Ctx, draft: Draft) -> bool:
    if not ctx.has(r"complex|argand|imaginary|\ba\s*\+\s*bi\b") and not (ctx.has(r"\bz\s*_?\s*1\b")
                                                                        and ctx.has(r"vector")):
        return False
    f = _facts(ctx)
    said = " ".join([ctx.anim, *(s for s in ctx.sentences if not ph.is_greeting(s))])
    multiplies = ctx.has(r"multipl|product|z\s*_?1\s*(?:\*|·|×)\s*z\s*_?2", said)
    scaling, rotating = ctx.has(r"\bscal|stretch|magnitude|length"), ctx.has(r"rotat|\bturn|angle|argument")
    # plausible numbers for what the text leaves open: |z1| = 2 at 20°, z2 at 50° (length 3 when lengths are
    # the point, 1 when only the turn is — then the product is z1 turned, exactly)
    r1 = f["z1"].get("r", 2.0)
    r2 = f["z2"].get("r", 3.0 if "r" in f["z1"] or "r" in f["p"] else (1.0 if "a" in f["z2"] else 1.5))
    a1, a2 = f["z1"].get("a", 20.0), f["z2"].get("a", 50.0 if "r" in f["z2"] else 40.0)
    z1 = (f["z1"]["x"], f["z1"]["y"]) if "x" in f["z1"] else _polar(r1, a1)
    items: list[dict[str, Any]] = [{"id": "z1", "label": "$z_1$", "x": z1[0], "y": z1[1],
                                    "detail": _detail("z_1", f["z1"], r1, a1)}]
    data = r"[^.]*(?:magnitude|angle|length|argument) of \d"
    named = {"z1": ctx.first(r"\bz\s*_?\s*1\b" + data, r"\bz\s*_?\s*1\b|\bz\b", r"vector|point", r"complex number",
                             default=0)}
    if multiplies or "r" in f["z2"] or "a" in f["z2"]:
        z2 = _polar(r2, a2)
        p = _polar(r1 * r2, a1 + a2)
        items += [{"id": "z2", "label": "$z_2$", "x": z2[0], "y": z2[1], "detail": _detail("z_2", f["z2"], r2, a2)},
                  {"id": "p", "label": "$z_1 z_2$", "x": p[0], "y": p[1],
                   "detail": _detail("z_1 z_2", f["p"], r1 * r2, a1 + a2)}]
        named["z2"] = ctx.first(r"\bz\s*_?\s*2\b" + data, r"\bz\s*_?\s*2\b", r"another|second|multipl",
                                default=named["z1"])
        product = r"(?:product|z\s*_?1\s*\*\s*z\s*_?2)"
        named["p"] = ctx.first(product + data, r"final vector|your product", product, r"result", default=ctx.last)
        said_at = next((i for i, t in enumerate(ctx.sentences)
                        if re.search(r"multipl", t, re.I) and not ph.is_greeting(t)), ctx.last)
        named["z1"], named["z2"] = min(named["z1"], said_at), min(named["z2"], said_at)
    pid = draft.add("plane", items, "P")
    plane_at = ctx.first(r"\bplane\b|\baxis\b|argand", default=-1)
    if 0 < plane_at < min(named.values()):
        draft.step(plane_at, "show", pid)
    moved, moves = _move(ctx, draft, pid, named, (r1, a1, r2, a2)) if len(items) > 1 else ([], [])
    for name, s in named.items():
        draft.step(s, "show", f"{pid}.{name}")
    draft.steps += moves
    if len(items) > 1 and not moved and scaling and ctx.has(r"stretch|shrunk"):
        draft.step(ctx.first(r"stretch|shrunk", default=named["p"], after=named["p"]), "highlight", f"{pid}.p")
    plane = draft.elements[-1] if draft.elements[-1]["id"] == pid else draft.elements[0]
    xs = [i["x"] for i in plane["items"]] + [x for x, _ in moved]
    ys = [i["y"] for i in plane["items"]] + [y for _, y in moved]
    plane["x_range"], plane["y_range"] = _range(xs), _range(ys)
    draft.title = _complex_title(f, scaling, rotating, multiplies)
    _complex_equations(ctx, draft, f, (r1, a1, r2, a2), multiplies, named["z1"])
    return True


def _detail(sym: str, given: dict[str, float], r: float, a: float) -> str | None:
    if "x" in given:
        return f"{given['x']:g} {'+' if given['y'] >= 0 else '-'} {abs(given['y']):g}i"
    if "r" in given and "a" in given:
        return f"|{sym.replace('_', '')}| = {r:g}, {a:g}°"
    if "r" in given:
        return f"|{sym.replace('_', '')}| = {r:g}"
    if "a" in given:
        return f"{a:g}°"
    return None


def _move(ctx: Ctx, draft: Draft, pid: str, named: dict[str, int], nums: tuple[float, ...]
          ) -> tuple[list[tuple[float, float]], list[dict[str, Any]]]:
    """Where the narration turns z1 (and scales it first), a copy of z1 does so and lands on z1 z2.

    Returns the points the copy passes through (the plane's ranges must hold them) and its steps.
    """
    r1, a1, r2, a2 = nums
    # the act ("rotate that vector", "rotated by") before the topic ("a combination of scaling and rotation"),
    # and never an announcement ("let's explore the rotation")
    turn_at = ctx.first(r"\brotat(?:e|ed|es|ing)\b|\bturns?\b", default=-1)
    if turn_at < 0:
        turn_at = next((i for i, s in enumerate(ctx.sentences)
                        if re.search(r"\brotation", s, re.I) and not re.search(r"\blet'?s\b|explore", s, re.I)), -1)
    if turn_at < 0:
        return [], []
    scale_at = ctx.first(r"\bscal(?:e|ed|es|ing)\b|stretch", default=-1)
    scale_at = scale_at if 0 <= scale_at <= turn_at else -1
    start = scale_at if scale_at >= 0 else turn_at
    for name in ("z1", "z2"):  # what is moved must be there first
        named[name] = min(named.get(name, start), start)
    x, y = _polar(r1, a1)
    plane = next(e for e in draft.elements if e["id"] == pid)
    plane["items"].append({"id": "w", "label": "", "x": x, "y": y})
    steps: list[dict[str, Any]] = [{"sentence": start, "action": "show", "target": f"{pid}.w"}]
    points = [(x, y)]
    if scale_at >= 0 and r2 != 1:
        sx, sy = _polar(r1 * r2, a1)
        steps.append({"sentence": scale_at, "action": "transform", "target": f"{pid}.w", "x": sx, "y": sy})
        points.append((sx, sy))
    steps.append({"sentence": turn_at, "action": "rotate", "target": f"{pid}.w", "value": round(a2, 2)})
    done = max(named["p"], turn_at)
    if done < ctx.last:  # the copy has landed on z1 z2; leave z1 z2 alone on screen
        steps.append({"sentence": done + 1, "action": "hide", "target": f"{pid}.w"})
    return points, steps


def _complex_title(f: dict[str, dict[str, float]], scaling: bool, rotating: bool, multiplies: bool) -> str:
    if "r" in f["z1"] and "r" in f["z2"]:
        return "Magnitudes multiply"
    if "a" in f["z1"] and "a" in f["z2"]:
        return "Arguments add"
    if multiplies and scaling and rotating:
        return "Multiplying: scale, then rotate"
    if multiplies:
        return "Multiplying complex numbers"
    return "The Argand plane"


def _complex_equations(ctx: Ctx, draft: Draft, f: dict[str, dict[str, float]], nums: tuple[float, ...],
                       multiplies: bool, z1_at: int) -> None:
    r1, a1, r2, a2 = nums
    lines: list[tuple[str, int]] = []
    for eq in [e for s in ctx.sentences for e in ph.equations(s)] + ph.equations(ctx.anim):
        if re.search(r"(?:\d|\bb)i\b", eq) and all(ph.to_math(eq) != line for line, _ in lines):
            lhs = r"\b" + re.escape(eq.split("=")[0].strip()) + r"\s*="
            lines.append((ph.to_math(eq), ctx.first(lhs, default=z1_at)))
    if "x" in f["z1"] and ctx.has(r"magnitude|length"):
        x, y = f["z1"]["x"], f["z1"]["y"]
        lines.append((rf"$|z_1| = \sqrt{{{x:g}^2 + {y:g}^2}} = {math.hypot(x, y):g}$", ctx.first(r"magnitude|length")))
    if "x" in f["z1"] and ctx.has(r"argument|angle"):
        lines.append((rf"$\arg z_1 \approx {f['z1']['a']:.0f}^\circ$", ctx.first(r"argument|angle")))
    mag_at = ctx.first(r"magnitude|length|\bscal", default=ctx.last)
    ang_at = ctx.first(r"argument|angle|rotat", default=ctx.last)
    for name, sym in (("z1", "z_1"), ("z2", "z_2")):
        if "r" in f[name] and "x" not in f[name]:
            lines.append((f"$|{sym}| = {f[name]['r']:g}$", ctx.first(rf"z\s*_?{sym[-1]}\b[^.]*magnitude of \d",
                                                                                  default=mag_at)))
    if multiplies and (ctx.has(r"magnitude|length|\bscal") or "r" in f["z1"]):
        total = f" = {r1 * r2:g}" if "r" in f["z1"] and "r" in f["z2"] else ""
        lines.append((rf"$|z_1 z_2| = |z_1|\,|z_2|{total}$", ctx.first(r"product.*magnitude|multiply magnitudes",
                                                                         default=mag_at)))
    for name, sym in (("z1", "z_1"), ("z2", "z_2")):
        if "a" in f[name] and "x" not in f[name]:
            lines.append((rf"$\arg {sym} = {f[name]['a']:g}^\circ$", ctx.first(r"\d+\s*degrees", default=ang_at)))
    if multiplies and (ctx.has(r"argument|angle|rotat") or "a" in f["z1"]):
        total = rf" = {a1 + a2:g}^\circ" if "a" in f["z1"] and "a" in f["z2"] else ""
        lines.append((rf"$\arg(z_1 z_2) = \arg z_1 + \arg z_2{total}$",
                      ctx.first(r"sum of|add arguments|arguments?\b.*\bsum", default=ang_at)))
    if not lines:
        return
    eid = draft.add("equation", [{"label": label} for label, _ in lines[:6]], "E")
    draft.show_items(eid, [s for _, s in lines[:6]])
    recap = ctx.first(r"remember|multiply magnitudes|add arguments", default=-1)
    if recap >= 0:
        for k, (label, _) in enumerate(lines[:6]):
            if r"\arg(z_1" in label or "|z_1 z_2|" in label:
                draft.step(recap, "highlight", f"{eid}.{k}")


# ---- matrices -------------------------------------------------------------------------------------

_BRACKETS = re.compile(r"\b([A-Z])\s*=\s*(\[\s*\[[-\d.,\s\[\]]+\]\s*\])")
_ORD = {"first": 0, "second": 1, "third": 2, "1st": 0, "2nd": 1, "3rd": 2}
_CORNER = {"top-left": (0, 0), "top-right": (0, 1), "bottom-left": (1, 0), "bottom-right": (1, 1),
           "top left": (0, 0), "top right": (0, 1), "bottom left": (1, 0), "bottom right": (1, 1)}


def _rows(text: str) -> list[list[float]]:
    return [[float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", row)] for row in re.findall(r"\[([^\[\]]+)\]", text)]


def _fmt(v: float) -> str:
    return f"{v:g}"


def matrices(ctx: Ctx, draft: Draft) -> bool:
    if not ctx.has(r"\bmatri(?:x|ces)\b") and not _BRACKETS.search(ctx.everything):
        return False
    given = {m[1]: _rows(m[2]) for m in _BRACKETS.finditer(ctx.everything)}
    a, b = given.get("A"), given.get("B")
    # an example when the text has none: sizes to match "columns in A = rows in B" when that is the point
    compat = ctx.has(r"compatib|number of columns|dimensions|\bm\s*x\s*n\b")
    if not a or not b or len(a[0]) != len(b):
        a, b = ([[1, 2, 3], [4, 5, 6]], [[7, 8], [9, 10], [11, 12]]) if compat else ([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    c = [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]
    ids = []
    for name, m in (("A", a), ("B", b), ("C", c)):
        ids.append(draft.add("matrix", [{"label": " ".join(_fmt(v) for v in row)} for row in m], name,
                             caption=f"{name}  ({len(m)}×{len(m[0])})"))
    a_at = ctx.first(r"matrix A|first matrix|\bA\b", r"matri", default=0)
    b_at = ctx.first(r"matrix B|second matrix|by matrix|\bB\b", r"matri", default=a_at)
    c_at = ctx.first(r"product matrix|resulting|result", r"product", default=ctx.last, after=max(a_at, b_at))
    draft.step(a_at, "show", "A")
    draft.step(max(a_at, b_at), "show", "B")
    lines: list[tuple[str, int]] = []
    if compat:
        sym = ctx.has(r"\bm\s*x\s*n\b")
        n, m_, q = ("m", "n", "q") if sym else (str(len(a)), str(len(b)), str(len(b[0])))
        lines.append((rf"$({n} \times {m_})\,({m_} \times {q}) \rightarrow {n} \times {q}$",
                      ctx.first(r"number of columns", r"compatib", default=b_at)))
        draft.step(lines[0][1], "highlight", f"A.col{len(a[0]) - 1}")
        draft.step(lines[0][1], "highlight", f"B.row{len(b) - 1}")
    cells = _cells(ctx, len(c), len(c[0]))
    lit: set[str] = set()
    for (i, j), s, said in cells:
        terms = " + ".join(rf"{_fmt(a[i][k])} \cdot {_fmt(b[k][j])}" for k in range(len(b)))
        lines.append((rf"$c_{{{i + 1}{j + 1}}} = {terms} = {_fmt(c[i][j])}$", s))
        # a highlight stays lit, so only the rows and columns the narration names, each once
        for target in (f"A.row{i}", f"B.col{j}"):
            if said and target not in lit:
                draft.step(s, "highlight", target)
                lit.add(target)
    if ctx.has(r"sum them|add(?:ed)? up|dot product|sum of"):
        lines.append((r"$c_{ij} = \sum_k a_{ik}\,b_{kj}$", ctx.first(r"sum them|add(?:ed)? up|sum of", r"dot product")))
    if not lines:
        lines.append((r"$C = AB$", c_at))
    draft.step(max(c_at, *(s for _, s in lines)) if cells else c_at, "show", "C")
    eid = draft.add("equation", [{"label": label} for label, _ in lines[:5]], "E")
    draft.show_items(eid, [s for _, s in lines[:5]])
    draft.title = ("Columns of A must match rows of B" if compat else
                   "Row times column" if cells else "Matrix multiplication")
    return True


def _cells(ctx: Ctx, rows: int, cols: int) -> list[tuple[tuple[int, int], int, bool]]:
    """Which entries of the product the narration works out, when, and whether it names their row and column
    ('the top-left', 'row i, column j') or only sweeps them up ('and so on')."""
    out: list[tuple[tuple[int, int], int, bool]] = []
    for s, text in enumerate(ctx.sentences):
        low = text.lower()
        cell = next((v for k, v in _CORNER.items() if k in low), None)
        m = re.search(r"(first|second|third|1st|2nd|3rd)\s+row.*?(first|second|third|1st|2nd|3rd)\s+column", low)
        if m:
            cell = (_ORD[m[1]], _ORD[m[2]])
        elif cell is None and re.search(r"\brow\b.*\bcolumn\b", low):
            cell = (0, min(1, cols - 1))
        if cell and cell[0] < rows and cell[1] < cols and all(c != cell for c, _, _ in out):
            out.append((cell, s, True))
        if out and re.search(r"all (?:four|the) (?:positions|entries|elements)|and so on", low):
            for i in range(rows):
                for j in range(cols):
                    if all(c != (i, j) for c, _, _ in out) and len(out) < 4:
                        out.append(((i, j), s, False))
    return out[:4]


# ---- equations rewritten step by step --------------------------------------------------------------


def algebra(ctx: Ctx, draft: Draft) -> bool:
    found = [(eq, i) for i, s in enumerate(ctx.sentences) for eq in ph.equations(s)]
    if not found:
        return False
    chains: list[list[tuple[str, int]]] = []
    for eq, s in found:
        var = _unknowns(eq)
        chain = chains[-1] if chains else None
        solved = chain is not None and re.fullmatch(r"[A-Za-z]\w*\s*=\s*-?[\d.]+", chain[-1][0].strip())
        if chain is None or solved or not (var & _unknowns(chain[0][0])):
            chains.append([(eq, s)])
        else:
            chain.append((eq, s))
    chains = [c[:6] for c in chains][:3]
    for chain in chains:
        items: list[dict[str, Any]] = [{"label": ph.to_math(eq)} for eq, _ in chain]
        used: set[int] = set()
        for k in range(1, len(chain)):  # how line k comes from line k-1: "subtract 5 from both sides"
            for s in range(chain[k][1], chain[k - 1][1] - 1, -1):
                op = _operation(ctx.sentences[s])
                if op and s not in used:
                    items[k]["detail"] = op
                    used.add(s)
                    break
        eid = draft.add("equation", items, "E")
        draft.step(chain[0][1], "show", f"{eid}.0")
        for k in range(1, len(chain)):
            draft.step(chain[k][1], "transform", f"{eid}.{k - 1}", value=1)
            draft.step(chain[k][1], "show", f"{eid}.{k}")
        if len(chain) > 1:
            draft.step(chain[-1][1], "highlight", f"{eid}.{len(chain) - 1}")
    if len(draft.elements) == 1:
        draft.layout = "full"
        # a worked solution is the whole picture; key phrases beside it would only repeat the narration
        draft.complete = len(chains[0]) >= 3
    draft.hint = f"Solving {chains[0][0][0]}"
    return True


_OP = re.compile(r"\b(subtract|add|divide|multiply)\b([^.:;!?,()]*?)\b(?:both|each) sides?\b"
                 r"(?:\s+of the equation)?((?:\s+by\s+(?:-?\d+(?:\.\d+)?|[A-Za-z]\w*))?)", re.I)


def _operation(sentence: str) -> str | None:
    """What is done to both sides in a sentence: 'First, subtract 1 (the pen's cost) from both sides' ->
    'subtract 1 from both sides'."""
    m = _OP.search(re.sub(r"\([^)]*\)", "", sentence))
    if not m:
        return None
    middle = " ".join(m[2].split())
    return " ".join(f"{m[1].lower()} {middle} both sides{m[3]}".split())[:60]


def _unknowns(eq: str) -> set[str]:
    return {v.upper() for v in re.findall(r"(?<![A-Za-z])([A-Za-z])(?![A-Za-z])", eq)}


# ---- curves and swings -----------------------------------------------------------------------------

_FUNC = re.compile(r"\b(?:y|f\s*\(\s*x\s*\))\s*=\s*([-+*/^().\w\s]{1,60}?)(?=[,;!?]|\.\s|\.$|$| and | which )")


def _functions(ctx: Ctx) -> list[tuple[str, int]]:
    """Functions the narration writes out ('y = x^2 - 1', 'f(x) = sin(x)') that a plot can draw."""
    from vidgen.visual.expr import check_expr

    curves: list[tuple[str, int]] = []
    for i, s in enumerate(ctx.sentences):
        for m in _FUNC.finditer(s):
            try:
                check_expr(m[1].strip())
                curves.append((m[1].strip(), i))
            except ValueError:
                pass
    return curves


def function_plot(ctx: Ctx, draft: Draft) -> bool:
    """A written-out function is drawn, not solved (before `algebra`, which would take 'y = ...' as an equation)."""
    return bool(_functions(ctx)) and plot(ctx, draft)


def plot(ctx: Ctx, draft: Draft) -> bool:
    curves = _functions(ctx)
    if not curves:
        if ctx.has(r"parabola|quadratic|x\s*(?:\^|squared)"):
            curves = [("x^2", ctx.first(r"parabola|quadratic|squared", default=0))]
        elif ctx.has(r"\bsine\b|\bsin\b|\bwave\b|oscillat"):
            curves = [("sin(x)", ctx.first(r"\bsine\b|\bsin\b|\bwave\b|oscillat", default=0))]
        elif ctx.has(r"exponential"):
            curves = [("exp(x/2)", ctx.first(r"exponential", default=0))]
        else:  # "graph" or "curve" alone says too little to draw a function that would be right
            return False
    periodic = any("sin" in c or "cos" in c for c, _ in curves)
    xr, yr = ([0.0, 12.6], [-1.5, 1.5]) if periodic else ([-3.0, 3.0], None)
    gid = draft.add("plot", [{"label": c} for c, _ in curves[:4]], "G", x_range=xr, y_range=yr)
    draft.show_items(gid, [s for _, s in curves[:4]])
    draft.step(ctx.last, "trace", f"{gid}.0")
    return True


def swing(ctx: Ctx, draft: Draft) -> bool:
    """A pendulum: the string as a vector from the pivot, turned as the narration swings it; its angle over time."""
    if not ctx.has(r"pendulum"):
        return False
    length = 3.0
    items = [{"id": "bob", "label": "bob", "x": 0.0, "y": -length, "detail": "string, length L"}]
    pid = draft.add("plane", items, "P", x_range=[-3.0, 3.0], y_range=[-3.5, 0.5], caption="pivot at the origin")
    # relative turns, as the narration moves the bob: pulled aside, down through the bottom, up the other side;
    # "back and forth" is a swing out and back, so a scene that ends at rest ends with the bob hanging down
    moves: list[tuple[str, float | None]] = [(r"displac|pulled|begins to swing|released", 30.0),
                                              (r"swings? down|bottom", -30.0), (r"swings? up|upwards|highest", -30.0),
                                              (r"back and forth|back-and-forth|oscillat|swinging", None)]
    angle, after, moving = 0.0, 0, set()
    for pattern, turn in moves:
        s = ctx.first(pattern, default=-1, after=after)
        if s < 0:
            continue
        turns = [turn] if turn is not None else ([-angle] if angle else [25.0, -25.0])
        for t in turns:
            draft.step(s, "rotate", f"{pid}.bob", value=t)
            angle += t
        after = s + 1
        moving.add(s)
    rest = next((i for i, t in enumerate(ctx.sentences)
                 if i not in moving and re.search(r"equilibrium|at rest|straight down", t, re.I)), -1)
    if rest >= 0:
        draft.step(rest, "highlight", f"{pid}.bob")
    if ctx.has(r"energy") and ctx.has(r"potential") and ctx.has(r"kinetic"):
        fid = draft.add("flow", [{"id": "pe", "label": "Potential energy"},
                                 {"id": "ke", "label": "Kinetic energy", "to": "pe"}], "F")
        draft.step(ctx.first(r"potential", default=0), "show", fid)
    if ctx.has(r"period|oscillat|frequency|amplitude"):
        curves = [("sin(x)", ctx.first(r"period|oscillat|amplitude", default=0))]
        if ctx.has(r"shorter|longer|faster"):
            curves.append(("sin(2*x)", ctx.first(r"shorter|faster", default=ctx.last)))
        gid = draft.add("plot", [{"label": c} for c, _ in curves], "G", x_range=[0.0, 12.6], y_range=[-1.5, 1.5],
                        caption="angle over time" + ("; shorter string: faster swing" if len(curves) > 1 else ""))
        draft.show_items(gid, [s for _, s in curves])
        draft.step(curves[0][1], "trace", f"{gid}.0")
    draft.hint = ("Potential and kinetic energy" if any(e["kind"] == "flow" for e in draft.elements) else
                  "Pendulums at work" if ctx.has(r"clock|metronome|seismograph") else
                  "Amplitude and period" if ctx.has(r"amplitude") and ctx.has(r"period") else "The simple pendulum")
    if len(draft.elements) < 3 and not compare(ctx, draft):
        words_or_points(ctx, draft)
    return True
