"""The period report's figures against counts the test knows from the dossiers it wrote, boundaries
included (issue 13): carried over, the due minute and one minute after, a late dossier with an apology,
a paused clock, withdrawn / stopped / cancelled / refused at the desk, the period's first and last minute."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from desk.reports import desk_data
from desk.reports import figures as fg
from desk.services import Desk
from tests.support import report_rows as rr

PERIOD = (date(2026, 3, 1), date(2026, 3, 31))
NOW = datetime(2026, 4, 10, 12, 0)


def scenario(procs: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, int]]]:
    """(row, what it must add to its procedure's line). Comments give the boundary each one tests."""
    a, b = procs[0], procs[1]
    R = rr.row
    return [
        # carried over: received before the period, still pending at its end, past its deadline
        (R(a, received_at="2026-02-20T09:00:00", due_at="2026-03-05T17:00:00"), {"carried": 1, "past": 1}),
        # carried over and resolved early in the period
        (R(a, received_at="2026-02-25T09:00:00", due_at="2026-03-12T17:00:00", status="result_ready",
           result_at="2026-03-10T10:00:00"), {"carried": 1, "early": 1}),
        # resolved before the period: not in it at all
        (R(a, received_at="2026-02-10T09:00:00", due_at="2026-02-20T17:00:00", status="returned",
           result_at="2026-02-28T23:59:00", returned_at="2026-02-28T23:59:00"), {}),
        # resolved at the period's first minute: carried over and resolved (late) in it
        (R(a, received_at="2026-02-11T09:00:00", due_at="2026-02-27T17:00:00", status="result_ready",
           result_at="2026-03-01T00:00:00"), {"carried": 1, "late": 1}),
        # online, resolved at the due minute (seconds do not count): on time
        (R(a, channel="online", due_at="2026-03-09T16:30:00", status="returned", result_at="2026-03-09T16:30:45",
           returned_at="2026-03-09T16:40:00", satisfaction="very_satisfied"), {"new_online": 1, "on_time": 1}),
        # in person, one minute after the due minute: late
        (R(a, due_at="2026-03-09T16:30:00", status="result_ready", result_at="2026-03-09T16:31:00"),
         {"new_direct": 1, "late": 1}),
        # late with an apology: resolved before the apology's date, after the promised one: late
        (R(b, due_at="2026-03-09T10:00:00", new_due_at="2026-03-15T10:00:00", status="returned",
           result_at="2026-03-12T09:00:00", returned_at="2026-03-13T09:00:00", satisfaction="dissatisfied"),
         {"new_direct": 1, "late": 1}),
        # supplement pause before the deadline: its clock stopped, within at the period's end
        (R(b, due_at="2026-03-25T17:00:00", status="supplement_requested", paused_at="2026-03-20T09:00:00"),
         {"new_direct": 1, "within": 1}),
        # the same deadline without a pause: past
        (R(b, due_at="2026-03-25T17:00:00"), {"new_direct": 1, "past": 1}),
        # paused after its deadline: past
        (R(b, due_at="2026-03-25T17:00:00", status="awaiting_payment", paused_at="2026-03-27T09:00:00"),
         {"new_direct": 1, "past": 1}),
        # by post, withdrawn in the period
        (R(b, channel="post", status="withdrawn", status_at="2026-03-07T09:00:00"),
         {"new_direct": 1, "withdrawn": 1}),
        # stopped in the period; refused at the desk after acceptance
        (R(b, status="stopped", status_at="2026-03-08T09:00:00"), {"new_direct": 1, "stopped": 1}),
        (R(b, status="refused", status_at="2026-03-02T08:10:00"), {"new_direct": 1, "stopped": 1}),
        # refused at the desk before acceptance (no promised date), cancelled: never counted
        (R(b, status="refused", due_at=""), {}),
        (R(b, status="cancelled", result_at="2026-03-05T09:00:00"), {}),
        # refused after processing: an answer, judged like a result (on an earlier day: early)
        (R(b, status="rejected", due_at="2026-03-20T17:00:00", result_at="2026-03-19T08:00:00"),
         {"new_direct": 1, "early": 1}),
        # the period's last minute: new, pending within (due in April)
        (R(a, channel="online", received_at="2026-03-31T23:59:00", due_at="2026-04-07T17:00:00"),
         {"new_online": 1, "within": 1}),
        # the next period's first minute: not in it
        (R(a, received_at="2026-04-01T00:00:00", due_at="2026-04-08T17:00:00"), {}),
        # resolved at the next period's first minute: pending at the end (its deadline not yet past)
        (R(a, received_at="2026-03-20T09:00:00", due_at="2026-04-02T17:00:00", status="result_ready",
           result_at="2026-04-01T00:00:00"), {"new_direct": 1, "within": 1}),
        # withdrawn before the period: not in it
        (R(a, received_at="2026-01-15T09:00:00", status="withdrawn", status_at="2026-02-01T09:00:00"), {}),
        # due at the period's last minute and still pending: judged at the end (00:00 next day): past
        (R(a, received_at="2026-03-24T09:00:00", due_at="2026-03-31T23:59:00"), {"new_direct": 1, "past": 1}),
        # returned in the period with a rating
        (R(a, received_at="2026-03-03T09:00:00", due_at="2026-03-06T17:00:00", status="returned",
           result_at="2026-03-06T08:00:00", returned_at="2026-03-06T09:00:00", satisfaction="satisfied"),
         {"new_direct": 1, "on_time": 1}),
    ]


@pytest.fixture
def desk(data_dir: Path) -> Any:
    d = Desk.open(data_dir)
    yield d
    d.close()


def procedures(desk: Any) -> list[dict[str, Any]]:
    return desk.store.query("SELECT code, name, field FROM procedures WHERE field <> '' ORDER BY code LIMIT 2")


def test_period_figures_equal_the_counts_known_from_the_data(desk: Any) -> None:
    procs = procedures(desk)
    cases = scenario(procs)
    rr.insert(desk.store, [r for r, _ in cases])
    expected: dict[str, Counter[str]] = {}
    for r, adds in cases:
        expected.setdefault(r["procedure_code"], Counter()).update(adds)

    report = desk_data.period(desk.store, *PERIOD, now=NOW)
    got = {p.code: p.counts for p in report.procedures}
    for code, exp in expected.items():
        if not exp:
            continue
        for key in ("carried", "new_online", "new_direct", "early", "on_time", "late", "within", "past",
                    "withdrawn", "stopped"):
            assert got[code].value(key) == exp[key], (code, key)
    total = sum(expected.values(), Counter())
    assert report.total.received == sum(total[k] for k in ("carried", "new_online", "new_direct")) == 17
    # Every line balances: what was received is resolved, pending, withdrawn or stopped.
    for line in [*report.procedures, *report.fields]:
        c = line.counts
        assert c.received == c.resolved + c.pending + c.withdrawn + c.stopped
    assert report.satisfaction.very_satisfied == 1 and report.satisfaction.satisfied == 1
    assert report.satisfaction.dissatisfied == 1
    ind = fg.indicators(report)
    assert ind.on_time_share == pytest.approx((total["early"] + total["on_time"]) / 7)
    assert ind.online_share == pytest.approx(2 / 14)
    assert {f.field for f in report.fields} == {p["field"] for p in procs}


def test_a_running_period_judges_pending_dossiers_now(desk: Any) -> None:
    procs = procedures(desk)
    rr.insert(desk.store, [rr.row(procs[0], received_at="2026-03-02T08:00:00", due_at="2026-03-10T17:00:00")])
    before = desk_data.period(desk.store, *PERIOD, now=datetime(2026, 3, 10, 17, 0, 59))
    after = desk_data.period(desk.store, *PERIOD, now=datetime(2026, 3, 10, 17, 1))
    assert (before.total.within, before.total.past) == (1, 0)
    assert (after.total.within, after.total.past) == (0, 1)


def test_day_summary_and_overdue_list(desk: Any) -> None:
    procs = procedures(desk)
    rr.insert(desk.store, [
        rr.row(procs[0], received_at="2026-03-10T08:00:00", due_at="2026-03-09T17:00:00"),
        rr.row(procs[0], received_at="2026-03-10T09:00:00", channel="online", due_at="2026-03-12T17:00:00"),
        rr.row(procs[1], received_at="2026-03-10T10:00:00", due_at="2026-03-11T17:00:00", status="returned",
               result_at="2026-03-10T11:00:00", returned_at="2026-03-10T11:30:00", satisfaction="satisfied"),
        rr.row(procs[1], received_at="2026-03-01T10:00:00", due_at="2026-03-05T17:00:00",
               status="supplement_requested", paused_at="2026-03-04T10:00:00"),
    ])
    day = desk_data.day_summary(desk.store, date(2026, 3, 10), now=datetime(2026, 3, 10, 16, 0))
    assert day.received_total == 3
    assert {p.code: (p.received, p.online) for p in day.received} == {procs[0]["code"]: (2, 1),
                                                                      procs[1]["code"]: (1, 0)}
    assert day.returned == 1 and day.satisfaction.satisfied == 1 and day.overdue == 1
    items = desk_data.overdue(desk.store, datetime(2026, 3, 10, 16, 0))
    assert [i.days_past for i in items] == [1]
    assert desk_data.overdue_by_procedure(items) == [(procs[0]["name"], 1)]


def test_chart_series(desk: Any) -> None:
    procs = procedures(desk)
    rr.insert(desk.store, [
        rr.row(procs[0], received_at="2026-03-02T08:00:00", result_at="2026-03-03T08:00:00", status="result_ready"),
        rr.row(procs[0], received_at="2026-03-02T09:00:00", due_at="2026-04-01T17:00:00", result_at="2026-04-02T08:00:00",
               status="result_ready"),
    ])
    days = desk_data.received_per_day(desk.store, date(2026, 3, 1), date(2026, 3, 3))
    assert days == [(date(2026, 3, 1), 0), (date(2026, 3, 2), 2), (date(2026, 3, 3), 0)]
    months = desk_data.in_time_per_month(desk.store, date(2026, 3, 1), date(2026, 4, 30))
    assert months == [("2026-03", 1, 1), ("2026-04", 1, 0)]


def test_a_period_ending_before_it_starts_is_refused(desk: Any) -> None:
    with pytest.raises(Exception) as e:
        desk_data.period(desk.store, date(2026, 3, 2), date(2026, 3, 1))
    assert "Đến ngày" in str(getattr(e.value, "message_vi", e.value))
