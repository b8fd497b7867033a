"""The office network of the sync state machine (test_sync_machine.py, issue 15): its rules and checks.

Each desk serves the office network on a port of its own (machine_desks.py), and each PC-to-PC link is a
pass-through fault proxy per direction, held up or down by a rule until a rule changes it, as is the
district's link. An exchange over a link that is down must fail honestly: the desk says the other PC is
unreachable, now and in its list of the commune's PCs, and neither PC's data changes. Over a link that
is up it must bring every op the other PC holds that this one lacks.

No loss: every op committed at any desk is from then on somewhere (a desk's outbox, another PC's copy,
the district) unless a restore took its only copy (a desk restored from a backup older than an op it
had given nobody, or the district restored while the op was on it alone). At the end, with every link
up, it is at the district once and, for a dossier's op, at every PC; every PC holds the district's
dossiers of the commune with the district's status (unless a caused conflict is on record), and each
lists the others as reachable.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import invariant, precondition, rule

from desk.paths import database_path
from desk.store import Store
from desk.sync import lan, peers
from tests.sync import checks
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer
from tests.sync.machine_desks import Crash, DeskUnderTest


class OfficeNetwork:
    """Mixed into SyncMachine: the attributes below are the machine's."""

    desks: list[DeskUnderTest]
    server: DistrictServer
    proxy: FaultProxy
    commune: str
    district_up: bool
    links: dict[tuple[int, int], FaultProxy]  # (asking desk, answering desk) → the link between them
    link_up: dict[frozenset[int], bool]
    committed: dict[str, str]  # op_id → entity, of every op any desk committed and no restore took
    marked_before_district_restore: set[str]

    def _conflicted(self, d: DeskUnderTest) -> set[str]:
        raise NotImplementedError

    # --- set-up and tear-down ---------------------------------------------------------------------
    def open_office_network(self) -> None:
        for d in self.desks:
            d.serve_lan()
        for a, b in itertools.permutations(self.desks, 2):
            self.links[(a.n, b.n)] = FaultProxy(b.lan_port).start()
            self.link_up[frozenset((a.n, b.n))] = True
        self.note_commits()

    def close_office_network(self) -> None:
        for link in self.links.values():
            link.stop()
        self.links.clear()

    def address(self, asking: DeskUnderTest, answering: DeskUnderTest) -> str:
        return f"127.0.0.1:{self.links[(asking.n, answering.n)].port}"

    def set_district_link(self, up: bool) -> None:
        self.district_up = up
        self.proxy.set_offline(not up)

    # --- rules ------------------------------------------------------------------------------------
    @precondition(lambda self: len(self.desks) > 1)
    @rule(data=st.data(), up=st.booleans())
    def peer_link(self, data: st.DataObject, up: bool) -> None:
        """A cable unplugged or plugged back between two PCs; it stays so until a rule changes it."""
        a, b = data.draw(st.permutations(self.desks))[:2]
        self.link_up[frozenset((a.n, b.n))] = up
        for key in ((a.n, b.n), (b.n, a.n)):
            self.links[key].set_offline(not up)

    @rule(up=st.booleans())
    def district_link(self, up: bool) -> None:
        """The internet goes down or comes back, and stays so (every sync in between fails honestly)."""
        self.set_district_link(up)

    @precondition(lambda self: len(self.desks) > 1)
    @rule(data=st.data())
    def exchange_over_office_network(self, data: st.DataObject) -> None:
        """One PC asks another of the commune for what it lacks, whatever the district's link."""
        asking, answering = data.draw(st.permutations(self.desks))[:2]
        if not self.link_up[frozenset((asking.n, answering.n))]:
            before = holdings(asking), holdings(answering)
            result = lan.exchange_with(asking.desk.store, self.address(asking, answering))
            assert result.error is not None and result.error.code == "unreachable", \
                f"desk {asking.n} over a link that is down: {result.error and result.error.code}"
            assert result.received == 0 and (holdings(asking), holdings(answering)) == before, \
                f"desk {asking.n}: an exchange over a link that is down changed data"
            device = str(answering.desk.store.device()["device_id"])
            listed = [p for p in peers.list_peers(asking.desk.store) if p.device_id == device]
            assert not [p for p in listed if p.reachable], \
                f"desk {asking.n} lists desk {answering.n} as reachable right after failing to reach it"
            return
        result = lan.exchange_with(asking.desk.store, self.address(asking, answering))
        assert result.error is None, result.error.message_vi
        lacking = ops_held(answering, exclude=asking) - ops_held(asking)
        assert not lacking, f"desk {asking.n} still lacks {len(lacking)} ops of desk {answering.n} after an exchange"

    @precondition(lambda self: len(self.desks) > 1)
    @rule(data=st.data(), n=st.integers(1, 4))
    def crash_during_exchange(self, data: st.DataObject, n: int) -> None:
        """The power goes out at the asking PC right after its n-th commit of an exchange."""
        asking, answering = data.draw(st.permutations(self.desks))[:2]
        with crashing_after(asking.desk.store, n), contextlib.suppress(Crash):
            lan.exchange_with(asking.desk.store, self.address(asking, answering))
        asking.reopen()
        assert checks.integrity_ok(database_path(asking.dir))

    # --- what must hold after every step ----------------------------------------------------------
    def note_commits(self) -> None:
        for d in self.desks:
            self.committed |= {str(r["op_id"]): str(r["entity"]) for r in d.desk.store.query(
                "SELECT op_id, entity FROM outbox")}

    def everywhere(self) -> set[str]:
        out = {str(o["op_id"]) for o in checks.server_ops(self.server)}
        for d in self.desks:
            out |= ops_held(d)
        return out

    def forgive_what_restores_lost(self) -> None:
        """After a restore: the ops whose only copy it took are lost by the restore, not by the sync."""
        for op_id in set(self.committed) - self.everywhere():
            del self.committed[op_id]

    @invariant()
    def no_op_lost_anywhere(self) -> None:
        self.note_commits()
        lost = set(self.committed) - self.everywhere()
        assert not lost, f"ops committed at a desk are lost: on no desk and not on the server: {sorted(lost)}"

    def marked_at_district(self, d: DeskUnderTest) -> set[str]:
        return {str(r["op_id"]) for r in d.desk.store.query("SELECT op_id FROM peer_ops WHERE at_district = 1")}

    def note_district_restore(self) -> None:
        """A district restore makes older marks untrue; their own PCs re-send those ops (pull.py, F12)."""
        self.marked_before_district_restore |= set().union(*(self.marked_at_district(d) for d in self.desks))

    @invariant()
    def relayed_means_at_the_district(self) -> None:
        """A PC marks another PC's op as at the district only once the district holds it (relay.py)."""
        stored = {str(o["op_id"]) for o in checks.server_ops(self.server)}
        for d in self.desks:
            marked = self.marked_at_district(d) - self.marked_before_district_restore
            assert marked <= stored, f"desk {d.n}: ops marked at the district that it lacks: {marked - stored}"

    # --- the end: with every link up, everything everywhere ---------------------------------------
    def bring_every_link_up(self) -> None:
        self.set_district_link(True)
        for key, link in self.links.items():
            link.set_offline(False)
            self.link_up[frozenset(key)] = True

    def exchange_all(self) -> None:
        for a, b in itertools.permutations(self.desks, 2):
            result = lan.exchange_with(a.desk.store, self.address(a, b))
            assert result.error is None, result.error.message_vi

    def assert_every_pc_holds_everything(self) -> None:
        self.note_commits()
        stored = {str(o["op_id"]) for o in checks.server_ops(self.server)}
        missing = set(self.committed) - stored
        assert not missing, f"ops committed at a desk never reached the server: {sorted(missing)}"
        upstream = {str(r["id"]): str(r["status"]) for r in self.server.query(
            "SELECT id, status FROM dossiers WHERE commune = :c", {"c": self.commune})}
        conflicted = set().union(*(self._conflicted(d) for d in self.desks))
        dossier_ops = {op for op, entity in self.committed.items() if entity == "dossier"}
        for d in self.desks:
            lacking = dossier_ops - ops_held(d)
            assert not lacking, f"desk {d.n}: dossier ops of the commune lost on the way to it: {sorted(lacking)}"
            held = {str(r["id"]): str(r["status"]) for r in d.desk.store.query("SELECT id, status FROM dossiers")}
            assert set(held) == set(upstream), (f"desk {d.n}: dossiers not on the desk {sorted(set(upstream) - set(held))}"
                                                f", not on the server {sorted(set(held) - set(upstream))}")
            differ = {i: (held[i], upstream[i]) for i in held if held[i] != upstream[i] and i not in conflicted}
            assert not differ, f"desk {d.n}: status (desk, server) differs with no conflict on record: {differ}"
            twice = d.desk.store.query("SELECT id FROM dossier_actions GROUP BY id HAVING COUNT(*) > 1")
            assert twice == [], f"desk {d.n}: a step recorded twice: {twice}"
            unrelayed = d.desk.store.query("SELECT op_id FROM peer_ops WHERE at_district = 0")
            assert unrelayed == [], f"desk {d.n}: ops still waiting to be relayed after convergence: {unrelayed}"
            others = {str(o.desk.store.device()["device_id"]) for o in self.desks if o is not d}
            reachable = {p.device_id for p in peers.list_peers(d.desk.store) if p.reachable}
            assert others <= reachable, f"desk {d.n} does not list every PC it just exchanged with as reachable"


