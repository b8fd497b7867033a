"""Báo cáo tình hình thu phí, lệ phí for a period: totals by fee, then by day and fee, on A4."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, LongTable, Spacer

from desk.fees.money import group
from desk.fees.report import CollectionsReport, FeeLine
from desk.fees.words import amount_words
from desk.forms.common import FormContext, top
from desk.forms.layout import PdfMeta, esc, p, pm, render, signatures, table_style
from desk.forms.words import short_date

HEAD = ("Khoản thu", "Số biên lai", "Tiền mặt (đồng)", "Chuyển khoản (đồng)", "Cộng (đồng)")


def render_collections(ctx: FormContext, report: CollectionsReport, *, prepared_by: str = "") -> bytes:
    st, pap = ctx.st, ctx.paper
    cell = ParagraphStyle("col-cell", parent=st.cell, fontSize=pap.size * 0.88, leading=pap.size * 1.1)
    right = ParagraphStyle("col-r", parent=cell, alignment=2)
    bold_r = ParagraphStyle("col-br", parent=right, fontName=st.center_bold.fontName)
    w = pap.frame_width
    widths = [w * 0.44, w * 0.1, w * 0.15, w * 0.16, w * 0.15]
    grid = table_style(("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                       ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                       ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 3))

    def line(f: FeeLine, label: str | None = None) -> list[object]:
        return [p(label or f.fee_name, cell), p(str(f.count), st.cell_center), p(group(f.cash), right),
                p(group(f.transfer), right), p(group(f.total), right)]

    def story() -> list[Flowable]:
        out = top(ctx)
        out.append(p(f"Từ ngày {short_date(report.date_from)} đến ngày {short_date(report.date_to)}", st.center_italic))
        out.append(Spacer(1, pap.size * 0.6))
        out.append(p("I. Tổng hợp theo khoản thu", st.heading))
        rows: list[list[object]] = [[p(h, st.head) for h in HEAD]]
        rows += [line(f) for f in report.by_fee()]
        methods = report.by_method()
        rows.append([p("Cộng", st.head), p(str(report.count), st.cell_center), p(group(methods["cash"]), bold_r),
                     p(group(methods["transfer"]), bold_r), p(group(report.total), bold_r)])
        if not report.lines:
            rows.insert(1, [p("Không có khoản thu nào trong kỳ.", cell), "", "", "", ""])
        out.append(LongTable(rows, colWidths=widths, repeatRows=1, style=grid))
        out.append(Spacer(1, pap.size * 0.4))
        out.append(pm(f"Tổng số tiền đã thu: <b>{esc(group(report.total))} đồng</b> "
                      f"(<i>{esc(amount_words(report.total))}</i>).", st.body))
        out.append(p(f"Biên lai đã hủy: {report.cancelled}; số biên lai không sử dụng: {report.void}; "
                     f"trường hợp được miễn: {report.exemptions}"
                     + (f" (số tiền được miễn đã biết: {group(report.waived)} đồng)." if report.waived else "."),
                     st.body))
        if report.lines:
            out.append(p("II. Chi tiết theo ngày", st.heading))
            rows = [[p(h, st.head) for h in ("Ngày / khoản thu", *HEAD[1:])]]
            for day, fees in report.by_day():
                rows.append([pm(f"<b>{esc(short_date_iso(day))}</b>", cell), "", "", "", ""])
                rows += [line(f, f"   {f.fee_name}") for f in fees]
            out.append(LongTable(rows, colWidths=widths, repeatRows=1, style=grid))
        out.append(signatures([("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)", prepared_by),
                               ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên, đóng dấu)", "")], pap))
        return out

    meta = PdfMeta(title=f"Báo cáo thu phí, lệ phí {short_date(report.date_from)} – {short_date(report.date_to)}",
                   author=ctx.profile.name, footer="Báo cáo thu phí, lệ phí")
    return render(lambda: [story()], pap, meta)


def short_date_iso(day: str) -> str:
    from datetime import date

    return short_date(date.fromisoformat(day))
