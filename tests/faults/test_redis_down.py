"""Redis unreachable: every API route answers 503 `unavailable` quickly, and the same gunicorn
recovers by itself when the server is back (no restart of the web tier or the worker)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests

from models.roles import load_roles
from service.auth import hash_key
from tests.faults.helpers import API_KEY
from tests.faults.servers import DedicatedValkey, start_gunicorn, start_worker, stop_worker
from tests.stack import EVAL, wait_for

pytestmark = pytest.mark.slow

RESUME = EVAL / "resumes" / "d05-production-mle-mlops-payments.pdf"
OTHER = EVAL / "resumes" / "d09-ml-platform-tech-lead-kubeflow-spark.pdf"
KEY = {"X-API-Key": API_KEY}


@pytest.fixture(scope="module")
def stack() -> Iterator[tuple[DedicatedValkey, str, object, object]]:
    server = DedicatedValkey()
    server.start()
    worker = start_worker(server.url, "faults-worker-outage")
    web, base = start_gunicorn(server.url, "faults-web-outage", ROLEFIT_API_KEYS=hash_key(API_KEY))
    try:
        yield server, base, web, worker
    finally:
        web.stop()
        stop_worker(worker)
        server.close()


def poll(base: str, job_id: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = requests.get(f"{base}/api/v1/resumes/{job_id}", timeout=10).json()
        if body.get("status") in ("done", "failed"):
            return body
        time.sleep(0.1)
    raise TimeoutError(job_id)


def upload(base: str, path, name: str | None = None) -> requests.Response:
    with path.open("rb") as fh:
        return requests.post(f"{base}/api/v1/resumes", files={"file": (name or path.name, fh)}, timeout=30)


def routes(job_id: str, batch_id: str) -> list[tuple[str, str, dict]]:
    """One request of every API route family that touches Redis."""
    files = {"files": (OTHER.name, OTHER.read_bytes())}
    return [
        ("POST", "/api/v1/resumes", {"files": {"file": (RESUME.name, RESUME.read_bytes())}}),
        ("GET", f"/api/v1/resumes/{job_id}", {}),
        ("DELETE", f"/api/v1/resumes/{job_id}", {}),
        ("POST", "/api/v1/batches", {"files": files, "headers": KEY}),
        ("GET", f"/api/v1/batches/{batch_id}", {"headers": KEY}),
        ("GET", f"/api/v1/batches/{batch_id}/export?format=csv", {"headers": KEY}),
        ("DELETE", f"/api/v1/batches/{batch_id}", {"headers": KEY}),
        ("GET", "/api/v1/roles", {"headers": KEY}),  # a key's own roles live in Redis
        ("GET", "/api/v1/roles/jd-not-a-seed-role", {}),
        (
            "POST",
            "/api/v1/roles",
            {"json": {"text": "We need a machine learning engineer. " * 5}, "headers": KEY},
        ),
        ("GET", "/readyz", {}),
    ]


def test_every_route_answers_503_while_redis_is_down_and_recovers_without_a_restart(stack):
    server, base, web, worker = stack
    # things that exist, so a 404 cannot pass for the outage
    job = upload(base, RESUME)
    assert job.status_code == 202
    job_id = job.json()["id"]
    assert poll(base, job_id)["status"] == "done"
    batch = requests.post(
        f"{base}/api/v1/batches", headers=KEY, timeout=30, files=[("files", (OTHER.name, OTHER.read_bytes()))]
    )
    assert batch.status_code == 202, batch.text
    batch_id = batch.json()["id"]
    assert requests.get(f"{base}/readyz", timeout=10).status_code == 200

    server.stop()
    outcomes = {}
    for method, path, options in routes(job_id, batch_id):
        started = time.monotonic()
        response = requests.request(method, base + path, timeout=30, **options)
        elapsed = time.monotonic() - started
        body = response.json()
        outcomes[f"{method} {path.split('?')[0]}"] = (response.status_code, body.get("error", {}).get("code"))
        assert elapsed < 5, f"{method} {path} took {elapsed:.1f}s to give up"
        assert body["error"]["message"]
    print("\nwhile Redis is down:", *(f"{k} -> {v}" for k, v in outcomes.items()), sep="\n  ")
    assert set(outcomes.values()) == {(503, "unavailable")}, outcomes
    # a seed role is served from memory: reading it needs no Redis
    seed = load_roles()[0].id
    assert requests.get(f"{base}/api/v1/roles/{seed}", timeout=10).status_code == 200
    signed_out = requests.get(f"{base}/api/v1/roles", timeout=10)  # signed out: the seed roles only
    assert signed_out.status_code == 200 and all(r["seed"] for r in signed_out.json()["roles"])
    assert requests.get(f"{base}/healthz", timeout=10).status_code == 200
    assert web.alive() and worker.alive()

    server.start()  # same port, same data: the same gunicorn and worker must pick it up by themselves
    wait_for(
        lambda: requests.get(f"{base}/readyz", timeout=10).status_code == 200,
        60,
        "readiness after the outage",
    )
    assert requests.get(f"{base}/api/v1/resumes/{job_id}", timeout=10).json()["status"] == "done"
    again = upload(base, OTHER, name="after-outage.pdf")
    assert again.status_code == 202, again.text
    assert poll(base, again.json()["id"])["status"] == "done"
    assert requests.get(f"{base}/api/v1/batches/{batch_id}", headers=KEY, timeout=10).status_code == 200
    assert requests.get(f"{base}/api/v1/roles", timeout=10).status_code == 200
    assert requests.delete(f"{base}/api/v1/resumes/{job_id}", timeout=10).status_code == 204
    assert web.alive() and worker.alive()


def test_a_frozen_redis_gives_503_after_the_socket_timeout_and_recovers(stack):
    """SIGSTOP: connections open, nothing answers. Requests wait for the client's socket timeout
    (not gunicorn's worker timeout) and answer 503; SIGCONT and the same processes go on."""
    server, base, web, worker = stack
    job = upload(base, RESUME, name="before-freeze.pdf")
    job_id = job.json()["id"]
    assert poll(base, job_id)["status"] == "done"
    server.pause()
    try:
        started = time.monotonic()
        response = requests.get(f"{base}/api/v1/resumes/{job_id}", timeout=60)
        elapsed = time.monotonic() - started
    finally:
        server.resume()
    assert (response.status_code, response.json()["error"]["code"]) == (503, "unavailable")
    assert elapsed < 25, f"a frozen Redis held the request {elapsed:.1f}s"
    print(f"\nfrozen Redis: 503 after {elapsed:.1f}s")
    wait_for(
        lambda: requests.get(f"{base}/api/v1/resumes/{job_id}", timeout=30).status_code == 200,
        30,
        "the API after the freeze",
    )
    assert web.alive() and worker.alive()
