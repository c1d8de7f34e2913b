"""Celery tasks: thin, take ids, declare their limits where they are defined."""

from __future__ import annotations

import logging
import time
from functools import lru_cache

import redis
from celery.exceptions import SoftTimeLimitExceeded
from celery.signals import worker_process_init
from celery.worker.request import Request

from common.celery_config import TASK_BUILD_ROLE
from common.role_requests import RoleReply, RoleRequests
from common.sealing import UploadSealer
from common.settings import Settings
from common.store import Store
from worker.celery_app import TASK_ANALYZE, app
from worker.jobs import process_job
from worker.memory import cap_address_space

log = logging.getLogger("rolefit.worker")
SETTINGS: Settings = app.conf.rolefit_settings


@lru_cache(maxsize=1)
def store() -> Store:
    """One Redis connection pool per worker process."""
    return Store.from_url(
        SETTINGS.redis_url,
        upload_ttl_s=SETTINGS.upload_ttl_s,
        report_ttl_s=SETTINGS.report_ttl_s,
        sealer=UploadSealer.from_settings(SETTINGS),
    )


WARM_UP_TEXT = b"""Sample Person
EXPERIENCE
Machine Learning Engineer, Example Co (Jan 2020 - Present)
- Built ranking models in Python and PyTorch.
EDUCATION
B.S. in Computer Science, 2019
SKILLS
Python, SQL, Docker
"""


def warm_up() -> None:
    """Load every module, the taxonomy, the spaCy pipeline and the roles once, before the first task."""
    import worker.extract.pdf  # pdfminer and its font tables
    import worker.roles  # noqa: F401  (every job imports it to look up its role: about 1 s)
    from worker.pipeline import analyze

    analyze(WARM_UP_TEXT, "warm-up.txt")


@worker_process_init.connect
def _warm_up(**_: object) -> None:
    """Load the spaCy pipeline, taxonomy and role profiles once per worker process."""
    started = time.perf_counter()
    warm_up()
    # After the warm-up, so that the cap is relative to what a ready process maps.
    limit = cap_address_space(SETTINGS.worker_memory_headroom_mb)
    # Tasks sent before this line wait for it, and their time limits run while they wait.
    log.info(
        "pool process warmed up",
        extra={
            "stage": "warm_up",
            "seconds": round(time.perf_counter() - started, 3),
            "address_space_limit_mb": limit // 1048576 if limit else None,
        },
    )


def timeout_message() -> str:
    return f"Analysis took longer than {SETTINGS.task_time_limit_s} s and was stopped."


def failure_of(job_id: str, error: BaseException) -> tuple[str, str]:
    """The code and message a job fails with when its task stops on `error` (logged here)."""
    if isinstance(error, SoftTimeLimitExceeded):
        return "timeout", timeout_message()
    if isinstance(error, MemoryError):  # past the pool process's address-space cap (worker/memory.py)
        log.warning(
            "job over the memory limit", extra={"stage": "failed", "code": "too_large", "job": job_id}
        )
        message = (
            "The file needs more memory to read than a worker may use; export it again as a simpler document."
        )
        return "too_large", message
    log.exception("job crashed", extra={"stage": "crashed", "job": job_id})  # called in `except`
    return "internal", "An internal error stopped the analysis; the team has been told."


class AnalyzeRequest(Request):
    """The worker's main process's view of one task: records a hard time limit on the job.

    The soft limit raises inside the task, which fails the job itself. Past the hard limit the pool
    kills the child process, which can no longer write anything, and Celery acknowledges the
    message; without this the job would stay `processing` for ever.
    """

    def on_timeout(self, soft: bool, timeout: float) -> None:
        super().on_timeout(soft, timeout)
        if soft or not self.args:
            return
        job_id = str(self.args[0])
        try:
            store().fail(job_id, "timeout", timeout_message())
        except redis.RedisError as error:
            log.warning(
                "could not record a hard time limit",
                extra={"stage": "timeout", "job": job_id, "error": type(error).__name__},
            )
        log.warning("job killed at the hard time limit", extra={"stage": "timeout", "job": job_id})


@app.task(
    name=TASK_ANALYZE,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    Request=AnalyzeRequest,
    soft_time_limit=SETTINGS.task_time_limit_s,
    time_limit=SETTINGS.task_time_limit_s + 10,
    autoretry_for=(redis.ConnectionError, redis.TimeoutError),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=10,
)
def analyze_resume(self, job_id: str) -> None:
    """Analyse one uploaded resume; the outcome lands in Redis, not in a Celery result.

    Transport errors propagate (Celery retries them); anything else fails the job through
    `Store.fail`, which records and counts every failure once.
    """
    try:
        process_job(store(), job_id, SETTINGS)
    except (redis.ConnectionError, redis.TimeoutError):
        raise
    except Exception as error:  # noqa: BLE001 (logged by failure_of; SoftTimeLimitExceeded, MemoryError too)
        store().fail(job_id, *failure_of(job_id, error))


# A role's sender waits at most the file-reading deadline plus the build timeout; a build that runs
# on long after its sender got a 503 would only hold a worker (a description of 50,000 punctuation
# marks takes spaCy's tokenizer minutes).
ROLE_BUILD_LIMIT_S = min(
    SETTINGS.task_time_limit_s, SETTINGS.role_extract_timeout_s + SETTINGS.role_build_timeout_s + 5
)


def answer_role_failure(request_id: str, code: str, message: str) -> None:
    """Tell the waiting web request why its role was not built."""
    RoleRequests(store()).answer(request_id, RoleReply(code=code, message=message))


@app.task(
    name=TASK_BUILD_ROLE,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=ROLE_BUILD_LIMIT_S,
    time_limit=ROLE_BUILD_LIMIT_S + 10,
    autoretry_for=(redis.ConnectionError, redis.TimeoutError),
    retry_backoff=1,
    max_retries=3,
)
def build_role(request_id: str, owner: str) -> None:
    """Read (a file) and build a user's job description into a role; the answer goes to the waiting
    web request."""
    # Imported here, as `worker.jobs` does: the worker's main process imports this module and must
    # not load spaCy (each pool process loads it in its warm-up).
    from worker.roles import build_requested_role

    try:
        build_requested_role(store(), request_id, owner, SETTINGS)
    except SoftTimeLimitExceeded:
        answer_role_failure(
            request_id, "timeout", f"Building the role took longer than {ROLE_BUILD_LIMIT_S:g} s."
        )
    except (redis.ConnectionError, redis.TimeoutError):
        raise
    except MemoryError as error:  # a job-description file past the pool process's address-space cap
        answer_role_failure(request_id, *failure_of(request_id, error))
    except Exception:
        log.exception("role build crashed", extra={"stage": "crashed", "job": request_id})
        answer_role_failure(
            request_id, "internal", "An internal error stopped building the role; the team has been told."
        )
