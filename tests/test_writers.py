import asyncio

import pytest

from tests.fakes import COMPLEX, GOOD, FakeGemini, FakeOpenAI
from vidgen.config import Settings
from vidgen.errors import BadInput, NotConfigured, ProviderError
from vidgen.script.model import parse_script
from vidgen.writers import get_writer, names


def test_registry_lists_builtins():
    assert {"offline", "gemini", "openai"} <= set(names())
    with pytest.raises(BadInput):
        get_writer("nope", Settings.load(env={}))


def test_offline_writes_three_genuinely_different_scripts():
    w = get_writer("offline", Settings.load(env={}))
    scripts = [asyncio.run(w.write("how rainbows form", i)) for i in range(3)]
    titles = {s["title"] for s in scripts}
    assert len(titles) == 3
    for s in scripts:
        parsed = parse_script(s)
        assert 4 <= len(parsed.scenes) <= 6
        assert all(sc.anim and sc.layout for sc in parsed.scenes)
        assert "how rainbows form" in " ".join(sc.text for sc in parsed.scenes).lower()
    narrations = [" ".join(sc["text"] for sc in s["scenes"]) for s in scripts]
    assert len(set(narrations)) == 3
    # deterministic
    assert asyncio.run(w.write("how rainbows form", 0)) == scripts[0]


def test_offline_from_document_uses_its_own_sentences():
    doc = ("# Volcanoes\n\nVolcanoes form where magma reaches the surface of the Earth. "
           "Magma is molten rock that collects in chambers beneath the crust. "
           "When pressure in the chamber builds, magma rises through cracks in the crust. "
           "An eruption releases lava, ash and gas into the air.\n\n"
           "Some volcanoes erupt explosively because their magma is thick and traps gas. "
           "Others erupt gently, with runny lava that flows for kilometres. "
           "Scientists watch volcanoes with seismometers and satellites to warn people early. "
           "Volcanic soil is very fertile, which is why farms often grow near volcanoes.")
    w = get_writer("offline", Settings.load(env={}))
    script = asyncio.run(w.write("volcanoes", 0, source=doc))
    parse_script(script)
    narration = " ".join(s["text"] for s in script["scenes"])
    assert "magma" in narration.lower()
    for s in script["scenes"]:
        for sentence in s["text"].split(". "):
            assert sentence.rstrip(".") in doc
    assert len(script["scenes"]) == 2  # one per paragraph, in order (the notes' shape, not a fixed count)
    assert script["scenes"][1]["text"].startswith("Some volcanoes erupt explosively")


def gemini_settings(url, **extra):
    return Settings.load(env={"GOOGLE_API_KEY": "test-key", "VIDGEN_GEMINI_BASE_URL": url,
                              "VIDGEN_LLM_TIMEOUT": "2", **extra})


def test_gemini_writer_through_the_real_client():
    with FakeGemini() as fake:
        w = get_writer("gemini", gemini_settings(fake.url))
        script = asyncio.run(w.write("rainbows", 0))
    assert script == parse_script(GOOD).dump()  # valid visuals come back exactly as the model wrote them
    assert script.notes == []
    req = fake.requests[0]
    assert req["path"].endswith("models/gemini-2.5-flash:generateContent")
    assert req["headers"].get("x-goog-api-key") == "test-key"
    assert "rainbows" in req["body"]["contents"][0]["parts"][0]["text"]
    assert req["body"]["generationConfig"]["responseMimeType"] == "application/json"
    schema = req["body"]["generationConfig"]["responseSchema"]
    visual = schema["properties"]["scenes"]["items"]["properties"]["visual"]
    assert "plane" in visual["properties"]["elements"]["items"]["properties"]["kind"]["enum"]


def test_gemini_invalid_json_gets_one_repair_retry():
    with FakeGemini() as fake:
        fake.answers = ["bad-json", "script"]
        script = asyncio.run(get_writer("gemini", gemini_settings(fake.url)).write("rainbows", 1))
    assert script["title"] == GOOD["title"]
    assert len(fake.requests) == 2
    assert "not usable" in fake.requests[1]["body"]["contents"][0]["parts"][0]["text"]


