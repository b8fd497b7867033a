"""Fuzzing (Hypothesis) of the two doors hostile input comes through: the card QR parser and the catalogue
import. Whatever comes in, only the project's DeskError family comes out, what the parser fills in is clean,
and a refused import writes nothing. Fixed example counts and `derandomize=True`: CI sees the same inputs
every run, each test stays under some twenty seconds."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from desk.citizen_id import ID12, parse_card_qr
from desk.errors import DeskError
from desk.text import invisible_char

TODAY = date(2026, 11, 23)
CARDS = [
    "001199012345|123456789|NGUYỄN THỊ HỒNG NHUNG|12031999|Nữ|Số 5 ngõ 12 phố Lê Lợi, phường Hòa Bình, Hà Nội|15082021",
    "079203001122||Trần Minh Khôi|01022003|Nam|Phường Bến Nghé, Thành phố Hồ Chí Minh|20072024|"
    "Phường Bến Nghé, Thành phố Hồ Chí Minh|Trần Văn Long|Lê Thị Mai",
]
# What scanners and keyboards put where letters were: marks, lookalikes, ?, U+FFFD, bidi and zero-width marks,
# other scripts' digits, the separator itself.
NOISE = st.sampled_from([*"?\ufffd|\u202e\u200b\u2066\u00ad\r\n\t \x00\x7f0123456789٠١٢३४５ẫễỹđĐơưăâêôNnuUwWfjxrsz",
                         "Ã", "á»", "â€", "Ä‘", "\u0300", "\u0303", "\U0001f600"])
SETTINGS = settings(max_examples=300, derandomize=True, deadline=None, database=None)


def check_card(text: str) -> None:
    """The parser's promise: a card with clean fields, or a ValidationError (a DeskError); nothing else."""
    try:
        card = parse_card_qr(text, today=TODAY)
    except DeskError as e:
        assert e.message_vi
        return
    assert card.id_number == "" or ID12.match(card.id_number)
    for name in ("full_name", "address", "gender", "old_id_number"):
        value = getattr(card, name)
        assert "?" not in value and "\ufffd" not in value and invisible_char(value) is None, (name, value)
        if name in card.damaged:
            assert value == "", (name, value)
    for field_name, message in card.damaged.items():
        assert field_name in ("id_number", "old_id_number", "full_name", "dob", "gender", "address", "issued_on")
        assert message.endswith("Hãy nhập ô này theo thẻ.")
    if card.dob is not None:
        assert date(1900, 1, 1) <= card.dob <= TODAY


@SETTINGS
@given(st.text(max_size=400))
def test_any_text(text: str) -> None:
    check_card(text)


@SETTINGS
@given(st.binary(max_size=400), st.sampled_from(["utf-8", "latin-1", "cp1252", "utf-16"]))
def test_any_bytes_as_a_scanner_driver_decodes_them(data: bytes, codec: str) -> None:
    check_card(data.decode(codec, errors="replace"))
    check_card(data.hex().upper())  # the hex that keyboard-mode scanners send


@st.composite
def mutated_card(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(CARDS))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["insert", "delete", "replace", "swap", "duplicate", "drop_field", "encode"]))
        pos = draw(st.integers(0, max(0, len(text) - 1)))
        if op == "insert":
            text = text[:pos] + draw(NOISE) + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + 1:]
        elif op == "replace":
            text = text[:pos] + draw(NOISE) + text[pos + 1:]
        else:
            parts = text.split("|")
            i = draw(st.integers(1, len(parts) - 1)) if len(parts) > 1 else 0
            j = draw(st.integers(1, len(parts) - 1)) if len(parts) > 1 else 0
            if op == "swap":
                parts[i], parts[j] = parts[j], parts[i]
            elif op == "duplicate":
                parts.insert(i, parts[j])
            elif op == "drop_field":
                parts[i] = ""
            else:  # the US layout drops every mark; a mojibake driver reads UTF-8 as cp1252
                parts[i] = draw(st.sampled_from([
                    "".join(c for c in parts[i] if c.isascii()),
                    parts[i].encode("utf-8").decode("cp1252", errors="replace"),
                ]))
            text = "|".join(parts)
    return text


