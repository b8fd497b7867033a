"""Benchmarks of receptions and petitions (issue 14), printed against targets.

    python3 bench/bench_petitions.py [--petitions 3000]

- take in one petition (validation, reference number, calendar due date, one transaction with row,
  action log, audit and outbox op): p50 ≤ 10 ms
- one step (accept: the deadline from the calendar): p50 ≤ 10 ms
- a year's figures (the seeds' sentence) over N petitions: ≤ 200 ms
- Sổ theo dõi xử lý đơn of a month (landscape A4), rendered and archived: ≤ 5 s

The desk runs on a real SQLite file in a temporary folder, through the real services.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk.intake import ApplicantInput
from desk.petitions.papers import PetitionPapers
from desk.petitions.service import ActInput, PetitionInput
from desk.services import Desk

KINDS = ("kien-nghi", "kien-nghi", "kien-nghi", "khieu-nai", "to-cao", "tranh-chap")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--petitions", type=int, default=3000)
    n = ap.parse_args().petitions
    now = [datetime(2026, 12, 30, 16, 0)]
    with tempfile.TemporaryDirectory() as tmp:
        desk = Desk.open(Path(tmp) / "d", clock=lambda: now[0])
        desk.office.save({"name": "UBND phường Hòa Bình", "agency_code": "000.00.06.H56", "place_name": "Hòa Bình"})
        adds, acts = [], []
        start = datetime(2026, 1, 2, 8, 0)
        for i in range(n):
            received = start + timedelta(minutes=i * (360 * 24 * 60 // n))
            t = time.perf_counter()
            p = desk.petitions.add(PetitionInput(kind=KINDS[i % len(KINDS)],
                                                 petitioner=ApplicantInput(full_name="Nguyễn Văn An"),
                                                 content=f"Nội dung đơn số {i}", received_at=received))
            adds.append((time.perf_counter() - t) * 1000)
            if i % 10:
                t = time.perf_counter()
                desk.petitions.act(p["ref"], "accept", ActInput(at=received + timedelta(days=2)))
                acts.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        sentence = desk.petitions.figures(date(2026, 1, 1), date(2026, 12, 31)).sentence()
        figures_ms = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        PetitionPapers(desk).petition_register(date(2026, 6, 1), date(2026, 6, 30))
        register_s = time.perf_counter() - t
        month = desk.store.scalar("SELECT COUNT(*) FROM petitions WHERE received_at >= '2026-06' "
                                  "AND received_at < '2026-07'")
        desk.close()
    q = statistics.quantiles
    print(f"take in a petition: p50 {statistics.median(adds):.1f} ms, p95 {q(adds, n=20)[-1]:.1f} ms "
          f"(target p50 ≤ 10 ms)")
    print(f"accept (deadline from the calendar): p50 {statistics.median(acts):.1f} ms, p95 {q(acts, n=20)[-1]:.1f} ms "
          "(target p50 ≤ 10 ms)")
    print(f"a year's figures over {n} petitions: {figures_ms:.0f} ms (target ≤ 200 ms)")
    print(f"  {sentence}")
    print(f"petitions register of a month ({month} petitions): {register_s:.2f} s (target ≤ 5 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
