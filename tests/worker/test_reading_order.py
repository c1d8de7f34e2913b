"""Reading order on the two-column and table resumes, checked against their source content."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from worker.extract import extract

REPO = Path(__file__).resolve().parents[2]
EVAL = REPO.parent / "shared" / "eval"
SOURCES = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((EVAL / "src").glob("d*.json"))]
LAYOUTS = [s for s in SOURCES if s["format"] == "pdf" and s.get("layout", "single") != "single"]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _section_texts(src: dict) -> list[str]:
    out = []
    for section in src["sections"]:
        parts = [section["heading"], section.get("text", "")]
        for item in section.get("items", []):
            parts.append(" — ".join(x for x in (item.get("title"), item.get("org")) if x))
            parts += [item.get("dates", ""), *item.get("bullets", [])]
        out.append(_norm(" ".join(parts)))
    return out


def _pdf_path(src: dict) -> Path:
    return EVAL / "resumes" / f"{src['id']}-{src['slug']}.pdf"


@pytest.mark.parametrize("src", LAYOUTS, ids=[s["id"] for s in LAYOUTS])
def test_no_line_mixes_columns_and_sections_stay_contiguous(src: dict) -> None:
    text = extract(_pdf_path(src).read_bytes()).text
    sections = _section_texts(src)
    header = _norm(
        src["name"]
        + " "
        + " | ".join([src.get("city", ""), src["email"], src["phone"], *src.get("links", [])])
    )
    owners: list[int] = []
    for line in text.split("\n"):
        line = _norm(line.lstrip("•▪– "))
        if not line or line in header or line.endswith("— resume"):
            continue
        found = [i for i, body in enumerate(sections) if line in body]
        assert found, f"line mixes content or is garbled: {line!r}"
        if len(found) == 1:
            owners.append(found[0])
    runs = [owner for i, owner in enumerate(owners) if i == 0 or owners[i - 1] != owner]
    assert len(runs) == len(set(runs)), f"a section is split: {runs}"
    assert set(owners) == set(range(len(sections)))


@pytest.mark.parametrize("src", LAYOUTS, ids=[s["id"] for s in LAYOUTS])
def test_wrapped_bullets_come_back_whole(src: dict) -> None:
    text = _norm(extract(_pdf_path(src).read_bytes()).text)
    bullets = [b for s in src["sections"] for item in s.get("items", []) for b in item.get("bullets", [])]
    whole = sum(1 for b in bullets if _norm(b) in text)
    assert whole >= 0.9 * len(bullets)
