"""The web tier accepts an upload, and has a job description (pasted, or a PDF file) built into a
role, without importing any `worker` module: not the worker's Celery app, spaCy, scikit-learn or
the tagger, and no pdfminer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.worker.pdf_factory import make_pdf, text_lines

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("worker.celery_app", "worker.tasks", "spacy", "sklearn", "pdfminer")
# Never in a web process, whatever it serves: the worker's side of a role build included.
NEVER = ("spacy", "sklearn", "thinc", "worker.celery_app", "worker.tasks", "worker.roles", "taxonomy.tagger")

PROBE = r"""
import io, json, sys
from service import create_app
app = create_app({"REDIS_URL": sys.argv[1], "TESTING": True, "rate_limit_per_minute": 100000})
client = app.test_client()
if sys.argv[2] == "resume":
    text = b"Ada Example\nEXPERIENCE\nData Scientist, Example Co (2019 - 2023)\nSKILLS\nPython, SQL\n"
    response = client.post("/api/v1/resumes", data={"file": (io.BytesIO(text), "cv.txt"), "as_of": "2024-06"},
                           content_type="multipart/form-data")
elif sys.argv[2] == "file":
    with open(sys.argv[4], "rb") as fh:
        data = fh.read()
    response = client.post("/api/v1/roles", data={"file": (io.BytesIO(data), "jd.pdf"), "title": "PDF probe MLE"},
                           headers={"X-API-Key": sys.argv[3]}, content_type="multipart/form-data")
else:
    text = ("We are hiring a machine learning engineer to build ranking models in Python and PyTorch, "
            "ship them with Docker and Kubernetes, and mentor two junior engineers. 3+ years. ")
    response = client.post("/api/v1/roles", json={"text": text, "title": sys.argv[2]},
                           headers={"X-API-Key": sys.argv[3]})
from kombu.transport import redis as kombu_redis
guarded = getattr(kombu_redis.Channel._connparams, "rolefit_guarded", False)
print(json.dumps({"guarded": guarded, "status": response.status_code, "body": response.get_json(),
                  "modules": sorted(sys.modules)}))
"""


def probe(redis_url: str, *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, redis_url, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def loaded(seen: dict, names: tuple[str, ...]) -> list[str]:
    """The modules of `names` (packages with their submodules) the probe had imported."""
    return [m for m in seen["modules"] if any(m == n or m.startswith(n + ".") for n in names)]


def test_upload_in_a_fresh_web_process_imports_no_worker_code(redis_url: str) -> None:
    seen = probe(redis_url, "resume")
    assert seen["status"] == 202, seen["body"]
    assert seen["body"]["status"] == "queued"
    assert [name for name in seen["modules"] if name.startswith(HEAVY)] == []
    assert loaded(seen, NEVER) == []
    assert loaded(seen, ("worker",)) == []  # shared code lives in common/
    assert seen["guarded"] is False  # the worker's kombu patch belongs to the worker process only


def test_a_job_description_is_built_by_a_worker_not_by_the_web_process(
    redis_url: str, api_key: str, worker_process
) -> None:
    seen = probe(redis_url, "Imports probe MLE", api_key)
    assert seen["status"] == 201, seen["body"]
    assert seen["body"]["title"] == "Imports probe MLE"
    assert {"pytorch", "kubernetes"} <= {skill["id"] for skill in seen["body"]["skills"]}
    assert loaded(seen, NEVER) == []
    assert loaded(seen, ("worker",)) == []
    assert seen["guarded"] is False


JD_LINES = [
    "Recommendation Systems Engineer",
    "You will build recommendation models in Python and PyTorch and serve them on Kubernetes.",
    "We ask for 3+ years of experience with Apache Spark and SQL, and you will mentor two engineers.",
]


def test_a_job_description_file_is_read_by_a_worker_not_by_the_web_process(
    redis_url: str, api_key: str, worker_process, tmp_path: Path
) -> None:
    """Before: the web process imported `worker.extract` and pdfminer to read the file in the request."""
    pdf = tmp_path / "jd.pdf"
    pdf.write_bytes(make_pdf(text_lines(JD_LINES)))
    seen = probe(redis_url, "file", api_key, str(pdf))
    assert seen["status"] == 201, seen["body"]
    assert seen["body"]["title"] == "PDF probe MLE"
    assert {"pytorch", "kubernetes", "apache-spark"} <= {skill["id"] for skill in seen["body"]["skills"]}
    assert loaded(seen, ("pdfminer", "docx")) == []
    assert loaded(seen, NEVER) == []
    assert loaded(seen, ("worker",)) == []
    assert seen["guarded"] is False
