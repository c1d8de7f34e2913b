"""The whole analysis of one resume, in-process: bytes in, a `rolefit.report/1` dict out.

The Celery task and `rolefit analyze` both call `analyze`; nothing here touches Redis or Celery.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import Any

from models.features import features_from
from models.ladder import placement
from models.roles import RoleProfile, load_roles
from models.scoring import score_all
from taxonomy.tagger import Tagger, load_tagger, split_kinds
from worker.errors import ResumeError
from worker.extract import ExtractedText, Limits, extract
from worker.resume import ParsedResume, ParseTimeout, parse_resume
from worker.resume.asof import stated_years

SCHEMA = "rolefit.report/1"
# Twenty dense pages hold about 100,000 characters. Longer text is no resume, and would only feed
# the parser's and spaCy's costs (spaCy refuses text over 1,000,000 characters outright).
MAX_TEXT_CHARS = 200_000
# Parsing is linear in the text's length (about a second for 200,000 characters of dates); this is
# the bound a pathological text meets, after which the file fails with `timeout`.
PARSE_BUDGET_S = 10.0


@dataclass(frozen=True)
class Analysis:
    """Everything one run produced; `report` is what clients see."""

    report: dict[str, Any]
    extracted: ExtractedText
    parsed: ParsedResume
    timings: dict[str, float] = field(default_factory=dict)


def analyze(
    data: bytes,
    filename: str,
    *,
    extra_roles: Sequence[RoleProfile] = (),
    limits: Limits = Limits(),
    today: date | None = None,
    as_of: date | None = None,
    tagger: Tagger | None = None,
    parse_budget_s: float = PARSE_BUDGET_S,
) -> Analysis:
    """Extract, parse, tag and score one file; raises `worker.errors.ResumeError` on bad input.

    Years are counted as of the resume's own date (`as_of` when given; else the file's stamps or the
    dates in its text, never later than `today`)."""
    clock = time.perf_counter
    t0 = clock()
    extracted = extract(data, filename=filename, limits=limits)
    if len(extracted.text) > MAX_TEXT_CHARS:
        raise ResumeError(
            "too_large",
            f"The document holds {len(extracted.text):,} characters of text; a resume "
            f"of up to {MAX_TEXT_CHARS:,} can be analysed.",
        )
    t1 = clock()
    try:
        parsed = parse_resume(
            extracted.text,
            today=today,
            as_of=as_of,
            stamps=extracted.stamps,
            deadline=time.monotonic() + parse_budget_s,
        )
    except ParseTimeout:
        raise ResumeError(
            "timeout",
            "Reading the resume's text took too long; it may hold an unusual amount "
            "of dates or tables. Upload a shorter version.",
        ) from None
    t2 = clock()
    tagger = tagger or load_tagger()
    found = tagger.tag(extracted.text, parsed.section_spans())
    skills, competencies = split_kinds(found)
    t3 = clock()
    # Competencies (mentoring, technical leadership) are evidence of scope for the scorer, never skills.
    features = features_from(
        parsed,
        skills,
        extracted.text,
        today=parsed.as_of,
        competencies=competencies,
        stated_years=stated_years(extracted.text),
    )
    roles = [*load_roles(), *extra_roles]
    fits = score_all(features, roles)
    placed = placement(features, fits, as_of=parsed.as_of)
    t4 = clock()
    contact = parsed.contact
    report = {
        "schema": SCHEMA,
        "file": {
            "name": PurePath(filename).name,
            "type": extracted.file_type,
            "pages": extracted.pages,
            "sha256": hashlib.sha256(data).hexdigest(),
        },
        "taxonomy_version": tagger.version,
        "candidate": {
            "name": contact.name,
            "email": contact.email,
            "phone": contact.phone,
            "links": list(contact.links),
            "years_experience": round(parsed.years_experience, 1),
            "highest_degree": parsed.education.highest_degree,
            "degree_in_progress": parsed.education.in_progress,
            "fields_of_study": list(parsed.education.fields),
            "titles": list(parsed.titles),
            "seniority": parsed.seniority,
            "people_managed": parsed.people_managed,
            "as_of": parsed.as_of.isoformat() if parsed.as_of else None,
            "as_of_source": parsed.as_of_source,
            "research_years": round(parsed.research_years, 1),
        },
        "skills": [s.to_dict() for s in skills],
        "competencies": [c.to_dict() for c in competencies],
        "ladder_level": placed.level,
        "placement": placed.to_dict(),
        "fits": [f.to_dict() for f in fits],
        "best_fit": placed.best_fit,
        "next_level": placed.next_level,
        "warnings": [*extracted.warnings, *parsed.warnings],
    }
    timings = {"extract": t1 - t0, "parse": t2 - t1, "tag": t3 - t2, "score": t4 - t3}
    return Analysis(report=report, extracted=extracted, parsed=parsed, timings=timings)
