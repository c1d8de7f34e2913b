"""Requirements from a role document: what it asks for, how strongly, and the sentence it came from.

One builder for the seed roles and for users' job descriptions. It reads the sentences that name
skills (`taxonomy.weights.document_sentences`: heading, bullet lead-in, sentence, skill ids) and
weighs each skill by *where* and *how* the document states it:

- where: a requirements or skills section counts fully, responsibilities and an overview a little
  less, recommended tools and education about half, career, market, salary and reading-list
  sections hardly (a passing mention), prompts and links not at all;
- how: "essential", "proficiency", "must", "solid" keep the full weight; "familiarity",
  "beneficial", "a plus", "preferred" cut it to 60 %;
- a skill stated in several sentences gains a little: 0.85 × the strongest statement + 0.05 per
  further sentence, at most +0.15.

Rarity never enters: Python in every document stays required. Skills of one family named together
("deep learning frameworks like TensorFlow, PyTorch, Keras", "a cloud platform (AWS, Azure, GCP)")
become one requirement any member satisfies. Importance follows the weight: required ≥ 0.7,
strong plus ≥ 0.5, nice to have below. A reviewed manifest may correct any of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

REQUIRED, STRONG_PLUS, NICE = "required", "strong_plus", "nice_to_have"
IMPORTANCE_WORDS = {REQUIRED: "required", STRONG_PLUS: "strong plus", NICE: "nice to have"}
IMPORTANCE_WEIGHT = {REQUIRED: 0.75, STRONG_PLUS: 0.55, NICE: 0.35}  # a manifest override's weight
REQUIRED_AT, STRONG_AT = 0.7, 0.5
STATED_SHARE = 0.85  # of the weight from the strongest statement; the rest from breadth
MIN_WEIGHT = 0.3  # weaker mentions are not requirements at all
MAX_REQUIREMENTS = 30
BREADTH_STEP, BREADTH_MAX = 0.05, 0.15

# Where a sentence stands, by its heading; the first pattern that matches decides.
_WHERE: tuple[tuple[float, re.Pattern[str]], ...] = tuple(
    (w, re.compile(p, re.IGNORECASE))
    for w, p in (
        (0.0, r"gpt prompt|reading|links\b|references|salar|compensation|\bpay\b|negotiat"),
        (
            0.25,
            (
                r"career|progression|\bpath|ladder|market|demand|trend|outlook|industr|future|emerging|switch|"
                r"transition|transferable|speciali[sz]|portfolio|project ideas|growth|landscape|economic|job titles|"
                r"continuous learning|alternative|advancement|positions|variations|opportunit|adoption|impact"
            ),
        ),
        (0.4, r"soft skills|communication|collaboration"),
        (0.55, r"desirable|preferred|nice to have|bonus|additional|plus\b"),
        (
            1.0,
            (
                r"requirement|qualification|skills required|technical skills|technical expertise|key skills|"
                r"role-specific|advanced technical|must have|what you need|you have|required"
            ),
        ),
        (0.85, r"responsibilit|duties|what you.?ll do|role definition|core"),
        (0.75, r"overview|definition|summary|about the role"),
        (
            0.5,
            (
                r"recommended|tools|technolog|preferred|desirable|additional|nice|bonus|education|background|"
                r"foundation|certification|training"
            ),
        ),
    )
)
DEFAULT_WHERE = 0.65
_STRONG = re.compile(
    r"\bessential|\brequired|\bmust\b|proficien|\bexpert|mastery|\bstrong\b|\bsolid\b|"
    r"\bdeep (?:expertise|understanding|knowledge)|in-depth|\bminimum\b|(?<!-)\bcritical\b|\bcrucial\b",
    re.IGNORECASE,
)
_WEAK = re.compile(
    r"familiar|beneficial|\ba plus\b|\bplus\b|preferred|nice to have|\bbonus\b|can be useful|"
    r"less common|exposure to|potentially|optional|some contexts|desirable|good to have|"
    r"advantage|\bideally\b|certification",
    re.IGNORECASE,
)
WEAK_FACTOR, PLAIN_FACTOR = 0.55, 0.9
# A sentence about degrees names fields of study, not skills to show ("degree in statistics").
_DEGREE_LINE = re.compile(r"\bdegree|\bbachelor|\bmaster['’]?s\b|\bph\.?\s?d\b|\bdiploma", re.IGNORECASE)
DEGREE_FACTOR = 0.3
_ANNOTATION = re.compile(r"\(\s*[\w+#.]+\s*\)")

# Categories that are not skills a role can require of a resume (leadership is scored apart).
NOT_REQUIREMENTS = frozenset(
    {
        "leadership",
        "communication",
        "soft_skill",
        "soft_skills",
        "competency",
        "office_tool",
        "productivity_tool",
        "dev_tool",
    }
)

# Families of interchangeable skills: (key, label, categories, ids). A family named with two or
# more members in one sentence becomes one requirement.
_FAMILIES: tuple[tuple[str, str, frozenset[str], frozenset[str]], ...] = (
    (
        "containers",
        "containers and orchestration",
        frozenset(),
        frozenset(
            {
                "docker",
                "kubernetes",
                "containerization",
                "helm",
                "openshift",
                "podman",
                "amazon-eks",
                "amazon-ecs",
                "google-kubernetes-engine",
                "azure-kubernetes-service",
            }
        ),
    ),
    ("version-control", "version control", frozenset(), frozenset({"git", "github", "gitlab", "bitbucket"})),
    ("dl-framework", "a deep learning framework", frozenset({"ml_framework"}), frozenset()),
    ("ml-library", "a machine learning library", frozenset({"ml_library"}), frozenset()),
    ("cloud", "a cloud platform", frozenset({"cloud_platform", "cloud_service"}), frozenset()),
    ("big-data", "a big-data tool", frozenset({"data_platform"}), frozenset({"dask"})),
    ("api-framework", "an API framework", frozenset({"web_backend"}), frozenset()),
    ("monitoring", "monitoring tools", frozenset({"observability"}), frozenset()),
    ("data-library", "Python data libraries", frozenset({"data_library"}), frozenset()),
    ("nn-architecture", "neural network architectures", frozenset({"ml_model"}), frozenset({"transformers"})),
    ("math", "mathematics and statistics", frozenset({"math"}), frozenset()),
    ("database", "a database", frozenset({"database"}), frozenset()),
    ("ml-area", "an ML specialisation", frozenset({"ml_field"}), frozenset()),
    ("language", "another programming language", frozenset({"programming_language"}), frozenset()),
)
# Never folded into a family: each is a requirement of its own.
STANDALONE = frozenset({"python", "sql", "machine-learning", "deep-learning"})


@dataclass(frozen=True)
class Requirement:
    """One thing a role asks for: a skill, or a family of skills any of which will do."""

    id: str  # the skill id, or "family:<key>"
    label: str  # "Python", "a deep learning framework (TensorFlow, PyTorch or Keras)"
    skills: tuple[str, ...]  # acceptable skill ids, the document's strongest first
    importance: str  # required|strong_plus|nice_to_have
    weight: float  # 0..1: where and how strongly the document states it
    source: str  # the sentence it came from
    section: str  # the heading above that sentence

    def to_dict(self, names: Mapping[str, str] | None = None) -> dict[str, Any]:
        names = names or {}
        return {
            "id": self.id,
            "label": self.label,
            "importance": self.importance,
            "importance_label": IMPORTANCE_WORDS.get(self.importance, self.importance),
            "weight": round(self.weight, 4),
            "skills": [{"id": s, "name": names.get(s, s)} for s in self.skills],
            "source": self.source,
            "section": self.section,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Requirement:
        skills = tuple(s["id"] if isinstance(s, Mapping) else s for s in data["skills"])
        return cls(
            id=data["id"],
            label=data["label"],
            skills=skills,
            importance=data["importance"],
            weight=float(data["weight"]),
            source=data.get("source", ""),
            section=data.get("section", ""),
        )


def where_weight(heading: str) -> float:
    """How much a statement counts by the section it stands in."""
    for weight, rx in _WHERE:
        if rx.search(heading):
            return weight
    return DEFAULT_WHERE


def how_factor(text: str, at: int | None = None) -> float:
    """How strongly the sentence states what it names (the skill at offset `at`, if given).

    With an offset, only the clause holding the skill counts (clauses end at ";"), and within it
    the cue nearest before the skill ("Strong Python, familiarity with R"), else the first after it
    ("Java or C++ can be beneficial").
    """
    if at is not None:
        start = text.rfind(";", 0, at) + 1
        stop = text.find(";", at)
        clause = text[start : stop if stop >= 0 else len(text)]
        at -= start
        cues = sorted(
            [(m.start(), 1.0) for m in _STRONG.finditer(clause)]
            + [(m.start(), WEAK_FACTOR) for m in _WEAK.finditer(clause)]
        )
        before = [f for pos, f in cues if pos <= at]
        after = [f for pos, f in cues if pos > at]
        return before[-1] if before else after[0] if after else PLAIN_FACTOR
    if _WEAK.search(text):
        return WEAK_FACTOR
    if _STRONG.search(text):
        return 1.0
    return PLAIN_FACTOR


def _degree_field(text: str, at: int | None) -> bool:
    """Is the skill at `at` a field of study ("a degree in statistics"), not a skill to show?"""
    if at is None:
        return bool(_DEGREE_LINE.search(text))
    return bool(_DEGREE_LINE.search(text[max(0, at - 60) : at]))


def importance_of(weight: float) -> str:
    return REQUIRED if weight >= REQUIRED_AT else STRONG_PLUS if weight >= STRONG_AT else NICE


@lru_cache(maxsize=8192)
def family_of(skill: str, category: str) -> tuple[str, str] | None:
    """(key, label) of the family a skill belongs to, or None."""
    if skill in STANDALONE:
        return None
    for key, label, categories, ids in _FAMILIES:
        if skill in ids:
            return key, label
    for key, label, categories, ids in _FAMILIES:
        if category in categories:
            return key, label
    return None


@dataclass
class _Stated:
    weight: float = 0.0
    source: str = ""
    section: str = ""
    sentences: int = 0
    named: bool = False  # the source sentence's lead-in names the skill


def _sentence_rows(
    sentences: Iterable[Sequence[Any]],
) -> Iterable[tuple[str, str, str, list[tuple[str, int | None]]]]:
    """(heading, label, sentence, [(skill id, offset in the sentence or None)])."""
    for row in sentences:
        _, heading, label, text, ids = row[:5]
        named = [(str(i[0]), int(i[1])) if isinstance(i, (list, tuple)) else (str(i), None) for i in ids]
        yield str(heading), str(label), str(text), named


def build_requirements(
    sentences: Iterable[Sequence[Any]], categories: Mapping[str, str], names: Mapping[str, str]
) -> list[Requirement]:
    """Requirements from a document's skill-naming sentences, heaviest first."""
    stated: dict[str, _Stated] = {}
    together: dict[str, set[str]] = {}  # family key -> members named together in one sentence
    family_source: dict[str, tuple[float, str, str, list[str]]] = {}  # the strongest sentence naming a family
    for heading, label, text, ids in _sentence_rows(sentences):
        where = where_weight(heading)
        if where <= 0:
            continue
        kept = [(s, at) for s, at in ids if categories.get(s, "") not in NOT_REQUIREMENTS]
        by_family: dict[str, list[str]] = {}
        for sid, at in kept:
            if at is not None and _ANNOTATION.match(text, max(0, at - 1)):
                continue  # "Spring Boot (Java)": a note on another skill, not a requirement of its own
            value = where * how_factor(text, at)
            if _degree_field(text, at):
                value *= DEGREE_FACTOR
            entry = stated.setdefault(sid, _Stated())
            if where >= 0.5:
                entry.sentences += 1
            named = names.get(sid, sid).lower() in label.lower()  # "Deep Learning Frameworks: ..." names it
            if value > entry.weight + 1e-9 or (
                abs(value - entry.weight) <= 1e-9 and named and not entry.named
            ):
                entry.weight, entry.source, entry.section, entry.named = value, text, heading, named
            fam = family_of(sid, categories.get(sid, ""))
            if fam:
                by_family.setdefault(fam[0], []).append(sid)
        for key, members in by_family.items():
            if len(members) >= 2:
                together.setdefault(key, set()).update(members)
                value = where * max(how_factor(text, at) for sid, at in kept if sid in members)
                best = family_source.get(key)
                if best is None or value > best[0] + 1e-9:
                    family_source[key] = (value, text, heading, members)
    weights = {
        sid: min(1.0, STATED_SHARE * s.weight + min(BREADTH_MAX, BREADTH_STEP * max(0, s.sentences - 1)))
        for sid, s in stated.items()
    }
    requirements: list[Requirement] = []
    grouped: dict[str, list[str]] = {}
    for sid, entry in stated.items():
        fam = family_of(sid, categories.get(sid, ""))
        if fam and fam[0] in together:
            grouped.setdefault(fam[0], []).append(sid)
            continue
        requirements.append(_single(sid, weights[sid], entry, names))
    labels = {key: label for key, label, _, _ in _FAMILIES}
    for key, members in grouped.items():
        _, source, section, named_together = family_source[key]
        # the family as the document names it first, then the others by weight
        order = {sid: i for i, sid in enumerate(named_together)}
        members.sort(key=lambda s: (order.get(s, len(order)), -weights[s], s))
        weight = max(weights[s] for s in members)
        shown = [names.get(s, s) for s in members[:4]]
        listing = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]
        requirements.append(
            Requirement(
                id=f"family:{key}",
                label=f"{labels[key]} ({listing})",
                skills=tuple(members),
                importance=importance_of(weight),
                weight=round(weight, 4),
                source=source,
                section=section,
            )
        )
    requirements = [r for r in requirements if r.weight >= MIN_WEIGHT]
    requirements.sort(key=lambda r: (-r.weight, r.id))
    return requirements[:MAX_REQUIREMENTS]


