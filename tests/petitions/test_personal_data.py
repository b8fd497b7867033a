"""A citizen's personal-data export includes the petitions and receptions they brought; the retention purge
removes who brought an ended petition or an old reception, keeping the content and the figures."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from desk import privacy
from desk.intake import ApplicantInput
from desk.petitions.service import ActInput, PetitionInput, ReceptionInput

ID = "001185012345"


def test_export_and_purge_cover_petitions(desk: Any, leader: Any, clock: Any) -> None:
    admin = desk.officers.create("quantri", "Quản Trị Viên", "matkhau123", role="admin")
    clock.set(datetime(2014, 3, 2, 9, 0))
    who = ApplicantInput(full_name="Phạm Thị Kín Đáo", id_number=ID)
    desk.petitions.record_reception(ReceptionInput(citizen=who, content="Hỏi về đất"))
    p = desk.petitions.add(PetitionInput(kind="kien-nghi", petitioner=who, content="Kiến nghị sửa đường"))
    desk.petitions.act(p["ref"], "accept", ActInput())
    desk.petitions.act(p["ref"], "resolve", ActInput(note="Đã sửa"))
    data = privacy.export(desk, ID, actor=leader["id"])
    assert [x["ref"] for x in data["petitions"]] == [p["ref"]] and len(data["receptions"]) == 1
    clock.set(datetime(2026, 11, 23, 9, 0))
    privacy.purge(desk, actor=admin["id"])
    row = desk.petitions.get(p["ref"])
    assert (row["petitioner_name"], row["petitioner_id_number"]) == (privacy.PURGED_NAME, "")
    assert desk.petitions.receptions()[0]["citizen_id_number"] == ""
    assert row["content"] == "Kiến nghị sửa đường"
    f = desk.petitions.figures(date(2014, 1, 1), date(2014, 12, 31))
    assert (f.cases, f.resolved, f.sessions) == (1, 1, 1)
