"""Job-description files are read (by a worker, while the request waits) under the same budgets as
resume uploads, and their text and title are bounded (issue 17, item 11). Real Redis, a real
Celery worker, real pdfminer and python-docx."""

from __future__ import annotations

import io
import zipfile

from tests.hostile_files import docx_bomb, flate_bomb_pdf, nested_forms_pdf
from tests.stack import EVAL

DESCRIPTION = (
    "We are hiring a machine learning engineer to build ranking models in Python and "
    "PyTorch, ship them with Docker and Kubernetes, and mentor two junior engineers. "
)


def post_role(client, api_key: str, **kwargs):
    return client.post("/api/v1/roles", headers={"X-API-Key": api_key}, **kwargs)


def test_a_5_mb_json_description_is_too_large_not_a_crash(client, api_key: str):
    response = post_role(client, api_key, json={"text": DESCRIPTION * 30_000})  # about 5 MB
    assert response.status_code == 413
    assert response.json["error"]["code"] == "too_large"
    assert "50,000" in response.json["error"]["message"]


def test_a_1_mb_title_is_refused(client, api_key: str):
    response = post_role(client, api_key, json={"text": DESCRIPTION, "title": "T" * 1_000_000})
    assert response.status_code == 400
    assert response.json["error"]["code"] == "bad_request"
    assert "120" in response.json["error"]["message"]


def test_an_ordinary_description_still_makes_a_role(client, api_key: str, worker_process):
    """A worker builds the role while the request waits (`service.roles.add_role`)."""
    response = post_role(client, api_key, json={"text": DESCRIPTION * 3, "title": "Ranking MLE"})
    assert response.status_code == 201, response.json
    assert response.json["title"] == "Ranking MLE"


def test_a_description_from_a_page_form_is_bounded_too(client, api_key: str):
    """The batch endpoint builds a role from `job_description` by the same function."""
    response = client.post(
        "/api/v1/batches",
        headers={"X-API-Key": api_key},
        content_type="multipart/form-data",
        data={
            "job_description": DESCRIPTION * 1_000,
            "files": [(io.BytesIO(b"Jordan Example\nPython engineer\n"), "cv.txt")],
        },
    )
    assert response.status_code == 413
    assert response.json["error"]["code"] == "too_large"


def test_hostile_description_files_fail_with_their_code(client, api_key: str, worker_process):
    """Before: the nested-forms PDF held a gunicorn thread 171 s; the bombs took gigabytes."""
    for name, data in (
        ("forms.pdf", nested_forms_pdf()),
        ("bomb.pdf", flate_bomb_pdf()),
        ("bomb.docx", docx_bomb()),
    ):
        response = post_role(
            client, api_key, data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data"
        )
        assert response.status_code == 413, (name, response.json)
        assert response.json["error"]["code"] == "too_large"


def test_a_description_file_gets_the_web_tier_deadline(redis_url: str, api_key: str, worker_process):
    """ROLEFIT_ROLE_EXTRACT_TIMEOUT_S bounds a file read while a request waits, below the page's operator
    cap (the web tier sends its deadline with the file)."""
    from service import create_app

    app = create_app(
        {
            "REDIS_URL": redis_url,
            "TESTING": True,
            "rate_limit_per_minute": 100000,
            "role_extract_timeout_s": 0.2,
        }
    )
    response = post_role(
        app.test_client(),
        api_key,
        data={"file": (io.BytesIO(nested_forms_pdf()), "f.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert response.json["error"]["code"] == "timeout"


def big_docx(size: int) -> bytes:
    """A real resume DOCX with a stored (uncompressed) media part that makes it `size` bytes."""
    source = zipfile.ZipFile(EVAL / "resumes" / "d03-bootcamp-analyst-to-junior-mle.docx")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info, source.read(info))
        archive.writestr(
            zipfile.ZipInfo("word/media/padding.bin"), bytes(size), compress_type=zipfile.ZIP_STORED
        )
    return buf.getvalue()


def test_a_docx_part_of_a_batch_obeys_the_upload_limit(client, api_key: str):
    """Before: a DOCX form part skipped the 10 MB limit and was queued."""
    big = big_docx(11 * 1024 * 1024)
    assert len(big) > 10 * 1024 * 1024
    small = (EVAL / "resumes" / "d03-bootcamp-analyst-to-junior-mle.docx").read_bytes()
    response = client.post(
        "/api/v1/batches",
        headers={"X-API-Key": api_key},
        content_type="multipart/form-data",
        data={"files": [(io.BytesIO(big), "big.docx"), (io.BytesIO(small), "small.docx")]},
    )
    assert response.status_code == 202, response.json
    assert response.json["total"] == 1
    assert response.json["rejected"] == [
        {"file": "big.docx", "code": "too_large", "message": "The file is larger than the limit of 10 MB."}
    ]
