"""Third-party providers: a throwaway package installed into a folder, found through entry points,
used from the CLI and from the server exactly like the built-ins."""

import json
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import http, start_server
from tests.media import audio_rms

PLUGIN = '''
import numpy as np

from vidgen.config import Option
from vidgen.registry import Readiness

GREETING = Option("tiny_greeting", ("TINY_GREETING",), "Hello", "how every scene starts")


class TinyWriter:
    name = "tiny"
    summary = "a plugin writer for tests"
    options = (GREETING,)

    def __init__(self, settings):
        self.settings = settings

    @classmethod
    def check(cls, settings):
        return Readiness(True, "always ready")

    async def write(self, topic, style, *, language="en", source=None):
        hello = self.settings.get(GREETING)
        return {"title": f"Tiny {topic} {style}",
                "scenes": [{"seq": 1, "text": f"{hello} from a plugin. It wrote this about {topic}."}]}


class BeepVoice:
    name = "beep"
    summary = "a plugin voice: a tone as long as the words"
    options = ()

    def __init__(self, settings):
        pass

    @classmethod
    def check(cls, settings):
        return Readiness(True, "always ready")

    def key(self, voice, language):
        return "beep-1"

    def speak(self, sentence, voice, language):
        t = np.arange(int(44100 * 0.3 * len(sentence.split()))) / 44100
        return (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
'''

ENTRY_POINTS = """
[vidgen.writers]
tiny = tinyplug:TinyWriter

[vidgen.voices]
beep = tinyplug:BeepVoice
"""


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory):
    """The package as an installer leaves it: the module and its .dist-info (metadata, entry points)."""
    site = tmp_path_factory.mktemp("site")
    (site / "tinyplug.py").write_text(textwrap.dedent(PLUGIN))
    info = site / "vidgen_tiny_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: vidgen-tiny-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(ENTRY_POINTS)
    (info / "RECORD").write_text("tinyplug.py,,\n")
    found = subprocess.run([sys.executable, "-c", "from importlib.metadata import entry_points as e; "
                            "print([x.name for x in e(group='vidgen.voices')])"],
                           capture_output=True, text=True, env={"PYTHONPATH": str(site)})
    assert "beep" in found.stdout, found.stderr
    return site


def test_a_plugin_writer_and_voice_work_from_the_cli(cli, plugin_site):
    env = {"PYTHONPATH": str(plugin_site), "TINY_GREETING": "Howdy"}
    out = cli.json("script", "owls", "--llm", "tiny", "-n", "2", env=env)
    assert [s["title"] for s in out["scripts"]] == ["Tiny owls 0", "Tiny owls 1"]
    shown = cli.json("show", out["tokens"][0], env=env)["script"]
    assert shown["scenes"][0]["text"].startswith("Howdy from a plugin")  # its own option, read like ours
    voices = cli.json("voices", env=env)
    beep = next(p for p in voices["providers"] if p["name"] == "beep")
    assert beep["ready"] and beep["summary"].startswith("a plugin voice")
    doctor = json.loads(cli("doctor", "--json", env=env).stdout)
    assert {"writer tiny", "voice beep"} <= {c["name"] for c in doctor["checks"]}
    result = cli.json("render", out["tokens"][0], "--tts", "beep", "--quality", "low", env=env)
    assert audio_rms(result["path"]) > 0.05  # the plugin's tone is the sound track
    unknown = cli("script", "owls", "--llm", "nope", env=env)
    assert unknown.returncode == 2 and "tiny" in unknown.stderr  # the plugin is among the choices offered


@pytest.mark.slow  # a real server
def test_a_plugin_writer_and_voice_work_from_the_server(home, plugin_site):
    base, _, proc = start_server(home, env={"PYTHONPATH": str(plugin_site)})
    try:
        status, _, body = http(base + "/api/generate_scripts", "POST", {"topic": "owls", "llm": "tiny", "count": 1})
        assert status == 200, body
        token = json.loads(body)["tokens"][0]
        for _ in range(100):
            status, _, body = http(base + f"/api/script/{token}")
            if status == 200:
                break
        assert json.loads(body)["title"] == "Tiny owls 0"
        status, _, body = http(base + "/api/voices")
        assert "beep" in [p["name"] for p in json.loads(body)["providers"]]
    finally:
        proc.kill()
        proc.wait()
