"""End-of-day sync of a busy ward's day through a throttling proxy, against the real server process.

    python3 bench/bench_sync.py [--dossiers 100] [--runs 3] [--database sqlite|postgres]

A desk receives `--dossiers` dossiers through the real write path while offline, then runs one
`SyncClient.sync_once()` (as `desk sync` at closing time: new connection, token fetched, push, pull,
reference data; `--warm`: a token from an earlier sync is still valid) through tests/sync/faultproxy.py
shaped as
- 2G: 6,000 B/s each way, 600 ms ± 300 ms round trip;
- 3G: 100,000 B/s each way, 150 ms round trip.
`--cuts N` adds runs where the connection drops N times in the middle of a push body: the bytes up
then show what a flaky link costs (one partial batch per cut, never the whole day again).
Printed per profile (median of the runs): seconds, bytes on the wire (HTTP headers and bodies, both
ways), bytes per dossier, round trips (HTTP exchanges plus TCP handshakes), and the ratio to the
physical floor = wire bytes ÷ bandwidth + round trips × mean RTT. Targets (issue 5): ≤ 1.5 × floor and
≤ 600 bytes per dossier. TCP/IP headers (about 40 bytes per 1,460-byte segment) are not counted.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk.services import Desk
from desk.sync import HttpTransport, SyncClient
from tests.sync import workload as wl
from tests.sync.faultproxy import FaultProxy
from tests.sync.harness import DistrictServer, pg_available, pg_drop, pg_exec

TARGET_RATIO = 1.5
TARGET_BYTES = 600


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
    exchanges: int
    connections: int
    ok: bool

    def floor(self, p: Profile) -> float:
        return (self.up + self.down) / p.bandwidth + (self.exchanges + self.connections) * p.rtt


class Templates:
    """A desk with a day's dossiers, enrolled but never synced, and the server database it enrolled in."""

    def __init__(self, root: Path, dossiers: int, backend: str, *, warm: bool = False) -> None:
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
        if warm:  # a sync earlier in the day left a valid token (2 h) and a pull cursor behind
            assert client.sync_once().ok
        client.close()
        wl.receive(desk, officer, random.Random(100), dossiers)
        self.payload_bytes = int(desk.store.scalar("SELECT SUM(LENGTH(payload)) FROM outbox") or 0)
        desk.close()
        server.stop()
        if self.pg_name:
            pg_exec(f'CREATE DATABASE "{self.pg_name}_tpl" TEMPLATE "{self.pg_name}"')

    def fresh(self, run_dir: Path) -> tuple[DistrictServer, Path]:
        shutil.copytree(self.root / "desk", run_dir / "desk")
        if self.backend == "sqlite":
            (run_dir / "server").mkdir(parents=True)
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


def one_run(tpl: Templates, profile: Profile, run_dir: Path, dossiers: int, cuts: int = 0) -> Run:
    server, desk_dir = tpl.fresh(run_dir)
    try:
        with FaultProxy(server.port, seed=hash(run_dir.name) & 0xFFFF) as proxy:
            proxy.set_link(rtt=profile.rtt, jitter=profile.jitter, bandwidth=profile.bandwidth)
            if cuts:  # the link drops in the middle of a push body, `cuts` times
                proxy.cut_request_after(6000, match=b"POST /api/sync/v1/push ", times=cuts)
            desk = Desk.open(desk_dir, clock=lambda: datetime(2026, 11, 23, 16, 45))
            client = SyncClient(desk, transport=HttpTransport(proxy.url))
            start = time.perf_counter()
            report = client.sync_once()
            seconds = time.perf_counter() - start
            if report.error is not None:
                print(f"  ({profile.name}: sync failed: {report.error.code} {report.error.message_vi})")
            client.close()
            desk.close()
            s = proxy.stats
            stored = len(server.query("SELECT id FROM dossiers"))
        return Run(seconds, s.bytes_up, s.bytes_down, s.round_trips, s.connections,
                   report.all_acknowledged and stored == dossiers)
    finally:
        server.cleanup()
        if tpl.backend == "postgres":
            pg_drop(f"{tpl.pg_name}_{run_dir.name}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dossiers", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    ap.add_argument("--warm", action="store_true", help="the desk synced earlier today: its token is still valid")
    ap.add_argument("--cuts", type=int, default=0,
                    help="also run with the connection cut this many times mid-push (what a flaky link re-sends)")
    args = ap.parse_args()
    if args.database == "postgres" and (reason := pg_available()):
        print(reason)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        tpl = Templates(root / "tpl", args.dossiers, args.database, warm=args.warm)
        try:
            print(f"End-of-day sync of {args.dossiers} dossiers (server on {args.database}, "
                  f"{'token cached' if args.warm else 'token fetched'}); "
                  f"outbox payload {tpl.payload_bytes / args.dossiers:.0f} B/dossier before gzip; "
                  f"median of {args.runs} runs")
            head = (f"{'profile':>7} | {'seconds':>7} | {'up B':>7} | {'down B':>7} | {'B/dossier':>9} | "
                    f"{'round trips':>11} | {'floor s':>7} | {'ratio':>5} | verdict")
            print(head)
            print("-" * len(head))
            plans = [(p, 0) for p in PROFILES] + ([(p, args.cuts) for p in PROFILES] if args.cuts else [])
            for p, cuts in plans:
                runs = [one_run(tpl, p, root / f"{p.name}-{cuts}-{i}", args.dossiers, cuts) for i in range(args.runs)]
                med = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]
                per = (med.up + med.down) / args.dossiers
                ratio = statistics.median(r.seconds / r.floor(p) for r in runs)
                verdicts = []
                verdicts.append("ratio met" if ratio <= TARGET_RATIO else
                                f"ratio MISSED by {ratio / TARGET_RATIO:.2f}×")
                verdicts.append("bytes met" if per <= TARGET_BYTES else f"bytes MISSED by {per / TARGET_BYTES:.2f}×")
                if not all(r.ok for r in runs):
                    verdicts.append("NOT ALL DELIVERED")
                trips = f"{med.exchanges}+{med.connections} tcp"
                name = f"{p.name}×{cuts}cut" if cuts else p.name
                print(f"{name:>7} | {med.seconds:>7.2f} | {med.up:>7} | {med.down:>7} | {per:>9.0f} | {trips:>11} | "
                      f"{med.floor(p):>7.2f} | {ratio:>5.2f} | {', '.join(verdicts)}")
            print(f"targets: ratio ≤ {TARGET_RATIO} × floor, ≤ {TARGET_BYTES} B/dossier on the wire")
        finally:
            tpl.drop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
