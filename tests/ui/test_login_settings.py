"""Log-in, the admin-only settings, the status bar and the English translation."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import OFFSCREEN_NOISE, Keyboard, logged_in, wait_idle
from ui.i18n import install_language

pytestmark = [OFFSCREEN_NOISE]


def test_wrong_password_says_so_and_an_officer_cannot_open_settings(qtbot: Any, desk: Any, officer: dict,
                                                                    make_app: Any, keyboard: Keyboard) -> None:
    app = make_app()
    app.start()
    assert app.login is not None
    qtbot.waitExposed(app.login)
    app.login.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is app.login.username)
    keyboard.type("canbo1")
    keyboard.enter()
    keyboard.type("sai-mat-khau")
    keyboard.enter()
    wait_idle(qtbot, app)
    assert app.window is None
    assert "không đúng" in app.login.error.text()
    assert QApplication.focusWidget() is app.login.password
    app.login.password.clear()
    keyboard.type("matkhau123")
    keyboard.enter()
    qtbot.waitUntil(lambda: app.window is not None and app.window.isVisible())
    window = app.window
    assert not window.is_page_enabled("settings")
    assert "quản trị" in window.nav_tooltip("settings")
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles.count("Cài đặt") == 1, titles
    for key in ("reception",):
        assert not window.is_page_enabled(key) and "chưa có" in window.nav_tooltip(key)
    assert not window.is_page_enabled("reports") and "lãnh đạo" in window.nav_tooltip("reports")
    assert window.is_page_enabled("sync")  # every desk has the sync page: enrolment starts there
    assert "Trần Văn Tiếp" in window.officer_label.text()
    assert "UBND phường Hòa Bình" in window.office_label.text()


def test_status_bar_counts_changes_waiting_to_be_sent(qtbot: Any, desk: Any, officer: dict, make_app: Any,
                                                      keyboard: Keyboard) -> None:
    app = make_app()
    logged_in(qtbot, app, keyboard)
    wait_idle(qtbot, app)
    status = app.sync_status
    assert status is not None and status.isVisibleTo(app.window)
    status.timer.stop()  # no timed refresh: the new dossier itself must update the bar
    qtbot.waitUntil(lambda: status.pending_label.text() == "Chờ gửi: 0")
    assert "Chưa đăng ký" in status.online_label.text()
    from tests.ui.conftest import CARD_QR

    keyboard.scan(CARD_QR, hex_mode=True)
    keyboard.type("khai sinh")
    keyboard.enter()
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    pending = desk.store.scalar("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")
    assert pending >= 1
    qtbot.waitUntil(lambda: status.pending_label.text() == f"Chờ gửi: {pending}")


def test_admin_settings_calendar_catalogue_and_printer(qtbot: Any, desk: Any, admin: dict, make_app: Any,
                                                       keyboard: Keyboard) -> None:
    app = make_app()
    logged_in(qtbot, app, keyboard, user="quantri")
    keyboard.ctrl(Qt.Key.Key_7)
    page = app.pages["settings"]
    assert app.window.current_key() == "settings"
    # A day off the office was told about: the due date of a 1-day procedure moves past it.
    page.day.setDate(QDate(2026, 11, 25))
    page.day_note.setText("Nghỉ theo quyết định của UBND tỉnh")
    page.set_day()
    wait_idle(qtbot, app)
    assert not desk.calendar().is_working_day(date(2026, 11, 25))
    assert any("25/11/2026" in page.overrides.item(i).text() for i in range(page.overrides.count()))
    # Catalogue: the office sets a time limit for a procedure whose limit was unconfirmed.
    page.catalog_search.setText("ket hon")
    row = next(r for r in range(page.catalog.rowCount()) if page.catalog.item(r, 0).text() == "1.000894")
    page.catalog.setCurrentCell(row, 0)
    page.limit.setText("abc")
    page.save_procedure()
    wait_idle(qtbot, app)
    assert "không đọc được" in page.catalog_errors["time_limit"].text()
    page.limit.setText("05 ngày làm việc")
    page.verify_limit.setText("08 ngày làm việc")
    page.fee.setText("Miễn lệ phí")
    page.save_procedure()
    wait_idle(qtbot, app)
    proc = desk.catalog.get("1.000894")
    assert proc["time_limit_days"] == 5 and proc["fee_text"] == "Miễn lệ phí" and proc["limit_source"] == "office"
    assert proc["verify_limit"] == "wd:8"
    # Saving only a fee leaves a catalogue limit the catalogue's.
    page.catalog_search.setText("khai sinh")
    row = next(r for r in range(page.catalog.rowCount()) if page.catalog.item(r, 0).text() == "1.001193")
    page.catalog.setCurrentCell(row, 0)
    assert page.limit.text() == "Trong ngày"
    page.fee.setText("Miễn lệ phí khai sinh đúng hạn")
    page.save_procedure()
    wait_idle(qtbot, app)
    assert desk.catalog.get("1.001193")["limit_source"] == "catalogue"
    # Printer settings go to desk's registry.
    page.paper.setCurrentIndex(page.paper.findData("a5"))
    page.copies.setValue(2)
    page.save_print()
    wait_idle(qtbot, app)
    assert desk.settings.get("print.paper") == "a5" and desk.settings.get("print.copies") == 2
    # Office hours are checked by desk.
    page.hours.setText("07:00-25:00")
    page.save_hours()
    wait_idle(qtbot, app)
    assert page.hours_error.text()
    assert desk.office.require().office_hours == "07:00-11:30,13:30-17:00"


def test_the_window_speaks_english_when_asked(qtbot: Any, desk: Any, officer: dict, make_app: Any,
                                              keyboard: Keyboard) -> None:
    assert install_language("en")
    app = make_app()
    logged_in(qtbot, app, keyboard)
    titles = [app.window.nav.item(i).text() for i in range(app.window.nav.count())]
    assert titles[:3] == ["Intake", "Dossiers", "Return results"]
    intake = app.pages["intake"]
    assert intake.receive_button.text() == "Receive and print slip (Ctrl+Enter)"
    assert intake.channel.itemText(0) == "In person"


def test_pages_and_status_widgets_of_other_parts_plug_in(qtbot: Any, desk: Any, officer: dict, make_app: Any,
                                                         keyboard: Keyboard) -> None:
    from PySide6.QtWidgets import QLabel

    app = make_app()
    opened: list[Any] = []
    app.window_opened.connect(opened.append)
    logged_in(qtbot, app, keyboard)
    window = app.window
    assert opened == [window]
    assert not window.is_page_enabled("reports")
    panel = QLabel("reports panel")
    window.add_page("reports", "Báo cáo", panel, "Ctrl+5")
    assert window.is_page_enabled("reports")
    keyboard.ctrl(Qt.Key.Key_5)
    assert window.current_key() == "reports" and window.stack.currentWidget() is panel
    status = QLabel("online")
    window.add_status_widget(status)
    assert status.isVisibleTo(window)
