"""The studio, end to end in real headless Chromium (Debian's), driven by Playwright against a real
`vidgen serve` (one per module; the API-key test starts its own); and the routes the studio adds
(vidgen.server.studio_api), over HTTP to the same server.

Screenshots of every step go to test-artifacts/studio/ (desktop 1280x900, phone 390x844).
"""

import json
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import http, start_server

pytestmark = pytest.mark.slow  # a browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "studio"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
CLEAN = ("GOOGLE_API_KEY", "GEMINI_API_KEY", "TTS_PROVIDER", "VIDGEN_LLM", "VIDGEN_API_KEY", "TTS_VOICE_NAME",
         "VIDGEN_GEMINI_BASE_URL")


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    """One real server for the module's tests, with no online keys in its environment."""
    home = tmp_path_factory.mktemp("studio") / "home"
    home.mkdir()
    with pytest.MonkeyPatch.context() as mp:
        for var in CLEAN:
            mp.delenv(var, raising=False)
        base, _, proc = start_server(home, "--log-json")
    yield SimpleNamespace(base=base, home=home, proc=proc)
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM:
        pytest.skip("Debian's chromium is not installed (VIDGEN_SETUP_BROWSER=1 bash scripts/setup.sh)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


def open_page(browser, viewport=DESKTOP, **kw):
    page = browser.new_page(viewport=viewport, **kw)
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    return page


def shot(page, name, part=None):
    """The whole page, or one part of it (a scene, a panel) at full size."""
    if part is None:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    else:
        part.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def api(base, path, method="GET", body=None):
    status, _, raw = http(base + path, method, body)
    return status, json.loads(raw) if raw else None


def written_script(base, topic="how levers work"):
    """A script from the offline writer, through the API, ready to open at /studio#script=TOKEN."""
    status, body = api(base, "/api/generate_scripts", "POST", {"topic": topic, "count": 1})
    assert status == 200, body
    token = body["tokens"][0]
    for _ in range(200):
        status, script = api(base, f"/api/script/{token}")
        if status == 200 and script.get("status") == "ready":
            return token, script
        time.sleep(0.05)
    raise AssertionError(f"script {token} was not written: {script}")


def open_script(browser, base, token, viewport=DESKTOP):
    """A page of the studio with the script TOKEN open in its editor."""
    page = open_page(browser, viewport)
    page.goto(f"{base}/studio#script={token}")
    page.wait_for_selector("#editor:not([hidden])")
    return page


def scene(page, n):
    return page.locator("#scenes > li.scene").nth(n - 1)


def preview_bytes(page, n):
    """The PNG the n-th scene's preview shows, as the page holds it (hex)."""
    return page.evaluate("""async (n) => {
        const img = document.querySelectorAll('#scenes > li.scene')[n - 1].querySelector('img.frame');
        const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
        let hex = '';
        for (const b of bytes) hex += b.toString(16).padStart(2, '0');
        return hex;
    }""", n)


def wait_preview(page, n, not_src=None):
    scene(page, n).scroll_into_view_if_needed()
    page.wait_for_function("""([n, old]) => {
        const img = document.querySelectorAll('#scenes > li.scene')[n - 1].querySelector('img.frame');
        return img && !img.hidden && img.complete && img.naturalWidth > 0 && img.src !== old;
    }""", arg=[n, not_src or ""], timeout=20000)
    return scene(page, n).locator("img.frame").get_attribute("src")


def sideways(page):
    """What sticks out past its box on a phone's screen, innermost first (nothing, on a page that fits)."""
    return page.evaluate("""() => document.documentElement.scrollWidth <= document.documentElement.clientWidth ? [] :
        [...document.querySelectorAll('body *')].filter((el) => el.scrollWidth > el.clientWidth + 1
            && getComputedStyle(el).overflowX === 'visible').reverse()
        .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`).slice(0, 5)""")


def test_topic_to_video_in_the_studio(studio, browser):
    base, home = studio.base, studio.home
    page = open_page(browser, accept_downloads=True)
    page.goto(base + "/studio")
    page.wait_for_selector("#writer option", state="attached")
    shot(page, "01-start")

    page.fill("#topic", "how rainbows form")
    page.click("#write-button")
    page.wait_for_selector(".card.ready >> nth=2", timeout=30000)
    titles = page.locator(".card .card-title").all_inner_texts()
    assert len(titles) == 3 and len(set(titles)) == 3
    # the offline writer without notes: the scaffold note, from the server, once for the three
    _, writers = api(base, "/api/writers")
    page.wait_for_selector("#scaffold-note:not([hidden])")
    assert page.locator("text=These scripts are scaffolds").count() == 1
    assert page.locator("#scaffold-text").inner_text() == writers["scaffold_note"]
    page.wait_for_function("[...document.querySelectorAll('.card .meta')]"
                           ".every(m => /about \\d+ s/.test(m.textContent))")
    shot(page, "02-three-cards")

    page.locator(".card .pick").first.click()
    page.wait_for_selector("#editor:not([hidden])")
    token = page.evaluate("location.hash").removeprefix("#script=")
    page.wait_for_function("document.querySelector('#total-seconds').textContent.includes('s in all')")
    first_seconds = scene(page, 1).locator(".scene-seconds").inner_text()
    total = page.locator("#total-seconds").inner_text()
    # the estimate follows the words as they are typed (POST /api/estimate), before any save
    first = scene(page, 1).locator(".text")
    first.fill("Rainbows appear when sunlight meets raindrops. Each drop bends the light, splits it into colours "
               "and sends it back towards us, and millions of drops together paint the arc across the sky.")
    page.wait_for_function("([old]) => document.querySelector('#scenes .scene-seconds').textContent !== old",
                           arg=[first_seconds])
    assert page.locator("#total-seconds").inner_text() != total
    assert page.locator("#save-state").inner_text() == "Unsaved changes"
    page.click("#save-script")
    page.wait_for_selector("text=Saved as version 2")
    assert page.locator("#version-label").inner_text() == "version 2"
    assert api(base, f"/api/script/{token}")[1]["scenes"][0]["text"].startswith("Rainbows appear")
    shot(page, "03-edited", scene(page, 1))

    # a picture for scene 2, uploaded from this computer into the server's media/ folder
    from PIL import Image

    Image.new("RGB", (320, 200), (40, 120, 200)).save(home / "blue.png")
    scene(page, 2).locator(".upload").set_input_files(str(home / "blue.png"))
    page.wait_for_function("document.querySelectorAll('#scenes .scene .media')[1].value.startsWith('media/')")
    media = scene(page, 2).locator(".media").input_value()
    assert (home / media).read_bytes() == (home / "blue.png").read_bytes()
    page.click("#save-script")
    page.wait_for_selector("text=Saved as version 3")
    assert page.locator("#banner").is_hidden()

    page.select_option("#quality", "low")
    # the caption styles come from the options' schema, line by line first (the default)
    styles = page.eval_on_selector_all("#captions option", "os => os.map(o => [o.value, o.selected])")
    assert [v for v, _ in styles] == ["line", "karaoke", "off"] and styles[0][1], styles
    page.select_option("#captions", "karaoke")
    page.select_option("#tts-provider", "pyttsx3")  # espeak: quick (silence is not offered to people)
    page.click("#render-button")
    page.wait_for_selector("#progress:not([hidden])")
    page.wait_for_function("document.querySelector('#progress .bar').getAttribute('aria-valuenow') === '100'",
                           timeout=120000)
    page.wait_for_selector("#result:not([hidden])")
    assert page.locator("#progress-text").inner_text().startswith("Done")
    assert "karaoke" in page.get_attribute("#download-link", "href")  # the chosen style reached the render
    shot(page, "04-rendered")

    current = page.evaluate("""async () => {
        const v = document.getElementById('player');
        v.muted = true;
        await v.play();
        await new Promise(r => setTimeout(r, 1500));
        return v.currentTime;
    }""")
    assert current > 0.5, "the video did not play"
    # the captions are burned in: the player's own track is the same text again, named so and off
    track = page.evaluate("(() => { const t = document.getElementById('player').textTracks; "
                          "return t.length === 1 && {mode: t[0].mode, label: t[0].label}; })()")
    assert track and track["mode"] == "disabled" and "already shows captions" in track["label"], track
    shot(page, "05-playing")

    with page.expect_download() as info:
        page.click("#download-link")
    saved = home / "downloaded.mp4"
    info.value.save_as(saved)
    videos = list((home / "renders").glob("*.mp4"))
    assert len(videos) == 1 and saved.read_bytes() == videos[0].read_bytes()
    page.wait_for_selector("#video-list li .play")
    assert page.locator("#job-list li[data-status=completed]").count() == 1

    # a refused save: the server's words next to the field it names, and nothing stored
    first.fill("")
    page.click("#save-script")
    error = scene(page, 1).locator(".field[data-field=text] .field-error")
    error.wait_for()
    assert "narration is empty" in error.inner_text()
    assert scene(page, 1).locator(".text").get_attribute("aria-invalid") == "true"
    assert api(base, f"/api/script/{token}")[1]["version"] == 3
    shot(page, "06-error", scene(page, 1))
    assert page.errors == []


def test_editing_a_scene_visual(studio, browser):
    base = studio.base
    token, script = written_script(base)
    # scene 3 without a visual of its own: the studio shows the one a render derives
    stripped = {**script, "scenes": [{k: v for k, v in s.items() if k != "visual" or s["seq"] != 3}
                                     for s in script["scenes"]]}
    stripped = {k: v for k, v in stripped.items() if k not in ("token", "status", "version")}
    assert api(base, f"/update_script/{token}", "POST", {"script": stripped})[0] == 200
    target = script["scenes"][1]["visual"]["steps"][0]["target"]
    element = target.split(".")[0]

    page = open_page(browser)
    page.goto(f"{base}/studio#script={token}")
    page.wait_for_selector("#editor:not([hidden])")
    before_src = wait_preview(page, 2)
    before = preview_bytes(page, 2)
    two = scene(page, 2)
    summary = two.locator(".visual-summary").inner_text()
    # the step's target in words: the label of the item it names, not its id ("F.s1")
    shown = next(e for e in script["scenes"][1]["visual"]["elements"] if e["id"] == element)
    part = target.split(".")[1] if "." in target else None
    item = next((it for it in shown.get("items", []) if it.get("id") == part), None) or \
        (shown["items"][int(part)] if part and part.isdigit() else None)
    assert "Sentence 1" in summary and target not in summary
    assert item is None or (item.get("label") or item.get("id")) in summary

    # a step aimed at nothing: refused, the message on that step's row, nothing saved
    two.locator(".visual-editor summary").click()
    step = two.locator(".step[data-loc=step-1]")
    step.locator(".st-target").fill(f"{element}.nothere")
    page.click("#save-script")
    error = step.locator(".field-error")
    error.wait_for()
    assert f"visual step 1: no item 'nothere' in element {element}" in error.inner_text()
    assert two.locator(".visual-editor .field-error").count() == 1
    assert api(base, f"/api/script/{token}")[1]["version"] == 2
    assert api(base, f"/api/script/{token}")[1]["scenes"][1]["visual"]["steps"][0]["target"] == target
    shot(page, "07-visual-error", two)

    # put it right and change what the first item says: saved, and the preview is drawn anew
    step.locator(".st-target").fill(target)
    label = two.locator(".element .item").first.locator(".it-label")
    label.fill("Sunlight meets rain")
    page.click("#save-script")
    page.wait_for_selector("text=Saved as version 3")
    assert step.locator(".field-error").count() == 0
    stored = api(base, f"/api/script/{token}")[1]["scenes"][1]["visual"]
    assert stored["elements"][0]["items"][0]["label"] == "Sunlight meets rain"
    wait_preview(page, 2, not_src=before_src)
    assert preview_bytes(page, 2) != before
    assert "Sunlight meets rain" in two.locator(".visual-summary").inner_text()
    shot(page, "08-visual-saved", two)

    # the scrubber asks for an earlier moment of the scene: another picture
    final = preview_bytes(page, 2)
    src = two.locator("img.frame").get_attribute("src")
    two.locator(".moment").fill("0")
    wait_preview(page, 2, not_src=src)
    assert two.locator(".moment-value").inner_text() == "0.0 s"
    assert preview_bytes(page, 2) != final

    # a scene without its own visual: the derived one's preview, and "Make editable" copies it
    three = scene(page, 3)
    wait_preview(page, 3)
    three.locator(".visual-editor summary").click()
    assert three.locator(".step").count() == 0
    three.locator(".make-editable").click()
    _, derived = api(base, f"/api/script/{token}/scenes/3/visual?version=3")
    assert derived["derived"] is True
    assert three.locator(".element").count() == len(derived["visual"]["elements"])
    assert three.locator(".el-id").first.input_value() == derived["visual"]["elements"][0]["id"]
    shot(page, "09-make-editable", three)
    page.click("#save-script")
    page.wait_for_selector("text=Saved as version 4")
    assert api(base, f"/api/script/{token}")[1]["scenes"][2]["visual"] == derived["visual"]

    # the same visual as JSON: the server's complaint sits under the box
    three.locator(".mode").click()
    box = three.locator(".visual-json")
    visual = json.loads(box.input_value())
    assert visual == derived["visual"]
    visual["steps"] = [{"sentence": 40, "action": "show", "target": visual["elements"][0]["id"]}]
    box.fill(json.dumps(visual))
    page.click("#save-script")
    error = three.locator(".json-row .field-error")
    error.wait_for()
    assert "visual step 1: sentence 40 is past the narration" in error.inner_text()
    assert api(base, f"/api/script/{token}")[1]["version"] == 4
    assert page.errors == []


def test_voice_picker_and_cancelling_a_render(studio, browser):
    base = studio.base
    token, _ = written_script(base, "why the sky is blue")
    _, voices = api(base, "/api/voices")
    page = open_page(browser)
    page.goto(f"{base}/studio#script={token}")
    page.wait_for_selector("#tts-provider option", state="attached")
    options = page.eval_on_selector_all("#tts-provider option", "os => os.map(o => [o.value, o.disabled, o.text])")
    offered = [p for p in voices["providers"] if p.get("offered", True)]  # silence is for tests, not people
    assert [o[0] for o in options] == [p["name"] for p in offered] and "mock" not in [o[0] for o in options]
    assert [not o[1] for o in options] == [p["ready"] for p in offered]
    assert "default" in dict((o[0], o[2]) for o in options)[voices["default"]]
    assert page.locator("#tts-provider").input_value() == voices["default"]
    for p in voices["providers"]:
        if not p["ready"]:  # gemini here, with no GOOGLE_API_KEY: the reason and the fix, in words (advice)
            note = page.locator("#provider-notes li", has_text=p["label"])
            assert p["advice"] in note.inner_text() and "GOOGLE_API_KEY" not in note.inner_text()
    espeak = next(p for p in voices["providers"] if p["name"] == "pyttsx3")
    page.select_option("#tts-provider", "pyttsx3")
    assert page.locator("#voice option").count() == len(espeak["voices"]) + 1
    page.locator("#rate").fill("1.5")
    assert page.locator("#rate-value").inner_text() == "1.50×"
    shot(page, "10-voice-picker", page.locator("#render-panel"))

    # cancel stops the job and keeps its record; deleting it is a separate, explicit action
    page.select_option("#quality", "low")
    page.select_option("#tts-provider", "pyttsx3")  # espeak: quick (silence is not offered to people)
    page.click("#render-button")
    page.wait_for_selector("#cancel-button:visible")
    page.click("#cancel-button")
    page.wait_for_selector("#progress[data-status=cancelled]", timeout=30000)
    assert "Cancelled" in page.locator("#progress-text").inner_text()
    job_id = page.wait_for_selector("#job-list li[data-status=cancelled]").get_attribute("data-key")
    status, job = api(base, f"/api/job/{job_id}")
    assert status == 200 and job["status"] == "cancelled" and job["token"] == token
    shot(page, "11-cancelled", page.locator("#render-panel"))
    shot(page, "12-library", page.locator("#library"))
    row = page.locator(f"#job-list li[data-key='{job_id}']")
    row.locator(".delete").click()
    assert row.locator(".delete").inner_text() == "Confirm delete"
    assert api(base, f"/api/job/{job_id}")[0] == 200  # one press deletes nothing
    row.locator(".delete").click()
    page.wait_for_selector(f"#job-list li[data-key='{job_id}']", state="detached")
    assert api(base, f"/api/job/{job_id}")[0] == 404
    assert page.errors == []


def test_scripts_from_notes(studio, browser):
    base = studio.base
    notes = ("# Tides\n\nThe Moon pulls on the oceans. Its gravity is strongest on the side of the Earth that faces "
             "it, so the water there bulges towards it.\n\n## Two bulges\n\nA second bulge forms on the far side, "
             "where the Moon pulls the Earth away from the water. As the Earth turns, a coast passes through both "
             "bulges, so most places see two high tides a day.\n")
    page = open_page(browser)
    page.goto(base + "/studio")
    page.fill("#topic", "how tides work")
    page.click("#notes-option summary")
    page.fill("#notes", notes)
    page.click("#write-button")
    page.wait_for_selector(".card.ready >> nth=2", timeout=30000)
    text = " ".join(page.locator(".card-scenes").all_inner_texts())
    assert "Moon" in text
    assert page.locator("#scaffold-note").is_hidden()
    shot(page, "13-from-notes")
    page.locator(".card .pick").first.click()
    page.wait_for_selector("#editor:not([hidden])")
    token = page.evaluate("location.hash").removeprefix("#script=")
    versions = api(base, f"/api/script/{token}/versions")[1]
    assert versions["scaffold"] is False and "notes" in versions["versions"][-1]["note"]
    assert page.errors == []


def test_studio_routes_writers_versions_and_scene_visuals(studio):
    from vidgen.script.model import Scene
    from vidgen.script.sentences import split_sentences
    from vidgen.writers.offline import SCAFFOLD_ADVICE

    base, home = studio.base, studio.home
    status, writers = api(base, "/api/writers")
    assert status == 200 and writers["default"] == "offline" and writers["scaffold_note"] == SCAFFOLD_ADVICE
    by_name = {w["name"]: w for w in writers["providers"]}
    assert by_name["offline"]["ready"] is True
    assert by_name["gemini"]["ready"] is False and "GOOGLE_API_KEY" in by_name["gemini"]["fix"]

    token, script = written_script(base, "how bridges stand")
    _, versions = api(base, f"/api/script/{token}/versions")
    assert versions["scaffold"] is True and versions["written_by"] == "offline"
    # the scene's own visual, exactly as stored, with the sentences its steps count
    _, own = api(base, f"/api/script/{token}/scenes/2/visual")
    assert own["derived"] is False and own["visual"] == script["scenes"][1]["visual"]
    assert own["sentences"] == split_sentences(script["scenes"][1]["text"]) and len(own["sentences"]) > 1
    # without one, the visual a render derives from the words; with media too, the render shows the media
    (home / "media").mkdir(exist_ok=True)
    (home / "media" / "bridge.png").write_bytes(_png())
    scenes = [{k: v for k, v in s.items() if k != "visual"} if s["seq"] in (3, 4) else s for s in script["scenes"]]
    scenes[3]["media"] = "media/bridge.png"
    saved = {"title": script["title"], "scenes": scenes}
    assert api(base, f"/update_script/{token}", "POST", {"script": saved})[0] == 200
    _, derived = api(base, f"/api/script/{token}/scenes/3/visual")
    assert derived["derived"] is True and derived["shows_media"] is False and derived["version"] == 2
    Scene.model_validate({"seq": 3, "text": scenes[2]["text"], "visual": derived["visual"]})  # it validates
    assert api(base, f"/api/script/{token}/scenes/4/visual")[1]["shows_media"] is True
    # an older version, and the history newest first, each with its note
    assert api(base, f"/api/script/{token}/scenes/3/visual?version=1")[1]["derived"] is False
    _, versions = api(base, f"/api/script/{token}/versions")
    assert [v["version"] for v in versions["versions"]] == [2, 1]
    assert versions["versions"][1]["note"] == "written by offline" and versions["scaffold"] is True
    # bad input: one clear line, never a 500
    status, body = api(base, f"/api/script/{token}/scenes/9/visual")
    assert status == 404 and "has no scene 9" in body["detail"]
    assert api(base, f"/api/script/{token}/scenes/two/visual")[0] == 400
    assert api(base, f"/api/script/{token}/scenes/1/visual?version=7")[0] == 404
    assert api(base, "/api/script/nosuchtoken/versions")[0] == 404
    # written from notes: no scaffold
    status, body = api(base, "/api/generate_scripts", "POST", {
        "topic": "bridges", "count": 1, "source": "# Bridges\n\nAn arch bridge pushes its load outwards into the "
                                                   "banks. A suspension bridge hangs its deck from cables.\n"})
    assert status == 200
    for _ in range(200):
        _, versions = api(base, f"/api/script/{body['tokens'][0]}/versions")
        if versions["versions"]:
            break
        time.sleep(0.05)
    assert versions["scaffold"] is False and versions["written_by"] is None


def _png():
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (64, 40), (200, 120, 40)).save(out, "PNG")
    return out.getvalue()


