"""Find section headings ("Work History", "TECHNICAL SKILLS", "Talks and Patents") and their spans."""

from __future__ import annotations

import re

from models.vocab import BULLETS
from worker.resume.model import Section

# Exact headings (normalised: lower case, "&" -> "and", punctuation dropped).
_HEADINGS: dict[str, str] = {}
_BY_SECTION = {
    "summary": (
        "summary|profile|professional summary|career summary|executive summary|about|about me|"
        "objective|career objective|professional profile|overview|personal statement|"
        "introduction|highlights|summary of qualifications|qualifications summary|"
        "career profile"
    ),
    "experience": (
        "experience|work experience|professional experience|work history|employment|"
        "employment history|career history|relevant experience|industry experience|"
        "professional background|positions|experience and projects|work|career|"
        "professional history|relevant work experience|research experience|teaching experience|"
        "additional experience|other experience|selected experience|engineering experience|"
        "technical experience|internships|internship experience"
    ),
    "education": (
        "education|academic background|education and training|academics|academic history|"
        "education and certifications|education and qualifications|qualifications|degrees|"
        "academic qualifications|formal education"
    ),
    "skills": (
        "skills|technical skills|core skills|key skills|skills and tools|tools|"
        "tools and technologies|technologies|tech stack|technical stack|competencies|"
        "core competencies|expertise|areas of expertise|skills and expertise|"
        "technical expertise|technical proficiencies|proficiencies|skill set|skillset|"
        "certifications and skills|skills and certifications|skills and interests|"
        "technical summary|programming languages|software|strengths"
    ),
    "projects": (
        "projects|selected projects|personal projects|side projects|key projects|"
        "academic projects|open source|open source contributions|open source projects|"
        "projects and open source|portfolio|technical projects|research projects|research"
    ),
    "publications": (
        "publications|selected publications|papers|talks|talks and patents|patents|"
        "publications and talks|talks and publications|conference talks|presentations|speaking|"
        "talks and service|patents and publications|publications and patents|"
        "research and publications|invited talks"
    ),
    "certifications": (
        "certifications|certificates|certification|licenses|licenses and certifications|"
        "certifications and licenses|training|courses|professional development|"
        "certifications and open source|certifications and training|"
        "training and certifications|continuing education|accreditations"
    ),
    "leadership": (
        "leadership|leadership and mentoring|leadership and community|mentoring|community|"
        "teaching and community|volunteering|volunteer|volunteer experience|"
        "community involvement|activities|extracurricular activities|leadership experience|"
        "service|professional service|affiliations|memberships|professional affiliations|"
        "leadership and activities|community service|outreach"
    ),
    "awards": (
        "awards|honors|honours|awards and honors|honors and awards|achievements|"
        "awards and achievements|recognition|scholarships|accomplishments"
    ),
    "languages": ("languages|spoken languages|language skills|languages spoken"),
    "interests": (
        "interests|hobbies|personal interests|hobbies and interests|interests and hobbies|"
        "outside work|personal"
    ),
    # headings that close the previous section but carry nothing we score
    "other": (
        "references|referees|references available upon request|additional information|"
        "additional|contact|contact information|contact details|personal details|"
        "personal information|details|miscellaneous|other|misc|links|online profiles|social|"
        "coursework|relevant coursework|selected coursework|courses taken|availability|"
        "visa status|work authorization|declaration"
    ),
}
for _name, _alts in _BY_SECTION.items():
    for _alt in _alts.split("|"):
        _HEADINGS.setdefault(_alt, _name)

# Headings that are also common sub-headings inside another section ("Languages" within Skills).
_AMBIGUOUS = {
    "languages",
    "tools",
    "software",
    "research",
    "work",
    "career",
    "personal",
    "service",
    "community",
    "positions",
    "strengths",
    "qualifications",
    "courses",
    "training",
    "programming languages",
    "technologies",
}
_SPOKEN = re.compile(
    r"\b(english|spanish|french|german|mandarin|chinese|cantonese|hindi|arabic|portuguese|"
    r"japanese|korean|italian|russian|polish|dutch|swedish|norwegian|danish|finnish|turkish|"
    r"greek|hebrew|urdu|bengali|tamil|telugu|vietnamese|thai|indonesian|malay|tagalog|swahili|"
    r"ukrainian|czech|romanian|hungarian|persian|farsi|native|fluent|bilingual|"
    r"proficiency|conversational)\b",
    re.IGNORECASE,
)
_KEYWORDS = [  # a heading made of these words, when no exact form matched: first keyword wins
    ("experience", "experience|employment|work|working|career|appointments|positions|ranks|tenure"),
    ("education", "education|educational|academic|degrees|qualifications?"),
    ("skills", "skills|competencies|proficiencies|expertise|technologies|tools"),
    ("projects", "projects|portfolio"),
    ("publications", "publications|papers|talks|patents|presentations|conferences|lectures|seminars"),
    ("certifications", "certifications|certificates|licenses|training"),
    ("leadership", "leadership|mentoring|volunteering|volunteer|community|activities|involvement"),
    ("awards", "awards|honors|honours|achievements|grants|funding"),
    ("summary", "summary|profile|objective"),
    ("interests", "interests|hobbies"),
    ("other", "references|coursework|contact"),
]
_FILLER = {
    "and",
    "of",
    "my",
    "other",
    "selected",
    "relevant",
    "additional",
    "key",
    "professional",
    "technical",
    "recent",
    "select",
    "the",
    "&",
    "core",
    "personal",
    "academic",
    "industry",
}
_LINE = re.compile(r"[^\n]*")
_NUMBERED = re.compile(
    r"^\s*(?:\d{1,2}|[IVX]{1,4}|[A-H])[.)]\s+(?=[A-Z])"
)  # "3. HIGHER EDUCATION", "IV. Talks"
# Sections an inline "Label: text" line may not leave: "Tech Stack: ..." under a role stays in the role.
_KEEPS_INLINE = {"experience", "projects", "leadership", "education", "mixed"}
_ROLE_LABELS = {  # "Tech Stack: …", "Summary: …" under a role describe the role
    "tech stack",
    "technical stack",
    "stack",
    "summary",
    "highlights",
    "achievements",
    "accomplishments",
    "key skills",
    "core skills",
    "skills used",
    "overview",
    "profile",
}
_INLINE = re.compile(r"^\s*([A-Za-z][A-Za-z &/]{2,40}?)\s*:\s*\S")


