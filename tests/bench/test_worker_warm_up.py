"""The spaCy pipeline, the taxonomy and the role profiles are built once per worker process, not per task.

A real Celery worker (two pool processes) runs with a `sitecustomize` that counts, per process id,
every build of the tagger (which loads the taxonomy artifact), of its spaCy pipeline and of the seed
role profiles, and every job it processes. After more tasks than processes, each pool process that
ran a job built each of them exactly once, and the main process built none.
"""

from __future__ import annotations

import collections
import hashlib
import os
import time
from pathlib import Path

from tests.stack import EVAL, ROOT, redis_client, start_worker, wait_for

SITECUSTOMIZE = """
import os

_LOG = os.environ["ROLEFIT_TEST_LOAD_LOG"]


def _record(what):
    with open(_LOG, "a") as f:
        f.write(f"{os.getpid()} {what}\\n")


def _counted(module, name, what):
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        _record(what)
        return original(*args, **kwargs)

    setattr(module, name, wrapper)


import models.roles
import taxonomy.tagger
import worker.jobs

_init = taxonomy.tagger.Tagger.__init__


def _tagger_init(self, *args, **kwargs):
    _record("tagger")
    _init(self, *args, **kwargs)


taxonomy.tagger.Tagger.__init__ = _tagger_init
_counted(taxonomy.tagger, "make_nlp", "spacy_pipeline")
_counted(models.roles, "_build_seed_roles", "roles")
_counted(worker.jobs, "process_job", "task")
"""


def test_spacy_taxonomy_and_roles_load_once_per_worker_process(redis_url, tmp_path: Path):
    from celery import Celery

    from common.store import Store
    from worker.celery_app import TASK_ANALYZE

    url = redis_url.rsplit("/", 1)[0] + "/7"  # a database of its own: no other test worker takes these tasks
    redis_client(url).flushdb()
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = tmp_path / "loads.log"
    log.touch()
    pythonpath = os.pathsep.join([str(hooks), str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    worker = start_worker(
        url, name="warm-up-count", concurrency=2, PYTHONPATH=pythonpath, ROLEFIT_TEST_LOAD_LOG=str(log)
    )
    try:
        store = Store.from_url(url)
        sender = Celery("warm-up-count", broker=url)
        files = sorted((EVAL / "resumes").glob("*.pdf"))[:4] + sorted((EVAL / "resumes").glob("*.txt"))[:1]
        ids = []
        for round_no in range(2):  # ten tasks for two processes
            for path in files:
                data = path.read_bytes() + f"\n%{round_no}\n".encode()
                ids.append(
                    store.create_job(
                        data,
                        name=path.name,
                        file_type=path.suffix[1:],
                        sha256=hashlib.sha256(data).hexdigest(),
                    )
                )
                sender.send_task(TASK_ANALYZE, args=[ids[-1]], queue="rolefit")
        wait_for(lambda: all(store.get_job(i).status in ("done", "failed") for i in ids), 180, "the jobs")
        assert all(store.get_job(i).status == "done" for i in ids)
        time.sleep(0.2)
    finally:
        worker.stop()
    counts: dict[int, collections.Counter] = collections.defaultdict(collections.Counter)
    for line in log.read_text().splitlines():
        pid, what = line.split()
        counts[int(pid)][what] += 1
    workers = {pid: c for pid, c in counts.items() if c["task"]}
    assert sum(c["task"] for c in workers.values()) == len(ids)
    assert len(workers) >= 1
    for pid, c in workers.items():
        assert (c["tagger"], c["spacy_pipeline"], c["roles"]) == (1, 1, 1), (pid, dict(c))
    main = worker.popen.pid
    assert not counts.get(main, collections.Counter())["tagger"], (
        "the main process should not load the tagger"
    )
