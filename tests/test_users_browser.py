"""Two people, one server, two browser contexts (issue 21): each signs in to the studio, writes,
renders and plays a video, and sees only their own; one person's events never reach the other,
even on the other's chat id."""

from __future__ import annotations

import json

import pytest

from tests.conftest import http, start_server
from tests.test_studio import CHROMIUM, FLAGS

pytestmark = pytest.mark.slow


@pytest.fixture
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM:
        pytest.skip("Debian's chromium is not installed (VIDGEN_SETUP_BROWSER=1 bash scripts/setup.sh)")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


def sign_in(browser, base, key):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors, page.chats = [], []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("request", lambda r: page.chats.append(r.url.rsplit("/", 1)[1]) if "/events/" in r.url else None)
    page.goto(base + "/studio")
    page.wait_for_selector("#signin:not([hidden])")
    page.fill("#signin-key", key)
    page.click("#signin-button")
    page.wait_for_selector("#main:not([hidden])")
    return context, page


def write_and_render(page, topic):
    page.fill("#topic", topic)
    page.click("#write-button")
    page.wait_for_selector(".card.ready >> nth=2", timeout=60000)
    page.locator(".card .pick").first.click()
    page.wait_for_selector("#editor:not([hidden])")
    page.select_option("#quality", "low")
    page.select_option("#tts-provider", "pyttsx3")
    page.click("#render-button")
    return page.evaluate("location.hash").removeprefix("#script=")


def wait_rendered(page):
    page.wait_for_function("document.querySelector('#progress .bar').getAttribute('aria-valuenow') === '100'",
                           timeout=300000)
    page.wait_for_selector("#result:not([hidden])")
    played = page.evaluate("""async () => {
        const v = document.getElementById('player');
        v.muted = true;
        await v.play();
        await new Promise(r => setTimeout(r, 1000));
        return [v.currentTime, v.readyState, v.error && v.error.code];
    }""")
    assert played[2] is None and (played[0] > 0 or played[1] >= 2), played
    return page.get_attribute("#download-link", "href").rsplit("/", 1)[1]


def test_two_people_each_see_only_their_own_work(home, cli, browser):
    ann = cli.json("users", "add", "ann")["key"]
    ben = cli.json("users", "add", "ben")["key"]
    base, _, proc = start_server(home)
    try:
        ann_ctx, ann_page = sign_in(browser, base, ann)
        ben_ctx, ben_page = sign_in(browser, base, ben)
        assert ann_page.inner_text("#who-name") == "ann" and ben_page.inner_text("#who-name") == "ben"
        ann_page.wait_for_function("() => document.querySelectorAll('#video-list li').length > 0")
        ann_chat = ann_page.chats[0]
        # ben listens on ann's chat id, from his own signed-in page, before ann does anything
        ben_page.evaluate("""(chat) => { window.heard = []; const es = new EventSource('/events/' + chat);
                             es.onmessage = (e) => window.heard.push(JSON.parse(e.data)); }""", ann_chat)
        ben_page.wait_for_function("window.heard.length > 0")

        ann_token = write_and_render(ann_page, "how tides work")
        ben_token = write_and_render(ben_page, "how volcanoes erupt")
        ann_video, ben_video = wait_rendered(ann_page), wait_rendered(ben_page)
        assert ann_token in ann_video and ben_token in ben_video

        for page, mine, theirs in ((ann_page, ann_video, ben_video), (ben_page, ben_video, ann_video)):
            page.click("#refresh-library")
            page.wait_for_selector(f"#video-list li[data-key='{mine}']")
            listed = page.eval_on_selector_all("#video-list li", "els => els.map(e => e.dataset.key)")
            assert listed == [mine], listed
            jobs = page.eval_on_selector_all("#job-list li .job-name", "els => els.map(e => e.textContent)")
            assert len(jobs) == 1
            # the library's scripts: this person's, and never the other's (GET /api/scripts)
            scripts = page.eval_on_selector_all("#script-list li.script", "els => els.map(e => e.dataset.key)")
            other_token = ben_token if mine == ann_video else ann_token
            assert page.evaluate("location.hash").removeprefix("#script=") in scripts and other_token not in scripts
            # the other's video, script and stream are "not found", from inside the signed-in page
            status = page.evaluate("""async ([v, t]) => [(await fetch('/stream/' + v)).status,
                                       (await fetch('/api/script/' + t)).status]""",
                                   [theirs, ben_token if mine == ann_video else ann_token])
            assert status == [404, 404]
            assert page.errors == []

        heard = ben_page.evaluate("window.heard")
        assert [e["type"] for e in heard] == ["connected"], [e["type"] for e in heard]
        assert ann_token not in json.dumps(heard)

        # signing out brings the sign-in page back, and the session no longer opens anything
        ann_page.click("#sign-out")
        ann_page.wait_for_selector("#signin:not([hidden])")
        assert ann_page.evaluate("fetch('/videos').then(r => r.status)") == 401
        assert http(base + "/videos", headers={"X-API-Key": ben})[0] == 200
        ann_ctx.close()
        ben_ctx.close()
    finally:
        proc.terminate()
        proc.wait(30)
    log = proc.log_path.read_text()
    assert ann not in log and ben not in log
