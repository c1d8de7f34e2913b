"""The real chain for one resume file: extract → parse → tag → features → fits → ladder.

Used by the floor and fairness tests; skips cleanly while the other packages are not there yet.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from models.features import CandidateFeatures, features_from
from models.roles import load_roles
from models.scoring import Fit, place_on_ladder, score_all

SHARED = Path(os.environ.get("ROLEFIT_SHARED", Path(__file__).resolve().parents[3] / "shared"))
EVAL = SHARED / "eval"
TODAY = date(2026, 11, 1)  # the labels count years up to November 2026


@dataclass(frozen=True)
class Outcome:
    features: CandidateFeatures
    fits: list[Fit]
    ladder: int
    best_fit: str | None
    next_level: dict[str, Any]

    @property
    def top(self) -> Fit:
        return max(self.fits, key=lambda f: f.score)


def chain_modules() -> tuple[Any, Any, Any]:
    """(extract, parse_resume, load_tagger): the real chain the worker runs."""
    from taxonomy.tagger import load_tagger
    from worker.extract import extract
    from worker.resume import parse_resume

    return extract, parse_resume, load_tagger


def run_text(text: str) -> Outcome:
    """Parse, tag and score text that has already been extracted."""
    _, parse_resume, load_tagger = chain_modules()
    parsed = parse_resume(text, today=TODAY)
    tagger = load_tagger()
    spans = (
        parsed.section_spans()
        if hasattr(parsed, "section_spans")
        else [(s.name, s.start, s.end) for s in parsed.sections]
    )
    skills = tagger.tag(text, spans)
    features = features_from(parsed, skills, text, today=TODAY)
    fits = score_all(features, load_roles())
    ladder, best, nxt = place_on_ladder(features, fits)
    return Outcome(features, fits, ladder, best, nxt)


def run_file(path: Path) -> Outcome:
    """The whole chain on a file."""
    extract = chain_modules()[0]
    extracted = extract(path.read_bytes(), filename=path.name)
    return run_text(extracted.text)
