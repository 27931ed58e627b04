"""The built wheel installs and works outside the repository (issue 21, item 8).

The wheel is built from a copy of the sources (nothing is written into the checkout) and
installed with `--no-deps --no-index` into a fresh virtual environment in a temporary folder.
Its dependencies come from the test's own environment through a path appended *after* the new
environment's site-packages (a `.pth` line, which runs none of that folder's own `.pth` files,
so the editable install of the checkout is not reached): `vidgen` can only be the wheel's. The
test proves the wheel carries what is not Python — the studio's page, scripts and styles — and
that `vidgen make` renders from it, run from a folder outside the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import time
import urllib.request
import venv

import pytest

from tests.conftest import ROOT
from tests.fakes import free_port

pytestmark = pytest.mark.slow


def run(*args, **kw):
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600, **kw)


def test_the_wheel_installs_serves_the_studio_and_makes_a_video(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copytree(ROOT / "vidgen", src / "vidgen", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                "-w", tmp_path / "dist", src)
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("vidgen-*.whl"))

    env_dir = tmp_path / "clean"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    # (a PYTHONPATH pointing at a checkout would show pip the checkout's vidgen as installed already)
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    installed = run(py, "-m", "pip", "install", "--no-deps", "--no-index", wheel, env=clean)
    assert installed.returncode == 0, installed.stderr
    own_site = run(py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    deps = [p for p in site.getsitepackages() if p.endswith("site-packages")]
    with open(os.path.join(own_site, "zz-test-dependencies.pth"), "w") as fh:
        fh.write("\n".join(deps) + "\n")

    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIDGEN_", "PYTHON")) and k not in
           ("GOOGLE_API_KEY", "TTS_PROVIDER")}
    env["VIDGEN_HOME"] = str(home)
    where = run(py, "-c", "import vidgen, pathlib; print(pathlib.Path(vidgen.__file__).resolve())", cwd=home, env=env)
    assert where.returncode == 0, where.stderr
    assert where.stdout.strip().startswith(str(env_dir.resolve())), where.stdout
    vidgen = env_dir / "bin" / "vidgen"

    port = free_port()
    with open(home / "serve.log", "w") as log:
        server = subprocess.Popen([vidgen, "serve", "--port", str(port)], cwd=home, env=env, stdout=log, stderr=log)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/health", timeout=5)
                break
            except OSError:
                time.sleep(0.1)
        page = urllib.request.urlopen(base + "/studio", timeout=10).read().decode()
        assert "vidgen studio" in page and "/studio/assets/app.js" in page
        for asset in ("app.js", "api.js", "studio.css", "visual-form.js"):
            with urllib.request.urlopen(f"{base}/studio/assets/{asset}", timeout=10) as r:
                assert r.status == 200 and r.read() == (ROOT / "vidgen" / "static" / "studio" / asset).read_bytes()
    finally:
        server.terminate()
        server.wait(30)

    made = run(vidgen, "make", "how tides work", "--quality", "low", "--tts", "mock", "--json", cwd=home, env=env)
    assert made.returncode == 0, made.stderr
    video = json.loads(made.stdout)["video"]
    path = home / "renders" / video if not os.path.isabs(video) else video
    assert os.path.getsize(path) > 1000 and str(ROOT) not in made.stdout + made.stderr
