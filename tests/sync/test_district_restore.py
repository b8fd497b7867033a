"""The district's database restored to an older copy loses district steps that desks already pulled:
the desks give them back (desk/sync/echo.py, district/echo.py), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import random
from typing import Any

from desk.ids import new_id
from desk.sync import state
from tests.sync import checks
from tests.sync import workload as wl
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer


def _district_action_ids(site: Any, dossier_id: str) -> set[str]:
    return {str(r["id"]) for r in site.desk.store.query(
        "SELECT id FROM dossier_actions WHERE dossier_id = ? AND origin = 'district'", (dossier_id,))}


# The district's own steps in its change log (the log also carries the commune's PCs' ops, issue 15).
DISTRICT_CHANGES = "SELECT change_id FROM change_log WHERE change_id NOT IN (SELECT op_id FROM ops)"


def _server_status(server: DistrictServer, dossier_id: str) -> str:
    return str(server.query("SELECT status FROM dossiers WHERE id = :id", {"id": dossier_id})[0]["status"])


def test_district_steps_lost_by_a_server_restore_come_back_from_the_desk_in_order(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    other = make_site("desk2", desk_no=2)  # a second desk of the commune: it pulls the same feed
    d1, d2, d3 = wl.receive(site.desk, site.officer_id, random.Random(5), 3)
    assert site.client.sync_once().all_acknowledged
    yesterday = server.snapshot()

    server.act(d1["id"], "hand_over")
    server.act(d1["id"], "result_ready")
    server.act(d2["id"], "hand_over")
    assert site.client.sync_once().pulled == 3
    assert other.client.sync_once().ok
    # The desk's own work after the district's steps: the result handed to the citizen.
    site.desk.dossiers.act(d1["id"], "return_result", site.officer_id, data={"collected_by": d1["applicant_name"]})
    assert site.client.sync_once().all_acknowledged
    assert _server_status(server, d1["id"]) == "returned"
    lost_change_ids = {str(r["change_id"]) for r in server.query(DISTRICT_CHANGES)}

    server.restore(yesterday)
    assert _server_status(server, d1["id"]) == "received"
    # Meanwhile a district officer, seeing d2 back at "received", hands it over again.
    server.act(d2["id"], "hand_over")

    report = site.client.sync_once()
    assert report.all_acknowledged, report.message_vi()
    assert report.district_lost == 3 and report.given_back == 3
    assert "đã gửi lại cho cấp trên 3 bước xử lý" in report.message_vi()
    assert any("Cấp trên đã mất 3 bước xử lý" in w for w in report.warnings)
    assert site.client.pending_count() == 0
    # The district holds its steps again, with their first ids, and the desk's return after them.
    assert _server_status(server, d1["id"]) == "returned"
    assert _server_status(server, d2["id"]) == "in_processing"
    assert _server_status(server, d3["id"]) == "received"
    held = {str(r["id"]) for r in server.query(
        "SELECT id FROM dossier_actions WHERE dossier_id = :d AND origin = 'district'", {"d": d1["id"]})}
    assert held == _district_action_ids(site, d1["id"])
    relogged = {str(r["change_id"]) for r in server.query(DISTRICT_CHANGES)}
    assert len(relogged & lost_change_ids) == 2  # d1's two steps; d2's was done again under a new id
    assert server.query("SELECT * FROM conflicts") == []
    assert site.desk.store.query("SELECT * FROM sync_conflicts") == []
    assert set(site.client.dossier_states().values()) == {"synced"}
    checks.assert_delivered(server, site.desk)
    checks.assert_no_duplicates(server)

    # Nothing comes twice afterwards, and the day closes matched.
    again = site.client.sync_once()
    assert again.all_acknowledged and again.pulled == 0 and again.given_back == 0
    assert site.client.close_day().matched
    assert other.client.sync_once().all_acknowledged
    assert other.client.pending_count() == 0


def test_a_step_the_district_moved_past_is_kept_as_a_conflict_with_both_values(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    (d1,) = wl.receive(site.desk, site.officer_id, random.Random(6), 1)
    assert site.client.sync_once().all_acknowledged
    yesterday = server.snapshot()
    server.act(d1["id"], "hand_over")
    assert site.client.sync_once().pulled == 1
    server.restore(yesterday)
    server.act(d1["id"], "stop", reason="Hồ sơ không thuộc thẩm quyền")  # the district went another way

    report = site.client.sync_once()
    assert report.ok and report.district_lost == 1
    conflicts = site.desk.store.query("SELECT field, desk_value, district_value FROM sync_conflicts "
                                      "WHERE resolved_at IS NULL")
    assert {"field": "status", "desk_value": "in_processing", "district_value": "stopped"} in conflicts
    kept = server.query("SELECT desk_value, district_value FROM conflicts WHERE dossier_id = :d", {"d": d1["id"]})
    assert kept == [{"desk_value": "in_processing", "district_value": "stopped"}]
    assert site.client.dossier_states()[d1["id"]] == "conflict"
    assert site.client.pending_count() == 0


def test_a_desk_cannot_give_back_a_step_the_district_never_signed(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    (d1,) = wl.receive(site.desk, site.officer_id, random.Random(7), 1)
    assert site.client.sync_once().all_acknowledged
    server.act(d1["id"], "hand_over")
    assert site.client.sync_once().pulled == 1
    pulled = json.loads(site.desk.store.scalar("SELECT body FROM sync_applied WHERE body IS NOT NULL"))
    forged = dict(pulled, change_id=new_id(), action=dict(pulled["action"], id=new_id(), kind="result_ready",
                                                          from_status="in_processing", to_status="result_ready"))
    answer = site.client.session.call("POST", "/exchange", body={
        "cursor": state.get(site.desk.store, "pull_cursor.status"), "batch": new_id(),
        "echo": [{"change": forged, "before_seq": None}]})
    echoed = answer["push"]["echo"]
    assert echoed == [{"change_id": forged["change_id"], "outcome": "rejected", "code": "not_signed",
                       "message_vi": echoed[0]["message_vi"]}]
    assert "chữ ký" in echoed[0]["message_vi"]
    assert _server_status(server, d1["id"]) == "in_processing"
