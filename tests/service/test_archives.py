"""Zip handling: no traversal, bounded entries, size and ratio; non-resumes reported, not fatal."""

from __future__ import annotations

import io
import zipfile

import pytest

from service.archives import ZipLimits, is_zip, read_zip
from service.errors import ApiError


def make_zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, body in entries.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def test_entries_are_read_by_base_name_only():
    data = make_zip(
        {
            "../../etc/passwd.txt": b"Jane",
            "a/b/cv.pdf": b"%PDF-1.4",
            "__MACOSX/._cv.pdf": b"x",
            ".hidden": b"x",
            "dir/": b"",
        }
    )
    contents = read_zip(data, ZipLimits())
    assert [name for name, _ in contents.files] == ["passwd.txt", "cv.pdf"]


def test_too_many_entries_is_refused():
    data = make_zip({f"cv{i}.txt": b"x" for i in range(11)})
    with pytest.raises(ApiError) as error:
        read_zip(data, ZipLimits(max_entries=10))
    assert error.value.code == "too_large"


def test_zip_bomb_entries_are_rejected_not_expanded():
    data = make_zip({"bomb.txt": b"0" * 5_000_000, "cv.txt": b"Jane Doe, Python"})
    contents = read_zip(data, ZipLimits(max_ratio=100))
    assert [name for name, _ in contents.files] == ["cv.txt"]
    assert contents.rejected == [
        {
            "file": "bomb.txt",
            "code": "suspicious_compression",
            "message": "The entry's compression ratio is implausibly high.",
        }
    ]


def test_total_uncompressed_size_is_bounded():
    data = make_zip({f"cv{i}.txt": bytes(range(256)) * 400 for i in range(5)}, zipfile.ZIP_STORED)
    with pytest.raises(ApiError) as error:
        read_zip(data, ZipLimits(max_total_bytes=300_000))
    assert error.value.code == "too_large"


def test_a_damaged_zip_is_corrupt():
    with pytest.raises(ApiError) as error:
        read_zip(b"PK\x03\x04" + b"\x00" * 100, ZipLimits())
    assert error.value.code == "corrupt"


def test_a_docx_is_not_mistaken_for_a_zip_of_resumes():
    docx = make_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"})
    assert not is_zip(docx)
    assert is_zip(make_zip({"cv.txt": b"x"}))
