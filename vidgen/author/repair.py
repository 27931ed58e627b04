"""Turn what a model wrote into a valid visual, saying what was fixed.

A user's save is refused when a visual breaks a rule (`vidgen.visual.spec`); a model's answer is
repaired instead, because a render must never fail on an imperfect picture and asking the model
again is slow and may fail the same way. The repairs are conservative: keep what can be drawn,
coerce what is obviously meant (numbers as text, `type` for `kind`, `E[2]` for `E.2`), drop what
cannot be (an unsafe plot, a step aimed at nothing), clamp what is out of range, and write one
short note per fix for the script's version note.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from typing import Any

from pydantic import ValidationError

from vidgen.visual.kinds import KINDS, Kind, kind
from vidgen.visual.spec import (
    ACTIONS,
    LAYOUTS,
    MAX_ANGLE,
    MAX_ELEMENTS,
    MAX_ITEMS,
    MAX_NUMBER,
    MAX_STEPS,
    Element,
    Visual,
    _check_element,
    _check_step,
)

ACTION_ALIASES = {
    "appear": "show", "reveal": "show", "draw": "show", "fade_in": "show", "fadein": "show", "write": "show",
    "create": "show", "animate": "show", "add": "show", "emphasize": "highlight", "emphasise": "highlight",
    "glow": "highlight", "indicate": "highlight", "focus": "highlight", "remove": "hide", "fade_out": "hide",
    "fadeout": "hide", "disappear": "hide", "turn": "rotate", "spin": "rotate", "morph": "transform",
    "rewrite": "transform", "become": "transform", "translate": "move", "follow": "trace",
}
LAYOUT_ALIASES = {"split_screen": "split", "side_by_side": "split", "two_column": "split", "columns": "split",
                  "title_and_main_content": "full", "custom": "full", "grid": "full", "title_card": "title"}
ITEM_ALIASES = {"text": "label", "name": "label", "content": "label", "expr": "label", "expression": "label",
                "function": "label", "fn": "label", "row": "label", "latex": "label", "title": "label",
                "description": "detail", "subtitle": "detail", "note": "detail", "side": "detail",
                "column": "detail", "next": "to", "target": "to", "size": "value", "radius": "value",
                "year": "x", "date": "x"}
STEP_ALIASES = {"sentence_index": "sentence", "at": "sentence", "s": "sentence", "type": "action", "do": "action",
                "element": "target", "item": "target", "id": "target", "angle": "value", "degrees": "value"}
_NUMBER = re.compile(r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)")
_BAD_ID = re.compile(r"[^A-Za-z0-9_-]+")


class _Fixer:
    def __init__(self, sentences: int):
        self.last = max(1, sentences) - 1
        self.notes: list[str] = []
        self.minor: Counter[str] = Counter()

    # ---- scalars -------------------------------------------------------------------------------
    def number(self, value: Any) -> float | None:
        if isinstance(value, bool) or value is None:
            return None
        if isinstance(value, str):
            m = _NUMBER.match(value.replace(",", "").replace("°", ""))
            if not m:
                return None
            self.minor["numbers given as text"] += 1
            value = float(m[1])
        if not isinstance(value, (int, float)) or not math.isfinite(value):
            return None
        return max(-MAX_NUMBER, min(MAX_NUMBER, float(value)))

    def text(self, value: Any, limit: int, where: str) -> str:
        if isinstance(value, (list, tuple)):
            value = " ".join(str(v) for v in value)
        s = " ".join(str(value).split()) if value is not None else ""
        if len(s) > limit:
            self.notes.append(f"{where}: shortened to {limit} characters")
            s = s[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…" if " " in s[: limit - 1] else s[: limit - 1] + "…"
        return s

    def ident(self, value: Any) -> str | None:
        if value is None:
            return None
        s = _BAD_ID.sub("_", str(value).strip()).strip("_")[:24]
        if s != str(value):
            self.minor["ids made safe"] += 1
        return s or None

    def math_ok(self, label: str, where: str) -> str:
        from vidgen.visual.tex import check_math

        try:
            check_math(label)
            return label
        except ValueError:
            self.notes.append(f"{where}: math did not parse, shown as plain text")
            return label.replace("$", "")

    # ---- the parts -----------------------------------------------------------------------------
    def rename(self, raw: dict, aliases: dict[str, str], known: set[str], where: str) -> dict:
        out: dict[str, Any] = {}
        for key, value in raw.items():
            key = str(key)
            name = key if key in known else aliases.get(key.lower(), key.lower())
            if name not in known:
                self.notes.append(f"{where}: removed unknown field {key!r}")
            elif value is not None and name not in out:
                out[name] = value
        return out

    def item(self, raw: Any, own: type[Kind], where: str) -> dict | None:
        if isinstance(raw, (list, tuple)):
            raw = {"label": " ".join(str(v) for v in raw)}
        elif not isinstance(raw, dict):
            raw = {"label": raw}
        polar = {k: raw.pop(k) for k in ("magnitude", "length", "modulus", "angle", "argument") if k in raw}
        d = self.rename(raw, ITEM_ALIASES, {"id", "label", "detail", "x", "y", "value", "to"}, where)
        item: dict[str, Any] = {}
        if (i := self.ident(d.get("id"))) is not None:
            item["id"] = i
        label = self.text(d.get("label", ""), 200, where)
        detail = self.text(d["detail"], 120, f"{where} detail") if d.get("detail") is not None else None
        for key in ("x", "y", "value"):
            if (n := self.number(d.get(key))) is not None:
                item[key] = n
        given = {"r": next((self.number(polar[k]) for k in ("magnitude", "length", "modulus") if k in polar), None),
                 "a": next((self.number(polar[k]) for k in ("angle", "argument") if k in polar), None)}
        fixed = own.repair_label(self, item, label, where, given)
        if fixed is None:
            return None
        label = self.math_ok(fixed, where) if own.label_is_math else fixed
        if detail is not None:
            detail = self.math_ok(detail, f"{where} detail")
        both = own.repair_item(self, item, label, detail, where)
        if both is None:
            return None
        label, detail = both
        if own.needs_label and not label.strip():
            self.notes.append(f"{where}: dropped an item with no label")
            return None
        item["label"] = label
        if detail:
            item["detail"] = detail
        if d.get("to") is not None:
            if "to" in own.fields:
                if (to := self.ident(d["to"])) is not None:
                    item["to"] = to
            else:
                self.minor[f"arrows removed outside {' and '.join(KINDS.with_field('to'))} elements"] += 1
        return item

    def element(self, raw: Any, n: int) -> dict | None:
        where = f"element {n}"
        if isinstance(raw, str):
            raw = {"kind": "text", "items": [raw]}
        if not isinstance(raw, dict):
            self.notes.append(f"{where}: dropped (not an object)")
            return None
        raw = dict(raw)
        if "kind" not in raw and "type" in raw:
            raw["kind"] = raw.pop("type")
        for alias in ("title", "heading", "label"):
            if alias in raw and "caption" not in raw:
                raw["caption"] = raw.pop(alias)
        d = self.rename(raw, {"name": "id", "xrange": "x_range", "yrange": "y_range", "rows": "items",
                              "lines": "items", "points": "items", "vectors": "items", "nodes": "items",
                              "curves": "items", "bars": "items", "events": "items"},
                        {"id", "kind", "items", "x_range", "y_range", "caption", "sketch"}, where)
        el_id = self.ident(d.get("id"))
        where = f"element {n}" + (f" ({el_id})" if el_id else "")
        name = str(d.get("kind", "")).strip().lower().replace(" ", "_").replace("-", "_")
        name = name if KINDS.find(name) else next((k.name for k in KINDS.all() if name in k.aliases), name)
        items_raw = d.get("items", [])
        if isinstance(items_raw, (str, dict)):
            items_raw = items_raw.splitlines() if isinstance(items_raw, str) else [items_raw]
        if not isinstance(items_raw, list):
            items_raw = []
        if KINDS.find(name) is None:
            if not items_raw:
                self.notes.append(f"{where}: dropped (unknown kind {d.get('kind')!r} and nothing in it)")
                return None
            self.notes.append(f"{where}: unknown kind {d.get('kind')!r}, shown as bullets")
            name = "bullets"
        own = kind(name)
        if len(items_raw) > MAX_ITEMS:
            self.notes.append(f"{where}: kept the first {MAX_ITEMS} of {len(items_raw)} items")
            items_raw = items_raw[:MAX_ITEMS]
        items = [i for k, r in enumerate(items_raw, 1) if (i := self.item(r, own, f"{where} item {k}")) is not None]
        if not items:
            self.notes.append(f"{where}: dropped (nothing drawable left in it)")
            return None
        self.dedupe([i for i in items if "id" in i], f"{where}: ")
        ids = {i["id"] for i in items if "id" in i}
        for k, i in enumerate(items, 1):
            if "to" in i and i["to"] not in ids:
                self.notes.append(f"{where} item {k}: removed its arrow to {i.pop('to')!r}, which is not an item")
        el: dict[str, Any] = {"id": el_id or "", "kind": name, "items": items}
        if d.get("caption") is not None:
            el["caption"] = self.math_ok(self.text(d["caption"], 120, f"{where} caption"), f"{where} caption")
        for key in ("x_range", "y_range"):
            if key not in d:
                continue
            pair = d[key] if isinstance(d[key], (list, tuple)) else []
            nums = [self.number(v) for v in pair[:2]]
            if not own.ranged or len(nums) != 2 or None in nums or nums[0] == nums[1]:
                self.notes.append(f"{where}: removed {key} {d[key]!r}")
                continue
            lo, hi = sorted(nums)  # type: ignore[type-var]
            el[key] = [lo, hi]
        if d.get("sketch") is True and name == "plot":
            el["sketch"] = True
        own.repair_element(self, el, where)
        if not el["items"]:
            self.notes.append(f"{where}: dropped (nothing drawable left in it)")
            return None
        return el

    def dedupe(self, things: list[dict], what: str) -> None:
        seen: set[str] = set()
        for t in things:
            base = t["id"]
            k = 2
            while t["id"] in seen:
                t["id"] = f"{base[:21]}{k}"
                k += 1
            if t["id"] != base:
                self.notes.append(f"{what}renamed a second {base!r} to {t['id']!r}")
            seen.add(t["id"])

    def step(self, raw: Any, n: int, visual: Visual) -> dict | None:
        where = f"step {n}"
        if not isinstance(raw, dict):
            self.notes.append(f"dropped {where} (not an object)")
            return None
        d = self.rename(raw, STEP_ALIASES, {"sentence", "action", "target", "value", "x", "y"}, where)
        action = str(d.get("action", "show")).strip().lower().replace(" ", "_")
        action = action if action in ACTIONS else ACTION_ALIASES.get(action, action)
        if action not in ACTIONS:
            self.notes.append(f"dropped {where} (unknown action {d.get('action')!r})")
            return None
        sentence = self.number(d.get("sentence"))
        s = 0 if sentence is None else int(round(sentence))
        if s < 0 or s > self.last:
            self.notes.append(f"{where}: clamped sentence {s} to {min(max(s, 0), self.last)}")
            s = min(max(s, 0), self.last)
        target = self.target(str(d.get("target", "")).strip(), visual)
        if isinstance(target, ValueError):
            self.notes.append(f"dropped {where} ({target})")
            return None
        step: dict[str, Any] = {"sentence": s, "action": action, "target": target}
        for key in ("value", "x", "y"):
            if (num := self.number(d.get(key))) is not None:
                step[key] = num
        if action == "transform" and "value" in step:
            step["value"] = float(max(1, round(step["value"])))
        if action == "rotate" and abs(step.get("value", 0.0)) > MAX_ANGLE:
            step["value"] = max(-MAX_ANGLE, min(MAX_ANGLE, step["value"]))
            self.notes.append(f"{where}: a rotation turns at most {MAX_ANGLE:g} degrees either way; clamped")
        try:
            from vidgen.visual.spec import Step

            _check_step(visual, Step.model_validate(step), visual.resolve(target))
        except (ValueError, ValidationError) as exc:
            reason = str(exc).splitlines()[0]
            if action in ("show", "highlight", "hide"):
                self.notes.append(f"dropped {where} ({reason})")
                return None
            self.notes.append(f"{where}: {action} does not fit here ({reason}); highlights instead")
            step = {"sentence": s, "action": "highlight", "target": target}
        return step

    def target(self, target: str, visual: Visual) -> str | ValueError:
        target = re.sub(r"\[(\d+)\]", r".\1", target).replace("/", ".").strip(".")
        try:
            visual.resolve(target)
            return target
        except ValueError as exc:
            first = exc
        head, _, tail = target.partition(".")
        ids = {e.id.lower(): e.id for e in visual.elements}
        if head.lower() in ids:
            fixed = ids[head.lower()] + (f".{tail}" if tail else "")
            element = visual.element(ids[head.lower()])
            if tail and element is not None:
                by_id = {(i.id or "").lower(): i.id for i in element.items if i.id}
                if tail.lower() in by_id:
                    fixed = f"{element.id}.{by_id[tail.lower()]}"
            try:
                visual.resolve(fixed)
                return fixed
            except ValueError:
                pass
        if not tail and target:  # a bare item id: find the element that has it
            owners = [e for e in visual.elements for i in e.items if i.id and i.id.lower() == target.lower()]
            if len(owners) == 1:
                item_id = next(i.id for i in owners[0].items if i.id and i.id.lower() == target.lower())
                return f"{owners[0].id}.{item_id}"
        return first if target else ValueError("it has no target")

    # ---- the whole -----------------------------------------------------------------------------
    def visual(self, raw: Any) -> Visual | None:
        if isinstance(raw, Visual):
            raw = raw.model_dump(exclude_none=True)
        if isinstance(raw, (str, bytes)):
            try:
                raw = json.loads(raw)
            except ValueError:
                self.notes.append("the visual is not JSON; dropped")
                return None
        if isinstance(raw, list):
            raw = {"elements": raw}
        if not isinstance(raw, dict):
            self.notes.append("the visual is not an object; dropped")
            return None
        d = self.rename(raw, {"element": "elements", "components": "elements", "animations": "steps",
                              "animation": "steps", "heading": "title"},
                        {"layout", "title", "elements", "steps"}, "visual")
        elements_raw = d.get("elements", [])
        elements_raw = [elements_raw] if isinstance(elements_raw, dict) else elements_raw
        if not isinstance(elements_raw, list) or not elements_raw:
            self.notes.append("the visual has no elements; dropped")
            return None
        elements = [e for n, r in enumerate(elements_raw, 1) if (e := self.element(r, n)) is not None]
        for n, e in enumerate(elements, 1):
            e["id"] = e["id"] or f"E{n}"
        self.dedupe(elements, "")
        elements = [e for e in elements if self.drawable(e)]
        if len(elements) > MAX_ELEMENTS:
            self.notes.append(f"kept the first {MAX_ELEMENTS} of {len(elements)} elements")
            elements = elements[:MAX_ELEMENTS]
        if not elements:
            self.notes.append("nothing drawable was left in the visual")
            return None
        layout = str(d.get("layout", "full")).strip().lower()
        if layout not in LAYOUTS:
            fixed = LAYOUT_ALIASES.get(layout, "full")
            self.notes.append(f"layout {d.get('layout')!r} is not one of {', '.join(LAYOUTS)}; used {fixed}")
            layout = fixed
        out: dict[str, Any] = {"layout": layout, "elements": elements}
        if d.get("title"):
            out["title"] = self.math_ok(self.text(d["title"], 70, "title"), "title")
        base = Visual.model_validate(out)
        steps_raw = d.get("steps", [])
        steps_raw = steps_raw if isinstance(steps_raw, list) else [steps_raw]
        steps = [s for n, r in enumerate(steps_raw, 1) if (s := self.step(r, n, base)) is not None]
        if len(steps) > MAX_STEPS:
            self.notes.append(f"kept the first {MAX_STEPS} of {len(steps)} steps")
            steps = steps[:MAX_STEPS]
        try:
            return Visual.model_validate({**out, "steps": steps})
        except ValidationError as exc:  # a combination the step checks missed: keep the picture, lose the timing
            self.notes.append(f"dropped every step ({str(exc).splitlines()[-1].strip()})")
            return base

    def drawable(self, el: dict) -> bool:
        """The element passes the spec's own checks (a safety net under the repairs above)."""
        try:
            _check_element(Element.model_validate(el), 0)
            return True
        except (ValueError, ValidationError) as exc:
            self.notes.append(f"dropped element {el['id']} ({str(exc).splitlines()[0]})")
            return False


