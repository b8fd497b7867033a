"""Reports as PDF (the form engine: ReportLab, the embedded Vietnamese font, A4 landscape) and as XLSX
(openpyxl: Vietnamese headers, number formats, column widths, every text cell through desk/xlsx.py).

Both draw the `Table`s of desk/reports/tables.py, so they carry the same cells as the window. The district
calls the same functions with its own `Heading`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, LongTable, Spacer

from desk.forms.layout import PdfMeta, balanced, header, p, paper, render, table_style
from desk.forms.words import place_date_line
from desk.reports import tables as tb
from desk.reports import text as tx
from desk.reports.desk_data import DaySummary, OverdueItem
from desk.reports.figures import Counts, PeriodReport, indicators
from desk.xlsx import safe_cell


@dataclass(frozen=True)
class Heading:
    """Who issues the report: 'UBND xã Hòa Bình' and its one-stop unit, the place on the date line."""
    agency: str
    unit: str = ""
    place: str = ""
    dated: date | None = None


@dataclass
class Document:
    title: str  # also the file's title and the footer
    lines: list[str]  # under the title: the period, the scope
    tables: list[tb.Table]


# --- the reports as documents ------------------------------------------------------------------------------
def period_document(report: PeriodReport, scope: str = "") -> Document:
    lines = [tx.period_line(report)] + ([scope] if scope else [])
    ind = indicators(report)
    table = tb.period_table(report)
    table.note = (f"{table.note} Tỷ lệ giải quyết đúng hạn: {tx.percent(ind.on_time_share)}; "
                  f"tỷ lệ tiếp nhận trực tuyến: {tx.percent(ind.online_share)}.")
    return Document("Tình hình, kết quả giải quyết TTHC", lines, [table])


def communes_document(lines: Sequence[tuple[str, str, Counts]], date_from: date, date_to: date) -> Document:
    """The district's figures with one line per commune: `lines` are (code, name, counts)."""
    return Document("Tình hình, kết quả giải quyết TTHC theo đơn vị",
                    [f"Kỳ báo cáo: từ ngày {tx.day(date_from)} đến ngày {tx.day(date_to)}"],
                    [tb.communes_table(lines)])


def indicators_document(report: PeriodReport, scope: str = "") -> Document:
    return Document("Các chỉ số đánh giá giải quyết TTHC", [tx.period_line(report)] + ([scope] if scope else []),
                    [tb.indicators_table(indicators(report))])


def overdue_document(items: list[OverdueItem], at_text: str) -> Document:
    return Document("Danh sách hồ sơ quá hạn", [f"Tại thời điểm {at_text}"], [tb.overdue_table(items)])


def day_document(summary: DaySummary) -> Document:
    return Document(f"Tổng hợp ngày {tx.day(summary.day)}", [], tb.day_tables(summary))


# --- PDF ----------------------------------------------------------------------------------------------------
def pdf(doc: Document, heading: Heading) -> bytes:
    pap = paper("a4-landscape", ("a4-landscape",))
    st_cell = ParagraphStyle("rep-cell", fontName="BeVietnamPro", fontSize=pap.size * 0.92,
                             leading=pap.size * 1.12)
    from desk.forms.layout import styles

    st = styles(pap.size)
    dated = heading.dated or date.today()

    def story() -> list[Flowable]:
        out: list[Flowable] = header(heading.agency, heading.unit, place_date_line(heading.place, dated), "", pap)
        out.append(Spacer(1, pap.size))
        for i, table in enumerate(doc.tables):
            out.append(balanced(table.title, st.title, pap.frame_width))
            if i == 0:
                out += [p(line, st.center_italic) for line in doc.lines]
            out.append(Spacer(1, pap.size * 0.6))
            out.append(_pdf_table(table, pap.frame_width, st_cell, st.head))
            if table.note:
                out.append(Spacer(1, pap.size * 0.4))
                out.append(p(table.note, st.small))
            out.append(Spacer(1, pap.size))
        return out

    meta = PdfMeta(title=doc.title, author=heading.agency, footer=doc.title)
    return render(lambda: [story()], pap, meta)


def _cell_text(value: object, percent: bool) -> str:
    if percent:
        return tx.percent(value if isinstance(value, float) else None)
    if isinstance(value, int):
        return tx.number(value)
    return str(value)


