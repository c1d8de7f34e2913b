"""No client can take all the capacity (issue 17 item 6): anonymous uploads have a small share of the
backlog, a full share or a full job store answers 503 `backlog_full`, and /readyz is cheap to flood.

Over real HTTP (gunicorn) on a dedicated Valkey, with no worker: uploads wait in the queue as they
would behind busy workers."""

from __future__ import annotations

import io
import secrets
import time

import pytest
import requests

from common.settings import Settings
from service.auth import hash_key
from tests.faults.helpers import API_KEY, make_app
from tests.faults.servers import start_gunicorn
from tests.stack import LIFTED_SHARES, LIFTED_SHARES_ENV

MB = 1024 * 1024


def resume(size: int) -> bytes:
    """A plain-text resume of `size` bytes, different every call (no two are identical files)."""
    head = f"Jane Roe {secrets.token_hex(8)}\nExperience\n2019 - 2024 Machine learning engineer\n".encode()
    return head + b"Python PyTorch Docker. " * ((size - len(head)) // 23)


@pytest.mark.slow
def test_thirty_anonymous_ten_mb_uploads_cannot_fill_the_store(valkey):
    defaults = {
        name: str(getattr(Settings(), key)) for key, name in zip(LIFTED_SHARES, LIFTED_SHARES_ENV)
    }  # the shipped shares, not the tests' lifted ones
    web, base = start_gunicorn(
        valkey.url,
        "backlog-web",
        ROLEFIT_API_KEYS=hash_key(API_KEY),
        ROLEFIT_UPLOAD_KEY_DIR=str(valkey.data_dir / "upload-keys"),
        **defaults,
    )
    client = valkey.client()
    try:
        before = client.info("memory")["used_memory"]
        answers = [
            requests.post(
                f"{base}/api/v1/resumes", files={"file": (f"cv{i}.txt", resume(10 * MB - 4096))}, timeout=60
            )
            for i in range(31)
        ]
        grown = client.info("memory")["used_memory"] - before
        codes = [a.status_code for a in answers]
        assert codes[:2] == [202, 202], [a.text for a in answers[:3]]
        assert set(codes[2:]) == {503}, codes
        last = answers[-1]
        assert last.json()["error"]["code"] == "backlog_full" and last.headers["Retry-After"].isdigit()
        assert "without an API key" in last.json()["error"]["message"]
        assert grown < 30 * MB, f"the store grew {grown / MB:.0f} MB"
        # a client with a key has its own share and still gets in
        keyed = requests.post(
            f"{base}/api/v1/resumes",
            files={"file": ("k.txt", resume(2 * MB))},
            headers={"X-API-Key": API_KEY},
            timeout=60,
        )
        assert keyed.status_code == 202, keyed.text
        # the share frees itself as the queued uploads go (here: erased by their owner)
        for answer in answers[:2]:
            assert requests.delete(base + answer.json()["links"]["self"], timeout=10).status_code == 204
        again = requests.post(f"{base}/api/v1/resumes", files={"file": ("again.txt", resume(MB))}, timeout=60)
        assert again.status_code == 202, again.text
    finally:
        web.stop()


@pytest.mark.slow
def test_a_keyed_batch_larger_than_its_share_is_refused_whole(valkey):
    app = make_app(
        valkey.url,
        upload_key_dir=str(valkey.data_dir / "upload-keys"),
        max_queued_bytes_per_key=5 * MB,
        max_queued_jobs_per_key=3,
    )
    client = app.test_client()
    files = [(resume(64 * 1024), f"cv{i}.txt") for i in range(4)]
    refused = client.post(
        "/api/v1/batches",
        headers={"X-API-Key": API_KEY},
        data={"files": [(io.BytesIO(d), n) for d, n in files]},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 503 and refused.json["error"]["code"] == "backlog_full"
    assert not [k for k in valkey.client().keys("rf:upload:*")]  # nothing of it was stored
    fits = client.post(
        "/api/v1/batches",
        headers={"X-API-Key": API_KEY},
        data={"files": [(io.BytesIO(d), n) for d, n in files[:3]]},
        content_type="multipart/form-data",
    )
    assert fits.status_code == 202, fits.json


@pytest.mark.slow
def test_a_store_near_its_maxmemory_refuses_uploads_with_503(valkey):
    client = valkey.client()
    client.config_set("maxmemory-policy", "noeviction")
    client.config_set("maxmemory", str(client.info("memory")["used_memory"] + 8 * MB))
    try:
        app = make_app(valkey.url, upload_key_dir=str(valkey.data_dir / "upload-keys"))
        web = app.test_client()
        codes = []
        for i in range(6):
            answer = web.post(
                "/api/v1/resumes",
                headers={"X-API-Key": API_KEY},
                data={"file": (io.BytesIO(resume(2 * MB)), f"cv{i}.txt")},
                content_type="multipart/form-data",
            )
            codes.append(answer.status_code)
            if answer.status_code == 503:
                assert answer.json["error"]["code"] == "backlog_full", answer.json
                break
            time.sleep(1.05)  # the memory reading is at most a second old
        assert codes[-1] == 503 and 202 in codes, codes
    finally:
        client.config_set("maxmemory", "0")


def test_readyz_pings_the_workers_once_for_a_flood_of_probes(valkey):
    client = valkey.client()
    app = make_app(valkey.url, upload_key_dir=str(valkey.data_dir / "upload-keys"))
    web = app.test_client()
    before = client.info("commandstats").get("cmdstat_publish", {}).get("calls", 0)
    answers = [web.get("/readyz") for _ in range(5)]
    published = client.info("commandstats").get("cmdstat_publish", {}).get("calls", 0) - before
    assert all(a.status_code == 503 and a.json["checks"]["workers"] == "none answering" for a in answers)
    assert published == 1, f"{published} worker pings for 5 probes"


def anonymous_defaults() -> dict:
    return {key: getattr(Settings(), key) for key in LIFTED_SHARES}


def test_a_job_leaves_its_share_when_its_bytes_go_and_expired_places_are_swept(valkey, monkeypatch):
    monkeypatch.setattr(
        "service.backlog.RESERVE_S", 0
    )  # no hold: a place is swept as soon as its bytes expire
    app = make_app(
        valkey.url,
        upload_key_dir=str(valkey.data_dir / "upload-keys"),
        upload_ttl_s=6,
        **anonymous_defaults(),
    )
    store = app.extensions["rolefit.store"]
    web = app.test_client()

    def send(size: int) -> int:
        answer = web.post(
            "/api/v1/resumes",
            data={"file": (io.BytesIO(resume(size)), "cv.txt")},
            content_type="multipart/form-data",
        )
        return answer.status_code, (answer.json or {}).get("id")

    first, second = send(9 * MB), send(9 * MB)
    assert first[0] == second[0] == 202 and send(9 * MB)[0] == 503
    store.fail(first[1], "corrupt", "as a worker would")  # its bytes are gone: its place is free at once
    third = send(9 * MB)
    assert third[0] == 202
    share = next(k for k in valkey.client().keys("rf:backlog:ip:*"))
    assert int(valkey.client().hget(share, "#bytes")) < 20 * MB
    # uploads that expire unprocessed (upload_ttl_s=6) are swept by later admissions
    store.redis.persist(share)  # the share itself outlives the uploads here, as it does under steady traffic
    time.sleep(6.5)
    assert send(9 * MB)[0] == 202
    assert int(valkey.client().hget(share, "#jobs")) == 1


def test_a_place_admitted_for_a_reused_report_is_given_back(valkey):
    app = make_app(valkey.url, upload_key_dir=str(valkey.data_dir / "upload-keys"))
    store = app.extensions["rolefit.store"]
    web = app.test_client()
    known, new = resume(4096), resume(4096)
    first = web.post(
        "/api/v1/resumes",
        headers={"X-API-Key": API_KEY},
        data={"file": (io.BytesIO(known), "a.txt")},
        content_type="multipart/form-data",
    ).json["id"]
    job = store.get_job(first)
    store.finish(first, {"file": {"name": "a.txt"}}, job=job)  # as the worker ends it (no worker runs here)
    store.remember_digest(job.fields["reuse_scope"], job.fields["sha256"], first)
    share = job.fields["backlog"]
    assert int(store.redis.hget(share, "#jobs")) == 0  # analysed: it left the share
    batch = web.post(
        "/api/v1/batches",
        headers={"X-API-Key": API_KEY},
        data={"files": [(io.BytesIO(known), "again.txt"), (io.BytesIO(new), "b.txt")]},
        content_type="multipart/form-data",
    )
    assert batch.status_code == 202, batch.json
    assert (
        int(store.redis.hget(share, "#jobs")) == 1 and store.redis.hlen(share) == 3
    )  # b.txt, and the totals
