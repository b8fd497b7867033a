"""`desk report` writes real PDF and XLSX files whose figures, read back (pdfium text, openpyxl), are the
period report's; PDFs are archived like every print; a wrong file name or role is refused."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from desk.cli import main
from desk.permissions import PermissionDenied
from desk.reports import desk_data
from desk.reports import text as tx
from desk.reports.figures import COLUMN_KEYS, PeriodReport
from desk.reports.service import ReportService
from tests.desk.test_reports import NOW, PERIOD, scenario
from tests.forms.pdfcheck import page_sizes, page_texts
from tests.support import report_rows as rr


def seeded(desk: Any) -> PeriodReport:
    procs = desk.store.query("SELECT code, name, field FROM procedures WHERE field <> '' ORDER BY code LIMIT 2")
    rr.insert(desk.store, [r for r, _ in scenario(procs)])
    return desk_data.period(desk.store, *PERIOD, now=NOW)


def xlsx_rows(path: Path) -> list[list[Any]]:
    ws = load_workbook(path).active
    assert ws is not None
    return [list(r) for r in ws.iter_rows(values_only=True)]


def figures_of(row: list[Any]) -> list[int]:
    return [int(v) for v in row[3:3 + len(COLUMN_KEYS)]]


def run_cli(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "report", *args])


def test_period_xlsx_and_pdf_carry_the_report_figures(desk: Any, data_dir: Path, tmp_path: Path) -> None:
    report = seeded(desk)
    xlsx, pdf = tmp_path / "bao-cao.xlsx", tmp_path / "bao-cao.pdf"
    period = ["--from", "2026-03-01", "--to", "31/03/2026"]
    assert run_cli(data_dir, "period", *period, "-o", str(xlsx)) == 0
    assert run_cli(data_dir, "period", *period, "-o", str(pdf)) == 0

    rows = xlsx_rows(xlsx)
    total = next(r for r in rows if r[2] == "Tổng cộng")
    assert figures_of(total) == [report.total.value(k) for k in COLUMN_KEYS]
    for proc in report.procedures:
        line = next(r for r in rows if r[1] == proc.code)
        assert line[2] == proc.name and figures_of(line) == [proc.counts.value(k) for k in COLUMN_KEYS]
    for f in report.fields:
        line = next(r for r in rows if r[2] == f.field)
        assert figures_of(line) == [f.counts.value(k) for k in COLUMN_KEYS]
    ws = load_workbook(xlsx).active
    assert ws is not None and ws["A1"].value == "UBND PHƯỜNG HÒA BÌNH"
    assert any(c.number_format == "#,##0" for r in ws.iter_rows() for c in r if isinstance(c.value, int))

    (text,) = page_texts(pdf)
    assert "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text
    assert "Kỳ báo cáo: từ ngày 01/03/2026 đến ngày 31/03/2026" in text
    numbers = " ".join(tx.number(report.total.value(k)) for k in COLUMN_KEYS)
    assert f"Tổng cộng {numbers}" in text
    for proc in report.procedures:
        assert f"{proc.code} " in text
    w, h = page_sizes(pdf)[0]
    assert w > h  # A4 landscape
    archived = desk.store.query("SELECT kind, path FROM printed_forms WHERE kind = 'report-period'")
    assert len(archived) == 1 and (data_dir / archived[0]["path"]).read_bytes() == pdf.read_bytes()


def test_indicators_overdue_and_day_files(desk: Any, data_dir: Path, tmp_path: Path) -> None:
    report = seeded(desk)
    period = ["--from", "2026-03-01", "--to", "2026-03-31"]
    ind = tmp_path / "chi-so.xlsx"
    assert run_cli(data_dir, "indicators", *period, "-o", str(ind)) == 0
    rows = xlsx_rows(ind)
    on_time = next(r for r in rows if str(r[0]).startswith("Tỷ lệ hồ sơ giải quyết đúng hạn"))
    assert on_time[1:] == [report.total.early + report.total.on_time, report.total.resolved,
                           pytest.approx((report.total.early + report.total.on_time) / report.total.resolved)]
    ind_pdf = tmp_path / "chi-so.pdf"
    assert run_cli(data_dir, "indicators", *period, "-o", str(ind_pdf)) == 0
    assert "57,14 %" in page_texts(ind_pdf)[0]  # 4 of 7 resolved early or on time

    overdue = tmp_path / "qua-han.pdf"
    assert run_cli(data_dir, "overdue", *period, "-o", str(overdue)) == 0
    items = desk_data.overdue(desk.store, datetime(2026, 4, 1))
    text = page_texts(overdue)[0]
    assert "DANH SÁCH HỒ SƠ QUÁ HẠN GIẢI QUYẾT" in text and all(i.code in text.replace(" ", "") or
                                                                 i.code[:14] in text for i in items)
    day = tmp_path / "ngay.xlsx"
    assert run_cli(data_dir, "day", "--to", "2026-03-02", "-o", str(day)) == 0
    assert any(r[2] == "Tổng cộng" for r in xlsx_rows(day))


def test_a_wrong_file_name_or_role_is_refused(desk: Any, data_dir: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(data_dir, "period", "-o", str(tmp_path / "bao-cao.docx")) == 2
    assert ".pdf hoặc .xlsx" in capsys.readouterr().err
    assert run_cli(data_dir, "period", "--from", "2026-03-31", "--to", "2026-03-01", "-o", str(tmp_path / "a.pdf")) == 2
    assert "Đến ngày" in capsys.readouterr().err
    officer = desk.officers.create("canbo9", "Trần Văn Chín", "matkhau123")
    with pytest.raises(PermissionDenied):
        ReportService(desk).figures(*PERIOD, actor=officer["id"])
    assert not re.search(r"Traceback", capsys.readouterr().err)
