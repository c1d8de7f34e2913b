"""Batch screening: many files or one .zip against a role; progress, ranked shortlist, export."""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import Blueprint, Response, g, jsonify, request, url_for
from werkzeug.datastructures import FileStorage

from common.metrics import SIZE_BUCKETS
from models.shortlist import Query, Row, rank, to_csv
from models.vocab import DONE, FAILED, JOB_STATUSES, RUNNING
from service import extensions as ext
from service.api import enqueue, requested_as_of, requested_role, submit
from service.archives import ZipLimits, is_zip, read_zip
from service.backlog import admit
from service.errors import ApiError
from service.filters import batch_filter_effects, check_order, check_sort, resolve_skills
from service.roles import create_role
from service.tenancy import caller, tenants
from service.uploads import Upload, read_upload, safe_filename, upload_from_bytes

bp = Blueprint("batches", __name__, url_prefix="/api/v1/batches")
log = logging.getLogger("rolefit.web")


def collect_uploads(parts: list[FileStorage]) -> tuple[list[Upload], list[dict[str, str]]]:
    """Every resume in the request (zips opened), and the parts refused with their codes."""
    settings = ext.settings()
    limits = ZipLimits(
        max_entries=settings.max_zip_entries,
        max_total_bytes=settings.max_zip_uncompressed_bytes,
        max_entry_bytes=settings.max_upload_bytes,
        max_ratio=settings.max_zip_ratio,
    )
    uploads: list[Upload] = []
    rejected: list[dict[str, str]] = []
    for part in parts:
        head = part.stream.read(8)
        part.stream.seek(0)
        if head[:4] == b"PK\x03\x04":
            data = part.stream.read()
            if is_zip(data):
                contents = read_zip(data, limits)
                rejected += contents.rejected
                for name, body in contents.files:
                    _add(uploads, rejected, name, body)
                continue
            if len(data) > settings.max_upload_bytes:  # a .docx part: the single-file limit applies
                rejected.append(
                    {
                        "file": safe_filename(part.filename),
                        "code": "too_large",
                        "message": f"The file is larger than the limit of "
                        f"{settings.max_upload_bytes // (1024 * 1024)} MB.",
                    }
                )
                continue
            _add(uploads, rejected, safe_filename(part.filename), data)
            continue
        try:
            uploads.append(read_upload(part, max_bytes=settings.max_upload_bytes))
        except ApiError as error:
            rejected.append(
                {"file": safe_filename(part.filename), "code": error.code, "message": error.message}
            )
    return uploads, rejected


def _add(uploads: list[Upload], rejected: list[dict[str, str]], name: str, data: bytes) -> None:
    try:
        uploads.append(upload_from_bytes(data, name))
    except ApiError as error:
        rejected.append({"file": safe_filename(name), "code": error.code, "message": error.message})


def batch_role() -> str:
    """The role to rank by: a role id, or a job description sent with the batch (built into a role)."""
    description = (request.form.get("job_description") or "").strip()
    if description:
        return create_role(description, title=request.form.get("title"))["id"]
    return requested_role()


@bp.post("")
def create_batch():
    request.max_content_length = ext.settings().max_batch_bytes
    parts = request.files.getlist("files") + request.files.getlist("file")
    if not parts:
        raise ApiError("missing_file", "Send resumes as multipart fields named `files` (or one .zip).")
    body = start_batch(parts, batch_role(), as_of=requested_as_of())
    body["links"] = {
        "self": url_for("batches.get_batch", batch_id=body["id"]),
        "export": url_for("batches.export_batch", batch_id=body["id"]),
    }
    response = jsonify(body)
    response.status_code = 202
    response.headers["Location"] = body["links"]["self"]
    return response


def start_batch(parts: list[FileStorage], role: str, *, as_of: str = "") -> dict[str, Any]:
    """Validate, deduplicate and queue a batch's files against `role`: `{id, total, role, rejected, duplicates}`."""
    uploads, rejected = collect_uploads(parts)
    limit = ext.settings().max_batch_files
    if len(uploads) > limit:
        raise ApiError("too_large", f"The batch holds {len(uploads)} resumes; the limit is {limit}.")
    if not uploads:
        raise ApiError(
            "empty", "None of the files is a resume Rolefit can read (PDF, DOCX, Markdown, HTML or TXT)."
        )
    store = ext.store()
    unique: dict[str, Upload] = {}
    duplicates = []
    for upload in uploads:
        if upload.sha256 in unique:
            duplicates.append({"file": upload.name, "same_as": unique[upload.sha256].name})
        else:
            unique[upload.sha256] = upload
    places = admit(list(unique.values()))  # the whole batch fits its client's backlog share, or none of it
    owner = caller().owner or ""
    batch_id = store.create_batch(
        role=role,
        total=len(unique),
        extra={"rejected": json.dumps(rejected), "duplicates": json.dumps(duplicates), "owner": owner},
    )
    tenants().index_batch(batch_id, owner)
    to_queue = []
    for upload, place in zip(unique.values(), places):
        job_id, status = submit(upload, role=role, batch=batch_id, queue_now=False, job_id=place, as_of=as_of)
        if status == DONE:  # an identical file was analysed before: its report and row are reused
            store.add_to_batch(batch_id, job_id, DONE)
        else:
            to_queue.append(job_id)
    enqueue(to_queue)
    ext.metrics().count("uploads", len(unique), kind="batch", type="any")
    ext.metrics().observe("batch_size", len(unique), buckets=SIZE_BUCKETS)
    log.info(
        "batch accepted",
        extra={
            "stage": "batch_accepted",
            "batch": batch_id,
            "total": len(unique),
            "rejected": len(rejected),
            "duplicates": len(duplicates),
        },
    )
    return {
        "id": batch_id,
        "total": len(unique),
        "role": role or None,
        "rejected": rejected,
        "duplicates": duplicates,
    }


