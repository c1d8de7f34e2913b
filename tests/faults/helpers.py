"""Helpers for tests on dedicated stacks: the app on a given server, uploads, waiting for a job."""

from __future__ import annotations

import io
import time
from pathlib import Path

from service.auth import hash_key
from tests.stack import LIFTED_SHARES

API_KEY = "rf_faults-test-key"


def make_app(redis_url: str, **settings):
    """The real Flask app on `redis_url`; the recruiter key is configured (as a hash), not stored."""
    from service import create_app

    return create_app(
        {
            "REDIS_URL": redis_url,
            "TESTING": True,
            "rate_limit_per_minute": 100000,
            "api_keys": hash_key(API_KEY),
            **LIFTED_SHARES,
            **settings,
        }
    )


def upload(client, path: Path, name: str | None = None, data: bytes | None = None) -> str:
    body = data if data is not None else path.read_bytes()
    response = client.post(
        "/api/v1/resumes",
        data={"file": (io.BytesIO(body), name or path.name)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 202, response.get_json()
    return response.get_json()["id"]


def upload_batch(client, files: list[tuple[str, bytes]]) -> str:
    response = client.post(
        "/api/v1/batches",
        headers={"X-API-Key": API_KEY},
        data={"files": [(io.BytesIO(data), name) for name, data in files]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 202, response.get_json()
    return response.get_json()["id"]


def wait_status(store, job_id: str, statuses: set[str], timeout: float, interval: float = 0.02) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = store.get_job(job_id)
        if job is not None and job.status in statuses:
            return job.status
        time.sleep(interval)
    job = store.get_job(job_id)
    raise TimeoutError(
        f"job {job_id} still {job.status if job else 'missing'} after {timeout}s, not in {statuses}"
    )
