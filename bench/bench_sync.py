"""End-of-day sync of a busy ward's day through a throttling proxy, against the real server process,
over TLS 1.3 with the district's self-signed certificate pinned at enrolment.

    python3 bench/bench_sync.py [--dossiers 100] [--runs 3] [--database sqlite|postgres] [--cuts N]

A desk receives `--dossiers` dossiers through the real write path while offline, then runs one
`SyncClient.sync_once()` (as `desk sync` at closing time: new TCP connection, full TLS handshake, then
the exchanges: push, pull, reference-data versions) through tests/sync/faultproxy.py in pass-through
mode (every TLS byte counted and shaped), shaped as
- 2G: 6,000 B/s each way, 600 ms ± 300 ms round trip;
- 3G: 100,000 B/s each way, 150 ms round trip.
Then, apart, the second sync of the same day: 10 more dossiers, a new TCP connection, the TLS session
resumed from the first sync's ticket (no certificate, no signatures in the handshake).
`--cuts N` adds runs where the connection drops N times in the middle of the batch: the bytes up then
show what a flaky link costs (the batch in flight, never the whole day again).
Printed per profile (median of the runs): seconds, bytes on the wire both ways (TLS records, handshakes
included; TCP/IP headers, about 40 bytes per 1,460-byte segment, are not), bytes per dossier, the round
trips measured (HTTP exchanges + TLS handshakes + TCP connections) and the ratio to the floor. The floor
counts the round trips the protocol needs — TCP, TLS, one exchange — not the ones measured, so a chatty
client shows: floor = wire bytes ÷ bandwidth + 3 × mean RTT. Targets (issue 16): 2G ≤ 4 s and ≤ 100
B/dossier, 3G ≤ 1 s. The peer: PouchDB replicating the same dossiers to a CouchDB-protocol server
(express-pouchdb) through the same proxy and profiles, run when `npm install` was done in bench/pouchdb
(else issue 16's own measurement of it is printed), with the ratios.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk.services import Desk
from desk.sync import HttpTransport, SyncClient, tls
from tests.sync import workload as wl
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer, free_port, pg_available, pg_drop, pg_exec

TARGET_BYTES = 100
TARGET_SECONDS = {"2G": 4.0, "3G": 1.0}
NEEDED_ROUND_TRIPS = 3  # TCP, TLS, one exchange
# PouchDB replicating 100 dossiers to a CouchDB-protocol server through the same 2G proxy (issue 16).
POUCHDB_2G = (20.3, 958)
SECOND_SYNC = 10


@dataclass(frozen=True)
class Profile:
    name: str
    bandwidth: float  # bytes/s each way
    rtt: float
    jitter: float


PROFILES = [Profile("2G", 6_000, 0.600, 0.300), Profile("3G", 100_000, 0.150, 0.0)]


@dataclass
class Run:
    seconds: float
    up: int
    down: int
    exchanges: int  # HTTP requests
    handshakes: int  # TLS: full
    resumed: int  # TLS: resumed
    connections: int
    ok: bool

    def floor(self, p: Profile) -> float:
        return (self.up + self.down) / p.bandwidth + NEEDED_ROUND_TRIPS * p.rtt

    @property
    def trips(self) -> str:
        tls = f"{self.handshakes} TLS" if not self.resumed else f"{self.resumed} TLS resumed"
        return f"{self.exchanges} + {tls} + {self.connections} TCP"


class Templates:
    """A desk with a day's dossiers, enrolled but never synced, and the server database it enrolled in."""

    def __init__(self, root: Path, dossiers: int, backend: str) -> None:
        self.root = root
        self.backend = backend
        self.pg_name = f"motcua_bench_{uuid.uuid4().hex[:8]}" if backend == "postgres" else ""
        if self.pg_name:
            pg_exec(f'CREATE DATABASE "{self.pg_name}"')
        server = DistrictServer(backend, root / "server", pg_name=self.pg_name).start()
        clock = lambda: datetime(2026, 11, 23, 16, 45)  # noqa: E731 - closing time, same for every run
        desk = Desk.open(root / "desk", clock=clock)
        officer = wl.setup_desk(desk)
        client = SyncClient(desk)
        client.enroll(server.url, server.enroll_code(wl.AGENCY))
        self.pin = str(desk.store.scalar("SELECT tls_pin FROM sync_identity"))
        client.close()
        wl.receive(desk, officer, random.Random(100), dossiers)
        self.payload_bytes = int(desk.store.scalar("SELECT SUM(LENGTH(payload)) FROM outbox") or 0)
        desk.close()
        server.stop()
        if self.pg_name:
            pg_exec(f'CREATE DATABASE "{self.pg_name}_tpl" TEMPLATE "{self.pg_name}"')

    def fresh(self, run_dir: Path) -> tuple[DistrictServer, Path]:
        shutil.copytree(self.root / "desk", run_dir / "desk")
        # The same kept key pair: the certificate the desk pinned at enrolment.
        shutil.copytree(self.root / "server" / "tls", run_dir / "server" / "tls")
        if self.backend == "sqlite":
            # The backup API reads through the WAL the stopped server may have left behind.
            src = sqlite3.connect(self.root / "server" / "district.db")
            dst = sqlite3.connect(run_dir / "server" / "district.db")
            src.backup(dst)
            dst.close()
            src.close()
            return DistrictServer("sqlite", run_dir / "server").start(), run_dir / "desk"
        name = f"{self.pg_name}_{run_dir.name}"
        pg_exec(f'CREATE DATABASE "{name}" TEMPLATE "{self.pg_name}_tpl"')
        return DistrictServer("postgres", run_dir / "server", pg_name=name).start(), run_dir / "desk"

    def drop(self) -> None:
        if self.pg_name:
            for suffix in ("", "_tpl"):
                pg_drop(self.pg_name + suffix)


