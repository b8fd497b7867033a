"""Push under a bad link (docs/sync.md F1, F2, F5, F7), on SQLite and PostgreSQL, through the fault proxy
against the real `district serve` process."""

from __future__ import annotations

import random
import threading
import uuid
from typing import Any

import httpx

from tests.support import signed
from tests.sync import checks
from tests.sync import workload as wl
from tests.sync.conftest import Site
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer

# The batch rides in an exchange (desk/sync/exchange.py); so does the lookup of a lost batch's answer.
PUSH = ANY_PUSH = b"POST /api/sync/v1/exchange "


def _raw_push(site: Site, ops: list[dict[str, Any]], batch_id: str) -> httpx.Response:
    """Send a batch as the desk would (signed with its key, packed, zstd), bypassing its bookkeeping."""
    return signed.post(site.client, signed.batch(batch_id, ops))


def _results(resp: httpx.Response) -> list[dict[str, Any]]:
    return signed.results(signed.reply(resp)["push"])


def _pending_ops(site: Site) -> list[dict[str, Any]]:
    return site.desk.store.query("SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq")


def test_f1_cut_mid_request_changes_nothing_and_the_retry_applies_each_op_once(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    wl.receive(site.desk, site.officer_id, random.Random(1), 6)
    # Inside the request line, inside the headers, inside the body (the headers end near byte 320).
    for cut in (1, 150, 500):
        proxy.cut_request_after(cut, match=PUSH, times=-1)
        report = site.client.sync_once()
        assert report.error is not None and report.error.message_vi
        assert not report.all_acknowledged
        assert checks.server_ops(server) == [] and checks.server_dossier_ids(server) == []
        assert set(site.client.dossier_states().values()) == {"pending"}
        proxy.clear_faults()
    assert sorted({f.bytes_passed for f in proxy.stats.fired}) == [1, 150, 500]
    report = site.client.sync_once()
    assert report.all_acknowledged and report.applied == 6 and report.duplicates == 0
    checks.assert_delivered(server, site.desk)
    assert len(checks.server_ops(server)) == 6


def test_f2_reply_lost_after_the_server_committed_gives_no_second_record(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    rng = random.Random(2)
    wl.receive(site.desk, site.officer_id, rng, 5)
    proxy.drop_reply(match=PUSH)
    report = site.client.sync_once()
    assert [f.kind for f in proxy.stats.fired] == ["drop_reply"]
    # The client asked for the stored reply of its batch instead of guessing or sending it again: two
    # exchanges (the batch, then `settle`), and no op answered "duplicate".
    assert len([line for line, _ in proxy.stats.exchanges if line.startswith("POST /api/sync/v1/exchange")]) == 2
    assert report.all_acknowledged and report.duplicates == 0
    checks.assert_delivered(server, site.desk)
    assert len(checks.server_ops(server)) == 5

    # Now every answer about the push is lost for a whole sync: the server has the ops, the desk
    # must not claim them, and the next sync settles without a second record.
    more = wl.receive(site.desk, site.officer_id, rng, 3)
    wl.hand_over(site.desk, site.officer_id, more[0]["id"])
    proxy.drop_reply(match=ANY_PUSH, times=-1)
    report = site.client.sync_once()
    assert report.error is not None and not report.all_acknowledged
    assert len(checks.server_ops(server)) == 9  # committed upstream
    states = site.client.dossier_states()
    assert {states[d["id"]] for d in more} == {"pending"}
    checks.assert_honest(server, site.client)
    proxy.clear_faults()
    report = site.client.sync_once()
    assert report.all_acknowledged
    checks.assert_delivered(server, site.desk)
    assert len(checks.server_ops(server)) == 9
    checks.assert_nothing_inflight(site.desk)


def test_f5_same_batch_twice_and_concurrently_one_applied_rest_duplicates_no_5xx(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    assert site.client.sync_once().ok  # takes a token
    rng = random.Random(5)
    wl.receive(site.desk, site.officer_id, rng, 4)
    ops = _pending_ops(site)
    batch = uuid.uuid4().hex
    first, second = _raw_push(site, ops, batch), _raw_push(site, ops, batch)
    assert first.status_code == second.status_code == 200
    assert [r["outcome"] for r in _results(first)] == ["applied"] * 4
    assert [(r["outcome"], r.get("original")) for r in _results(second)] == [("duplicate", "applied")] * 4

    # Concurrently: the same batch from six connections at once, and the same ops under other batch ids.
    dossiers = wl.receive(site.desk, site.officer_id, rng, 5)
    wl.hand_over(site.desk, site.officer_id, dossiers[0]["id"])
    ops = _pending_ops(site)[4:]
    assert len(ops) == 6
    batch = uuid.uuid4().hex
    ids = [batch] * 6 + [uuid.uuid4().hex for _ in range(2)]
    # Signed first (each its own counter), sent together: they reach the server in any order.
    requests = [signed.prepare(site.client, signed.batch(b, ops)) for b in ids]
    barrier = threading.Barrier(len(ids))
    replies: list[httpx.Response] = []
    lock = threading.Lock()

    def send(request: tuple[bytes, dict[str, str]]) -> None:
        barrier.wait()
        r = signed.send(site.client, *request)
        with lock:
            replies.append(r)

    threads = [threading.Thread(target=send, args=(r,)) for r in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(r.status_code for r in replies) == [200] * len(ids), [r.text[:300] for r in replies]
    for i, op in enumerate(ops):
        outcomes = sorted(_results(r)[i]["outcome"] for r in replies)
        assert outcomes == ["applied"] + ["duplicate"] * (len(ids) - 1), (op["seq"], outcomes)
    checks.assert_no_duplicates(server)
    assert len(checks.server_ops(server)) == 10

    # The desk, which never saw those replies, syncs: everything dedupes, nothing is stored twice.
    report = site.client.sync_once()
    assert report.all_acknowledged and report.applied == 0 and report.duplicates == 10
    checks.assert_delivered(server, site.desk)


def test_f7_a_lost_batch_then_the_next_one_defers_until_the_gap_is_filled(
        make_site: Any, server: DistrictServer, proxy: FaultProxy) -> None:
    site = make_site()
    assert site.client.sync_once().ok
    rng = random.Random(7)
    first = wl.receive(site.desk, site.officer_id, rng, 3)
    wl.hand_over(site.desk, site.officer_id, first[0]["id"])
    wl.receive(site.desk, site.officer_id, rng, 2)
    ops = _pending_ops(site)
    lost, later = ops[:3], ops[3:]
    assert lost and later
    # Batch 1 never arrives; batch 2 does.
    reply = _raw_push(site, later, uuid.uuid4().hex)
    assert reply.status_code == 200
    assert {(r["outcome"], r.get("code")) for r in _results(reply)} == {
        ("deferred", "waiting_for_earlier_op")}
    assert checks.server_ops(server) == []  # deferred ops are not applied out of order
    # The desk sends everything it has not had acknowledged, in small batches.
    site.client.sizer.ops = 2
    report = site.client.sync_once()
    assert report.all_acknowledged
    checks.assert_delivered(server, site.desk)
    stored = checks.server_ops(server)
    assert [o["seq"] for o in stored] == sorted(o["seq"] for o in stored)  # applied in device order
    dossier = server.query("SELECT status FROM dossiers WHERE id = :id", {"id": first[0]["id"]})
    assert dossier == [{"status": "in_processing"}]
