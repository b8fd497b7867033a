"""Report figures at volume (issue 13), each printed against its target:
- the desk's period report over 500,000 dossiers on its own (encrypted) SQLite file: ≤ 1 s;
- the district's aggregated report over 100 communes × 50,000 dossiers on PostgreSQL: ≤ 3 s
  (MOTCUA_BENCH_PG, default postgresql://postgres@127.0.0.1:5432/test: a database of its own, dropped after).

    python bench/bench_reports.py [--desk N] [--communes C --per-commune M] [--skip-desk] [--skip-district]
                                  [--keep-db] [--reuse-db NAME] [--desk-dir DIR]
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
from typing import Any

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
    print(f"{name:<62} {measured:<26} target {target:<12} {'OK' if ok else 'MISSED'}", flush=True)


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
def bench_desk(n: int, keep_dir: str = "") -> None:
    """`keep_dir`: load into this folder once and measure on it again next time (nothing is deleted)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(keep_dir) if keep_dir else Path(tmp) / "desk"
        loaded = folder.exists()
        desk = Desk.open(folder)
        load = 0.0 if loaded else _load_desk(desk, n)
        n = int(desk.store.scalar("SELECT COUNT(*) FROM dossiers"))
        for label, frm, to in (("the month just ended (Nov 2026)", date(2026, 11, 1), date(2026, 11, 30)),
                               ("a month nine months back (Mar 2026)", date(2026, 3, 1), date(2026, 3, 31)),
                               ("a year (2025)", date(2025, 1, 1), date(2025, 12, 31))):
            now = LOADED_AT
            report = desk_data.period(desk.store, frm, to, now=now)
            cpu: list[float] = []

            def once(f: date = frm, e: date = to, cpu: list[float] = cpu) -> None:
                c0 = time.process_time()
                desk_data.period(desk.store, f, e, now=LOADED_AT)
                cpu.append(time.process_time() - c0)

            t = timed(once)
            med = statistics.median(t)
            row(f"desk period report, {label} ({n} dossiers; load {load:.0f} s)",
                f"median {med * 1000:.0f} ms (max {max(t) * 1000:.0f})", "≤ 1000 ms", med <= 1.0)
            print(f"    CPU time of the process: median {statistics.median(cpu) * 1000:.0f} ms; "
                  f"received {report.total.received}, resolved {report.total.resolved}, "
                  f"pending {report.total.pending}", flush=True)
        desk.close()


def _load_desk(desk: Desk, n: int) -> float:
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
    conn.execute("PRAGMA synchronous=FULL")
    return time.perf_counter() - t0


