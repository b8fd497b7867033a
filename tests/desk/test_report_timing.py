"""The SQL forms of the timing rules (desk/timing.py) give what the Python rules give, row by row and in the
period report's totals, on random dossiers whose times cluster around the period's bounds and their
due minutes (seconds included)."""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from desk import timing
from desk.reports import figures as fg

START, END = datetime(2026, 3, 1), datetime(2026, 4, 1)
STATUSES = ("received", "in_processing", "supplement_requested", "awaiting_payment", "result_ready", "returned",
            "refused", "withdrawn", "stopped", "rejected", "cancelled")
COLS = ("procedure_code", "field", "procedure_name", "channel", "received_at", "due_at", "new_due_at", "status",
        "status_at", "paused_at", "result_at", "returned_at", "satisfaction")


def near(rng: random.Random, anchors: list[datetime]) -> datetime:
    base = rng.choice(anchors)
    return base + timedelta(minutes=rng.choice([-1, 0, 0, 1, rng.randint(-3000, 3000)]),
                            seconds=rng.choice([0, 0, 30, 59]))


def after(received: datetime, moment: datetime) -> str:
    """Nothing happens to a dossier before it was received."""
    return max(received, moment).isoformat()


def dossier(rng: random.Random) -> dict[str, Any]:
    received = near(rng, [START, END, START - timedelta(days=10), START + timedelta(days=10)])
    due = received + timedelta(days=rng.randint(0, 12), minutes=rng.randint(0, 600))
    status = rng.choice(STATUSES)
    d: dict[str, Any] = {"procedure_code": rng.choice("ABC"), "field": rng.choice(["F1", "F2"]),
                         "procedure_name": "x", "channel": rng.choice(["direct", "online", "post"]),
                         "received_at": received.isoformat(), "due_at": "" if rng.random() < 0.05 else due.isoformat(),
                         "new_due_at": None, "status": status, "status_at": received.isoformat(), "paused_at": None,
                         "result_at": None, "returned_at": None, "satisfaction": None}
    if status in ("result_ready", "returned", "rejected") or (status == "cancelled" and rng.random() < 0.5):
        d["result_at"] = after(received, near(rng, [due, START, END, received + timedelta(hours=2)]))
        if rng.random() < 0.3:
            d["new_due_at"] = (due + timedelta(days=3)).isoformat()
    if status in ("supplement_requested", "awaiting_payment"):
        d["paused_at"] = after(received, near(rng, [due, END, received + timedelta(hours=5)]))
    if status in ("withdrawn", "stopped", "refused"):
        d["status_at"] = after(received, near(rng, [START, END, received + timedelta(hours=3)]))
    return d


def python_counts(rows: list[dict[str, Any]], at: datetime) -> Counter[str]:
    """The report's totals from the Python rules alone."""
    c: Counter[str] = Counter()
    for d in rows:
        accepted = timing.counted(d) and timing.promised_due(d) is not None
        received = timing.moment(d["received_at"])
        assert received is not None
        if timing.open_at(d, START):
            c["carried"] += 1
        elif accepted and START <= received < END:
            c["new_online" if d["channel"] == "online" else "new_direct"] += 1
        done = timing.resolved_at(d)
        if accepted and done is not None and START <= done < END:
            c[str(timing.result_class(d))] += 1
        pend = timing.pending_class_at(d, END, at)
        if pend:
            c[pend] += 1
        ended = timing.ended_at(d)
        if accepted and ended is not None and START <= ended < END and received < END:
            c["withdrawn" if d["status"] == "withdrawn" else "stopped"] += 1
    return c


def table(rows: list[dict[str, Any]]) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.row_factory = sqlite3.Row
    db.execute(f"CREATE TABLE dossiers ({', '.join(COLS)})")
    db.executemany(f"INSERT INTO dossiers VALUES ({', '.join('?' for _ in COLS)})", [[r[k] for k in COLS] for r in rows])
    return db


def test_sql_report_totals_equal_the_python_rules() -> None:
    rng = random.Random(13)
    rows = [dossier(rng) for _ in range(4000)]
    db = table(rows)

    def query(sql: str, params: Any) -> list[dict[str, Any]]:
        return [dict(r) for r in db.execute(sql, dict(params))]

    for now in (datetime(2026, 5, 1), datetime(2026, 3, 20, 10, 30, 40)):
        report = fg.period_report(query, date(2026, 3, 1), date(2026, 3, 31), now)
        at = min(END, now)
        expected = python_counts(rows, at)
        for key in ("carried", "new_online", "new_direct", "early", "on_time", "late", "within", "past",
                    "withdrawn", "stopped"):
            assert report.total.value(key) == expected[key], (now, key)


def test_sql_forms_row_by_row() -> None:
    rng = random.Random(7)
    rows = [dossier(rng) for _ in range(3000)]
    db = table(rows)
    bound, at = timing.bound_param(START), timing.minute_param(datetime(2026, 3, 10, 12, 0, 30))
    sql = (f"SELECT {timing.open_at_sql('b')} AS open, CASE WHEN result_at IS NULL THEN NULL ELSE "
           f"{timing.result_class_sql()} END AS cls, {timing.past_at_sql('at')} AS past FROM dossiers")
    got = db.execute(sql, {"b": bound, "at": at}).fetchall()
    for d, g in zip(rows, got, strict=True):
        assert bool(g["open"]) == timing.open_at(d, START)
        if d["result_at"] and d["due_at"]:
            assert g["cls"] == timing.classify(d["result_at"], d["due_at"])
        if timing.open_at(d, START):
            assert bool(g["past"]) == (timing.pending_class_at(d, START, datetime(2026, 3, 10, 12, 0)) == timing.PAST)


def test_pending_class_at_equals_pending_class_for_a_dossier_pending_now() -> None:
    rng = random.Random(3)
    now = datetime(2026, 3, 15, 9, 41)
    for _ in range(2000):
        d = dossier(rng)
        if timing.is_pending(d) and timing.moment(d["received_at"]) < now:  # type: ignore[operator]
            assert timing.pending_class_at(d, now + timedelta(days=30), now) == timing.pending_class(d, now)
