"""Identical-file reuse stays inside one API key (issue 17 item 9): a second uploader without the
first one's key does not learn that the file was uploaded before, nor the first uploader's file name;
within one key a reused report carries the new file name only."""

from __future__ import annotations

import io
import json
import secrets

from tests.faults.helpers import wait_status
from tests.stack import redis_client


def resume() -> bytes:
    marker = secrets.token_hex(6)
    return (
        f"Robin Example {marker}\nrobin.{marker}@example.org\nExperience\n"
        "2018 - 2024 Machine learning engineer: Python, PyTorch, Kubernetes.\n"
    ).encode()


def post(client, data: bytes, name: str, key: str | None = None) -> dict:
    headers = {"X-API-Key": key} if key else {}
    answer = client.post(
        "/api/v1/resumes",
        headers=headers,
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 202, answer.json
    return answer.json


def finished(app, job_id: str, key: str | None = None) -> dict:
    store = app.extensions["rolefit.store"]
    assert wait_status(store, job_id, {"done", "failed"}, 90) == "done"
    return store.get_report(job_id)


def test_strangers_never_share_a_report(app, client, worker_process, redis_url):
    from service.auth import create_key

    data = resume()
    first = post(client, data, "alice-secret-name.txt")
    finished(app, first["id"])
    second = post(client, data, "bob.txt")  # anonymous too, from elsewhere: no reuse
    assert second["status"] == "queued"
    report = finished(app, second["id"])
    assert report["file"]["name"] == "bob.txt" and "alice-secret-name" not in json.dumps(report)
    assert "reused" not in app.extensions["rolefit.store"].get_job(second["id"]).fields

    one, other = (create_key(redis_client(redis_url), f"tenant-{secrets.token_hex(3)}") for _ in range(2))
    mine = post(client, data, "carol-private.txt", key=one)
    finished(app, mine["id"])
    theirs = post(client, data, "dave.txt", key=other)
    assert theirs["status"] == "queued"
    assert "carol-private" not in json.dumps(finished(app, theirs["id"]))


def test_a_reused_report_carries_the_new_file_name_only(app, client, worker_process, api_key):
    data = resume()
    first = post(client, data, "first-name.txt", key=api_key)
    finished(app, first["id"])
    again = post(client, data, "second-name.txt", key=api_key)
    assert again["status"] == "done"  # the same key: the stored report is reused
    report = app.extensions["rolefit.store"].get_report(again["id"])
    assert report["file"]["name"] == "second-name.txt" and "first-name" not in json.dumps(report)
    shown = client.get(f"/api/v1/resumes/{again['id']}", headers={"X-API-Key": api_key}).json
    assert "first-name" not in json.dumps(shown)
