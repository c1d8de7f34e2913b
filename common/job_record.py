"""The job record: what the store keeps about one resume besides its report (a Redis hash).

`Job.queued` builds a new record, `Job.from_hash` reads a stored one and `Job.to_hash` writes it:
the one place the hash's field names are spelled in Python (the store's Lua scripts move `status`,
`updated`, the error fields, `dedupe` and `attempts`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from models.vocab import DONE, FAILED, JOB_STATUSES, QUEUED

# Fields written only once something happened (absent from a fresh record).
_OPTIONAL = ("dedupe", "reused", "attempts", "error_code", "error_message", "row")


@dataclass(frozen=True)
class Job:
    """One resume's job. `fields` is the stored hash as read (kept for callers that want it raw)."""

    id: str
    status: str = QUEUED
    created: str = ""  # epoch seconds, as stored
    updated: str = ""
    name: str = ""  # the uploader's file name
    type: str = ""  # the file type read from the content
    size: int = 0
    sha256: str = ""
    role: str = ""  # the role the batch or upload asked for ("" none)
    batch: str = ""
    reuse_scope: str = ""  # where the finished report may serve identical uploads ("" nowhere)
    backlog: str = ""  # the backlog shares counting this job (comma-separated keys)
    as_of: str = ""  # the date "Present" means, given with the upload ("" the file's own)
    dedupe: str | None = None  # the dedupe key pointing at this job's report
    reused: str | None = None  # the job whose report this one reuses
    attempts: int | None = None  # deliveries to a worker
    error_code: str | None = None
    error_message: str | None = None
    row: str | None = None  # the shortlist row (JSON) the worker built for this candidate
    fields: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.status not in JOB_STATUSES:
            raise ValueError(f"unknown job status {self.status!r}")

    @classmethod
    def queued(cls, job_id: str, *, now: str, **values: Any) -> Job:
        """A new record for an upload that waits for a worker."""
        return cls(id=job_id, status=QUEUED, created=now, updated=now, **values)

    @classmethod
    def from_hash(cls, job_id: str, raw: Mapping[bytes, bytes] | Mapping[str, str]) -> Job:
        """The record from the hash as Redis returns it (bytes) or as decoded strings."""
        fields = {_text(k): _text(v) for k, v in raw.items()}
        attempts = fields.get("attempts")
        return cls(
            id=job_id,
            status=fields.get("status", QUEUED),
            created=fields.get("created", ""),
            updated=fields.get("updated", ""),
            name=fields.get("name", ""),
            type=fields.get("type", ""),
            size=int(fields.get("size") or 0),
            sha256=fields.get("sha256", ""),
            role=fields.get("role", ""),
            batch=fields.get("batch", ""),
            reuse_scope=fields.get("reuse_scope", ""),
            backlog=fields.get("backlog", ""),
            as_of=fields.get("as_of", ""),
            dedupe=fields.get("dedupe"),
            reused=fields.get("reused"),
            attempts=int(attempts) if attempts else None,
            error_code=fields.get("error_code"),
            error_message=fields.get("error_message"),
            row=fields.get("row"),
            fields=fields,
        )

    def to_hash(self) -> dict[str, str]:
        """The hash to store: every field, the optional ones only when set."""
        out = {
            "status": self.status,
            "created": self.created,
            "updated": self.updated,
            "name": self.name,
            "type": self.type,
            "size": str(self.size),
            "sha256": self.sha256,
            "role": self.role,
            "batch": self.batch,
            "reuse_scope": self.reuse_scope,
            "backlog": self.backlog,
            "as_of": self.as_of,
        }
        for key in _OPTIONAL:
            value = getattr(self, key)
            if value is not None:
                out[key] = str(value)
        return out

    def reusing(self, job_id: str, *, now: str, name: str, role: str, batch: str) -> Job:
        """A new `done` record for an identical upload that reuses this job's report."""
        return replace(
            self,
            id=job_id,
            status=DONE,
            created=now,
            updated=now,
            name=name,
            role=role,
            batch=batch,
            dedupe="",
            reused=self.id,
            row=self.row and json.dumps({**json.loads(self.row), "file": name}, sort_keys=True),
            fields={},
        )

    @property
    def error(self) -> dict[str, str] | None:
        """`{code, message}` of a failed job, else None."""
        if self.status != FAILED:
            return None
        return {"code": self.error_code or "internal", "message": self.error_message or ""}


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
