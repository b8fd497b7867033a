"""One commune, several PCs, through the district (issue 15): every PC of a commune receives the
dossiers and steps recorded at the commune's other PCs, once, in commit order, with the district steps'
conflict rules; desk numbers are unique within a commune; a newly enrolled PC gets the commune's open
dossiers and its last 90 days. Against a real `district serve` process (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import random
from collections import Counter
from typing import Any

import pytest

from desk.sync import SyncError
from tests.sync import workload as wl
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer

pytestmark = pytest.mark.slow


def _find_everywhere(site: Any, dossier: dict[str, Any]) -> None:
    """The desk finds the dossier by its code, the applicant's ID number and their name."""
    desk = site.desk.dossiers
    assert dossier["id"] in {r["id"] for r in desk.search(dossier["code"])}, (site.name, dossier["code"])
    assert dossier["id"] in {r["id"] for r in desk.search(dossier["applicant_id_number"])}, site.name
    assert dossier["id"] in {r["id"] for r in desk.search(dossier["applicant_name"], limit=500)}, site.name
    held = desk.get(dossier["code"])
    assert held["applicant_address"] == dossier["applicant_address"] and held["due_at"] == dossier["due_at"]
    assert [d["name"] for d in held["documents"]] == [d["name"] for d in desk.get(dossier["id"])["documents"]]


