"""The dates a document file carries about itself: PDF /CreationDate and /ModDate, DOCX core properties
(or, when a DOCX has none, the time stamps of its zip entries). A resume's "Present" is one of these.

Each reader returns (source, date) pairs, oldest first, and never raises: a damaged or missing stamp
is simply not a stamp.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from typing import Any

Stamp = tuple[str, date]
_PDF_DATE = re.compile(rb"^\s*(?:D:)?((?:19|20)\d\d)(\d\d)?(\d\d)?")
_EARLIEST = date(1990, 1, 1)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return value if value >= _EARLIEST else None


def pdf_date(raw: Any) -> date | None:
    """A PDF date string ("D:20241228120000+00'00'") as a date; None when it is not one."""
    if isinstance(raw, str):
        raw = raw.encode("latin-1", "replace")
    if not isinstance(raw, bytes):
        return None
    if raw.startswith(b"\xfe\xff"):  # a UTF-16 text string
        raw = raw[2:].decode("utf-16-be", "replace").encode("ascii", "replace")
    m = _PDF_DATE.match(raw)
    if not m:
        return None
    return _valid(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def pdf_stamps(document: Any) -> list[Stamp]:
    """(source, date) from a pdfminer PDFDocument's info dictionaries."""
    from pdfminer.pdftypes import resolve1

    found: dict[str, date] = {}
    try:
        infos = list(document.info or [])
        for info in infos:
            info = resolve1(info)
            if not isinstance(info, dict):
                continue
            for key, source in (("CreationDate", "pdf_creation_date"), ("ModDate", "pdf_mod_date")):
                value = pdf_date(resolve1(info.get(key)))
                if value is not None and source not in found:
                    found[source] = value
    except Exception:  # noqa: BLE001 - a damaged info dictionary is no stamp, never a failure
        return []
    return sorted(((s, d) for s, d in found.items()), key=lambda item: item[1])


def docx_stamps(data: bytes, core_properties: Any) -> list[Stamp]:
    """(source, date) from a DOCX: its core properties, else the newest zip entry time stamp."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            entry_times = [info.date_time for info in archive.infolist()]
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return []
    found: list[Stamp] = []
    if "docProps/core.xml" in names and core_properties is not None:
        for attr, source in (("created", "docx_created"), ("modified", "docx_modified")):
            try:
                value = getattr(core_properties, attr)
            except Exception:  # noqa: BLE001 - a malformed property is no stamp
                value = None
            if value is not None:
                stamp = _valid(value.year, value.month, value.day)
                if stamp is not None:
                    found.append((source, stamp))
    if not found and entry_times:
        year, month, day = max(entry_times)[:3]
        stamp = _valid(year, month, day) if year > 1980 else None
        if stamp is not None:
            found.append(("docx_zip_time", stamp))
    return sorted(found, key=lambda item: item[1])
