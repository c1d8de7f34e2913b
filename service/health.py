"""Liveness, readiness and metrics for operators."""

from __future__ import annotations

import threading
import time

from flask import Blueprint, Response, current_app, jsonify
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.registry import CollectorRegistry

from service import extensions as ext

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process is up and serving requests."""
    return jsonify({"status": "ok"})


_workers_lock = threading.Lock()


@bp.get("/readyz")
def readyz():
    """Ready when Redis answers and at least one worker replies to a ping.

    Redis is pinged on every call (cheap); the workers' answer comes from a ping at most
    `readyz_cache_s` old, one ping at a time per process, so a flood of probes costs one worker ping
    every few seconds instead of a web thread for up to a second each.
    """
    checks: dict[str, str] = {}
    try:
        ext.store().ping()
        checks["redis"] = "ok"
    except Exception as error:  # noqa: BLE001 (any failure to reach Redis means not ready)
        checks["redis"] = f"unreachable ({type(error).__name__})"
    body: dict[str, object] = {}
    if checks["redis"] == "ok":
        checks["workers"], age = workers_answering(ext.settings().readyz_cache_s)
        body["workers_checked_s_ago"] = round(age, 3)
    ready = checks.get("redis") == "ok" and bool(checks.get("workers", "").split()[0].isdigit())
    body = {"status": "ready" if ready else "not_ready", "checks": checks, **body}
    if not ready:  # the API's error shape too, so a client handles every 503 alike
        body["error"] = {
            "code": "unavailable",
            "message": "Not ready: " + ", ".join(f"{k} {v}" for k, v in checks.items()),
        }
    response = jsonify(body)
    response.status_code = 200 if ready else 503
    return response


def workers_answering(max_age_s: float) -> tuple[str, float]:
    """ "N answering" / "none answering" / "unreachable (…)" from a worker ping at most `max_age_s` old; its age."""
    with _workers_lock:
        cached = current_app.extensions.get("rolefit.workers_ping")
        if cached is None or time.monotonic() - cached[0] >= max_age_s:
            try:
                replies = ext.celery().control.ping(timeout=1.0) or []
            except Exception as error:  # noqa: BLE001 (any failure to reach the workers: not ready)
                verdict = f"unreachable ({type(error).__name__})"
            else:
                verdict = f"{len(replies)} answering" if replies else "none answering"
            cached = (time.monotonic(), verdict)
            current_app.extensions["rolefit.workers_ping"] = cached
    return cached[1], time.monotonic() - cached[0]


def _registry() -> CollectorRegistry:
    registry = current_app.extensions.get("rolefit.metrics_registry")
    if registry is None:
        from common.metrics import RedisCollector

        registry = CollectorRegistry(auto_describe=False)
        registry.register(RedisCollector(ext.store().redis))
        current_app.extensions["rolefit.metrics_registry"] = registry
    return registry


@bp.get("/metrics")
def metrics():
    """Prometheus text: uploads, jobs by status and code, stage durations, queue depth, batch sizes."""
    try:
        body = generate_latest(_registry())
    except Exception as error:  # noqa: BLE001 (Redis down: a form Prometheus records as a failed scrape)
        return Response(f"# metrics unavailable: {type(error).__name__}\n", status=503, mimetype="text/plain")
    return Response(body, mimetype=CONTENT_TYPE_LATEST)
