"""Benchmarks of fees and receipts (issue 19), printed against targets.

    python3 bench/bench_fees.py [--receipts 300]

- issue one receipt (number, row, audit, outbox op, high-water side file; one transaction): p50 ≤ 10 ms
- render one receipt (two copies, A5 and the 80 mm roll) and archive it: p50 ≤ 250 ms
- close a till of N receipts (one transaction): ≤ 200 ms; render its hand-over list: ≤ 2 s
- the collections report of a month (query) ≤ 50 ms; as XLSX ≤ 1 s

The desk runs on a real SQLite file in a temporary folder, through the real services.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk.fees.receipts import ReceiptInput
from desk.fees.report import collections, receipts_in, write_xlsx
from desk.forms.fees import FeeForms
from desk.services import Desk

ROWS: list[tuple[str, str, str, str]] = []


def ms(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def row(name: str, value: float, target: float, unit: str = "ms") -> None:
    ROWS.append((name, f"{value:.1f} {unit}", f"≤ {target:g} {unit}", "ok" if value <= target else "MISSED"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--receipts", type=int, default=300)
    n = ap.parse_args().receipts
    tmp = Path(tempfile.mkdtemp(prefix="bench-fees-"))
    now = [datetime(2026, 11, 23, 8, 0)]
    desk = Desk.open(tmp / "desk", clock=lambda: now[0])
    desk.office.save({"name": "UBND phường Hòa Bình", "agency_code": "000.00.06.H56", "place_name": "Hòa Bình"})
    officer = desk.officers.create("canbo1", "Trần Văn Tiếp", "matkhau123")["id"]
    desk.fees.series.register({"symbol": "01AA-26T", "form_no": "01BLP0-001", "first_no": 1, "last_no": 100000,
                               "per_desk": 10000, "org_name": "UBND phường Hòa Bình", "tax_code": "4600123456"})
    issue = desk.fees.receipts.issue
    times = [ms(lambda i=i: issue(ReceiptInput("2.000815", payer_name=f"Người nộp {i}", pages=3 + i % 20,
                                               copies=1 + i % 3), officer)) for i in range(n)]
    row(f"issue a receipt, p50 of {n}", statistics.median(times), 10)
    row(f"issue a receipt, p95 of {n}", sorted(times)[int(0.95 * (n - 1))], 25)
    forms = FeeForms(desk)
    first = desk.store.query("SELECT id FROM receipts ORDER BY number LIMIT 12")
    FeeForms(desk).receipt(str(first[0]["id"]))  # fonts loaded once, as the window's warm-up does
    for paper in ("a5", "80mm"):
        renders = [ms(lambda r=r, p=paper: forms.receipt(str(r["id"]), paper=p)) for r in first[1:]]
        row(f"render and archive a receipt ({paper}), p50", statistics.median(renders), 250)
    summary = desk.fees.till.summary(officer)
    close: dict[str, object] = {}
    row(f"close a till of {n} receipts", ms(lambda: close.update(desk.fees.till.close(
        officer, summary.expected_cash))), 200)
    row(f"render the hand-over list of {n} receipts", ms(lambda: forms.till(str(close["id"]))), 2000)
    report_ms = ms(lambda: collections(desk.store, date(2026, 11, 1), date(2026, 11, 30)))
    row("collections report of the month (query)", report_ms, 50)
    report = collections(desk.store, date(2026, 11, 1), date(2026, 11, 30))
    rows = receipts_in(desk.store, date(2026, 11, 1), date(2026, 11, 30))
    row("collections report as XLSX", ms(lambda: write_xlsx(report, rows, tmp / "r.xlsx", office="UBND")), 1000)
    desk.close()
    width = max(len(r[0]) for r in ROWS)
    print(f"{'measure':<{width}}  {'measured':>12}  {'target':>12}  result")
    for name, measured, target, ok in ROWS:
        print(f"{name:<{width}}  {measured:>12}  {target:>12}  {ok}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
