"""The JSON API's validation and error shapes, against a real Redis (no worker needed)."""

from __future__ import annotations

import io

import pytest

from service import create_app


def post_file(client, data: bytes, name: str = "cv.pdf", **form: str):
    return client.post(
        "/api/v1/resumes", data={"file": (io.BytesIO(data), name), **form}, content_type="multipart/form-data"
    )


@pytest.mark.parametrize(
    ("method", "path"), [("get", "/api/v1/resumes/{}"), ("delete", "/api/v1/resumes/{}")]
)
def test_unknown_ids_are_not_found(client, method: str, path: str):
    response = getattr(client, method)(path.format("AAAAAAAAAAAAAAAAAAAAAA"))
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("data", "name", "status", "code"),
    [
        (b"", "cv.pdf", 400, "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "cv.pdf", 415, "unsupported_type"),
        (bytes(range(1, 32)) * 50, "cv.txt", 415, "unsupported_type"),
    ],
)
def test_bad_uploads_are_refused_with_a_code(client, data: bytes, name: str, status: int, code: str):
    response = post_file(client, data, name)
    assert response.status_code == status
    assert response.json["error"]["code"] == code
    assert response.json["error"]["message"]


def test_missing_file_field(client):
    response = client.post("/api/v1/resumes", data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert response.json["error"]["code"] == "missing_file"


def test_oversized_upload_is_refused(redis_url: str):
    client = create_app({"REDIS_URL": redis_url, "max_upload_bytes": 1024}).test_client()
    response = post_file(client, b"%PDF-1.4\n" + b"x" * 200_000)
    assert response.status_code == 413
    assert response.json["error"]["code"] == "too_large"


def test_unknown_role_is_refused(client):
    response = post_file(
        client, b"Jane Doe\nPython developer with five years of experience.\n", "cv.txt", role="no-such-role"
    )
    assert response.status_code == 404
    assert response.json["error"]["code"] == "unknown_role"


def test_upload_is_accepted_at_once_with_an_unguessable_id(client, app):
    response = post_file(client, b"Jane Doe\nData engineer. Python, SQL and Airflow since 2019.\n", "cv.txt")
    assert response.status_code == 202
    body = response.json
    assert body["status"] == "queued" and len(body["id"]) == 22
    assert response.headers["Location"].endswith(body["id"])
    job = client.get(f"/api/v1/resumes/{body['id']}").json
    assert job["status"] in {"queued", "processing", "done"}
    assert job["file"] == {"name": "cv.txt", "type": "txt", "size": 60}
    with app.app_context():
        from service.extensions import store

        store().erase(body["id"])


def test_path_in_filename_is_stripped(client, app):
    response = post_file(
        client, b"Jane Doe\nData engineer with Python and SQL.\n", "../../etc/cv<script>.txt"
    )
    job = client.get(f"/api/v1/resumes/{response.json['id']}").json
    assert job["file"]["name"] == "cv_script_.txt"
    with app.app_context():
        from service.extensions import store

        store().erase(response.json["id"])
