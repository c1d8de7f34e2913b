"""Context rules that decide whether a candidate mention is a skill of the person.

Two families of rules:
- ambiguous names (C, R, Go, Spark, Excel, Java, ...) need supporting context: a skills list,
  a neighbouring skill in an enumeration, "in/with/using" before them or a technical head noun
  after them; and they are never part of a hyphenated word (Objective-C, go-to-market), a proper
  name (Ruby Okafor, Rust Belt, Express Checkout) or a date (Spring 2026);
- any skill is dropped where the clause says it belongs to someone else (the risk team's
  TensorFlow Serving cluster, "who build and own ... XGBoost", "were written by the hiring
  managers"), names a team (the data science team), a role being recruited for, or an aspiration
  ("looking for", "grow toward machine learning work").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc

from taxonomy.regions import ExcludedRegions
from taxonomy.text import Clauses, NormalisedText, line_bounds

LIST_SECTIONS = {"skills"}
FUNCTION_WORDS = {
    "the",
    "for",
    "across",
    "to",
    "of",
    "by",
    "from",
    "into",
    "a",
    "an",
    "that",
    "which",
    "while",
    "our",
    "was",
    "were",
    "is",
    "are",
    "we",
    "i",
}
# Line breaks and tabs, read as spaces by the cue scans (a regex substitution: ~100x faster than str.translate).
_FLATTEN = re.compile(r"[\n\r\t\f\v]")
PREPOSITIONS = {"in", "with", "using", "via", "on", "into", "through", "use", "used", "uses"}
ENUM_GAP_WORDS = {
    ",",
    "and",
    "or",
    "/",
    "(",
    ")",
    "&",
    ";",
    ":",
    "+",
    "plus",
    "with",
    "to",
    "from",
    "on",
    "in",
    "into",
    "then",
    "as",
    "well",
    "-",
    "–",
    "|",
    "•",
    "▪",
}
TECH_HEADS = {
    "service",
    "services",
    "sidecar",
    "code",
    "codebase",
    "script",
    "scripts",
    "scripting",
    "package",
    "packages",
    "library",
    "libraries",
    "job",
    "jobs",
    "cluster",
    "clusters",
    "app",
    "apps",
    "api",
    "apis",
    "sdk",
    "program",
    "programs",
    "programming",
    "application",
    "applications",
    "developer",
    "developers",
    "module",
    "modules",
    "microservice",
    "microservices",
    "backend",
    "stack",
    "pipeline",
    "pipelines",
    "notebook",
    "notebooks",
    "runtime",
    "tables",
    "table",
    "queries",
    "query",
    "dags",
    "dag",
    "topics",
    "topic",
    "streams",
    "stream",
    "charts",
    "chart",
    "operator",
    "workbook",
    "workbooks",
    "models",
    "model",
    "macros",
    "formulas",
    "reports",
    "report",
    "dashboards",
    "dashboard",
    "kernels",
    "templates",
    "template",
    "server",
    "servers",
    "framework",
    "frameworks",
    "tests",
    "test",
    "cli",
    "tooling",
    "tool",
    "tools",
    "plugin",
    "plugins",
    "extension",
    "extensions",
    "engineer",
    "engineering",
    "mart",
    "marts",
    "connector",
    "connectors",
    "workers",
    "worker",
    "consumers",
    "producers",
    "components",
    "crates",
    "gems",
    "bindings",
    "port",
    "rewrite",
    "version",
    "versions",
    "containers",
    "images",
    "functions",
}
ROLE_NOUNS = {
    "engineer",
    "engineers",
    "scientist",
    "scientists",
    "developer",
    "developers",
    "roles",
    "role",
    "positions",
    "position",
    "candidates",
    "hires",
    "openings",
    "researchers",
}
TEAM_NOUNS = {
    "team",
    "teams",
    "group",
    "groups",
    "org",
    "organization",
    "organisation",
    "department",
    "guild",
    "community",
    "meetup",
    "club",
    "chapter",
    "squad",
    "squads",
}
ORG_WORDS = {
    "Foundation",
    "Institute",
    "Summit",
    "Conference",
    "Academy",
    "Meetup",
    "Society",
    "Association",
    "Award",
    "Awards",
    "Scholarship",
    "Fellowship",
    "Days",
    "Con",
    "Workshop",
    "Symposium",
    "Journal",
    "Conferences",
    "Workshops",
    "Summer",
    "School",
    "Track",
    "Challenge",
    "Hackathon",
}
# A venue's name holds the words before the mention: "In ICML Workshop on Time Series", "Journal of ...".
VENUE_BEFORE = re.compile(
    r"\b(?:Workshop|Symposium|Conference|Journal|Transactions|Proceedings|Summer School|"
    r"Tutorial|Track|Special Issue)\s*(?:on|of|in|for|:)\s+(?:[\w&,/-]+\s+){0,6}$",
    re.IGNORECASE,
)
# Plain literals (not "[Ww]orkshop"): the regex engine then skips ahead on their first letters, 4x faster.
VENUE_WORD = re.compile(
    r"Workshop|workshop|Symposium|symposium|Conference|conference|Journal|journal|Transactions|Proceedings|"
    r"School|Tutorial|Track|Issue"
)
OTHER_WORD = re.compile(r"'s\s|\sby\s")  # a possessive or a passive: something may be someone else's
CONTRAST_WORD = re.compile(r"unlike|instead of|rather than|as opposed|in contrast|alternatives? to|black-box")
# Job titles: "MLOps Engineer", "SENIOR DEVSECOPS ENGINEER", "Data Science Intern".
TITLE_NOUNS = {
    "engineer",
    "engineers",
    "consultant",
    "administrator",
    "admin",
    "developer",
    "architect",
    "scientist",
    "specialist",
    "analyst",
    "intern",
    "manager",
    "lead",
    "director",
    "technician",
    "officer",
}
# The clause sets the skill against the person's own work.
CONTRAST = re.compile(
    r"\b(?:unlike|instead of|rather than|as opposed to|in contrast to|alternatives? to"
    r"|black-box (?:\w+)?\W*(?:such as|like))\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "fine-tuning hyperparameters": the verb, not the ML method.
VERB_OBJECTS = {
    "hyperparameters",
    "parameters",
    "thresholds",
    "settings",
    "rules",
    "queries",
    "processes",
    "workflows",
}
BULLET_LINE = re.compile(r"^\s*(?:[*•▪·–-]|\(cid:\d+\))\s")
YEAR = re.compile(r"^(?:19|20)\d\d$|^'\d\d$")
LINE_STARTERS = {"*", "•", "▪", "–", "-", "·", ":", "|", "(", ",", ";", "/"}
SKILL_LIST_LINE = re.compile(r"^\s*(?:[•▪*·–#>|-]\s*)*[*_`]*[A-Za-z][\w &/+.()-]{0,40}[*_`]*:[*_`]*\s*\S.*,")

ASPIRATION = re.compile(
    r"\b(?:looking (?:for|to)|seeking|hop(?:e|ing) to|aspir\w* to|want(?:ing)? to|wish to|eager to|"
    r"interested in|(?:grow|grew|growing|work|working|move|moving) (?:toward|towards|into)|plan(?:ning)? to learn|"
    r"would like to|learn(?:ing)? about)\b",
    re.IGNORECASE,
)
POSSESSIVE_OTHER = re.compile(
    r"\b(?:the|a|another|other|their|partner|client|customer)\s+(?:[\w&-]+\s+){1,2}(?:team|group|org)'s\s+"
    r"(?:[\w/&.+#-]+\s+){0,2}$",
    re.IGNORECASE,
)
RELATIVE_OTHER = re.compile(
    r"\b(?:team|teams|group|groups|scientists|engineers|analysts|researchers|managers|partners|colleagues|"
    r"vendors?|clients?|customers?)\s*,?\s+(?:who|which|that)\s+(?:\w+\s+){0,3}?(?:build|builds|built|own|"
    r"owns|owned|train|trains|trained|maintain\w*|develop\w*|use|uses|used|run|runs|write|writes|wrote)\b"
    r"|\bthat\s+(?:the|their)\s+(?:[\w-]+\s+){0,2}(?:team|teams|group|scientists|engineers|analysts|org|"
    r"organization)\s+(?:used|uses|built|builds|own|owns|owned|adopted|maintain\w*|wrote|write|run|runs)\b",
    re.IGNORECASE,
)
PASSIVE_OTHER = re.compile(
    r"^[^.;]{0,80}?\b(?:were|was|are|is)\s+(?:\w+\s+)?(?:written|owned|built|trained|maintained|"
    r"developed|defined|chosen|set)\s+by\s+(?:the|their|its|other|another|a|an)\b",
    re.IGNORECASE,
)
RECRUITING = re.compile(
    r"\b(?:interview\w*|hiring|recruit\w*|sourc(?:ed|ing)|requisitions?|job postings?)\b", re.IGNORECASE
)

# The cue patterns above, compiled for lowered text (their literals are all lower case).
_CUE_SCANS = tuple(
    (name, re.compile(pattern.pattern))
    for name, pattern in (
        ("aspiration", ASPIRATION),
        ("relative", RELATIVE_OTHER),
        ("recruiting", RECRUITING),
    )
)


@dataclass
class Mention:
    """A candidate mention: token span in the doc, source char span, and what the pattern says."""

    start: int
    end: int
    src_start: int
    src_end: int
    skill_ids: tuple[str, ...]
    mode: str  # "plain" | "context" | "list" | "acronym" (an acronym written as a word: lists only)
    surface: str
    accepted: bool = False


@dataclass
class Line:
    """The physical line(s) of the source holding a mention, and what the list rules ask of them.

    Mentions share lines (a skills list names many), so each answer is found once per line.
    """

    source: str
    left: int
    right: int

    @cached_property
    def text(self) -> str:
        """The line's text."""
        return self.source[self.left : self.right]

    @cached_property
    def is_prose(self) -> bool:
        """A sentence rather than a list (see `is_prose`)."""
        return is_prose(self.text)

    @cached_property
    def is_labelled_list(self) -> bool:
        """A 'Label: a, b, c' line."""
        return bool(SKILL_LIST_LINE.match(self.text))

    @cached_property
    def has_upper(self) -> bool:
        """Any upper-case letter on the line."""
        return any(c.isupper() for c in self.text)

    @cached_property
    def label(self) -> re.Match[str] | None:
        """The list label the line starts with ('DevOps:', '- Cloud & IaC:'), if any."""
        if self.source.find(":", self.left, self.right) < 0:  # most lines: no colon, no label to look for
            return None
        return LABEL_PREFIX.match(self.source, self.left, self.right)

    @cached_property
    def short_label(self) -> bool:
        """The line has a label of a few words, not a list itself."""
        if self.label is None:
            return False
        label = self.label.group("label")
        return len(label.split()) <= 6 and "," not in label

    @cached_property
    def items_after_label(self) -> bool:
        """A comma in what follows the label."""
        return self.label is not None and "," in self.source[self.label.end() : self.right]

    @cached_property
    def short_heading(self) -> bool:
        """Short, no commas and no bullet: a line that may head the list items below it."""
        stripped = self.text.strip()
        return "," not in stripped and len(stripped.split()) <= 5 and not BULLET_LINE.match(self.text)

    @cached_property
    def wrapped(self) -> bool:
        """The tail of a list wrapped from the line above."""
        return self.source[max(0, self.left - 6) : self.left].rstrip().endswith((",", "&", " and", "/"))

    @cached_property
    def above_bullets(self) -> bool:
        """The next non-empty line is a bullet."""
        return bool(BULLET_LINE.match(self.source[self.right + 1 :].lstrip("\n")))


