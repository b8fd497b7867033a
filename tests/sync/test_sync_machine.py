"""A Hypothesis state machine over 2–3 desks of one commune and one real server process (SQLite), with
faulty links.

Rules: receive a dossier, act on it at a desk, act on it upstream, act on one dossier on both sides
before either sees the other's step, sync through a fault plan, close the day (possibly with every push
answer lost: "matched" must then mean the server holds everything), crash a desk mid-sync and restart it, back up / restore a desk database, back up / restore the server
(also as one rule around work that desks pull, so the restore loses district steps the desks hold),
and (issue 15) the office network: each PC-to-PC link and the district's link held up or down by rules,
exchanges over them (a down link must fail honestly: "unreachable", nothing changed, the PC listed as
unreachable), crashes mid-exchange (machine_peers.py). Every PC holds the commune's dossiers, so two
counters racing on one dossier is a cause too, and ops that travelled PC to PC must still reach the
district once.
After every step: no duplicate on the server, nothing the server stored disappears (except by a server
restore), no dossier shown "synced" whose ops the server does not hold (once the desk has talked to the
server since its last restore), complete cursors (every change up to a desk's cursor is applied), and
nothing refused without a cause the scenario made: the scenario only does valid work, so no op is
rejected or held, and a conflict (on either side, pushed, pulled or given back) is allowed only on a
dossier both sides acted on without seeing each other's step (RACES below, recorded when the act
happens). A day closed "matched" must mean every op of the desk is stored with the outcome the
desk shows and every dossier of the desk is on the server with the desk's intake fields and status.
No op committed at a desk is ever lost (it stays on some desk or the district, unless a restore took
its only copy), and a PC marks another's op as at the district only if it is. At the end, with every
link up, three rounds of syncs and office-network exchanges must converge — nothing pending, every op of every desk stored
with the outcome the desk shows, every desk step on the server, every dossier of every desk on the
server with its intake fields, every dossier of the commune back on its desk, and the two sides agree
on each dossier's status unless a (caused) conflict is on record; every PC holds every dossier of the
commune with the district's status and every dossier op of the commune, and lists the others reachable.

A machine that cannot fail is no safety net: test_sync_machine_mutants.py runs this machine against
servers that reject or drop half of the valid receives and checks that it fails.

Crashes here are raised in-process (a BaseException at an HTTP request or right after a local commit,
then the Desk is dropped and opened again): cheap enough for many examples. The real thing — a child
process ended by `os._exit` at every step — is test_crash_and_restore.py (F3).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import tempfile
import time
from datetime import datetime
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

from desk.backup import make_backup
from desk.paths import database_path
from desk.sync.protocol import HELD
from district.auth import make_enroll_code
from district.db import make_engine
from tests.sync import checks
from tests.sync import workload as wl
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer
from tests.sync.machine_desks import Crash, DeskUnderTest, TickingClock, cursor_id
from tests.sync.machine_peers import OfficeNetwork, crashing_after

# Push, pull, reference data and the day close share one exchange (desk/sync/exchange.py): a fault on
# "the push" is a fault on the request of an exchange, one on "the pull" a fault on its answer.
EXCHANGE = b"POST /api/sync/v1/exchange "
PUSH = ANY_PUSH = PULL = EXCHANGE
FAULTS = ["none", "cut_push", "drop_push_reply", "drop_all_push_replies", "cut_pull", "corrupt_pull", "offline"]
DESK_ACTIONS = {"received": "hand_over", "in_processing": "result_ready", "result_ready": "return_result"}
DISTRICT_ACTIONS = {"received": "hand_over", "in_processing": "result_ready"}

# The causes this scenario can give for an outcome other than "applied", each recorded against the
# dossier when the act happens. All are races: both sides acted on one dossier, one of them without
# having seen the other's step. A conflict is allowed only on a dossier with one of them; a rejected or
# held op never is (every op here is valid).
# The desk acted on a dossier the district had moved, before the desk pulled that step.
DESK_ACTED_ON_STALE_STATUS = "desk_acted_on_stale_status"
# The district acted on a dossier the desk had moved, before the desk's step reached it.
DISTRICT_ACTED_ON_STALE_STATUS = "district_acted_on_stale_status"
# The district acted on a dossier its own restore had set back, while a desk still held it further on.
DISTRICT_ACTED_AFTER_ITS_RESTORE = "district_acted_after_its_restore"
# Two counters of the commune acted on one dossier, one of them before the other's step reached it
# (issue 15: every PC holds the commune's dossiers).
COUNTERS_ACTED_ON_ONE_DOSSIER = "counters_acted_on_one_dossier"
RACES = (DESK_ACTED_ON_STALE_STATUS, DISTRICT_ACTED_ON_STALE_STATUS, DISTRICT_ACTED_AFTER_ITS_RESTORE,
         COUNTERS_ACTED_ON_ONE_DOSSIER)


class SyncMachine(OfficeNetwork, RuleBasedStateMachine):
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
        self.clock = TickingClock(datetime(2026, 11, 23, 9, 0))
        self.desks: list[DeskUnderTest] = []
        self.server_snapshot: str | None = None
        self.server_restored = False  # one district restore per example: each costs a server restart
        self.server_ops_seen = {str(o["op_id"]) for o in checks.server_ops(self.server)}
        self.races: dict[str, str] = {}  # dossier id → the first race on it (RACES)
        self.desk_acted: set[str] = set()
        self.district_acted: set[str] = set()
        self.set_back: set[str] = set()  # dossiers a district restore moved back or removed
        self.district_up = True  # the district's link, held by a rule (machine_peers.py) as each PC link
        self.links = {}
        self.link_up = {}
        self.committed = {}
        self.marked_before_district_restore = set()

    # --- set-up ---------------------------------------------------------------------------------
    @initialize(count=st.integers(min_value=2, max_value=3), seed=st.integers(0, 10_000))
    def enrol_desks(self, count: int, seed: int) -> None:
        engine = make_engine(self.server.database)
        try:
            for n in range(1, count + 1):
                d = DeskUnderTest(self.tmp, n, self.clock, self.commune)
                with engine.begin() as conn:
                    code = make_enroll_code(conn, self.commune)
                # With the certificate's fingerprint digits, as `district enroll-code` prints it.
                d.client.enroll(self.proxy.url, f"{code}-{self.server.fingerprint()[:16]}")
                # Each desk starts with a dossier, so that no example is spent on desks with nothing to sync.
                wl.receive(d.desk, d.officer, random.Random(seed + n), 1)
                self.desks.append(d)
        finally:
            engine.dispose()
        self.open_office_network()

    def teardown(self) -> None:
        try:
            if self.desks:
                self._converge()
        finally:
            self.close_office_network()
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
        if rows:
            self._desk_act(d, data.draw(st.sampled_from(rows)))

    @rule(data=st.data())
    def act_upstream(self, data: st.DataObject) -> None:
        rows = [r for r in self.server.query("SELECT id, status FROM dossiers WHERE commune = :c ORDER BY id",
                                             {"c": self.commune}) if r["status"] in DISTRICT_ACTIONS]
        if rows:
            self._district_act(data.draw(st.sampled_from(rows)))

    @rule(data=st.data(), desk_first=st.booleans())
    def both_sides_act_on_one_dossier(self, data: st.DataObject, desk_first: bool) -> None:
        """The desk and the district each move the same dossier before seeing the other's step: an
        agreement or a conflict (a sequence the rules above rarely draw)."""
        both = [(d, row) for d in self.desks
                for row in d.desk.store.query("SELECT id, status, applicant_name FROM dossiers ORDER BY id")
                if row["status"] in DESK_ACTIONS and self._server_status(row["id"]) in DISTRICT_ACTIONS]
        if not both:
            return
        d, row = data.draw(st.sampled_from(both))
        upstream = {"id": row["id"], "status": self._server_status(row["id"])}
        if desk_first:
            self._desk_act(d, row)
            self._district_act(upstream)
        else:
            self._district_act(upstream)
            self._desk_act(d, row)
        self.sync(data, "none", 1)

    def _desk_act(self, d: DeskUnderTest, row: dict[str, Any]) -> None:
        action = DESK_ACTIONS[row["status"]]
        extra = {"collected_by": row["applicant_name"]} if action == "return_result" else {}
        upstream = self._server_status(row["id"])
        if upstream is not None and upstream != row["status"] and row["id"] in self.district_acted:
            self.races.setdefault(row["id"], DESK_ACTED_ON_STALE_STATUS)
        elif row["id"] in self.desk_acted and len(self.desks) > 1 and (
                (upstream is not None and upstream != row["status"]) or any(
                    r["status"] != row["status"] for o in self.desks if o is not d
                    for r in o.desk.store.query("SELECT status FROM dossiers WHERE id = ?", (row["id"],)))):
            self.races.setdefault(row["id"], COUNTERS_ACTED_ON_ONE_DOSSIER)
        self.desk_acted.add(row["id"])
        d.desk.dossiers.act(row["id"], action, d.officer, data=extra)
        self.clock.tick()

    def _district_act(self, row: dict[str, Any]) -> None:
        dossier_id, status = str(row["id"]), str(row["status"])
        at_desks = [r["status"] for d in self.desks
                    for r in d.desk.store.query("SELECT status FROM dossiers WHERE id = ?", (dossier_id,))]
        # Several desks may hold it (every PC holds the commune's dossiers): stale if any shows another.
        stale = any(s != status for s in at_desks)
        if stale and dossier_id in self.desk_acted:
            self.races.setdefault(dossier_id, DISTRICT_ACTED_ON_STALE_STATUS)
        elif stale and dossier_id in self.set_back:
            self.races.setdefault(dossier_id, DISTRICT_ACTED_AFTER_ITS_RESTORE)
        self.district_acted.add(dossier_id)
        self.server.act(dossier_id, DISTRICT_ACTIONS[status])

    def _server_status(self, dossier_id: str) -> str | None:
        rows = self.server.query("SELECT status FROM dossiers WHERE id = :id", {"id": dossier_id})
        return str(rows[0]["status"]) if rows else None

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
            self.proxy.set_offline(not self.district_up)
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
            # "Closed and matched" is a promise: nothing waiting, the server holds every op of the desk
            # (not only the acknowledged ones) as the desk shows it, and every dossier as the desk has it.
            assert d.client.pending_count() == 0
            checks.assert_ops_stored(self.server, d.desk)
            checks.assert_dossiers_on_server(self.server, d.desk, commune=self.commune,
                                             status_may_differ=self._conflicted(d))
            self.nothing_refused_without_a_cause()
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
        with contextlib.ExitStack() as stack:
            if where == "commit":
                stack.enter_context(crashing_after(d.desk.store, n))
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
        d.reopen(d.backup)  # the desk's own restore, as `desk restore` does
        d.talked_since_restore = False
        self.forgive_what_restores_lost()

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
        def statuses() -> set[tuple[str, str]]:
            return {(str(r["id"]), str(r["status"])) for r in self.server.query(
                "SELECT id, status FROM dossiers WHERE commune = :c", {"c": self.commune})}

        before = statuses()
        self.note_district_restore()
        self.server.restore(self.server_snapshot)
        self.set_back |= {i for i, _ in before - statuses()}
        self.server_snapshot = None
        self.server_restored = True
        self.server_ops_seen = {str(o["op_id"]) for o in checks.server_ops(self.server)}
        for d in self.desks:
            d.talked_since_restore = False
        self.forgive_what_restores_lost()

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
            cursor = cursor_id(d)
            applied = {str(r["change_id"]) for r in d.desk.store.query("SELECT change_id FROM sync_applied")}
            # A PC's own ops in the feed are for the other PCs: the server leaves them out of its pages.
            applied |= {str(r["op_id"]) for r in d.desk.store.query("SELECT op_id FROM outbox")}
            applied |= {str(r["op_id"]) for r in self.server.query(
                "SELECT op_id FROM ops WHERE device_id = :d", {"d": str(d.desk.store.device()["device_id"])})}
            missing = [r for r in log if int(r["id"]) <= cursor and str(r["change_id"]) not in applied]
            assert missing == [], f"desk {d.n}: cursor {cursor} is past changes it never applied: {missing}"

    @invariant()
    def nothing_refused_without_a_cause(self) -> None:
        for d in self.desks:
            where = f"desk {d.n}"
            for o in d.desk.store.query(
                    "SELECT seq, entity_id, kind, state, result_code FROM outbox WHERE state IN ('rejected', "
                    "'conflict') OR (state = 'deferred' AND result_code = ?)", (HELD,)):
                if o["result_code"] in ("unknown_dossier", HELD) and o["entity_id"] in self.set_back:
                    continue  # another PC's dossier the district's restore lost: retried at each sync
                self._explain(f"{where}: op {o['seq']} ({o['kind']}) {o['state']}/{o['result_code']}",
                              o["entity_id"], conflict=o["state"] == "conflict"
                              and o["result_code"] == "status_changed_upstream")
            for c in d.desk.store.query("SELECT dossier_id, field, source FROM sync_conflicts"):
                self._explain(f"{where}: {c['source']} conflict on {c['field']}", c["dossier_id"],
                              conflict=c["field"] == "status")
            for e in d.desk.store.query("SELECT dossier_id, outcome FROM sync_echo WHERE outcome = 'rejected'"):
                self._explain(f"{where}: a district step given back was rejected", e["dossier_id"], conflict=False)
        devices = {str(d.desk.store.device()["device_id"]) for d in self.desks}
        for o in checks.server_ops(self.server):
            if o["device_id"] in devices and o["outcome"] != "applied":
                if o["code"] in ("unknown_dossier", HELD) and o["entity_id"] in self.set_back:
                    continue  # as above: asked again until that PC sends the dossier again
                self._explain(f"server: op {o['seq']} ({o['kind']}) stored {o['outcome']}/{o['code']}",
                              o["entity_id"], conflict=o["outcome"] == "conflict"
                              and o["code"] == "status_changed_upstream")
        for c in self.server.query("SELECT dossier_id, field FROM conflicts WHERE commune = :c", {"c": self.commune}):
            self._explain(f"server: conflict on {c['field']}", c["dossier_id"], conflict=c["field"] == "status")

    def _explain(self, what: str, dossier_id: str, *, conflict: bool) -> None:
        """Fail unless `what` (an outcome other than applied) has a cause the scenario made."""
        cause = self.races.get(str(dossier_id)) if conflict else None
        assert cause in RACES, (f"{what} on dossier {dossier_id}: nothing in this scenario causes that "
                                f"(a conflict needs one of {RACES} on its dossier; a rejection or a hold, none)")

    def _conflicted(self, d: DeskUnderTest) -> set[str]:
        """Dossiers with a conflict on record on either side (each one caused: see the invariant above)."""
        out = {str(r["dossier_id"]) for r in d.desk.store.query("SELECT dossier_id FROM sync_conflicts")}
        out |= {str(o["entity_id"]) for o in checks.desk_ops(d.desk) if o["state"] == "conflict"}
        return out | {str(r["dossier_id"]) for r in self.server.query(
            "SELECT dossier_id FROM conflicts WHERE commune = :c", {"c": self.commune})}

    # --- the end: fault-free syncs converge -----------------------------------------------------
    def _converge(self) -> None:
        self.bring_every_link_up()
        for _ in range(3):
            for d in self.desks:
                d.client.sync_once()
            self.exchange_all()
        for d in self.desks:
            d.client.sync_once()
        server_actions = {str(r["id"]) for r in self.server.query("SELECT id FROM dossier_actions")}
        at_desks: set[str] = set()
        for d in self.desks:
            ops = checks.desk_ops(d.desk)
            waiting = [o for o in ops if o["state"] == "pending" or o["result_code"] == "waiting_for_earlier_op"]
            assert waiting == [], f"desk {d.n}: ops still waiting after three fault-free syncs: {waiting}"
            checks.assert_ops_stored(self.server, d.desk)
            checks.assert_honest(self.server, d.client)
            # No district step lost: each one a desk applied is held by the district again, or the
            # district answered its echo (it reached that status anew, or went another way: a conflict).
            answered = {str(r["change_id"]) for r in d.desk.store.query(
                "SELECT change_id FROM sync_echo WHERE outcome IN ('known', 'conflict')")}
            for r in d.desk.store.query("SELECT change_id, body FROM sync_applied WHERE outcome = 'applied'"):
                step = json.loads(r["body"])["action"]
                assert step["id"] in server_actions or r["change_id"] in answered, \
                    f"desk {d.n}: district step {step['kind']} on {json.loads(r['body'])['dossier_id']} lost"
            # No desk step lost: each one the desk holds is in the district's log (applied or kept as
            # the desk's side of a conflict).
            for a in d.desk.store.query("SELECT id, dossier_id, kind FROM dossier_actions WHERE origin = 'desk'"):
                assert a["id"] in server_actions, f"desk {d.n}: its step {a['kind']} on {a['dossier_id']} lost"
            checks.assert_dossiers_on_server(self.server, d.desk, commune=self.commune,
                                             status_may_differ=self._conflicted(d), peers_settled=True)
            at_desks |= {str(r["id"]) for r in d.desk.store.query("SELECT id FROM dossiers")}
        # …and the other way: a desk restored from a backup got back every dossier it had sent since.
        upstream = {str(r["id"]) for r in self.server.query("SELECT id FROM dossiers WHERE commune = :c",
                                                             {"c": self.commune})}
        assert upstream <= at_desks, f"dossiers on the server that no desk holds: {sorted(upstream - at_desks)}"
        self.nothing_refused_without_a_cause()
        self.assert_every_pc_holds_everything()


def run_machine(root: Path, server: DistrictServer, **overrides: Any) -> None:
    """Run the machine against a started server (the real one, or a mutant: test_sync_machine_mutants.py)."""
    SyncMachine.root = root
    SyncMachine.server = server
    with FaultProxy(server.port, tls=server.tls_files) as proxy:
        SyncMachine.proxy = proxy
        run_state_machine_as_test(SyncMachine, settings=settings(**{
            "max_examples": int(os.environ.get("SYNC_MACHINE_EXAMPLES", "12")), "stateful_step_count": 20,
            "deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much],
            **overrides}))


@pytest.mark.slow
def test_sync_state_machine(tmp_path: Path) -> None:
    server = DistrictServer("sqlite", tmp_path / "district").start()
    started = time.monotonic()
    try:
        run_machine(tmp_path, server)
    finally:
        server.cleanup()
        # Not asserted (no timed assertions in tests): printed so a CI log shows what the settings cost.
        print(f"sync state machine: {SyncMachine.communes} examples in {time.monotonic() - started:.0f} s")
