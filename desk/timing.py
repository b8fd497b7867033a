"""Lateness: the one definition every consumer uses (dossier list and its filters, control sheet,
register, sync payload, the district's reports).

The rules (DOMAIN.md, "Counting time limits"):

- A dossier's **promised date** is `due_at`: the date-time printed on its form 01. It is set when the
  desk accepts the dossier, and only a step that legally moves the deadline moves it (the supplement
  that pauses or restarts the clock, verification needed, the citizen's financial obligation); a
  re-issued form 01 then carries it. A dossier the desk refused or sent back for completion at intake
  has no promised date (`due_at` is empty).
- The apology (form 04) records a **new date** in `new_due_at`, beside the promised one. It never
  replaces it and never changes the verdict: a dossier resolved after its promised date is late, even
  when it met the apology's date (provincial reports count it late).
- A dossier is **resolved** when its result is ready, or when the processing office refused to resolve
  it (từ chối giải quyết): `result_at` holds that moment. Resolved at or before the promised minute is
  on time — before the promised *day* is early — and one minute later is late.
- A **pending** dossier (accepted, not resolved, not ended otherwise) is within or past its deadline at
  a given moment. While its clock is paused (awaiting a supplement or the citizen's financial
  obligation) it is judged at the moment it paused.
- A **cancelled** dossier (entered by mistake) is kept but never counted; a withdrawn or stopped one is
  neither resolved nor pending.

Every time is office wall time (Asia/Ho_Chi_Minh), naive, compared to the minute. Values may be ISO
strings (as stored, desk or district) or datetimes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from desk import lifecycle as lc

EARLY = "early"
ON_TIME = "on_time"
LATE = "late"
WITHIN = "within"
PAST = "past"

LABELS_VI = {EARLY: "Trước hạn", ON_TIME: "Đúng hạn", LATE: "Quá hạn", WITHIN: "Trong hạn", PAST: "Quá hạn"}
LABELS_EN = {EARLY: "Early", ON_TIME: "On time", LATE: "Late", WITHIN: "In time", PAST: "Overdue"}

# Statuses whose clock is stopped; the moment it stopped is the dossier's `paused_at`.
PAUSED = frozenset({lc.SUPPLEMENT_REQUESTED, lc.AWAITING_PAYMENT})
# Statuses of an accepted dossier still waiting for its result.
PENDING = frozenset({lc.RECEIVED, lc.IN_PROCESSING, lc.SUPPLEMENT_REQUESTED, lc.AWAITING_PAYMENT})
# Ended without a result: neither resolved nor pending (and a cancelled one is not counted at all).
ENDED = frozenset({lc.WITHDRAWN, lc.STOPPED, lc.REFUSED, lc.CANCELLED})
# The steps that stop and restart the clock, as the action log names them.
PAUSING_ACTIONS = frozenset({"request_supplement", "request_payment"})


def moment(value: object) -> datetime | None:
    """A stored time (ISO text or datetime) to the minute; None for a missing one."""
    if value is None or value == "":
        return None
    m = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return m.replace(tzinfo=None, second=0, microsecond=0)


# --- the dates ---------------------------------------------------------------------------------------
def promised_due(dossier: Mapping[str, Any]) -> datetime | None:
    """The date-time promised on form 01 (None: not accepted, so nothing was promised)."""
    return moment(dossier.get("due_at"))


def new_due(dossier: Mapping[str, Any]) -> datetime | None:
    """The apology's new date (form 04), if one was given. Never used to judge lateness."""
    return moment(dossier.get("new_due_at"))


def expected_return(dossier: Mapping[str, Any]) -> datetime | None:
    """When the citizen now expects the result: the apology's date if any, else the promised one. For
    telling the citizen and sorting work, never for judging lateness."""
    return new_due(dossier) or promised_due(dossier)


def resolved_at(dossier: Mapping[str, Any]) -> datetime | None:
    """When processing gave its answer (result ready, or refusal to resolve); None while it has not."""
    if dossier.get("status") == lc.CANCELLED:
        return None
    return moment(dossier.get("result_at"))


def paused_since(dossier: Mapping[str, Any]) -> datetime | None:
    """The moment the clock stopped, while it is stopped."""
    if dossier.get("status") not in PAUSED:
        return None
    return moment(dossier.get("paused_at"))


def is_paused(dossier: Mapping[str, Any]) -> bool:
    return dossier.get("status") in PAUSED and promised_due(dossier) is not None


