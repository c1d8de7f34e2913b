"""Budgets a PDF cannot escape: time, operations, form nesting, decoded bytes, lookups, font maps.

pdfminer checks none of these itself. A 2 KB page that calls nested Form XObjects runs a million
form executions without drawing anything (so a deadline checked only when text is drawn never
fires), a 2 KB content stream FlateDecoded twice expands to a gigabyte, two objects that refer to
each other loop for ever, and one ToUnicode map can list 131 million codes. All are stopped here,
paid from one `PdfBudget` per document:

- `BudgetedInterpreter` is pdfminer's page interpreter with its operator loop counting every
  operator (a Form XObject's operators too, and each form call at FORM_CALL_COST) against the
  page's allowance; it checks the deadline every 256 operators and at each form call, and refuses
  forms nested deeper than `max_form_depth`.
- `decoded_bytes_cap(budget)` activates the budget for everything else pdfminer does, in one
  place: it replaces, in `pdfminer.pdftypes` only, the `zlib` module (by a stand-in whose
  `decompress` inflates incrementally), `decompress_corrupted` and `lzwdecode` with bounded
  versions, wraps `PDFStream.decode` to add each decoded stream's size to the document's total,
  and counts object-reference lookups (`PDFObjRef.resolve`) and CMap entries
  (`FileUnicodeMap.add_cid2unichr`, `FileCMap.add_code2cid`), checking the deadline as they go.
  With no budget active all of them behave as pdfminer's own.

Every breach raises `ResumeError`: `timeout` past the deadline, `corrupt` for endless reference
chains, `too_large` otherwise.
"""

from __future__ import annotations

import contextlib
import time
import zlib
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from pdfminer import pdftypes, settings
from pdfminer.cmapdb import FileCMap, FileUnicodeMap
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfinterp import PDFContentParser, PDFInterpreterError, PDFPageInterpreter
from pdfminer.pdftypes import PDFObjRef, PDFStream, stream_value
from pdfminer.psexceptions import PSEOF
from pdfminer.psparser import PSKeyword, keyword_name

from common.errors import ResumeError

TIMEOUT_MESSAGE = (
    "Reading the PDF took too long; it may be unusually complex. Try exporting it again or upload a DOCX."
)
_CHECK_EVERY = 256  # operators between two looks at the clock
# A form call costs far more than one operator (a new interpreter, its resources, a parser): about
# 40 µs against about 1 µs. It is paid as this many operators, so a tree of empty forms runs out
# of budget in about as long as a page of real operators does.
FORM_CALL_COST = 64