def _single(sid: str, weight: float, entry: _Stated, names: Mapping[str, str]) -> Requirement:
    return Requirement(
        id=sid,
        label=names.get(sid, sid),
        skills=(sid,),
        importance=importance_of(weight),
        weight=round(weight, 4),
        source=entry.source,
        section=entry.section,
    )


def select_part(document: Mapping[str, Any], start: str | None, end: str | None) -> list[Sequence[Any]]:
    """The sentences between the heading containing `start` (or the beginning) and the one containing `end`."""
    headings = document.get("headings", [])
    lo, hi = 0, float("inf")
    if start:
        lo = next((at for at, text in headings if start.lower() in str(text).lower()), 0)
    if end:
        hi = next((at for at, text in headings if end.lower() in str(text).lower() and at >= lo), hi)
    return [row for row in document.get("sentences", []) if lo <= row[0] < hi]


def apply_corrections(
    requirements: list[Requirement], corrections: Mapping[str, Any], names: Mapping[str, str]
) -> list[Requirement]:
    """A reviewed manifest's corrections: drop, set importance, add; weights follow importance."""
    drop = set(corrections.get("drop", ()))
    importance: Mapping[str, str] = corrections.get("importance", {})
    out: list[Requirement] = []
    for req in requirements:
        if req.id in drop or drop & set(req.skills) and len(req.skills) == 1:
            continue
        if req.id in importance:
            level = importance[req.id]
            weight = req.weight if importance_of(req.weight) == level else IMPORTANCE_WEIGHT[level]
            req = Requirement(req.id, req.label, req.skills, level, weight, req.source, req.section)
        out.append(req)
    present = {r.id for r in out}
    for extra in corrections.get("add", ()):
        if extra["id"] in present:
            continue
        level = extra["importance"]
        skills = tuple(extra.get("skills") or (extra["id"],))
        out.append(
            Requirement(
                id=extra["id"],
                label=extra.get("label") or names.get(skills[0], skills[0]),
                skills=skills,
                importance=level,
                weight=float(extra.get("weight", IMPORTANCE_WEIGHT[level])),
                source=extra.get("source", ""),
                section=extra.get("section", "reviewed manifest"),
            )
        )
    out.sort(key=lambda r: (-r.weight, r.id))
    return out