def ops_held(d: DeskUnderTest, exclude: DeskUnderTest | None = None) -> set[str]:
    """The op_ids a desk holds: its own outbox and the other PCs' ops it applied (less `exclude`'s own)."""
    skip = str(exclude.desk.store.device()["device_id"]) if exclude is not None else ""
    out = {str(r["op_id"]) for r in d.desk.store.query("SELECT op_id FROM peer_ops WHERE device_id != ?", (skip,))}
    return out | {str(r["op_id"]) for r in d.desk.store.query("SELECT op_id FROM outbox")}


def holdings(d: DeskUnderTest) -> tuple[Any, ...]:
    """What an exchange could change at a desk."""
    store = d.desk.store
    return (store.query("SELECT op_id, at_district FROM peer_ops ORDER BY op_id"),
            store.query("SELECT id, status FROM dossiers ORDER BY id"),
            store.query("SELECT id FROM dossier_actions ORDER BY id"),
            store.query("SELECT device_id, last_heard_at, last_via, address FROM peers ORDER BY device_id"))


@contextlib.contextmanager
def crashing_after(store: Store, n: int) -> Iterator[None]:
    """Raise Crash right after the store's n-th commit from here on (the commit itself is done)."""
    seen = [0]
    original_write = Store.write

    @contextlib.contextmanager
    def write(actor: str = "system") -> Iterator[Any]:
        with original_write(store, actor) as uow:
            yield uow
        seen[0] += 1
        if seen[0] == n:
            raise Crash()

    store.write = write  # type: ignore[method-assign]
    yield
