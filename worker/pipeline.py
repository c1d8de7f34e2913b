"""The whole analysis of one resume, in-process: bytes in, a `rolefit.report/1` report out.

The Celery task and `rolefit analyze` both call `analyze`; nothing here touches Redis or Celery.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from common.errors import ResumeError
from models.features import features_from
from models.ladder import placement
from models.report import Report, build_report, file_info
from models.roles import RoleProfile, load_roles
from models.scoring import score_all
from taxonomy.tagger import Tagger, load_tagger, split_kinds
from worker.extract import ExtractedText, Limits, extract
from worker.resume import ParsedResume, ParseTimeout, parse_resume

# Twenty dense pages hold about 100,000 characters. Longer text is no resume, and would only feed
# the parser's and spaCy's costs (spaCy refuses text over 1,000,000 characters outright).
MAX_TEXT_CHARS = 200_000
# Parsing is linear in the text's length (about a second for 200,000 characters of dates); this is
# the bound a pathological text meets, after which the file fails with `timeout`.
PARSE_BUDGET_S = 10.0


@dataclass(frozen=True)
class Analysis:
    """Everything one run produced; `report` is what clients see."""

    report: Report
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
    """Extract, parse, tag and score one file; raises `common.errors.ResumeError` on bad input.

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
        stated_years=parsed.stated_years,
    )
    roles = [*load_roles(), *extra_roles]
    fits = score_all(features, roles)
    placed = placement(features, fits, as_of=parsed.as_of)
    t4 = clock()
    report = build_report(
        file=file_info(data, filename, file_type=extracted.file_type, pages=extracted.pages),
        taxonomy_version=tagger.version,
        parsed=parsed,
        skills=skills,
        competencies=competencies,
        placed=placed,
        fits=fits,
        warnings=[*extracted.warnings, *parsed.warnings],
    )
    timings = {"extract": t1 - t0, "parse": t2 - t1, "tag": t3 - t2, "score": t4 - t3}
    return Analysis(report=report, extracted=extracted, parsed=parsed, timings=timings)
