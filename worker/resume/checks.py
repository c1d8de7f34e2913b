"""When the work history may have been read wrong: a warning the report, pages and shortlists carry."""

from __future__ import annotations

from worker.resume.dates import RANGE
from worker.resume.experience import NOT_ROLE_SECTIONS
from worker.resume.model import Position, Section

WORK_HISTORY_UNREAD = "work_history_unread"
_REASONS = {
    "no_dated_roles": "no dated role was found although the resume has work dates or an experience section",
    "unsectioned": "most of the text sits outside any recognised section",
    "stated_years_differ": "the dated roles add up to {years} years but the resume states {stated}",
}


def work_history_warnings(
    text: str,
    sections: tuple[Section, ...],
    positions: tuple[Position, ...],
    years: float,
    stated: float | None,
) -> tuple[dict, ...]:
    """At most one `work_history_unread` warning, with the reasons that raised it (`stated`: the
    resume's `stated_years`)."""
    reasons: list[str] = []
    roles = [p for p in positions if p.kind != "education"]
    has_experience = any(s.name in ("experience", "mixed") for s in sections)
    loose = "\n".join(text[s.start : s.end] for s in sections if s.name not in NOT_ROLE_SECTIONS)
    if not roles and (has_experience or _has_two_ranges(loose)):
        reasons.append("no_dated_roles")
    header = sum(s.end - s.start for s in sections if s.name == "header")
    if len(text) > 1500 and header > 0.6 * len(text):
        reasons.append("unsectioned")
    if stated is not None and abs(stated - years) > max(2.0, 0.35 * stated):
        reasons.append("stated_years_differ")
    if not reasons:
        return ()
    details = "; ".join(
        _REASONS[r].format(years=years, stated=f"{stated:g}" if stated else "") for r in reasons
    )
    return (
        {
            "code": WORK_HISTORY_UNREAD,
            "message": f"The work history may be read wrong ({details}): check the years of experience "
            "and the level by hand.",
            "reasons": reasons,
        },
    )


def _has_two_ranges(text: str) -> bool:
    matches = RANGE.finditer(text)
    return next(matches, None) is not None and next(matches, None) is not None
