"""Derive rules for scenes about mathematics: matrices, equations, curves, swings (complex numbers:
`derive_complex`).

Each recipe takes the numbers the narration gives ("a magnitude of 2", "an angle of 30 degrees",
"A = [[1, 2], [3, 4]]", "X + 5 = 10") and draws them; where the narration names a thing without
numbers it picks plausible ones (documented per recipe) so the viewer still sees the idea.
"""

from __future__ import annotations

import re
from typing import Any

from vidgen.author import spoken_math as sm
from vidgen.author.derive_words import compare
from vidgen.author.draft import Ctx, Draft
from vidgen.author.points import words_or_points

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
    found = [(eq, i) for i, s in enumerate(ctx.sentences) for eq in sm.equations(s)]
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
        items: list[dict[str, Any]] = [{"label": sm.to_math(eq)} for eq, _ in chain]
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
    # only a function the words state: 'parabola' or 'exponential' alone names a family, and a default member of it
    # (y = x^2 with its numbers and points) would be invented data; such a scene keeps its key-point picture
    curves = _functions(ctx)
    if not curves:
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
    # a caption in the scene's own words only: "pivot" where the narration names the pivot
    pid = draft.add("plane", items, "P", x_range=[-3.0, 3.0], y_range=[-3.5, 0.5],
                    caption="pivot at the origin" if ctx.has(r"\bpivot") else None)
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
                        caption=("angle" if ctx.has(r"\bangles?\b") else "swing") + " over time"
                        + ("; shorter string: faster swing" if len(curves) > 1 else ""))
        draft.show_items(gid, [s for _, s in curves])
        draft.step(curves[0][1], "trace", f"{gid}.0")
    draft.hint = ("Potential and kinetic energy" if any(e["kind"] == "flow" for e in draft.elements) else
                  "Pendulums at work" if ctx.has(r"clock|metronome|seismograph") else
                  "Amplitude and period" if ctx.has(r"amplitude") and ctx.has(r"period") else "The simple pendulum")
    if len(draft.elements) < 3 and not compare(ctx, draft):
        words_or_points(ctx, draft)
    return True
