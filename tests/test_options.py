"""Render options: one model, validated once at each edge, made into the CLI's flags, the HTTP schema,
the studio's menus, the job record and the file-name variant."""

import pytest
from pydantic import ValidationError

from tests.conftest import seed
from vidgen.errors import BadInput, NotConfigured
from vidgen.jobs import JobService
from vidgen.render.presets import ASPECTS, QUALITIES, CheckedOptions, RenderOptions


@pytest.mark.parametrize("config, variant", [
    ({}, ""),
    ({"aspect": "9:16", "quality": "high"}, "-9x16-high"),
    ({"quality": "low", "tts": "espeak"}, "-low-pyttsx3"),
    ({"voice": "/voices/en_GB-alba-medium.onnx", "rate": "1.2"}, "-en-gb-alba-mediu-r1_2"),
    ({"captions": "false", "rate": 1}, "-nocaptions"),
    ({"captions": "off"}, "-nocaptions"),
    ({"captions": "karaoke", "quality": "high"}, "-high-karaoke"),
    ({"captions": True}, ""),   # the default style keeps the names videos had when captions were a yes/no
    ({"captions": "line"}, ""),
    ({"language": "de", "music": "song.mp3"}, ""),  # renders in another language or with music replace each other
])
def test_the_file_name_variant_comes_from_the_fields(config, variant):
    assert RenderOptions.from_config(config).variant() == variant


def test_old_clients_shapes_are_one_model():
    base = RenderOptions.from_config({"quality": "low", "tts_provider": "mock", "rate": "0.8", "captions": "False",
                                      "enable_parallel": True, "voice": "", "language": None})
    assert base.record() == {"aspect": "16:9", "quality": "low", "tts": "mock", "voice": None, "language": "en",
                             "music": None, "rate": 0.8, "captions": "off", "keep_audio": False}
    assert RenderOptions.from_config({"tts": "mock", "tts_provider": "gemini"}).tts == "mock"  # tts wins
    for old, style in (("true", "line"), ("yes", "line"), ("on", "line"), (True, "line"), (False, "off"),
                       ("no", "off"), ("OFF", "off"), ("Karaoke", "karaoke"), ("line", "line")):
        assert RenderOptions.from_config({"captions": old}).captions == style, old
    assert RenderOptions.from_config(base.record()) == base  # a job's record loads back as it was
    with pytest.raises(ValidationError, match="frozen"):  # frozen: what was validated reaches the encoder unchanged
        base.quality = "high"  # type: ignore[misc]
    for bad, says in (({"captions": "maybe"}, "unknown captions style 'maybe'.*line, karaoke, off"),
                      ({"captions": 3}, "unknown captions style int"), ({"quality": 4}, "must be text"),
                      ({"aspect": "4:3"}, "unknown aspect"), ({"rate": 9}, "out of range"), ("x", "JSON object")):
        with pytest.raises(BadInput, match=says):
            RenderOptions.from_config(bad)


def test_cli_flags_and_studio_menus_are_made_from_the_fields():
    from vidgen.cli.options import render_flags
    from vidgen.render.presets import options_schema

    flags = {p.name: p for p in render_flags()}
    assert [f for f in flags if f != "no_captions"] == list(RenderOptions.model_fields)
    assert flags["quality"].default == "medium" and "-q" in flags["quality"].opts
    assert flags["captions"].opts == ["--captions"] and flags["no_captions"].opts == ["--no-captions"]
    schema = options_schema()["properties"]
    assert schema["quality"]["enum"] == list(QUALITIES) and schema["aspect"]["enum"] == list(ASPECTS)
    assert schema["quality"]["x-labels"]["low"] == "Low (480p)" and schema["aspect"]["default"] == "16:9"
    assert (schema["rate"]["minimum"], schema["rate"]["maximum"], schema["captions"]["default"]) == (0.5, 2.0, "line")
    assert schema["captions"]["enum"] == ["line", "karaoke", "off"] and "karaoke" in schema["captions"]["x-labels"]


def test_this_machine_is_asked_once(svc, monkeypatch):
    calls = []
    check = RenderOptions.check_here

    def counted(self, settings):
        calls.append(self)
        return check(self, settings)

    monkeypatch.setattr(RenderOptions, "check_here", counted)
    options = svc.render_options(quality="low", tts="mock")
    assert isinstance(options, CheckedOptions) and len(calls) == 1
    token = svc.store.create_script(seed("test-topic"))
    job = JobService(svc).submit(token, None, options)
    assert len(calls) == 1  # the job service takes options the edge checked as they are
    assert job["config"] == options.record() == svc.store.get_job(job["job_id"])["config"]
    JobService(svc).submit(token, None, RenderOptions.from_config({"tts": "mock"}))
    assert len(calls) == 2  # options nobody checked are checked by the job service


def test_a_voice_that_cannot_speak_here_is_refused_when_asked_for(svc):
    with pytest.raises(NotConfigured, match="GOOGLE_API_KEY"):
        svc.render_options(tts="gemini")


async def test_http_takes_every_shape_and_refuses_gemini_without_a_key_at_submit(make_client, svc):
    client = await make_client(run_jobs=False)
    token = svc.store.create_script(seed("test-topic"))
    r = await client.post(f"/api/generate/{token}", json={"quality": "low", "tts_provider": "gemini"})
    body = await r.json()
    assert r.status == 400 and "GOOGLE_API_KEY" in body["detail"]
    r = await client.post(f"/confirm_script/{token}", json={"chatID": "c", "config": {"tts": "gemini"}})
    assert r.status == 400 and "GOOGLE_API_KEY" in (await r.json())["error"]
    assert svc.store.list_jobs() == []
    r = await client.post(f"/api/generate/{token}", json={"quality": "low", "tts": "mock", "captions": "false"})
    job = svc.store.get_job((await r.json())["job_id"])
    assert job["config"]["tts"] == "mock" and job["config"]["captions"] == "off"  # a top-level tts is taken
    r = await client.post(f"/confirm_script/{token}", json={"quality": "high", "config": {"quality": "low",
                                                                                         "tts_provider": "mock"}})
    assert svc.store.get_job((await r.json())["job_id"])["config"]["quality"] == "low"  # config wins
    options = await (await client.get("/api/options")).json()
    doc = await (await client.get("/openapi.json")).json()
    assert set(options["properties"]) <= set(doc["components"]["schemas"]["RenderConfig"]["properties"])
