"""Caption styles: where cues and lines are cut, short cues merged, karaoke's highlight read back from a
rendered video frame by frame, and `--captions` / `config.captions` refused with the valid styles."""

import json
import subprocess
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from tests.conftest import seed
from tests.media import parse_vtt
from vidgen.draw.cues import BOUND_WORDS, SHORTEST, layout, make_cues
from vidgen.draw.theme import Theme
from vidgen.render.encode import ffmpeg_exe
from vidgen.script.words import Word
from vidgen.store.names import sidecar

NARRATION = [
    ("Light from the sun looks white, but it is a mixture of every colour, and you can see it for yourself.", 5.2),
    ("Use.", 0.22),
    ("When sunlight enters a raindrop, it slows down and bends, because water is denser than air.", 4.6),
    ("Form.", 0.27),
    ("Each colour bends by a slightly different amount, so the colours spread apart.", 3.9),
]


def sentences(narration=NARRATION, gap: float = 0.25):
    """Sentences as the plan gives them, each word timed by its share of characters (as a voice would)."""
    out, t = [], 0.35
    for text, seconds in narration:
        words, total, done = [], sum(len(w) + 1 for w in text.split()), 0
        for w in text.split():
            a = seconds * done / total
            done += len(w) + 1
            words.append(Word(w, w, a, seconds * done / total - 0.02))
        out.append(SimpleNamespace(text=text, start=t, duration=seconds, words=words))
        t += seconds + gap
    return out, t


@pytest.mark.parametrize("style", ["line", "karaoke"])
@pytest.mark.parametrize("size", [(1280, 720), (720, 1280), (720, 720)])
def test_no_cue_is_too_short_to_read_and_lines_break_where_a_reader_pauses(style, size):
    theme = Theme.for_script("Rainbows", *size)
    said, end = sentences()
    cues = make_cues(said, 0.0, theme, style, end + 0.55)
    # every word once, in order; no cue under 0.8 s ("Use." and "Form." joined a neighbour)
    assert " ".join(" ".join(c.lines) for c in cues) == " ".join(t for t, _ in NARRATION)
    assert all(c.end - c.start >= SHORTEST for c in cues), [(c.lines, c.end - c.start) for c in cues]
    assert all(a.end <= b.start + 1e-9 for a, b in zip(cues, cues[1:], strict=False))
    look = layout(theme, style)
    for c in cues:
        assert len(c.lines) <= look.max_lines + 1  # one more only where a short cue was merged in
        assert len(c.times) == len(c.marks) == len(" ".join(c.lines).split())
        # no line is left hanging on "the", "of", "and", ... (each such cut had a better place)
        assert not any(line.split()[-1].lower() in BOUND_WORDS for line in c.lines), c.lines
    if style == "karaoke" and not theme.stacked:
        assert sum(len(c.lines) == 1 for c in cues) >= len(cues) - 2   # one line at 16:9
    # the clause ends are used: most cues end at a comma or a sentence's end
    ends = [c.lines[-1][-1] for c in cues]
    assert sum(e in ",.;" for e in ends) >= len(ends) * 0.75, [c.lines for c in cues]


def test_a_narration_shorter_than_a_readable_cue_is_one_cue():
    theme = Theme.for_script("Short", 1280, 720)
    said, end = sentences([("Yes.", 0.3), ("No.", 0.25)])
    cues = make_cues(said, 0.0, theme, "karaoke", end + 0.55)
    assert len(cues) == 1 and cues[0].lines == ["Yes. No."]


def decode(path: Path, width: int, height: int, seconds: float) -> np.ndarray:
    raw = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(path), "-t", f"{seconds:.3f}", "-f", "rawvideo",
                          "-pix_fmt", "rgb24", "-"], capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(-1, height, width, 3)


def lit_box(frame: np.ndarray, theme: Theme) -> tuple[float, float] | None:
    """Where the accent-coloured box of the highlighted word is in the caption band: (left, right) x."""
    accent = np.array([int(c * 255) for c in theme.highlight])
    band = frame[theme.caption_top:].astype(int)
    near = np.abs(band - accent).sum(axis=2) < 60
    cols = np.flatnonzero(near.sum(axis=0) >= 4)
    return (float(cols[0]), float(cols[-1])) if cols.size >= 8 else None


