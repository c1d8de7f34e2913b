"""`rolefit up` as a user runs it: its embedded Valkey has a password (made on first start, 0600 under the
data directory) that the worker, the web server and `rolefit keys` all use; a client without it is
refused; every file of the data directory is 0600 in 0700 folders."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import requests

from service.devstack import PASSWORD_FILE, URL_FILE, embedded_redis_url
from tests.stack import ARTIFACTS, ROOT, free_port, wait_for


def modes(root: Path) -> dict[str, int]:
    out = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        if not path.is_symlink():
            out[str(path.relative_to(root))] = stat.S_IMODE(path.stat().st_mode)
    return out


@pytest.mark.slow
def test_rolefit_up_runs_a_passworded_private_valkey(tmp_path: Path):
    data_dir = tmp_path / "var"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROLEFIT_") and k != "REDIS_URL"}
    env.update({"ROLEFIT_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / "rolefit-up.log"
    with open(log_path, "wb") as log:
        up = subprocess.Popen(
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
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        base = f"http://127.0.0.1:{port}"

        def ready() -> bool:
            assert up.poll() is None, log_path.read_text()[-3000:]
            try:
                return requests.get(base + "/readyz", timeout=3).status_code == 200
            except requests.RequestException:
                return False

        wait_for(ready, 120, "rolefit up to be ready", interval=0.5)
        password = (data_dir / PASSWORD_FILE).read_text().strip()
        url = embedded_redis_url(data_dir)
        assert url and f":{password}@" in url and len(password) >= 40
        assert password not in log_path.read_text()  # the log names the file, never the password
        # the web tier and the worker use it: an upload is analysed
        cv = b"Jane Roe\njane@example.org\nExperience\n2019 - 2024 Machine learning engineer: Python, PyTorch.\n"
        accepted = requests.post(base + "/api/v1/resumes", files={"file": ("cv.txt", cv)}, timeout=10)
        assert accepted.status_code == 202, accepted.text
        link = base + accepted.json()["links"]["self"]
        wait_for(
            lambda: requests.get(link, timeout=5).json()["status"] in {"done", "failed"}, 90, "the analysis"
        )
        assert requests.get(link, timeout=5).json()["status"] == "done"
        # a local process without the password gets nothing
        server_port = int(url.rsplit(":", 1)[1].split("/")[0])
        with pytest.raises(redis.AuthenticationError):
            redis.Redis(port=server_port).keys("*")
        server = redis.Redis.from_url(url)
        assert server.hlen("rf:apikeys") == 1
        assert server.config_get("maxmemory-policy")["maxmemory-policy"] == "noeviction"
        assert int(server.config_get("maxmemory")["maxmemory"]) == 1024**3
        # `rolefit keys` finds the running server by itself
        listed = subprocess.run(
            [sys.executable, "-m", "service.cli", "keys", "list"],
            check=False,
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert listed.returncode == 0 and listed.stdout.startswith("local\t"), listed.stdout + listed.stderr
        time.sleep(1.2)  # appendfsync everysec: the AOF has the upload's writes
        found = modes(data_dir)
        assert any("appendonly" in name for name in found), found
        loose = {
            name: oct(mode)
            for name, mode in found.items()
            if mode != (0o700 if (data_dir / name).is_dir() else 0o600)
        }
        assert not loose, f"not private: {loose}"
    finally:
        if up.poll() is None:
            os.killpg(up.pid, signal.SIGINT)
            try:
                up.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(up.pid, signal.SIGKILL)
    assert not (data_dir / URL_FILE).exists()  # gone when the stack stops
    assert (data_dir / PASSWORD_FILE).exists()  # kept for the next start
