"""Decide a file's type from its bytes (never its name). Cheap: no heavy imports."""

from __future__ import annotations

import io
import re
import zipfile

from common.errors import ResumeError

# A document's markup, from its content (text_kind): HTML, Markdown or plain text.
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_HTML_DOC = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL
)
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|h[1-6]|ul|ol|li|table|tr|td|th|br|a|strong|b|em|body)\b[^<>]*>", re.IGNORECASE
)
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.MULTILINE)
_MD_SETEXT = re.compile(r"^\S[^\n]*\n ?(?:={3,}|-{3,})[ \t]*$", re.MULTILINE)
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)[^\n]{1,120}?(?<=\S)\1")
_MD_LINK = re.compile(r"\[[^\]\n]{1,200}\]\((?:https?://|mailto:|/|#|\.)[^)\s]*\)")
# Written so that no two runs of spaces can trade characters (each ends at a pipe or a dash) and no
# \s crosses a line end: the first form took seconds on 1,000 blank lines and on one long line of
# spaces, which the web sniffs in the request.
_MD_TABLE_RULE = re.compile(
    r"^[ \t]*(?:\|[ \t]*)?:?-{2,}:?(?:[ \t]*\|[ \t]*:?-{2,}:?)+(?:[ \t]*\|)?[ \t\r]*$", re.MULTILINE
)


_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a bitmap image"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Office (.doc) file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a program"),
)

_UNSUPPORTED_HINT = "Upload a PDF, a Word document (.docx), a Markdown, HTML or plain-text file."


def sniff_type(data: bytes, *, filename: str = "") -> str:
    """Return "pdf", "docx", "txt", "md" or "html" for `data`; raise ResumeError(empty |
    unsupported_type | corrupt).

    The type comes from the content. The name only words the failure: bytes of no known format
    named ".docx" or ".pdf" are a damaged document (corrupt) rather than a foreign type.
    """
    kind = identify(data)
    if kind == "binary":
        suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
        if suffix in ("pdf", "docx"):
            raise ResumeError(
                "corrupt",
                f"The file is named .{suffix} but its content is not a readable "
                f"{suffix.upper()} document; it may be damaged. Export it again and "
                "re-upload.",
            )
        raise ResumeError(
            "unsupported_type", f"The file is not a PDF, DOCX or text document. {_UNSUPPORTED_HINT}"
        )
    if kind == "txt":
        return text_kind(data, filename)
    return kind


def text_kind(data: bytes, filename: str = "") -> str:
    """ "txt", "md" or "html" for a text document, from its content (the name only breaks ties)."""
    sample = data[:65536]
    encoding = "utf-16" if b"\x00" in sample else "utf-8-sig"  # a sketch of the text is enough here
    return markup_kind(sample.decode(encoding, errors="replace"), filename)


def identify(data: bytes) -> str:
    """Like sniff_type, but return "binary" for bytes of no format we recognise.

    The caller decides what an unrecognised binary means: a file named .docx or .pdf whose bytes
    are no known format is a damaged document (corrupt) rather than a foreign type.
    """
    if not data or not data.strip():
        raise ResumeError("empty", "The file is empty; upload the resume again.")
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data)
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise ResumeError(
                "unsupported_type", f"The file is {what}, not a resume document. {_UNSUPPORTED_HINT}"
            )
    if looks_like_text(data[:65536]):
        return "txt"
    return "binary"


def _sniff_zip(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (
        zipfile.BadZipFile,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,
    ):  # e.g. 'zip file version 8.5'
        # Starts like a Word file but the archive cannot be read: a damaged upload.
        raise ResumeError(
            "corrupt", "The file looks like a Word document but is damaged and cannot be read."
        ) from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        raise ResumeError(
            "unsupported_type", f"Spreadsheets and slides are not supported. {_UNSUPPORTED_HINT}"
        )
    raise ResumeError(
        "unsupported_type", f"The file is a zip archive, not a resume document. {_UNSUPPORTED_HINT}"
    )


def looks_like_text(sample: bytes) -> bool:
    """True when `sample` decodes as text with few control characters."""
    if sample.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in sample:
        # UTF-16 without a BOM: every other byte is zero for Latin text.
        even, odd = sample[0::2], sample[1::2]
        return (odd.count(0) > 0.4 * len(odd) or even.count(0) > 0.4 * len(even)) and len(sample) > 3
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A cut in the middle of a multi-byte character at the sample's end is fine.
        if exc.start >= len(sample) - 3:
            text = sample[: exc.start].decode("utf-8")
        else:
            text = sample.decode("cp1252", errors="replace").replace("\ufffd", "\x81")
    if not text:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v" or 0x7F <= ord(ch) < 0xA0)
    return controls <= 0.02 * len(text)


def markup_kind(text: str, filename: str = "") -> str:
    """ "html", "md" or "txt" for a text document, from its content (the file name only breaks ties)."""
    sample = text[:65536]
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if _HTML_DOC.match(sample) or (suffix in ("html", "htm") and len(_HTML_TAG.findall(sample)) >= 3):
        return "html"
    if suffix in ("md", "markdown"):
        return "md"
    score = (
        2 * min(len(_MD_HEADING.findall(sample)), 5)
        + min(len(_MD_SETEXT.findall(sample)), 3)  # also a plain-text habit: weak alone
        + min(len(_MD_STRONG.findall(sample)), 5)
        + min(len(_MD_LINK.findall(sample)), 4)
        + 3 * bool(_MD_TABLE_RULE.search(sample))
        + 3 * bool(FRONT_MATTER.match(sample))
    )
    if score >= 5:
        return "md"
    if len(_HTML_TAG.findall(sample)) >= 12:
        return "html"  # an HTML fragment (a page's body saved as .txt)
    return "txt"
