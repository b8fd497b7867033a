"""The "Tiếp công dân" page from the keyboard (issue 14): a group reception with the chairman, one
petition of each kind (one citizen by card scan), some accepted, one extended with its written decision,
some resolved, one forwarded; the period's figures then read exactly like the seeds' sentence built here
from the test's own counts. The registers print from the page; the denunciation is masked for an officer."""

from __future__ import annotations

import logging
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk.petitions.privacy import MASKED
from tests.forms.pdfcheck import page_texts
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

KIND_INDEX = {"khieu_nai": 1, "to_cao": 2, "tranh_chap": 3, "kien_nghi": 4}  # rows of the "Nhận đơn" box


def _shot(widget: Any, folder: Path, name: str, dialog: Any = None) -> None:
    QApplication.processEvents()
    assert composite(widget, dialog).save(str(folder / f"{name}.png"))


def _type_into(keyboard: Keyboard, widget: Any, text: str) -> None:
    widget.setFocus()
    keyboard.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keyboard.type(text)


def test_receptions_and_petitions_from_the_keyboard(qtbot: Any, desk: Any, officer: dict, make_app: Any,
                                                   keyboard: Keyboard, printer: FilePrinter,
                                                   tmp_path: Path, caplog: Any, clock: Any) -> None:
    caplog.set_level(logging.INFO)
    shots = Path(os.environ.get("DESK_SHOTS_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    app = make_app()
    logged_in(qtbot, app, keyboard)
    window = app.window
    keyboard.ctrl(Qt.Key.Key_4)
    page = app.pages["reception"]
    assert window.current_key() == "reception"
    qtbot.waitUntil(lambda: page.inputs["id_number"].hasFocus())

    counted = {"khieu_nai": 0, "to_cao": 0, "tranh_chap": 0, "kien_nghi": 0}

    def record(kind: str, name: str, content: str, *, headcount: int = 1, chairman: bool = False,
               scan: bool = False) -> str:
        if scan:
            keyboard.scan(CARD_QR, hex_mode=True)  # fills the citizen, the cursor goes to the content
            assert page.inputs["full_name"].text() == name
        else:
            _type_into(keyboard, page.inputs["full_name"], name)
        if headcount > 1:
            _type_into(keyboard, page.headcount, str(headcount))
        if chairman:
            page.chairman.setFocus()
            keyboard.press(Qt.Key.Key_Space)
        _type_into(keyboard, page.content, content)
        page.kind.setFocus()
        for _ in range(KIND_INDEX[kind]):
            keyboard.press(Qt.Key.Key_Down)
        keyboard.ctrl(Qt.Key.Key_Return)
        wait_idle(qtbot, app)
        counted[kind] += 1
        row = desk.store.query_one("SELECT ref FROM petitions WHERE content = ?", (content,))
        assert row is not None, page.banner.label.text()
        return str(row["ref"])

    group = record("kien_nghi", "Đinh Văn Giang", "Đoàn hộ dân phản ánh ô nhiễm từ lò gạch", headcount=12,
                   chairman=True)
    complaint = record("khieu_nai", "Nguyễn Văn An", "Khiếu nại quyết định thu hồi đất", scan=True)
    denunciation = record("to_cao", "Trần Thị Bình", "Tố cáo cán bộ thu tiền sai quy định")
    dispute = record("tranh_chap", "Lê Văn Cường", "Tranh chấp lối đi chung")
    proposal = record("kien_nghi", "Phạm Thị Dung", "Kiến nghị về trợ cấp của tỉnh")
    # A second household on the group's content: linked from the window, one case and two persons. A
    # wrong number is refused before anything is recorded.
    _type_into(keyboard, page.inputs["full_name"], "Hà Văn Hai")
    _type_into(keyboard, page.content, "Cùng nội dung ô nhiễm lò gạch")
    page.kind.setFocus()
    for _ in range(KIND_INDEX["kien_nghi"]):
        keyboard.press(Qt.Key.Key_Down)
    _type_into(keyboard, page.same_as, "DON-9999-0001")
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    assert "DON-9999-0001" in page.errors["link_to"].text()
    assert desk.store.scalar("SELECT COUNT(*) FROM receptions") == 5
    _type_into(keyboard, page.same_as, group)
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    linked = desk.store.query_one("SELECT case_id FROM petitions WHERE petitioner_name = 'Hà Văn Hai'")
    assert linked is not None and linked["case_id"] == desk.store.scalar(
        "SELECT case_id FROM petitions WHERE ref = ?", (group,))
    assert "Đoàn đông người" not in page.group_label.text()  # the form is clear for the next citizen
    qtbot.waitUntil(lambda: page.table.rowCount() == 6)
    shown = {page.table.item(i, 0).text(): page.table.item(i, 2).text() for i in range(6)}
    assert shown[denunciation] == MASKED and shown[complaint] == "Nguyễn Văn An"
    _shot(window, shots, "40-reception")

    def step(ref: str, key: Qt.Key, *typed: str) -> None:
        window.activateWindow()
        page.select(ref)
        qtbot.waitUntil(lambda: page.table.hasFocus())
        keyboard.ctrl(key)
        dialog = wait_dialog(qtbot)
        assert dialog.objectName() == "PetitionActDialog"
        for i, text in enumerate(typed):
            if i:
                keyboard.press(Qt.Key.Key_Tab)
            keyboard.type(text)
        if ref == denunciation and key == Qt.Key.Key_G:
            _shot(window, shots, "41-reception-extend", dialog)
        keyboard.enter()
        wait_idle(qtbot, app)

    accepted, resolved = set(), set()
    for ref in (complaint, denunciation, dispute, group):
        step(ref, Qt.Key.Key_T, "Cán bộ địa chính")
        accepted.add(ref)
    page.select(denunciation)
    step(denunciation, Qt.Key.Key_G, "", "Quyết định số 12/QĐ-UBND ngày 23/11/2026")
    for ref in (complaint, group):
        step(ref, Qt.Key.Key_K, "Đã trả lời bằng văn bản")
        resolved.add(ref)
    step(proposal, Qt.Key.Key_H, "UBND tỉnh Thái Nguyên")

    states = {r["ref"]: r for r in desk.store.query("SELECT * FROM petitions")}
    assert states[denunciation]["extensions"] == 1 and states[denunciation]["extension_days"] == 30
    assert states[proposal]["status"] == "forwarded" and states[proposal]["competent"] == 0
    assert {r for r, s in states.items() if s["status"] == "resolved"} == resolved

    # The sentence, from the counts this test made itself.
    total = sum(counted.values())
    rate = f"{len(resolved) * 100 / len(accepted):.1f}".replace(".", ",")
    expected = (f"{total} đơn thư ({counted['khieu_nai']:02d} khiếu nại, {counted['to_cao']:02d} tố cáo, "
                f"{counted['tranh_chap']:02d} tranh chấp, {counted['kien_nghi']:02d} kiến nghị, phản ánh); "
                f"{len(accepted)} đơn thuộc thẩm quyền; đã giải quyết {len(resolved)}/{len(accepted)}, đạt {rate}%")
    assert expected == ("5 đơn thư (01 khiếu nại, 01 tố cáo, 01 tranh chấp, 02 kiến nghị, phản ánh); "
                        "4 đơn thuộc thẩm quyền; đã giải quyết 2/4, đạt 50,0%")
    qtbot.waitUntil(lambda: page.figures.text().startswith(expected + "."))
    assert "Tiếp 6 lượt công dân (17 người), trong đó 1 đoàn đông người (12 người); 6 người đứng đơn" \
        in page.figures.text()
    assert "1 đơn chuyển, hướng dẫn nơi khác" in page.figures.text()
    _shot(window, shots, "42-reception-figures")

    # A month later the dispute, accepted and not resolved, stands out as overdue (its 30 days ran out).
    clock.set(clock() + timedelta(days=40))
    page.refresh()
    wait_idle(qtbot, app)
    row = next(i for i in range(page.table.rowCount()) if page.table.item(i, 0).text() == dispute)
    assert page.table.item(row, 5).text() == "QUÁ HẠN — Đang giải quyết"
    assert page.table.item(row, 0).foreground().color().name() == "#b00020"
    # The figures count the dispute's case; the second household's petition, overdue in the list, is part
    # of the group's case, which is resolved.
    assert "; 1 đơn quá hạn;" in page.figures.text()

    # Both registers print from the page, masked for this officer.
    page.print_petitions.click()
    wait_idle(qtbot, app)
    page.print_reception.click()
    wait_idle(qtbot, app)
    register, book = (" ".join(page_texts(p)) for p in printer.sources[-2:])
    assert "SỔ THEO DÕI XỬ LÝ ĐƠN" in register and f"Tổng hợp: {expected}." in register
    assert "Trần Thị Bình" not in register and MASKED in register
    assert "SỔ TIẾP CÔNG DÂN" in book and "Trần Thị Bình" not in book and "Đinh Văn Giang" in book
    logs = caplog.text
    assert "petition accept" in logs or "reception record" in logs  # the window's log was written …
    assert "Trần Thị Bình" not in logs and "Nguyễn Văn An" not in logs  # … and holds no citizen
