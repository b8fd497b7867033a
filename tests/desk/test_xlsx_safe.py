"""Text written to a spreadsheet never becomes a formula (desk/xlsx.py)."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook

from desk.xlsx import safe_cell, safe_row

HOSTILE = ["=HYPERLINK(\"http://x\",\"Bấm\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


def test_text_that_starts_like_a_formula_is_written_as_text(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(safe_row(["Nguyễn Văn An", 12, date(2026, 11, 23), *HOSTILE]))
    path = tmp_path / "bao-cao.xlsx"
    wb.save(path)
    with zipfile.ZipFile(path) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no formula element at all
    values = next(load_workbook(path).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert values[0] == "Nguyễn Văn An" and values[1] == 12
    # (XML reads a carriage return back as a line feed.)
    assert list(values[3:]) == ["'" + h.replace("\r", "\n") for h in HOSTILE]
    # Unsafe for comparison: without the helper openpyxl writes a formula.
    wb2 = Workbook()
    ws2 = wb2.active
    assert ws2 is not None
    ws2.append([HOSTILE[0]])
    assert ws2["A1"].data_type == "f"


def test_safe_cell_leaves_ordinary_values_alone() -> None:
    for v in ("Hộ tịch", "", "1.001193", 3, -5, 2.5, None, True):
        assert safe_cell(v) == v
