"""Two PCs of one commune print receipts offline from one series, then sync (issue 19): no number is
printed twice, none is skipped without a record, and the district holds each receipt exactly once —
also when every op is delivered a second time. The day close runs the till's close as its first step
and matches; the district reads the commune's collections by fee and day."""

from __future__ import annotations

import json
import random
from collections import Counter
from typing import Any

import pytest

from desk.fees.receipts import ReceiptInput
from desk.fees.series import SeriesBook
from desk.fees.till import OpenTillNote, TillDayStep
from tests.fees.conftest import SERIES
from tests.sync import checks
from tests.sync import workload as wl
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer

pytestmark = pytest.mark.slow
PER_PC = 300
FEES = (("2.000884", {"copies": 1}), ("2.000815", {"pages": 3, "copies": 2}), ("2.001035", {}),
        ("2.000635", {"copies": 2}))


def _print_receipts(site: Any, rng: random.Random) -> list[dict[str, Any]]:
    made = []
    for i in range(PER_PC):
        code, extra = FEES[i % len(FEES)]
        method = "transfer" if rng.random() < 0.2 else "cash"
        made.append(site.desk.fees.receipts.issue(ReceiptInput(code, payer_name=f"Người nộp {i}", method=method,
                                                               **extra), site.officer_id))
        if i % 37 == 5:  # a spoilt one now and then: cancelled, number kept
            site.desk.fees.receipts.cancel(made[-1]["id"], "In hỏng, kẹt giấy", site.officer_id)
    return made


def _crash_after_taking_a_number(site: Any) -> None:
    """The PC dies between taking a number and committing (nothing printed)."""
    with pytest.raises(RuntimeError), site.desk.store.write(site.officer_id) as uow:
        SeriesBook.next_number(uow, SeriesBook.active(uow), int(site.desk.store.device()["desk_no"]))
        uow.flush_highwater()
        raise RuntimeError("power cut")


