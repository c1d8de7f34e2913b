"""Reading order of worker.extract vs pdfminer's extract_text on the eval set's multi-column PDFs.

    python bench/reading_order.py

For each PDF with a non-single layout, every extracted line is looked up in the source JSON:
a line found in no single section mixes columns or is garbled; a section whose lines come in
more than one run is split. Lower is better on both.
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pdfminer.high_level import extract_text

from worker.extract import extract

EVAL = ROOT.parent / "shared" / "eval"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _sections(src: dict) -> list[str]:
    out = []
    for section in src["sections"]:
        parts = [section["heading"], section.get("text", "")]
        for item in section.get("items", []):
            parts.append(" — ".join(x for x in (item.get("title"), item.get("org")) if x))
            parts += [item.get("dates", ""), *item.get("bullets", [])]
        out.append(_norm(" ".join(parts)))
    return out


def score(text: str, src: dict) -> tuple[int, int, int]:
    """(lines in no single section, lines looked at, extra runs of sections)."""
    sections = _sections(src)
    header = _norm(
        src["name"]
        + " "
        + " | ".join([src.get("city", ""), src["email"], src["phone"], *src.get("links", [])])
    )
    mixed = seen = 0
    owners: list[int] = []
    for line in text.split("\n"):
        line = _norm(line.replace("(cid:127)", "").lstrip("•▪– "))
        if not line or line in header or line.endswith("— resume") or re.fullmatch(r"page \d+", line):
            continue
        seen += 1
        found = [i for i, body in enumerate(sections) if line in body]
        if not found:
            mixed += 1
        elif len(found) == 1:
            owners.append(found[0])
    runs = [o for i, o in enumerate(owners) if i == 0 or owners[i - 1] != o]
    return mixed, seen, len(runs) - len(set(runs))


def main() -> int:
    print(
        f"{'file':5} {'layout':28} {'extract_text mixed/lines splits':>32} "
        f"{'extract() mixed/lines splits':>30}"
    )
    for path in sorted((EVAL / "src").glob("d*.json")):
        src = json.loads(path.read_text(encoding="utf-8"))
        if src["format"] != "pdf" or src.get("layout", "single") == "single":
            continue
        data = (EVAL / "resumes" / f"{src['id']}-{src['slug']}.pdf").read_bytes()
        a = score(extract_text(io.BytesIO(data)), src)
        b = score(extract(data).text, src)
        print(
            f"{src['id']:5} {src['layout']:28} {a[0]:>20}/{a[1]:<4} {a[2]:>6} {b[0]:>18}/{b[1]:<4} {b[2]:>6}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