def small_video(path):
    """A real 2-second H.264 MP4 (ffmpeg's test pattern), to play without rendering."""
    import subprocess

    from vidgen.render.encode import ffmpeg_exe

    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=15", "-t", "2",
                    "-pix_fmt", "yuv420p", "-c:v", "libx264", "-movflags", "+faststart", str(path)], check=True)
    return path


def test_studio_signs_in_with_the_api_key_and_fits_a_phone(home, browser):
    small_video(home / "renders" / "test-pattern-0123456789-v1.mp4")
    base, _, proc = start_server(home, env={"VIDGEN_API_KEY": "studio-key"})
    try:
        page = open_page(browser, viewport=PHONE)
        urls, events = [], []
        page.on("request", lambda r: urls.append(r.url))
        page.on("response", lambda r: events.append(r.status) if "/events/" in r.url else None)
        page.goto(base + "/studio")
        page.wait_for_selector("#signin:not([hidden])")
        assert page.locator("#main").is_hidden()
        page.fill("#signin-key", "not-the-key")
        page.click("#signin-button")
        page.wait_for_selector("#signin-error:not([hidden])")
        assert "does not open this server" in page.inner_text("#signin-error")
        shot(page, "14-phone-sign-in")
        page.fill("#signin-key", "studio-key")
        page.click("#signin-button")
        page.wait_for_selector("#video-list li .play")
        # signed in as the one key of an old deployment; the page keeps no key, only the session cookie
        assert page.locator("#who").is_visible() and page.inner_text("#who-name") == "local"
        assert page.evaluate("localStorage.getItem('vidgen.apiKey')") is None
        assert sideways(page) == [], "the page scrolls sideways on a phone"
        # the video and the event stream get in by the session cookie; the key is in no URL
        page.locator("#video-list li .play").first.click()
        page.wait_for_selector("#result:not([hidden])")
        played = page.evaluate("""async () => {
            const v = document.getElementById('player');
            v.muted = true;
            await v.play();
            await new Promise(r => setTimeout(r, 1000));
            return [v.currentTime, v.readyState];
        }""")
        assert played[0] > 0 or played[1] >= 2, played
        page.fill("#topic", "how tides work")
        page.click("#write-button")
        page.wait_for_selector(".card.ready >> nth=2", timeout=60000)
        assert sideways(page) == [], "the cards scroll sideways on a phone"
        shot(page, "15-phone-cards")
        assert events and all(status == 200 for status in events), events

        # the editor on a phone: previews drawn (the frame route takes the key in a header), no sideways scroll
        page.locator(".card .pick").first.click()
        page.wait_for_selector("#editor:not([hidden])")
        wait_preview(page, 1)
        scene(page, 1).locator(".visual-editor summary").click()
        assert sideways(page) == [], "the editor scrolls sideways on a phone"
        scene(page, 1).scroll_into_view_if_needed()
        shot(page, "16-phone-scene", scene(page, 1))
        shot(page, "17-phone-editor")
        assert not [u for u in urls if "studio-key" in u or "api_key" in u], urls
        assert "vidgen_session" not in page.evaluate("document.cookie"), "the session cookie must be HttpOnly"
        assert page.errors == []
    finally:
        proc.terminate()
        proc.wait(10)
    assert "studio-key" not in proc.log_path.read_text()


