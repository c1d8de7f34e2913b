"""The roles page and `GET /api/v1/roles/{id}`: five ladder levels, requirements with weight, importance and source."""

from __future__ import annotations

import html as html_module


def test_api_lists_one_role_per_ladder_level_with_quoted_requirements(client):
    roles = client.get("/api/v1/roles").json["roles"]
    seeds = [r for r in roles if r["seed"]]
    assert {r["level"] for r in seeds} == {1, 2, 3, 4, 5}
    senior = client.get("/api/v1/roles/senior-staff-mle").json
    assert senior["level"] == 4 and senior["title"] == "Senior/Staff Machine Learning Engineer"
    requirements = senior["requirements"]
    assert len(requirements) >= 10
    for req in requirements:
        assert req["importance"] in {"required", "strong_plus", "nice_to_have"}
        assert 0 < req["weight"] <= 1 and req["skills"] and req["label"]
    weights = [r["weight"] for r in requirements]
    assert weights == sorted(weights, reverse=True)
    ids = {r["id"] for r in requirements}
    assert {"mlops", "model-monitoring", "python"} <= ids  # the senior part's own, and the core it keeps
    assert all(r["source"] for r in requirements[:10])  # each quotes the sentence it came from


def test_entry_role_reads_like_a_job_ad_not_like_rare_words(client):
    entry = client.get("/api/v1/roles/mle-entry").json
    top = {r["id"]: r for r in entry["requirements"][:10]}
    assert "python" in top and top["python"]["importance"] == "required"
    assert "machine-learning" in top
    frameworks = next(r for r in entry["requirements"] if r["id"] == "family:dl-framework")
    assert {"tensorflow", "pytorch"} <= {s["id"] for s in frameworks["skills"]}  # any one of them will do
    weights = {sid: r["weight"] for r in entry["requirements"] for sid in (s["id"] for s in r["skills"])}
    assert weights["python"] > weights.get("grafana", 0) and weights["python"] > weights.get(
        "elasticsearch", 0
    )


def test_roles_page_shows_requirements_with_importance_weight_and_sentence(client):
    page = html_module.unescape(client.get("/roles").get_data(as_text=True))
    assert "Senior/Staff Machine Learning Engineer" in page and "Level 4" in page
    assert "required" in page and "strong plus" in page
    assert "Proficiency in Python is essential" in page  # the sentence a requirement came from