def _pdf_table(table: tb.Table, width: float, cell: ParagraphStyle, head: ParagraphStyle) -> Flowable:
    total = sum(table.widths)
    widths = [width * w / total for w in table.widths]
    rows: list[list[object]] = [[p(h, head) if h else "" for h in hrow] for hrow in table.head]
    bold_rows = []
    for kind, cells in table.rows:
        r = len(rows)
        out: list[object] = []
        for c, v in enumerate(cells):
            textual = _cell_text(v, c in table.percent_cols)
            out.append(p(textual, cell) if c < table.numeric_from and len(textual) > 12 else textual)
        rows.append(out)
        if kind in ("field", "total"):
            bold_rows.append(r)
    n_head = len(table.head)
    style: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, n_head - 1), "MIDDLE"),
        ("VALIGN", (0, n_head), (-1, -1), "TOP"),
        ("FONTSIZE", (0, n_head), (-1, -1), cell.fontSize),
        ("LEADING", (0, n_head), (-1, -1), cell.leading),
        ("ALIGN", (table.numeric_from, n_head), (-1, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    style += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in table.spans]
    style += [("FONTNAME", (0, r), (-1, r), "BeVietnamPro-Bold") for r in bold_rows]
    return LongTable(rows, colWidths=widths, repeatRows=n_head, style=table_style(*style))


# --- XLSX ---------------------------------------------------------------------------------------------------
def xlsx(doc: Document, heading: Heading) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ncols = max(len(t.head[0]) for t in doc.tables)
    row = 1
    for line in (heading.agency.upper(), heading.unit.upper()):
        if line:
            ws.cell(row=row, column=1, value=safe_cell(line)).font = bold
            row += 1
    row += 1
    for i, table in enumerate(doc.tables):
        ws.cell(row=row, column=1, value=safe_cell(table.title)).font = Font(bold=True, size=13)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
        ws.cell(row=row, column=1).alignment = Alignment(horizontal="center")
        row += 1
        for line in doc.lines if i == 0 else []:
            ws.cell(row=row, column=1, value=safe_cell(line)).font = Font(italic=True)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
            ws.cell(row=row, column=1).alignment = Alignment(horizontal="center")
            row += 1
        row += 1
        head_top = row
        for hrow in table.head:
            for c, h in enumerate(hrow, start=1):
                cell = ws.cell(row=row, column=c, value=safe_cell(h) if h else None)
                cell.font, cell.alignment, cell.border = bold, wrap, box
            row += 1
        for r0, c0, r1, c1 in table.spans:
            ws.merge_cells(start_row=head_top + r0, start_column=c0 + 1, end_row=head_top + r1, end_column=c1 + 1)
        for kind, cells in table.rows:
            for c, v in enumerate(cells):
                cell = ws.cell(row=row, column=c + 1, value=safe_cell(v))
                cell.border = box
                if c in table.percent_cols:
                    cell.number_format = "0.00%"
                elif isinstance(v, int):
                    cell.number_format = "#,##0"
                if kind in ("field", "total"):
                    cell.font = bold
                if c < table.numeric_from:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            row += 1
        if table.note:
            ws.cell(row=row, column=1, value=safe_cell(table.note)).font = Font(italic=True, size=9)
            row += 1
        row += 1
    first = doc.tables[0]
    total = sum(first.widths)
    for c, w in enumerate(first.widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = max(6.0, min(60.0, 150 * w / total))
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    wb.properties.title = doc.title
    wb.properties.creator = "motcua-desk"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write(doc: Document, heading: Heading, fmt: str) -> bytes:
    if fmt == "pdf":
        return pdf(doc, heading)
    if fmt == "xlsx":
        return xlsx(doc, heading)
    raise ValueError(fmt)


def period_pdf(report: PeriodReport, heading: Heading, scope: str = "") -> bytes:
    return pdf(period_document(report, scope), heading)


def period_xlsx(report: PeriodReport, heading: Heading, scope: str = "") -> bytes:
    return xlsx(period_document(report, scope), heading)


__all__: Sequence[str] = ("Document", "Heading", "communes_document", "day_document", "indicators_document", "overdue_document",
                          "pdf", "period_document", "period_pdf", "period_xlsx", "write", "xlsx")
