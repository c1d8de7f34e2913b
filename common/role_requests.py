"""Job descriptions waiting for a worker to build them into roles, and the worker's answers.

The web tier keeps a description under its owner's key, sends `TASK_BUILD_ROLE` with the ids and
waits, for a bounded time, for the answer the worker pushes to a reply list. Only ids cross the
queue. A description is pasted text, or a file (PDF, DOCX, text) the worker reads under the upload
budgets before it builds the role. Either is sealed like an upload (`common.sealing`) and expires
with the upload retention; the worker deletes it (and its key) when it takes it, and so does a web
request that stops waiting.

Keys:
- `rf:roles:pending:{owner}:{request}` the sealed description: a JSON line (text or file name, title,
  digest, the file's reading deadline), then the file's bytes (upload TTL)
- `rf:roles:reply:{request}` a list holding the one answer: a role id, or an error code and message
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass

from common.store import PREFIX, Store, new_id

REPLY_TTL_S = 300  # long past any wait: an answer nobody read goes away by itself
# A worker's answer for a file that held less than a job description (`common.descriptions`): not a
# code clients see; the web tier words it for the form or the API call that sent the file.
TOO_SHORT = "too_short"


def pending_key(owner: str, request_id: str) -> str:
    return f"{PREFIX}:roles:pending:{owner}:{request_id}"


def reply_key(request_id: str) -> str:
    return f"{PREFIX}:roles:reply:{request_id}"


@dataclass(frozen=True)
class RoleRequest:
    """A job description to build into a role for `owner`: pasted `text` with its content identity
    `digest`, or a file's bytes (`data`, `file_name`) for the worker to read, within
    `extract_timeout_s`, before it knows the text and its digest."""

    id: str
    owner: str
    text: str
    title: str | None
    digest: str
    data: bytes = b""
    file_name: str = ""
    extract_timeout_s: float = 0.0

    @property
    def is_file(self) -> bool:
        return bool(self.data)


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
        """Keep a pasted description for a worker to build; the request it makes."""
        return self._keep(RoleRequest(id=new_id(), owner=owner, text=text, title=title, digest=digest))

    def put_file(
        self, *, owner: str, data: bytes, file_name: str, title: str | None, extract_timeout_s: float
    ) -> RoleRequest:
        """Keep a job-description file for a worker to read and build; the request it makes."""
        request = RoleRequest(
            id=new_id(),
            owner=owner,
            text="",
            title=title,
            digest="",
            data=data,
            file_name=file_name,
            extract_timeout_s=extract_timeout_s,
        )
        return self._keep(request)

    def _keep(self, request: RoleRequest) -> RoleRequest:
        head = {
            "text": request.text,
            "title": request.title,
            "digest": request.digest,
            "file_name": request.file_name,
            "extract_timeout_s": request.extract_timeout_s,
        }
        # json.dumps escapes every newline inside the strings: the first b"\n" ends the JSON line.
        data = json.dumps(head).encode() + b"\n" + request.data
        sealer = self.store.sealer
        stored = sealer.seal(request.id, data) if sealer else data
        self.redis.set(pending_key(request.owner, request.id), stored, ex=self.store.upload_ttl_s)
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
        head, _, data = raw.partition(b"\n")
        fields = json.loads(head)
        return RoleRequest(
            id=request_id,
            owner=owner,
            text=fields["text"],
            title=fields["title"],
            digest=fields["digest"],
            data=data,
            file_name=fields.get("file_name", ""),
            extract_timeout_s=fields.get("extract_timeout_s", 0.0),
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
