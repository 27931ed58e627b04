"""The segment encoder, with real ffmpeg: frames are sent once per hold and repeated exactly."""

from __future__ import annotations

import subprocess

import numpy as np

from vidgen.draw.captioned import FramePump, frame_buffer
from vidgen.render.encode import SegmentEncoder, ffmpeg_exe

W, H, FPS = 64, 36, 30


def decoded_levels(path) -> list[int]:
    """The luma level of each frame of a segment (each test frame is one flat grey)."""
    # a segment this small is guessed to be MPEG-PS unless its format is named
    raw = subprocess.run([ffmpeg_exe(), "-v", "error", "-f", "mpegts", "-i", str(path),
                          "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "gray", "-"],
                         capture_output=True, check=True).stdout
    frames = np.frombuffer(raw, np.uint8).reshape(-1, H, W)
    return [int(round(float(f.mean()))) for f in frames]


def test_a_frame_sent_once_lasts_until_the_next_and_each_segment_keeps_its_frame_count(tmp_path):
    counts = [10, 7, 2, 5]
    # stream index -> grey level: the first and last frame of each segment, and changes in between
    sent = {0: 40, 4: 60, 9: 80, 10: 100, 16: 120, 17: 140, 18: 150, 19: 160, 21: 170, 23: 180}
    paths = [tmp_path / f"s{k}.ts" for k in range(len(counts))]
    enc = SegmentEncoder(W, H, FPS, 18, tmp_path)
    # two runs of two segments: a cut inside a run and one between runs
    enc.add([(paths[0], counts[0]), (paths[1], counts[1])])
    enc.add([(paths[2], counts[2]), (paths[3], counts[3])])
    pump = FramePump(enc.write, W, H)
    for index, level in sent.items():
        buf, planes = pump.next()
        planes.y[...], planes.u[...], planes.v[...] = level, 128, 128
        pump.push((buf, planes), index)
    pump.close()
    enc.close()
    want, level = [], 0
    for index in range(sum(counts)):
        level = sent.get(index, level)
        want.append(level)
    got: list[int] = []
    for path, count in zip(paths, counts, strict=True):
        levels = decoded_levels(path)
        assert len(levels) == count, path.name
        got += levels
    # tv-range grey decoded to full range: compare through the same mapping, within x264's rounding
    assert np.abs(np.array(got) - np.round((np.array(want) - 16) * 255 / 219)).max() <= 2, (got, want)


def test_a_frame_buffer_is_one_i420_picture():
    buf, planes = frame_buffer(W, H)
    assert len(buf) == W * H * 3 // 2 and planes.y.shape == (H, W) and planes.u.shape == (H // 2, W // 2)


def test_a_segment_longer_than_x264s_keyframe_interval_stays_one_file(tmp_path):
    """x264 puts a keyframe of its own every 250 frames: a run of one segment is not split there."""
    enc = SegmentEncoder(W, H, FPS, 18, tmp_path)
    path = tmp_path / "long.ts"
    enc.add([(path, 400)])
    pump = FramePump(enc.write, W, H)
    for index, level in ((0, 60), (399, 120)):
        buf, planes = pump.next()
        planes.y[...], planes.u[...], planes.v[...] = level, 128, 128
        pump.push((buf, planes), index)
    pump.close()
    enc.close()
    assert len(decoded_levels(path)) == 400
    assert sorted(p.name for p in tmp_path.glob("*.ts")) == ["long.ts"]
