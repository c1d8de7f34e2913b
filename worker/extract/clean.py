"""Character clean-up shared by every extractor: Unicode, ligatures, hyphenation, blank lines."""

from __future__ import annotations

import re
import unicodedata

from models.vocab import EXTRACTED_BULLETS

# Characters that NFKC may change safely: ligatures, full-width forms, exotic spaces and dashes, and
# the mathematical bold/italic letters and digits people paste in for emphasis ("𝗣𝘆𝘁𝗵𝗼𝗻", "𝟮𝟬𝟮𝟰").
_SAFE_NFKC = re.compile(
    "[\ufb00-\ufb06\uff01-\uff5e\u2000-\u200a\u202f\u205f\u3000\u2024-\u2026\U0001d400-\U0001d7ff]"
)
_TRANSLATE = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u2011": "-",  # non-breaking hyphen
        "\u2010": "-",  # hyphen
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,  # stray byte-order mark
        "\u2028": "\n",
        "\u2029": "\n",
        "\r": None,
        "\f": "\n",
        "\v": "\n",
        "\t": " ",
    }
)
# Glyphs some fonts report as private-use or undefined codes: bullets and similar markers.
BULLET_CHARS = EXTRACTED_BULLETS
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_CID = re.compile(r"\(cid:(\d+)\)")
_CID_MAP = {127: "•", 149: "•", 183: "·", 108: "•", 110: "▪", 113: "▪", 167: "▪", 168: "•", 117: "◆"}

# Words that commonly start a hyphenated compound: keep the hyphen when joining a line break.
_COMPOUND_WORDS = (
    "multi two three four five one cross real end self non co pre re sub semi high low full part long short "
    "well state data cloud event large small open time on off in out near first second third fine hand "
    "top bottom day week month year cost client server peer user team cross-functional hands mid left "
    "right cutting best world next fast end-to cold warm hot deep rule model test feature front back "
    "quasi anti post inter intra over under fault zero single double hyper"
)
_COMPOUND_HEADS = frozenset(_COMPOUND_WORDS.split())

# The lookbehind tries a word only from its first letter: without it a long run of letters with no
# line-end hyphen costs quadratic time.
_HYPHEN_BREAK = re.compile(r"(?<![A-Za-z])([A-Za-z]{2,})-\n[ \t]*([a-z][A-Za-z]*)")


def normalize_chars(text: str) -> str:
    """Normalise Unicode (NFC, NFKC only for ligatures/width/space forms) and control characters."""
    text = unicodedata.normalize("NFC", text)
    text = _SAFE_NFKC.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = text.translate(_TRANSLATE)
    text = _CID.sub(lambda m: _CID_MAP.get(int(m.group(1)), ""), text)
    return _PRIVATE_USE.sub("•", text)


def join_hyphenation(text: str) -> str:
    """Join words broken across lines with a hyphen ("engi-\\nneering" -> "engineering").

    The hyphen is kept when the first part commonly heads a compound ("multi-\\ntask") or when the
    hyphenated form appears elsewhere in the text; it is dropped when the joined word does.
    """
    lowered = text.lower()

    def occurs(word: str) -> bool:
        return re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", lowered) is not None

    def join(m: re.Match[str]) -> str:
        head, tail = m.group(1), m.group(2)
        if occurs(f"{head}-{tail}".lower()):
            keep = True
        elif occurs(f"{head}{tail}".lower()):
            keep = False
        else:
            keep = head.lower() in _COMPOUND_HEADS
        return f"{head}-{tail}" if keep else f"{head}{tail}"

    return _HYPHEN_BREAK.sub(join, text)


def tidy_lines(text: str) -> str:
    """Strip trailing spaces, collapse runs of spaces and of blank lines."""
    lines = [re.sub(r"[ ]{2,}", " ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def clean_text(text: str) -> str:
    """The full clean-up every extractor applies to its raw text."""
    return tidy_lines(join_hyphenation(normalize_chars(text)))
