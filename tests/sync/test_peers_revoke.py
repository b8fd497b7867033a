"""Revoking one of a commune's PCs (a stolen one) shuts it out of the office network (issue 15).

Three PCs of one commune, a real `district serve` process (SQLite and PostgreSQL) and each PC's real
office-network server (TLS on 127.0.0.2-4, in this process). The district revokes PC 3: the commune's
secret moves to generation 1, PCs 1 and 2 get it at their next sync and then exchange with each other,
while PC 3 (still holding generation 0) can neither read from them nor write into them.

Before the others sync, PC 3 still holds the secret they hold, so it still reads and writes on the office
network: what it wrote into them then stays on them, and the district refuses it when they relay it,
because they received it after the revocation; what they held from it before the revocation reaches the
district. The desks' clocks run with real time from the fixture's fake date (the district measures the
offset), and a few seconds separate the events compared with the revocation (times have whole seconds).
"""

from __future__ import annotations

import http.client
import json
import random
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from desk.sync import lan, peerkey, state
from tests.conftest import FakeClock
from tests.sync import workload as wl
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer

pytestmark = pytest.mark.slow
GAP = 2.5  # seconds between an event and the revocation it is compared with: more than the 1 s rounding


@pytest.fixture
def running(clock: FakeClock) -> Callable[[], None]:
    """Move the desks' clock on by the real time elapsed since the start (their own date stays)."""
    base, start = clock.now, time.monotonic()

    def tick() -> None:
        clock.set(base + timedelta(seconds=time.monotonic() - start))

    return tick


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[[Any, str], str]]:
    servers: list[lan.LanServer] = []

    def start(site: Any, host: str) -> str:
        server = lan.LanServer(site.desk.store, host, 0, tmp_path / f"tls-{site.name}")
        server.start()
        servers.append(server)
        return f"{host}:{server.port}"

    yield start
    for server in servers:
        server.stop()


def _has(site: Any, dossier_id: str) -> bool:
    return site.desk.store.query_one("SELECT 1 FROM dossiers WHERE id = ?", (dossier_id,)) is not None


def _raw_request(address: str, generation: int) -> tuple[int, dict[str, Any]]:
    """A request as PC 3 makes it, seen at the HTTP level: the status and the body of the refusal."""
    host, port = lan.parse_address(address)
    conn = http.client.HTTPSConnection(host, port, timeout=10, context=lan.client_context())
    try:
        conn.request("POST", lan.PATH, body=b'{"device_id":"x","nonce":"n"}',
                     headers={"X-Peer-Mac": "0" * 64, peerkey.HEADER: str(generation)})
        resp = conn.getresponse()
        return resp.status, json.loads(resp.read())
    finally:
        conn.close()


