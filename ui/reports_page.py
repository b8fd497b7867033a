"""The "Báo cáo" page: a period, the report's tables (the same `Table`s the PDF and XLSX draw, so the
three show the same figures), three charts, and export to PDF or Excel. The figures are read and the files
written off the GUI thread (ui/operations.py); the rules are desk/reports'."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk.reports import tables as tb
from desk.reports import text as tx
from desk.reports.desk_data import overdue_by_procedure
from desk.reports.figures import indicators
from desk.reports.service import Figures, ReportService
from ui.charts import BarChart
from ui.widgets import Banner

if TYPE_CHECKING:
    from ui.context import DeskContext

# Which report each tab exports.
TAB_KINDS = ("period", "indicators", "day", "overdue", "period")


# The period report's column groups, short enough for a header over narrow figure columns.
GROUP_TAGS = {"Số hồ sơ nhận giải quyết": "Nhận", "Số hồ sơ đã giải quyết": "Đã giải quyết",
              "Số hồ sơ đang giải quyết": "Đang giải quyết", "Khác": "Khác"}


def _two_lines(text: str) -> str:
    """A long header on two lines, broken at the space nearest its middle."""
    if len(text) <= 12 or " " not in text:
        return text
    mid = len(text) // 2
    cut = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: abs(i - mid))
    return text[:cut] + "\n" + text[cut + 1:]


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class ReportTable(QTableWidget):
    """A `desk.reports.tables.Table` shown as it prints: group headers above short ones, field and total
    rows in bold, numbers right-aligned in the Vietnamese way."""

    def show_table(self, table: tb.Table) -> None:
        self.clear()
        head = table.head
        ncols = len(head[0])
        labels = []
        group = ""
        for c in range(ncols):
            top = head[0][c]
            group = top or group
            sub = head[1][c] if len(head) > 1 else ""
            labels.append(f"{GROUP_TAGS.get(group, group)}\n{_two_lines(sub)}" if sub else _two_lines(top))
        self.setColumnCount(ncols)
        self.setRowCount(len(table.rows))
        self.setHorizontalHeaderLabels(labels)
        bold = QFont(self.font())
        bold.setBold(True)
        for r, (kind, cells) in enumerate(table.rows):
            for c, v in enumerate(cells):
                text = (tx.percent(v if isinstance(v, float) else None) if c in table.percent_cols
                        else tx.number(v) if isinstance(v, int) else str(v))
                item = QTableWidgetItem(text)
                if c < table.numeric_from and len(text) > 30:
                    item.setToolTip(text)  # elided in the column; whole on hover
                if c >= table.numeric_from:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if kind in ("field", "total"):
                    item.setFont(bold)
                self.setItem(r, c, item)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if table.numeric_from > 0:
            # The text column (procedure, indicator) is what a person reads first: it keeps a readable width
            # and the figures scroll beside it when they do not fit.
            text_col = table.numeric_from - 1
            header.setSectionResizeMode(text_col, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(text_col, max(260, min(420, self.viewport().width() // 3)))
            header.setStretchLastSection(True)

    def cell_text(self, row: int, col: int) -> str:
        item = self.item(row, col)
        return item.text() if item is not None else ""

    def row_of(self, col: int, text: str) -> int:
        for r in range(self.rowCount()):
            if self.cell_text(r, col) == text:
                return r
        return -1


class ReportsPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ReportsPage")
        self.service = ReportService(ctx.desk)
        self.figures: Figures | None = None
        self._asked = 0
        # Where an export goes: a save dialog; tests put a function that returns a path.
        self.choose_path: Callable[[str, str], Path | None] = self._ask_path
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        title = QLabel(self.tr("Báo cáo — tình hình, kết quả giải quyết thủ tục hành chính"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.banner = Banner()
        layout.addWidget(self.banner)

        bar = QHBoxLayout()
        today = ctx.desk.store.clock().date()
        self.date_from = QDateEdit(_qdate(today.replace(day=1)))
        self.date_to = QDateEdit(_qdate(today))
        for w, name in ((self.date_from, "dateFrom"), (self.date_to, "dateTo")):
            w.setObjectName(name)
            w.setDisplayFormat("dd/MM/yyyy")
            w.setCalendarPopup(True)
        bar.addWidget(QLabel(self.tr("Từ ngày")))
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(self.tr("đến ngày")))
        bar.addWidget(self.date_to)
        self.quick: dict[str, QPushButton] = {}
        for key, label in (("month", self.tr("Tháng này")), ("quarter", self.tr("Quý này")),
                           ("year", self.tr("Năm nay"))):
            b = QPushButton(label)
            b.setObjectName(f"quick_{key}")
            b.clicked.connect(lambda _=False, k=key: self.pick(k))
            self.quick[key] = b
            bar.addWidget(b)
        self.show_button = QPushButton(self.tr("Xem báo cáo"))
        self.show_button.setObjectName("primary")
        self.show_button.clicked.connect(self.refresh)
        bar.addWidget(self.show_button)
        bar.addStretch(1)
        self.pdf_button = QPushButton(self.tr("Xuất PDF…"))
        self.pdf_button.setObjectName("exportPdf")
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button = QPushButton(self.tr("Xuất Excel…"))
        self.xlsx_button.setObjectName("exportXlsx")
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        bar.addWidget(self.pdf_button)
        bar.addWidget(self.xlsx_button)
        layout.addLayout(bar)

        self.summary = QLabel()
        self.summary.setObjectName("reportSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.period_table = ReportTable()
        self.indicator_table = ReportTable()
        self.day_table = ReportTable()
        self.day_facts = ReportTable()
        self.overdue_table = ReportTable()
        for t, name in ((self.period_table, "periodTable"), (self.indicator_table, "indicatorTable"),
                        (self.day_table, "dayTable"), (self.day_facts, "dayFacts"),
                        (self.overdue_table, "overdueTable")):
            t.setObjectName(name)
            t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            t.verticalHeader().setVisible(False)
        day = QWidget()
        day_layout = QHBoxLayout(day)
        day_layout.setContentsMargins(0, 0, 0, 0)
        day_layout.addWidget(self.day_table, 3)
        day_layout.addWidget(self.day_facts, 2)
        charts = QWidget()
        grid = QGridLayout(charts)
        self.per_day_chart = BarChart(self.tr("Hồ sơ tiếp nhận theo ngày"))
        self.per_month_chart = BarChart(self.tr("Tỷ lệ giải quyết đúng hạn theo tháng"), percent=True)
        self.overdue_chart = BarChart(self.tr("Hồ sơ quá hạn theo thủ tục"), horizontal=True)
        grid.addWidget(self.per_day_chart, 0, 0, 1, 2)
        grid.addWidget(self.per_month_chart, 1, 0)
        grid.addWidget(self.overdue_chart, 1, 1)
        self.tabs.addTab(self.period_table, self.tr("Tình hình giải quyết"))
        self.tabs.addTab(self.indicator_table, self.tr("Chỉ số"))
        self.tabs.addTab(day, self.tr("Trong ngày (ngày cuối kỳ)"))
        self.tabs.addTab(self.overdue_table, self.tr("Hồ sơ quá hạn"))
        self.tabs.addTab(charts, self.tr("Biểu đồ"))
        layout.addWidget(self.tabs, 1)
        self.ops = ctx.operations(self, banner=self.banner)
        self._busy = [self.show_button, self.pdf_button, self.xlsx_button]

    def activate(self) -> None:
        if self.figures is None:
            self.refresh()

    # --- the period -------------------------------------------------------------------------------
    def period(self) -> tuple[date, date]:
        return _pydate(self.date_from.date()), _pydate(self.date_to.date())

    def pick(self, key: str) -> None:
        today = self.ctx.desk.store.clock().date()
        start = {"month": today.replace(day=1), "quarter": today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1),
                 "year": today.replace(month=1, day=1)}[key]
        self.date_from.setDate(_qdate(start))
        self.date_to.setDate(_qdate(today))
        self.refresh()

    def refresh(self) -> None:
        date_from, date_to = self.period()
        service, actor = self.service, self.ctx.officer_id
        self._asked += 1
        ticket = self._asked

        def read() -> Figures:
            return service.figures(date_from, date_to, actor=actor)

        def done(f: Figures) -> None:
            # Two requests may overlap (the page opened, then a period picked): only the last one is shown.
            if ticket == self._asked:
                self._show(f)

        self.ops.run(read, done, label="reports: figures", busy=self._busy,
                     busy_text=self.tr("Đang tính số liệu…"))

    def _show(self, f: Figures) -> None:
        self.figures = f
        report = f.period
        self.period_table.show_table(tb.period_table(report))
        ind = indicators(report)
        self.indicator_table.show_table(tb.indicators_table(ind))
        received, facts = tb.day_tables(f.day)
        self.day_table.show_table(received)
        self.day_facts.show_table(facts)
        self.overdue_table.show_table(tb.overdue_table(f.overdue))
        t = report.total
        self.summary.setText(self.tr(
            "{0}. Tiếp nhận {1} hồ sơ (kỳ trước chuyển qua {2}, mới {3}); đã giải quyết {4}, đúng hạn {5}; "
            "đang giải quyết {6}, quá hạn {7}. Tỷ lệ trực tuyến {8}.").format(
            tx.period_line(report), tx.number(t.received), tx.number(t.carried), tx.number(t.new),
            tx.number(t.resolved), tx.percent(ind.on_time_share), tx.number(t.pending), tx.number(t.past),
            tx.percent(ind.online_share)))
        none = self.tr("Không có số liệu trong kỳ")
        self.per_day_chart.set_data([f"{d:%d/%m}" for d, _n in f.per_day], [n for _d, n in f.per_day], none)
        self.per_month_chart.set_data([f"{m[5:]}/{m[:4]}" for m, _n, _ok in f.per_month],
                                      [ok / n if n else None for _m, n, ok in f.per_month], none)
        bars = overdue_by_procedure(f.overdue)[:8]
        self.overdue_chart.set_data([name for name, _n in bars], [n for _name, n in bars],
                                    self.tr("Không có hồ sơ quá hạn"))

    # --- export -----------------------------------------------------------------------------------
    def current_kind(self) -> str:
        return TAB_KINDS[max(0, self.tabs.currentIndex())]

    def export(self, fmt: str) -> None:
        kind = self.current_kind()
        date_from, date_to = self.period()
        suggested = f"bao-cao-{kind}-{date_from:%Y%m%d}-{date_to:%Y%m%d}.{fmt}"
        path = self.choose_path(suggested, fmt)
        if path is None:
            return
        service, actor = self.service, self.ctx.officer_id

        def write() -> Path:
            return service.export(kind, date_from, date_to, path, actor=actor)

        self.ops.run(write, None, label=f"reports: export {kind} {fmt}", busy=self._busy,
                     busy_text=self.tr("Đang xuất báo cáo…"), ok_text=self.tr("Đã lưu báo cáo: {0}").format(path))

    def _ask_path(self, suggested: str, fmt: str) -> Path | None:
        filters = {"pdf": self.tr("Tệp PDF (*.pdf)"), "xlsx": self.tr("Bảng tính Excel (*.xlsx)")}
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu báo cáo"), str(Path.home() / suggested),
                                                filters[fmt])
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == f".{fmt}" else path.with_name(path.name + f".{fmt}")