@dataclass
class PdfBudget:
    """What reading one PDF may cost; the counters are shared by every interpreter of the document."""

    deadline: float | None = None
    max_operations: int = 1_000_000  # per page; the heaviest real resume page seen ran about 210,000
    max_form_depth: int = 12
    max_decoded_bytes: int = 32 * 1024 * 1024  # per document; real resumes decode to at most ~3 MB
    max_lookups: int = 200_000  # object references resolved, per document; real resumes: under 200
    max_font_entries: int = 500_000  # CMap entries, all fonts; real: under 3,000 (CJK: ~65,000 a font)
    operations: int = 0  # on the current page
    total_operations: int = 0
    decoded_bytes: int = 0
    lookups: int = 0
    font_entries: int = 0

    def start_page(self) -> None:
        self.total_operations += self.operations
        self.operations = 0

    def spend(self, operations: int = 1) -> None:
        """Count operators; raise too_large past the page's cap, timeout past the deadline.

        Called once per block of operators and once per form call, so the clock is read rarely."""
        self.operations += operations
        if self.operations > self.max_operations:
            raise ResumeError(
                "too_large",
                f"A page of the PDF holds more than {self.max_operations:,} drawing "
                "operations; export it again as a plain document.",
            )
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise ResumeError("timeout", TIMEOUT_MESSAGE)

    def lookup(self) -> None:
        """One object reference resolved: a chain of references that loops never ends by itself."""
        self.lookups += 1
        if not self.lookups & 1023:
            if self.lookups > self.max_lookups:
                raise ResumeError(
                    "corrupt",
                    "The PDF's objects refer to each other without end; "
                    "export it again or download it again and re-upload.",
                )
            self._check_deadline()

    def font_entry(self) -> None:
        """One CMap entry (a ToUnicode range of 65,536 codes is 65,536 entries)."""
        self.font_entries += 1
        if not self.font_entries & 1023:
            if self.font_entries > self.max_font_entries:
                raise ResumeError(
                    "too_large",
                    f"The PDF's fonts map more than {self.max_font_entries:,} "
                    "characters; export it again with standard fonts.",
                )
            self._check_deadline()

    def _check_deadline(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise ResumeError("timeout", TIMEOUT_MESSAGE)

    def remaining_bytes(self) -> int:
        return self.max_decoded_bytes - self.decoded_bytes

    def charge_bytes(self, count: int) -> None:
        self.decoded_bytes += count
        if self.decoded_bytes > self.max_decoded_bytes:
            raise _too_much_data(self.max_decoded_bytes)


def _too_much_data(limit: int) -> ResumeError:
    return ResumeError(
        "too_large",
        f"The PDF's compressed contents expand to more than {limit // 1048576} MB; "
        "export it again without embedded attachments or huge drawings.",
    )


class BudgetedInterpreter(PDFPageInterpreter):
    """pdfminer's interpreter, every operator and every Form XObject call paid from a PdfBudget."""

    def __init__(self, rsrcmgr: Any, device: Any, budget: PdfBudget | None = None, depth: int = 0) -> None:
        super().__init__(rsrcmgr, device)
        self.budget = budget if budget is not None else PdfBudget()
        self.depth = depth

    def dup(self) -> BudgetedInterpreter:
        return self.__class__(self.rsrcmgr, self.device, self.budget, self.depth)

    def subinterp(self) -> BudgetedInterpreter:
        interp = super().subinterp()
        assert isinstance(interp, BudgetedInterpreter)
        interp.depth = self.depth + 1
        if interp.depth > self.budget.max_form_depth:
            raise ResumeError(
                "too_large",
                f"The PDF nests drawings more than {self.budget.max_form_depth} levels "
                "deep; export it again as a plain document.",
            )
        return interp

    def do_Do(self, xobjid_arg: Any) -> None:  # pdfminer names operators do_<op>
        self.budget.spend(FORM_CALL_COST)
        super().do_Do(xobjid_arg)

    def execute(self, streams: Sequence[object]) -> None:
        """pdfminer's `PDFPageInterpreter.execute` (20260107) with each operator counted."""
        valid_streams: list[PDFStream] = []
        self.stream_ids.clear()
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is None or stream.objid in self.parent_stream_ids:
                continue  # an inline stream, or a form that calls itself: pdfminer skips both
            valid_streams.append(stream)
            self.stream_ids.add(stream.objid)
        try:
            parser = PDFContentParser(valid_streams)
        except PSEOF:
            return
        spend = self.budget.spend
        unpaid = 0  # operators are paid in blocks of _CHECK_EVERY: one call per block, not per operator
        try:
            while True:
                try:
                    (_, obj) = parser.nextobject()
                except PSEOF:
                    break
                unpaid += 1
                if unpaid == _CHECK_EVERY:
                    spend(unpaid)
                    unpaid = 0
                if isinstance(obj, PSKeyword):
                    name = keyword_name(obj)
                    method = "do_{}".format(name.replace("*", "_a").replace('"', "_w").replace("'", "_q"))
                    func = getattr(self, method, None)
                    if func is not None:
                        nargs = func.__code__.co_argcount - 1
                        if nargs:
                            args = self.pop(nargs)
                            if len(args) == nargs:
                                func(*args)
                        else:
                            func()
                    elif settings.STRICT:
                        raise PDFInterpreterError(f"Unknown operator: {name!r}")
                else:
                    self.push(obj)
        finally:
            self.budget.operations += unpaid  # the rest of the block, without a check on the way out


# -- decoded bytes ---------------------------------------------------------------------------------

_ACTIVE: ContextVar[PdfBudget | None] = ContextVar("rolefit_pdf_budget", default=None)
_ORIGINAL_DECODE = PDFStream.decode
_ORIGINAL_RESOLVE = PDFObjRef.resolve
_ORIGINAL_ADD_CID2UNICHR = FileUnicodeMap.add_cid2unichr
_ORIGINAL_ADD_CODE2CID = FileCMap.add_code2cid


class _BoundedZlib:
    """Stands in for the `zlib` module inside pdfminer.pdftypes: `decompress` stops at the budget."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes, *args: Any, **kwargs: Any) -> bytes:
        budget = _ACTIVE.get()
        if budget is None:
            return zlib.decompress(data, *args, **kwargs)
        limit = max(0, budget.remaining_bytes())
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, limit + 1)
        if len(out) > limit:
            raise _too_much_data(budget.max_decoded_bytes)
        out += inflater.flush()
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")  # as zlib.decompress says it
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _bounded_decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's `decompress_corrupted` (inflate byte by byte, keep what came before a bad
    checksum) without its quadratic concatenation, and stopping at the budget."""
    budget = _ACTIVE.get()
    limit = budget.remaining_bytes() if budget is not None else None
    inflater = zlib.decompressobj()
    out = bytearray()
    for i in range(len(data)):
        try:
            out += inflater.decompress(data[i : i + 1])
        except zlib.error:
            if i < len(data) - 3:
                raise
            break
        if limit is not None and len(out) > limit:
            raise _too_much_data(budget.max_decoded_bytes)  # type: ignore[union-attr]
    return bytes(out)


def _bounded_lzwdecode(data: bytes) -> bytes:
    budget = _ACTIVE.get()
    limit = budget.remaining_bytes() if budget is not None else None
    out = bytearray()
    for chunk in LZWDecoder(BytesIO(data)).run():
        out += chunk
        if limit is not None and len(out) > limit:
            raise _too_much_data(budget.max_decoded_bytes)  # type: ignore[union-attr]
    return bytes(out)


def _budgeted_decode(self: PDFStream) -> None:
    _ORIGINAL_DECODE(self)
    budget = _ACTIVE.get()
    if budget is not None and self.data is not None:
        budget.charge_bytes(len(self.data))


def _budgeted_resolve(self: PDFObjRef, default: object = None) -> Any:
    budget = _ACTIVE.get()
    if budget is not None:
        budget.lookup()
    return _ORIGINAL_RESOLVE(self, default)


def _budgeted_add_cid2unichr(self: FileUnicodeMap, cid: int, code: Any) -> None:
    budget = _ACTIVE.get()
    if budget is not None:
        budget.font_entry()
    _ORIGINAL_ADD_CID2UNICHR(self, cid, code)


def _budgeted_add_code2cid(self: FileCMap, code: str, cid: int) -> None:
    budget = _ACTIVE.get()
    if budget is not None:
        budget.font_entry()
    _ORIGINAL_ADD_CODE2CID(self, code, cid)


def install() -> None:
    """Route pdfminer's stream decoding, reference lookups and CMap entries through the budget
    (idempotent; inert with no budget active)."""
    if PDFStream.decode is _budgeted_decode:
        return
    PDFObjRef.resolve = _budgeted_resolve  # type: ignore[method-assign]
    FileUnicodeMap.add_cid2unichr = _budgeted_add_cid2unichr  # type: ignore[method-assign]
    FileCMap.add_code2cid = _budgeted_add_code2cid  # type: ignore[method-assign]
    pdftypes.zlib = _BoundedZlib()  # type: ignore[assignment]
    pdftypes.decompress_corrupted = _bounded_decompress_corrupted  # type: ignore[assignment]
    pdftypes.lzwdecode = _bounded_lzwdecode  # type: ignore[assignment]
    PDFStream.decode = _budgeted_decode  # type: ignore[method-assign]


@contextlib.contextmanager
def decoded_bytes_cap(budget: PdfBudget) -> Iterator[PdfBudget]:
    """Within the block, every stream pdfminer decodes is paid from `budget.max_decoded_bytes`."""
    install()
    token = _ACTIVE.set(budget)
    try:
        yield budget
    finally:
        _ACTIVE.reset(token)
