"""Plain-text resumes: detect the encoding and decode."""

from __future__ import annotations

import codecs

from worker.errors import ResumeError

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
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ResumeError("corrupt", f"The text file says it is {encoding.upper()} but is not valid "
                                             "in that encoding.") from exc
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


def _detected(data: bytes) -> str:
    """charset-normalizer's best guess when it is confident, else cp1252/Latin-1."""
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
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def extract_txt(data: bytes) -> str:
    """The raw text of a plain-text resume."""
    return decode_text(data)
