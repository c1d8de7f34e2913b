"""Upload → Celery worker → report in Redis → poll, over HTTP against gunicorn and a real worker."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.helpers import RolefitClient
from tests.stack import redis_client

REPORT_FIELDS = {
    "schema",
    "file",
    "taxonomy_version",
    "candidate",
    "skills",
    "ladder_level",
    "fits",
    "best_fit",
    "next_level",
    "warnings",
}
CANDIDATE_FIELDS = {"name", "email", "phone", "links", "years_experience", "highest_degree", "titles"}
FIT_FIELDS = {"role", "title", "level", "score", "components", "matched", "missing", "explanation"}
SKILL_FIELDS = {"id", "name", "category", "mentions", "sections", "evidence"}


@pytest.fixture(scope="module")
def api(live_server: str) -> RolefitClient:
    return RolefitClient(live_server)


@pytest.fixture(scope="module")
def labels(eval_dir: Path) -> dict[str, dict]:
    return {item["file"]: item for item in json.loads((eval_dir / "labels.json").read_text())["items"]}


@pytest.mark.parametrize(
    "name",
    [
        "resumes/d07-staff-mle-recommender-systems-8y.pdf",
        "resumes/d08-lead-mle-computer-vision-manager.docx",
        "resumes/d06-nlp-mle-legal-tech-2-5y.txt",
    ],
)
def test_resume_goes_all_the_way_through(
    api: RolefitClient, eval_dir: Path, labels, redis_url: str, name: str
):
    response = api.upload(eval_dir / name)
    assert response.status_code == 202, response.text
    job_id = response.json()["id"]
    body = api.poll(job_id)
    assert body["status"] == "done", body
    report = body["report"]
    assert REPORT_FIELDS <= report.keys()
    assert report["schema"] == "rolefit.report/1"
    assert report["file"]["name"] == Path(name).name
    assert report["file"]["type"] == Path(name).suffix[1:]
    assert len(report["file"]["sha256"]) == 64
    assert CANDIDATE_FIELDS <= report["candidate"].keys()
    assert report["candidate"]["email"] == labels[name]["email"]
    assert report["skills"] and all(SKILL_FIELDS <= s.keys() for s in report["skills"])
    assert 1 <= report["ladder_level"] <= 5
    assert len(report["fits"]) >= 5 and all(FIT_FIELDS <= f.keys() for f in report["fits"])
    assert all(0 <= f["score"] <= 100 for f in report["fits"])
    # the worker deleted the upload bytes once the report was written
    assert redis_client(redis_url).exists(f"rf:upload:{job_id}") == 0
    # DELETE erases it
    assert api.delete(job_id).status_code == 204
    assert api.get(job_id).status_code == 404
    assert redis_client(redis_url).keys(f"rf:*{job_id}*") == []


def test_bad_files_fail_with_their_codes_and_the_worker_keeps_running(
    api: RolefitClient, eval_dir: Path, labels, worker_process
):
    bad = {name: item["expected_error"] for name, item in labels.items() if "expected_error" in item}
    assert len(bad) == 7
    seen = {}
    for name in bad:
        response = api.upload(eval_dir / name)
        if response.status_code == 202:
            body = api.poll(response.json()["id"])
            assert body["status"] == "failed", (name, body)
            seen[name] = body["error"]["code"]
            assert body["error"]["message"]
        else:
            assert 400 <= response.status_code < 500
            seen[name] = response.json()["error"]["code"]
    assert seen == bad
    assert worker_process.alive()
    good = api.upload(eval_dir / "resumes/d01-newgrad-bsc-cs-two-ml-internships.pdf")
    assert api.poll(good.json()["id"])["status"] == "done"


def test_identical_upload_reuses_the_stored_report(api: RolefitClient, eval_dir: Path):
    path = eval_dir / "resumes/d04-mle-ii-marketplace-ranking-fraud.pdf"
    first = api.poll(api.upload(path).json()["id"])
    second_response = api.upload(path)
    assert second_response.status_code == 202
    second = api.poll(second_response.json()["id"])
    assert second["id"] != first["id"]
    assert second["report"] == first["report"]
