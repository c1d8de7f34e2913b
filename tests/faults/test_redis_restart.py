"""The Redis-compatible server restarts (append-only file on): nothing is lost.

A dedicated Valkey with `appendonly yes` in a data directory this test owns. Finished jobs keep
their reports, queued jobs keep their bytes and their place in the queue, and a worker processes
them once the server is back, also when the server crashed (SIGKILL) instead of stopping cleanly.
"""

from __future__ import annotations

import io
import time

import pytest
import redis

from tests.faults.helpers import API_KEY, make_app, upload, upload_batch, wait_status
from tests.faults.servers import start_worker, stop_worker
from tests.stack import EVAL, wait_for

pytestmark = pytest.mark.slow

RESUMES = sorted((EVAL / "resumes").glob("*.pdf"))


def snapshot(store, ids: list[str]) -> dict[str, tuple]:
    """What a client could read about each job: status, report and whether its bytes are kept."""
    return {i: (store.get_job(i).status, store.get_report(i), store.get_upload(i) is not None) for i in ids}


@pytest.mark.parametrize("how", ["stop", "kill"])
def test_jobs_and_reports_survive_a_restart_and_queued_jobs_are_processed(valkey, how):
    app = make_app(valkey.url)
    store = app.extensions["rolefit.store"]
    client = app.test_client()

    worker = start_worker(valkey.url, f"faults-worker-restart-{how}")
    try:
        finished = upload(client, RESUMES[0])
        assert wait_status(store, finished, {"done", "failed"}, 30) == "done"
    finally:
        stop_worker(worker)
    # no worker now: these stay queued
    queued = [upload(client, path) for path in RESUMES[1:3]]
    batch_id = upload_batch(client, [(p.name, p.read_bytes()) for p in RESUMES[3:6]])
    batch_jobs = store.batch_job_ids(batch_id)
    ids = [finished, *queued, *batch_jobs]
    before = snapshot(store, ids)
    batch_before = store.get_batch(batch_id)
    depth_before = store.redis.llen("rolefit")
    assert [before[i][0] for i in ids] == ["done"] + ["queued"] * 5
    assert depth_before == 5

    valkey.stop() if how == "stop" else valkey.kill()
    with pytest.raises(redis.ConnectionError):
        store.redis.ping()
    valkey.start()  # a new server process: same port, same data directory

    assert snapshot(store, ids) == before
    assert store.get_batch(batch_id) == batch_before
    assert store.redis.llen("rolefit") == depth_before

    worker = start_worker(valkey.url, f"faults-worker-restart-{how}-after")
    try:
        for job_id in ids:
            assert wait_status(store, job_id, {"done", "failed"}, 60) == "done"
        batch = store.get_batch(batch_id)
        assert (batch["done"], batch["queued"], batch["total"]) == ("3", "0", "3")
        # the same worker rides out another restart of the server and takes new work after it
        valkey.stop()
        time.sleep(1)
        valkey.start()
        late = wait_for(lambda: _try_upload(client, RESUMES[6]), 30, "the API to accept an upload again")
        assert wait_status(store, late, {"done", "failed"}, 60) == "done"
        assert worker.alive()
    finally:
        stop_worker(worker)
    assert store.get_report(finished) == before[finished][1]


def _try_upload(client, path) -> str | None:
    response = client.post(
        "/api/v1/resumes",
        data={"file": (io.BytesIO(path.read_bytes()), path.name)},
        content_type="multipart/form-data",
        headers={"X-API-Key": API_KEY},
    )
    return response.get_json()["id"] if response.status_code == 202 else None
