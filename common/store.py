"""Every Redis key the service and the worker touch: uploads, jobs, reports, batches, roles.

Jobs move `queued → processing → done | failed`. Each move is one Lua script, so a batch's
counters change in the same step as its job and progress is O(1) to read and never drifts.
"""

from __future__ import annotations

import json
import secrets
import time
from typing import Any

import redis

from common.job_record import Job
from common.metrics import Metrics
from common.sealing import UploadSealer
from models.report import Report
from models.shortlist import Row, failure_summary
from models.vocab import DONE, FAILED, JOB_ERROR_CODES, JOB_STATUSES, PROCESSING, QUEUED

PREFIX = "rf"
STATUSES = JOB_STATUSES
__all__ = ["PREFIX", "STATUSES", "Job", "Store", "new_id", "with_file_name"]

# KEYS[1] job hash. ARGV: prefix, new status, now, then field/value pairs to set.
# Returns the previous status, or false when the job does not exist. A terminal job stays
# terminal (a redelivered task cannot flip `done` back to `processing`).
_TRANSITION = """
local current = redis.call('HGET', KEYS[1], 'status')
if not current then return false end
local new = ARGV[2]
if current == new then return current end
if (current == 'done' or current == 'failed') then return current end
redis.call('HSET', KEYS[1], 'status', new, 'updated', ARGV[3])
for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
local batch = redis.call('HGET', KEYS[1], 'batch')
if batch and batch ~= '' then
  local bkey = ARGV[1] .. ':batch:' .. batch
  if redis.call('EXISTS', bkey) == 1 then
    redis.call('HINCRBY', bkey, current, -1)
    redis.call('HINCRBY', bkey, new, 1)
  end
end
return current
"""

# Takes a job out of the backlog shares that count it (service/backlog.py), totals included.
LEAVE_BACKLOG_FUNCTION = """
local function leave_backlog(id, shares)
  for share in string.gmatch(shares or '', '[^,]+') do
    local size = string.match(redis.call('HGET', share, id) or '', '^(%d+):')
    if size and redis.call('HDEL', share, id) == 1 then
      redis.call('HINCRBY', share, '#bytes', -tonumber(size))
      redis.call('HINCRBY', share, '#jobs', -1)
    end
  end
end
"""

# KEYS[1] job hash. ARGV: job id. The job's bytes are gone (analysed or failed): it leaves its shares.
_LEAVE_BACKLOG = (
    LEAVE_BACKLOG_FUNCTION
    + """
leave_backlog(ARGV[1], redis.call('HGET', KEYS[1], 'backlog'))
return 1
"""
)

# KEYS[1] job hash. ARGV: prefix, job id. Erases the job, its bytes, its report, its dedupe
# entry and its place in a batch (counters included, and its file name from the batch's duplicates
# and rejected lists). Returns 1 when something was erased.
_ERASE = (
    LEAVE_BACKLOG_FUNCTION
    + """
local job = redis.call('HGETALL', KEYS[1])
local id = ARGV[2]
local p = ARGV[1]
local erased = redis.call('DEL', p .. ':upload:' .. id, p .. ':report:' .. id)
if #job == 0 then return erased > 0 and 1 or 0 end
local f = {}
for i = 1, #job, 2 do f[job[i]] = job[i + 1] end
if f['dedupe'] and f['dedupe'] ~= '' and redis.call('GET', f['dedupe']) == id then
  redis.call('DEL', f['dedupe'])
end
if f['batch'] and f['batch'] ~= '' then
  local bkey = p .. ':batch:' .. f['batch']
  if redis.call('EXISTS', bkey) == 1 then
    redis.call('HINCRBY', bkey, f['status'], -1)
    redis.call('HINCRBY', bkey, 'total', -1)
    -- the file name leaves the batch's lists too: a duplicate of this file, a refused part of that name
    local name = f['name']
    for _, list_field in ipairs({'duplicates', 'rejected'}) do
      local raw = redis.call('HGET', bkey, list_field)
      local ok, rows = pcall(cjson.decode, raw or '[]')
      if name and name ~= '' and ok and type(rows) == 'table' then
        local kept = {}
        for _, row in ipairs(rows) do
          if not (type(row) == 'table' and (row['file'] == name or row['same_as'] == name)) then
            table.insert(kept, row)
          end
        end
        if #kept ~= #rows then redis.call('HSET', bkey, list_field, #kept == 0 and '[]' or cjson.encode(kept)) end
      end
    end
  end
  redis.call('LREM', bkey .. ':jobs', 0, id)
  redis.call('ZREM', bkey .. ':ranked', id)
  redis.call('HDEL', bkey .. ':summaries', id)
end
leave_backlog(id, f['backlog'])
redis.call('DEL', KEYS[1])
return 1
"""
)


