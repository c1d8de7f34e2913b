"""What a worker does with a job id, called directly against a real Redis (no Celery in between)."""

from __future__ import annotations

import hashlib

import pytest

from common.settings import Settings
from common.store import Store
from tests.stack import EVAL
from worker.jobs import process_job


@pytest.fixture()
def store(redis_url: str) -> Store:
    return Store.from_url(redis_url)


def queue(store: Store, data: bytes, name: str, file_type: str, **kw: str) -> str:
    return store.create_job(
        data, name=name, file_type=file_type, sha256=hashlib.sha256(data).hexdigest(), **kw
    )


def test_a_resume_is_analysed_and_its_bytes_deleted(store: Store):
    data = (EVAL / "resumes/d06-nlp-mle-legal-tech-2-5y.txt").read_bytes()
    job_id = queue(store, data, "d06.txt", "txt")
    assert process_job(store, job_id, Settings()) == "done"
    report = store.get_report(job_id)
    assert report["schema"] == "rolefit.report/1"
    assert report["candidate"]["email"] == "ines.haddad@example.com"
    assert store.get_upload(job_id) is None
    # a redelivered task changes nothing
    assert process_job(store, job_id, Settings()) == "done"
    assert store.get_report(job_id) == report


def test_a_bad_file_fails_with_its_code(store: Store):
    job_id = queue(store, (EVAL / "bad/encrypted.pdf").read_bytes(), "locked.pdf", "pdf")
    assert process_job(store, job_id, Settings()) == "failed"
    job = store.get_job(job_id)
    assert job.error["code"] == "encrypted"
    assert store.get_upload(job_id) is None


def test_a_deleted_job_is_skipped(store: Store):
    job_id = queue(store, b"Jane Doe\nPython", "cv.txt", "txt")
    store.erase(job_id)
    assert process_job(store, job_id, Settings()) == "missing"
    assert store.get_job(job_id) is None


def test_expired_upload_bytes_fail_the_job_clearly(store: Store):
    job_id = queue(store, b"Jane Doe\nPython", "cv.txt", "txt")
    store.redis.delete(store.upload_key(job_id))
    assert process_job(store, job_id, Settings()) == "failed"
    assert store.get_job(job_id).error["code"] == "expired"


def test_a_batch_member_gets_a_ranked_row(store: Store):
    batch = store.create_batch(role="mle-ii", total=1)
    data = (EVAL / "resumes/d04-mle-ii-marketplace-ranking-fraud.pdf").read_bytes()
    job_id = queue(store, data, "d04.pdf", "pdf", role="mle-ii", batch=batch)
    store.add_to_batch(batch, job_id, "queued")
    assert process_job(store, job_id, Settings()) == "done"
    row = store.batch_summaries(batch)[job_id]
    fit = next(f for f in store.get_report(job_id)["fits"] if f["role"] == "mle-ii")
    assert row["score"] == fit["score"] and row["role"] == "mle-ii"
    assert store.get_batch(batch)["done"] == "1" and store.get_batch(batch)["queued"] == "0"


def test_a_file_that_keeps_killing_workers_is_set_aside(store: Store):
    job_id = queue(store, b"Jane Doe\nPython", "cv.txt", "txt")
    for _ in range(5):  # five deliveries that each died before finishing
        store.count_attempt(job_id)
    assert process_job(store, job_id, Settings()) == "failed"
    assert store.get_job(job_id).error["code"] == "internal"
    assert store.get_upload(job_id) is None


def test_attempts_are_not_counted_for_an_erased_job(store: Store):
    job_id = queue(store, b"Jane Doe\nPython", "cv.txt", "txt")
    store.erase(job_id)
    assert store.count_attempt(job_id) == 0
    assert store.redis.exists(store.job_key(job_id)) == 0
