"""Role profiles built at run time from a user's job description (same builder as the seeds).

Only the worker imports this module (spaCy and the taxonomy): the web tier sends the description,
pasted or as a file, to `build_requested_role` through a task (`common.role_requests`).
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache

from common.descriptions import text_digest, too_long_message, too_short
from common.errors import ResumeError
from common.role_requests import TOO_SHORT, RoleReply, RoleRequest, RoleRequests
from common.settings import Settings
from common.store import Store, new_id
from common.tenants import Tenants
from models.profile import Requirement
from models.roles import RoleProfile, role_from_job_description, skill_facts
from taxonomy.tagger import load_tagger, read_artifact
from taxonomy.weights import document_sentences
from worker.extract import extract
from worker.jobs import limits_of


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


def build_requested_role(
    store: Store, request_id: str, owner: str, settings: Settings | None = None
) -> RoleReply | None:
    """Build the owner's role from a pending job description, save it and answer the waiting request.

    A file is read first, under the upload budgets of `settings` and the request's own deadline;
    what stops it (a bad file, too little or too much text) is the answer. The same text gives the
    one role: a role the owner already made from it is the answer. None when the description is
    gone (taken by an earlier delivery, dropped by the web tier, expired).
    """
    requests = RoleRequests(store)
    request = requests.take(request_id, owner)
    if request is None:
        return None
    reply = role_for(store, request, settings or Settings())
    requests.answer(request_id, reply)
    return reply


def role_for(store: Store, request: RoleRequest, settings: Settings) -> RoleReply:
    """The answer to one request: the owner's role for its text (found or built), or why there is none."""
    text, digest = request.text, request.digest
    if request.is_file:
        try:
            text = description_from_file(request, settings)
        except ResumeError as error:
            return RoleReply(code=error.code, message=error.message)
        if too_short(text):
            return RoleReply(code=TOO_SHORT, message="The file holds less than a job description.")
        if message := too_long_message(text, settings.max_description_chars):
            return RoleReply(code="too_large", message=message)
        digest = text_digest(text)
    tenants = Tenants(store)
    existing = tenants.find_role_by_text(request.owner, digest)
    if existing is not None:
        return RoleReply(role_id=existing, created=False)
    profile = build_role_profile(text, title=request.title, role_id=f"jd-{new_id()[:12]}")
    tenants.save_role(profile.id, role_to_record(profile), owner=request.owner, digest=digest)
    return RoleReply(role_id=profile.id, created=True)


def description_from_file(request: RoleRequest, settings: Settings) -> str:
    """The text of a job-description file, read under a resume upload's budgets (size, pages, PDF
    operators and decoded bytes, DOCX parts) and the deadline the waiting request sent."""
    limits = limits_of(settings)
    if request.extract_timeout_s > 0:
        limits = dataclasses.replace(limits, timeout_s=min(limits.timeout_s, request.extract_timeout_s))
    return extract(request.data, filename=request.file_name, limits=limits).text
