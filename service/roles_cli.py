"""`rolefit roles`: a key's job descriptions on a running service (list, add, rename, pin, delete).

Roles live in the service and belong to the API key that added them, so these commands go through
the HTTP API: the server is `--server` / ROLEFIT_URL, else the `rolefit up` running on the data
folder; the key is `--api-key` / ROLEFIT_API_KEY, else the key file that `rolefit up` wrote.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from common.settings import Settings
from service.runlock import running_stack


@dataclass(frozen=True)
class Service:
    """Where to send requests, and as whom."""

    base: str
    key: str

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
        """(status, parsed JSON or None); an unreachable server is a ClickException naming it."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"{self.base}{path}",
            data=data,
            method=method,
            headers={
                "X-API-Key": self.key,
                "Accept": "application/json",
                **({"Content-Type": "application/json"} if data else {}),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:  # base checked: http(s) only
                raw = response.read()
                return response.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                return error.code, json.loads(raw) if raw else None
            except ValueError:
                return error.code, None
        except (urllib.error.URLError, OSError) as error:
            raise click.ClickException(
                f"cannot reach the service at {self.base}: {error}. Start it with "
                "`rolefit up`, or pass --server / set ROLEFIT_URL."
            ) from None


def find_service(server: str | None, api_key: str | None) -> Service:
    """The running service and the key to use, from the options, the environment or the running stack."""
    settings = Settings.from_env()
    running = running_stack(Path(settings.data_dir))
    base = server or (running.web_url if running else None)
    if not base:
        raise click.UsageError(
            "no service to talk to: start one with `rolefit up`, or pass --server URL (or set ROLEFIT_URL)."
        )
    if not base.startswith(("http://", "https://")):
        raise click.UsageError(f"--server must be an http:// or https:// URL, not {base!r}.")
    key = api_key
    key_file = Path(settings.data_dir) / "api-key"
    if not key and key_file.is_file():
        key = key_file.read_text().strip()
    if not key:
        raise click.UsageError("no API key: pass --api-key (or set ROLEFIT_API_KEY); roles belong to a key.")
    return Service(base=base.rstrip("/"), key=key)


def checked(status: int, body: Any, *, expect: tuple[int, ...]) -> Any:
    """The body of an expected answer; otherwise a ClickException with the API's message."""
    if status in expect:
        return body
    error = (body or {}).get("error", {}) if isinstance(body, dict) else {}
    raise click.ClickException(f"{error.get('code', status)}: {error.get('message', 'the service refused')}")


def role_line(role: dict[str, Any]) -> str:
    """`id  level  title  (pinned | expires DATE)`."""
    if role.get("seed"):
        keep = "seed"
    elif role.get("pinned"):
        keep = "pinned"
    else:
        keep = f"expires {str(role.get('expires') or '?')[:10]}"
    return f"{role['id']}\tlevel {role.get('level')}\t{role.get('title')}\t{keep}"
