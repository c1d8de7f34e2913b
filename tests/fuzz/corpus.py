"""Malformed files made from the shared evaluation set: deterministic (seeded), a few hundred.

`corpus()` returns `Case(name, data, kind)`: generic mutations of every shared file (truncation,
byte flips, wrong magic, spliced chunks) and hand-made hostile structures (deeply nested PDF
arrays and dictionaries, reference loops, self-referencing forms, decompression bombs in content
streams and images, DOCX with huge, deep or entity-laden XML, text built to make regular
expressions backtrack).
"""

from __future__ import annotations

import io
import random
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tests.stack import EVAL

SEED = 20261122
FRACTIONS = (0.02, 0.3, 0.6, 0.9, 0.98)
FLIPS = (1, 16, 256)
MAGICS = (
    b"%PDF-1.7\n",
    b"PK\x03\x04",
    b"\x89PNG\r\n\x1a\n",
    b"\xd0\xcf\x11\xe0",
    b"\xef\xbb\xbf",
    b"\x00\x00",
)


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    kind: str  # the mutation, for counting outcomes


def sources() -> list[Path]:
    return sorted((EVAL / "resumes").iterdir()) + sorted((EVAL / "bad").iterdir())


def mutations(path: Path, rng: random.Random) -> list[Case]:
    data = path.read_bytes()
    stem, suffix = path.stem, path.suffix
    out: list[Case] = []
    if len(data) < 16:
        return [Case(f"{stem}-asis{suffix}", data, "tiny")]
    for fraction in FRACTIONS:
        out.append(
            Case(f"{stem}-cut{int(fraction * 100)}{suffix}", data[: int(len(data) * fraction)], "truncated")
        )
    for flips in FLIPS:
        body = bytearray(data)
        for _ in range(flips):
            body[rng.randrange(len(body))] = rng.randrange(256)
        out.append(Case(f"{stem}-flip{flips}{suffix}", bytes(body), "byte_flips"))
    magic = MAGICS[rng.randrange(len(MAGICS))]
    out.append(Case(f"{stem}-magic{suffix}", magic + data[len(magic) :], "wrong_magic"))
    a, b = sorted(rng.sample(range(len(data)), 2))
    spliced = data[:a] + data[b:] + data[a:b] + bytes(rng.randrange(256) for _ in range(64))
    out.append(Case(f"{stem}-splice{suffix}", spliced, "spliced"))
    return out


# -- PDF structures -------------------------------------------------------------------------------


def pdf(objects: list[bytes], *, root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF with a correct xref table around `objects` (object i + 1 is objects[i])."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, root, trailer_extra, xref)
    )
    return out.getvalue()


def stream(content: bytes, extra: bytes = b"", *, deflate: bool = False) -> bytes:
    body = zlib.compress(content, 9) if deflate else content
    flt = b" /Filter /FlateDecode" if deflate else b""
    return b"<< /Length %d%s %s>>\nstream\n" % (len(body), flt, extra) + body + b"\nendstream"


def one_page(
    content: bytes,
    *,
    resources: bytes = b"<< /Font << /F1 4 0 R >> >>",
    deflate: bool = False,
    more: list[bytes] = (),
) -> bytes:
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources %s >>"
            % resources,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            stream(content, deflate=deflate),
            *more,
        ]
    )


TEXT = b"BT /F1 11 Tf 72 700 Td (Jordan Example, machine learning engineer, Python and PyTorch) Tj ET\n"