def test_the_preview_follows_what_is_typed_and_never_saves(studio, browser):
    base = studio.base
    token, script = written_script(base, "how tides work")
    target = script["scenes"][1]["visual"]["steps"][0]["target"]
    page = open_page(browser)
    page.goto(f"{base}/studio#script={token}")
    page.wait_for_selector("#editor:not([hidden])")
    src = wait_preview(page, 2)
    before = preview_bytes(page, 2)
    two = scene(page, 2)
    assert two.locator(".stale-note").is_hidden()
    two.locator(".visual-editor summary").click()
    two.locator(".element .item").first.locator(".it-label").fill("Typed and not saved")
    src = wait_preview(page, 2, not_src=src)
    assert preview_bytes(page, 2) != before
    assert two.locator(".stale-note").is_visible()
    # half typed: the last picture stays, with what is wrong under it
    two.locator(".step[data-loc=step-1] .st-target").fill(target.split(".")[0] + ".nothere")
    page.wait_for_function("""(n) => document.querySelectorAll('#scenes > li.scene')[n - 1]
        .querySelector('.preview-status').textContent.includes('Cannot draw this yet')""", arg=2, timeout=20000)
    assert two.locator("img.frame").is_visible()
    # every look was a preview: the script is still at version 1
    status, stored = api(base, f"/api/script/{token}")
    assert stored["version"] == 1 and len(api(base, f"/api/script/{token}/versions")[1]["versions"]) == 1
    assert page.errors == []


