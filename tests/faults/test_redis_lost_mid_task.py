"""Redis goes away while a worker is in the middle of a task, and comes back: the job still ends
`done`, counted once in its batch, and the same worker goes on (transport errors are retried or
redelivered, never turned into a failed job)."""

from __future__ import annotations

import time

import pytest

from tests.faults.helpers import make_app, upload_batch, wait_status
from tests.faults.servers import SLOW_APP, start_worker, stop_worker
from tests.faults.test_worker_killed import (
    VISIBILITY_S,
    assert_counted_once,
    batch_files,
    job_ids_by_name,
    wait_pid,
)

pytestmark = pytest.mark.slow


def test_a_task_caught_by_a_redis_outage_completes_once_it_is_back(valkey, tmp_path):
    worker = start_worker(
        valkey.url,
        "faults-worker-outage-mid-task",
        app=SLOW_APP,
        FAULTS_DELAY_S="3",
        FAULTS_STATE_DIR=str(tmp_path),
        ROLEFIT_VISIBILITY_TIMEOUT_S=str(VISIBILITY_S),
    )
    try:
        app = make_app(valkey.url)
        store = app.extensions["rolefit.store"]
        batch_id = upload_batch(app.test_client(), batch_files())
        slow_name = batch_files()[0][0]
        slow_id = job_ids_by_name(store, batch_id)[slow_name]
        wait_pid(tmp_path, slow_name)
        valkey.stop()  # mid-task: the job is `processing`, the task waits 3 s before analysing
        time.sleep(4)
        valkey.start()
        assert wait_status(store, slow_id, {"done", "failed"}, VISIBILITY_S + 45) == "done"
        for job_id in store.batch_job_ids(batch_id):
            assert wait_status(store, job_id, {"done", "failed"}, 30) == "done"
        assert_counted_once(store, batch_id, total=3)
        assert worker.alive()
        assert "error_code" not in store.redis.hgetall(store.job_key(slow_id)).__repr__()
    finally:
        stop_worker(worker)
