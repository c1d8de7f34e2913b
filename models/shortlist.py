"""A recruiter's shortlist from candidate summaries: filter, sort, page, blind, export. Pure code."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypedDict, cast

from models.report import Report
from models.vocab import DONE, FAILED

SORT_KEYS = ("score", "years", "level", "name")
PERSONAL_FIELDS = ("name", "email", "phone", "links", "file")


class RoleScore(TypedDict):
    role: str
    title: str
    level: int | None
    score: float


class CandidateRow(TypedDict):
    """A finished candidate's row in a batch: the score for the batch's role (or the best fit) and why."""

    status: str  # "done"
    score: float
    role: str | None
    role_title: str | None
    basis: str  # "role" | "ladder"
    scores: dict[str, float]
    role_scores: list[RoleScore]
    ladder_level: int | None
    best_fit: str | None
    years: float | None
    highest_degree: str | None
    matched: list[str]
    missing: list[str]
    skills: list[str]  # ids, for the must-have filter
    skill_names: list[str]
    warnings: list[str]
    warning_messages: list[str]
    name: str | None
    email: str | None
    phone: str | None
    links: list[str]
    file: str


class RowError(TypedDict):
    code: str
    message: str


class FailedRow(TypedDict):
    """A file of the batch that could not be analysed."""

    status: str  # "failed"
    error: RowError
    file: str


Row = CandidateRow | FailedRow


def candidate_summary(report: Report, role_id: str | None, *, file_name: str) -> CandidateRow:
    """The row a batch keeps per candidate, built once by the worker when the report is written.

    A batch against a role keeps every candidate's score for that one role (`basis: "role"`), so the
    rows compare like with like. Without a role (`basis: "ladder"`) the row keeps the best fit's
    score and every role's score beside it, and the shortlist ranks by ladder level first.
    """
    fits = report["fits"]
    fit = next((f for f in fits if f["role"] == role_id), None) if role_id else None
    basis = "role" if fit is not None else "ladder"
    if fit is None and fits:
        best = report["best_fit"]
        fit = next((f for f in fits if f["role"] == best), None) or max(fits, key=lambda f: f["score"])
    candidate = report["candidate"]
    skills = report["skills"]
    warnings = report["warnings"]
    return {
        "status": DONE,
        "score": float(fit["score"]) if fit else 0.0,
        "role": fit["role"] if fit else None,
        # hand-made reports in older rows and tests may lack a fit's title or level
        "role_title": fit.get("title") if fit else None,
        "basis": basis,
        "scores": {f["role"]: float(f["score"]) for f in fits},
        "role_scores": [
            {
                "role": f["role"],
                "title": f.get("title") or f["role"],
                "level": f.get("level"),
                "score": float(f["score"]),
            }
            for f in fits
        ],
        "ladder_level": report["ladder_level"],
        "best_fit": report["best_fit"],
        "years": candidate["years_experience"],
        "highest_degree": candidate["highest_degree"],
        "matched": list(fit["matched"])[:8] if fit else [],
        "missing": list(fit["missing"])[:8] if fit else [],
        "skills": sorted(s["id"] for s in skills),
        "skill_names": sorted({s["name"].lower() for s in skills}),
        "warnings": [w["code"] for w in warnings],
        "warning_messages": [w["message"] for w in warnings],
        "name": candidate["name"],
        "email": candidate["email"],
        "phone": candidate["phone"],
        "links": candidate["links"],
        "file": file_name,
    }


def failure_summary(code: str, message: str, *, file_name: str) -> FailedRow:
    """The row of a file that failed (written by the store, the one place a job fails)."""
    return {"status": FAILED, "error": {"code": code, "message": message}, "file": file_name}


def candidate_code(batch_id: str, job_id: str) -> str:
    """A stable pseudonym for blind review: the same candidate keeps it across requests and exports."""
    return "C-" + hashlib.sha256(f"{batch_id}:{job_id}".encode()).hexdigest()[:8].upper()


@dataclass(frozen=True)
class Query:
    """What a recruiter asked for: filters, order, page and blind mode."""

    min_score: float | None = None
    must: tuple[str, ...] = ()
    levels: tuple[int, ...] = ()
    sort: str = "score"
    descending: bool = True
    page: int = 1
    per_page: int = 50
    blind: bool = False
    warnings: tuple[str, ...] = field(default=())


def _has_skill(row: CandidateRow, wanted: str) -> bool:
    needle = wanted.strip().lower()
    return needle in row["skills"] or needle in row["skill_names"]


def _sort_value(row: CandidateRow, key: str) -> Any:
    if key == "years":
        return row["years"] or 0.0
    if key == "level":
        return row["ladder_level"] or 0
    if key == "name":
        return (row["name"] or "").lower()
    return row["score"] or 0.0


def rank(rows: Iterable[tuple[str, Row]], query: Query, *, batch_id: str) -> dict[str, Any]:
    """Filter, sort and page the done candidates; failed ones are listed apart with their codes."""
    done: list[tuple[str, CandidateRow]] = []
    failed: list[tuple[str, Row]] = []
    for job_id, row in rows:
        if row["status"] == DONE:
            done.append((job_id, cast(CandidateRow, row)))
        else:
            failed.append((job_id, row))
    matching = [
        (job_id, row)
        for job_id, row in done
        if (query.min_score is None or row["score"] >= query.min_score)
        and all(_has_skill(row, skill) for skill in query.must)
        and (not query.levels or row["ladder_level"] in query.levels)
    ]
    sort_key = query.sort if query.sort in SORT_KEYS else "score"
    if query.blind and sort_key == "name":
        sort_key = "score"
    column = score_column(row for _, row in done)
    if column["basis"] == "ladder" and sort_key == "score":
        sort_key = "level"  # own best-fit scores are not comparable: rank by ladder level, then score
    # ties broken by score, then by the stable candidate code, so pages never shuffle
    matching.sort(key=lambda item: candidate_code(batch_id, item[0]))
    matching.sort(key=lambda item: _sort_value(item[1], "score"), reverse=True)
    matching.sort(
        key=lambda item: _sort_value(item[1], sort_key), reverse=query.descending and sort_key != "name"
    )
    start = (max(query.page, 1) - 1) * query.per_page
    page = matching[start : start + query.per_page]
    return {
        "matching": len(matching),
        "page": max(query.page, 1),
        "per_page": query.per_page,
        "candidates": [
            present(job_id, row, batch_id=batch_id, blind=query.blind, rank_no=start + i + 1)
            for i, (job_id, row) in enumerate(page)
        ],
        "failures": [present(job_id, row, batch_id=batch_id, blind=query.blind) for job_id, row in failed],
        "score_column": column,
        "ranked_by": sort_key,
    }


def score_column(summaries: Iterable[CandidateRow]) -> dict[str, Any]:
    """What the shortlist's score column is: one role's score, or each candidate's best-fit score."""
    rows = list(summaries)
    if rows and all(r["basis"] == "role" for r in rows):
        roles = {(r["role"], r["role_title"]) for r in rows}
        if len(roles) == 1:
            role, title = roles.pop()
            return {
                "basis": "role",
                "role": role,
                "header": f"Score for {title or role}",
                "label": f"Every candidate's score for {title or role}.",
            }
    if rows and all(r["basis"] == "role" for r in rows):
        return {
            "basis": "role",
            "role": None,
            "header": "Score for the batch's role",
            "label": "Every candidate's score for the role the batch was sent against.",
        }
    return {
        "basis": "ladder",
        "role": None,
        "header": "Best-fit score",
        "label": "No role was chosen: candidates are ranked by ladder level, then by the score for "
        "their own best-fit role; every role's score is listed beside it.",
    }


