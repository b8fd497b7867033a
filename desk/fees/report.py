"""The desk's collections for a period — by fee, by day, by payment method — and its renderings: XLSX
(openpyxl) for the report page, and the CSV export for the finance office's own system
(docs/fees.md, "Export for the finance office"). The PDF goes through the form engine
(desk/forms/collections.py).

Cancelled and void receipts are counted apart and never added to a total; a day is the desk's office
day of the receipt.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from desk.errors import ValidationError
from desk.fees.receipts import METHODS
from desk.fees.series import format_number
from desk.store import Store


@dataclass(frozen=True)
class Line:
    day: str
    fee_code: str
    fee_name: str
    method: str
    count: int
    amount: int


@dataclass
class FeeLine:
    fee_code: str
    fee_name: str
    count: int = 0
    cash: int = 0
    transfer: int = 0

    @property
    def total(self) -> int:
        return self.cash + self.transfer


@dataclass
class CollectionsReport:
    date_from: date
    date_to: date
    lines: list[Line] = field(default_factory=list)
    cancelled: int = 0
    void: int = 0
    exemptions: int = 0
    waived: int = 0  # what the exemptions would have cost, where the amount was known

    def by_fee(self) -> list[FeeLine]:
        out: dict[str, FeeLine] = {}
        for ln in self.lines:
            f = out.setdefault(ln.fee_code, FeeLine(ln.fee_code, ln.fee_name))
            f.count += ln.count
            if ln.method == "cash":
                f.cash += ln.amount
            else:
                f.transfer += ln.amount
        return sorted(out.values(), key=lambda f: (-f.total, f.fee_name))

    def by_day(self) -> list[tuple[str, list[FeeLine]]]:
        days: dict[str, dict[str, FeeLine]] = {}
        for ln in self.lines:
            f = days.setdefault(ln.day, {}).setdefault(ln.fee_code, FeeLine(ln.fee_code, ln.fee_name))
            f.count += ln.count
            if ln.method == "cash":
                f.cash += ln.amount
            else:
                f.transfer += ln.amount
        return [(d, sorted(fees.values(), key=lambda f: f.fee_name)) for d, fees in sorted(days.items())]

    def by_method(self) -> dict[str, int]:
        out = dict.fromkeys(METHODS, 0)
        for ln in self.lines:
            out[ln.method] = out.get(ln.method, 0) + ln.amount
        return out

    @property
    def count(self) -> int:
        return sum(ln.count for ln in self.lines)

    @property
    def total(self) -> int:
        return sum(ln.amount for ln in self.lines)


def check_period(date_from: date, date_to: date) -> tuple[str, str]:
    if date_to < date_from:
        raise ValidationError("date_to", f"Ngày cuối ({date_to:%d/%m/%Y}) phải từ ngày đầu ({date_from:%d/%m/%Y}) trở đi.")
    return date_from.isoformat(), (date_to + timedelta(days=1)).isoformat()


def collections(store: Store, date_from: date, date_to: date) -> CollectionsReport:
    """Receipts issued (not cancelled) from `date_from` to `date_to` included, by day, fee and method."""
    start, end = check_period(date_from, date_to)
    report = CollectionsReport(date_from, date_to)
    for r in store.query(
            "SELECT substr(issued_at, 1, 10) AS day, fee_code, MAX(fee_name) AS fee_name, method, COUNT(*) AS n, "
            "SUM(amount) AS amount FROM receipts WHERE status = 'issued' AND issued_at >= ? AND issued_at < ? "
            "GROUP BY day, fee_code, method ORDER BY day, fee_code, method", (start, end)):
        report.lines.append(Line(r["day"], r["fee_code"], r["fee_name"], r["method"], int(r["n"]), int(r["amount"])))
    counts = store.query_one(
        "SELECT SUM(status = 'cancelled' AND void = 0) AS cancelled, SUM(void) AS void FROM receipts "
        "WHERE issued_at >= ? AND issued_at < ?", (start, end)) or {}
    report.cancelled, report.void = int(counts.get("cancelled") or 0), int(counts.get("void") or 0)
    ex = store.query_one("SELECT COUNT(*) AS n, COALESCE(SUM(amount_waived), 0) AS waived FROM fee_exemptions "
                         "WHERE at >= ? AND at < ?", (start, end)) or {}
    report.exemptions, report.waived = int(ex.get("n") or 0), int(ex.get("waived") or 0)
    return report


def receipts_in(store: Store, date_from: date, date_to: date) -> list[dict[str, Any]]:
    """Every receipt of the period (issued, cancelled and void), in series and number order."""
    start, end = check_period(date_from, date_to)
    return store.query("SELECT * FROM receipts WHERE issued_at >= ? AND issued_at < ? ORDER BY symbol, number",
                       (start, end))


# --- spreadsheets and exports -------------------------------------------------------------------------
# Text a spreadsheet would run as a formula (CSV/XLSX injection): a name typed as "=HYPERLINK(…)" must
# stay text. One place for it in this package; a shared desk/xlsx.py may take it over.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _day_vi(day: str) -> str:
    return date.fromisoformat(day).strftime("%d/%m/%Y")


def write_xlsx(report: CollectionsReport, receipts: Sequence[dict[str, Any]], path: Path, *, office: str) -> Path:
    """The report as a workbook: totals by fee, by day, and every receipt; Vietnamese headers, number
    formats for money, widths that fit."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    money = "#,##0"
    wb = Workbook()
    for blank in list(wb.worksheets):
        wb.remove(blank)
    bold = Font(bold=True)

    def sheet(title: str, heading: str, header: Sequence[str], rows: Iterable[Sequence[object]],
              widths: Sequence[int], money_cols: Sequence[int], total: Sequence[object] | None = None) -> None:
        ws = wb.create_sheet(title)
        ws.append([safe_text(office)])
        ws.append([heading])
        ws.append([f"Từ ngày {report.date_from:%d/%m/%Y} đến ngày {report.date_to:%d/%m/%Y}"])
        ws.append([])
        ws.append(list(header))
        for cell in ws[5]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        for r in rows:
            ws.append([safe_text(v) for v in r])
        if total is not None:
            ws.append([safe_text(v) for v in total])
            for cell in ws[ws.max_row]:
                cell.font = bold
        for col in money_cols:
            for (cell,) in ws.iter_rows(min_row=6, min_col=col, max_col=col):
                cell.number_format = money
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws["A1"].font = bold
        ws["A2"].font = Font(bold=True, size=13)
        ws.freeze_panes = "A6"

    fees = report.by_fee()
    sheet("Theo khoản thu", "TỔNG HỢP THU PHÍ, LỆ PHÍ THEO KHOẢN THU",
          ("Mã khoản thu", "Khoản thu", "Số biên lai", "Tiền mặt (đồng)", "Chuyển khoản (đồng)", "Cộng (đồng)"),
          ([f.fee_code, f.fee_name, f.count, f.cash, f.transfer, f.total] for f in fees), (18, 60, 12, 18, 20, 18),
          (4, 5, 6), ("", "Cộng", report.count, report.by_method()["cash"], report.by_method()["transfer"],
                      report.total))
    sheet("Theo ngày", "THU PHÍ, LỆ PHÍ THEO NGÀY",
          ("Ngày", "Mã khoản thu", "Khoản thu", "Số biên lai", "Tiền mặt (đồng)", "Chuyển khoản (đồng)", "Cộng (đồng)"),
          ([_day_vi(d), f.fee_code, f.fee_name, f.count, f.cash, f.transfer, f.total]
           for d, day_fees in report.by_day() for f in day_fees), (12, 18, 56, 12, 18, 20, 18), (5, 6, 7))
    sheet("Biên lai", "DANH SÁCH BIÊN LAI",
          ("Ký hiệu mẫu", "Ký hiệu", "Số", "Ngày", "Người nộp tiền", "Khoản thu", "Mã hồ sơ", "Hình thức",
           "Số tiền (đồng)", "Trạng thái", "Lý do hủy", "Người thu"),
          ([r["form_no"], r["symbol"], format_number(int(r["number"])), _day_vi(str(r["issued_at"])[:10]),
            r["payer_name"], r["fee_name"], r["dossier_code"], METHODS.get(r["method"], r["method"]) if not r["void"]
            else "", int(r["amount"]), "Đã hủy" if r["status"] == "cancelled" else "Đã thu", r["cancel_reason"],
            r["collector_name"]] for r in receipts),
          (14, 12, 10, 12, 28, 50, 30, 14, 16, 10, 40, 24), (9,))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


