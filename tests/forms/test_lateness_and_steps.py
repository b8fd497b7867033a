"""Honest lateness and the steps a real desk records, read back from what the desk shows, prints (PDF
text) and sends upstream (the outbox op)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from desk import timing
from desk.errors import TransitionError, ValidationError
from desk.forms import FormService
from desk.permissions import PermissionDenied
from tests.forms.pdfcheck import page_texts

Receive = Callable[..., dict[str, Any]]


def _ops(desk: Any, dossier_id: str) -> list[dict[str, Any]]:
    return [json.loads(r["payload"]) for r in desk.store.query(
        "SELECT payload FROM outbox WHERE entity_id = ? ORDER BY seq", (dossier_id,))]


@pytest.mark.parametrize(("at", "verdict"), [(datetime(2026, 11, 27, 9, 0), "on_time"),
                                              (datetime(2026, 11, 27, 9, 1), "late"),
                                              (datetime(2026, 11, 26, 16, 0), "early")])
def test_a_result_at_the_due_minute_is_on_time_and_one_minute_later_late(
        desk: Any, officer: dict, clock: Any, receive: Receive, forms: FormService, at: datetime,
        verdict: str) -> None:
    d = receive()  # 3 working days: Mon 23/11 09:00 → Fri 27/11 09:00 (24/11 is a day off)
    assert d["due_at"] == "2026-11-27T09:00:00"
    desk.dossiers.act(d["id"], "hand_over", officer["id"])
    clock.set(at)
    # Pending at that minute: within the deadline at 09:00, past it at 09:01.
    assert timing.pending_class(desk.dossiers.get(d["id"]), at) == ("past" if verdict == "late" else "within")
    assert (d["id"] in {r["id"] for r in desk.dossiers.list("overdue", now=at)}) == (verdict == "late")
    d = desk.dossiers.act(d["id"], "result_ready", officer["id"])
    assert timing.result_class(d) == verdict
    text = page_texts(forms.form("control", d["id"]))[0]
    assert f"Kết quả giải quyết so với ngày hẹn trả: {timing.LABELS_VI[verdict]}" in text


def test_a_late_dossier_with_an_apology_stays_late_everywhere(desk: Any, officer: dict, leader: dict, clock: Any,
                                                               receive: Receive, forms: FormService) -> None:
    d = receive()
    desk.dossiers.act(d["id"], "hand_over", officer["id"], data={"to_unit": "Tư pháp – Hộ tịch"})
    clock.set(datetime(2026, 11, 26, 16, 0))
    desk.dossiers.act(d["id"], "apologize", leader["id"],
                      data={"reason": "Cần xác minh tại nơi cư trú cũ", "new_due_at": "2026-12-02 16:00"})
    # Past the promised date, before the apology's: the list still says overdue.
    clock.set(datetime(2026, 11, 30, 10, 0))
    overdue = desk.dossiers.list("overdue")
    assert [r["id"] for r in overdue] == [d["id"]] and timing.verdict(overdue[0], clock()) == timing.PAST
    clock.set(datetime(2026, 12, 1, 14, 0))
    d = desk.dossiers.act(d["id"], "result_ready", officer["id"])
    assert d["due_at"] == "2026-11-27T09:00:00" and d["new_due_at"] == "2026-12-02T16:00:00"
    assert timing.result_class(d) == timing.LATE  # on time for the apology's date, late for the promise
    control = page_texts(forms.form("control", d["id"]))[0]
    assert "Thời gian hẹn trả kết quả: 09 giờ 00 phút, ngày 27 tháng 11 năm 2026" in control
    assert "Hẹn lại ngày trả kết quả (Phiếu xin lỗi): 16 giờ 00 phút, ngày 02 tháng 12 năm 2026" in control
    assert "Kết quả giải quyết so với ngày hẹn trả: Quá hạn" in control
    assert "14:00 01/12/2026 Người giao: Người nhận: Trần Văn Tiếp Quá hạn" in control
    register = page_texts(forms.register(date(2026, 11, 23), date(2026, 11, 30)))[0]
    assert "27/11/2026 09:00 Hẹn lại: 02/12/2026 16:00" in register and "Quá hạn" in register
    # Upstream: the promise never changed, the new date travelled beside it.
    ops = _ops(desk, d["id"])
    assert ops[0]["dossier"]["due_at"] == "2026-11-27T09:00:00"
    assert all(op.get("changes", {}).get("due_at") in (None, "2026-11-27T09:00:00") for op in ops[1:])
    assert {op["action"]["kind"]: op.get("changes", {}).get("new_due_at") for op in ops[1:]}["apologize"] == \
        "2026-12-02T16:00:00"
    seen = {**ops[0]["dossier"]}
    for op in ops[1:]:
        seen.update(op["changes"])
    assert timing.result_class(seen) == timing.LATE


def test_verification_applies_the_second_limit_and_the_slip_is_issued_again(
        desk: Any, officer: dict, clock: Any, receive: Receive, forms: FormService) -> None:
    d = receive("1.001022")  # nhận cha, mẹ, con: 03 working days; 08 when verification is needed
    assert d["due_at"] == "2026-11-27T09:00:00" and "require_verification" in d["allowed_actions"]
    first = forms.slip(d["id"])
    clock.set(datetime(2026, 11, 25, 10, 0))
    d = desk.dossiers.act(d["id"], "require_verification", officer["id"],
                          data={"reason": "Xác minh quan hệ cha con tại xã nơi sinh"})
    # 8 working days from Mon 23/11 09:00 (24/11 off): Fri 04/12 09:00.
    assert d["due_at"] == "2026-12-04T09:00:00" and d["verification_at"] == "2026-11-25T10:00:00"
    assert "require_verification" not in d["allowed_actions"]
    with pytest.raises(TransitionError):
        desk.dossiers.act(d["id"], "require_verification", officer["id"])
    again = forms.slip(d["id"])
    text = page_texts(again)[0]
    assert "08 ngày làm việc (trường hợp cần xác minh)" in text
    assert "09 giờ 00 phút, ngày 04 tháng 12 năm 2026" in text
    assert "Cấp lại lần 2: thay giấy hẹn trước (hẹn trả 09:00 27/11/2026)." in text
    assert first.exists() and again != first


def test_awaiting_the_financial_obligation_pauses_the_clock(desk: Any, officer: dict, clock: Any,
                                                          receive: Receive) -> None:
    d = receive()  # due Fri 27/11 09:00
    desk.dossiers.act(d["id"], "hand_over", officer["id"])
    clock.set(datetime(2026, 11, 25, 9, 0))
    d = desk.dossiers.act(d["id"], "request_payment", officer["id"], data={"obligation": "Lệ phí trước bạ"})
    assert d["status"] == "awaiting_payment" and d["paused_at"] == "2026-11-25T09:00:00"
    # Paused before the deadline: not overdue while the citizen has not paid, however long it takes.
    assert not timing.is_overdue(d, datetime(2026, 12, 10, 9, 0))
    assert d["id"] not in {r["id"] for r in desk.dossiers.list("overdue", now=datetime(2026, 12, 10, 9, 0))}
    clock.set(datetime(2026, 11, 26, 9, 0))  # paid a full working day later
    d = desk.dossiers.act(d["id"], "payment_done", officer["id"], data={"note": "Biên lai số 0012"})
    assert d["status"] == "in_processing" and d["paused_at"] is None
    assert d["due_at"] == "2026-11-30T09:00:00"  # one working day later (the weekend skipped)
    with pytest.raises(ValidationError) as info:
        desk.dossiers.act(d["id"], "request_payment", officer["id"])
    assert info.value.field == "obligation"


def test_a_pause_that_began_after_the_deadline_does_not_make_the_dossier_on_time(
        desk: Any, officer: dict, clock: Any, receive: Receive) -> None:
    d = receive()
    desk.dossiers.act(d["id"], "hand_over", officer["id"])
    clock.set(datetime(2026, 11, 30, 9, 0))  # already late
    desk.dossiers.act(d["id"], "request_supplement", officer["id"], data={"reason": "Thiếu tờ khai"})
    clock.set(datetime(2026, 12, 3, 9, 0))
    d = desk.dossiers.act(d["id"], "supplement_received", officer["id"])
    assert d["due_at"] == "2026-11-27T09:00:00" and timing.is_overdue(d, clock())


@pytest.mark.parametrize(("setting", "due"), [("pause", "2026-12-01T09:00:00"), ("restart", "2026-12-03T10:00:00")])
def test_the_supplement_clock_pauses_or_restarts_as_the_office_set_it(
        desk: Any, officer: dict, clock: Any, receive: Receive, setting: str, due: str) -> None:
    desk.settings.set("timing.supplement_clock", setting)
    d = receive()  # due Fri 27/11 09:00
    desk.dossiers.act(d["id"], "hand_over", officer["id"])
    clock.set(datetime(2026, 11, 26, 10, 0))
    desk.dossiers.act(d["id"], "request_supplement", officer["id"], data={"reason": "Thiếu tờ khai"})
    clock.set(datetime(2026, 11, 30, 10, 0))
    d = desk.dossiers.act(d["id"], "supplement_received", officer["id"])
    # pause: the 23 open hours left at Thu 10:00 run from Mon 10:00; restart: 3 full days from Mon 10:00.
    assert d["due_at"] == due and d["status"] == "in_processing"


def test_a_dossier_sent_back_at_intake_gets_its_date_and_register_line_when_complete(
        desk: Any, officer: dict, clock: Any, receive: Receive, forms: FormService) -> None:
    d = receive(outcome="supplement_requested", missing=("Tờ khai",))
    assert d["due_at"] == "" and d["register_no"] == 0 and d["register_book"] == ""
    assert timing.verdict(d, datetime(2027, 1, 1)) is None
    clock.set(datetime(2026, 11, 25, 14, 0))
    d = desk.dossiers.act(d["id"], "supplement_received", officer["id"])
    assert d["status"] == "received" and d["received_at"] == "2026-11-25T14:00:00"
    assert d["due_at"] == "2026-11-30T14:00:00" and d["register_book"] == "01/2026" and d["register_no"] == 1
    text = page_texts(forms.slip(d["id"]))[0]
    assert "Quyển số: 01/2026, Số thứ tự: 01-0001" in text


def test_a_refusal_at_the_desk_is_a_refusal_not_a_received_dossier(desk: Any, receive: Receive,
                                                                    forms: FormService) -> None:
    d = receive(outcome="refused", reason="Không thuộc thẩm quyền của phường")
    assert d["due_at"] == "" and d["register_no"] == 0 and timing.counted(d) is not False
    assert timing.verdict(d, datetime(2027, 1, 1)) is None
    with pytest.raises(Exception, match="mẫu 03"):
        forms.slip(d["id"])
    assert "Không thuộc thẩm quyền của phường" in page_texts(forms.form("refusal", d["id"]))[0]


def test_refusal_after_processing_is_printed_for_the_citizen_with_its_reason(
        desk: Any, officer: dict, clock: Any, receive: Receive, forms: FormService) -> None:
    d = receive()
    desk.dossiers.act(d["id"], "hand_over", officer["id"], data={"to_unit": "Địa chính – Xây dựng"})
    clock.set(datetime(2026, 11, 26, 15, 0))
    with pytest.raises(ValidationError):
        desk.dossiers.act(d["id"], "reject", officer["id"])
    d = desk.dossiers.act(d["id"], "reject", officer["id"],
                          data={"reason": "Thửa đất đang có tranh chấp, chưa đủ điều kiện giải quyết."})
    assert d["status"] == "rejected" and d["result_at"] == "2026-11-26T15:00:00"
    assert timing.result_class(d) == timing.EARLY and d["allowed_actions"] == []
    text = page_texts(forms.form("rejection", d["id"]))[0]
    assert "THÔNG BÁO TỪ CHỐI GIẢI QUYẾT HỒ SƠ" in text
    assert "Thửa đất đang có tranh chấp, chưa đủ điều kiện giải quyết." in text
    assert "(Địa chính – Xây dựng)" in text and "15 giờ 00 phút, ngày 26 tháng 11 năm 2026" in text


def test_a_dossier_entered_by_mistake_is_cancelled_kept_and_never_counted(
        desk: Any, officer: dict, leader: dict, clock: Any, receive: Receive, forms: FormService) -> None:
    d = receive()
    with pytest.raises(PermissionDenied):  # it leaves every figure: a leader's decision, not the counter's
        desk.dossiers.act(d["id"], "cancel", officer["id"], data={"reason": "Nhập nhầm thủ tục"})
    d = desk.dossiers.act(d["id"], "cancel", leader["id"], data={"reason": "Nhập nhầm thủ tục"})
    assert d["status"] == "cancelled" and not timing.counted(d) and d["allowed_actions"] == []
    assert timing.verdict(d, datetime(2027, 1, 1)) is None
    assert d["id"] not in {r["id"] for r in desk.dossiers.list("overdue", now=datetime(2027, 1, 1))}
    assert [r["id"] for r in desk.dossiers.list("cancelled")] == [d["id"]]
    audited = desk.store.query("SELECT action FROM audit_log WHERE entity_id = ?", (d["id"],))
    assert len(audited) == 2
    # Its code is never given again, and its line stays in the register, marked.
    nxt = receive()
    assert nxt["code"] != d["code"] and nxt["register_no"] == d["register_no"] + 1
    register = page_texts(forms.register(date(2026, 11, 23), date(2026, 11, 23)))[0]
    assert "Đã hủy (nhập nhầm)" in register and "01-0001" in register and "01-0002" in register


def test_a_result_sent_by_post(desk: Any, officer: dict, clock: Any, receive: Receive, forms: FormService) -> None:
    d = receive(return_place="post")
    desk.dossiers.act(d["id"], "hand_over", officer["id"])
    clock.set(datetime(2026, 11, 25, 9, 0))
    d = desk.dossiers.act(d["id"], "result_ready", officer["id"])
    assert d["allowed_actions"] == ["return_result", "send_by_post"]
    clock.set(datetime(2026, 11, 25, 10, 0))
    d = desk.dossiers.act(d["id"], "send_by_post", officer["id"],
                          data={"tracking_no": "EB123456789VN", "post_office": "Bưu cục Hòa Bình"})
    assert d["status"] == "returned" and d["returned_via"] == "post"
    assert d["collected_by"] == "Bưu chính công ích (số hiệu EB123456789VN)"
    text = page_texts(forms.form("control", d["id"]))[0]
    assert "Gửi kết quả qua bưu chính, số hiệu EB123456789VN" in text


def test_reprint_after_a_supplement_gives_the_new_date_and_the_archive_keeps_both(
        desk: Any, officer: dict, clock: Any, receive: Receive, forms: FormService) -> None:
    d = receive()  # due Fri 27/11 09:00
    first = forms.slip(d["id"])
    desk.dossiers.act(d["id"], "hand_over", officer["id"])
    clock.set(datetime(2026, 11, 25, 9, 0))
    desk.dossiers.act(d["id"], "request_supplement", officer["id"], data={"reason": "Thiếu tờ khai"})
    clock.set(datetime(2026, 11, 27, 9, 0))
    d = desk.dossiers.act(d["id"], "supplement_received", officer["id"])
    assert d["due_at"] == "2026-12-01T09:00:00"
    # "In lại" on the old slip gives the paper with the new date, as a new version.
    reprinted = forms.reprint(d["id"], "slip")
    text = page_texts(reprinted)[0]
    assert "5. Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 01 tháng 12 năm 2026" in text
    assert "Cấp lại lần 2: thay giấy hẹn trước (hẹn trả 09:00 27/11/2026)." in text
    latest = forms.latest(d["id"], "slip")
    assert latest is not None and latest["version"] == 2 and latest["due_at"] == d["due_at"]
    # The archive holds both versions; a second reprint is the latest one, byte for byte.
    archived = [(r["version"], r["due_at"]) for r in forms.archived(d["id"]) if r["kind"] == "slip"]
    assert archived == [(2, "2026-12-01T09:00:00"), (1, "2026-11-27T09:00:00")]
    assert "ngày 27 tháng 11 năm 2026" in page_texts(first)[0]
    assert forms.reprint(d["id"], "slip").read_bytes() == reprinted.read_bytes()


def test_the_unit_name_is_configuration_on_every_form(desk: Any, officer: dict, receive: Receive,
                                                      forms: FormService) -> None:
    profile = desk.office.as_dict()
    desk.office.save({**profile, "unit_name": "Trung tâm Phục vụ hành chính công phường Hòa Bình"})
    d = receive()
    refused = receive(outcome="refused", reason="Không thuộc thẩm quyền")
    texts = [page_texts(forms.slip(d["id"]))[0], page_texts(forms.form("refusal", refused["id"]))[0],
             page_texts(forms.form("control", d["id"]))[0]]
    for text in texts:
        assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG HÒA BÌNH" in text
        assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" not in text
    assert "Trung tâm Phục vụ hành chính công phường Hòa Bình: UBND phường Hòa Bình" in texts[0]
