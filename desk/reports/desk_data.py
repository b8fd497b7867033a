"""The desk's own figures: the period report, the day's summary, the overdue list and the chart series,
read from the desk's database (desk/reports/figures.py holds the shared rules and SQL)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from desk import timing
from desk.reports import figures as fg
from desk.reports.figures import PeriodReport, Query, Satisfaction
from desk.store import Store


def store_query(store: Store) -> Query:
    def run(sql: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        return store.query(sql, dict(params))
    return run


def catalogue_names(store: Store) -> Any:
    """Procedure names from the catalogue, by code (a code the catalogue lost keeps its dossiers' name)."""
    def names(codes: Sequence[str]) -> dict[str, str]:
        if not codes:
            return {}
        out = {str(r["code"]): str(r["name"]) for r in store.query("SELECT code, name FROM procedures")}
        missing = [c for c in codes if c not in out]
        for c in missing:
            row = store.query_one("SELECT procedure_name FROM dossiers WHERE procedure_code = ? LIMIT 1", (c,))
            if row:
                out[c] = str(row["procedure_name"])
        return out
    return names


def period(store: Store, date_from: date, date_to: date, now: datetime | None = None) -> PeriodReport:
    return fg.period_report(store_query(store), date_from, date_to, now or store.clock(),
                            names=catalogue_names(store))


@dataclass
class OverdueItem:
    code: str
    procedure_code: str
    procedure_name: str
    field: str
    applicant_name: str
    received_at: datetime
    due_at: datetime
    new_due_at: datetime | None
    status: str
    days_past: int  # calendar days from the promised date to the moment judged


def overdue(store: Store, at: datetime | None = None) -> list[OverdueItem]:
    """Pending dossiers past their promised date at `at` (the dossier list's "Quá hạn" filter, one rule:
    `timing.overdue_sql`), the longest overdue first."""
    at = at or store.clock()
    where, params = timing.overdue_sql(at)
    rows = store.query(f"SELECT code, procedure_code, procedure_name, field, applicant_name, received_at, due_at, "
                       f"new_due_at, status, paused_at FROM dossiers WHERE {where} ORDER BY due_at, code", params)
    out = []
    for r in rows:
        due = timing.promised_due(r)
        assert due is not None
        judged = timing.moment(at)
        paused = timing.paused_since(r)
        if paused is not None and judged is not None and paused < judged:
            judged = paused
        received = timing.moment(r["received_at"])
        assert judged is not None and received is not None
        out.append(OverdueItem(str(r["code"]), str(r["procedure_code"]), str(r["procedure_name"]),
                               str(r["field"] or ""), str(r["applicant_name"]), received, due,
                               timing.new_due(r), str(r["status"]), max(0, (judged.date() - due.date()).days)))
    return out


def overdue_by_procedure(items: Sequence[OverdueItem]) -> list[tuple[str, int]]:
    """(procedure name, overdue dossiers), most first: the chart's bars."""
    c = Counter(i.procedure_name for i in items)
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass
class DayProcedure:
    code: str
    name: str
    received: int
    online: int


@dataclass
class DaySummary:
    day: date
    at: datetime
    received: list[DayProcedure]
    handed_over: int
    returned: int
    overdue: int
    not_synced: int  # changes this desk has not yet had acknowledged by the district
    satisfaction: Satisfaction = field(default_factory=Satisfaction)

    @property
    def received_total(self) -> int:
        return sum(p.received for p in self.received)


def day_summary(store: Store, day: date, now: datetime | None = None) -> DaySummary:
    """The day's summary: received by procedure, handed over, returned, overdue at the day's end (or now),
    changes not yet synced, and the ratings given that day."""
    now = now or store.clock()
    start = datetime.combine(day, time())
    end = start + timedelta(days=1)
    at = min(end, now)
    s, e = timing.bound_param(start), timing.bound_param(end)
    rows = store.query(
        f"SELECT procedure_code AS code, COUNT(*) AS n, SUM(CASE WHEN channel = 'online' THEN 1 ELSE 0 END) AS online "
        f"FROM dossiers WHERE {timing.COUNTED_ACCEPTED_SQL} AND received_at >= ? AND received_at < ? "
        "GROUP BY procedure_code", (s, e))
    names = catalogue_names(store)([str(r["code"]) for r in rows])
    received = sorted((DayProcedure(str(r["code"]), names.get(str(r["code"]), str(r["code"])), int(r["n"]),
                                    int(r["online"] or 0)) for r in rows), key=lambda p: (-p.received, p.name))
    handed = int(store.scalar(
        "SELECT COUNT(*) FROM dossier_actions a JOIN dossiers d ON d.id = a.dossier_id "
        "WHERE a.kind = 'hand_over' AND a.at >= ? AND a.at < ? AND d.status <> 'cancelled'", (s, e)) or 0)
    returned = int(store.scalar("SELECT COUNT(*) FROM dossiers WHERE returned_at >= ? AND returned_at < ? "
                                "AND status <> 'cancelled'", (s, e)) or 0)
    where, params = timing.overdue_sql(at)
    overdue_n = int(store.scalar(f"SELECT COUNT(*) FROM dossiers WHERE {where}", params) or 0)
    not_synced = int(store.scalar("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'deferred')") or 0)
    sat = fg.satisfaction_of(store.query(fg.satisfaction_sql(), {"start": s, "end": e}))
    moment = timing.moment(at)
    assert moment is not None
    return DaySummary(day, moment, received, handed, returned, overdue_n, not_synced, sat)


def received_per_day(store: Store, date_from: date, date_to: date) -> list[tuple[date, int]]:
    return fg.received_per_day(store_query(store), date_from, date_to)


def in_time_per_month(store: Store, date_from: date, date_to: date) -> list[tuple[str, int, int]]:
    return fg.in_time_per_month(store_query(store), date_from, date_to)
