"""The floors of DESIGN.md on /work/shared/eval (labels.json), measured as eval/README.md says."""

from __future__ import annotations

import statistics
import time

import pytest

from tests.taxonomy.eval_text import EVAL_DIR, load_eval
from tests.taxonomy.measure import measure

pytestmark = pytest.mark.skipif(not (EVAL_DIR / "labels.json").exists(), reason="../shared/eval not present")


@pytest.fixture(scope="module")
def figures(tagger):
    tagger.tag("warm up: Python and SQL")
    return measure(tagger, repeat=15)


def test_precision_floor(figures):
    assert figures.precision >= 0.95, figures.false_positives


def test_recall_floor(figures):
    assert figures.recall >= 0.90, figures.misses


def test_no_must_not_tag_or_hidden_skill_is_tagged(figures):
    assert figures.violations == []


# Median CPU ms of the blank tokenizer alone on these texts, on this kind of machine when quiet.
TOKENIZER_REFERENCE_MS = 1.2


def test_median_tagging_time_per_resume(figures, tagger):
    """5 ms median per resume in process CPU time, best of 15 per resume.

    The machine is shared (2 cores, other test suites running), so the floor is scaled by how
    much slower than its quiet reference the plain spaCy tokenizer runs in this same run: a
    ratio within one run, as DESIGN.md asks for noisy machines.
    """
    tokenizer_ms = tokenizer_cpu_ms(tagger)
    allowed = 5.0 * max(1.0, tokenizer_ms / TOKENIZER_REFERENCE_MS)
    assert figures.median_cpu_ms <= allowed, (figures.median_cpu_ms, tokenizer_ms, figures.cpu_ms)


def tokenizer_cpu_ms(tagger, repeat: int = 15) -> float:
    best = []
    for resume in load_eval():
        times = []
        for _ in range(repeat):
            start = time.process_time()
            tagger.nlp.make_doc(resume.text)
            times.append(time.process_time() - start)
        best.append(min(times) * 1000)
    return statistics.median(best)


def test_floors_hold_on_pdf_like_text(tagger):
    """Wrapped lines, bullet glyphs, no section spans: what an extractor may hand over."""
    pdf = measure(tagger, pdf=True, repeat=1)
    assert pdf.violations == []
    assert pdf.precision >= 0.95 and pdf.recall >= 0.90
