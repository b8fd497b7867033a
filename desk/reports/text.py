"""How figures are written for a Vietnamese reader: '120.331', '98,86 %', dates as 31/03/2026."""

from __future__ import annotations

from datetime import date, datetime

from desk.reports.figures import PeriodReport


def number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def percent(value: float | None) -> str:
    """A share as '98,86 %'; '—' when there was nothing to divide."""
    if value is None:
        return "—"
    return f"{value * 100:.2f}".replace(".", ",") + " %"


def day(d: date | datetime) -> str:
    return f"{d:%d/%m/%Y}"


def period_line(report: PeriodReport) -> str:
    return f"Kỳ báo cáo: từ ngày {day(report.date_from)} đến ngày {day(report.date_to)}"


def judged_line(report: PeriodReport) -> str:
    return f"Hồ sơ đang giải quyết được tính trong hạn / quá hạn tại thời điểm {report.at:%H:%M} ngày {day(report.at)}."
