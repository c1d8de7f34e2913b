"""The blank English pipeline shared by the taxonomy builder and the tagger.

Only the tokenizer is customised: technology names that the default English rules would split
or glue wrongly become single tokens ("C#", "CI/CD", "A/B", "R&D") and a lone capital letter
before a full stop ("R." at a sentence end) is split from it, so that phrase patterns built with
the same tokenizer line up with the text.
"""

from __future__ import annotations

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.util import compile_infix_regex

# Written forms that must stay one token (a pattern and the text are cut the same way).
SINGLE_TOKENS = (
    "C#",
    "c#",
    "F#",
    "f#",
    "C++",
    "c++",
    ".NET",
    ".net",
    "ASP.NET",
    "CI/CD",
    "ci/cd",
    "A/B",
    "a/b",
    "R&D",
    "r&d",
    "PL/SQL",
    "pl/sql",
    "Pub/Sub",
    "TCP/IP",
    "I/O",
    "W&B",
    "AT&T",
    "P&L",
)

# Single capitals with a full stop: split so that "Python and R." yields the token "R".
SPLIT_INITIALS = tuple(f"{letter}." for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")

# Extra infixes: a comma or semicolon glued between items ("S3,EC2"), and a colon after a label.
EXTRA_INFIXES = (
    r"(?<=[A-Za-z0-9+#)]),(?=[A-Za-z(])",
    r"(?<=[A-Za-z0-9)]);(?=[A-Za-z])",
    r"(?<=[a-z]):(?=[A-Z])",
)


def make_nlp() -> Language:
    """Return a blank English pipeline with the technology-aware tokenizer."""
    nlp = spacy.blank("en")
    tokenizer = nlp.tokenizer
    for text in SINGLE_TOKENS:
        tokenizer.add_special_case(text, [{ORTH: text}])
    for text in SPLIT_INITIALS:
        tokenizer.add_special_case(text, [{ORTH: text[0]}, {ORTH: "."}])
    infixes = list(nlp.Defaults.infixes) + list(EXTRA_INFIXES)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp
