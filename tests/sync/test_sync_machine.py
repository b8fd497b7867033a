"""A Hypothesis state machine over 1–3 desks and one real server process (SQLite), with faulty links.

Rules: receive a dossier, act on it at a desk, act on it upstream, sync through a fault plan, close the
day (possibly with every push answer lost: "matched" must then mean the server holds everything),
crash a desk mid-sync and restart it, back up / restore a desk database, back up / restore the server
(also as one rule around work that desks pull, so the restore loses district steps the desks hold).
After every step: no duplicate on the server, nothing the server stored disappears (except by a server
restore), no dossier shown "synced" whose ops the server does not hold (once the desk has talked to the
server since its last restore), and complete cursors (every change up to a desk's cursor is applied).
At the end: three fault-free sync rounds must converge — nothing pending, every op of every desk stored
once, and the two sides agree on each dossier's status unless a conflict with both values is on record.

Crashes here are raised in-process (a BaseException at an HTTP request or right after a local commit,
then the Desk is dropped and opened again): cheap enough for many examples. The real thing — a child
process ended by `os._exit` at every step — is test_crash_and_restore.py (F3).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import random
import shutil
import tempfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from desk.backup import make_backup, restore_backup
from desk.paths import database_path
from desk.services import Desk
from desk.store import Store
from desk.sync import RetryPolicy, SyncClient, state
from district.auth import make_enroll_code
from district.db import make_engine
from tests.sync import checks
from tests.sync import workload as wl
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer

# Push, pull, reference data and the day close share one exchange (desk/sync/exchange.py): a fault on
# "the push" is a fault on the request of an exchange, one on "the pull" a fault on its answer.
EXCHANGE = b"POST /api/sync/v1/exchange "
PUSH = ANY_PUSH = PULL = EXCHANGE
FAULTS = ["none", "cut_push", "drop_push_reply", "drop_all_push_replies", "cut_pull", "corrupt_pull", "offline"]
DESK_ACTIONS = {"received": "hand_over", "in_processing": "result_ready", "result_ready": "return_result"}
DISTRICT_ACTIONS = {"received": "hand_over", "in_processing": "result_ready"}


class Crash(BaseException):
    """The power goes out: nothing after this point runs."""


class DeskUnderTest:
    def __init__(self, root: Path, n: int, clock: Any, commune: str) -> None:
        self.n = n
        self.dir = root / f"desk{n}"
        self.clock = clock
        self.desk = Desk.open(self.dir, clock=clock)
        wl.setup_desk(self.desk, agency=commune)
        # Several desks of one commune never share codes: each has its own desk number.
        self.desk.office.save(wl.OFFICE | {"agency_code": commune, "desk_no": n})
        self.officer = str(self.desk.officers.list()[0]["id"])
        self.client = self._client()
        self.backup: Path | None = None
        self.talked_since_restore = False

    def _client(self) -> SyncClient:
        return SyncClient(self.desk, retry=RetryPolicy(attempts=2, base=0.005, cap=0.01))

    def reopen(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()
        self.desk.close()
        self.desk = Desk.open(self.dir, clock=self.clock)
        self.client = self._client()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()
        self.desk.close()


class SyncMachine(RuleBasedStateMachine):
    # One server process and proxy for the whole run (starting one per example would cost more than the
    # example); each example is a commune of its own, so examples cannot see each other's data.
    root: Path
    server: DistrictServer
    proxy: FaultProxy
    communes = 0

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(dir=self.root))
        SyncMachine.communes += 1
        self.commune = f"000.00.{SyncMachine.communes % 100:02d}.H{56 + SyncMachine.communes // 100}"
        self.proxy.clear_faults()
        self.proxy.set_offline(False)
        self.clock = _Clock(datetime(2026, 11, 23, 9, 0))
        self.desks: list[DeskUnderTest] = []
        self.server_snapshot: str | None = None
        self.server_restored = False  # one district restore per example: each costs a server restart
        self.server_ops_seen = {str(o["op_id"]) for o in checks.server_ops(self.server)}

    # --- set-up ---------------------------------------------------------------------------------
    @initialize(count=st.integers(min_value=1, max_value=3))
    def enrol_desks(self, count: int) -> None:
        engine = make_engine(self.server.database)
        try:
            for n in range(1, count + 1):
                d = DeskUnderTest(self.tmp, n, self.clock, self.commune)
                with engine.begin() as conn:
                    code = make_enroll_code(conn, self.commune)
                # With the certificate's fingerprint digits, as `district enroll-code` prints it.
                d.client.enroll(self.proxy.url, f"{code}-{self.server.fingerprint()[:16]}")
                self.desks.append(d)
        finally:
            engine.dispose()

    def teardown(self) -> None:
        try:
            if self.desks:
                self._converge()
        finally:
            for d in self.desks:
                d.close()
            self.proxy.clear_faults()
            self.proxy.set_offline(False)
            shutil.rmtree(self.tmp, ignore_errors=True)

    # --- work at the desks and upstream ---------------------------------------------------------
    @rule(data=st.data())
    def receive(self, data: st.DataObject) -> None:
        d = data.draw(st.sampled_from(self.desks))
        rng_seed = data.draw(st.integers(0, 10_000))
        wl.receive(d.desk, d.officer, random.Random(rng_seed), 1)
        self.clock.tick()

    @rule(data=st.data())
    def act_at_desk(self, data: st.DataObject) -> None:
        d = data.draw(st.sampled_from(self.desks))
        rows = d.desk.store.query("SELECT id, status, applicant_name FROM dossiers ORDER BY id")
        rows = [r for r in rows if r["status"] in DESK_ACTIONS]
        if not rows:
            return
        row = data.draw(st.sampled_from(rows))
        action = DESK_ACTIONS[row["status"]]
        extra = {"collected_by": row["applicant_name"]} if action == "return_result" else {}
        d.desk.dossiers.act(row["id"], action, d.officer, data=extra)
        self.clock.tick()

    @rule(data=st.data())
    def act_upstream(self, data: st.DataObject) -> None:
        rows = [r for r in self.server.query("SELECT id, status FROM dossiers WHERE commune = :c ORDER BY id",
                                             {"c": self.commune}) if r["status"] in DISTRICT_ACTIONS]
        if not rows:
            return
        row = data.draw(st.sampled_from(rows))
        self.server.act(str(row["id"]), DISTRICT_ACTIONS[str(row["status"])])

    # --- syncing over a bad link ----------------------------------------------------------------
    @rule(data=st.data(), fault=st.sampled_from(FAULTS), offset=st.integers(1, 3000))
    def sync(self, data: st.DataObject, fault: str, offset: int) -> None:
        d = data.draw(st.sampled_from(self.desks))
        if fault == "cut_push":
            self.proxy.cut_request_after(offset, match=PUSH, times=-1)
        elif fault == "drop_push_reply":
            self.proxy.drop_reply(match=PUSH)
        elif fault == "drop_all_push_replies":
            self.proxy.drop_reply(match=ANY_PUSH, times=-1)
        elif fault == "cut_pull":
            self.proxy.cut_response_after(offset % 400, match=PULL, times=-1)
        elif fault == "corrupt_pull":
            # Plain JSON answers (no zstd), so the damage keeps the JSON readable: only the checksum tells.
            self.proxy.rewrite_request(b"Accept-Encoding: zstd, gzip", b"Accept-Encoding: none, none", match=PULL,
                                       times=-1)
            self.proxy.corrupt_response(b"in_processing", b"in_processinG", match=PULL, times=-1)
        elif fault == "offline":
            self.proxy.set_offline(True)
        try:
            report = d.client.sync_once()
        finally:
            self.proxy.clear_faults()
            self.proxy.set_offline(False)
        if report.ok:
            d.talked_since_restore = True
        if report.all_acknowledged:
            assert d.client.pending_count() == 0

    @rule(data=st.data(), lose_answers=st.booleans())
    def close_day(self, data: st.DataObject, lose_answers: bool) -> None:
        d = data.draw(st.sampled_from(self.desks))
        if lose_answers:
            self.proxy.drop_reply(match=ANY_PUSH, times=-1)
        try:
            closing = d.client.close_day(self.clock().date())
        finally:
            self.proxy.clear_faults()
        if closing.matched:
            # "Closed and matched" is a promise: nothing waiting, and the server holds every op.
            assert d.client.pending_count() == 0
            stored = {str(o["op_id"]) for o in checks.server_ops(self.server)}
            mine = [o for o in checks.desk_ops(d.desk) if o["state"] == "acked"]
            assert all(o["op_id"] in stored for o in mine)
            d.talked_since_restore = True

    @rule(data=st.data(), where=st.sampled_from(["request", "commit"]), n=st.integers(1, 8))
    def crash_during_sync(self, data: st.DataObject, where: str, n: int) -> None:
        d = data.draw(st.sampled_from(self.desks))
        seen = [0]
        if where == "request":
            transport = d.client.transport
            original = transport.request

            def request(*args: Any, **kw: Any) -> Any:
                seen[0] += 1
                if seen[0] == n:
                    raise Crash()
                return original(*args, **kw)

            transport.request = request  # type: ignore[method-assign]
        else:
            store = d.desk.store
            original_write = Store.write

            @contextlib.contextmanager
            def write(actor: str = "system") -> Iterator[Any]:
                with original_write(store, actor) as uow:
                    yield uow
                seen[0] += 1
                if seen[0] == n:
                    raise Crash()

            store.write = write  # type: ignore[method-assign]
        with contextlib.suppress(Crash):
            d.client.sync_once()
        d.reopen()  # the app starts again on the same data directory
        assert checks.integrity_ok(database_path(d.dir))

    # --- backups and restores -------------------------------------------------------------------
    @rule(data=st.data())
    def back_up_desk(self, data: st.DataObject) -> None:
        d = data.draw(st.sampled_from(self.desks))
        d.backup = make_backup(d.desk.store)

    @precondition(lambda self: any(d.backup for d in self.desks))
    @rule(data=st.data())
    def restore_desk(self, data: st.DataObject) -> None:
        d = data.draw(st.sampled_from([d for d in self.desks if d.backup]))
        assert d.backup is not None
        d.client.close()
        d.desk.close()
        restore_backup(database_path(d.dir), d.backup)  # the desk's own restore, as `desk restore` does
        d.reopen()
        d.talked_since_restore = False

    @precondition(lambda self: self.server_snapshot is None and not self.server_restored)
    @rule()
    def back_up_server(self) -> None:
        self.server_snapshot = self.server.snapshot()

    @precondition(lambda self: self.server_snapshot is not None)
    @rule()
    def restore_server(self) -> None:
        assert self.server_snapshot is not None
        # District steps the restore loses may already be on desks: the desks give them back (echo.py),
        # so the final comparison below holds for every dossier.
        self.server.restore(self.server_snapshot)
        self.server_snapshot = None
        self.server_restored = True
        self.server_ops_seen = {str(o["op_id"]) for o in checks.server_ops(self.server)}
        for d in self.desks:
            d.talked_since_restore = False

    @precondition(lambda self: self.server_snapshot is None and not self.server_restored)
    @rule(data=st.data(), steps=st.lists(st.sampled_from(["upstream", "pull", "desk", "receive"]), max_size=5))
    def district_restored_after_work(self, data: st.DataObject, steps: list[str]) -> None:
        """The district's backup, then work on both sides that desks pull, then the restore: the steps
        the restore loses are on desks (a sequence the rules above rarely draw by chance)."""
        if not self.server.query("SELECT id FROM dossiers WHERE commune = :c AND status IN ('received', "
                                 "'in_processing')", {"c": self.commune}):
            self.receive(data)
            self.sync(data, "none", 1)
        self.back_up_server()
        at = data.draw(st.integers(0, len(steps)))
        steps.insert(at, "upstream")
        steps.insert(data.draw(st.integers(at + 1, len(steps))), "pull")
        for step in steps:
            if step == "upstream":
                self.act_upstream(data)
            elif step == "pull":
                self.sync(data, "none", 1)
            elif step == "desk":
                self.act_at_desk(data)
            else:
                self.receive(data)
        self.restore_server()

    # --- what must hold after every step --------------------------------------------------------
    @invariant()
    def nothing_twice_and_nothing_vanishes(self) -> None:
        checks.assert_no_duplicates(self.server)
        now = {str(o["op_id"]) for o in checks.server_ops(self.server)}
        assert self.server_ops_seen <= now, "ops vanished from the server without a restore"
        self.server_ops_seen = now

    @invariant()
    def honest_status_and_complete_cursors(self) -> None:
        log = self.server.query("SELECT id, change_id FROM change_log WHERE commune = :c ORDER BY id",
                                {"c": self.commune})
        for d in self.desks:
            if not d.talked_since_restore:
                continue
            checks.assert_honest(self.server, d.client)
            cursor = _cursor_id(d)
            applied = {str(r["change_id"]) for r in d.desk.store.query("SELECT change_id FROM sync_applied")}
            missing = [r for r in log if int(r["id"]) <= cursor and str(r["change_id"]) not in applied]
            assert missing == [], f"desk {d.n}: cursor {cursor} is past changes it never applied: {missing}"

    # --- the end: fault-free syncs converge -----------------------------------------------------
    def _converge(self) -> None:
        for _ in range(3):
            for d in self.desks:
                d.client.sync_once()
        stored = {str(o["op_id"]): o for o in checks.server_ops(self.server)}
        server_status = {str(r["id"]): str(r["status"]) for r in self.server.query("SELECT id, status FROM dossiers")}
        server_actions = {str(r["id"]) for r in self.server.query("SELECT id FROM dossier_actions")}
        for d in self.desks:
            ops = checks.desk_ops(d.desk)
            assert [o for o in ops if o["state"] == "pending" or o["result_code"] == "waiting_for_earlier_op"] == []
            for o in ops:
                if o["state"] == "acked":
                    assert o["op_id"] in stored, f"desk {d.n}: acked op {o['seq']} not on the server"
            checks.assert_honest(self.server, d.client)
            # No district step lost: each one a desk applied is held by the district again, or the
            # district answered its echo (it reached that status anew, or went another way: a conflict).
            answered = {str(r["change_id"]) for r in d.desk.store.query(
                "SELECT change_id FROM sync_echo WHERE outcome IN ('known', 'conflict')")}
            for r in d.desk.store.query("SELECT change_id, body FROM sync_applied WHERE outcome = 'applied'"):
                step = json.loads(r["body"])["action"]
                assert step["id"] in server_actions or r["change_id"] in answered, \
                    f"desk {d.n}: district step {step['kind']} on {json.loads(r['body'])['dossier_id']} lost"
            disputed = {str(r["dossier_id"]) for r in d.desk.store.query("SELECT dossier_id FROM sync_conflicts")}
            disputed |= {str(o["entity_id"]) for o in ops if o["state"] != "acked"}
            disputed |= {str(r["dossier_id"]) for r in self.server.query("SELECT dossier_id FROM conflicts")}
            for row in d.desk.store.query("SELECT id, status FROM dossiers"):
                if row["id"] in disputed:
                    continue
                assert row["id"] in server_status, f"desk {d.n}: dossier {row['id']} never reached the server"
                assert server_status[row["id"]] == row["status"], (d.n, row, server_status[row["id"]])


class _Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def tick(self) -> None:
        self.now += timedelta(minutes=3)


def _cursor_id(d: DeskUnderTest) -> int:
    raw = state.get(d.desk.store, "pull_cursor.status")
    return int(json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))["id"]) if raw else 0


@pytest.mark.slow
def test_sync_state_machine(tmp_path: Path) -> None:
    SyncMachine.root = tmp_path
    SyncMachine.server = DistrictServer("sqlite", tmp_path / "district").start()
    try:
        with FaultProxy(SyncMachine.server.port, tls=SyncMachine.server.tls_files) as proxy:
            SyncMachine.proxy = proxy
            run_state_machine_as_test(SyncMachine, settings=settings(
                max_examples=int(os.environ.get("SYNC_MACHINE_EXAMPLES", "20")), stateful_step_count=20, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))
    finally:
        SyncMachine.server.cleanup()
