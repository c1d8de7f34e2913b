"""A dedicated Valkey and worker per privacy test module (their data is scanned key by key)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.faults.servers import SLOW_APP, DedicatedValkey, start_worker, stop_worker

TTL_S = 4


@pytest.fixture(scope="module")
def short_lived() -> Iterator[DedicatedValkey]:
    """Valkey plus a worker that keeps reports, jobs and batches for TTL_S seconds."""
    server = DedicatedValkey(fsync="everysec")
    server.start()
    worker = start_worker(
        server.url, "privacy-worker-ttl", ROLEFIT_REPORT_TTL_S=str(TTL_S), ROLEFIT_UPLOAD_TTL_S=str(TTL_S)
    )
    try:
        yield server
    finally:
        stop_worker(worker)
        server.close()


@pytest.fixture(scope="module")
def kept() -> Iterator[DedicatedValkey]:
    """Valkey plus a worker with the default retention (files named `slow-*` wait 3 s mid-task)."""
    server = DedicatedValkey(fsync="everysec")
    server.start()
    worker = start_worker(server.url, "privacy-worker-erase", app=SLOW_APP, FAULTS_DELAY_S="3")
    try:
        yield server
    finally:
        stop_worker(worker)
        server.close()
