"""Who owns what: batches and added roles belong to the API key (tenant) that made them.

Kept apart from `common.store` (its own keys, one job): a per-tenant index of batches (newest
first), a global index for operators, and the records of added roles with their owner, the digest
of their text (one role per description per tenant), their pin and their expiry.

Keys:
- `rf:batches:index` sorted set batch id → created (every batch; an operator's list)
- `rf:tenant:{owner}:batches` sorted set batch id → created
  (both indexes expire with the retention after their newest batch, so never before a batch they list)
- `rf:roles:tenant:{owner}` sorted set role id → created (no expiry: pinned roles stay listed)
- `rf:roles:text:{owner}:{sha256}` → role id (deduplication by content)
- `rf:role:{id}` the role record (`common.store.Store.role_key`), now with `owner`, `digest`,
  `pinned`, `created`; it expires with the retention unless pinned.
Indexes are cleaned lazily: an id whose record has expired or was deleted is dropped when read.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

import redis

from common.store import PREFIX, Store

ALL_BATCHES = f"{PREFIX}:batches:index"
ALL_ROLES = f"{PREFIX}:roles"  # the set `Store.save_role` has always kept


def tenant_batches_key(owner: str) -> str:
    return f"{PREFIX}:tenant:{owner}:batches"


def tenant_roles_key(owner: str) -> str:
    return f"{PREFIX}:roles:tenant:{owner}"


def role_text_key(owner: str, digest: str) -> str:
    return f"{PREFIX}:roles:text:{owner}:{digest}"


@dataclass(frozen=True)
class BatchEntry:
    """One line of a batches list: the batch record as stored, with its id."""

    id: str
    record: dict[str, str]


class Tenants:
    """Ownership records beside a `Store` (same Redis, same retention)."""

    def __init__(self, store: Store):
        self.store = store
        self.redis: redis.Redis = store.redis
        self.ttl = store.report_ttl_s

    # batches
    def index_batch(self, batch_id: str, owner: str, created: float | None = None) -> None:
        """List a new batch under its owner (and in the operators' index)."""
        score = created if created is not None else time.time()
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(ALL_BATCHES, {batch_id: score})
            pipe.expire(ALL_BATCHES, self.ttl)
            if owner:
                pipe.zadd(tenant_batches_key(owner), {batch_id: score})
                pipe.expire(tenant_batches_key(owner), self.ttl)
            pipe.execute()

    def batches(self, owner: str | None, *, limit: int = 100) -> list[BatchEntry]:
        """Batches newest first: the owner's, or every tenant's when `owner` is None (operator)."""
        index = ALL_BATCHES if owner is None else tenant_batches_key(owner)
        ids = [v.decode() for v in self.redis.zrevrange(index, 0, max(limit * 2, limit + 20) - 1)]
        out: list[BatchEntry] = []
        stale: list[str] = []
        with self.redis.pipeline(transaction=False) as pipe:
            for batch_id in ids:
                pipe.hgetall(self.store.batch_key(batch_id))
            records = pipe.execute()
        for batch_id, raw in zip(ids, records):
            if not raw:
                stale.append(batch_id)  # expired or deleted
                continue
            if len(out) < limit:
                out.append(BatchEntry(batch_id, {k.decode(): v.decode() for k, v in raw.items()}))
        if stale:
            self.redis.zrem(index, *stale)
            if owner is not None:
                self.redis.zrem(ALL_BATCHES, *stale)
        return out

    # roles
    def find_role_by_text(self, owner: str, digest: str) -> str | None:
        """The id of the role this tenant already made from the same text, while it exists."""
        value = self.redis.get(role_text_key(owner, digest))
        if value is None:
            return None
        role_id = value.decode()
        return role_id if self.redis.exists(self.store.role_key(role_id)) else None

    def save_role(self, role_id: str, record: dict[str, Any], *, owner: str, digest: str) -> dict[str, Any]:
        """Keep a tenant's role (expiring with the retention) and index it; returns the stored record."""
        now = time.time()
        record = {**record, "owner": owner, "digest": digest, "pinned": False, "created": now}
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(self.store.role_key(role_id), json.dumps(record, sort_keys=True), ex=self.ttl)
            pipe.sadd(ALL_ROLES, role_id)
            pipe.zadd(tenant_roles_key(owner), {role_id: now})  # no TTL: pinned roles stay listed
            pipe.set(role_text_key(owner, digest), role_id, ex=self.ttl)
            pipe.execute()
        return record

    def role_record(self, role_id: str) -> tuple[dict[str, Any], int] | None:
        """A role's record and its remaining time to live in seconds (-1: pinned, no expiry)."""
        key = self.store.role_key(role_id)
        with self.redis.pipeline(transaction=False) as pipe:
            pipe.get(key)
            pipe.ttl(key)
            raw, ttl = pipe.execute()
        return (json.loads(raw), int(ttl)) if raw else None

    def role_ids(self, owner: str | None) -> list[str]:
        """A tenant's roles, oldest first; every added role when `owner` is None (operator)."""
        if owner is None:
            ids = sorted(v.decode() for v in self.redis.smembers(ALL_ROLES))
        else:
            ids = [v.decode() for v in self.redis.zrange(tenant_roles_key(owner), 0, -1)]
        if not ids:
            return []
        exists = self.redis.mget([self.store.role_key(i) for i in ids])
        stale = [i for i, raw in zip(ids, exists) if raw is None]
        if stale:
            self.redis.srem(ALL_ROLES, *stale)
            if owner is not None:
                self.redis.zrem(tenant_roles_key(owner), *stale)
        return [i for i, raw in zip(ids, exists) if raw is not None]

    def update_role(
        self, role_id: str, *, title: str | None = None, pinned: bool | None = None
    ) -> dict[str, Any] | None:
        """Rename and/or pin a role (pinned: no expiry; unpinned: the retention again); the new record."""
        key = self.store.role_key(role_id)
        found = self.role_record(role_id)
        if found is None:
            return None
        record, _ttl = found
        if title is not None:
            record["view"]["title"] = title
            record["profile"]["title"] = title
        if pinned is not None:
            record["pinned"] = pinned
        with self.redis.pipeline(transaction=True) as pipe:
            if record.get("pinned"):
                pipe.set(key, json.dumps(record, sort_keys=True))
                owner, digest = record.get("owner"), record.get("digest")
                if owner and digest:
                    pipe.persist(role_text_key(owner, digest))
            else:
                pipe.set(key, json.dumps(record, sort_keys=True), keepttl=pinned is None)
                if pinned is False:
                    pipe.expire(key, self.ttl)
                    if record.get("owner") and record.get("digest"):
                        pipe.expire(role_text_key(record["owner"], record["digest"]), self.ttl)
            pipe.execute()
        return record

    def delete_role(self, role_id: str) -> bool:
        """Delete a role and its index entries."""
        found = self.role_record(role_id)
        if found is None:
            return False
        record, _ttl = found
        owner, digest = record.get("owner"), record.get("digest")
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.delete(self.store.role_key(role_id))
            pipe.srem(ALL_ROLES, role_id)
            if owner:
                pipe.zrem(tenant_roles_key(owner), role_id)
                if digest:
                    pipe.delete(role_text_key(owner, digest))
            pipe.execute()
        return True