def pdf_cases() -> list[Case]:
    deep = 20000
    cases = [
        ("pdf-deep-array-content", one_page(b"[" * deep + b"]" * deep + b"\n" + TEXT)),
        (
            "pdf-deep-array-object",
            pdf(
                [
                    b"<< /Type /Catalog /Pages 2 0 R /X " + b"[" * deep + b"]" * deep + b" >>",
                    b"<< /Type /Pages /Kids [] /Count 0 >>",
                ]
            ),
        ),
        (
            "pdf-deep-dict-object",
            pdf(
                [
                    b"<< /Type /Catalog /Pages 2 0 R /X " + b"<< /A " * deep + b">>" * deep + b" >>",
                    b"<< /Type /Pages /Kids [] /Count 0 >>",
                ]
            ),
        ),
        ("pdf-unclosed-arrays", one_page(b"[" * 200000 + TEXT)),
        ("pdf-q-nesting", one_page(b"q " * 100000 + TEXT + b"Q " * 100000)),
        (
            "pdf-kids-loop",
            pdf(
                [
                    b"<< /Type /Catalog /Pages 2 0 R >>",
                    b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                    b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>",
                ]
            ),
        ),
        (
            "pdf-parent-loop",
            pdf(
                [
                    b"<< /Type /Catalog /Pages 2 0 R >>",
                    b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 3 0 R >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources 3 0 R >>",
                ]
            ),
        ),
        ("pdf-ref-chain-loop", pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"3 0 R", b"2 0 R"])),
        (
            "pdf-huge-count",
            pdf(
                [
                    b"<< /Type /Catalog /Pages 2 0 R >>",
                    b"<< /Type /Pages /Kids [3 0 R] /Count 999999999 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
                ]
            ),
        ),
        (
            "pdf-negative-count",
            pdf(
                [
                    b"<< /Type /Catalog /Pages 2 0 R >>",
                    b"<< /Type /Pages /Kids [3 0 R] /Count -5 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
                ]
            ),
        ),
        (
            "pdf-self-form",
            one_page(
                TEXT + b"/X1 Do\n",
                resources=b"<< /Font << /F1 4 0 R >> /XObject << /X1 6 0 R >> >>",
                more=[
                    stream(
                        b"/X1 Do\n" + TEXT,
                        b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                        b"/Resources << /XObject << /X1 6 0 R >> /Font << /F1 4 0 R >> >>",
                    )
                ],
            ),
        ),
        ("pdf-flate-bomb-content", one_page(b" " * (40 * 1024 * 1024) + TEXT, deflate=True)),
        ("pdf-flate-bomb-zeros", one_page(b"\x00" * (40 * 1024 * 1024) + TEXT, deflate=True)),
        ("pdf-many-ops", one_page(TEXT * 100000, deflate=True)),
        (
            "pdf-huge-image",
            one_page(
                TEXT + b"q 612 0 0 792 0 0 cm /Im1 Do Q\n",
                resources=b"<< /Font << /F1 4 0 R >> /XObject << /Im1 6 0 R >> >>",
                more=[
                    stream(
                        b"\x00" * (30 * 1024 * 1024),
                        b"/Type /XObject /Subtype /Image /Width 100000 /Height 100000 "
                        b"/ColorSpace /DeviceRGB /BitsPerComponent 8 ",
                        deflate=True,
                    )
                ],
            ),
        ),
        (
            "pdf-inline-image-bomb",
            one_page(
                TEXT
                + b"q BI /W 60000 /H 60000 /CS /RGB /BPC 8 /F /Fl ID\n"
                + zlib.compress(b"\x00" * (20 * 1024 * 1024), 9)
                + b"\nEI Q\n"
            ),
        ),
        (
            "pdf-bad-length",
            pdf(
                [
                    b"<< /Type /Catalog /Pages 2 0 R >>",
                    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                    b"<< /Length 999999999 >>\nstream\n" + TEXT + b"\nendstream",
                ]
            ),
        ),
        (
            "pdf-no-xref",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" + TEXT * 100 + b"%%EOF",
        ),
        ("pdf-startxref-garbage", one_page(TEXT)[:-20] + b"startxref\n-99999999999\n%%EOF\n"),
        (
            "pdf-huge-numbers",
            one_page(
                b"BT /F1 1e308 Tf 1e308 -1e308 Td ("
                + b"9" * 5000
                + b") Tj ET\n"
                + b"9" * 100000
                + b" 0 0 1 0 0 cm\n"
                + TEXT
            ),
        ),
        ("pdf-long-name", one_page(b"/" + b"A" * 1000000 + b" Do\n" + TEXT)),
        ("pdf-long-string", one_page(b"BT /F1 11 Tf 72 700 Td (" + b"Python " * 300000 + b") Tj ET\n")),
        ("pdf-unknown-filter", one_page(TEXT).replace(b"/Length", b"/Filter /JBIG2Decode /Length", 1)),
        (
            "pdf-lzw-garbage",
            pdf(
                [
                    b"<< /Type /Catalog /Pages 2 0 R >>",
                    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                    b"<< /Length 4000 /Filter /LZWDecode >>\nstream\n"
                    + bytes(range(256)) * 16
                    + b"\nendstream",
                ]
            ),
        ),
        (
            "pdf-broken-tounicode",
            one_page(
                TEXT,
                resources=b"<< /Font << /F1 6 0 R >> >>",
                more=[
                    (
                        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H "
                        b"/ToUnicode 7 0 R /DescendantFonts [8 0 R] >>"
                    ),
                    stream(
                        b"begincmap " + b"1 beginbfrange <0000> <FFFF> <0041> endbfrange " * 2000 + b"endcmap"
                    ),
                    b"<< /Type /Font /Subtype /CIDFontType2 /W [0 [" + b"1000 " * 100000 + b"]] >>",
                ],
            ),
        ),
        (
            "pdf-encrypt-unknown",
            one_page(TEXT)[:-30].replace(b"trailer\n<<", b"trailer\n<< /Encrypt << /Filter /Nope /V 99 >>")
            + one_page(TEXT)[-30:],
        ),
        ("pdf-many-pages-tree", _many_pages(5000)),
        ("pdf-only-header", b"%PDF-1.7\n"),
    ]
    return [Case(name + ".pdf", data, "hostile_pdf") for name, data in cases]


def _many_pages(count: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (i + 3) for i in range(count))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * count
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
            *pages,
        ]
    )


