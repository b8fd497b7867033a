"""What `desk report` and the window's "Báo cáo" page call: a report's figures as a Document, and its
export to PDF (archived like every print, under forms/reports/) or XLSX. Reports are a leader's and an
admin's (desk/permissions.py, "reports"); the command line runs as the data folder's owner."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from desk import permissions
from desk.errors import ValidationError
from desk.reports import desk_data
from desk.reports import render as rd
from desk.reports import text as tx
from desk.reports.figures import PeriodReport, check_period

if TYPE_CHECKING:
    from desk.services import Desk

KINDS = ("day", "period", "overdue", "indicators")
KIND_LABELS_VI = {"day": "Tổng hợp trong ngày", "period": "Tình hình, kết quả giải quyết TTHC",
                  "overdue": "Danh sách hồ sơ quá hạn", "indicators": "Các chỉ số đánh giá"}
FORMATS = ("pdf", "xlsx")


def format_of(path: Path) -> str:
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValidationError("output", f"Tệp «{path.name}» phải có đuôi .pdf hoặc .xlsx.")
    return fmt


@dataclass
class Figures:
    """Everything the window's page shows for a period, read in one go off the GUI thread."""
    period: PeriodReport
    day: desk_data.DaySummary
    overdue: list[desk_data.OverdueItem]
    per_day: list[tuple[date, int]]
    per_month: list[tuple[str, int, int]]


class ReportService:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.store = desk.store

    def heading(self) -> rd.Heading:
        profile = self.desk.office.require()
        return rd.Heading(profile.name, profile.unit_name, profile.place, self.store.clock().date())

    def figures(self, date_from: date, date_to: date, *, actor: str) -> Figures:
        permissions.require(self.store, actor, "reports")
        check_period(date_from, date_to)
        now = self.store.clock()
        return Figures(desk_data.period(self.store, date_from, date_to, now),
                       desk_data.day_summary(self.store, date_to, now),
                       desk_data.overdue(self.store, self._at(date_to, now)),
                       desk_data.received_per_day(self.store, date_from, date_to),
                       desk_data.in_time_per_month(self.store, date_from, date_to))

    def document(self, kind: str, date_from: date, date_to: date, *, actor: str) -> rd.Document:
        permissions.require(self.store, actor, "reports")
        if kind not in KINDS:
            raise ValidationError("kind", f"Không có loại báo cáo «{kind}»; chọn {', '.join(KINDS)}.")
        check_period(date_from, date_to)
        now = self.store.clock()
        if kind == "day":
            return rd.day_document(desk_data.day_summary(self.store, date_to, now))
        if kind == "overdue":
            at = self._at(date_to, now)
            return rd.overdue_document(desk_data.overdue(self.store, at), f"{at:%H:%M} ngày {tx.day(at)}")
        report = desk_data.period(self.store, date_from, date_to, now)
        return rd.period_document(report) if kind == "period" else rd.indicators_document(report)

    def export(self, kind: str, date_from: date, date_to: date, path: Path, *, actor: str) -> Path:
        """Write the report to `path` (.pdf or .xlsx); a PDF is archived as well. Returns `path`."""
        fmt = format_of(path)
        doc = self.document(kind, date_from, date_to, actor=actor)
        data = rd.write(doc, self.heading(), fmt)
        if fmt == "pdf":
            from desk.forms.service import FormService

            FormService(self.desk).archive(f"report-{kind}", "a4-landscape", data, actor, folder=Path("reports"),
                                           name_hint=f"-{date_from:%Y%m%d}-{date_to:%Y%m%d}")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        return path

    @staticmethod
    def _at(day: date, now: datetime) -> datetime:
        """Overdue at the end of `day`, or now if the day has not ended."""
        return min(datetime.combine(day + timedelta(days=1), time()), now)
