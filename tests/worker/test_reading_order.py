"""Reading order on the two-column and table resumes, checked against their source content."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from worker.extract import extract

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import reading_order

REPO = Path(__file__).resolve().parents[2]
EVAL = REPO.parent / "shared" / "eval"
SOURCES = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((EVAL / "src").glob("d*.json"))]
LAYOUTS = [s for s in SOURCES if s["format"] == "pdf" and s.get("layout", "single") != "single"]


def _pdf_path(src: dict) -> Path:
    return EVAL / "resumes" / f"{src['id']}-{src['slug']}.pdf"


@pytest.mark.parametrize("src", LAYOUTS, ids=[s["id"] for s in LAYOUTS])
def test_no_line_mixes_columns_and_sections_stay_contiguous(src: dict) -> None:
    text = extract(_pdf_path(src).read_bytes()).text
    mixed, seen, splits = reading_order.score(text, src)
    assert seen > 10
    assert mixed == 0, "a line mixes columns or is garbled"
    assert splits == 0, "a section is split"
    flat = reading_order._norm(text)
    assert all(reading_order._norm(section["heading"]) in flat for section in src["sections"])


@pytest.mark.parametrize("src", LAYOUTS, ids=[s["id"] for s in LAYOUTS])
def test_wrapped_bullets_come_back_whole(src: dict) -> None:
    text = reading_order._norm(extract(_pdf_path(src).read_bytes()).text)
    bullets = [b for s in src["sections"] for item in s.get("items", []) for b in item.get("bullets", [])]
    whole = sum(1 for b in bullets if reading_order._norm(b) in text)
    assert whole >= 0.9 * len(bullets)
