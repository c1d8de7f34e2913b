"""The HTML pages: upload, report, batch, roles and sign-in. Forms reuse the JSON API's helpers."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.datastructures import FileStorage, MultiDict

from common.descriptions import MIN_DESCRIPTION_CHARS
from models.report import Fit, Report, Skill
from models.vocab import DEGREE_NAMES, DONE, LEVEL_NAMES, LEVEL_SHORT_NAMES
from service import auth
from service import extensions as ext
from service.api import requested_as_of, submit
from service.archives import is_zip
from service.batches import batch_rows, load_batch, progress, query_from_request, shortlist, start_batch
from service.errors import ApiError
from service.filters import batch_filter_effects
from service.formatting import category_label, years_text
from service.roles import add_role as add_role_for_caller
from service.roles import add_role_from_file, all_roles, create_role, find_role
from service.uploads import read_upload, safe_filename

bp = Blueprint("pages", __name__)
log = logging.getLogger("rolefit.web")
DESCRIPTION_TOO_SHORT = "Paste the job description (at least a few sentences) or choose a file."
COMPONENT_LABELS = {
    "skills": "Skills",
    "skills_coverage": "Skill coverage",
    "experience": "Experience",
    "education": "Education",
    "leadership": "Leadership and scope",
}
WARNING_TITLES = {
    "hidden_text": "Hidden text was ignored",
    "scanned_pages": "Some pages are scanned images",
    "no_text_layer": "Scanned pages",
    "truncated": "Part of the file was not read",
    "work_history_unread": "The work history may be read wrong",
}


def signed_in() -> str | None:
    """The name of the key this browser signed in with (set by `auth.authenticate`), or None."""
    return getattr(g, "api_key_name", None)


def needs_key(*, uploads_only: bool = False) -> Callable:
    """Send a browser that is not signed in to the sign-in page (for uploads only when the settings say so)."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            required = not uploads_only or ext.settings().require_key_for_uploads
            if required and not signed_in():
                flash("Sign in with your API key to continue.", "info")
                return redirect(url_for("pages.signin", next=request.full_path.rstrip("?")))
            return view(*args, **kwargs)

        return wrapper

    return decorate


@bp.app_context_processor
def page_globals() -> dict[str, Any]:
    return {
        "signed_in_as": signed_in(),
        "operator": bool(getattr(g, "api_key_operator", False)),
        "level_names": LEVEL_NAMES,
        "level_short_names": LEVEL_SHORT_NAMES,
        "degree_names": DEGREE_NAMES,
    }


bp.add_app_template_filter(years_text, "years")


@bp.app_errorhandler(CSRFError)
def csrf_failed(error: CSRFError) -> tuple[str, int]:
    return render_template(
        "message.html",
        title="The form expired",
        message="For your safety the form could not be sent: reload the page and try again.",
        detail=error.description,
    ), 400


# --- what the templates show --------------------------------------------------------------------


def skill_index(report: Report) -> dict[str, Skill]:
    """The report's skills and competencies by lower-case name and by id, to find a match's evidence."""
    index: dict[str, Skill] = {}
    for skill in [*report.get("competencies", []), *report["skills"]]:
        index[skill["id"].lower()] = skill
        index[skill["name"].lower()] = skill
    return index


def fit_view(fit: Fit, skills: dict[str, Skill], *, best: str | None, chosen: str | None) -> dict[str, Any]:
    """One role's fit: score, labelled components (0-100) and matched skills with their evidence."""
    parts = fit["components"]
    order = [k for k in COMPONENT_LABELS if k in parts] + sorted(
        k for k in parts if k not in COMPONENT_LABELS
    )
    components = [
        {
            "key": key,
            "label": COMPONENT_LABELS.get(key, key.replace("_", " ").capitalize()),
            "percent": round(100 * float(parts[key])),
        }
        for key in order
        if isinstance(parts[key], (int, float))
    ]
    return {
        **fit,
        "components": components,
        "is_best": fit["role"] == best,
        "is_chosen": fit["role"] == chosen,
        "level_name": LEVEL_NAMES.get(fit["level"], ""),
        "matched": [
            skills.get(name.lower(), {"name": name, "evidence": [], "sections": []})
            for name in fit["matched"]
        ],
    }


