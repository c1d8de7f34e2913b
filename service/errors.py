"""API errors: one exception type, one JSON shape `{"error": {"code", "message"}}`."""

from __future__ import annotations

import redis
from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

# The HTTP status for each stable error code a client can cause.
STATUS_OF = {
    "empty": 400,
    "bad_request": 400,
    "missing_file": 400,
    "unsupported_type": 415,
    "too_large": 413,
    "too_many_pages": 422,
    "encrypted": 422,
    "corrupt": 422,
    "no_text_layer": 422,
    "timeout": 422,
    "unknown_role": 404,
    "not_found": 404,
    "method_not_allowed": 405,
    "unauthorized": 401,
    "forbidden": 403,
    "rate_limited": 429,
    "unavailable": 503,
    "backlog_full": 503,
    "internal": 500,
}


class ApiError(Exception):
    """A failure the client should see, with a stable code and a human message."""

    def __init__(
        self,
        code: str,
        message: str,
        status: int | None = None,
        headers: dict[str, str] | None = None,
        *,
        details: dict | None = None,
    ):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status or STATUS_OF.get(code, 400)
        self.headers = headers or {}
        self.details = details or {}  # extra fields for the error body (accepted values, nearest names)


def error_response(code: str, message: str, status: int, details: dict | None = None):
    response = jsonify({"error": {**(details or {}), "code": code, "message": message}})
    response.status_code = status
    return response


def _http_code(exc: HTTPException) -> str:
    return {
        404: "not_found",
        405: "method_not_allowed",
        413: "too_large",
        429: "rate_limited",
        401: "unauthorized",
        403: "forbidden",
    }.get(exc.code or 500, "bad_request")


def init_app(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        if exc.code != "unavailable":
            try:
                from service.extensions import metrics

                metrics().count("api_errors", code=exc.code)
            except Exception:  # noqa: BLE001, S110 (metrics must never turn a clear 4xx into a 500)
                pass
        response = error_response(exc.code, exc.message, exc.status, exc.details)
        response.headers.update(exc.headers)
        return response

    @app.errorhandler(redis.ConnectionError)
    @app.errorhandler(redis.TimeoutError)
    def _redis_down(_exc: Exception):
        return error_response("unavailable", "The job store is unreachable; try again in a few seconds.", 503)

    @app.errorhandler(redis.exceptions.OutOfMemoryError)
    def _redis_full(
        _exc: Exception,
    ):  # maxmemory with noeviction: the store refuses writes, nothing is dropped
        response = error_response("backlog_full", "The job store is full; try again in a minute.", 503)
        response.headers["Retry-After"] = "60"
        return response

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        if (
            not request.path.startswith("/api/")
            and exc.code == 404
            and "text/html" in request.accept_mimetypes
        ):
            return exc
        if exc.code == 413:
            limit = request.max_content_length or app.config["MAX_CONTENT_LENGTH"]
            return error_response(
                "too_large", f"The upload is larger than the limit of {limit // (1024 * 1024)} MB.", 413
            )
        return error_response(_http_code(exc), exc.description or exc.name, exc.code or 500)
