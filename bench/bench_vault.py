"""What encryption at rest and the integrity check cost, printed against targets.

    python3 bench/bench_vault.py [--dossiers 100000] [--writes 200]

- a dossier write through the real path (receive, synchronous=FULL) on the encrypted store, and the same
  write with the cipher off (a raw-key SQLCipher connection to a plain file costs the same as sqlite3):
  alternating rounds so a busy disk affects both alike; target: encrypted p50 ≤ 5 ms (issue 1)
- opening a Desk (key lookup, quick_check of a small database, migrations check)
- quick_check of a database with `--dossiers` dossiers (what the start-up and every backup pay)
- a backup of that database (copy, check of the copy)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("MOTCUA_DESK_KEYS", tempfile.mkdtemp(prefix="bench-keys-"))

from desk import dbfile, health
from desk.backup import make_backup
from desk.intake import ApplicantInput, IntakeInput
from desk.services import Desk
from desk.store import step_scope
from desk.text import fold

ROWS: list[tuple[str, str, str, str]] = []


def row(name: str, measured: str, target: str, ok: bool) -> None:
    ROWS.append((name, measured, target, "ok" if ok else "MISSED"))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _desk(folder: Path) -> tuple[Desk, str]:
    desk = Desk.open(folder)
    desk.office.save({"name": "UBND phường Hòa Bình", "agency_code": "000.00.06.H56"})
    officer = desk.officers.create("canbo1", "Trần Văn Tiếp", "matkhau123")
    return desk, str(officer["id"])


def _intake(rng: random.Random) -> IntakeInput:
    return IntakeInput("2.000815", ApplicantInput(f"Nguyễn Văn {rng.choice('ABCDEGHKLMN')}",
                                                  f"0010990{rng.randint(10000, 99999)}", "01/01/1999", "Nam"))


def bench_writes(tmp: Path, n: int) -> None:
    enc, enc_officer = _desk(tmp / "encrypted")
    # The same store with the cipher off: SQLCipher opened without a key reads and writes plain pages,
    # exactly as sqlite3 did before (the bench swaps the start-up check that would encrypt the file).
    real_prepare = health.prepare
    health.prepare = lambda path: None  # type: ignore[assignment,return-value]
    try:
        plain, plain_officer = _desk(tmp / "plain")
    finally:
        health.prepare = real_prepare
    assert dbfile.is_plain_sqlite(tmp / "plain" / "desk.db")
    rng = random.Random(1)
    times: dict[str, list[float]] = {"encrypted": [], "plain": []}
    for i in range(n):
        for label, desk, officer in (("encrypted", enc, enc_officer), ("plain", plain, plain_officer))[:: 1 if i % 2
                                                                                                      else -1]:
            intake = _intake(rng)
            t = time.perf_counter()
            desk.dossiers.receive(intake, officer)
            times[label].append((time.perf_counter() - t) * 1000)
    e50, p50 = statistics.median(times["encrypted"]), statistics.median(times["plain"])
    row("receive a dossier, encrypted (synchronous=FULL)", f"p50 {e50:.2f} ms, p95 {pct(times['encrypted'], .95):.2f}",
        "p50 ≤ 5 ms", e50 <= 5)
    row("receive a dossier, same store unencrypted", f"p50 {p50:.2f} ms, p95 {pct(times['plain'], .95):.2f}",
        f"reported (+{(e50 / p50 - 1) * 100:.0f}% encrypted)", True)
    enc.close()
    plain.close()


def bench_open(tmp: Path) -> None:
    desk, _ = _desk(tmp / "open")
    desk.close()
    t = []
    for _ in range(20):
        s = time.perf_counter()
        Desk.open(tmp / "open", load_catalog=False).close()
        t.append((time.perf_counter() - s) * 1000)
    row("open a desk (key, quick_check, migrations)", f"p50 {statistics.median(t):.1f} ms", "reported", True)


def bench_big(tmp: Path, n_dossiers: int) -> None:
    desk, _ = _desk(tmp / "big")
    procs = desk.store.query("SELECT code, name, field FROM procedures")
    rng = random.Random(3)
    start = datetime(2024, 1, 1, 7, 30)
    conn = desk.store.conn()
    conn.execute("PRAGMA synchronous=OFF")
    with step_scope():
        for lo in range(0, n_dossiers, 20000):
            conn.execute("BEGIN")
            for i in range(lo, min(n_dossiers, lo + 20000)):
                name = f"Nguyễn Văn {i}"
                when = start + timedelta(minutes=2 * i)
                p = procs[rng.randrange(len(procs))]
                code = f"000.00.06.H56-{when:%y%m%d}-01{i % 10000:04d}{i // 10000:02d}"
                cur = conn.execute(
                    "INSERT INTO dossiers (id, code, code_tail_rev, procedure_code, procedure_name, field, "
                    "applicant_name, applicant_name_fold, applicant_id_number, applicant_phone, received_at, "
                    "received_by, desk_no, due_at, status, status_at, register_no, calendar_version, "
                    "catalog_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', 1, "
                    "?, 'returned', ?, ?, 'v', 1, ?, ?)",
                    (f"id{i}", code, code[-6:][::-1], p["code"], p["name"], p["field"], name, fold(name),
                     f"001099{i:06d}", f"09{i:08d}", when.isoformat(), when.isoformat(), when.isoformat(), i,
                     when.isoformat(), when.isoformat()))
                conn.execute("INSERT INTO dossiers_fts (rowid, name_fold, procedure_fold) VALUES (?, ?, ?)",
                             (cur.lastrowid, fold(name), fold(p["name"])))
            conn.execute("COMMIT")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = desk.store.path.stat().st_size / 1e6
    t = []
    for _ in range(3):
        s = time.perf_counter()
        problems = health.check(desk.store.path, desk.store.key)
        t.append(time.perf_counter() - s)
        assert problems == [], problems
    row(f"quick_check, {n_dossiers:,} dossiers ({size:.0f} MB), fresh connection", f"median {statistics.median(t):.2f} s",
        "reported (paid at start and per backup)", True)
    s = time.perf_counter()
    make_backup(desk.store)
    row("backup of it (check, copy, check the copy)", f"{time.perf_counter() - s:.2f} s", "reported", True)
    desk.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossiers", type=int, default=100_000)
    ap.add_argument("--writes", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        bench_writes(tmp, args.writes)
        bench_open(tmp)
        bench_big(tmp, args.dossiers)
    width = max(len(r[0]) for r in ROWS)
    print(f"\n{'measure':<{width}}  {'measured':<34}  {'target':<28}  verdict")
    for name, measured, target, verdict in ROWS:
        print(f"{name:<{width}}  {measured:<34}  {target:<28}  {verdict}")


if __name__ == "__main__":
    main()
