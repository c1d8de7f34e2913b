"""Name, email, phone and profile links from the top of a resume."""

from __future__ import annotations

import re

from models.text import fold_case
from worker.resume.education import degree_named
from worker.resume.model import Contact
from worker.resume.sections import heading_name

# The lookbehind starts a match only where a run of local-part characters starts: without it a long
# run with no '@' costs quadratic time (each position scans to the run's end).
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
PHONE = re.compile(
    r"(?<![\w/.@-])(?:\+\s?\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d[\d\s.-]{5,16}\d(?![\w/@-])"
)
URL = re.compile(
    r"(?:https?://|www\.)[^\s|,;<>()\"']+|(?<![\w@.])(?:linkedin\.com|github\.com|gitlab\.com|"
    r"kaggle\.com|scholar\.google\.com|medium\.com|behance\.net|dribbble\.com)/[^\s|,;<>()\"']+",
    re.IGNORECASE,
)
_URL_FOLDED = re.compile(URL.pattern)  # the same, case-sensitive, for fold_case(text): faster
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|[a-zà-ÿ]{1,3}|Dr\.|Mr\.|Ms\.|Mrs\.|Prof\.)$")
_NOT_NAME = re.compile(
    r"\b(resume|résumé|curriculum|vitae|cv|engineer|developer|scientist|manager|analyst|"
    r"summary|profile|contact|page|email|phone|address|objective|github|linkedin|gitlab|portfolio|"
    r"website|blog|twitter|student|permitted|authori[sz]ed|visa|llc|inc|ltd|corp|gmbh|company|"
    r"university|college|school|institute|academy|experience|education|employment|history|skills|"
    r"projects|work|minor|major|modeling|modelling|learning|science|data|tech|technology|"
    r"applications|guy|remote|hybrid|relocate)\b",
    re.IGNORECASE,
)
_COUNTRIES = (
    r"(?:USA|United States|India|Canada|Germany|United Kingdom|UK|France|Spain|Italy|Netherlands|"
    r"Australia|China|Japan|Brazil|Mexico|Ireland|Israel|Singapore|Switzerland|Poland|Nigeria|Pakistan|"
    r"Bangladesh|Georgia|Ukraine|Sweden|Norway|Denmark|Finland|Austria|Belgium|Portugal)\b"
)
_SEPARATORS = re.compile(r"\s*(?:\||•|·|,|\t| {3,}| – | — |:\s)\s*")
_NON_DIGITS = re.compile(r"\D")
_DIGIT_GROUP = re.compile(r"\d+")
_YEAR = re.compile(r"(19|20)\d\d")
_DAY_OR_MONTH = re.compile(r"(19|20)\d\d[-/.\s]\d{1,2}([-/.\s]\d{1,2})?")
_MONTH_OF_YEAR = re.compile(r"(?<!\d)(0?[1-9]|1[0-2])[./](19|20)\d\d(?!\d)")
_DIGIT = re.compile(r"\d")
_STATE = re.compile(r",\s*[A-Z]{2}\b")


def find_email(text: str) -> str | None:
    match = EMAIL.search(text)
    return match.group().rstrip(".") if match else None


def find_phone(text: str) -> str | None:
    """The first phone-like number with 7 to 15 digits that is not a date, a year range or an id."""
    for match in PHONE.finditer(text):
        candidate = match.group().strip(" .-")
        digits = _NON_DIGITS.sub("", candidate)
        if not 7 <= len(digits) <= 15:
            continue
        groups = _DIGIT_GROUP.findall(candidate)
        if len(groups) > 5 or (
            len(groups) == 1 and not candidate.startswith("+") and len(digits) not in (10, 11)
        ):
            continue
        if all(_YEAR.fullmatch(g) for g in groups):
            continue  # "2019 - 2022"
        if _DAY_OR_MONTH.fullmatch(candidate):
            continue  # a date
        if _MONTH_OF_YEAR.search(candidate):
            continue  # "04.2023 - 11.2023": months of a role
        if "  " in candidate:
            continue
        return candidate
    return None


def find_links(text: str) -> tuple[str, ...]:
    links: list[str] = []
    for match in _URL_FOLDED.finditer(fold_case(text)):
        link = text[match.start() : match.end()].rstrip(".,;:)")  # as written
        if "@" in link:
            continue
        if link.lower() not in (x.lower() for x in links):
            links.append(link)
    return tuple(links)


def find_name(header: str) -> str | None:
    """The first line (or first field of a line) near the top that reads like a person's name."""
    for line in [ln.strip() for ln in header.split("\n") if ln.strip()][:6]:
        for field in _SEPARATORS.split(line)[:2]:
            field = field.strip()
            if field and re.search(re.escape(field) + r"\s*,\s*(?:[A-Z]{2}\b|" + _COUNTRIES + r")", line):
                continue  # "San Francisco, CA", "Pune, India": a place
            if _looks_like_name(field):
                return field
    return None


def _looks_like_name(text: str) -> bool:
    """A person's name: never a heading, a skill, a school, a degree, a city or a label; when unsure, no."""
    if not 2 <= len(text) <= 60 or EMAIL.search(text) or URL.search(text) or _DIGIT.search(text):
        return False
    if _NOT_NAME.search(text) or heading_name(text) is not None or degree_named(text):
        return False
    if _STATE.search(text):  # "San Francisco, CA"
        return False
    words = text.split()
    if not 1 <= len(words) <= 5 or (len(words) == 1 and text.isascii()):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper())
    if all(_NAME_WORD.match(w) for w in words) and capitalised >= 2:
        return True
    # scripts without capitals (CJK, Arabic, Devanagari...): letters only, one to four words
    caseless = all(
        ch.isalpha() and not ch.isupper() and not ch.islower() for w in words for ch in w if ch not in ".-'’"
    )
    return caseless and 1 <= len(words) <= 4


def find_contact(text: str, header: str) -> Contact:
    """Contact details: the header block first, then the whole text."""
    top = header if header.strip() else text[:1500]
    email = find_email(top) or find_email(text)
    phone = find_phone(top) or find_phone(text[:3000])
    top_links = find_links(top)
    links = top_links + tuple(x for x in find_links(text) if x not in top_links)
    # Only the top of the resume names its owner: a line further down is a title, a school or a
    # city more often than a name, and an empty name is better than a wrong one.
    name = find_name(top if header.strip() else "\n".join(text.split("\n", 3)[:3]))
    return Contact(name=name, email=email, phone=phone, links=links[:8])
