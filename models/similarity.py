"""Shape of a skill set: cosine similarity of the candidate's skills to a role's weighted skills.

Coverage asks "how much of what the role weighs does the candidate show"; similarity asks "does the
candidate's skill set look like this role's", so a platform engineer's set leans towards the
platform role even when both roles' core is covered. Built on scikit-learn's DictVectorizer and
cosine_similarity. Off by default (`ScoringConfig.profile = 0`): on the shared set it changed no
floor figure and no level ordering (`python -m tests.models.ablation`), so it has not earned its place.
"""

from __future__ import annotations

from models.components import evidence_strength
from models.features import CandidateFeatures
from models.roles import RoleProfile


def profile_similarity(features: CandidateFeatures, role: RoleProfile) -> float:
    """Cosine of the candidate's evidence-weighted skills and the role's skill weights, in 0..1."""
    from sklearn.feature_extraction import DictVectorizer  # only when the option is on
    from sklearn.metrics.pairwise import cosine_similarity

    candidate = {s.id: evidence_strength(s) for s in features.skills}
    if not candidate or not role.skills:
        return 0.0
    vectors = DictVectorizer(sort=True).fit_transform([candidate, dict(role.skills)])
    return round(float(cosine_similarity(vectors[0], vectors[1])[0, 0]), 4)
