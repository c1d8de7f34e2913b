"""Tag skills in resume text with the built taxonomy (a spaCy PhraseMatcher on LOWER, the longest
matches kept with `filter_spans`, then the context rules of `taxonomy/context.py`)."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from taxonomy.context import Context, Mention, resolve
from taxonomy.lexicon import kind_of
from taxonomy.nlp import CachedTokens, make_nlp
from taxonomy.text import NormalisedText, normalise, snippet

ARTIFACT_PATH = Path(__file__).resolve().parent / "data" / "taxonomy.json"
SKILLS_KEY = "skills"
MAX_EVIDENCE = 3
# Fields of work (deep learning, NLP): a list labelled with one, or a job title naming one, claims it.
AREA_CATEGORIES = frozenset({"ml_field"})


@dataclass(frozen=True)
class Evidence:
    """A snippet around one mention; start/end are the mention's offsets in the tagged text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class SkillInfo:
    """A canonical skill as the taxonomy describes it."""

    id: str
    name: str
    category: str
    parent: str | None
    aliases: tuple[str, ...]
    kind: str = "skill"  # "skill" (hard skill) or "competency" (soft skill, leadership, practice)


@dataclass(frozen=True)
class SkillMatch:
    """One skill found in a text, with where and how often."""

    id: str
    name: str
    category: str
    parent: str | None
    mentions: int
    sections: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    kind: str = "skill"

    @property
    def is_competency(self) -> bool:
        """A soft skill, leadership evidence or a way of working, not a hard skill."""
        return self.kind == "competency"

    def to_dict(self) -> dict[str, Any]:
        """The report entry: evidence as strings, offsets as [start, end] pairs."""
        return {
            "id": self.id,
            "name": self.name,
            "category": self.category,
            "parent": self.parent,
            "kind": self.kind,
            "mentions": self.mentions,
            "sections": list(self.sections),
            "evidence": [e.text for e in self.evidence],
            "offsets": [[e.start, e.end] for e in self.evidence],
        }


def split_kinds(matches: Sequence[SkillMatch]) -> tuple[list[SkillMatch], list[SkillMatch]]:
    """(hard skills, competencies), each in the order given."""
    return [m for m in matches if not m.is_competency], [m for m in matches if m.is_competency]


@dataclass(frozen=True)
class PatternInfo:
    """What a matched pattern id means: the skill(s) it names and how much context it needs."""

    skill_ids: tuple[str, ...]
    mode: str


@functools.cache  # one per pattern id, read for every match
def parse_pattern_key(key: str) -> PatternInfo:
    """Pattern ids look like 'gitlab-ci+ci-cd|plain'."""
    ids, _, mode = key.rpartition("|")
    return PatternInfo(tuple(ids.split("+")), mode)


@Language.factory("skill_tagger", default_config={})
def make_skill_tagger(nlp: Language, name: str) -> SkillTagger:
    """Factory for the component; the taxonomy's patterns are given with `configure`."""
    return SkillTagger(nlp)


