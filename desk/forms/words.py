"""Dates and times as Vietnamese administrative documents write them."""

from __future__ import annotations

from datetime import date, datetime


def _day(d: date) -> str:
    # Decree 30/2020 (document formatting): days below 10 and months below 3 take a leading zero.
    return f"{d.day:02d}"


def _month(d: date) -> str:
    return f"{d.month:02d}" if d.month < 3 else str(d.month)


def date_words(d: date) -> str:
    """'ngày 23 tháng 11 năm 2026'."""
    return f"ngày {_day(d)} tháng {_month(d)} năm {d.year}"


def place_date_line(place: str, d: date) -> str:
    """'<place>, ngày … tháng … năm …' under the national motto."""
    return f"{place}, {date_words(d)}" if place else date_words(d).capitalize()


def moment_words(moment: datetime) -> str:
    """'09 giờ 30 phút, ngày 23 tháng 11 năm 2026' for the times received and due."""
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, {date_words(moment.date())}"


def short_moment(moment: datetime) -> str:
    """'09:30 23/11/2026' for table cells (control sheet, register)."""
    return f"{moment:%H:%M %d/%m/%Y}"


def short_date(d: date | datetime) -> str:
    return f"{d:%d/%m/%Y}"


def count2(n: int) -> str:
    """Counts of sets and copies are written with two digits on the forms ('01 bộ')."""
    return f"{n:02d}"
