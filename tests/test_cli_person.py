"""The command line as a new user meets it: through a real pipe (stdout is a pipe here, as in `| jq`,
`| cut`), at 80 columns, with an editor and without one."""

import json
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import seed

NARROW = {"COLUMNS": "80"}


def imported(cli, home, **changes) -> str:
    path = home / "in.json"
    path.write_text(json.dumps({**seed("test-topic"), **changes}))
    return cli.json("import", str(path))["token"]


def test_lists_in_a_pipe_are_tab_separated_with_whole_ids(cli, home):
    long = "A remarkably long title for a script that would never fit in an eighty column table"
    token = imported(cli, home, title=long)
    out = cli("scripts", env=NARROW)
    assert out.returncode == 0
    rows = [line.split("\t") for line in out.stdout.splitlines()]
    assert rows[0][0] == token and rows[0][1] == long  # nothing cut, nothing wrapped, no header
    assert "…" not in out.stdout and "│" not in out.stdout
    voices = cli("voices", env=NARROW).stdout
    assert all("…" not in line for line in voices.splitlines())
    piper = [line.split("\t") for line in voices.splitlines() if line.startswith("piper")]
    if piper and piper[0][1] == "yes":
        assert "en_US-joe-medium" in piper[0][2]


def test_a_hint_to_copy_is_never_wrapped(cli, home):
    token = imported(cli, home, title="A title long enough that a console eighty columns wide would wrap it")
    said = cli("import", str(home / "in.json"), env=NARROW).stderr
    other = said.split()[0]
    assert f"(vidgen render {other})" in said.splitlines()[0] and other != token


def test_job_follow_in_a_pipe_prints_stamped_lines_and_jobs_lists_whole_ids(cli, home):
    assert cli("jobs").stdout == "" and "no jobs yet" in cli("jobs").stderr
    assert cli("jobs", "--limit", "-5").returncode == 2
    token = imported(cli, home)
    job = cli("render", token, "--detach", "--quality", "low", "--tts", "mock")
    assert job.returncode == 0, job.stderr
    job_id = job.stdout.strip()
    follow = cli("job", job_id, "--follow", env=NARROW)
    assert follow.returncode == 0, follow.stderr
    lines = [line.split("\t") for line in follow.stdout.splitlines()]
    # (how many stages it sees depends on when it attaches to a running job: at least the one it ends on)
    assert lines and lines[-1][1] == "completed"
    assert all(len(x[0]) == 19 and x[0][4] == "-" and x[0][10] == "T" for x in lines)  # a time stamp each
    assert len({(x[1], x[3], int(x[2].rstrip("%")) // 10) for x in lines}) == len(lines)  # a line per change
    listed = cli("jobs", env=NARROW).stdout.splitlines()
    assert listed[0].split("\t")[0] == job_id
    videos = cli("videos", env=NARROW).stdout.splitlines()
    data = cli.json("videos")
    assert videos[0].split("\t")[0] == data["videos"][0]["filename"]
    assert data["total"] == data["count"] == 1 and os.path.isabs(data["videos"][0]["path"])
    assert Path(data["videos"][0]["path"]).is_file()


def test_show_prints_what_was_written_and_math_as_read(cli, home):
    scene = {"seq": 1, "text": "Declare it as let a: [i32; 5] = [1, 2, 3, 4, 5]; and you are done.",
             "visual": {"elements": [{"id": "T", "kind": "text", "items": [{"label": "$\\checkmark$ done"}]}]}}
    token = imported(cli, home, scenes=[scene])
    shown = cli("show", token, env=NARROW).stdout
    assert "let a: [i32; 5] = [1, 2, 3, 4, 5];" in " ".join(shown.split())
    assert "✓ done" in shown and "\\checkmark" not in shown and "$" not in shown
    assert cli("show", token, "-v", "1").returncode == 2  # -v is not the script version
    assert cli("show", token, "--version", "1").returncode == 0


def test_help_summaries_are_whole_and_empty_topic_speaks_of_make(cli):
    help_text = " ".join(cli("--help", env=NARROW).stdout.split("Scripts:", 1)[1].split())
    assert "with each scene's picture in words." in help_text and "..." not in help_text
    made = cli("make", "")
    assert made.returncode == 2 and "vidgen script" not in made.stderr and "topic" in made.stderr


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_names_its_shell(cli, shell):
    import subprocess

    # started as a script or a container build would: no terminal, a new session, nothing to guess from
    proc = subprocess.run([sys.executable, "-m", "vidgen", "completion", shell], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, start_new_session=True, env={**os.environ, "SHELL": ""})
    assert proc.returncode == 0 and "_VIDGEN_COMPLETE" in proc.stdout
    assert cli("completion", "tcsh").returncode == 2


def test_storyboard_is_written_in_the_format_its_name_says(cli, home):
    token = imported(cli, home)
    for name, magic in (("b.png", b"\x89PNG"), ("b.jpg", b"\xff\xd8"), ("b.webp", b"RIFF")):
        out = cli.json("storyboard", token, "--out", str(home / name))
        assert Path(out["path"]).read_bytes()[:4].startswith(magic)


EDITOR = """import json, sys
path = sys.argv[-1]
count = int(open(sys.argv[1]).read() or 0) + 1
open(sys.argv[1], "w").write(str(count))
text = open(path).read()
mode = sys.argv[2]
if count == 1:   # the person's edit, with a typo
    open(path, "w").write(text.replace('"title": "', '"title": "Edited ', 1).rstrip().rstrip("}") + ",}")
elif mode == "fix":   # reopened: the message on top, the edit still there; fix the typo
    assert text.startswith("// error:") and "Edited " in text, text
    body = "".join(l for l in text.splitlines(True) if not l.startswith("//"))
    open(path, "w").write(body.rstrip().rstrip(",}").rstrip(",") + "}")
"""


def test_a_json_typo_reopens_the_editor_with_the_edit_kept(cli, home):
    token = imported(cli, home)
    editor, counter = home / "ed.py", home / "count"
    editor.write_text(EDITOR)
    counter.write_text("")
    proc = cli("edit", token, env={"EDITOR": f"{sys.executable} {editor} {counter} fix"})
    assert proc.returncode == 0, proc.stderr
    assert counter.read_text() == "2"
    assert cli.json("show", token)["script"]["title"].startswith("Edited ")
    # saved unchanged after the error: the person gives up, nothing is changed
    counter.write_text("")
    given_up = cli("edit", token, env={"EDITOR": f"{sys.executable} {editor} {counter} giveup"})
    assert given_up.returncode == 2 and "nothing was changed" in given_up.stderr
    assert cli.json("history", token)["versions"][-1]["version"] == 2


def test_without_editor_variables_the_system_editor_is_used(cli, home):
    token = imported(cli, home)
    bin_dir = home / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "editor"
    fake.write_text(f"#!{sys.executable}\nimport json,sys\np=sys.argv[-1]\nd=json.load(open(p))\n"
                    "d['title']='From editor'\njson.dump(d,open(p,'w'))\n")
    fake.chmod(0o755)
    env = {"EDITOR": "", "VISUAL": "", "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    proc = cli("edit", token, env=env)
    assert proc.returncode == 0, proc.stderr
    assert cli.json("show", token)["script"]["title"] == "From editor"