def _sync(desk: Desk, proxy: FaultProxy, pin: str) -> tuple[Run, bool]:
    client = SyncClient(desk, transport=HttpTransport(proxy.url, trust=tls.Trust(pin=pin)))
    before = proxy.stats
    start = time.perf_counter()
    report = client.sync_once()
    seconds = time.perf_counter() - start
    counters = client.session.counters
    client.close()
    s = proxy.stats
    if report.error is not None:
        print(f"  (sync failed: {report.error.code} {report.error.message_vi})")
    return Run(seconds, s.bytes_up - before.bytes_up, s.bytes_down - before.bytes_down, counters.requests,
               counters.handshakes, counters.resumed, s.connections - before.connections,
               report.all_acknowledged), report.all_acknowledged


def one_run(tpl: Templates, profile: Profile, run_dir: Path, dossiers: int, cuts: int = 0) -> tuple[Run, Run]:
    server, desk_dir = tpl.fresh(run_dir)
    tls.forget_sessions()  # every run starts cold: a full handshake first
    try:
        with FaultProxy(server.port, seed=hash(run_dir.name) & 0xFFFF) as proxy:
            proxy.set_link(rtt=profile.rtt, jitter=profile.jitter, bandwidth=profile.bandwidth)
            if cuts:  # the link drops in the middle of the batch, `cuts` times
                proxy.cut_request_after(6000, times=cuts)
            clock = lambda: datetime(2026, 11, 23, 16, 45)  # noqa: E731
            desk = Desk.open(desk_dir, clock=clock)
            first, _ = _sync(desk, proxy, tpl.pin)
            stored = len(server.query("SELECT id FROM dossiers"))
            first.ok = first.ok and stored == dossiers
            proxy.clear_faults()
            # Later the same day: a few more dossiers, a new connection, the TLS session resumed.
            officer = str(desk.officers.list()[0]["id"])
            wl.receive(desk, officer, random.Random(200), SECOND_SYNC)
            second, _ = _sync(desk, proxy, tpl.pin)
            desk.close()
        return first, second
    finally:
        server.cleanup()
        if tpl.backend == "postgres":
            pg_drop(f"{tpl.pg_name}_{run_dir.name}")


