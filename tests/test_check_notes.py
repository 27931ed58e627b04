"""`vidgen check` passes on every script made from a notes document (`vidgen make --from FILE`), at 16:9, 9:16
and 1:1, as it does on the corpus scripts (issue 20, items 3, 4 and 7): no cut phrases, labels the scene never
says, text too small or cut off. The full walk-through (variant 0) and the highlights (variant 4) are checked:
the two that say the most and the least of a document. One document a test, so workers share them."""

from pathlib import Path

import pytest

from vidgen.script.model import parse_script
from vidgen.service.viewer import ASPECTS, check_script, line
from vidgen.writers.notes import script_from_notes

ROOT = Path(__file__).resolve().parent
FOLDERS = (ROOT / "corpus" / "notes", ROOT / "corpus" / "fresh-notes", ROOT / "fixtures" / "notes")
DOCUMENTS = [p for folder in FOLDERS for p in sorted(folder.iterdir()) if p.suffix in (".md", ".txt")]

pytestmark = pytest.mark.slow   # ~20 documents x 2 variants x 3 aspects: about 40 s on one core


def test_every_kind_of_notes_is_here():
    assert len(DOCUMENTS) >= 20
    assert {p.suffix for p in DOCUMENTS} == {".md", ".txt"}


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_check_passes_at_every_aspect(path, strict):
    for variant in (0, 4):
        script = parse_script(script_from_notes(None, path.read_text(), variant, filename=path.name))
        problems = check_script(script, None, aspects=ASPECTS)
        assert not problems, f"variant {variant}:\n" + "\n".join(line(p) for p in problems)