# --- the district ------------------------------------------------------------------------------------------
# The same life as `synthetic`, written by PostgreSQL itself (generating 5 million rows in Python and copying
# them over would take longer than the report by three orders of magnitude).
DISTRICT_LOAD = """
WITH base AS (
  SELECT g, TIMESTAMP '2022-01-01 07:30' + (random() * CAST(:span AS integer)) * INTERVAL '1 minute' AS rec,
         random() AS rs, random() AS rc, random() AS rk, random() AS rp, random() AS rd, random() AS rh,
         random() AS rr, random() AS rq
  FROM generate_series(CAST(:lo AS integer), CAST(:hi AS integer)) AS g
), s AS (
  SELECT *, rec + (ARRAY[0, 1, 3, 5, 7, 10, 15])[1 + floor(rd * 7)::int] * INTERVAL '1 day'
              + floor(rh * 9) * INTERVAL '1 hour' AS due,
         CASE WHEN rs < 0.60 THEN 'returned' WHEN rs < 0.68 THEN 'result_ready' WHEN rs < 0.80 THEN 'in_processing'
              WHEN rs < 0.84 THEN 'received' WHEN rs < 0.88 THEN 'supplement_requested'
              WHEN rs < 0.90 THEN 'awaiting_payment' WHEN rs < 0.93 THEN 'withdrawn' WHEN rs < 0.94 THEN 'stopped'
              WHEN rs < 0.96 THEN 'rejected' WHEN rs < 0.97 THEN 'cancelled' ELSE 'refused' END AS st0
  FROM base
), t AS (
  SELECT *, CASE WHEN rec < TIMESTAMP '2026-11-01 12:00' AND rq > 0.02
                  AND st0 IN ('result_ready', 'in_processing', 'received', 'supplement_requested', 'awaiting_payment')
                 THEN 'returned' ELSE st0 END AS st,
         greatest(rec, due + (ARRAY[-72, -24, -2, 0, 0, 1, 30])[1 + floor(rr * 7)::int] * INTERVAL '1 hour') AS res
  FROM s
)
INSERT INTO dossiers (id, commune, device_id, code, procedure_code, procedure_name, applicant_name, received_at,
                      due_at, new_due_at, status, status_at, result_at, paused_at, returned_at, calendar_version,
                      catalog_version, data, documents, updated_at, field, channel, satisfaction)
SELECT md5(g::text), 'C' || lpad((g % CAST(:communes AS integer))::text, 3, '0'), 'dev', 'X-' || g,
       '1.' || lpad(((g * 7) % 120)::text, 6, '0'), 'Thủ tục số ' || ((g * 7) % 120), 'Nguyễn Văn Bình',
       to_char(rec, 'YYYY-MM-DD"T"HH24:MI:SS'),
       CASE WHEN st = 'refused' AND rk < 0.7 THEN '' ELSE to_char(due, 'YYYY-MM-DD"T"HH24:MI:SS') END, NULL, st,
       to_char(CASE WHEN st IN ('withdrawn', 'stopped', 'refused') THEN rec + floor(rp * 100) * INTERVAL '1 hour'
                    WHEN st IN ('returned', 'result_ready', 'rejected') THEN res ELSE rec END,
               'YYYY-MM-DD"T"HH24:MI:SS'),
       CASE WHEN st IN ('returned', 'result_ready', 'rejected') THEN to_char(res, 'YYYY-MM-DD"T"HH24:MI:SS') END,
       CASE WHEN st IN ('supplement_requested', 'awaiting_payment')
            THEN to_char(rec + (1 + floor(rp * 200)) * INTERVAL '1 hour', 'YYYY-MM-DD"T"HH24:MI:SS') END,
       CASE WHEN st = 'returned' THEN to_char(res, 'YYYY-MM-DD"T"HH24:MI:SS') END, 'v', 1, '{}', '[]',
       to_char(rec, 'YYYY-MM-DD"T"HH24:MI:SS'), 'Lĩnh vực ' || (((g * 7) % 120) % 12),
       CASE WHEN rc < 0.5 THEN 'direct' WHEN rc < 0.75 THEN 'online' ELSE 'post' END,
       CASE WHEN st = 'returned' THEN (ARRAY[NULL, 'very_satisfied', 'satisfied', 'satisfied', 'dissatisfied'])
                                      [1 + floor(rk * 5)::int] END
FROM t
"""
# Built after the load (faster than keeping them up to date row by row); the same as district steps 0013 and
# 0016 (the report's covering index, with each dossier's result class).
def district_indexes() -> tuple[str, ...]:
    from district.db import REPORT_INDEX

    return (REPORT_INDEX,
            "CREATE INDEX dossiers_procedure ON dossiers (procedure_code)",
            "CREATE INDEX dossiers_returned ON dossiers (returned_at, satisfaction, status, commune)")


