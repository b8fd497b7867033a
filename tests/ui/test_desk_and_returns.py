"""The dossier desk (filters, urgency, allowed actions, the apology once) and the return of results
(a forged slip is flagged, typing the code works, one key per satisfaction level)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt

from desk.forms.qr import slip_url
from desk.intake import ApplicantInput, IntakeInput
from tests.ui.conftest import OFFSCREEN_NOISE, Keyboard, logged_in, wait_dialog, wait_idle

pytestmark = [OFFSCREEN_NOISE]


def receive(desk: Any, officer: dict, name: str, code: str = "1.001193", when: datetime | None = None) -> dict:
    return desk.dossiers.receive(IntakeInput(code, ApplicantInput(full_name=name, id_number="001099012345",
                                                                  dob="01/01/1999", gender="Nam"),
                                             received_at=when), officer["id"])


def test_filters_urgency_and_only_allowed_actions(qtbot: Any, desk: Any, clock: Any, officer: dict,
                                                  make_app: Any, keyboard: Keyboard) -> None:
    clock.set(datetime(2026, 11, 20, 9, 0))
    late = receive(desk, officer, "Lê Văn Trễ")  # same-day procedure: due 17:00 on the 20th
    clock.set(datetime(2026, 11, 23, 9, 0))
    today = receive(desk, officer, "Phạm Thị Hôm Nay")
    ready = receive(desk, officer, "Trần Có Kết Quả", code="2.000908")
    desk.dossiers.act(ready["id"], "hand_over", officer["id"])
    desk.dossiers.act(ready["id"], "result_ready", officer["id"])
    app = make_app()
    logged_in(qtbot, app, keyboard)
    keyboard.ctrl(Qt.Key.Key_2)
    page = app.pages["dossiers"]
    codes = {r["code"]: r for r in page.model.rows}
    assert set(codes) == {late["code"], today["code"], ready["code"]}
    urgency = {r["code"]: page.model.urgency(r) for r in page.model.rows}
    assert urgency == {late["code"]: "overdue", today["code"]: "due_soon", ready["code"]: ""}
    page.set_filter("overdue")
    assert [r["code"] for r in page.model.rows] == [late["code"]]
    page.set_filter("result_ready")
    assert [r["code"] for r in page.model.rows] == [ready["code"]]
    page.show_dossier(ready["id"])
    visible = {a for a, b in page.action_buttons.items() if b.isVisibleTo(page)}
    assert visible == {"return_result"}
    page.set_filter("today")
    assert {r["code"] for r in page.model.rows} == {today["code"], ready["code"]}
    page.show_dossier(today["id"])
    visible = {a for a, b in page.action_buttons.items() if b.isVisibleTo(page)}
    # The leader's decisions (apology with a new date, stop, cancelling a dossier entered by mistake) are not
    # offered to an officer.
    assert visible == {"hand_over", "request_supplement", "withdraw", "refuse", "request_payment", "reject"}
    # The timeline shows the receive action with the officer's name.
    assert "Trần Văn Tiếp" in page.timeline.item(0).text()
    # A shortcut for an action the state machine does not allow explains instead of acting.
    keyboard.ctrl(Qt.Key.Key_K)
    assert "Không thể" in page.banner.label.text()
    assert desk.dossiers.get(today["id"])["status"] == "received"


def test_apology_with_a_new_date_only_once(qtbot: Any, desk: Any, officer: dict, leader: dict, make_app: Any,
                                           keyboard: Keyboard) -> None:
    d = receive(desk, officer, "Đỗ Văn Chờ", code="2.000908")
    app = make_app()
    logged_in(qtbot, app, keyboard, user="lanhdao")  # the apology is the leader's decision
    keyboard.ctrl(Qt.Key.Key_2)
    page = app.pages["dossiers"]
    page.show_dossier(d["id"])
    keyboard.ctrl(Qt.Key.Key_L)
    dialog = wait_dialog(qtbot)
    keyboard.type("Can xac minh them")
    dialog.inputs["new_due_at"].setFocus()
    keyboard.type("28/11/2026 10:00")  # a Saturday: desk refuses, the dialog says why next to the field
    keyboard.enter()
    wait_idle(qtbot, app)
    assert "ngày nghỉ" in dialog.errors["new_due_at"].text()
    dialog.inputs["new_due_at"].selectAll()
    keyboard.type("30/11/2026 10:00")
    keyboard.enter()
    wait_idle(qtbot, app)
    after = desk.dossiers.get(d["id"])
    assert after["new_due_at"] == "2026-11-30T10:00:00"
    assert not page.action_buttons["apologize"].isVisibleTo(page)
    kinds = desk.store.query("SELECT kind FROM printed_forms WHERE dossier_id = ?", (d["id"],))
    assert [k["kind"] for k in kinds] == ["apology"]


def test_a_forged_slip_is_flagged_and_a_typed_code_opens_the_dossier(qtbot: Any, desk: Any, officer: dict,
                                                                      make_app: Any, keyboard: Keyboard) -> None:
    d = receive(desk, officer, "Vũ Thị Nhận", code="2.000908")
    desk.dossiers.act(d["id"], "hand_over", officer["id"])
    desk.dossiers.act(d["id"], "result_ready", officer["id"])
    app = make_app()
    logged_in(qtbot, app, keyboard)
    returns = app.pages["returns"]
    genuine = slip_url(desk.office.require(), d["code"])
    forged = genuine[:-3] + ("AAA" if not genuine.endswith("AAA") else "BBB")
    keyboard.scan(forged)
    assert returns.dossier is not None and returns.dossier["id"] == d["id"]
    assert returns.verify.property("kind") == "error" and "KHÔNG khớp" in returns.verify.label.text()

    returns._finish()
    keyboard.type(d["code"][-4:])
    keyboard.enter()
    assert returns.dossier is not None and returns.dossier["id"] == d["id"]
    assert "nhập tay" in returns.verify.label.text()
    # Who collected it (someone authorised) and which originals went back, then satisfaction in one key.
    returns.collected_by.selectAll()
    keyboard.type("Vu Van Uy Quyen")
    if returns.original_checks:
        returns.original_checks[0].setChecked(True)
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    keyboard.press(Qt.Key.Key_3)
    wait_idle(qtbot, app)
    final = desk.dossiers.get(d["id"])
    assert final["collected_by"] == "Vu Van Uy Quyen"
    assert final["satisfaction"] == "dissatisfied"
    if returns.original_checks:
        assert final["originals_returned"]


def test_a_dossier_without_a_result_cannot_be_returned(qtbot: Any, desk: Any, officer: dict, make_app: Any,
                                                      keyboard: Keyboard) -> None:
    d = receive(desk, officer, "Hồ Văn Sớm", code="2.000908")
    app = make_app()
    logged_in(qtbot, app, keyboard)
    keyboard.scan(slip_url(desk.office.require(), d["code"]))
    returns = app.pages["returns"]
    assert not returns.form_box.isVisibleTo(returns)
    assert "chưa thể trả" in returns.banner.label.text()
    assert desk.dossiers.get(d["id"])["status"] == "received"


def test_a_lost_slip_is_reprinted_identically_from_the_archive(qtbot: Any, desk: Any, officer: dict,
                                                               make_app: Any, keyboard: Keyboard,
                                                               printer: Any) -> None:
    from tests.ui.conftest import CARD_QR

    app = make_app()
    logged_in(qtbot, app, keyboard)
    keyboard.scan(CARD_QR, hex_mode=True)
    keyboard.type("khai sinh")
    keyboard.enter()
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    keyboard.ctrl(Qt.Key.Key_2)
    page = app.pages["dossiers"]
    keyboard.enter()  # the search is empty: Enter takes the newest dossier
    assert page.current is not None
    page.reprint("slip")
    wait_idle(qtbot, app)
    assert len(printer.sources) == 2
    assert printer.sources[0].read_bytes() == printer.sources[1].read_bytes()
    assert "Đã in" in page.banner.label.text()


def test_a_refusal_without_a_reason_is_refused_and_nothing_is_saved(qtbot: Any, desk: Any, officer: dict,
                                                                    make_app: Any, keyboard: Keyboard) -> None:
    from tests.ui.conftest import CARD_QR

    app = make_app()
    logged_in(qtbot, app, keyboard)
    intake = app.pages["intake"]
    keyboard.scan(CARD_QR, hex_mode=True)
    keyboard.type("khai sinh")
    keyboard.enter()
    keyboard.ctrl(Qt.Key.Key_R, shift=True)
    wait_dialog(qtbot)
    keyboard.ctrl(Qt.Key.Key_Return)
    wait_idle(qtbot, app)
    assert "Lý do" in intake.general_error.text()
    assert desk.store.scalar("SELECT COUNT(*) FROM dossiers") == 0
    assert intake.inputs["full_name"].text() == "Nguyễn Văn An"  # what was typed is still there


def test_the_new_steps_by_keyboard_print_the_new_slip_and_reprint_says_which_issue(
        qtbot: Any, desk: Any, clock: Any, officer: dict, leader: dict, make_app: Any, keyboard: Keyboard,
        printer: Any) -> None:
    from desk.forms import FormService
    from tests.forms.pdfcheck import page_texts

    d = receive(desk, officer, "Đoàn Văn Xác", code="1.001022")  # 03 working days; 08 with verification
    FormService(desk).slip(d["id"], officer_id=officer["id"])  # the slip the citizen took at intake
    other = receive(desk, officer, "Nhập Nhầm")
    app = make_app()
    # A leader at the counter: the ordinary steps are theirs too, and cancelling is a leader's decision.
    logged_in(qtbot, app, keyboard, user=leader["username"])
    keyboard.ctrl(Qt.Key.Key_2)
    page = app.pages["dossiers"]
    page.show_dossier(d["id"])
    page.table.setFocus()
    clock.set(datetime(2026, 11, 24, 9, 0))
    keyboard.ctrl(Qt.Key.Key_M)  # verification needed
    dialog = wait_dialog(qtbot)
    keyboard.type("Xac minh quan he cha con")
    keyboard.enter()
    wait_idle(qtbot, app)
    after = desk.dossiers.get(d["id"])
    assert after["due_at"] == "2026-12-04T09:00:00" and after["verification_at"]
    # The citizen's new paper went to the printer: issue 2 of form 01, with the new date.
    printed = page_texts(printer.sources[-1])[0]
    assert "Cấp lại lần 2" in printed and "ngày 04 tháng 12 năm 2026" in printed
    assert "bản 2 (hẹn trả 09:00 04/12/2026)" in page._reprint_label(after, "slip", "Giấy tiếp nhận")
    assert not page.action_buttons["require_verification"].isVisibleTo(page)
    # Awaiting the financial obligation, then paid: both by keyboard.
    keyboard.ctrl(Qt.Key.Key_Y)
    dialog = wait_dialog(qtbot)
    keyboard.type("Le phi")
    keyboard.enter()
    wait_idle(qtbot, app)
    assert desk.dossiers.get(d["id"])["status"] == "awaiting_payment"
    assert page.action_buttons["payment_done"].isVisibleTo(page)
    # A dossier entered by mistake: cancelled, kept, out of the running list's counts.
    page.show_dossier(other["id"])
    page.table.setFocus()
    keyboard.ctrl(Qt.Key.Key_H, shift=True)
    dialog = wait_dialog(qtbot)
    assert "không tính vào báo cáo" in " ".join(w.text() for w in dialog.findChildren(type(page.detail_info)))
    keyboard.type("Nhap nham thu tuc")
    keyboard.enter()
    wait_idle(qtbot, app)
    assert desk.dossiers.get(other["id"])["status"] == "cancelled"
    page.set_filter("cancelled")
    assert [r["id"] for r in page.model.rows] == [other["id"]]