@settings(max_examples=600, derandomize=True, deadline=None, database=None)
@given(mutated_card())
def test_mutations_of_real_card_strings(text: str) -> None:
    check_card(text)


# --- the catalogue import ---------------------------------------------------------------------------------

TABLES = ("procedures", "procedure_documents", "procedures_fts", "catalog_versions", "audit_log", "outbox")
HEADERS = ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Thời hạn (ngày)", "Phí, lệ phí", "Thành phần hồ sơ",
           "Giờ tiếp nhận trong ngày", "code", "name", "time_limit_days", "confirmed", "STT", "", "Ghi chú"]
CELL_TEXT = st.one_of(
    st.sampled_from(["1.999001", "1.999002", "2.000908.000.00.00.H61", "Thủ tục hộ tịch", "Tờ khai; Giấy tờ",
                     "15:00", "25:00", "7", "-1", "bảy", "=1+1", "=HYPERLINK(\"x\")", "", " ", "có", "1.0011"]),
    st.text(max_size=40),
)
CELL = st.one_of(CELL_TEXT, st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
                 st.booleans(), st.none(), st.dates(), st.datetimes())
JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**15, 10**15), st.floats(allow_nan=False), CELL_TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(
        ["code", "name", "documents", "time_limit_days", "same_day_cutoff", "copies", "fee_text", "confirmed",
         "unconfirmed_fields", "procedures", "_where", "_error", "x"]), inner, max_size=5)),
    max_leaves=25,
)
GOOD_CODE = st.sampled_from(["1.999001", "1.999002", "1.999003", "2.000908.000.00.00.H61", "1.001193"])
GOOD_NAME = st.sampled_from(["Thủ tục hộ tịch", "Đăng ký khai sinh", "Cấp bản sao"])
# Most rows look like a catalogue's, so that both imports and refusals are exercised.
CODE_CELL = st.one_of(GOOD_CODE, GOOD_CODE, GOOD_CODE, CELL)
NAME_CELL = st.one_of(GOOD_NAME, GOOD_NAME, GOOD_NAME, CELL)
ROWS = st.lists(st.tuples(CODE_CELL, NAME_CELL, st.lists(CELL, max_size=5)).map(lambda t: [t[0], t[1], *t[2]]),
                max_size=8)
HEADER = st.one_of(st.just(["Mã thủ tục", "Tên thủ tục"]), st.just(["STT", "Mã thủ tục", "Tên thủ tục", "Ghi chú"]),
                   st.tuples(st.sampled_from(["Mã thủ tục", "code", "Tên thủ tục", "STT"]),
                   st.sampled_from(["Tên thủ tục", "name", "Mã thủ tục", "Lĩnh vực"]),
                             st.lists(st.sampled_from(HEADERS), max_size=5)).map(lambda t: [t[0], t[1], *t[2]]))
MOSTLY_TEXT = st.one_of(CELL_TEXT, CELL_TEXT, JSON_VALUE)
RECORD = st.fixed_dictionaries({"code": CODE_CELL, "name": NAME_CELL},
                               optional={"documents": MOSTLY_TEXT, "time_limit_days": MOSTLY_TEXT,
                                         "same_day_cutoff": MOSTLY_TEXT, "fee_text": MOSTLY_TEXT,
                                         "confirmed": MOSTLY_TEXT, "_error": JSON_VALUE})
