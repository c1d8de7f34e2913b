"""API keys guard every recruiter endpoint; limits, headers and hashing behave as documented."""

from __future__ import annotations

import hashlib

import pytest

from service import create_app
from service.auth import KEYS, RECRUITER_ENDPOINTS, UPLOAD_ENDPOINTS, create_key, hash_key, revoke_key
from tests.stack import redis_client


def protected_requests(app, endpoints: frozenset[str]) -> list[tuple[str, str]]:
    """(method, url) for every route of the given endpoints, with a dummy id filled in."""
    out = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in endpoints:
            url = rule.rule.replace("<batch_id>", "B" * 22).replace("<resume_id>", "R" * 22)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                out.append((method, url))
    return out


def test_every_recruiter_endpoint_refuses_without_a_valid_key(client, app):
    calls = protected_requests(app, RECRUITER_ENDPOINTS)
    assert len(calls) == len(RECRUITER_ENDPOINTS)
    for method, url in calls:
        for headers in ({}, {"X-API-Key": "rf_not-a-real-key"}, {"Authorization": "Bearer wrong"}):
            response = client.open(url, method=method, headers=headers)
            assert response.status_code == 401, (method, url, headers)
            assert response.json["error"]["code"] == "unauthorized"


def test_a_valid_key_passes(client, api_key: str):
    response = client.get("/api/v1/batches/" + "B" * 22, headers={"X-API-Key": api_key})
    assert response.status_code == 404  # past the guard: the batch simply does not exist
    response = client.get("/api/v1/batches/" + "B" * 22, headers={"Authorization": f"Bearer {api_key}"})
    assert response.status_code == 404


def test_uploads_need_a_key_only_when_configured(redis_url: str, client):
    assert client.get("/api/v1/resumes/" + "R" * 22).status_code == 404
    strict = create_app({"REDIS_URL": redis_url, "require_key_for_uploads": True})
    calls = protected_requests(strict, UPLOAD_ENDPOINTS)
    assert {m for m, _ in calls} == {"GET", "POST", "DELETE"}
    with strict.test_client() as strict_client:
        for method, url in calls:
            assert strict_client.open(url, method=method).status_code == 401, (method, url)


def test_keys_are_stored_hashed_and_revocable(redis_url: str, client):
    r = redis_client(redis_url)
    key = create_key(r, "revocable")
    stored = r.hgetall(KEYS)
    assert hashlib.sha256(key.encode()).hexdigest().encode() in stored
    assert all(key.encode() not in field and key.encode() not in value for field, value in stored.items())
    assert client.get("/api/v1/batches/" + "B" * 22, headers={"X-API-Key": key}).status_code == 404
    assert revoke_key(r, "revocable") == 1
    assert client.get("/api/v1/batches/" + "B" * 22, headers={"X-API-Key": key}).status_code == 401


def test_keys_from_config_are_hashes(redis_url: str):
    app = create_app({"REDIS_URL": redis_url, "api_keys": hash_key("configured-key")})
    response = app.test_client().get("/api/v1/batches/" + "B" * 22, headers={"X-API-Key": "configured-key"})
    assert response.status_code == 404


def test_rate_limit_per_address_then_per_key(redis_url: str, api_key: str):
    app = create_app({"REDIS_URL": redis_url, "rate_limit_per_minute": 3})
    client = app.test_client()
    address = {"REMOTE_ADDR": "10.9.8.7"}
    codes = [client.get("/api/v1/roles", environ_base=address).status_code for _ in range(4)]
    assert codes[:3] == [200, 200, 200] and codes[3] == 429
    limited = client.get("/api/v1/roles", environ_base=address)
    assert limited.json["error"]["code"] == "rate_limited"
    assert "Retry-After" in limited.headers
    # the same address with a key has its own allowance
    assert (
        client.get("/api/v1/roles", environ_base=address, headers={"X-API-Key": api_key}).status_code == 200
    )
    # health checks are never limited
    assert all(client.get("/healthz", environ_base=address).status_code == 200 for _ in range(5))


@pytest.mark.parametrize("path", ["/healthz", "/api/v1/resumes/" + "R" * 22])
def test_security_headers(client, path: str):
    headers = client.get(path).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
