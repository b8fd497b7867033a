"""The dossier lifecycle: allowed steps, refused steps with a clear message, the clock paused by a
supplement request, the apology allowed once, and one transaction per step."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from desk import timing
from desk.errors import TransitionError, ValidationError
from desk.intake import ApplicantInput, IntakeInput

APPLICANT = ApplicantInput("Lê Văn Hùng", "019085001234", "05/06/1985", "Nam", "Thôn Đông", "0983123456")


def _receive(desk: Any, officer: dict, code: str = "1.004873") -> dict:
    return desk.dossiers.receive(IntakeInput(code, APPLICANT), officer["id"])


def _log(desk: Any, dossier: dict) -> list[tuple[str, str]]:
    return [(a["kind"], a["to_status"]) for a in desk.dossiers.actions(dossier["id"])]


def test_full_happy_path_records_each_step(desk: Any, officer: dict, clock: Any) -> None:
    d = _receive(desk, officer)  # 3 working days: Mon 23/11 09:00 → Fri 27/11 09:00 (24/11 off)
    assert d["due_at"] == "2026-11-27T09:00:00"
    # No second limit for this procedure: verification needed is not offered.
    assert d["allowed_actions"] == ["hand_over", "request_supplement", "apologize", "withdraw", "stop", "refuse",
                                    "request_payment", "reject", "cancel"]
    clock.set(datetime(2026, 11, 23, 10, 0))
    desk.dossiers.act(d["code"], "hand_over", officer["id"], data={"to_unit": "Tư pháp – Hộ tịch"})
    clock.set(datetime(2026, 11, 26, 15, 0))
    d = desk.dossiers.act(d["code"], "result_ready", officer["id"])
    assert timing.result_class(d) == "early"
    clock.set(datetime(2026, 11, 27, 8, 0))
    d = desk.dossiers.act(d["code"], "return_result", officer["id"],
                          data={"collected_by": "lê văn hùng", "satisfaction": "very_satisfied"})
    assert d["status"] == "returned" and d["collected_by"] == "Lê Văn Hùng"
    assert _log(desk, d) == [("receive", "received"), ("hand_over", "in_processing"),
                             ("result_ready", "result_ready"), ("return_result", "returned")]
    # Each step is one outbox op, in order.
    kinds = [r["kind"] for r in desk.store.query("SELECT kind FROM outbox WHERE entity_id = ? ORDER BY seq", (d["id"],))]
    assert kinds == ["receive", "action", "action", "action"]


def test_refused_transition_says_why_and_changes_nothing(desk: Any, officer: dict) -> None:
    d = _receive(desk, officer)
    before = desk.store.scalar("SELECT COUNT(*) FROM outbox")
    with pytest.raises(TransitionError) as info:
        desk.dossiers.act(d["code"], "return_result", officer["id"], data={"collected_by": "A"})
    assert "Không thể «Trả kết quả»" in info.value.message_vi and "Đã tiếp nhận" in info.value.message_vi
    assert desk.store.scalar("SELECT COUNT(*) FROM outbox") == before
    assert desk.dossiers.get(d["code"])["status"] == "received"


def test_apology_with_new_date_only_once(desk: Any, officer: dict, leader: dict) -> None:
    d = _receive(desk, officer)
    desk.dossiers.act(d["code"], "hand_over", officer["id"])
    with pytest.raises(ValidationError) as info:
        desk.dossiers.act(d["code"], "apologize", leader["id"], data={"reason": "Cần xác minh", "new_due_at": "2026-11-26 10:00"})
    assert info.value.field == "new_due_at"
    d = desk.dossiers.act(d["code"], "apologize", leader["id"],
                          data={"reason": "Cần xác minh thêm", "new_due_at": "2026-12-02 16:00"})
    # Beside the promised date, never in its place.
    assert d["new_due_at"] == "2026-12-02T16:00:00" and d["due_at"] == "2026-11-27T09:00:00"
    assert d["expected_return_at"] == "2026-12-02T16:00:00" and d["status"] == "in_processing"
    assert "apologize" not in d["allowed_actions"]
    with pytest.raises(TransitionError) as info2:
        desk.dossiers.act(d["code"], "apologize", leader["id"],
                          data={"reason": "Lần hai", "new_due_at": "2026-12-09 16:00"})
    assert "chỉ được hẹn lại một lần" in info2.value.message_vi


def test_supplement_request_pauses_the_clock(desk: Any, officer: dict, clock: Any) -> None:
    d = _receive(desk, officer)  # due Fri 27/11 09:00
    desk.dossiers.act(d["code"], "hand_over", officer["id"])
    clock.set(datetime(2026, 11, 25, 9, 0))  # Wed: 1 working day used, 2 left
    desk.dossiers.act(d["code"], "request_supplement", officer["id"],
                      data={"missing_documents": ["Bản sao giấy khai sinh"], "reason": "Thiếu giấy tờ"})
    clock.set(datetime(2026, 11, 30, 14, 0))  # the citizen comes back on Monday afternoon
    d = desk.dossiers.act(d["code"], "supplement_received", officer["id"])
    assert d["status"] == "in_processing"
    # 2 working days from Mon 14:00 → Wed 02/12 14:00.
    assert d["due_at"] == "2026-12-02T14:00:00"


def test_supplement_at_the_desk_then_complete_dossier_starts_the_clock(desk: Any, officer: dict, clock: Any) -> None:
    d = desk.dossiers.receive(IntakeInput("1.004873", APPLICANT), officer["id"], outcome="supplement_requested",
                              missing_documents=["Giấy xác nhận cư trú"])
    assert d["status"] == "supplement_requested"
    clock.set(datetime(2026, 11, 26, 10, 0))
    d = desk.dossiers.act(d["code"], "supplement_received", officer["id"])
    assert d["status"] == "received"
    assert d["due_at"] == "2026-12-01T10:00:00"


def test_refusal_needs_a_reason(desk: Any, officer: dict) -> None:
    with pytest.raises(ValidationError) as info:
        desk.dossiers.receive(IntakeInput("1.004873", APPLICANT), officer["id"], outcome="refused")
    assert info.value.field == "reason"
    d = desk.dossiers.receive(IntakeInput("1.004873", APPLICANT), officer["id"], outcome="refused",
                              reason="Không thuộc thẩm quyền")
    # Kept (its code is never reused); only a mistaken entry can be cancelled.
    assert d["status"] == "refused" and d["allowed_actions"] == ["cancel"]


def test_action_log_is_append_only(desk: Any, officer: dict) -> None:
    from desk.dbfile import IntegrityError

    d = _receive(desk, officer)
    with pytest.raises(IntegrityError):
        desk.store.conn().execute("UPDATE dossier_actions SET note = 'x' WHERE dossier_id = ?", (d["id"],))
    with pytest.raises(IntegrityError):
        desk.store.conn().execute("DELETE FROM dossier_actions WHERE dossier_id = ?", (d["id"],))


def test_returning_citizen_is_found_by_id_number(desk: Any, officer: dict) -> None:
    _receive(desk, officer)
    c = desk.dossiers.returning_citizen("019085001234")
    assert c is not None and c["full_name"] == "Lê Văn Hùng" and c["phone"] == "0983123456"


def test_apology_time_must_be_in_office_hours_and_codes_match_any_case(desk: Any, officer: dict,
                                                                          leader: dict) -> None:
    d = _receive(desk, officer)
    desk.dossiers.act(d["code"].lower(), "hand_over", officer["id"])
    with pytest.raises(ValidationError) as info:
        desk.dossiers.act(d["code"], "apologize", leader["id"],
                          data={"reason": "Cần xác minh", "new_due_at": "2026-12-02 20:00"})
    assert "ngoài giờ làm việc" in info.value.message_vi
    d = desk.dossiers.act(d["code"], "apologize", leader["id"],
                          data={"reason": "Cần xác minh", "new_due_at": "2026-12-02"})
    assert d["new_due_at"] == "2026-12-02T17:00:00"
