"""Derive rule for scenes about complex numbers: vectors on the Argand plane, with their lengths and angles.

The recipe takes the numbers the narration gives ("a magnitude of 2", "an angle of 30 degrees",
"z1 = 3 + 4i") and draws them; where the narration names the numbers without values it picks
plausible ones (documented below) so the viewer still sees the idea.
"""

from __future__ import annotations

import math
import re
from typing import Any

from vidgen.author import phrases as ph
from vidgen.author import spoken_math as sm
from vidgen.author.draft import Ctx, Draft

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


# 'imaginary' as mathematics says it ('the imaginary part', 'imaginary numbers'), not 'an imaginary line'
IMAGINARY = r"\bimaginary\s+(?:numbers?|parts?|units?|axis|components?|values?)\b"
# (and Argand's diagram, not his lamp: 'the Argand lamp' lit lighthouses)
ARGAND = r"\bargand\s+(?:diagram|plane)s?\b"


def complex_plane(ctx: Ctx, draft: Draft) -> bool:
    mathematical = ctx.has(r"complex numbers?|\ba\s*\+\s*bi\b|" + IMAGINARY + "|" + ARGAND)
    if not mathematical and not (ctx.has(r"\bz\s*_?\s*1\b") and ctx.has(r"vector")):
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
    for eq in [e for s in ctx.sentences for e in sm.equations(s)] + sm.equations(ctx.anim):
        if re.search(r"(?:\d|\bb)i\b", eq) and all(sm.to_math(eq) != line for line, _ in lines):
            lhs = r"\b" + re.escape(eq.split("=")[0].strip()) + r"\s*="
            lines.append((sm.to_math(eq), ctx.first(lhs, default=z1_at)))
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