def present(
    job_id: str, row: Row, *, batch_id: str, blind: bool, rank_no: int | None = None
) -> dict[str, Any]:
    """One candidate as the API shows it; blind mode drops names, contact details and file names."""
    out: dict[str, Any] = {"candidate": candidate_code(batch_id, job_id)}
    if rank_no is not None:
        out["rank"] = rank_no
    if not blind:
        out["id"] = job_id
    for key, value in row.items():
        if key in ("skill_names", "skills"):
            continue
        if blind and key in PERSONAL_FIELDS:
            continue
        out[key] = value
    return out


CSV_COLUMNS = (
    "rank",
    "candidate",
    "name",
    "email",
    "phone",
    "file",
    "score",
    "role",
    "basis",
    "ladder_level",
    "best_fit",
    "years",
    "highest_degree",
    "matched",
    "missing",
    "warnings",
    "status",
    "error_code",
    "error_message",
)


def to_csv(
    candidates: Sequence[dict[str, Any]], *, blind: bool, failures: Sequence[dict[str, Any]] = ()
) -> str:
    """The shortlist as CSV; lists are joined with '; '. Blind exports carry no personal columns.

    Files that could not be analysed follow the ranked rows, with `status` failed and their error code.
    """
    columns = [c for c in CSV_COLUMNS if not (blind and c in PERSONAL_FIELDS)]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in candidates:
        writer.writerow(
            {
                key: _csv_safe("; ".join(map(str, value)) if isinstance(value, list) else value)
                for key, value in {"status": DONE, **row}.items()
                if key in columns
            }
        )
    for row in failures:
        error = row.get("error") or {}
        flat = {
            "candidate": row.get("candidate"),
            "file": row.get("file"),
            "status": FAILED,
            "error_code": error.get("code"),
            "error_message": error.get("message"),
        }
        writer.writerow({key: _csv_safe(value) for key, value in flat.items() if key in columns})
    return buffer.getvalue()


def _csv_safe(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
