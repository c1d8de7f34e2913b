"""Role profiles: the five seed roles of the ladder, and roles built from users' job descriptions.

Requirements come from one builder (`models/profile.py`) over the sentences the taxonomy build
keeps of each document (the artifact's `role_documents[seed]`, or `document_sentences` for a new
description). The reviewed manifest (`models/data/roles_manifest.json`) says which part of a seed
document a role is (the Senior/Staff role is the senior part of seed 001), corrects what mining
gets wrong (importance, drops, additions) and gives level, years, education and leadership,
because text mining reads salary bands and other levels' years as requirements.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from models.profile import Requirement, apply_corrections, build_requirements, importance_of, select_part
from models.requirements import degree_required, infer_level, years_required
from models.vocab import LEVEL_YEARS

MANIFEST = Path(__file__).parent / "data" / "roles_manifest.json"

# Leadership and scope a role expects (0..1), by ladder level, for roles with no manifest entry.
LEVEL_LEADERSHIP = {1: 0.0, 2: 0.1, 3: 0.3, 4: 0.6, 5: 0.9}


@dataclass(frozen=True)
class RoleProfile:
    """One role: where it sits on the ladder, what it expects, and its weighted skills."""

    id: str
    title: str
    level: int
    seed: str | None
    expected_years: tuple[float, float | None]
    education: str  # none|bachelor|master|phd: the degree expected
    leadership: float  # 0..1: leadership and scope expected
    skills: dict[str, float]  # skill id -> weight 0..1
    categories: dict[str, str]  # skill id -> category (for partial credit)
    parents: dict[str, str] = field(default_factory=dict)  # skill id -> parent skill id
    names: dict[str, str] = field(default_factory=dict)  # skill id -> display name
    notes: str = ""
    # What the role asks for, heaviest first; empty for a profile built from bare weights, where
    # every weighted skill is a requirement of its own (see `effective_requirements`).
    requirements: tuple[Requirement, ...] = ()

    def effective_requirements(self) -> tuple[Requirement, ...]:
        """The requirements the scorer uses: the profile's own, else one per weighted skill."""
        if self.requirements:
            return self.requirements
        ordered = sorted(self.skills.items(), key=lambda kv: (-kv[1], kv[0]))
        return tuple(
            Requirement(
                id=sid,
                label=self.names.get(sid, sid),
                skills=(sid,),
                importance=importance_of(w),
                weight=w,
                source="",
                section="",
            )
            for sid, w in ordered
        )

    @cached_property
    def ranked_requirements(self) -> tuple[Requirement, ...]:
        """The effective requirements heaviest first (ties by id): the order the scorer credits them in."""
        return tuple(sorted(self.effective_requirements(), key=lambda r: (-r.weight, r.id)))

    def to_dict(self) -> dict[str, Any]:
        """The role as `GET /api/v1/roles/{id}` shows it: requirements and skills heaviest first."""
        ordered = sorted(self.skills.items(), key=lambda kv: (-kv[1], kv[0]))
        return {
            "id": self.id,
            "title": self.title,
            "level": self.level,
            "seed": self.seed,
            "expected_years": {"min": self.expected_years[0], "max": self.expected_years[1]},
            "education": self.education,
            "leadership": self.leadership,
            "skills": [
                {
                    "id": sid,
                    "name": self.names.get(sid, sid),
                    "category": self.categories.get(sid),
                    "weight": round(w, 4),
                }
                for sid, w in ordered
            ],
            "requirements": [r.to_dict(self.names) for r in self.effective_requirements()],
            "notes": self.notes,
        }


def _artifact_path() -> Path | None:
    """Where the taxonomy artifact lives, found without importing the taxonomy package."""
    spec = importlib.util.find_spec("taxonomy")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "taxonomy.json"
    return path if path.exists() else None


