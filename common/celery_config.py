"""The Celery options and task names both tiers share; no Celery app, no tasks, no patches.

The web tier builds a sending-only `celery.Celery` client from these and sends tasks by name
(`send_task(TASK_ANALYZE, ...)`); the worker's app (`worker.celery_app`) uses the same options.
Every worker consumes both queues (`celery worker -Q rolefit,rolefit.roles`): a job description a
user waits for goes to a queue of its own, so it never waits behind a batch's backlog of resumes.
"""

from __future__ import annotations

from common.settings import Settings

TASK_ANALYZE = "rolefit.analyze_resume"
TASK_BUILD_ROLE = "rolefit.build_role"

QUEUE = "rolefit"  # resume analyses
ROLE_QUEUE = "rolefit.roles"  # job descriptions to build into roles while their sender waits
WORKER_QUEUES = f"{QUEUE},{ROLE_QUEUE}"  # what every worker consumes


def pool_recycling(max_memory_mb: int, max_tasks: int) -> dict[str, int | None]:
    """Celery's recycling options from Rolefit's settings (0 means no limit)."""
    return {
        "worker_max_memory_per_child": max_memory_mb * 1024 if max_memory_mb > 0 else None,
        "worker_max_tasks_per_child": max_tasks if max_tasks > 0 else None,
    }


def celery_config(settings: Settings) -> dict[str, object]:
    """Celery options shared by the web tier (which only sends) and the workers."""
    return {
        "broker_url": settings.redis_url,
        "broker_connection_retry_on_startup": True,
        # An unacknowledged task whose worker died goes back to the queue once it is older than the
        # visibility timeout. Workers look for such tasks every 10 s; kombu's default throttle
        # scans only on every 10th look, which could add 100 s to the recovery.
        "broker_transport_options": {
            "visibility_timeout": settings.broker_visibility_timeout_s,
            "unacked_restore_throttle": 1,
        },
        "task_ignore_result": True,
        "task_serializer": "json",
        "accept_content": ["json"],
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        # A late-ack task cannot be acknowledged over a lost connection and Redis will hand it out
        # again: stop it rather than finish it twice.
        "worker_cancel_long_running_tasks_on_connection_loss": True,
        "task_default_queue": QUEUE,
        "worker_prefetch_multiplier": 1,
        "worker_hijack_root_logger": False,
        "worker_send_task_events": False,
        # Replace a pool process that grew too big or served many tasks.
        **pool_recycling(settings.worker_max_memory_mb, settings.worker_max_tasks_per_child),
    }
