"""Floors on the shared evaluation set, through the real chain on the real files.

ladder level exact for ≥ 80 % of the labelled ML items and within one for all; best-fit role within
one level for ≥ 90 %; every off-domain resume scores < 30 on every role.
"""

from __future__ import annotations

import json
from functools import cache

from models.roles import load_roles
from tests.models.chain import EVAL, Outcome, chain_modules, run_file


def items() -> list[dict]:
    labels = json.loads((EVAL / "labels.json").read_text(encoding="utf-8"))
    return [it for it in labels["items"] if it["file"].startswith("resumes/")]


@cache
def outcome(file: str) -> Outcome:
    return run_file(EVAL / file)


def role_levels() -> dict[str, int]:
    return {r.id: r.level for r in load_roles()}


def test_off_domain_resumes_fit_nothing():
    off = [it for it in items() if it["label"] == "offdomain"]
    assert off
    for it in off:
        result = outcome(it["file"])
        assert max(f.score for f in result.fits) < 30, (it["file"], [(f.role, f.score) for f in result.fits])
        assert result.best_fit is None


def test_ladder_level_floor():
    labelled = [it for it in items() if it["best_fit_level"] is not None]
    got = {it["file"]: outcome(it["file"]).ladder for it in labelled}
    exact = sum(got[it["file"]] == it["best_fit_level"] for it in labelled) / len(labelled)
    far = {
        it["file"]: (got[it["file"]], it["best_fit_level"])
        for it in labelled
        if abs(got[it["file"]] - it["best_fit_level"]) > 1
    }
    assert not far, far
    assert exact >= 0.8, {it["file"]: (got[it["file"]], it["best_fit_level"]) for it in labelled}


def test_best_fit_role_floor():
    levels = role_levels()
    labelled = [it for it in items() if it["best_fit_level"] is not None]
    close = 0
    for it in labelled:
        best = outcome(it["file"]).best_fit
        close += best is not None and abs(levels[best] - it["best_fit_level"]) <= 1
    assert close / len(labelled) >= 0.9


def test_keyword_stuffer_scores_as_the_weak_junior_it_is():
    stuffer = next(it for it in items() if "keyword-stuffer" in it["file"])
    result = outcome(stuffer["file"])
    assert result.ladder == 1
    assert max(f.score for f in result.fits) < 40
    tagger = chain_modules()[2]()
    visible = {m.id for m in tagger.tag(", ".join(stuffer["skills"]))}
    hidden = {m.id for m in tagger.tag(", ".join(stuffer["hidden_skills"]))} - visible
    assert hidden, "the hidden skills should be taggable on their own"
    assert not hidden & {s.id for s in result.features.skills}