def test_on_screen_text_is_the_pictures_words_and_problems_show_per_scene(studio, browser):
    base = studio.base
    script = {"title": "Growing tomatoes", "scenes": [
        {"seq": 1, "text": "Tomatoes need warm soil. Full sun helps them grow.", "layout": "title_and_main_content",
         "visual": {"layout": "full", "elements": [{"id": "B", "kind": "bullets", "items": [
             {"label": "Tomatoes need warm soil"}, {"label": "Full sun helps the"}]}],
             "steps": [{"sentence": 1, "action": "show", "target": "B.1"}]}},
        {"seq": 2, "text": "Water them every morning.", "on_screen": ["Water every morning"]}]}
    token, _ = written_script(base, "growing tomatoes")
    assert api(base, f"/update_script/{token}", "POST", {"script": script})[0] == 200
    page = open_page(browser)
    page.goto(f"{base}/studio#script={token}")
    page.wait_for_selector("#editor:not([hidden])")
    one = scene(page, 1)
    # the check's findings on the saved picture, in words, on the scene they are about
    one.locator(".scene-problems li").first.wait_for(timeout=20000)
    assert 'ends on "the"' in one.locator(".scene-problems").inner_text()
    scene(page, 2).locator(".problems-head").wait_for(timeout=20000)
    # the on-screen box shows the picture's words and writes them
    screen = one.locator(".on-screen")
    assert screen.input_value() == "Tomatoes need warm soil\nFull sun helps the"
    src = wait_preview(page, 1)
    screen.fill("Tomatoes need warm soil\nFull sun helps them grow")
    wait_preview(page, 1, not_src=src)
    one.locator(".visual-editor summary").click()
    assert one.locator(".element .item").nth(1).locator(".it-label").input_value() == "Full sun helps them grow"
    # one layout: the scene's menu moves the picture's
    one.locator("select.layout").select_option("split_screen")
    assert one.locator(".visual-editor .mini[data-loc=layout] select").input_value() == "split"
    page.click("#save-script")
    page.wait_for_selector("text=Saved as version 3")
    saved = api(base, f"/api/script/{token}")[1]["scenes"][0]
    assert saved["on_screen"] == ["Tomatoes need warm soil", "Full sun helps them grow"]
    assert [i["label"] for i in saved["visual"]["elements"][0]["items"]] == saved["on_screen"]
    assert saved["visual"]["layout"] == "split" and saved["layout"] == "split_screen"
    assert saved["visual"]["elements"][0]["edited"] is True      # changed by hand: kept when the words change
    page.wait_for_function("""() => document.querySelectorAll('#scenes > li.scene')[0]
        .querySelector('.problems').classList.contains('clean')""", timeout=20000)
    assert page.errors == []
