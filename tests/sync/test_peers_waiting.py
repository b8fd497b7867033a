"""A step that came over the office network and built on a district step this PC had not pulled yet is
no conflict (found by the sync state machine, issue 15): it waits, and is applied when the district's
step arrives. Before, counter 01 showed a status conflict for an officer to settle on a dossier nobody
had acted on twice, and stayed at the old status while counter 02 and the district moved on."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from desk.sync import lan
from tests.sync import workload as wl
from tests.sync.harness import DistrictServer


def test_a_peer_step_built_on_an_unpulled_district_step_waits_for_it(make_site: Any, server: DistrictServer,
                                                                     tmp_path: Path) -> None:
    a, b = make_site("pc1"), make_site("pc2", desk_no=2)
    (d,) = wl.receive(a.desk, a.officer_id, random.Random(5), 1)
    assert a.client.sync_once().ok
    assert b.client.sync_once().ok  # counter 02 holds the dossier, as received
    server.act(d["id"], "hand_over")  # the district takes it on …
    assert b.client.sync_once().ok  # … counter 02 sees that, counter 01 not yet
    b.desk.dossiers.act(d["id"], "result_ready", b.officer_id)

    serving = lan.LanServer(b.desk.store, "127.0.0.1", 0, tmp_path / "tls")
    serving.start()
    try:
        result = lan.exchange_with(a.desk.store, f"127.0.0.1:{serving.port}")
    finally:
        serving.stop()
    assert result.error is None and result.counts.get("waiting") == 1, result.counts

    def at_a() -> str:
        return str(a.desk.store.query_one("SELECT status FROM dossiers WHERE id = ?", (d["id"],))["status"])

    assert at_a() == "received"  # nothing applied out of order …
    assert a.desk.store.query("SELECT * FROM sync_conflicts") == []  # … and no conflict shown
    assert a.client.sync_once().ok  # the district's step arrives: the waiting step follows it
    assert at_a() == "result_ready"
    assert a.desk.store.query("SELECT * FROM sync_conflicts") == []
    assert b.client.sync_once().ok and a.client.sync_once().ok
    assert server.query("SELECT status FROM dossiers WHERE id = :i", {"i": d["id"]})[0]["status"] == "result_ready"
    assert server.query("SELECT * FROM conflicts") == []
    kinds = [r["kind"] for r in a.desk.store.query(
        "SELECT kind FROM dossier_actions WHERE dossier_id = ? ORDER BY rowid", (d["id"],))]
    assert kinds.count("result_ready") == 1 and kinds.count("hand_over") == 1, kinds