_BRACKETED = re.compile(r"\(.*?\)")
_NOT_LETTERS = re.compile(r"[^a-z ]+")
_DIGIT = re.compile(r"\d")
_KEYWORD_RES = [(section, re.compile(pattern)) for section, pattern in _KEYWORDS]


def normalise_heading(line: str) -> str:
    text = line.strip().lower().replace("&", " and ").replace("/", " and ")
    text = _BRACKETED.sub(" ", text)  # "Publications (selected)"
    return " ".join(_NOT_LETTERS.sub(" ", text).split())


def heading_name(line: str, following: str = "") -> str | None:
    """The section a heading line opens, or None if the line is not a heading."""
    name, ambiguous = _named_heading(line)
    if ambiguous:
        # "Languages" over "Python, SQL" is a skills sub-heading; over "English (native)" a section.
        return name if name == "languages" and _SPOKEN.search(following[:200]) else None
    return name


def _named_heading(line: str) -> tuple[str | None, bool]:
    """(section, ambiguous): the section a heading line would open, and whether it is one of the
    _AMBIGUOUS headings written in mixed case, which only open a section as heading_name decides."""
    raw = line.strip().strip(":").strip()
    numbered = _NUMBERED.match(raw)
    if numbered and raw[numbered.end() :].isupper():
        # A numbered capitals heading of an academic CV: named by its first keyword, however long.
        words = normalise_heading(raw[numbered.end() :]).split()
        if 0 < len(words) <= 10:
            for section, pattern in _KEYWORD_RES:
                if any(pattern.fullmatch(w) for w in words):
                    return section, False
            return "other", False
    if not raw or len(raw) > 48 or raw[-1:] in ".,;" or _DIGIT.search(raw):
        return None, False
    if raw[:1] in BULLETS or raw.count(" ") > 5:
        return None, False
    key = normalise_heading(raw)
    if not key:
        return None, False
    name = _HEADINGS.get(key)
    if name is None:
        words = key.split()
        if len(words) > 5 or not raw[:1].isupper():
            return None, False
        for section, pattern in _KEYWORD_RES:
            if any(pattern.fullmatch(w) for w in words):
                others = [w for w in words if not pattern.fullmatch(w)]
                if all(w in _FILLER or _HEADINGS.get(w) for w in others):
                    name = section
                    break
        if name is None:
            return None, False
    return name, key in _AMBIGUOUS and not raw.isupper()


def find_sections(text: str) -> tuple[Section, ...]:
    """Sections in order; text before the first heading is the "header" (name and contact)."""
    starts: list[tuple[int, str]] = []
    lines = [(m.start(), m.group()) for m in _LINE.finditer(text) if m.group() or m.start() < len(text)]
    found: list[tuple[int, str, str]] = []
    for i, (pos, line) in enumerate(lines):
        name, ambiguous = _named_heading(line)
        if ambiguous:  # the lines below decide (joined only for these few lines)
            name = heading_name(line, " ".join(ln for _, ln in lines[i + 1 : i + 4]))
        if name is None:
            inline = _INLINE.match(line)
            label = normalise_heading(inline.group(1)) if inline else ""
            if label and _HEADINGS.get(label) and label not in _AMBIGUOUS:
                name = _HEADINGS[label]
                current = found[-1][1] if found else "header"
                if current in _KEEPS_INLINE and label in _ROLE_LABELS:
                    name = None
        if name is not None:
            found.append((pos, name, line.strip()))
    for pos, name, _line in found:
        if starts and starts[-1][1] == name and text[starts[-1][0] : pos].count("\n") <= 1:
            continue  # a heading split over two lines
        starts.append((pos, name))
    starts = _unstack(text, starts)
    sections: list[Section] = []
    first = starts[0][0] if starts else len(text)
    if text[:first].strip():
        sections.append(Section("header", 0, first))
    for i, (pos, name) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        sections.append(Section(name, pos, end))
    return tuple(sections)


def _unstack(text: str, starts: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Three or more headings on consecutive lines are a sidebar's labels, not sections: what follows
    them holds all of those sections in turn, so it becomes one "mixed" section."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(starts):
        j = i
        while j + 1 < len(starts) and _bare_heading(text[starts[j][0] : starts[j + 1][0]]):
            j += 1
        if j - i >= 2:
            out.append((starts[i][0], "mixed"))
        else:
            out.extend(starts[i : j + 1])
        i = j + 1
    return out


def _bare_heading(gap: str) -> bool:
    """A heading with nothing under it before the next one (one line, or one split over two)."""
    return gap.count("\n") <= 2 and len(gap) <= 48
