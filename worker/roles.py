"""Role profiles built at run time from a user's job description (same builder as the seeds).

Only the worker imports this module (spaCy and the taxonomy): the web tier sends the description
to `build_requested_role` through a task (`common.role_requests`).
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache

from common.role_requests import RoleReply, RoleRequests
from common.store import Store, new_id
from common.tenants import Tenants
from models.profile import Requirement
from models.roles import RoleProfile, role_from_job_description, skill_facts
from taxonomy.tagger import load_tagger, read_artifact
from taxonomy.weights import document_sentences


def build_role_profile(text: str, *, title: str | None, role_id: str) -> RoleProfile:
    """Requirements by where and how the description states them (the seed roles' builder); years, degree, level."""
    tagger = load_tagger()
    sentences = document_sentences(text, tagger)["sentences"]
    categories, parents, names = taxonomy_facts()
    profile = role_from_job_description(
        text, title=title, sentences=sentences, categories=categories, parents=parents, names=names
    )
    return dataclasses.replace(profile, id=role_id)


@lru_cache(maxsize=1)
def taxonomy_facts() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(categories, parents, names) of every skill, for partial credit and readable gaps."""
    return skill_facts(read_artifact())


def role_to_record(profile: RoleProfile) -> dict:
    """What the store keeps for a user's role: the full profile and the public view."""
    return {"profile": dataclasses.asdict(profile), "view": profile.to_dict()}


def role_from_record(record: dict) -> RoleProfile:
    fields = dict(record["profile"])
    fields["expected_years"] = tuple(fields["expected_years"])
    fields["requirements"] = tuple(Requirement.from_dict(r) for r in fields.get("requirements", ()))
    return RoleProfile(**fields)


def build_requested_role(store: Store, request_id: str, owner: str) -> RoleReply | None:
    """Build the owner's role from a pending job description, save it and answer the waiting request.

    The same text gives the one role: a role the owner already made from it is the answer. None
    when the description is gone (taken by an earlier delivery, dropped by the web tier, expired).
    """
    requests = RoleRequests(store)
    request = requests.take(request_id, owner)
    if request is None:
        return None
    tenants = Tenants(store)
    existing = tenants.find_role_by_text(owner, request.digest)
    if existing is not None:
        reply = RoleReply(role_id=existing, created=False)
    else:
        profile = build_role_profile(request.text, title=request.title, role_id=f"jd-{new_id()[:12]}")
        tenants.save_role(profile.id, role_to_record(profile), owner=owner, digest=request.digest)
        reply = RoleReply(role_id=profile.id, created=True)
    requests.answer(request_id, reply)
    return reply
