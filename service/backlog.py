"""Admission control: no client can take all the queue's capacity.

Each client (an API key, or an address without one) has a share of the queued bytes and jobs; the
anonymous clients together have a smaller shared share on top. The backlog is counted from what is
really waiting: a share lists its job ids with their sizes, and an entry whose upload bytes are gone
(analysed, failed, erased or expired) is dropped on the next admission, so nothing needs to be
decremented and nothing leaks. Past a high-water mark of the server's `maxmemory` every upload waits.
A refusal is a 503 `backlog_full` with a Retry-After, never a silent drop.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass

import redis
from flask import current_app, g, request

from common.store import LEAVE_BACKLOG_FUNCTION, PREFIX, new_id
from service.errors import ApiError
from service.uploads import Upload

RETRY_AFTER_S = 30
# An admitted job's place holds this long for its bytes to be stored; after that a place whose
# bytes are gone (never stored, or expired unprocessed) may be swept.
RESERVE_S = 30
SWEEP_SAMPLE = 8  # places looked at per admission to sweep such leftovers: O(1), never the whole share

# A share is one hash: job id → "size:hold-until", plus the running totals "#bytes" and "#jobs".
# The store takes a job out of its shares the moment its bytes go (analysed, failed, erased:
# common/store.py `_LEAVE_BACKLOG`); admission sweeps a few random places whose bytes expired.
# KEYS: the client's share, then (optional) the anonymous pool. ARGV: upload key prefix, now, hold
# until, TTL, then per share (max bytes, max jobs), then (job id, size) pairs. Returns
# {0, share index, bytes queued, jobs queued} when a share is full, else {1}.
_ADMIT = """
local prefix, now, hold, ttl = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local first = 5 + 2 * #KEYS
local add_bytes, add_jobs = 0, 0
for i = first, #ARGV, 2 do add_bytes = add_bytes + tonumber(ARGV[i + 1]); add_jobs = add_jobs + 1 end
for k = 1, #KEYS do
  local sample = redis.call('HRANDFIELD', KEYS[k], __SAMPLE__, 'WITHVALUES')
  for i = 1, #sample, 2 do
    local id = sample[i]
    local size, untl = string.match(sample[i + 1], '^(%d+):([%d.]+)$')
    if size and redis.call('EXISTS', prefix .. id) == 0 and tonumber(untl) < now then
      if redis.call('HDEL', KEYS[k], id) == 1 then
        redis.call('HINCRBY', KEYS[k], '#bytes', -tonumber(size))
        redis.call('HINCRBY', KEYS[k], '#jobs', -1)
      end
    end
  end
  local bytes = tonumber(redis.call('HGET', KEYS[k], '#bytes') or '0')
  local jobs = tonumber(redis.call('HGET', KEYS[k], '#jobs') or '0')
  local max_bytes, max_jobs = tonumber(ARGV[3 + 2 * k]), tonumber(ARGV[4 + 2 * k])
  if bytes + add_bytes > max_bytes or jobs + add_jobs > max_jobs then return {0, k, bytes, jobs} end
end
for k = 1, #KEYS do
  for i = first, #ARGV, 2 do redis.call('HSET', KEYS[k], ARGV[i], ARGV[i + 1] .. ':' .. hold) end
  redis.call('HINCRBY', KEYS[k], '#bytes', add_bytes)
  redis.call('HINCRBY', KEYS[k], '#jobs', add_jobs)
  redis.call('EXPIRE', KEYS[k], ttl)
