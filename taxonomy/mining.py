"""Mine candidate skill phrases from role documents with spaCy's rule-based Matcher.

Candidates come from the places where job descriptions name skills: parentheticals
("frameworks (TensorFlow, PyTorch)"), "such as ..." and "experience with/in ...", comma
enumerations, and capitalised technology names (PyTorch, MLflow, S3). Each candidate is then
canonicalised through the lexicon's aliases; the rest is kept for curators to review.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

CUES = [
    "such as",
    "experience with",
    "experience in",
    "proficiency in",
    "proficient in",
    "familiarity with",
    "familiar with",
    "knowledge of",
    "expertise in",
    "skilled in",
    "using",
    "like",
    "including",
    "e.g.",
]
SEPARATORS = {",", ";", "and", "or", "/", "&", "etc", "etc."}
STOP = {".", "(", ")", ":", "\n", "!", "?"}
TECH_SHAPE = re.compile(
    r"^(?:[A-Z]?[a-z]+[A-Z][A-Za-z]*|[A-Z][A-Za-z]*\d[A-Za-z0-9]*|[A-Z]{2,}[a-z]*|.+\.js|.+[#+]{1,2})$"
)


def make_matcher(nlp: Language) -> Matcher:
    """Token patterns for the cue phrases and parentheses that open a list of skills."""
    matcher = Matcher(nlp.vocab)
    matcher.add("CUE", [[{"LOWER": w} for w in cue.split()] for cue in CUES])
    matcher.add("PAREN", [[{"ORTH": "("}]])
    return matcher


def split_items(doc: Doc, start: int, limit: int = 30) -> list[Span]:
    """Items of an enumeration starting at token `start`, until a stop token."""
    items, begin = [], start
    for i in range(start, min(len(doc), start + limit) + 1):
        if i == len(doc) or doc[i].text in STOP or doc[i].lower_ in SEPARATORS or doc[i].is_space:
            if i > begin:
                items.append(doc[begin:i])
            if i == len(doc) or doc[i].text in STOP:
                break
            begin = i + 1
    return [s for s in items if 1 <= len(s) <= 5]


def mine_candidates(nlp: Language, text: str) -> Counter[str]:
    """Candidate phrases (as written) with how often the document offers them."""
    doc = nlp.make_doc(text)
    found: Counter[str] = Counter()
    for match_id, start, end in make_matcher(nlp)(doc):
        for item in split_items(doc, end):
            found[clean(item.text)] += 1
    for token in doc:
        if TECH_SHAPE.match(token.text) and not token.is_sent_start:
            found[clean(token.text)] += 1
    return Counter({k: v for k, v in found.items() if k})


def clean(phrase: str) -> str:
    """Trim articles and stray punctuation from a candidate phrase."""
    phrase = re.sub(r"^(?:the|a|an|and|or|with|in|of)\s+", "", phrase.strip(" -–•*\"'"), flags=re.IGNORECASE)
    return " ".join(phrase.split())


def canonicalise(candidates: Counter[str], alias_index: dict[str, str]) -> tuple[Counter[str], Counter[str]]:
    """Split candidates into canonical skill ids (via lowercase aliases) and unmatched phrases."""
    matched: Counter[str] = Counter()
    unmatched: Counter[str] = Counter()
    for phrase, count in candidates.items():
        skill_id = alias_index.get(phrase.lower())
        if skill_id:
            matched[skill_id] += count
        else:
            unmatched[phrase] += count
    return matched, unmatched


def top_unmatched(unmatched: Counter[str], limit: int = 30) -> list[str]:
    """The most offered unmatched phrases, deterministic order, for curators."""
    keep = [(c, p) for p, c in unmatched.items() if any(ch.isupper() for ch in p) or c > 1]
    return [p for c, p in sorted(keep, key=lambda cp: (-cp[0], cp[1].lower(), cp[1]))[:limit]]