def repair_visual(raw: object, sentences: int, *, scene: int | None = None) -> tuple[Visual | None, list[str]]:
    """A valid Visual from a model's answer (or None if nothing usable is left) and what was fixed.

    `sentences` is how many sentences the scene's narration has (step indexes are clamped to it);
    `scene`, when given, starts every note with "scene N: ". Never raises.
    """
    fixer = _Fixer(sentences)
    try:
        visual = fixer.visual(raw)
    except Exception as exc:  # noqa: BLE001 — a repair must never be the reason a script fails
        fixer.notes.append(f"the visual could not be read ({type(exc).__name__}); dropped")
        visual = None
    notes = fixer.notes + [f"{what}: {count}" for what, count in sorted(fixer.minor.items())]
    prefix = f"scene {scene}: " if scene is not None else ""
    return visual, [prefix + n for n in notes]


def refit_visual(visual: object, text: object) -> dict[str, Any] | None:
    """A stored visual after its scene's narration was edited: the same picture, steps clamped to the new
    sentence count (a user who changed only the words should not have the save refused for the picture).
    None when nothing of it is usable; a narration that is not text is left for validation to refuse."""
    if not isinstance(text, str) or not text.strip():
        return visual if isinstance(visual, dict) else None
    from vidgen.script.sentences import sentence_count

    fitted, _ = repair_visual(visual, sentence_count(text))
    return fitted.model_dump(mode="json", exclude_none=True) if fitted is not None else None
