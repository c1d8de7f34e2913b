"""The typed records: the job record round-trips through its Redis hash, and a candidate's shortlist
row is built once by the worker, kept, and reused (under the new file name) by an identical upload."""

from __future__ import annotations

import io
import secrets

import pytest

from common.job_record import Job
from common.settings import Settings
from common.store import Store
from tests.faults.helpers import wait_status
from tests.stack import EVAL
from worker.jobs import process_job


@pytest.fixture()
def store(redis_url: str) -> Store:
    return Store.from_url(redis_url)


def test_a_job_record_round_trips_through_its_hash(store: Store):
    job_id = store.create_job(
        b"Jane Doe\nPython\n",
        name="cv.txt",
        file_type="txt",
        sha256="ab" * 32,
        role="mle-ii",
        as_of="2024-06-01",
    )
    job = store.get_job(job_id)
    assert (job.status, job.name, job.type, job.size, job.role, job.as_of) == (
        "queued",
        "cv.txt",
        "txt",
        16,
        "mle-ii",
        "2024-06-01",
    )
    assert job.error is None and job.reused is None and job.attempts is None
    assert Job.from_hash(job_id, job.to_hash()) == job
    assert job.to_hash() == job.fields  # nothing stored that the record does not name
    with pytest.raises(ValueError, match="unknown job status"):
        Job(id="x", status="finished")


def test_an_unknown_error_code_is_refused(store: Store):
    job_id = store.create_job(b"x", name="cv.txt", file_type="txt", sha256="cd" * 32)
    with pytest.raises(ValueError, match="unknown job error code"):
        store.fail(job_id, "oops", "not in the vocabulary")
    assert store.get_job(job_id).status == "queued"


def test_the_worker_keeps_the_row_and_a_batch_reuses_it(store: Store):
    data = (EVAL / "resumes/d04-mle-ii-marketplace-ranking-fraud.pdf").read_bytes()
    source = store.create_job(data, name="first.pdf", file_type="pdf", sha256="ef" * 32, role="mle-ii")
    assert process_job(store, source, Settings()) == "done"
    kept = store.get_job(source).row
    assert kept and '"file": "first.pdf"' in kept

    batch = store.create_batch(role="mle-ii", total=1)
    copy = store.create_job_from_report(source, name="again.pdf", role="mle-ii", batch=batch)
    assert copy is not None and store.get_job(copy).reused == source
    row = store.batch_summaries(batch)[copy]
    fit = next(f for f in store.get_report(copy)["fits"] if f["role"] == "mle-ii")
    assert row["file"] == "again.pdf" and row["score"] == fit["score"] and row["basis"] == "role"
    assert store.redis.zscore(store.batch_key(batch) + ":ranked", copy) == fit["score"]


def test_a_source_finished_without_a_row_is_reused_without_one(store: Store):
    source = store.create_job(b"x", name="old.txt", file_type="txt", sha256="01" * 32)
    store.finish(source, {"fits": []})  # finished by hand, as some tests do: no row
    batch = store.create_batch(role="", total=1)
    copy = store.create_job_from_report(source, name="again.txt", batch=batch)
    assert copy is not None and store.get_job(copy).row is None
    assert store.batch_summaries(batch) == {}


def test_an_identical_file_in_a_batch_is_ranked_from_the_stored_row(app, client, worker_process, api_key):
    store = app.extensions["rolefit.store"]
    data = (
        f"Robin Example {secrets.token_hex(6)}\nExperience\n"
        "2016 - 2024 Machine learning engineer: Python, PyTorch, Kubernetes, SQL.\n"
    ).encode()
    headers = {"X-API-Key": api_key}
    first = client.post(
        "/api/v1/resumes",
        headers=headers,
        data={"file": (io.BytesIO(data), "first.txt"), "role": "mle-ii"},
        content_type="multipart/form-data",
    ).json["id"]
    assert wait_status(store, first, {"done", "failed"}, 90) == "done"
    answer = client.post(
        "/api/v1/batches",
        headers=headers,
        data={"files": [(io.BytesIO(data), "second.txt")], "role": "mle-ii"},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 202, answer.json
    body = client.get(f"/api/v1/batches/{answer.json['id']}", headers=headers).json
    assert body["status"] == "done" and body["progress"]["done"] == 1  # reused at once, never queued
    (candidate,) = body["candidates"]
    fit = next(f for f in store.get_report(first)["fits"] if f["role"] == "mle-ii")
    assert candidate["file"] == "second.txt" and candidate["score"] == fit["score"]
    assert store.get_job(candidate["id"]).reused == first


def test_the_report_page_names_the_file_of_a_pending_and_a_failed_job(app, client):
    store = app.extensions["rolefit.store"]
    job_id = store.create_job(b"Jane Doe\n", name="jane-cv.txt", file_type="txt", sha256="02" * 32)
    page = client.get(f"/reports/{job_id}").get_data(as_text=True)
    assert "Analysing jane-cv.txt" in page
    store.fail(job_id, "corrupt", "The file is damaged.")
    page = client.get(f"/reports/{job_id}").get_data(as_text=True)
    assert "We could not read jane-cv.txt" in page and "The file is damaged." in page
