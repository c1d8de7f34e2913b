"""Roles the service scores against: the seed ladder and the job descriptions tenants add.

Seed roles are public. An added role belongs to the key that added it (see `service.tenancy`):
only that key (or an operator) sees, uses, renames or deletes it; the same text added twice by one
key gives the one role; it expires with the retention setting unless an operator pins it.
"""

from __future__ import annotations

import logging
import re
import time
from typing import Any

from common.celery_config import ROLE_QUEUE, TASK_BUILD_ROLE
from common.descriptions import MAX_TITLE_CHARS, text_digest, too_long_message
from common.role_requests import TOO_SHORT, RoleReply, RoleRequest, RoleRequests
from service import extensions as ext
from service.errors import ApiError
from service.tenancy import caller, tenants
from service.uploads import Upload

log = logging.getLogger("rolefit.web")


def seed_roles() -> list[dict[str, Any]]:
    from models.roles import load_roles

    return [role.to_dict() for role in load_roles()]


def seed_ids() -> set[str]:
    return {role["id"] for role in seed_roles()}


def _public(record: dict[str, Any], ttl: int) -> dict[str, Any]:
    """An added role as clients see it: its profile view, whether it is pinned and when it expires."""
    expires = None if ttl < 0 else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + ttl))
    return {**record["view"], "seed": False, "pinned": bool(record.get("pinned")), "expires": expires}


def added_roles() -> list[dict[str, Any]]:
    """The added roles the caller may see (their own; every tenant's for an operator)."""
    who = caller()
    if who.owner is None:
        return []
    store = tenants()
    out = []
    for role_id in store.role_ids(who.scope):
        found = store.role_record(role_id)
        if found and who.can_see(found[0].get("owner")):
            out.append(_public(*found))
    return out


def all_roles() -> list[dict[str, Any]]:
    """Seed roles first (by ladder level), then the roles the caller added."""
    return [*seed_roles(), *added_roles()]


def find_role(role_id: str) -> dict[str, Any] | None:
    """A seed role, or an added role the caller may see; None otherwise (another tenant's is None)."""
    for role in seed_roles():
        if role["id"] == role_id:
            return role
    found = tenants().role_record(role_id)
    if found is None or not caller().can_see(found[0].get("owner")):
        return None
    return _public(*found)


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "role"


def check_description(text: str, title: str | None) -> None:
    """Refuse a job description or title longer than any real one (they are built and shown inline)."""
    if message := too_long_message(text, ext.settings().max_description_chars):
        raise ApiError("too_large", message)
    check_title(title)


def check_title(title: str | None) -> None:
    if title is not None and len(title) > MAX_TITLE_CHARS:
        raise ApiError(
            "bad_request", f"The title is {len(title):,} characters long; the limit is {MAX_TITLE_CHARS}."
        )


def key_owner() -> str:
    """The caller's tenant, who will own the role; 401 without a key."""
    owner = caller().owner
    if owner is None:
        raise ApiError("unauthorized", "Adding a job description needs an API key.", 401)
    return owner


def add_role(text: str, *, title: str | None) -> tuple[dict[str, Any], bool]:
    """The caller's role for this job description: (role, created). The same text gives the same role.

    A worker builds it (spaCy and the taxonomy never load in the web tier); the request waits for
    the answer up to ROLEFIT_ROLE_BUILD_TIMEOUT_S.
    """
    check_description(text, title)  # before anything is stored or sent
    owner = key_owner()
    digest = text_digest(text)
    existing = tenants().find_role_by_text(owner, digest)
    if existing is not None:
        found = tenants().role_record(existing)
        if found is not None:
            return _public(*found), False
    requests = RoleRequests(ext.store())
    request = requests.put(owner=owner, text=text, title=title, digest=digest)
    return role_of(built_by_a_worker(requests, request, ext.settings().role_build_timeout_s))


