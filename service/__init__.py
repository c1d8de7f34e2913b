"""Rolefit web service: the Flask app factory."""

from __future__ import annotations

import dataclasses
from typing import Any, Mapping

from flask import Flask

from worker.settings import Settings


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then the environment (`REDIS_URL`, `ROLEFIT_*`), then `test_config`."""
    app = Flask(__name__)
    settings = Settings.from_env()
    if test_config:
        overrides = {k.lower(): v for k, v in test_config.items() if k.lower() in {f.name for f in dataclasses.fields(Settings)}}
        settings = dataclasses.replace(settings, **overrides)
    if not settings.redis_url:
        raise RuntimeError("REDIS_URL is not set: start the stack with `rolefit up`, or point REDIS_URL at a server.")
    app.config.from_mapping(
        SETTINGS=settings,
        MAX_CONTENT_LENGTH=settings.max_batch_bytes,
        JSON_SORT_KEYS=False,
    )
    if test_config:
        app.config.from_mapping({k: v for k, v in test_config.items() if k.isupper()})

    from service import api, auth, batches, errors, extensions, health, openapi

    errors.init_app(app)
    extensions.init_app(app)
    auth.init_app(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(batches.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(openapi.bp)
    return app
