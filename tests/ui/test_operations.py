"""The operation helper every page uses (ui/operations.py) and the log behind it: desk's messages land on
their fields, an unexpected failure tells the officer plainly and leaves its traceback in the log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from desk.logs import setup_logging
from desk.services import Desk
from tests.ui.conftest import CARD_QR, OFFSCREEN_NOISE, Keyboard, logged_in, wait_idle
from ui.operations import Operations, unexpected_text
from ui.tasks import TaskRunner
from ui.widgets import Banner

pytestmark = [OFFSCREEN_NOISE]


@pytest.fixture
def log_path(data_dir: Path) -> Iterator[Path]:
    with setup_logging(data_dir) as setup:
        assert setup.path is not None
        yield setup.path


def test_a_failure_in_a_worker_is_logged_with_its_traceback(qtbot: Any, log_path: Path) -> None:
    runner = TaskRunner()
    seen: list[BaseException] = []

    def count_pages_of_the_register() -> int:
        return {"pages": 3}["sheets"]

    runner.run(count_pages_of_the_register, None, seen.append, label="register pages")
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert isinstance(seen[0], KeyError)
    text = log_path.read_text(encoding="utf-8")
    assert "register pages: unexpected error" in text
    assert "Traceback (most recent call last)" in text and "in count_pages_of_the_register" in text
    assert "KeyError: 'sheets'" in text
    assert not hasattr(seen[0], "__traceback_text__")  # the unread copy is gone: the log has it


def test_desk_messages_land_on_their_fields_and_the_first_wrong_one_gets_the_keyboard(
        qtbot: Any, tmp_path: Path, clock: Any, make_app: Any, keyboard: Keyboard, log_path: Path) -> None:
    from desk.setup_wizard import ADMIN, OFFICE, PRINTER

    fresh = Desk.open(tmp_path / "fresh", clock=clock)
    try:
        app = make_app(desk=fresh)
        app.start()
        wizard = app.first_run
        assert wizard is not None
        qtbot.waitExposed(wizard)
        wizard.activateWindow()
        office = wizard.pages[OFFICE]
        qtbot.waitUntil(lambda: QApplication.focusWidget() is office.inputs["name"])
        keyboard.type("UBND xã Tân Lập")
        keyboard.enter()
        keyboard.type("thai nguyen")
        keyboard.enter()
        keyboard.type("ma so sai")  # not the shape of an agency code
        for _ in range(4):  # address, unit name, office hours: Enter on the last one submits
            keyboard.enter()
        wait_idle(qtbot, app)

        assert "Mã định danh cơ quan" in office.errors["agency_code"].text()
        assert office.errors["agency_code"].isVisibleTo(wizard)
        assert all(not label.isVisibleTo(wizard) for key, label in office.errors.items() if key != "agency_code")
        assert QApplication.focusWidget() is office.inputs["agency_code"]
        assert office.inputs["agency_code"].selectedText() == "MA SO SAI"
        assert office.inputs["agency_code"].property("invalid") is True
        assert wizard.current == OFFICE and wizard.isVisible() and fresh.office.get() is None

        # The typed code replaces the selection; the office is taken and the admin page is next.
        keyboard.type("000.00.07.H56")
        for _ in range(4):
            keyboard.enter()
        wait_idle(qtbot, app)
        qtbot.waitUntil(lambda: wizard.current == ADMIN)
        assert fresh.office.require().agency_code == "000.00.07.H56"
        admin = wizard.pages[ADMIN]
        for text in ("quantri", "Lê Thị Quản Trị", "123", "123"):  # too short: desk says so
            keyboard.type(text)
            keyboard.enter()
        wait_idle(qtbot, app)
        assert "ít nhất 6 ký tự" in admin.errors["password"].text()
        assert QApplication.focusWidget() is admin.inputs["password"]
        keyboard.type("matkhau123")
        keyboard.enter()
        keyboard.type("matkhau123")
        keyboard.enter()
        qtbot.waitUntil(lambda: wizard.current == PRINTER)
        # The refusals are in the log as field names; what was typed is not.
        text = log_path.read_text(encoding="utf-8")
        assert "fields=agency_code" in text and "fields=password" in text
        assert "ma so sai" not in text.lower() and "Lê Thị Quản Trị" not in text
    finally:
        fresh.close()


def test_an_unexpected_failure_tells_the_officer_and_logs_the_traceback(
        qtbot: Any, desk: Desk, officer: dict, make_app: Any, keyboard: Keyboard, log_path: Path) -> None:
    app = make_app()
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    # A damaged database: the table of the daily code numbers is gone. Nothing the officer did.
    desk.store.conn().execute("DROP TABLE code_counters")
    keyboard.scan(CARD_QR, hex_mode=True)
    intake.inputs["phone"].setFocus()
    keyboard.type("0912345678")
    intake.focus_search()
    keyboard.type("khai sinh")
    keyboard.enter()
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)

    assert intake.banner.label.text() == unexpected_text()
    assert intake.banner.property("kind") == "error"
    assert intake.receive_button.isEnabled() and not intake.busy
    assert intake.inputs["full_name"].text() == "Nguyễn Văn An"  # nothing typed is lost
    assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 0
    text = log_path.read_text(encoding="utf-8")
    assert "intake received: unexpected error" in text
    assert "Traceback (most recent call last)" in text
    assert "OperationalError: no such table: code_counters" in text
    for secret in ("Nguyễn Văn An", "001099012345", "123456789", "0912345678", "Lê Lợi"):
        assert secret not in text


def test_a_failure_in_the_page_s_own_follow_up_is_shown_and_logged(qtbot: Any, desk: Desk,
                                                                   log_path: Path) -> None:
    runner = TaskRunner()
    page = QWidget()
    layout = QVBoxLayout(page)
    banner = Banner()
    button = QPushButton("Lưu")
    layout.addWidget(banner)
    layout.addWidget(button)
    qtbot.addWidget(page)
    page.show()
    ops = Operations(runner, page, banner=banner)
    states: list[tuple[bool, bool]] = []

    def show_fee(proc: dict[str, Any]) -> None:
        states.append((button.isEnabled(), ops.busy))
        raise LookupError(proc["code"] + " has no fee column")

    ops.run(lambda: desk.catalog.get("1.001193"), show_fee, label="show fee", busy=(button,),
            busy_text="Đang đọc…")
    assert not button.isEnabled() and ops.busy and banner.label.text() == "Đang đọc…"
    assert page.cursor().shape() == Qt.CursorShape.BusyCursor
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert states == [(True, False)]  # the page is out of its busy state before its follow-up runs
    assert banner.label.text() == unexpected_text()
    assert page.cursor().shape() == Qt.CursorShape.ArrowCursor
    text = log_path.read_text(encoding="utf-8")
    assert "show fee: failed after the work was done" in text and "in show_fee" in text
