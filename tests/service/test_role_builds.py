"""A job description waits a bounded time for a worker: with none consuming the role queue the
request answers 503 with a plain message, and leaves no description behind. Real Redis, real Celery
messages (on a database no test worker listens to)."""

from __future__ import annotations

import time

import pytest

from common.celery_config import ROLE_QUEUE
from tests.stack import LIFTED_SHARES, redis_client

DESCRIPTION = (
    "We are hiring a machine learning engineer to build ranking models in Python and "
    "PyTorch, ship them with Docker and Kubernetes, and mentor two junior engineers. "
)


@pytest.fixture()
def workerless_url(redis_url: str):
    """The test server's database 15: the session's worker consumes database 0 only."""
    url = redis_url.rsplit("/", 1)[0] + "/15"
    redis_client(url).flushdb()
    yield url
    redis_client(url).flushdb()


def test_no_worker_answers_503_in_bounded_time_and_keeps_nothing(workerless_url: str):
    from service import create_app
    from service.auth import create_key

    client = redis_client(workerless_url)
    key = create_key(client, "no-worker")
    app = create_app(
        {
            "REDIS_URL": workerless_url,
            "TESTING": True,
            "rate_limit_per_minute": 100000,
            "role_build_timeout_s": 0.5,
            **LIFTED_SHARES,
        }
    )
    started = time.monotonic()
    response = app.test_client().post(
        "/api/v1/roles", json={"text": DESCRIPTION * 2}, headers={"X-API-Key": key}
    )
    elapsed = time.monotonic() - started
    assert response.status_code == 503, response.json
    assert response.json["error"]["code"] == "unavailable"
    assert "No worker built the role within 0.5 s" in response.json["error"]["message"]
    assert int(response.headers["Retry-After"]) > 0
    assert 0.5 <= elapsed < 5
    assert client.llen(ROLE_QUEUE) == 1  # sent on the role queue, by name
    assert list(client.scan_iter(match="rf:roles:pending:*")) == []  # the web dropped what it stored
    assert [k for k in client.scan_iter(match="rf:role:*")] == []


def test_a_file_waits_for_its_reading_deadline_and_the_build_then_answers_503(workerless_url: str):
    """A worker reads a job-description file: the request waits the reading deadline on top."""
    import io

    from service import create_app
    from service.auth import create_key

    client = redis_client(workerless_url)
    key = create_key(client, "no-worker-file")
    app = create_app(
        {
            "REDIS_URL": workerless_url,
            "TESTING": True,
            "rate_limit_per_minute": 100000,
            "role_build_timeout_s": 0.5,
            "role_extract_timeout_s": 0.3,
            **LIFTED_SHARES,
        }
    )
    started = time.monotonic()
    response = app.test_client().post(
        "/api/v1/roles",
        data={"file": (io.BytesIO((DESCRIPTION * 2).encode()), "jd.txt")},
        headers={"X-API-Key": key},
        content_type="multipart/form-data",
    )
    elapsed = time.monotonic() - started
    assert response.status_code == 503, response.json
    assert "No worker built the role within 0.8 s" in response.json["error"]["message"]
    assert 0.8 <= elapsed < 5
    assert client.llen(ROLE_QUEUE) == 1
    assert list(client.scan_iter(match="rf:roles:pending:*")) == []