def test_two_pcs_offline_never_print_the_same_number_and_the_district_holds_each_once(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    a, b = make_site("pc1"), make_site("pc2", desk_no=2)
    for site in (a, b):
        site.desk.fees.series.register(SERIES)
    proxy.set_offline(True)
    assert a.client.sync_once().error is not None, "the link is down: everything below happens offline"
    made_a = _print_receipts(a, random.Random(1))
    _crash_after_taking_a_number(b)
    made_b = _print_receipts(b, random.Random(2))

    numbers = {s.name: [int(r["number"]) for r in s.desk.store.query("SELECT number FROM receipts ORDER BY number")]
               for s in (a, b)}
    assert numbers["pc1"] == list(range(1, PER_PC + 1))
    assert numbers["pc2"] == list(range(1001, 1001 + PER_PC + 1)), "pc2's block, the crashed number included"
    assert not set(numbers["pc1"]) & set(numbers["pc2"]), "no number printed by both PCs"
    void = b.desk.store.query("SELECT number, status, cancel_reason FROM receipts WHERE void = 1")
    assert [v["number"] for v in void] == [1001] and void[0]["status"] == "cancelled" and void[0]["cancel_reason"]
    for site in (a, b):
        assert site.desk.fees.till.gaps() == [], "every number handed out has a receipt or a cancellation"

    proxy.set_offline(False)
    day = a.desk.store.clock().date()
    step = TillDayStep(a.desk.fees.till, a.officer_id, a.desk.fees.till.summary(a.officer_id).expected_cash - 10_000,
                       "Thiếu một tờ 10.000 đồng")
    closing = a.client.close_day(day, steps=[step, OpenTillNote(a.desk.fees.till)])
    assert closing.matched, closing.message_vi
    assert closing.counts["receipts"] == PER_PC == closing.server_counts["receipts"]
    assert "Đã chốt quầy thu: " in closing.message_vi and "chênh lệch −10.000 đ" in closing.message_vi
    assert step.result is not None and step.result["difference"] == -10_000
    b.desk.fees.till.close(b.officer_id, b.desk.fees.till.summary(b.officer_id).expected_cash)
    assert b.client.sync_once().all_acknowledged

    def on_server() -> list[dict[str, Any]]:
        return server.query("SELECT id, symbol, number, status, void, amount, till_close_id FROM receipts")

    held = on_server()
    assert len(held) == 2 * PER_PC + 1
    assert not [k for k, n in Counter((r["symbol"], r["number"]) for r in held).items() if n > 1]
    assert {r["id"] for r in held} == {r["id"] for r in made_a} | {r["id"] for r in made_b} | {
        str(b.desk.store.scalar("SELECT id FROM receipts WHERE void = 1"))}
    desk_cancelled = {str(r["id"]) for s in (a, b) for r in s.desk.store.query(
        "SELECT id FROM receipts WHERE status = 'cancelled'")}
    assert {r["id"] for r in held if r["status"] == "cancelled"} == desk_cancelled
    assert all(r["till_close_id"] for r in held), "each receipt is on the hand-over list that closed it"
    closes = server.query("SELECT desk_no, total, server_total, difference FROM till_closes ORDER BY desk_no")
    assert [c["desk_no"] for c in closes] == [1, 2]
    assert all(int(c["total"]) == int(c["server_total"]) for c in closes)
    assert int(closes[0]["difference"]) == -10_000

    # Every op delivered a second time (a desk re-sending its whole outbox): still each receipt once.
    for site in (a, b):
        with site.desk.store.write("test") as uow:
            uow.execute("UPDATE outbox SET state = 'pending', result_code = NULL, acked_at = NULL")
        again = site.client.sync_once()
        assert again.all_acknowledged and again.duplicates >= PER_PC and again.applied == 0
        checks.assert_delivered(server, site.desk)
    assert sorted(map(str, on_server()), key=str) == sorted(map(str, held), key=str)

    # The district's view of the commune's collections, by fee and day.
    data = json.loads(server.cli("collections", "--commune", wl.AGENCY, "--from", day.isoformat(), "--to",
                                 day.isoformat(), "--json").stdout)
    desk_total = sum(int(r["amount"]) for s in (a, b) for r in s.desk.store.query(
        "SELECT amount FROM receipts WHERE status = 'issued'"))
    assert data["total"] == desk_total and data["count"] == 2 * PER_PC - len(desk_cancelled) + 1
    assert data["cancelled"] == len(desk_cancelled) - 1 and data["void"] == 1
    assert {f["fee_code"] for f in data["by_fee"]} == {"chung_thuc_chu_ky", "chung_thuc_ban_sao",
                                                       "chung_thuc_hop_dong", "ban_sao_trich_luc"}
    assert sum(ln["amount"] for ln in data["lines"] if ln["day"] == day.isoformat()) == desk_total
    assert len(data["till_closes"]) == 2


def test_a_desk_restored_from_a_backup_gets_its_receipts_back_and_continues_past_them(
        make_site: Any, server: DistrictServer) -> None:
    from desk.backup import make_backup, restore_backup
    from desk.paths import database_path

    site = make_site()
    site.desk.fees.series.register(SERIES)
    issue = site.desk.fees.receipts.issue
    for i in range(2):
        issue(ReceiptInput("2.000884", payer_name=f"Người nộp {i}"), site.officer_id)
    backup = make_backup(site.desk.store)
    later = [issue(ReceiptInput("2.000884", payer_name=f"Người nộp {i}"), site.officer_id) for i in (2, 3, 4)]
    site.desk.fees.receipts.cancel(later[0]["id"], "In hỏng", site.officer_id)
    assert site.client.sync_once().all_acknowledged
    site.client.close()
    site.desk.close()
    restore_backup(database_path(site.data_dir), backup)  # what `desk restore` does
    site.reopen()
    assert site.desk.fees.till.gaps() == ["01AA-26T 0000003", "01AA-26T 0000004", "01AA-26T 0000005"]
    assert site.client.sync_once().all_acknowledged
    assert site.desk.fees.till.gaps() == [], "the receipts printed after the backup came back from the district"
    back = site.desk.fees.receipts.get(later[0]["id"])
    assert back["status"] == "cancelled" and back["cancel_reason"] == "In hỏng"
    nxt = issue(ReceiptInput("2.000884", payer_name="Người nộp 5"), site.officer_id)
    assert nxt["number"] == 6 and site.desk.store.scalar("SELECT COUNT(*) FROM receipts WHERE void = 1") == 0
    assert site.client.sync_once().all_acknowledged
    assert len(server.query("SELECT id FROM receipts")) == 6
