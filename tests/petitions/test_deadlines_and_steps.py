"""Petitions' deadlines from the law's limits (calendar days from acceptance, the last day moved past a
weekend or Tết), extensions with their written decision, and the steps' order."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from desk.errors import TransitionError, ValidationError
from desk.intake import ApplicantInput
from desk.petitions import rules
from desk.petitions.service import ActInput, PetitionInput


def _add(desk: Any, kind: str, received: str, name: str = "Nguyễn Văn An", **kw: Any) -> dict[str, Any]:
    return desk.petitions.add(PetitionInput(kind=kind, petitioner=ApplicantInput(full_name=name),
                                            content="Đề nghị xem xét việc cấp giấy chứng nhận", received_at=received,
                                            **kw))


def test_a_denunciation_accepted_before_tet_is_due_after_it(desk: Any, clock: Any) -> None:
    clock.set(datetime(2026, 4, 20, 9, 0))
    p = _add(desk, "to-cao", "2026-01-12 08:30")
    # Acceptance decided within 10 days of receipt: 22/01/2026 is a Thursday.
    assert p["classify_due"].startswith("2026-01-22")
    p = desk.petitions.act(p["ref"], "accept", ActInput(at="2026-01-16 10:00", handler="Phó Chủ tịch"))
    # 16/01 + 30 days = Sunday 15/02/2026, inside Tết Bính Ngọ (14–22/02): due on Monday 23/02.
    assert p["due_at"].startswith("2026-02-23")
    assert p["status"] == rules.HANDLING and p["limit_days"] == 30


def test_a_complaint_whose_last_day_is_a_sunday_ends_on_monday(desk: Any, clock: Any) -> None:
    clock.set(datetime(2026, 11, 20, 9, 0))
    p = _add(desk, "khieu-nai", "2026-09-30 14:00")
    p = desk.petitions.act(p["ref"], "accept", ActInput(at="2026-10-02 09:00"))
    assert datetime(2026, 11, 1).weekday() == 6
    assert p["due_at"].startswith("2026-11-02")


def test_acceptance_due_moves_past_tet(desk: Any, clock: Any) -> None:
    clock.set(datetime(2026, 3, 2, 9, 0))
    p = _add(desk, "kien-nghi", "2026-02-04 09:00")
    # 04/02 + 10 = Saturday 14/02, first day of Tết: the next working day is 23/02.
    assert p["classify_due"].startswith("2026-02-23")


def test_extensions_follow_the_law_and_are_recorded_with_their_decision(desk: Any, clock: Any) -> None:
    clock.set(datetime(2026, 6, 1, 9, 0))
    p = _add(desk, "to-cao", "2026-01-12 08:30")
    desk.petitions.act(p["ref"], "accept", ActInput(at="2026-01-16 10:00"))
    with pytest.raises(ValidationError) as e:
        desk.petitions.act(p["ref"], "extend", ActInput(at="2026-02-10 09:00", days=30))
    assert e.value.field == "decision"
    with pytest.raises(ValidationError):
        desk.petitions.act(p["ref"], "extend", ActInput(at="2026-02-10 09:00", days=31, decision="QĐ 1/QĐ-UBND"))
    p = desk.petitions.act(p["ref"], "extend", ActInput(at="2026-02-10 09:00", days=30,
                                                        decision="Quyết định số 12/QĐ-UBND ngày 10/02/2026"))
    assert p["due_at"].startswith("2026-03-17")  # 16/01 + 60 days, a Tuesday
    p = desk.petitions.act(p["ref"], "extend", ActInput(at="2026-03-10 09:00", days=30,
                                                        decision="Quyết định số 20/QĐ-UBND ngày 10/03/2026"))
    assert p["due_at"].startswith("2026-04-16")  # + 90 days, a Thursday
    with pytest.raises(ValidationError, match="không được gia hạn thêm"):
        desk.petitions.act(p["ref"], "extend", ActInput(at="2026-04-10 09:00", days=10, decision="QĐ 30"))
    acts = desk.petitions.actions(p["ref"])
    assert [(a["action"], a["days"], a["decision"][:19]) for a in acts if a["action"] == "extend"] == [
        ("extend", 30, "Quyết định số 12/QĐ"), ("extend", 30, "Quyết định số 20/QĐ")]
    # A complaint: complex case, 45 days in all, once.
    k = _add(desk, "khieu-nai", "2026-03-02 09:00")
    desk.petitions.act(k["ref"], "accept", ActInput(at="2026-03-03 09:00"))
    with pytest.raises(ValidationError):
        desk.petitions.act(k["ref"], "extend", ActInput(at="2026-03-20 09:00", days=16, decision="QĐ 5"))
    k = desk.petitions.act(k["ref"], "extend", ActInput(at="2026-03-20 09:00", days=15, decision="QĐ 5"))
    assert k["due_at"].startswith("2026-04-17")  # 03/03 + 45 = Friday 17/04


def test_steps_only_from_their_status_and_overdue_stands_out(desk: Any, clock: Any) -> None:
    clock.set(datetime(2026, 11, 23, 9, 0))
    p = _add(desk, "tranh-chap", "2026-09-01 09:00")
    with pytest.raises(TransitionError):
        desk.petitions.act(p["ref"], "resolve", ActInput(note="Hòa giải thành"))
    desk.petitions.act(p["ref"], "accept", ActInput(at="2026-09-03 09:00"))
    assert [r["ref"] for r in desk.petitions.overdue()] == [p["ref"]]
    done = desk.petitions.act(p["ref"], "resolve", ActInput(at="2026-11-20 10:00", note="Hòa giải thành"))
    assert done["status"] == rules.RESOLVED and rules.resolved_late(done) is True
    assert desk.petitions.overdue() == []
    with pytest.raises(TransitionError):
        desk.petitions.act(p["ref"], "withdraw", ActInput())


def test_every_change_is_one_outbox_op_with_its_audit(desk: Any, clock: Any) -> None:
    p = _add(desk, "kien-nghi", "2026-11-23 08:00")
    desk.petitions.act(p["ref"], "forward", ActInput(body="UBND tỉnh Thái Nguyên", guided=True))
    ops = desk.store.query("SELECT entity, kind FROM outbox WHERE entity = 'petition' ORDER BY seq")
    assert ops == [{"entity": "petition", "kind": "receive"}, {"entity": "petition", "kind": "act"}]
    audits = desk.store.scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'petition'")
    assert audits == 2


def test_a_remote_commune_has_45_days_for_a_complaint(desk: Any, clock: Any) -> None:
    admin = desk.officers.create("quantri", "Quản Trị Viên", "matkhau123", role="admin")
    desk.settings.set("petitions.remote_area", True, actor=admin["id"])
    clock.set(datetime(2026, 6, 1, 9, 0))
    k = _add(desk, "khieu-nai", "2026-03-02 09:00")
    k = desk.petitions.act(k["ref"], "accept", ActInput(at="2026-03-03 09:00"))
    assert k["limit_days"] == 45 and k["due_at"].startswith("2026-04-17")  # 03/03 + 45, a Friday
    k = desk.petitions.act(k["ref"], "extend", ActInput(at="2026-03-20 09:00", days=15, decision="QĐ 9"))
    assert k["due_at"].startswith("2026-05-04")  # + 60 = Saturday 02/05: the next working day, Monday 04/05
    t = _add(desk, "to-cao", "2026-03-02 09:00")
    assert desk.petitions.act(t["ref"], "accept", ActInput(at="2026-03-03 09:00"))["limit_days"] == 30