def _flag(name: str) -> bool:
    return request.args.get(name, "").lower() in {"1", "true", "yes", "on"}


def _number(name: str, kind: type, default: Any, low: float, high: float) -> Any:
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ApiError("bad_request", f"`{name}` must be a number.") from None
    if not low <= value <= high:
        raise ApiError("bad_request", f"`{name}` must be between {low:g} and {high:g}.")
    return value


def query_from_request() -> Query:
    typed = [s.strip() for value in request.args.getlist("must") for s in value.split(",") if s.strip()]
    must = resolve_skills(typed)  # names, ids or aliases → canonical skill ids; unknown ones are a 400
    levels = tuple(
        int(v) for value in request.args.getlist("level") for v in value.split(",") if v.strip().isdigit()
    )
    sort = check_sort(request.args.get("sort"))
    descending = check_order(request.args.get("order"))
    return Query(
        min_score=_number("min_score", float, None, 0, 100),
        must=must,
        levels=levels,
        sort=sort,
        descending=descending,
        page=_number("page", int, 1, 1, 10**6),
        per_page=_number("per_page", int, 50, 1, 1000),
        blind=_flag("blind"),
    )


def load_batch(batch_id: str) -> dict[str, str]:
    batch = ext.store().get_batch(batch_id)
    if batch is None or not caller().can_see(batch.get("owner")):  # another tenant's batch does not exist
        raise ApiError("not_found", "No batch with this id: it never existed, was deleted, or has expired.")
    return batch


def progress(batch: dict[str, str]) -> dict[str, int]:
    counts = {key: int(batch.get(key, 0)) for key in ("total", *JOB_STATUSES)}
    counts["finished"] = counts[DONE] + counts[FAILED]
    return counts


def batch_status(counts: dict[str, int]) -> str:
    """`done` once every job of the batch is done or failed, `running` before (`models.vocab`)."""
    return DONE if counts["finished"] >= counts["total"] else RUNNING


def batch_rows(batch_id: str) -> dict[str, Row]:
    """A batch's rows, read once per request (the shortlist and the filters' effects share them)."""
    cache = g.setdefault("rolefit_batch_rows", {})
    if batch_id not in cache:
        cache[batch_id] = ext.store().batch_summaries(batch_id)
    return cache[batch_id]


def shortlist(batch_id: str, query: Query) -> dict[str, Any]:
    rows = batch_rows(batch_id)
    return rank(sorted(rows.items()), query, batch_id=batch_id)


@bp.get("/<batch_id>")
def get_batch(batch_id: str):
    batch = load_batch(batch_id)
    query = query_from_request()
    counts = progress(batch)
    body = {
        "id": batch_id,
        "role": batch.get("role") or None,
        "status": batch_status(counts),
        "progress": counts,
        **shortlist(batch_id, query),
        "rejected": json.loads(batch.get("rejected", "[]")),
        "duplicates": [] if query.blind else json.loads(batch.get("duplicates", "[]")),
        "blind": query.blind,
        "filters": batch_filter_effects(lambda: batch_rows(batch_id), query),
        "links": {"export": url_for("batches.export_batch", batch_id=batch_id)},
    }
    if query.blind:
        body["rejected"] = [{k: v for k, v in r.items() if k != "file"} for r in body["rejected"]]
    return jsonify(body)


@bp.get("/<batch_id>/export")
def export_batch(batch_id: str):
    load_batch(batch_id)
    fmt = request.args.get("format", "csv").lower()
    if fmt not in {"csv", "json"}:
        raise ApiError("bad_request", "`format` must be csv or json.")
    query = query_from_request()
    everything = Query(**{**query.__dict__, "page": 1, "per_page": 10**6})
    listing = shortlist(batch_id, everything)
    suffix = "-blind" if query.blind else ""
    if fmt == "csv":
        body = to_csv(listing["candidates"], blind=query.blind, failures=listing["failures"])
        mimetype = "text/csv"
    else:
        body = json.dumps(
            {
                "batch": batch_id,
                "blind": query.blind,
                "candidates": listing["candidates"],
                "failures": listing["failures"],
            },
            indent=2,
            ensure_ascii=False,
        )
        mimetype = "application/json"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="rolefit-batch-{batch_id[:8]}{suffix}.{fmt}"'
    )
    return response


@bp.delete("/<batch_id>")
def delete_batch(batch_id: str):
    load_batch(batch_id)
    ext.store().erase_batch(batch_id)
    return Response(status=204)
