"""DELETE erases a candidate everywhere: after it, no key of the server, whatever its type, holds
the candidate's job id, email, name or phone, while the other candidates of the batch stay."""

from __future__ import annotations

import time

import pytest

from tests.faults.helpers import API_KEY, make_app, upload_batch, wait_status
from tests.privacy.keys import dump
from tests.privacy.pii import candidates
from tests.stack import wait_for

KEY = {"X-API-Key": API_KEY}


def traces(keys: dict[str, str], *needles: str) -> dict[str, list[str]]:
    """Keys whose name or value holds any of `needles`."""
    out = {}
    for key, value in keys.items():
        hit = [n for n in needles if n and (n in key or n.lower() in value.lower())]
        if hit:
            out[key] = hit
    return out


@pytest.mark.slow
def test_delete_erases_a_batch_candidate_from_every_key(kept):
    people = candidates()[:4]
    app = make_app(kept.url)
    store = app.extensions["rolefit.store"]
    client = app.test_client()
    batch_id = upload_batch(client, [(p.file.name, p.file.read_bytes()) for p in people])
    ids = store.batch_job_ids(batch_id)
    for job_id in ids:
        assert wait_status(store, job_id, {"done", "failed"}, 60) == "done"
    by_email = {store.get_report(j)["candidate"]["email"]: j for j in ids}
    gone, stays = people[1], people[2]
    gone_id = by_email[gone.email]
    before = dump(store.redis)
    assert traces(before, gone_id, gone.email)  # the scan sees the candidate before the deletion

    assert client.delete(f"/api/v1/resumes/{gone_id}").status_code == 204

    after = dump(store.redis)
    left = traces(after, gone_id, gone.email, gone.name, gone.phone)
    assert not left, f"still there after DELETE: {left}"
    assert traces(after, by_email[stays.email], stays.email)  # the others are untouched
    batch = client.get(f"/api/v1/batches/{batch_id}", headers=KEY).get_json()
    assert batch["progress"]["total"] == 3 and batch["progress"]["done"] == 3
    assert gone.email not in client.get(
        f"/api/v1/batches/{batch_id}/export?format=csv", headers=KEY
    ).get_data(as_text=True)
    assert client.get(f"/api/v1/resumes/{gone_id}").status_code == 404


@pytest.mark.slow
def test_delete_while_the_worker_is_analysing_leaves_nothing_behind(kept):
    """The candidate is erased while their file is being analysed: when the task ends, it must not
    write the report or the batch row back."""
    person = candidates()[5]
    app = make_app(kept.url)
    store = app.extensions["rolefit.store"]
    client = app.test_client()
    batch_id = upload_batch(
        client,
        [
            (f"slow-{person.file.name}", person.file.read_bytes()),
            (candidates()[6].file.name, candidates()[6].file.read_bytes()),
        ],
    )
    slow_id = next(
        j for j in store.batch_job_ids(batch_id) if store.get_job(j).fields["name"].startswith("slow-")
    )
    wait_status(store, slow_id, {"processing"}, 30)
    assert client.delete(f"/api/v1/resumes/{slow_id}").status_code == 204
    # the task goes on for a few seconds, then finds the candidate gone
    wait_for(
        lambda: store.redis.llen("rolefit") == 0 and store.redis.hlen("unacked") == 0, 30, "the task to end"
    )
    time.sleep(0.5)
    left = traces(dump(store.redis), slow_id, person.email, person.name)
    assert not left, f"written back after DELETE: {left}"
    batch = client.get(f"/api/v1/batches/{batch_id}", headers=KEY).get_json()
    assert batch["progress"]["total"] == 1
