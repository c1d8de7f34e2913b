"""Roles the service scores against: the seed ladder and the job descriptions users add."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from service import extensions as ext
from service.errors import ApiError
from service.uploads import Upload
from worker.store import new_id

MAX_TITLE_CHARS = 120


def seed_roles() -> list[dict[str, Any]]:
    from models.roles import load_roles

    return [role.to_dict() for role in load_roles()]


def all_roles() -> list[dict[str, Any]]:
    """Seed roles first (by ladder level), then roles users added."""
    return [*seed_roles(), *ext.store().list_roles()]


def find_role(role_id: str) -> dict[str, Any] | None:
    for role in seed_roles():
        if role["id"] == role_id:
            return role
    return ext.store().get_role(role_id)


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "role"


def check_description(text: str, title: str | None) -> None:
    """Refuse a job description or title longer than any real one (they are built and shown inline)."""
    limit = ext.settings().max_description_chars
    if len(text) > limit:
        raise ApiError("too_large", f"The job description holds {len(text):,} characters; the limit is "
                                    f"{limit:,}. Send the description itself, not a whole document collection.")
    if title is not None and len(title) > MAX_TITLE_CHARS:
        raise ApiError("bad_request", f"The title is {len(title):,} characters long; the limit is {MAX_TITLE_CHARS}.")


def description_from_file(upload: Upload) -> str:
    """The text of a job-description file, read under the same budgets as a resume upload (size,
    pages, PDF operators and decoded bytes, DOCX parts) and a deadline short enough for a request."""
    from worker.errors import ResumeError
    from worker.extract import extract
    from worker.jobs import limits_of

    settings = ext.settings()
    limits = dataclasses.replace(limits_of(settings),
                                 timeout_s=min(settings.extract_timeout_s, settings.role_extract_timeout_s))
    try:
        return extract(upload.data, filename=upload.name, limits=limits).text
    except ResumeError as error:
        raise ApiError(error.code, error.message) from None


def create_role(text: str, *, title: str | None) -> dict[str, Any]:
    """Build a role profile from a job description with the same builder as the seeds, and store it."""
    check_description(text, title)  # before the builder's imports (spaCy, the taxonomy) are paid for
    ext.store().redis.ping()  # and with the store reachable: an outage answers 503 at once, not after the build
    from worker.roles import build_role_profile, role_to_record


    record = role_to_record(build_role_profile(text, title=title, role_id=f"jd-{new_id()[:12]}"))
    ext.store().save_role(record["view"]["id"], record)
    return record["view"]
