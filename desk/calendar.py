"""The working-day calendar that decides a dossier's legal return date.

Days off come from the `holidays` package (country VN: lunar Tết and Giỗ Tổ, substituted days and the
government's make-up working Saturdays), corrected by the office's own overrides, because each year's
announcement can arrive before the package is updated. Time limits are counted in working time: N
working days are N × the length of an office day, counted from the first moment the office is open
after receipt. This reproduces real slips (received Fri 27/10/2023 09:32 with 5 days → Fri 03/11/2023
09:32) and handles receipts at lunch, after hours or on a holiday without special cases. Office hours
may change with the season (summer and winter hours): a working day keeps its place in the day (the
same share of open time) when the hours of the day it lands on differ.

Every kind of limit the law writes has its rule here (`due_for`): same day with the 15:00 cutoff, working
days (also half days), working hours, and calendar days, whose last day moves to the next working day
when it is not one (Bộ luật Dân sự 2015, art. 147–148: the count starts the day after receipt). A pause
(supplement, financial obligation) that began before the deadline moves it by the time it lasted
(`extend`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from desk.errors import ValidationError
from desk.limits import CALENDAR_DAYS, SAME_DAY, WORKING_DAYS, TimeLimit
from desk.text import parse_hhmm

OFF = "off"
WORK = "work"


def _parse_hhmm(text: str, field_name: str = "office_hours") -> time:
    return parse_hhmm(text, field=field_name, label="Giờ làm việc")


@dataclass(frozen=True)
class OfficeHours:
    """Opening sessions of one working day, e.g. 07:00–11:30 and 13:30–17:00."""

    sessions: tuple[tuple[time, time], ...] = ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0)))

    @classmethod
    def parse(cls, text: str) -> OfficeHours:
        sessions: list[tuple[time, time]] = []
        for part in text.split(","):
            if not part.strip():
                continue
            try:
                start_s, end_s = part.split("-")
            except ValueError:
                raise ValidationError(
                    "office_hours", f"Giờ làm việc không hợp lệ: «{part}» (cần dạng 07:00-11:30)."
                ) from None
            start, end = _parse_hhmm(start_s), _parse_hhmm(end_s)
            if end <= start:
                raise ValidationError("office_hours", f"Buổi làm việc «{part}» kết thúc trước khi bắt đầu.")
            if sessions and start < sessions[-1][1]:
                raise ValidationError("office_hours", "Các buổi làm việc phải theo thứ tự và không chồng nhau.")
            sessions.append((start, end))
        if not sessions:
            raise ValidationError("office_hours", "Cần ít nhất một buổi làm việc.")
        return cls(tuple(sessions))

    def __str__(self) -> str:
        return ",".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in self.sessions)

    @property
    def minutes_per_day(self) -> int:
        return sum(_minutes(b) - _minutes(a) for a, b in self.sessions)

    @property
    def opening(self) -> time:
        return self.sessions[0][0]

    @property
    def closing(self) -> time:
        return self.sessions[-1][1]


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


# A season starts on a day of the year (month, day) and lasts until the next one starts.
Seasons = tuple[tuple[tuple[int, int], OfficeHours], ...]


def parse_seasons(text: str, field_name: str = "season_hours") -> Seasons:
    """'15/04: 07:00-11:30,13:30-17:00; 15/10: 07:30-11:30,13:00-16:30' → the hours from each start day
    (each year). Empty text: the same hours all year."""
    out: dict[tuple[int, int], OfficeHours] = {}
    for part in (text or "").split(";"):
        if not part.strip():
            continue
        start, sep, hours = part.partition(":")
        try:
            day_s, month_s = start.strip().split("/")
            key = (int(month_s), int(day_s))
            date(2024, key[0], key[1])  # a leap year: 29/02 is a day of some years
        except ValueError:
            raise ValidationError(field_name, f"Mùa «{part.strip()[:40]}» không hợp lệ (cần dạng 15/04: "
                                              "07:00-11:30,13:30-17:00).") from None
        if not sep:
            raise ValidationError(field_name, f"Mùa «{part.strip()[:40]}» thiếu giờ làm việc.")
        try:
            out[key] = OfficeHours.parse(hours)
        except ValidationError as e:
            raise ValidationError(field_name, e.message_vi) from None
    return tuple(sorted(out.items()))


def seasons_text(seasons: Seasons) -> str:
    return "; ".join(f"{d:02d}/{m:02d}: {h}" for (m, d), h in seasons)


@lru_cache(maxsize=64)
def _vn_holidays(year: int) -> tuple[dict[date, str], frozenset[date]]:
    vn = holidays.country_holidays("VN", years=year, language="vi") if _has_vi() else holidays.VN(years=year)
    days = {d: str(name) for d, name in vn.items()}
    workdays = frozenset(d for d in getattr(vn, "weekend_workdays", set()) if d.year == year)
    return days, workdays


@lru_cache(maxsize=1)
def _has_vi() -> bool:
    try:
        return "vi" in holidays.VN.supported_languages
    except AttributeError:
        return False


@dataclass
class WorkCalendar:
    """Working days and office hours of one office.

    `overrides` maps a date to "off" (an extra day off the office was told about) or "work" (an extra
    working day, e.g. a make-up Saturday the package does not know yet).
    """

    overrides: Mapping[date, str] = field(default_factory=dict)
    hours: OfficeHours = field(default_factory=OfficeHours)
    override_notes: Mapping[date, str] = field(default_factory=dict)
    seasons: Seasons = ()  # hours by season; empty: `hours` all year

    def hours_on(self, day: date) -> OfficeHours:
        if not self.seasons:
            return self.hours
        key = (day.month, day.day)
        current = self.seasons[-1][1]  # before the first start of the year: last year's last season
        for start, hours in self.seasons:
            if start <= key:
                current = hours
        return current

    # --- days -------------------------------------------------------------------------------------
    def is_working_day(self, day: date) -> bool:
        override = self.overrides.get(day)
        if override == OFF:
            return False
        if override == WORK:
            return True
        public, makeup = _vn_holidays(day.year)
        if day in makeup:
            return True
        if day in public:
            return False
        return day.weekday() < 5

    def days_off(self, year: int) -> list[tuple[date, str]]:
        """Weekdays the office is closed (public holidays, substitutes, office days off)."""
        public, _ = _vn_holidays(year)
        result: dict[date, str] = {}
        for d, name in public.items():
            if d.weekday() < 5 and not self.is_working_day(d):
                result[d] = name
        for d, kind in self.overrides.items():
            if d.year == year and kind == OFF and d.weekday() < 5:
                result[d] = self.override_notes.get(d) or "Ngày nghỉ do cơ quan bổ sung"
        return sorted(result.items())

    def public_holidays(self, year: int) -> list[tuple[date, str]]:
        public, _ = _vn_holidays(year)
        return sorted(public.items())

    def make_up_days(self, year: int) -> list[tuple[date, str]]:
        """Weekend days worked (make-up Saturdays) in that year."""
        _, makeup = _vn_holidays(year)
        result = {d: "Ngày làm bù" for d in makeup}
        for d, kind in self.overrides.items():
            if d.year == year and kind == WORK and d.weekday() >= 5:
                result[d] = self.override_notes.get(d) or "Ngày làm việc do cơ quan bổ sung"
        return sorted((d, n) for d, n in result.items() if self.is_working_day(d))

    def next_working_day(self, day: date) -> date:
        nxt = day + timedelta(days=1)
        while not self.is_working_day(nxt):
            nxt += timedelta(days=1)
        return nxt

    # --- instants ---------------------------------------------------------------------------------
    def is_open(self, moment: datetime) -> bool:
        if not self.is_working_day(moment.date()):
            return False
        t = moment.time()
        return any(a <= t < b for a, b in self.hours_on(moment.date()).sessions)

    def next_opening(self, moment: datetime) -> datetime:
        """The first instant at or after `moment` when the office is open."""
        day = moment.date()
        if self.is_working_day(day):
            t = moment.time().replace(second=0, microsecond=0)
            for a, b in self.hours_on(day).sessions:
                if t < a:
                    return datetime.combine(day, a)
                if a <= t < b:
                    return moment.replace(second=0, microsecond=0)
        day = self.next_working_day(day)
        return datetime.combine(day, self.hours_on(day).opening)

    def closing_of(self, day: date) -> datetime:
        return datetime.combine(day, self.hours_on(day).closing)

    def is_office_time(self, moment: datetime) -> bool:
        """Within a session, its end included: a promised time a citizen can come at."""
        return self.is_working_day(moment.date()) and any(
            a <= moment.time() <= b for a, b in self.hours_on(moment.date()).sessions)

    def add_working_minutes(self, start: datetime, minutes: int) -> datetime:
        """Advance through open time only. Lands on a session's end rather than the next opening."""
        moment = self.next_opening(start)
        remaining = minutes
        # Skip whole days first: a 25-day limit should not walk minute by minute.
        while True:
            day = moment.date()
            for a, b in self.hours_on(day).sessions:
                a_dt, b_dt = datetime.combine(day, a), datetime.combine(day, b)
                if moment >= b_dt:
                    continue
                cur = max(moment, a_dt)
                available = int((b_dt - cur).total_seconds() // 60)
                if remaining <= available:
                    return cur + timedelta(minutes=remaining)
                remaining -= available
                moment = b_dt
            nxt = self.next_working_day(day)
            moment = datetime.combine(nxt, self.hours_on(nxt).opening)

    def _offset(self, moment: datetime) -> int:
        """Open minutes of its day before `moment` (an open moment or a session's end)."""
        day = moment.date()
        return sum(max(0, min(_minutes(moment.time()), _minutes(b)) - _minutes(a))
                   for a, b in self.hours_on(day).sessions if _minutes(moment.time()) > _minutes(a))

    def _at_offset(self, day: date, offset: int) -> datetime:
        """The moment of `day` after `offset` open minutes (a session's end rather than the next opening;
        the closing when the day is shorter)."""
        remaining = offset
        for a, b in self.hours_on(day).sessions:
            length = _minutes(b) - _minutes(a)
            if remaining <= length:
                return datetime.combine(day, a) + timedelta(minutes=remaining)
            remaining -= length
        return self.closing_of(day)

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """`days` whole working days after `start`, at the same place in the day's open time (so a
        change of office hours between the two days keeps the share of the day, not the minutes)."""
        start = self.next_opening(start)
        offset = self._offset(start)
        day = start.date()
        if offset == 0:
            # Counted from an opening: the last day ends at its closing, not at the next opening.
            for _ in range(days - 1):
                day = self.next_working_day(day)
            return self.closing_of(day)
        for _ in range(days):
            day = self.next_working_day(day)
        return self._at_offset(day, offset)

    def working_minutes_between(self, start: datetime, end: datetime) -> int:
        """Open minutes in [start, end); used to pause the clock during a supplement request."""
        if end <= start:
            return 0
        total = 0
        day = start.date()
        while day <= end.date():
            if self.is_working_day(day):
                for a, b in self.hours_on(day).sessions:
                    lo = max(start, datetime.combine(day, a))
                    hi = min(end, datetime.combine(day, b))
                    if hi > lo:
                        total += int((hi - lo).total_seconds() // 60)
            day += timedelta(days=1)
        return total

    def due(self, received: datetime, days: int, same_day_cutoff: time | None = None) -> datetime:
        """The legal return date-time for a dossier received at `received` with a limit of `days`.

        days == 0 is a same-day procedure: returned at closing the same working day, or the next working
        day when received after the cutoff (15:00 by the rule for civil-status and certification).
        A cutoff also applies to longer limits: a dossier received after it counts from the next day.
        """
        if days < 0:
            raise ValidationError("days", "Số ngày giải quyết không được âm.")
        if days > 3650:
            raise ValidationError("days", "Số ngày giải quyết quá lớn (tối đa 3650 ngày làm việc).")
        start = self.clock_start(received, same_day_cutoff)
        if days == 0:
            return self.closing_of(start.date())
        return self.add_working_days(start, days)

    def clock_start(self, received: datetime, same_day_cutoff: time | None = None) -> datetime:
        """The first open moment the count runs from: the next opening, or the next working day when
        received after the cutoff ("sau 15 giờ"; a receipt at 15:00 sharp still counts that day)."""
        received = received.replace(second=0, microsecond=0)
        start = self.next_opening(received)
        if same_day_cutoff is not None and start.date() == received.date() and start.time() > same_day_cutoff:
            nxt = self.next_working_day(start.date())
            start = datetime.combine(nxt, self.hours_on(nxt).opening)
        return start

    def due_for(self, received: datetime, limit: TimeLimit, same_day_cutoff: time | None = None) -> datetime:
        """The return date-time for any kind of limit (see the module's docstring)."""
        if limit.kind == SAME_DAY:
            return self.due(received, 0, same_day_cutoff)
        if limit.kind == CALENDAR_DAYS:
            # Counted from the day after receipt; the last day, if not a working day, moves forward.
            last = received.date() + timedelta(days=int(limit.amount))
            if not self.is_working_day(last):
                last = self.next_working_day(last)
            return self.closing_of(last)
        start = self.clock_start(received, same_day_cutoff)
        if limit.kind == WORKING_DAYS:
            whole = int(limit.amount)
            due = self.add_working_days(start, whole) if whole else start
            part = limit.amount - whole
            if part:
                # Half a day is half of the office day it falls in.
                day = self.next_opening(due).date() if whole == 0 else due.date()
                due = self.add_working_minutes(due, round(part * self.hours_on(day).minutes_per_day))
            return due
        return self.add_working_minutes(start, round(limit.amount * 60))

    def extend(self, due: datetime, limit: TimeLimit, paused_from: datetime, paused_to: datetime) -> datetime:
        """The deadline after a pause: moved by the pause's length (open time, or calendar days for a
        calendar-day limit). A pause that began at or after the deadline moves nothing: the dossier was
        already late, and waiting for the citizen does not make it on time."""
        if paused_to <= paused_from or paused_from >= due:
            return due
        if limit.kind == CALENDAR_DAYS:
            last = due.date() + timedelta(days=(paused_to.date() - paused_from.date()).days)
            if not self.is_working_day(last):
                last = self.next_working_day(last)
            return max(due, self.closing_of(last))
        minutes = self.working_minutes_between(paused_from, paused_to)
        return self.add_working_minutes(due, minutes) if minutes else due

    # --- identity ---------------------------------------------------------------------------------
    @property
    def version(self) -> str:
        """A short fingerprint kept with each dossier, so a later calendar change is visible."""
        payload = {
            "holidays": holidays.__version__,
            "hours": str(self.hours),
            **({"seasons": seasons_text(self.seasons)} if self.seasons else {}),
            "overrides": sorted((d.isoformat(), k) for d, k in self.overrides.items()),
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:12]


def overrides_from_rows(rows: Iterable[Mapping[str, object]]) -> tuple[dict[date, str], dict[date, str]]:
    kinds: dict[date, str] = {}
    notes: dict[date, str] = {}
    for row in rows:
        d = date.fromisoformat(str(row["day"]))
        kinds[d] = str(row["kind"])
        if row.get("note"):
            notes[d] = str(row["note"])
    return kinds, notes
