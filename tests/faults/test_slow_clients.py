"""Slow clients meet nginx, not gunicorn: the compose deployment's proxy, run for real.

Issue 17, item 5: ten connections that send one header line every 17 s held every gthread worker
thread of a bare gunicorn, and the web tier stopped answering. docker-compose.yml now publishes
only nginx with deploy/nginx.conf; this test runs that very file (its upstream and port pointed at
a local gunicorn) with Debian's nginx, which `.ci/run` installs.
"""

from __future__ import annotations

import shutil
import socket
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.servers import DedicatedValkey, fresh_log, start_gunicorn
from tests.stack import ROOT, Process, free_port, wait_for

pytestmark = pytest.mark.slow

SLOW_CLIENTS = 10
LINE_EVERY_S = 2.0  # faster than the 17 s: nginx's header timeout is a total, not per line


def nginx_binary() -> str:
    for candidate in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.skip(
        "nginx is not installed here, so the compose proxy cannot be run; install Debian's "
        "nginx package (.ci/run does, so CI runs this test)"
    )


def proxy_config(tmp: Path, listen: int, upstream: str) -> Path:
    """deploy/nginx.conf inside a minimal main configuration, pointed at `upstream`."""
    server = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "server web:8000;" in server and "listen 8080;" in server
    server = server.replace("server web:8000;", f"server {upstream};").replace(
        "listen 8080;", f"listen 127.0.0.1:{listen};"
    )
    (tmp / "rolefit.conf").write_text(server)
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / sub).mkdir(exist_ok=True)
    main = tmp / "nginx.conf"
    main.write_text(f"""
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
{"user root;" if sys.platform.startswith("linux") and __import__("os").geteuid() == 0 else ""}
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/rolefit.conf;
}}
""")
    return main


@pytest.fixture(scope="module")
def proxied(tmp_path_factory) -> Iterator[tuple[str, str]]:
    """(nginx base URL, gunicorn base URL) on a dedicated Valkey."""
    binary = nginx_binary()  # skips before anything is started, so a skip leaves no process behind
    server = DedicatedValkey()
    server.start()
    web, direct = start_gunicorn(server.url, "faults-web-slow-clients")
    port = free_port()
    conf = proxy_config(tmp_path_factory.mktemp("nginx"), port, direct.removeprefix("http://"))
    fresh_log("faults-nginx")
    nginx = Process("faults-nginx", [binary, "-c", str(conf), "-p", str(conf.parent)], {})

    def listening() -> bool:
        if not nginx.alive():
            raise RuntimeError(f"nginx died:\n{nginx.log()}\n{(conf.parent / 'error.log').read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            return False

    try:
        wait_for(listening, 20, "nginx to listen")
        yield f"http://127.0.0.1:{port}", direct
    finally:
        nginx.stop()
        web.stop()
        server.close()


class SlowClient(threading.Thread):
    """Sends a request line, then one more header line every LINE_EVERY_S, never finishing."""

    def __init__(self, port: int) -> None:
        super().__init__(daemon=True)
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: rolefit.test\r\n")
        self.closed_after: float | None = None
        self.answer = b""
        self.started = time.monotonic()
        self.stop = threading.Event()

    def run(self) -> None:
        n = 0
        while not self.stop.wait(LINE_EVERY_S):
            n += 1
            try:
                self.sock.sendall(f"X-Slow-{n}: {'a' * 20}\r\n".encode())
            except OSError:
                break
            if self._peer_closed():
                break
        self.closed_after = time.monotonic() - self.started

    def _peer_closed(self) -> bool:
        self.sock.setblocking(False)
        try:
            data = self.sock.recv(4096)
        except BlockingIOError:
            return False
        except OSError:
            return True
        finally:
            self.sock.setblocking(True)
        self.answer += data
        return True


def get(url: str, timeout: float = 5.0) -> int:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status


def test_ten_slow_header_clients_do_not_stop_the_web_tier(proxied):
    base, _ = proxied
    port = int(base.rsplit(":", 1)[1])
    slow = [SlowClient(port) for _ in range(SLOW_CLIENTS)]
    for client in slow:
        client.start()
    try:
        time.sleep(1.0)  # every slow client is connected and mid-header
        answered = []
        for _ in range(20):
            started = time.monotonic()
            assert get(f"{base}/healthz") == 200
            assert get(f"{base}/api/v1/roles") == 200
            answered.append(time.monotonic() - started)
            time.sleep(0.2)
        print(
            f"ordinary requests through nginx with {SLOW_CLIENTS} slow clients: "
            f"slowest pair {max(answered):.3f} s"
        )
        # nginx's client_header_timeout (10 s, a total for the header) ends each slow client
        for client in slow:
            client.join(timeout=20)
        for client in slow:
            assert client.closed_after is not None, "a slow client is still connected after 20 s"
            assert client.closed_after < 16, f"closed only after {client.closed_after:.1f} s"
            assert not client.answer or client.answer.startswith(b"HTTP/1.1 408"), client.answer[:80]
    finally:
        for client in slow:
            client.stop.set()
            client.sock.close()
