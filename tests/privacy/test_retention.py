"""Reports are kept for ROLEFIT_REPORT_TTL_S and then gone: jobs, reports, uploads, batches (their
job lists, rankings and rows) and dedupe entries all expire, however the job ended."""

from __future__ import annotations

import time

import pytest

from tests.faults.helpers import API_KEY, make_app, upload, upload_batch, wait_status
from tests.privacy.conftest import TTL_S
from tests.privacy.keys import dump
from tests.stack import EVAL

pytestmark = pytest.mark.slow

GOOD = sorted((EVAL / "resumes").glob("d0[1-3]*"))
BAD = sorted((EVAL / "bad").iterdir())
# Kept on purpose: counters, rate-limit windows (they expire by themselves), API key hashes,
# the job descriptions users added as roles. None holds anything about a candidate.
NOT_CANDIDATE_DATA = ("rf:metrics", "rf:rate", "rf:apikeys", "rf:role:", "rf:roles")
QUEUE_KEYS = ("_kombu.", "unacked", "rolefit")


def test_everything_about_candidates_expires_after_the_retention(short_lived):
    app = make_app(short_lived.url, report_ttl_s=TTL_S, upload_ttl_s=TTL_S)
    store = app.extensions["rolefit.store"]
    client = app.test_client()
    single = upload(client, GOOD[0])
    wait_status(store, single, {"done"}, 30)
    reused = upload(client, GOOD[0], name="again.pdf")  # same bytes: the stored report is reused
    mixed = upload_batch(
        client, [(p.name, p.read_bytes()) for p in GOOD[1:]] + [(BAD[0].name, BAD[0].read_bytes())]
    )
    all_bad = upload_batch(client, [(p.name, p.read_bytes()) for p in BAD if p.stat().st_size > 0][:3])
    repeat = upload_batch(client, [(p.name, p.read_bytes()) for p in GOOD])  # every report reused
    jobs = [single, reused] + [j for b in (mixed, all_bad, repeat) for j in store.batch_job_ids(b)]
    for job_id in jobs:
        wait_status(store, job_id, {"done", "failed"}, 60)
    assert {store.get_job(j).status for j in jobs} == {"done", "failed"}
    time.sleep(0.5)  # the last writes after a status change

    keys = dump(store.redis)
    candidate_keys = [k for k in keys if k.startswith("rf:") and not k.startswith(NOT_CANDIDATE_DATA)]
    assert any(k.startswith("rf:report:") for k in candidate_keys) and any(
        ":summaries" in k for k in candidate_keys
    )
    ttls = {k: store.redis.ttl(k) for k in candidate_keys}
    forever = sorted(k for k, ttl in ttls.items() if ttl < 0 and store.redis.exists(k))
    assert not forever, f"kept for ever: {forever}"
    assert max(ttls.values()) <= TTL_S
    unexpected = [k for k in keys if not k.startswith(("rf:", "LIMITS:", *QUEUE_KEYS))]
    assert not unexpected, unexpected
    # rate-limit windows name the client's address: they must expire on their own
    assert all(0 < store.redis.ttl(k) <= 120 for k in keys if k.startswith("LIMITS:"))

    time.sleep(TTL_S + 1)
    left = [k for k in dump(store.redis) if k.startswith("rf:") and not k.startswith(NOT_CANDIDATE_DATA)]
    assert left == [], left
    assert client.get(f"/api/v1/resumes/{single}").status_code == 404
    for batch in (mixed, all_bad, repeat):
        assert client.get(f"/api/v1/batches/{batch}", headers={"X-API-Key": API_KEY}).status_code == 404
    # nothing of the candidates is left in the queue's keys either
    leftovers = {k: v for k, v in dump(store.redis).items() if k.startswith(QUEUE_KEYS)}
    assert not [k for k, v in leftovers.items() if any(j in v for j in jobs)], leftovers


def test_settings_read_the_retention_from_the_environment():
    from common.settings import Settings

    settings = Settings.from_env({"ROLEFIT_REPORT_TTL_S": "7", "ROLEFIT_UPLOAD_TTL_S": "3"})
    assert (settings.report_ttl_s, settings.upload_ttl_s) == (7, 3)
    assert Settings.from_env({}).report_ttl_s == 30 * 24 * 3600
