"""The first-run wizard, with the keyboard alone, on an empty data directory: office, admin, printer
with a test print, the district skipped — and the desk opens on the intake page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk.selftest import decode_qr_texts
from desk.services import Desk
from desk.setup_wizard import ADMIN, DISTRICT, OFFICE, PRINTER, FirstRun
from desk.sync import SyncClient
from tests.forms.pdfcheck import page_sizes, page_texts
from tests.ui.conftest import OFFSCREEN_NOISE, FilePrinter, Keyboard, logged_in, wait_idle

pytestmark = [pytest.mark.gui, OFFSCREEN_NOISE]


def alt(keyboard: Keyboard, key: Qt.Key) -> None:
    """A button's Alt+letter: Qt clicks it after showing it pressed for a moment (animateClick)."""
    keyboard.press(key, Qt.KeyboardModifier.AltModifier)


def test_the_wizard_completes_with_the_keyboard_alone_and_lands_on_intake(
        qtbot: Any, tmp_path: Path, clock: Any, make_app: Any, keyboard: Keyboard, printer: FilePrinter) -> None:
    folder = tmp_path / "empty"
    assert not folder.exists()
    fresh = Desk.open(folder, clock=clock)
    client = SyncClient(fresh)
    try:
        app = make_app(desk=fresh, sync_client=client)
        app.start()
        wizard = app.first_run
        assert wizard is not None and app.login is None
        qtbot.waitExposed(wizard)
        wizard.activateWindow()
        office = wizard.pages[OFFICE].inputs
        qtbot.waitUntil(lambda: QApplication.focusWidget() is office["name"])

        # Office: Enter walks the fields; the province is found from words typed without diacritics.
        keyboard.type("UBND xã Tân Lập")
        keyboard.enter()
        keyboard.type("thai nguyen")
        keyboard.enter()
        assert office["province"].text() == "Tỉnh Thái Nguyên"
        keyboard.type("000.00.07.h56-x")  # a dash is not allowed: the preview says so at once
        assert "Chỉ gồm chữ số" in wizard.code_preview.text()
        for _ in range(4):  # address (empty), unit name and office hours as offered, then submit
            keyboard.enter()
        wait_idle(qtbot, app)
        assert "chỉ gồm chữ số" in wizard.pages[OFFICE].errors["agency_code"].text()
        assert fresh.office.get() is None  # nothing half-written
        assert QApplication.focusWidget() is office["agency_code"]
        keyboard.type("000.00.07.h56")  # replaces the selected wrong code
        assert office["agency_code"].text() == "000.00.07.H56"  # upper case as typed
        assert "000.00.07.H56-261123-010001" in wizard.code_preview.text()
        keyboard.enter()
        keyboard.type("Thôn Đông, xã Tân Lập")
        for _ in range(3):
            keyboard.enter()
        wait_idle(qtbot, app)
        assert wizard.current == ADMIN

        # Admin: the user name is offered; the passwords must agree.
        qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.pages[ADMIN].inputs["username"])
        keyboard.enter()
        keyboard.type("Nguyễn Quản Trị")
        keyboard.enter()
        keyboard.type("matkhau123")
        keyboard.enter()
        keyboard.type("matkhau123")
        keyboard.enter()
        wait_idle(qtbot, app)
        assert wizard.current == PRINTER

        # Printer: A5 chosen with the arrow key, a test page printed with Alt+I, Enter goes on.
        keyboard.enter()  # printer: the system default
        assert QApplication.focusWidget() is wizard.pages[PRINTER].inputs["paper"]
        keyboard.press(Qt.Key.Key_Down)
        alt(keyboard, Qt.Key.Key_I)
        qtbot.waitUntil(lambda: "Đã gửi trang in thử" in wizard.test_status.text(), timeout=20000)
        keyboard.enter()
        wait_idle(qtbot, app)
        assert wizard.current == DISTRICT

        # District: skipped for now (Alt+B); the desk works offline from the first minute.
        alt(keyboard, Qt.Key.Key_B)
        qtbot.waitUntil(lambda: app.window is not None and app.window.isVisible())
        assert app.window is not None and app.window.current_key() == "intake"
        intake = app.pages["intake"]
        qtbot.waitUntil(lambda: intake.isAncestorOf(QApplication.focusWidget()))
        assert not wizard.isVisible()

        profile = fresh.office.require()
        assert (profile.name, profile.province, profile.agency_code, profile.unit_name) == \
            ("UBND xã Tân Lập", "Tỉnh Thái Nguyên", "000.00.07.H56", "Bộ phận tiếp nhận và trả kết quả")
        assert fresh.officers.authenticate("admin", "matkhau123")["role"] == "admin"
        assert fresh.settings.get("print.paper") == "a5"
        assert FirstRun(fresh).pending_step() is None
        assert app.window.is_page_enabled("settings")  # logged in as the admin just created

        # The test page really went through the printer: an A5 page, Vietnamese text, a QR that scans.
        assert len(printer.printed) == 1
        printed = printer.printed[0]
        assert "TRANG IN THỬ" in page_texts(printer.sources[0])[0]
        assert abs(page_sizes(printed)[0][0] - 419.53) < 1
        assert decode_qr_texts(printed, dpi=200) == ["IN THU 000.00.07.H56"]
    finally:
        client.close()
        fresh.close()


def test_a_wizard_left_on_the_printer_page_resumes_there_then_asks_for_the_password(
        qtbot: Any, tmp_path: Path, clock: Any, make_app: Any, keyboard: Keyboard) -> None:
    fresh = Desk.open(tmp_path / "half", clock=clock)
    try:
        flow = FirstRun(fresh)
        flow.submit(OFFICE, {"name": "UBND xã Tân Lập", "province": "Tỉnh Thái Nguyên",
                             "agency_code": "000.00.07.H56", "unit_name": "Bộ phận Một cửa",
                             "office_hours": "07:00-11:30,13:30-17:00"})
        flow.submit(ADMIN, {"username": "admin", "full_name": "Nguyễn Quản Trị", "password": "matkhau123",
                            "password2": "matkhau123"})
        app = make_app(desk=fresh)
        app.start()
        wizard = app.first_run
        assert wizard is not None and wizard.current == PRINTER
        qtbot.waitExposed(wizard)
        wizard.activateWindow()
        keyboard.focus()
        # Back to the admin page: the account exists, its fields are locked, Enter goes on.
        alt(keyboard, Qt.Key.Key_Q)
        qtbot.waitUntil(lambda: wizard.current == ADMIN)
        assert wizard.admin_done.isVisible()
        assert not wizard.pages[ADMIN].inputs["password"].isEnabled()
        keyboard.enter()
        wait_idle(qtbot, app)
        assert wizard.current == PRINTER
        keyboard.enter()
        keyboard.enter()
        wait_idle(qtbot, app)
        assert wizard.current == DISTRICT
        # No district server answers (a loopback port nobody listens on): the wizard says so, stays on
        # the page, and skipping still works.
        keyboard.type("http://127.0.0.1:9")
        keyboard.enter()
        keyboard.type("ABCDEFGHJKLM")  # the shape of a one-time code: the refusal is the network's
        keyboard.enter()
        wait_idle(qtbot, app)
        assert wizard.current == DISTRICT
        assert "Không kết nối được máy chủ cấp trên" in wizard.general_error.text()
        alt(keyboard, Qt.Key.Key_B)
        qtbot.waitUntil(lambda: app.login is not None and app.login.isVisible())
        logged_in(qtbot, app, keyboard, user="admin")
        assert app.window is not None and app.window.current_key() == "intake"
    finally:
        fresh.close()
