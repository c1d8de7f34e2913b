"""The floors of DESIGN.md on /work/shared/eval (labels.json), measured as eval/README.md says."""

from __future__ import annotations

import pytest

from tests.taxonomy.measure import measure

# Speed is measured in the benchmark (bench/), not here: these machines are too noisy for timed tests.


@pytest.fixture(scope="module")
def figures(tagger):
    tagger.tag("warm up: Python and SQL")
    return measure(tagger, repeat=1)


def test_precision_floor(figures):
    assert figures.precision >= 0.95, figures.false_positives


def test_recall_floor(figures):
    assert figures.recall >= 0.90, figures.misses


def test_no_must_not_tag_or_hidden_skill_is_tagged(figures):
    assert figures.violations == []


def test_floors_hold_on_pdf_like_text(tagger):
    """Wrapped lines, bullet glyphs, no section spans: what an extractor may hand over."""
    pdf = measure(tagger, pdf=True, repeat=1)
    assert pdf.violations == []
    assert pdf.precision >= 0.95 and pdf.recall >= 0.90
