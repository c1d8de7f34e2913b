"""Ablation of the scorer's parts on the shared evaluation set (real chain, real files).

    .venv/bin/python -m tests.models.ablation

Features are computed once per file; each variant rescores them. Prints, per variant: ladder exact
and within one, best-fit role within one level, the highest score of any off-domain resume, and
lean_rho: Spearman's rho between the labelled level and the score-weighted mean level of the roles
(a finer view of whether the scores lean towards the right rung than the floors' counts).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

from scipy.stats import spearmanr

from models import components
from models.roles import RoleProfile, load_roles
from models.scoring import DEFAULT, ScoringConfig, place_on_ladder, score_all
from tests.models.chain import EVAL, run_file

ARTIFACT = Path(__file__).resolve().parents[2] / "taxonomy" / "data" / "taxonomy.json"


def flat_requirements(roles: list[RoleProfile]) -> list[RoleProfile]:
    """The roles with every requirement weighing the same (importance and emphasis taken out)."""
    out = []
    for r in roles:
        reqs = tuple(dataclasses.replace(q, weight=1.0) for q in r.effective_requirements())
        out.append(dataclasses.replace(r, requirements=reqs))
    return out


def evaluate(items, cache, roles, config: ScoringConfig) -> dict[str, float]:
    levels = {r.id: r.level for r in roles}
    exact = within = best = n = 0
    off_max = 0.0
    labels: list[float] = []
    leaning: list[float] = []
    for it in items:
        features = cache[it["file"]]
        fits = score_all(features, roles, config)
        ladder, best_fit, _ = place_on_ladder(features, fits)
        label = it["best_fit_level"]
        if label is None:
            off_max = max(off_max, max(f.score for f in fits))
            continue
        n += 1
        total = sum(f.score for f in fits) or 1.0
        labels.append(label)
        leaning.append(sum(f.level * f.score for f in fits) / total)  # where the scores lean, in levels
        exact += ladder == label
        within += abs(ladder - label) <= 1
        best += best_fit is not None and abs(levels[best_fit] - label) <= 1
    return {
        "exact": exact / n,
        "within1": within / n,
        "best_fit": best / n,
        "offdomain_max": off_max,
        "lean_rho": float(spearmanr(labels, leaning).statistic),
    }


def main() -> None:
    labels = json.loads((EVAL / "labels.json").read_text(encoding="utf-8"))
    items = [it for it in labels["items"] if it["file"].startswith("resumes/")]
    cache = {it["file"]: run_file(EVAL / it["file"]).features for it in items}
    roles = load_roles()
    plain = flat_requirements(roles)

    def with_constants(**values: float) -> Callable[[], None]:
        saved = {k: getattr(components, k) for k in values}

        def restore() -> None:
            for k, v in saved.items():
                setattr(components, k, v)

        for k, v in values.items():
            setattr(components, k, v)
        return restore

    variants: list[tuple[str, list[RoleProfile], ScoringConfig, dict[str, float]]] = [
        ("shipped", roles, DEFAULT, {}),
        ("level part off", roles, dataclasses.replace(DEFAULT, level=0.0), {}),
        ("no skills gate", roles, dataclasses.replace(DEFAULT, gate_at=0.0), {}),
        ("+ cosine profile 0.3 (sklearn)", roles, dataclasses.replace(DEFAULT, profile=0.3), {}),
        ("flat requirement weights", plain, DEFAULT, {}),
        (
            "no partial credit",
            roles,
            DEFAULT,
            {"CHILD_CREDIT": 0.0, "PARENT_CREDIT": 0.0, "SIBLING_CREDIT": 0.0, "CATEGORY_CREDIT": 0.0},
        ),
        ("no evidence weighting", roles, DEFAULT, {"LISTED_ONLY": 1.0, "MENTIONED": 1.0}),
    ]
    print(f"{'variant':34} exact  within1 best_fit offdomain_max lean_rho")
    for name, rs, config, constants in variants:
        restore = with_constants(**constants)
        try:
            m = evaluate(items, cache, rs, config)
        finally:
            restore()
        print(
            f"{name:34} {m['exact']:.2f}   {m['within1']:.2f}    {m['best_fit']:.2f}     "
            f"{m['offdomain_max']:.1f}          {m['lean_rho']:.3f}"
        )


if __name__ == "__main__":
    main()
