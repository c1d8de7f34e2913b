"""WSGI entry point for gunicorn: `gunicorn service.wsgi:app`."""

from service import create_app
from worker.logs import configure_logging
from worker.settings import Settings

configure_logging(Settings.from_env().log_level)
app = create_app()
