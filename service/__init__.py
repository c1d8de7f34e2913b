"""Rolefit web service: the Flask app factory."""

from __future__ import annotations

import dataclasses
import os
import secrets
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from common.settings import Settings
from models.vocab import DONE, FAILED, PROCESSING, QUEUED, RUNNING

# What templates call the job and batch statuses (`{% if job.status == FAILED %}`).
STATUS_NAMES = {
    "QUEUED": QUEUED,
    "PROCESSING": PROCESSING,
    "DONE": DONE,
    "FAILED": FAILED,
    "RUNNING": RUNNING,
}


def persistent_secret(data_dir: Path) -> str:
    """The session-signing key kept under the data directory, shared by every web process."""
    path = data_dir / "secret-key"
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):  # another process may be writing it this instant
            if secret := path.read_text().strip():
                return secret
            time.sleep(0.02)
        raise RuntimeError(f"{path} is empty; delete it or set ROLEFIT_SECRET_KEY") from None
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then the environment (`REDIS_URL`, `ROLEFIT_*`), then `test_config`."""
    app = Flask(__name__)
    settings = Settings.from_env()
    if test_config:
        overrides = {
            k.lower(): v
            for k, v in test_config.items()
            if k.lower() in {f.name for f in dataclasses.fields(Settings)}
        }
        settings = dataclasses.replace(settings, **overrides)
    if not settings.redis_url:
        raise RuntimeError(
            "REDIS_URL is not set: start the stack with `rolefit up`, or point REDIS_URL at a server."
        )
    app.config.from_mapping(
        SETTINGS=settings,
        SECRET_KEY=settings.secret_key or persistent_secret(Path(settings.data_dir)),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=settings.max_batch_bytes,
        JSON_SORT_KEYS=False,
    )
    if test_config:
        app.config.from_mapping({k: v for k, v in test_config.items() if k.isupper()})
    if settings.trusted_proxies:  # behind nginx: the client's address is the one the proxy saw
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(
            app.wsgi_app,
            x_for=settings.trusted_proxies,  # type: ignore[method-assign]
            x_proto=settings.trusted_proxies,
        )

    from flask_wtf.csrf import CSRFProtect

    from service import (
        api,
        auth,
        batches,
        errors,
        extensions,
        health,
        openapi,
        pages,
        tenant_api,
        tenant_pages,  # noqa: F401  (its routes join pages.bp before it is registered)
    )

    # The status words templates compare with, from the one vocabulary (`models.vocab`).
    app.jinja_env.globals.update(STATUS_NAMES)
    errors.init_app(app)
    extensions.init_app(app)
    auth.init_app(app)
    csrf = CSRFProtect(app)  # page forms carry a token; the JSON API authenticates by header key instead
    app.register_blueprint(csrf.exempt(api.bp))
    app.register_blueprint(csrf.exempt(batches.bp))
    app.register_blueprint(csrf.exempt(tenant_api.bp))
    app.register_blueprint(health.bp)
    app.register_blueprint(openapi.bp)
    app.register_blueprint(pages.bp)  # with tenant_pages' routes
    return app
