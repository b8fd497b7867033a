"""Closing the day on a bad link (docs/sync.md rule 11): "matched" only when the queue is empty and the
server agreed — never while a push is unanswered, and again after the server lost part of the day."""

from __future__ import annotations

import random
from typing import Any

from tests.sync import checks
from tests.sync import workload as wl
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer

ANY_PUSH = b"POST /api/sync/v1/exchange "  # the batches ride in the exchanges


def test_day_close_is_not_matched_while_the_queue_has_not_drained(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    wl.receive(site.desk, site.officer_id, random.Random(40), 4)
    day = site.desk.store.clock().date()
    # The server takes the ops but no answer about them ever comes back.
    proxy.drop_reply(match=ANY_PUSH, times=-1)
    closing = site.client.close_day(day)
    assert not closing.matched and closing.message_vi
    assert site.desk.store.query("SELECT matched FROM day_closes") == [{"matched": 0}]
    proxy.clear_faults()
    closing = site.client.close_day(day)
    assert closing.matched and closing.server_agreed and closing.queue_empty
    assert closing.counts.get("dossiers") == 4
    checks.assert_delivered(server, site.desk)


def test_day_close_after_the_server_lost_part_of_the_day_resends_and_then_matches(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    rng = random.Random(41)
    wl.receive(site.desk, site.officer_id, rng, 2)
    assert site.client.sync_once().all_acknowledged
    morning = server.snapshot()
    wl.receive(site.desk, site.officer_id, rng, 3)
    assert site.client.sync_once().all_acknowledged
    server.restore(morning)  # the afternoon's ops are gone upstream
    closing = site.client.close_day(site.desk.store.clock().date())
    assert closing.matched, closing.message_vi
    checks.assert_delivered(server, site.desk)
    assert len(checks.server_ops(server)) == 5


def test_a_change_re_sent_by_the_day_close_carries_no_old_error_text(desk: Any, officer: dict) -> None:
    """The server lacks a change the desk once had answered (rejected, with its reason): the day close
    queues it again, and nothing of the old answer stays on it while it waits to go."""
    from desk.sync.daybook import DayBook

    wl.receive(desk, officer["id"], random.Random(42), 1)
    op = desk.store.query_one("SELECT op_id FROM outbox")
    assert op is not None
    with desk.store.write("test") as uow:
        uow.execute("UPDATE outbox SET state = 'rejected', result_code = 'wrong_commune', "
                    "result_message = 'Hồ sơ không thuộc cơ quan này.'")
    assert DayBook(desk.store).requeue(desk.store.clock().date(), [op["op_id"]]) == 1
    row = desk.store.query_one("SELECT state, result_code, result_message FROM outbox")
    assert row == {"state": "pending", "result_code": None, "result_message": None}
