"""The studio, end to end in real headless Chromium (Debian's), driven by Playwright.

Screenshots of every step go to test-artifacts/studio/.
"""

import shutil
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(not CHROMIUM, reason="Debian's chromium is not installed "
                                                     "(VIDGEN_SETUP_BROWSER=1 bash scripts/setup.sh)")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "studio"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"]


@pytest.fixture
def browser(tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield b
        b.close()


def shot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_topic_to_video_in_the_studio(server, browser, home):
    base, _, _ = server
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "/studio")
    shot(page, "01-start")

    page.fill("#topic", "how rainbows form")
    page.click("#write-button")
    page.wait_for_selector(".card:not(.pending) >> nth=2", timeout=30000)
    titles = page.locator(".card h3").all_inner_texts()
    assert len(titles) == 3 and len(set(titles)) == 3
    shot(page, "02-three-cards")

    page.locator(".card button").first.click()
    page.wait_for_selector("#editor:not([hidden])")
    first = page.locator("#scenes .scene .text").first
    first.fill("Rainbows appear when sunlight meets raindrops. Let us see how.")
    page.click("#save-script")
    page.wait_for_selector("text=Saved as version 2")
    assert page.locator("#version-label").inner_text() == "version 2"
    shot(page, "03-edited")

    # a picture for scene 2, uploaded from this computer into the server's media/ folder
    from PIL import Image

    Image.new("RGB", (320, 200), (40, 120, 200)).save(home / "blue.png")
    page.locator("#scenes .scene .upload").nth(1).set_input_files(str(home / "blue.png"))
    page.wait_for_function("document.querySelectorAll('#scenes .scene .media')[1].value.startsWith('media/')")
    media = page.locator("#scenes .scene .media").nth(1).input_value()
    assert (home / media).read_bytes() == (home / "blue.png").read_bytes()
    page.click("#save-script")
    page.wait_for_selector("text=Saved as version 3")
    assert page.locator("#banner").is_hidden()

    page.select_option("#quality", "low")
    page.select_option("#voice", "mock")
    page.click("#render-button")
    page.wait_for_selector("#progress:not([hidden])")
    page.wait_for_function("document.querySelector('.bar').getAttribute('aria-valuenow') === '100'", timeout=120000)
    page.wait_for_selector("#result:not([hidden])")
    shot(page, "04-rendered")

    current = page.evaluate("""async () => {
        const v = document.getElementById('player');
        v.muted = true;
        await v.play();
        await new Promise(r => setTimeout(r, 1500));
        return v.currentTime;
    }""")
    assert current > 0.5, "the video did not play"
    tracks = page.evaluate("document.getElementById('player').textTracks.length")
    assert tracks == 1
    shot(page, "05-playing")

    with page.expect_download() as info:
        page.click("#download-link")
    download = info.value
    saved = home / "downloaded.mp4"
    download.save_as(saved)
    videos = [p for p in (home / "renders").glob("*.mp4")]
    assert len(videos) == 1 and saved.read_bytes() == videos[0].read_bytes()

    # a server error is shown in plain words
    first.fill("")
    page.click("#save-script")
    banner = page.locator("#banner-text")
    banner.wait_for(state="visible")
    page.wait_for_function("document.getElementById('banner-text').textContent.includes('narration is empty')")
    shot(page, "06-error")
    assert page.locator("#video-list li").count() >= 1
    assert errors == []


def small_video(path):
    """A real 2-second H.264 MP4 (ffmpeg's test pattern), to play without rendering."""
    import subprocess

    from vidgen.render.encode import ffmpeg_exe

    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=15", "-t", "2",
                    "-pix_fmt", "yuv420p", "-c:v", "libx264", "-movflags", "+faststart", str(path)], check=True)
    return path


def test_studio_asks_for_the_api_key_and_fits_a_phone(home, browser):
    from tests.conftest import start_server

    small_video(home / "renders" / "test-pattern-0123456789-v1.mp4")
    base, _, proc = start_server(home, env={"VIDGEN_API_KEY": "studio-key"})
    try:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        urls, events = [], []
        page.on("request", lambda r: urls.append(r.url))
        page.on("response", lambda r: events.append(r.status) if "/events/" in r.url else None)
        page.goto(base + "/studio")
        page.wait_for_selector("#key-dialog[open]")
        shot(page, "07-api-key-phone")
        page.fill("#key-input", "studio-key")
        page.click("#key-form button[value=save]")
        page.wait_for_selector("#video-list li a")
        assert page.evaluate("localStorage.getItem('vidgen.apiKey')") == "studio-key"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, "the page scrolls sideways on a phone"
        # the video and the event stream get in by the session cookie; the key is in no URL
        page.locator("#video-list li a").first.click()
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
        page.wait_for_selector(".card:not(.pending) >> nth=2", timeout=60000)
        assert events and all(status == 200 for status in events), events
        assert not [u for u in urls if "studio-key" in u or "api_key" in u], urls
        assert "vidgen_session" not in page.evaluate("document.cookie"), "the session cookie must be HttpOnly"
    finally:
        proc.terminate()
        proc.wait(10)
    assert "studio-key" not in proc.log_path.read_text()
