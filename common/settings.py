"""Every setting Rolefit reads from the environment, in one place, each with its type and default."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _as_bool(raw: str) -> bool:
    return raw.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """Runtime configuration; `Settings.from_env()` reads `ROLEFIT_*` variables and `REDIS_URL`."""

    redis_url: str = ""
    data_dir: str = str(PROJECT_ROOT / "var")
    max_upload_bytes: int = 10 * 1024 * 1024
    max_pages: int = 20
    extract_timeout_s: float = 30.0
    task_time_limit_s: int = 120
    # How long a task taken by a worker that then vanished (killed, machine lost) stays invisible
    # before Redis hands it to another worker. 0 means three times the task time limit, at least
    # 300 s; it must stay above the longest task or a slow job would run twice.
    visibility_timeout_s: int = 0
    # Worker pool processes (worker/memory.py): one is replaced after a task once its peak RSS passed
    # worker_max_memory_mb, or after worker_max_tasks_per_child tasks; while a task runs, its
    # address space may grow by worker_memory_headroom_mb past its warmed-up size. 0 turns one off.
    worker_max_memory_mb: int = 400
    worker_max_tasks_per_child: int = 1000
    worker_memory_headroom_mb: int = 1024
    upload_ttl_s: int = 24 * 3600
    # Upload bytes are encrypted with a key per job kept in this folder (default <data_dir>/upload-keys),
    # which web and worker processes share; analysing or erasing a job deletes its key (common/sealing.py).
    seal_uploads: bool = True
    upload_key_dir: str = ""
    report_ttl_s: int = 30 * 24 * 3600
    # Job descriptions users add: the longest text accepted, the deadline for reading a
    # job-description file (the web tier sends it with the file; a worker reads the file under it and
    # the other upload budgets while the request waits), and how long the request waits for a worker
    # to build the role, beyond that deadline for a file, before it answers 503.
    max_description_chars: int = 50_000
    role_extract_timeout_s: float = 10.0
    role_build_timeout_s: float = 10.0
    max_batch_files: int = 1000
    max_batch_bytes: int = 300 * 1024 * 1024
    max_zip_entries: int = 2000
    max_zip_uncompressed_bytes: int = 500 * 1024 * 1024
    max_zip_ratio: float = 100.0
    require_key_for_uploads: bool = False
    # Each client's share of the backlog (files waiting for a worker): per API key, per address
    # without a key, and all clients without a key together. Past a share, uploads get 503.
    max_queued_bytes_per_key: int = 512 * 1024 * 1024
    max_queued_jobs_per_key: int = 2000
    max_queued_bytes_anonymous: int = 20 * 1024 * 1024
    max_queued_jobs_anonymous: int = 10
    max_queued_bytes_anonymous_total: int = 100 * 1024 * 1024
    max_queued_jobs_anonymous_total: int = 200
    # Uploads wait (503) while the job store uses more than this share of its `maxmemory`.
    backlog_memory_high_water: float = 0.8
    # /readyz answers from a result this fresh (seconds), so probes cannot tie up the web tier.
    readyz_cache_s: float = 2.0
    api_keys: str = ""
    rate_limit_per_minute: int = 1200
    # Reverse proxies in front of the web tier whose X-Forwarded-For/-Proto are believed (the compose
    # deployment has one: nginx). 0 when clients reach gunicorn directly.
    trusted_proxies: int = 0
    # Wrong API keys (header or sign-in form) one address may send a minute before it gets 429s.
    max_failed_auth_per_minute: int = 20
    # A browser sign-in lasts this long on the server; signing out ends it at once, copies included.
    session_ttl_s: int = 12 * 3600
    log_level: str = "INFO"
    secret_key: str = ""
    # The embedded Valkey's memory cap (`rolefit up`); full, it refuses writes (noeviction), never drops jobs.
    valkey_maxmemory: str = "1gb"

    @property
    def broker_visibility_timeout_s(self) -> int:
        return self.visibility_timeout_s or max(300, self.task_time_limit_s * 3)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Build settings from `environ` (default `os.environ`); unset variables keep their defaults."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for field in fields(cls):
            name = "REDIS_URL" if field.name == "redis_url" else f"ROLEFIT_{field.name.upper()}"
            if name not in env:
                continue
            raw = env[name]
            kind = field.type
            if kind == "bool":
                values[field.name] = _as_bool(raw)
            elif kind == "int":
                values[field.name] = int(raw)
            elif kind == "float":
                values[field.name] = float(raw)
            else:
                values[field.name] = raw
        return cls(**values)  # type: ignore[arg-type]
