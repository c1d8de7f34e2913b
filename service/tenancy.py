"""Tenants apart: who is calling, and whether they may see a batch or a role.

The tenant is the API key (presented in a header or signed in through the browser): its id is
derived from the key's SHA-256 digest, so revoking a key ends access to its work. An operator key
(`rolefit keys create NAME --operator`) sees every tenant's batches and roles and may pin roles.
Anything not visible answers 404, exactly as if it did not exist.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from flask import g

from common.tenants import Tenants
from service import extensions as ext


@dataclass(frozen=True)
class Caller:
    """The tenant of the current request: `owner` is None for an anonymous caller."""

    owner: str | None
    operator: bool = False

    def can_see(self, owner: str | None) -> bool:
        """An operator sees everything; a tenant sees what it owns; anonymous callers see nothing owned."""
        return self.operator or (self.owner is not None and owner == self.owner)

    @property
    def scope(self) -> str | None:
        """The index to list: the owner's, or None (every tenant) for an operator."""
        return None if self.operator else self.owner


def tenant_id(digest: str) -> str:
    """A stable tenant id for a key digest (not the digest itself)."""
    return "t" + hashlib.sha256(f"rolefit-tenant:{digest}".encode()).hexdigest()[:24]


def caller() -> Caller:
    """Who calls, as `service.auth.authenticate` recorded it for this request."""
    digest = getattr(g, "api_key_digest", None)
    if not digest:
        return Caller(owner=None)
    return Caller(owner=tenant_id(digest), operator=bool(getattr(g, "api_key_operator", False)))


def tenants() -> Tenants:
    return Tenants(ext.store())
