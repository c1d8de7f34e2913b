"""`rolefit up` and `rolefit keys` as a user runs them, as real processes: one stack per data folder,
a busy port refused before anything starts, and keys that find the running embedded server."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.stack import ROOT, free_port, wait_for


def env_for(data_dir: Path) -> dict[str, str]:
    """The environment of a user with no REDIS_URL: the embedded Valkey, data under `data_dir`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROLEFIT_") and k != "REDIS_URL"}
    return env | {"ROLEFIT_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}


def rolefit(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[dict]:
    """One `rolefit up` (one worker process, one web worker) on its own data folder and port."""
    data_dir = tmp_path_factory.mktemp("rolefit-var")
    port = free_port()
    log = open(data_dir.parent / "up.log", "w+")  # noqa: SIM115  (open for the whole module; closed below)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "service.cli",
            "up",
            "--port",
            str(port),
            "--concurrency",
            "1",
            "--web-workers",
            "1",
        ],
        env=env_for(data_dir),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"

    def healthy() -> bool:
        assert process.poll() is None, Path(log.name).read_text()
        try:
            return requests.get(f"{base}/healthz", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    wait_for(healthy, 90, "rolefit up to serve")
    yield {"process": process, "data_dir": data_dir, "base": base, "port": port, "log": Path(log.name)}
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=30)
    log.close()


def test_a_second_up_on_the_same_folder_is_refused_naming_the_running_one(stack):
    second = rolefit("up", "--port", str(free_port()), env=env_for(stack["data_dir"]))
    assert second.returncode == 2
    message = second.stderr
    assert f"pid {stack['process'].pid}" in message and stack["base"] in message, message
    assert str(stack["data_dir"]) in message and "ROLEFIT_DATA_DIR" in message
    assert "embedded Valkey" not in second.stdout  # refused before anything started
    assert requests.get(f"{stack['base']}/readyz", timeout=10).status_code == 200  # the first runs on


def test_a_busy_port_is_reported_before_anything_starts(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        result = rolefit("up", "--port", str(port), env=env_for(tmp_path / "var"))
    assert result.returncode == 2
    assert f"Port {port} on 127.0.0.1" in result.stderr and "already in use" in result.stderr
    assert f"--port {port + 1}" in result.stderr and "Nothing was started" in result.stderr
    assert not (tmp_path / "var" / "valkey").exists() and "Valkey" not in result.stdout
    assert time.monotonic() - started < 30  # no component was started and waited for


def test_keys_find_the_running_embedded_server_and_print_dates(stack):
    env = env_for(stack["data_dir"])
    created = rolefit("keys", "create", "alice", env=env)
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip()
    assert key.startswith("rf_")
    assert (
        requests.get(f"{stack['base']}/api/v1/batches", headers={"X-API-Key": key}, timeout=10).status_code
        == 200
    )
    operator = rolefit("keys", "create", "ops", "--operator", env=env).stdout.strip()
    listed = rolefit("keys", "list", env=env)
    assert listed.returncode == 0, listed.stderr
    lines = {line.split("\t")[0]: line for line in listed.stdout.splitlines()}
    assert re.search(r"created \d{4}-\d\d-\d\d \d\d:\d\d UTC$", lines["alice"]), lines["alice"]
    assert lines["ops"].endswith("\toperator") and not re.search(r"\b\d{10}\b", listed.stdout)
    assert lines["local"].endswith("\toperator")  # the key `rolefit up` made for the machine's owner
    body = requests.get(f"{stack['base']}/api/v1/batches", headers={"X-API-Key": operator}, timeout=10).json()
    assert body["operator"] is True


def test_keys_without_a_running_server_say_how_to_point_at_one(tmp_path):
    result = rolefit("keys", "list", env=env_for(tmp_path / "var"))
    assert result.returncode != 0
    assert "REDIS_URL=redis://" in result.stderr and "rolefit up" in result.stderr


def test_after_ctrl_c_the_folder_is_free_again(stack):
    process = stack["process"]
    os.killpg(process.pid, signal.SIGINT)
    assert process.wait(timeout=30) == 0
    result = rolefit("keys", "list", env=env_for(stack["data_dir"]))
    assert result.returncode != 0 and "no running Rolefit" in result.stderr
