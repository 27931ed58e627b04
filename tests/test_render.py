import json
import os
import signal
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.conftest import seed
from tests.media import audio_rms, check_video, frame_at, parse_vtt, probe, stored
from vidgen.errors import BadInput, NotConfigured, NotFound, StoreError

pytestmark = pytest.mark.slow  # full renders, decoded back


def test_thumbnail_and_storyboard_show_each_scenes_finished_picture(svc):
    token = stored(svc, "simple-algebra")
    result = svc.render(token, None, svc.render_options(quality="low", tts="mock"))
    folder = os.path.dirname(result["path"])
    finals = []
    for seq in range(1, 6):
        with Image.open(BytesIO(svc.scene_frame(token, seq, None, options=svc.render_options(quality="low")))) as img:
            finals.append(img.convert("RGB"))
    with Image.open(os.path.join(folder, result["thumbnail"])) as thumb:
        expected = np.asarray(finals[0].resize(thumb.size, Image.BILINEAR), dtype=int)
        assert np.abs(np.asarray(thumb.convert("RGB"), dtype=int) - expected).mean() < 6
    with Image.open(os.path.join(folder, result["storyboard"])) as board:
        rgb = np.asarray(board.convert("RGB"), dtype=int)
    tile_w, gap = 360, 12
    tile_h = int(tile_w * 480 / 854)
    for k, final in enumerate(finals):  # 3 columns of tiles, in scene order
        x, y = gap + (k % 3) * (tile_w + gap), gap + (k // 3) * (tile_h + gap)
        tile = rgb[y:y + tile_h, x:x + tile_w]
        assert np.abs(tile - np.asarray(final.resize((tile_w, tile_h), Image.BILINEAR), dtype=int)).mean() < 6, k
        if k:  # and each tile is its own scene's picture, not the first one's
            other = np.asarray(finals[0].resize((tile_w, tile_h), Image.BILINEAR), dtype=int)
            assert np.abs(tile - other).mean() > 2


def test_the_complex_number_script_draws_vectors(svc):
    """Its scenes are vectors on a plane: long strokes of colour, where a slide would only have text."""
    token = stored(svc, "complex-number-multiplication-a-visual-journey")
    doc = svc.get_script(token)
    for seq in (1, 3, 4):
        png = svc.scene_frame(token, seq, None, options=svc.render_options(quality="low"))
        with Image.open(BytesIO(png)) as img:
            rgb = np.asarray(img.convert("RGB"))
        rgb = rgb[int(rgb.shape[0] * 0.2):]  # below the title band (its underline and progress marks are accents)
        coloured = (rgb.max(axis=2).astype(int) - rgb.min(axis=2)) > 90
        rows = np.flatnonzero(coloured.any(axis=1))
        cols = np.flatnonzero(coloured.any(axis=0))
        # arrows from the origin span a real part of the plane, in both directions
        assert rows.size and np.ptp(rows) > 0.15 * rgb.shape[0], (seq, rows.size)
        assert cols.size and np.ptp(cols) > 0.1 * rgb.shape[1], (seq, cols.size)
    assert doc["script"]["scenes"][0].get("visual") is None  # derived at render time, not stored


def test_duration_follows_the_narration_and_captions_follow_the_sentences(svc):
    token = stored(svc)
    result = svc.render(token, None, svc.render_options(quality="low"))
    _, cues = check_video(result, 854, 480)
    texts = " ".join(c[2] for c in cues)
    assert "Welcome to our educational video about mathematics." in texts
    summary = json.loads(Path(result["archive"], "summary.json").read_text())
    assert summary["stages"]["pictures+encode"] > 0
    # the archive keeps the script and the summary, not the narration (unless --keep-audio)
    assert sorted(os.listdir(result["archive"])) == ["script.json", "summary.json"]
    assert json.loads(Path(result["archive"], "script.json").read_text()) == seed("test-topic")
    for side in ("thumbnail", "storyboard"):
        Image.open(os.path.join(os.path.dirname(result["path"]), result[side])).verify()


@pytest.mark.parametrize("aspect,quality,size", [("9:16", "low", (480, 854)), ("1:1", "low", (480, 480)),
                                                 ("16:9", "medium", (1280, 720))])
def test_sizes_per_aspect_and_quality_with_mock_voice_silent(svc, aspect, quality, size):
    token = stored(svc)
    result = svc.render(token, None, svc.render_options(quality=quality, aspect=aspect, tts="mock"))
    check_video(result, *size, silent=True)


def test_captions_are_burned_in_and_can_be_switched_off(svc):
    token = stored(svc)
    on = svc.render(token, None, svc.render_options(quality="low", tts="mock"))
    off = svc.render(token, None, svc.render_options(quality="low", tts="mock", captions=False),
                     out=svc.settings.renders / "nocap.mp4")
    t = parse_vtt(Path(on["path"][:-4] + ".vtt").read_text())[0][0] + 0.3
    a, b = frame_at(on["path"], t, 854, 480), frame_at(off["path"], t, 854, 480)
    band = slice(int(480 * 0.8), 480)
    assert np.abs(a[band].astype(int) - b[band].astype(int)).mean() > 5
    assert np.abs(a[:200].astype(int) - b[:200].astype(int)).mean() < 3


def test_music_is_mixed_under_the_voice(svc, home):
    sr = 44100
    tone = (np.sin(2 * np.pi * 330 * np.arange(sr * 3) / sr) * 12000).astype("<i2")
    import wave

    with wave.open(str(home / "music.wav"), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(sr), w.writeframes(tone.tobytes())
    token = stored(svc)
    result = svc.render(token, None, svc.render_options(quality="low", tts="mock", music=str(home / "music.wav")))
    assert audio_rms(result["path"]) > 0.01  # the mock voice is silent: what is heard is the looped music


def test_media_image_becomes_the_picture(svc, home):
    Image.new("RGB", (300, 200), (255, 0, 0)).save(home / "red.png")
    script = seed("test-topic")
    script["scenes"][0]["media"] = "red.png"
    script["scenes"][0]["layout"] = "split_screen"
    token = svc.store.create_script(script)
    result = svc.render(token, None, svc.render_options(quality="low", tts="mock", captions=False))
    frame = frame_at(result["path"], 0.5, 854, 480)
    right = frame[150:300, 600:760].reshape(-1, 3).mean(axis=0)
    assert right[0] > 150 and right[1] < 90 and right[2] < 90


def test_edit_one_scene_only_redoes_that_scene(svc):
    token = stored(svc, "simple-algebra")
    opts = svc.render_options(quality="low", tts="mock")
    first = svc.render(token, None, opts)
    assert first["scenes_cached"] == 0
    script = seed("simple-algebra")
    script["scenes"][2]["text"] = "A shorter third scene. Just two sentences."
    svc.edit(token, script)
    second = svc.render(token, None, opts)
    assert second["scenes_cached"] == 4
    assert second["video"] != first["video"]  # version 2 gets its own file
    assert abs(probe(second["path"])["duration"] - second["duration"]) <= 0.2
    listed = {v["filename"]: v["duration"] for v in svc.videos()}
    assert listed == {first["video"]: first["duration"], second["video"]: second["duration"]}


@pytest.mark.parametrize("flags,error,words", [
    ({"quality": "8k"}, BadInput, "unknown quality"),
    ({"aspect": "2:1"}, BadInput, "unknown aspect"),
    ({"tts": "robot"}, BadInput, "unknown voice provider"),
    ({"music": "missing.mp3"}, BadInput, "does not exist"),
    ({"music": 5}, BadInput, "must be text"),
    ({"voice": {"name": "x"}}, BadInput, "must be text"),
])
def test_bad_render_options(svc, flags, error, words):
    with pytest.raises(error) as err:
        svc.render_options(**flags)
    assert words in str(err.value)


def test_bad_render_inputs(svc, home):
    token = stored(svc)
    with pytest.raises(NotFound):
        svc.render("0123456789", None, svc.render_options(quality="low"))
    with pytest.raises(NotFound):
        svc.render(token, 7, svc.render_options(quality="low"))
    with pytest.raises(BadInput) as err:
        svc.render(token, None, svc.render_options(quality="low", voice="klingon"))
    assert "unknown voice" in str(err.value)
    (home / "fake.png").write_text("this is not a picture")
    script = seed("test-topic")
    script["scenes"][0]["media"] = "fake.png"
    bad = svc.store.create_script(script)
    with pytest.raises(BadInput) as err:
        svc.render(bad, None, svc.render_options(quality="low", tts="mock"))
    assert "not an image or video" in str(err.value)
    (home / "noise.mp3").write_bytes(os.urandom(4000))
    with pytest.raises(BadInput) as err:
        svc.render(token, None, svc.render_options(quality="low", tts="mock", music=str(home / "noise.mp3")))
    assert "not an audio file" in str(err.value)
    assert svc.videos() == []


def test_missing_espeak_says_how_to_install(svc, monkeypatch):
    import vidgen.voice.espeak as espeak

    monkeypatch.setattr(espeak, "_ENGINE", None)
    monkeypatch.setattr(espeak, "espeak_found", lambda: (False, "libespeak-ng not found"))
    with pytest.raises(NotConfigured) as err:  # espeak explicitly: English would default to Piper
        svc.render(stored(svc), None, svc.render_options(quality="low", tts="pyttsx3"))
    assert "apt-get install -y espeak-ng" in str(err.value) and "--tts gemini" in str(err.value)


def test_unwritable_renders_is_a_clear_error(svc, home):
    (home / "renders").write_text("a file where the folder should be")
    with pytest.raises(StoreError) as err:
        svc.render(stored(svc), None, svc.render_options(quality="low", tts="mock"))
    assert "renders" in str(err.value)


def test_render_killed_midway_leaves_nothing_that_looks_finished(cli, home):
    token = cli.json("script", "a long topic", "-n", "1")["tokens"][0]
    script = seed("basic-geometry-shapes")
    cli("edit", token, "--file", "-", input=json.dumps(script))
    env = {k: v for k, v in os.environ.items()}
    env.update({"VIDGEN_HOME": str(home), "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    # the render says when it is encoding segments, and waits there to be killed: no race with its speed
    proc = subprocess.Popen([sys.executable, "-m", "tests.crash_child", "render-held", "0", token], cwd=home, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    said = proc.stdout.readline()
    assert said == "encoding\n", proc.stderr.read()
    assert any((home / ".vidgen" / "cache" / "work").glob("*/seg-*.ts"))
    assert proc.poll() is None, "the render ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert cli.json("videos")["videos"] == []
    assert not [p for p in (home / "renders").iterdir() if p.suffix == ".mp4" and not p.name.startswith(".")]
    # the next render starts clean and finishes
    out = cli("render", token, "--quality", "low", "--tts", "mock", "--json")
    assert out.returncode == 0, out.stderr
    assert len(cli.json("videos")["videos"]) == 1


def test_cli_render_and_make(cli):
    out = cli.json("make", "how rainbows form", "--quality", "low", "--pick", "2")
    assert out["video"].endswith(".mp4") and os.path.exists(out["path"])
    assert out["scripts"][1]["token"] in out["video"]
    check_video(out, 854, 480)
    proc = cli("render", out["scripts"][0]["token"], "--quality", "8k")
    assert proc.returncode == 2 and "unknown quality" in proc.stderr
    proc = cli("render", "0123456789")
    assert proc.returncode == 2 and "no script" in proc.stderr
    proc = cli("render", out["scripts"][0]["token"], "--music", "none.mp3")
    assert proc.returncode == 2 and "does not exist" in proc.stderr
    board = cli.json("storyboard", out["scripts"][0]["token"])
    with Image.open(board["path"]) as img:
        assert img.size[0] > 600
    videos = cli.json("videos")["videos"]
    assert [v["filename"] for v in videos] == [out["video"]]
    # what make says to a person: the script, the other two to render, and how to get real content
    said = cli("make", "why the sky is blue", "--quality", "low", "--tts", "mock", env={"COLUMNS": "200"})
    assert said.returncode == 0 and said.stdout.strip().endswith(".mp4")
    assert said.stderr.count("also written:") == 2 and "vidgen render" in said.stderr
    assert "--from notes.md" in said.stderr and "GOOGLE_API_KEY" in said.stderr
    second = os.path.basename(said.stdout.strip())
    assert sorted(cli.json("archive", "--older-than", "0")["moved"]) == sorted([out["video"], second])
    assert cli.json("videos")["videos"] == []


def test_gemini_voice_through_the_real_client(home):
    from tests.fakes import FakeGemini
    from vidgen.config import Settings
    from vidgen.service import Vidgen

    with FakeGemini() as fake:
        fake.default = "audio"
        svc = Vidgen(Settings.load(env={"VIDGEN_HOME": str(home), "GOOGLE_API_KEY": "k",
                                        "VIDGEN_GEMINI_BASE_URL": fake.url, "TTS_VOICE_NAME": "Puck"}))
        token = svc.store.create_script(seed("test-topic"))
        result = svc.render(token, None, svc.render_options(quality="low", tts="gemini"))
    body = fake.requests[0]["body"]
    assert fake.requests[0]["path"].endswith("gemini-2.5-flash-preview-tts:generateContent")
    assert body["generationConfig"]["responseModalities"] == ["AUDIO"]
    assert "Puck" in json.dumps(body["generationConfig"]["speechConfig"])  # the SDK's own key casing
    assert len(fake.requests) == 2  # one request per sentence
    check_video(result, 854, 480)
    # the fake speaks 1.5 s per sentence: two scenes of one sentence each, plus pauses
    assert 3.0 + 2 * 0.9 <= result["duration"] <= 3.0 + 2 * 0.9 + 0.2


def test_gemini_voice_without_a_key_names_the_variable(svc):
    with pytest.raises(NotConfigured) as err:
        svc.render(stored(svc), None, svc.render_options(quality="low", tts="gemini"))
    assert "GOOGLE_API_KEY" in str(err.value)


def test_a_video_file_as_a_scene_picture(svc, home):
    from vidgen.render.encode import ffmpeg_exe

    clip = home / "magenta.mp4"  # a clip no picture of vidgen's own could be mistaken for
    subprocess.run([ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", "color=c=magenta:s=320x240:d=3:r=24",
                    "-pix_fmt", "yuv420p", str(clip)], check=True)
    script = seed("test-topic")
    script["scenes"][1]["media"] = str(clip)
    token = svc.store.create_script(script)
    result = svc.render(token, None, svc.render_options(quality="low", tts="mock"),
                        out=svc.settings.renders / "with-video.mp4")
    _, cues = check_video(result, 854, 480, silent=True)
    second = cues[-1][0] + 0.5  # the second scene is speaking: its picture is the clip, shaded under the text
    corner = frame_at(result["path"], second, 854, 480)[20:80, 700:840].reshape(-1, 3).mean(axis=0)
    r, g, b = corner
    assert r > g + 40 and b > g + 40, corner  # magenta shows through
    first = frame_at(result["path"], 1.0, 854, 480)[20:80, 700:840].reshape(-1, 3).mean(axis=0)
    assert not (first[0] > first[1] + 40 and first[2] > first[1] + 40), first  # the first scene is not the clip


def test_split_screen_panel_names_the_subject_not_the_stage_directions():
    from vidgen.draw.slides import panel_keywords

    keys = panel_keywords("Split screen. Animated drawing: a Triangle appears, then a triangle and a square "
                          "highlight as the narration mentions them.", "A square has four equal sides.")
    assert keys[0] == "square"  # said in the narration, so it comes first
    assert "Triangle" in keys and "triangle" not in keys  # one word once, whatever its case
    assert not {"Animated", "appears", "highlight", "narration", "screen"} & set(keys)
