"""The studio says why a derived picture was chosen and offers its runners-up (issue 20, item 1): real
headless Chromium against a real `vidgen serve`. One click draws the scene as a runner-up in the editor as an
unsaved edit: the preview changes at once, no version is made until Save, and the derived picture comes back
with "Use the derived picture instead". axe-core finds nothing with the panel shown.
"""

from __future__ import annotations

import pytest

from tests import runner_up_cases as cases
from tests.test_studio import api, open_script, preview_bytes, scene, shot, wait_preview, written_script
from tests.test_studio import browser as browser  # the module's Chromium (a fixture)
from tests.test_studio import studio as studio  # one real server for this module
from tests.test_studio_people import AXE, DEVELOPER

pytestmark = pytest.mark.slow  # a browser


def versions(base: str, token: str) -> int:
    return len(api(base, f"/api/script/{token}/versions")[1]["versions"])


def test_a_runner_up_is_one_click_away_and_saved_only_with_save(studio, browser):
    base = studio.base
    from vidgen.author.why import because as because_of

    case = cases.find(cases.chosen_with_another_kind)  # a scene whose runner-up draws it as another kind
    other = cases.other_kind(case.choice)
    token, _ = written_script(base, case.name.replace("-", " "))
    assert api(base, f"/update_script/{token}", "POST", {"script": case.script})[0] == 200
    saved_versions = versions(base, token)
    page = open_script(browser, base, token)
    n = case.index + 1
    four = scene(page, n)
    src = wait_preview(page, n)
    derived = preview_bytes(page, n)
    # why, in words, and one button per runner-up that can draw the scene
    because = four.locator(".why .because")
    because.wait_for(timeout=20000)
    assert because.inner_text() == because_of(case.scene, case.choice["chosen"])
    assert because.inner_text().startswith(f"Drawn as {case.choice['chosen']['said']}, because ")
    offered = [f"Draw as {c['said']}" for c in case.choice["runners_up"] if c["draws"]]
    assert four.locator(".draw-as").all_inner_texts() == offered
    assert four.locator(".summary-elements .evidence").first.inner_text().startswith("From the ")
    words = four.locator(".visual-summary").inner_text()
    assert not DEVELOPER.search(words), DEVELOPER.search(words)
    assert "score" not in words.lower() and "runner" not in words.lower()
    shot(page, "runner-up-00-derived", four.locator(".visual-summary"))
    # new words not saved yet: their alternatives are not known, so none of the saved words' are offered
    narration = four.locator("textarea.text")
    said = narration.input_value()
    narration.fill(said + " Most people still stick.")
    four.get_by_text("Save the new words to see the other ways to draw them.").wait_for()
    assert four.locator(".draw-as").count() == 0
    src = wait_preview(page, n, not_src=src)  # the changed words drawn
    narration.fill(said)
    four.locator(".draw-as").first.wait_for()
    src = wait_preview(page, n, not_src=src)  # and the saved ones again
    assert preview_bytes(page, n) == derived

    four.get_by_role("button", name=f"Draw as {other['said']}").click()
    src = wait_preview(page, n, not_src=src)
    assert preview_bytes(page, n) != derived
    assert four.locator(".stale-note").is_visible()
    assert four.get_by_role("button", name=f"Draw as {other['said']}").get_attribute("aria-pressed") == "true"
    four.locator(".visual-editor summary").click()
    kinds = [k.input_value() for k in four.locator(".visual-editor .el-kind").all()]
    assert other["kind"] in kinds and case.choice["chosen"]["kind"] not in kinds  # in the editor, editable
    shot(page, "runner-up-01-drawn-as-a-runner-up", four)
    assert versions(base, token) == saved_versions  # looking made no version

    if AXE.is_file():
        page.add_script_tag(path=str(AXE))
        found = page.evaluate("""async () => (await axe.run(document)).violations.map((v) => ({ id: v.id,
            nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ': ' + n.failureSummary) }))""")
        assert found == []

    # back to the derived picture, then the runner-up again, kept only by Save
    four.get_by_role("button", name="Use the derived picture instead").click()
    src = wait_preview(page, n, not_src=src)
    assert preview_bytes(page, n) == derived
    four.get_by_role("button", name=f"Draw as {other['said']}").click()
    wait_preview(page, n, not_src=src)
    assert versions(base, token) == saved_versions
    page.click("#save-script")
    page.wait_for_selector(f"text=Saved as version {saved_versions + 1}")
    stored = api(base, f"/api/script/{token}")[1]["scenes"][case.index]["visual"]
    assert [e["kind"] for e in stored["elements"]] == kinds
    assert page.errors == []
