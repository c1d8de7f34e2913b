"""docker-compose.yml: no Docker engine runs here, so the file is checked, not run.

The file is validated by `docker-compose config` (Debian's docker-compose package, which needs no
engine; `.ci/run` installs it) or the `docker compose` plugin, and its structure is checked below.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml

from tests.stack import ROOT

COMPOSE = ROOT / "docker-compose.yml"


def compose_command() -> list[str] | None:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    return None


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def test_compose_file_is_valid_for_the_compose_tool():
    command = compose_command()
    if command is None:
        pytest.fail("neither docker-compose nor the docker compose plugin is installed; "
                    "install Debian's docker-compose package (it needs no engine) — .ci/run does")
    result = subprocess.run([*command, "-f", str(COMPOSE), "config", "-q"], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    services = subprocess.run([*command, "-f", str(COMPOSE), "config", "--services"], capture_output=True,
                              text=True, cwd=ROOT).stdout.split()
    assert sorted(services) == ["redis", "web", "worker"]


def test_redis_persists_with_aof(compose: dict):
    command = " ".join(compose["services"]["redis"]["command"])
    assert "--appendonly yes" in command
    assert compose["services"]["redis"]["volumes"]


def test_redis_has_a_memory_cap_that_never_evicts_jobs(compose: dict):
    command = compose["services"]["redis"]["command"]
    assert command[command.index("--maxmemory") + 1] == "1gb"
    assert command[command.index("--maxmemory-policy") + 1] == "noeviction"
    assert compose["services"]["redis"]["mem_limit"]


def test_web_and_worker_share_the_upload_key_folder(compose: dict):
    web, worker = compose["services"]["web"], compose["services"]["worker"]
    folder = web["environment"]["ROLEFIT_UPLOAD_KEY_DIR"]
    assert worker["environment"]["ROLEFIT_UPLOAD_KEY_DIR"] == folder
    assert f"upload-keys:{folder}" in web["volumes"] and f"upload-keys:{folder}" in worker["volumes"]


def test_every_service_has_a_health_check(compose: dict):
    for name, service in compose["services"].items():
        assert service.get("healthcheck", {}).get("test"), name


def test_web_and_worker_share_one_image_and_redis(compose: dict):
    web, worker = compose["services"]["web"], compose["services"]["worker"]
    assert web["image"] == worker["image"]
    assert "gunicorn" in web["command"]
    assert worker["command"][:3] == ["celery", "-A", "worker.celery_app"]
    assert web["environment"]["REDIS_URL"] == worker["environment"]["REDIS_URL"]


def test_worker_can_be_scaled(compose: dict):
    worker = compose["services"]["worker"]
    assert "container_name" not in worker and "ports" not in worker
