"""docker-compose.yml: no Docker engine runs here, so the file is checked, not run.

The file is validated against the Compose Specification's JSON schema (a copy lives in
`tests/data/compose-spec/`, with its licence), which needs nothing but Python; where
`docker-compose` (Debian's package, no engine needed; `.ci/run` installs it) or the `docker compose`
plugin exists, `config` validates it too. Its structure is checked below.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import jsonschema
import pytest
import yaml

from tests.stack import ROOT

COMPOSE = ROOT / "docker-compose.yml"
COMPOSE_SCHEMA = ROOT / "tests" / "data" / "compose-spec" / "compose-spec.json"


def compose_command() -> list[str] | None:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if (
        shutil.which("docker")
        and subprocess.run(["docker", "compose", "version"], capture_output=True, check=False).returncode == 0
    ):
        return ["docker", "compose"]
    return None


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def test_compose_file_matches_the_compose_specification_schema(compose: dict):
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in jsonschema.Draft7Validator(schema).iter_errors(compose)
    ]
    assert errors == []


def test_the_schema_check_catches_a_wrong_key(compose: dict):
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    broken = {
        **compose,
        "services": {
            **compose["services"],
            "web": {**compose["services"]["web"], "restart_policy": "always"},
        },
    }
    assert not jsonschema.Draft7Validator(schema).is_valid(broken)


def test_compose_file_is_valid_for_the_compose_tool():
    command = compose_command()
    if command is None:
        pytest.skip(
            "neither docker-compose nor the docker compose plugin is installed here; the file "
            "was checked against the Compose Specification schema instead (.ci/run installs "
            "Debian's docker-compose, so CI runs this check too)"
        )
    result = subprocess.run(
        [*command, "-f", str(COMPOSE), "config", "-q"], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    services = subprocess.run(
        [*command, "-f", str(COMPOSE), "config", "--services"],
        capture_output=True,
        check=False,
        text=True,
        cwd=ROOT,
    ).stdout.split()
    assert sorted(services) == ["proxy", "redis", "web", "worker"]


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


def test_only_the_buffering_proxy_is_published(compose: dict):
    """Slow clients meet nginx, never gunicorn's threads (issue 17, item 5)."""
    proxy, web = compose["services"]["proxy"], compose["services"]["web"]
    assert proxy["image"].startswith("nginx:")
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]
    assert proxy["ports"] == ["127.0.0.1:8000:8080"]
    assert "ports" not in web
    assert web["environment"]["ROLEFIT_TRUSTED_PROXIES"] == "1"
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    for directive in (
        "client_header_timeout 10s;",
        "client_body_timeout 20s;",
        "client_max_body_size 310m;",
        "proxy_request_buffering on;",
        "server web:8000;",
        "listen 8080;",
        "proxy_set_header X-Forwarded-For $remote_addr;",
    ):
        assert directive in conf, directive


def test_worker_memory_is_bounded(compose: dict):
    worker = compose["services"]["worker"]
    assert int(worker["environment"]["ROLEFIT_WORKER_MAX_MEMORY_MB"]) > 0
    assert worker["mem_limit"]


def test_workers_consume_the_resume_and_the_role_queues(compose: dict):
    """A job description sent on the role queue would wait for ever on a worker that skips it."""
    from common.celery_config import WORKER_QUEUES
    from service.devstack import worker_command

    for command in (compose["services"]["worker"]["command"], worker_command(1)):
        assert command[command.index("-Q") + 1] == WORKER_QUEUES
