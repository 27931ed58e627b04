"""docs/visuals.md against the code: every kind in the registry is documented and no other is, the
actions' kinds and the limits are the spec's, the example validates, and nothing in the package or
the README sends a reader outside the repository for the picture spec."""

import json
import re
from pathlib import Path

from vidgen.script.model import Scene
from vidgen.visual import spec
from vidgen.visual.expr import MAX_LENGTH as FORMULA
from vidgen.visual.kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "visuals.md").read_text()


def table(heading: str) -> list[list[str]]:
    """The rows of the first table under `## heading`, as cells without their backquotes."""
    section = DOC.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]
    return [[cell.strip().replace("`", "") for cell in row.strip("|").split("|")] for row in rows]


def test_every_kind_is_documented_and_no_other():
    documented = [row[0] for row in table("Kinds")]
    assert documented == KINDS.names()   # in the registry's order, the one menus and the prompt use


def test_each_action_names_the_kinds_that_take_it():
    rows = {row[0]: row[2].split(", ") for row in table("Actions")}
    assert set(rows) == set(spec.ACTIONS) - {"show", "highlight", "hide"}
    for action, kinds in rows.items():
        assert kinds == KINDS.taking(action), action


def test_the_limits_are_the_specs():
    limits = {row[0]: row[1] for row in table("Limits")}
    assert limits["elements in a picture"] == f"1 to {spec.MAX_ELEMENTS}"
    assert limits["items in an element"] == f"0 to {spec.MAX_ITEMS}"
    assert limits["steps in a picture"] == f"0 to {spec.MAX_STEPS}"
    assert limits["entries in a matrix row"].startswith(f"1 to {spec.MAX_ITEMS},")
    assert limits["a step's sentence"].startswith(f"0 to {spec.MAX_SENTENCE},")
    assert limits["a rotation (rotate's value)"].startswith(f"-{spec.MAX_ANGLE:g} to {spec.MAX_ANGLE:g} degrees")
    assert limits["numbers (x, y, value, range ends)"] == f"finite, -{spec.MAX_NUMBER:.0f} to {spec.MAX_NUMBER:.0f}"
    assert limits["a plot's formula"] == f"{FORMULA} characters"
    fields = {"title": spec.Visual.model_fields["title"], "label": spec.Item.model_fields["label"],
              "detail, caption": spec.Item.model_fields["detail"]}
    for name, field in fields.items():
        length = next(m.max_length for m in field.metadata if hasattr(m, "max_length"))
        assert limits[name] == f"{length} characters", name


def test_the_example_validates():
    example = re.search(r"```json\n(.*?)```", DOC, re.S)
    assert example
    Scene.model_validate(json.loads(example[1]))


def test_nothing_points_outside_the_repository_for_the_spec():
    files = [*(ROOT / "vidgen").rglob("*.py"), *(ROOT / "vidgen").rglob("*.js"), ROOT / "README.md"]
    assert [f.name for f in files if "VISUALS.md" in f.read_text()] == []
