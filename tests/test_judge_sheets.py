"""The corpus' judging tool still runs: a fresh-eyes judge found it failing at an import once, after a
function it used had moved. It draws one held-out sheet here (blind: no derivation reasons on it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_judge_corpus_draws_a_blind_sheet_and_a_count_template(tmp_path):
    name = sorted((ROOT / "tests" / "corpus" / "fresh").glob("*.json"))[0].stem
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VIDGEN_HOME": str(tmp_path / "home")}
    subprocess.run([sys.executable, "scripts/judge_corpus.py", "--side", "fresh", "--only", name,
                    "--out", str(tmp_path)], cwd=ROOT, env=env, check=True, capture_output=True, timeout=600)
    sheet = Image.open(tmp_path / "fresh" / f"{name}.png")
    assert sheet.width >= 640 and sheet.height >= 360
    counts = json.loads((tmp_path / "fresh" / "counts.json").read_text())["files"][name]
    scenes = json.loads((ROOT / "tests" / "corpus" / "fresh" / f"{name}.json").read_text())["scenes"]
    assert len(counts) == len(scenes) and all(c["shows_subject"] is None for c in counts)
