"""`GET /api/music/preview?mood=` (issue 22, item 4): a few seconds of a mood's bundled music, to hear
in the studio before choosing it; read back with ffmpeg."""

from __future__ import annotations

import subprocess

from vidgen.render.encode import ffmpeg_exe
from vidgen.render.music import MOODS


def seconds_of(sound: bytes, tmp_path) -> float:
    path = tmp_path / "preview.ogg"
    path.write_bytes(sound)
    out = subprocess.run([ffmpeg_exe(), "-nostdin", "-i", str(path), "-f", "null", "-"], capture_output=True,
                         text=True).stderr
    stamp = out.rsplit("time=", 1)[1].split()[0]
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


async def test_each_mood_has_a_short_preview_and_anything_else_is_a_400(make_client, tmp_path):
    client = await make_client()
    for mood in MOODS[:2]:
        r = await client.get("/api/music/preview", params={"mood": mood})
        assert r.status == 200 and r.headers["Content-Type"] == "audio/ogg"
        sound = await r.read()
        assert sound[:4] == b"OggS" and 6 <= seconds_of(sound, tmp_path) <= 9
    for bad in ({"mood": "sad"}, {}, {"mood": "../calm"}):
        r = await client.get("/api/music/preview", params=bad)
        assert r.status == 400
        assert "calm" in (await r.json())["detail"]
