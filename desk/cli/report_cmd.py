"""`desk report KIND --from DATE --to DATE -o FILE`: the figures a desk is judged by, as PDF or XLSX."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path

from desk.cli import data_dir_of
from desk.errors import ValidationError
from desk.reports.service import KINDS, ReportService, format_of
from desk.services import Desk


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("report", help="báo cáo: tổng hợp ngày, tình hình giải quyết TTHC, hồ sơ quá hạn, chỉ số")
    p.add_argument("kind", choices=KINDS, help="day (tổng hợp ngày --to), period (Tình hình, kết quả giải quyết "
                   "TTHC), overdue (hồ sơ quá hạn cuối ngày --to), indicators (chỉ số)")
    p.add_argument("--from", dest="date_from", default=None, help="từ ngày YYYY-MM-DD hoặc DD/MM/YYYY (mặc định: "
                   "đầu tháng của --to)")
    p.add_argument("--to", dest="date_to", default=None, help="đến ngày (mặc định: hôm nay)")
    p.add_argument("-o", "--output", type=Path, required=True, help="tệp .pdf hoặc .xlsx cần ghi")
    p.set_defaults(func=cmd_report)


def _date(text: str, field: str, label: str) -> date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValidationError(field, f"{label} «{text[:40]}» không đúng dạng (ví dụ 2026-11-23 hoặc 23/11/2026).")


def cmd_report(args: argparse.Namespace) -> int:
    format_of(args.output)  # a wrong file name is refused before the database is opened
    desk = Desk.open(data_dir_of(args), load_catalog=False)
    try:
        today = desk.store.clock().date()
        date_to = _date(args.date_to, "date_to", "Đến ngày") if args.date_to else today
        date_from = _date(args.date_from, "date_from", "Từ ngày") if args.date_from else date_to.replace(day=1)
        if args.kind == "day" and not args.date_to and args.date_from:
            date_to = date_from
        path = ReportService(desk).export(args.kind, date_from, date_to, args.output, actor="cli")
        print(path)
    finally:
        desk.close()
    return 0