@dataclass(frozen=True)
class Context:
    """What the rules need besides the doc: the source text and its section spans."""

    source: str
    sections: Sequence[tuple[str, int, int]]

    @cached_property
    def clauses(self) -> Clauses:
        """Clause boundaries of the source, found once per text."""
        return Clauses(self.source)

    @cached_property
    def regions(self) -> ExcludedRegions:
        """Coursework, certificate and degree spans: their words are no skills of the person."""
        return ExcludedRegions(self.source, self.sections)

    @cached_property
    def _cue_positions(self) -> dict[str, list[int]]:
        """Where each kind of ownership cue occurs in the source (searched once per text)."""
        flat = _FLATTEN.sub(" ", self.source)
        lowered = (
            flat.lower()
        )  # case-sensitive scans of lowered text: same matches, about 3x faster than re.I
        positions = {name: [m.start() for m in pattern.finditer(lowered)] for name, pattern in _CUE_SCANS}
        positions["other"] = [m.start() for m in OTHER_WORD.finditer(flat)]
        positions["venue"] = [m.start() for m in VENUE_WORD.finditer(flat)]
        positions["contrast"] = [m.start() for m in CONTRAST_WORD.finditer(lowered)]
        return positions

    def cue_before(self, name: str, offset: int, reach: int = 80) -> bool:
        """Is there a cue of this kind in the `reach` characters before `offset`?"""
        found = self._cue_positions[name]
        return bisect.bisect_left(found, offset - reach) < bisect.bisect_left(found, offset)

    @cached_property
    def _section_names(self) -> dict[int, str]:
        return {}

    def section_of(self, offset: int) -> str:
        """Name of the section span holding `offset`; "other" if none does (found once per offset)."""
        name = self._section_names.get(offset)
        if name is None:
            name = self._section_names[offset] = next(
                (name for name, start, end in self.sections if start <= offset < end), "other"
            )
        return name

    def section_body(self, offset: int) -> tuple[int, int] | None:
        """The span of the section holding `offset`, without its heading line; None outside sections."""
        for _name, start, end in self.sections:
            if start <= offset < end:
                first_break = self.source.find("\n", start, end)
                body_start = first_break + 1 if first_break >= 0 else start
                return (body_start, end) if body_start <= offset else (start, end)
        return None

    @cached_property
    def _clause_cues(self) -> dict[tuple[int, int], frozenset[str]]:
        return {}

    def clause_cues(self, left: int, right: int) -> frozenset[str]:
        """Which kinds of ownership cue a clause holds at all (found once per clause)."""
        cues = self._clause_cues.get((left, right))
        if cues is None:
            cues = self._clause_cues[left, right] = frozenset(
                name
                for name, found in self._cue_positions.items()
                if bisect.bisect_left(found, left) < bisect.bisect_left(found, right)
            )
        return cues

    @cached_property
    def _lines(self) -> dict[tuple[int, int], Line]:
        return {}

    def line(self, start: int, end: int) -> Line:
        """The line(s) holding [start, end), one `Line` per span asked for."""
        bounds = line_bounds(self.source, start, end)
        found = self._lines.get(bounds)
        if found is None:
            found = self._lines[bounds] = Line(self.source, *bounds)
        return found