IMPORT_SETTINGS = settings(max_examples=60, derandomize=True, deadline=None, database=None,
                           suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def counts(desk: Any) -> tuple[int, ...]:
    return tuple(desk.store.scalar(f"SELECT COUNT(*) FROM {t}") for t in TABLES)


def check_import(desk: Any, path: Path) -> None:
    """The import's promise: a report, or a DeskError with a message and not one row written."""
    before = counts(desk)
    try:
        report = desk.catalog.import_file(path)
    except DeskError as e:
        assert e.message_vi
        assert counts(desk) == before, "a refused import wrote something"
        return
    assert report.added or report.updated or report.unchanged
    assert counts(desk)[3] == before[3] + 1  # exactly one catalogue version per import


def _cell_for_csv(value: Any) -> str:
    return "" if value is None else str(value)


@IMPORT_SETTINGS
@given(header=HEADER, rows=ROWS, delimiter=st.sampled_from([",", ";", "\t"]), garbage=st.binary(max_size=30),
       encode_ok=st.sampled_from([True, True, True, False]))
def test_generated_csv(desk: Any, tmp_path: Path, header: list[str], rows: list[list[Any]], delimiter: str,
                       garbage: bytes, encode_ok: bool) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(header)
    for r in rows:
        writer.writerow([_cell_for_csv(v) for v in r])
    data = buf.getvalue().encode("utf-8", errors="surrogatepass" if encode_ok else "replace")
    if not encode_ok:
        data += garbage  # what a damaged download or another code page leaves at the end
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    check_import(desk, path)


@IMPORT_SETTINGS
@given(value=st.one_of(JSON_VALUE, st.lists(st.one_of(RECORD, RECORD, RECORD, JSON_VALUE), max_size=6)),
       wrap=st.booleans())
def test_generated_json(desk: Any, tmp_path: Path, value: Any, wrap: bool) -> None:
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps({"procedures": value} if wrap else value, ensure_ascii=False, default=str),
                    encoding="utf-8", errors="surrogatepass")
    check_import(desk, path)


def _xlsx_safe(value: Any) -> Any:
    if isinstance(value, str):
        # openpyxl refuses to write control characters at all: those cannot be in a real XLSX.
        return "".join(c for c in value if c in "\t\n" or ord(c) >= 32)
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, float) and abs(value) == float("inf"):
        return 1e308
    if isinstance(value, datetime | date) and not 1900 <= value.year <= 9999:
        return None
    return value


@IMPORT_SETTINGS
@given(title_rows=st.integers(0, 3), header=HEADER, rows=ROWS, second_sheet=st.booleans())
def test_generated_xlsx(desk: Any, tmp_path: Path, title_rows: int, header: list[str], rows: list[list[Any]],
                        second_sheet: bool) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    if second_sheet:
        ws.append(["Trang bìa"])
        ws = wb.create_sheet("Danh mục")
    for _ in range(title_rows):
        ws.append(["DANH MỤC THỦ TỤC"])
    ws.append(header)
    for r in rows:
        ws.append([_xlsx_safe(v) for v in r])
    path = tmp_path / "fuzz.xlsx"
    wb.save(path)
    check_import(desk, path)


def _small_workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Mã thủ tục", "Tên thủ tục", "Thời hạn (ngày)"])
    ws.append(["1.999031", "Thủ tục A", 3])
    ws.append(["1.999032", "Thủ tục B", 4])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


WORKBOOK = _small_workbook()


@IMPORT_SETTINGS
@given(edits=st.lists(st.tuples(st.integers(0, len(WORKBOOK) - 1), st.integers(0, 255)), min_size=1, max_size=8),
       cut=st.one_of(st.none(), st.integers(0, len(WORKBOOK))))
def test_damaged_xlsx_bytes(desk: Any, tmp_path: Path, edits: list[tuple[int, int]], cut: int | None) -> None:
    data = bytearray(WORKBOOK)
    for at, byte in edits:
        data[at] = byte
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(bytes(data[:cut] if cut is not None else data))
    check_import(desk, path)


@IMPORT_SETTINGS
@given(sheet=st.text(max_size=300), strings=st.text(max_size=200))
def test_xlsx_with_garbage_xml_parts(desk: Any, tmp_path: Path, sheet: str, strings: str) -> None:
    path = tmp_path / "fuzz.xlsx"
    with zipfile.ZipFile(io.BytesIO(WORKBOOK)) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", sheet.encode("utf-8", "replace") + b"</sheetData>")
            dst.writestr(info, data)
        dst.writestr("xl/sharedStrings.xml", strings.encode("utf-8", "replace"))
    check_import(desk, path)


@pytest.mark.parametrize("card", CARDS)
def test_the_real_cards_read_clean(card: str) -> None:
    parsed = parse_card_qr(card, today=TODAY)
    assert parsed.damaged == {} and parsed.full_name and parsed.dob is not None
