"""Each report as plain tables (title, header rows, body rows with numbers), the one shape the PDF, the
XLSX and the window all draw: the same cells, so the three show the same figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desk import lifecycle as lc
from desk.reports import text as tx
from desk.reports.desk_data import DaySummary, OverdueItem
from desk.reports.figures import COLUMNS, SATISFACTION_LABELS, Counts, Indicators, PeriodReport

# A body row: its cells and its kind ('field' rows and the 'total' are bold; 'procedure' rows plain).
Row = tuple[str, list[Any]]


@dataclass
class Table:
    title: str
    head: list[list[str]]  # header rows; '' under a merged group cell
    rows: list[Row]
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row, col, row_end, col_end) in head
    widths: list[float] = field(default_factory=list)  # relative widths
    numeric_from: int = 0  # columns from here are right-aligned numbers
    percent_cols: tuple[int, ...] = ()  # cells holding a share (a float) rather than a count
    note: str = ""


def period_table(report: PeriodReport, *, scope_label: str = "Lĩnh vực, thủ tục hành chính") -> Table:
    top = ["STT", "Mã TTHC", scope_label, *[group for _k, _s, group in COLUMNS]]
    sub = ["", "", ""] + [short for _k, short, _g in COLUMNS]
    spans = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2)]
    col = 3
    while col < len(top):
        end = col
        while end + 1 < len(top) and top[end + 1] == top[col]:
            end += 1
        spans.append((0, col, 0, end))
        for c in range(col + 1, end + 1):
            top[c] = ""
        col = end + 1
    rows: list[Row] = []
    for i, f in enumerate(report.fields, start=1):
        rows.append(("field", [_roman(i), "", f.field, *[f.counts.value(k) for k, _s, _g in COLUMNS]]))
        for j, p in enumerate(f.procedures, start=1):
            rows.append(("procedure", [str(j), p.code, p.name, *[p.counts.value(k) for k, _s, _g in COLUMNS]]))
    rows.append(("total", ["", "", "Tổng cộng", *[report.total.value(k) for k, _s, _g in COLUMNS]]))
    return Table("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", [top, sub], rows, spans,
                 [3, 7, 30] + [5.2] * len(COLUMNS), numeric_from=3, note=tx.judged_line(report))


def communes_table(lines: Sequence[tuple[str, str, Counts]]) -> Table:
    """The district's report with one line per commune: (code, name, counts) each, then the total."""
    base = period_table(PeriodReport(date.min, date.min, datetime.min, [], Counts()), scope_label="Đơn vị")
    total = Counts()
    rows: list[Row] = []
    for i, (code, name, counts) in enumerate(lines, start=1):
        rows.append(("procedure", [str(i), code, name, *[counts.value(k) for k, _s, _g in COLUMNS]]))
        total.add(counts)
    rows.append(("total", ["", "", "Tổng cộng", *[total.value(k) for k, _s, _g in COLUMNS]]))
    base.rows = rows
    base.head[0][1] = "Mã đơn vị"
    base.note = ""
    return base


def indicators_table(ind: Indicators) -> Table:
    s = ind.satisfaction
    rows: list[Row] = [
        ("procedure", ["Tỷ lệ hồ sơ giải quyết đúng hạn (trước hạn và đúng hạn / đã giải quyết)",
                       ind.resolved_in_time, ind.resolved, ind.on_time_share]),
        ("procedure", ["Tỷ lệ hồ sơ tiếp nhận trực tuyến (trực tuyến / mới tiếp nhận)",
                       ind.new_online, ind.new, ind.online_share]),
    ]
    for key, label in SATISFACTION_LABELS:
        rows.append(("procedure", [f"Tỷ lệ đánh giá «{label}» (trên số lượt đánh giá)", int(getattr(s, key)),
                                   s.rated, s.share(key)]))
    return Table("CÁC CHỈ SỐ ĐÁNH GIÁ CHẤT LƯỢNG GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
                 [["Chỉ số", "Số hồ sơ", "Trên tổng số", "Tỷ lệ"]], rows, [], [46, 9, 9, 9], numeric_from=1,
                 percent_cols=(3,))


def overdue_table(items: list[OverdueItem]) -> Table:
    rows: list[Row] = []
    for i, it in enumerate(items, start=1):
        rows.append(("procedure", [str(i), it.code, it.procedure_name, it.applicant_name, tx.day(it.received_at),
                                   f"{it.due_at:%H:%M} {tx.day(it.due_at)}",
                                   f"{it.new_due_at:%H:%M} {tx.day(it.new_due_at)}" if it.new_due_at else "",
                                   lc.STATUS_LABELS_VI.get(it.status, it.status), it.days_past]))
    rows.append(("total", ["", "", "Tổng cộng", "", "", "", "", "", len(items)]))
    return Table("DANH SÁCH HỒ SƠ QUÁ HẠN GIẢI QUYẾT",
                 [["STT", "Mã hồ sơ", "Thủ tục hành chính", "Người nộp", "Ngày nhận", "Hẹn trả",
                   "Hẹn lại (phiếu xin lỗi)", "Trạng thái", "Số ngày quá hạn"]],
                 rows, [], [3, 14, 26, 13, 7, 9, 9, 10, 6], numeric_from=8,
                 note="Số ngày quá hạn: số ngày lịch kể từ ngày hẹn trả.")


def day_tables(s: DaySummary) -> list[Table]:
    rows: list[Row] = [("procedure", [str(i), p.code, p.name, p.received, p.online])
                       for i, p in enumerate(s.received, start=1)]
    rows.append(("total", ["", "", "Tổng cộng", s.received_total, sum(p.online for p in s.received)]))
    received = Table(f"HỒ SƠ TIẾP NHẬN NGÀY {tx.day(s.day)}",
                     [["STT", "Mã TTHC", "Thủ tục hành chính", "Số hồ sơ", "Trong đó trực tuyến"]],
                     rows, [], [3, 8, 40, 7, 7], numeric_from=3)
    sat = s.satisfaction
    facts: list[Row] = [
        ("procedure", ["Hồ sơ đã chuyển xử lý", s.handed_over]),
        ("procedure", ["Hồ sơ đã trả kết quả", s.returned]),
        ("procedure", [f"Hồ sơ quá hạn (lúc {s.at:%H:%M} {tx.day(s.at)})", s.overdue]),
        ("procedure", ["Thay đổi chưa đồng bộ lên cấp trên", s.not_synced]),
        *[("procedure", [f"Đánh giá «{label}»", int(getattr(sat, key))]) for key, label in SATISFACTION_LABELS],
    ]
    return [received, Table("TỔNG HỢP TRONG NGÀY", [["Nội dung", "Số lượng"]], facts, [], [50, 10],
                            numeric_from=1)]


def _roman(n: int) -> str:
    vals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
            (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out