def report_view(report: Report, *, role: str | None) -> dict[str, Any]:
    """A `rolefit.report/1` report arranged for the page: fits in ladder order, skills by category.

    Reports stored before `competencies` and `placement` existed lack them (read with .get)."""
    skills = skill_index(report)
    best = report["best_fit"]
    fits = [fit_view(f, skills, best=best, chosen=role) for f in report["fits"]]
    fits.sort(key=lambda f: (f["level"] or 0, -(f["score"] or 0)))
    by_category: dict[str, list[Skill]] = {}
    for skill in sorted(report["skills"], key=lambda s: (-s["mentions"], s["name"])):
        by_category.setdefault(category_label(skill["category"]), []).append(skill)
    warnings = [{"title": WARNING_TITLES.get(w["code"], "Please note"), **w} for w in report["warnings"]]
    level = report["ladder_level"]
    return {
        "raw": report,
        "candidate": report["candidate"],
        "file": report["file"],
        "level": level,
        "level_name": LEVEL_NAMES.get(level, ""),
        "fits": fits,
        "best": next((f for f in fits if f["is_best"]), None),
        "chosen": next((f for f in fits if f["is_chosen"]), None),
        "skills_by_category": sorted(by_category.items()),
        "skill_count": len(report["skills"]),
        "competencies": sorted(report.get("competencies", []), key=lambda c: (-c["mentions"], c["name"])),
        "next_level": report["next_level"],
        "warnings": warnings,
        "placement": report.get("placement") or {},
    }


def role_view(role: dict[str, Any]) -> dict[str, Any]:
    """A role profile with its level's name and its expected years in words."""
    years = role.get("expected_years") or {}
    low, high = years.get("min"), years.get("max")
    if low in (None, 0) and high in (None, 0):
        years_text = "any experience"
    elif high is None:
        years_text = f"{low:g}+ years"
    else:
        years_text = f"{low or 0:g}–{high:g} years"
    top = max((float(s.get("weight") or 0) for s in role.get("skills", [])), default=0.0) or 1.0
    skills = [
        {**s, "percent": round(100 * float(s.get("weight") or 0) / top)} for s in role.get("skills", [])
    ]
    requirements = [
        {**r, "percent": round(100 * float(r.get("weight") or 0))} for r in role.get("requirements", [])
    ]
    return {
        **role,
        "skills": skills,
        "requirements": requirements,
        "years_text": years_text,
        "level_name": LEVEL_NAMES.get(role.get("level"), ""),
    }


# --- upload -------------------------------------------------------------------------------------


def chosen_files() -> list[FileStorage]:
    """The files picked in the form (a browser sends one empty part when none was picked)."""
    return [part for part in request.files.getlist("files") if part.filename]


def is_batch(parts: list[FileStorage]) -> bool:
    """Several files, or one .zip, make a batch; one resume makes a single report."""
    if len(parts) != 1:
        return True
    data = parts[0].stream.read()
    parts[0].stream.seek(0)
    return is_zip(data)


def batch_needs_key_message(parts: list[FileStorage]) -> str:
    """Why a signed-out batch was refused, naming the files that were not uploaded."""
    names = [safe_filename(p.filename) for p in parts]
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    what = "A .zip makes a batch" if len(names) == 1 else f"{len(names)} files make a batch"
    return (
        f"Nothing was uploaded ({shown}). {what}, and screening a batch needs an API key: sign in, "
        "then choose the files again. One resume at a time needs no key."
    )


