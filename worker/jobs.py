"""What a worker does with one job id: plain functions the Celery task and the tests call."""

from __future__ import annotations

import logging
import time
from typing import Any

from common.as_of import parse_as_of
from common.errors import ResumeError
from common.metrics import Metrics
from common.settings import Settings
from common.store import Store
from models.shortlist import candidate_summary
from models.vocab import DONE, FAILED, PROCESSING, TERMINAL_STATUSES
from worker.extract import Limits

log = logging.getLogger("rolefit.worker")


MAX_ATTEMPTS = 5  # deliveries of one job; redeliveries follow a killed worker process or a lost broker


def limits_of(settings: Settings) -> Limits:
    return Limits(
        max_bytes=settings.max_upload_bytes,
        max_pages=settings.max_pages,
        timeout_s=settings.extract_timeout_s,
    )


def extra_roles_for(store: Store, role_id: str) -> list[Any]:
    """The user-added role a job is scored against, as a RoleProfile (seed roles are always scored)."""
    from models.roles import load_roles
    from worker.roles import role_from_record

    if not role_id or any(r.id == role_id for r in load_roles()):
        return []
    stored = store.get_role_record(role_id)
    return [role_from_record(stored)] if stored else []


def process_job(store: Store, job_id: str, settings: Settings) -> str:
    """Analyse the upload of `job_id` and store the outcome; returns the final status.

    Idempotent: a job already done or failed is left as it is, so a redelivered task is harmless.
    Domain failures (bad files) become a failed job with a code (`Store.fail` records and counts
    them); transport errors propagate so the task can retry them.
    """
    from worker.pipeline import analyze

    job = store.get_job(job_id)
    if job is None:
        log.info("job gone before processing", extra={"stage": "skip", "job": job_id})
        return "missing"
    if job.status in TERMINAL_STATUSES:
        return job.status
    attempts = store.count_attempt(job_id)
    if attempts > MAX_ATTEMPTS:  # a file that keeps killing its worker process must not loop for ever
        store.fail(job_id, "internal", "The file stopped the analyser several times and was set aside.")
        log.warning(
            "job set aside after repeated crashes",
            extra={"stage": "poisoned", "job": job_id, "attempts": attempts},
        )
        return FAILED
    store.transition(job_id, PROCESSING)
    data = store.get_upload(job_id)
    if data is None:
        store.fail(
            job_id, "expired", "The uploaded file expired before it could be processed; upload it again."
        )
        return FAILED
    started = time.perf_counter()
    try:
        analysis = analyze(
            data,
            job.name,
            extra_roles=extra_roles_for(store, job.role),
            limits=limits_of(settings),
            as_of=parse_as_of(job.as_of) if job.as_of else None,
        )
    except ResumeError as error:
        store.fail(job_id, error.code, error.message)
        log.info("job failed", extra={"stage": "failed", "code": error.code, "job": job_id})
        return FAILED
    report = analysis.report
    # The candidate's shortlist row, built here once: a batch ranks it, and an identical upload
    # in a later batch reuses it with the report.
    row = candidate_summary(report, job.role or None, file_name=job.name)
    store.finish(job_id, report, summary=row, job=job)
    if job.reuse_scope:  # only where the uploader's key may reuse it (never anonymously)
        store.remember_digest(job.reuse_scope, job.sha256, job_id)
    metrics = Metrics(store.redis)
    with metrics.batched():  # one round trip for the counter and every stage histogram
        metrics.count("jobs", status=DONE, code="")
        for stage, seconds in analysis.timings.items():
            metrics.observe("stage_seconds", seconds, stage=stage)
        metrics.observe("stage_seconds", time.perf_counter() - started, stage="total")
    log.info(
        "job done", extra={"stage": "done", "job": job_id, "seconds": round(time.perf_counter() - started, 4)}
    )
    return DONE