def skill_facts(artifact: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(categories, parents, names) of every skill in a taxonomy artifact."""
    raw = artifact.get("skills", {})
    entries = [{"id": sid, **entry} for sid, entry in raw.items()] if isinstance(raw, Mapping) else raw
    categories: dict[str, str] = {}
    parents: dict[str, str] = {}
    names: dict[str, str] = {}
    for entry in entries:
        sid = entry["id"]
        categories[sid] = entry.get("category") or ""
        if entry.get("parent"):
            parents[sid] = entry["parent"]
        names[sid] = entry.get("name") or sid
    return categories, parents, names


def skills_of(requirements: Sequence[Requirement]) -> dict[str, float]:
    """Skill id -> the weight of the heaviest requirement it satisfies."""
    weights: dict[str, float] = {}
    for req in requirements:
        for sid in req.skills:
            weights[sid] = max(weights.get(sid, 0.0), req.weight)
    return weights


def _seed_requirements(
    entry: Mapping[str, Any],
    artifact: Mapping[str, Any],
    built: Mapping[str, tuple[Requirement, ...]],
    categories: Mapping[str, str],
    names: Mapping[str, str],
) -> tuple[Requirement, ...]:
    documents: Mapping[str, Any] = artifact.get("role_documents", {})
    document = documents.get(entry["seed"])
    if document is None:  # an artifact built before requirements: every weighted skill stands alone
        weights = {
            sid: float(w) for sid, w in artifact.get("roles", {}).get(entry["seed"], {}).items() if w > 0
        }
        ordered = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
        return tuple(
            Requirement(sid, names.get(sid, sid), (sid,), importance_of(w), w, "", "") for sid, w in ordered
        )
    part = entry.get("part") or {}
    requirements = build_requirements(
        select_part(document, part.get("from"), part.get("to")), categories, names
    )
    inherit = entry.get("inherit")
    if inherit and inherit.get("role") in built:
        own = {r.id for r in requirements}
        floor = float(inherit.get("min_weight", 0.0))
        scale = float(inherit.get("scale", 1.0))
        for req in built[inherit["role"]]:
            if req.id not in own and req.weight >= floor:
                weight = round(req.weight * scale, 4)
                requirements.append(
                    Requirement(
                        req.id,
                        req.label,
                        req.skills,
                        importance_of(weight),
                        weight,
                        req.source,
                        f"{req.section}, carried over from the {inherit['role']} role",
                    )
                )
    requirements = apply_corrections(requirements, entry.get("corrections", {}), names)
    return tuple(requirements)


def _build_seed_roles(artifact: Mapping[str, Any]) -> tuple[RoleProfile, ...]:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    categories, parents, names = skill_facts(artifact)
    built: dict[str, tuple[Requirement, ...]] = {}
    roles = []
    for entry in manifest["roles"]:
        requirements = _seed_requirements(entry, artifact, built, categories, names)
        built[entry["id"]] = requirements
        weights = skills_of(requirements)
        low, high = entry["expected_years"]
        roles.append(
            RoleProfile(
                id=entry["id"],
                title=entry["title"],
                level=int(entry["level"]),
                seed=entry["seed"],
                expected_years=(float(low), None if high is None else float(high)),
                education=entry["education"],
                leadership=float(entry["leadership"]),
                skills=weights,
                categories={sid: categories.get(sid, "") for sid in weights},
                parents={sid: parents[sid] for sid in weights if sid in parents},
                names={sid: names.get(sid, sid) for sid in weights},
                notes=entry.get("notes", ""),
                requirements=requirements,
            )
        )
    return tuple(sorted(roles, key=lambda r: (r.level, r.id)))


@lru_cache(maxsize=1)
def _default_roles() -> tuple[RoleProfile, ...]:
    path = _artifact_path()
    artifact = json.loads(path.read_text(encoding="utf-8")) if path else {}
    return _build_seed_roles(artifact)


def load_roles(taxonomy_artifact: Mapping[str, Any] | None = None) -> list[RoleProfile]:
    """The seed roles (one per ladder step, two at level 2), lowest level first (cached for the shipped artifact)."""
    roles = _default_roles() if taxonomy_artifact is None else _build_seed_roles(taxonomy_artifact)
    return list(roles)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48] or "role"


_TITLE_LINE = re.compile(r"^\s*(?:job\s+)?title\s*:\s*(.+)$", re.IGNORECASE | re.MULTILINE)


def guess_title(text: str) -> str:
    """A description's title: a 'Title:' line, else its first non-empty line (trimmed)."""
    m = _TITLE_LINE.search(text)
    if m:
        return m.group(1).strip()[:120]
    for line in text.splitlines():
        if line.strip():
            return line.strip().lstrip("#").strip()[:120]
    return "Custom role"


def role_from_job_description(
    text: str,
    *,
    title: str | None,
    sentences: Sequence[Sequence[Any]] = (),
    categories: Mapping[str, str],
    parents: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    weights: Mapping[str, float] | None = None,
) -> RoleProfile:
    """A role profile from a job description, by the same builder as the seed roles.

    `sentences` come from the taxonomy's `document_sentences(text)`: requirements are weighed by
    where and how the description states them. (`weights`, the older bare skill weights, are used
    only when no sentences are given.) The years asked for, the degree and the ladder level (title
    words first, else years) are read from the text here. The id is a slug of the title plus a
    short content hash, so the same description always gives the same role.
    """
    title = (title or guess_title(text)).strip()
    years = years_required(text)
    level = infer_level(title, years)
    names = dict(names or {})
    parents = parents or {}
    if sentences:
        requirements = tuple(build_requirements(sentences, categories, names))
    else:
        kept = sorted(
            ((sid, float(w)) for sid, w in (weights or {}).items() if w > 0), key=lambda kv: (-kv[1], kv[0])
        )
        requirements = tuple(
            Requirement(sid, names.get(sid, sid), (sid,), importance_of(w), w, "", "") for sid, w in kept
        )
    kept_weights = skills_of(requirements)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return RoleProfile(
        id=f"{_slug(title)}-{digest}",
        title=title,
        level=level,
        seed=None,
        expected_years=years if years is not None else LEVEL_YEARS[level],
        education=degree_required(text),
        leadership=LEVEL_LEADERSHIP[level],
        skills=kept_weights,
        categories={sid: categories.get(sid, "") for sid in kept_weights},
        parents={sid: parents[sid] for sid in kept_weights if sid in parents},
        names={sid: names.get(sid, sid) for sid in kept_weights},
        notes="Built from a job description."
        + ("" if years else " It states no years; the level's band is used."),
        requirements=requirements,
    )
