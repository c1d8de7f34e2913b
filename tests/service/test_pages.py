"""The pages' sign-in, session and CSRF rules, over Flask's test client (no browser needed)."""

from __future__ import annotations

import io
import re

import pytest

from tests.stack import redis_client

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def token(client, path: str = "/signin") -> str:
    return TOKEN.search(client.get(path).get_data(as_text=True)).group(1)


def sign_in(client, key: str, next_url: str = "/"):
    return client.post("/signin", data={"api_key": key, "next": next_url, "csrf_token": token(client)})


@pytest.mark.parametrize("path", ["/", "/roles", "/signin"])
def test_pages_need_no_key_and_carry_no_inline_code(client, path):
    response = client.get(path)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "style=" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "//cdn" not in html and "https://" not in html


def test_sign_in_keeps_the_key_name_never_the_key(app, client, api_key):
    response = sign_in(client, api_key, "/roles")
    assert response.status_code == 302 and response.headers["Location"] == "/roles"
    cookie = client.get_cookie("session").value
    assert api_key not in cookie
    stored = app.session_interface.get_signing_serializer(app).loads(cookie)
    assert stored["api_key"]["name"] == "tests"


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_sign_in_only_goes_back_to_this_site(client, api_key, next_url):
    assert sign_in(client, api_key, next_url).headers["Location"] == "/"


def test_a_wrong_key_is_refused_in_plain_words(client):
    response = sign_in(client, "rf_not-a-key")
    assert response.status_code == 401 and "That API key is not valid" in response.get_data(as_text=True)
    assert client.get_cookie("session") is None or "api_key" not in client.get_cookie("session").value


def test_the_session_opens_pages_and_safe_reads_of_the_json_api_only(client, api_key):
    assert client.get("/batches/" + "B" * 22).status_code == 302  # to the sign-in page
    assert client.get("/api/v1/batches/" + "B" * 22).status_code == 401
    sign_in(client, api_key)
    assert client.get("/batches/" + "B" * 22).status_code == 404
    assert client.get("/api/v1/batches/" + "B" * 22).status_code == 404  # past the guard
    refused = client.post("/api/v1/roles", json={"text": "A machine learning engineer role " * 5})
    assert refused.status_code == 401 and refused.json["error"]["code"] == "unauthorized"
    assert client.delete("/api/v1/batches/" + "B" * 22).status_code == 401


def test_page_forms_need_the_csrf_token(client, api_key):
    sign_in(client, api_key)
    response = client.post("/roles", data={"text": "A machine learning engineer role " * 5})
    assert response.status_code == 400 and "The form expired" in response.get_data(as_text=True)
    assert client.post("/signout").status_code == 400


def test_revoking_the_key_ends_the_browser_session(client, redis_url):
    from service.auth import create_key, revoke_key

    key = create_key(redis_client(redis_url), "short-lived")
    sign_in(client, key)
    assert client.get("/batches/" + "B" * 22).status_code == 404
    revoke_key(redis_client(redis_url), "short-lived")
    assert client.get("/batches/" + "B" * 22).status_code == 302


def test_the_upload_page_refuses_too_large_files_with_the_api_message(redis_url):
    from service import create_app

    app = create_app(
        {
            "REDIS_URL": redis_url,
            "TESTING": True,
            "rate_limit_per_minute": 100000,
            "max_upload_bytes": 1024 * 1024,
        }
    )
    client = app.test_client()
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024)
    api = client.post("/api/v1/resumes", data={"file": (io.BytesIO(big), "cv.pdf")}).json["error"]
    page = client.get("/").get_data(as_text=True)
    assert f'data-too-large="{api["message"]}"' in page
    answer = client.post(
        "/", data={"files": (io.BytesIO(big), "cv.pdf"), "csrf_token": TOKEN.search(page).group(1)}
    )
    assert answer.status_code == 413 and api["message"] in answer.get_data(as_text=True)


def test_a_pasted_job_description_becomes_the_role_of_a_single_upload(client, api_key, worker_process):
    text = (
        "Machine Learning Engineer for search ranking. You build ranking models in Python and PyTorch "
        "and deploy them with Docker on Kubernetes. 3+ years of experience."
    )
    body = b"Jane Doe\nMachine learning engineer: Python, PyTorch, Docker.\n"
    refused = client.post(
        "/",
        data={
            "files": (io.BytesIO(body), "cv.txt"),
            "job_description": text,
            "csrf_token": token(client, "/"),
        },
    )
    assert refused.status_code == 401 and "Sign in with your API key" in refused.get_data(as_text=True)
    sign_in(client, api_key)
    response = client.post(
        "/",
        data={
            "files": (io.BytesIO(body), "cv.txt"),
            "job_description": text,
            "title": "Search MLE",
            "csrf_token": token(client, "/"),
        },
    )
    assert response.status_code == 302 and response.headers["Location"].startswith("/reports/")
    job = client.get("/api/v1/resumes/" + response.headers["Location"].rsplit("/", 1)[1]).json
    assert job["role"].startswith("jd-")
    assert client.get(f"/api/v1/roles/{job['role']}").json["title"] == "Search MLE"
