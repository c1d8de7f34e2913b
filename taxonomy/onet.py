"""O*NET technology names (CC BY 4.0): the subset copied into taxonomy/data/ and its use.

The copied file keeps the software-engineering and data categories of O*NET's Technology Skills
table: the names flagged Hot Technology or In Demand, and the long tail of product names there
(title-cased and brand-shaped: 'WaveMetrics IGOR Pro', 'Apache Maven'; not descriptions such as
'Air quality modeling software'). At build time a flagged name either becomes an extra alias of a
curated skill (``Amazon Web Services AWS software`` -> ``aws``) or a skill of its own (source
``onet``); a long-tail product becomes a skill named only by its full name, in its exact case and
with context (a skills list or a neighbouring skill). See data/ONET_ATTRIBUTION.md.
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from taxonomy.lexicon import DATA_DIR, Lexicon, SkillEntry

ONET_SUBSET_PATH = DATA_DIR / "onet_technology.tsv"

# O*NET commodity titles worth a technology taxonomy (office, social and domain suites left out).
KEPT_COMMODITIES = {
    "Analytical or scientific software": "analytics_tool",
    "Application server software": "infrastructure",
    "Business intelligence and data analysis software": "analytics_tool",
    "Cloud-based management software": "cloud_service",
    "Configuration management software": "devops",
    "Data base management system software": "database",
    "Data base user interface and query software": "database",
    "Data mining software": "analytics_tool",
    "Development environment software": "dev_tool",
    "Enterprise application integration software": "infrastructure",
    "File versioning software": "devops",
    "Object or component oriented development software": "programming_language",
    "Operating system software": "operating_system",
    "Program testing software": "testing",
    "Web platform development software": "web_backend",
}
GENERIC_ACRONYMS = {"IDE", "API", "SDK"}
# Vendor words O*NET puts in front of product names.
VENDOR_PREFIXES = (
    "The MathWorks ",
    "Amazon Web Services ",
    "Microsoft ",
    "Oracle ",
    "Apache ",
    "Google ",
    "Amazon ",
    "IBM ",
    "Atlassian ",
    "Red Hat ",
    "Apple ",
    "Eclipse ",
)


@dataclass(frozen=True)
class OnetName:
    """One O*NET technology name with its commodity and flags."""

    name: str
    code: str
    commodity: str
    hot: bool
    in_demand: bool
    occupations: int


def read_onet(path: Path = ONET_SUBSET_PATH) -> list[OnetName]:
    """Read an O*NET technology TSV (the shared original or the copied subset)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [
            OnetName(
                r["example"],
                r["commodity_code"],
                r["commodity_title"],
                r["hot_technology"] == "Y",
                r["in_demand"] == "Y",
                int(r["occupation_count"]),
            )
            for r in rows
        ]


def is_product_name(name: str) -> bool:
    """'Apache Maven', 'WaveMetrics IGOR Pro' name products; 'Air quality modeling software' describes one."""
    words = re.sub(r"\s+software$", "", name).split()
    titled = len(words) >= 2 and all(
        w[:1].isupper() or w[:1].isdigit() or w in {"for", "and", "of", "&"} for w in words
    )
    # A brand's shape: a vendor's name first, or a word with inner capitals or digits (WaveMetrics, IGOR, 3D).
    branded = any(name.startswith(p) for p in VENDOR_PREFIXES) or any(
        any(c.isupper() or c.isdigit() for c in w[1:]) or w[:1].isdigit() for w in words
    )
    return titled and branded


def select_subset(names: list[OnetName]) -> list[OnetName]:
    """The rows worth copying: kept categories, flagged hot or in demand, or a product's full name."""
    return sorted(
        (
            n
            for n in names
            if n.commodity in KEPT_COMMODITIES and (n.hot or n.in_demand or is_product_name(n.name))
        ),
        key=lambda n: n.name.lower(),
    )


