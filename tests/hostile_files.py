"""Small hostile files, built in memory, that cost a reader far more than their size.

Each reproduces one attack of issue 17 with a file of a few kilobytes:
- `nested_forms_pdf`: Form XObjects nested `depth` levels, each calling the next `fanout` times
  (10**depth form executions for a file of 2-3 KB; the innermost form draws nothing).
- `flate_bomb_pdf`: a page whose content is FlateDecode applied twice over `gib` GiB of spaces.
- `docx_bomb`: a DOCX whose word/document.xml holds `mib` MiB of empty paragraphs.
The compressed bodies are built with zlib's streaming interface, so nothing large is ever held.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from functools import lru_cache

_CHUNK = 1 << 20


def build_pdf(objects: list[bytes]) -> bytes:
    """A PDF of numbered objects (1..n, object 1 the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(body: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(body), extra) + body + b"\nendstream"


def _page_objects(content: bytes, resources: bytes = b"<< >>", content_extra: bytes = b"") -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
        + resources
        + b" /Contents 4 0 R >>",
        _stream(content, content_extra),
    ]


@lru_cache(maxsize=4)
def nested_forms_pdf(depth: int = 7, fanout: int = 10) -> bytes:
    """One page that calls form 1 `fanout` times; form k calls form k+1 `fanout` times; the last
    form draws nothing. Objects 5.. are the forms."""
    calls = b" ".join(b"/X Do" for _ in range(fanout))
    objects = _page_objects(calls, b"<< /XObject << /X 5 0 R >> >>")
    for level in range(depth):
        number = 5 + level
        last = level == depth - 1
        body = b"" if last else calls
        resources = b"<< >>" if last else b"<< /XObject << /X %d 0 R >> >>" % (number + 1)
        objects.append(
            _stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources " + resources + b" ")
        )
    return build_pdf(objects)


def _deflate_stream(chunks, level: int = 9):
    compressor = zlib.compressobj(level)
    for chunk in chunks:
        out = compressor.compress(chunk)
        if out:
            yield out
    yield compressor.flush()


@lru_cache(maxsize=2)
def flate_bomb_pdf(gib: int = 1) -> bytes:
    """A page whose content stream is /FlateDecode twice over `gib` GiB of spaces (about 3 KB)."""
    spaces = b" " * _CHUNK
    once = _deflate_stream(spaces for _ in range(gib * 1024))
    twice = b"".join(_deflate_stream(once))
    return build_pdf(_page_objects(twice, content_extra=b"/Filter [/FlateDecode /FlateDecode] "))


@lru_cache(maxsize=2)
def docx_bomb(mib: int = 95) -> bytes:
    """A DOCX whose word/document.xml is `mib` MiB of empty paragraphs (about 100-200 KB)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.wordprocessingml.document.main+xml"/></Types>'
            ),
        )
        archive.writestr(
            "_rels/.rels",
            (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{r}/officeDocument" Target="word/document.xml"/>'
                "</Relationships>"
            ),
        )
        head = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{w}">'
            "<w:body><w:p><w:r><w:t>Jordan Example, machine learning engineer</w:t></w:r></w:p>"
        ).encode()
        tail = b"</w:body></w:document>"
        paragraphs = b"<w:p/>" * (_CHUNK // 6)
        with archive.open("word/document.xml", "w") as part:
            part.write(head)
            written = len(head)
            while written < mib * _CHUNK:
                part.write(paragraphs)
                written += len(paragraphs)
            part.write(tail)
    return buf.getvalue()


def many_elements_docx(elements: int = 300_000) -> bytes:
    """A DOCX whose document.xml is stored uncompressed (ratio 1, under 2 MB) yet opens `elements`
    empty paragraphs: only the element count can refuse it."""
    bomb = zipfile.ZipFile(io.BytesIO(docx_bomb(1)))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as archive:
        for info in bomb.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info.filename, bomb.read(info))
        head, _, _ = bomb.read("word/document.xml").partition(b"<w:p/>")
        archive.writestr("word/document.xml", head + b"<w:p/>" * elements + b"</w:body></w:document>")
    return buf.getvalue()
