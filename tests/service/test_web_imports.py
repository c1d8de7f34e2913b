"""The web tier accepts an upload without importing the worker's Celery app, spaCy, scikit-learn or pdfminer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("worker.celery_app", "worker.tasks", "spacy", "sklearn", "pdfminer")

PROBE = r"""
import io, json, sys
from service import create_app
app = create_app({"REDIS_URL": sys.argv[1], "TESTING": True, "rate_limit_per_minute": 100000})
client = app.test_client()
text = b"Ada Example\nEXPERIENCE\nData Scientist, Example Co (2019 - 2023)\nSKILLS\nPython, SQL\n"
response = client.post("/api/v1/resumes", data={"file": (io.BytesIO(text), "cv.txt")},
                       content_type="multipart/form-data")
from kombu.transport import redis as kombu_redis
guarded = getattr(kombu_redis.Channel._connparams, "rolefit_guarded", False)
print(json.dumps({"guarded": guarded, "status": response.status_code, "body": response.get_json(),
                  "heavy": sorted(name for name in sys.modules if name.split(".")[0] in {"spacy", "sklearn", "pdfminer"}
                                  or name in {"worker.celery_app", "worker.tasks"})}))
"""


def probe(redis_url: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, redis_url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_upload_in_a_fresh_web_process_imports_no_worker_code(redis_url: str) -> None:
    seen = probe(redis_url)
    assert seen["status"] == 202, seen["body"]
    assert seen["body"]["status"] == "queued"
    assert [name for name in seen["heavy"] if name.startswith(HEAVY)] == []
    assert seen["guarded"] is False  # the worker's kombu patch belongs to the worker process only
