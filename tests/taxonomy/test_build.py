"""The build: byte-identical rebuilds, the committed artifact, extensions, role weights, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from taxonomy.build import DEFAULT_SEEDS_DIR, build_taxonomy, canonical_json, write_artifact
from taxonomy.cli import build_command
from taxonomy.tagger import ARTIFACT_PATH, Tagger, read_artifact
from taxonomy.weights import weigh_document

SEED_STEMS = {
    "000_aaae413d5299602d",
    "001_426c7b7afe3bcfac",
    "002_3bb4c74808981bca",
    "003_749167cce7ae3ca8",
    "004_0573b33375e174a3",
}


@pytest.fixture(scope="module")
def seeds() -> list[Path]:
    return sorted(DEFAULT_SEEDS_DIR.glob("*.txt"))


def test_rebuild_is_byte_identical_to_the_committed_artifact(seeds, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    version = write_artifact(build_taxonomy(seeds), first)
    assert write_artifact(build_taxonomy(list(reversed(seeds))), second) == version
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == ARTIFACT_PATH.read_bytes(), "rebuild and commit taxonomy/data/taxonomy.json"


def test_committed_artifact_is_self_contained_and_versioned():
    raw = ARTIFACT_PATH.read_text(encoding="utf-8")
    data = json.loads(raw)
    assert raw == canonical_json(data) and raw.endswith("}\n")
    assert data["version"].startswith("tx-") and len(data["skills"]) >= 400
    assert set(data["roles"]) == SEED_STEMS
    assert "O*NET" in data["onet_attribution"]
    for weights in data["roles"].values():
        assert weights and all(0 < w <= 1 for w in weights.values()) and max(weights.values()) == 1


def test_role_weights_rank_core_skills_high():
    roles = read_artifact()["roles"]
    mle2 = roles["003_749167cce7ae3ca8"]
    assert {"python", "pytorch", "tensorflow", "scikit-learn"} <= set(mle2)
    assert mle2["machine-learning"] > 0


def test_weigh_document_uses_the_seed_idf(tagger):
    weights = weigh_document("We need Python, Python and more Python, plus Kubernetes and dbt.", tagger)
    assert max(weights.values()) == 1.0
    assert set(weights) == {"python", "kubernetes", "dbt"}
    assert weights["dbt"] > weights["kubernetes"] * 0.5  # a rare skill is not drowned by a repeated one
    assert weigh_document("Executive pastry chef, laminated doughs.", tagger) == {}


def test_user_extension_adds_skills_and_aliases(seeds, tmp_path):
    extra = tmp_path / "mine.json"
    extra.write_text(
        json.dumps(
            {
                "skills": [
                    {"id": "quarto", "name": "Quarto", "category": "data_library", "aliases": ["Quarto docs"]}
                ],
                "aliases": {"pytorch": ["Torch 2"]},
                "ambiguous_aliases": {"kubernetes": ["Kube"]},
                "ignore": ["ml"],
            }
        ),
        encoding="utf-8",
    )
    tagger = Tagger(build_taxonomy(seeds[:1], extra_paths=[extra]))
    found = {m.id for m in tagger.tag("Wrote Quarto docs, trained with Torch 2 on Kube clusters, ML.")}
    assert {"quarto", "pytorch", "kubernetes"} <= found
    assert "machine-learning" not in found


def test_cli_builds_from_given_documents(seeds, tmp_path, capsys):
    out = tmp_path / "tx.json"
    assert build_command([str(seeds[0]), "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data["roles"]) == {seeds[0].stem}
    assert "version=tx-" in capsys.readouterr().out


def test_cli_fails_cleanly_on_missing_documents(tmp_path, capsys):
    assert build_command([str(tmp_path / "nope.txt"), "--out", str(tmp_path / "x.json")]) == 2
    assert "not found" in capsys.readouterr().err


def test_user_extension_can_add_a_competency_and_a_specific_skill_under_a_family(seeds, tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "skills:\n"
        "  - {id: facilitation, name: workshop facilitation, category: soft_skill, aliases: [facilitated workshops]}\n"
        "  - {id: hdbscan-x, name: OPTICS, category: ml_method, parent: clustering, aliases: [OPTICS clustering]}\n",
        encoding="utf-8",
    )
    tagger = Tagger(build_taxonomy(seeds[:1], extra_paths=[extra]))
    found = {m.id: m for m in tagger.tag("Facilitated workshops; grouped sensors with OPTICS clustering.")}
    assert found["facilitation"].kind == "competency"
    assert (found["hdbscan-x"].kind, found["hdbscan-x"].parent) == ("skill", "clustering")
