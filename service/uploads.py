"""Checks on an uploaded file before anything is queued: presence, size, type by content."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

from werkzeug.datastructures import FileStorage

from common.errors import ResumeError
from common.sniff import sniff_type
from service.errors import ApiError

SAFE_NAME = re.compile(r"[^A-Za-z0-9._ ()+-]+")


@dataclass(frozen=True)
class Upload:
    """A validated upload: its bytes, a safe display name, its sniffed type and digest."""

    data: bytes
    name: str
    file_type: str
    sha256: str


def safe_filename(raw: str | None) -> str:
    """A display name with no path, no control characters and a bounded length."""
    name = PurePath((raw or "").replace("\\", "/")).name
    name = unicodedata.normalize("NFKC", name)
    name = SAFE_NAME.sub("_", name).strip(" .") or "upload"
    return name[-120:]


def read_upload(storage: FileStorage | None, *, max_bytes: int) -> Upload:
    """Read one file part, refusing what can be refused without parsing it."""
    if storage is None:
        raise ApiError("missing_file", "Send the resume as a multipart form field named `file`.")
    data = storage.stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ApiError("too_large", f"The file is larger than the limit of {max_bytes // (1024 * 1024)} MB.")
    return upload_from_bytes(data, storage.filename)


def upload_from_bytes(data: bytes, raw_name: str | None) -> Upload:
    """An upload from bytes already read (a form part or a zip entry), its type sniffed from content."""
    try:
        file_type = sniff_type(data, filename=raw_name or "")
    except ResumeError as error:
        raise ApiError(error.code, error.message) from None
    return Upload(
        data=data, name=safe_filename(raw_name), file_type=file_type, sha256=hashlib.sha256(data).hexdigest()
    )
