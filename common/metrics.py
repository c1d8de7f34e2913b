"""Service metrics kept in Redis, so every web process and every worker adds to the same numbers.

Counters and histogram buckets are Redis hashes updated with HINCRBY(FLOAT); `/metrics` turns them
into Prometheus text with a custom collector. Nothing here records resume content.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

import redis
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily
from prometheus_client.registry import Collector

from common.celery_config import QUEUE, ROLE_QUEUE

KEY = "rf:metrics"
STAGE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
SIZE_BUCKETS = (1, 5, 10, 25, 50, 100, 250, 500, 1000)


def _label_key(labels: Mapping[str, str]) -> str:
    return json.dumps(dict(sorted(labels.items())), separators=(",", ":"))


class Metrics:
    """Writes counters and observations; cheap enough for every request and task.

    Inside `with metrics.batched():` every write is queued and sent in one round trip at the end.
    """

    def __init__(self, client: redis.Redis):
        self.redis = client
        self._pipe: redis.client.Pipeline | None = None

    @contextmanager
    def batched(self) -> Iterator[Metrics]:
        if self._pipe is not None:  # already batching: the outer block sends
            yield self
            return
        with self.redis.pipeline(transaction=False) as pipe:
            self._pipe = pipe
            try:
                yield self
            finally:
                self._pipe = None
            pipe.execute()

    def count(self, name: str, amount: int = 1, **labels: str) -> None:
        target = self._pipe if self._pipe is not None else self.redis
        target.hincrby(f"{KEY}:counter:{name}", _label_key(labels), amount)

    def observe(
        self, name: str, value: float, buckets: Iterable[float] = STAGE_BUCKETS, **labels: str
    ) -> None:
        """One observation into a cumulative histogram (buckets, sum, count) in one round trip."""
        with self.batched():
            pipe = self._pipe
            key = f"{KEY}:hist:{name}"
            label = _label_key(labels)
            for bound in buckets:
                if value <= bound:
                    pipe.hincrby(key, f"{label}|{bound}", 1)
            pipe.hincrby(key, f"{label}|+Inf", 1)
            pipe.hincrbyfloat(key, f"{label}|sum", value)


class RedisCollector(Collector):
    """Prometheus collector reading the shared counters, histograms and queue depth from Redis."""

    def __init__(self, client: redis.Redis, *, queue: str = QUEUE, role_queue: str = ROLE_QUEUE):
        self.redis = client
        self.queue = queue
        self.role_queue = role_queue

    def collect(self) -> Iterator[object]:
        for key in sorted(self.redis.scan_iter(f"{KEY}:counter:*")):
            name = key.decode().rsplit(":", 1)[1]
            values = {k.decode(): int(v) for k, v in self.redis.hgetall(key).items()}
            label_names = sorted({n for k in values for n in json.loads(k)})
            family = CounterMetricFamily(
                f"rolefit_{name}", f"Rolefit {name.replace('_', ' ')}.", labels=label_names
            )
            for labels, value in sorted(values.items()):
                parsed = json.loads(labels)
                family.add_metric([parsed.get(n, "") for n in label_names], value)
            yield family
        for key in sorted(self.redis.scan_iter(f"{KEY}:hist:*")):
            yield self._histogram(key.decode().rsplit(":", 1)[1], self.redis.hgetall(key))
        depth = GaugeMetricFamily("rolefit_queue_depth", "Tasks waiting in the Celery queue.")
        depth.add_metric([], self.redis.llen(self.queue))
        yield depth
        roles = GaugeMetricFamily(
            "rolefit_role_queue_depth", "Job descriptions waiting for a worker to build them."
        )
        roles.add_metric([], self.redis.llen(self.role_queue))
        yield roles

    @staticmethod
    def _histogram(name: str, raw: Mapping[bytes, bytes]) -> HistogramMetricFamily:
        series: dict[str, dict[str, float]] = {}
        for field, value in raw.items():
            labels, _, bound = field.decode().rpartition("|")
            series.setdefault(labels, {})[bound] = float(value)
        label_names = sorted({n for k in series for n in json.loads(k)})
        family = HistogramMetricFamily(
            f"rolefit_{name}", f"Rolefit {name.replace('_', ' ')}.", labels=label_names
        )
        for labels, values in sorted(series.items()):
            bounds = sorted((float(b), b) for b in values if b not in ("sum", "+Inf"))
            buckets = [(b, values[b]) for _, b in bounds] + [("+Inf", values.get("+Inf", 0.0))]
            parsed = json.loads(labels)
            family.add_metric([parsed.get(n, "") for n in label_names], buckets, values.get("sum", 0.0))
        return family
