"""Upstream steps flow down: the change feed, field ownership and conflicts, reference data, day close."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete

from desk.sync import protocol as p
from desk.sync import tls
from district import models as m
from district.db import make_engine
from tests.conftest import FakeClock
from tests.district.helpers import enrolled, outbox_states, receive
from tests.support.server import ServerProcess


def test_district_steps_reach_the_desk_as_district_actions(tmp_path: Path, clock: FakeClock,
                                                             server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    a, b = receive(desk, officer, 2)
    assert client.sync_once().error is None
    server.cli("act", a["code"], "in_processing", "--by", "Chuyên viên Tư pháp")
    server.cli("act", a["code"], "result_ready")
    server.cli("act", b["code"], "supplement_requested", "--missing", "Bản sao giấy khai sinh")
    outbox_before = desk.store.scalar("SELECT COUNT(*) FROM outbox")

    report = client.sync_once()

    assert report.error is None and report.pulled == 3 and report.pull_conflicts == 0
    assert desk.dossiers.get(a["id"])["status"] == "result_ready"
    assert desk.dossiers.get(a["id"])["result_at"]
    assert desk.dossiers.get(b["id"])["status"] == "supplement_requested"
    log = desk.dossiers.actions(a["id"])
    assert [(x["kind"], x["origin"]) for x in log] == [("receive", "desk"), ("hand_over", "district"),
                                                        ("result_ready", "district")]
    assert log[1]["by_officer"] == "Chuyên viên Tư pháp"
    # Applied without queueing anything back up: the district already knows.
    assert desk.store.scalar("SELECT COUNT(*) FROM outbox") == outbox_before
    # The cursor moved with the data: pulling again brings nothing, and the desk can now return the result.
    assert client.sync_once().pulled == 0
    desk.dossiers.act(a["id"], "return_result", officer, data={"collected_by": "Nguyễn Văn An"})
    assert client.sync_once().error is None
    held = {d["code"]: d["status"] for d in json.loads(
        server.cli("dossiers", "--commune", desk.office.require().agency_code, "--json").stdout)}
    assert held[a["code"]] == "returned"


def test_same_status_changed_on_both_sides_is_a_conflict_kept_on_both(tmp_path: Path, clock: FakeClock,
                                                                      server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    (a,) = receive(desk, officer, 1)
    desk.dossiers.act(a["id"], "hand_over", officer, data={"to_unit": "Tư pháp"})
    assert client.sync_once().error is None
    # Offline, the desk asks the citizen for a supplement while the district marks the result ready.
    desk.dossiers.act(a["id"], "request_supplement", officer, data={"missing_documents": ["Tờ khai"]})
    server.cli("act", a["code"], "result_ready")

    report = client.sync_once()

    assert report.error is None and report.conflicts == 1 and report.pull_conflicts == 1
    assert "1 hồ sơ xung đột cần xử lý" in report.message_vi()  # one clash, seen from both sides
    assert client.dossier_states()[a["id"]] == "conflict"
    conflicts = client.status().conflicts
    assert {(c["source"], c["desk_value"], c["district_value"]) for c in conflicts} == {
        ("push", "supplement_requested", "result_ready"), ("pull", "supplement_requested", "result_ready")}
    assert all(c["message_vi"] for c in conflicts)
    assert desk.dossiers.get(a["id"])["status"] == "supplement_requested"  # the desk's value is not lost
    server_side = json.loads(server.cli("conflicts", "--commune", desk.office.require().agency_code,
                                        "--json").stdout)
    assert [(c["desk_value"], c["district_value"]) for c in server_side] == [("supplement_requested",
                                                                              "result_ready")]
    # Settled by phone: the desk takes the district's value, without sending anything back up.
    ops_before = desk.store.scalar("SELECT COUNT(*) FROM outbox")
    client.resolve_conflict(conflicts[0]["id"], "Đã thống nhất qua điện thoại", adopt_district=True)
    assert client.status().conflicts == []
    assert desk.dossiers.get(a["id"])["status"] == "result_ready"
    assert desk.dossiers.get(a["id"])["allowed_actions"] == ["return_result"]
    assert desk.store.scalar("SELECT COUNT(*) FROM outbox") == ops_before
    desk.dossiers.act(a["id"], "return_result", officer, data={"collected_by": "Nguyễn Văn An"})
    assert client.sync_once().conflicts == 0


def test_a_damaged_page_is_not_applied_and_the_cursor_stays(tmp_path: Path, clock: FakeClock,
                                                            server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    (a,) = receive(desk, officer, 1)
    assert client.sync_once().error is None
    server.cli("act", a["code"], "in_processing")
    cursor_before = desk.store.scalar("SELECT value FROM sync_state WHERE name = 'pull_cursor.status'")
    real = client.transport.request

    def corrupting(method: str, path: str, **kw: object) -> dict:
        reply = real(method, path, **kw)  # type: ignore[arg-type]
        if path == "/exchange" and reply["pull"].get("changes"):
            reply["pull"]["changes"][0]["changes"]["status"] = "returned"
        return reply

    client.transport.request = corrupting  # type: ignore[method-assign]
    bad = client.sync_once()
    assert bad.error is not None and bad.error.code == "corrupt_page"
    assert desk.dossiers.get(a["id"])["status"] == "received"
    assert desk.store.scalar("SELECT value FROM sync_state WHERE name = 'pull_cursor.status'") == cursor_before
    client.transport.request = real  # type: ignore[method-assign]
    assert client.sync_once().pulled == 1
    assert desk.dossiers.get(a["id"])["status"] == "in_processing"


def test_reference_data_comes_down_and_printed_dates_do_not_move(tmp_path: Path, clock: FakeClock,
                                                                 server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    (a,) = receive(desk, officer, 1)
    printed_due = a["due_at"]
    due_day = datetime.fromisoformat(printed_due).date()
    calendar = tmp_path / "calendar.json"
    calendar.write_text(json.dumps({"days": [{"day": due_day.isoformat(), "kind": "off",
                                              "note": "Nghỉ bù theo quyết định của tỉnh"}]}), encoding="utf-8")
    catalog = tmp_path / "catalog.json"
    proc = desk.catalog.get("1.010833")
    catalog.write_text(json.dumps({"procedures": [{
        "code": "1.010833", "name": proc["name"], "field": proc["field"], "time_limit_days": 7,
        "documents": [{"name": d["name"], "copies": d["copies"]} for d in proc["documents"]]}]},
        ensure_ascii=False), encoding="utf-8")
    server.cli("publish", "calendar", str(calendar))
    server.cli("publish", "catalog", str(catalog))

    report = client.sync_once()

    assert report.error is None
    assert set(report.refdata) == {"catalog", "calendar"}
    assert not desk.calendar().is_working_day(due_day)
    assert desk.store.scalar("SELECT source FROM calendar_overrides WHERE day = ?", (due_day.isoformat(),)) == \
        "district"
    assert desk.catalog.get("1.010833")["time_limit_days"] == 7
    kept = desk.dossiers.get(a["id"])
    assert kept["due_at"] == printed_due and kept["calendar_version"] == a["calendar_version"]
    assert client.sync_once().refdata == {}  # versions remembered: nothing fetched again


def test_day_close_says_matched_only_when_the_server_agreed(tmp_path: Path, clock: FakeClock,
                                                            server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    dossiers = receive(desk, officer, 5)
    today = clock().date()

    first = client.close_day(today)
    assert first.matched and first.server_agreed and first.queue_empty
    assert first.counts == {"ops": 5, "dossiers": 5} and first.server_counts["ops"] == 5

    # The server loses one dossier behind everyone's back: the close notices and re-sends it.
    lost = dossiers[2]
    engine = make_engine(server.database)
    with engine.begin() as conn:
        conn.execute(delete(m.ops).where(m.ops.c.entity_id == lost["id"]))
        conn.execute(delete(m.dossier_actions).where(m.dossier_actions.c.dossier_id == lost["id"]))
        conn.execute(delete(m.dossiers).where(m.dossiers.c.id == lost["id"]))
    engine.dispose()
    second = client.close_day(today)
    assert second.matched and second.resent == 1
    assert outbox_states(desk) == {"acked": 5}
    rows = desk.store.query("SELECT matched FROM day_closes ORDER BY id")
    assert [r["matched"] for r in rows] == [1, 1]


def test_day_close_is_not_matched_while_something_is_held(tmp_path: Path, clock: FakeClock,
                                                          server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    commune = desk.office.require().agency_code
    receive(desk, officer, 1)
    desk.office.save({"name": "UBND phường Hòa Bình", "agency_code": "000.00.98.H56", "place_name": "Hòa Bình"})
    (bad,) = receive(desk, officer, 1)
    desk.dossiers.act(bad["id"], "hand_over", officer, data={"to_unit": "Tư pháp"})
    desk.office.save({"name": "UBND phường Hòa Bình", "agency_code": commune, "place_name": "Hòa Bình"})

    close = client.close_day(date(2026, 11, 23))

    assert close.server_agreed and not close.queue_empty and not close.matched
    assert "chưa" in close.message_vi.lower()


def test_clock_off_by_days_still_syncs_and_warns(tmp_path: Path, clock: FakeClock, server: ServerProcess) -> None:
    vn_now = (datetime.now(UTC) + p.OFFICE_UTC_OFFSET).replace(tzinfo=None, microsecond=0)
    clock.set(vn_now + timedelta(days=3))  # the desk PC's date is three days ahead
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    ahead = receive(desk, officer, 2)
    report = client.sync_once()
    assert report.error is None and report.applied == 2
    status = client.status()
    assert status.clock_offset_s is not None and abs(status.clock_offset_s - 3 * 86400) < 600
    assert "nhanh 3 ngày" in status.clock_warning and status.clock_warning in report.warnings
    assert desk.store.scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'clock_offset'") == 1
    # Someone "fixes" the clock by going back two days: order still follows the desk's sequence.
    clock.set(vn_now - timedelta(days=2))
    behind = receive(desk, officer, 1)
    desk.dossiers.act(ahead[0]["id"], "hand_over", officer, data={"to_unit": "Tư pháp"})
    report = client.sync_once()
    assert report.error is None and report.applied == 2
    assert "chậm 2 ngày" in client.status().clock_warning
    held = json.loads(server.cli("dossiers", "--commune", desk.office.require().agency_code, "--json").stdout)
    assert {d["code"] for d in held} == {d["code"] for d in ahead + behind}
    assert {d["status"] for d in held if d["id"] == ahead[0]["id"]} == {"in_processing"}


def test_district_api_records_a_step_only_with_the_admin_key(tmp_path: Path, clock: FakeClock,
                                                             server: ServerProcess) -> None:
    import httpx

    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    (a,) = receive(desk, officer, 1)
    assert client.sync_once().error is None
    key = server.cli("admin-key").stdout.strip()
    pinned = tls.client_context(server.url, tls.Trust(pin=server.fingerprint()))
    with httpx.Client(base_url=server.url, trust_env=False, timeout=30, verify=pinned or True) as api:
        refused = api.post(f"/api/district/v1/dossiers/{a['code']}/actions", json={"action": "in_processing"})
        wrong = api.post(f"/api/district/v1/dossiers/{a['code']}/actions", json={"action": "return_result"},
                         headers={"X-Admin-Key": key})
        done = api.post(f"/api/district/v1/dossiers/{a['code']}/actions",
                        json={"action": "in_processing", "by": "Phòng Tư pháp"}, headers={"X-Admin-Key": key})
    assert refused.status_code == 403 and refused.json()["error"]["message_vi"]
    assert wrong.status_code == 400 and "không có" in wrong.json()["error"]["message_vi"]
    assert done.status_code == 200 and done.json()["action"]["to_status"] == "in_processing"
    assert client.sync_once().pulled == 1
    assert desk.dossiers.get(a["id"])["status"] == "in_processing"


def test_a_desk_step_that_keeps_the_status_does_not_undo_a_district_step(
        tmp_path: Path, clock: FakeClock, server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    (a,) = receive(desk, officer, 1)
    assert client.sync_once().error is None
    # Offline, the desk issues the apology with a new date; meanwhile the district starts processing.
    new_due = datetime.fromisoformat(a["due_at"]).replace(hour=16, minute=0) + timedelta(days=2)
    while not desk.calendar().is_working_day(new_due.date()):  # the district may have published days off
        new_due += timedelta(days=1)
    leader = str(desk.officers.create("lanhdao", "Lê Văn Chủ Tịch", "matkhau123", role="leader")["id"])
    desk.dossiers.act(a["id"], "apologize", leader,
                      data={"reason": "Cần xác minh thêm", "new_due_at": f"{new_due:%Y-%m-%d %H:%M}"})
    server.cli("act", a["code"], "in_processing")

    report = client.sync_once()

    assert report.error is None and report.conflicts == 0 and report.pull_conflicts == 0
    held = json.loads(server.cli("dossiers", "--commune", desk.office.require().agency_code, "--json").stdout)
    assert [d["status"] for d in held] == ["in_processing"]
    mine = desk.dossiers.get(a["id"])
    assert mine["status"] == "in_processing" and mine["new_due_at"] == new_due.isoformat()


def test_the_same_step_on_both_sides_is_not_a_conflict(tmp_path: Path, clock: FakeClock,
                                                       server: ServerProcess) -> None:
    desk, officer, client = enrolled(tmp_path / "d", clock, server)
    (a,) = receive(desk, officer, 1)
    assert client.sync_once().error is None
    desk.dossiers.act(a["id"], "hand_over", officer, data={"to_unit": "Tư pháp"})
    server.cli("act", a["code"], "in_processing")

    report = client.sync_once()

    assert report.error is None and report.conflicts == 0 and report.pull_conflicts == 0
    assert client.dossier_states()[a["id"]] == "synced" and client.status().conflicts == []
    assert desk.dossiers.get(a["id"])["status"] == "in_processing"
