"""The API a tenant's own work needs: its batches listed, a blind row's redacted report, its roles
renamed, pinned or deleted. Everything here is scoped by `service.tenancy`."""

from __future__ import annotations

import time
from typing import Any

from flask import Blueprint, Response, jsonify, request, url_for

from models.shortlist import candidate_code
from models.vocab import DONE
from service import extensions as ext
from service.batches import batch_status, load_batch, progress
from service.errors import ApiError
from service.redact import redact_report
from service.roles import delete_role, find_role, pin_role, rename_role
from service.tenancy import caller, tenants

bp = Blueprint("tenants", __name__, url_prefix="/api/v1")


def iso(timestamp: str | float | None) -> str | None:
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(float(timestamp)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def batch_listing(limit: int = 100) -> list[dict[str, Any]]:
    """The caller's batches (every tenant's for an operator), newest first, with progress and role."""
    who = caller()
    if who.owner is None:
        return []
    out = []
    for entry in tenants().batches(who.scope, limit=limit):
        if not who.can_see(entry.record.get("owner")):
            continue
        counts = progress(entry.record)
        role_id = entry.record.get("role") or None
        role = find_role(role_id) if role_id else None
        out.append(
            {
                "id": entry.id,
                "created": iso(entry.record.get("created")),
                "status": batch_status(counts),
                "progress": counts,
                "role": role_id,
                "role_title": role["title"]
                if role
                else ("Every role on the ladder" if not role_id else None),
                "links": {
                    "self": url_for("batches.get_batch", batch_id=entry.id),
                    "page": url_for("pages.batch", batch_id=entry.id),
                    "export": url_for("batches.export_batch", batch_id=entry.id),
                },
            }
        )
    return out


@bp.get("/batches")
def list_batches():
    raw = request.args.get("limit", "100")
    if not raw.isdigit() or not 1 <= int(raw) <= 1000:
        raise ApiError("bad_request", "`limit` must be a whole number from 1 to 1000.")
    return jsonify({"batches": batch_listing(int(raw)), "operator": caller().operator})


def candidate_job(batch_id: str, code: str) -> str:
    """The job behind a blind code in a batch the caller may see; 404 otherwise."""
    load_batch(batch_id)
    for job_id in ext.store().batch_summaries(batch_id):
        if candidate_code(batch_id, job_id) == code:
            return job_id
    raise ApiError("not_found", f"No candidate {code!r} in this batch.")


def blind_report(batch_id: str, code: str) -> tuple[dict[str, Any] | None, str]:
    """(redacted report or None while unfinished, job status) of a blind row."""
    job_id = candidate_job(batch_id, code)
    job = ext.store().get_job(job_id)
    report = ext.store().get_report(job_id) if job is not None and job.status == DONE else None
    return (redact_report(report, code=code) if report else None), (job.status if job else "gone")


@bp.get("/batches/<batch_id>/candidates/<code>")
def blind_candidate(batch_id: str, code: str):
    report, status = blind_report(batch_id, code)
    return jsonify({"candidate": code, "batch": batch_id, "status": status, "report": report})


@bp.patch("/roles/<role_id>")
def patch_role(role_id: str):
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not ({"title", "pinned"} & body.keys()):
        raise ApiError(
            "bad_request", "Send a JSON object with `title` (a new name) and/or `pinned` (operators)."
        )
    if "title" in body and not isinstance(body["title"], str):
        raise ApiError("bad_request", "`title` must be a string.")
    if "pinned" in body and not isinstance(body["pinned"], bool):
        raise ApiError("bad_request", "`pinned` must be true or false.")
    role: dict[str, Any] = {}
    if "pinned" in body:
        role = pin_role(role_id, body["pinned"])
    if "title" in body:
        role = rename_role(role_id, body["title"])
    return jsonify(role)


@bp.delete("/roles/<role_id>")
def delete_role_view(role_id: str):
    delete_role(role_id)
    return Response(status=204)
