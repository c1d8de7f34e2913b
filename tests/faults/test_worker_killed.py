"""A worker killed with SIGKILL in the middle of a task: the job still completes, exactly once.

Real processes: a dedicated Valkey, Celery workers started from tests/faults/slow_app.py (the real
app; files named `slow-*` wait a few seconds inside the task after their job turned `processing`,
so "in the middle" is certain), the real Flask app to upload.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from common.store import Store
from tests.faults.helpers import make_app, upload_batch, wait_status
from tests.faults.servers import SLOW_APP, pid_alive, start_worker, stop_worker
from tests.stack import EVAL, wait_for

pytestmark = pytest.mark.slow

VISIBILITY_S = 3  # the test's broker visibility timeout; kombu looks for lost tasks every 10 s
RESUMES = sorted((EVAL / "resumes").glob("d0[1-4]*.pdf"))


def batch_files() -> list[tuple[str, bytes]]:
    """One slow resume and two ordinary ones."""
    slow, *others = RESUMES[:3]
    return [(f"slow-{slow.name}", slow.read_bytes())] + [(p.name, p.read_bytes()) for p in others]


def job_ids_by_name(store: Store, batch_id: str) -> dict[str, str]:
    return {store.get_job(i).fields["name"]: i for i in store.batch_job_ids(batch_id)}


def assert_counted_once(store: Store, batch_id: str, total: int) -> None:
    """The batch counts every job once, all done, and lists each exactly once."""
    batch = store.get_batch(batch_id)
    counts = {k: int(batch[k]) for k in ("total", "queued", "processing", "done", "failed")}
    assert counts == {"total": total, "queued": 0, "processing": 0, "done": total, "failed": 0}
    assert len(store.batch_job_ids(batch_id)) == total
    assert store.redis.zcard(store.batch_key(batch_id) + ":ranked") == total
    assert len(store.batch_summaries(batch_id)) == total
    for job_id in store.batch_job_ids(batch_id):
        assert store.get_report(job_id)["schema"] == "rolefit.report/1"
        assert store.get_upload(job_id) is None  # bytes deleted once the report was written


def wait_pid(state: Path, name: str, *, other_than: int | None = None, timeout: float = 30) -> int:
    def read() -> int | None:
        path = state / f"{name}.pid"
        if not path.exists() or not path.read_text():
            return None
        pid = int(path.read_text())
        return pid if pid != other_than else None

    return wait_for(read, timeout, f"a task for {name} to start")


def test_pool_process_killed_mid_task_is_redelivered_and_counted_once(valkey, tmp_path):
    """SIGKILL the pool process running a task: the worker's main process rejects the message back
    to the queue (reject_on_worker_lost), a new pool process runs it, the batch counts it once."""
    worker = start_worker(
        valkey.url,
        "faults-worker-child",
        app=SLOW_APP,
        concurrency=2,
        FAULTS_DELAY_S="2",
        FAULTS_STATE_DIR=str(tmp_path),
        ROLEFIT_VISIBILITY_TIMEOUT_S=str(VISIBILITY_S),
    )
    try:
        app = make_app(valkey.url)
        store = app.extensions["rolefit.store"]
        batch_id = upload_batch(app.test_client(), batch_files())
        slow_name = batch_files()[0][0]
        slow_id = job_ids_by_name(store, batch_id)[slow_name]
        first = wait_pid(tmp_path, slow_name)
        assert store.get_job(slow_id).status == "processing"
        os.kill(first, signal.SIGKILL)
        wait_for(lambda: not pid_alive(first), 5, "the pool process to die")
        # the job was caught in the middle: still processing, its bytes still there
        assert store.get_job(slow_id).status == "processing"
        assert store.get_upload(slow_id) is not None
        second = wait_pid(tmp_path, slow_name, other_than=first)  # the redelivered run, in a new process
        assert wait_status(store, slow_id, {"done", "failed"}, 60) == "done"
        assert second != first
        assert worker.alive()
        assert_counted_once(store, batch_id, total=3)
        assert "WorkerLostError" in worker.log()
    finally:
        stop_worker(worker)


def test_whole_worker_killed_mid_task_completes_after_a_new_worker_starts(valkey, tmp_path):
    """SIGKILL the whole worker (main process and pool): the unacknowledged task stays in Redis and
    a worker started afterwards gets it once the visibility timeout has passed."""
    env = {
        "FAULTS_DELAY_S": "30",
        "FAULTS_STATE_DIR": str(tmp_path),
        "ROLEFIT_VISIBILITY_TIMEOUT_S": str(VISIBILITY_S),
    }
    first = start_worker(valkey.url, "faults-worker-killed", app=SLOW_APP, concurrency=2, **env)
    app = make_app(valkey.url)
    store = app.extensions["rolefit.store"]
    try:
        batch_id = upload_batch(app.test_client(), batch_files())
        slow_name = batch_files()[0][0]
        ids = job_ids_by_name(store, batch_id)
        wait_pid(tmp_path, slow_name)
        for name, job_id in ids.items():
            if name != slow_name:
                wait_status(store, job_id, {"done"}, 60)
        assert store.get_job(ids[slow_name]).status == "processing"
        first.signal(signal.SIGKILL)  # the process group: main process and pool children
        first.popen.wait(timeout=10)
    finally:
        first.stop()
    assert store.get_job(ids[slow_name]).status == "processing"
    assert store.get_upload(ids[slow_name]) is not None
    assert store.redis.hlen("unacked") >= 1  # kombu keeps the delivered, unacknowledged task here
    killed_at = time.monotonic()
    # The new worker runs the real app: the redelivered task is analysed at normal speed.
    second = start_worker(
        valkey.url, "faults-worker-restarted", concurrency=2, ROLEFIT_VISIBILITY_TIMEOUT_S=str(VISIBILITY_S)
    )
    try:
        assert wait_status(store, ids[slow_name], {"done", "failed"}, VISIBILITY_S + 40) == "done"
        waited = time.monotonic() - killed_at
        assert waited >= VISIBILITY_S  # not before the visibility timeout: it was really redelivered
        assert second.alive()
        assert_counted_once(store, batch_id, total=3)
        # the redelivered task is acknowledged just after it has written the job: give it a moment
        deadline = time.monotonic() + 15
        while store.redis.hlen("unacked") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert store.redis.hlen("unacked") == 0
    finally:
        stop_worker(second)
