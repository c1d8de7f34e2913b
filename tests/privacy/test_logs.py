"""No resume text, name, email or phone number in the logs of an end-to-end run.

A dedicated stack (Valkey, a Celery worker, gunicorn) logs at DEBUG, the most it ever logs. Every
eval resume is uploaded under a file name that carries the candidate's name (as real uploads
often do), analysed, read back, screened in a batch, exported and deleted; the bad files go
through too. Then the worker's and the web server's whole logs are searched.
"""

from __future__ import annotations

import time

import pytest
import requests

from service.auth import hash_key
from tests.faults.helpers import API_KEY
from tests.faults.servers import DedicatedValkey, start_gunicorn, start_worker, stop_worker
from tests.privacy.pii import candidates, leaks
from tests.stack import EVAL

KEY = {"X-API-Key": API_KEY}


def poll(base: str, job_id: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = requests.get(f"{base}/api/v1/resumes/{job_id}", timeout=10).json()
        if body["status"] in ("done", "failed"):
            return body
        time.sleep(0.1)
    raise TimeoutError(job_id)


@pytest.mark.slow
def test_an_end_to_end_run_logs_nothing_about_the_candidates():
    people = candidates()
    server = DedicatedValkey(fsync="everysec")
    server.start()
    worker = start_worker(server.url, "privacy-worker", loglevel="DEBUG", ROLEFIT_LOG_LEVEL="DEBUG")
    web, base = start_gunicorn(
        server.url, "privacy-web", ROLEFIT_LOG_LEVEL="DEBUG", ROLEFIT_API_KEYS=hash_key(API_KEY)
    )
    try:
        ids = {}
        for person in people:
            name = f"{person.name} CV{person.file.suffix}"
            with person.file.open("rb") as fh:
                response = requests.post(f"{base}/api/v1/resumes", files={"file": (name, fh)}, timeout=30)
            assert response.status_code == 202, response.text
            ids[person.id] = response.json()["id"]
        for person in people:
            body = poll(base, ids[person.id])
            assert body["status"] == "done", body
            assert body["report"]["candidate"]["email"] == person.email  # the details were really handled
        files = [("files", (f"{p.name}.{p.file.suffix[1:]}", p.file.read_bytes())) for p in people]
        files += [("files", (path.name, path.read_bytes())) for path in sorted((EVAL / "bad").iterdir())]
        batch = requests.post(f"{base}/api/v1/batches", files=files, headers=KEY, timeout=60)
        assert batch.status_code == 202, batch.text
        batch_id = batch.json()["id"]
        deadline = time.monotonic() + 90
        while (
            requests.get(f"{base}/api/v1/batches/{batch_id}", headers=KEY, timeout=10).json()["status"]
            != "done"
        ):
            assert time.monotonic() < deadline
            time.sleep(0.2)
        for fmt in ("csv", "json"):
            export = requests.get(
                f"{base}/api/v1/batches/{batch_id}/export?format={fmt}", headers=KEY, timeout=30
            )
            assert people[0].email in export.text
            assert leaks(export.text, people)  # the scanner finds details where they belong
        for path in sorted((EVAL / "bad").iterdir()):
            with path.open("rb") as fh:
                response = requests.post(
                    f"{base}/api/v1/resumes", files={"file": (path.name, fh)}, timeout=30
                )
            if response.status_code == 202:
                poll(base, response.json()["id"])
        for person in people[::2]:
            assert requests.delete(f"{base}/api/v1/resumes/{ids[person.id]}", timeout=10).status_code == 204
        assert (
            requests.delete(f"{base}/api/v1/batches/{batch_id}", headers=KEY, timeout=10).status_code == 204
        )
    finally:
        web.stop()
        stop_worker(worker)
        server.close()
    worker_log, web_log = (
        p.log_path.read_text(errors="replace") for p in (worker, web)
    )  # fresh files: this run only
    assert "job done" in worker_log and len(worker_log) > 10_000  # the logs were really written, at DEBUG
    assert '"level": "debug"' in worker_log
    for name, text in (("worker", worker_log), ("web", web_log)):
        found = leaks(text, people)
        assert not found, f"the {name} log holds candidate details: {found[:10]}"
