"""Per-role skill weights: TF-IDF over the skills each role document names."""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from taxonomy.tagger import Tagger

DIGITS = 4


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def fit_role_weights(
    counts: Mapping[str, Counter[str]],
) -> tuple[dict[str, dict[str, float]], dict[str, float], float]:
    """TF-IDF (sublinear tf, smoothed idf) of skill ids per document, scaled to 0..1 per document.

    Returns (weights per document, idf per skill id, idf of a skill no document names).
    scikit-learn is imported here, where the taxonomy is built, not by every reader of this module.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    stems = sorted(counts)
    corpus = [sorted(counts[s].elements()) for s in stems]
    vectorizer = TfidfVectorizer(
        analyzer=_identity, lowercase=False, sublinear_tf=True, norm=None, smooth_idf=True
    )
    matrix = vectorizer.fit_transform(corpus)
    vocabulary = vectorizer.get_feature_names_out()
    idf = {str(skill): round(float(value), 6) for skill, value in zip(vocabulary, vectorizer.idf_)}
    weights = {}
    for row, stem in enumerate(stems):
        values = matrix.getrow(row).toarray()[0]
        top = float(values.max()) if values.size else 0.0
        weights[stem] = {
            str(vocabulary[j]): round(float(v) / top, DIGITS)
            for j, v in enumerate(values)
            if v > 0 and top > 0
        }
    unseen = round(math.log((1 + len(stems)) / 1) + 1, 6)
    return weights, idf, unseen


def weigh_counts(counts: Counter[str], idf: Mapping[str, float], unseen_idf: float) -> dict[str, float]:
    """The same weighting for one document: (1 + ln tf) * idf, scaled so the top skill is 1."""
    raw = {sid: (1 + math.log(n)) * idf.get(sid, unseen_idf) for sid, n in counts.items() if n > 0}
    top = max(raw.values(), default=0.0)
    return {sid: round(value / top, DIGITS) for sid, value in sorted(raw.items())} if top > 0 else {}


def skill_counts(tagger: Tagger, text: str) -> Counter[str]:
    """How often the tagger finds each skill in a text."""
    return Counter({m.id: m.mentions for m in tagger.tag(text)})


def weigh_document(text: str, tagger: Tagger | None = None) -> dict[str, float]:
    """Skill weights for one new job description, against the seed corpus idf of the artifact."""
    from taxonomy.tagger import load_tagger

    tagger = tagger or load_tagger()
    return weigh_counts(skill_counts(tagger, text), tagger.idf, tagger.idf_unseen)


def top_skills(weights: Mapping[str, float], limit: int = 20) -> Sequence[tuple[str, float]]:
    """Highest weights first, ties by id."""
    return sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


# A heading is a short line of its own without a sentence's end ("Requirements", "Key Skills Required:").
_HEADING = re.compile(r"^[^\s\-–•*][^.!?]{1,90}:?$")
_BULLET = re.compile(r"^\s*[-–•*]\s*")
_LABEL = re.compile(r"^([A-Z][^:.]{1,70}):\s+(?=\S)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"“])")
SENTENCE_CHARS = 320


def _sentences(line: str, base: int) -> list[tuple[int, str]]:
    """(offset, text) of each sentence on one line."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(line):
        out.append((base + start, line[start : m.start()]))
        start = m.end()
    out.append((base + start, line[start:]))
    return [(at, text.strip()) for at, text in out if text.strip()]


def document_sentences(text: str, tagger: Tagger) -> dict[str, list[list[Any]]]:
    """The sentences of a role document that name skills, each with the heading above it.

    Returns `{"headings": [[offset, heading]], "sentences": [[offset, heading, label, sentence,
    [[skill id, offset in the sentence]]]]}` in text order; `label` is a bullet's lead-in
    ("Programming Languages") or "".
    The role builder (`models/profile.py`) weighs requirements from where and how they are stated.
    """
    mentions = sorted((m.src_start, m.skill_ids) for m in tagger.mentions(text))
    starts = [at for at, _ in mentions]
    headings: list[list[Any]] = []
    sentences: list[list[Any]] = []
    heading, offset = "", 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\n")
        stripped = line.strip()
        if stripped and _HEADING.match(stripped) and len(stripped.split()) <= 12:
            heading = stripped.rstrip(":").strip()
            headings.append([offset, heading])
        elif stripped:
            body = _BULLET.sub("", line)
            lead = len(line) - len(body)
            label_match = _LABEL.match(body)
            label = label_match.group(1).strip() if label_match else ""
            for at, sentence in _sentences(body, offset + lead):
                lo = bisect.bisect_left(starts, at)
                hi = bisect.bisect_left(starts, at + len(sentence))
                named: dict[str, int] = {}
                for start, found in mentions[lo:hi]:
                    for sid in found:
                        named.setdefault(sid, start - at)
                if named:
                    sentences.append(
                        [
                            at,
                            heading,
                            label,
                            sentence[:SENTENCE_CHARS],
                            [[sid, rel] for sid, rel in named.items()],
                        ]
                    )
        offset += len(raw)
    return {"headings": headings, "sentences": sentences}
