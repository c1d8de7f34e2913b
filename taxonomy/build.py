"""Build the taxonomy artifact (taxonomy/data/taxonomy.json) from role documents.

Inputs: the curated lexicon, the copied O*NET names, users' extension files and the role
documents. The output is deterministic: same inputs, same bytes, same version.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from taxonomy.lexicon import (
    LEXICON_PATH,
    USER_SKILLS_PATH,
    Lexicon,
    SkillEntry,
    kind_of,
    load_extensions,
    load_lexicon,
)
from taxonomy.mining import canonicalise, mine_candidates, top_unmatched
from taxonomy.nlp import make_nlp
from taxonomy.onet import ONET_SUBSET_PATH, read_onet, widen_lexicon
from taxonomy.tagger import ARTIFACT_PATH, Tagger
from taxonomy.weights import document_sentences, fit_role_weights, skill_counts, weigh_document  # noqa: F401

SCHEMA = "rolefit.taxonomy/1"
REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
ONET_ATTRIBUTION = (
    "This product includes information from O*NET OnLine by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license."
)


class BuildError(RuntimeError):
    """The build cannot run (no documents, conflicting aliases...)."""


def default_documents() -> list[Path]:
    """The seed role documents at ../shared/seeds relative to the repository root."""
    docs = sorted(DEFAULT_SEEDS_DIR.glob("*.txt"))
    if not docs:
        raise BuildError(f"no role documents found in {DEFAULT_SEEDS_DIR}; pass paths explicitly")
    return docs


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def alias_variants(alias: str) -> list[str]:
    """An alias and its spelling variants: hyphen/space swaps and a plural for lowercase phrases."""
    variants = [alias]
    if alias.islower() and " " in alias and re.fullmatch(r"[a-z -]+", alias):
        variants.append(alias.replace(" ", "-"))
    if alias.islower() and "-" in alias and re.fullmatch(r"[a-z -]+", alias):
        variants.append(alias.replace("-", " "))
    if alias.islower() and " " in alias and alias[-1].isalpha() and alias[-1] not in "sy":
        variants.append(alias + "s")
    return variants


def skill_patterns(lexicon: Lexicon) -> list[list[str]]:
    """[text, "ids|mode"] phrase patterns; a written form belongs to exactly one skill."""
    owner: dict[str, tuple[str, str, str]] = {}
    order = sorted(lexicon.skills.values(), key=lambda e: (e.source != "lexicon", e.id))

    def claim(text: str, key: str, skill: SkillEntry) -> None:
        lower = text.lower()
        if lower in lexicon.ignore:
            return
        known = owner.get(lower)
        if known is None:
            owner[lower] = (text, key, skill.source)
        elif known[1] != key and skill.source != "onet" and known[2] != "onet":
            raise BuildError(f"alias {text!r} names both {known[1]} and {key}")

    for entry in order:
        for alias in entry.plain_aliases():
            for variant in alias_variants(alias):
                claim(variant, f"{entry.id}|plain", entry)
        for alias in entry.ambiguous_aliases:
            claim(alias, f"{entry.id}|context", entry)
        for alias in entry.list_only_aliases:
            claim(alias, f"{entry.id}|list", entry)
    for phrase, ids in sorted(lexicon.compounds.items()):
        owner[phrase.lower()] = (phrase, "+".join(ids) + "|plain", "compound")
    return sorted([text, key] for text, key, _ in owner.values())


def implied_skills(lexicon: Lexicon, entry: SkillEntry) -> list[str]:
    """A cloud provider's service names its platform too (Azure Machine Learning -> Azure)."""
    parent = lexicon.skills.get(entry.parent or "")
    if entry.category == "cloud_service" and parent is not None and parent.category == "cloud_platform":
        return [parent.id]
    return []


def skills_table(lexicon: Lexicon) -> dict[str, dict[str, Any]]:
    """The artifact's description of every skill."""
    table = {}
    for entry in sorted(lexicon.skills.values(), key=lambda e: e.id):
        table[entry.id] = {
            "name": entry.name,
            "category": entry.category,
            "parent": entry.parent,
            "kind": kind_of(entry.category),
            "aliases": sorted(set(entry.plain_aliases() + entry.ambiguous_aliases + entry.list_only_aliases)),
            "ambiguous": sorted(set(entry.ambiguous_aliases)),
            "list_only": sorted(set(entry.list_only_aliases)),
            "source": entry.source,
            "implies": implied_skills(lexicon, entry),
        }
    return table


