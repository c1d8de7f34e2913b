"""A candidate uploads a resume in the browser and reads the report: ladder, role bars, skills, evidence."""

from __future__ import annotations

import json

import pytest
import requests

from tests.browser.conftest import screenshot
from tests.stack import EVAL

pytestmark = pytest.mark.browser
STAFF = EVAL / "resumes" / "d07-staff-mle-recommender-systems-8y.pdf"


def open_report(page, path) -> str:
    """Upload one file from the upload page and wait for its finished report; the report's URL."""
    page.goto("/")
    page.set_input_files("#files", str(path))
    assert page.locator("#file-summary").inner_text() == "1 file: you will see its report."
    page.get_by_role("button", name="Analyse resume").click()
    page.wait_for_url("**/reports/*")
    page.locator(".report-head, .failed").first.wait_for(timeout=30_000)  # the page reloads itself when ready
    return page.url


def test_upload_a_resume_and_read_its_report(page, live_server):
    url = open_report(page, STAFF)
    assert page.locator("h1").inner_text() == "Arjun Raghunathan"

    current = page.locator(".ladder .is-current")
    assert current.count() == 1 and current.get_attribute("aria-current") == "step"
    level = int(current.locator(".step-number").inner_text())
    assert 1 <= level <= 5
    assert f"level {level} of 5" in page.locator(".ladder-figure figcaption").inner_text()

    fits = page.locator("li.fit")
    assert fits.count() >= 5  # one bar per seed role at least
    assert page.locator("li.fit > svg.score-bar").count() == fits.count()
    best = page.locator("li.fit.is-best")
    assert best.count() == 1
    best.locator("details.why > summary").focus()  # keyboard: Enter opens a disclosure
    page.keyboard.press("Enter")
    assert best.locator("details.why").get_attribute("open") is not None
    assert best.locator("table.breakdown tbody th").first.is_visible()  # the parts that add up to the score
    total = float(best.locator("table.breakdown tfoot strong").inner_text())
    points = [float(t) for t in best.locator("table.breakdown tbody td:last-child").all_inner_texts()]
    assert abs(sum(points) - total) < 0.05
    matched = best.locator(".skill-list details.skill")
    assert matched.count() > 0
    matched.first.locator("summary").click()
    assert matched.first.locator("blockquote").first.is_visible()  # evidence, expanded

    skills = page.locator("section[aria-labelledby=skills-title] details.skill")
    assert skills.count() >= 5
    assert page.get_by_role("heading", name="To reach level").count() in (0, 1)
    screenshot(page, "report-staff-mle")

    with page.expect_download() as info:
        page.get_by_role("link", name="Download the report (JSON)").click()
    report = json.loads(info.value.path().read_text())
    assert report["schema"] == "rolefit.report/1" and report["ladder_level"] == level

    page.get_by_text("Delete this report…").click()
    page.get_by_role("button", name="Yes, delete it permanently").click()
    page.wait_for_url("**/")
    assert "were deleted" in page.locator(".flash").inner_text()
    assert requests.get(url, timeout=5).status_code == 404


def test_refused_files_carry_the_api_codes_and_messages(page, live_server):
    empty = EVAL / "bad" / "empty.pdf"
    page.goto("/")
    page.set_input_files("#files", str(empty))
    page.get_by_role("button", name="Analyse resume").click()
    alert = page.get_by_role("alert")
    api = requests.post(f"{live_server}/api/v1/resumes", files={"file": empty.open("rb")}, timeout=10).json()[
        "error"
    ]
    assert alert.locator(".code").inner_text() == api["code"] == "empty"
    assert api["message"] in alert.inner_text()
    screenshot(page, "upload-refused-empty")


def test_drop_a_file_on_the_drop_zone(page, live_server):
    page.goto("/")
    transfer = page.evaluate_handle("""() => {
        const data = new DataTransfer();
        data.items.add(new File(['Jane Doe\\nPython engineer'], 'jane.txt', {type: 'text/plain'}));
        data.items.add(new File(['x'.repeat(10)], 'other.txt', {type: 'text/plain'}));
        return data;
    }""")
    page.dispatch_event("#dropzone", "drop", {"dataTransfer": transfer})
    assert page.locator("#file-list li").count() == 2
    assert "batch" in page.locator("#file-summary").inner_text()
    screenshot(page, "upload-two-files-dropped")


def test_a_report_with_hidden_text_says_so_in_plain_words(page, live_server):
    open_report(page, EVAL / "resumes" / "d17-junior-keyword-stuffer.pdf")
    warning = page.locator(".warnings .alert-warning")
    assert warning.count() >= 1
    assert "Hidden text was ignored" in warning.first.inner_text()
    screenshot(page, "report-hidden-text-warning")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: one column, nothing cut off
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "report-phone")
