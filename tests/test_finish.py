"""What a finished render carries besides its pictures: music by mood, chapters, a first frame worth a
poster, a thumbnail of its fullest picture, and an archive that stays small. One render, read back."""

import json
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest

from tests.media import frame_at, stored
from vidgen.render.encode import ffmpeg_exe

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    import os

    home = tmp_path_factory.mktemp("home")
    old = os.environ.get("VIDGEN_HOME")
    os.environ["VIDGEN_HOME"] = str(home)
    try:
        from vidgen.service import Vidgen

        svc = Vidgen()
        token = stored(svc, "simple-algebra")
        opts = svc.render_options(quality="low", tts="pyttsx3", music="mood:auto")
        result = svc.render(token, None, opts)
        yield svc, token, result
    finally:
        if old is None:
            os.environ.pop("VIDGEN_HOME", None)
        else:
            os.environ["VIDGEN_HOME"] = old


def pcm(path: Path, rate: int = 16000) -> np.ndarray:
    raw = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(path), "-vn", "-ac", "1", "-ar", str(rate),
                          "-f", "s16le", "-"], capture_output=True, check=True).stdout
    return np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768


def test_mood_music_plays_under_the_whole_video_and_fades_out(rendered):
    svc, _, result = rendered
    summary = json.loads((Path(result["archive"]) / "summary.json").read_text())
    music = summary["music"]
    assert music["mood"] == "calm" and music["licence"].startswith("MIT") and "immich-memories-music" in music["source"]
    assert abs(result["loudness_lufs"] + 16) <= 1.0
    samples = pcm(Path(result["path"]))
    rate = 16000
    # between two scenes nobody speaks, but the music goes on: no stretch of 0.3 s is silent
    window = int(0.3 * rate)
    body = samples[rate: -2 * rate]
    rms = np.sqrt(np.convolve(body ** 2, np.ones(window) / window, mode="valid"))
    assert rms.min() > 10 ** (-60 / 20)
    # the end fades: the last 0.1 s is much quieter than a second before it
    tail = np.sqrt(np.mean(samples[-int(0.1 * rate):] ** 2))
    before = np.sqrt(np.mean(samples[-int(2.5 * rate):-int(1.5 * rate)] ** 2))
    assert tail < before * 0.3


def test_chapters_one_per_scene_in_the_mp4_and_beside_it(rendered):
    _, _, result = rendered
    meta = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", result["path"], "-f", "ffmetadata", "-"],
                          capture_output=True, text=True, check=True).stdout
    lines = [line for block in meta.split("[CHAPTER]")[1:] for line in block.splitlines()]
    titles = [re.sub(r"\\(.)", r"\1", line[len("title="):]) for line in lines if line.startswith("title=")]
    assert len(titles) == result["scenes"] == 5
    lines = (Path(result["path"]).parent / result["chapters"]).read_text().splitlines()
    assert [line.split(" ", 1)[1] for line in lines] == titles
    assert lines[0].startswith("00:00 ") and all(len(line.split(" ", 1)[0]) == 5 for line in lines)
    stamps = [int(line[:2]) * 60 + int(line[3:5]) for line in lines]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


def test_the_first_frame_shows_the_first_scenes_picture(rendered):
    _, _, result = rendered
    first = frame_at(result["path"], 0.0, result["width"], result["height"]).astype(np.int16)
    # below the title: more than the background gradient (whose rows are each one colour)
    body = first[int(result["height"] * 0.2): int(result["height"] * 0.7)]
    spread = np.abs(body - body.mean(axis=1, keepdims=True)).max(axis=2)
    assert (spread > 60).mean() > 0.005


def test_the_thumbnail_is_the_fullest_picture_and_the_archive_stays_small(rendered):
    from PIL import Image

    from vidgen.render.pipeline import densest

    svc, token, result = rendered
    folder = Path(result["path"]).parent
    with Image.open(folder / result["storyboard"]) as board:
        assert board.size[0] > 0
    with Image.open(folder / result["thumbnail"]) as thumb:
        assert thumb.size[0] > 0
    archive = Path(result["archive"])
    size = sum(p.stat().st_size for p in archive.rglob("*") if p.is_file())
    assert size <= 0.10 * result["size"], (size, result["size"])
    assert not (archive / "audio").exists()
    # the chooser prefers a tile with more drawn in it
    plain = Image.new("RGB", (160, 90), (20, 30, 40))
    busy = plain.copy()
    for x in range(10, 150, 6):
        busy.paste((240, 240, 240), (x, 20, x + 2, 70))
    assert densest([plain, busy, plain]) == 1


def test_keep_audio_keeps_flac_and_prune_audio_removes_it(rendered):
    svc, token, _ = rendered
    kept = svc.render(token, None, svc.render_options(quality="low", tts="pyttsx3", keep_audio=True))
    flacs = sorted((Path(kept["archive"]) / "audio").glob("*.flac"))
    assert len(flacs) == 5 and all(f.read_bytes()[:4] == b"fLaC" for f in flacs)
    freed = svc.prune_archive_audio()
    assert freed > 0
    assert not (Path(kept["archive"]) / "audio").exists()
    assert (Path(kept["archive"]) / "summary.json").exists() and (Path(kept["archive"]) / "script.json").exists()


@pytest.mark.parametrize("music, said", [("mood:sad", "unknown mood"), ("mood:", "needs a mood"),
                                         ("MOOD:", "needs a mood")])
def test_bad_moods_are_refused_with_the_choices(svc, music, said):
    from vidgen.errors import BadInput

    with pytest.raises(BadInput) as err:
        svc.render_options(music=music)
    assert said in str(err.value) and "mood:calm" in err.value.fix


def test_a_mood_over_http_is_not_a_file(svc):
    opts = svc.render_options({"music": "mood:tender"}, from_http=True)
    assert opts.music == "mood:tender"