def form_role() -> str:
    """The role picked, or a new one built from the pasted job description (which needs a key)."""
    description = (request.form.get("job_description") or "").strip()
    if description:
        if not signed_in():
            raise ApiError(
                "unauthorized", "Sign in with your API key to score against your own job description."
            )
        if len(description) < MIN_DESCRIPTION_CHARS:
            raise ApiError("bad_request", "The job description is too short: paste at least a few sentences.")
        return create_role(description, title=(request.form.get("title") or "").strip() or None)["id"]
    role = (request.form.get("role") or "").strip()
    if role and find_role(role) is None:
        raise ApiError("unknown_role", f"There is no role with id {role!r}.")
    return role


def upload_page(*, error: ApiError | None = None, file_name: str | None = None) -> tuple[str, int]:
    settings = ext.settings()
    status = error.status if error else 200
    return render_template(
        "upload.html",
        roles=[role_view(r) for r in all_roles()],
        error=error,
        file_name=file_name,
        max_upload_bytes=settings.max_upload_bytes,
        max_batch_bytes=settings.max_batch_bytes,
        form=request.form,
    ), status


@bp.get("/")
def index() -> tuple[str, int]:
    return upload_page()


@bp.post("/")
@needs_key(uploads_only=True)
def upload() -> Any:
    parts = chosen_files()
    try:
        if not parts:
            raise ApiError(
                "missing_file",
                "Choose a resume to upload (PDF, DOCX, Markdown, HTML or TXT), or drop it on the page.",
            )
        if is_batch(parts):
            if not signed_in():
                raise ApiError("unauthorized", batch_needs_key_message(parts))
            body = start_batch(parts, form_role(), as_of=requested_as_of())
            if body["rejected"]:
                flash(f"{len(body['rejected'])} file(s) could not be used; they are listed below.", "warning")
            return redirect(url_for("pages.batch", batch_id=body["id"]))
        resume = read_upload(parts[0], max_bytes=ext.settings().max_upload_bytes)
        job_id, _status = submit(resume, role=form_role(), as_of=requested_as_of())
        ext.metrics().count("uploads", kind="single", type=resume.file_type)
        return redirect(url_for("pages.report", resume_id=job_id))
    except ApiError as error:
        if error.code in {"unavailable", "backlog_full"}:
            return render_template(
                "message.html", title="Busy for a moment", message=error.message, detail=None
            ), error.status
        single = len(parts) == 1 and error.code in {"empty", "unsupported_type", "too_large", "corrupt"}
        return upload_page(error=error, file_name=safe_filename(parts[0].filename) if single else None)


# --- one report ---------------------------------------------------------------------------------


@bp.get("/reports/<resume_id>")
@needs_key(uploads_only=True)
def report(resume_id: str) -> tuple[str, int]:
    store = ext.store()
    job = store.get_job(resume_id)
    if job is None:
        return not_found("No report with this id: it never existed, was deleted, or has expired.")
    stored = store.get_report(resume_id) if job.status == DONE else None
    view = report_view(stored, role=job.role or None) if stored else None
    return render_template("report.html", job=job, report=view, raw=stored), 200


@bp.get("/reports/<resume_id>/report.json")
@needs_key(uploads_only=True)
def report_json(resume_id: str) -> Any:
    stored = ext.store().get_report(resume_id)
    if stored is None:
        return not_found("No finished report with this id.")
    response = Response(json.dumps(stored, indent=2, ensure_ascii=False), mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="rolefit-report-{resume_id[:8]}.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/reports/<resume_id>/delete")
@needs_key(uploads_only=True)
def delete_report(resume_id: str) -> Any:
    if not ext.store().erase(resume_id):
        return not_found("No report with this id: it was already deleted, or has expired.")
    log.info("resume erased", extra={"stage": "erased", "job": resume_id})
    flash("The report and everything stored about the candidate were deleted.", "success")
    return redirect(url_for("pages.index"))


# --- batches ------------------------------------------------------------------------------------


