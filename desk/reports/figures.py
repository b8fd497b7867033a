"""The figures a desk is judged by (DOMAIN.md, "What a desk is judged by"), computed in SQL.

Every rule about early / on time / late and within / past deadline comes from `desk.timing` (its SQL forms
`result_class_sql`, `past_at_sql`, and `open_at_sql` written out as the rows' own conditions in
`period_sql`, tested there and in tests/desk/test_report_timing.py against the Python rules); nothing here
decides lateness itself. The queries are portable text over a table with the desk's dossier columns, so
the district runs the same ones over its own table (district/report_data.py).

A period is [date_from 00:00, date_to + 1 day 00:00), to the minute. For the period report:
- received = carried over (received before the period and still open at its start) + new online + new in
  person or by post (received in the period);
- resolved in the period (result ready, or refused after processing), early / on time / late against the
  promised date (an apology's new date never counts);
- pending at the period's end, within / past its deadline judged at the end (or now, while the period
  runs; a paused clock is judged at the moment it paused);
- withdrawn, and stopped (stopped by the office, or refused at the desk after it was received), in the
  period.
received = resolved + pending + withdrawn + stopped, for every line (tests/desk/test_reports.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta
from typing import Any

from desk import timing
from desk.errors import ValidationError

# Runs one SQL text with named parameters and returns its rows as dicts (a desk Store, or a SQLAlchemy
# connection at the district).
Query = Callable[[str, Mapping[str, Any]], list[dict[str, Any]]]

NO_FIELD_VI = "Chưa phân lĩnh vực"
MAX_PERIOD_DAYS = 3660


@dataclass
class Counts:
    carried: int = 0
    new_online: int = 0
    new_direct: int = 0  # in person or by post
    early: int = 0
    on_time: int = 0
    late: int = 0
    within: int = 0
    past: int = 0
    withdrawn: int = 0
    stopped: int = 0

    @property
    def new(self) -> int:
        return self.new_online + self.new_direct

    @property
    def received(self) -> int:
        return self.carried + self.new

    @property
    def resolved(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def pending(self) -> int:
        return self.within + self.past

    def add(self, other: Counts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def value(self, key: str) -> int:
        return int(getattr(self, key))


# The columns of the period report, in print order: (key, short header, group header). Every renderer
# (window, PDF, XLSX, the district's pages) takes its columns from here.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("received", "Tổng số", "Số hồ sơ nhận giải quyết"),
    ("carried", "Kỳ trước chuyển qua", "Số hồ sơ nhận giải quyết"),
    ("new_online", "Mới nhận trực tuyến", "Số hồ sơ nhận giải quyết"),
    ("new_direct", "Mới nhận trực tiếp, bưu chính", "Số hồ sơ nhận giải quyết"),
    ("resolved", "Tổng số", "Số hồ sơ đã giải quyết"),
    ("early", "Trước hạn", "Số hồ sơ đã giải quyết"),
    ("on_time", "Đúng hạn", "Số hồ sơ đã giải quyết"),
    ("late", "Quá hạn", "Số hồ sơ đã giải quyết"),
    ("pending", "Tổng số", "Số hồ sơ đang giải quyết"),
    ("within", "Trong hạn", "Số hồ sơ đang giải quyết"),
    ("past", "Quá hạn", "Số hồ sơ đang giải quyết"),
    ("withdrawn", "Rút hồ sơ", "Khác"),
    ("stopped", "Dừng, từ chối", "Khác"),
)
COLUMN_KEYS = tuple(c[0] for c in COLUMNS)


@dataclass
class ProcedureLine:
    field: str
    code: str
    name: str
    counts: Counts


@dataclass
class FieldLine:
    field: str
    counts: Counts
    procedures: list[ProcedureLine]


@dataclass
class Satisfaction:
    """Ratings given when results were returned in the period (Rất hài lòng / Hài lòng / Không hài lòng)."""
    very_satisfied: int = 0
    satisfied: int = 0
    dissatisfied: int = 0

    @property
    def rated(self) -> int:
        return self.very_satisfied + self.satisfied + self.dissatisfied

    def share(self, key: str) -> float | None:
        return share(int(getattr(self, key)), self.rated)


SATISFACTION_LABELS = (("very_satisfied", "Rất hài lòng"), ("satisfied", "Hài lòng"),
                       ("dissatisfied", "Không hài lòng"))


def share(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide (shown as '—', never as 0 %)."""
    return part / whole if whole else None


