"""Shortlist filters that answer, over the live stack: aliases resolve, unknown values are refused
with the nearest names or the accepted values, and each filter says how many candidates it removed."""

from __future__ import annotations

import time

import pytest
import requests

K8S = (
    b"Jane Roe\njane.roe@example.com\nExperience\nPlatform Engineer, Acme, 2018 - 2024\n"
    b"Ran Kubernetes clusters and wrote Python services; deployed models with Docker.\n"
)
PLAIN = (
    b"John Poe\njohn.poe@example.com\nExperience\nData Analyst, Beta, 2020 - 2024\n"
    b"Wrote Python and SQL reports for finance.\n"
)


@pytest.fixture(scope="module")
def batch(live_server: str, api_key: str) -> tuple[requests.Session, str]:
    http = requests.Session()
    http.headers["X-API-Key"] = api_key
    files = [("files", ("k8s.txt", K8S)), ("files", ("plain.txt", PLAIN))]
    batch_id = http.post(f"{live_server}/api/v1/batches", files=files, timeout=60).json()["id"]
    deadline = time.monotonic() + 120
    while http.get(f"{live_server}/api/v1/batches/{batch_id}", timeout=30).json()["status"] != "done":
        assert time.monotonic() < deadline
        time.sleep(0.25)
    return http, f"{live_server}/api/v1/batches/{batch_id}"


def test_must_resolves_aliases_through_the_taxonomy(batch):
    http, url = batch
    for spelling in ("k8s", "K8S", "kubernetes", "Kubernetes"):
        body = http.get(url, params={"must": spelling}, timeout=30).json()
        assert [c["file"] for c in body["candidates"]] == ["k8s.txt"], spelling
        assert body["filters"] == [
            {"filter": "must", "value": "kubernetes", "label": "Must have Kubernetes", "removed": 1}
        ]
    both = http.get(url, params={"must": "python,k8s", "min_score": 0}, timeout=30).json()
    assert [(f["filter"], f["removed"]) for f in both["filters"]] == [
        ("min_score", 0),
        ("must", 0),
        ("must", 1),
    ]


def test_an_unknown_skill_is_refused_with_the_nearest_names(batch):
    http, url = batch
    response = http.get(url, params={"must": "kubernets"}, timeout=30)
    assert response.status_code == 400
    error = response.json()["error"]
    assert (
        error["code"] == "bad_request"
        and "kubernets" in error["message"]
        and "Kubernetes" in error["message"]
    )
    assert error["unknown_skills"][0]["nearest"][0] == "Kubernetes"
    response = http.get(url, params={"must": "notaskill"}, timeout=30)
    assert response.status_code == 400 and "notaskill" in response.json()["error"]["message"]
    assert http.get(f"{url}/export", params={"must": "notaskill"}, timeout=30).status_code == 400


@pytest.mark.parametrize(("name", "value"), [("sort", "bogus"), ("order", "sideways")])
def test_an_unknown_sort_or_order_is_refused_with_the_accepted_values(batch, name: str, value: str):
    http, url = batch
    response = http.get(url, params={name: value}, timeout=30)
    assert response.status_code == 400
    error = response.json()["error"]
    assert (
        value in error["message"]
        and error["accepted"]
        and all(a in error["message"] for a in error["accepted"])
    )