end
return {1}
""".replace("__SAMPLE__", str(SWEEP_SAMPLE))


@dataclass(frozen=True)
class Share:
    """One bounded share of the backlog."""

    key: str
    max_bytes: int
    max_jobs: int
    label: str


def address_tag() -> str:
    """The client's address as a share's name: hashed, so job records never hold an address."""
    return hashlib.sha256((request.remote_addr or "unknown").encode()).hexdigest()[:20]


def shares() -> list[Share]:
    """The shares the current request draws on: its key's, or its address's plus the anonymous pool."""
    settings = current_app.config["SETTINGS"]
    digest = getattr(g, "api_key_digest", None)
    if digest:
        return [
            Share(
                f"{PREFIX}:backlog:key:{digest[:32]}",
                settings.max_queued_bytes_per_key,
                settings.max_queued_jobs_per_key,
                "this API key",
            )
        ]
    return [
        Share(
            f"{PREFIX}:backlog:ip:{address_tag()}",
            settings.max_queued_bytes_anonymous,
            settings.max_queued_jobs_anonymous,
            "uploads without an API key from this address",
        ),
        Share(
            f"{PREFIX}:backlog:anonymous",
            settings.max_queued_bytes_anonymous_total,
            settings.max_queued_jobs_anonymous_total,
            "uploads without an API key",
        ),
    ]


_RELEASE = (
    LEAVE_BACKLOG_FUNCTION
    + """
for i = 1, #ARGV do leave_backlog(ARGV[i], table.concat(KEYS, ',')) end
return 1
"""
)


def release(job_ids: list[str]) -> None:
    """Give back places admitted but not used (the file's stored report was reused instead)."""
    if job_ids:
        client: redis.Redis = current_app.extensions["rolefit.store"].redis
        client.eval(_RELEASE, len(shares()), *[s.key for s in shares()], *job_ids)


def share_keys() -> str:
    """The current request's backlog shares, as a job records them (erasure takes the job out of them)."""
    return ",".join(share.key for share in shares())


def admit(uploads: list[Upload]) -> list[str]:
    """Reserve the backlog for these uploads and return a job id for each; 503 when a share is full."""
    if not uploads:
        return []
    client: redis.Redis = current_app.extensions["rolefit.store"].redis
    refuse_when_memory_is_high(client)
    ids = [new_id() for _ in uploads]
    chosen = shares()
    now = time.time()
    args: list[str | int] = [
        f"{PREFIX}:upload:",
        f"{now:.3f}",
        f"{now + RESERVE_S:.3f}",
        current_app.config["SETTINGS"].upload_ttl_s,
    ]
    for share in chosen:
        args += [share.max_bytes, share.max_jobs]
    for job_id, upload in zip(ids, uploads):
        args += [job_id, len(upload.data)]
    script = current_app.extensions.get("rolefit.admit")
    if script is None:
        script = current_app.extensions["rolefit.admit"] = client.register_script(_ADMIT)
    verdict = script(keys=[s.key for s in chosen], args=args)
    if int(verdict[0]) == 1:
        return ids
    share = chosen[int(verdict[1]) - 1]
    raise ApiError(
        "backlog_full",
        f"The queue is full for {share.label}: {int(verdict[3])} file(s) "
        f"({int(verdict[2]) // (1024 * 1024)} MB) are waiting, the share is "
        f"{share.max_jobs} file(s) or {share.max_bytes // (1024 * 1024)} MB. "
        f"Try again in {RETRY_AFTER_S} s.",
        503,
        headers={"Retry-After": str(RETRY_AFTER_S)},
    )


_memory_lock = threading.Lock()
MEMORY_CHECK_S = 1.0


def memory_use(client: redis.Redis) -> tuple[float, float]:
    """(used_memory, maxmemory) of the server, read at most once a second per app."""
    with _memory_lock:
        seen = current_app.extensions.setdefault("rolefit.memory", {"checked": -MEMORY_CHECK_S})
        if time.monotonic() - seen["checked"] >= MEMORY_CHECK_S:
            info = client.info("memory")
            seen.update(
                checked=time.monotonic(),
                used=float(info.get("used_memory", 0)),
                max=float(info.get("maxmemory", 0)),
            )
        return seen["used"], seen["max"]


def refuse_when_memory_is_high(client: redis.Redis) -> None:
    """503 while the server is past the high-water mark of its `maxmemory` (no mark without a maxmemory)."""
    used, limit = memory_use(client)
    high_water = current_app.config["SETTINGS"].backlog_memory_high_water
    if limit and used > high_water * limit:
        raise ApiError(
            "backlog_full",
            f"The queue is full ({used / limit:.0%} of the job store's memory is in "
            f"use); try again in {RETRY_AFTER_S} s.",
            503,
            headers={"Retry-After": str(RETRY_AFTER_S)},
        )
