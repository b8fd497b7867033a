"""The working-day calendar that decides a dossier's legal return date.

Days off come from the `holidays` package (country VN: lunar Tết and Giỗ Tổ, substituted days and the
government's make-up working Saturdays), corrected by the office's own overrides, because each year's
announcement can arrive before the package is updated. Time limits are counted in working time: N
working days are N × the length of an office day, counted from the first moment the office is open
after receipt. This reproduces real slips (received Fri 27/10/2023 09:32 with 5 days → Fri 03/11/2023
09:32) and handles receipts at lunch, after hours or on a holiday without special cases.
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
        return any(a <= t < b for a, b in self.hours.sessions)

    def next_opening(self, moment: datetime) -> datetime:
        """The first instant at or after `moment` when the office is open."""
        day = moment.date()
        if self.is_working_day(day):
            t = moment.time().replace(second=0, microsecond=0)
            for a, b in self.hours.sessions:
                if t < a:
                    return datetime.combine(day, a)
                if a <= t < b:
                    return moment.replace(second=0, microsecond=0)
        day = self.next_working_day(day)
        return datetime.combine(day, self.hours.opening)

    def closing_of(self, day: date) -> datetime:
        return datetime.combine(day, self.hours.closing)

    def add_working_minutes(self, start: datetime, minutes: int) -> datetime:
        """Advance through open time only. Lands on a session's end rather than the next opening."""
        moment = self.next_opening(start)
        remaining = minutes
        # Skip whole days first: a 25-day limit should not walk minute by minute.
        while True:
            day = moment.date()
            for a, b in self.hours.sessions:
                a_dt, b_dt = datetime.combine(day, a), datetime.combine(day, b)
                if moment >= b_dt:
                    continue
                cur = max(moment, a_dt)
                available = int((b_dt - cur).total_seconds() // 60)
                if remaining <= available:
                    return cur + timedelta(minutes=remaining)
                remaining -= available
                moment = b_dt
            moment = datetime.combine(self.next_working_day(day), self.hours.opening)

    def working_minutes_between(self, start: datetime, end: datetime) -> int:
        """Open minutes in [start, end); used to pause the clock during a supplement request."""
        if end <= start:
            return 0
        total = 0
        day = start.date()
        while day <= end.date():
            if self.is_working_day(day):
                for a, b in self.hours.sessions:
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
        received = received.replace(second=0, microsecond=0)
        start = self.next_opening(received)
        # "Sau 15 giờ": a receipt at 15:00 sharp is still on time for the same day.
        if same_day_cutoff is not None and start.date() == received.date() and start.time() > same_day_cutoff:
            start = datetime.combine(self.next_working_day(start.date()), self.hours.opening)
        if days == 0:
            return self.closing_of(start.date())
        return self.add_working_minutes(start, days * self.hours.minutes_per_day)

    # --- identity ---------------------------------------------------------------------------------
    @property
    def version(self) -> str:
        """A short fingerprint kept with each dossier, so a later calendar change is visible."""
        payload = {
            "holidays": holidays.__version__,
            "hours": str(self.hours),
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
