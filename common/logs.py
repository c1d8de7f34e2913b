"""Structured JSON logs. Inside a task every line carries the job id; no line carries resume content."""

from __future__ import annotations

import contextvars
import json
import logging
import sys
import time

current_job: contextvars.ContextVar[str | None] = contextvars.ContextVar("current_job", default=None)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, job id and `extra` fields."""

    RESERVED = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        job = getattr(record, "job", None) or current_job.get()
        if job:
            entry["job"] = job
        for key, value in record.__dict__.items():
            if key not in self.RESERVED and key != "job" and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc_type"] = record.exc_info[0].__name__ if record.exc_info[0] else None
        return json.dumps(entry, default=str)


def configure_logging(level: str = "INFO") -> None:
    """Send JSON lines to stderr; quiet the chatty libraries that could echo document content."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("pdfminer", "PIL", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
