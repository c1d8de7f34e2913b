"""Liveness, readiness and metrics for operators."""

from __future__ import annotations

from flask import Blueprint, jsonify

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
    response = jsonify({"status": "ready" if ready else "not_ready", "checks": checks})
    response.status_code = 200 if ready else 503
    return response
