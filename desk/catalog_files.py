"""Reading a catalogue file from the province (JSON, CSV or XLSX), which may be damaged or hostile.

Every read is bounded before the expensive part starts: the file's size before it is opened (`ReadLimits`,
which `desk catalog import --max-mb/--max-rows/--max-seconds` override), a row cap, a time budget checked
between rows, a cap on the values a JSON file may hold and on the length of a cell. An XLSX is checked part
by part before any value is read (desk/catalog_xlsx.py): an XLSX of about 1 MB that unpacks to millions of
rows is refused from its zip directory or within the first rows of a streaming count, in milliseconds and a
few MB of memory (bench/bench_hostile_import.py). Records are handed over one at a time, so a file is never
held in memory twice.

A file that cannot be a catalogue (too big, not what its name says, no «Mã thủ tục» column, too many rows,
empty) is refused whole with a Vietnamese message and nothing is written. A file that is a catalogue but has
bad rows has those rows refused one by one, each message naming its row (and column where one cell is at
fault); `desk.catalog.Catalog.import_records` imports the good rows and lists the bad ones."""

from __future__ import annotations

import csv
import io
import json
import logging
import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from datetime import time as dtime
from pathlib import Path
from typing import Any

from desk.errors import ValidationError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReadLimits:
    """How much of a catalogue file the desk is willing to read. A province's whole catalogue (every level) is
    a few thousand procedures and a few MB; these leave room for that and stop a hostile file early."""

    max_bytes: int = 10 * 1024 * 1024
    max_rows: int = 10_000
    max_seconds: float = 60.0
    max_cell_chars: int = 32_767  # Excel's own limit for one cell
    max_columns: int = 200
    max_cells_per_row: int = 1_000  # cells an XLSX row may carry (styled blanks included)
    max_zip_members: int = 1_000
    max_unzipped_bytes: int = 32 * 1024 * 1024  # all parts of an XLSX together
    max_part_bytes: int = 16 * 1024 * 1024  # one part openpyxl reads whole (styles, workbook, shared strings)
    max_shared_strings: int = 300_000
    max_json_values: int = 2_000_000
    header_rows: int = 20  # title lines a province puts above the header row

    def with_overrides(self, *, max_mb: float | None = None, max_rows: int | None = None,
                       max_seconds: float | None = None) -> ReadLimits:
        out = self
        if max_mb is not None:
            out = replace(out, max_bytes=max(1, int(max_mb * 1024 * 1024)))
        if max_rows is not None:
            out = replace(out, max_rows=max(1, max_rows))
        if max_seconds is not None:
            out = replace(out, max_seconds=max(0.1, max_seconds))
        return out


DEFAULT_LIMITS = ReadLimits()
# Keys a reader adds to a record for Catalog.import_records: where it came from, or why it is refused.
WHERE, ERROR = "_where", "_error"


class _Budget:
    """The time budget of one read: checked between rows and chunks, never inside a library call."""

    def __init__(self, name: str, seconds: float) -> None:
        self.name = name
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise _refuse(self.name, f"đọc tệp quá {self.seconds:g} giây (tệp quá lớn hoặc hỏng)")


def _refuse(name: str, why: str) -> ValidationError:
    return ValidationError("file", f"Không nhập tệp «{name}»: {why}. Không có gì được ghi.",
                           message_en=f"Catalogue file refused: {why}. Nothing was written.")


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


HeaderKey = Callable[[str], str]


