"""The district judges lateness the way the desk does (desk.timing over what the desk pushed): a late
dossier with an apology is late upstream too; the district records a refusal after processing and a
wait for the citizen's financial obligation, and the desk takes them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from desk import timing
from tests.conftest import FakeClock
from tests.district.helpers import enrolled, receive
from tests.support.server import ServerProcess


def _held(server: ServerProcess, agency: str) -> dict[str, dict]:
    return {d["code"]: d for d in json.loads(server.cli("dossiers", "--commune", agency, "--json").stdout)}


def test_a_late_dossier_with_an_apology_is_late_upstream_too(tmp_path: Path, clock: FakeClock,
                                                             server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    agency = desk.office.require().agency_code
    (a,) = receive(desk, officer, 1)  # 05 working days: Mon 23/11 09:00 → Tue 01/12 09:00
    desk.dossiers.act(a["id"], "hand_over", officer, data={"to_unit": "Lao động – Thương binh và Xã hội"})
    clock.set(datetime(2026, 11, 30, 10, 0))
    leader = desk.officers.create("lanhdao", "Lê Văn Chủ Tịch", "matkhau123", role="leader")["id"]
    desk.dossiers.act(a["id"], "apologize", leader,
                      data={"reason": "Chờ xác nhận của cơ quan bảo hiểm", "new_due_at": "2026-12-04 16:00"})
    clock.set(datetime(2026, 12, 2, 9, 0))
    d = desk.dossiers.act(a["id"], "result_ready", officer)
    assert timing.result_class(d) == timing.LATE
    assert client.sync_once().error is None
    held = _held(server, agency)[a["code"]]
    assert held["due_at"] == "2026-12-01T09:00:00" and held["new_due_at"] == "2026-12-04T16:00:00"
    assert held["timing"] == timing.LATE


def test_district_refusal_and_financial_obligation_reach_the_desk(tmp_path: Path, clock: FakeClock,
                                                                  server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    agency = desk.office.require().agency_code
    a, b = receive(desk, officer, 2)
    assert client.sync_once().error is None
    server.cli("act", a["code"], "in_processing")
    server.cli("act", a["code"], "awaiting_payment", "--obligation", "Lệ phí cấp giấy chứng nhận")
    server.cli("act", b["code"], "in_processing")
    refused = server.cli("act", b["code"], "rejected", check=False)
    assert refused.returncode != 0 and "lý do" in (refused.stderr + refused.stdout)
    server.cli("act", b["code"], "rejected", "--reason", "Không đủ điều kiện hưởng trợ cấp")
    assert client.sync_once().error is None
    got_a, got_b = desk.dossiers.get(a["id"]), desk.dossiers.get(b["id"])
    assert got_a["status"] == "awaiting_payment" and got_a["paused_at"]
    assert got_b["status"] == "rejected" and got_b["result_at"]
    assert timing.result_class(got_b) == timing.EARLY
    held = _held(server, agency)
    assert held[b["code"]]["timing"] == timing.EARLY and held[a["code"]]["timing"] == timing.WITHIN
    # The desk records the payment; the promised date moves by the pause, upstream too.
    clock.set(datetime(2026, 11, 25, 9, 0))
    d = desk.dossiers.act(a["id"], "payment_done", officer, data={"note": "Biên lai 0042"})
    assert client.sync_once().error is None
    assert _held(server, agency)[a["code"]]["due_at"] == d["due_at"]


def test_dossiers_not_accepted_at_the_desk_travel_without_a_date_and_get_one_when_accepted(
        tmp_path: Path, clock: FakeClock, server: ServerProcess) -> None:
    from desk.intake import ApplicantInput, IntakeInput

    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    agency = desk.office.require().agency_code
    person = ApplicantInput("Trịnh Văn Tâm", "019086001111", "02/02/1986", "Nam")
    refused = desk.dossiers.receive(IntakeInput("1.010833", person), officer, outcome="refused",
                                    reason="Không thuộc thẩm quyền")
    back = desk.dossiers.receive(IntakeInput("1.010833", person), officer, outcome="supplement_requested",
                                 missing_documents=["Giấy xác nhận thân nhân"])
    report = client.sync_once()
    assert report.error is None and report.rejected == 0
    held = _held(server, agency)
    assert held[refused["code"]]["due_at"] == "" and held[refused["code"]]["timing"] is None
    assert held[back["code"]]["due_at"] == ""
    clock.set(datetime(2026, 11, 25, 9, 0))
    accepted = desk.dossiers.act(back["id"], "supplement_received", officer)
    assert client.sync_once().error is None
    assert _held(server, agency)[back["code"]]["due_at"] == accepted["due_at"] == "2026-12-02T09:00:00"