def in_skill_list(mention: Mention, ctx: Context) -> bool:
    """Inside a skills section (on a line that is no sentence), or on a 'Label: a, b, c' line."""
    line = ctx.line(mention.src_start, mention.src_end)
    if ctx.section_of(mention.src_start) in LIST_SECTIONS and not line.is_prose:
        return True
    return line.is_labelled_list


def is_prose(line: str) -> bool:
    """A sentence rather than a list: words that join a sentence ('backup across Exchange, SharePoint and Teams')."""
    words = line.lower().split()
    return len(words) >= 8 and sum(w in FUNCTION_WORDS for w in words) >= 2


def lowercase_list(m: Mention, exact_forms: set[str], ctx: Context) -> bool:
    """A name written all in lower case inside a list line written all in lower case ('chef, packer, vault')."""
    if not m.surface.islower() or m.surface not in {f.lower() for f in exact_forms}:
        return False
    line = ctx.line(m.src_start, m.src_end)
    return "," in line.text and not line.has_upper


def hard_negative(doc: Doc, m: Mention, exact_forms: set[str], ctx: Context) -> bool:
    """Reasons an ambiguous name is never a skill here, whatever the context."""
    shouted = len(m.surface) > 2 and m.surface.isupper() and m.surface in {f.upper() for f in exact_forms}
    if m.surface not in exact_forms and not shouted and not lowercase_list(m, exact_forms, ctx):
        return True
    before = ctx.source[m.src_start - 1] if m.src_start > 0 else " "
    after = ctx.source[m.src_end] if m.src_end < len(ctx.source) else " "
    if before in "-&'’" or after in "-&" or (after in "'’" and ctx.source[m.src_end : m.src_end + 2] != "'s"):
        return True
    if before.isalnum() or after.isalnum():  # 'C9, C10' grant codes, 'R2D2'
        return True
    nxt = doc[m.end] if m.end < len(doc) else None
    return nxt is not None and bool(YEAR.match(nxt.text))


