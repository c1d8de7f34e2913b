"""Score extraction and parsing against ../shared/eval/labels.json.

python bench/eval_resume.py [--verbose]
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from common.errors import ResumeError
from worker.extract import extract
from worker.resume import parse_resume

EVAL = ROOT.parent / "shared" / "eval"
TODAY = date(2026, 11, 30)


def main(verbose: bool = False) -> int:
    labels = json.loads((EVAL / "labels.json").read_text(encoding="utf-8"))["items"]
    years_ok = degree_ok = contact_ok = resumes = bad_ok = bad = 0
    for item in labels:
        path = EVAL / item["file"]
        data = path.read_bytes()
        if "expected_error" in item:
            bad += 1
            try:
                extract(data, filename=path.name)
                got = "no error"
            except ResumeError as exc:
                got = exc.code
            bad_ok += got == item["expected_error"]
            if verbose or got != item["expected_error"]:
                print(f"{path.name:40} expected {item['expected_error']:16} got {got}")
            continue
        resumes += 1
        parsed = parse_resume(extract(data, filename=path.name).text, today=TODAY)
        y_ok = abs(parsed.years_experience - item["years_experience"]) <= 1
        d_ok = parsed.education.highest_degree == item["highest_degree"]
        c = parsed.contact
        c_ok = (c.name, c.email, c.phone) == (item["name"], item["email"], item["phone"])
        years_ok += y_ok
        degree_ok += d_ok
        contact_ok += c_ok
        if verbose or not (y_ok and d_ok and c_ok):
            print(
                f"{path.name[:40]:40} years {parsed.years_experience:5} (label {item['years_experience']}) "
                f"degree {parsed.education.highest_degree} (label {item['highest_degree']}) "
                f"contact {'ok' if c_ok else (c.name, c.email, c.phone)}"
            )
            if verbose:
                for p in parsed.positions:
                    print(
                        f"    {p.kind:10} {p.start} {p.end} {p.seniority} {p.people_managed} "
                        f"{p.title!r} / {p.org!r}"
                    )
    print(
        f"years within ±1: {years_ok}/{resumes}; degree: {degree_ok}/{resumes}; "
        f"name+email+phone: {contact_ok}/{resumes}; bad files: {bad_ok}/{bad}"
    )
    return (
        0
        if years_ok >= 0.9 * resumes
        and degree_ok >= 0.9 * resumes
        and contact_ok == resumes
        and bad_ok == bad
        else 1
    )


if __name__ == "__main__":
    raise SystemExit(main("--verbose" in sys.argv))
