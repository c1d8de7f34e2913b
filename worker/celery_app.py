"""The Celery application: broker settings, reliability options, per-process set-up.

`celery -A worker.celery_app worker` is the entry point; the app reads its settings from the
environment when this module is imported, because that is how the Celery command finds it. The
tasks (and the pool processes' warm-up) live in `worker.tasks`, which the app imports by name
(`conf.imports`); this module never imports it. The web tier imports neither: it sends tasks by
name with the options of `common.celery_config`.
"""

from __future__ import annotations

from celery import Celery
from celery.signals import setup_logging, task_postrun, task_prerun

from common.celery_config import TASK_ANALYZE, celery_config
from common.logs import configure_logging, current_job
from common.settings import Settings

__all__ = ["TASK_ANALYZE", "app", "celery_config", "create_celery"]


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


@task_prerun.connect
def _bind_job(args: tuple = (), **_: object) -> None:
    current_job.set(args[0] if args else None)


@task_postrun.connect
def _unbind_job(**_: object) -> None:
    current_job.set(None)
