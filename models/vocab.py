"""The closed vocabularies every tier speaks: ladder levels, degrees, section kinds, job statuses, error codes.

Pure data (no imports beyond the standard library), so the web tier, the worker and the scoring
models can all import it without pulling in spaCy, scikit-learn or Celery. Everything else imports
these names rather than re-typing the words.
"""

from __future__ import annotations

# The career ladder: 1 entry .. 5 distinguished/principal.
LEVELS: tuple[int, ...] = (1, 2, 3, 4, 5)
# How a report names a (possibly half-step) level in its sentences.
LEVEL_WORDS: dict[float, str] = {
    1: "entry",
    2: "early career",
    2.5: "early career to Engineer II",
    3: "mid (Engineer II)",
    4: "senior/staff",
    5: "distinguished/principal",
}
# How the pages name a level (the long form, and the short one for the ladder on a phone).
LEVEL_NAMES: dict[int, str] = {
    1: "Entry",
    2: "Early career",
    3: "Mid-level",
    4: "Senior / Staff",
    5: "Distinguished / Principal",
}
LEVEL_SHORT_NAMES: dict[int, str] = {1: "Entry", 2: "Early", 3: "Mid", 4: "Senior", 5: "Principal"}
# Typical years at each level: (start, end or None). Used for over-qualification when a role gives
# no maximum ("2+ years"), and to place candidates on the ladder (the 2/5/10 thresholds).
LEVEL_YEARS: dict[int, tuple[float, float | None]] = {
    1: (0, 2),
    2: (1, 5),
    3: (2, 6),
    4: (5, 12),
    5: (10, None),
}

# Degrees the resume parser and the job-description reader produce, lowest first.
DEGREES: tuple[str, ...] = ("none", "bachelor", "master", "phd")
DEGREE_RANK: dict[str, int] = {name: rank for rank, name in enumerate(DEGREES)}
DEGREE_NAMES: dict[str, str] = {  # page labels
    "none": "No degree",
    "bachelor": "Bachelor's degree",
    "master": "Master's degree",
    "phd": "PhD",
}
DEGREE_WORDS: dict[str, str] = {  # in a sentence ("expects a master's degree")
    "none": "no degree",
    "bachelor": "bachelor's degree",
    "master": "master's degree",
    "phd": "PhD",
}

# The kinds of resume section the heading finder names (`worker/resume/sections.py`).
SECTION_KINDS: tuple[str, ...] = (
    "header",
    "summary",
    "experience",
    "education",
    "skills",
    "projects",
    "publications",
    "certifications",
    "leadership",
    "awards",
    "languages",
    "interests",
    "other",
    "mixed",
)

# A job's life: queued -> processing -> done | failed.
QUEUED, PROCESSING, DONE, FAILED = "queued", "processing", "done", "failed"
JOB_STATUSES: tuple[str, ...] = (QUEUED, PROCESSING, DONE, FAILED)
TERMINAL_STATUSES: frozenset[str] = frozenset({DONE, FAILED})
# A batch is running until every job in it is done or failed (then it is done).
RUNNING = "running"
BATCH_STATUSES: tuple[str, ...] = (RUNNING, DONE)

# Why a file cannot be read as a resume (`common.errors.ResumeError`).
RESUME_ERROR_CODES: frozenset[str] = frozenset(
    {
        "empty",
        "unsupported_type",
        "too_large",
        "too_many_pages",
        "encrypted",
        "corrupt",
        "no_text_layer",
        "timeout",
    }
)
# Every code a failed job can carry: the file's own problem, or what happened to the job.
JOB_ERROR_CODES: frozenset[str] = RESUME_ERROR_CODES | {
    "expired",  # the upload's bytes expired before a worker took the job
    "internal",  # the analysis crashed (or stopped a worker several times)
    "unavailable",  # the queue was unreachable when the job was sent
}

# Characters that open a list item. `BULLETS` are the common marks a line starts with;
# `LIST_MARKS` adds the round and square ones; `EXTRACTED_BULLETS` is every mark the text
# extraction normalises (dingbats and arrows included).
BULLETS = "•·▪-–*"
LIST_MARKS = BULLETS + "◦●○■"
EXTRACTED_BULLETS = "•·▪▫■□◦●○◆◇►▶➢➤✓✔❖–-*"