def proper_name_neighbour(
    doc: Doc, m: Mention, covered: set[int], ctx: Context, norm: NormalisedText
) -> bool:
    """A capitalised non-skill word glued before or after: part of a name (Ruby Okafor, Rust Belt)."""
    if m.end < len(doc):
        nxt = doc[m.end]
        same_line = "\n" not in ctx.source[m.src_end : norm.to_source(nxt.idx)]
        if (
            same_line
            and nxt.is_alpha
            and nxt.text[0].isupper()
            and len(nxt.text) > 1
            and m.end not in covered
            and not nxt.is_upper
        ):
            return True
    if m.start >= 2:
        prev, prev2 = doc[m.start - 1], doc[m.start - 2]
        same_line = "\n" not in ctx.source[norm.to_source(prev2.idx) : m.src_start]
        if (
            same_line
            and prev.is_alpha
            and prev.text[0].isupper()
            and len(prev.text) > 1
            and (m.start - 1) not in covered
            and not prev.is_upper
            and prev2.text not in LINE_STARTERS
            and not prev2.is_punct
        ):
            return True
    return False


def supported(
    doc: Doc, m: Mention, by_start: dict[int, Mention], by_end: dict[int, Mention], ctx: Context
) -> bool:
    """Positive context for an ambiguous name: list, neighbour skill, preposition or head noun.

    `by_start` and `by_end` index the candidate mentions by their first and past-the-end tokens.
    """
    if in_skill_list(m, ctx):
        return True
    prev = doc[m.start - 1].lower_ if m.start > 0 else ""
    if prev in PREPOSITIONS:
        return True
    heads = [doc[i].lower_ for i in range(m.end, min(m.end + 2, len(doc)))]
    if heads and (
        heads[0] in TECH_HEADS or (len(heads) > 1 and heads[1] in TECH_HEADS and doc[m.end].is_lower)
    ):
        return True
    for step in (-1, 1):
        i = m.start if step < 0 else m.end - 1
        for _ in range(4):  # up to three separator tokens between two skills
            i += step
            other = by_end.get(i + 1) if step < 0 else by_start.get(i)
            if other is not None:
                if other.accepted or other.mode == "plain":
                    return True
                break
            if not 0 <= i < len(doc) or doc[i].lower_ not in ENUM_GAP_WORDS:
                break
    return False


