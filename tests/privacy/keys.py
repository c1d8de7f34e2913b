"""Read every key of a Redis-compatible server, whatever its type, as text to search."""

from __future__ import annotations

import redis


def dump(client: redis.Redis) -> dict[str, str]:
    """Every key and a text rendering of its whole value (strings, hashes, lists, sets, sorted sets, streams)."""
    out = {}
    for raw in client.scan_iter(count=1000):
        key = raw.decode(errors="replace")
        kind = client.type(raw).decode()
        if kind == "string":
            value = [client.get(raw)]
        elif kind == "hash":
            value = [b"%s=%s" % kv for kv in client.hgetall(raw).items()]
        elif kind == "list":
            value = client.lrange(raw, 0, -1)
        elif kind == "set":
            value = list(client.smembers(raw))
        elif kind == "zset":
            value = [m for m, _ in client.zrange(raw, 0, -1, withscores=True)]
        elif kind == "stream":
            value = [repr(e).encode() for e in client.xrange(raw)]
        else:
            value = [kind.encode()]
        out[key] = "\n".join(
            v.decode(errors="replace") if isinstance(v, bytes) else str(v) for v in value if v is not None
        )
    return out
