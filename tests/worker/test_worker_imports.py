"""The worker's main process (which imports the tasks module) loads no spaCy: each pool process
loads it in its own warm-up (`worker.tasks.warm_up`), so a parent never maps a copy it does not use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = r"""
import json, sys
import worker.celery_app, worker.tasks
print(json.dumps(sorted(sys.modules)))
"""


def test_importing_the_tasks_loads_no_spacy_sklearn_or_tagger() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    modules = json.loads(done.stdout.strip().splitlines()[-1])
    assert "worker.tasks" in modules
    heavy = ("spacy", "sklearn", "thinc", "taxonomy.tagger", "worker.roles")
    assert [m for m in modules if any(m == h or m.startswith(h + ".") for h in heavy)] == []
