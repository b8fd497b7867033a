"""The way down (F20, F21): commit order on the change feed, and pages cut or damaged on the way."""

from __future__ import annotations

import base64
import json
import random
import threading
from typing import Any

import pytest

import desk.sync.pull as sync_pull
from desk.sync import state
from district import feed
from district.db import make_engine
from tests.sync import workload as wl
from tests.sync.conftest import Site
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer

PULL = b"POST /api/sync/v1/exchange "  # each exchange's answer carries the next page of the feed


def _statuses(site: Site, ids: list[str]) -> list[str]:
    return [site.desk.dossiers.get(i)["status"] for i in ids]


def _cursor_id(site: Site) -> int:
    raw = state.get(site.desk.store, "pull_cursor.status")
    return int(json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))["id"]) if raw else 0


def test_f20_two_upstream_transactions_committing_out_of_id_order_both_reach_the_desk(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    ds = wl.receive(site.desk, site.officer_id, random.Random(20), 2)
    assert site.client.sync_once().all_acknowledged
    engine = make_engine(server.database)
    try:
        # T1 takes its place in the change log first and stays open; T2 comes second and commits as
        # soon as the server lets it. Without ordering, T2's higher id would be visible first and a
        # desk pulling in between would move its cursor past T1's lower id for ever.
        t1 = engine.connect()
        tx1 = t1.begin()
        feed.district_act(t1, ds[0]["id"], "hand_over", by="Cán bộ A")

        def second() -> None:
            with engine.begin() as conn:
                feed.district_act(conn, ds[1]["id"], "hand_over", by="Cán bộ B")

        t2 = threading.Thread(target=second)
        t2.start()
        t2.join(1.0)  # let T2 overtake if the server allows it (sequencing, not a timing assertion)
        reports: list[Any] = []
        puller = threading.Thread(target=lambda: reports.append(site.client.sync_once()))
        puller.start()
        puller.join(1.0)
        tx1.commit()
        t1.close()
        t2.join(30)
        puller.join(60)
        assert not t2.is_alive() and not puller.is_alive()
    finally:
        engine.dispose()
    report = site.client.sync_once()
    assert report.all_acknowledged
    assert _statuses(site, [d["id"] for d in ds]) == ["in_processing", "in_processing"]
    assert site.desk.store.scalar("SELECT COUNT(*) FROM sync_applied") == 2


def test_f21_pull_cut_between_pages_or_damaged_keeps_the_cursor_at_the_last_applied_page(
        make_site: Any, server: DistrictServer, proxy: FaultProxy, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site()
    ds = wl.receive(site.desk, site.officer_id, random.Random(21), 6)
    assert site.client.sync_once().all_acknowledged
    for d in ds:
        server.act(d["id"], "hand_over")
    # The district's steps (the log also carries the desk's own ops for the commune's other PCs, which
    # this desk never gets back: issue 15).
    log = [int(r["id"]) for r in server.query(
        "SELECT id FROM change_log WHERE change_id NOT IN (SELECT op_id FROM ops) ORDER BY id")]
    monkeypatch.setattr(sync_pull, "PULL_PAGE", 2)
    ids = [d["id"] for d in ds]

    # Page 1 arrives, every later page is cut in its headers.
    proxy.cut_response_after(40, match=PULL, skip=1, times=-1)
    report = site.client.sync_once()
    assert report.error is not None and report.error.message_vi
    assert _statuses(site, ids) == ["in_processing"] * 2 + ["received"] * 4
    assert _cursor_id(site) == log[1]
    proxy.clear_faults()

    # Page 2 arrives damaged behind TLS (a terminating proxy gone bad: the JSON still parses, only the
    # checksum can tell): never applied. The answer is asked for as plain JSON so the damage lands in it.
    proxy.rewrite_request(b"Accept-Encoding: zstd, gzip", b"Accept-Encoding: none, none", match=PULL, times=-1)
    proxy.corrupt_response(b"in_processing", b"in_processinG", match=PULL)
    report = site.client.sync_once()
    assert report.error is not None and report.error.code == "corrupt_page"
    assert [f.kind for f in proxy.stats.fired if f.kind == "rewrite_down"] == ["rewrite_down"]
    assert _statuses(site, ids) == ["in_processing"] * 2 + ["received"] * 4
    assert _cursor_id(site) == log[1]

    # The link heals: the rest is fetched from the saved cursor, each change applied once.
    report = site.client.sync_once()
    assert report.all_acknowledged and report.pulled == 4
    assert _statuses(site, ids) == ["in_processing"] * 6
    assert _cursor_id(site) == log[-1]
    assert site.desk.store.scalar("SELECT COUNT(*) FROM sync_applied") == 6
    assert site.desk.store.scalar("SELECT COUNT(*) FROM dossier_actions WHERE origin = 'district'") == 6
