"""Report figures at volume (issue 13), each printed against its target:
- the desk's period report over 500,000 dossiers on its own (encrypted) SQLite file: ≤ 1 s;
- the district's aggregated report over 100 communes × 50,000 dossiers on PostgreSQL: ≤ 3 s
  (needs MOTCUA_BENCH_PG, e.g. postgresql://postgres@127.0.0.1:5432/test; a schema of its own is dropped after).

    python bench/bench_reports.py [--desk N] [--communes C --per-commune M] [--skip-desk] [--skip-district]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk.reports import desk_data
from desk.services import Desk
from desk.store import step_scope

STATES = ["returned"] * 60 + ["result_ready"] * 8 + ["in_processing"] * 12 + ["received"] * 4 + \
         ["supplement_requested"] * 4 + ["awaiting_payment"] * 2 + ["withdrawn"] * 3 + ["stopped"] * 1 + \
         ["rejected"] * 2 + ["cancelled"] * 1 + ["refused"] * 3

OPEN = {"result_ready", "in_processing", "received", "supplement_requested", "awaiting_payment"}
LOADED_AT = datetime(2026, 12, 31, 12, 0)  # the data is as a desk would hold it on this day


def row(name: str, measured: str, target: str, ok: bool) -> None:
    print(f"{name:<62} {measured:<26} target {target:<12} {'OK' if ok else 'MISSED'}")


def timed(fn: Callable[[], object], n: int = 5) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def synthetic(rng: random.Random, i: int, start: datetime, span_minutes: int) -> dict[str, object]:
    """A dossier whose life follows the lifecycle: received, due a few working days later, and — by its
    state — resolved before, at or after its due date, paused, or ended."""
    received = start + timedelta(minutes=rng.randrange(span_minutes))
    due = received + timedelta(days=rng.choice([0, 1, 3, 5, 7, 10, 15]), hours=rng.randint(0, 8))
    status = rng.choice(STATES)
    if received < LOADED_AT - timedelta(days=60) and status in OPEN and rng.random() > 0.02:
        status = "returned"  # old dossiers were answered long ago, bar a few forgotten ones
    d: dict[str, object] = {"channel": rng.choice(["direct", "direct", "online", "post"]),
                            "received_at": received.isoformat(), "due_at": due.isoformat(), "status": status,
                            "status_at": received.isoformat(), "paused_at": None, "result_at": None,
                            "returned_at": None, "satisfaction": None, "new_due_at": None}
    if status == "refused" and rng.random() < 0.7:
        d["due_at"] = ""
    if status in ("returned", "result_ready", "rejected"):
        result = due + timedelta(hours=rng.choice([-72, -24, -2, 0, 0, 1, 30]))
        d["result_at"] = max(result, received).isoformat()
        d["status_at"] = d["result_at"]
        if status == "returned":
            d["returned_at"] = d["result_at"]
            d["satisfaction"] = rng.choice([None, "very_satisfied", "satisfied", "satisfied", "dissatisfied"])
    if status in ("supplement_requested", "awaiting_payment"):
        d["paused_at"] = (received + timedelta(hours=rng.randint(1, 200))).isoformat()
    if status in ("withdrawn", "stopped", "refused"):
        d["status_at"] = (received + timedelta(hours=rng.randint(0, 100))).isoformat()
    return d


# --- the desk ---------------------------------------------------------------------------------------------
def bench_desk(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        desk = Desk.open(Path(tmp) / "desk")
        procs = desk.store.query("SELECT code, name, field FROM procedures")
        rng = random.Random(13)
        conn = desk.store.conn()
        conn.execute("PRAGMA synchronous=OFF")  # bulk load only; the measured report is a read
        t0 = time.perf_counter()
        start, span = datetime(2022, 1, 1, 7, 30), 5 * 365 * 24 * 60 - 24 * 60
        cols = ("id", "code", "procedure_code", "procedure_name", "field", "applicant_name", "applicant_name_fold",
                "channel", "received_at", "received_by", "desk_no", "due_at", "new_due_at", "status", "status_at",
                "paused_at", "result_at", "returned_at", "satisfaction", "register_no", "calendar_version",
                "catalog_version", "created_at", "updated_at", "applicant_address", "applicant_phone")
        sql = f"INSERT INTO dossiers ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
        with step_scope():
            for lo in range(0, n, 20000):
                batch = []
                for i in range(lo, min(n, lo + 20000)):
                    p = procs[rng.randrange(len(procs))]
                    d = synthetic(rng, i, start, span)
                    batch.append((str(uuid.uuid4()), f"000.00.06.H56-X-{i:07d}", p["code"], p["name"], p["field"],
                                  "Nguyễn Văn Bình", "nguyen van binh", d["channel"], d["received_at"], "bench", 1,
                                  d["due_at"], d["new_due_at"], d["status"], d["status_at"], d["paused_at"],
                                  d["result_at"], d["returned_at"], d["satisfaction"], i, "v", 1, d["received_at"],
                                  d["received_at"], "Thôn Đông, xã Hòa Bình, tỉnh Quảng Trị", "0912345678"))
                conn.execute("BEGIN")
                conn.executemany(sql, batch)
                conn.execute("COMMIT")
        conn.execute("ANALYZE")
        load = time.perf_counter() - t0
        for label, frm, to in (("a month", date(2026, 3, 1), date(2026, 3, 31)),
                               ("a year", date(2025, 1, 1), date(2025, 12, 31))):
            now = LOADED_AT
            report = desk_data.period(desk.store, frm, to, now=now)
            t = timed(lambda f=frm, e=to, nw=now: desk_data.period(desk.store, f, e, now=nw))
            med = statistics.median(t)
            row(f"desk period report, {label} ({n} dossiers; load {load:.0f} s)",
                f"median {med * 1000:.0f} ms (max {max(t) * 1000:.0f})", "≤ 1000 ms", med <= 1.0)
            print(f"    received {report.total.received}, resolved {report.total.resolved}, "
                  f"pending {report.total.pending}")
        desk.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--desk", type=int, default=500_000)
    ap.add_argument("--communes", type=int, default=100)
    ap.add_argument("--per-commune", type=int, default=50_000)
    ap.add_argument("--skip-desk", action="store_true")
    ap.add_argument("--skip-district", action="store_true")
    args = ap.parse_args()
    if not args.skip_desk:
        bench_desk(args.desk)
    if not args.skip_district:
        url = os.environ.get("MOTCUA_BENCH_PG")
        if not url:
            print("district report: skipped (set MOTCUA_BENCH_PG to a PostgreSQL URL)")
        else:
            from bench_reports_district import bench_district  # type: ignore[import-not-found]
            bench_district(url, args.communes, args.per_commune)


if __name__ == "__main__":
    main()
