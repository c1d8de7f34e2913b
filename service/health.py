"""Liveness, readiness and metrics for operators."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.registry import CollectorRegistry

from service import extensions as ext

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process is up and serving requests."""
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz():
    """Ready when Redis answers and at least one worker replies to a ping."""
    checks: dict[str, str] = {}
    try:
        ext.store().ping()
        checks["redis"] = "ok"
    except Exception as error:  # any failure to reach Redis means not ready
        checks["redis"] = f"unreachable ({type(error).__name__})"
    if checks["redis"] == "ok":
        try:
            replies = ext.celery().control.ping(timeout=1.0) or []
        except Exception as error:
            replies = []
            checks["workers"] = f"unreachable ({type(error).__name__})"
        else:
            checks["workers"] = f"{len(replies)} answering" if replies else "none answering"
    ready = checks.get("redis") == "ok" and bool(checks.get("workers", "").split()[0].isdigit())
    body: dict[str, object] = {"status": "ready" if ready else "not_ready", "checks": checks}
    if not ready:  # the API's error shape too, so a client handles every 503 alike
        body["error"] = {"code": "unavailable", "message": "Not ready: " + ", ".join(f"{k} {v}" for k, v in checks.items())}
    response = jsonify(body)
    response.status_code = 200 if ready else 503
    return response


def _registry() -> CollectorRegistry:
    registry = current_app.extensions.get("rolefit.metrics_registry")
    if registry is None:
        from worker.metrics import RedisCollector

        registry = CollectorRegistry(auto_describe=False)
        registry.register(RedisCollector(ext.store().redis))
        current_app.extensions["rolefit.metrics_registry"] = registry
    return registry


@bp.get("/metrics")
def metrics():
    """Prometheus text: uploads, jobs by status and code, stage durations, queue depth, batch sizes."""
    try:
        body = generate_latest(_registry())
    except Exception as error:  # Redis down: say so in a form Prometheus records as a failed scrape
        return Response(f"# metrics unavailable: {type(error).__name__}\n", status=503, mimetype="text/plain")
    return Response(body, mimetype=CONTENT_TYPE_LATEST)