def owned_by_others(doc: Doc, m: Mention, ctx: Context) -> bool:
    """The clause gives the skill to someone else, names a team, recruits for it or wishes for it."""
    nxt = doc[m.end].lower_ if m.end < len(doc) else ""
    if nxt in TEAM_NOUNS:
        return True
    left, right = ctx.clauses.around(m.src_start, m.src_end)
    cues = ctx.clause_cues(left, right)
    if not cues:
        return False
    if nxt in ROLE_NOUNS and "recruiting" in cues:
        return True
    pre = " ".join(ctx.source[left : m.src_start].split()) + " "
    if "aspiration" in cues and ASPIRATION.search(pre):
        return True
    if "relative" in cues and RELATIVE_OTHER.search(pre):
        return True
    if "'s " in pre and POSSESSIVE_OTHER.search(pre):
        return True
    post = " ".join(ctx.source[m.src_end : right].split())
    return " by " in post and bool(PASSIVE_OTHER.search(post))


def names_an_org(doc: Doc, m: Mention, ctx: Context | None = None) -> bool:
    """'The Linux Foundation', 'PyData Summit', 'ICML Workshop on Time Series': a skill word inside a name."""
    for i in range(m.end, min(m.end + 4, len(doc))):  # "Computer Vision and Pattern Recognition Conference"
        token = doc[i]
        if token.text in ORG_WORDS:
            return True
        if not (token.text[:1].isupper() or token.lower_ in {"and", "of", "&"}):
            break
    if ctx is None or not ctx.cue_before("venue", m.src_start):
        return False
    left = max(ctx.source.rfind(". ", 0, m.src_start), m.src_start - 80)
    return bool(VENUE_BEFORE.search(" ".join(ctx.source[left + 1 : m.src_start].split()) + " "))


