"""The human lines `rolefit analyze` prints for one report: level, fits, the chosen role's fit with
what matched and what is missing, skills by category, and the gaps to the next level. Pure code."""

from __future__ import annotations

from typing import Any

from models.vocab import DEGREE_WORDS
from service.formatting import category_label, score_text, years_text

DEGREES = DEGREE_WORDS


def _names(items: list[str], limit: int) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" (+{len(items) - limit} more)" if len(items) > limit else "") if items else "none"


def human_summary(
    label: str, report: dict[str, Any], *, chosen: str | None = None, skills_per_category: int = 8
) -> str:
    """A few readable lines about one report; `chosen` is the role picked with --role (its fit first)."""
    cand = report.get("candidate") or {}
    fits = sorted(report.get("fits", []), key=lambda f: -f["score"])
    best = next((f for f in fits if f["role"] == report.get("best_fit")), None)
    degree = DEGREES.get(cand.get("highest_degree") or "none", cand.get("highest_degree"))
    best_text = f"{best['title']} ({score_text(best['score'])})" if best else "none"
    years = years_text(cand.get("years_experience"))
    lines = [
        f"{label}: ladder level {report.get('ladder_level') or '–'}, best fit {best_text}",
        f"  {years} years of experience, {degree}, {len(report.get('skills', []))} skills",
    ]
    fit = next((f for f in fits if f["role"] == chosen), None) if chosen else None
    if fit is not None:
        lines += [
            f"  Fit for {fit['title']} (level {fit['level']}): {score_text(fit['score'])}",
            f"    matched: {_names(list(fit.get('matched', [])), 12)}",
            f"    missing: {_names(list(fit.get('missing', [])), 12)}",
        ]
    lines.append("  Fits:")
    lines += [
        f"    {score_text(f['score']):>5}  {f['title']} (level {f['level']})"
        + ("  <- chosen" if f["role"] == chosen else "")
        for f in fits
    ]
    by_category: dict[str, list[dict[str, Any]]] = {}
    for skill in sorted(
        report.get("skills", []), key=lambda s: (-int(s.get("mentions") or 0), s.get("name", ""))
    ):
        by_category.setdefault(category_label(skill.get("category")), []).append(skill)
    if by_category:
        lines.append("  Skills:")
        lines += [
            f"    {category}: {_names([s['name'] for s in skills], skills_per_category)}"
            for category, skills in sorted(by_category.items())
        ]
    next_level = report.get("next_level") or {}
    if next_level.get("level"):
        lines.append(f"  Gaps to level {next_level['level']}:")
        lines += [f"    - {gap}" for gap in next_level.get("gaps", [])] or ["    - none found"]
    lines += [f"  warning: {w.get('message', '')}" for w in report.get("warnings", [])]
    return "\n".join(lines)
