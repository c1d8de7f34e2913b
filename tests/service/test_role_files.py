"""A job description sent as a file: the web tier checks its size and type and stores it; a worker
reads it under the upload budgets and builds the role while the request waits. Real Redis, a real
Celery worker, real pdfminer."""

from __future__ import annotations

import io

from tests.service.test_pages import sign_in, token
from tests.stack import redis_client
from tests.worker.pdf_factory import make_pdf, text_lines

API_TOO_SHORT = "Send the job description as `text` (at least a few sentences) or as a `file`."
PAGE_TOO_SHORT = "Paste the job description (at least a few sentences) or choose a file."


def jd_lines(team: str) -> list[str]:
    """A short job description of its own for each test (the same text is the same role for a key)."""
    return [
        f"Search Relevance Engineer, {team}",
        "You will build learning-to-rank models in Python and PyTorch and serve them on Kubernetes.",
        "We ask for 4+ years of experience with Apache Spark and SQL, and a master's degree.",
    ]


def post_file(client, api_key: str | None, data: bytes, name: str, **form: str):
    headers = {"X-API-Key": api_key} if api_key else {}
    return client.post(
        "/api/v1/roles",
        headers=headers,
        data={"file": (io.BytesIO(data), name), **form},
        content_type="multipart/form-data",
    )


def pending(redis_url: str) -> list[bytes]:
    return list(redis_client(redis_url).scan_iter(match="rf:roles:pending:*"))


def test_a_pdf_description_becomes_a_role_and_its_text_stays_that_role(
    client, api_key: str, worker_process
) -> None:
    lines = jd_lines("team PDF")
    pdf = make_pdf(text_lines(lines))
    first = post_file(client, api_key, pdf, "jd.pdf", title="Relevance MLE")
    assert first.status_code == 201, first.json
    assert first.json["title"] == "Relevance MLE"
    assert {"pytorch", "kubernetes", "apache-spark"} <= {skill["id"] for skill in first.json["skills"]}
    assert first.headers["Location"].endswith(first.json["id"])
    again = post_file(client, api_key, pdf, "again.pdf")
    assert (again.status_code, again.json["id"]) == (200, first.json["id"])
    pasted = client.post("/api/v1/roles", headers={"X-API-Key": api_key}, json={"text": "\n".join(lines)})
    assert (pasted.status_code, pasted.json["id"]) == (200, first.json["id"])  # file or pasted: one text


def test_a_file_with_too_little_text_is_refused_in_the_callers_words(
    client, api_key: str, worker_process
) -> None:
    response = post_file(client, api_key, b"Python and SQL.\n", "jd.txt")
    assert response.status_code == 400, response.json
    assert response.json["error"] == {"code": "bad_request", "message": API_TOO_SHORT}

    sign_in(client, api_key)
    page = client.post(
        "/roles",
        data={"file": (io.BytesIO(b"Python and SQL.\n"), "jd.txt"), "csrf_token": token(client, "/roles")},
        content_type="multipart/form-data",
    )
    assert page.status_code == 400
    assert PAGE_TOO_SHORT in page.get_data(as_text=True)


def test_a_file_over_the_description_limit_is_too_large(client, api_key: str, worker_process) -> None:
    text = (
        "We build ranking models in Python and PyTorch for search.\n" * 1000
    ).encode()  # 58,000 characters
    response = post_file(client, api_key, text, "long.txt")
    assert response.status_code == 413, response.json
    assert response.json["error"]["code"] == "too_large"
    assert "characters; the limit is 50,000." in response.json["error"]["message"]


def test_the_roles_page_adds_a_role_from_a_file(client, api_key: str, worker_process) -> None:
    sign_in(client, api_key)
    data = "\n".join(jd_lines("team page")).encode()
    response = client.post(
        "/roles",
        data={
            "file": (io.BytesIO(data), "jd.txt"),
            "title": "Page MLE",
            "csrf_token": token(client, "/roles"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    assert "/roles#role-jd-" in response.headers["Location"]
    assert "Added the role “Page MLE”" in client.get("/roles").get_data(as_text=True)


def test_what_the_web_tier_can_refuse_never_reaches_a_worker(client, api_key: str, redis_url: str) -> None:
    """No worker here: a foreign type, an anonymous caller and an over-long title get their answer at once."""
    image = post_file(client, api_key, b"\x89PNG\r\n\x1a\n" + bytes(64), "jd.png")
    assert image.status_code == 415 and image.json["error"]["code"] == "unsupported_type"
    anonymous = post_file(client, None, "\n".join(jd_lines("anonymous")).encode(), "jd.txt")
    assert anonymous.status_code == 401 and anonymous.json["error"]["code"] == "unauthorized"
    titled = post_file(client, api_key, b"Some text\n" * 10, "jd.txt", title="T" * 500)
    assert titled.status_code == 400 and "120" in titled.json["error"]["message"]
    assert pending(redis_url) == []
