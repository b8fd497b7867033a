"""A whole desk day driven with the keyboard only, checked against the database and the printed PDF."""

from __future__ import annotations

from typing import Any

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk.forms.qr import slip_url
from tests.ui.conftest import (
    CARD_QR,
    OFFSCREEN_NOISE,
    FilePrinter,
    Keyboard,
    logged_in,
    wait_dialog,
    wait_idle,
)

pytestmark = [OFFSCREEN_NOISE]


def pdf_text(path: Any) -> tuple[int, str]:
    doc = pdfium.PdfDocument(str(path))
    try:
        pages = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()
    return len(pages), "\n".join(pages)


def test_a_desk_day_with_the_keyboard_only(qtbot: Any, desk: Any, officer: dict, make_app: Any,
                                           keyboard: Keyboard, printer: FilePrinter) -> None:
    app = make_app()
    logged_in(qtbot, app, keyboard)
    window = app.window
    intake = app.pages["intake"]

    # The scanner types into whatever has focus (here the procedure search), not a special field.
    keyboard.ctrl(Qt.Key.Key_F)
    assert QApplication.focusWidget() is intake.search
    keyboard.scan(CARD_QR, hex_mode=True)
    assert intake.inputs["id_number"].text() == "001099012345"
    assert intake.inputs["full_name"].text() == "Nguyễn Văn An"
    assert intake.inputs["dob"].text() == "01/01/1999"
    assert intake.gender.currentText() == "Nam"
    assert intake.search.text() == "", "the scanned characters must not stay in the focused field"
    assert QApplication.focusWidget() is intake.search

    keyboard.type("khai sinh")
    keyboard.enter()
    assert intake.procedure is not None and intake.procedure["code"] == "1.001193"
    assert "17:00 23/11/2026" in intake.due_label.text()  # same-day procedure received at 09:00
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)

    dossier = desk.store.query_one("SELECT * FROM dossiers")
    assert dossier is not None and dossier["status"] == "received"
    assert dossier["applicant_name"] == "Nguyễn Văn An" and dossier["procedure_code"] == "1.001193"
    code = dossier["code"]
    assert code in intake.banner.label.text()
    # Both copies of the slip were rendered and went to the printer.
    assert len(printer.printed) == 1 and printer.printed[0].stat().st_size > 1000
    pages, text = pdf_text(printer.sources[0])
    assert pages >= 2
    for expected in (code, "Nguyễn Văn An", "001099012345", "khai sinh", "Liên 1", "Liên 2"):
        assert expected in text, expected
    assert len(pdfium.PdfDocument(str(printer.printed[0]))) == pages

    # The dossier desk: find it, hand it over, mark the result ready.
    keyboard.ctrl(Qt.Key.Key_2)
    desk_page = app.pages["dossiers"]
    assert window.current_key() == "dossiers" and QApplication.focusWidget() is desk_page.search
    keyboard.type(code[-4:])
    keyboard.enter()
    assert desk_page.current is not None and desk_page.current["code"] == code
    keyboard.ctrl(Qt.Key.Key_H)
    wait_dialog(qtbot)
    keyboard.type("Cong chuc Tu phap")
    keyboard.enter()
    wait_idle(qtbot, app)
    assert desk.dossiers.get(code)["status"] == "in_processing"
    assert not desk_page.action_buttons["hand_over"].isVisible()
    keyboard.ctrl(Qt.Key.Key_K)
    wait_dialog(qtbot)
    keyboard.enter()
    wait_idle(qtbot, app)
    assert desk.dossiers.get(code)["status"] == "result_ready"

    # Return: the citizen's slip QR is scanned wherever the focus is; the dossier opens.
    keyboard.scan(slip_url(desk.office.require(), code))
    returns = app.pages["returns"]
    assert window.current_key() == "returns"
    assert returns.dossier is not None and returns.dossier["code"] == code
    assert returns.verify.property("kind") == "ok"
    assert QApplication.focusWidget() is returns.collected_by
    assert returns.collected_by.text() == "Nguyễn Văn An"
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    assert returns.rating.isVisible() and QApplication.focusWidget() is returns.rating
    keyboard.press(Qt.Key.Key_1)
    wait_idle(qtbot, app)

    kinds = [a["kind"] for a in desk.dossiers.actions(dossier["id"])]
    assert kinds == ["receive", "hand_over", "result_ready", "return_result", "rate"]
    final = desk.dossiers.get(code)
    assert final["status"] == "returned" and final["satisfaction"] == "very_satisfied"
    assert final["collected_by"] == "Nguyễn Văn An"
    assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 1
    assert desk.store.scalar("SELECT COUNT(*) FROM dossier_actions") == 5


def test_a_standard_intake_takes_at_most_ten_keys_after_the_scan(qtbot: Any, desk: Any, officer: dict,
                                                                  make_app: Any, keyboard: Keyboard) -> None:
    app = make_app()
    logged_in(qtbot, app, keyboard)
    keyboard.scan(CARD_QR, hex_mode=True)
    keyboard.presses = 0
    keyboard.type("khai")
    keyboard.enter()
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    assert desk.store.scalar("SELECT COUNT(*) FROM dossiers WHERE status = 'received'") == 1
    assert keyboard.presses <= 10, keyboard.presses


def test_a_returning_citizen_is_recognised_by_id_number(qtbot: Any, desk: Any, officer: dict, make_app: Any,
                                                         keyboard: Keyboard) -> None:
    from desk.intake import ApplicantInput, IntakeInput

    desk.dossiers.receive(IntakeInput("1.001193", ApplicantInput(
        full_name="Nguyễn Văn An", id_number="001099012345", dob="01/01/1999", gender="Nam",
        phone="0912345678", address="Số 1 đường Lê Lợi")), officer["id"])
    app = make_app()
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    keyboard.type("001099012345")
    keyboard.press(Qt.Key.Key_Tab)
    assert intake.inputs["full_name"].text() == "Nguyễn Văn An"
    assert intake.inputs["phone"].text() == "0912345678"
    assert intake.returning.isVisibleTo(intake) and "1" in intake.returning.text()
