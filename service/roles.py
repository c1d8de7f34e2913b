"""Roles the service scores against: the seed ladder and the job descriptions users add."""

from __future__ import annotations

import re
from typing import Any

from service import extensions as ext
from worker.store import new_id


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


def create_role(text: str, *, title: str | None) -> dict[str, Any]:
    """Build a role profile from a job description with the same builder as the seeds, and store it."""
    from worker.roles import build_role_profile, role_to_record

    record = role_to_record(build_role_profile(text, title=title, role_id=f"jd-{new_id()[:12]}"))
    ext.store().save_role(record["view"]["id"], record)
    return record["view"]
