"""Roles built from users' job descriptions: the same builder as the seeds, readable, storable,
and built by the worker from a pending request (real Redis)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from common.descriptions import text_digest
from common.role_requests import TOO_SHORT, RoleReply, RoleRequests, pending_key
from common.sealing import UploadSealer
from common.store import Store, new_id
from common.tenants import Tenants
from tests.worker.pdf_factory import make_pdf, text_lines
from worker.roles import build_requested_role, build_role_profile, role_from_record, role_to_record

JD = (
    "Senior Machine Learning Engineer, Search\n"
    "You will build ranking models in PyTorch and serve them on Kubernetes. We ask for 5+ years of "
    "experience with Python, Apache Spark and A/B testing, and a master's degree in computer science."
)


def test_a_job_description_becomes_a_weighted_role():
    role = build_role_profile(JD, title="Senior MLE, Search", role_id="jd-test")
    assert role.id == "jd-test" and role.title == "Senior MLE, Search"
    assert {"pytorch", "kubernetes", "python"} <= set(role.skills)
    assert role.expected_years[0] == 5 and role.education == "master"
    assert role.level >= 4
    view = role.to_dict()
    names = {s["name"] for s in view["skills"]}
    assert "PyTorch" in names  # display names, not ids
    assert all(role.categories[s] for s in role.skills)  # categories give partial credit inside a family


def test_a_role_survives_the_store_round_trip():
    role = build_role_profile(JD, title=None, role_id="jd-x")
    assert role_from_record(role_to_record(role)) == role


def requests_on(redis_url: str, tmp_path: Path) -> RoleRequests:
    sealer = UploadSealer(tmp_path / "keys")
    return RoleRequests(Store.from_url(redis_url, upload_ttl_s=600, report_ttl_s=3600, sealer=sealer))


def test_a_pending_description_is_built_once_saved_for_its_owner_and_answered(redis_url: str, tmp_path: Path):
    requests = requests_on(redis_url, tmp_path)
    owner = "t" + new_id()[:12]
    request = requests.put(owner=owner, text=JD, title="Search MLE", digest="d" * 64)
    stored = requests.redis.get(pending_key(owner, request.id))
    assert b"PyTorch" not in stored  # sealed, like an upload
    assert 0 < requests.redis.ttl(pending_key(owner, request.id)) <= 600

    reply = build_requested_role(requests.store, request.id, owner)
    assert reply is not None and reply.created and reply.role_id.startswith("jd-") and not reply.code
    assert requests.wait(request.id, 1) == reply
    record, _ttl = Tenants(requests.store).role_record(reply.role_id)
    assert record["owner"] == owner and record["view"]["title"] == "Search MLE"
    assert "pytorch" in record["profile"]["skills"]
    assert not requests.redis.exists(pending_key(owner, request.id))
    assert not (tmp_path / "keys" / request.id).exists()  # its sealing key is gone with it
    assert build_requested_role(requests.store, request.id, owner) is None  # a second delivery: nothing

    again = requests.put(owner=owner, text=JD, title=None, digest="d" * 64)
    second = build_requested_role(requests.store, again.id, owner)
    assert second == RoleReply(role_id=reply.role_id, created=False)  # the same text gives the one role


def test_a_dropped_description_is_not_built(redis_url: str, tmp_path: Path):
    requests = requests_on(redis_url, tmp_path)
    owner = "t" + new_id()[:12]
    request = requests.put(owner=owner, text=JD, title=None, digest="e" * 64)
    requests.drop(request.id, owner)
    assert build_requested_role(requests.store, request.id, owner) is None
    assert Tenants(requests.store).role_ids(owner) == []
    assert requests.wait(request.id, 0.2) is None


def test_a_pending_file_is_read_then_built_and_its_text_is_the_role_identity(redis_url: str, tmp_path: Path):
    requests = requests_on(redis_url, tmp_path)
    owner = "t" + new_id()[:12]
    lines = [line for paragraph in JD.splitlines() for line in textwrap.wrap(paragraph, 80)]
    pdf = make_pdf(text_lines(lines))  # lines that fit on the page
    request = requests.put_file(owner=owner, data=pdf, file_name="jd.pdf", title=None, extract_timeout_s=10)
    stored = requests.redis.get(pending_key(owner, request.id))
    assert b"%PDF" not in stored and len(stored) > len(pdf)  # sealed, bytes and all

    reply = build_requested_role(requests.store, request.id, owner)
    assert reply is not None and reply.created and not reply.code
    record, _ttl = Tenants(requests.store).role_record(reply.role_id)
    assert record["view"]["title"] == "Senior Machine Learning Engineer, Search"  # from the file's text
    assert {"pytorch", "kubernetes"} <= set(record["profile"]["skills"])
    assert not (tmp_path / "keys" / request.id).exists()

    pasted = requests.put(owner=owner, text=JD, title=None, digest=text_digest(JD))
    assert build_requested_role(requests.store, pasted.id, owner) == RoleReply(
        role_id=reply.role_id, created=False
    )


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "cut.pdf", "corrupt"),
        (b"Python.\n", "short.txt", TOO_SHORT),
        (("Ranking models in Python. " * 2000).encode(), "long.txt", "too_large"),
    ],
)
def test_a_file_that_gives_no_description_is_answered_with_why(
    redis_url: str, tmp_path: Path, data: bytes, name: str, code: str
):
    requests = requests_on(redis_url, tmp_path)
    owner = "t" + new_id()[:12]
    request = requests.put_file(owner=owner, data=data, file_name=name, title=None, extract_timeout_s=10)
    reply = build_requested_role(requests.store, request.id, owner)
    assert reply is not None and reply.code == code and reply.message and not reply.role_id
    assert requests.wait(request.id, 1) == reply
    assert Tenants(requests.store).role_ids(owner) == []
