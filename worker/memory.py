"""Memory limits of a worker pool process: recycling after a task (its Celery options are
`common.celery_config.pool_recycling`), and a hard address-space cap.

Celery's prefork pool offers two recyclers, both applied only *between* tasks:
`worker_max_tasks_per_child` and `worker_max_memory_per_child` (KiB; billiard measures the
process's peak RSS, `ru_maxrss`, when psutil is absent, so a process that ever grew past the cap is
replaced after the task that made it grow). Neither stops a task while it runs, so each pool
process also gets an address-space limit (RLIMIT_AS) once it has warmed up: its own size then plus
a headroom. An allocation past it raises MemoryError in that task (which fails as `too_large`)
instead of taking the machine's memory. The limit is relative because an absolute one would break
start-up: a warmed process already maps about 320 MB (spaCy, thinc, numpy, pdfminer, thread
stacks; scikit-learn is imported only where the taxonomy is built, never in a worker) of which
about 150 MB is resident (VmSize and VmRSS of a pool process after its warm-up, 2026-11-29).
"""

from __future__ import annotations

import resource
from pathlib import Path

MIB = 1024 * 1024


def address_space_bytes() -> int:
    """This process's current virtual size (VmSize), in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def cap_address_space(headroom_mb: int) -> int | None:
    """Limit this process's address space to its current size plus `headroom_mb`; return the limit.

    Does nothing (returns None) when `headroom_mb` is 0 or the size cannot be read (not Linux).
    """
    current = address_space_bytes()
    if headroom_mb <= 0 or not current:
        return None
    limit = current + headroom_mb * MIB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return limit
