"""The resume's own date and Markdown/HTML resumes through the running stack (real HTTP, Redis, Celery)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.helpers import RolefitClient

MARKDOWN = """# Priya Raman

## Experience

### Data Scientist | Larkspur Health
**March 2018 - Present**

* Built readmission models in **Python** with scikit-learn.

## Education

* **M.S. Statistics**, Eastmoor University, 2017
"""


@pytest.fixture()
def api(live_server: str) -> RolefitClient:
    return RolefitClient(live_server)


def test_markdown_resume_with_an_as_of_override(api: RolefitClient, tmp_path: Path):
    path = tmp_path / "cv.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    own = api.poll(api.upload(path).json()["id"])
    assert own["status"] == "done" and own["report"]["file"]["type"] == "md"
    # No stamp and nothing written after "March 2018 - Present": the resume is taken as current.
    assert own["report"]["candidate"]["as_of_source"] == "today"
    given = api.poll(api.upload(path, as_of="2021-03").json()["id"])
    candidate = given["report"]["candidate"]
    assert (candidate["as_of"], candidate["as_of_source"]) == ("2021-03-31", "given")
    assert candidate["years_experience"] == pytest.approx(3.1, abs=0.1)
    assert candidate["titles"] == ["Data Scientist"] and candidate["highest_degree"] == "master"
    assert given["id"] != own["id"] and given["report"] != own["report"]  # the override is not a reuse


def test_an_unreadable_as_of_is_refused(api: RolefitClient, tmp_path: Path):
    path = tmp_path / "cv.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    response = api.upload(path, as_of="last spring")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_as_of"
