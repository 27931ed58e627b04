import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT.parent / "shared" / "fixtures" / "seed-scripts").glob("*.json"))
if not SEEDS:  # CI lays shared/ beside the clone; a checkout elsewhere ships its own copy
    SEEDS = sorted((ROOT / "tests" / "fixtures" / "seed-scripts").glob("*.json"))


def wait_for(cond, timeout: float = 120.0, step: float = 0.05, what: str = "the condition"):
    """Poll until `cond()` is true (and return its value); the deadline is generous: CI machines are slow."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = cond()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")


# The tiers (README, Development): `pytest -m "not slow"` is the fast one (units and in-process HTTP);
# `slow` marks what needs a browser, network namespaces, other processes or a full render. A test is
# slow by its fixtures alone when they start one of those; modules and tests say so themselves otherwise.
SLOW_FIXTURES = {"cli", "server", "browser", "studio", "cluster", "farm", "plugin_site"}


def pytest_collection_modifyitems(items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def strict(monkeypatch):
    """A rule that raises fails the test, instead of leaving its scene a plain card (as a render would)."""
    from vidgen.author import derive

    def reraise() -> None:
        raise   # noqa: PLE0704 — called inside the derivation's `except`: the rule's own error

    monkeypatch.setattr(derive, "rule_failed", reraise)


@pytest.fixture
def home(tmp_path, monkeypatch):
    h = tmp_path / "home"
    h.mkdir()
    monkeypatch.setenv("VIDGEN_HOME", str(h))
    for var in ("GOOGLE_API_KEY", "GEMINI_API_KEY", "TTS_PROVIDER", "VIDGEN_LLM", "VIDGEN_API_KEY",
                "TTS_VOICE_NAME", "VIDGEN_GEMINI_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(h)
    return h


@pytest.fixture
def svc(home):
    from vidgen.service import Vidgen

    return Vidgen()


class CLI:
    def __init__(self, home: Path):
        self.home = home

    def __call__(self, *args, input: str | None = None, env: dict | None = None, timeout: float = 300):
        full_env = {k: v for k, v in os.environ.items()
                    if k not in ("GOOGLE_API_KEY", "GEMINI_API_KEY", "TTS_PROVIDER", "VIDGEN_API_KEY")}
        full_env.update({"VIDGEN_HOME": str(self.home), "EDITOR": "", "VISUAL": ""})
        full_env.update(env or {})
        return subprocess.run([sys.executable, "-m", "vidgen", *args], input=input, capture_output=True,
                              text=True, env=full_env, cwd=self.home, timeout=timeout)

    def json(self, *args, **kw):
        proc = self(*args, "--json", **kw)
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)


@pytest.fixture
def cli(home):
    return CLI(home)


def seed(name: str) -> dict:
    for p in SEEDS:
        if p.stem == name:
            return json.loads(p.read_text())
    raise KeyError(name)


def http(url, method="GET", body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json",
                                                                         **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def start_server(home, *args, env=None, log_name="server.log"):
    """A real `vidgen serve` on a free port; returns (base URL, port, process) once /health answers."""
    from tests.fakes import free_port

    port = free_port()
    full_env = {**os.environ, "VIDGEN_HOME": str(home), **(env or {})}
    with open(home / log_name, "w") as log:  # a file, not a pipe: a full pipe would stall the server
        proc = subprocess.Popen([sys.executable, "-m", "vidgen", "serve", "--port", str(port), *args], cwd=home,
                                env=full_env, stdout=log, stderr=log)
    proc.log_path = home / log_name
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if http(base + "/health")[0] == 200:
                return base, port, proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError(proc.log_path.read_text())


@pytest.fixture
def make_client(aiohttp_client, svc):
    """An in-process server (aiohttp's test client) on `svc`, with ServerConfig overrides."""
    from vidgen.server.app import ServerConfig, create_app

    async def make(**config):
        cfg = ServerConfig(**{"submit_wait": 30, **config})
        return await aiohttp_client(create_app(svc, cfg))

    return make


@pytest.fixture
def server(home):
    base, port, proc = start_server(home, "--log-json")
    yield base, port, proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()
