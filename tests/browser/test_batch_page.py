"""A recruiter screens a small batch in the browser: progress, ranked table, filters, blind mode, exports."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.browser.conftest import screenshot
from tests.stack import EVAL

pytestmark = pytest.mark.browser
RESUMES = EVAL / "resumes"
BATCH = [
    RESUMES / "d01-newgrad-bsc-cs-two-ml-internships.pdf",
    RESUMES / "d04-mle-ii-marketplace-ranking-fraud.pdf",
    RESUMES / "d06-nlp-mle-legal-tech-2-5y.txt",
    EVAL / "bad" / "truncated.pdf",
]


def download(page, link_name: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return info.value.suggested_filename, info.value.path().read_text()


def navigate(page, action) -> None:
    """Do something that loads a new page, and wait for it."""
    with page.expect_navigation():
        action()


def test_a_batch_needs_sign_in(page, live_server):
    page.goto("/")
    page.set_input_files("#files", [str(p) for p in BATCH[:2]])
    assert "sign in first" in page.locator("#file-summary").inner_text()
    assert page.get_by_role("button", name="Sign in to screen 2 resumes").is_disabled()
    page.goto("/batches/unknown-batch")
    assert page.url.endswith("/signin?next=/batches/unknown-batch")


def test_screen_a_batch_filter_it_go_blind_and_export(signed_in, live_server):
    page = signed_in
    page.set_input_files("#files", [str(p) for p in BATCH])
    page.get_by_role("button", name="Screen 4 resumes").click()
    page.wait_for_url("**/batches/*")
    status = page.locator("#progress-text")
    assert status.get_attribute("aria-live") == "polite"
    page.locator("#progress[data-done=yes]").wait_for(state="attached", timeout=45_000)
    assert status.inner_text().startswith("All 4 analysed") and "1 could not be read" in status.inner_text()
    assert page.locator("#batch-progress").evaluate("p => p.value === p.max")

    rows = page.locator("#shortlist tbody tr")
    assert rows.count() == 3
    scores = [float(s) for s in page.locator("#shortlist tbody .fit-score").all_inner_texts()]
    levels = [int(v) for v in page.locator("#shortlist tbody td:nth-child(4)").all_inner_texts()]
    # no role chosen: ranked by ladder level, then by each one's best-fit score, and the column says so
    assert list(zip(levels, scores)) == sorted(zip(levels, scores), reverse=True)
    assert "Best-fit score" in page.locator("#shortlist thead").inner_text()
    assert "ranked by ladder level" in page.locator("#score-basis").inner_text()
    failure = page.locator("#failures")
    assert "truncated.pdf" in failure.inner_text() and "corrupt" in failure.inner_text()
    screenshot(page, "batch-ranked")

    navigate(page, page.get_by_role("link", name="Years").click)  # sort by years, most first
    assert page.locator("th[aria-sort]").inner_text().startswith("Years")
    years = [float(y) for y in page.locator("#shortlist tbody td:nth-child(5)").all_inner_texts()]
    assert years == sorted(years, reverse=True)

    name, body = download(page, "Export CSV")
    table = list(csv.DictReader(io.StringIO(body)))
    ranked = [row for row in table if row["status"] == "done"]
    assert name.endswith(".csv") and len(ranked) == 3 and all(row["name"] for row in ranked)
    assert [(row["file"], row["error_code"]) for row in table[3:]] == [("truncated.pdf", "corrupt")]

    top = max(scores)
    page.get_by_label("Minimum score").fill(f"{top - 0.05:.1f}")
    navigate(page, page.get_by_role("button", name="Apply").click)
    assert rows.count() == 1
    page.get_by_label("Minimum score").fill("")
    page.get_by_label("Must-have skills").fill("Python, no-such-skill-anywhere")
    navigate(page, page.get_by_role("button", name="Apply").click)
    assert "Unknown skill in `must`: 'no-such-skill-anywhere'" in page.locator(".flash-error").inner_text()
    navigate(page, page.get_by_role("link", name="Reset").click)
    assert rows.count() == 3

    names = page.locator("#shortlist td.candidate a").all_inner_texts()
    navigate(page, page.get_by_label("Blind review").check)  # applies at once
    assert "blind=1" in page.url
    text = page.locator("#results").inner_text()
    assert not any(n in text for n in names) and "truncated.pdf" not in text
    assert page.locator("#shortlist .code-name").first.inner_text().startswith("C-")
    screenshot(page, "batch-blind")

    name, body = download(page, "Export CSV")
    blind_rows = list(csv.DictReader(io.StringIO(body)))
    assert name.endswith("-blind.csv") and "name" not in blind_rows[0] and "email" not in blind_rows[0]
    name, body = download(page, "Export JSON")
    exported = json.loads(body)
    assert exported["blind"] is True and len(exported["candidates"]) == 3
    assert not any(n in body for n in names)
