"""Roles built from users' job descriptions: the same builder as the seeds, readable, storable."""

from __future__ import annotations

from worker.roles import build_role_profile, role_from_record, role_to_record

JD = (
    "Senior Machine Learning Engineer, Search\n"
    "You will build ranking models in PyTorch and serve them on Kubernetes. We ask for 5+ years of "
    "experience with Python, Apache Spark and A/B testing, and a master's degree in computer science."
)


def test_a_job_description_becomes_a_weighted_role():
    role = build_role_profile(JD, title="Senior MLE, Search", role_id="jd-test")
    assert role.id == "jd-test" and role.title == "Senior MLE, Search"
    assert {"pytorch", "kubernetes", "python"} <= set(role.skills)
    assert role.expected_years[0] == 5 and role.education == "master"
    assert role.level >= 4
    view = role.to_dict()
    names = {s["name"] for s in view["skills"]}
    assert "PyTorch" in names  # display names, not ids
    assert all(role.categories[s] for s in role.skills)  # categories give partial credit inside a family


def test_a_role_survives_the_store_round_trip():
    role = build_role_profile(JD, title=None, role_id="jd-x")
    assert role_from_record(role_to_record(role)) == role
