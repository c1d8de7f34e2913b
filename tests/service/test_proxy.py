"""Behind the compose deployment's nginx every request comes from the proxy's address: with
ROLEFIT_TRUSTED_PROXIES=1 the app reads the client's own address from X-Forwarded-For, so the
per-address rate limit still applies to each client, not to all of them at once."""

from __future__ import annotations

from service import create_app

PROXY = {"REMOTE_ADDR": "10.0.0.2"}


def requests_until_limited(client, forwarded_for: str) -> list[int]:
    return [
        client.get(
            "/api/v1/roles", environ_base=PROXY, headers={"X-Forwarded-For": forwarded_for}
        ).status_code
        for _ in range(3)
    ]


def test_behind_a_trusted_proxy_each_client_has_its_own_allowance(redis_url: str):
    app = create_app({"REDIS_URL": redis_url, "rate_limit_per_minute": 2, "trusted_proxies": 1})
    client = app.test_client()
    assert requests_until_limited(client, "203.0.113.10") == [200, 200, 429]
    assert requests_until_limited(client, "203.0.113.11") == [200, 200, 429]


def test_without_a_trusted_proxy_the_header_is_ignored(redis_url: str):
    """A client talking to gunicorn directly cannot pick a fresh address per request."""
    app = create_app({"REDIS_URL": redis_url, "rate_limit_per_minute": 2})
    client = app.test_client()
    assert requests_until_limited(client, "198.51.100.20") == [200, 200, 429]
    assert requests_until_limited(client, "198.51.100.21") == [429, 429, 429]