def add_role_from_file(
    upload: Upload, *, title: str | None, too_short_message: str
) -> tuple[dict[str, Any], bool]:
    """The caller's role for a job-description file (PDF, DOCX, text): (role, created).

    The web tier has checked only its size and type (`service.uploads`). A worker reads it under a
    resume upload's budgets (size, pages, PDF operators and decoded bytes, DOCX parts) and
    ROLEFIT_ROLE_EXTRACT_TIMEOUT_S, then builds the role; the request waits up to that deadline
    plus ROLEFIT_ROLE_BUILD_TIMEOUT_S. A file the worker cannot read fails with the file's error
    code; one that holds too little text with `too_short_message`, the caller's words for it (400).
    """
    check_title(title)
    owner = key_owner()
    settings = ext.settings()
    deadline_s = min(settings.extract_timeout_s, settings.role_extract_timeout_s)
    requests = RoleRequests(ext.store())
    request = requests.put_file(
        owner=owner, data=upload.data, file_name=upload.name, title=title, extract_timeout_s=deadline_s
    )
    reply = built_by_a_worker(requests, request, deadline_s + settings.role_build_timeout_s)
    if reply.code == TOO_SHORT:
        raise ApiError("bad_request", too_short_message)
    return role_of(reply)


def role_of(reply: RoleReply) -> tuple[dict[str, Any], bool]:
    """The role a worker answered with, as the caller sees it: (role, created); a refusal (a bad
    file, a text too long) is raised with its code and message, as the web tier raised it before."""
    if reply.code:
        raise ApiError(reply.code, reply.message)
    found = tenants().role_record(reply.role_id)
    if found is None:  # deleted in the instant between the build and this read
        raise ApiError("not_found", "The role was deleted as soon as it was built; add it again.")
    return _public(*found), reply.created


def built_by_a_worker(requests: RoleRequests, request: RoleRequest, timeout_s: float) -> RoleReply:
    """Send a stored description to a worker and wait for its answer; 503 when no worker answers
    within `timeout_s`."""
    owner = request.owner
    try:
        ext.celery().send_task(TASK_BUILD_ROLE, args=[request.id, owner], queue=ROLE_QUEUE)
    except Exception as error:  # noqa: BLE001 (kombu wraps transport errors in its own types)
        log.warning("role request not sent", extra={"stage": "enqueue", "error": type(error).__name__})
        requests.drop(request.id, owner)
        raise ApiError(
            "unavailable", "The job queue is unreachable; try again in a few seconds.", 503
        ) from None
    reply = requests.wait(request.id, timeout_s)
    if reply is None:
        requests.drop(request.id, owner)
        log.warning("no worker built the role in time", extra={"stage": "timeout", "job": request.id})
        raise ApiError(
            "unavailable",
            f"No worker built the role within {timeout_s:g} s: the workers are stopped or busy. "
            "Try again in a minute.",
            503,
            {"Retry-After": "60"},
        )
    return reply


def create_role(text: str, *, title: str | None) -> dict[str, Any]:
    """Build (or find) the caller's role profile for a job description with the seeds' builder."""
    return add_role(text, title=title)[0]


def owned_role(role_id: str) -> dict[str, Any]:
    """An added role the caller may change; 404 for a seed role's change, unknown or another tenant's."""
    if role_id in seed_ids():
        raise ApiError("forbidden", "The ladder's seed roles cannot be renamed or deleted.", 403)
    role = find_role(role_id)
    if role is None:
        raise ApiError("not_found", f"There is no role with id {role_id!r}.")
    return role


def rename_role(role_id: str, title: str) -> dict[str, Any]:
    title = " ".join(title.split())
    if not 1 <= len(title) <= MAX_TITLE_CHARS:
        raise ApiError("bad_request", f"`title` must be 1 to {MAX_TITLE_CHARS} characters.")
    owned_role(role_id)
    tenants().update_role(role_id, title=title)
    return find_role(role_id) or {}


def pin_role(role_id: str, pinned: bool) -> dict[str, Any]:
    """Keep a role past the retention (operators only), or let it expire again."""
    if not caller().operator:
        raise ApiError(
            "forbidden", "Only an operator key can pin a role (rolefit keys create NAME --operator).", 403
        )
    owned_role(role_id)
    tenants().update_role(role_id, pinned=pinned)
    return find_role(role_id) or {}


def delete_role(role_id: str) -> None:
    owned_role(role_id)
    tenants().delete_role(role_id)
