"""The catalogue (starter list, imports from JSON/CSV/XLSX, local edits kept) and diacritic-insensitive search."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from desk.errors import ValidationErrors
from desk.intake import ApplicantInput, IntakeInput


def test_starter_catalogue_is_loaded_on_first_run(desk: Any) -> None:
    assert desk.store.scalar("SELECT COUNT(*) FROM procedures") == 69
    p = desk.catalog.get("1.001193")
    assert p["name"] == "Thủ tục đăng ký khai sinh" and p["time_limit_days"] == 0 and p["same_day_cutoff"] == "15:00"
    assert len(p["documents"]) >= 4
    assert desk.catalog.get("1.000894")["needs_limit"]


def test_search_ignores_diacritics_and_puts_most_used_first(desk: Any, officer: dict) -> None:
    for text in ("khai sinh", "khai sinh", "KHAI SINH", "khai sinh"):
        codes = [p["code"] for p in desk.catalog.search(text)]
        assert "1.001193" in codes, text
    assert desk.catalog.search("dang ky ket hon")[0]["name"].startswith("Thủ tục đăng ký kết hôn")
    # Receiving "đăng ký khai sinh lưu động" twice makes it come first for "khai sinh".
    for _ in range(2):
        desk.dossiers.receive(IntakeInput("1.003583", ApplicantInput("Phạm Minh Tuấn", "001090012345", "1/1/1990", "Nam")),
                              officer["id"])
    assert desk.catalog.search("khai sinh")[0]["code"] == "1.003583"
    assert desk.catalog.search("1.0011")[0]["code"].startswith("1.0011")


def _rows() -> list[dict[str, Any]]:
    return [
        {"code": "1.001193", "name": "Thủ tục đăng ký khai sinh", "field": "Hộ tịch", "time_limit_days": 0,
         "fee_text": "Miễn lệ phí", "documents": "Tờ khai đăng ký khai sinh; Giấy chứng sinh"},
        {"code": "2.000908.000.00.00.H61", "name": "Cấp bản sao từ sổ gốc (áp dụng tại tỉnh)", "field": "Chứng thực",
         "time_limit_days": 1, "fee_text": "8.000 đồng/bản", "documents": "Tờ khai"},
    ]


def test_import_csv_reports_what_changed_and_keeps_local_edits(desk: Any, tmp_path: Path) -> None:
    desk.catalog.set_local("1.001193", {"fee_text": "Miễn phí (Nghị quyết HĐND tỉnh)"})
    f = tmp_path / "tinh.csv"
    with f.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Thời hạn (ngày)", "Phí, lệ phí",
                                           "Thành phần hồ sơ"])
        w.writeheader()
        for r in _rows():
            w.writerow({"Mã thủ tục": r["code"], "Tên thủ tục": r["name"], "Lĩnh vực": r["field"],
                        "Thời hạn (ngày)": r["time_limit_days"], "Phí, lệ phí": r["fee_text"],
                        "Thành phần hồ sơ": r["documents"]})
    report = desk.catalog.import_file(f)
    assert report.added == ["2.000908.000.00.00.H61"]
    assert "1.001193" in report.updated and "documents" in report.updated["1.001193"]
    assert report.kept_local == {"1.001193": ["fee_text"]}
    assert desk.catalog.get("1.001193")["fee_text"] == "Miễn phí (Nghị quyết HĐND tỉnh)"
    assert [d["name"] for d in desk.catalog.get("2.000908.000.00.00.H61")["documents"]] == ["Tờ khai"]
    assert "thêm mới 1, cập nhật 1" in report.summary_vi()
    # The same file again changes nothing.
    again = desk.catalog.import_file(f)
    assert again.added == [] and again.updated == {} and again.unchanged == 2


def test_import_xlsx_and_json_and_bad_rows(desk: Any, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Thời hạn giải quyết (ngày làm việc)", "Phí, lệ phí"])
    ws.append(["1.999001", "Thủ tục thử nghiệm của tỉnh", "Nội vụ", 7, "Không"])
    ws.append(["not-a-code", "Sai mã", "", "", ""])
    ws.append(["1.999002", "Thủ tục thời hạn sai", "", "bảy", ""])
    path = tmp_path / "danhmuc.xlsx"
    wb.save(path)
    report = desk.catalog.import_file(path)
    assert report.added == ["1.999001"]
    assert len(report.errors) == 2 and "mã thủ tục «not-a-code»" in report.errors[0]
    assert desk.catalog.get("1.999001")["time_limit_days"] == 7
    j = tmp_path / "c.json"
    j.write_text(json.dumps({"procedures": [{"code": "1.999001", "name": "Thủ tục thử nghiệm của tỉnh (sửa)",
                                             "time_limit_working_days": 5}]}, ensure_ascii=False), encoding="utf-8")
    r2 = desk.catalog.import_file(j)
    assert "1.999001" in r2.updated and desk.catalog.get("1.999001")["time_limit_days"] == 5


def test_dossier_search_by_code_id_phone_and_name(desk: Any, officer: dict) -> None:
    a = desk.dossiers.receive(IntakeInput("2.000815", ApplicantInput(
        "Đặng Thị Thu Hà", "038195004321", "02/02/1995", "Nữ", "", "0977001122")), officer["id"])
    b = desk.dossiers.receive(IntakeInput("1.004873", ApplicantInput(
        "Đỗ Văn Đức", "038088004321", "03/03/1988", "Nam", "", "0977003344")), officer["id"])
    assert [r["code"] for r in desk.dossiers.search(a["code"])] == [a["code"]]
    assert [r["code"] for r in desk.dossiers.search(a["code"][-6:])] == [a["code"]]
    assert [r["code"] for r in desk.dossiers.search("038088004321")] == [b["code"]]
    assert [r["code"] for r in desk.dossiers.search("0977 001 122")] == [a["code"]]
    assert [r["code"] for r in desk.dossiers.search("dang thi thu ha")] == [a["code"]]
    assert [r["code"] for r in desk.dossiers.search("do van duc")] == [b["code"]]
    assert [r["code"] for r in desk.dossiers.search("xac nhan tinh trang hon nhan")] == [b["code"]]
    assert desk.dossiers.search("không có ai") == []


def test_a_partial_province_list_changes_only_what_it_carries(desk: Any, tmp_path: Path) -> None:
    before = desk.catalog.get("1.001193")
    f = tmp_path / "ten-thu-tuc.csv"
    f.write_text("Mã thủ tục,Tên thủ tục,Lĩnh vực\n1.001193,Đăng ký khai sinh,Hộ tịch\n", encoding="utf-8")
    report = desk.catalog.import_file(f)
    after = desk.catalog.get("1.001193")
    assert report.updated == {"1.001193": ["name"]}
    assert after["name"] == "Đăng ký khai sinh"
    for key in ("time_limit_days", "same_day_cutoff", "fee_text", "documents"):
        assert after[key] == before[key], key
    assert desk.catalog.search("dang ky khai sinh")[0]["code"] == "1.001193"


def test_unreadable_or_wrong_catalogue_files_get_a_message_not_a_crash(desk: Any, tmp_path: Path) -> None:
    from desk.errors import ValidationError

    cases = {
        "hong.json": b"{not json",
        "sai.json": b'{"items": []}',
        "cp1258.csv": "Mã thủ tục,Tên thủ tục\n1.999003,Thủ tục\n".encode("utf-16"),
    }
    for name, content in cases.items():
        p = tmp_path / name
        p.write_bytes(content)
        try:
            desk.catalog.import_file(p)
        except ValidationError as e:
            assert e.field == "file" and name in e.message_vi
        else:
            raise AssertionError(f"{name} was accepted")
    bad_cutoff = tmp_path / "gio.json"
    bad_cutoff.write_text(json.dumps([{"code": "1.999004", "name": "Thủ tục giờ sai", "same_day_cutoff": "25:00",
                                       "documents": ["Tờ khai", "Bản sao giấy tờ"]}]), encoding="utf-8")
    version = desk.catalog.current_version()
    # No good row: the file is refused whole, each bad row named, and nothing (not even a version) is written.
    with pytest.raises(ValidationErrors) as info:
        desk.catalog.import_file(bad_cutoff)
    messages = [e.message_vi for e in info.value.errors]
    assert "Giờ giới hạn tiếp nhận «25:00» không hợp lệ" in messages[0] and "Không có gì được ghi" in messages[-1]
    assert desk.catalog.current_version() == version