def read_catalog_file(path: Path, header_key: HeaderKey, limits: ReadLimits = DEFAULT_LIMITS,
                      known: frozenset[str] = frozenset()) -> Iterator[dict[str, Any]]:
    """The records of a catalogue file, one at a time (a record is dropped once the importer has checked it:
    the file is never held twice in memory), each with `_where` ("Dòng 7") and, for a refused row, `_error`.
    Spreadsheet headers are named by `header_key` ("Mã thủ tục" → "code"); only the `known` columns are kept.

    Raises ValidationError(field "file"), possibly after some records, when the file as a whole cannot be read;
    nothing else escapes."""
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ValidationError("file", f"Không tìm thấy tệp «{path}».") from None
    except OSError as e:
        raise _refuse(name, f"không mở được tệp ({e.strerror or type(e).__name__})") from None
    if not path.is_file():
        raise _refuse(name, "đây không phải một tệp")
    if size > limits.max_bytes:
        raise _refuse(name, f"tệp nặng {_mb(size)}, quá giới hạn {_mb(limits.max_bytes)}")
    if size == 0:
        raise _refuse(name, "tệp trống")
    budget = _Budget(name, limits.max_seconds)
    suffix = path.suffix.lower()
    count = 0
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            fh.seek(0)
            if suffix in (".xlsx", ".xlsm"):
                from desk.catalog_xlsx import read_xlsx

                records = read_xlsx(fh, name, head, _Columns(header_key, _xlsx_column, known), limits, budget)
            elif suffix == ".xls":
                raise _refuse(name, "đây là định dạng Excel 97–2003 (.xls); hãy mở bằng Excel và lưu lại dạng .xlsx")
            else:
                data = fh.read(limits.max_bytes + 1)
                if suffix == ".json":
                    records = _read_json(data, name, limits, budget)
                elif suffix == ".csv":
                    records = _read_csv(data, name, _Columns(header_key, _csv_column, known), limits, budget)
                else:
                    raise ValidationError("file", f"Không đọc được tệp «{name}»: chỉ nhận JSON, CSV hoặc XLSX.")
                del data
            for record in records:
                count += 1
                yield record
    except ValidationError:
        raise
    except (OSError, MemoryError, RecursionError) as e:
        log.warning("catalogue file unreadable: %s", type(e).__name__)
        raise _refuse(name, f"không đọc được tệp ({type(e).__name__})") from None
    except Exception:
        # The trust boundary: whatever a hostile file makes a library raise, the officer gets a sentence and
        # support gets the traceback in the log.
        log.error("catalogue file: unexpected failure while reading", exc_info=True)
        raise _refuse(name, "tệp hỏng hoặc không đúng dạng") from None
    if not count:
        raise _refuse(name, "tệp không có thủ tục nào (trống, hoặc chỉ có dòng tiêu đề)")


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")


# --- one value --------------------------------------------------------------------------------------------

class _BadCell(ValueError):
    pass


