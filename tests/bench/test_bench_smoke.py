"""The benchmark script works: its corpus generator and one tiny measurement of each kind.

No timing is asserted here; speed is only measured by `rolefit bench` (bench/run.py).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import corpus
import run as bench_run


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> list:
    return corpus.generate(12, seed=3, out=tmp_path_factory.mktemp("corpus"))


def test_corpus_is_varied_and_readable(small_corpus):
    from worker.extract import extract

    assert len(small_corpus) == 12
    digests = {hashlib.sha256(r.path.read_bytes()).hexdigest() for r in small_corpus}
    assert len(digests) == 12, "every resume is a different file"
    names = set()
    for r in small_corpus:
        text = extract(r.path.read_bytes(), filename=r.path.name).text
        names.add(text.strip().splitlines()[0])
        assert len(text) > 300
    assert len(names) >= 8, "names vary"
    assert {r.file_type for r in small_corpus} >= {"pdf"}
    again = corpus.generate(12, seed=3, out=small_corpus[0].path.parent)  # reused from its manifest
    assert [r.path for r in again] == [r.path for r in small_corpus]


def test_corpus_generator_is_deterministic(tmp_path):
    a = corpus.generate(4, seed=5, out=tmp_path / "a")
    b = corpus.generate(4, seed=5, out=tmp_path / "b")
    assert [r.path.read_bytes() for r in a] == [r.path.read_bytes() for r in b]


def test_upload_pdf_is_about_200_kb_and_a_resume():
    from worker.extract import extract

    data = corpus.upload_pdf()
    assert 190 * 1024 <= len(data) <= 215 * 1024
    extracted = extract(data, filename="upload.pdf")
    assert extracted.file_type == "pdf" and len(extracted.text) > 1000


def test_in_process_measurements(small_corpus, tmp_path):
    pdfs = [r.path for r in small_corpus if r.file_type == "pdf"][:2]
    result = bench_run.extraction_phase(pdfs, rounds=1)
    assert result["files"] == 2 and result["extract_ms"] > 0 and result["extract_text_ms"] > 0
    assert set(result["pipeline_stage_ms"]) >= {"extract", "parse", "tag", "score"}
    order = bench_run.reading_order_phase()
    assert order["files"] >= 1 and set(order["extract"]) == {"mixed", "lines", "splits"}
    memory = bench_run.memory_phase(small_corpus[0].path.parent, 12)
    assert memory["resumes"] == 12 and 20 < memory["rss_end_mb"] < 2000


def test_stack_measurements_and_table(small_corpus, tmp_path):
    files = [r.path for r in small_corpus][:3]
    stack = bench_run.Stack(tmp_path)
    try:
        c1 = bench_run.throughput_phase(stack, files, 1, 120)
        upload = bench_run.upload_phase(stack, corpus.upload_pdf(), rounds=1, per_round=20, limit_s=60)
        batch = bench_run.batch_phase(stack, files, 1, 120)
    finally:
        stack.stop()
    assert c1["resumes"] == 3 and c1["failed"] == 0 and c1["stage_sums_s"]["extract"] > 0
    assert c1["worker_rss_end_mb"] and upload["uploads"] == 20 and upload["errors"] == 0
    assert batch["total"] == 3 and batch["failed"] == 0
    results = {
        "stack_c1": c1,
        "stack_c2": c1,
        "upload": upload,
        "batch_c1": batch,
        "batch_c2": batch,
        "extraction": bench_run.extraction_phase([files[0]], rounds=1)
        if files[0].suffix == ".pdf"
        else bench_run.extraction_phase([r.path for r in small_corpus if r.file_type == "pdf"][:1], 1),
        "reading_order": {
            "files": 0,
            "extract": {"mixed": 0, "splits": 0},
            "extract_text": {"mixed": 0, "splits": 0},
        },
        "memory_inprocess": bench_run._memory_summary([(0, 100.0), (5, 110.0), (10, 110.0)], warm=5),
    }
    table = bench_run.table([vars(f) for f in bench_run.figures(results, {})])
    for figure in ("cost beyond extraction", "two worker processes", "upload p50 / p99", "batch of 3"):
        assert figure in table
