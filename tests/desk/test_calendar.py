"""The working-day calendar decides the date printed on every slip: check it over the year's hard cases."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from desk.calendar import OFF, WORK, OfficeHours, WorkCalendar

CAL = WorkCalendar()
CUTOFF = time(15, 0)


def test_real_slip_friday_five_days() -> None:
    # A real provincial slip: received Fri 27/10/2023 09:32, 5 working days, due Fri 03/11/2023.
    assert CAL.due(datetime(2023, 10, 27, 9, 32), 5) == datetime(2023, 11, 3, 9, 32)


def test_tet_2026_is_skipped() -> None:
    # Tết 2026: Mon 16/02 to Fri 20/02 off. Received Fri 13/02 10:00 with 3 days → Wed 25/02 10:00.
    assert all(not CAL.is_working_day(date(2026, 2, d)) for d in range(16, 21))
    assert CAL.due(datetime(2026, 2, 13, 10, 0), 3) == datetime(2026, 2, 25, 10, 0)


def test_tet_2027_starts_on_29_tet_and_a_weekend() -> None:
    # Tết Đinh Mùi: 29 Tết Thu 04/02 to mùng 5 Wed 10/02/2027 are not worked.
    assert [d for d in (date(2027, 2, x) for x in range(3, 12)) if not CAL.is_working_day(d)] == [
        date(2027, 2, x) for x in range(4, 11)]
    # A same-day procedure received on Wed 03/02 after 15:00 is returned on Thu 11/02.
    assert CAL.due(datetime(2027, 2, 3, 15, 30), 0, CUTOFF) == datetime(2027, 2, 11, 17, 0)
    assert CAL.due(datetime(2027, 2, 3, 9, 0), 2) == datetime(2027, 2, 12, 9, 0)


def test_reunification_and_labour_day_2026() -> None:
    # 30/4 (Thu) and 1/5 (Fri) off; received Wed 29/04 14:00 with 1 day → Mon 04/05 14:00.
    assert not CAL.is_working_day(date(2026, 4, 30))
    assert not CAL.is_working_day(date(2026, 5, 1))
    assert CAL.due(datetime(2026, 4, 29, 14, 0), 1) == datetime(2026, 5, 4, 14, 0)


def test_national_day_with_make_up_saturday_2026() -> None:
    # Sat 22/08/2026 is worked in exchange for Mon 31/08; 1/9 and 2/9 are off.
    assert CAL.is_working_day(date(2026, 8, 22))
    assert not CAL.is_working_day(date(2026, 8, 31))
    assert not CAL.is_working_day(date(2026, 9, 1)) and not CAL.is_working_day(date(2026, 9, 2))
    # Received Fri 21/08 09:00 with 1 day → the make-up Saturday 22/08 09:00.
    assert CAL.due(datetime(2026, 8, 21, 9, 0), 1) == datetime(2026, 8, 22, 9, 0)
    # Received Fri 28/08 16:00 with 2 days → Fri 04/09 16:00 (the weekend, 31/8, 1/9 and 2/9 skipped).
    assert CAL.due(datetime(2026, 8, 28, 16, 0), 2) == datetime(2026, 9, 4, 16, 0)


def test_culture_day_2026_is_off() -> None:
    assert not CAL.is_working_day(date(2026, 11, 24))
    assert CAL.due(datetime(2026, 11, 23, 10, 0), 1) == datetime(2026, 11, 25, 10, 0)


def test_weekend_receipt_counts_from_monday_opening() -> None:
    assert CAL.due(datetime(2026, 11, 28, 10, 0), 1) == datetime(2026, 11, 30, 17, 0)


def test_lunch_and_after_hours() -> None:
    # Received during lunch: the clock starts at 13:30; 3.5 h that afternoon + 4.5 h the next morning.
    assert CAL.due(datetime(2026, 11, 25, 12, 15), 1) == datetime(2026, 11, 26, 11, 30)
    # Received after closing: counts from the next morning's opening.
    assert CAL.due(datetime(2026, 11, 25, 18, 30), 1) == datetime(2026, 11, 26, 17, 0)
    # Received before opening: counts from 07:00 that day.
    assert CAL.due(datetime(2026, 11, 25, 6, 0), 1) == datetime(2026, 11, 25, 17, 0)


def test_same_day_rule_with_15h_cutoff() -> None:
    assert CAL.due(datetime(2026, 11, 23, 14, 59), 0, CUTOFF) == datetime(2026, 11, 23, 17, 0)
    # "Sau 15 giờ": 15:00 sharp is still today; 15:01 → the next working day (24/11 is off: Wednesday).
    assert CAL.due(datetime(2026, 11, 23, 15, 0), 0, CUTOFF) == datetime(2026, 11, 23, 17, 0)
    assert CAL.due(datetime(2026, 11, 23, 15, 1), 0, CUTOFF) == datetime(2026, 11, 25, 17, 0)
    # Received on Saturday → Monday.
    assert CAL.due(datetime(2026, 11, 28, 9, 0), 0, CUTOFF) == datetime(2026, 11, 30, 17, 0)


def test_office_overrides() -> None:
    cal = WorkCalendar({date(2026, 11, 25): OFF, date(2026, 11, 28): WORK})
    assert not cal.is_working_day(date(2026, 11, 25))
    assert cal.is_working_day(date(2026, 11, 28))
    assert cal.due(datetime(2026, 11, 23, 10, 0), 2) == datetime(2026, 11, 27, 10, 0)
    assert cal.version != CAL.version


def test_custom_office_hours() -> None:
    hours = OfficeHours.parse("07:30-11:30,13:00-16:30")
    cal = WorkCalendar(hours=hours)
    assert hours.minutes_per_day == 450
    assert cal.due(datetime(2026, 11, 25, 16, 0), 1) == datetime(2026, 11, 26, 16, 0)
    assert cal.due(datetime(2026, 11, 25, 16, 45), 0) == datetime(2026, 11, 26, 16, 30)


def test_days_off_listing_2026() -> None:
    off = dict(CAL.days_off(2026))
    assert date(2026, 2, 17) in off and date(2026, 9, 2) in off and date(2026, 11, 24) in off
    assert date(2026, 8, 22) in dict(CAL.make_up_days(2026))


moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)
)


@settings(max_examples=400, deadline=None)
@given(received=moments, delta=st.integers(min_value=0, max_value=72 * 60), days=st.integers(0, 30),
       cutoff=st.sampled_from([None, CUTOFF]))
def test_due_is_open_working_time_and_monotonic(received: datetime, delta: int, days: int, cutoff: time | None) -> None:
    due = CAL.due(received, days, cutoff)
    assert CAL.is_working_day(due.date())
    assert any(a <= due.time() <= b for a, b in CAL.hours.sessions), due
    assert due > received
    later = CAL.due(received + timedelta(minutes=delta), days, cutoff)
    assert later >= due
