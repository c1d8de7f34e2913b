"""Pages for a tenant's own work: the batches list, a blind row's redacted report, and renaming,
pinning or deleting added roles. Routes join the `pages` blueprint (forms carry its CSRF token)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from flask import flash, redirect, render_template, request, url_for

from models.vocab import DONE
from service.errors import ApiError
from service.pages import bp, needs_key, not_found, report_view
from service.roles import delete_role, pin_role, rename_role
from service.tenancy import caller
from service.tenant_api import batch_listing, blind_report


@bp.get("/batches")
@needs_key()
def batches() -> tuple[str, int]:
    return render_template("batches.html", batches=batch_listing(200), operator=caller().operator), 200


@bp.get("/batches/<batch_id>/candidates/<code>")
@needs_key()
def blind_candidate(batch_id: str, code: str) -> Any:
    try:
        report, status = blind_report(batch_id, code)
    except ApiError as error:
        return not_found(error.message)
    if report is None:
        return render_template(
            "message.html",
            title=f"Candidate {code}",
            message="This candidate's report is not ready (or could not be made).",
            detail=f"Status: {status}.",
        ), 200
    job = SimpleNamespace(id=None, status=DONE, fields={})
    return render_template(
        "report.html",
        job=job,
        report=report_view(report, role=None),
        raw=report,
        blind_code=code,
        batch_id=batch_id,
    ), 200


def _role_action(role_id: str, action: Any, done: str) -> Any:
    try:
        role = action()
    except ApiError as error:
        flash(error.message, "error")
        return redirect(url_for("pages.roles", _anchor=f"role-{role_id}"))
    flash(done.format(title=(role or {}).get("title", "")), "success")
    return redirect(url_for("pages.roles", _anchor=f"role-{role_id}" if role else "added-title"))


@bp.post("/roles/<role_id>/rename")
@needs_key()
def rename_role_page(role_id: str) -> Any:
    title = request.form.get("title") or ""
    return _role_action(role_id, lambda: rename_role(role_id, title), "Renamed the role to “{title}”.")


@bp.post("/roles/<role_id>/delete")
@needs_key()
def delete_role_page(role_id: str) -> Any:
    return _role_action(role_id, lambda: delete_role(role_id), "Deleted the role.")


@bp.post("/roles/<role_id>/pin")
@needs_key()
def pin_role_page(role_id: str) -> Any:
    pinned = request.form.get("pinned") == "1"
    return _role_action(
        role_id,
        lambda: pin_role(role_id, pinned),
        "Pinned “{title}”: it no longer expires."
        if pinned
        else "“{title}” expires with the retention again.",
    )
