"""The Celery application: broker settings, reliability options, per-process set-up.

`celery -A worker.celery_app worker` is the entry point; the app reads its settings from the
environment when this module is imported, because that is how the Celery command finds it.
"""

from __future__ import annotations

from celery import Celery
from celery.signals import setup_logging, task_postrun, task_prerun, worker_process_init

from worker.logs import configure_logging, current_job
from worker.memory import cap_address_space, pool_recycling
from worker.settings import Settings

TASK_ANALYZE = "rolefit.analyze_resume"


def guard_restore_on_closed_connection() -> None:
    """Work around a kombu bug that stops the worker when the broker goes away mid-task.

    When Redis drops, Celery closes the connection and then the channel; closing the channel tries
    to put unacknowledged messages back, which builds a new connection pool from the connection's
    `client`, already None by then: an AttributeError that escapes Celery's handling of connection
    errors and ends the worker ("Unrecoverable error"). Raising a connection error instead lets
    Celery reconnect as usual; the messages stay in kombu's unacked store and come back through the
    visibility-timeout restore, as they do after a killed worker.
    """
    from kombu.transport import redis as kombu_redis
    from redis.exceptions import ConnectionError as RedisConnectionError

    original = kombu_redis.Channel._connparams
    if getattr(original, "rolefit_guarded", False):
        return

    def _connparams(self, asynchronous=False):
        if self.connection is None or self.connection.client is None:
            raise RedisConnectionError("the broker connection is already closed")
        return original(self, asynchronous=asynchronous)

    _connparams.rolefit_guarded = True  # type: ignore[attr-defined]
    kombu_redis.Channel._connparams = _connparams


def celery_config(settings: Settings) -> dict[str, object]:
    """Celery options shared by the web tier (which only sends) and the workers."""
    return {
        "broker_url": settings.redis_url,
        "broker_connection_retry_on_startup": True,
        # An unacknowledged task whose worker died goes back to the queue once it is older than the
        # visibility timeout. Workers look for such tasks every 10 s; kombu's default throttle
        # scans only on every 10th look, which could add 100 s to the recovery.
        "broker_transport_options": {"visibility_timeout": settings.broker_visibility_timeout_s,
                                     "unacked_restore_throttle": 1},
        "task_ignore_result": True,
        "task_serializer": "json",
        "accept_content": ["json"],
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        # A late-ack task cannot be acknowledged over a lost connection and Redis will hand it out
        # again: stop it rather than finish it twice.
        "worker_cancel_long_running_tasks_on_connection_loss": True,
        "task_default_queue": "rolefit",
        "worker_prefetch_multiplier": 1,
        "worker_hijack_root_logger": False,
        "worker_send_task_events": False,
        # Replace a pool process that grew too big or served many tasks (worker/memory.py).
        **pool_recycling(settings.worker_max_memory_mb, settings.worker_max_tasks_per_child),
    }


def create_celery(settings: Settings | None = None) -> Celery:
    settings = settings or Settings.from_env()
    app = Celery("rolefit")
    app.conf.update(celery_config(settings))
    app.conf.rolefit_settings = settings
    return app


guard_restore_on_closed_connection()
app = create_celery()
app.conf.imports = ("worker.tasks",)


@setup_logging.connect
def _logging(**_: object) -> None:
    configure_logging(app.conf.rolefit_settings.log_level)


@worker_process_init.connect
def _warm_up(**_: object) -> None:
    """Load the spaCy pipeline, taxonomy and role profiles once per worker process."""
    import logging
    import time

    from worker.tasks import warm_up

    started = time.perf_counter()
    warm_up()
    # After the warm-up, so that the cap is relative to what a ready process maps.
    limit = cap_address_space(app.conf.rolefit_settings.worker_memory_headroom_mb)
    # Tasks sent before this line wait for it, and their time limits run while they wait.
    logging.getLogger("rolefit.worker").info("pool process warmed up", extra={
        "stage": "warm_up", "seconds": round(time.perf_counter() - started, 3),
        "address_space_limit_mb": limit // 1048576 if limit else None})


@task_prerun.connect
def _bind_job(args: tuple = (), **_: object) -> None:
    current_job.set(args[0] if args else None)


@task_postrun.connect
def _unbind_job(**_: object) -> None:
    current_job.set(None)
