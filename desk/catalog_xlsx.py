"""Reading an XLSX catalogue without trusting it (the rest of the reading is desk/catalog_files.py).

Before `openpyxl` sees the file: its zip end record (the number of parts, before `zipfile` builds an object
per part), the sizes the zip directory declares for its parts (`zipfile` also holds the data to them: a part
that unpacks past its declared size fails its check), and a streaming count with `expat` of the rows, cells
per row, shared strings and text length of every sheet (no tree is built; DTDs and entity declarations are
refused). Only then does `openpyxl` read values, in read-only streaming mode, from the first sheet with a
«Mã thủ tục» header row.
"""

from __future__ import annotations

import logging
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO
from xml.parsers import expat

from desk.catalog_files import (
    ReadLimits,
    _Budget,
    _Columns,
    _is_header,
    _mb,
    _n,
    _records_from_rows,
    _refuse,
)
from desk.errors import ValidationError

log = logging.getLogger(__name__)


def read_xlsx(fh: BinaryIO, name: str, head: bytes, columns: _Columns, limits: ReadLimits,
              budget: _Budget) -> Iterator[dict[str, Any]]:
    """The records of an XLSX catalogue, after the checks of the module docstring."""
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _refuse(name, "tệp Excel được đặt mật khẩu hoặc là định dạng .xls cũ; hãy bỏ mật khẩu và lưu lại "
                            "dạng .xlsx")
    if not head.startswith(b"PK"):
        raise _refuse(name, "đây không phải tệp Excel .xlsx (không phải tệp nén zip)")
    _check_zip_directory(fh, name, limits)
    try:
        archive = zipfile.ZipFile(fh)
    except Exception:  # BadZipFile, LargeZipFile, struct and value errors of a forged directory
        raise _refuse(name, "tệp .xlsx bị hỏng (không mở được tệp nén)") from None
    with archive:
        _check_parts(archive, name, limits, budget)
    fh.seek(0)
    yield from _records_from_rows(_openpyxl_rows(fh, name, columns, limits, budget), name, columns, limits, budget)


def _check_zip_directory(fh: BinaryIO, name: str, limits: ReadLimits) -> None:
    """Count the zip's entries from its end record before `zipfile` reads (and builds objects for) them all."""
    fh.seek(0, 2)
    size = fh.tell()
    tail_len = min(size, 22 + 65535)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    fh.seek(0)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        raise _refuse(name, "tệp .xlsx bị hỏng (thiếu mục lục của tệp nén)")
    entries = struct.unpack("<H", tail[at + 10:at + 12])[0]
    if entries == 0xFFFF or entries > limits.max_zip_members:
        raise _refuse(name, f"tệp .xlsx có quá nhiều thành phần (hơn {_n(limits.max_zip_members)})")


def _check_parts(archive: zipfile.ZipFile, name: str, limits: ReadLimits, budget: _Budget) -> None:
    infos = archive.infolist()
    if len(infos) > limits.max_zip_members:
        raise _refuse(name, f"tệp .xlsx có quá nhiều thành phần (hơn {_n(limits.max_zip_members)})")
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped_bytes:
        raise _refuse(name, f"tệp .xlsx giải nén ra {_mb(total)}, quá giới hạn {_mb(limits.max_unzipped_bytes)} "
                            "(tệp «bom nén» hoặc bảng tính quá lớn)")
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise _refuse(name, "tệp nén này không phải bảng tính Excel .xlsx")
    for info in infos:
        part = info.filename
        if not part.endswith(".xml") and not part.endswith(".rels"):
            continue
        if part.startswith("xl/worksheets/") and "/_rels/" not in part:
            _scan_xml(archive, info, name, limits, budget, sheet=True)
        elif info.file_size > limits.max_part_bytes:
            raise _refuse(name, f"một thành phần của tệp .xlsx ({part[:60]}) giải nén ra {_mb(info.file_size)}, "
                                f"quá giới hạn {_mb(limits.max_part_bytes)}")
        elif part == "xl/sharedStrings.xml":
            _scan_xml(archive, info, name, limits, budget, sheet=False)


