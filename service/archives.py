"""Safe reading of an uploaded .zip of resumes: nothing touches the disk, every limit is checked.

Entries are read into memory by name only (no extraction, so no path can escape); the entry count,
the total uncompressed size and each entry's compression ratio are bounded, and each entry's
actual bytes are capped while reading, whatever its header claims. Entries that are not resumes
are reported, never fatal.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from service.errors import ApiError
from service.uploads import safe_filename


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = 2000
    max_total_bytes: int = 500 * 1024 * 1024
    max_entry_bytes: int = 10 * 1024 * 1024
    max_ratio: float = 100.0


@dataclass
class ZipContents:
    files: list[tuple[str, bytes]] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" and not _looks_like_docx(data)


def _looks_like_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (
        zipfile.BadZipFile,
        NotImplementedError,
        EOFError,
        ValueError,
        OSError,
    ):  # damage zipfile reports oddly
        return False


def _skip(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return name.endswith("/") or path.name.startswith(".") or "__MACOSX" in path.parts


def read_zip(data: bytes, limits: ZipLimits) -> ZipContents:
    """The resume-sized files inside an archive, by base name, with the entries that were refused."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, NotImplementedError, EOFError, ValueError, OSError):
        raise ApiError("corrupt", "The .zip archive is damaged and cannot be opened.") from None
    contents = ZipContents()
    with archive:
        entries = [info for info in archive.infolist() if not _skip(info.filename)]
        if len(entries) > limits.max_entries:
            raise ApiError(
                "too_large", f"The archive holds {len(entries)} files; the limit is {limits.max_entries}."
            )
        declared = sum(info.file_size for info in entries)
        if declared > limits.max_total_bytes:
            raise ApiError(
                "too_large",
                "The archive expands to more than "
                f"{limits.max_total_bytes // (1024 * 1024)} MB; split it into smaller batches.",
            )
        total = 0
        for info in entries:
            name = safe_filename(info.filename)  # no direction overrides or control characters in messages
            if info.flag_bits & 0x1:
                contents.rejected.append(
                    {"file": name, "code": "encrypted", "message": "The entry is password-protected."}
                )
                continue
            if info.file_size > limits.max_entry_bytes:
                contents.rejected.append(
                    {
                        "file": name,
                        "code": "too_large",
                        "message": f"Larger than {limits.max_entry_bytes // (1024 * 1024)} MB.",
                    }
                )
                continue
            if info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
                contents.rejected.append(
                    {
                        "file": name,
                        "code": "suspicious_compression",
                        "message": "The entry's compression ratio is implausibly high.",
                    }
                )
                continue
            try:
                with archive.open(info) as fh:
                    body = fh.read(limits.max_entry_bytes + 1)
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, ValueError, OSError):
                contents.rejected.append(
                    {"file": name, "code": "corrupt", "message": "The entry cannot be read."}
                )
                continue
            if len(body) > limits.max_entry_bytes:
                contents.rejected.append(
                    {"file": name, "code": "too_large", "message": "The entry is larger than declared."}
                )
                continue
            total += len(body)
            if total > limits.max_total_bytes:
                raise ApiError("too_large", "The archive expands to more than its declared size allows.")
            contents.files.append((name, body))
    return contents
