"""Every failed job is recorded and counted once, whichever path fails it (`Store.fail`)."""

from __future__ import annotations

import hashlib
import time

from common.settings import Settings
from common.store import Store
from tests.faults.helpers import wait_status
from tests.service.test_health import metric_samples
from worker.jobs import process_job


def failures(client, code: str) -> float:
    """`rolefit_jobs_total{status="failed", code}` as /metrics shows it."""
    samples = metric_samples(client.get("/metrics").get_data(as_text=True))
    return samples.get(("rolefit_jobs_total", (("code", code), ("status", "failed"))), 0.0)


def queued(store: Store, data: bytes, name: str = "cv.txt", **kw: str) -> str:
    return store.create_job(data, name=name, file_type="txt", sha256=hashlib.sha256(data).hexdigest(), **kw)


def test_an_expired_upload_is_counted_as_a_failure_by_the_worker(app, client, worker_process):
    from service.api import enqueue

    store = app.extensions["rolefit.store"]
    before = failures(client, "expired")
    job_id = queued(store, b"Jane Doe\nPython\n" + str(time.time()).encode())
    store.redis.delete(store.upload_key(job_id))  # the bytes' TTL ran out before a worker took it
    with app.test_request_context("/"):
        enqueue([job_id])  # a real Celery task, sent by name, run by the real worker
    assert wait_status(store, job_id, {"done", "failed"}, 60) == "failed"
    assert store.get_job(job_id).error["code"] == "expired"
    deadline = time.monotonic() + 5  # the counter is written just after the status
    while failures(client, "expired") < before + 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert failures(client, "expired") == before + 1
    # a redelivered task or a second report of the same failure counts nothing more
    assert process_job(store, job_id, Settings()) == "failed"
    assert store.fail(job_id, "expired", "again") == "failed"
    assert failures(client, "expired") == before + 1


def test_every_failure_path_counts_once(app, client, redis_url):
    store = Store.from_url(redis_url)
    bad = queued(store, b"", name="empty.txt")  # the file's own problem: a ResumeError
    poisoned = queued(store, b"Jane Doe\nPython\n")
    for _ in range(6):  # deliveries that each died before finishing
        store.count_attempt(poisoned)
    before = {code: failures(client, code) for code in ("empty", "internal")}
    assert process_job(store, bad, Settings()) == "failed"
    assert process_job(store, poisoned, Settings()) == "failed"
    assert store.get_job(bad).error["code"] == "empty"
    assert store.get_job(poisoned).error["code"] == "internal"
    assert failures(client, "empty") == before["empty"] + 1
    assert failures(client, "internal") == before["internal"] + 1


def test_a_failed_batch_member_keeps_its_first_failure(redis_url):
    store = Store.from_url(redis_url)
    batch = store.create_batch(role="", total=1)
    job_id = queued(store, b"Jane Doe\n", batch=batch)
    store.add_to_batch(batch, job_id, "queued")
    assert store.fail(job_id, "corrupt", "broken") == "queued"
    assert store.fail(job_id, "timeout", "late") == "failed"  # already failed: nothing changes
    assert store.get_job(job_id).error == {"code": "corrupt", "message": "broken"}
    assert store.batch_summaries(batch)[job_id]["error"] == {"code": "corrupt", "message": "broken"}
    assert store.get_batch(batch)["failed"] == "1"