class SkillTagger:
    """Phrase patterns (PhraseMatcher on LOWER) -> longest candidates -> context rules.

    Reads the normalised text and the Context from doc.user_data; writes the accepted mentions
    to doc.user_data["rolefit_mentions"] and their spans to doc.spans["skills"].
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact_forms: dict[str, set[str]] = {}
        self.alias_index: dict[str, str] = {}
        self.ignore: set[str] = set()
        self.acronyms: set[str] = set()
        self.areas: frozenset[str] = frozenset()

    def configure(
        self,
        *,
        patterns: Sequence[Sequence[str]],
        exact_forms: dict[str, set[str]],
        ignore: set[str],
        areas: frozenset[str] = frozenset(),
    ) -> None:
        """Load [text, "ids|mode"] patterns, the exact forms of ambiguous names, and ignored terms."""
        by_key: dict[str, list[str]] = {}
        for text, key in patterns:
            by_key.setdefault(key, []).append(text)
        for key, texts in sorted(by_key.items()):
            self.matcher.add(key, list(self.nlp.tokenizer.pipe(texts)))
        self.alias_index = {text.lower(): key for text, key in patterns}
        # Acronyms match only when written as acronyms: "BART" the model, not "Bart" the person.
        written_otherwise = {text.lower() for text, _ in patterns if not text.isupper()}
        self.acronyms = {
            text.lower()
            for text, _ in patterns
            if 2 <= len(text) <= 5
            and text.isalpha()
            and text.isupper()
            and text.lower() not in written_otherwise
        }
        self.exact_forms, self.ignore, self.areas = exact_forms, ignore, areas

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.match(doc)
        self.set_annotations(doc, mentions)
        return doc

    def match(self, doc: Doc) -> list[Mention]:
        """Candidates (plus vendor-list expansions), longest first, then the context rules."""
        norm: NormalisedText = doc.user_data["rolefit_text"]
        spans = self.matcher(doc, as_spans=True)
        if self.ignore:
            spans = [s for s in spans if s.text.lower() not in self.ignore]
        spans = filter_spans(self.expand_vendor_lists(doc, spans) + spans)
        mentions = []
        for span in spans:
            info = parse_pattern_key(span.label_)
            start_char, end_char = span.start_char, span.end_char
            src_start, src_end = norm.source_span(start_char, end_char)
            surface = norm.text[start_char:end_char]  # span.text, without joining its tokens again
            mode = info.mode
            if (
                mode == "plain"
                and surface[:1].isupper()
                and surface[1:].islower()
                and surface.lower() in self.acronyms
            ):
                mode = "acronym"  # "Jax" in a skills list is JAX; "Bart Goethals" names a person
            mentions.append(Mention(span.start, span.end, src_start, src_end, info.skill_ids, mode, surface))
        return resolve(doc, mentions, self.exact_forms, doc.user_data["rolefit_context"], norm, self.areas)

    def expand_vendor_lists(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """'AWS (EMR, Glue, Batch)' -> AWS EMR, AWS Glue, AWS Batch: items read with the vendor name."""
        found = []
        for span in spans:
            if span.end >= len(doc) or doc[span.end].text != "(":
                continue
            close = next(
                (i for i in range(span.end + 1, min(span.end + 40, len(doc))) if doc[i].text == ")"), None
            )
            if close is None:
                continue
            start = span.end + 1
            for i in range(span.end + 1, close + 1):
                if doc[i].text in {",", ";", ")", "/"}:
                    item = doc[start:i]
                    key = self.alias_index.get(f"{span.text} {item.text}".lower())
                    if key and len(item):
                        found.append(Span(doc, item.start, item.end, label=key))
                    start = i + 1
        return found

    def set_annotations(self, doc: Doc, mentions: list[Mention]) -> None:
        doc.spans[SKILLS_KEY] = [Span(doc, m.start, m.end, label="+".join(m.skill_ids)) for m in mentions]
        doc.user_data["rolefit_mentions"] = mentions


class Tagger:
    """Finds canonical skills in text; built from a taxonomy artifact (see build.py)."""

    def __init__(self, taxonomy: dict[str, Any]) -> None:
        self.version: str = taxonomy["version"]
        self.idf: dict[str, float] = dict(taxonomy.get("idf", {}))
        self.idf_unseen: float = float(taxonomy.get("idf_unseen", 1.0))
        self._implies = {sid: tuple(s.get("implies", ())) for sid, s in taxonomy["skills"].items()}
        self._named: dict[
            tuple[str, ...], tuple[str, ...]
        ] = {}  # a pattern's skills and their implied skills
        self._skills = {
            sid: SkillInfo(
                sid,
                s["name"],
                s["category"],
                s.get("parent"),
                tuple(s.get("aliases", ())),
                s.get("kind") or kind_of(s["category"]),
            )
            for sid, s in taxonomy["skills"].items()
        }
        self.nlp = make_nlp()
        self._make_doc = CachedTokens(self.nlp)
        component: SkillTagger = self.nlp.add_pipe("skill_tagger")
        self._component = component
        component.configure(
            patterns=taxonomy["patterns"],
            ignore=set(taxonomy.get("ignore", ())),
            areas=frozenset(sid for sid, s in taxonomy["skills"].items() if s["category"] in AREA_CATEGORIES),
            exact_forms={
                sid: set(s.get("ambiguous", ())) | set(s.get("list_only", ()))
                for sid, s in taxonomy["skills"].items()
            },
        )

    def skill(self, skill_id: str) -> SkillInfo | None:
        """Look a canonical skill up by id."""
        return self._skills.get(skill_id)

    def mentions(self, text: str, sections: Sequence[tuple[str, int, int]] = ()) -> list[Mention]:
        """The accepted mentions in text order."""
        return self._run(Context(text, tuple(sections)))

    def _run(self, ctx: Context) -> list[Mention]:
        norm = normalise(ctx.source)
        doc = self._make_doc(norm.text)
        doc.user_data["rolefit_text"] = norm
        doc.user_data["rolefit_context"] = ctx
        # Only the mentions are needed here: the doc's spans (set_annotations) would be built and dropped.
        return self._component.match(doc)

    def tag(self, text: str, sections: Sequence[tuple[str, int, int]] = ()) -> list[SkillMatch]:
        """Skills in `text`; `sections` are (name, start, end) character spans of `text`."""
        ctx = Context(text, tuple(sections))
        grouped: dict[str, list[Mention]] = {}
        for mention in self._run(ctx):
            named = self._named.get(mention.skill_ids)
            if named is None:
                ids = mention.skill_ids
                named = self._named[ids] = tuple(
                    dict.fromkeys(ids + tuple(i for s in ids for i in self._implies.get(s, ())))
                )
            for sid in named:
                found = grouped.setdefault(sid, [])
                if not found or found[-1] is not mention:
                    found.append(mention)
        quoted: dict[tuple[int, int], str] = {}  # a mention's snippet, shared by its skill and the parents
        matches = [
            self._summarise(sid, found, ctx, quoted) for sid, found in grouped.items() if sid in self._skills
        ]
        return sorted(matches, key=lambda m: (-m.mentions, m.name.lower(), m.id))

    def _summarise(
        self, skill_id: str, found: list[Mention], ctx: Context, quoted: dict[tuple[int, int], str]
    ) -> SkillMatch:
        info = self._skills[skill_id]
        found_in = [ctx.section_of(m.src_start) for m in found]
        sections = tuple(dict.fromkeys(found_in))
        # Prefer evidence from prose (experience, projects) over bare list entries.
        ordered = (
            sorted(found, key=lambda m: (ctx.section_of(m.src_start) == "skills", m.src_start))
            if len(found) > 1
            else found
        )
        evidence, seen = [], set()
        for m in ordered:
            text = quoted.get((m.src_start, m.src_end))
            if text is None:
                text = quoted[m.src_start, m.src_end] = snippet(
                    ctx.clauses, m.src_start, m.src_end, bounds=ctx.section_body(m.src_start)
                )
            if text in seen:
                continue
            seen.add(text)
            evidence.append(Evidence(text, m.src_start, m.src_end))
            if len(evidence) == MAX_EVIDENCE:
                break
        return SkillMatch(
            info.id, info.name, info.category, info.parent, len(found), sections, tuple(evidence), info.kind
        )


def read_artifact(path: str | Path | None = None) -> dict[str, Any]:
    """Read a built taxonomy artifact (taxonomy/data/taxonomy.json by default)."""
    return json.loads(Path(path or ARTIFACT_PATH).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=4)
def _load(path: str) -> Tagger:
    return Tagger(read_artifact(path))


def load_tagger(path: str | Path | None = None) -> Tagger:
    """The tagger for an artifact, built once per process and path."""
    return _load(str(Path(path or ARTIFACT_PATH).resolve()))
