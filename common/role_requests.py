"""Job descriptions waiting for a worker to build them into roles, and the worker's answers.

The web tier keeps a description under its owner's key, sends `TASK_BUILD_ROLE` with the ids and
waits, for a bounded time, for the answer the worker pushes to a reply list. Only ids cross the
queue. The description is sealed like an upload (`common.sealing`) and expires with the upload
retention; the worker deletes it (and its key) when it takes it, and so does a web request that
stops waiting.

Keys:
- `rf:roles:pending:{owner}:{request}` the sealed description and title (upload TTL)
- `rf:roles:reply:{request}` a list holding the one answer: a role id, or an error code and message
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass

from common.store import PREFIX, Store, new_id

REPLY_TTL_S = 300  # long past any wait: an answer nobody read goes away by itself


def pending_key(owner: str, request_id: str) -> str:
    return f"{PREFIX}:roles:pending:{owner}:{request_id}"


def reply_key(request_id: str) -> str:
    return f"{PREFIX}:roles:reply:{request_id}"


@dataclass(frozen=True)
class RoleRequest:
    """A job description to build into a role for `owner`; `digest` is its content identity."""

    id: str
    owner: str
    text: str
    title: str | None
    digest: str


@dataclass(frozen=True)
class RoleReply:
    """A worker's answer: the role (and whether it is new), or an error code and message."""

    role_id: str = ""
    created: bool = False
    code: str = ""
    message: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, raw: bytes | str) -> RoleReply:
        return cls(**json.loads(raw))


class RoleRequests:
    """Pending job descriptions and their answers, beside a `Store` (same Redis, same sealer)."""

    def __init__(self, store: Store):
        self.store = store
        self.redis = store.redis

    def put(self, *, owner: str, text: str, title: str | None, digest: str) -> RoleRequest:
        """Keep a description for a worker to build; the request it makes."""
        request = RoleRequest(id=new_id(), owner=owner, text=text, title=title, digest=digest)
        data = json.dumps({"text": text, "title": title, "digest": digest}).encode()
        sealer = self.store.sealer
        stored = sealer.seal(request.id, data) if sealer else data
        self.redis.set(pending_key(owner, request.id), stored, ex=self.store.upload_ttl_s)
        return request

    def take(self, request_id: str, owner: str) -> RoleRequest | None:
        """The description, deleted as it is read (one build however often the task is delivered);
        None when it is gone: taken already, dropped by the web tier, or expired."""
        raw = self.redis.getdel(pending_key(owner, request_id))
        sealer = self.store.sealer
        if raw is not None and sealer is not None:
            raw = sealer.open(request_id, raw)
            sealer.destroy(request_id)
        if raw is None:
            return None
        fields = json.loads(raw)
        return RoleRequest(
            id=request_id, owner=owner, text=fields["text"], title=fields["title"], digest=fields["digest"]
        )

    def drop(self, request_id: str, owner: str) -> None:
        """Forget a description no one will wait for (a worker that takes it later finds nothing)."""
        self.redis.delete(pending_key(owner, request_id))
        if self.store.sealer is not None:
            self.store.sealer.destroy(request_id)

    def answer(self, request_id: str, reply: RoleReply) -> None:
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.rpush(reply_key(request_id), reply.to_json())
            pipe.expire(reply_key(request_id), REPLY_TTL_S)
            pipe.execute()

    def wait(self, request_id: str, timeout_s: float) -> RoleReply | None:
        """The worker's answer, or None after `timeout_s` (in short blocking reads, each well inside
        the client's socket timeout)."""
        deadline = time.monotonic() + timeout_s
        while (left := deadline - time.monotonic()) > 0:
            popped = self.redis.blpop([reply_key(request_id)], timeout=min(1.0, max(left, 0.01)))
            if popped is not None:
                return RoleReply.from_json(popped[1])
        return None
