"""Labels and numbers read the same everywhere: "ML field" and "MLOps" (never "Ml field", "Mlops"),
years with one decimal ("8.0") on the report page, the batch page and in the CLI."""

from __future__ import annotations

import pytest

from common.store import Store
from models.shortlist import candidate_summary
from service.auth import hash_key
from service.formatting import category_label, years_text
from service.tenancy import tenant_id

REPORT = {
    "schema": "rolefit.report/1",
    "file": {"name": "eight.txt", "type": "txt", "pages": 1, "sha256": "8" * 64},
    "taxonomy_version": "test",
    "candidate": {
        "name": "Eight Years",
        "email": None,
        "phone": None,
        "links": [],
        "years_experience": 8.0,
        "highest_degree": "master",
        "titles": [],
    },
    "skills": [
        {
            "id": "machine-learning",
            "name": "machine learning",
            "category": "ml_field",
            "mentions": 2,
            "sections": ["experience"],
            "evidence": ["Built machine learning systems."],
        },
        {
            "id": "mlflow",
            "name": "MLflow",
            "category": "mlops",
            "mentions": 1,
            "sections": ["skills"],
            "evidence": ["MLflow"],
        },
    ],
    "ladder_level": 4,
    "fits": [
        {
            "role": "mle-ii",
            "title": "Machine Learning Engineer II",
            "level": 3,
            "score": 70.0,
            "components": {"skills": 0.7},
            "matched": ["machine learning"],
            "missing": [],
            "explanation": "x",
        }
    ],
    "best_fit": "mle-ii",
    "next_level": {"level": 5, "gaps": []},
    "warnings": [],
}


@pytest.mark.parametrize(
    ("category", "label"),
    [
        ("ml_field", "ML field"),
        ("mlops", "MLOps"),
        ("llm_tooling", "LLM tooling"),
        ("devops", "DevOps"),
        ("programming_language", "Programming language"),
    ],
)
def test_category_labels(category: str, label: str):
    assert category_label(category) == label


@pytest.mark.parametrize(("years", "text"), [(8, "8.0"), (8.0, "8.0"), (2.46, "2.5"), (None, "–")])
def test_years_have_one_decimal(years, text: str):
    assert years_text(years) == text


def test_pages_show_the_same_labels_and_years(app, client, redis_url: str, api_key: str):
    store = Store.from_url(redis_url)
    job = store.create_job(b"x", name="eight.txt", file_type="txt", sha256="8" * 64)
    store.finish(job, REPORT)
    html = client.get(f"/reports/{job}").get_data(as_text=True)
    assert "ML field" in html and "MLOps" in html and "Ml field" not in html and "Mlops" not in html
    assert "8.0 years of experience" in html
    batch = store.create_batch(role="mle-ii", total=1, extra={"owner": tenant_id(hash_key(api_key))})
    member = store.create_job(b"y", name="eight.txt", file_type="txt", sha256="9" * 64, batch=batch)
    store.add_to_batch(batch, member, "queued")
    store.finish(member, REPORT, summary=candidate_summary(REPORT, "mle-ii", file_name="eight.txt"))
    page = client.get(f"/batches/{batch}", headers={"X-API-Key": api_key}).get_data(as_text=True)
    assert '<td class="num years" data-label="Years">8.0</td>' in page