def _plain(value: Any, limits: ReadLimits, *, spreadsheet: bool, code: bool = False) -> Any:
    """A cell or JSON value as the catalogue's shape expects it (str, int, float, bool or None), or _BadCell."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if abs(value) > 10**9:
            raise _BadCell(f"số quá lớn ({str(value)[:20]})")
        return value
    if isinstance(value, float):
        if not math.isfinite(value) or abs(value) > 1e9:
            raise _BadCell("số không hợp lệ")
        if code:
            # Excel turned a code typed as 1.001190 into the number 1.00119: codes have six decimals.
            return f"{value:.6f}"
        return int(value) if value.is_integer() else value
    if isinstance(value, dtime):
        return f"{value:%H:%M}"  # a «Giờ tiếp nhận» cell formatted as a time
    if isinstance(value, datetime):
        return value.strftime("%H:%M") if (value.year, value.month, value.day) == (1899, 12, 30) \
            else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        if len(value) > limits.max_cell_chars:
            raise _BadCell(f"ô quá dài ({_n(len(value))} ký tự, tối đa {_n(limits.max_cell_chars)})")
        if spreadsheet and value.lstrip().startswith("="):
            raise _BadCell("ô là một công thức (bắt đầu bằng «=»); hãy chép ô dạng giá trị (Paste Values)")
        return value
    raise _BadCell(f"kiểu dữ liệu không dùng được ({type(value).__name__})")


def _documents(value: Any, limits: ReadLimits) -> Any:
    """The documents field of a JSON record: text, or a list of texts or of {name, copies, …}."""
    if value is None or isinstance(value, str):
        return _plain(value, limits, spreadsheet=False)
    if not isinstance(value, list):
        raise _BadCell("thành phần hồ sơ phải là một danh sách")
    out: list[Any] = []
    for item in value:
        if isinstance(item, dict):
            out.append({str(k): _plain(v, limits, spreadsheet=False) for k, v in item.items()
                        if not isinstance(v, (dict, list))})
        elif isinstance(item, (str, int, float)) and not isinstance(item, bool):
            out.append(_plain(item, limits, spreadsheet=False))
        else:
            raise _BadCell("mỗi thành phần hồ sơ phải là chữ hoặc một mục {name, …}")
    return out


# --- JSON -------------------------------------------------------------------------------------------------

def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def _no_constant(text: str) -> Any:
    raise ValueError(f"{text} is not a number")


def _read_json(data: bytes, name: str, limits: ReadLimits, budget: _Budget) -> Iterator[dict[str, Any]]:
    text = _decode(data, name)
    del data
    # Each value costs memory once parsed: bound their number from the raw text before parsing it.
    values = sum(text.count(ch) for ch in ",:[{")
    if values > limits.max_json_values:
        raise _refuse(name, f"tệp JSON có quá nhiều giá trị (hơn {_n(limits.max_json_values)})")
    try:
        data_obj = json.loads(text, parse_float=_finite, parse_constant=_no_constant)
        del text
    except RecursionError:
        raise _refuse(name, "tệp JSON lồng nhau quá sâu") from None
    except ValueError as e:
        line = getattr(e, "lineno", None)
        raise _refuse(name, "tệp JSON hỏng" + (f" (dòng {line})" if line else "")) from None
    budget.check()
    if isinstance(data_obj, dict):
        items = data_obj.get("procedures")
        if not isinstance(items, list):
            raise ValidationError("file", f"Tệp «{name}» thiếu danh sách «procedures».")
    elif isinstance(data_obj, list):
        items = data_obj
    else:
        raise _refuse(name, "tệp JSON phải là danh sách các thủ tục")
    if len(items) > limits.max_rows:
        raise _refuse(name, f"tệp có {_n(len(items))} thủ tục, quá giới hạn {_n(limits.max_rows)}")
    for i, item in enumerate(items, start=1):
        where = f"Mục {i}"
        if not isinstance(item, dict):
            yield {WHERE: where, ERROR: f"{where}: không phải một thủ tục (cần dạng {{\"code\": …, \"name\": …}})."}
            continue
        record: dict[str, Any] = {WHERE: where}
        try:
            for key, value in item.items():
                if key.startswith("_"):
                    continue
                if key == "documents":
                    record[key] = _documents(value, limits)
                elif key == "unconfirmed_fields" and isinstance(value, list):
                    record[key] = [str(_plain(v, limits, spreadsheet=False)) for v in value
                                   if not isinstance(v, (dict, list))]
                elif isinstance(value, (dict, list)):
                    raise _BadCell(f"trường «{key[:40]}» có kiểu không dùng được")
                else:
                    record[key] = _plain(value, limits, spreadsheet=False, code=key in ("code", "ma"))
        except _BadCell as e:
            yield {WHERE: where, ERROR: f"{where}: {e}."}
            continue
        yield record
        if i % 500 == 0:
            budget.check()


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError("file", f"Tệp «{name}» không phải văn bản UTF-8 (tệp UTF-16): hãy lưu lại dạng "
                                      "«CSV UTF-8» hoặc dùng tệp XLSX.")
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise _refuse(name, f"tệp có byte 0 ở dòng {line}: đây là tệp nhị phân, không phải văn bản")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise ValidationError("file", f"Tệp «{name}» không phải văn bản UTF-8 (lỗi ở dòng {line}): hãy lưu lại "
                                      "dạng «CSV UTF-8» hoặc dùng tệp XLSX.") from None


# --- CSV --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Columns:
    """How a reader names a header cell ("code") and a column in a message ("cột C «Tên thủ tục»")."""

    key: HeaderKey
    label: Callable[[int, str], str]
    known: frozenset[str] = frozenset()  # the columns the catalogue reads: a bad cell elsewhere is dropped


def _read_csv(data: bytes, name: str, columns: _Columns, limits: ReadLimits,
              budget: _Budget) -> Iterator[dict[str, Any]]:
    text = _decode(data, name)
    del data
    first_line = text.split("\n", 1)[0]
    # Excel on a Vietnamese Windows writes «;» (the comma is the decimal mark there).
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = _numbered_csv_rows(reader, name, budget)
    yield from _records_from_rows(rows, name, columns, limits, budget)


def _numbered_csv_rows(reader: Any, name: str, budget: _Budget) -> Iterator[tuple[int, tuple[Any, ...]]]:
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise _refuse(name, f"tệp CSV hỏng ở dòng {reader.line_num} ({_csv_error(e)})") from None
        yield start, tuple(row)
        start = reader.line_num + 1
        budget.check()


def _csv_error(e: csv.Error) -> str:
    text = str(e)
    if "field larger than field limit" in text:
        return "một ô quá dài"
    if "NUL" in text:
        return "có byte 0"
    return "dấu ngoặc kép không khớp" if "quote" in text or "EOF" in text else "không đúng dạng CSV"


def _csv_column(index: int, header: str) -> str:
    return f"cột «{header[:40]}»" if header else f"cột {index + 1}"


def _xlsx_column(index: int, header: str) -> str:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(index + 1)
    return f"cột {letter} «{header[:40]}»" if header else f"cột {letter}"


# --- rows of a sheet or CSV -------------------------------------------------------------------------------

def _header_key(cell: Any, columns: _Columns) -> str:
    return columns.key(cell[:200]) if isinstance(cell, str) else ""


def _is_header(row: tuple[Any, ...], columns: _Columns) -> bool:
    return any(_header_key(c, columns) == "code" for c in row)


def _records_from_rows(rows: Iterator[tuple[int, tuple[Any, ...]]], name: str, columns: _Columns,
                       limits: ReadLimits, budget: _Budget) -> Iterator[dict[str, Any]]:
    header: list[str] | None = None
    labels: list[str] = []
    count = 0
    column_name = columns.label
    for seen_rows, (number, row) in enumerate(rows, start=1):
        if seen_rows % 1000 == 0:
            budget.check()
        if header is None:
            if _is_header(row, columns):
                header = [_header_key(c, columns) for c in row]
                labels = [str(c or "").strip() for c in row]
                if "name" not in header:
                    raise _refuse(name, f"dòng tiêu đề (dòng {number}) không có cột «Tên thủ tục»")
                seen: dict[str, int] = {}
                for i, key in enumerate(header):
                    if columns.known and key not in columns.known:
                        continue  # two «Ghi chú» columns harm nobody
                    if key and key in seen:
                        raise _refuse(name, f"dòng tiêu đề có hai cột cùng là «{labels[i][:40]}» "
                                            f"({column_name(seen[key], labels[seen[key]])} và {column_name(i, labels[i])})")
                    if key:
                        seen[key] = i
            elif number >= limits.header_rows:
                raise _refuse(name, f"không tìm thấy dòng tiêu đề có cột «Mã thủ tục» trong {limits.header_rows} dòng đầu")
            continue
        if not any(v not in (None, "") and not (isinstance(v, str) and not v.strip()) for v in row):
            continue  # a blank line
        if count >= limits.max_rows:
            raise _refuse(name, f"tệp có hơn {_n(limits.max_rows)} dòng thủ tục")
        where = f"Dòng {number}"
        record: dict[str, Any] = {WHERE: where}
        count += 1
        try:
            if len(row) > limits.max_columns:
                raise _BadCell(f"dòng có {_n(len(row))} ô, quá {_n(limits.max_columns)} ô")
            for i, (key, value) in enumerate(zip(header, row, strict=False)):
                if not key or (columns.known and key not in columns.known):
                    continue  # a column the catalogue does not read (STT, ghi chú): not kept, not judged
                try:
                    record[key] = _plain(value, limits, spreadsheet=True, code=key == "code")
                except _BadCell as e:
                    raise _BadCell(f"{column_name(i, labels[i])}: {e}") from None
        except _BadCell as e:
            yield {WHERE: where, ERROR: f"{where}, {e}."}
            continue
        yield record
    if header is None:
        raise _refuse(name, "không tìm thấy dòng tiêu đề có cột «Mã thủ tục»")

