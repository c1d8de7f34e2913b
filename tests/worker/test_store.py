"""The Redis store against a real Redis-compatible server."""

from __future__ import annotations

import pytest

from common.store import Store, new_id


@pytest.fixture()
def store(redis_url: str) -> Store:
    return Store.from_url(redis_url, upload_ttl_s=60, report_ttl_s=120)


def make_job(store: Store, **kw: str) -> str:
    return store.create_job(b"%PDF-1.4 bytes", name="cv.pdf", file_type="pdf", sha256="ab" * 32, **kw)


def test_ids_are_random_128_bit_values():
    ids = {new_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(len(i) == 22 for i in ids)  # 16 random bytes, base64url


def test_job_lifecycle_writes_report_and_deletes_bytes(store: Store):
    job_id = make_job(store)
    assert store.get_job(job_id).status == "queued"
    assert store.get_upload(job_id) == b"%PDF-1.4 bytes"
    assert 0 < store.redis.ttl(store.upload_key(job_id)) <= 60
    assert store.transition(job_id, "processing") == "queued"
    store.finish(job_id, {"schema": "rolefit.report/1"})
    assert store.get_job(job_id).status == "done"
    assert store.get_report(job_id) == {"schema": "rolefit.report/1"}
    assert store.get_upload(job_id) is None
    assert 0 < store.redis.ttl(store.report_key(job_id)) <= 120


def test_terminal_jobs_stay_terminal(store: Store):
    job_id = make_job(store)
    store.fail(job_id, "corrupt", "broken")
    assert store.transition(job_id, "processing") == "failed"
    job = store.get_job(job_id)
    assert job.status == "failed"
    assert job.error == {"code": "corrupt", "message": "broken"}


def test_batch_counters_follow_transitions(store: Store):
    batch = store.create_batch(role="mle-ii", total=3)
    jobs = [make_job(store, batch=batch) for _ in range(3)]
    for job_id in jobs:
        store.add_to_batch(batch, job_id, "queued")
    store.transition(jobs[0], "processing")
    store.transition(jobs[0], "processing")  # a redelivery changes nothing
    store.finish(jobs[0], {"fits": []}, summary={"status": "done", "score": 55.0})
    store.transition(jobs[1], "processing")
    store.fail(jobs[1], "corrupt", "broken")
    counts = store.get_batch(batch)
    assert (counts["queued"], counts["processing"], counts["done"], counts["failed"]) == ("1", "0", "1", "1")
    assert store.redis.zscore(store.batch_key(batch) + ":ranked", jobs[0]) == 55.0
    rows = store.batch_summaries(batch)
    assert rows[jobs[0]]["score"] == 55.0
    assert rows[jobs[1]]["error"] == {"code": "corrupt", "message": "broken"}
    assert jobs[2] not in rows


def test_erase_removes_everything_about_the_candidate(store: Store):
    batch = store.create_batch(role="mle-ii", total=1)
    job_id = make_job(store, batch=batch)
    store.add_to_batch(batch, job_id, "queued")
    store.finish(job_id, {"fits": []}, summary={"status": "done", "score": 10.0})
    store.remember_digest("scope", "ab" * 32, job_id)
    assert store.erase(job_id)
    assert store.get_job(job_id) is None and store.get_report(job_id) is None
    assert store.find_digest("scope", "ab" * 32) is None
    assert job_id not in store.batch_job_ids(batch)
    assert store.redis.zscore(store.batch_key(batch) + ":ranked", job_id) is None
    assert store.batch_summaries(batch) == {}
    assert store.get_batch(batch)["total"] == "0" and store.get_batch(batch)["done"] == "0"
    assert not store.erase(job_id)


def test_identical_upload_reuses_the_report(store: Store):
    first = make_job(store)
    store.finish(first, {"skills": ["x"]})
    store.remember_digest("scope", "cd" * 32, first)
    source = store.find_digest("scope", "cd" * 32)
    copy = store.create_job_from_report(source, name="again.pdf")
    assert copy != first
    assert store.get_job(copy).status == "done"
    assert store.get_report(copy) == {"skills": ["x"]}
