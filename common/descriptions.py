"""What a job description may be, in either tier: its length bounds and its content identity.

The web tier checks pasted text before it stores anything; the worker checks the text it read from
a job-description file by the same rules, with the same words.
"""

from __future__ import annotations

import hashlib

MIN_DESCRIPTION_CHARS = 40  # a few sentences; less is no job description
MAX_TITLE_CHARS = 120


def text_digest(text: str) -> str:
    """The identity of a job description's content: whitespace and case do not make a new role."""
    return hashlib.sha256(" ".join(text.split()).lower().encode()).hexdigest()


def too_short(text: str) -> bool:
    return len(text.strip()) < MIN_DESCRIPTION_CHARS


def too_long_message(text: str, limit: int) -> str | None:
    """Why a description over `limit` characters is refused (code `too_large`); None when it fits."""
    if len(text) <= limit:
        return None
    return (
        f"The job description holds {len(text):,} characters; the limit is "
        f"{limit:,}. Send the description itself, not a whole document collection."
    )