class _Scan:
    """Counters for one streamed XML part; raises _Stop when a limit is passed."""

    def __init__(self, limits: ReadLimits, sheet: bool) -> None:
        self.limits = limits
        self.sheet = sheet
        self.rows = 0
        self.cells = 0
        self.strings = 0
        self.text = 0
        # Rows a sheet may hold: the catalogue, the title lines above its header, and slack for blank rows.
        self.max_rows = limits.max_rows + limits.header_rows + 1000

    def start(self, tag: str, attrs: Any) -> None:
        local = tag.rsplit(" ", 1)[-1]
        self.text = 0
        if self.sheet:
            if local == "row":
                self.rows += 1
                self.cells = 0
                # A row's own number counts too: one value on row 1,048,576 makes a million blank rows to read.
                number = attrs.get("r", "") if isinstance(attrs, dict) else ""
                if self.rows > self.max_rows or (number.isdigit() and int(number) > self.max_rows):
                    raise _Stop(f"trang tính có hơn {_n(self.limits.max_rows)} dòng")
            elif local == "c":
                self.cells += 1
                if self.cells > self.limits.max_cells_per_row:
                    raise _Stop(f"dòng {_n(self.rows)} có hơn {_n(self.limits.max_cells_per_row)} ô")
        elif local == "si":
            self.strings += 1
            if self.strings > self.limits.max_shared_strings:
                raise _Stop(f"bảng tính có hơn {_n(self.limits.max_shared_strings)} chuỗi chữ")

    def chars(self, data: str) -> None:
        self.text += len(data)
        if self.text > self.limits.max_cell_chars:
            raise _Stop(f"có ô dài hơn {_n(self.limits.max_cell_chars)} ký tự")


class _Stop(Exception):
    pass


def _forbid(*_args: Any) -> None:
    raise _Stop("tệp có khai báo DTD/thực thể XML (không có trong bảng tính thật)")


def _scan_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limits: ReadLimits, budget: _Budget,
              *, sheet: bool) -> None:
    scan = _Scan(limits, sheet)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = scan.start
    parser.CharacterDataHandler = scan.chars
    parser.StartDoctypeDeclHandler = _forbid
    parser.EntityDeclHandler = _forbid
    try:
        with archive.open(info) as src:
            while chunk := src.read(256 * 1024):
                parser.Parse(chunk, False)
                budget.check()
            parser.Parse(b"", True)
    except _Stop as e:
        raise _refuse(name, str(e)) from None
    except (expat.ExpatError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError):
        # RuntimeError: an encrypted part; NotImplementedError: an unknown compression method.
        raise _refuse(name, f"tệp .xlsx bị hỏng ({info.filename[:60]} không đọc được)") from None


def _openpyxl_rows(fh: BinaryIO, name: str, columns: _Columns, limits: ReadLimits,
                   budget: _Budget) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, values) of the first worksheet that has a «Mã thủ tục» header; the others are skipped."""
    from openpyxl import load_workbook

    try:
        # Formulas as written, not their cached results: a formula never saved by Excel has no result, and
        # an empty cell would be a silent loss. A formula in a column the catalogue reads is refused by row.
        wb = load_workbook(fh, read_only=True, data_only=False, keep_links=False)
    except ValidationError:
        raise
    except Exception as e:  # openpyxl raises many kinds on a damaged workbook: none may reach the officer
        log.warning("catalogue xlsx unreadable: %s", type(e).__name__)
        raise _refuse(name, f"tệp .xlsx bị hỏng hoặc không phải bảng tính ({type(e).__name__})") from None
    try:
        sheets = list(wb.worksheets)
        if not sheets:
            raise _refuse(name, "bảng tính không có trang tính nào")
        for ws in sheets:
            rows = enumerate(ws.iter_rows(max_col=limits.max_columns, values_only=True), start=1)
            peeked: list[tuple[int, tuple[Any, ...]]] = []
            for number, row in rows:
                peeked.append((number, tuple(row)))
                if _is_header(row, columns) or number >= limits.header_rows:
                    break
                budget.check()
            if not peeked or not _is_header(peeked[-1][1], columns):
                continue  # not the catalogue: a cover or notes sheet

            def chained(first: list[tuple[int, tuple[Any, ...]]] = peeked,
                        rest: Iterator[tuple[int, Any]] = rows) -> Iterator[tuple[int, tuple[Any, ...]]]:
                yield from first
                for number, row in rest:
                    yield number, tuple(row)
            yield from chained()
            return
        titles = ", ".join(f"«{str(ws.title)[:30]}»" for ws in sheets[:5])
        raise _refuse(name, f"không tìm thấy dòng tiêu đề có cột «Mã thủ tục» trong {limits.header_rows} dòng đầu "
                            f"của trang tính nào ({titles})")
    except ValidationError:
        raise
    except Exception as e:
        log.warning("catalogue xlsx unreadable while reading rows: %s", type(e).__name__)
        raise _refuse(name, f"tệp .xlsx bị hỏng ({type(e).__name__})") from None
    finally:
        wb.close()
