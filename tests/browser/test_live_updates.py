"""Pages that follow work in progress: a report page reloads itself when the job finishes, and a batch page
moves its progress bar and fills its table as candidates finish. Jobs are driven through the store directly
(no worker picks them up), so every state is seen on purpose, not by luck of timing."""

from __future__ import annotations

import pytest

from common.store import Store
from models.shortlist import candidate_summary
from service.auth import hash_key
from service.tenancy import tenant_id
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def sample_report(name: str, score: float) -> dict:
    """A small report in the `rolefit.report/1` shape."""
    return {
        "schema": "rolefit.report/1",
        "file": {"name": f"{name}.txt", "type": "txt", "pages": 1, "sha256": "0" * 64},
        "taxonomy_version": "test",
        "candidate": {
            "name": name,
            "email": None,
            "phone": None,
            "links": [],
            "years_experience": 3.0,
            "highest_degree": "master",
            "titles": [],
        },
        "skills": [
            {
                "id": "python",
                "name": "Python",
                "category": "programming_language",
                "mentions": 2,
                "sections": ["experience"],
                "evidence": ["Built services in Python."],
            }
        ],
        "ladder_level": 3,
        "fits": [
            {
                "role": "mle-ii",
                "title": "Machine Learning Engineer II",
                "level": 3,
                "score": score,
                "components": {"skills": 0.7, "experience": 1.0, "education": 1.0, "leadership": 0.5},
                "matched": ["Python"],
                "missing": ["Kubernetes"],
                "explanation": "Test fit.",
            }
        ],
        "best_fit": "mle-ii",
        "next_level": {"level": 4, "gaps": ["Lead a team's systems."]},
        "warnings": [],
    }


@pytest.fixture()
def store(redis_url: str) -> Store:
    return Store.from_url(redis_url)


def test_the_report_page_reloads_itself_when_the_report_is_ready(page, live_server, store):
    job = store.create_job(b"resume", name="waiting.txt", file_type="txt", sha256="1" * 64)  # never queued
    page.goto(f"/reports/{job}")
    status = page.locator("#poll-status")
    assert status.get_attribute("aria-live") == "polite" and "Waiting for a worker" in status.inner_text()
    screenshot(page, "report-pending")
    store.transition(job, "processing")
    page.get_by_text("Reading the file and scoring it").wait_for()
    store.finish(job, sample_report("Pending Person", 71.5))
    page.locator(".report-head h1").wait_for(timeout=10_000)
    assert page.locator(".report-head h1").inner_text() == "Pending Person"
    assert page.locator(".ladder .is-current .step-number").inner_text() == "3"


def test_the_batch_page_follows_progress(signed_in, live_server, store, api_key):
    page = signed_in
    owner = tenant_id(hash_key(api_key))  # the batch belongs to the signed-in key
    batch = store.create_batch(role="", total=2, extra={"owner": owner})
    jobs = []
    for name in ("First", "Second"):
        job = store.create_job(
            b"resume " + name.encode(), name=f"{name}.txt", file_type="txt", sha256=name * 8, batch=batch
        )
        store.add_to_batch(batch, job, "queued")
        jobs.append((job, name))
    page.goto(f"/batches/{batch}")
    assert page.locator("#progress-text").inner_text().startswith("0 of 2 analysed")
    assert "Results appear here" in page.locator("#shortlist tbody").inner_text()

    job, name = jobs[0]
    report = sample_report(name, 64.0)
    store.finish(job, report, summary=candidate_summary(report, None, file_name=f"{name}.txt"))
    page.get_by_text("1 of 2 analysed").wait_for(timeout=10_000)
    page.locator("#shortlist tbody tr", has_text="First").wait_for(timeout=10_000)
    assert page.locator("#batch-progress").get_attribute("value") == "1"
    screenshot(page, "batch-in-progress")

    job, _ = jobs[1]
    store.fail(job, "corrupt", "The file is damaged and cannot be read.")
    page.get_by_text("All 2 analysed").wait_for(timeout=10_000)
    page.locator("#failures", has_text="corrupt").wait_for(timeout=10_000)