FINANCE_COLUMNS = ("ky_hieu_mau", "ky_hieu", "so", "ngay", "gio", "ma_so_thue_don_vi_thu", "ten_don_vi_thu",
                   "nguoi_nop", "dia_chi_nguoi_nop", "ma_khoan_thu", "ten_khoan_thu", "loai", "ma_thu_tuc", "ma_ho_so",
                   "so_tien", "hinh_thuc", "trang_thai", "ngay_huy", "ly_do_huy", "nguoi_thu", "quay")


def finance_csv(receipts: Sequence[dict[str, Any]]) -> bytes:
    """The receipts for the finance office's accounting system: UTF-8 with a BOM (so Excel reads the
    Vietnamese), comma-separated, one receipt a line, amounts as plain integers in đồng. The columns are
    documented in docs/fees.md; a cancelled or void receipt keeps its line with status `huy`."""
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow(FINANCE_COLUMNS)
    for r in receipts:
        issued = str(r["issued_at"])
        out.writerow([safe_text(v) for v in (
            r["form_no"], r["symbol"], format_number(int(r["number"])), issued[:10], issued[11:19], r["tax_code"],
            r["org_name"], r["payer_name"], r["payer_address"], r["fee_code"], r["fee_name"],
            "phi" if r["fee_kind"] == "phi" else "le_phi", r["procedure_code"], r["dossier_code"], int(r["amount"]),
            "" if r["void"] else ("tien_mat" if r["method"] == "cash" else "chuyen_khoan"),
            "huy" if r["status"] == "cancelled" else "da_thu", (r["cancelled_at"] or "")[:19], r["cancel_reason"],
            r["collector_name"], f"{int(r['desk_no']):02d}")])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
