"""Budgets a Word package must meet before python-docx parses it: part size, ratio, element count.

python-docx reads every XML part whole into lxml: a 150 KB upload whose document.xml is 95 MB of
empty paragraphs takes 2.3 GB and ends in an lxml error. The package is checked first, with zip
metadata and one streaming pass (a bounded buffer, nothing parsed):

- every XML part is at most `max_xml_part_bytes` when inflated (declared size, and actual bytes:
  zipfile never inflates an entry past its declared size, and a CRC check catches a lie);
- an XML part above `RATIO_FLOOR_BYTES` compresses at most `max_xml_ratio` to one;
- all XML parts together open at most `max_xml_elements` elements (counted as `<` not followed by
  `/`, `?` or `!`: an upper bound on what lxml would build).

Real resumes measure about 2,000-7,000 elements, parts under 150 KB and ratios under 25.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from common.errors import ResumeError

RATIO_FLOOR_BYTES = 256 * 1024  # smaller parts may compress well without harm
_OPEN_TAG = re.compile(rb"<(?![/?!])")
_CHUNK = 1 << 16
_CORRUPT = "The Word document is damaged and cannot be opened; save it again or export it as PDF."


@dataclass(frozen=True)
class DocxLimits:
    max_xml_part_bytes: int = 8 * 1024 * 1024
    max_xml_ratio: float = 100.0
    max_xml_elements: int = 250_000


def _too_large(detail: str) -> ResumeError:
    return ResumeError(
        "too_large",
        f"The Word document {detail}; save it again without the excess "
        "(or export it as PDF) and upload again.",
    )


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def check_docx_package(data: bytes, limits: DocxLimits = DocxLimits()) -> int:
    """Raise too_large (or corrupt) unless every XML part is within `limits`; return the element count."""
    elements = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [info for info in archive.infolist() if _is_xml(info.filename)]
            for info in parts:
                if info.file_size > limits.max_xml_part_bytes:
                    raise _too_large(
                        f"holds a part of {info.file_size / 1048576:.0f} MB; "
                        f"the limit is {limits.max_xml_part_bytes // 1048576} MB"
                    )
                if (
                    info.file_size > RATIO_FLOOR_BYTES
                    and info.compress_size
                    and info.file_size / info.compress_size > limits.max_xml_ratio
                ):
                    raise _too_large(
                        "is compressed implausibly tightly (it expands more than "
                        f"{limits.max_xml_ratio:.0f} times)"
                    )
            for info in parts:
                elements = _count_elements(archive, info, elements, limits.max_xml_elements)
    except ResumeError:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        NotImplementedError,
        EOFError,
        ValueError,
        OSError,
        RuntimeError,
    ) as exc:
        raise ResumeError("corrupt", _CORRUPT) from exc
    return elements


def _count_elements(archive: zipfile.ZipFile, info: zipfile.ZipInfo, count: int, limit: int) -> int:
    """`count` plus the part's opening tags; raise too_large as soon as the total passes `limit`."""
    carry = b""
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            block = carry + chunk
            # a "<" at the very end is counted with the next chunk, when its next byte is known
            cut = len(block) - 1 if block.endswith(b"<") else len(block)
            count += len(_OPEN_TAG.findall(block, 0, cut))
            carry = block[cut:]
            if count > limit:
                raise _too_large(f"holds more than {limit:,} XML elements, far more than a resume needs")
    return count
