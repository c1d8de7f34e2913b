"""The JSON API under /api/v1: resumes and roles. Views are short; the work lives in helpers."""

from __future__ import annotations

import logging

from celery import group
from flask import Blueprint, Response, g, jsonify, request, url_for

from common.celery_config import QUEUE, TASK_ANALYZE
from common.descriptions import too_short
from common.fingerprint import dedupe_scope
from models.vocab import DONE, QUEUED
from service import extensions as ext
from service.backlog import admit, release, share_keys
from service.errors import ApiError
from service.roles import add_role, add_role_from_file, all_roles, find_role
from service.serializers import serialize_job
from service.uploads import Upload, read_upload

bp = Blueprint("api", __name__, url_prefix="/api/v1")
log = logging.getLogger("rolefit.web")


def enqueue(job_ids: list[str]) -> None:
    """Queue the analysis of jobs by id (only ids cross the queue); a batch goes as one Celery group."""
    if not job_ids:
        return
    sender = ext.celery()
    try:
        if len(job_ids) == 1:
            sender.send_task(TASK_ANALYZE, args=[job_ids[0]], queue=QUEUE)
        else:
            group(
                sender.signature(TASK_ANALYZE, args=[job_id], queue=QUEUE) for job_id in job_ids
            ).apply_async()
    except Exception as error:  # noqa: BLE001 (kombu wraps transport errors in its own types)
        log.warning(
            "enqueue failed", extra={"stage": "enqueue", "jobs": len(job_ids), "error": type(error).__name__}
        )
        for job_id in job_ids:
            ext.store().fail(job_id, "unavailable", "The job queue was unreachable; upload the file again.")
        raise ApiError(
            "unavailable", "The job queue is unreachable; try again in a few seconds.", 503
        ) from None


def submit(
    upload: Upload,
    *,
    role: str = "",
    batch: str = "",
    queue_now: bool = True,
    job_id: str | None = None,
    as_of: str = "",
) -> tuple[str, str]:
    """Create a job for an upload (reusing an identical file's report) and queue it; (id, status).

    With `queue_now=False` the caller queues the returned `queued` ids itself (a batch, in one group).
    `job_id` is a place already admitted to the backlog (`service.backlog.admit`); without it the
    upload is admitted here, or refused with 503 when its client's share is full.
    """
    store = ext.store()
    scope = reuse_scope(role, as_of)
    previous = store.find_digest(scope, upload.sha256) if scope else None
    if previous:
        reused = store.create_job_from_report(previous, name=upload.name, role=role, batch=batch)
        if reused:
            release([job_id] if job_id else [])  # the place admitted for it is not needed
            return reused, DONE
    job_id = job_id or admit([upload])[0]
    job_id = store.create_job(
        upload.data,
        name=upload.name,
        file_type=upload.file_type,
        sha256=upload.sha256,
        role=role,
        batch=batch,
        job_id=job_id,
        reuse_scope=scope,
        backlog=share_keys(),
        as_of=as_of,
    )
    if batch:
        store.add_to_batch(batch, job_id, QUEUED)
    if queue_now:
        enqueue([job_id])
    return job_id, QUEUED


def reuse_scope(role: str, as_of: str = "") -> str:
    """Where an identical file's report may be reused: only under the same API key (and taxonomy, code, role).

    Without a key nothing is reused: one stranger must not learn that another uploaded the same file,
    nor see their file name.
    """
    digest = getattr(g, "api_key_digest", None)
    return f"{dedupe_scope(role, as_of)}:key:{digest[:32]}" if digest else ""


def requested_role() -> str:
    role = (request.form.get("role") or request.args.get("role") or "").strip()
    if role and find_role(role) is None:
        raise ApiError("unknown_role", f"There is no role with id {role!r}; GET /api/v1/roles lists them.")
    return role


def requested_as_of() -> str:
    """The optional `as_of` field (YYYY-MM-DD or YYYY-MM): the date "Present" means in the resume,
    overriding the file's own date. Returned as an ISO date, or "" when not given."""
    value = (request.form.get("as_of") or request.args.get("as_of") or "").strip()
    if not value:
        return ""
    from common.as_of import parse_as_of

    try:
        return parse_as_of(value).isoformat()
    except ValueError:
        raise ApiError("invalid_as_of", "`as_of` must be a date given as YYYY-MM-DD or YYYY-MM.") from None


@bp.post("/resumes")
def upload_resume():
    request.max_content_length = ext.settings().max_upload_bytes + 64 * 1024
    upload = read_upload(request.files.get("file"), max_bytes=ext.settings().max_upload_bytes)
    role = requested_role()
    job_id, status = submit(upload, role=role, as_of=requested_as_of())
    ext.metrics().count("uploads", kind="single", type=upload.file_type)
    log.info(
        "upload accepted",
        extra={"stage": "accepted", "job": job_id, "type": upload.file_type, "bytes": len(upload.data)},
    )
    body = {"id": job_id, "status": status, "links": {"self": url_for("api.get_resume", resume_id=job_id)}}
    response = jsonify(body)
    response.status_code = 202
    response.headers["Location"] = body["links"]["self"]
    return response


@bp.get("/resumes/<resume_id>")
def get_resume(resume_id: str):
    store = ext.store()
    job = store.get_job(resume_id)
    if job is None:
        raise ApiError("not_found", "No resume with this id: it never existed, was deleted, or has expired.")
    report = store.get_report(resume_id) if job.status == DONE else None
    return jsonify(serialize_job(job, report))


@bp.delete("/resumes/<resume_id>")
def delete_resume(resume_id: str):
    if not ext.store().erase(resume_id):
        raise ApiError("not_found", "No resume with this id: it never existed, was deleted, or has expired.")
    log.info("resume erased", extra={"stage": "erased", "job": resume_id})
    return Response(status=204)


@bp.get("/roles")
def list_roles():
    return jsonify({"roles": all_roles()})


@bp.get("/roles/<role_id>")
def get_role(role_id: str):
    role = find_role(role_id)
    if role is None:
        raise ApiError("not_found", f"There is no role with id {role_id!r}.")
    return jsonify(role)


DESCRIPTION_TOO_SHORT = "Send the job description as `text` (at least a few sentences) or as a `file`."


@bp.post("/roles")
def post_role():
    body = request.get_json(silent=True)
    body = body if isinstance(body, dict) else {}  # a JSON list or number is no job description
    text = request.form.get("text") or body.get("text") or ""
    title = request.form.get("title") or body.get("title")
    if not isinstance(text, str) or not (title is None or isinstance(title, str)):
        raise ApiError("bad_request", "`text` and `title` must be strings.")
    if not text and "file" in request.files:  # a worker reads the file (and builds the role)
        upload = read_upload(request.files["file"], max_bytes=ext.settings().max_upload_bytes)
        profile, created = add_role_from_file(upload, title=title, too_short_message=DESCRIPTION_TOO_SHORT)
    elif too_short(text):
        raise ApiError("bad_request", DESCRIPTION_TOO_SHORT)
    else:
        profile, created = add_role(text, title=title)  # the same text again gives the same role (200)
    response = jsonify(profile)
    response.status_code = 201 if created else 200
    response.headers["Location"] = url_for("api.get_role", role_id=profile["id"])
    return response