def names_a_job_title(doc: Doc, m: Mention) -> bool:
    """'MLOps Engineer', 'SENIOR UNIX ADMINISTRATOR', 'Machine Learning Operations Engineer': a title, not a skill."""
    for i in range(m.end, min(m.end + 2, len(doc))):
        token = doc[i]
        if token.lower_ in TITLE_NOUNS and token.text[:1].isupper():
            return True
        if not (token.text[:1].isupper() and token.is_alpha):
            return False
    return False


def used_otherwise(doc: Doc, m: Mention, ctx: Context) -> bool:
    """Set against the person's work ("unlike deep learning"), owned by a company ("Salesforce's platform"),
    or a verb with an ordinary object ("fine-tuning hyperparameters")."""
    after = ctx.source[m.src_end : m.src_end + 2]
    if after in {"'s", "’s"} and not m.surface.isupper():
        return True
    if m.end < len(doc) and m.surface.lower().endswith("ing") and doc[m.end].lower_ in VERB_OBJECTS:
        return True
    if not ctx.cue_before("contrast", m.src_start):
        return False
    left, _ = ctx.clauses.around(m.src_start, m.src_end)
    return bool(
        CONTRAST.search(" ".join(ctx.source[max(left, m.src_start - 80) : m.src_start].split()) + " ")
    )


# A list line's label: "DevOps:", "**ML Ops:**", "- Cloud & IaC:", "MLOps & Deployment -" before its items.
LABEL_PREFIX = re.compile(r"[\s*•▪·#_>|`-]*(?P<label>[^:\n]{1,60}?)[\s*_`]*:(?!//)[\s*_`]*(?=\S)")
MONTHS = {
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}


def group_label(m: Mention, ctx: Context) -> bool:
    """A name heading a group of list items ('MLOps' or 'Cloud and DevOps' above bullets, 'Cloud: ...')."""
    in_list = ctx.section_of(m.src_start) in LIST_SECTIONS
    line = ctx.line(m.src_start, m.src_end)
    if line.short_label and m.src_end <= line.label.end("label") and (in_list or line.items_after_label):
        return True
    if not in_list and ctx.sections:
        return False
    heading = line.text.strip() == ctx.source[m.src_start : m.src_end] or (in_list and line.short_heading)
    return heading and not line.wrapped and line.above_bullets


def names_an_employer(doc: Doc, m: Mention, ctx: Context) -> bool:
    """'| Salesforce February 2022', 'Engineer at Databricks': an employer's name, not a skill."""
    if m.end < len(doc):
        nxt = doc[m.end]
        if nxt.lower_.rstrip(".") in MONTHS or YEAR.match(nxt.text):
            same_line = "\n" not in ctx.source[m.src_end : m.src_end + max(1, nxt.idx - doc[m.end - 1].idx)]
            if same_line:
                return True
    prev = doc[m.start - 1].lower_ if m.start > 0 else ""
    if prev in {"at", "@"} and m.surface[:1].isupper():
        after = ctx.source[m.src_end : m.src_end + 2]
        return after[:1] in {"", "\n", ",", "(", "|", ";", "–", "—"} or after in {
            " (",
            " |",
            " –",
            " —",
            " -",
        }
    return False


