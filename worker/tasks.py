"""Celery tasks: thin, take ids, declare their limits where they are defined."""

from __future__ import annotations

import logging
from functools import lru_cache

import redis
from celery.exceptions import SoftTimeLimitExceeded

from worker.celery_app import TASK_ANALYZE, app
from worker.jobs import process_job
from worker.metrics import Metrics
from worker.settings import Settings
from worker.store import Store

log = logging.getLogger("rolefit.worker")
SETTINGS: Settings = app.conf.rolefit_settings


@lru_cache(maxsize=1)
def store() -> Store:
    """One Redis connection pool per worker process."""
    return Store.from_url(SETTINGS.redis_url, upload_ttl_s=SETTINGS.upload_ttl_s,
                          report_ttl_s=SETTINGS.report_ttl_s)


def warm_up() -> None:
    """Load the taxonomy, the spaCy pipeline and the role profiles before the first task."""
    from models.roles import load_roles
    from taxonomy.tagger import load_tagger

    load_tagger()
    load_roles()


@app.task(name=TASK_ANALYZE, bind=True, acks_late=True, reject_on_worker_lost=True,
          soft_time_limit=SETTINGS.task_time_limit_s, time_limit=SETTINGS.task_time_limit_s + 10,
          autoretry_for=(redis.ConnectionError, redis.TimeoutError), retry_backoff=2,
          retry_backoff_max=60, max_retries=10)
def analyze_resume(self, job_id: str) -> None:
    """Analyse one uploaded resume; the outcome lands in Redis, not in a Celery result."""
    try:
        process_job(store(), job_id, SETTINGS)
    except SoftTimeLimitExceeded:
        store().fail(job_id, "timeout", f"Analysis took longer than {SETTINGS.task_time_limit_s} s and was stopped.")
        Metrics(store().redis).count("jobs", status="failed", code="timeout")
    except (redis.ConnectionError, redis.TimeoutError):
        raise
    except Exception:
        log.exception("job crashed", extra={"stage": "crashed", "job": job_id})
        store().fail(job_id, "internal", "An internal error stopped the analysis; the team has been told.")
        Metrics(store().redis).count("jobs", status="failed", code="internal")
