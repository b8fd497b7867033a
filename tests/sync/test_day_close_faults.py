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


class _CannedServer:
    """A transport that answers the day close as a server that lacks one op, then goes offline."""

    def __init__(self, missing: str) -> None:
        from desk.sync.transport import Counters

        self.counters = Counters()
        self.missing = missing
        self.closes = 0

    def request(self, method: str, path: str, **_kw: Any) -> dict[str, Any]:
        from desk.sync.transport import TransportError

        if path.endswith("/state"):
            return {"acked": {"1": 10**6}, "feed_ok": True}
        if path == "/pull":
            from desk.sync import protocol as p

            return {"changes": [], "cursor": "", "has_more": False, "checksum": p.page_checksum([])}
        if path == "/daybook/close":
            self.closes += 1
            return {"matched": False, "missing": [self.missing], "server_counts": {}}
        if self.closes:
            raise TransportError("offline", "Không kết nối được máy chủ cấp trên.")
        return {"results": []}

    def close(self) -> None:
        pass


def test_a_change_re_sent_by_the_day_close_carries_no_old_error_text(desk: Any, officer: dict,
                                                                     monkeypatch: Any) -> None:
    from desk.sync import RetryPolicy, SyncClient
    from desk.sync.session import Session

    wl.receive(desk, officer["id"], random.Random(42), 1)
    op = desk.store.query_one("SELECT op_id FROM outbox")
    with desk.store.write("test") as uow:
        uow.execute("UPDATE outbox SET state = 'rejected', result_code = 'wrong_commune', "
                    "result_message = 'Hồ sơ không thuộc cơ quan này.'")
    desk.store.conn().execute("INSERT INTO sync_identity (id, server_url, commune, private_key, public_key, "
                              "enrolled_at) VALUES (1, 'http://127.0.0.1:9', 'x', 'k', 'k', '2026-11-23')")
    client = SyncClient(desk, transport=_CannedServer(op["op_id"]), retry=RetryPolicy(attempts=1),
                        sleep=lambda _s: None)
    monkeypatch.setattr(Session, "token", lambda self, cancel: "t")
    closing = client.close_day()
    assert not closing.matched and closing.resent == 1
    row = desk.store.query_one("SELECT state, result_code, result_message FROM outbox")
    assert row == {"state": "pending", "result_code": None, "result_message": None}
    assert client.status().issues == []