def test_gemini_invalid_twice_is_a_clear_error():
    with FakeGemini() as fake:
        fake.default = "bad-json"
        with pytest.raises(ProviderError) as err:
            asyncio.run(get_writer("gemini", gemini_settings(fake.url)).write("rainbows", 1))
    assert "invalid script twice" in str(err.value) and len(fake.requests) == 2


def test_gemini_401_names_the_key():
    with FakeGemini() as fake:
        fake.default = "401"
        with pytest.raises(NotConfigured) as err:
            asyncio.run(get_writer("gemini", gemini_settings(fake.url)).write("rainbows", 0))
    assert "GOOGLE_API_KEY" in str(err.value)


def test_gemini_timeout_is_a_clear_error():
    with FakeGemini() as fake:
        fake.default = "slow"
        with pytest.raises(ProviderError) as err:
            asyncio.run(get_writer("gemini", gemini_settings(fake.url, VIDGEN_LLM_TIMEOUT="1")).write("x", 0))
    assert "Gemini did not answer in time during script writing" in str(err.value)
    assert "VIDGEN_LLM_TIMEOUT" in str(err.value)  # the fix names the setting


def openai_settings(url, **extra):
    return Settings.load(env={"VIDGEN_OPENAI_BASE_URL": url + "/v1", "VIDGEN_OPENAI_MODEL": "llama3.1",
                              "VIDGEN_OPENAI_API_KEY": "sk-test", "VIDGEN_LLM_TIMEOUT": "2", **extra})


def test_openai_writer_and_its_failures():
    with FakeOpenAI() as fake:
        w = get_writer("openai", openai_settings(fake.url))
        assert asyncio.run(w.write("rainbows", 0))["title"] == COMPLEX["title"]
        req = fake.requests[0]
        assert req["path"] == "/v1/chat/completions"
        assert req["headers"]["Authorization"] == "Bearer sk-test"
        assert req["body"]["model"] == "llama3.1"
        fake.answers = ["bad-json", "script"]
        assert asyncio.run(w.write("rainbows", 0))["title"] == COMPLEX["title"]
        fake.answers = ["401"]
        with pytest.raises(NotConfigured):
            asyncio.run(w.write("rainbows", 0))
        fake.answers = ["slow"]
        with pytest.raises(ProviderError) as err:
            asyncio.run(get_writer("openai", openai_settings(fake.url, VIDGEN_LLM_TIMEOUT="1")).write("x", 0))
        assert "did not answer" in str(err.value)


def test_unreachable_openai_endpoint_says_what_to_start():
    w = get_writer("openai", Settings.load(env={"VIDGEN_OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}))
    with pytest.raises(ProviderError) as err:
        asyncio.run(w.write("x", 0))
    assert "cannot reach" in str(err.value)


def test_variations_are_written_concurrently(home):
    from vidgen.service import Vidgen

    with FakeOpenAI() as fake:
        fake.default, fake.delay = "slow", 1.0
        svc = Vidgen(Settings.load(env={"VIDGEN_HOME": str(home), "VIDGEN_OPENAI_BASE_URL": fake.url + "/v1",
                                        "VIDGEN_LLM_TIMEOUT": "30"}))
        rows = svc.write_scripts("rainbows", 3, llm="openai")
    assert [r["status"] for r in rows] == ["ready"] * 3
    assert fake.max_in_flight == 3, "the three variations were not requested at the same time"


@pytest.mark.slow  # another process
def test_importing_one_writer_first_does_not_hide_the_others():
    import subprocess
    import sys

    code = ("import vidgen.writers.gemini\nfrom vidgen.writers import names\nprint(','.join(names()))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert {"offline", "gemini", "openai"} <= set(out.split(","))
