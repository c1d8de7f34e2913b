"""Resources the web tier shares across requests, each attached with `init_app`."""

from __future__ import annotations

from celery import Celery
from flask import Flask, current_app

from common.celery_config import celery_config
from common.sealing import UploadSealer
from common.settings import Settings
from common.store import Store


def init_app(app: Flask) -> None:
    settings: Settings = app.config["SETTINGS"]
    app.extensions["rolefit.store"] = Store.from_url(
        settings.redis_url,
        upload_ttl_s=settings.upload_ttl_s,
        report_ttl_s=settings.report_ttl_s,
        sealer=UploadSealer.from_settings(settings),
    )
    sender = Celery("rolefit-web")
    sender.conf.update(celery_config(settings))
    sender.conf.broker_transport_options = {
        **sender.conf.broker_transport_options,
        "socket_connect_timeout": 2,
        "socket_timeout": 5,
    }
    app.extensions["rolefit.celery"] = sender


def metrics():
    from common.metrics import Metrics

    return Metrics(store().redis)


def store() -> Store:
    return current_app.extensions["rolefit.store"]


def celery() -> Celery:
    return current_app.extensions["rolefit.celery"]


def settings() -> Settings:
    return current_app.config["SETTINGS"]
