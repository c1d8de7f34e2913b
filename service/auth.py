"""API keys (stored hashed), rate limits (in Redis, per key or per address) and security headers."""

from __future__ import annotations

import hashlib
import json
import secrets
import time

import redis
from flask import Flask, current_app, g, request, session
from flask_limiter import Limiter

from service.errors import ApiError

KEYS = "rf:apikeys"
# Endpoints a recruiter's key guards whatever the settings say.
RECRUITER_ENDPOINTS = frozenset(
    {
        "batches.create_batch",
        "batches.get_batch",
        "batches.export_batch",
        "batches.delete_batch",
        "api.post_role",
        "tenants.list_batches",
        "tenants.blind_candidate",
        "tenants.patch_role",
        "tenants.delete_role_view",
    }
)
# Single uploads, their reports and their deletion: guarded when ROLEFIT_REQUIRE_KEY_FOR_UPLOADS is on.
UPLOAD_ENDPOINTS = frozenset({"api.upload_resume", "api.get_resume", "api.delete_resume"})
UNLIMITED = frozenset({"health.healthz", "health.readyz", "health.metrics", "static"})


def hash_key(key: str) -> str:
    return hashlib.sha256(key.strip().encode()).hexdigest()


def new_key() -> str:
    """A new API key: 32 random bytes, URL-safe, with a recognisable prefix."""
    return "rf_" + secrets.token_urlsafe(32)


def create_key(client: redis.Redis, name: str, *, operator: bool = False) -> str:
    """Store the hash of a new key under `name` and return the key (shown once, never stored).

    An operator key sees every tenant's batches and roles and may pin roles against expiry.
    """
    key = new_key()
    record = {"name": name, "created": int(time.time()), **({"operator": True} if operator else {})}
    client.hset(KEYS, hash_key(key), json.dumps(record))
    return key


def revoke_key(client: redis.Redis, name: str) -> int:
    revoked = 0
    for digest, raw in client.hgetall(KEYS).items():
        if json.loads(raw)["name"] == name:
            revoked += client.hdel(KEYS, digest)
    return revoked


def list_keys(client: redis.Redis) -> list[dict]:
    return sorted(
        (json.loads(raw) | {"hash": digest.decode()[:12]} for digest, raw in client.hgetall(KEYS).items()),
        key=lambda k: k["name"],
    )


def presented_key() -> str | None:
    header = request.headers.get("X-API-Key") or ""
    auth = request.headers.get("Authorization") or ""
    if not header and auth.lower().startswith("bearer "):
        header = auth[7:]
    return header.strip() or None


def key_name(key: str) -> str | None:
    """The name of a valid key, or None. Config hashes (ROLEFIT_API_KEYS) and stored hashes both count."""
    return digest_name(hash_key(key))


def digest_name(digest: str) -> str | None:
    """The name of the key with this SHA-256 digest while it is valid (not revoked), or None."""
    record = digest_record(digest)
    return record["name"] if record else None


def digest_record(digest: str) -> dict | None:
    """The stored record (`name`, `created`, `operator`?) of a valid key with this digest, or None."""
    configured = {h.strip().lower() for h in current_app.config["SETTINGS"].api_keys.split(",") if h.strip()}
    if digest in configured:
        return {"name": "config"}
    raw = current_app.extensions["rolefit.store"].redis.hget(KEYS, digest)
    return json.loads(raw) if raw else None


def remember_caller(digest: str | None) -> str | None:
    """Set who calls (`g.api_key_name`, `g.api_key_digest`, `g.api_key_operator`); the key's name or None."""
    record = digest_record(digest) if digest else None
    g.api_key_name = record["name"] if record else None
    g.api_key_digest = digest if record else None
    g.api_key_operator = bool(record and record.get("operator"))
    return g.api_key_name


SESSION_KEY = "api_key"  # the signed session's record of a browser sign-in: {"name", "digest", "sid"}
WEB_SESSIONS = "rf:websession:"  # + sid → the key digest, while the sign-in lasts (sign-out deletes it)


def sign_in(key: str) -> str | None:
    """Remember a valid key in the signed session (its name and digest, never the key); its name or None.

    The cookie also names a server-side session record, so signing out ends every copy of the cookie.
    """
    digest = hash_key(key)
    name = digest_name(digest)
    if name is None:
        note_failed_key()
        return None
    sid = secrets.token_urlsafe(24)
    ttl = current_app.config["SETTINGS"].session_ttl_s
    current_app.extensions["rolefit.store"].redis.set(WEB_SESSIONS + sid, digest, ex=ttl)
    session[SESSION_KEY] = {"name": name, "digest": digest, "sid": sid}
    return name


