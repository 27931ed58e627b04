import json
from pathlib import Path

import pytest

from tests.conftest import seed


def test_script_json_prints_three_tokens_with_different_titles(cli):
    out = cli.json("script", "how rainbows form")
    assert len(out["tokens"]) == 3 and len(set(out["tokens"])) == 3
    assert len({s["title"] for s in out["scripts"]}) == 3
    listed = cli.json("scripts")
    assert {s["token"] for s in listed["scripts"]} == set(out["tokens"])


@pytest.mark.parametrize("args,words", [
    (["script", "   "], "topic is empty"),
    (["script", "rain\x07bows"], "control characters"),
    (["script", "x", "--variations", "0"], "1 to 5"),
    (["script", "x", "--variations", "9"], "1 to 5"),
    (["show", "0123456789"], "no script"),
    (["history", "0123456789"], "no script"),
    (["script", "x", "--from", "missing.md"], "does not exist"),
    (["import", "missing.json"], "does not exist"),
    (["script", "x", "--llm", "gemini"], "GOOGLE_API_KEY"),
    (["script", "x", "--llm", "nope"], "unknown script writer"),
])
def test_bad_input_exit_2_with_one_line(cli, args, words):
    proc = cli(*args)
    assert proc.returncode == 2, proc.stderr
    assert words in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr


def test_from_binary_file_is_refused(cli, home):
    (home / "notes.md").write_bytes(b"\x00\x01\x02binary" * 20)
    proc = cli("script", "x", "--from", "notes.md")
    assert proc.returncode == 2 and "binary" in proc.stderr


def test_from_document(cli, home):
    (home / "notes.md").write_text("# Tides\n\nThe Moon's gravity pulls on the oceans of the Earth. "
                                   "This pull creates a bulge of water on the side facing the Moon. "
                                   "A second bulge forms on the opposite side of the planet. "
                                   "As the Earth turns, coastlines pass through both bulges every day. "
                                   "That is why most places see two high tides daily.")
    out = cli.json("script", "--from", "notes.md", "-n", "1")
    doc = cli.json("show", out["tokens"][0])
    assert "bulge" in json.dumps(doc["script"])


def _token(cli, name="simple-algebra"):
    """A stored script to edit (version 1), stored in-process: the CLI under test is what comes after."""
    from vidgen.service import Vidgen

    return Vidgen().store.create_script(seed(name), topic="algebra")


def test_edit_makes_versions_that_history_and_show_read_back(cli):
    token = _token(cli)
    script = seed("simple-algebra")
    script["scenes"][0]["text"] = "A new opening line."
    proc = cli("edit", token, "--file", "-", input=json.dumps(script))
    assert proc.returncode == 0
    hist = cli.json("history", token)
    assert [v["version"] for v in hist["versions"]] == [1, 2]
    assert cli.json("show", token, "--version", "1")["script"] == seed("simple-algebra")
    assert cli.json("show", token)["script"]["scenes"][0]["text"] == "A new opening line."
    assert cli("show", token, "--version", "9").returncode == 2


def _bad(script):
    return json.dumps(script)


@pytest.mark.parametrize("mutate,words", [
    (lambda s: "{not json", "not valid JSON"),
    (lambda s: _bad({**s, "scenes": [{**s["scenes"][0], "text": ""}]}), "narration is empty"),
    (lambda s: _bad({**s, "scenes": [s["scenes"][0], s["scenes"][0]]}), "seq"),
    (lambda s: _bad({**s, "scenes": [{**s["scenes"][0], "seq": i} for i in range(1, 52)]}), "limit is 50"),
    (lambda s: _bad({**s, "scenes": [{**s["scenes"][0], "layout": "grid"}]}), "layout"),
    (lambda s: _bad({**s, "scenes": [{**s["scenes"][0], "media": "nope.png"}]}), "does not exist"),
])
def test_bad_edits_leave_the_stored_script_unchanged(cli, mutate, words):
    token = _token(cli)
    before = cli.json("show", token)
    proc = cli("edit", token, "--file", "-", input=mutate(seed("simple-algebra")))
    assert proc.returncode == 2, proc.stderr
    assert words in proc.stderr
    assert cli.json("show", token) == before
    assert len(cli.json("history", token)["versions"]) == 1


def test_edit_with_editor(cli, home):
    token = _token(cli)
    editor = home / "ed.py"
    editor.write_text("import json,sys\np=sys.argv[1]\nd=json.load(open(p))\nd['title']='Edited'\n"
                      "json.dump(d,open(p,'w'))\n")
    import sys

    proc = cli("edit", token, env={"EDITOR": f"{sys.executable} {editor}"})
    assert proc.returncode == 0, proc.stderr
    assert cli.json("show", token)["script"]["title"] == "Edited"


def test_corrupt_store_is_reported_and_doctor_repairs(cli, home):
    from vidgen.service import Vidgen

    token = _token(cli)
    Vidgen().edit(token, {**seed("simple-algebra"), "title": "Algebra again"})  # a second write: a .bak exists
    index = home / ".vidgen" / "index.json"
    index.write_text("{\"scripts\": {")
    proc = cli("scripts")
    assert proc.returncode == 1
    assert "damaged" in proc.stderr and "doctor --repair" in proc.stderr
    proc = cli("doctor", "--repair")
    assert "restored" in proc.stdout
    assert token in [s["token"] for s in cli.json("scripts")["scripts"]]