def role_counts(tagger: Tagger, text: str, mined_ids: Counter[str], plain_ids: set[str]) -> Counter[str]:
    """Tagger counts, plus skills that mining found through an unambiguous alias the tagger missed."""
    counts = skill_counts(tagger, text)
    for skill_id in mined_ids:
        if skill_id not in counts and skill_id in plain_ids:
            counts[skill_id] = 1
    return counts


def build_taxonomy(doc_paths: Sequence[Path], *, extra_paths: Sequence[Path] = ()) -> dict[str, Any]:
    """Build the taxonomy dict (version included) from role documents and extension files."""
    if not doc_paths:
        raise BuildError("no role documents given")
    lexicon = load_lexicon()
    extensions = [p for p in [USER_SKILLS_PATH, *extra_paths] if Path(p).exists()]
    load_extensions(lexicon, [Path(p) for p in dict.fromkeys(extensions)])
    onet_counts = widen_lexicon(lexicon, read_onet(ONET_SUBSET_PATH))
    taxonomy: dict[str, Any] = {
        "schema": SCHEMA,
        "version": "tx-unbuilt",
        "skills": skills_table(lexicon),
        "patterns": skill_patterns(lexicon),
        "ignore": sorted(lexicon.ignore),
        "onet_attribution": ONET_ATTRIBUTION,
    }
    tagger = Tagger(taxonomy)
    alias_index = {text.lower(): key.split("|")[0] for text, key in taxonomy["patterns"] if "+" not in key}
    plain_ids = {key.split("|")[0] for _, key in taxonomy["patterns"] if key.endswith("|plain")}
    nlp = make_nlp()
    counts, meta, documents = {}, {}, {}
    for path in sorted(Path(p) for p in doc_paths):
        text = path.read_text(encoding="utf-8")
        mined, unmatched = canonicalise(mine_candidates(nlp, text), alias_index)
        counts[path.stem] = role_counts(tagger, text, mined, plain_ids)
        documents[path.stem] = document_sentences(text, tagger)  # for the role builder, models/profile.py
        meta[path.stem] = {
            "title": text.strip().splitlines()[0][:120] if text.strip() else "",
            "chars": len(text),
            "sha256": sha256(text.encode("utf-8")),
            "skills_found": len(counts[path.stem]),
            "mined_unmatched": top_unmatched(unmatched),
        }
    weights, idf, unseen = fit_role_weights(counts)
    taxonomy.update(
        {
            "roles": weights,
            "role_documents": documents,
            "role_text_meta": meta,
            "idf": idf,
            "idf_unseen": unseen,
            "sources": {
                "lexicon_sha256": sha256(LEXICON_PATH.read_bytes()),
                "onet_sha256": sha256(ONET_SUBSET_PATH.read_bytes()),
                "onet_added": onet_counts,
                "extensions": {Path(p).name: sha256(Path(p).read_bytes()) for p in extensions},
            },
        }
    )
    taxonomy["version"] = content_version(taxonomy)
    return taxonomy


def canonical_json(data: Any) -> str:
    """The one JSON form we write and hash: sorted keys, fixed separators, trailing newline."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1, separators=(",", ": ")) + "\n"


def content_version(taxonomy: dict[str, Any]) -> str:
    """'tx-' + the first 12 hex digits of the sha256 of everything but the version itself."""
    body = {k: v for k, v in taxonomy.items() if k != "version"}
    return "tx-" + sha256(canonical_json(body).encode("utf-8"))[:12]


def write_artifact(taxonomy: dict[str, Any], path: Path = ARTIFACT_PATH) -> str:
    """Write the artifact deterministically; returns its version."""
    taxonomy = {**taxonomy, "version": content_version(taxonomy)}
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(canonical_json(taxonomy), encoding="utf-8")
    return taxonomy["version"]