# --- the verdicts ------------------------------------------------------------------------------------
def counted(dossier: Mapping[str, Any]) -> bool:
    """Does the dossier count in figures at all? A cancelled one (entered by mistake) never does."""
    return dossier.get("status") != lc.CANCELLED


def classify(resolved: datetime | str, due: datetime | str) -> str:
    """The boundary rule, on its own: early (an earlier day), on time (up to the promised minute), late."""
    r, d = moment(resolved), moment(due)
    assert r is not None and d is not None
    if r > d:
        return LATE
    return EARLY if r.date() < d.date() else ON_TIME


def result_class(dossier: Mapping[str, Any]) -> str | None:
    """'early' / 'on_time' / 'late' for a resolved dossier against its promised date; None otherwise."""
    due, done = promised_due(dossier), resolved_at(dossier)
    if due is None or done is None or not counted(dossier):
        return None
    return classify(done, due)


def is_pending(dossier: Mapping[str, Any]) -> bool:
    """Accepted, counted, and still waiting for its result."""
    return (dossier.get("status") in PENDING and promised_due(dossier) is not None
            and resolved_at(dossier) is None)


def pending_class(dossier: Mapping[str, Any], at: datetime) -> str | None:
    """'within' / 'past' the deadline at `at` for a pending dossier; None for any other."""
    if not is_pending(dossier):
        return None
    due = promised_due(dossier)
    assert due is not None
    now = moment(at)
    assert now is not None
    paused = paused_since(dossier)
    judged = min(now, paused) if paused is not None else now
    return PAST if judged > due else WITHIN


def is_overdue(dossier: Mapping[str, Any], at: datetime) -> bool:
    return pending_class(dossier, at) == PAST


def verdict(dossier: Mapping[str, Any], at: datetime) -> str | None:
    """One word for a dossier at `at`: its result class once resolved, else within / past while pending."""
    return result_class(dossier) or pending_class(dossier, at)


def label_vi(dossier: Mapping[str, Any], at: datetime) -> str:
    v = verdict(dossier, at)
    return LABELS_VI[v] if v else ""


# --- the same rules in SQL (the dossier list's filters) ------------------------------------------------
def _sql_set(names: Iterable[str]) -> str:
    return "(" + ", ".join(f"'{n}'" for n in sorted(names)) + ")"


PENDING_SQL = f"status IN {_sql_set(PENDING)} AND due_at <> '' AND result_at IS NULL"


def overdue_sql(at: datetime) -> tuple[str, list[str]]:
    """`pending_class(d, at) == 'past'` as a WHERE clause over `dossiers` and its parameters."""
    now = moment(at)
    assert now is not None
    cutoff = now.isoformat(timespec="seconds")
    paused = _sql_set(PAUSED)
    return (f"({PENDING_SQL} AND ((status IN {paused} AND paused_at IS NOT NULL AND "
            f"substr(paused_at, 1, 16) > substr(due_at, 1, 16)) OR "
            f"(NOT (status IN {paused} AND paused_at IS NOT NULL) AND due_at < ?)))", [cutoff])


def due_between_sql(start: datetime, end: datetime) -> tuple[str, list[str]]:
    """Pending dossiers whose promised date falls in [start, end) (e.g. "due today")."""
    a, b = moment(start), moment(end)
    assert a is not None and b is not None
    return (f"({PENDING_SQL} AND due_at >= ? AND due_at < ?)",
            [a.isoformat(timespec="seconds"), b.isoformat(timespec="seconds")])


# --- the clock's pauses, from the action log ----------------------------------------------------------
def pause_intervals(actions: Iterable[Mapping[str, Any]]) -> list[tuple[datetime, datetime | None]]:
    """Each stretch the clock stood still, in order, from the dossier's action log; the last one is
    open (end None) while the dossier is still paused. A dossier sent back for completion at intake is
    not paused: its clock had not started."""
    out: list[tuple[datetime, datetime | None]] = []
    start: datetime | None = None
    for a in actions:
        at = moment(a.get("at"))
        if at is None:
            continue
        entering = a.get("to_status") in PAUSED and a.get("from_status") not in PAUSED and a.get("from_status")
        leaving = a.get("from_status") in PAUSED and a.get("to_status") not in PAUSED
        if entering:
            start = at
        elif leaving and start is not None:
            out.append((start, at))
            start = None
    if start is not None:
        out.append((start, None))
    return out


