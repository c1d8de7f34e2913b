"""The real Celery app with one test-only addition: the analysis of some files waits first.

Only the fault tests start it (`celery -A tests.faults.slow_app worker`). Nothing in the product
imports this module and `tests/` is not installed with the package, so no production worker can
turn it on. It makes "in the middle of a task" deterministic without a hook in the product code.

- A file named `slow-*` waits FAULTS_DELAY_S seconds (default 5) inside the task, after its job
  turned `processing`, then is analysed normally.
- A file named `stubborn-*` waits the same way but ignores Celery's soft time limit while it
  waits, like C code that never returns to the interpreter; only the hard limit stops it.
- Each waiting task writes its process id to FAULTS_STATE_DIR/<file name>.pid (when set), so a
  test can kill exactly the pool process running it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded

from worker import pipeline
from worker.celery_app import app

__all__ = ["app"]

_analyze = pipeline.analyze


def _wait(seconds: float, *, stubborn: bool) -> None:
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        try:
            time.sleep(min(left, 0.5))
        except SoftTimeLimitExceeded:
            if not stubborn:
                raise


def _slow_analyze(data: bytes, filename: str, **options):
    if filename.startswith(("slow-", "stubborn-")):
        state = os.environ.get("FAULTS_STATE_DIR")
        if state:
            Path(state, f"{filename}.pid").write_text(str(os.getpid()))
        _wait(float(os.environ.get("FAULTS_DELAY_S", "5")), stubborn=filename.startswith("stubborn-"))
    return _analyze(data, filename, **options)


pipeline.analyze = _slow_analyze
