"""Tenants apart, over gunicorn, Valkey and a real worker: batches and added roles belong to the key
that made them; another key gets 404; an operator key sees all; anonymous callers see seed roles only."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import requests

from service.auth import create_key
from tests.stack import redis_client

JD = (
    "Search Relevance Engineer\nWe are hiring an engineer to build ranking models for product search. "
    "You will train learning-to-rank models in Python with PyTorch, run A/B tests, and deploy on Kubernetes. "
    "Three or more years of experience and a bachelor's degree in computer science are expected.\n"
)


class Tenant:
    def __init__(self, base: str, key: str | None):
        self.base = base
        self.http = requests.Session()
        if key:
            self.http.headers["X-API-Key"] = key

    def __getattr__(self, method: str):
        if method not in {"get", "post", "patch", "delete"}:
            raise AttributeError(method)
        return lambda path, **kw: getattr(self.http, method)(f"{self.base}{path}", timeout=60, **kw)


@pytest.fixture(scope="module")
def keys(redis_url: str) -> dict[str, str]:
    client = redis_client(redis_url)
    stamp = str(time.monotonic_ns())
    return {
        "a": create_key(client, f"tenant-a-{stamp}"),
        "b": create_key(client, f"tenant-b-{stamp}"),
        "op": create_key(client, f"operator-{stamp}", operator=True),
    }


@pytest.fixture(scope="module")
def people(live_server: str, keys: dict[str, str]) -> dict[str, Tenant]:
    return {name: Tenant(live_server, key) for name, key in keys.items()} | {
        "anon": Tenant(live_server, None)
    }


def wait_done(tenant: Tenant, batch_id: str) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        body = tenant.get(f"/api/v1/batches/{batch_id}").json()
        if body["status"] == "done":
            return body
        time.sleep(0.25)
    raise TimeoutError(batch_id)


def test_added_roles_are_private_deduplicated_renamable_and_deletable(people):
    a, b, op, anon = people["a"], people["b"], people["op"], people["anon"]
    first = a.post("/api/v1/roles", json={"text": JD})
    assert first.status_code == 201, first.text
    role = first.json()
    again = a.post(
        "/api/v1/roles", json={"text": "  " + JD.replace("\n", "\n\n")}
    )  # same content, other spacing
    assert again.status_code == 200 and again.json()["id"] == role["id"]
    assert role["expires"] and role["pinned"] is False
    mine = [r["id"] for r in a.get("/api/v1/roles").json()["roles"] if not r["seed"]]
    assert mine.count(role["id"]) == 1
    # nobody else sees it, uses it or changes it: 404 as if it did not exist
    assert role["id"] not in {r["id"] for r in b.get("/api/v1/roles").json()["roles"]}
    assert all(r["seed"] for r in anon.get("/api/v1/roles").json()["roles"])
    for page in (
        "/",
        "/roles",
    ):  # the upload form's role list and the roles page, signed out or as another key
        assert role["id"] not in anon.get(page).text and role["id"] not in b.get(page).text
    assert role["id"] in a.get("/roles").text
    assert b.get(f"/api/v1/roles/{role['id']}").status_code == 404
    assert anon.get(f"/api/v1/roles/{role['id']}").status_code == 404
    assert b.patch(f"/api/v1/roles/{role['id']}", json={"title": "Mine now"}).status_code == 404
    assert b.delete(f"/api/v1/roles/{role['id']}").status_code == 404
    refused = b.post(
        "/api/v1/batches",
        files=[("files", ("cv.txt", b"Jane Roe\nPython engineer since 2019.\n"))],
        data={"role": role["id"]},
    )
    assert refused.status_code == 404 and refused.json()["error"]["code"] == "unknown_role"
    anon_upload = anon.post(
        "/api/v1/resumes",
        files={"file": ("cv.txt", b"Jane Roe\nPython engineer since 2019.\n")},
        data={"role": role["id"]},
    )
    assert anon_upload.status_code == 404
    # the key that added it scores against it (the worker reads the owned record)
    cv = b"Jane Roe\nSearch engineer since 2019: ranking models in Python and PyTorch on Kubernetes.\n"
    job = a.post("/api/v1/resumes", files={"file": ("cv.txt", cv)}, data={"role": role["id"]}).json()["id"]
    deadline = time.monotonic() + 60
    while (body := a.get(f"/api/v1/resumes/{job}").json())["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert [f["title"] for f in body["report"]["fits"] if f["role"] == role["id"]] == [role["title"]]
    # another key's same text makes its own role
    theirs = b.post("/api/v1/roles", json={"text": JD})
    assert theirs.status_code == 201 and theirs.json()["id"] != role["id"]
    # the operator sees both
    listed = {r["id"] for r in op.get("/api/v1/roles").json()["roles"]}
    assert {role["id"], theirs.json()["id"]} <= listed
    # rename; pinning is for operators only
    renamed = a.patch(f"/api/v1/roles/{role['id']}", json={"title": "Search Ranking Engineer"})
    assert renamed.status_code == 200 and renamed.json()["title"] == "Search Ranking Engineer"
    assert a.get(f"/api/v1/roles/{role['id']}").json()["title"] == "Search Ranking Engineer"
    assert a.patch(f"/api/v1/roles/{role['id']}", json={"pinned": True}).status_code == 403
    pinned = op.patch(f"/api/v1/roles/{role['id']}", json={"pinned": True})
    assert pinned.status_code == 200 and pinned.json()["pinned"] is True and pinned.json()["expires"] is None
    assert a.patch("/api/v1/roles/mle-ii", json={"title": "x"}).status_code == 403  # seed roles stay
    assert a.patch(f"/api/v1/roles/{role['id']}", json={"title": ""}).status_code == 400
    # delete: gone for everyone, and the same text makes a new role again
    assert a.delete(f"/api/v1/roles/{role['id']}").status_code == 204
    assert a.get(f"/api/v1/roles/{role['id']}").status_code == 404
    assert a.delete(f"/api/v1/roles/{role['id']}").status_code == 404
    assert a.post("/api/v1/roles", json={"text": JD}).status_code == 201


def test_added_roles_expire_with_the_retention_unless_pinned(people, redis_url: str):
    a, op = people["a"], people["op"]
    text = JD.replace("product search", "job search")
    role = a.post("/api/v1/roles", json={"text": text}).json()
    client = redis_client(redis_url)
    ttl = client.ttl(f"rf:role:{role['id']}")
    assert 0 < ttl <= 30 * 24 * 3600
    op.patch(f"/api/v1/roles/{role['id']}", json={"pinned": True})
    assert client.ttl(f"rf:role:{role['id']}") == -1
    op.patch(f"/api/v1/roles/{role['id']}", json={"pinned": False})
    assert 0 < client.ttl(f"rf:role:{role['id']}") <= 30 * 24 * 3600
    client.delete(f"rf:role:{role['id']}")  # as the retention would
    assert role["id"] not in {r["id"] for r in a.get("/api/v1/roles").json()["roles"]}


def test_a_batch_with_a_pasted_description_reuses_the_role(people):
    a = people["a"]
    text = JD.replace("product search", "ads ranking")
    ids = []
    for n in range(2):
        files = [
            ("files", (f"cv{n}{i}.txt", f"Jane Roe {n}{i}\nPython engineer since 2019.\n".encode()))
            for i in range(2)
        ]
        response = a.post("/api/v1/batches", files=files, data={"job_description": text})
        assert response.status_code == 202, response.text
        ids.append(response.json()["role"])
    assert ids[0] == ids[1]
    added = [r for r in a.get("/api/v1/roles").json()["roles"] if r["id"] == ids[0]]
    assert len(added) == 1


def test_batches_are_listed_newest_first_and_kept_apart(people, eval_dir: Path):
    a, b, op, anon = people["a"], people["b"], people["op"], people["anon"]
    cv = (eval_dir / "resumes/d06-nlp-mle-legal-tech-2-5y.txt").read_bytes()
    made = []
    for n in range(2):
        files = [("files", (f"t{n}-{i}.txt", cv + f"\n% tenants {n} {i}".encode())) for i in range(2)]
        response = a.post("/api/v1/batches", files=files, data={"role": "mle-ii"})
        assert response.status_code == 202, response.text
        made.append(response.json()["id"])
        time.sleep(0.01)
    wait_done(a, made[0])
    listed = a.get("/api/v1/batches").json()["batches"]
    ids = [x["id"] for x in listed]
    assert ids.index(made[1]) < ids.index(made[0])  # newest first
    entry = next(x for x in listed if x["id"] == made[0])
    assert entry["role"] == "mle-ii" and entry["role_title"] == "Machine Learning Engineer II"
    assert (
        entry["progress"]["total"] == 2 and entry["progress"]["finished"] == 2 and entry["status"] == "done"
    )
    assert entry["created"].endswith("Z") and entry["links"]["page"] == f"/batches/{made[0]}"
    created = [x["created"] for x in listed]
    assert created == sorted(created, reverse=True)
    # another key: not listed, not readable, not exportable, not deletable
    assert not {x["id"] for x in b.get("/api/v1/batches").json()["batches"]} & set(made)
    for path in (f"/api/v1/batches/{made[0]}", f"/api/v1/batches/{made[0]}/export?format=csv"):
        response = b.get(path)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert b.delete(f"/api/v1/batches/{made[0]}").status_code == 404
    assert anon.get("/api/v1/batches").status_code == 401
    # the operator sees every tenant's batches
    assert set(made) <= {x["id"] for x in op.get("/api/v1/batches").json()["batches"]}
    assert op.get(f"/api/v1/batches/{made[0]}").status_code == 200
    # a deleted batch leaves the list
    assert a.delete(f"/api/v1/batches/{made[1]}").status_code == 204
    assert made[1] not in {x["id"] for x in a.get("/api/v1/batches").json()["batches"]}


def test_a_blind_row_opens_a_redacted_report(people, eval_dir: Path):
    a, b = people["a"], people["b"]
    source = eval_dir / "resumes/d07-staff-mle-recommender-systems-8y.pdf"
    files = [
        ("files", ("arjun-cv.pdf", source.read_bytes() + b"\n%blind")),
        (
            "files",
            ("other.txt", (eval_dir / "resumes/d06-nlp-mle-legal-tech-2-5y.txt").read_bytes() + b"\n%b"),
        ),
    ]
    batch_id = a.post("/api/v1/batches", files=files, data={"role": "mle-ii"}).json()["id"]
    wait_done(a, batch_id)
    full = {c["file"]: c for c in a.get(f"/api/v1/batches/{batch_id}").json()["candidates"]}
    blind = a.get(f"/api/v1/batches/{batch_id}", params={"blind": 1}).json()["candidates"]
    code = full["arjun-cv.pdf"]["candidate"]
    assert code in {c["candidate"] for c in blind}
    opened = a.get(f"/api/v1/batches/{batch_id}/candidates/{code}")
    assert opened.status_code == 200
    body = opened.json()
    report = body["report"]
    text = opened.text
    for secret in (
        "Arjun",
        "Raghunathan",
        "arjun.raghunathan@example.com",
        "555-846-1129",
        "arjunr-recsys",
        "arjun-cv.pdf",
    ):
        assert secret.lower() not in text.lower(), secret
    assert report["candidate"]["code"] == code and report["skills"] and report["fits"]
    assert report["candidate"]["years_experience"] == full["arjun-cv.pdf"]["years"]
    assert b.get(f"/api/v1/batches/{batch_id}/candidates/{code}").status_code == 404
    assert a.get(f"/api/v1/batches/{batch_id}/candidates/C-00000000").status_code == 404
