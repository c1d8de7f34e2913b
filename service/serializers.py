"""One function per resource turns stored state into the stable JSON clients see."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from flask import url_for

from common.job_record import Job
from models.report import Report


def _iso(epoch: str | None) -> str | None:
    if not epoch:
        return None
    from datetime import datetime

    return datetime.fromtimestamp(float(epoch), tz=UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def serialize_job(job: Job, report: Report | None = None) -> dict[str, Any]:
    """`{id, status, created, updated, file, error?, report?, links}`."""
    body: dict[str, Any] = {
        "id": job.id,
        "status": job.status,
        "created": _iso(job.created),
        "updated": _iso(job.updated),
        "file": {"name": job.name, "type": job.type, "size": job.size},
        "role": job.role or None,
        "links": {"self": url_for("api.get_resume", resume_id=job.id)},
    }
    if job.error:
        body["error"] = job.error
    if report is not None:
        body["report"] = report
    return body
