"""The district's aggregated report (issue 13): the desk's period figures over the district's copy of every
commune's dossiers, for all communes or one, on SQLite and PostgreSQL.

API (kept small and stable; district/web and the CLI call it):

    period_report(conn, date_from, date_to, *, commune=None, now=None) -> PeriodReport
        "Tình hình, kết quả giải quyết TTHC": fields → procedures → Counts, total, satisfaction
        (desk/reports/figures.py); `commune` limits it to one commune's code.
    by_commune(conn, date_from, date_to, *, now=None) -> list[CommuneLine]
        the same columns, one line per commune (code and Counts), communes in code order.
    indicators(report) -> Indicators          on-time share, online share, satisfaction
    received_per_day(...), in_time_per_month(...)    chart series, same arguments as period_report.

    Rendering, with the desk's own code (desk/reports/render.py), each -> bytes:
        period_pdf(report, heading, scope="Toàn huyện") / period_xlsx(report, heading, scope=…)
        pdf(communes_document([(line.commune, name, line.counts) …], date_from, date_to), heading) / xlsx(…)
        pdf(indicators_document(report), heading) / xlsx(…)
    with `heading = Heading(agency="UBND huyện …", unit="…", place="…")`. The window's tables come from
    desk/reports/tables.py (period_table, communes_table, indicators_table) if a page wants the same cells.

`conn` is a SQLAlchemy Connection; `now` (office wall time, naive) defaults to the server's clock in office
time. The figures use the same definitions as the desk's (desk.timing through its SQL forms), on the
`due_at` / `new_due_at` / `result_at` / `paused_at` the desks pushed. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, text

from desk.reports import figures as fg
from desk.reports.figures import Counts, Indicators, PeriodReport, indicators
from desk.sync import protocol as p
from district.db import utcnow

__all__ = ["CommuneLine", "Indicators", "PeriodReport", "by_commune", "in_time_per_month", "indicators",
           "office_now", "period_report", "received_per_day"]


def office_now() -> datetime:
    return (utcnow() + p.OFFICE_UTC_OFFSET).replace(tzinfo=None)


def _query(conn: Connection) -> fg.Query:
    if conn.dialect.name == "postgresql":
        # PostgreSQL compiles the report's expressions with LLVM first: ~0.4 s spent before reading a row,
        # more than it saves over a few hundred thousand index entries (docs/performance.md).
        conn.execute(text("SET LOCAL jit = off"))
        # The report counts its rows per (line, intake, outcome, ended) in a hash table of a few thousand
        # groups, but the planner guesses a hundred thousand; with the default 4 MB it would sort a year's
        # million rows on disk instead (docs/performance.md). The groups need a few MB per worker.
        conn.execute(text("SET LOCAL work_mem = '64MB'"))

    def run(sql: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        return [dict(r._mapping) for r in conn.execute(text(sql), dict(params))]
    return run


def _scope(commune: str | None) -> tuple[str, dict[str, Any]]:
    return ("AND commune = :commune", {"commune": commune}) if commune else ("", {})


def _names(conn: Connection) -> Any:
    """Procedure names as the desks sent them: one statement, an indexed look-up per procedure."""
    def names(codes: Sequence[str]) -> dict[str, str]:
        if not codes:
            return {}
        values = ", ".join(f"(:c{i})" for i in range(len(codes)))
        sql = (f"WITH c(code) AS (VALUES {values}) SELECT code, (SELECT d.procedure_name FROM dossiers d "
               "WHERE d.procedure_code = c.code LIMIT 1) AS name FROM c")
        rows = conn.execute(text(sql), {f"c{i}": code for i, code in enumerate(codes)})
        return {str(r[0]): str(r[1]) for r in rows if r[1] is not None}
    return names


def period_report(conn: Connection, date_from: date, date_to: date, *, commune: str | None = None,
                  now: datetime | None = None) -> PeriodReport:
    scope, params = _scope(commune)
    return fg.period_report(_query(conn), date_from, date_to, now or office_now(), scope=scope,
                            scope_params=params, names=_names(conn))


@dataclass
class CommuneLine:
    commune: str
    counts: Counts


def by_commune(conn: Connection, date_from: date, date_to: date, *, now: datetime | None = None) -> list[CommuneLine]:
    fg.check_period(date_from, date_to)
    params = fg.bounds(date_from, date_to, now or office_now())
    rows = _query(conn)(fg.period_sql(by="commune", name="''"), params)
    return sorted((CommuneLine(str(r["code"]), Counts(**{f.name: int(r.get(f.name) or 0) for f in fields(Counts)}))
                   for r in rows), key=lambda c: c.commune)


def received_per_day(conn: Connection, date_from: date, date_to: date, *,
                     commune: str | None = None) -> list[tuple[date, int]]:
    scope, params = _scope(commune)
    return fg.received_per_day(_query(conn), date_from, date_to, scope=scope, scope_params=params)


def in_time_per_month(conn: Connection, date_from: date, date_to: date, *,
                      commune: str | None = None) -> list[tuple[str, int, int]]:
    scope, params = _scope(commune)
    return fg.in_time_per_month(_query(conn), date_from, date_to, scope=scope, scope_params=params)


