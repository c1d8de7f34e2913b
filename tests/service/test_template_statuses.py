"""Templates name job and batch statuses by the words of `models.vocab` (Jinja globals set once in the
app factory), never by quoted literals; the report page says each status (real Redis)."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import meta

import service
from models import vocab
from models.vocab import FAILED, PROCESSING
from service import STATUS_NAMES

TEMPLATES = Path(service.__file__).parent / "templates"
JINJA = re.compile(r"{%.*?%}|{{.*?}}", re.DOTALL)
QUOTED = re.compile(r"""['"](\w+)['"]""")
STATUS_WORDS = set(vocab.JOB_STATUSES) | set(vocab.BATCH_STATUSES)


def test_the_status_names_are_the_vocabulary(app) -> None:
    assert set(STATUS_NAMES.values()) == STATUS_WORDS
    for name, word in STATUS_NAMES.items():
        assert getattr(vocab, name) == word
        assert app.jinja_env.globals[name] == word


def test_no_template_quotes_a_status_word() -> None:
    scanned = 0
    for path in sorted(TEMPLATES.rglob("*.html")):
        for block in JINJA.findall(path.read_text(encoding="utf-8")):
            scanned += 1
            assert not STATUS_WORDS & set(QUOTED.findall(block)), (path.name, block)
    assert scanned > 100  # the scan reads the templates' Jinja


def test_every_upper_case_name_a_template_reads_is_a_global(app) -> None:
    """A misspelt name (`FIALED`) would be Undefined in Jinja and compare unequal without a sound."""
    env = app.jinja_env
    bare = env.overlay()  # the app's filters, and no globals: every name a template reads shows
    bare.globals = {}
    used: set[str] = set()
    for name in env.list_templates(extensions=["html"]):
        source = env.loader.get_source(env, name)[0]
        used |= {v for v in meta.find_undeclared_variables(bare.parse(source)) if v.isupper()}
    assert {"QUEUED", "PROCESSING", "FAILED", "DONE"} <= used
    assert used <= set(env.globals)


def test_the_report_page_says_each_status(app, client) -> None:
    from service import extensions as ext

    with app.app_context():
        store = ext.store()
        job_id = store.create_job(b"Ada Example\nPython\n", name="cv.txt", file_type="txt", sha256="0" * 64)
    page = client.get(f"/reports/{job_id}").get_data(as_text=True)
    assert "Waiting for a worker" in page and "<title>Analysing" in page
    with app.app_context():
        store.transition(job_id, PROCESSING)
    page = client.get(f"/reports/{job_id}").get_data(as_text=True)
    assert "Reading the file and scoring it" in page and "Waiting for a worker" not in page
    with app.app_context():
        store.fail(job_id, "corrupt", "The file is damaged.")
        assert store.get_job(job_id).status == FAILED
    page = client.get(f"/reports/{job_id}").get_data(as_text=True)
    assert "<title>Could not read the file" in page and "The file is damaged." in page
    assert "Analysing" not in page
