"""Damaged and hostile catalogue files: each kind gets a Vietnamese message naming the file, row or column,
never a traceback; a refused file writes nothing; a zip bomb is refused from its directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from desk.catalog_files import ReadLimits
from desk.errors import DeskError, ValidationError, ValidationErrors
from tests.support import hostile_files

ROOT = Path(__file__).resolve().parents[2]
TABLES = ("procedures", "procedure_documents", "procedures_fts", "catalog_versions", "audit_log", "outbox")


def counts(desk: Any) -> tuple[int, ...]:
    return tuple(desk.store.scalar(f"SELECT COUNT(*) FROM {t}") for t in TABLES)


def xlsx(path: Path, rows: list[list[Any]], *, sheets: dict[str, list[list[Any]]] | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    if sheets:
        ws.title = "Bìa"
        ws.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH"])
        for title, sheet_rows in sheets.items():
            extra = wb.create_sheet(title)
            for r in sheet_rows:
                extra.append(r)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def write(path: Path, content: bytes | str) -> Path:
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


HEADER = ["Mã thủ tục", "Tên thủ tục", "Lĩnh vực"]


def _not_zip(d: Path) -> Path:
    return write(d / "danhmuc.xlsx", "Mã thủ tục,Tên thủ tục\n1.999001,Thủ tục\n")


def _old_xls(d: Path) -> Path:
    return write(d / "danhmuc.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)


def _encrypted(d: Path) -> Path:
    return write(d / "matkhau.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)


def _zip_not_workbook(d: Path) -> Path:
    p = d / "tailieu.xlsx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("word/document.xml", "<document/>")
        zf.writestr("[Content_Types].xml", "<Types/>")
    return p


def _truncated(d: Path) -> Path:
    full = xlsx(d / "full.xlsx", [HEADER, ["1.999001", "Thủ tục", "Nội vụ"]])
    return write(d / "cut.xlsx", full.read_bytes()[: full.stat().st_size // 2])


def _no_code_column(d: Path) -> Path:
    return xlsx(d / "khongma.xlsx", [["Tên thủ tục", "Lĩnh vực"], ["Thủ tục", "Nội vụ"]])


def _no_name_column(d: Path) -> Path:
    return write(d / "khongten.csv", "Mã thủ tục,Lĩnh vực\n1.999001,Nội vụ\n")


def _wrong_sheets(d: Path) -> Path:
    return xlsx(d / "sai-trang.xlsx", [["Ghi chú"], ["không có danh mục ở đây"]],
                sheets={"Hướng dẫn": [["Bước 1"], ["Bước 2"]]})


def _cp1258_csv(d: Path) -> Path:
    # What Excel's «CSV (Comma delimited)» writes on a Vietnamese Windows: code page 1258.
    return write(d / "ansi.csv", b"Ma thu tuc,Ten thu tuc\n1.999001,Th\xf4i vi\xea\xf2c\n")


def _utf16_csv(d: Path) -> Path:
    return write(d / "unicode.csv", "Mã thủ tục\tTên thủ tục\n1.999001\tThủ tục\n".encode("utf-16"))


def _nul_csv(d: Path) -> Path:
    return write(d / "nhiphan.csv", b"Ma thu tuc,Ten thu tuc\n1.999001,Thu\x00 tuc\n")


def _unbalanced_quotes(d: Path) -> Path:
    return write(d / "ngoac.csv", 'Mã thủ tục,Tên thủ tục\n1.999001,"Thủ tục' + "x" * 200_000 + "\n")


def _json_not_list(d: Path) -> Path:
    return write(d / "so.json", "42")


def _json_broken(d: Path) -> Path:
    return write(d / "hong.json", '[{"code": "1.999001", "name": ')


def _json_deep(d: Path) -> Path:
    return write(d / "sau.json", "[" * 100_000 + "]" * 100_000)


def _json_infinity(d: Path) -> Path:
    return write(d / "vocuc.json", '[{"code": "1.999001", "name": "Thủ tục", "time_limit_days": Infinity}]')


def _empty(d: Path) -> Path:
    return write(d / "rong.csv", b"")


def _header_only(d: Path) -> Path:
    return write(d / "tieude.csv", "Mã thủ tục,Tên thủ tục\n\n,\n")


def _empty_json(d: Path) -> Path:
    return write(d / "rong.json", "[]")


def _directory(d: Path) -> Path:
    p = d / "thumuc.xlsx"
    p.mkdir()
    return p


def _huge_xlsx_cell(d: Path) -> Path:
    return hostile_files.write_xlsx(
        d / "odai.xlsx", hostile_files.HEADER_ROW,
        f'<row><c t="inlineStr"><is><t>1.999001</t></is></c><c t="inlineStr"><is><t>{"x" * 40_000}</t></is></c></row>',
        1)


def _wide_row(d: Path) -> Path:
    return hostile_files.write_xlsx(d / "rong-ngang.xlsx", hostile_files.HEADER_ROW, "<c><v>1</v></c>" * 2000, 1,)


FILE_REFUSALS: list[tuple[str, Callable[[Path], Path], str]] = [
    ("not a zip", _not_zip, "không phải tệp nén zip"),
    ("old .xls", _old_xls, "Excel 97–2003"),
    ("encrypted workbook", _encrypted, "mật khẩu"),
    ("a zip that is not a workbook", _zip_not_workbook, "không phải bảng tính"),
    ("truncated xlsx", _truncated, "bị hỏng"),
    ("no code column", _no_code_column, "«Mã thủ tục»"),
    ("no name column", _no_name_column, "«Tên thủ tục»"),
    ("no sheet with a catalogue", _wrong_sheets, "«Hướng dẫn»"),
    ("cp1258 csv", _cp1258_csv, "không phải văn bản UTF-8 (lỗi ở dòng 2)"),
    ("utf-16 csv", _utf16_csv, "UTF-16"),
    ("NUL bytes", _nul_csv, "byte 0 ở dòng 2"),
    ("unbalanced quotes", _unbalanced_quotes, "CSV hỏng"),
    ("json not a list", _json_not_list, "danh sách các thủ tục"),
    ("broken json", _json_broken, "JSON hỏng"),
    ("json nested 100,000 deep", _json_deep, "lồng nhau quá sâu"),
    ("json Infinity", _json_infinity, "JSON hỏng"),
    ("empty file", _empty, "tệp trống"),
    ("header only", _header_only, "không có thủ tục nào"),
    ("empty json list", _empty_json, "không có thủ tục nào"),
    ("a directory", _directory, "không phải một tệp"),
    ("a 40,000-character cell", _huge_xlsx_cell, "dài hơn 32.767 ký tự"),
    ("a row of 2,000 cells", _wide_row, "có hơn 1.000 ô"),
    ("zip bomb", lambda d: hostile_files.zip_bomb(d / "bom.xlsx", 1_000_000), "giải nén ra"),
    ("millions of empty rows", lambda d: hostile_files.row_bomb(d / "dong.xlsx"), "hơn 10.000 dòng"),
    ("a value on row 1,048,576", lambda d: hostile_files.gap_bomb(d / "cuoi.xlsx"), "hơn 10.000 dòng"),
    ("billion laughs", lambda d: hostile_files.entity_bomb(d / "cuoi.xlsx"), "DTD"),
    ("a zip directory that lies", lambda d: hostile_files.lying_directory(d / "doi.xlsx", 300_000), "bị hỏng"),
]


@pytest.mark.parametrize(("make", "fragment"), [c[1:] for c in FILE_REFUSALS], ids=[c[0] for c in FILE_REFUSALS])
def test_a_file_that_cannot_be_a_catalogue_is_refused_whole_with_a_message(desk: Any, tmp_path: Path,
                                                                          make: Callable[[Path], Path],
                                                                          fragment: str) -> None:
    path = make(tmp_path)
    before = counts(desk)
    with pytest.raises(DeskError) as info:
        desk.catalog.import_file(path)
    message = "\n".join(e.message_vi for e in info.value.errors) if isinstance(info.value, ValidationErrors) \
        else info.value.message_vi
    assert fragment in message, message
    assert path.name in message
    assert counts(desk) == before


def test_size_and_row_caps_are_configurable_and_checked_before_reading(desk: Any, tmp_path: Path) -> None:
    rows = "".join(f"1.9{i:05d},Thủ tục số {i}\n" for i in range(30))
    path = write(tmp_path / "ba-muoi.csv", "Mã thủ tục,Tên thủ tục\n" + rows)
    before = counts(desk)
    with pytest.raises(ValidationError) as info:
        desk.catalog.import_file(path, limits=ReadLimits().with_overrides(max_mb=0.0005))
    assert "quá giới hạn 0,0 MB" in info.value.message_vi
    with pytest.raises(ValidationError) as info:
        desk.catalog.import_file(path, limits=ReadLimits().with_overrides(max_rows=20))
    assert "hơn 20 dòng thủ tục" in info.value.message_vi
    assert counts(desk) == before
    assert len(desk.catalog.import_file(path).added) == 30


def test_bad_rows_are_refused_by_row_and_column_and_the_good_ones_imported(desk: Any, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "tinh.xlsx", [
        ["DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP XÃ"],  # a title above the header
        [],
        [*HEADER, "Thời hạn giải quyết (ngày làm việc)"],
        ["1.999001", "Thủ tục một", "Nội vụ", 5],
        ["1.999002", "=HYPERLINK(\"http://x\",\"Bấm vào\")", "Nội vụ", 5],  # a formula
        ["1.999003", "Thủ tục ba", "Nội vụ", 5],
        ["1.999001", "Thủ tục một (lặp)", "Nội vụ", 6],  # the same code again
        [1.00119, "Thủ tục mã bị Excel đổi thành số", "Tư pháp", 3],  # 1.001190 typed in a number cell
        [None, None, None, None],
        ["1.999004", "Thủ tục bốn", "Nội vụ", "bảy"],
    ])
    before = desk.catalog.current_version()
    report = desk.catalog.import_file(path)
    assert sorted(report.added) == ["1.001190", "1.999003"]
    errors = "\n".join(report.errors)
    assert "Dòng 5, cột B «Tên thủ tục»: ô là một công thức" in errors
    assert "Dòng 4: mã thủ tục 1.999001 trùng với dòng 7" in errors
    assert "Dòng 7: mã thủ tục 1.999001 trùng với dòng 4" in errors
    assert "Dòng 10: thời hạn «bảy»" in errors
    assert desk.catalog.current_version() == before + 1
    assert desk.catalog.get("1.001190")["name"] == "Thủ tục mã bị Excel đổi thành số"


def test_a_cover_sheet_and_a_semicolon_csv_are_read(desk: Any, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "bia.xlsx", [["Trang bìa"]], sheets={"Danh mục": [HEADER, ["1.999011", "Thủ tục A", "X"]]})
    assert desk.catalog.import_file(path).added == ["1.999011"]
    semi = write(tmp_path / "excel-vn.csv", "Mã thủ tục;Tên thủ tục;Thời hạn (ngày)\n1.999012;Thủ tục B;4\n")
    assert desk.catalog.import_file(semi).added == ["1.999012"]
    assert desk.catalog.get("1.999012")["time_limit_days"] == 4


def test_json_items_of_the_wrong_kind_are_refused_by_item(desk: Any, tmp_path: Path) -> None:
    path = write(tmp_path / "c.json", json.dumps([
        {"code": "1.999021", "name": "Thủ tục tốt", "documents": ["Tờ khai", {"name": "Giấy tờ", "copies": 2}]},
        "một chuỗi",
        {"code": "1.999022", "name": {"vi": "Tên lồng"}},
        {"code": "1.999023", "name": "Bản sao", "documents": [{"name": "Tờ khai", "copies": 10**12}]},
        {"code": "1.999024", "name": "Tài liệu", "documents": 5},
    ], ensure_ascii=False))
    report = desk.catalog.import_file(path)
    assert report.added == ["1.999021"]
    errors = "\n".join(report.errors)
    assert "Mục 2: không phải một thủ tục" in errors and "Mục 3: trường «name»" in errors
    assert "Mục 4: số quá lớn" in errors and "Mục 5: thành phần hồ sơ phải là một danh sách" in errors


def test_the_cli_refuses_with_a_message_and_exit_2_not_a_traceback(tmp_path: Path) -> None:
    from desk.cli import main

    bomb = hostile_files.zip_bomb(tmp_path / "bom.xlsx", 1_000_000)
    proc = subprocess.run([sys.executable, "-c", "import sys; from desk.cli import main; sys.exit(main(sys.argv[1:]))",
                           "--data-dir", str(tmp_path / "data"), "catalog", "import", str(bomb)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "giải nén ra" in proc.stderr
    assert main  # imported in this process too: the module is importable without Qt


def test_a_1_mb_xlsx_that_unpacks_to_millions_of_rows_is_refused_within_200_mb(tmp_path: Path) -> None:
    """The import runs in a process that cannot map more than 200 MB: without the bounds, openpyxl alone would
    need gigabytes for three million rows. (Time and memory figures: bench/bench_hostile_import.py.)"""
    bomb = hostile_files.zip_bomb(tmp_path / "bom.xlsx")  # ~1 MB, 3,000,000 rows, ~300 MB of XML
    assert 0.8e6 < bomb.stat().st_size < 1.5e6
    rows_bomb = hostile_files.row_bomb(tmp_path / "dong.xlsx", 5_000_000)  # under the unzipped-size cap
    script = textwrap.dedent("""
        import resource, sys
        from pathlib import Path
        limit = 200 * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        from desk.errors import DeskError
        from desk.services import Desk
        desk = Desk.open(Path(sys.argv[1]))
        for path in sys.argv[2:]:
            try:
                desk.catalog.import_file(path)
            except DeskError as e:
                print("REFUSED", e.message_vi)
            else:
                print("IMPORTED", path)
        print("PROCEDURES", desk.store.scalar("SELECT COUNT(*) FROM procedures"))
    """)
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path / "data"), str(bomb), str(rows_bomb)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("REFUSED") and "giải nén ra" in lines[0], lines
    assert lines[1].startswith("REFUSED") and "hơn 10.000 dòng" in lines[1], lines
    assert lines[2] == "PROCEDURES 69"  # the starter catalogue only
