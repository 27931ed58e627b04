"""Hardening, round two (issue 25): every request's work is bounded — previews (time, memory, their own
pool), decoded pictures, stdin — and generated hostile input finds no 500.

Nothing here asserts a wall-clock time: a budget is shown to cut by its error, and /health to answer
by answering while previews are known to be running (`scripts/bench_preview.py` prints the times).
"""

import json
import os
import subprocess
import sys

from tests.conftest import ROOT, seed

JSON = {"Content-Type": "application/json"}
SLOW = os.environ.get("VIDGEN_SLOW") == "1"


# -- 3. `vidgen import -` reads at most the body limit ----------------------------------------------------
def test_import_from_stdin_over_the_body_limit_is_refused_while_streaming(home):
    """200 MB of stdin used 624 MB before it was refused: now it is refused once the limit is passed."""
    script = json.dumps(seed("test-topic")).encode()
    env = {**os.environ, "VIDGEN_HOME": str(home), "VIDGEN_MAX_BODY": "64K", "PYTHONPATH": str(ROOT)}
    # a writer that never stops: the command must refuse after ~64 KiB, not wait for the end
    feeder = subprocess.Popen([sys.executable, "-c", "import sys\nwhile True: sys.stdout.buffer.write(b' ' * 65536)"],
                              stdout=subprocess.PIPE)
    try:
        proc = subprocess.run([sys.executable, "-m", "vidgen", "import", "-"], stdin=feeder.stdout,
                              capture_output=True, text=True, env=env, cwd=home, timeout=120)
    finally:
        feeder.kill()
        feeder.wait()
    assert proc.returncode == 2 and "64 KiB" in proc.stderr and "VIDGEN_MAX_BODY" in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    ok = subprocess.run([sys.executable, "-m", "vidgen", "import", "-", "--json"], input=script, capture_output=True,
                        env=env, cwd=home, timeout=120)
    assert ok.returncode == 0, ok.stderr
    big = home / "big.json"
    big.write_bytes(script[:-1] + b" " * (70 * 1024) + b"}")
    proc = subprocess.run([sys.executable, "-m", "vidgen", "import", str(big)], capture_output=True, text=True,
                          env=env, cwd=home, timeout=120)
    assert proc.returncode == 2 and "64 KiB" in proc.stderr, proc.stderr
