"""Small attacks from issue 17 item 11, each over the real app on a real Valkey: odd query strings and
`next` values, zip entry names, wrong keys, copied session cookies, oversized anonymous forms."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from service.archives import ZipLimits, read_zip
from service.auth import hash_key
from service.tenancy import tenant_id
from tests.service.test_pages import TOKEN, sign_in, token


def make_batch(app, api_key: str) -> str:
    """An empty batch owned by `api_key` (another key's batch would be a 404)."""
    owner = tenant_id(hash_key(api_key))
    return app.extensions["rolefit.store"].create_batch(role="", total=0, extra={"owner": owner})


@pytest.mark.parametrize(
    "query",
    [
        "batch_id=x",
        "endpoint=x",
        "_method=POST",
        "sort=name&batch_id=x&_external=1",
        "_anchor=x&_scheme=javascript",
    ],
)
def test_the_batch_page_ignores_query_names_it_does_not_know(app, client, api_key, query):
    batch_id = make_batch(app, api_key)
    sign_in(client, api_key)
    response = client.get(f"/batches/{batch_id}?{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html[:300]
    # No link is built from the stray names (a real batch id may itself start with "x": match the whole id).
    assert "javascript" not in html and not re.search(r"/batches/x(?![\w-])", html)


@pytest.mark.parametrize(
    "next_url", ["/roles\r\nSet-Cookie: x=1", "/\nLocation: https://evil.example/", "/\x00", "/ok\t"]
)
def test_a_next_with_line_breaks_goes_home(client, api_key, next_url):
    response = sign_in(client, api_key, next_url)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "Set-Cookie: x" not in str(response.headers) and "\n" not in response.headers["Location"]
    page = client.get("/signin?next=" + "/roles%0D%0AX:1")
    assert page.status_code == 200


def test_zip_entry_names_lose_direction_overrides_and_control_characters():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("cv\u202egnp.exe\x07\x1b[31m.txt", b" " * 200_000)  # ratio far over 100
        archive.writestr("x\u202e.pdf", b"\x00" * 20, compress_type=zipfile.ZIP_STORED)  # not too big, kept
    contents = read_zip(buffer.getvalue(), ZipLimits())
    assert contents.rejected and contents.rejected[0]["code"] == "suspicious_compression"
    name = contents.rejected[0]["file"]
    assert not any(ch in name for ch in "\u202e\x07\x1b"), repr(name)
    assert "gnp" in name
    assert all("\u202e" not in n for n, _ in contents.files)


def test_wrong_keys_are_rate_limited_per_address(redis_url):
    from service import create_app

    app = create_app(
        {
            "REDIS_URL": redis_url,
            "TESTING": True,
            "rate_limit_per_minute": 100000,
            "max_failed_auth_per_minute": 5,
        }
    )
    client = app.test_client()
    address = {"REMOTE_ADDR": "10.77.0.1"}
    codes = [
        client.get(
            "/api/v1/batches/" + "B" * 22, headers={"X-API-Key": f"rf_wrong{i}"}, environ_base=address
        ).status_code
        for i in range(8)
    ]
    assert codes[:5] == [401] * 5 and codes[5:] == [429] * 3
    limited = client.get(
        "/api/v1/batches/" + "B" * 22, headers={"X-API-Key": "rf_wrong"}, environ_base=address
    )
    assert limited.json["error"]["code"] == "rate_limited" and "Retry-After" in limited.headers
    # the sign-in form counts too; another address is not affected
    other = {"REMOTE_ADDR": "10.77.0.2"}
    assert (
        client.get(
            "/api/v1/batches/" + "B" * 22, headers={"X-API-Key": "rf_wrong"}, environ_base=other
        ).status_code
        == 401
    )


def test_sign_out_ends_a_copied_session_cookie(app, api_key):
    browser = app.test_client()
    sign_in(browser, api_key)
    batch = f"/batches/{make_batch(app, api_key)}"
    assert browser.get(batch).status_code == 200
    copied = browser.get_cookie("session").value
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get(batch).status_code == 200
    browser.post("/signout", data={"csrf_token": token(browser, "/")})
    assert browser.get(batch).status_code == 302
    assert thief.get(batch).status_code == 302  # to the sign-in page: the copy ended with the session


def test_an_anonymous_page_form_is_capped_at_one_upload(app, client):
    page = client.get("/").get_data(as_text=True)
    limit = app.config["SETTINGS"].max_upload_bytes
    half = b"Jane Doe\n" + b"x" * (limit * 6 // 10)
    answer = client.post(
        "/",
        data={
            "files": [(io.BytesIO(half), "a.txt"), (io.BytesIO(half), "b.txt")],
            "csrf_token": TOKEN.search(page).group(1),
        },
    )
    assert answer.status_code == 413, answer.get_data(as_text=True)[:300]