def hung_server(tpl: Templates, run_dir: Path) -> tuple[float, str]:
    """A server that accepts the connection and never answers: seconds until the sync gives up."""
    server, desk_dir = tpl.fresh(run_dir)
    tls.forget_sessions()
    try:
        with FaultProxy(server.port) as proxy:
            proxy.hang()
            desk = Desk.open(desk_dir, clock=lambda: datetime(2026, 11, 23, 16, 45))
            client = SyncClient(desk, transport=HttpTransport(proxy.url, trust=tls.Trust(pin=tpl.pin)))
            start = time.perf_counter()
            report = client.sync_once()
            seconds = time.perf_counter() - start
            proxy.resume()
            client.close()
            desk.close()
        return seconds, report.error.code if report.error else "ok"
    finally:
        server.cleanup()
        if tpl.backend == "postgres":
            pg_drop(f"{tpl.pg_name}_{run_dir.name}")


PEER_DIR = Path(__file__).resolve().parent / "pouchdb"


def pouchdb_peer(tpl: Templates, profile: Profile, run_dir: Path, dossiers: int) -> Run | None:
    """The same day's dossiers replicated by PouchDB to a CouchDB-protocol server through the same proxy
    (bench/pouchdb: `npm install` there first); None when Node or the packages are not there."""
    node = shutil.which("node")
    if node is None or not (PEER_DIR / "node_modules" / "pouchdb-node").exists():
        return None
    run_dir.mkdir(parents=True)
    desk = Desk.open(tpl.root / "desk", clock=lambda: datetime(2026, 11, 23, 16, 45))
    rows = desk.store.query("SELECT entity_id, payload FROM outbox WHERE kind = 'receive' ORDER BY seq")
    desk.close()
    docs = [{"_id": r["entity_id"], **json.loads(r["payload"])} for r in rows]
    (run_dir / "docs.json").write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    port = free_port()
    server = subprocess.Popen([node, str(PEER_DIR / "peer.js"), "serve", str(port), str(run_dir)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "listening"
        with FaultProxy(port, scheme="http", seed=7) as proxy:
            proxy.set_link(rtt=profile.rtt, jitter=profile.jitter, bandwidth=profile.bandwidth)
            out = subprocess.run([node, str(PEER_DIR / "peer.js"), "replicate", f"{proxy.url}/day",
                                  str(run_dir / "docs.json"), str(run_dir)], capture_output=True, text=True,
                                 timeout=600, check=True)
            result = json.loads(out.stdout.strip().splitlines()[-1])
            st = proxy.stats
        return Run(float(result["seconds"]), st.bytes_up, st.bytes_down, st.round_trips, 0, 0, st.connections,
                   int(result["docs"]) == dossiers)
    finally:
        server.terminate()
        server.wait(10)


def _line(name: str, runs: list[Run], p: Profile, dossiers: int, target_s: float | None) -> str:
    med = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]
    per = (med.up + med.down) / dossiers
    ratio = statistics.median(r.seconds / r.floor(p) for r in runs)
    verdicts = []
    if target_s is not None:
        verdicts.append(f"time {'met' if med.seconds <= target_s else 'MISSED'} (≤ {target_s:g} s)")
        verdicts.append(f"bytes {'met' if per <= TARGET_BYTES else 'MISSED'} (≤ {TARGET_BYTES})")
    if not all(r.ok for r in runs):
        verdicts.append("NOT ALL DELIVERED")
    return (f"{name:>10} | {med.seconds:>7.2f} | {med.up:>7} | {med.down:>7} | {per:>9.0f} | {med.trips:>28} | "
            f"{med.floor(p):>7.2f} | {ratio:>5.2f} | {', '.join(verdicts)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dossiers", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--cuts", type=int, default=0,
                    help="also run with the connection cut this many times mid-push (what a flaky link re-sends)")
    args = ap.parse_args()
    if args.database == "postgres" and (reason := pg_available()):
        print(reason)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        tpl = Templates(root / "tpl", args.dossiers, args.database)
        try:
            print(f"End-of-day sync of {args.dossiers} dossiers over TLS 1.3 (server on {args.database}, "
                  f"self-signed certificate pinned); outbox payload {tpl.payload_bytes / args.dossiers:.0f} "
                  f"B/dossier before compression; median of {args.runs} runs")
            head = (f"{'profile':>10} | {'seconds':>7} | {'up B':>7} | {'down B':>7} | {'B/dossier':>9} | "
                    f"{'round trips (HTTP+TLS+TCP)':>28} | {'floor s':>7} | {'ratio':>5} | verdict")
            print(head)
            print("-" * len(head))
            plans = [(p, 0) for p in PROFILES] + ([(p, args.cuts) for p in PROFILES] if args.cuts else [])
            mine: dict[Profile, Run] = {}
            for p, cuts in plans:
                pairs = [one_run(tpl, p, root / f"{p.name}-{cuts}-{i}", args.dossiers, cuts)
                         for i in range(args.runs)]
                name = f"{p.name}×{cuts}cut" if cuts else p.name
                firsts = [a for a, _ in pairs]
                if not cuts:
                    mine[p] = sorted(firsts, key=lambda r: r.seconds)[len(firsts) // 2]
                print(_line(name, firsts, p, args.dossiers, None if cuts else TARGET_SECONDS[p.name]))
                if not cuts:
                    print(_line(f"{p.name} 2nd", [b for _, b in pairs], p, SECOND_SYNC, None))
            print(f"targets: 2G ≤ {TARGET_SECONDS['2G']:g} s, 3G ≤ {TARGET_SECONDS['3G']:g} s, ≤ {TARGET_BYTES} B/dossier "
                  f"on the wire (TLS handshake included); floor = bytes ÷ bandwidth + {NEEDED_ROUND_TRIPS} × RTT "
                  "(TCP, TLS, one exchange); '2nd' = a second sync the same day, "
                  f"{SECOND_SYNC} dossiers, TLS session resumed")
            gave_up, code = hung_server(tpl, root / "hung")
            print(f"hung server (accepts, never answers): the sync gave up after {gave_up:.1f} s with «{code}» "
                  f"(target ≤ 30 s: {'met' if gave_up <= 30 else 'MISSED'})")
            ours = {p.name: r for p, r in mine.items()}
            for p in PROFILES:
                peer = pouchdb_peer(tpl, p, root / f"pouchdb-{p.name}", args.dossiers)
                if peer is None:
                    seconds, per = POUCHDB_2G
                    print(f"PouchDB peer not installed (cd bench/pouchdb && npm install); issue 16's measurement "
                          f"on 2G: {seconds} s, {per} B/dossier; ours {seconds / ours['2G'].seconds:.1f}× faster, "
                          f"{per / ((ours['2G'].up + ours['2G'].down) / args.dossiers):.1f}× fewer bytes")
                    break
                per = (peer.up + peer.down) / args.dossiers
                mine_per = (ours[p.name].up + ours[p.name].down) / args.dossiers
                print(f"PouchDB → CouchDB protocol (express-pouchdb, plain HTTP), same proxy, {p.name}: "
                      f"{peer.seconds:.2f} s, {per:.0f} B/dossier, {peer.exchanges} HTTP round trips + "
                      f"{peer.connections} TCP; ours is {peer.seconds / ours[p.name].seconds:.1f}× faster with "
                      f"{per / mine_per:.1f}× fewer bytes (and encrypted)")
        finally:
            tpl.drop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
