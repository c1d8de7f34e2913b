"""Liveness, readiness and the Prometheus metrics, against a real Redis and a real worker."""

from __future__ import annotations

import io
import time

from prometheus_client.parser import text_string_to_metric_families

from service import create_app
from tests.stack import EVAL


def metric_samples(text: str) -> dict[tuple[str, tuple], float]:
    samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def test_healthz_answers_without_dependencies(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok"}


def test_readyz_needs_redis_and_a_worker(client, worker_process):
    # a worker busy warming up may miss one 1 s ping: probes retry, and so does this test
    deadline = time.monotonic() + 30
    while (response := client.get("/readyz")).status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert response.status_code == 200, response.json
    assert response.json["checks"]["redis"] == "ok"
    assert response.json["checks"]["workers"].endswith("answering")


def test_readyz_says_not_ready_when_redis_is_unreachable():
    from tests.stack import free_port

    client = create_app({"REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"}).test_client()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json["checks"]["redis"].startswith("unreachable")


def test_metrics_count_uploads_jobs_and_stage_durations(client, worker_process):
    before = metric_samples(client.get("/metrics").get_data(as_text=True))
    data = (EVAL / "resumes/d02-junior-mle-one-year-after-msc.pdf").read_bytes()
    response = client.post(
        "/api/v1/resumes",
        data={"file": (io.BytesIO(data + b"\n%metrics-test"), "cv.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 202
    job_id = response.json["id"]
    deadline = time.monotonic() + 60
    while client.get(f"/api/v1/resumes/{job_id}").json["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.1)

    def delta(name: str, labels: dict) -> float:
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0.0) - before.get(key, 0.0)

    # the worker counts a job just after marking it done: read until its counters are in (or time out)
    while True:
        response = client.get("/metrics")
        assert response.status_code == 200
        assert response.mimetype == "text/plain"
        after = metric_samples(response.get_data(as_text=True))
        if delta("rolefit_stage_seconds_count", {"stage": "total"}) >= 1 or time.monotonic() > deadline:
            break
        time.sleep(0.1)

    assert delta("rolefit_uploads_total", {"kind": "single", "type": "pdf"}) == 1
    assert (
        delta("rolefit_jobs_total", {"status": "done", "code": ""}) >= 1
    )  # other tests' jobs may finish too
    for stage in ("extract", "parse", "tag", "score", "total"):
        assert delta("rolefit_stage_seconds_count", {"stage": stage}) >= 1
    assert ("rolefit_queue_depth", ()) in after
    assert ("rolefit_role_queue_depth", ()) in after
    client.delete(f"/api/v1/resumes/{job_id}")