@pytest.mark.slow
def test_karaoke_render_highlights_each_word_in_step_with_the_voice(svc):
    """Decoded back: inside one phrase the frames differ only in the caption band, the lit box moves right
    word by word, and each move is within a frame of the word's start in words.json."""
    text = ("Light from the sun looks white, but it is a mixture of every colour. "
            "A rainbow is the same effect, made by millions of falling raindrops.")
    script = {"title": "Karaoke", "scenes": [{"seq": 1, "text": text, "visual": {
        "title": "Sunlight is every colour", "elements": [{"id": "L", "kind": "bullets", "items": [
            {"label": "Sunlight"}, {"label": "Raindrops"}, {"label": "A band of colours"}]}]}}]}
    token = svc.store.create_script(script)
    result = svc.render(token, None, svc.render_options(quality="low", tts="pyttsx3", captions="karaoke"))
    assert result["captions_style"] == "karaoke" and result["video"].endswith("-pyttsx3-karaoke.mp4")
    path, fps, (W, H) = Path(result["path"]), result["fps"], (result["width"], result["height"])
    theme = Theme.for_script("Karaoke", W, H)
    cues = parse_vtt(sidecar(path, "captions_vtt").read_text(encoding="utf-8"))
    words = json.loads(sidecar(path, "words").read_text(encoding="utf-8"))
    start, end, phrase = cues[0]
    assert phrase == "Light from the sun looks white,"   # one line, cut at the comma
    frames = decode(path, W, H, end + 0.2)
    inside = [i for i in range(len(frames)) if start + 0.05 < i / fps < end - 0.05]
    boxes = {i: lit_box(frames[i], theme) for i in inside}
    lit = [i for i in inside if boxes[i] is not None]
    assert len(lit) > 0.8 * len(inside)
    # the box moves right, word by word: one move per word after the first
    moves = [i for a, i in zip(lit, lit[1:], strict=False) if boxes[i] != boxes[a]]
    assert all(boxes[i][0] > boxes[a][0] for a, i in zip(lit, lit[1:], strict=False) if i in moves)
    mine = [w for w in words if start - 1e-3 <= w["start"] < end]
    assert [w["word"] for w in mine] == phrase.split()
    assert len(moves) == len(mine) - 1, (moves, [w["start"] for w in mine])
    for i, w in zip(moves, mine[1:], strict=True):   # in step with the voice: within one frame
        assert abs(i / fps - w["start"]) <= 1 / fps, (i / fps, w)
    # two frames of the phrase with different words lit: the picture above the band is the same
    a, b = moves[0] - 1, moves[-1]
    above = slice(0, theme.caption_top - 4)
    diff = np.abs(frames[a].astype(int) - frames[b].astype(int))
    assert diff[above].mean() < 0.5 and np.percentile(diff[above], 99.9) < 24, diff[above].max()
    assert diff[theme.caption_top:].mean() > 2
    listed = next(v for v in svc.videos() if v["name"] == result["video"])
    assert listed["captions_style"] == "karaoke"


def test_a_bad_captions_style_is_refused_with_the_valid_ones(svc, cli):
    token = svc.store.create_script(seed("test-topic"))
    proc = cli("render", token, "--captions", "fancy", "--tts", "mock")
    assert proc.returncode == 2 and "unknown captions style 'fancy'" in proc.stderr
    assert "line, karaoke, off" in proc.stderr
    assert cli("render", token, "--no-captions", "--captions", "karaoke").returncode == 2
    assert svc.store.list_jobs() == [] and not list(svc.settings.renders.glob("*.mp4"))