@dataclass
class PeriodReport:
    """'Tình hình, kết quả giải quyết TTHC' for a period, by field and procedure."""
    date_from: date
    date_to: date
    at: datetime  # the moment pending dossiers are judged at: the period's end, or now while it runs
    fields: list[FieldLine]
    total: Counts
    satisfaction: Satisfaction = field(default_factory=Satisfaction)

    @property
    def procedures(self) -> list[ProcedureLine]:
        return [p for f in self.fields for p in f.procedures]


@dataclass
class Indicators:
    """Decision 766/QĐ-TTg figures a desk can compute: on-time share, online share, satisfaction."""
    resolved: int
    resolved_in_time: int  # early + on time
    new: int
    new_online: int
    satisfaction: Satisfaction

    @property
    def on_time_share(self) -> float | None:
        return share(self.resolved_in_time, self.resolved)

    @property
    def online_share(self) -> float | None:
        return share(self.new_online, self.new)


def indicators(report: PeriodReport) -> Indicators:
    t = report.total
    return Indicators(resolved=t.resolved, resolved_in_time=t.early + t.on_time, new=t.new,
                      new_online=t.new_online, satisfaction=report.satisfaction)


# --- the period -------------------------------------------------------------------------------------------
def check_period(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise ValidationError("date_to", "«Đến ngày» phải sau hoặc bằng «Từ ngày».")
    if (date_to - date_from).days > MAX_PERIOD_DAYS:
        raise ValidationError("date_to", "Khoảng thời gian báo cáo dài quá 10 năm; hãy chọn khoảng ngắn hơn.")


def bounds(date_from: date, date_to: date, now: datetime) -> dict[str, str]:
    """The named parameters of the period's SQL: start, end (exclusive) and the judging moment."""
    start = datetime.combine(date_from, time())
    end = datetime.combine(date_to + timedelta(days=1), time())
    at = min(end, now)
    return {"start": timing.bound_param(start), "end": timing.bound_param(end), "at": timing.minute_param(at)}


def period_sql(*, table: str = "dossiers", scope: str = "", name: str = "MAX(procedure_name)",
               by: str = "procedure") -> str:
    """One pass over the table, grouped by procedure (or `by="commune"` at the district: one line per
    commune, its code in `code`). `scope` is an extra condition ('AND commune = :commune'); `name` the
    procedure name's expression (the desk takes names from its catalogue afterwards)."""
    ended = "(" + ", ".join(f"'{s}'" for s in sorted(timing.ENDED_WITHOUT_RESULT)) + ")"
    # The rows read: accepted dossiers received before the end and neither resolved nor ended before the
    # start. Within them, `open_at(start)` (carried over) is "received before the start", and `open_at(end)`
    # is "no result before the end, not ended before the end" (desk/timing.py; the conditions below are what
    # remains of those rules once the rows' own conditions hold).
    base = (f"{timing.COUNTED_ACCEPTED_SQL} AND received_at < :end "
            f"AND NOT (status IN {ended} AND status_at < :start) {scope}")
    cols_out = ", ".join(("procedure_code", "field") + (("procedure_name",) if "procedure_name" in name else ())
                         + (("commune",) if by == "commune" else ()))
    key = "procedure_code, field" if by == "procedure" else "commune"
    head = "procedure_code AS code, field AS field" if by == "procedure" else "commune AS code, '' AS field"
    # Each dossier gets three small codes, and the rows are counted per (line, codes): the outer query only
    # adds up a few hundred groups. intake: 0 carried over, 1 new online, 2 new in person / by post;
    # outcome: the result's class (resolved in the period) or the pending verdict at the end; ended: 1
    # withdrawn, 2 stopped or refused at the desk, in the period.
    intake = ("CASE WHEN received_at < :start THEN 0 WHEN channel = 'online' THEN 1 "
              "WHEN channel <> 'online' THEN 2 END")
    ended_in = "status_at >= :start AND status_at < :end"
    end_code = (f"CASE WHEN status = 'withdrawn' AND {ended_in} THEN 1 "
                f"WHEN status IN ('stopped', 'refused') AND {ended_in} THEN 2 END")
    pending = (f"CASE WHEN status IN {ended} AND status_at < :end THEN NULL "
               f"WHEN {timing.past_at_sql('at')} THEN '{timing.PAST}' ELSE '{timing.WITHIN}' END")
    # The same expression as the district's index (district/db.py, step 0016), so PostgreSQL reads each
    # dossier's class from the index instead of computing it.
    cls = timing.result_class_sql()

    def branch(where: str, outcome: str) -> str:
        return (f"SELECT {cols_out}, {intake} AS k_in, {outcome} AS k_out, {end_code} AS k_end "
                f"FROM {table} WHERE {where} AND {base}")

    # Three disjoint ranges of the report's covering index (result_at leads it): without a result (pending at
    # the end unless ended), resolved in the period (its class), resolved after it (pending at the end).
    rows = " UNION ALL ".join((
        branch("result_at IS NULL", pending),
        branch("result_at >= :start AND result_at < :end", cls),
        branch("result_at >= :end", pending),
    ))

    def count(col: str, value: str) -> str:
        return f"SUM(CASE WHEN {col} = {value} THEN n ELSE 0 END)"

    return f"""
SELECT {head}, MAX(name) AS name,
  {count("k_in", "0")} AS carried, {count("k_in", "1")} AS new_online, {count("k_in", "2")} AS new_direct,
  {count("k_out", f"'{timing.EARLY}'")} AS early, {count("k_out", f"'{timing.ON_TIME}'")} AS on_time,
  {count("k_out", f"'{timing.LATE}'")} AS late,
  {count("k_out", f"'{timing.WITHIN}'")} AS within, {count("k_out", f"'{timing.PAST}'")} AS past,
  {count("k_end", "1")} AS withdrawn, {count("k_end", "2")} AS stopped
FROM (SELECT {key}, {name} AS name, k_in, k_out, k_end, COUNT(*) AS n
      FROM ({rows}) AS d GROUP BY {key}, k_in, k_out, k_end) AS g
GROUP BY {key}
"""


def satisfaction_sql(*, table: str = "dossiers", scope: str = "") -> str:
    return f"""
SELECT satisfaction, COUNT(*) AS n FROM {table}
WHERE returned_at >= :start AND returned_at < :end AND satisfaction IS NOT NULL
  AND status <> 'cancelled' {scope}
GROUP BY satisfaction
"""


def assemble(rows: Sequence[Mapping[str, Any]], names: Mapping[str, str] | None = None) -> tuple[list[FieldLine], Counts]:
    """Per-procedure rows of `period_sql` into fields (sorted by name) with their totals."""
    by_field: dict[str, FieldLine] = {}
    total = Counts()
    for r in rows:
        c = Counts(**{f.name: int(r.get(f.name) or 0) for f in fields(Counts)})
        fname = str(r.get("field") or "") or NO_FIELD_VI
        code = str(r["code"])
        pname = (names or {}).get(code) or str(r.get("name") or code)
        line = by_field.setdefault(fname, FieldLine(fname, Counts(), []))
        line.procedures.append(ProcedureLine(fname, code, pname, c))
        line.counts.add(c)
        total.add(c)
    out = sorted(by_field.values(), key=lambda f: f.field)
    for f in out:
        f.procedures.sort(key=lambda p: (p.name, p.code))
    return out, total


def satisfaction_of(rows: Sequence[Mapping[str, Any]]) -> Satisfaction:
    s = Satisfaction()
    for r in rows:
        key = str(r["satisfaction"])
        if key in ("very_satisfied", "satisfied", "dissatisfied"):
            setattr(s, key, getattr(s, key) + int(r["n"]))
    return s


def period_report(query: Query, date_from: date, date_to: date, now: datetime, *, table: str = "dossiers",
                  scope: str = "", scope_params: Mapping[str, Any] | None = None,
                  names: Callable[[Sequence[str]], Mapping[str, str]] | None = None) -> PeriodReport:
    """The periodic report over `table` (the desk's dossiers, or the district's with a `scope`)."""
    check_period(date_from, date_to)
    params = {**bounds(date_from, date_to, now), **(scope_params or {})}
    name_expr = "''" if names is not None else "MAX(procedure_name)"
    rows = query(period_sql(table=table, scope=scope, name=name_expr), params)
    known = names([str(r["code"]) for r in rows]) if names is not None else None
    lines, total = assemble(rows, known)
    sat = satisfaction_of(query(satisfaction_sql(table=table, scope=scope), params))
    end = datetime.combine(date_to + timedelta(days=1), time())
    at = timing.moment(min(end, now))
    assert at is not None
    return PeriodReport(date_from, date_to, at, lines, total, sat)


# --- series for the charts ------------------------------------------------------------------------------
def received_per_day(query: Query, date_from: date, date_to: date, *, table: str = "dossiers",
                     scope: str = "", scope_params: Mapping[str, Any] | None = None) -> list[tuple[date, int]]:
    """Dossiers accepted on each day of the period (every day listed, 0 included)."""
    check_period(date_from, date_to)
    params = {**bounds(date_from, date_to, datetime.combine(date_to + timedelta(days=1), time())),
              **(scope_params or {})}
    rows = query(f"SELECT substr(received_at, 1, 10) AS day, COUNT(*) AS n FROM {table} "
                 f"WHERE {timing.COUNTED_ACCEPTED_SQL} AND received_at >= :start AND received_at < :end {scope} "
                 "GROUP BY substr(received_at, 1, 10)", params)
    got = {str(r["day"]): int(r["n"]) for r in rows}
    days = (date_to - date_from).days + 1
    return [(d, got.get(d.isoformat(), 0)) for d in (date_from + timedelta(days=i) for i in range(days))]


def in_time_per_month(query: Query, date_from: date, date_to: date, *, table: str = "dossiers",
                      scope: str = "", scope_params: Mapping[str, Any] | None = None
                      ) -> list[tuple[str, int, int]]:
    """(month 'YYYY-MM', resolved, resolved early or on time) for each month the period touches."""
    check_period(date_from, date_to)
    params = {**bounds(date_from, date_to, datetime.combine(date_to + timedelta(days=1), time())),
              **(scope_params or {})}
    cls = timing.result_class_sql()
    rows = query(f"SELECT substr(result_at, 1, 7) AS month, COUNT(*) AS n, "
                 f"SUM(CASE WHEN {cls} <> '{timing.LATE}' THEN 1 ELSE 0 END) AS ok FROM {table} "
                 f"WHERE {timing.COUNTED_ACCEPTED_SQL} AND result_at >= :start AND result_at < :end {scope} "
                 "GROUP BY substr(result_at, 1, 7)", params)
    got = {str(r["month"]): (int(r["n"]), int(r["ok"] or 0)) for r in rows}
    out = []
    y, m = date_from.year, date_from.month
    while (y, m) <= (date_to.year, date_to.month):
        key = f"{y:04d}-{m:02d}"
        n, ok = got.get(key, (0, 0))
        out.append((key, n, ok))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