def part_of_another_word(m: Mention, ctx: Context) -> bool:
    """'gd2md-html', '<html>', "SQL's generated" (sales leads): the name is part of something else.

    A lowercase name glued after a hyphen is part of an identifier; 'Multi-RAG' or 'Py-Spark' are not.
    """
    before = ctx.source[max(0, m.src_start - 2) : m.src_start]
    if before[-1:] == "<" or before == "</":
        return True
    if before[-1:] == "-" and before[:1].isalnum() and m.surface.islower() and " " not in m.surface:
        return True
    if not (m.surface.isupper() and len(m.surface) <= 4):
        return False
    after = ctx.source[m.src_end : m.src_end + 3]
    return (
        after[:2] in {"'s", "’s"} and after[2:] == " " and ctx.source[m.src_end + 3 : m.src_end + 4].islower()
    )


def excluded(doc: Doc, m: Mention, ctx: Context, areas: frozenset[str] = frozenset()) -> bool:
    """Reasons any mention (ambiguous or not) is not a skill of the person.

    A field of work (`areas`: deep learning, NLP) heading a list of its methods, or named in a job title,
    is claimed by that list or job; any other list label or title word is not a skill.
    """
    is_area = areas.issuperset(m.skill_ids)
    return (
        ctx.regions.reason(m.src_start, m.src_end) is not None
        or part_of_another_word(m, ctx)
        or names_an_org(doc, m, ctx)
        or (not is_area and names_a_job_title(doc, m))
        or names_an_employer(doc, m, ctx)
        or used_otherwise(doc, m, ctx)
        or (not is_area and group_label(m, ctx))
        or owned_by_others(doc, m, ctx)
    )


def slash_compound(doc: Doc, m: Mention, covered: set[int]) -> bool:
    """'connection/data mining': glued by a slash to an ordinary lowercase word, the name is part of a phrase.
    Between two skills ('ETL/ELT', 'Git/GitHub') the slash lists alternatives."""
    for slash, word in ((m.start - 1, m.start - 2), (m.end, m.end + 1)):
        if (
            0 <= word < len(doc)
            and 0 <= slash < len(doc)
            and doc[slash].text == "/"
            and not doc[slash].whitespace_
            and not doc[slash - 1 if slash < m.start else slash].whitespace_
            and doc[word].is_alpha
            and doc[word].is_lower
            and word not in covered
        ):
            return True
    return False


def resolve(
    doc: Doc,
    mentions: list[Mention],
    exact_forms: dict[str, set[str]],
    ctx: Context,
    norm: NormalisedText,
    areas: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Accept the mentions that are the person's skills; returns them in text order."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    mentions = [m for m in mentions if not slash_compound(doc, m, covered)]
    for m in mentions:
        m.accepted = m.mode == "plain" and not excluded(doc, m, ctx, areas)
    pending = [m for m in mentions if m.mode != "plain"]
    for m in pending:
        forms = set().union(*(exact_forms.get(i, set()) for i in m.skill_ids))
        if m.mode == "acronym":  # an acronym written as a word ("Jax"): the form is fine, a list must vouch
            forms.add(m.surface)
        if (
            hard_negative(doc, m, forms, ctx)
            or proper_name_neighbour(doc, m, covered, ctx, norm)
            or excluded(doc, m, ctx, areas)
        ):
            m.mode = "rejected"
    # Mentions never overlap: each start and each end belongs to one mention, and the tokens `supported`
    # looks up lie outside the mention it asks about, so one index serves every mention.
    by_start, by_end = {o.start: o for o in mentions}, {o.end: o for o in mentions}
    for _ in range(2):  # twice, so that "Go and Java" support each other once one is anchored
        for m in pending:
            if m.mode == "rejected" or m.accepted:
                continue
            if m.mode in ("list", "acronym"):
                m.accepted = in_skill_list(m, ctx)
            else:
                m.accepted = supported(doc, m, by_start, by_end, ctx)
    return [m for m in mentions if m.accepted]
