"""Shortlist filters that answer: skills resolved through the taxonomy, sorts checked, effects counted.

`must=k8s` means Kubernetes (aliases and names resolve to the canonical skill id); an unknown skill
or sort is a 400 naming the nearest skills or the accepted values; and each active filter reports
how many candidates it removed, in the order they apply (score, then each skill, then level).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from models.shortlist import SORT_KEYS, CandidateRow, Query, Row
from models.vocab import DONE
from service.errors import ApiError

ARTIFACT = Path(__file__).resolve().parent.parent / "taxonomy" / "data" / "taxonomy.json"
ORDERS = ("desc", "asc")


@dataclass(frozen=True)
class Vocabulary:
    """Every way of writing a skill (lower-cased) → its canonical id, and each id's display name."""

    ids: dict[str, str]
    names: dict[str, str]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """Read from the built taxonomy artifact (plain JSON: the web tier does not load spaCy)."""
    skills = json.loads(ARTIFACT.read_text(encoding="utf-8"))["skills"]
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    for skill_id, entry in sorted(skills.items()):
        names[skill_id] = entry.get("name") or skill_id
        for form in [
            skill_id,
            entry.get("name") or "",
            *entry.get("aliases", []),
            *entry.get("ambiguous", []),
            *entry.get("list_only", []),
        ]:
            ids.setdefault(form.strip().lower(), skill_id)
    for skill_id, name in names.items():  # a canonical name always wins over another skill's alias
        ids[name.lower()] = skill_id
        ids[skill_id] = skill_id
    return Vocabulary(ids=ids, names=names)


def nearest(word: str, *, limit: int = 5) -> list[str]:
    """Display names of the skills written most like `word`."""
    vocab = vocabulary()
    close = difflib.get_close_matches(word.lower(), list(vocab.ids), n=limit * 3, cutoff=0.6)
    if not close:
        close = [form for form in vocab.ids if word.lower() in form][: limit * 3]
    out: list[str] = []
    for form in close:
        name = vocab.names[vocab.ids[form]]
        if name not in out:
            out.append(name)
    return out[:limit]


def resolve_skills(values: Iterable[str]) -> tuple[str, ...]:
    """Canonical skill ids for what was typed (names, ids or aliases); 400 naming the nearest skills."""
    vocab = vocabulary()
    resolved: list[str] = []
    unknown: dict[str, list[str]] = {}
    for value in values:
        skill_id = vocab.ids.get(" ".join(value.split()).lower())
        if skill_id is None:
            unknown[value] = nearest(value)
        elif skill_id not in resolved:
            resolved.append(skill_id)
    if unknown:
        parts = [
            f"{word!r} (nearest: {', '.join(near)})" if near else f"{word!r} (no skill is written like it)"
            for word, near in unknown.items()
        ]
        raise ApiError(
            "bad_request",
            "Unknown skill in `must`: " + "; ".join(parts) + ".",
            details={"unknown_skills": [{"value": w, "nearest": n} for w, n in unknown.items()]},
        )
    return tuple(resolved)


def check_sort(value: str | None) -> str:
    sort = (value or "score").strip().lower()
    if sort not in SORT_KEYS:
        raise ApiError(
            "bad_request",
            f"`sort` must be one of: {', '.join(SORT_KEYS)} (got {value!r}).",
            details={"accepted": list(SORT_KEYS)},
        )
    return sort


def check_order(value: str | None) -> bool:
    """True for descending."""
    order = (value or "desc").strip().lower()
    if order not in ORDERS:
        raise ApiError(
            "bad_request",
            f"`order` must be one of: {', '.join(ORDERS)} (got {value!r}).",
            details={"accepted": list(ORDERS)},
        )
    return order == "desc"


def skill_name(skill_id: str) -> str:
    return vocabulary().names.get(skill_id, skill_id)


def has_filters(query: Query) -> bool:
    return query.min_score is not None or bool(query.must) or bool(query.levels)


def batch_filter_effects(rows: Callable[[], Mapping[str, Row]], query: Query) -> list[dict[str, Any]]:
    """`filter_effects` of a batch's rows; `rows()` is called only when a filter is active (not on polls)."""
    return filter_effects(rows().values(), query) if has_filters(query) else []


def filter_effects(rows: Iterable[Row], query: Query) -> list[dict[str, Any]]:
    """Each active filter with how many analysed candidates it removed, applied in order."""
    remaining = [cast(CandidateRow, row) for row in rows if row["status"] == DONE]
    steps: list[tuple[str, Any, str, Any]] = []
    if query.min_score is not None:
        low = query.min_score
        steps.append(("min_score", low, f"Score at least {low:g}", lambda r: (r["score"] or 0) >= low))
    for skill in query.must:
        steps.append(
            (
                "must",
                skill,
                f"Must have {skill_name(skill)}",
                lambda r, s=skill: s in r["skills"] or s in r["skill_names"],
            )
        )
    if query.levels:
        levels = set(query.levels)
        steps.append(
            (
                "level",
                sorted(levels),
                "Ladder level " + ", ".join(map(str, sorted(levels))),
                lambda r: r["ladder_level"] in levels,
            )
        )
    effects = []
    for name, value, label, keep in steps:
        kept = [row for row in remaining if keep(row)]
        effects.append(
            {"filter": name, "value": value, "label": label, "removed": len(remaining) - len(kept)}
        )
        remaining = kept
    return effects
