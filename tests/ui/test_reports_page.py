"""The "Báo cáo" page (ui/reports_page.py) shows the period report's figures; its XLSX and PDF exports,
read back, carry the very figures the window shows; an officer sees the page greyed out with the reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt

from desk.reports import text as tx
from desk.reports.figures import COLUMN_KEYS
from tests.desk.test_report_files import figures_of, xlsx_rows
from tests.desk.test_reports import scenario
from tests.forms.pdfcheck import page_texts
from tests.support import report_rows as rr
from tests.ui.conftest import OFFSCREEN_NOISE, Keyboard, logged_in, wait_idle
from ui.reports_page import ReportsPage

pytestmark = OFFSCREEN_NOISE


def seed(desk: Any) -> list[dict[str, Any]]:
    procs = desk.store.query("SELECT code, name, field FROM procedures WHERE field <> '' ORDER BY code LIMIT 2")
    rr.insert(desk.store, [r for r, _ in scenario(procs)])
    return procs


def test_the_window_the_xlsx_and_the_pdf_show_the_same_figures(qtbot: Any, desk: Any, make_app: Any,
                                                               keyboard: Keyboard, leader: dict[str, Any],
                                                               tmp_path: Path) -> None:
    procs = seed(desk)
    controller = make_app()
    logged_in(qtbot, controller, keyboard, user="lanhdao")
    window = controller.window
    assert window is not None and window.is_page_enabled("reports")
    keyboard.ctrl(Qt.Key.Key_5)
    page = window.page("reports")
    assert isinstance(page, ReportsPage) and window.current_key() == "reports"
    wait_idle(qtbot, controller)
    page.date_from.setDate(QDate(2026, 3, 1))
    page.date_to.setDate(QDate(2026, 3, 31))
    qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, controller)
    assert page.figures is not None and page.figures.period.date_from == date(2026, 3, 1)

    table = page.period_table
    total_row = table.row_of(2, "Tổng cộng")
    shown_total = [table.cell_text(total_row, 3 + i) for i in range(len(COLUMN_KEYS))]
    # The scenario's own counts (tests/desk/test_reports.py): 17 received, 3 carried over, 2 online …
    assert shown_total == ["17", "3", "2", "12", "7", "2", "2", "3", "7", "3", "4", "1", "2"]
    shown_lines = {table.cell_text(r, 1): [table.cell_text(r, 3 + i) for i in range(len(COLUMN_KEYS))]
                   for r in range(table.rowCount()) if table.cell_text(r, 1)}
    assert set(shown_lines) == {p["code"] for p in procs}
    assert "Tỷ lệ trực tuyến 14,29 %" in page.summary.text()

    outputs: dict[str, Path] = {}

    def choose(suggested: str, fmt: str) -> Path:
        outputs[fmt] = tmp_path / suggested
        return outputs[fmt]

    page.choose_path = choose
    page.tabs.setCurrentIndex(0)
    qtbot.mouseClick(page.xlsx_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, controller)
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, controller)
    assert "Đã lưu báo cáo" in page.banner.label.text()

    rows = xlsx_rows(outputs["xlsx"])
    assert [str(v) for v in figures_of(next(r for r in rows if r[2] == "Tổng cộng"))] == shown_total
    for code, shown in shown_lines.items():
        assert [tx.number(v) for v in figures_of(next(r for r in rows if r[1] == code))] == shown
    text = page_texts(outputs["pdf"])[0]
    assert "Tổng cộng " + " ".join(shown_total) in text
    for code, shown in shown_lines.items():
        assert f"{code} " in text and " ".join(shown) in text

    # The indicators tab and its export agree too.
    page.tabs.setCurrentIndex(1)
    ind = page.indicator_table
    on_time = [ind.cell_text(0, c) for c in range(4)]
    assert on_time[1:] == ["4", "7", "57,14 %"]
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, controller)
    assert " ".join(on_time[1:]) in page_texts(outputs["pdf"])[0]
    assert outputs["pdf"].name.startswith("bao-cao-indicators-")


def test_an_officer_sees_the_page_greyed_out_with_the_reason(qtbot: Any, desk: Any, make_app: Any,
                                                             keyboard: Keyboard, officer: dict[str, Any]) -> None:
    controller = make_app()
    logged_in(qtbot, controller, keyboard)
    window = controller.window
    assert window is not None and not window.is_page_enabled("reports")
    assert "lãnh đạo" in window.nav_tooltip("reports")
