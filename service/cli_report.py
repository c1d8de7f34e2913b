"""The human lines `rolefit analyze` prints for one report: level, fits, the chosen role's fit with
what matched and what is missing, skills by category, and the gaps to the next level. Pure code."""

from __future__ import annotations

from models.report import Report, Skill
from models.vocab import DEGREE_WORDS
from service.formatting import category_label, score_text, years_text

DEGREES = DEGREE_WORDS


def _names(items: list[str], limit: int) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" (+{len(items) - limit} more)" if len(items) > limit else "") if items else "none"


def human_summary(
    label: str, report: Report, *, chosen: str | None = None, skills_per_category: int = 8
) -> str:
    """A few readable lines about one report; `chosen` is the role picked with --role (its fit first)."""
    cand = report["candidate"]
    fits = sorted(report["fits"], key=lambda f: -f["score"])
    best = next((f for f in fits if f["role"] == report["best_fit"]), None)
    degree = DEGREES.get(cand["highest_degree"] or "none", cand["highest_degree"])
    best_text = f"{best['title']} ({score_text(best['score'])})" if best else "none"
    years = years_text(cand["years_experience"])
    lines = [
        f"{label}: ladder level {report['ladder_level'] or '–'}, best fit {best_text}",
        f"  {years} years of experience, {degree}, {len(report['skills'])} skills",
    ]
    fit = next((f for f in fits if f["role"] == chosen), None) if chosen else None
    if fit is not None:
        lines += [
            f"  Fit for {fit['title']} (level {fit['level']}): {score_text(fit['score'])}",
            f"    matched: {_names(fit['matched'], 12)}",
            f"    missing: {_names(fit['missing'], 12)}",
        ]
    lines.append("  Fits:")
    lines += [
        f"    {score_text(f['score']):>5}  {f['title']} (level {f['level']})"
        + ("  <- chosen" if f["role"] == chosen else "")
        for f in fits
    ]
    by_category: dict[str, list[Skill]] = {}
    for skill in sorted(report["skills"], key=lambda s: (-s["mentions"], s["name"])):
        by_category.setdefault(category_label(skill["category"]), []).append(skill)
    if by_category:
        lines.append("  Skills:")
        lines += [
            f"    {category}: {_names([s['name'] for s in skills], skills_per_category)}"
            for category, skills in sorted(by_category.items())
        ]
    next_level = report["next_level"]
    if next_level["level"]:
        lines.append(f"  Gaps to level {next_level['level']}:")
        lines += [f"    - {gap}" for gap in next_level["gaps"]] or ["    - none found"]
    lines += [f"  warning: {w['message']}" for w in report["warnings"]]
    return "\n".join(lines)
