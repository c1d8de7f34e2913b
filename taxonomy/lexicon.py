"""Load the curated lexicon and merge users' own skills and aliases into it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
LEXICON_PATH = DATA_DIR / "lexicon.json"
USER_SKILLS_PATH = DATA_DIR / "user_skills.json"

# Categories of competencies: soft skills, leadership and ways of working. They are evidence of
# scope for the scorer, reported apart from hard skills (Lightcast's "common" vs "specialized").
COMPETENCY_CATEGORIES = frozenset({"leadership", "soft_skill", "practice", "communication"})


def kind_of(category: str) -> str:
    """ "competency" for soft skills, leadership and practices; "skill" for hard skills."""
    return "competency" if category in COMPETENCY_CATEGORIES else "skill"


class LexiconError(ValueError):
    """A lexicon or user extension file is malformed."""


@dataclass
class SkillEntry:
    """One canonical skill and the names it goes by."""

    id: str
    name: str
    category: str
    parent: str | None = None
    aliases: list[str] = field(default_factory=list)
    ambiguous_aliases: list[str] = field(default_factory=list)
    list_only_aliases: list[str] = field(default_factory=list)
    name_is_alias: bool = True
    source: str = "lexicon"

    @classmethod
    def from_dict(cls, raw: dict[str, Any], source: str) -> SkillEntry:
        """Build an entry from its JSON form, checking the required fields."""
        missing = [k for k in ("id", "name", "category") if not raw.get(k)]
        if missing:
            raise LexiconError(f"skill {raw!r} lacks {', '.join(missing)}")
        return cls(
            id=str(raw["id"]),
            name=str(raw["name"]),
            category=str(raw["category"]),
            parent=raw.get("parent") or None,
            aliases=[str(a) for a in raw.get("aliases", [])],
            ambiguous_aliases=[str(a) for a in raw.get("ambiguous_aliases", [])],
            list_only_aliases=[str(a) for a in raw.get("list_only_aliases", [])],
            name_is_alias=bool(raw.get("name_is_alias", True)),
            source=source,
        )

    def plain_aliases(self) -> list[str]:
        """Names that are tagged wherever they occur (the display name included)."""
        names = ([self.name] if self.name_is_alias else []) + self.aliases
        return list(dict.fromkeys(names))


@dataclass
class Lexicon:
    """Canonical skills by id, phrases that name several skills at once, and ignored terms."""

    skills: dict[str, SkillEntry]
    compounds: dict[str, list[str]] = field(default_factory=dict)
    ignore: set[str] = field(default_factory=set)

    def validate(self) -> None:
        """Fail on dangling parents or compounds naming unknown skills."""
        for entry in self.skills.values():
            if entry.parent and entry.parent not in self.skills:
                raise LexiconError(f"skill {entry.id!r} has unknown parent {entry.parent!r}")
        for phrase, ids in self.compounds.items():
            unknown = [i for i in ids if i not in self.skills]
            if unknown:
                raise LexiconError(f"compound {phrase!r} names unknown skills {unknown}")


def read_structured(path: Path) -> dict[str, Any]:
    """Read a JSON file, or YAML when the name ends in .yaml/.yml (needs PyYAML)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml  # optional: only for users who prefer YAML

        data = yaml.safe_load(text) or {}
    else:
        data = json.loads(text) if text.strip() else {}
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level")
    return data


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Load the curated lexicon shipped in taxonomy/data/."""
    data = read_structured(path)
    skills = {}
    for raw in data.get("skills", []):
        entry = SkillEntry.from_dict(raw, "lexicon")
        if entry.id in skills:
            raise LexiconError(f"duplicate skill id {entry.id!r} in {path}")
        skills[entry.id] = entry
    lexicon = Lexicon(skills=skills, compounds={k: list(v) for k, v in data.get("compounds", {}).items()})
    lexicon.validate()
    return lexicon


def merge_extension(lexicon: Lexicon, data: dict[str, Any], source: str) -> None:
    """Merge one user extension (see taxonomy/README.md) into the lexicon in place."""
    for raw in data.get("skills", []):
        entry = SkillEntry.from_dict(raw, source)
        known = lexicon.skills.get(entry.id)
        if known is None:
            lexicon.skills[entry.id] = entry
            continue
        known.name, known.category = entry.name, entry.category
        known.parent = entry.parent or known.parent
        known.aliases += [a for a in entry.aliases if a not in known.aliases]
        known.ambiguous_aliases += [a for a in entry.ambiguous_aliases if a not in known.ambiguous_aliases]
        known.list_only_aliases += [a for a in entry.list_only_aliases if a not in known.list_only_aliases]
    for key, field_name in (("aliases", "aliases"), ("ambiguous_aliases", "ambiguous_aliases")):
        for skill_id, names in data.get(key, {}).items():
            if skill_id not in lexicon.skills:
                raise LexiconError(f"{source}: {key} for unknown skill {skill_id!r}")
            target = getattr(lexicon.skills[skill_id], field_name)
            target += [str(n) for n in names if str(n) not in target]
    lexicon.compounds.update({k: list(v) for k, v in data.get("compounds", {}).items()})
    lexicon.ignore |= {str(t).lower() for t in data.get("ignore", [])}
    lexicon.validate()


def load_extensions(lexicon: Lexicon, paths: list[Path]) -> list[str]:
    """Merge every extension file; return their names for the artifact's record."""
    names = []
    for path in paths:
        merge_extension(lexicon, read_structured(path), source=path.name)
        names.append(path.name)
    return names
