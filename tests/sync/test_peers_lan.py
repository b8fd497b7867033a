"""One commune's PCs on the office network with the internet down (issue 15): two `desk sync --loop`
processes on loopback addresses (127.0.0.2, 127.0.0.3; addresses set by hand: loopback has no
multicast), each with its own background loop and the district refused by the fault proxy, find each
other; a dossier received on one is found on the other within 10 seconds of its receipt, with nothing
driving the exchange but the two loops, and is returned there; a third process without the commune's
secret can neither read nor write; and when the district comes back every dossier and step reaches it
exactly once, whichever PC brings it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from desk.services import Desk
from desk.sync import lan, state
from tests.sync import workload as wl
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer

pytestmark = pytest.mark.slow
WAIT = 150.0  # a ceiling against a stuck test, not a performance claim (bench/bench_peers.py times it)
# Issue 15's functional requirement, not a benchmark: with the district unreachable, a dossier received on
# one PC can be returned on the other within 10 seconds.
DEADLINE = 10.0


def _port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _desk_command() -> list[str]:
    return [sys.executable, "-c", "import sys; from ui.launch import main; sys.exit(main())"]


def _wait_for(check: Callable[[], bool], what: str) -> float:
    start = time.monotonic()
    while time.monotonic() - start < WAIT:
        if check():
            return time.monotonic() - start
        time.sleep(0.2)
    raise AssertionError(f"not within {WAIT} s: {what}")


@pytest.fixture
def loops(tmp_path: Path) -> Iterator[Callable[[Path], subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []

    def start(data_dir: Path) -> subprocess.Popen[bytes]:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        log = (tmp_path / f"{data_dir.name}.log").open("wb")
        proc = subprocess.Popen([*_desk_command(), "--data-dir", str(data_dir), "sync", "--loop"], env=env,
                                stdout=log, stderr=subprocess.STDOUT)
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _has(desk: Desk, dossier_id: str, status: str | None = None) -> bool:
    row = desk.store.query_one("SELECT status FROM dossiers WHERE id = ?", (dossier_id,))
    return row is not None and (status is None or row["status"] == status)


def test_two_pcs_work_together_over_the_office_network_with_the_district_down(
        make_site: Any, server: DistrictServer, proxy: FaultProxy, loops: Any) -> None:
    a, b = make_site("pc1"), make_site("pc2", desk_no=2)
    stranger = make_site("stranger", agency="000.00.07.H56")  # enrolled, but for another commune
    addr = {a.name: f"127.0.0.2:{_port()}", b.name: f"127.0.0.3:{_port()}", stranger.name: f"127.0.0.4:{_port()}"}
    for site, others in ((a, [b, stranger]), (b, [a]), (stranger, [a])):
        state.put_many(site.desk.store, {lan.LISTEN: addr[site.name],
                                         lan.ADDRESSES: ",".join(addr[o.name] for o in others)})
    assert state.get(a.desk.store, lan.SECRET) == state.get(b.desk.store, lan.SECRET) != ""
    assert state.get(stranger.desk.store, lan.SECRET) != state.get(a.desk.store, lan.SECRET)

    proxy.set_offline(True)  # the internet is down from here on
    for site in (a, b, stranger):
        site.client.close()
        loops(site.data_dir)
    # Nothing here asks on the loops' behalf: each has served and asked the other on its own.
    _wait_for(lambda: _heard_over_lan(a, b) and _heard_over_lan(b, a), "the two loops found each other")

    # A citizen hands in a dossier at counter 01 …
    (d,) = wl.receive(a.desk, a.officer_id, random.Random(11), 1)
    received = time.monotonic()
    while not _has(b.desk, d["id"]):
        waited = time.monotonic() - received
        if waited > DEADLINE:
            raise AssertionError(
                f"issue 15: with the district unreachable, a dossier received at counter 01 must be at counter 02 "
                f"within {DEADLINE:.0f} s of its receipt; it is not there {waited:.1f} s after it")
        time.sleep(0.1)
    found_after = time.monotonic() - received
    # … counter 02 finds it by code, ID number and name, and it goes through to its return there.
    for text in (d["code"], d["applicant_id_number"], d["applicant_name"]):
        assert d["id"] in {r["id"] for r in b.desk.dossiers.search(text, limit=500)}
    wl.hand_over(b.desk, b.officer_id, d["id"])
    b.desk.dossiers.act(d["id"], "result_ready", b.officer_id)
    b.desk.dossiers.act(d["code"], "return_result", b.officer_id, data={"collected_by": d["applicant_name"]})
    returned_after = time.monotonic() - received
    print(f"received at 01, found at 02 after {found_after:.1f} s, returned there after {returned_after:.1f} s")
    _wait_for(lambda: _has(a.desk, d["id"], "returned"), "counter 01 sees the return made at 02")

    # The stranger's PC reads nothing and writes nothing.
    refused = lan.exchange_with(stranger.desk.store, addr[a.name])
    assert refused.error is not None and refused.error.code == "not_same_commune" and refused.received == 0
    (planted,) = wl.receive(stranger.desk, stranger.officer_id, random.Random(12), 1)
    asked = lan.exchange_with(a.desk.store, addr[stranger.name])
    assert asked.error is not None and asked.error.code == "not_same_commune"
    assert not _has(a.desk, planted["id"]) and not _has(stranger.desk, d["id"])
    assert not stranger.desk.store.query("SELECT 1 FROM peer_ops")

    # The district comes back: each dossier and step reaches it exactly once, whichever PC brings it.
    more = wl.receive(b.desk, b.officer_id, random.Random(13), 2)
    _wait_for(lambda: all(_has(a.desk, m["id"]) for m in more), "counter 01 holds 02's new dossiers")
    # Meanwhile the loops had their rounds with the stranger's, and carried nothing either way.
    assert not _has(a.desk, planted["id"]) and not stranger.desk.store.query("SELECT 1 FROM peer_ops")
    assert not _heard_over_lan(a, stranger) and not _heard_over_lan(stranger, a)
    proxy.set_offline(False)
    for site in (b, a):  # counter 02 first: it brings 01's dossier before its own steps on it
        _wait_for(lambda s=site: _synced(s), f"{site.name} synced")
    ops = server.query("SELECT op_id, device_id, kind FROM ops WHERE device_id != :s",
                       {"s": str(stranger.desk.store.device()["device_id"])})
    assert len(ops) == len({o["op_id"] for o in ops}) == 1 + 3 + 2
    held = server.query("SELECT id, status FROM dossiers WHERE commune = :c", {"c": wl.AGENCY})
    assert sorted(r["id"] for r in held) == sorted([d["id"], *(m["id"] for m in more)])
    assert {r["id"]: r["status"] for r in held}[d["id"]] == "returned"
    actions = server.query("SELECT id FROM dossier_actions WHERE dossier_id = :d", {"d": d["id"]})
    assert len(actions) == 4 and not [k for k, n in Counter(r["id"] for r in actions).items() if n > 1]
    assert not server.query("SELECT * FROM conflicts")
    for site in (a, b):
        assert site.client.pending_count() == 0
        assert not site.desk.store.query("SELECT op_id FROM peer_ops WHERE at_district = 0")


def _heard_over_lan(site: Any, other: Any) -> bool:
    """`site`'s data says it exchanged with `other` over the office network (either side asking)."""
    row = site.desk.store.query_one("SELECT last_via FROM peers WHERE device_id = ?",
                                    (str(other.desk.store.device()["device_id"]),))
    return row is not None and row["last_via"] == "lan"


def _synced(site: Any) -> bool:
    from desk.errors import AlreadyRunning

    try:
        report = site.client.sync_once()
    except AlreadyRunning:
        return False  # its loop is syncing right now
    return bool(report.error is None and report.all_acknowledged and
                not site.desk.store.query("SELECT 1 FROM peer_ops WHERE at_district = 0"))
