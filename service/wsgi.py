"""WSGI entry point for gunicorn: `gunicorn service.wsgi:app`."""

from common.logs import configure_logging
from common.settings import Settings
from service import create_app

configure_logging(Settings.from_env().log_level)
app = create_app()
