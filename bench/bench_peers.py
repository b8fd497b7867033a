"""Several PCs of one commune (issue 15): what catching up costs, on the office network and through the
district.

    python3 bench/bench_peers.py [--ops 1000] [--pcs 5] [--per-pc 100]

1. **Peer catch-up on the office network.** Desk A holds `--ops` ops of its own (dossiers received, every
   third one handed over); desk B, which has none of them, asks A over loopback (127.0.0.2 → A's listener,
   TLS 1.3 + the commune secret's MACs, desk/sync/lan.py) until it holds them all. Timed from the TCP
   connection to the last op applied in B's database; bytes counted by the fault proxy in pass-through
   mode (TLS records, handshake included). Targets: ≤ 5 s for 1,000 ops (an office's catch-up after a
   morning apart must not hold a counter up; the loop asks every 3 s) and ≤ 200 B/op: the answer is
   packed and compressed as on the district's link (ops as columns, zstd with the sync dictionary,
   desk/sync/wire.py), about 1.4 KB of JSON per received dossier before; an office network has the
   bandwidth, but the same PC may sit behind a 3G dongle shared with the other counters.
2. **District fan-out.** One commune, `--pcs` PCs enrolled at a real `district serve` process (SQLite)
   through the proxy, each receives `--per-pc` dossiers and pushes them; then each PC syncs once more and
   catches up the others' (pcs − 1) × per-pc dossiers (its first sync already brings those pushed before
   it, so both syncs are counted). Printed per PC: seconds of both syncs, bytes down per op received.
   Targets: ≤ 160 B/op down (zstd with the shared dictionary: about twice the 78 B/dossier a push costs
   up, docs/sync.md, since a fanned-out op also carries its envelope; on 2G 400 ops are then about 11 s)
   and ≤ 6 s per PC on loopback for pushing 100 and applying 400 (the server's and the desk's work, not
   the link: about 10 ms per op applied through the one step path with its audit and search index).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk.services import Desk
from desk.sync import SyncClient, lan, state
from tests.support.server import free_port
from tests.sync import workload as wl
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer

PEER_SECONDS, PEER_BYTES = 5.0, 200
FAN_SECONDS, FAN_BYTES = 6.0, 160


def _desk(root: Path, name: str, desk_no: int) -> tuple[Desk, str]:
    desk = Desk.open(root / name)
    officer = wl.setup_desk(desk)
    desk.office.save({**desk.office.as_dict(), "desk_no": desk_no})
    return desk, officer


def peer_catch_up(root: Path, n_ops: int) -> None:
    a, officer = _desk(root, "a", 1)
    b, _ = _desk(root, "b", 2)
    secret = "ab" * 32
    for desk in (a, b):
        with desk.store.write("bench") as uow:
            state.put(uow, lan.SECRET, secret)
    rng = random.Random(1)
    made = 0
    while made < n_ops:
        (d,) = wl.receive(a, officer, rng, 1)
        made += 1
        if made % 3 == 0 and made < n_ops:
            wl.hand_over(a, officer, d["id"])
            made += 1
    held = int(a.store.scalar("SELECT COUNT(*) FROM outbox") or 0)
    port = free_port()
    server = lan.LanServer(a.store, "127.0.0.1", port, root / "tls")
    server.start()
    try:
        with FaultProxy(port, scheme="https") as proxy:
            before = proxy.stats
            start, cpu = time.perf_counter(), time.process_time()
            result = lan.exchange_with(b.store, proxy.url.split("://", 1)[1].rstrip("/"))
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            st = proxy.stats
    finally:
        server.stop()
    got = int(b.store.scalar("SELECT COUNT(*) FROM peer_ops") or 0)
    assert result.error is None, result.error.message_vi
    assert got == held, (got, held)
    wire = (st.bytes_up - before.bytes_up) + (st.bytes_down - before.bytes_down)
    # CPU seconds of both PCs (one process here): what the wall time would be on an idle machine, about.
    print(f"peer catch-up on loopback: {got} ops in {seconds:.2f} s, {cpu:.2f} s of CPU (target ≤ {PEER_SECONDS} s), "
          f"{wire:,} B on the wire, {wire / got:.0f} B/op (target ≤ {PEER_BYTES}) — "
          f"{'met' if seconds <= PEER_SECONDS and wire / got <= PEER_BYTES else 'MISSED'}")
    a.close()
    b.close()


def fan_out(root: Path, pcs: int, per_pc: int) -> None:
    server = DistrictServer("sqlite", root / "district").start()
    try:
        with FaultProxy(server.port, scheme="https") as proxy:
            sites = []
            for n in range(1, pcs + 1):
                desk, officer = _desk(root, f"pc{n}", n)
                client = SyncClient(desk)
                client.enroll(proxy.url, server.enroll_code(wl.AGENCY))
                wl.receive(desk, officer, random.Random(n), per_pc)
                sites.append((desk, client))
            # Each PC syncs twice: its first sync pushes its 100 and already brings what the PCs before it
            # pushed; the second brings the rest. Counted per PC over both: the 400 others' ops received,
            # the bytes down (push answers included, a few hundred bytes) and the seconds.
            acc = [[0.0, 0, 0, 0] for _ in sites]
            for _round in range(2):
                for i, (desk, client) in enumerate(sites):
                    before_ops = int(desk.store.scalar("SELECT COUNT(*) FROM peer_ops") or 0)
                    before = proxy.stats
                    start = time.perf_counter()
                    report = client.sync_once()
                    acc[i][0] += time.perf_counter() - start
                    st = proxy.stats
                    assert report.all_acknowledged, report.message_vi()
                    acc[i][1] += int(desk.store.scalar("SELECT COUNT(*) FROM peer_ops") or 0) - before_ops
                    acc[i][2] += st.bytes_down - before.bytes_down
                    acc[i][3] += st.bytes_up - before.bytes_up
            rows = [(float(a[0]), int(a[1]), int(a[2]), int(a[3])) for a in acc]
            print(f"district fan-out, one commune, {pcs} PCs × {per_pc} dossiers (SQLite server, loopback, TLS):")
            for i, (seconds, got, down, up) in enumerate(rows, start=1):
                print(f"  PC {i}: pushed {per_pc}, caught up {got} ops; two syncs {seconds:.2f} s, {down:,} B down "
                      f"({down / max(got, 1):.0f} B/op received), {up:,} B up")
            total = sum(r[1] for r in rows)
            per_op = sum(r[2] for r in rows) / max(total, 1)
            worst = max(r[0] for r in rows)
            print(f"  median {statistics.median(r[0] for r in rows):.2f} s, worst {worst:.2f} s (target ≤ "
                  f"{FAN_SECONDS} s); {per_op:.0f} B/op down (target ≤ {FAN_BYTES}) — "
                  f"{'met' if worst <= FAN_SECONDS and per_op <= FAN_BYTES else 'MISSED'}")
            for desk, client in sites:
                client.close()
                desk.close()
    finally:
        server.stop()
        server.cleanup()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ops", type=int, default=1000)
    ap.add_argument("--pcs", type=int, default=5)
    ap.add_argument("--per-pc", type=int, default=100)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        peer_catch_up(Path(tmp) / "peer", args.ops)
        fan_out(Path(tmp) / "fan", args.pcs, args.per_pc)


if __name__ == "__main__":
    main()
