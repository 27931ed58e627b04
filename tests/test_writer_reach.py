"""An online writer is ready when its server answers (issue 24, item 4): a list-of-models call with a 2 s
timeout, kept a minute; checked against fake servers on 127.0.0.1 that speak the real wire format, and a
closed port for "not reachable". The studio and `vidgen doctor` say it in their own words."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.fakes import FakeGemini, FakeOpenAI, free_port
from vidgen.config import Settings
from vidgen.errors import ProviderError
from vidgen.reach import forget
from vidgen.writers import WRITERS


@pytest.fixture(autouse=True)
def fresh():
    forget()
    yield
    forget()


def openai_at(url: str, **env: str) -> Settings:
    return Settings.load(env={"VIDGEN_OPENAI_BASE_URL": url, **env})


def test_reachable_openai_endpoint_is_ready_and_asked_once_a_minute():
    with FakeOpenAI() as fake:
        settings = openai_at(fake.url + "/v1", VIDGEN_OPENAI_API_KEY="sk-test")
        first = WRITERS.readiness("openai", settings)
        again = WRITERS.readiness("openai", settings)
        asked = fake.listed
    assert first.ok and first.detail.startswith("reachable") and again == first
    assert [r["path"] for r in asked] == ["/v1/models"]   # the second answer was the kept one
    assert asked[0]["headers"]["Authorization"] == "Bearer sk-test"


def test_a_closed_port_is_not_reachable_in_words():
    port = free_port()  # bound and closed again: nothing listens there
    ready = WRITERS.readiness("openai", openai_at(f"http://127.0.0.1:{port}/v1"))
    assert not ready.ok
    assert ready.detail == f"not reachable: nothing answers at 127.0.0.1:{port}"
    assert "ollama serve" in ready.fix  # the CLI's fix is a command; the studio's is words
    for text in (ready.advice,):
        assert f"127.0.0.1:{port}" in text and "VIDGEN_" not in text and "--" not in text and "`" not in text


def test_a_refused_key_is_not_ready():
    with FakeOpenAI() as fake:
        fake.refuse_key = True
        ready = WRITERS.readiness("openai", openai_at(fake.url + "/v1"))
    assert not ready.ok and "refused the API key (401)" in ready.detail and "VIDGEN_" not in ready.advice


def test_gemini_is_ready_when_its_models_answer():
    with FakeGemini() as fake:
        env = {"GOOGLE_API_KEY": "k", "VIDGEN_GEMINI_BASE_URL": fake.url}
        ready = WRITERS.readiness("gemini", Settings.load(env=env))
        assert ready.ok and ready.detail.startswith("reachable")
        assert [r["path"] for r in fake.listed] == ["/v1beta/models"]
        assert {k.lower(): v for k, v in fake.listed[0]["headers"].items()}["x-goog-api-key"] == "k"
        forget()
        fake.refuse_key = True
        refused = WRITERS.readiness("gemini", Settings.load(env=env))
    assert not refused.ok and "refused" in refused.detail
    port = free_port()
    gone = WRITERS.readiness("gemini", Settings.load(env={**env, "VIDGEN_GEMINI_BASE_URL": f"http://127.0.0.1:{port}"}))
    assert not gone.ok and gone.detail.startswith("not reachable")


@pytest.mark.slow  # other processes
def test_doctor_says_reachable_or_not_reachable(home):
    def doctor(url: str) -> dict:
        env = {**os.environ, "VIDGEN_HOME": str(home), "VIDGEN_OPENAI_BASE_URL": url}
        out = subprocess.run([sys.executable, "-m", "vidgen", "doctor", "--json"], capture_output=True, text=True,
                             env=env, cwd=home)
        return next(c for c in json.loads(out.stdout)["checks"] if c["name"] == "writer openai")

    with FakeOpenAI() as fake:
        up = doctor(fake.url + "/v1")
    down = doctor(f"http://127.0.0.1:{free_port()}/v1")
    assert up["ok"] and up["detail"].startswith("reachable") and "not contacted" not in up["detail"]
    assert not down["ok"] and down["detail"].startswith("not reachable: nothing answers")


async def test_the_studio_is_told_once_in_words(make_client, svc):
    """/api/writers greys the writer with advice; choosing it anyway is one refusal, in words, nothing written."""
    port = free_port()
    svc.settings = Settings.load(env={"VIDGEN_HOME": str(svc.settings.home),
                                      "VIDGEN_OPENAI_BASE_URL": f"http://127.0.0.1:{port}/v1"})
    client = await make_client()
    r = await client.get("/api/writers")
    openai = next(p for p in (await r.json())["providers"] if p["name"] == "openai")
    assert openai["ready"] is False and "Not reachable" in openai["advice"] and "VIDGEN_" not in openai["advice"]
    r = await client.post("/submit", json={"text": "levers", "uid": "me", "chatID": "c1", "llm": "openai"})
    body = await r.json()
    assert r.status == 400 and "VIDGEN_" not in body["advice"] and "openai writer" in body["advice"]
    assert svc.list_scripts() == []


async def test_a_writer_failing_mid_write_is_said_in_words_over_http_and_with_its_fix_in_the_cli(make_client, svc):
    """Reachable at the check, refusing the key when asked to write: the studio reads the words, the CLI the fix."""
    import asyncio

    with FakeOpenAI() as fake:
        fake.default = "401"
        svc.settings = Settings.load(env={"VIDGEN_HOME": str(svc.settings.home),
                                          "VIDGEN_OPENAI_BASE_URL": fake.url + "/v1"})
        client = await make_client()
        r = await client.post("/api/generate_scripts", json={"topic": "levers", "count": 2, "llm": "openai"})
        tokens = (await r.json())["tokens"]
        failed = []
        for token in tokens:
            for _ in range(400):
                body = await (await client.get(f"/api/script/{token}")).json()
                if body.get("status") == "failed":
                    failed.append(body["error"])
                    break
                await asyncio.sleep(0.05)
        with pytest.raises(ProviderError) as cli_said:
            await asyncio.to_thread(svc.write_scripts, "levers", 1, llm="openai")
    assert len(failed) == 2 and len(set(failed)) == 1
    assert "refused its key" in failed[0] and "VIDGEN_" not in failed[0]
    assert "VIDGEN_OPENAI_API_KEY" in str(cli_said.value)  # the CLI's reader can act on the setting
