"""The desk process killed mid-sync (F3), two syncs at once (F6), and the desk database restored from
a backup (F13), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from typing import Any

import pytest

from desk.backup import make_backup, restore_backup
from desk.errors import AlreadyRunning
from desk.paths import database_path
from desk.sync import SyncClient, SyncLoop
from tests.sync import checks
from tests.sync import workload as wl
from tests.sync.conftest import Site
from tests.sync.desk_child import KILLED
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import ROOT, DistrictServer


def _child(site: Site, mode: str, n: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tests.sync.desk_child", str(site.data_dir), mode, str(n)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.mark.slow
def test_f3_desk_killed_at_every_step_of_a_sync_loses_nothing(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    rng = random.Random(3)
    previous = wl.receive(site.desk, site.officer_id, rng, 2)
    assert site.client.sync_once().all_acknowledged
    kills = 0
    for mode in ("before-request", "after-response", "after-commit"):
        n = 1
        while True:
            # New work both ways: two intakes, a hand-over at the desk, a step taken upstream.
            fresh = wl.receive(site.desk, site.officer_id, rng, 2)
            wl.hand_over(site.desk, site.officer_id, previous[1]["id"])
            server.act(previous[0]["id"], "hand_over")
            out = _child(site, mode, n)
            finished = out.returncode == 0
            if finished:
                assert json.loads(out.stdout)["ok"], out.stdout
            else:
                assert out.returncode == KILLED, out.stderr[-2000:]
                kills += 1
            assert checks.integrity_ok(database_path(site.data_dir))
            # Restart: the app opens again and syncs; nothing may be lost or left "in flight".
            site.reopen()
            report = site.client.sync_once()
            assert report.all_acknowledged, (mode, n, report)
            checks.assert_delivered(server, site.desk)
            checks.assert_nothing_inflight(site.desk)
            assert site.desk.dossiers.get(previous[0]["id"])["status"] == "in_processing", (mode, n)
            got = server.query("SELECT status FROM dossiers WHERE id = :id", {"id": previous[1]["id"]})
            assert got == [{"status": "in_processing"}], (mode, n)
            previous = fresh
            if finished:
                break
            n += 1
    # Every request boundary and every local commit of a sync was a kill point at least once.
    assert kills >= 10
    checks.assert_no_duplicates(server)


def test_f6_a_second_sync_on_the_same_desk_is_refused(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    wl.receive(site.desk, site.officer_id, random.Random(6), 3)
    proxy.hang()
    before = proxy.stats.connections  # enrolment already went through the proxy
    first = subprocess.Popen(
        [sys.executable, "-c", "import sys; from ui.launch import main; sys.exit(main(sys.argv[1:]))",
         "--data-dir", str(site.data_dir), "sync"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        # It connects only from inside its sync, so from here on it holds the lock.
        while proxy.stats.connections <= before and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proxy.stats.connections > before, "the first sync never reached the server"
        # A second app instance (another process) is refused with a message, and changes nothing.
        second = subprocess.run(
            [sys.executable, "-c", "import sys; from ui.launch import main; sys.exit(main(sys.argv[1:]))",
             "--data-dir", str(site.data_dir), "sync"], capture_output=True, text=True, cwd=ROOT, timeout=60)
        assert second.returncode != 0
        assert "Đang có một phiên đồng bộ khác" in second.stderr
        # A second client in this process (another window) and a sync loop are refused too.
        with pytest.raises(AlreadyRunning):
            SyncClient(site.desk).sync_once()
        loop = SyncLoop(SyncClient(site.desk), interval=60)
        assert loop.run_once() is None
    finally:
        proxy.resume()
    _out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    checks.assert_delivered(server, site.desk)
    assert len(checks.server_ops(server)) == 3


def test_f13_desk_restored_from_a_backup_starts_a_new_epoch_and_old_ops_dedupe(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    rng = random.Random(13)
    wl.receive(site.desk, site.officer_id, rng, 3)
    backup = make_backup(site.desk.store)  # taken while the three ops were still unsent
    assert site.client.sync_once().all_acknowledged
    wl.receive(site.desk, site.officer_id, rng, 2)
    assert site.client.sync_once().all_acknowledged
    codes_before = {str(r["code"]) for r in server.query("SELECT code FROM dossiers")}
    assert len(codes_before) == 5

    # The disk fails; the officer restores last night's backup over the live database.
    site.client.close()
    site.desk.close()
    restore_backup(database_path(site.data_dir), backup)  # what `desk restore` does
    site.reopen()
    device = site.desk.store.device()
    assert device["epoch"] == 2
    old = checks.desk_ops(site.desk)
    assert [(o["epoch"], o["state"]) for o in old] == [(1, "pending")] * 3

    report = site.client.sync_once()
    assert report.all_acknowledged and report.duplicates == 3 and report.applied == 0
    fresh = wl.receive(site.desk, site.officer_id, rng, 2)
    report = site.client.sync_once()
    assert report.all_acknowledged and report.applied == 2
    ops = checks.desk_ops(site.desk)
    new = [o for o in ops if o["entity_id"] in {d["id"] for d in fresh}]
    assert [o["epoch"] for o in new] == [2, 2] and min(o["seq"] for o in new) > 5
    checks.assert_delivered(server, site.desk)
    assert len(checks.server_ops(server)) == 7
    codes_after = {str(r["code"]) for r in server.query("SELECT code FROM dossiers")}
    assert len(codes_after) == 7 and {d["code"] for d in fresh}.isdisjoint(codes_before)
    assert server.query("SELECT field FROM conflicts") == []


def test_f13_desk_restored_from_a_backup_learns_its_own_later_steps_back(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    rng = random.Random(113)
    first = wl.receive(site.desk, site.officer_id, rng, 1)[0]
    assert site.client.sync_once().all_acknowledged
    backup = make_backup(site.desk.store)
    # After the backup: a step on the dossier the backup holds, and three dossiers it does not hold, with
    # none, one and two steps of their own.
    wl.hand_over(site.desk, site.officer_id, first["id"])
    later = wl.receive(site.desk, site.officer_id, rng, 3)
    wl.hand_over(site.desk, site.officer_id, later[1]["id"])
    wl.hand_over(site.desk, site.officer_id, later[2]["id"])
    site.desk.dossiers.act(later[2]["id"], "result_ready", site.officer_id)
    assert site.client.sync_once().all_acknowledged
    before = _as_held(site)
    assert len(before) == 4
    site.client.close()
    site.desk.close()
    restore_backup(database_path(site.data_dir), backup)  # what `desk restore` does
    site.reopen()
    assert set(_as_held(site)) == {first["id"]}
    for _ in range(2):
        report = site.client.sync_once()
        assert report.all_acknowledged and report.conflicts == report.pull_conflicts == 0, report
    # Every dossier is back on the desk as it was before the restore, later steps and all, and on the
    # server as the desk has it; no conflict anywhere (the desk's own work never disagrees with itself).
    assert _as_held(site) == before
    assert set(site.client.dossier_states().values()) == {"synced"}
    assert site.desk.store.query("SELECT dossier_id FROM sync_conflicts") == []
    assert server.query("SELECT dossier_id FROM conflicts") == []
    checks.assert_dossiers_on_server(server, site.desk, commune=wl.AGENCY)
    checks.assert_ops_stored(server, site.desk)
    checks.assert_no_duplicates(server)


def _as_held(site: Site) -> dict[str, dict[str, Any]]:
    """Each dossier on the desk: its intake fields, where it stands, its documents and its step log."""
    out = {}
    for row in site.desk.store.query("SELECT * FROM dossiers"):
        fields = {k: row[k] for k in (*checks.INTAKE_COLUMNS, *checks.INTAKE_DATA, "status", "result_at", "returned_at")}
        documents = site.desk.store.query("SELECT position, name, originals, certified, photocopies "
                                          "FROM dossier_documents WHERE dossier_id = ? ORDER BY position", (row["id"],))
        # The steps as a set: which steps a restore puts back is checked here, not where in the log.
        steps = site.desk.store.query("SELECT id, kind, from_status, to_status, origin FROM dossier_actions "
                                      "WHERE dossier_id = ? ORDER BY id", (row["id"],))
        out[str(row["id"])] = {"fields": fields, "documents": documents, "steps": steps}
    return out


def test_f13_restore_of_a_backup_taken_just_before_the_last_op_never_reuses_its_seq(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    rng = random.Random(213)
    backup = make_backup(site.desk.store)
    wl.receive(site.desk, site.officer_id, rng, 1)  # exactly one op after the backup
    assert site.client.sync_once().all_acknowledged  # the server holds seq 1
    site.client.close()
    site.desk.close()
    restore_backup(database_path(site.data_dir), backup)
    site.reopen()
    fresh = wl.receive(site.desk, site.officer_id, rng, 1)[0]
    seqs = [(o["epoch"], o["seq"]) for o in checks.desk_ops(site.desk)]
    assert seqs != [(1, 1)], "sequence number 1 was issued twice"
    report = site.client.sync_once()
    assert report.all_acknowledged, report.error
    assert fresh["id"] in checks.server_dossier_ids(server)


def test_f13_a_restored_desk_learns_back_the_district_steps_between_its_own(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    dossier = wl.receive(site.desk, site.officer_id, random.Random(313), 1)[0]
    assert site.client.sync_once().all_acknowledged
    backup = make_backup(site.desk.store)
    server.act(dossier["id"], "hand_over")  # the district's step, pulled by the desk…
    assert site.client.sync_once().pulled == 1
    site.desk.dossiers.act(dossier["id"], "result_ready", site.officer_id)  # …then the desk's, made after it
    assert site.client.sync_once().all_acknowledged
    before = _as_held(site)
    site.client.close()
    site.desk.close()
    restore_backup(database_path(site.data_dir), backup)
    site.reopen()
    for _ in range(2):
        report = site.client.sync_once()
        assert report.all_acknowledged and report.conflicts == report.pull_conflicts == 0, report
    assert site.desk.store.query("SELECT dossier_id, source, desk_value, district_value FROM sync_conflicts") == []
    assert server.query("SELECT dossier_id FROM conflicts") == []
    assert site.client.dossier_states() == {dossier["id"]: "synced"}
    # Received, handed over by the district, result ready at the desk: all three steps back on the desk.
    assert _as_held(site) == before
    checks.assert_dossiers_on_server(server, site.desk, commune=wl.AGENCY)
