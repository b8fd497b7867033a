"""Intake behaviours: the scanner detector, desk's messages next to fields, a procedure's missing limit,
forms 02/03 from the same screen, and a failed print that loses nothing and can be retried."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel

from tests.ui.conftest import (
    CARD_QR,
    OFFSCREEN_NOISE,
    FilePrinter,
    Keyboard,
    logged_in,
    wait_dialog,
    wait_idle,
)
from ui.limit_dialog import LimitDialog

pytestmark = [OFFSCREEN_NOISE]


def test_scanner_with_unicode_key_events_fills_the_applicant_and_cleans_the_focused_field(
        qtbot: Any, desk: Any, officer: dict, make_app: Any, keyboard: Keyboard) -> None:
    app = make_app()
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    intake.note.setFocus()
    keyboard.type("đã hẹn")
    keyboard.scan_unicode(CARD_QR)
    assert intake.inputs["full_name"].text() == "Nguyễn Văn An"
    assert intake.inputs["address"].text().startswith("Số 1 đường Lê Lợi")
    assert intake.note.text() == "đã hẹn", "what the officer typed stays; what the scanner typed goes"


def test_the_same_text_typed_by_a_person_is_not_a_scan(qtbot: Any, desk: Any, officer: dict, make_app: Any,
                                                       keyboard: Keyboard) -> None:
    app = make_app()
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    intake.note.setFocus()
    text = "001099012345|123456789|Nguyen Van An"
    keyboard.type(text, delay_ms=70)  # a fast typist: 70 ms a key
    keyboard.enter()
    assert intake.note.text() == text
    assert intake.inputs["full_name"].text() == ""


def test_a_garbled_scan_marks_the_damaged_fields_for_the_officer_to_type(qtbot: Any, desk: Any, officer: dict,
                                                                         make_app: Any, keyboard: Keyboard) -> None:
    app = make_app()
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    keyboard.scan("001099012345|123456789|Nguy?n V?n An|01011999|N|So 1|15062021")
    assert intake.inputs["id_number"].text() == "001099012345" and intake.inputs["dob"].text() == "01/01/1999"
    assert intake.inputs["full_name"].text() == "" and intake.gender.currentText() == ""
    assert "mất chữ" in intake.errors["full_name"].text() and intake.errors["full_name"].isVisibleTo(intake)
    assert "«N»" in intake.errors["gender"].text() and "không có dấu" in intake.errors["address"].text()
    assert "Họ và tên, Giới tính, Nơi thường trú" in intake.banner.label.text()
    assert QApplication.focusWidget() is intake.inputs["full_name"]
    # The officer types the name from the card and goes on; nothing damaged was ever in a field.
    keyboard.type("Nguyen Van An")  # (qtbot types Latin-1 only; desk gets what a person typed)
    assert desk.store.scalar("SELECT COUNT(*) FROM citizens") == 0


def test_a_damaged_scan_never_overwrites_a_good_stored_name(qtbot: Any, desk: Any, officer: dict, make_app: Any,
                                                            keyboard: Keyboard) -> None:
    from desk.intake import ApplicantInput, IntakeInput

    desk.dossiers.receive(IntakeInput("2.000815", ApplicantInput("Nguyễn Văn An", "001099012345", "01/01/1999", "Nam",
                                                                 "Số 1 đường Lê Lợi, phường Hòa Bình")), officer["id"])
    app = make_app()
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    # A US-layout scanner: every mark dropped.
    keyboard.scan("001099012345|123456789|Nguyen Van An|01011999|Nam|So 1 duong Le Loi, phuong Hoa Binh|15062021")
    assert intake.inputs["full_name"].text() == "Nguyễn Văn An"  # the stored name, not the damaged scan
    assert "lần nộp trước" in intake.errors["full_name"].text()
    intake.search.setFocus()
    keyboard.type("khai sinh")
    keyboard.enter()
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    names = [r["applicant_name"] for r in desk.store.query("SELECT applicant_name FROM dossiers")]
    assert names == ["Nguyễn Văn An", "Nguyễn Văn An"]
    assert desk.store.scalar("SELECT full_name FROM citizens") == "Nguyễn Văn An"


def test_desk_messages_show_next_to_their_fields_and_nothing_is_saved(qtbot: Any, desk: Any, officer: dict,
                                                                      make_app: Any, keyboard: Keyboard) -> None:
    app = make_app()
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    keyboard.type("001099012345")
    keyboard.enter()
    keyboard.enter()  # no name
    keyboard.type("12/12/1985")  # does not match the year in the ID number
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    assert "Họ tên" in intake.errors["full_name"].text() and intake.errors["full_name"].isVisibleTo(intake)
    assert "Năm sinh 1985" in intake.errors["dob"].text()
    assert "Chưa chọn thủ tục" in intake.errors["procedure_code"].text()
    assert not intake.errors["phone"].isVisibleTo(intake)
    assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 0
    assert desk.store.scalar("SELECT COUNT(*) FROM outbox") == 0
    assert QApplication.focusWidget() is intake.inputs["full_name"]


def test_a_procedure_without_a_limit_is_answered_once_for_the_procedure(
        qtbot: Any, desk: Any, officer: dict, make_app: Any, keyboard: Keyboard) -> None:
    app = make_app()
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    keyboard.scan(CARD_QR, hex_mode=True)
    keyboard.type("1.000894")  # đăng ký kết hôn: its sources give no usable limit
    keyboard.enter()
    assert intake.procedure["code"] == "1.000894"
    assert intake.limit_button.isVisibleTo(intake)
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    assert "chưa có thời hạn giải quyết" in intake.errors["time_limit"].text()
    assert QApplication.focusWidget() is intake.limit_button
    assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 0
    keyboard.ctrl(Qt.Key.Key_J)
    dialog = wait_dialog(qtbot)
    assert isinstance(dialog, LimitDialog)
    edit = dialog.inputs["time_limit"]
    edit.selectAll()
    keyboard.type("5 ngày lam")  # a phrase the desk does not read: said on the field, nothing saved
    keyboard.enter()
    wait_idle(qtbot, app)
    assert "không đọc được" in dialog.errors["time_limit"].text()
    assert desk.catalog.get("1.000894")["needs_limit"]
    edit.selectAll()
    keyboard.type("Trong ngày")
    dialog.inputs["same_day_cutoff"].setText("15:00")
    edit.setFocus()
    keyboard.enter()
    wait_idle(qtbot, app)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    proc = desk.catalog.get("1.000894")
    assert proc["limit_text"] == "Trong ngày" and proc["limit_source"] == "office"
    assert not intake.limit_button.isVisibleTo(intake) and "17:00 23/11/2026" in intake.due_label.text()
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    row = desk.store.query_one("SELECT due_at, due_confirmed, time_limit FROM dossiers")
    assert row == {"due_at": "2026-11-23T17:00:00", "due_confirmed": 0, "time_limit": "sd"}
    # The next citizen for the same procedure: nothing to answer again.
    keyboard.scan(CARD_QR, hex_mode=True)
    keyboard.type("1.000894")
    keyboard.enter()
    assert not intake.limit_button.isVisibleTo(intake)


@pytest.mark.parametrize(("shortcut", "status", "kind"), [
    ((Qt.Key.Key_B, False), "supplement_requested", "supplement"),
    ((Qt.Key.Key_R, True), "refused", "refusal"),
])
def test_supplement_request_or_refusal_from_the_intake_screen(
        qtbot: Any, desk: Any, officer: dict, make_app: Any, keyboard: Keyboard, printer: FilePrinter,
        shortcut: tuple[Qt.Key, bool], status: str, kind: str) -> None:
    app = make_app()
    logged_in(qtbot, app, keyboard)
    keyboard.scan(CARD_QR, hex_mode=True)
    keyboard.type("khai sinh")
    keyboard.enter()
    keyboard.ctrl(shortcut[0], shift=shortcut[1])
    dialog = wait_dialog(qtbot)
    boxes = dialog.findChildren(QCheckBox)
    first_document = str(boxes[0].property("fullName")) if boxes else ""
    if status == "supplement_requested":
        keyboard.press(Qt.Key.Key_Space)  # tick the first document
        assert boxes[0].isChecked()
    dialog.reason.setFocus()
    keyboard.type("Thieu giay chung sinh ban chinh")
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    dossier = desk.store.query_one("SELECT id, code, status FROM dossiers")
    assert dossier is not None and dossier["status"] == status
    action = desk.dossiers.actions(dossier["id"])[0]
    assert action["data"]["reason"] == "Thieu giay chung sinh ban chinh"
    if status == "supplement_requested":
        assert action["data"]["missing_documents"] == [first_document]
    forms = desk.store.query("SELECT kind FROM printed_forms WHERE dossier_id = ?", (dossier["id"],))
    assert [f["kind"] for f in forms] == [kind]
    assert len(printer.printed) == 1


def test_a_failed_print_keeps_the_dossier_and_can_be_retried(qtbot: Any, desk: Any, officer: dict,
                                                             make_app: Any, keyboard: Keyboard,
                                                             printer: FilePrinter) -> None:
    printer.failures = 1
    app = make_app()
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    keyboard.scan(CARD_QR, hex_mode=True)
    keyboard.type("khai sinh")
    keyboard.enter()
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 1  # committed before printing
    assert printer.printed == []
    assert "hết giấy" in intake.print_banner.label.text()
    assert intake.print_banner.button.isVisibleTo(intake)
    assert app.window.print_button.isVisibleTo(app.window)
    intake.print_banner.button.click()
    wait_idle(qtbot, app)
    assert len(printer.printed) == 1
    assert app.print_queue.failed_jobs == []
    assert not app.window.print_button.isVisibleTo(app.window)
    assert "Đã in" in intake.print_banner.label.text()
    # The retry printed the same archived PDF; the dossier was written once.
    assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 1
    assert desk.store.scalar("SELECT COUNT(*) FROM printed_forms") == 1


def test_print_preview_shows_the_pages_then_prints_or_cancels(qtbot: Any, desk: Any, officer: dict,
                                                              make_app: Any, keyboard: Keyboard,
                                                              printer: FilePrinter) -> None:
    desk.settings.set("print.preview", True)
    app = make_app()
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    for expected_prints, key in ((1, Qt.Key.Key_Return), (1, Qt.Key.Key_Escape)):
        keyboard.scan(CARD_QR, hex_mode=True)
        keyboard.type("khai sinh")
        keyboard.enter()
        keyboard.ctrl(Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: app.print_queue.preview_dialog is not None, timeout=20000)
        dialog = wait_dialog(qtbot)
        assert dialog.objectName() == "PreviewDialog"
        assert len(dialog.findChildren(QLabel)) >= 2  # both copies of the slip are shown
        keyboard.press(key)
        wait_idle(qtbot, app)
        assert len(printer.printed) == expected_prints
    assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 2  # the cancelled print kept its dossier
    assert "huỷ" in intake.print_banner.label.text()
    assert app.print_queue.failed_jobs == []
