"""Real processes for tests: a Redis-compatible server, Celery workers, gunicorn."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import redis

from service.devstack import worker_command

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
ARTIFACTS = ROOT / "tests" / "artifacts"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")


class Process:
    """A child process in its own session, with its output kept in a log file."""

    def __init__(self, name: str, command: list[str], env: dict[str, str]):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.name = name
        self.log_path = ARTIFACTS / f"{name}.log"
        self._log = open(self.log_path, "ab")  # noqa: SIM115 (open for the process's life; closed in stop())
        self._offset = self._log.tell()  # earlier runs' output stays in the file; log() skips it
        self.popen = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def alive(self) -> bool:
        return self.popen.poll() is None

    def signal(self, signum: int) -> None:
        if self.alive():
            os.killpg(self.popen.pid, signum)

    def stop(self, timeout: float = 15.0) -> None:
        self.signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.signal(signal.SIGKILL)
            self.popen.wait(timeout=5)
        self._log.close()

    def log(self) -> str:
        self._log.flush()
        with open(self.log_path, "rb") as fh:
            fh.seek(self._offset)
            return fh.read().decode(errors="replace")


# Tests and the benchmark send far more anonymous uploads from one address than a client may, and many
# tests send wrong or revoked keys on purpose, all from 127.0.0.1 within a minute; like the rate limit,
# the anonymous backlog shares and the wrong-key limit are lifted (tests/faults/test_backlog.py and
# tests/service/test_hostile_clients.py set their own).
LIFTED_SHARES = {
    "max_queued_jobs_anonymous": 10**6,
    "max_queued_bytes_anonymous": 10**12,
    "max_queued_jobs_anonymous_total": 10**6,
    "max_queued_bytes_anonymous_total": 10**12,
    "max_failed_auth_per_minute": 10**6,
}
LIFTED_SHARES_ENV = {f"ROLEFIT_{k.upper()}": str(v) for k, v in LIFTED_SHARES.items()}


def stack_env(redis_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROLEFIT_")}
    env.update(
        {
            "REDIS_URL": redis_url,
            "PYTHONUNBUFFERED": "1",
            "ROLEFIT_RATE_LIMIT_PER_MINUTE": "100000",
            **LIFTED_SHARES_ENV,
            **extra,
        }
    )
    return env


def start_worker(redis_url: str, *, name: str = "worker", concurrency: int = 2, **extra_env: str) -> Process:
    # The worker `rolefit up` starts, with a unique node name so several test workers can coexist.
    command = [*worker_command(concurrency), "-n", f"{name}-{os.getpid()}-{time.monotonic_ns()}@%h"]
    process = Process(name, command, stack_env(redis_url, **extra_env))
    wait_for(lambda: "ready" in process.log() or not process.alive(), 60, "the Celery worker to start")
    if not process.alive():
        raise RuntimeError(f"worker died:\n{process.log()[-3000:]}")
    return process


def start_web(redis_url: str, *, name: str = "web", **extra_env: str) -> tuple[Process, str]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--threads",
        "4",
        "service.wsgi:app",
    ]
    process = Process(name, command, stack_env(redis_url, **extra_env))
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        if not process.alive():
            raise RuntimeError(f"web died:\n{process.log()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            return False

    wait_for(up, 60, "gunicorn to listen")
    return process, base


def redis_client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)