def test_a_revoked_pc_can_neither_read_nor_write_once_the_others_have_synced(
        make_site: Any, server: DistrictServer, proxy: FaultProxy, running: Callable[[], None],
        serve: Callable[[Any, str], str], capsys: pytest.CaptureFixture[str]) -> None:
    running()
    a, b, c = (make_site(f"pc{n}", desk_no=n) for n in (1, 2, 3))
    for site in (a, b, c):
        assert site.client.sync_once().error is None
    first = peerkey.current(a.desk.store)
    assert first[1] == 0 and first[0] and all(peerkey.current(s.desk.store) == first for s in (b, c))
    # A PC holding no key (enrolled before the office network had one) names no generation and gets it.
    state.put_many(a.desk.store, {lan.SECRET: ""})
    assert a.client.sync_once().error is None and peerkey.current(a.desk.store) == first
    addr = {a.name: serve(a, "127.0.0.2"), b.name: serve(b, "127.0.0.3"), c.name: serve(c, "127.0.0.4")}

    # PC 3 receives a dossier; PC 1 gets it over the office network, before the revocation.
    running()
    (before,) = wl.receive(c.desk, c.officer_id, random.Random(1), 1)
    assert lan.exchange_with(a.desk.store, addr[c.name]).error is None and _has(a, before["id"])
    time.sleep(GAP)
    server.cli("revoke", str(c.desk.store.device()["device_id"]))
    time.sleep(GAP)

    # Before the others sync, all three still hold generation 0: PC 3 still reads and writes.
    running()
    (planted,) = wl.receive(c.desk, c.officer_id, random.Random(2), 1)
    (of_b,) = wl.receive(b.desk, b.officer_id, random.Random(3), 1)
    assert lan.exchange_with(b.desk.store, addr[c.name]).error is None and _has(b, planted["id"])
    assert lan.exchange_with(c.desk.store, addr[b.name]).error is None and _has(c, of_b["id"])

    # PC 1 syncs: generation 1. PC 2 has not yet: each side of the office network says who must sync.
    running()
    assert a.client.sync_once().error is None
    key = peerkey.current(a.desk.store)
    assert key[1] == 1 and key[0] != first[0]
    stale = lan.exchange_with(b.desk.store, addr[a.name])
    assert stale.error is not None and stale.error.code == "outdated" and stale.received == 0
    assert "cần đồng bộ với huyện để nhận khóa mới" in stale.error.message_vi
    assert "cần đồng bộ với huyện để nhận khóa mới" in b.client.status().peer_key_warning
    asked = lan.exchange_with(a.desk.store, addr[b.name])
    assert asked.error is not None and asked.error.code == "peer_outdated"
    running()
    report = b.client.sync_once()
    assert report.error is None and report.all_acknowledged, report.message_vi()
    assert peerkey.current(b.desk.store) == key and b.client.status().peer_key_warning == ""

    # PC 1 and 2 exchange on the office network with the new key.
    running()
    (later,) = wl.receive(b.desk, b.officer_id, random.Random(4), 1)
    got = lan.exchange_with(a.desk.store, addr[b.name])
    assert got.error is None and _has(a, later["id"]) and _has(a, of_b["id"])
    assert lan.exchange_with(b.desk.store, addr[a.name]).error is None and _has(b, before["id"])

    # PC 3 (revoked, generation 0) reads nothing: a 401 telling it to sync with the district once …
    status, body = _raw_request(addr[a.name], 0)
    assert status == 401 and body["error"] == "old_key" and "đồng bộ với huyện" in body["message_vi"]
    read = lan.exchange_with(c.desk.store, addr[a.name])
    assert read.error is not None and read.error.code == "outdated" and read.received == 0
    assert not _has(c, later["id"])
    assert "cần đồng bộ với huyện để nhận khóa mới" in c.client.status().peer_key_warning
    from desk.cli import main as cli_main

    assert cli_main(["--data-dir", str(c.data_dir), "peers"]) == 0
    assert "cần đồng bộ với huyện để nhận khóa mới" in capsys.readouterr().out
    # … and writes nothing: what it records is refused when the others ask it.
    running()
    (late,) = wl.receive(c.desk, c.officer_id, random.Random(5), 1)
    for site in (a, b):
        refused = lan.exchange_with(site.desk.store, addr[c.name])
        assert refused.error is not None and refused.error.code == "peer_outdated" and refused.received == 0
        assert not _has(site, late["id"])
    # Syncing does not help it: the district refuses a revoked PC, so it never learns generation 1.
    assert c.client.sync_once().error is not None and c.client.status().revoked
    assert peerkey.current(c.desk.store) == first

    # At the district, once both have synced again: the dossier PC 1 held before the revocation came in
    # through PC 1's relay; the one PC 3 planted in PC 2 after the revocation was refused and is no
    # longer offered.
    running()
    for site in (a, b):
        assert site.client.sync_once().all_acknowledged
    ids = {r["id"] for r in server.query("SELECT id FROM dossiers WHERE commune = :c", {"c": wl.AGENCY})}
    assert before["id"] in ids and planted["id"] not in ids and late["id"] not in ids
    assert {of_b["id"], later["id"]} <= ids
    for site in (a, b):
        assert not site.desk.store.query("SELECT 1 FROM peer_ops WHERE at_district = 0")
    ops = server.query("SELECT op_id FROM ops")
    assert len(ops) == len({o["op_id"] for o in ops})

    # The secret never reaches the audit log; the change of generation does.
    for site in (a, b):
        changes = site.desk.store.query("SELECT * FROM audit_log WHERE action = 'peer_key_changed'")
        assert changes and all(key[0] not in json.dumps(dict(r), default=str) for r in changes)
        assert state.get(site.desk.store, lan.SECRET) == key[0]