def sign_out() -> None:
    """End this browser's sign-in on the server too: a copied cookie stops working with it."""
    signed = session.pop(SESSION_KEY, None)
    if isinstance(signed, dict) and isinstance(signed.get("sid"), str):
        current_app.extensions["rolefit.store"].redis.delete(WEB_SESSIONS + signed["sid"])


def session_key_name() -> str | None:
    """The name of the key this browser signed in with, while that key is still valid."""
    digest = session_digest()
    return digest_name(digest) if digest else None


def session_digest() -> str | None:
    """The digest of the key this browser signed in with (valid or not), or None."""
    signed = session.get(SESSION_KEY) if request.cookies else None
    if (
        not isinstance(signed, dict)
        or not isinstance(signed.get("digest"), str)
        or not isinstance(signed.get("sid"), str)
    ):
        return None
    live = current_app.extensions["rolefit.store"].redis.get(WEB_SESSIONS + signed["sid"])
    if live is None or live.decode() != signed["digest"]:
        return None
    return signed["digest"]


FAILED_KEYS = "rf:authfail:"  # + client address → wrong keys sent in the current minute


def _failed_key_limit() -> tuple[str, int]:
    return FAILED_KEYS + (request.remote_addr or "unknown"), current_app.config[
        "SETTINGS"
    ].max_failed_auth_per_minute


def refuse_if_guessing() -> None:
    """429 for an address that sent too many wrong keys this minute (before its key is even looked at)."""
    counter, limit = _failed_key_limit()
    client = current_app.extensions["rolefit.store"].redis
    count = client.get(counter)
    if count is not None and int(count) >= limit:
        wait = max(1, client.ttl(counter))
        raise ApiError(
            "rate_limited",
            f"Too many wrong API keys from this address; try again in {wait} s.",
            429,
            headers={"Retry-After": str(wait)},
        )


def note_failed_key() -> None:
    """Count one wrong key against the caller's address (a one-minute window)."""
    counter, _limit = _failed_key_limit()
    with current_app.extensions["rolefit.store"].redis.pipeline(transaction=False) as pipe:
        pipe.incr(counter)
        pipe.expire(counter, 60, nx=True)
        pipe.execute()


def session_allowed(endpoint: str) -> bool:
    """The browser session stands for a key on pages (their forms carry a CSRF token) and on safe reads."""
    return endpoint.startswith("pages.") or request.method in ("GET", "HEAD")


def authenticate() -> None:
    """Refuse a protected endpoint without a valid key; remember who called for the rate limit."""
    remember_caller(None)
    key = presented_key()
    endpoint = request.endpoint or ""
    guarded = endpoint in RECRUITER_ENDPOINTS or (
        endpoint in UPLOAD_ENDPOINTS and current_app.config["SETTINGS"].require_key_for_uploads
    )
    if key or (endpoint == "pages.signin" and request.method == "POST"):
        refuse_if_guessing()
    if key:
        remember_caller(hash_key(key))
        if g.api_key_name is None:
            note_failed_key()
            if guarded:
                raise ApiError("unauthorized", "The API key is not valid.", 401)
        cap_anonymous_body()
        return
    if session_allowed(endpoint):
        remember_caller(session_digest())
    if guarded and g.api_key_name is None:
        raise ApiError("unauthorized", "This endpoint needs an API key in the X-API-Key header.", 401)
    cap_anonymous_body()


def cap_anonymous_body() -> None:
    """Without a valid key a client can send one upload at most: its body is capped to that (not the batch size)."""
    if getattr(g, "api_key_name", None) is None:
        settings = current_app.config["SETTINGS"]
        request.max_content_length = min(
            current_app.config["MAX_CONTENT_LENGTH"] or settings.max_batch_bytes,
            settings.max_upload_bytes + 256 * 1024,
        )


def rate_limit_identity() -> str:
    """Limits apply per API key when one is presented, per client address otherwise."""
    name = getattr(g, "api_key_name", None)
    return f"key:{name}" if name else f"ip:{request.remote_addr}"


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
}


def init_app(app: Flask) -> None:
    settings = app.config["SETTINGS"]

    @app.before_request
    def _authenticate() -> None:
        authenticate()

    limiter = Limiter(
        rate_limit_identity,
        app=app,
        storage_uri=settings.redis_url,
        storage_options={"socket_connect_timeout": 1, "socket_timeout": 2},
        default_limits=[f"{settings.rate_limit_per_minute}/minute"],
        default_limits_exempt_when=lambda: (request.endpoint or "") in UNLIMITED,
        key_prefix="rf:rate",
        headers_enabled=True,
        swallow_errors=True,
        strategy="moving-window",
    )
    app.extensions["rolefit.limiter"] = limiter

    @app.after_request
    def _security_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response