@bp.get("/batches/<batch_id>")
@needs_key()
def batch(batch_id: str) -> tuple[str, int]:
    try:
        record = load_batch(batch_id)
        query = query_from_request()
    except ApiError as error:
        if error.code == "not_found":
            return not_found(error.message)
        flash(error.message, "error")
        return redirect(url_for("pages.batch", batch_id=batch_id))
    counts = progress(record)
    listing = shortlist(batch_id, query)
    role = find_role(record.get("role", "")) if record.get("role") else None
    rejected = json.loads(record.get("rejected", "[]"))
    duplicates = [] if query.blind else json.loads(record.get("duplicates", "[]"))
    effects = batch_filter_effects(lambda: batch_rows(batch_id), query)
    return render_template(
        "batch.html",
        batch_id=batch_id,
        counts=counts,
        listing=listing,
        query=query,
        effects=effects,
        role=role_view(role) if role else None,
        rejected=rejected,
        duplicates=duplicates,
        done=counts["finished"] >= counts["total"],
        args=filter_args(),
    ), 200


# The query names the batch page's links carry on; others (`batch_id`, `endpoint`, `_method`, …) would
# clash with `url_for`'s own arguments, so they are dropped.
FILTER_ARGS = frozenset({"min_score", "must", "level", "sort", "order", "page", "per_page", "blind"})


def filter_args() -> MultiDict:
    """The request's shortlist filters, without any query name `url_for` would misread."""
    return MultiDict([(k, v) for k, v in request.args.items(multi=True) if k in FILTER_ARGS])


# --- roles --------------------------------------------------------------------------------------


@bp.get("/roles")
def roles() -> tuple[str, int]:
    return roles_page()


def roles_page(*, error: ApiError | None = None) -> tuple[str, int]:
    listed = [role_view(r) for r in all_roles()]
    return render_template(
        "roles.html",
        seeds=[r for r in listed if r["seed"]],
        added=[r for r in listed if not r["seed"]],
        error=error,
        form=request.form,
    ), error.status if error else 200


@bp.post("/roles")
@needs_key()
def add_role() -> Any:
    text = (request.form.get("text") or "").strip()
    upload = request.files.get("file")
    title = (request.form.get("title") or "").strip() or None
    try:
        if not text and upload is not None and upload.filename:  # a worker reads the file
            document = read_upload(upload, max_bytes=ext.settings().max_upload_bytes)
            profile, created = add_role_from_file(
                document, title=title, too_short_message=DESCRIPTION_TOO_SHORT
            )
        elif len(text) < MIN_DESCRIPTION_CHARS:
            raise ApiError("bad_request", DESCRIPTION_TOO_SHORT)
        else:
            profile, created = add_role_for_caller(text, title=title)
    except ApiError as error:
        return roles_page(error=error)
    if created:
        flash(f"Added the role “{profile['title']}”. Resumes can now be scored against it.", "success")
    else:
        flash(
            f"You added this job description before, as “{profile['title']}”: no second copy was made.",
            "info",
        )
    return redirect(url_for("pages.roles", _anchor=f"role-{profile['id']}"))


# --- sign in ------------------------------------------------------------------------------------


def safe_next(target: str | None) -> str:
    """Only a path on this site (never another host) is a place to go back to after signing in."""
    if not target or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):  # CR/LF would break the header
        return url_for("pages.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("pages.index")
    return target


@bp.route("/signin", methods=["GET", "POST"])
def signin() -> Any:
    error = None
    target = safe_next(request.values.get("next"))
    if request.method == "POST":
        name = auth.sign_in(request.form.get("api_key") or "")
        if name is not None:
            flash(f"Signed in with the key “{name}”.", "success")
            return redirect(target)
        error = "That API key is not valid. Check it (it starts with rf_) and try again."
    return render_template("signin.html", error=error, next=target), 401 if error else 200


@bp.post("/signout")
def signout() -> Any:
    auth.sign_out()
    flash("Signed out.", "success")
    return redirect(url_for("pages.index"))


def not_found(message: str) -> tuple[str, int]:
    return render_template("message.html", title="Not found", message=message, detail=None), 404
