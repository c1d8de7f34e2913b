"""Shape of a skill set: cosine similarity of the candidate's skills to a role's weighted skills.

Coverage asks "how much of what the role weighs does the candidate show"; similarity asks "does the
candidate's skill set look like this role's", so a platform engineer's set leans towards the
platform role even when both roles' core is covered. Built on scikit-learn's DictVectorizer and
cosine_similarity. Off by default: the ablation on the shared set did not show it earning its place.
"""

from __future__ import annotations

from sklearn.feature_extraction import DictVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from models.components import evidence_strength
from models.features import CandidateFeatures
from models.roles import RoleProfile


def profile_similarity(features: CandidateFeatures, role: RoleProfile) -> float:
    """Cosine of the candidate's evidence-weighted skills and the role's skill weights, in 0..1."""
    candidate = {s.id: evidence_strength(s) for s in features.skills}
    if not candidate or not role.skills:
        return 0.0
    vectors = DictVectorizer(sort=True).fit_transform([candidate, dict(role.skills)])
    return round(float(cosine_similarity(vectors[0], vectors[1])[0, 0]), 4)
