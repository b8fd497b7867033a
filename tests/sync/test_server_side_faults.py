"""Faults that the server side of the story decides (F12, F14, F16, F17), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import random
from datetime import datetime
from typing import Any

from tests.conftest import FakeClock
from tests.sync import checks
from tests.sync import workload as wl
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer


def test_f12_server_restored_to_yesterday_the_desk_notices_and_resends(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    rng = random.Random(12)
    first = wl.receive(site.desk, site.officer_id, rng, 3)
    assert site.client.sync_once().all_acknowledged
    yesterday = server.snapshot()
    later = wl.receive(site.desk, site.officer_id, rng, 3)
    wl.hand_over(site.desk, site.officer_id, first[0]["id"])
    assert site.client.sync_once().all_acknowledged
    server.act(first[1]["id"], "hand_over")
    assert site.client.sync_once().pulled == 1
    assert len(checks.server_ops(server)) == 7

    server.restore(yesterday)
    assert len(checks.server_ops(server)) == 3
    report = site.client.sync_once()
    assert report.all_acknowledged
    assert report.resent_after_server_restore == 4
    assert any("khôi phục" in w for w in report.warnings)
    checks.assert_delivered(server, site.desk)
    assert len(checks.server_ops(server)) == 7
    assert {str(r["id"]) for r in server.query("SELECT id FROM dossiers")} == {d["id"] for d in first + later}
    assert server.query("SELECT status FROM dossiers WHERE id = :id", {"id": first[0]["id"]}) == [
        {"status": "in_processing"}]
    # The restored change log reuses ids the desk's cursor already passed: new steps must still arrive.
    server.act(later[0]["id"], "hand_over")
    report = site.client.sync_once()
    assert report.all_acknowledged and report.pulled == 1
    assert site.desk.dossiers.get(later[0]["id"])["status"] == "in_processing"
    checks.assert_no_duplicates(server)


def test_f14_desk_clock_days_off_syncs_in_order_with_a_recorded_warning(
        make_site: Any, server: DistrictServer, proxy: FaultProxy, clock: FakeClock) -> None:
    site = make_site()
    rng = random.Random(14)
    clock.set(datetime(2026, 11, 30, 9, 0))  # a week ahead
    ahead = wl.receive(site.desk, site.officer_id, rng, 1)[0]
    clock.set(datetime(2026, 11, 19, 9, 0))  # then days behind: wall-clock order is now backwards
    wl.receive(site.desk, site.officer_id, rng, 1)
    wl.hand_over(site.desk, site.officer_id, ahead["id"])
    report = site.client.sync_once()
    assert report.all_acknowledged
    checks.assert_delivered(server, site.desk)
    stored = checks.server_ops(server)
    assert [o["seq"] for o in stored] == sorted(o["seq"] for o in stored)
    assert server.query("SELECT status FROM dossiers WHERE id = :id", {"id": ahead["id"]}) == [
        {"status": "in_processing"}]
    warning = next(w for w in report.warnings if "Đồng hồ máy tính" in w)
    assert "chậm" in warning and "ngày" in warning
    status = site.client.status()
    assert status.clock_warning == warning and status.clock_offset_s is not None
    assert status.clock_offset_s < -2 * 86400
    assert site.desk.store.query("SELECT action FROM audit_log WHERE action = 'clock_offset'")
    offsets = server.query("SELECT clock_offset_s FROM devices")
    assert offsets and offsets[0]["clock_offset_s"] < -2 * 86400


def test_f16_one_op_always_rejected_blocks_only_its_dossier(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    rng = random.Random(16)
    good = wl.receive(site.desk, site.officer_id, rng, 2)
    # A typo in the office profile: the dossier gets a code of another agency, which the server refuses.
    site.desk.office.save(wl.OFFICE | {"agency_code": "000.00.07.H56"})
    bad = wl.receive(site.desk, site.officer_id, rng, 1)[0]
    site.desk.office.save(wl.OFFICE)
    wl.hand_over(site.desk, site.officer_id, bad["id"])
    more = wl.receive(site.desk, site.officer_id, rng, 2)
    wl.hand_over(site.desk, site.officer_id, good[0]["id"])
    for _ in range(2):  # it stays rejected, and keeps blocking nothing else
        report = site.client.sync_once()
        assert report.error is None
        assert not report.all_acknowledged
    states = site.client.dossier_states()
    assert states[bad["id"]] == "rejected"
    assert {states[d["id"]] for d in good + more} == {"synced"}
    held = {str(r["id"]) for r in server.query("SELECT id FROM dossiers")}
    assert held == {d["id"] for d in good + more}
    assert server.query("SELECT status FROM dossiers WHERE id = :id", {"id": good[0]["id"]}) == [
        {"status": "in_processing"}]
    issues = site.client.status().issues
    assert {i["dossier_id"] for i in issues} == {bad["id"]}
    rejected = next(i for i in issues if i["state"] == "rejected")
    assert rejected["result_code"] == "wrong_commune"
    assert "000.00.07.H56" in rejected["result_message"] and rejected["what_to_do_vi"]
    assert any(i["state"] == "deferred" for i in issues)  # its hand-over waits behind it
    checks.assert_honest(server, site.client)
    # New work keeps flowing past the stuck dossier.
    newest = wl.receive(site.desk, site.officer_id, rng, 1)[0]
    report = site.client.sync_once()
    assert report.applied == 1 and site.client.dossier_states()[newest["id"]] == "synced"


def test_f17_same_field_changed_on_both_sides_both_keep_both_values(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    dossier = wl.receive(site.desk, site.officer_id, random.Random(17), 1)[0]
    assert site.client.sync_once().all_acknowledged
    # Offline at the desk: handed over for processing. Meanwhile upstream: a supplement is requested.
    wl.hand_over(site.desk, site.officer_id, dossier["id"])
    server.cli("act", dossier["code"], "request_supplement", "--reason", "Thiếu bản sao giấy khai sinh")
    report = site.client.sync_once()
    assert report.error is None and report.conflicts == 1
    # The district keeps both values, and shows them to its officers.
    listed = json.loads(server.cli("conflicts", "--commune", wl.AGENCY, "--json").stdout)
    assert [(c["dossier_id"], c["field"], c["desk_value"], c["district_value"]) for c in listed] == [
        (dossier["id"], "status", "in_processing", "supplement_requested")]
    # The desk shows the conflict with both values and marks the dossier.
    conflicts = site.client.status().conflicts
    assert conflicts and all(c["dossier_id"] == dossier["id"] for c in conflicts)
    assert any({c["desk_value"], c["district_value"]} == {"in_processing", "supplement_requested"}
               for c in conflicts)
    assert all(c["message_vi"] for c in conflicts)
    assert site.client.dossier_states()[dossier["id"]] == "conflict"
    # Nothing lost: both actions are on record on the server, the desk's own action on the desk.
    kinds = {(r["kind"], r["origin"]) for r in server.query(
        "SELECT kind, origin FROM dossier_actions WHERE dossier_id = :id", {"id": dossier["id"]})}
    assert {("hand_over", "desk"), ("request_supplement", "district")} <= kinds
    assert "hand_over" in {a["kind"] for a in site.desk.dossiers.actions(dossier["id"])}
    # Further syncs neither lose nor duplicate the conflict.
    site.client.sync_once()
    assert len(json.loads(server.cli("conflicts", "--commune", wl.AGENCY, "--json").stdout)) == 1
    checks.assert_no_duplicates(server)
