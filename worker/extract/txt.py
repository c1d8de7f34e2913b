"""Plain-text resumes: detect the encoding and decode."""

from __future__ import annotations

import codecs

from common.errors import ResumeError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_text(data: bytes) -> str:
    """Decode text bytes: a BOM first, then UTF-8, UTF-16 without BOM, charset detection, Latin-1."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ResumeError(
                    "corrupt",
                    f"The text file says it is {encoding.upper()} but is not valid in that encoding.",
                ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        zeros_odd = data[1:4096:2].count(0)
        zeros_even = data[0:4096:2].count(0)
        encoding = "utf-16-le" if zeros_odd >= zeros_even else "utf-16-be"
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    return _detected(data)


_WESTERN_EXTRA = set("–—‘’‚“”„•…€™·°±×÷§©®«»¿¡")


def _western_share(text: str) -> float:
    """Share of characters a Western European text is made of."""
    if not text:
        return 0.0
    good = sum(1 for ch in text if ch < "\x7f" or "\xc0" <= ch <= "\xff" or ch in _WESTERN_EXTRA)
    return good / len(text)


def _accent_share(text: str) -> float:
    """Share of letters outside ASCII: Western resumes have few, mis-decoded Cyrillic/Greek has most."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(1 for ch in letters if ch > "\x7f") / len(letters) if letters else 0.0


def _detected(data: bytes) -> str:
    """cp1252 when it reads as Western text (most non-UTF-8 resumes), else charset-normalizer, else
    Latin-1."""
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _western_share(western) >= 0.995 and _accent_share(western) < 0.2:
        return western
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        best = None
    else:
        best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding not in ("utf_16", "utf_32") and best.chaos < 0.2:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return western if western is not None else data.decode("latin-1")


def extract_txt(data: bytes) -> str:
    """The raw text of a plain-text resume."""
    return decode_text(data)
