"""What `rolefit keys` needs besides Redis itself: where the key store is, and how a key reads."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import click

from common.settings import Settings
from service.runlock import running_stack


def find_redis_url(settings: Settings | None = None) -> str:
    """REDIS_URL when set, else the embedded server of the `rolefit up` running on the data folder."""
    settings = settings or Settings.from_env()
    if settings.redis_url:
        return settings.redis_url
    running = running_stack(Path(settings.data_dir))
    if running is not None and running.redis_url:
        from service.devstack import embedded_redis_url

        # The lock names the server; its password is in the 0600 URL file beside it.
        return embedded_redis_url(Path(settings.data_dir)) or running.redis_url
    raise click.UsageError(
        f"no running Rolefit found on the data folder {settings.data_dir} and REDIS_URL is not set, "
        "so there is no key store to use. Start the stack with `rolefit up` (keys then find its "
        "embedded server by themselves), or point at a server: "
        "REDIS_URL=redis://HOST:6379/0 rolefit keys …  (ROLEFIT_DATA_DIR selects another data folder)."
    )


def key_line(entry: dict[str, Any]) -> str:
    """`name  hash…  created 2026-11-29 08:10 UTC  [operator]`."""
    created = entry.get("created")
    when = (
        time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(created))
        if isinstance(created, (int, float))
        else "?"
    )
    role = "\toperator" if entry.get("operator") else ""
    return f"{entry['name']}\t{entry['hash']}…\tcreated {when}{role}"