def bench_district(admin_url: str, communes: int, per_commune: int, *, keep: bool = False,
                   reuse: str = "") -> None:
    """`keep`: leave the loaded database (its name is printed) for `reuse`, which measures without loading."""
    import psycopg

    from district import report_data
    from district.db import make_engine

    name = reuse or f"motcua_bench_reports_{uuid.uuid4().hex[:8]}"
    if not reuse:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    url = admin_url.rsplit("/", 1)[0] + "/" + name
    engine = make_engine(url)
    load = 0.0
    try:
        if not reuse:
            load = _load_district(engine, communes, per_commune)
        else:
            from district.db import migrate

            migrate(engine)  # a database kept by an older build gets this build's index steps
        print(f"    machine before: {machine()}", flush=True)
        year = (date(2025, 1, 1), date(2025, 12, 31))
        cases: list[tuple[str, Callable[[Any], object], Callable[[Any], str]]] = [
            (f"{label}, all communes", lambda c, f=f, e=e: report_data.period_report(c, f, e, now=LOADED_AT), totals)
            for label, f, e in (("a month (Nov 2026)", date(2026, 11, 1), date(2026, 11, 30)),
                                ("a month (Oct 2026)", date(2026, 10, 1), date(2026, 10, 31)),
                                ("a quarter (Q3 2026)", date(2026, 7, 1), date(2026, 9, 30)),
                                ("a quarter (Q1 2025)", date(2025, 1, 1), date(2025, 3, 31)),
                                ("a year (2025)", *year))]
        cases.append(("a year (2025), one commune",
                      lambda c: report_data.period_report(c, *year, commune="C007", now=LOADED_AT), totals))
        cases.append(("a year (2025), one line per commune",
                      lambda c: report_data.by_commune(c, *year, now=LOADED_AT),
                      lambda r: f"{len(r)} communes, received {sum(x.counts.received for x in r)}"))
        for label, run, describe in cases:
            with engine.connect() as conn:
                result = run(conn)
                t = timed(lambda c=conn, run=run: run(c), 3)
            med = statistics.median(t)
            row(f"district report, {label} ({communes}×{per_commune})",
                f"median {med * 1000:.0f} ms (max {max(t) * 1000:.0f})", "≤ 3000 ms", med <= 3.0)
            print(f"    {describe(result)}", flush=True)
        print(f"    machine after: {machine()}; load took {load:.0f} s", flush=True)
    finally:
        engine.dispose()
        if keep or reuse:
            print(f"    database kept: {name}", flush=True)
        else:
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def totals(report: Any) -> str:
    t = report.total
    return f"received {t.received}, resolved {t.resolved}, pending {t.pending}"


def machine() -> str:
    """The load the figures were measured under (the machine is shared): load average and CPU pressure."""
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else ["?"]
    pressure = Path("/proc/pressure/cpu")
    some = pressure.read_text().split()[1] if pressure.exists() else "?"
    return f"load average {' / '.join(load)}, CPU pressure {some}"


def _load_district(engine: Any, communes: int, per_commune: int) -> float:
    from sqlalchemy import text

    from district.db import migrate

    migrate(engine)
    n = communes * per_commune
    t0 = time.perf_counter()
    with engine.begin() as conn:
        for idx in ("dossiers_report", "dossiers_procedure", "dossiers_returned"):
            conn.execute(text(f"DROP INDEX IF EXISTS {idx}"))
    for lo in range(1, n + 1, 1_000_000):
        with engine.begin() as conn:
            conn.execute(text(DISTRICT_LOAD), {"lo": lo, "hi": min(n, lo + 999_999), "communes": communes,
                                               "span": 5 * 365 * 24 * 60 - 24 * 60})
    with engine.begin() as conn:
        for ddl in district_indexes():
            conn.execute(text(ddl))
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE dossiers"))
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--desk", type=int, default=500_000)
    ap.add_argument("--communes", type=int, default=100)
    ap.add_argument("--per-commune", type=int, default=50_000)
    ap.add_argument("--skip-desk", action="store_true")
    ap.add_argument("--skip-district", action="store_true")
    ap.add_argument("--keep-db", action="store_true", help="keep the district's loaded database")
    ap.add_argument("--desk-dir", default="", help="the desk's data folder: loaded once, measured again later")
    ap.add_argument("--reuse-db", default="", help="measure on a database kept by --keep-db")
    args = ap.parse_args()
    if not args.skip_desk:
        bench_desk(args.desk, args.desk_dir)
    if not args.skip_district:
        url = os.environ.get("MOTCUA_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test")
        bench_district(url, args.communes, args.per_commune, keep=args.keep_db, reuse=args.reuse_db)


if __name__ == "__main__":
    main()