def test_doctor_reports_checks(cli):
    out = json.loads(cli("doctor", "--json").stdout)
    names = {c["name"] for c in out["checks"]}
    assert {"store", "ffmpeg", "voice pyttsx3", "writer gemini", "voice gemini", "writer offline"} <= names
    gemini = next(c for c in out["checks"] if c["name"] == "writer gemini")
    assert not gemini["ok"] and "GOOGLE_API_KEY" in gemini["fix"] and not gemini["required"]
    offline = next(c for c in out["checks"] if c["name"] == "writer offline")
    assert offline["ok"] and offline["required"]  # the configured default must work


def test_help_groups_the_commands_and_the_conventions_work(cli):
    proc = cli("--help", env={"COLUMNS": "100"})
    assert proc.returncode == 0
    # plain text (rich's boxes cost ~90 ms of imports on every --help), the commands still in their groups
    sections = [line[:-1] for line in proc.stdout.splitlines() if line.endswith(":") and not line.startswith(" ")]
    assert sections == ["Options", "Scripts", "Videos", "Jobs", "Server and set-up"]
    scripts_section = proc.stdout.split("\nScripts:")[1].split("\nVideos:")[0]
    assert "\n  script " in scripts_section and " render " not in scripts_section  # each command in its group
    assert "─" not in proc.stdout and "│" not in proc.stdout
    for command in ("script", "render", "make", "serve", "jobs", "voices", "worker", "workers"):
        assert f" {command} " in proc.stdout
    import vidgen

    version = cli("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"vidgen {vidgen.__version__}"
    completion = cli("completion", "bash")  # names its shell: nothing guessed from the parent process
    assert completion.returncode == 0 and "_vidgen_completion" in completion.stdout
    doctor = json.loads(cli("doctor", "--json").stdout)
    assert doctor["version"] == vidgen.__version__


def test_script_from_notes_is_titled_by_its_heading_and_notes_how_it_was_made(cli):
    notes = Path(__file__).parent / "fixtures" / "notes" / "vaccines.md"
    out = cli.json("script", "--from", str(notes))
    assert [s["title"] for s in out["scripts"]][0] == "How vaccines work"  # the heading, not the file name
    history = cli.json("history", out["tokens"][1])["versions"]
    assert history[0]["note"].startswith("Short version")
    shown = cli.json("show", out["tokens"][0])["script"]
    assert "_note" not in shown  # the note goes to the version, not into the script
    given = cli.json("script", "Vaccines for kids", "--from", str(notes), "-n", "1")
    assert given["scripts"][0]["title"] == "Vaccines for kids"  # a topic given on the command line wins


def test_render_leaves_the_callers_stdin_unread(cli, home):
    """`while read topic token; do vidgen render "$token"; done < list` must see every line: no child
    (ffmpeg reads its stdin for keystrokes) may take bytes from the input the shell handed vidgen."""
    import os
    import subprocess
    import sys

    token = cli.json("script", "tides", "-n", "1")["tokens"][0]
    script = home / "seed.json"  # two minutes of narration: ffmpeg looks for keys every 0.1 s of its run
    script.write_text(json.dumps(seed("complex-number-multiplication-a-visual-journey")))
    cli.json("edit", token, "-f", str(script))
    listing = home / "list.txt"
    listing.write_text("matrix-multiplication dc6a3289ad\n" * 50)
    env = {**os.environ, "VIDGEN_HOME": str(home)}
    with listing.open("rb") as stdin:  # an inherited file shares its offset: any byte read by a child moves it
        proc = subprocess.run([sys.executable, "-m", "vidgen", "render", token, "-q", "low", "--tts", "espeak"],
                              stdin=stdin, capture_output=True, text=True, env=env, cwd=home, timeout=300)
        assert proc.returncode == 0, proc.stderr
        assert stdin.tell() == 0 and os.lseek(stdin.fileno(), 0, os.SEEK_CUR) == 0


def test_import_stores_an_old_script_as_it_was_written_and_refuses_a_broken_one(cli, home):
    """A script file from the replaced system comes in under a new token, byte for byte what it was (unknown
    fields kept); a file that is not a script is one line, exit 2, and nothing is stored."""
    from tests.conftest import SEEDS
    from vidgen.service import Vidgen

    svc = Vidgen()
    for path in SEEDS:
        out = cli.json("import", str(path))
        assert svc.get_script(out["token"])["script"] == json.loads(path.read_text()), path.stem
    before = svc.store.list_scripts()
    for text, words in (('{"title": "x"}', "scenes is missing"), ("not json", "not valid JSON"),
                        ('{"title": "x", "scenes": [{"seq": 1, "text": "Hi.", "visual": {"elements": []}}]}',
                         "scene 1")):
        proc = cli("import", "-", input=text)
        assert proc.returncode == 2 and words in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, \
            (text, proc.stderr)
    assert svc.store.list_scripts() == before