def test_three_pcs_of_one_commune_see_each_others_dossiers_and_return_one_received_elsewhere(
        make_site: Any, server: DistrictServer, proxy: FaultProxy, capsys: pytest.CaptureFixture[str]) -> None:
    sites = [make_site(f"pc{n}", desk_no=n) for n in (1, 2, 3)]
    made: dict[str, list[dict[str, Any]]] = {}
    for n, site in enumerate(sites, start=1):
        made[site.name] = wl.receive(site.desk, site.officer_id, random.Random(n), 4)
    first = made["pc1"][0]
    wl.hand_over(sites[0].desk, sites[0].officer_id, first["id"])
    everything = [d for ds in made.values() for d in ds]
    assert len({d["code"] for d in everything}) == 12, "each counter's own numbers: no code twice"

    # One round: each PC syncs once (pushes its own, pulls what is there); then each syncs once more,
    # which brings it what the PCs after it pushed in that round.
    for _ in range(2):
        for site in sites:
            report = site.client.sync_once()
            assert report.all_acknowledged, report.message_vi()
    for site in sites:
        for d in everything:
            _find_everywhere(site, site.desk.dossiers.get(d["id"]) | {"applicant_id_number": d["applicant_id_number"]})
        assert len(site.desk.store.query("SELECT id FROM dossiers")) == 12
        assert site.client.pending_count() == 0
    # Which counter recorded it: the dossier keeps its counter number and officer.
    at_pc3 = sites[2].desk.dossiers.get(first["id"])
    assert at_pc3["desk_no"] == 1 and at_pc3["status"] == "in_processing"
    assert [a["origin"] for a in sites[2].desk.dossiers.actions(first["id"])] == ["desk", "desk"]

    # The district finishes it; counter 3 hands the result to the citizen who came back there.
    server.act(first["id"], "result_ready")
    assert sites[2].client.sync_once().all_acknowledged
    sites[2].desk.dossiers.act(first["code"], "return_result", sites[2].officer_id,
                               data={"collected_by": first["applicant_name"]})
    for site in (sites[2], sites[0], sites[1]):  # counter 3 pushes; the others' next sync brings it
        assert site.client.sync_once().all_acknowledged
    for site in sites:
        held = site.desk.dossiers.get(first["id"])
        assert held["status"] == "returned", site.name
        assert [a["kind"] for a in site.desk.dossiers.actions(first["id"])] == [
            "receive", "hand_over", "result_ready", "return_result"], site.name
        assert not site.desk.store.query("SELECT * FROM sync_conflicts")

    # The district holds each dossier and each step exactly once.
    held = server.query("SELECT id, status FROM dossiers")
    assert sorted(r["id"] for r in held) == sorted(d["id"] for d in everything)
    actions = server.query("SELECT id, dossier_id FROM dossier_actions")
    assert not [k for k, n in Counter(r["id"] for r in actions).items() if n > 1]
    assert len([a for a in actions if a["dossier_id"] == first["id"]]) == 4
    ops = server.query("SELECT op_id FROM ops")
    assert len(ops) == len({r["op_id"] for r in ops}) == 12 + 2
    # Every PC received every other PC's ops once, and none of its own.
    for site in sites:
        peer_ops = site.desk.store.query("SELECT op_id, device_id FROM peer_ops")
        own = str(site.desk.store.device()["device_id"])
        assert own not in {r["device_id"] for r in peer_ops}
        assert len(peer_ops) == len({r["op_id"] for r in peer_ops})
    assert {r["desk_no"] for r in sites[0].desk.store.query("SELECT desk_no FROM peers")} == {2, 3}
    # What the officer sees: `desk peers` lists the counters heard of, the dossier says where it was received.
    from desk.cli import main as cli_main
    from desk.sync.peers import recorded_at

    assert cli_main(["--data-dir", str(sites[0].data_dir), "peers"]) == 0
    out = capsys.readouterr().out
    assert "Quầy số 02" in out and "Quầy số 03" in out and "qua cấp trên" in out and "4 hồ sơ" in out
    assert cli_main(["--data-dir", str(sites[0].data_dir), "peers", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(p["desk_no"] for p in listed["peers"]) == [2, 3]
    assert not any(p["reachable"] for p in listed["peers"]), "heard only through the district"
    assert recorded_at(sites[0].desk.store, sites[0].desk.dossiers.get(made["pc2"][0]["id"])) == \
        "Tiếp nhận tại Quầy số 02 (máy khác của cơ quan)"
    assert recorded_at(sites[0].desk.store, sites[0].desk.dossiers.get(first["id"])) == ""


def test_two_counters_acting_on_one_dossier_keep_both_values_for_an_officer(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    a, b = make_site("pc1"), make_site("pc2", desk_no=2)
    (d,) = wl.receive(a.desk, a.officer_id, random.Random(7), 1)
    assert a.client.sync_once().all_acknowledged
    assert b.client.sync_once().all_acknowledged
    # Both counters act before either hears of the other's step.
    wl.hand_over(a.desk, a.officer_id, d["id"])
    b.desk.dossiers.act(d["id"], "withdraw", b.officer_id, note="Người nộp rút hồ sơ",
                        data={"reason": "Người nộp rút hồ sơ"})
    b_status = b.desk.dossiers.get(d["id"])["status"]
    assert a.client.sync_once().all_acknowledged
    b_report = b.client.sync_once()
    assert a.client.sync_once().ok
    for site, mine, other in ((a, "in_processing", b_status), (b, b_status, "in_processing")):
        assert site.desk.dossiers.get(d["id"])["status"] == mine, "each keeps its own value"
        kept = site.desk.store.query("SELECT desk_value, district_value FROM sync_conflicts WHERE dossier_id = ?",
                                     (d["id"],))
        assert kept, f"{site.name} shows the clash"
        assert {mine, other} == {kept[0]["desk_value"], kept[0]["district_value"]}
    assert b_report.conflicts or b_report.pull_conflicts
    assert server.query("SELECT id FROM conflicts")


def test_desk_numbers_are_unique_within_a_commune(make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    make_site("pc1")
    second = make_site("pc2", enroll=False)
    code = server.enroll_code(wl.AGENCY)
    with pytest.raises(SyncError) as refused:
        second.client.enroll(proxy.url, code)
    assert refused.value.code == "desk_no_taken" and "Số quầy 01" in refused.value.message_vi
    second.desk.office.save({**second.desk.office.as_dict(), "desk_no": 2})
    second.client.enroll(proxy.url, code)  # the same code, once the number is changed
    assert second.client.sync_once().ok
    other = make_site("other", agency="000.00.07.H56")
    assert other.client.sync_once().ok, "another commune's counter 01 is its own business"

def test_a_new_pc_gets_the_open_dossiers_and_the_last_90_days(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    old_pc = make_site("pc1")
    rng = random.Random(3)
    old = wl.receive(old_pc.desk, old_pc.officer_id, rng, 3)
    for d in old[:2]:  # two finished long ago; the third still open
        wl.hand_over(old_pc.desk, old_pc.officer_id, d["id"])
    assert old_pc.client.sync_once().all_acknowledged
    for d in old[:2]:
        server.act(d["id"], "result_ready")
    assert old_pc.client.sync_once().ok
    for d in old[:2]:
        old_pc.desk.dossiers.act(d["id"], "return_result", old_pc.officer_id, data={"collected_by": "Người nhận"})
    assert old_pc.client.sync_once().all_acknowledged
    # Four months on (the district's copy says when each was received).
    _age_on_server(server, days=120)
    recent = wl.receive(old_pc.desk, old_pc.officer_id, rng, 2)
    assert old_pc.client.sync_once().all_acknowledged

    new_pc = make_site("pc2", desk_no=2)
    assert new_pc.client.sync_once().all_acknowledged
    got = {r["id"] for r in new_pc.desk.store.query("SELECT id FROM dossiers")}
    assert got == {old[2]["id"], *(d["id"] for d in recent)}, "open ones and the recent ones, not the old closed"
    assert new_pc.desk.dossiers.get(old[2]["id"])["status"] == "received"
    # And from then on everything new, also a step on an old open dossier.
    wl.hand_over(old_pc.desk, old_pc.officer_id, old[2]["id"])
    assert old_pc.client.sync_once().all_acknowledged
    assert new_pc.client.sync_once().ok
    assert new_pc.desk.dossiers.get(old[2]["id"])["status"] == "in_processing"


def _age_on_server(server: DistrictServer, *, days: int) -> None:
    """Move what the district holds `days` into the past (received dates and the feed's own dates)."""
    from datetime import datetime, timedelta

    from sqlalchemy import text

    from district.db import make_engine

    engine = make_engine(server.database)
    try:
        with engine.begin() as conn:
            for table, col in (("dossiers", "received_at"), ("change_log", "created_at")):
                rows = conn.execute(text(f"SELECT id, {col} FROM {table}")).all()
                for rid, value in rows:
                    moved = (datetime.fromisoformat(str(value)[:19]) - timedelta(days=days)).isoformat()
                    conn.execute(text(f"UPDATE {table} SET {col} = :v WHERE id = :id"),
                                 {"v": moved + str(value)[19:], "id": rid})
    finally:
        engine.dispose()


def test_a_step_on_another_pcs_dossier_the_district_lost_is_asked_again_until_it_is_back(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    a, b = make_site("pc1"), make_site("pc2", desk_no=2)
    assert a.client.sync_once().ok and b.client.sync_once().ok
    before = server.snapshot()
    (d,) = wl.receive(a.desk, a.officer_id, random.Random(9), 1)
    assert a.client.sync_once().all_acknowledged
    assert b.client.sync_once().ok and b.desk.dossiers.get(d["id"])
    server.restore(before)  # the district goes back to a copy without counter 01's dossier
    wl.hand_over(b.desk, b.officer_id, d["id"])
    refused = b.client.sync_once()
    assert refused.rejected == 1, "the district does not have the dossier: refused, for now"
    assert a.client.sync_once().all_acknowledged, "counter 01 notices the restore and sends it again"
    again = b.client.sync_once()
    assert again.all_acknowledged, again.message_vi()
    held = server.query("SELECT status FROM dossiers WHERE id = :d", {"d": d["id"]})
    assert [r["status"] for r in held] == ["in_processing"]
    assert b.client.pending_count() == 0
