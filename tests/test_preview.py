"""POST /api/preview/frame: a frame of a scene nobody has saved, checked as a save is, never stored."""

import io

from PIL import Image

SCENE = {"seq": 2, "text": "Heat flows from hot things to cold things. Metals carry heat well.",
         "visual": {"elements": [{"id": "B", "kind": "bullets",
                                  "items": [{"label": "Heat flows from hot to cold"},
                                            {"label": "Metals carry heat well"}]}],
                    "steps": [{"sentence": 1, "action": "show", "target": "B.1"}]}}


def _image(body: bytes) -> Image.Image:
    return Image.open(io.BytesIO(body)).convert("RGB")


async def test_preview_draws_the_unsaved_scene_at_its_size_and_stores_nothing(make_client, svc):
    client = await make_client()
    token = svc.store.create_script({"title": "Heat", "scenes": [SCENE]}, topic="heat")
    r = await client.post("/api/preview/frame", json={"scene": SCENE, "t": 1.0, "title": "Heat"})
    assert r.status == 200 and r.content_type == "image/png"
    assert _image(await r.read()).size == (1280, 720)
    r = await client.post("/api/preview/frame", json={"scene": SCENE, "aspect": "9:16", "quality": "low"})
    assert _image(await r.read()).size == (480, 854)
    # what is typed is what is drawn: other words, another picture (no visual: derived from them)
    frames = []
    for text in ("Water boils at one hundred degrees.", "Ice melts at zero degrees in the sun."):
        r = await client.post("/api/preview/frame", json={"scene": {"text": text}, "quality": "low"})
        assert r.status == 200
        frames.append(await r.read())
    assert _image(frames[0]).tobytes() != _image(frames[1]).tobytes()
    # drawn as the scene it is in its script: scene 2 of 3 carries the progress marks a render shows
    placed = await client.post("/api/preview/frame", json={"scene": SCENE, "index": 1, "total": 3})
    alone = await client.post("/api/preview/frame", json={"scene": SCENE})
    assert _image(await placed.read()).tobytes() != _image(await alone.read()).tobytes()
    # and the unsaved copy of a saved scene looks exactly as the saved one does
    saved = await client.get(f"/api/script/{token}/scenes/2/frame?t=1.5")
    same = await client.post("/api/preview/frame", json={"scene": SCENE, "title": "Heat", "t": 1.5})
    assert _image(await saved.read()).tobytes() == _image(await same.read()).tobytes()
    assert [v["version"] for v in svc.store.versions(token)] == [1]
    assert [s["token"] for s in svc.list_scripts()] == [token]


async def test_preview_of_a_scene_that_would_not_save_is_a_400_naming_the_field(make_client, svc):
    client = await make_client()
    cases = [
        ({"scene": {"text": ""}}, "narration is empty"),
        ({"scene": {**SCENE, "visual": {"elements": [{"id": "B", "kind": "bars", "items": [{"label": "x"}]}]}}},
         "element 1 (B) item 1: a bar needs a value"),
        ({"scene": {**SCENE, "visual": {"elements": [{"id": "I", "kind": "image",
                                                      "items": [{"label": "/etc/passwd"}]}]}}},
         "not a file this server has"),
        ({"scene": {**SCENE, "duration_sec": "long"}}, "duration_sec"),
        ({"scene": SCENE, "t": -1}, "t must be"),
        ({"scene": SCENE, "t": "soon"}, "t must be"),
        ({"scene": SCENE, "quality": "4k"}, "preview"),
        ({"scene": SCENE, "aspect": "2:1"}, "aspect"),
        ({"text": "no scene"}, "scene"),
        ({"scene": SCENE, "title": 5}, "title"),
        ({"scene": SCENE, "index": 3, "total": 3}, "index and total"),
        ({"scene": SCENE, "index": "1", "total": 3}, "index and total"),
    ]
    for body, words in cases:
        r = await client.post("/api/preview/frame", json=body)
        assert r.status == 400, (body, r.status)
        detail = (await r.json())["detail"]
        assert words in detail, (words, detail)
        assert "Traceback" not in detail
    r = await client.post("/api/preview/frame", data=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status == 400
    assert svc.list_scripts() == []


async def test_previews_have_their_own_rate_limit_per_client(make_client):
    client = await make_client(preview_rate_limit=2, rate_limit=1)
    for _ in range(2):
        assert (await client.post("/api/preview/frame", json={"scene": SCENE, "quality": "low"})).status == 200
    r = await client.post("/api/preview/frame", json={"scene": SCENE, "quality": "low"})
    assert r.status == 429 and "previews" in (await r.json())["detail"]
    assert int(r.headers["Retry-After"]) >= 1
