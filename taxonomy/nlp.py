"""The blank English pipeline shared by the taxonomy builder and the tagger.

Only the tokenizer is customised: technology names that the default English rules would split
or glue wrongly become single tokens ("C#", "CI/CD", "A/B", "R&D") and a lone capital letter
before a full stop ("R." at a sentence end) is split from it, so that phrase patterns built with
the same tokenizer line up with the text.
"""

from __future__ import annotations

import itertools

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc
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

# How many chunks the tokenizer caches (spaCy's default is 10,000). The taxonomy's own pattern words
# take about 5,700 of them, which left too little room for the words of resumes; each cached chunk
# costs about 0.4 KB, and the cache never grows past this.
TOKENIZER_CACHE_SIZE = 20_000

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
    tokenizer.max_cache_size = TOKENIZER_CACHE_SIZE
    return nlp


class CachedTokens:
    """`nlp.make_doc` that lets spaCy's tokenizer cache every chunk it can (same tokens, less work).

    The tokenizer caches how it split each whitespace-separated chunk, but one flag per call
    stops all caching for the rest of a text once any chunk meets a special case ("C++", "e.g.",
    "R."; spaCy issue #1250). In a resume that is usually near the top, so almost every chunk is
    split again by the affix regexes on every resume. Tokenizing each chunk not seen before on its
    own first lets the cache keep it; the text is then tokenized as usual, mostly from the cache.
    The tokens are the same either way: spaCy still caches no chunk that met a special case.
    The tokenizer's cache holds at most `max_cache_size` chunks and never evicts, so once that
    many chunks have been warmed the warming stops (it could no longer pay).
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        # Hashes of the chunks warmed, not their text: no resume's words are kept here. A collision
        # only skips a warm-up; the tokens are the same either way.
        self.warmed: set[int] = set()

    def __call__(self, text: str) -> Doc:
        room = self.nlp.tokenizer.max_cache_size - len(self.warmed)
        if room > 0:
            chunks = {hash(chunk): chunk for chunk in text.split(" ") if chunk}
            new = list(itertools.islice(chunks.keys() - self.warmed, room))  # one text can't go past the cap
            for key in new:
                self.nlp.tokenizer(chunks[key])
            self.warmed.update(new)
        return self.nlp.make_doc(text)
