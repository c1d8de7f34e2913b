"""Ranking, filters, blind mode and CSV export of a batch shortlist (pure code)."""

from __future__ import annotations

import csv
import io

from models.shortlist import Query, candidate_code, candidate_summary, rank, to_csv


def report(name: str, score: float, skills: list[str], level: int, years: float) -> dict:
    return {
        "candidate": {
            "name": name,
            "email": f"{name.lower()}@example.com",
            "phone": "555-000-0000",
            "links": [],
            "years_experience": years,
            "highest_degree": "bachelor",
        },
        "skills": [{"id": s.lower(), "name": s} for s in skills],
        "ladder_level": level,
        "best_fit": "mle-ii",
        "fits": [
            {"role": "mle-ii", "score": score, "matched": skills, "missing": ["Go"]},
            {"role": "mle-entry", "score": 99.0, "matched": [], "missing": []},
        ],
        "warnings": [],
    }


ROWS = [
    (
        "job-a",
        candidate_summary(report("Ada", 81.0, ["Python", "PyTorch"], 3, 4.0), "mle-ii", file_name="ada.pdf"),
    ),
    ("job-b", candidate_summary(report("Bo", 64.0, ["Python"], 2, 2.0), "mle-ii", file_name="bo.pdf")),
    (
        "job-c",
        candidate_summary(
            report("=Cy", 92.0, ["PyTorch", "Kubernetes"], 4, 8.0), "mle-ii", file_name="cy.docx"
        ),
    ),
    ("job-d", {"status": "failed", "error": {"code": "encrypted", "message": "locked"}, "file": "d.pdf"}),
]


def test_summary_uses_the_batch_role_not_the_best_score():
    assert ROWS[0][1]["score"] == 81.0


def test_ranked_by_score_with_failures_apart():
    out = rank(ROWS, Query(), batch_id="b1")
    assert [c["name"] for c in out["candidates"]] == ["=Cy", "Ada", "Bo"]
    assert [c["rank"] for c in out["candidates"]] == [1, 2, 3]
    assert out["failures"][0]["error"]["code"] == "encrypted"


def test_filters_min_score_must_and_level():
    assert [c["name"] for c in rank(ROWS, Query(min_score=70), batch_id="b1")["candidates"]] == ["=Cy", "Ada"]
    assert [c["name"] for c in rank(ROWS, Query(must=("python",)), batch_id="b1")["candidates"]] == [
        "Ada",
        "Bo",
    ]
    assert [
        c["name"] for c in rank(ROWS, Query(must=("PyTorch", "python")), batch_id="b1")["candidates"]
    ] == ["Ada"]
    assert [c["name"] for c in rank(ROWS, Query(levels=(2, 3)), batch_id="b1")["candidates"]] == ["Ada", "Bo"]


def test_sorting_and_pages():
    out = rank(ROWS, Query(sort="years", descending=False, per_page=2, page=1), batch_id="b1")
    assert [c["name"] for c in out["candidates"]] == ["Bo", "Ada"] and out["matching"] == 3
    assert [c["name"] for c in rank(ROWS, Query(per_page=2, page=2), batch_id="b1")["candidates"]] == ["Bo"]


def test_blind_mode_hides_identity_behind_stable_codes():
    out = rank(ROWS, Query(blind=True), batch_id="b1")
    text = repr(out)
    for secret in ("Ada", "ada@example.com", "555-000-0000", "ada.pdf", "job-a", "d.pdf"):
        assert secret not in text
    assert out["candidates"][1]["candidate"] == candidate_code("b1", "job-a")
    assert rank(ROWS, Query(blind=True), batch_id="b1") == out
    assert candidate_code("b2", "job-a") != candidate_code("b1", "job-a")


def test_csv_export_is_parseable_blind_and_injection_safe():
    listing = rank(ROWS, Query(), batch_id="b1")["candidates"]
    rows = list(csv.DictReader(io.StringIO(to_csv(listing, blind=False))))
    assert [r["name"] for r in rows] == ["'=Cy", "Ada", "Bo"]
    assert rows[1]["matched"] == "Python; PyTorch"
    blind_rows = list(
        csv.DictReader(
            io.StringIO(to_csv(rank(ROWS, Query(blind=True), batch_id="b1")["candidates"], blind=True))
        )
    )
    assert "name" not in blind_rows[0] and "email" not in blind_rows[0] and "file" not in blind_rows[0]
    assert blind_rows[0]["candidate"].startswith("C-")


def test_a_batch_against_a_role_says_its_score_column_is_that_role():
    out = rank(ROWS, Query(), batch_id="b1")
    assert out["score_column"]["basis"] == "role" and out["score_column"]["role"] == "mle-ii"
    assert out["score_column"]["header"].startswith("Score for ")
    assert all(c["basis"] == "role" and c["role"] == "mle-ii" for c in out["candidates"])


def test_without_a_role_candidates_rank_by_ladder_level_with_every_score_beside():
    """A new graduate's high entry-level score must not outrank a staff engineer's lower senior score."""
    grad = report("Gus", 50.0, ["Python"], 1, 0.0) | {"best_fit": "mle-entry"}
    staff = report("Sal", 70.0, ["PyTorch"], 4, 9.0)
    staff["fits"][1]["score"] = 40.0
    rows = [
        ("job-g", candidate_summary(grad, None, file_name="g.pdf")),
        ("job-s", candidate_summary(staff, None, file_name="s.pdf")),
    ]
    assert rows[0][1]["score"] == 99.0 and rows[0][1]["basis"] == "ladder"  # the grad's own best fit
    out = rank(rows, Query(), batch_id="b2")
    assert [c["name"] for c in out["candidates"]] == ["Sal", "Gus"]
    assert out["ranked_by"] == "level" and out["score_column"]["basis"] == "ladder"
    assert out["candidates"][0]["scores"] == {"mle-ii": 70.0, "mle-entry": 40.0}
    assert [s["score"] for s in out["candidates"][0]["role_scores"]] == [70.0, 40.0]
    assert "ladder level" in out["score_column"]["label"]