# --- a period's figures: where a dossier stood at a moment that may be past ---------------------------
# A report over a period asks where each dossier stood at the period's start (carried over) and at its end
# (still pending), though the dossier may have moved on since. A moment here is an exclusive bound, to the
# minute: a dossier received at 00:00 on the first day is new in the period, one resolved at 00:00 on the
# day after is not resolved in it. These are the same rules as above, with "now" replaced by that moment;
# each has its SQL form below, tested against it (tests/desk/test_report_timing.py).
ENDED_WITHOUT_RESULT = frozenset({lc.WITHDRAWN, lc.STOPPED, lc.REFUSED})


def ended_at(dossier: Mapping[str, Any]) -> datetime | None:
    """When a dossier ended without a result (withdrawn, stopped, refused at the desk): its last status
    change; None for any other."""
    if dossier.get("status") not in ENDED_WITHOUT_RESULT:
        return None
    return moment(dossier.get("status_at"))


def open_at(dossier: Mapping[str, Any], bound: datetime) -> bool:
    """Was the dossier accepted and still waiting for its result just before `bound`: received before it,
    and neither resolved nor ended before it? A cancelled one never was."""
    t = moment(bound)
    received = moment(dossier.get("received_at"))
    if t is None or received is None or not counted(dossier) or promised_due(dossier) is None:
        return False
    if received >= t:
        return False
    done, ended = resolved_at(dossier), ended_at(dossier)
    return (done is None or done >= t) and (ended is None or ended >= t)


def pending_class_at(dossier: Mapping[str, Any], bound: datetime, at: datetime) -> str | None:
    """'within' / 'past' for a dossier open at `bound` (a period's end), judged at `at` (the end, or now
    if the period has not ended): the rule of `pending_class`, which it equals for a dossier pending now."""
    if not open_at(dossier, bound):
        return None
    due = promised_due(dossier)
    judged = moment(at)
    assert due is not None and judged is not None
    paused = paused_since(dossier)
    if paused is not None and paused < judged:
        judged = paused
    return PAST if judged > due else WITHIN


def bound_param(value: datetime) -> str:
    """A moment as the SQL forms below take it: ISO text cut to the minute (':00' seconds), so that text
    comparison with a stored time compares minutes exactly as `moment` does."""
    m = moment(value)
    assert m is not None
    return m.isoformat(timespec="seconds")


# The SQL forms. Portable text (SQLite and PostgreSQL) over a table with the desk's dossier columns;
# parameters are named (`:name`), which both sqlite3 and SQLAlchemy's text() accept.
COUNTED_ACCEPTED_SQL = f"(status <> '{lc.CANCELLED}' AND due_at <> '')"


def open_at_sql(param: str) -> str:
    """`open_at(d, :param)` as a condition (`param` names a `bound_param` value)."""
    ended = _sql_set(ENDED_WITHOUT_RESULT)
    return (f"({COUNTED_ACCEPTED_SQL} AND received_at < :{param} "
            f"AND (result_at IS NULL OR result_at >= :{param}) "
            f"AND NOT (status IN {ended} AND status_at < :{param}))")


def result_class_sql() -> str:
    """`classify(result_at, due_at)` as a CASE giving 'early' / 'on_time' / 'late' (for a row whose
    result_at is set)."""
    return (f"(CASE WHEN substr(result_at, 1, 16) > substr(due_at, 1, 16) THEN '{LATE}' "
            f"WHEN substr(result_at, 1, 10) < substr(due_at, 1, 10) THEN '{EARLY}' ELSE '{ON_TIME}' END)")


def minute_param(value: datetime) -> str:
    """A moment as 'YYYY-MM-DDTHH:MM', the form `past_at_sql` compares with."""
    return bound_param(value)[:16]


def past_at_sql(at_param: str) -> str:
    """For a row open at the period's end: is it past its deadline when judged at `:at_param` (a
    `minute_param` value; the clock of a paused dossier stopped when it paused)? The rule of
    `pending_class_at`."""
    paused = _sql_set(PAUSED)
    return (f"(CASE WHEN status IN {paused} AND paused_at IS NOT NULL AND substr(paused_at, 1, 16) < "
            f":{at_param} THEN substr(paused_at, 1, 16) ELSE :{at_param} END > substr(due_at, 1, 16))")
