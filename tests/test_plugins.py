"""Third-party providers and picture kinds: a throwaway package installed into a folder, found through
entry points, used from the CLI and from the server exactly like the built-ins."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import http, start_server
from tests.media import audio_rms, frame_at

PLUGIN = '''
import numpy as np

from vidgen.config import Option
from vidgen.draw.kinds.base import Drawer
from vidgen.registry import Readiness
from vidgen.visual.kinds import register

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
        stamp = {"elements": [{"id": "S", "kind": "stamp", "items": [{"label": topic}]}]}
        return {"title": f"Tiny {topic} {style}",
                "scenes": [{"seq": 1, "text": f"{hello} from a plugin. It wrote this about {topic}.",
                            "visual": stamp}]}


@register
class StampKind(Drawer):
    """A plugin's picture kind: a magenta stamp in the middle of its box."""

    name = "stamp"
    noun = "rubber stamp"
    prompt = '"label" = one word, stamped'
    hints = {"label": "one word"}
    example = {"id": "S", "kind": "stamp", "items": [{"label": "Approved"}]}

    @classmethod
    def check_item(cls, element, item):
        if len(item.label.split()) != 1:
            raise ValueError("a stamp is one word")

    def paint(self, cr, t):
        if self.element_shown(t) <= 0:
            return
        x0, y0, x1, y1 = self.inner
        cr.rectangle(x0 + (x1 - x0) / 4, y0 + (y1 - y0) / 4, (x1 - x0) / 2, (y1 - y0) / 2)
        cr.set_source_rgb(1, 0, 1)
        cr.fill()


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

[vidgen.kinds]
stamp = tinyplug:StampKind
"""


def with_plugin(site, **more):
    """The environment of a vidgen that has the plugin installed (and this checkout's vidgen, if set)."""
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": path, **more}


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
    env = with_plugin(plugin_site, TINY_GREETING="Howdy")
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
    frame = frame_at(result["path"], 1.0, 854, 480).astype(int)
    magenta = (frame[..., 0] > 200) & (frame[..., 1] < 60) & (frame[..., 2] > 200)
    assert magenta.mean() > 0.05  # the plugin's kind drew the scene's picture
    text = cli("show", out["tokens"][0], env=env).stdout
    assert "rubber stamp owls" in text  # and `vidgen show` says it in its own words
    unknown = cli("script", "owls", "--llm", "nope", env=env)
    assert unknown.returncode == 2 and "tiny" in unknown.stderr  # the plugin is among the choices offered


def test_a_plugin_kind_is_checked_by_its_own_rules_and_unknown_without_the_plugin(cli, plugin_site, tmp_path):
    script = {"title": "Stamps", "scenes": [{"seq": 1, "text": "Two words here.", "visual": {
        "elements": [{"id": "S", "kind": "stamp", "items": [{"label": "two words"}]}]}}]}
    path = tmp_path / "stamps.json"
    path.write_text(json.dumps(script))
    env = with_plugin(plugin_site)
    refused = cli("import", str(path), env=env)
    assert refused.returncode == 2 and "element 1 (S) item 1: a stamp is one word" in refused.stderr
    script["scenes"][0]["visual"]["elements"][0]["items"][0]["label"] = "Approved"
    path.write_text(json.dumps(script))
    assert cli("import", str(path), env=env).returncode == 0
    unknown = cli("import", str(path))   # the same script where the plugin is not installed
    assert unknown.returncode == 2 and "kind is 'stamp'; use one of text, quote" in unknown.stderr


@pytest.mark.slow  # a real server
def test_a_plugin_writer_and_voice_work_from_the_server(home, plugin_site):
    base, _, proc = start_server(home, env=with_plugin(plugin_site))
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
        # the studio builds its kind menu and forms from the served schema: the plugin's kind is in both
        status, _, body = http(base + "/openapi.json")
        element = json.loads(body)["components"]["schemas"]["Element"]
        assert "stamp" in element["properties"]["kind"]["enum"]
        assert next(k for k in element["x-kinds"] if k["name"] == "stamp")["hints"] == {"label": "one word"}
    finally:
        proc.kill()
        proc.wait()