# KEYS[1] job hash, KEYS[2] dedupe key. ARGV: job id, TTL. Only while the job exists: an HSET on an
# erased job would bring back a record without a TTL.
_REMEMBER = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[2])
redis.call('HSET', KEYS[1], 'dedupe', KEYS[2])
return 1
"""


def with_file_name(raw_report: bytes, name: str) -> bytes:
    """A stored report (JSON bytes) with `file.name` set to `name`."""
    report = json.loads(raw_report)
    if isinstance(report.get("file"), dict):
        report["file"]["name"] = name
    return json.dumps(report, separators=(",", ":"), sort_keys=True).encode()


def new_id() -> str:
    """A random 128-bit id, URL-safe (22 characters)."""
    return secrets.token_urlsafe(16)


class Store:
    """Typed access to Rolefit's records in a Redis-compatible server."""

    def __init__(
        self,
        client: redis.Redis,
        *,
        upload_ttl_s: int = 86400,
        report_ttl_s: int = 30 * 86400,
        sealer: UploadSealer | None = None,
    ):
        self.redis = client
        self.sealer = sealer  # with one, upload bytes are stored encrypted under a per-job key
        self.upload_ttl_s = upload_ttl_s
        self.report_ttl_s = report_ttl_s
        self._transition = client.register_script(_TRANSITION)
        self._erase = client.register_script(_ERASE)
        self._count_attempt = client.register_script(
            "if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end "
            "return redis.call('HINCRBY', KEYS[1], 'attempts', 1)"
        )
        self._remember = client.register_script(_REMEMBER)
        self._leave_backlog = client.register_script(_LEAVE_BACKLOG)

    @classmethod
    def from_url(cls, url: str, *, sealer: UploadSealer | None = None, **ttls: int) -> Store:
        client = redis.Redis.from_url(
            url, socket_connect_timeout=2, socket_timeout=10, health_check_interval=30
        )
        return cls(client, sealer=sealer, **ttls)

    # keys
    @staticmethod
    def job_key(job_id: str) -> str:
        return f"{PREFIX}:job:{job_id}"

    @staticmethod
    def upload_key(job_id: str) -> str:
        return f"{PREFIX}:upload:{job_id}"

    @staticmethod
    def report_key(job_id: str) -> str:
        return f"{PREFIX}:report:{job_id}"

    @staticmethod
    def batch_key(batch_id: str) -> str:
        return f"{PREFIX}:batch:{batch_id}"

    @staticmethod
    def dedupe_key(scope: str, sha256: str) -> str:
        return f"{PREFIX}:dedupe:{scope}:{sha256}"

    @staticmethod
    def role_key(role_id: str) -> str:
        return f"{PREFIX}:role:{role_id}"

    # jobs
    def create_job(
        self,
        data: bytes,
        *,
        name: str,
        file_type: str,
        sha256: str,
        role: str = "",
        batch: str = "",
        job_id: str | None = None,
        reuse_scope: str = "",
        backlog: str = "",
        as_of: str = "",
    ) -> str:
        """Store the upload bytes and a `queued` job record in one transaction; return the job id.

        `reuse_scope` is where the finished report may serve identical uploads ("": nowhere);
        `backlog` names the backlog shares (comma-separated hash keys) that count this job.
        """
        job_id = job_id or new_id()
        record = Job.queued(
            job_id,
            now=f"{time.time():.3f}",
            name=name,
            type=file_type,
            size=len(data),
            sha256=sha256,
            role=role,
            batch=batch,
            reuse_scope=reuse_scope,
            backlog=backlog,
            as_of=as_of,
        ).to_hash()
        stored = self.sealer.seal(job_id, data) if self.sealer else data
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(self.upload_key(job_id), stored, ex=self.upload_ttl_s)
            pipe.hset(self.job_key(job_id), mapping=record)
            pipe.expire(self.job_key(job_id), self.report_ttl_s)
            pipe.execute()
        return job_id

    def create_job_from_report(
        self, source_id: str, *, name: str, role: str = "", batch: str = ""
    ) -> str | None:
        """A new `done` job that reuses the report of `source_id` (an identical upload); None if gone.

        In a batch, the job's shortlist row is the source's row (built by the worker) under the new
        file name. Every report the worker writes has a row (a report stored by older code has a
        different analysis fingerprint, so no upload finds it); a job finished by hand without one
        is reused without a row.
        """
        report = self.redis.get(self.report_key(source_id))
        raw = self.redis.hgetall(self.job_key(source_id))
        if report is None or not raw:
            return None
        source = Job.from_hash(source_id, raw)
        job = source.reusing(new_id(), now=f"{time.time():.3f}", name=name, role=role, batch=batch)
        report = with_file_name(report, name)  # the new uploader's name only, never the first one's
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(self.report_key(job.id), report, ex=self.report_ttl_s)
            pipe.hset(self.job_key(job.id), mapping=job.to_hash())
            pipe.expire(self.job_key(job.id), self.report_ttl_s)
            if batch and job.row:
                self._put_row(pipe, batch, job.id, job.row)
            pipe.execute()
        return job.id

    def remember_digest(self, scope: str, sha256: str, job_id: str) -> None:
        """Point identical future uploads at `job_id`'s report."""
        key = self.dedupe_key(scope, sha256)
        self._remember(keys=[self.job_key(job_id), key], args=[job_id, self.report_ttl_s])

    def find_digest(self, scope: str, sha256: str) -> str | None:
        value = self.redis.get(self.dedupe_key(scope, sha256))
        return value.decode() if value else None

    def count_attempt(self, job_id: str) -> int:
        """One more delivery of this job to a worker; returns how many there have been."""
        return int(self._count_attempt(keys=[self.job_key(job_id)]))

    def get_job(self, job_id: str) -> Job | None:
        raw = self.redis.hgetall(self.job_key(job_id))
        return Job.from_hash(job_id, raw) if raw else None

    def get_upload(self, job_id: str) -> bytes | None:
        """The upload's bytes (opened when sealed); None once analysed, erased or expired."""
        raw = self.redis.get(self.upload_key(job_id))
        if raw is None or self.sealer is None:
            return raw
        return self.sealer.open(job_id, raw)

    def _destroy_upload_key(self, job_id: str) -> None:
        if self.sealer is not None:
            self.sealer.destroy(job_id)

    def get_report(self, job_id: str) -> Report | None:
        raw = self.redis.get(self.report_key(job_id))
        return json.loads(raw) if raw else None

    def transition(self, job_id: str, status: str, **fields: str) -> str | None:
        """Move a job to `status` (with extra fields); return the previous status, None if unknown."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        args: list[str] = [PREFIX, status, f"{time.time():.3f}"]
        for key, value in fields.items():
            args += [key, value]
        previous = self._transition(keys=[self.job_key(job_id)], args=args)
        return previous.decode() if isinstance(previous, bytes) else previous or None

    def finish(
        self,
        job_id: str,
        report: Report | dict[str, Any],
        *,
        summary: Row | dict[str, Any] | None = None,
        job: Job | None = None,
    ) -> str | None:
        """Write the report (and the candidate's shortlist row), mark the job done, delete the bytes.

        The row is kept on the job (an identical upload in a batch reuses it) and, for a batch
        member, in its batch. One MULTI transaction (the transition script runs inside it); pass
        the `job` already read to save the round trip that reads it again.
        """
        job = job or self.get_job(job_id)
        if job is None:
            return None
        body = json.dumps(report, separators=(",", ":"), sort_keys=True)
        row = json.dumps(summary, sort_keys=True) if summary is not None else None
        job_key = self.job_key(job_id)
        with self.redis.pipeline(transaction=True) as pipe:
            while True:
                # WATCH: a candidate erased (DELETE) while their file was analysed must not have the
                # report and batch row written back; the transaction fails if the record changed.
                pipe.watch(job_key)
                if not pipe.exists(job_key):
                    pipe.reset()
                    return None
                pipe.multi()
                pipe.set(self.report_key(job_id), body, ex=self.report_ttl_s)
                if row is not None:
                    pipe.hset(job_key, "row", row)
                    if job.batch:
                        self._put_row(pipe, job.batch, job_id, row)
                self._leave_backlog(keys=[job_key], args=[job_id], client=pipe)
                self._transition(keys=[job_key], args=[PREFIX, DONE, f"{time.time():.3f}"], client=pipe)
                pipe.delete(self.upload_key(job_id))
                try:
                    previous = pipe.execute()[-2]
                except redis.WatchError:
                    continue  # erased, or another delivery of the task moved it: look again
                break
        self._destroy_upload_key(job_id)
        return previous.decode() if isinstance(previous, bytes) else previous or None

    def fail(self, job_id: str, code: str, message: str) -> str | None:
        """Mark the job failed with a stable code and a human message; delete the upload bytes.

        The one place a job fails, whichever tier or path fails it: the failure is recorded, its
        batch row written and `rolefit_jobs_total{status="failed", code}` counted, once, by the
        call that moved the job to `failed` (a job already done or failed is left as it is).
        Returns the previous status (None for an unknown job).
        """
        if code not in JOB_ERROR_CODES:
            raise ValueError(f"unknown job error code {code!r}")
        previous = self.transition(job_id, FAILED, error_code=code, error_message=message)
        self.redis.delete(self.upload_key(job_id))
        self._destroy_upload_key(job_id)
        self._leave_backlog(keys=[self.job_key(job_id)], args=[job_id])
        if previous not in (QUEUED, PROCESSING):
            return previous
        job = self.get_job(job_id)
        with self.redis.pipeline(transaction=True) as pipe:
            Metrics(pipe).count("jobs", status=FAILED, code=code)
            if job is not None and job.batch:
                row = failure_summary(code, message, file_name=job.name)
                rows = self.batch_key(job.batch) + ":summaries"
                pipe.hset(rows, job_id, json.dumps(row))
                pipe.expire(rows, self.report_ttl_s)  # a batch whose every file fails expires too
            pipe.execute()
        return previous

    def erase(self, job_id: str) -> bool:
        """Erase everything stored about this candidate: record, bytes (and their key), report, dedupe,
        batch entry, and their file name in the batch's duplicates and rejected lists."""
        erased = bool(self._erase(keys=[self.job_key(job_id)], args=[PREFIX, job_id]))
        self._destroy_upload_key(job_id)
        return erased

    # batches
    def create_batch(
        self, *, role: str, total: int, extra: dict[str, str] | None = None, batch_id: str | None = None
    ) -> str:
        batch_id = batch_id or new_id()
        record = {
            "role": role,
            "total": str(total),
            "created": f"{time.time():.3f}",
            **{s: "0" for s in STATUSES},
            **(extra or {}),
        }
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(self.batch_key(batch_id), mapping=record)
            pipe.expire(self.batch_key(batch_id), self.report_ttl_s)
            pipe.execute()
        return batch_id

    def add_to_batch(self, batch_id: str, job_id: str, status: str) -> None:
        """Record a job (already created with `batch=batch_id`) as a member, counting its status."""
        key = self.batch_key(batch_id)
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.rpush(key + ":jobs", job_id)
            pipe.expire(key + ":jobs", self.report_ttl_s)
            pipe.hincrby(key, status, 1)
            pipe.execute()

    def get_batch(self, batch_id: str) -> dict[str, str] | None:
        raw = self.redis.hgetall(self.batch_key(batch_id))
        return {k.decode(): v.decode() for k, v in raw.items()} if raw else None

    def _put_row(self, pipe: redis.client.Pipeline, batch_id: str, job_id: str, row: str) -> None:
        """Queue a done candidate's row (JSON) into its batch: the rows and the ranking by score."""
        key = self.batch_key(batch_id)
        pipe.zadd(key + ":ranked", {job_id: json.loads(row)["score"]})
        pipe.hset(key + ":summaries", job_id, row)
        pipe.expire(key + ":summaries", self.report_ttl_s)  # a batch of reused reports expires too
        pipe.expire(key + ":ranked", self.report_ttl_s)

    def batch_summaries(self, batch_id: str) -> dict[str, Row]:
        """Each finished candidate's row (done or failed), by job id."""
        raw = self.redis.hgetall(self.batch_key(batch_id) + ":summaries")
        return {k.decode(): json.loads(v) for k, v in raw.items()}

    def batch_job_ids(self, batch_id: str) -> list[str]:
        return [v.decode() for v in self.redis.lrange(self.batch_key(batch_id) + ":jobs", 0, -1)]

    def erase_batch(self, batch_id: str) -> bool:
        """Erase a batch and every candidate in it."""
        ids = self.batch_job_ids(batch_id)
        for job_id in ids:
            self.erase(job_id)
        key = self.batch_key(batch_id)
        return bool(self.redis.delete(key, key + ":jobs", key + ":ranked", key + ":summaries"))

    # roles added by users
    def save_role(self, role_id: str, record: dict[str, Any]) -> None:
        """Keep a user's role: `record` holds the full `profile` and its public `view`."""
        self.redis.set(self.role_key(role_id), json.dumps(record, sort_keys=True))
        self.redis.sadd(f"{PREFIX}:roles", role_id)

    def get_role_record(self, role_id: str) -> dict[str, Any] | None:
        raw = self.redis.get(self.role_key(role_id))
        return json.loads(raw) if raw else None

    def get_role(self, role_id: str) -> dict[str, Any] | None:
        record = self.get_role_record(role_id)
        return record["view"] if record else None

    def list_roles(self) -> list[dict[str, Any]]:
        ids = sorted(v.decode() for v in self.redis.smembers(f"{PREFIX}:roles"))
        if not ids:
            return []
        raws = self.redis.mget([self.role_key(i) for i in ids])
        return [json.loads(r)["view"] for r in raws if r]

    def ping(self) -> bool:
        return bool(self.redis.ping())