# -- DOCX structures ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _docx_parts() -> dict[str, bytes]:
    path = EVAL / "resumes" / "d03-bootcamp-analyst-to-junior-mle.docx"
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def docx(replace: dict[str, bytes | None], *, extra: int = 0) -> bytes:
    parts = dict(_docx_parts())
    for name, body in replace.items():
        if body is None:
            parts.pop(name, None)
        else:
            parts[name] = body
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body, compresslevel=9)
        for i in range(extra):
            archive.writestr(f"customXml/fuzz{i}.xml", b"<a/>")
    return out.getvalue()


W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def document_xml(body: bytes, prolog: bytes = b"") -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + prolog
        + b"<w:document "
        + W_NS
        + b"><w:body>"
        + body
        + b"</w:body></w:document>"
    )


def para(text: bytes) -> bytes:
    return b"<w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>"


def docx_cases() -> list[Case]:
    doc = "word/document.xml"
    original = _docx_parts()[doc]
    laughs = (
        b'<!DOCTYPE d [<!ENTITY a "lollollollollollollollollollol">'
        + b"".join(
            b'<!ENTITY %s "%s">' % (chr(98 + i).encode(), (b"&%s;" % chr(97 + i).encode()) * 10)
            for i in range(8)
        )
        + b"]>"
    )
    xxe = b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    cases = [
        (
            "docx-deep-xml",
            docx(
                {
                    doc: document_xml(
                        b"<w:sdt><w:sdtContent>" * 50000
                        + para(b"Python")
                        + b"</w:sdtContent></w:sdt>" * 50000
                    )
                }
            ),
        ),
        (
            "docx-deep-tables",
            docx(
                {
                    doc: document_xml(
                        b"<w:tbl><w:tr><w:tc>" * 3000 + para(b"Python") + b"</w:tc></w:tr></w:tbl>" * 3000
                    )
                }
            ),
        ),
        (
            "docx-huge-xml",
            docx({doc: original.replace(b"<w:body>", b"<w:body>" + b" " * (300 * 1024 * 1024), 1)}),
        ),
        ("docx-huge-text-run", docx({doc: document_xml(para(b"Python " * (3 * 1024 * 1024)))})),
        ("docx-many-paragraphs", docx({doc: document_xml(para(b"Python engineer") * 200000)})),
        ("docx-billion-laughs", docx({doc: document_xml(para(b"&i;"), prolog=laughs)})),
        (
            "docx-xxe",
            docx({doc: document_xml(para(b"&x;") + para(b"Python engineer since 2019"), prolog=xxe)}),
        ),
        ("docx-no-document", docx({doc: None})),
        ("docx-no-content-types", docx({"[Content_Types].xml": None})),
        ("docx-broken-rels", docx({"word/_rels/document.xml.rels": b"<Relationships><Relationship Id="})),
        (
            "docx-style-cycle",
            docx(
                {
                    "word/styles.xml": b"<w:styles "
                    + W_NS
                    + b">"
                    + b"".join(
                        b'<w:style w:styleId="s%d"><w:basedOn w:val="s%d"/></w:style>' % (i, (i + 1) % 50)
                        for i in range(50)
                    )
                    + b"</w:styles>"
                }
            ),
        ),
        ("docx-many-entries", docx({}, extra=20000)),
        ("docx-not-xml", docx({doc: b"\x00\xff" * 5000})),
        ("docx-empty-body", docx({doc: document_xml(b"")})),
    ]
    return [Case(name + ".docx", data, "hostile_docx") for name, data in cases]


# -- text built for the parser's regular expressions ------------------------------------------------


def text_cases() -> list[Case]:
    """Under the pipeline's 200,000-character cap (so the parser runs), and a few far over it."""
    n = 150_000
    cases = [
        ("txt-one-long-line", b"Python " * 180_000),
        ("txt-one-long-word", b"P" * n),
        ("txt-huge-word", b"P" * 8_000_000),
        ("txt-at-signs", b"a@" * (n // 2)),
        ("txt-phone-like", b"1-" * (n // 2)),
        ("txt-dates", b"Jan 2019 - " * (n // 11)),
        ("txt-dashes-and-spaces", b"- " * (n // 2)),
        ("txt-urls", b"https://" + b"a." * (n // 2)),
        ("txt-headings", b"EXPERIENCE\n" * (n // 11)),
        ("txt-bullets", ("\u2022 " * (n // 2)).encode()),
        ("txt-controls", bytes(range(1, 32)) * 1000),
        ("txt-utf16-no-bom", "Python engineer, five years.\n".encode("utf-16-le") * 5_000),
        ("txt-mixed-encodings", ("Résumé — " * 1000).encode() + ("Résumé" * 1000).encode("cp1252")),
        ("txt-nul-heavy", b"Python\x00" * 20_000),
    ]
    return [Case(name + ".txt", data, "hostile_text") for name, data in cases]


@lru_cache(maxsize=1)
def corpus() -> tuple[Case, ...]:
    rng = random.Random(SEED)
    cases: list[Case] = []
    for path in sources():
        cases += mutations(path, rng)
    cases += pdf_cases() + docx_cases() + text_cases()
    names = [c.name for c in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    return tuple(cases)
