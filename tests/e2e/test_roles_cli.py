"""`rolefit roles` against the live stack: a key's job descriptions listed, added (once per text),
renamed, pinned by an operator only, deleted; another key's role is not found."""

from __future__ import annotations

import time
from pathlib import Path

from click.testing import CliRunner

from service.auth import create_key
from service.cli import main
from tests.stack import redis_client

TEXT = (
    "Fraud Modelling Engineer\nYou will build fraud detection models with Python, XGBoost and SQL, "
    "monitor them in production and mentor two analysts. Three years of experience are expected.\n"
)


def run(live_server: str, key: str, *args: str):
    return CliRunner().invoke(
        main, ["roles", *args], env={"ROLEFIT_URL": live_server, "ROLEFIT_API_KEY": key}
    )


def test_roles_from_the_command_line(live_server: str, redis_url: str, tmp_path: Path):
    client = redis_client(redis_url)
    stamp = time.monotonic_ns()
    mine, other = create_key(client, f"cli-a-{stamp}"), create_key(client, f"cli-b-{stamp}")
    operator = create_key(client, f"cli-op-{stamp}", operator=True)
    jd = tmp_path / "jd.txt"
    jd.write_text(TEXT)
    added = run(live_server, mine, "add", str(jd))
    assert added.exit_code == 0, added.output
    assert added.output.startswith("added\tjd-") and "Fraud Modelling Engineer" in added.output
    role_id = added.output.split("\t")[1]
    again = run(live_server, mine, "add", str(jd))
    assert again.output.startswith("exists\t" + role_id)
    listed = run(live_server, mine, "list", "--mine").output.splitlines()
    assert [line.split("\t")[0] for line in listed] == [role_id] and "expires 20" in listed[0]
    assert "mle-ii\t" in run(live_server, mine, "list").output
    renamed = run(live_server, mine, "rename", role_id, "Fraud ML Engineer")
    assert renamed.exit_code == 0 and "\tFraud ML Engineer\t" in renamed.output
    refused = run(live_server, mine, "pin", role_id)
    assert refused.exit_code != 0 and "operator" in refused.output
    pinned = run(live_server, operator, "pin", role_id)
    assert pinned.exit_code == 0 and pinned.output.rstrip().endswith("\tpinned")
    stranger = run(live_server, other, "delete", role_id)
    assert stranger.exit_code != 0 and "not_found" in stranger.output
    assert role_id not in run(live_server, other, "list").output
    deleted = run(live_server, mine, "delete", role_id)
    assert deleted.exit_code == 0 and deleted.output.strip() == f"deleted {role_id}"
    assert role_id not in run(live_server, mine, "list").output