def write_subset(names: list[OnetName], path: Path = ONET_SUBSET_PATH) -> None:
    """Write the subset in the original column layout."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "example\tcommodity_code\tcommodity_title\thot_technology\tin_demand\toccupation_count\n"
        )
        for n in names:
            handle.write(
                f"{n.name}\t{n.code}\t{n.commodity}\t{'Y' if n.hot else 'N'}\t"
                f"{'Y' if n.in_demand else 'N'}\t{n.occupations}\n"
            )


def name_variants(name: str) -> list[str]:
    """Written forms of an O*NET name, best display form first: no ' software', no trailing
    acronym, then without the vendor, then the acronym itself."""
    base = re.sub(r"\s+software$", "", name).strip()
    words = base.split()
    acronym = words[-1] if len(words) > 2 and re.fullmatch(r"[A-Z][A-Z0-9]+", words[-1]) else None
    if acronym in GENERIC_ACRONYMS:
        words, acronym = words[:-1], None
    stem = " ".join(words[:-1]) if acronym else base
    variants = [stem, base]
    for prefix in VENDOR_PREFIXES:
        if stem.startswith(prefix):
            variants.append(stem[len(prefix) :])
            break
    if acronym:
        variants.append(acronym)
    return list(dict.fromkeys(v for v in variants if v))


def match_key(text: str) -> str:
    """Compare names without case, hyphens or doubled spaces."""
    return " ".join(text.lower().replace("-", " ").split())


def widen_lexicon(lexicon: Lexicon, names: list[OnetName]) -> dict[str, int]:
    """Add O*NET names as aliases of matching curated skills, or as new skills. Returns counts."""
    index: dict[str, str] = {}
    for entry in lexicon.skills.values():
        for alias in entry.plain_aliases() + entry.ambiguous_aliases:
            index.setdefault(match_key(alias), entry.id)
    added_aliases = added_skills = 0
    for onet in names:
        variants = name_variants(onet.name)
        match = next((index[match_key(v)] for v in variants if match_key(v) in index), None)
        if match is not None:
            entry = lexicon.skills[match]
            for variant in variants:
                if match_key(variant) not in index and len(variant.split()) > 1:
                    entry.aliases.append(variant)
                    index[match_key(variant)] = match
                    added_aliases += 1
            continue
        if not onet.hot:
            if onet.in_demand or not is_product_name(onet.name):
                continue
            # The long tail: a product's full name, in its exact case and with context only.
            display = re.sub(r"\s+software$", "", onet.name)
            skill_id = "onet-" + re.sub(r"[^a-z0-9]+", "-", display.lower()).strip("-")
            if match_key(display) in index or skill_id in lexicon.skills:
                continue
            lexicon.skills[skill_id] = SkillEntry(
                id=skill_id,
                name=display,
                category=KEPT_COMMODITIES[onet.commodity],
                ambiguous_aliases=[display],
                name_is_alias=False,
                source="onet",
            )
            index[match_key(display)] = skill_id
            added_skills += 1
            continue
        display = variants[0]
        skill_id = "onet-" + re.sub(r"[^a-z0-9]+", "-", display.lower()).strip("-")
        plain = [v for v in variants if len(v.split()) > 1 or (len(v) >= 3 and v.isupper())]
        ambiguous = [v for v in variants if v not in plain]
        entry = SkillEntry(
            id=skill_id,
            name=display,
            category=KEPT_COMMODITIES[onet.commodity],
            aliases=[v for v in plain if v != display],
            ambiguous_aliases=ambiguous,
            name_is_alias=display in plain,
            source="onet",
        )
        lexicon.skills[skill_id] = entry
        for alias in plain + ambiguous:
            index.setdefault(match_key(alias), skill_id)
        added_skills += 1
    return {"aliases": added_aliases, "skills": added_skills}


if __name__ == "__main__":  # python -m taxonomy.onet ../shared/data/onet/technology_skills.tsv
    write_subset(select_subset(read_onet(Path(sys.argv[1]))))