async def test_http_refuses_an_unknown_style_and_takes_old_yes_no(make_client, svc):
    client = await make_client(run_jobs=False)
    token = svc.store.create_script(seed("test-topic"))
    r = await client.post(f"/api/generate/{token}", json={"tts": "mock", "captions": "fancy"})
    assert r.status == 400 and "line, karaoke, off" in (await r.json())["detail"]
    r = await client.post(f"/confirm_script/{token}", json={"chatID": "c", "config": {"captions": "subtitles"}})
    body = await r.json()
    assert r.status == 400 and body["success"] is False and "line, karaoke, off" in body["error"]
    assert svc.store.list_jobs() == []
    for old, style in ((False, "off"), (True, "line"), ("karaoke", "karaoke")):
        r = await client.post(f"/api/generate/{token}", json={"tts": "mock", "captions": old})
        assert r.status == 200, await r.text()
        assert svc.store.get_job((await r.json())["job_id"])["config"]["captions"] == style


@pytest.mark.parametrize("W, H", [(854, 480), (480, 854), (480, 480)])
def test_a_word_change_redraws_only_the_caption_band(tmp_path, W, H):
    """Frame by frame, without the encoder: frames of one key are identical, and when only the lit word
    changes, every pixel that changes lies in the caption panel. A contact sheet of the frames where the
    word changes goes to test-artifacts/captions/ for people to look at."""
    from vidgen.draw.captioned import Captioned, frame_buffer
    from vidgen.draw.pictures import SceneTiming, scene_picture
    from vidgen.script.model import Scene

    fps = 24
    theme = Theme.for_script("Karaoke", W, H)
    said, end = sentences(NARRATION[:1])
    scene = Scene.model_validate({"seq": 1, "text": NARRATION[0][0], "visual": {"title": "Light", "elements": [
        {"id": "L", "kind": "bullets", "items": [{"label": "Sunlight"}, {"label": "Every colour"}]}]}})
    frames = int((end + 0.55) * fps)
    timing = SceneTiming([(s.text, s.start, s.duration) for s in said], frames, fps)
    picture = scene_picture(scene, 0, 1, "Karaoke", theme, timing, None, tmp_path).source()
    cues = make_cues(said, 0.0, theme, "karaoke", frames / fps)
    source = Captioned(picture, cues, theme, fps, "karaoke")
    _, out = frame_buffer(W, H)
    _, before = frame_buffer(W, H)
    word_changes, sheet = 0, []
    for i in range(frames):
        source.render(i, out)
        if i and source.still(i) is not None and source.still(i - 1) is not None:
            (pic_a, cue_a, word_a), (pic_b, cue_b, word_b) = source.still(i - 1), source.still(i)
            changed = np.argwhere(out.y != before.y)
            if (pic_a, cue_a, word_a) == (pic_b, cue_b, word_b):
                assert changed.size == 0, f"frame {i} differs from frame {i - 1} under the same key"
            elif pic_a == pic_b and cue_a == cue_b:
                word_changes += 1
                assert changed.size and changed[:, 0].min() >= theme.caption_top, (i, changed[:, 0].min())
                sheet.append(planes_to_rgb(out))
        before.y[...], before.u[...], before.v[...] = out.y, out.u, out.v
    assert word_changes >= len(NARRATION[0][0].split()) // 2
    save_sheet(sheet, theme, ARTIFACTS / f"karaoke-{W}x{H}.png")


ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "captions"


def planes_to_rgb(p) -> np.ndarray:
    """BT.709 limited range back to RGB (as a player shows the frame), chroma upsampled by repetition."""
    y = (p.y.astype(np.float32) - 16) * (255 / 219)
    u = (np.repeat(np.repeat(p.u, 2, 0), 2, 1).astype(np.float32) - 128) * (255 / 224)
    v = (np.repeat(np.repeat(p.v, 2, 0), 2, 1).astype(np.float32) - 128) * (255 / 224)
    rgb = np.stack([y + 1.5748 * v, y - 0.1873 * u - 0.4681 * v, y + 1.8556 * u], axis=2)
    return np.clip(rgb, 0, 255).astype(np.uint8)


def save_sheet(frames: list[np.ndarray], theme: Theme, path: Path) -> None:
    """The first frame whole, then the caption band of each later one, stacked."""
    from PIL import Image

    band = [f[theme.caption_top:] for f in frames[1:9]]
    sheet = np.concatenate([frames[0], *band], axis=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(sheet).save(path)
