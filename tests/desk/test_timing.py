"""The one definition of lateness (desk/timing.py), on dossiers as the desk and the district store them."""

from __future__ import annotations

from datetime import datetime

from desk import timing

DUE = "2026-11-27T17:00:00"


def _d(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {"status": "received", "due_at": DUE, "new_due_at": None, "result_at": None,
                               "paused_at": None}
    base.update(kw)
    return base


def test_result_at_the_due_minute_is_on_time_one_minute_later_is_late() -> None:
    assert timing.result_class(_d(status="result_ready", result_at="2026-11-27T17:00:00")) == timing.ON_TIME
    assert timing.result_class(_d(status="result_ready", result_at="2026-11-27T17:00:59")) == timing.ON_TIME
    assert timing.result_class(_d(status="result_ready", result_at="2026-11-27T17:01:00")) == timing.LATE
    assert timing.result_class(_d(status="returned", result_at="2026-11-27T08:00:00")) == timing.ON_TIME
    assert timing.result_class(_d(status="returned", result_at="2026-11-26T16:59:00")) == timing.EARLY
    assert timing.label_vi(_d(status="returned", result_at="2026-11-26T16:59:00"), datetime(2026, 12, 1)) == "Trước hạn"


def test_an_apology_never_makes_a_late_dossier_on_time() -> None:
    late = _d(status="returned", new_due_at="2026-12-04T17:00:00", result_at="2026-12-03T10:00:00")
    assert timing.result_class(late) == timing.LATE
    assert timing.expected_return(late) == datetime(2026, 12, 4, 17, 0)
    assert timing.promised_due(late) == datetime(2026, 11, 27, 17, 0)
    pending = _d(status="in_processing", new_due_at="2026-12-04T17:00:00")
    assert timing.pending_class(pending, datetime(2026, 11, 27, 17, 0)) == timing.WITHIN
    assert timing.pending_class(pending, datetime(2026, 11, 27, 17, 1)) == timing.PAST


def test_a_paused_clock_is_judged_when_it_stopped() -> None:
    before = _d(status="supplement_requested", paused_at="2026-11-25T10:00:00")
    after = _d(status="awaiting_payment", paused_at="2026-11-30T10:00:00")
    assert timing.pending_class(before, datetime(2027, 1, 1)) == timing.WITHIN
    assert timing.pending_class(after, datetime(2027, 1, 1)) == timing.PAST
    assert timing.is_paused(before) and timing.paused_since(before) == datetime(2026, 11, 25, 10, 0)


def test_not_accepted_cancelled_and_ended_dossiers_are_neither_resolved_nor_pending() -> None:
    at = datetime(2027, 1, 1)
    refused = _d(status="refused", due_at="")
    sent_back = _d(status="supplement_requested", due_at="", paused_at="2026-11-23T09:00:00")
    cancelled = _d(status="cancelled", result_at="2026-11-24T09:00:00")
    for d in (refused, sent_back, cancelled, _d(status="withdrawn"), _d(status="stopped")):
        assert timing.verdict(d, at) is None
    assert not timing.counted(cancelled) and timing.counted(refused)
    assert timing.promised_due(refused) is None and not timing.is_paused(sent_back)
    # Refused after processing is an answer: judged like a result.
    assert timing.result_class(_d(status="rejected", result_at="2026-11-28T09:00:00")) == timing.LATE


def test_pauses_come_from_the_action_log() -> None:
    log = [
        {"kind": "receive", "from_status": None, "to_status": "supplement_requested", "at": "2026-11-20T08:00:00"},
        {"kind": "supplement_received", "from_status": "supplement_requested", "to_status": "received",
         "at": "2026-11-23T09:00:00"},
        {"kind": "hand_over", "from_status": "received", "to_status": "in_processing", "at": "2026-11-23T10:00:00"},
        {"kind": "request_payment", "from_status": "in_processing", "to_status": "awaiting_payment",
         "at": "2026-11-24T10:00:00"},
        {"kind": "payment_done", "from_status": "awaiting_payment", "to_status": "in_processing",
         "at": "2026-11-25T14:00:00"},
        {"kind": "request_supplement", "from_status": "in_processing", "to_status": "supplement_requested",
         "at": "2026-11-26T08:00:00"},
    ]
    assert timing.pause_intervals(log) == [(datetime(2026, 11, 24, 10, 0), datetime(2026, 11, 25, 14, 0)),
                                           (datetime(2026, 11, 26, 8, 0), None)]
