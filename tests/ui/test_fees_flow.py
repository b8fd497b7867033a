"""Fees at the desk, through the window (issue 19): a dossier with a fee goes through intake with its
amount shown live, the slip and the receipt print, a spoilt receipt is cancelled, the till is closed
with the cash one note short and the printed hand-over list shows the difference. The till's close
also runs as the first step of the sync page's day close, against a real district server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk.fees.receipts import ReceiptInput
from desk.sync import SyncClient
from tests.district.helpers import new_commune
from tests.fees.conftest import SERIES
from tests.forms.pdfcheck import page_texts
from tests.support.server import ServerProcess
from tests.ui.conftest import (
    CARD_QR,
    OFFSCREEN_NOISE,
    FilePrinter,
    Keyboard,
    logged_in,
    wait_dialog,
    wait_idle,
)
from ui.tools.screenshots import composite

pytestmark = [pytest.mark.gui, OFFSCREEN_NOISE]


def _shot(widget: Any, folder: Path, name: str, dialog: Any = None) -> Path:
    QApplication.processEvents()  # let the layouts settle after the last keystroke, as the eye sees it
    path = folder / f"{name}.png"
    assert composite(widget, dialog).save(str(path))
    return path


def _set_spin(keyboard: Keyboard, spin: Any, value: str) -> None:
    spin.setFocus()
    keyboard.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keyboard.type(value)


def _take_in(keyboard: Keyboard, qtbot: Any, app: Any, procedure: str, **spins: str) -> None:
    intake = app.pages["intake"]
    keyboard.scan(CARD_QR, hex_mode=True)
    keyboard.type(procedure)
    keyboard.enter()
    assert intake.fee_panel.isVisibleTo(intake)
    for name, value in spins.items():
        _set_spin(keyboard, getattr(intake.fee_panel, name), value)


def test_a_dossier_with_a_fee_through_intake_receipt_cancel_and_till_close(
        qtbot: Any, desk: Any, officer: dict, make_app: Any, keyboard: Keyboard, printer: FilePrinter,
        tmp_path: Path) -> None:
    desk.fees.series.register(SERIES)
    shots = tmp_path / "shots"
    shots.mkdir()
    app = make_app()
    logged_in(qtbot, app, keyboard)
    window, intake = app.window, app.pages["intake"]

    # Chứng thực bản sao: 3 pages, 2 copies → (2 × 2.000 + 1 × 1.000) × 2 = 10.000 đ, shown as typed.
    _take_in(keyboard, qtbot, app, "2.000815", pages="3", copies="2")
    assert intake.fee_panel.amount.text() == "Phải nộp: 10.000 đồng (Mười nghìn đồng)"
    assert "5.000 đ/bản × 2 bản = 10.000 đ" in intake.fee_panel.amount.toolTip()
    _shot(window, shots, "20-intake-fee")
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    dossier = desk.store.query_one("SELECT id, code FROM dossiers")
    assert dossier is not None
    receipt = desk.store.query_one("SELECT * FROM receipts")
    assert receipt is not None and (receipt["number"], receipt["amount"], receipt["dossier_code"]) == (
        1, 10_000, dossier["code"])
    assert "Đã lập biên lai 01AA-26T 0000001: 10.000 đồng" in intake.fee_banner.label.text()
    assert len(printer.printed) == 2, "the slip, then the receipt"
    slip, printed_receipt = (" ".join(page_texts(p)) for p in printer.sources)
    assert "GIẤY TIẾP NHẬN HỒ SƠ" in slip
    for needed in ("BIÊN LAI THU TIỀN PHÍ, LỆ PHÍ", "Liên 1", "Liên 2", "Số: 0000001", "Mười nghìn đồng",
                   "Nguyễn Văn An", dossier["code"], "Mã số thuế: 4600123456"):
        assert needed in printed_receipt, needed

    # A signature for 10.000 đ, then five signed papers for 50.000 đ.
    _take_in(keyboard, qtbot, app, "2.000884", copies="1")
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    _take_in(keyboard, qtbot, app, "2.000884", copies="5")
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    assert [r["amount"] for r in desk.store.query("SELECT amount FROM receipts ORDER BY number")] == [
        10_000, 10_000, 50_000]
    assert len(printer.printed) == 6

    # The second receipt was spoilt: cancelled on the till page, with its reason.
    window.show_page("till")
    till = app.pages["till"]
    qtbot.waitUntil(lambda: till.table.rowCount() == 3)
    assert "Tiền mặt phải nộp: 70.000 đ" in till.summary_label.text()
    till.table.selectRow(1)
    qtbot.mouseClick(till.cancel_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot)
    assert dialog.objectName() == "CancelReceiptDialog"
    keyboard.type("In sai tên người nộp")
    keyboard.enter()
    wait_idle(qtbot, app)
    qtbot.waitUntil(lambda: "Tiền mặt phải nộp: 60.000 đ" in till.summary_label.text())
    assert desk.store.query_one("SELECT status, cancel_reason FROM receipts WHERE number = 2") == {
        "status": "cancelled", "cancel_reason": "In sai tên người nộp"}
    _shot(window, shots, "21-till")

    # A reprint says it is a copy.
    till.table.selectRow(0)
    qtbot.mouseClick(till.reprint_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, app)
    assert "BẢN SAO — IN LẠI LÚC" in " ".join(page_texts(printer.sources[-1]))

    # The till's close: counted 50.000 where 60.000 is expected — one 10.000 note short.
    qtbot.mouseClick(till.close_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot)
    assert dialog.objectName() == "TillCloseDialog"
    keyboard.type("50.000")
    assert "thiếu 10.000 đ" in dialog.difference.text()
    keyboard.ctrl(Qt.Key.Key_Return)
    assert dialog.isVisible() and "ghi rõ lý do chênh lệch" in dialog.explanation_error.text()
    assert QApplication.focusWidget() is dialog.explanation
    keyboard.type("Thiếu một tờ 10.000 đồng; cán bộ nộp bù sáng 24/11.")
    _shot(window, shots, "22-till-close", dialog)
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    close = desk.store.query_one("SELECT expected_cash, counted_cash, difference, explanation FROM till_closes")
    assert close is not None and (close["expected_cash"], close["counted_cash"], close["difference"]) == (
        60_000, 50_000, -10_000)
    hand_over = " ".join(page_texts(printer.sources[-1]))
    for needed in ("BẢNG KÊ BIÊN LAI THU TIỀN PHÍ, LỆ PHÍ", "01AA-26T 0000001", "01AA-26T 0000003",
                   "Đã hủy: In sai tên người nộp", "Tiền mặt phải nộp: 60.000 đồng", "Tiền mặt thực nộp: 50.000 đồng",
                   "Chênh lệch: −10.000 đồng (thiếu)", "Giải trình: Thiếu một tờ 10.000 đồng"):
        assert needed in hand_over, needed
    assert "Không có biên lai nào chưa chốt." in till.summary_label.text()
    assert desk.store.scalar("SELECT COUNT(*) FROM printed_forms WHERE kind = 'till'") == 1


def test_an_exemption_is_recorded_with_its_reason_and_no_receipt(
        qtbot: Any, desk: Any, officer: dict, make_app: Any, keyboard: Keyboard, printer: FilePrinter) -> None:
    desk.fees.series.register(SERIES)
    app = make_app()
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    _take_in(keyboard, qtbot, app, "2.000884", copies="2")
    panel = intake.fee_panel
    panel.exemption.setCurrentIndex(panel.exemption.findData("khac"))
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    assert "lý do miễn" in panel.errors["exemption_reason"].text().lower()
    assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 0, "nothing written while the fee is wrong"
    panel.reason.setFocus()
    keyboard.type("Quyết định 12/QĐ-UBND hỗ trợ hộ bị thiên tai")
    assert panel.amount.text() == "Miễn thu" and not panel.collect.isVisibleTo(panel)
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    ex = desk.store.query_one("SELECT exemption_code, reason, amount_waived FROM fee_exemptions")
    assert ex == {"exemption_code": "khac", "reason": "Trường hợp khác — Quyết định 12/QĐ-UBND hỗ trợ hộ bị thiên tai",
                  "amount_waived": 20_000}
    assert desk.store.scalar("SELECT COUNT(*) FROM receipts") == 0 and len(printer.printed) == 1


def test_an_amount_the_province_never_declared_does_not_hold_up_the_dossier(
        qtbot: Any, desk: Any, officer: dict, make_app: Any, keyboard: Keyboard, printer: FilePrinter) -> None:
    desk.fees.series.register(SERIES)
    app = make_app()
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    _take_in(keyboard, qtbot, app, "1.004873")  # xác nhận tình trạng hôn nhân: lệ phí set by the province
    assert "desk fee set 1.004873" in intake.fee_panel.errors["amount"].text()
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 1 and len(printer.printed) == 1
    assert desk.store.scalar("SELECT COUNT(*) FROM receipts") == 0
    assert "chưa thu được phí" in intake.fee_banner.label.text()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    workdir = tmp_path_factory.mktemp("district-fees-ui")
    with ServerProcess(f"sqlite:///{workdir / 'district.db'}", workdir) as srv:
        yield srv


def test_the_day_close_closes_the_till_first_and_matches_with_the_district(
        qtbot: Any, desk: Any, officer: dict, make_app: Any, keyboard: Keyboard, printer: FilePrinter,
        server: ServerProcess, tmp_path: Path) -> None:
    commune = new_commune()
    profile = desk.office.require()
    desk.office.save({"name": profile.name, "agency_code": commune, "place_name": profile.place_name})
    client = SyncClient(desk)
    client.enroll(server.url, server.enroll_code(commune))
    desk.fees.series.register(SERIES)
    for copies in (1, 3):
        desk.fees.receipts.issue(ReceiptInput("2.000884", payer_name="Lê Văn Bình", copies=copies), officer["id"])
    try:
        app = make_app(sync_client=client)
        logged_in(qtbot, app, keyboard)
        app.window.show_page("sync")
        sync = app.pages["sync"]
        qtbot.waitUntil(lambda: sync.close_button.isEnabled(), timeout=10000)
        qtbot.mouseClick(sync.close_button, Qt.MouseButton.LeftButton)
        dialog = wait_dialog(qtbot)
        assert dialog.objectName() == "TillCloseDialog"
        keyboard.type("40000")
        with qtbot.waitSignal(sync.day_closed, timeout=30000) as closed:
            keyboard.ctrl(Qt.Key.Key_Return)
        report = closed.args[0]
        assert report.matched, report.message_vi
        assert report.counts["receipts"] == 2 and report.notes[0].startswith("Đã chốt quầy thu: 2 biên lai")
        assert "Đã chốt quầy thu" in sync.close_result.text()
        wait_idle(qtbot, app)
        assert "BẢNG KÊ BIÊN LAI" in " ".join(page_texts(printer.sources[-1]))
        day = desk.store.clock().date().isoformat()
        held = json.loads(server.cli("collections", "--commune", commune, "--from", day, "--to", day,
                                     "--json").stdout)
        assert [(c["counted_cash"], c["difference"]) for c in held["till_closes"]] == [(40_000, 0)]
        assert held["total"] == 40_000
        _shot(app.window, tmp_path, "23-day-close-with-till")
    finally:
        client.close()
