"""A task over its time limit fails with code `timeout` and the worker goes on.

A dedicated worker runs with ROLEFIT_TASK_TIME_LIMIT_S=1: Celery's soft limit (1 s) raises inside
the task, the hard limit (11 s) kills the pool process when the task does not stop.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from common.errors import ResumeError
from tests.faults.files import dense_pdf
from tests.faults.helpers import make_app, upload, wait_status
from tests.faults.servers import SLOW_APP, DedicatedValkey, child_pids, start_worker, stop_worker
from tests.stack import EVAL, Process, wait_for
from worker.extract import Limits
from worker.pipeline import analyze

GOOD = EVAL / "resumes" / "d04-mle-ii-marketplace-ranking-fraud.pdf"


@pytest.fixture(scope="module")
def limited(tmp_path_factory) -> Iterator[tuple[DedicatedValkey, Process, object]]:
    server = DedicatedValkey()
    server.start()
    worker = start_worker(
        server.url,
        "faults-worker-timeout",
        app=SLOW_APP,
        concurrency=2,
        ROLEFIT_TASK_TIME_LIMIT_S="1",
        ROLEFIT_EXTRACT_TIMEOUT_S="60",
        FAULTS_DELAY_S="60",
        FAULTS_STATE_DIR=str(tmp_path_factory.mktemp("state")),
    )
    try:
        yield server, worker, make_app(server.url)
    finally:
        stop_worker(worker)
        server.close()


def fails_with_timeout(app, name: str, data: bytes, within: float) -> float:
    store = app.extensions["rolefit.store"]
    started = time.monotonic()
    job_id = upload(app.test_client(), GOOD, name=name, data=data)
    assert wait_status(store, job_id, {"done", "failed"}, within) == "failed"
    elapsed = time.monotonic() - started
    job = store.get_job(job_id)
    assert job.error["code"] == "timeout", job.error
    assert "1 s" in job.error["message"]
    # the bytes go just after the status changes (two commands, not one transaction)
    wait_for(lambda: store.get_upload(job_id) is None, 2, "the upload bytes to be deleted")
    return elapsed


def worker_goes_on(app, worker: Process) -> None:
    store = app.extensions["rolefit.store"]
    assert worker.alive()
    job_id = upload(
        app.test_client(),
        GOOD,
        name=f"after-{time.monotonic_ns()}.pdf",
        data=GOOD.read_bytes() + f"\n%{time.monotonic_ns()}\n".encode(),
    )
    assert wait_status(store, job_id, {"done", "failed"}, 30) == "done"


@pytest.mark.slow
def test_a_really_slow_pdf_is_stopped_at_the_soft_limit(limited):
    _, worker, app = limited
    elapsed = fails_with_timeout(app, "dense.pdf", dense_pdf(), within=20)
    assert elapsed < 8, f"stopped after {elapsed:.1f}s; the soft limit is 1 s"
    worker_goes_on(app, worker)


@pytest.mark.slow
def test_a_task_that_waits_is_stopped_at_the_soft_limit(limited):
    _, worker, app = limited
    elapsed = fails_with_timeout(app, "slow-waits.pdf", GOOD.read_bytes() + b"\n%slow\n", within=20)
    assert elapsed < 8
    worker_goes_on(app, worker)


@pytest.mark.slow
def test_a_task_deaf_to_the_soft_limit_is_killed_at_the_hard_limit(limited):
    _, worker, app = limited
    pool_before = set(child_pids(worker.popen.pid))
    elapsed = fails_with_timeout(app, "stubborn-waits.pdf", GOOD.read_bytes() + b"\n%stubborn\n", within=40)
    assert 10 <= elapsed < 25, f"failed after {elapsed:.1f}s; the hard limit is 11 s"
    assert worker.alive()
    # the killed pool process is replaced by a new one
    wait_for(lambda: len(set(child_pids(worker.popen.pid)) - pool_before) == 1, 10, "a new pool process")
    assert "job killed at the hard time limit" in worker.log()
    assert "Hard time limit" in worker.log()
    worker_goes_on(app, worker)


def test_extraction_deadline_stops_a_slow_pdf_in_process():
    """The extractor's own deadline (ROLEFIT_EXTRACT_TIMEOUT_S) gives the same code, no Celery needed."""
    started = time.monotonic()
    with pytest.raises(ResumeError) as caught:
        analyze(dense_pdf(), "dense.pdf", limits=Limits(timeout_s=0.3))
    assert caught.value.code == "timeout"
    assert time.monotonic() - started < 3
